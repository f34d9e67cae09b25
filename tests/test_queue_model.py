"""The live queue model: Qt's model tester, paging in blocks, sorting in SQL, live refresh."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases import queue as q
from db.cases.intake import report_case
from db.cases.states import Action, Group
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case
from db.models.base import utcnow
from desktop.common.durations import time_left_text, working_left_text
from desktop.core.context import AppContext
from desktop.desk import case_mime
from desktop.desk.queue_columns import (
    ALERT_ROLE,
    CASE_ID_ROLE,
    COL_LEFT,
    COL_NUMBER,
    COL_URGENT,
    OVERDUE,
    WARNING,
)
from desktop.desk.queue_model import QueueModel
from tests.street import GRID_A1, GRID_B1

DISPLAY = Qt.ItemDataRole.DisplayRole


def report(db: Database, category: str = "0101", *, hours_ago: float = 0.0, **kw: object) -> str:
    return report_case(
        db,
        grid_code=kw.pop("grid", GRID_A1),
        category_code=category,
        description=str(kw.pop("description", "楼下堆放垃圾")),
        now=utcnow() - timedelta(hours=hours_ago),
        **kw,
    )


def case_id_of(db: Database, number: str) -> int:
    with db.read() as s:
        return int(s.scalar(select(Case.id).where(Case.number == number)))


def wait_loaded(qtbot: QtBot, model: QueueModel) -> None:
    qtbot.waitUntil(lambda: not model.is_loading() and model.has_all_ids(), timeout=10_000)


def shown_numbers(qtbot: QtBot, model: QueueModel) -> list[str]:
    wait_loaded(qtbot, model)
    model.set_visible(0, model.rowCount() - 1)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    return [model.index(r, COL_NUMBER).data(DISPLAY) for r in range(model.rowCount())]


def test_model_tester_and_columns(qtbot: QtBot, qtmodeltester, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    urgent = report(ctx.db, "0401")
    normal = report(ctx.db, "0101", hours_ago=1, address="明山路1号")
    model = QueueModel(ctx, block_size=4)
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    wait_loaded(qtbot, model)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 10
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    assert headers == [
        "编号",
        "上报时间",
        "社区/网格",
        "类别",
        "描述",
        "紧急",
        "状态",
        "督办",
        "部门",
        "剩余时间",
    ]
    assert shown_numbers(qtbot, model) == [urgent, normal]  # 紧急 first
    row = [model.index(0, c).data(DISPLAY) for c in range(10)]
    assert row[0] == urgent and row[2] == "锦峪/第01网格" and row[3] == "燃气泄漏"
    assert row[5] == "紧急" and row[6] == "待立案" and row[7] == "" and row[8] == ""
    assert row[9].startswith("0:0")  # 10 minutes to register and dispatch, counting down
    assert model.index(1, COL_URGENT).data(DISPLAY) == ""
    assert model.index(0, COL_NUMBER).data(CASE_ID_ROLE) == model.case_id(0)
    assert model.index(0, 0).data(Qt.ItemDataRole.WhatsThisRole) is None
    # The tester keeps watching while the model re-queries and refreshes.
    model.set_filter(q.QueueFilter(group=None))
    wait_loaded(qtbot, model)
    report(ctx.db, "0102")
    model.refresh(None)
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    shown = shown_numbers(qtbot, model)
    assert shown == sorted(shown, reverse=True) and {normal, urgent} < set(shown)


def test_blocks_load_on_demand_and_stay_few(qtbot: QtBot, qtmodeltester, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    numbers = [report(ctx.db, "0101", hours_ago=i / 60) for i in range(23)]
    numbers.sort()
    model = QueueModel(ctx, block_size=5, max_blocks=2, hold=True)
    qtmodeltester.check(model)
    model.first_page_rows = 3  # what fills the view: painted before the COUNT is in
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    model.set_sort(q.QueueSort(q.SortKey.NUMBER))
    assert not model.is_loading()  # held until the view shows
    counts: list[int] = []
    model.loaded.connect(lambda: counts.append(model.rowCount()))
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.start()
    assert counts == [3]
    wait_loaded(qtbot, model)
    assert model.rowCount() == 23
    assert model.index(22, COL_NUMBER).data(DISPLAY) is None  # not fetched yet
    model.set_visible(20, 22)
    qtbot.waitUntil(lambda: model.index(22, COL_NUMBER).data(DISPLAY) == numbers[-1])
    model.set_visible(10, 12)
    qtbot.waitUntil(lambda: model.index(11, COL_NUMBER).data(DISPLAY) == numbers[11])
    assert len(model._blocks) <= 2


def test_sort_and_filter_happen_in_sql(qtbot: QtBot, ctx: AppContext) -> None:
    a = report(ctx.db, "0101", hours_ago=2)
    b = report(ctx.db, "0101", hours_ago=1, grid=GRID_B1, description="井盖缺失")
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    model.sort(1, Qt.SortOrder.AscendingOrder)  # 上报时间
    assert shown_numbers(qtbot, model) == [a, b]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert shown_numbers(qtbot, model) == [b, a]
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER, text="井盖"))
    assert shown_numbers(qtbot, model) == [b]
    model.sort(4, Qt.SortOrder.AscendingOrder)  # 描述 is not sortable: nothing happens
    assert model.queue_sort == q.QueueSort(q.SortKey.REPORTED, True)


def test_countdown_colours_and_tick(qtbot: QtBot, ctx: AppContext) -> None:
    late = report(ctx.db, "0401", hours_ago=1)  # 10 natural minutes to dispatch: overdue
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    wait_loaded(qtbot, model)
    model.set_visible(0, 0)
    assert model.index(0, 0).data(DISPLAY) == late
    assert model.index(0, 0).data(ALERT_ROLE) == OVERDUE
    assert model.index(0, COL_LEFT).data(DISPLAY).startswith("超期 0:5")
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, COL_NUMBER).data(Qt.ItemDataRole.DecorationRole) is not None
    with qtbot.waitSignal(model.dataChanged, timeout=3000) as signal:
        pass
    top_left, bottom_right = signal.args[0], signal.args[1]
    assert (top_left.column(), bottom_right.column()) == (COL_LEFT, COL_LEFT)
    # Warning share: 80% of the 10 minutes used.
    model_row = model.case_row(0)
    assert model_row is not None and model_row.warn is not None and model_row.due is not None
    from desktop.desk.queue_columns import alert_state

    assert alert_state(model_row, model_row.warn + 1) == WARNING
    assert time_left_text(3 * 86400 + 3600 * 4 + 60 * 5) == "3天 04:05"
    assert time_left_text(-75) == "超期 0:01:15"


def test_working_time_countdown_stands_still_after_hours(qtbot: QtBot, ctx: AppContext) -> None:
    """暴露垃圾 has 4 working hours: dispatched Friday 16:00, 1.5 h count that day and the
    deadline is Monday 11:00; over the weekend the cell keeps showing the 2.5 h left."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Shanghai")

    def at(day: int, hour: int, minute: int = 0) -> float:
        return datetime(2026, 11, day, hour, minute, tzinfo=tz).timestamp()

    friday = datetime(2026, 11, 27, 16, 0, tzinfo=tz)
    number = report_case(
        ctx.db, grid_code=GRID_A1, category_code="0101", description="垃圾", now=friday
    )
    apply(ctx.db, number, Action.REGISTER, now=friday)
    apply(ctx.db, number, Action.DISPATCH, Request(department="环卫所"), now=friday)
    urgent = report_case(
        ctx.db, grid_code=GRID_B1, category_code="0401", description="燃气", now=friday
    )
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=None))
    assert set(shown_numbers(qtbot, model)) == {number, urgent}
    row = {model.index(r, COL_NUMBER).data(DISPLAY): r for r in range(model.rowCount())}

    def left(case: str, now: float) -> str:
        model._now = now
        text: str = model.index(row[case], COL_LEFT).data(DISPLAY)
        return text

    assert left(number, at(27, 16, 30)) == "3:30:00 工时"
    assert left(number, at(28, 10)) == left(number, at(29, 22)) == "2:30:00 工时"
    assert left(number, at(30, 9)) == "2:00:00 工时"
    assert left(number, at(30, 11, 5)).startswith("超期 0:05")
    tip = model.index(row[number], COL_LEFT).data(Qt.ItemDataRole.ToolTipRole)
    assert "工作时间" in tip
    # 燃气泄漏 counts natural time: a plain wall-clock countdown.
    assert left(urgent, at(27, 16, 5)) == "0:05:00"
    assert working_left_text(2 * 480 * 60 + 3600 + 120, 480) == "2工作日 1:02"
    # A deadline outside working hours (the category's basis changed after it was set): the
    # wall-clock countdown rather than a frozen 0:00:00.
    stored = model.case_row(row[number])
    assert stored is not None
    assert model._cells.left_text(stored._replace(due=at(28, 10)), at(27, 18)) == "16:00:00"


def test_refresh_keeps_order_and_highlights_new_cases(qtbot: QtBot, ctx: AppContext) -> None:
    first = report(ctx.db, "0101", hours_ago=1)
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=None))
    model.set_sort(q.QueueSort(q.SortKey.REPORTED))
    wait_loaded(qtbot, model)
    model.set_visible(0, 10)
    second = report(ctx.db, "0101")
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.refresh(frozenset({case_id_of(ctx.db, second)}))
    assert shown_numbers(qtbot, model) == [first, second]
    assert model.highlighted(case_id_of(ctx.db, second))
    assert not model.highlighted(case_id_of(ctx.db, first))
    # A change that keeps the order repaints the row in place, without a reset.
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    apply(ctx.db, first, Action.REGISTER, Request())
    with qtbot.waitSignals([model.refreshed, model.dataChanged], timeout=10_000):
        model.refresh(frozenset({case_id_of(ctx.db, first)}))
    assert not resets
    assert model.index(0, 6).data(DISPLAY) == "待派遣"


def test_new_urgent_case_is_announced(qtbot: QtBot, ctx: AppContext) -> None:
    report(ctx.db, "0101")
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    wait_loaded(qtbot, model)
    model.set_visible(0, 10)
    messages: list[str] = []
    ctx.signals.message.connect(messages.append)
    urgent = report(ctx.db, "0403")  # 路面塌陷
    case_id = case_id_of(ctx.db, urgent)
    with qtbot.waitSignal(model.urgent_arrived, timeout=10_000) as signal:
        model.refresh(frozenset({case_id}))
    assert signal.args == [[urgent]]
    assert any(urgent in m and "紧急" in m for m in messages)
    assert model.index(0, 0).data(DISPLAY) == urgent  # sorted to the top
    assert model.highlighted(case_id)
    # Announced once only.
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.refresh(frozenset({case_id}))
    assert sum(urgent in m for m in messages) == 1


def test_mime_round_trip(qtbot: QtBot, ctx: AppContext) -> None:
    a = report(ctx.db, "0101", hours_ago=1)
    b = report(ctx.db, "0401")
    model = QueueModel(ctx)
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    wait_loaded(qtbot, model)
    mime = model.mimeData([model.index(0, 0), model.index(1, 3), model.index(0, 5)])
    assert set(mime.formats()) >= {case_mime.MIME_TYPE, "text/plain"}
    assert mime.text().splitlines() == [b, a]
    cases = case_mime.decode(mime)
    assert [c.number for c in cases] == [b, a]
    assert [c.version for c in cases] == [1, 1]
    assert cases[0].id == model.case_id(0)
    assert cases[0].default_department_id is not None
    assert case_mime.decode(case_mime.encode(cases)) == cases
    foreign = case_mime.encode(cases)
    foreign.setData(case_mime.MIME_TYPE, b"not json")
    assert case_mime.decode(foreign) == []
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags

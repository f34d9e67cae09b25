"""Alarms of urgent cases (issue 11, points 2 and 10) on both databases: raised when an urgent case
is reported, reaches its warning time and passes its deadline, once each, kept until someone
acknowledges them (who and when recorded, seen by another workstation); the desk's banner and
sound; urgent rows outrank the overdue tint; the queue's filters never hide an alarm, show that
they are on, and the drill-down's 清除 resets every filter it set."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

import db.cases.alarms
import desktop.desk.alarms
from db.cases import queue as q
from db.cases.alarms import AlarmKind, acknowledge, acknowledge_alarms, check_alarms
from db.cases.intake import report_case
from db.cases.states import Group
from db.database import open_database
from db.engine import Database
from db.errors import NotFound, PermissionDenied
from db.models import AuditEntry, Case, CaseAlarm
from desktop.common import palette
from desktop.core.context import AppContext
from desktop.desk.alarms_sound import set_sound_enabled
from desktop.desk.desk_page import DeskPage
from desktop.desk.queue_columns import COL_NUMBER, COL_PLACE
from desktop.desk.queue_model import QueueModel
from tests.actors import DISPATCHER, LEADER, SHIFT_LEAD
from tests.street import GRID_A1, GRID_B1
from tests.test_workflow import GARBAGE, GAS_LEAK, local

BACKGROUND = Qt.ItemDataRole.BackgroundRole
DISPLAY = Qt.ItemDataRole.DisplayRole
START = local(2026, 11, 23, 9, 0)  # a Monday morning; 燃气泄漏: 10 natural minutes to dispatch


class Clock:
    """The time the alarm checks see (`utcnow` in db.cases.alarms and the watcher)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock(START)
    monkeypatch.setattr(db.cases.alarms, "utcnow", frozen)
    monkeypatch.setattr(desktop.desk.alarms, "utcnow", frozen)
    return frozen


def report(database: Database, clock: Clock, category: str = GAS_LEAK, **kw: object) -> str:
    return report_case(
        database,
        grid_code=kw.pop("grid", GRID_A1),
        category_code=category,
        description=str(kw.pop("description", "楼道里有燃气味")),
        now=clock.now,
        **kw,
    )


def kinds(found: list[db.cases.alarms.Alarm]) -> list[tuple[str, AlarmKind]]:
    return [(a.number, a.kind) for a in found]


def test_alarms_at_new_warning_and_overdue_kept_until_acknowledged(
    street: Database, db_url: str, clock: Clock
) -> None:
    gas = report(street, clock)
    report(street, clock, GARBAGE, description="楼下堆放垃圾")  # not urgent: never alarms
    assert check_alarms(street, LEADER).open_count == 0  # a read-only role raises nothing
    first = check_alarms(street, DISPATCHER)
    assert kinds(first.raised) == [(gas, AlarmKind.NEW)]
    assert first.next_at == START + timedelta(minutes=8)  # the warning time (80 % of 10 min)
    assert check_alarms(street, DISPATCHER).raised == []  # once per case and kind
    clock.move(minutes=8)
    warned = check_alarms(street, DISPATCHER)
    assert kinds(warned.raised) == [(gas, AlarmKind.WARNING)]
    clock.move(minutes=2)
    overdue = check_alarms(street, SHIFT_LEAD)
    assert kinds(overdue.raised) == [(gas, AlarmKind.OVERDUE)]
    assert overdue.open_count == 3 and overdue.next_at is None
    # Kept until acknowledged, however often anyone looks.
    clock.move(hours=3)
    later = check_alarms(street, DISPATCHER)
    assert later.raised == [] and later.open_count == 3
    assert [a.kind for a in later.open] == [AlarmKind.OVERDUE, AlarmKind.WARNING, AlarmKind.NEW]

    assert check_alarms(street, LEADER).open_count == 3  # but sees what the desk raised
    # 领导 reads but may not acknowledge; an unknown alarm is named.
    with pytest.raises(PermissionDenied):
        acknowledge(street, [later.open[0].id], LEADER)
    with pytest.raises(NotFound):
        acknowledge(street, [999_999], DISPATCHER)

    # Another workstation (its own connection) acknowledges: who and when are kept.
    other = open_database(db_url)
    try:
        with other.write() as session:
            done = acknowledge_alarms(session, [a.id for a in later.open], SHIFT_LEAD, clock.now)
        assert done == 3
        assert check_alarms(other, SHIFT_LEAD).open_count == 0
    finally:
        other.dispose()
    assert check_alarms(street, DISPATCHER).open == []
    assert acknowledge(street, [later.open[0].id], DISPATCHER) == 0  # already done: kept
    with street.read() as s:
        rows = s.execute(
            select(CaseAlarm.kind, CaseAlarm.acknowledged_by, CaseAlarm.acknowledged_at)
        )
        assert {(k, by, at) for k, by, at in rows} == {
            (kind.value, SHIFT_LEAD.label, clock.now) for kind in AlarmKind
        }
        audit = s.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.object_id).where(
                AuditEntry.action.like("case.alarm%")
            )
        ).all()
    assert sorted(audit) == sorted(
        [
            ("case.alarm", DISPATCHER.username, gas),
            ("case.alarm", DISPATCHER.username, gas),
            ("case.alarm", SHIFT_LEAD.username, gas),
            *[("case.alarm.acknowledge", SHIFT_LEAD.username, gas)] * 3,
        ]
    )


def test_two_workstations_raise_one_alarm(
    street: Database, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second workstation read the same moment before the first one's insert committed:
    its insert is a no-op (the unique key), with no second audit entry."""
    report(street, clock)
    with street.read() as s:
        seen = db.cases.alarms.due_alarms(s, clock.now)
    assert len(check_alarms(street, DISPATCHER).raised) == 1
    monkeypatch.setattr(db.cases.alarms, "due_alarms", lambda _s, _now: seen)
    with street.write() as s:
        assert db.cases.alarms.raise_alarms(s, SHIFT_LEAD, clock.now) == []
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseAlarm)) == 1
        assert s.scalar(select(func.count()).where(AuditEntry.action == "case.alarm")) == 1


def test_a_moment_older_than_the_lookback_does_not_alarm(street: Database, clock: Clock) -> None:
    report(street, clock)
    clock.move(hours=25)  # a workstation starting a day later: no flood of stale alarms
    assert check_alarms(street, DISPATCHER).open_count == 0


# --- the desk ------------------------------------------------------------------------------------


@pytest.fixture
def desk(
    qtbot: QtBot, street: Database, clock: Clock, settings_in_tmp: object
) -> Iterator[Callable[..., DeskPage]]:
    made: list[tuple[DeskPage, AppContext]] = []

    def make(*, feed: bool = False) -> DeskPage:
        ctx = AppContext.create(street, DISPATCHER, start_feed=feed)
        page = DeskPage(ctx)
        page.alarms.player = lambda: "test"
        qtbot.addWidget(page)
        page.resize(1600, 900)
        page.show()
        made.append((page, ctx))
        return page

    yield make
    for page, ctx in made:
        page.close()
        ctx.close()


def checked(qtbot: QtBot, page: DeskPage) -> None:
    """Run one alarm check now (as the timer or the feed would) and wait for its answer."""
    before = page.alarms.checks
    page.alarms.check()
    qtbot.waitUntil(lambda: page.alarms.checks > before and page.alarms.is_idle(), timeout=10_000)


def test_the_banner_stays_until_acknowledged_at_another_workstation(
    qtbot: QtBot, street: Database, db_url: str, clock: Clock, desk: Callable[..., DeskPage]
) -> None:
    page = desk()
    banner = page.alarm_banner
    qtbot.waitUntil(lambda: page.alarms.checks > 0, timeout=10_000)
    assert not banner.isVisible() and page.alarms.played == []
    gas = report(street, clock)
    checked(qtbot, page)
    assert banner.isVisible() and gas in banner.lines.text()
    assert "新紧急案件" in banner.lines.text() and page.alarms.played == ["test"]
    clock.move(minutes=8)
    checked(qtbot, page)
    assert banner.count == 2 and "到预警时间" in banner.lines.text()
    clock.move(minutes=2)
    checked(qtbot, page)
    assert banner.count == 3 and "已超期" in banner.lines.text()
    assert page.alarms.played == ["test"] * 3
    clock.move(hours=1)
    checked(qtbot, page)
    assert banner.isVisible() and banner.count == 3  # nobody acknowledged: still there
    assert page.alarms.played == ["test"] * 3  # an alarm sounds once

    # 确认 here acknowledges the newest; another workstation acknowledges the rest.
    with qtbot.waitSignal(page.alarms.acknowledged, timeout=10_000):
        qtbot.mouseClick(banner.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: banner.count == 2 and page.alarms.is_idle(), timeout=10_000)
    other = open_database(db_url)
    try:
        assert acknowledge(other, [a.id for a in banner.alarms], SHIFT_LEAD) == 2
    finally:
        other.dispose()
    checked(qtbot, page)  # the next refresh (the change feed or the timer) clears it here
    assert not banner.isVisible()
    with street.read() as s:
        by = {k: who for k, who in s.execute(select(CaseAlarm.kind, CaseAlarm.acknowledged_by))}
    assert by == {"overdue": DISPATCHER.label, "warning": SHIFT_LEAD.label, "new": SHIFT_LEAD.label}


def test_the_sound_follows_the_workstation_setting(
    qtbot: QtBot, street: Database, clock: Clock, desk: Callable[..., DeskPage]
) -> None:
    set_sound_enabled(False)
    page = desk()
    report(street, clock)
    checked(qtbot, page)
    assert page.alarm_banner.isVisible() and page.alarms.played == []
    set_sound_enabled(True)
    clock.move(minutes=8)
    checked(qtbot, page)
    assert page.alarms.played == ["test"]


def test_a_new_urgent_case_the_filter_hides_still_alarms(
    qtbot: QtBot, street: Database, clock: Clock, desk: Callable[..., DeskPage]
) -> None:
    page = desk(feed=True)
    filters = page.queue.filters
    qtbot.waitUntil(lambda: filters.community.count() == 3, timeout=10_000)
    assert not filters.is_filtered() and not filters.reset_button.isVisible()
    filters.community.setCurrentIndex(filters.community.findText("新明社区"))
    assert filters.is_filtered() and filters.property("filtered") is True
    assert filters.reset_button.isVisible()
    qtbot.waitUntil(lambda: "（已筛选）" in filters.tabs.tabText(filters.tabs.currentIndex()))
    # An urgent case in 锦峪社区 arrives through the live feed: hidden, but it alarms.
    gas = report(street, clock, grid=GRID_A1)
    qtbot.waitUntil(lambda: page.alarm_banner.isVisible(), timeout=10_000)
    assert gas in page.alarm_banner.lines.text()
    model = page.queue.model
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert gas not in [model.index(r, COL_NUMBER).data(DISPLAY) for r in range(model.rowCount())]
    # 查看 shows the hidden case in the pane.
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.alarm_banner.view_button, Qt.MouseButton.LeftButton)
    assert page.detail.number == gas
    # 清除筛选: nothing hides cases any more.
    qtbot.mouseClick(filters.reset_button, Qt.MouseButton.LeftButton)
    assert not filters.is_filtered() and filters.property("filtered") is False
    assert "已筛选" not in filters.tabs.tabText(filters.tabs.currentIndex())


def test_clear_after_a_drill_down_resets_every_filter_it_set(
    qtbot: QtBot, street: Database, clock: Clock, desk: Callable[..., DeskPage]
) -> None:
    page = desk()
    filters = page.queue.filters
    qtbot.waitUntil(lambda: filters.community.count() == 3, timeout=10_000)
    with street.read() as s:
        from db.models import Category, Community

        north = s.scalar(select(Community.id).where(Community.name == "新明社区"))
        gas_leak = s.scalar(select(Category.id).where(Category.code == GAS_LEAK))
    # What a click on a statistics chart sends: a community, a 小类, 只看预警/超期, no period.
    request = dict.fromkeys(("grid_id", "major_id", "department_id", "source", "from", "to"))
    request |= {
        "community_id": north,
        "category_id": gas_leak,
        "alert_only": True,
        "open_only": False,
        "time_field": "reported",
    }
    filters.show_external(request)
    assert filters.chip.isVisible()
    chip = filters.chip_label.text()
    assert "新明社区" in chip and "燃气泄漏" in chip and "只看预警/超期" in chip
    assert filters.is_filtered()
    clear = next(
        b for b in filters.chip.findChildren(type(filters.reset_button)) if b.text() == "清除"
    )
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert filters.community.currentIndex() == 0
    assert filters.category.currentIndex() == 0
    assert not filters.alert_only.isChecked()
    assert not filters.chip.isVisible() and not filters.is_filtered()
    assert page.queue.model.queue_filter.community_id is None
    assert not page.queue.model.queue_filter.alert_only
    # A new urgent case in another community is listed again.
    gas = report(street, clock, grid=GRID_B1)
    page.queue.model.refresh(None)
    model = page.queue.model
    qtbot.waitUntil(
        lambda: (
            not model.is_loading()
            and gas in [model.index(r, COL_NUMBER).data(DISPLAY) for r in range(model.rowCount())]
        ),
        timeout=10_000,
    )


def test_an_urgent_row_outranks_the_overdue_tint(
    qtbot: QtBot, street: Database, clock: Clock, make_ctx: Callable[..., AppContext]
) -> None:
    """Both cases are long past their 10-minute dispatch limit (reported on START)."""
    urgent = report(street, clock)
    plain = report(street, clock, urgent=False, description="燃气表箱门坏了")
    model = QueueModel(make_ctx(street))
    model.set_filter(q.QueueFilter(group=Group.TO_REGISTER))
    qtbot.waitUntil(lambda: model.has_all_ids() and not model.is_loading(), timeout=10_000)
    model.set_visible(0, model.rowCount() - 1)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    colours: dict[str, str] = {}
    for row in range(model.rowCount()):
        brush = model.index(row, COL_PLACE).data(BACKGROUND)
        assert isinstance(brush, QBrush)
        colours[model.index(row, COL_NUMBER).data(DISPLAY)] = brush.color().name()
    assert colours == {urgent: palette.URGENT_ROW, plain: palette.OVERDUE_ROW}
    with street.read() as s:
        assert s.scalar(select(Case.urgent).where(Case.number == plain)) is False


def test_the_latest_moment_is_listed_first(street: Database, clock: Clock) -> None:
    """One check raises an hour-old deadline and a case reported just now: the banner lists
    the new case first, however the check happened to raise them."""
    late = report(street, clock)
    clock.move(hours=1)
    fresh = report(street, clock, description="又一处燃气味")
    found = check_alarms(street, DISPATCHER)
    assert (late, AlarmKind.OVERDUE) in kinds(found.raised)
    assert kinds(found.open)[0] == (fresh, AlarmKind.NEW)
    moments = [a.deadline for a in found.open]
    assert moments == sorted(moments, reverse=True)

"""The queue as one dispatcher reads it: the 挂账 tab, the 督办 count, columns and saved views
per user; the 人员 roster in the pinyin order of 姓名."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.cases import queue as q
from db.cases.states import Action, Group
from db.engine import Database
from db.models.base import utcnow
from db.people.roster_kinds import Kind
from db.people.rosters import create_entry
from db.security.actors import SYSTEM, Actor, Role
from desktop.core.context import AppContext
from desktop.desk.queue_columns import COL_NUMBER, COL_PLACE, COL_REPORTED, COL_URGE, COLUMNS
from desktop.desk.queue_filters import TABS
from desktop.desk.queue_view import QueueView
from desktop.people.people_page import PeoplePage
from tests.actors import DISPATCHER, SHIFT_LEAD
from tests.street import GRID_A1, GRID_B1
from tests.test_case_queue import act, report
from tests.test_rosters import CASES, person

pytestmark = pytest.mark.usefixtures("settings_in_tmp")
DISPLAY = Qt.ItemDataRole.DisplayRole


def make_view(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database, actor: Actor
) -> QueueView:
    view = QueueView(make_ctx(db, actor))
    qtbot.addWidget(view)
    view.resize(1600, 700)
    view.show()
    settle(qtbot, view)
    return view


def settle(qtbot: QtBot, view: QueueView) -> None:
    model = view.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and view.ctx.tasks.is_idle(),
        timeout=10_000,
    )


def shown(qtbot: QtBot, view: QueueView, column: int = COL_NUMBER) -> list[str]:
    settle(qtbot, view)
    model = view.model
    return [model.index(r, column).data(DISPLAY) for r in range(model.rowCount())]


@pytest.fixture
def cases(street: Database) -> dict[str, str]:
    now = utcnow()
    c = {
        "held": report(street, GRID_A1, "0101", now - timedelta(hours=3)),
        "urged": report(street, GRID_B1, "5101", now - timedelta(hours=2)),  # 井盖缺失
    }
    for number in c.values():
        act(street, number, Action.DISPATCH, now - timedelta(hours=1))
    act(street, c["held"], Action.SUSPEND, now - timedelta(minutes=30), reason="资金未落实")
    for minutes in (20, 10):
        act(street, c["urged"], Action.URGE, now - timedelta(minutes=minutes), reason="尽快")
    return c


def test_suspended_tab_and_urge_count(
    qtbot: QtBot, qtmodeltester, street: Database, make_ctx, cases: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, make_ctx, street, DISPATCHER)
    tabs = view.filters.tabs
    assert tabs.currentIndex() == TABS.index(Group.IN_PROGRESS)
    assert shown(qtbot, view) == [cases["urged"]]  # 处置中 without the 挂账 case
    assert shown(qtbot, view, COL_URGE) == ["督×2"]
    assert view.model.headerData(COL_URGE, Qt.Orientation.Horizontal) == "督办"
    qtbot.waitUntil(lambda: tabs.tabText(TABS.index(q.SUSPENDED_TAB)) == "挂账 1")
    assert tabs.tabText(TABS.index(Group.IN_PROGRESS)) == "处置中 1"
    qtmodeltester.check(view.model)
    # Alt+4 (the fourth tab) is 挂账; its case shows there with no 督办 mark.
    view.desk_actions["tab_4"].trigger()
    assert TABS[tabs.currentIndex()] == q.SUSPENDED_TAB
    assert shown(qtbot, view) == [cases["held"]]
    assert shown(qtbot, view, COL_URGE) == [""]
    view.desk_actions["tab_7"].trigger()  # 全部
    assert sorted(shown(qtbot, view)) == sorted(cases.values())
    # 社区/网格 holds the demo street's longest place in full.
    need = view.table.fontMetrics().horizontalAdvance("和平/第02网格（峪明新村小区）") + 12
    assert view.table.columnWidth(COL_PLACE) >= need


def test_columns_kept_per_user(qtbot: QtBot, street: Database, make_ctx) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, make_ctx, street, DISPATCHER)
    header = view.table.horizontalHeader()
    menu = view.header_layout.build_menu()
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert titles == [t for t, _ in COLUMNS]
    hide = next(a for a in menu.actions() if a.text() == "上报时间")
    hide.trigger()  # the header's menu unticks 上报时间
    assert header.isSectionHidden(COL_REPORTED)
    header.moveSection(header.visualIndex(COL_URGE), 1)  # 督办 dragged next to 编号
    view.header_layout.save()
    view.close()

    again = make_view(qtbot, make_ctx, street, DISPATCHER)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(COL_REPORTED)
    assert header.logicalIndex(1) == COL_URGE
    other = make_view(qtbot, make_ctx, street, SHIFT_LEAD)
    header = other.table.horizontalHeader()
    assert not header.isSectionHidden(COL_REPORTED)
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(len(COLUMNS)))


def test_saved_view_round_trip(
    qtbot: QtBot, street: Database, make_ctx, cases: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, make_ctx, street, DISPATCHER)
    f = view.filters
    qtbot.waitUntil(lambda: f.options is not None)
    f.community.setCurrentIndex(1)
    f.urgency.setCurrentIndex(f.urgency.findData(False))
    f.alert_only.setChecked(True)
    f.search.setText("jg")
    f.tabs.setCurrentIndex(TABS.index(None))
    wanted_state, wanted_filter = f.state(), f.current_filter()
    assert view.saved_views.save_as("我的社区 紧急")
    assert view.saved_views.menu_names() == ["保存当前筛选为…", "我的社区 紧急"]

    f.apply_state({})  # everything back to 全部 / 处置中 defaults
    assert f.current_filter() != wanted_filter
    assert view.saved_views.apply("我的社区 紧急")
    assert f.state() == wanted_state and f.current_filter() == wanted_filter
    settle(qtbot, view)
    assert view.model.queue_filter == wanted_filter

    other = make_view(qtbot, make_ctx, street, SHIFT_LEAD)
    assert other.saved_views.store.names() == []  # per user
    view.saved_views.delete("我的社区 紧急")
    assert view.saved_views.store.names() == []


def test_pinyin_search_in_the_queue(
    qtbot: QtBot, street: Database, make_ctx, cases: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, make_ctx, street, DISPATCHER)
    view.filters.tabs.setCurrentIndex(TABS.index(None))
    view.filters.search.setText("jg")
    view.filters.apply_filter()
    assert shown(qtbot, view) == [cases["urged"]]


def test_roster_lists_names_in_pinyin_order(
    qtbot: QtBot, street: Database, role_ctx: Callable[[Role], AppContext]
) -> None:
    names = ["王小明", "刘洋", "安琪", "张三"]  # code points: 刘 安 张 王
    with street.write() as s:
        for n, name in enumerate(names, start=51):
            raw = CASES[Kind.COMMUNITY_WORKER][0] | person(n, name)
            create_entry(s, Kind.COMMUNITY_WORKER, raw, SYSTEM)
    ctx = role_ctx(Role.SECRETARY)
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    tab = page.rosters[Kind.COMMUNITY_WORKER]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4 and ctx.tasks.is_idle())
    assert [r.cells[0] for r in tab.model.rows] == ["安琪", "刘洋", "王小明", "张三"]


def test_a_case_number_typed_on_the_wrong_tab_says_where_the_case_is(
    qtbot: QtBot, street: Database, make_ctx, cases: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    """A caller reads out the number of a closed case; the dispatcher types it on the desk's
    first tab (处置中), which shows nothing: the 已结案 tab's count says where it is."""
    closed = report(street, GRID_A1, "0101", utcnow() - timedelta(minutes=20))
    act(street, closed, Action.REJECT, utcnow() - timedelta(minutes=10), reason="重复上报")
    view = make_view(qtbot, make_ctx, street, DISPATCHER)
    tabs = view.filters.tabs
    done = TABS.index(Group.DONE)
    assert TABS[tabs.currentIndex()] == Group.IN_PROGRESS
    qtbot.waitUntil(lambda: tabs.tabText(done) == "已结案")  # not counted for any text
    view.filters.search.setText(closed)
    view.filters.apply_filter()
    assert shown(qtbot, view) == []
    qtbot.waitUntil(lambda: tabs.tabText(done) == "已结案 1")
    assert tabs.tabText(tabs.currentIndex()) == "处置中 0（已筛选）"
    view.desk_actions["tab_6"].trigger()  # 已结案
    assert shown(qtbot, view) == [closed]
    view.filters.search.setText(cases["urged"][:10])  # part of a number: no count there
    view.filters.apply_filter()
    qtbot.waitUntil(lambda: tabs.tabText(done).startswith("已结案（"))

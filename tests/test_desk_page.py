"""The desk page driven like a dispatcher would: filters, sorting, search, selection, keyboard
dispatch, undo, and cases arriving from another connection through the live feed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases import queue as q
from db.cases.intake import report_case
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case
from db.models.base import utcnow
from desktop.cases.case_detail import CaseWindow
from desktop.core.context import AppContext
from desktop.desk.desk_page import DeskPage
from desktop.desk.queue_columns import COL_NUMBER
from desktop.desk.queue_filters import TABS
from desktop.desk.queue_model import QueueModel
from tests.street import GRID_A1, GRID_B1

pytestmark = pytest.mark.usefixtures("settings_in_tmp")

DISPLAY = Qt.ItemDataRole.DisplayRole


def report(db: Database, category: str = "0101", hours_ago: float = 0.0, **kw: object) -> str:
    return report_case(
        db,
        grid_code=kw.pop("grid", GRID_A1),
        category_code=category,
        description=str(kw.pop("description", "楼下堆放垃圾")),
        now=utcnow() - timedelta(hours=hours_ago),
        **kw,
    )


def status_of(db: Database, number: str) -> str:
    with db.read() as s:
        return str(s.scalar(select(Case.status).where(Case.number == number)))


def settle(qtbot: QtBot, page: DeskPage) -> None:
    model = page.queue.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and page.ctx.tasks.is_idle(),
        timeout=10_000,
    )


def shown(qtbot: QtBot, page: DeskPage) -> list[str]:
    settle(qtbot, page)
    model = page.queue.model
    return [model.index(r, COL_NUMBER).data(DISPLAY) for r in range(model.rowCount())]


def click_tab(qtbot: QtBot, page: DeskPage, label: str) -> None:
    tabs = page.queue.filters.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith(label))
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    assert tabs.currentIndex() == index


def select_row(
    qtbot: QtBot, page: DeskPage, row: int, modifier=Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    table = page.queue.table
    rect = table.visualRect(page.queue.model.index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def make_page(qtbot: QtBot, db: Database, *, feed: bool = False) -> Iterator[DeskPage]:
    ctx = AppContext.create(db, start_feed=feed)
    page = DeskPage(ctx)
    qtbot.addWidget(page)
    page.resize(1600, 900)
    page.show()
    try:
        yield page
    finally:
        page.close()
        ctx.close()


@pytest.fixture
def page(qtbot: QtBot, street: Database) -> Iterator[DeskPage]:
    yield from make_page(qtbot, street)


def test_tabs_filters_and_search(qtbot: QtBot, street: Database, page: DeskPage) -> None:
    a = report(street, "0101", hours_ago=2, address="明山路12号")
    b = report(street, "0401", hours_ago=1, grid=GRID_B1, description="闻到燃气味")
    c = report(street, "0101")
    apply(street, c, Action.REGISTER)
    page.queue.model.refresh(None)
    click_tab(qtbot, page, "待立案")
    assert shown(qtbot, page) == [b, a]  # 紧急 first
    qtbot.waitUntil(lambda: page.queue.filters.tabs.tabText(0) == "待立案 2", timeout=10_000)
    assert page.queue.filters.tabs.tabText(1) == "待派遣 1"
    assert page.queue.filters.tabs.tabText(TABS.index(None)) == "全部"
    # Community combo: only 新明社区 (GRID_B1).
    combo = page.queue.filters.community
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=10_000)
    combo.setCurrentIndex(combo.findText("新明社区"))
    assert shown(qtbot, page) == [b]
    assert page.queue.filters.grid.count() == 3  # 全部网格 + the two grids of 新明社区
    combo.setCurrentIndex(0)
    # Category by 大类 and by 小类.
    category = page.queue.filters.category
    category.setCurrentIndex(category.findText("事件·突发事件"))
    assert shown(qtbot, page) == [b]
    category.setCurrentIndex(category.findText("　暴露垃圾"))
    assert shown(qtbot, page) == [a]
    category.setCurrentIndex(0)
    urgency = page.queue.filters.urgency
    urgency.setCurrentIndex(urgency.findData(True))
    assert shown(qtbot, page) == [b]
    urgency.setCurrentIndex(0)
    # Search is typed and debounced (QTest types ASCII only: a number; Chinese via an IME).
    qtbot.keyClicks(page.queue.filters.search, b)
    qtbot.waitUntil(lambda: page.queue.model.queue_filter.text == b, timeout=5000)
    assert shown(qtbot, page) == [b]
    page.queue.filters.search.clear()
    page.queue.filters.search.insert("明山路")
    qtbot.waitUntil(lambda: page.queue.model.queue_filter.text == "明山路", timeout=5000)
    assert shown(qtbot, page) == [a]
    page.queue.filters.search.clear()
    qtbot.waitUntil(lambda: page.queue.model.queue_filter.text == "", timeout=5000)
    # 只看预警/超期: the urgent one (10 natural minutes to dispatch) is an hour old; the
    # other counts working time, whose clock may not have run yet at this hour.
    qtbot.mouseClick(page.queue.filters.alert_only, Qt.MouseButton.LeftButton)
    assert page.queue.filters.alert_only.isChecked()
    assert b in shown(qtbot, page)
    qtbot.mouseClick(page.queue.filters.alert_only, Qt.MouseButton.LeftButton)
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == [c]


def test_header_click_sorts_in_sql(qtbot: QtBot, street: Database, page: DeskPage) -> None:
    older = report(street, "0401", hours_ago=3)
    newer = report(street, "0101", hours_ago=1)
    click_tab(qtbot, page, "待立案")
    assert shown(qtbot, page) == [older, newer]
    header = page.queue.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)  # 上报时间
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: page.queue.model.queue_sort.key.value == "reported", timeout=5000)
    first = shown(qtbot, page)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(
        lambda: (
            page.queue.model.queue_sort.descending
            != (header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder)
        ),
        timeout=5000,
    )
    second = shown(qtbot, page)
    assert {tuple(first), tuple(second)} == {(older, newer), (newer, older)}


def test_select_shows_detail_and_enter_opens_window(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    a = report(street, "0101", hours_ago=1)
    b = report(street, "0101")
    click_tab(qtbot, page, "待立案")
    shown(qtbot, page)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000) as signal:
        select_row(qtbot, page, 1)
    assert signal.args == [b] and page.detail.number == b
    page.queue.table.setFocus()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: page.detail.number == a, timeout=5000)
    qtbot.keyClick(page.queue.table, Qt.Key.Key_Return)
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, CaseWindow)]
    assert windows and windows[-1].pane.number == a
    for window in windows:
        window.close()


def test_keyboard_dispatch_and_undo(qtbot: QtBot, street: Database, page: DeskPage) -> None:
    number = report(street, "0101")
    apply(street, number, Action.REGISTER)
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == [number]
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=5000)
    select_row(qtbot, page, 0)
    page.queue.table.setFocus()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    picker = page.queue.picker
    assert picker is not None and picker.isVisible()
    assert picker.list.currentItem().text() == "环卫所（默认部门）"
    # The deadline the case will get is shown, as on a drag over a card.
    qtbot.waitUntil(lambda: picker.deadline.isVisible(), timeout=10_000)
    assert picker.deadline.text().startswith("处置时限 ")
    picker.search.insert("城管")  # what an input method delivers
    choice = picker.choice()
    assert choice is not None and choice[1] == "城管执法中队"
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert status_of(street, number) == Status.DISPATCHED.value
    # It left the 待派遣 tab.
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 0, timeout=10_000)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.queue.table.setFocus()
    with qtbot.waitSignal(page.dispatcher.undone, timeout=10_000):
        qtbot.keyClick(page.queue.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(street, number) == Status.REGISTERED.value
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 1, timeout=10_000)


def test_context_menu_registers_through_its_dialog(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    number = report(street, "0101")
    click_tab(qtbot, page, "待立案")
    assert shown(qtbot, page) == [number]
    select_row(qtbot, page, 0)
    menu = page.queue.context_menu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts[:4] == ["立案", "不予立案", "社区自办", "合并"] and "打开案件" in texts
    register = next(a for a in menu.actions() if a.text() == "立案")
    register.trigger()
    menu.close()
    qtbot.waitUntil(lambda: page.queue.current_dialog is not None, timeout=10_000)
    dialog = page.queue.current_dialog
    assert dialog is not None and dialog.reason_edit.hasFocus()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(lambda: status_of(street, number) == Status.REGISTERED.value, timeout=5000)
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 0, timeout=10_000)


def test_case_from_another_connection_keeps_selection(qtbot: QtBot, street: Database) -> None:
    numbers = [report(street, "0101", hours_ago=5 - i) for i in range(5)]
    for n in numbers:
        apply(street, n, Action.REGISTER)
        apply(street, n, Action.DISPATCH)
    pages = make_page(qtbot, street, feed=True)
    page = next(pages)
    try:
        qtbot.waitUntil(lambda: page.ctx.feed.state == "connected", timeout=10_000)
        page.queue.model.set_sort(q.QueueSort(q.SortKey.REPORTED, descending=True))
        assert shown(qtbot, page) == list(reversed(numbers))
        select_row(qtbot, page, 1)
        select_row(qtbot, page, 2, Qt.KeyboardModifier.ControlModifier)
        selected = page.queue.selected_ids()
        assert len(selected) == 2
        qtbot.waitUntil(lambda: page.detail.number is not None, timeout=10_000)
        shown_before = page.detail.number
        other = Database(street.engine.url.render_as_string(hide_password=False))
        try:
            new = report(other, "0101")
            apply(other, new, Action.REGISTER)
            apply(other, new, Action.DISPATCH)
        finally:
            other.dispose()
        model: QueueModel = page.queue.model
        qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=10_000)
        assert shown(qtbot, page)[0] == new  # newest first
        assert page.queue.selected_ids() == selected
        assert page.detail.number == shown_before
        assert model.highlighted(model.case_id(0) or 0)
    finally:
        pages.close()


def test_lost_race_in_the_queue_refreshes_the_row(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    a, b = report(street, "0101", hours_ago=1), report(street, "0101")
    for n in (a, b):
        apply(street, n, Action.REGISTER)
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == [a, b]
    select_row(qtbot, page, 0)
    select_row(qtbot, page, 1, Qt.KeyboardModifier.ShiftModifier)
    cases = page.queue.selected_cases()
    assert [c.number for c in cases] == [a, b]
    apply(street, b, Action.DISPATCH, Request(department="住建办"))  # another desk was faster
    card = page.board.card("环卫所")
    qtbot.waitUntil(lambda: len(page.board.cards) > 0, timeout=10_000)
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000) as signal:
        page.dispatcher.dispatch(cases, card.department_id, card.department)
    assert [n for n, _ in signal.args[0].failed] == [b]
    box = page.dispatcher.message_box
    assert box is not None and b in box.informativeText()
    box.close()
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 0, timeout=10_000)
    assert status_of(street, a) == Status.DISPATCHED.value


def test_splitter_sizes_are_kept(qtbot: QtBot, street: Database) -> None:
    pages = make_page(qtbot, street)
    page = next(pages)
    page.main.setSizes([900, 700])
    page._save_splitters()
    sizes = page.main.sizes()
    pages.close()
    again = make_page(qtbot, street)
    second = next(again)
    assert second.main.sizes() == sizes
    again.close()


def test_scroll_position_survives_a_new_case(qtbot: QtBot, street: Database) -> None:
    """A case arriving above the visible rows does not push the dispatcher's view down."""
    numbers = [report(street, "0101", hours_ago=60 - i) for i in range(60)]
    pages = make_page(qtbot, street)
    page = next(pages)
    try:
        model: QueueModel = page.queue.model
        click_tab(qtbot, page, "待立案")
        model.set_sort(q.QueueSort(q.SortKey.REPORTED, descending=True))
        assert shown(qtbot, page)[0] == numbers[-1]
        bar = page.queue.table.verticalScrollBar()
        bar.setValue(20)
        top = model.index(20, COL_NUMBER).data(DISPLAY)
        new = report(street, "0101")
        with qtbot.waitSignal(model.refreshed, timeout=10_000):
            page.ctx.feed.notify_local(None)
        assert model.index(0, COL_NUMBER).data(DISPLAY) == new
        assert bar.value() == 21
        assert model.index(page.queue.table.rowAt(0), COL_NUMBER).data(DISPLAY) == top
    finally:
        pages.close()


def test_action_in_the_detail_pane_refreshes_the_queue(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    number = report(street, "0101")
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == []
    click_tab(qtbot, page, "待立案")
    assert shown(qtbot, page) == [number]
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        select_row(qtbot, page, 0)
    with qtbot.waitSignal(page.detail.case_acted, timeout=10_000):
        page.detail.run_action(Action.REGISTER, Request())
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: page.queue.filters.tabs.tabText(1) == "待派遣 1", timeout=10_000)


def test_dragging_rows_glows_the_default_department(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    number = report(street, "0401")  # 燃气泄漏 → 燃气公司
    apply(street, number, Action.REGISTER)
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == [number]
    qtbot.waitUntil(lambda: len(page.board.cards) > 0, timeout=10_000)
    select_row(qtbot, page, 0)
    cases = page.queue.selected_cases()
    mime = page.queue.model.mimeData(page.queue.table.selectionModel().selectedRows())
    assert [c.number for c in cases] == [number]
    assert mime.text() == number
    # What QueueTable.startDrag announces before Qt's drag loop runs, and after it ends.
    with qtbot.waitSignal(page.board.preview_ready, timeout=10_000):
        page.queue.table.drag_started.emit(cases)
    assert page.board.card("燃气公司").is_glowing()
    assert not page.board.card("环卫所").is_glowing()
    page.queue.table.drag_finished.emit()
    assert not page.board.card("燃气公司").is_glowing()


def test_statistics_click_through_filters_the_queue(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    """What StatsPage.open_cases_requested sends: the queue shows exactly those cases, and
    the period shows as a chip the user can clear."""
    old = report(street, "0101", hours_ago=30)
    new_a = report(street, "0101", hours_ago=1)
    new_b = report(street, "0401", hours_ago=1, grid=GRID_B1)
    apply(street, new_a, Action.SELF_RESOLVE)
    page.queue.model.refresh(None)
    qtbot.waitUntil(lambda: page.queue.filters.community.count() == 3, timeout=10_000)
    with street.read() as s:
        community_b = s.scalar(select(Case.community_id).where(Case.number == new_b))
    now = utcnow()
    request = {
        "community_id": None,
        "grid_id": None,
        "major_id": None,
        "category_id": None,
        "department_id": None,
        "source": None,
        "alert_only": False,
        "open_only": False,
        "time_field": "reported",
        "from": now - timedelta(hours=5),
        "to": now,
    }
    page.queue.filters.show_external(request)
    assert sorted(shown(qtbot, page)) == sorted([new_a, new_b])
    assert (
        page.queue.filters.chip.isVisible() and "来自统计" in page.queue.filters.chip_label.text()
    )
    page.queue.filters.show_external({**request, "open_only": True})
    assert shown(qtbot, page) == [new_b]
    page.queue.filters.show_external({**request, "community_id": community_b, "open_only": False})
    assert shown(qtbot, page) == [new_b]
    assert page.queue.filters.community.currentData() == community_b
    page.queue.filters.community.setCurrentIndex(0)
    page.queue.filters.clear_external()
    assert not page.queue.filters.chip.isVisible()
    assert old in shown(qtbot, page)


def test_a_dispatch_from_the_detail_pane_can_be_undone(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    number = report(street, "0101")
    apply(street, number, Action.REGISTER)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        page.detail.show_case(number)
    dialog = page.detail.start_action(Action.DISPATCH)
    assert dialog is not None and dialog.department_combo is not None
    dialog.department_combo.setCurrentText("城管执法中队")
    with qtbot.waitSignal(page.detail.transition_done, timeout=10_000):
        dialog.accept()
    assert status_of(street, number) == Status.DISPATCHED.value
    assert page.ctx.undo_stack.canUndo()
    assert "城管执法中队" in page.ctx.undo_stack.undoText()
    with qtbot.waitSignal(page.dispatcher.undone, timeout=10_000):
        page.ctx.undo_stack.undo()
    assert status_of(street, number) == Status.REGISTERED.value

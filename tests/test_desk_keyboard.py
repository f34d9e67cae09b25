"""The desk from the keyboard (issue 11, part A): undo of the last action only, naming the case
and the department; a context menu of the actions valid for the selection, each through its
dialog; dialogs finished with Ctrl+Enter; the selection moving on after an action; Ctrl+F,
Ctrl+G, Ctrl+PgDn, Alt+digit, F1 and Tab order; one sentence for a key that cannot act."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.states import Action, Status
from db.cases.workflow import apply
from db.engine import Database
from db.models import Case, CaseEvent
from db.security.actors import Actor, Role
from desktop.desk import desk_actions as da
from desktop.desk.case_mime import DraggedCase
from desktop.desk.desk_page import DeskPage
from desktop.desk.dispatch_undo import DispatchCommand
from desktop.desk.queue_filters import TABS
from tests.test_desk_page import click_tab, make_page, report, select_row, settle, shown

pytestmark = pytest.mark.usefixtures("settings_in_tmp")

CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: save what the tests show


def snap(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))  # type: ignore[attr-defined]


@pytest.fixture
def page(qtbot: QtBot, street: Database) -> Iterator[DeskPage]:
    pages = make_page(qtbot, street)
    desk = next(pages)
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow, timeout=5000)
    yield desk
    pages.close()


def row_of(db: Database, number: str) -> Case:
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        s.expunge(case)
        return case


def events(db: Database, number: str) -> list[tuple[str, str]]:
    with db.read() as s:
        rows = s.execute(
            select(CaseEvent.action, CaseEvent.note)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.number == number)
            .order_by(CaseEvent.id)
        ).all()
        return [(a, n) for a, n in rows]


def registered(db: Database, category: str = "0401", hours_ago: float = 0.0) -> str:
    number = report(db, category, hours_ago=hours_ago)
    apply(db, number, Action.REGISTER)
    return number


def dispatch(qtbot: QtBot, page: DeskPage, number: str, department: str) -> None:
    case = row_of(page.ctx.db, number)
    dept = next(d for d in page.queue.filters.options.departments if d[1] == department)  # type: ignore[union-attr]
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        page.dispatcher.dispatch([DraggedCase(case.id, number, case.version)], dept[0], department)


def press(qtbot: QtBot, page: DeskPage, key: Qt.Key, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget() or page.queue.table
    qtbot.keyClick(widget, key, mod)


def test_undo_names_the_case_and_takes_back_only_the_last_action(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    gas, other = registered(street), report(street, "0101")
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=10_000)
    page.queue.table.setFocus()
    dispatch(qtbot, page, gas, "燃气公司")
    assert page.undo_action.text() == f"撤回 派遣 {gas} 到 燃气公司"
    assert f"{gas} 到 燃气公司" in page.undo_action.toolTip()
    with qtbot.waitSignal(page.dispatcher.undone, timeout=10_000):
        press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert row_of(street, gas).status == Status.REGISTERED.value
    assert page.toast.isVisible() and page.toast.text() == f"已撤回 {gas} 派遣到 燃气公司"
    snap(page, "undo_toast.png")

    # Ctrl+Y dispatches again (the recall is the last action), then another action (立案 of
    # another case, e.g. from another window): Ctrl+Z must not take the dispatch back —
    # register cannot be undone, so nothing is.
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert row_of(street, gas).status == Status.DISPATCHED.value
    apply(street, other, Action.REGISTER, actor=page.ctx.actor)
    with qtbot.waitSignal(page.dispatcher.toast, timeout=10_000) as said:
        press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert f"之后您又对案件 {other} 做了「立案」" in said.args[0]
    assert row_of(street, gas).status == Status.DISPATCHED.value
    assert not page.ctx.undo_stack.canUndo()
    with qtbot.waitSignal(page.dispatcher.toast, timeout=10_000) as said:
        press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert said.args[0].startswith("没有可撤回的操作")
    assert page.undo_action.text() == "撤回（没有可撤回的操作）"


def test_an_old_dispatch_is_undone_only_after_asking(
    qtbot: QtBot, street: Database, page: DeskPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = registered(street)
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=10_000)
    dispatch(qtbot, page, number, "燃气公司")
    command = page.ctx.undo_stack.command(0)
    assert isinstance(command, DispatchCommand)
    command.done_at -= timedelta(minutes=6)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    page.dispatcher.undo_last()
    assert asked and "6 分钟前" in asked[0] and number in asked[0]
    assert page.ctx.undo_stack.canUndo() and row_of(street, number).status == "dispatched"
    answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(page.dispatcher.undone, timeout=10_000):
        page.dispatcher.undo_last()
    assert row_of(street, number).status == Status.REGISTERED.value


def test_menu_offers_valid_actions_and_urge_goes_through_its_dialog(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    busy = registered(street, "0101", hours_ago=1)
    apply(street, busy, Action.DISPATCH)
    apply(street, busy, Action.ACCEPT)  # 处置中
    page.queue.model.refresh(None)
    click_tab(qtbot, page, "处置中")
    assert shown(qtbot, page) == [busy]
    select_row(qtbot, page, 0)
    menu = page.queue.context_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "立案" not in texts and "派遣…" not in texts
    assert {"督办", "改派", "退单", "反馈"} <= set(texts)
    assert texts[-1] == "撤回（没有可撤回的操作）"
    urge = next(a for a in menu.actions() if a.text() == "督办")
    assert urge.shortcut().toString() == "Ctrl+U"
    menu.adjustSize()
    snap(menu, "context_menu.png")
    urge.trigger()
    menu.close()
    # Nothing is written before the note dialog's OK.
    qtbot.waitUntil(lambda: page.queue.current_dialog is not None, timeout=10_000)
    dialog = page.queue.current_dialog
    assert dialog is not None and dialog.isVisible() and dialog.action is Action.URGE
    assert row_of(street, busy).urge_count == 0
    # Keyboard: the note has the focus, Tab leaves it, the action is the default button.
    assert dialog.reason_edit.hasFocus()
    dialog.reason_edit.insertPlainText("请今日内处理")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    dialog.reason_edit.insertPlainText("回电告知")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Tab)
    assert not dialog.reason_edit.hasFocus()
    assert dialog.reason_edit.toPlainText() == "请今日内处理\n回电告知"
    assert dialog.ok_button.isDefault()  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.queue.acted, timeout=10_000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return, CTRL)
    assert row_of(street, busy).urge_count == 1
    assert events(street, busy)[-1] == ("urge", "请今日内处理\n回电告知")


def test_menu_follows_role_and_several_cases() -> None:
    leader = Actor("boss", "李主任", Role.LEADER)
    dispatcher = Actor("d", "调度", Role.DISPATCHER)
    lead = Actor("l", "值班", Role.SHIFT_LEAD)
    assert da.menu_actions(leader, ["accepted"]) == []
    ids = [a.id for a in da.menu_actions(dispatcher, ["accepted"])]
    assert "urge" in ids and "extend" not in ids and "register" not in ids
    assert "extend" in [a.id for a in da.menu_actions(lead, ["accepted"])]
    # Several cases: only what acts on several at once, valid for every one of them.
    assert [a.id for a in da.menu_actions(dispatcher, ["registered", "returned"])] == ["dispatch"]
    assert [a.id for a in da.menu_actions(dispatcher, ["reported", "registered"])] == []
    # One table: every action's shortcut is unique.
    keys = [k for a in da.DESK_ACTIONS for k in a.shortcuts]
    assert len(keys) == len(set(keys))


def test_selection_moves_to_the_next_case_after_an_action(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    numbers = [registered(street, "0101", hours_ago=3 - i) for i in range(3)]
    click_tab(qtbot, page, "待派遣")
    assert shown(qtbot, page) == numbers
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=10_000)
    select_row(qtbot, page, 0)
    qtbot.keyClick(page.queue.table, Qt.Key.Key_D, CTRL)
    picker = page.queue.picker
    assert picker is not None and picker.isVisible()
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 2, timeout=10_000)
    settle(qtbot, page)
    assert page.queue.selected_ids() == [row_of(street, numbers[1]).id]
    qtbot.waitUntil(lambda: page.detail.number == numbers[1], timeout=10_000)


def test_keys_find_switch_and_explain(qtbot: QtBot, street: Database, page: DeskPage) -> None:
    reported = report(street, "0101")
    busy = registered(street, "0101")
    apply(street, busy, Action.DISPATCH)
    tabs = page.queue.filters.tabs
    settle(qtbot, page)
    page.queue.table.setFocus()
    # Ctrl+D with nothing selected: one sentence.
    page.queue.table.clearSelection()
    with qtbot.waitSignal(page.queue.toast, timeout=5000) as said:
        qtbot.keyClick(page.queue.table, Qt.Key.Key_D, CTRL)
    assert said.args[0] == "没有选中的案件：请先用 ↑↓ 在队列中选中案件，再按 Ctrl+D（派遣）。"
    assert page.toast.isVisible()
    # Ctrl+F: the search box.
    qtbot.keyClick(page.queue.table, Qt.Key.Key_F, CTRL)
    assert page.queue.filters.search.hasFocus()
    # Tab order: from the tabs, the search box, then the table.
    tabs.setFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_Tab)
    assert page.queue.filters.search.hasFocus()
    qtbot.keyClick(page.queue.filters.search, Qt.Key.Key_Tab)
    assert page.queue.table.hasFocus()
    # Ctrl+PgDn / Ctrl+PgUp / Alt+digit switch the status tabs.
    start = tabs.currentIndex()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_PageDown, CTRL)
    assert tabs.currentIndex() == (start + 1) % tabs.count()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_PageUp, CTRL)
    assert tabs.currentIndex() == start
    qtbot.keyClick(page.queue.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert tabs.currentIndex() == 0
    # Ctrl+G: the case's tab, the case selected.
    qtbot.keyClick(page.queue.table, Qt.Key.Key_G, CTRL)
    goto = page.queue.goto_dialog
    assert goto is not None and goto.isVisible()
    goto.setTextValue(busy)
    goto.accept()
    qtbot.waitUntil(
        lambda: (
            page.detail.number == busy and tabs.tabText(tabs.currentIndex()).startswith("处置中")
        ),
        timeout=10_000,
    )
    assert TABS[tabs.currentIndex()] is not None
    assert page.queue.selected_ids() == [row_of(street, busy).id]
    # A key for an action the state does not allow says so.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(page.queue.toast, timeout=5000) as said:
        qtbot.keyClick(page.queue.table, Qt.Key.Key_R, CTRL)
    assert said.args[0] == f"「立案」不适用于案件 {busy}（待受理）。"
    assert row_of(street, reported).status == Status.REPORTED.value
    # F1: the sheet from the one table.
    qtbot.keyClick(page.queue.table, Qt.Key.Key_F1)
    sheet = page.sheet
    assert sheet is not None and sheet.isVisible()
    rows = sheet.texts()
    assert ("派遣…", "Ctrl+D，F2", "待派遣、已退单") in rows
    assert any(r[0] == "转到案件编号…" and r[1] == "Ctrl+G" for r in rows)
    assert len([r for r in rows if r[1]]) == len(da.DESK_ACTIONS)
    snap(sheet, "shortcut_sheet.png")
    sheet.close()

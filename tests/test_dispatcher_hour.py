"""Issue 11, "Done when": a dispatcher's hour without the mouse, in the real main window.

On the small street with the returns' cases (an overdue case 处置中 since October) and the
night's new reports (an older urgent gas leak, an ordinary case, and the newest urgent one),
dispatcher 李明 signs in and, with keys only — every key sent with QTest to the widget that has
the focus, and counted —
1. finds the newest urgent case (Alt+1 for 待立案, Ctrl+F, its number from the alarm banner,
   Tab into the table) — the case is selected;
2. registers it (Ctrl+R, Ctrl+Enter);
3. dispatches it by the picker with a 派遣意见 (Ctrl+D, r, q, Tab, the note, Ctrl+Enter);
4. takes it back (Ctrl+Z) and dispatches it again, without a note, in four keys
   (Ctrl+D, r, q, Enter);
5. 督办 the overdue case with a note (Ctrl+G, its number, Enter; Ctrl+U, the note, Ctrl+Enter);
6. writes an internal note on it (Tab to the pane's note field, the note, Ctrl+Enter);
7. hands over the shift (Ctrl+Shift+L, the handover note, Ctrl+Enter; 王芳 signs in by keys;
   Enter acknowledges) — 王芳's window lists the open urgent and overdue cases.
After each step the case's history is read back from the database (db.cases.queries).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from db.cases.intake import report_case
from db.cases.notes import case_notes
from db.cases.queries import case_detail
from db.engine import Database
from db.models.base import utcnow
from db.security.accounts import add_user
from db.security.actors import Actor, Role
from db.shifts.handover import handover_list
from desktop.shell.handover import HandoverDialog, ShiftSession
from desktop.desk.desk_page import DeskPage
from tests.actors import DISPATCHER
from tests.report_cases import build_scenario
from tests.street import GRID_A1, GRID_B1

PASSWORD = "Hour2026desk"
NEXT = Actor("wangfang", "王芳", Role.DISPATCHER)
NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WAIT = 15_000
NOTE = "先关总阀，疏散住户"
URGE = "已超期一个月，请今日内处理并回电"


class Keys:
    """Sends keys to the focused widget, as a keyboard would, and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.committed = 0  # characters from the input method

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier = NO) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focused(), key, mods)

    def type(self, text: str) -> None:
        """ASCII text, one key per character."""
        self.count += len(text)
        self.qtbot.keyClicks(self.focused(), text)

    def commit(self, text: str) -> None:
        """Chinese text as an input method delivers it to the focused widget (QTest types
        ASCII only); counted apart from the keys, in characters."""
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.focused(), event)
        self.committed += len(text)


def history(db: Database, number: str) -> list[tuple[str, str, str | None]]:
    """(action, note, department) of each history entry, oldest first, as db.cases.queries
    gives it to the pane."""
    with db.read() as s:
        return [(h.action, h.note, h.department) for h in case_detail(s, number).history]


def status(db: Database, number: str) -> str:
    with db.read() as s:
        return case_detail(s, number).status


@pytest.fixture
def night(street: Database) -> dict[str, str]:
    """The returns' cases (an overdue one 处置中) and the night's reports, newest last."""
    numbers = build_scenario(street)
    now = utcnow()
    for label, grid, category, minutes, urgent, text in (
        ("old_urgent", GRID_B1, "0101", 50, True, "小区门口井盖缺失"),
        ("plain", GRID_A1, "0101", 20, False, "楼下堆放垃圾"),
        ("urgent", GRID_A1, "0101", 2, True, "楼道内闻到燃气味"),
    ):
        numbers[label] = report_case(
            street,
            grid_code=grid,
            category_code=category,
            description=text,
            urgent=urgent,
            now=now - timedelta(minutes=minutes),
        )
    with street.write() as s:
        add_user(s, "admin", Role.ADMIN, PASSWORD, "管理员")
        add_user(s, DISPATCHER.username, Role.DISPATCHER, PASSWORD, DISPATCHER.display_name)
        add_user(s, NEXT.username, Role.DISPATCHER, PASSWORD, NEXT.display_name)
    return numbers


@pytest.fixture
def shift(street: Database, settings_in_tmp: Path) -> Iterator[ShiftSession]:
    session = ShiftSession(street, start_feed=False)
    yield session
    if session.window is not None:
        session.window.close()
    session.close()


def settle(qtbot: QtBot, desk: DeskPage) -> None:
    model = desk.queue.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and desk.ctx.tasks.is_idle(),
        timeout=WAIT,
    )


def shown_in_pane(qtbot: QtBot, desk: DeskPage, number: str) -> None:
    pane = desk.detail
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.number == number, timeout=WAIT
    )


def case_id(db: Database, number: str) -> int:
    with db.read() as s:
        return case_detail(s, number).id


def focus_in(qtbot: QtBot, dialog: QWidget) -> None:
    """Wait until the keyboard focus is inside `dialog`."""

    def inside() -> bool:
        widget = QApplication.focusWidget()
        return widget is not None and (widget is dialog or dialog.isAncestorOf(widget))

    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    try:
        qtbot.waitUntil(inside, timeout=2000)
    except QtTimeout:
        print("activate", dialog)
        dialog.activateWindow()  # the offscreen platform: see `active`
        qtbot.waitUntil(inside, timeout=WAIT)


def active(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform does not hand activation back after a dialog closes."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)


def test_dispatchers_hour(
    qtbot: QtBot, street: Database, night: dict[str, str], shift: ShiftSession
) -> None:
    urgent, overdue = night["urgent"], night["resumed"]
    window = shift.start(DISPATCHER)
    qtbot.waitExposed(window)
    active(qtbot, window)
    desk = window.desk_page
    queue = desk.queue
    qtbot.waitUntil(lambda: queue.filters.options is not None, timeout=WAIT)
    keys = Keys(qtbot)
    print("focus at start", QApplication.focusWidget())

    # 1. The newest urgent case: 待立案 (Alt+1), Ctrl+F, its number, Tab into the table.
    keys.press(Qt.Key.Key_1, ALT)
    keys.press(Qt.Key.Key_F, CTRL)
    assert queue.filters.search.hasFocus()
    keys.type(urgent)
    qtbot.waitUntil(lambda: queue.model.queue_filter.text == urgent, timeout=WAIT)
    settle(qtbot, desk)
    assert [queue.model.case_row(r).number for r in range(queue.model.rowCount())] == [urgent]
    keys.press(Qt.Key.Key_Tab)
    assert queue.table.hasFocus()
    # Tab makes the first row current but selects nothing (a finding): Space selects it.
    keys.press(Qt.Key.Key_Space)
    shown_in_pane(qtbot, desk, urgent)
    assert queue.selected_ids() == [case_id(street, urgent)]
    found_keys = keys.count
    assert history(street, urgent) == [("report", "", None)]

    # 2. 立案: Ctrl+R opens the dialog (note focused), Ctrl+Enter submits it.
    keys.press(Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: queue.current_dialog is not None and queue.current_dialog.isVisible(), timeout=WAIT)
    dialog = queue.current_dialog
    assert dialog.reason_edit.hasFocus()
    with qtbot.waitSignal(queue.acted, timeout=WAIT):
        keys.press(Qt.Key.Key_Return, CTRL)
    register_keys = keys.count - found_keys
    assert register_keys == 2
    assert history(street, urgent) == [("report", "", None), ("register", "", None)]
    assert status(street, urgent) == "registered"

    # 3. To 待派遣 (Alt+2): the search still holds the number.
    active(qtbot, window)
    print("focus", QApplication.focusWidget())
    keys.press(Qt.Key.Key_2, ALT)
    settle(qtbot, desk)
    assert queue.table.hasFocus() and queue.model.rowCount() == 1
    keys.press(Qt.Key.Key_Down)
    shown_in_pane(qtbot, desk, urgent)
    assert queue.selected_ids() == [case_id(street, urgent)]
    qtbot.waitUntil(lambda: queue.filters.options is not None, timeout=WAIT)
    start = keys.count
    keys.press(Qt.Key.Key_D, CTRL)
    picker = queue.picker
    assert picker is not None
    qtbot.waitUntil(picker.search.hasFocus, timeout=WAIT)
    keys.press(Qt.Key.Key_R)
    keys.press(Qt.Key.Key_Q)
    keys.press(Qt.Key.Key_Tab)
    assert picker.note.hasFocus()
    keys.commit(NOTE)
    print(picker.note.toPlainText())
    with qtbot.waitSignal(desk.dispatcher.dispatched, timeout=WAIT):
        keys.press(Qt.Key.Key_Return, CTRL)
    noted_keys = keys.count - start
    assert noted_keys == 5  # Ctrl+D, r, q, Tab, Ctrl+Enter (+ the note from the input method)
    assert history(street, urgent)[-1] == ("dispatch", NOTE, "燃气公司")
    assert status(street, urgent) == "dispatched"
    with street.read() as s:
        assert case_detail(s, urgent).dispatch_note == NOTE

    # 4. Ctrl+Z takes the dispatch back, naming the case and the department.
    active(qtbot, window)
    assert desk.undo_action.text() == f"撤回 派遣 {urgent} 到 燃气公司"
    with qtbot.waitSignal(desk.dispatcher.undone, timeout=WAIT):
        keys.press(Qt.Key.Key_Z, CTRL)
    assert desk.toast.text() == f"已撤回 {urgent} 派遣到 燃气公司"
    assert [h[0] for h in history(street, urgent)] == ["report", "register", "dispatch", "recall"]
    assert status(street, urgent) == "registered"
    settle(qtbot, desk)
    # The case is back in 待派遣 (not selected again: ↓ selects it), then four keys.
    assert queue.model.rowCount() == 1 and queue.table.hasFocus()
    keys.press(Qt.Key.Key_Down)
    shown_in_pane(qtbot, desk, urgent)
    assert queue.selected_ids() == [case_id(street, urgent)]
    start = keys.count
    keys.press(Qt.Key.Key_D, CTRL)
    picker = queue.picker
    assert picker is not None
    qtbot.waitUntil(picker.search.hasFocus, timeout=WAIT)
    keys.press(Qt.Key.Key_R)
    keys.press(Qt.Key.Key_Q)
    with qtbot.waitSignal(desk.dispatcher.dispatched, timeout=WAIT):
        keys.press(Qt.Key.Key_Return)
    dispatch_keys = keys.count - start
    assert dispatch_keys == 4  # Ctrl+D, r, q, Enter
    assert history(street, urgent) == [
        ("report", "", None),
        ("register", "", None),
        ("dispatch", NOTE, "燃气公司"),
        ("recall", "", None),
        ("dispatch", "", "燃气公司"),
    ]
    assert status(street, urgent) == "dispatched"

    # 5. 督办 the overdue case. The search still holds the urgent case's number: clear it
    # (Ctrl+F, Ctrl+A, Backspace), else Ctrl+G shows the case in the pane only, unselected.
    # Then Ctrl+G, its number, Enter; Ctrl+U, the note, Ctrl+Enter.
    active(qtbot, window)
    before = history(street, overdue)
    start = keys.count
    keys.press(Qt.Key.Key_F, CTRL)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.press(Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: queue.model.queue_filter.text == "", timeout=WAIT)
    keys.press(Qt.Key.Key_G, CTRL)
    goto = queue.goto_dialog
    assert goto is not None
    focus_in(qtbot, goto)
    keys.type(overdue)
    keys.press(Qt.Key.Key_Return)
    shown_in_pane(qtbot, desk, overdue)
    settle(qtbot, desk)
    active(qtbot, window)
    assert queue.selected_ids() == [case_id(street, overdue)] and queue.table.hasFocus()
    assert status(street, overdue) == "accepted"
    keys.press(Qt.Key.Key_U, CTRL)
    qtbot.waitUntil(
        lambda: queue.current_dialog is not None and queue.current_dialog.action.value == "urge",
        timeout=WAIT,
    )
    dialog = queue.current_dialog
    focus_in(qtbot, dialog)
    assert dialog.reason_edit.hasFocus()
    keys.commit(URGE)
    with qtbot.waitSignal(queue.acted, timeout=WAIT):
        keys.press(Qt.Key.Key_Return, CTRL)
    urge_keys = keys.count - start
    assert history(street, overdue) == [*before, ("urge", URGE, "环卫所")]
    with street.read() as s:
        assert case_detail(s, overdue).urge_count == 1
    print("urge", urge_keys, history(street, overdue)[-3:])
    settle(qtbot, desk)
    active(qtbot, window)
    print("focus", QApplication.focusWidget(), queue.selected_ids(), desk.detail.number)

"""Issue 11, "Done when": a dispatcher's hour without the mouse, in the real main window
(ShiftSession → MainWindow, as desktop.app builds it), on SQLite and PostgreSQL.

On the small street with the returns' cases (one 处置中 and overdue since October: 督办 target)
and the night's reports (an urgent 火灾隐患 50 minutes old, an ordinary case, and the newest
urgent case, a gas leak 2 minutes old), dispatcher 李明 signs in and, with keys only — each sent
by QTest to the widget that has the focus, and counted; Chinese text delivered as an input
method commits it; no mouse event reaches the application —
1. finds the newest urgent case, a 燃气泄漏 the alarm banner names: Alt+1 (待立案), Ctrl+F,
   r q x l (the 小类's pinyin initials), Tab into the table (which selects the row);
2. registers it: Ctrl+R, Ctrl+Enter;
3. dispatches it by the picker with a 派遣意见: Alt+2, ↓ to select it again; Ctrl+D, r, q,
   Tab, the note, Ctrl+Enter (5 keys and the note);
4. takes it back (Ctrl+Z; the toast names case and department), ↓ selects it again, and
   dispatches it without a note in four keys: Ctrl+D, r, q, Enter;
5. 督办 the overdue case: Ctrl+G, its number, Enter (Ctrl+G clears the search that hides it);
   Ctrl+U, the note, Ctrl+Enter;
6. writes an internal note on it: Ctrl+Shift+N to the pane's note field, the note, Ctrl+Enter;
7. hands over: Ctrl+Shift+L, the handover note, Ctrl+Enter; 王芳 signs in (name, Tab,
   password, Enter) in the same window; Enter acknowledges the handover, which lists the open
   urgent and overdue cases.
After each step the case's history is read back from the database (db.cases.queries), at the
end the handover record and the hour's key count (66).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
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
from db.shifts.handover import alert_cases, handover_list
from desktop.desk.desk_page import DeskPage
from desktop.shell.handover import HandoverDialog, ShiftSession
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
CASE_NOTE = "环卫所王工电话：明早八点到场"
HANDOVER = "燃气公司已在现场，两小时后回电确认"


class NoMouse(QObject):
    """Counts the mouse presses and clicks the application receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in MOUSE:
            self.count += 1
        return False


MOUSE = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
}


class Keys:
    """Sends keys to the focused widget, as a keyboard would, and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.committed = 0  # characters from the input method

    def focused(self) -> QWidget:
        """Where a key goes: the focus widget, or with none, the active window (as Qt does)."""
        widget = QApplication.focusWidget() or QApplication.activeWindow()
        assert widget is not None, "no window is active"
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
        ("old_urgent", GRID_B1, "0402", 50, True, "楼道堆放杂物堵塞消防通道"),
        ("plain", GRID_A1, "0101", 20, False, "楼下堆放垃圾"),
        ("urgent", GRID_A1, "0401", 2, True, "楼道内闻到燃气味"),
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


@pytest.fixture
def mice(qapp: QApplication) -> Iterator[NoMouse]:
    counter = NoMouse()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


def settle(qtbot: QtBot, desk: DeskPage) -> None:
    model = desk.queue.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and desk.ctx.tasks.is_idle(),
        timeout=WAIT,
    )


def shown_in_pane(qtbot: QtBot, desk: DeskPage, number: str) -> None:
    pane = desk.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.number == number, timeout=WAIT)


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
        dialog.activateWindow()  # the offscreen platform: see `active`
        qtbot.waitUntil(inside, timeout=WAIT)


def active(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform does not hand activation back after a dialog closes."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)


def test_dispatchers_hour(
    qtbot: QtBot, street: Database, night: dict[str, str], shift: ShiftSession, mice: NoMouse
) -> None:
    urgent, overdue = night["urgent"], night["resumed"]
    window = shift.start(DISPATCHER)
    qtbot.waitExposed(window)
    active(qtbot, window)
    desk = window.desk_page
    queue = desk.queue
    qtbot.waitUntil(lambda: queue.filters.options is not None, timeout=WAIT)
    keys = Keys(qtbot)

    # 1. The newest urgent case: the alarm banner names it, a 燃气泄漏; 待立案 (Alt+1), Ctrl+F,
    # "rqxl", Tab into the table, Space.
    banner = desk.alarm_banner
    qtbot.waitUntil(lambda: banner.isVisible() and urgent in banner.lines.text(), timeout=WAIT)
    new_lines = [line for line in banner.lines.text().splitlines() if line.startswith("新紧急")]
    assert urgent in new_lines[0] and "燃气泄漏" in new_lines[0]
    keys.press(Qt.Key.Key_1, ALT)
    keys.press(Qt.Key.Key_F, CTRL)
    assert queue.filters.search.hasFocus()
    keys.type("rqxl")  # 燃气泄漏 by its pinyin initials (part E)
    qtbot.waitUntil(lambda: queue.model.queue_filter.text == "rqxl", timeout=WAIT)
    settle(qtbot, desk)
    assert [queue.model.case_row(r).number for r in range(queue.model.rowCount())] == [urgent]
    keys.press(Qt.Key.Key_Tab)
    assert queue.table.hasFocus()
    # Arriving in the table by Tab selects its current row: the pane shows the case.
    shown_in_pane(qtbot, desk, urgent)
    assert queue.selected_ids() == [case_id(street, urgent)]
    found_keys = keys.count
    assert history(street, urgent) == [("report", "", None)]

    # 2. 立案: Ctrl+R opens the dialog (note focused), Ctrl+Enter submits it.
    keys.press(Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(
        lambda: queue.current_dialog is not None and queue.current_dialog.isVisible(), timeout=WAIT
    )
    dialog = queue.current_dialog
    focus_in(qtbot, dialog)
    assert dialog.reason_edit.hasFocus()
    with qtbot.waitSignal(queue.acted, timeout=WAIT):
        keys.press(Qt.Key.Key_Return, CTRL)
    register_keys = keys.count - found_keys
    assert register_keys == 2
    assert history(street, urgent) == [("report", "", None), ("register", "", None)]
    assert status(street, urgent) == "registered"

    # 3. To 待派遣 (Alt+2): the search still holds rqxl.
    active(qtbot, window)
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
    assert picker.note.toPlainText() == NOTE
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

    # 5. 督办 the overdue case: Ctrl+G, its number, Enter (the search still holds rqxl, which
    # hides it: Ctrl+G clears the filters and selects it); Ctrl+U, the note, Ctrl+Enter.
    active(qtbot, window)
    before = history(street, overdue)
    start = keys.count
    assert queue.model.queue_filter.text == "rqxl"
    keys.press(Qt.Key.Key_G, CTRL)
    goto = queue.goto_dialog
    assert goto is not None
    focus_in(qtbot, goto)
    keys.type(overdue)
    keys.press(Qt.Key.Key_Return)
    shown_in_pane(qtbot, desk, overdue)
    qtbot.waitUntil(lambda: queue.selected_ids() == [case_id(street, overdue)], timeout=WAIT)
    settle(qtbot, desk)
    active(qtbot, window)
    assert queue.model.queue_filter.text == ""
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
    settle(qtbot, desk)
    active(qtbot, window)
    shown_in_pane(qtbot, desk, overdue)

    # 6. An internal note: Ctrl+Shift+N puts the cursor in the pane's note field.
    section = desk.detail.notes_section
    assert section is not None and queue.table.hasFocus()
    start = keys.count
    keys.press(Qt.Key.Key_N, CTRL | SHIFT)
    assert section.edit.hasFocus()
    note_nav_keys = keys.count - start
    assert note_nav_keys == 1
    keys.commit(CASE_NOTE)
    with qtbot.waitSignal(section.saved, timeout=WAIT):
        keys.press(Qt.Key.Key_Return, CTRL)
    note_keys = keys.count - start
    with street.read() as s:
        notes = case_notes(s, overdue)
    assert [(n.author, n.kind, n.text) for n in notes] == [(DISPATCHER.username, "note", CASE_NOTE)]
    # The note is internal: the official history is unchanged.
    assert history(street, overdue)[-1] == ("urge", URGE, "环卫所")
    qtbot.waitUntil(
        lambda: (
            desk.detail.notes_section is not None and len(desk.detail.notes_section.entries) == 1
        ),
        timeout=WAIT,
    )
    # The rebuilt pane keeps the cursor in the note field, ready for the next note.
    qtbot.waitUntil(lambda: desk.detail.notes_section.edit.hasFocus(), timeout=WAIT)

    # The pane is rebuilt after the note is saved and the focus is lost (no widget has it,
    # see the report); keys go to the window, whose shortcuts still work.

    # 7. Hand over: Ctrl+Shift+L, the handover note, Ctrl+Enter; 王芳 signs in by keys.
    start = keys.count
    keys.press(Qt.Key.Key_L, CTRL | SHIFT)
    note_dialog = shift.note_dialog
    assert note_dialog is not None
    focus_in(qtbot, note_dialog)
    assert note_dialog.note_edit.hasFocus()
    keys.commit(HANDOVER)
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: shift.sign_in_dialog is not None, timeout=WAIT)
    sign_in = shift.sign_in_dialog
    assert sign_in is not None
    focus_in(qtbot, sign_in)
    assert sign_in.user_edit.hasFocus()
    keys.type(NEXT.username)
    keys.press(Qt.Key.Key_Tab)
    assert sign_in.password_edit.hasFocus()
    keys.type(PASSWORD)
    with qtbot.waitSignals([shift.switched, shift.handover_shown], timeout=30_000):
        keys.press(Qt.Key.Key_Return)
    next_window = shift.window
    assert next_window is not None and next_window is not window
    assert "王芳" in next_window.user_label.text()
    handover = shift.handover_dialog
    assert isinstance(handover, HandoverDialog)
    focus_in(qtbot, handover)
    with street.read() as s:
        expected = {c.number for c in alert_cases(s)}
    # 王芳's window lists the open urgent and overdue cases: the night's two urgent ones, the
    # one 督办'd, not the ordinary new case.
    assert handover.note_label.text() == HANDOVER
    listed = handover.numbers()
    assert set(listed) == expected and len(listed) == len(expected)
    assert {urgent, night["old_urgent"], overdue} <= expected
    assert night["plain"] not in expected and night["ontime"] not in expected
    with qtbot.waitSignal(handover.acknowledged, timeout=WAIT):
        keys.press(Qt.Key.Key_Return)  # 确认接班 is the default button
    handover_keys = keys.count - start
    # Ctrl+Shift+L, Ctrl+Enter, wangfang (8), Tab, the password (12), Enter, Enter.
    assert handover_keys == 1 + 1 + len(NEXT.username) + 1 + len(PASSWORD) + 1 + 1 == 25
    with street.read() as s:
        [record] = handover_list(s)
        assert case_detail(s, urgent).status == "dispatched"
        assert [h.action for h in case_detail(s, overdue).history][-1] == "urge"
    assert (record.from_user, record.to_user) == (DISPATCHER.username, NEXT.username)
    assert record.note == HANDOVER and record.acknowledged_at is not None
    assert set(record.numbers) == expected
    assert shift.ctx is not None and shift.ctx.actor.username == NEXT.username

    # The hour in keys: 8 to find, 2 to register, 2 + 5 to select and dispatch with a note,
    # 1 to undo, 1 + 4 to select and dispatch again, 20 for the 督办 (3 to clear the search,
    # 15 to go to the case, 2 for the dialog), 10 for the note, 25 for the handover; the four
    # texts came from the input method. Not one mouse event.
    assert (found_keys, register_keys, noted_keys, dispatch_keys) == (7, 2, 5, 4)
    assert (urge_keys, note_keys) == (17, 2)
    assert keys.count == 7 + 2 + (2 + 5) + 1 + (1 + 4) + 17 + 2 + 25 == 66
    assert keys.committed == len(NOTE + URGE + CASE_NOTE + HANDOVER)
    assert mice.count == 0

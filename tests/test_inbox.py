"""The department's inbox: a 部门经办 signs in, sees only their department's cases, accepts one,
asks for more time, which the 值班长 approves on the desk, and feeds back with a photo; each
step reaches the other window through the live change feed (both databases)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.security.accounts import add_user, authenticate
from db.security.actors import Actor, Role
from desktop.cases.action_dialogs import ActionDialog
from desktop.core.context import AppContext
from desktop.inbox.inbox_model import COL_NOTE, COL_NUMBER
from desktop.inbox.request_dialogs import ExtensionRequestDialog
from desktop.shell.main_window import MainWindow
from desktop.shell.sign_in import SignInDialog
from tests.street import GRID_A1
from tests.test_cli import PNG

pytestmark = pytest.mark.usefixtures("settings_in_tmp")
PW = "Grid2026desk"
WAIT = 15_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _dispatch(db: Database, department: str, note: str = "") -> str:
    number = report_case(
        db,
        grid_code=GRID_A1,
        category_code="0101",
        description=f"垃圾堆放（{department}）",
        reporter_name="王小明",
        reporter_phone="13812345678",
    )
    apply(db, number, Action.REGISTER)
    apply(db, number, Action.DISPATCH, Request(department=department, reason=note))
    return number


def _sign_in(db: Database, qtbot: QtBot, username: str) -> Actor:
    dialog = SignInDialog(db, username)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, PW)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT)
    assert dialog.actor is not None
    return dialog.actor


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: ctx.feed.state == "connected", timeout=WAIT)
    return window


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Keys reach the shortcuts of the active window only."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)


def test_a_department_handler_works_a_case_with_the_desk_watching_live(
    street: Database,
    qtbot: QtBot,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: ModelTester,
    tmp_path: Path,
) -> None:
    with street.write() as s:
        add_user(s, "admin", "admin", PW)
    admin = authenticate(street, "admin", PW)
    with street.write() as s:
        add_user(s, "zhouqiang", "shift_lead", PW, "周强", actor=admin)
        add_user(s, "wanggang", "department_handler", PW, "王刚", admin, "环卫所")
    mine = _dispatch(street, "环卫所", "今天下班前清运")
    other_mine = _dispatch(street, "环卫所")
    theirs = _dispatch(street, "城管执法中队")

    handler = _sign_in(street, qtbot, "wanggang")
    assert handler.role is Role.DEPARTMENT_HANDLER and handler.department_id is not None
    lead = authenticate(street, "zhouqiang", PW)
    inbox_window = _window(qtbot, make_ctx(street, handler, feed=True))
    desk_window = _window(qtbot, make_ctx(street, lead, feed=True))

    # The department's window: its inbox and 设置, none of the centre's pages.
    assert inbox_window.page_keys == ("inbox", "settings")
    assert not hasattr(inbox_window, "desk_page")
    inbox = inbox_window.inbox_page
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(inbox.model)
    numbers = {inbox.model.index(r, COL_NUMBER).data() for r in range(2)}
    assert numbers == {mine, other_mine} and theirs not in numbers
    assert inbox.tabs.tabText(0) == "待受理 2"
    row = next(r for r in range(2) if inbox.model.index(r, COL_NUMBER).data() == mine)
    assert inbox.model.index(row, COL_NOTE).data() == "今天下班前清运"

    # The desk follows the case in its pane.
    desk = desk_window.desk_page
    desk.detail.show_case(mine)
    qtbot.waitUntil(lambda: desk.detail.detail is not None, timeout=WAIT)

    # 受理 from the keyboard (the desk's key, Ctrl+Shift+A).
    assert inbox.select_case(mine)
    qtbot.waitUntil(lambda: inbox.buttons["accept"].isEnabled(), timeout=WAIT)
    detail = inbox.detail.detail
    assert detail is not None and detail.reporter_phone == "138****5678"
    _activate(qtbot, inbox_window)
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_A, CTRL_SHIFT)
    accept = inbox.detail.current_dialog
    assert isinstance(accept, ActionDialog) and accept.action is Action.ACCEPT
    qtbot.keyClick(accept.reason_edit, Qt.Key.Key_Return)  # Enter confirms
    qtbot.waitUntil(lambda: inbox.tabs.tabText(1) == "处置中 1", timeout=WAIT)
    qtbot.waitUntil(
        lambda: desk.detail.detail is not None and desk.detail.detail.status == "accepted",
        timeout=WAIT,
    )
    due_before = desk.detail.detail.due_at
    assert due_before is not None

    # 申请延期 (Ctrl+E), approved by the 值班长 on the desk's panel (Alt+Y).
    _activate(qtbot, inbox_window)
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert inbox.tabs.currentIndex() == 1
    qtbot.waitUntil(
        lambda: inbox.model.rowCount() == 1 and inbox.model.index(0, COL_NUMBER).data() == mine,
        timeout=WAIT,
    )
    inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: inbox.buttons["extension"].isEnabled(), timeout=WAIT)
    qtbot.keyClick(inbox.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = inbox.dialog
    assert isinstance(dialog, ExtensionRequestDialog)
    dialog.days.setValue(3)
    dialog.reason_edit.setPlainText("需要调配清运车辆")  # QTest types ASCII only
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    panel = desk.extensions
    assert panel is not None
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(panel.model)
    assert panel.model.index(0, 0).data() == mine
    _activate(qtbot, desk_window)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: inbox.extensions.count() == 1 and "已批准" in inbox.extensions.item(0).text(),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: (
            desk.detail.detail is not None
            and desk.detail.detail.due_at is not None
            and desk.detail.detail.due_at > due_before
        ),
        timeout=WAIT,
    )
    assert desk.detail.detail.history[-1].details == {
        **(desk.detail.detail.history[-1].details or {}),
        "extension_request": 1,
    }

    # 反馈 with an after-photo (Ctrl+Shift+F).
    photo = tmp_path / "清运后.png"
    photo.write_bytes(PNG)
    _activate(qtbot, inbox_window)
    qtbot.waitUntil(lambda: inbox.buttons["feedback"].isEnabled(), timeout=WAIT)
    qtbot.keyClick(inbox.table, Qt.Key.Key_F, CTRL_SHIFT)
    feedback = inbox.detail.current_dialog
    assert isinstance(feedback, ActionDialog) and feedback.action is Action.FEEDBACK
    feedback.add_photos([photo])
    feedback.reason_edit.setPlainText("已清运完毕")
    qtbot.keyClick(feedback.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: desk.detail.detail is not None and desk.detail.detail.status == "feedback",
        timeout=WAIT,
    )
    shown = desk.detail.detail
    assert [p.filename for p in shown.photos] == ["清运后.png"]
    last = shown.history[-1]
    assert last.actor == "王刚" and last.note == "已清运完毕"
    assert "proxy" not in (last.details or {})  # the department's own step, no 代录
    qtbot.waitUntil(lambda: inbox.tabs.tabText(1) == "处置中 0", timeout=WAIT)

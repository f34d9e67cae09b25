"""Shift handover (交接班): dispatcher A writes a note and hands over to B in the same window;
B sees A's note and the open urgent and overdue cases, and acknowledges; all recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import apply
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import AuditEntry
from db.models.base import utcnow
from db.security.accounts import add_user
from db.security.actors import Actor, Role
from db.shifts.handover import acknowledge, hand_over, handover_list, pending_handover
from desktop.shell.handover import HandoverDialog, ShiftSession
from tests.actors import LEADER
from tests.street import GRID_A1

PASSWORD = "Shift2026desk"
LI = Actor("liming", "李明", Role.DISPATCHER)
WANG = Actor("wangfang", "王芳", Role.DISPATCHER)


def _cases(db: Database) -> tuple[str, str, str]:
    """An urgent case, an overdue one and an ordinary one."""
    urgent = report_case(
        db, grid_code=GRID_A1, category_code="0101", description="燃气泄漏", urgent=True
    )
    past = utcnow() - timedelta(days=3)
    overdue = report_case(db, grid_code=GRID_A1, category_code="0101", description="旧案", now=past)
    apply(db, overdue, Action.REGISTER, now=past)
    plain = report_case(db, grid_code=GRID_A1, category_code="0101", description="普通")
    return urgent, overdue, plain


def test_handover_records_refusals(street: Database) -> None:
    urgent, overdue, plain = _cases(street)
    with pytest.raises(PermissionDenied), street.write() as s:
        hand_over(s, LEADER, "领导不交班")
    with pytest.raises(ValidationError), street.write() as s:
        hand_over(s, LI, "x\x00")
    with street.write() as s:
        handover = hand_over(s, LI, "  注意燃气泄漏  ")
    assert handover.note == "注意燃气泄漏" and set(handover.numbers) == {urgent, overdue}
    with street.read() as s:
        assert pending_handover(s, LI) is None  # not to the one who wrote it
        assert pending_handover(s, LEADER) is None  # nor to a role off the desk
        pending = pending_handover(s, WANG)
    assert pending is not None and pending.id == handover.id
    with pytest.raises(ValidationError, match="自己"), street.write() as s:
        acknowledge(s, LI, handover.id)
    with street.write() as s:
        acknowledge(s, WANG, handover.id)
    with pytest.raises(ValidationError, match="王芳"), street.write() as s:
        acknowledge(s, WANG, handover.id)
    assert plain not in handover.numbers


@pytest.fixture
def shift(street: Database, settings_in_tmp: Path) -> Iterator[ShiftSession]:
    with street.write() as s:
        add_user(s, "admin", Role.ADMIN, PASSWORD, "管理员")
        add_user(s, LI.username, Role.DISPATCHER, PASSWORD, LI.display_name)
        add_user(s, WANG.username, Role.DISPATCHER, PASSWORD, WANG.display_name)
    session = ShiftSession(street, start_feed=False)
    yield session
    if session.window is not None:
        session.window.close()
    session.close()


def test_switch_user_in_the_same_window_with_handover(
    qtbot: QtBot, street: Database, shift: ShiftSession, tmp_path: Path
) -> None:
    urgent, overdue, plain = _cases(street)
    window_a = shift.start(LI)
    qtbot.waitExposed(window_a)
    assert "李明" in window_a.user_label.text()
    assert window_a.switch_action.text() == "交接班…"

    window_a.switch_action.trigger()
    note_dialog = shift.note_dialog
    assert note_dialog is not None
    qtbot.waitUntil(
        lambda: (
            "件" in note_dialog.cases_label.text() and "统计" not in note_dialog.cases_label.text()
        )
    )
    assert "紧急案件 1 件、超期案件 1 件" in note_dialog.cases_label.text()
    note_dialog.note_edit.insertPlainText("燃气公司已在现场，2小时后回电确认")
    qtbot.keyClick(note_dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    sign_in = shift.sign_in_dialog
    assert sign_in is not None and sign_in.isVisible() and window_a.isVisible()
    qtbot.keyClicks(sign_in.user_edit, WANG.username)
    qtbot.keyClicks(sign_in.password_edit, PASSWORD)
    with qtbot.waitSignals([shift.switched, shift.handover_shown], timeout=30_000):
        qtbot.keyClick(sign_in.password_edit, Qt.Key.Key_Return)

    window_b = shift.window
    assert window_b is not None and window_b is not window_a
    assert "王芳" in window_b.user_label.text()
    assert not isValid(window_a) or not window_a.isVisible()  # closed (and deleted)
    assert shift.ctx is not None and shift.ctx.actor.username == WANG.username
    dialog = shift.handover_dialog
    assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
    assert "李明" in dialog.findChild(type(dialog.note_label), "handoverFrom").text()
    assert dialog.note_label.text() == "燃气公司已在现场，2小时后回电确认"
    assert dialog.numbers() == [overdue, urgent]  # overdue first
    assert plain not in dialog.numbers()
    dialog.resize(820, 420)
    dialog.grab().save(str(tmp_path / "handover.png"))

    # Double-click opens the case on the desk.
    model = window_b.desk_page.queue.model
    qtbot.waitUntil(lambda: not model.is_loading() and model.has_all_ids(), timeout=10_000)
    rect = dialog.table.visualRect(dialog.table.model().index(1, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window_b.desk_page.detail.number == urgent, timeout=10_000)

    with qtbot.waitSignal(dialog.acknowledged, timeout=10_000):
        qtbot.mouseClick(dialog.ack_button, Qt.MouseButton.LeftButton)
    with street.read() as s:
        [record] = handover_list(s)
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert (record.from_user, record.to_user, record.to_name) == ("liming", "wangfang", "王芳")
    assert record.acknowledged_at is not None
    assert record.note == "燃气公司已在现场，2小时后回电确认"
    assert set(record.numbers) == {urgent, overdue}
    assert actions[-2:] == ["shift.handover", "shift.acknowledge"]

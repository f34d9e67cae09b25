"""Signing in through the window: first administrator, sign-in, wrong password, lock-out, and
closing the sign-in, which ends the program."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.security.accounts import MAX_FAILURES, add_user
from db.security.actors import Role
from desktop.app import main
from desktop.shell.sign_in import FirstAdminDialog, SignInDialog

PW = "Grid2026desk"


def _ok(dialog: SignInDialog | FirstAdminDialog, qtbot: QtBot) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def with_dispatcher(db: Database) -> Database:
    with db.write() as s:
        add_user(s, "admin", "admin", PW)
    from db.security.accounts import authenticate

    admin = authenticate(db, "admin", PW)
    with db.write() as s:
        add_user(s, "liming", "dispatcher", PW, "李明", actor=admin)
    return db


def test_first_start_creates_the_administrator(db: Database, qtbot: QtBot) -> None:
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("张主任")
    qtbot.keyClicks(dialog.password_edit, PW)
    qtbot.keyClicks(dialog.repeat_edit, PW + "x")
    _ok(dialog, qtbot)
    assert "不一致" in dialog.error_label.text()
    dialog.repeat_edit.setText(PW)
    _ok(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert dialog.actor.display_name == "张主任"


def test_sign_in_wrong_password_then_right(with_dispatcher: Database, qtbot: QtBot) -> None:
    dialog = SignInDialog(with_dispatcher, "liming")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "wrong-pass1")
    _ok(dialog, qtbot)
    qtbot.waitUntil(lambda: "错误" in dialog.error_label.text(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.password_edit.text() == ""
    qtbot.keyClicks(dialog.password_edit, PW)
    _ok(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.actor is not None
    assert (dialog.actor.username, dialog.actor.role) == ("liming", Role.DISPATCHER)


def test_lock_out_shown_in_the_dialog(with_dispatcher: Database, qtbot: QtBot) -> None:
    dialog = SignInDialog(with_dispatcher, "liming")
    qtbot.addWidget(dialog)
    for attempt in range(MAX_FAILURES):
        dialog.password_edit.setText(f"wrong-pass{attempt}")
        _ok(dialog, qtbot)
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    assert "锁定" in dialog.error_label.text()
    dialog.password_edit.setText(PW)  # the right password no longer helps
    _ok(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    assert "锁定" in dialog.error_label.text()
    assert dialog.actor is None


def test_demo_street_has_one_account_per_role(db: Database, qtbot: QtBot) -> None:
    from db.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, has_only_demo_accounts
    from db.demo.street import build_demo

    build_demo(db, cases=30)
    with db.read() as s:
        assert has_only_demo_accounts(s)
    dialog = SignInDialog(db, "zhangyan")
    qtbot.addWidget(dialog)
    dialog.show_demo_hint()
    hint = dialog.findChild(QLabel, "demo_hint")
    assert hint is not None and DEMO_PASSWORD in hint.text() and "值班长" in hint.text()
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    _ok(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.actor is not None and dialog.actor.role is Role.SHIFT_LEAD
    assert {role for _, role, _ in DEMO_ACCOUNTS} == {
        Role.ADMIN,
        Role.DISPATCHER,
        Role.SHIFT_LEAD,
        Role.SECRETARY,
        Role.LEADER,
    }
    from db.demo.accounts import DEMO_DEPARTMENT_ACCOUNTS

    assert {role for _, role, _, _ in DEMO_DEPARTMENT_ACCOUNTS} == {
        Role.DEPARTMENT_HANDLER,
        Role.DEPARTMENT_HEAD,
    }
    assert "wanggang（环卫所部门经办）" in hint.text()


def test_closing_the_sign_in_ends_the_program(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []

    def no_one(db: object, parent: object = None, username: str = "") -> None:
        asked.append(db)

    monkeypatch.setattr("desktop.shell.sign_in.sign_in", no_one)
    assert main(["--db", str(tmp_path / "desk.sqlite")]) == 0
    assert len(asked) == 1
    assert (tmp_path / "desk.sqlite").exists()  # opened and migrated before signing in

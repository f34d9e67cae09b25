"""Account management and password change through the window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.errors import PermissionDenied
from db.security.accounts import SignInFailed, add_user, authenticate
from db.security.actors import Actor, Role
from desktop.admin.users_dialog import ChangePasswordDialog, UsersDialog
from desktop.core.context import AppContext

PW = "Grid2026desk"


@pytest.fixture
def admin_ctx(db: Database, make_ctx: Callable[..., AppContext]) -> AppContext:
    """Here the administrator is a real account, the only one, signed in with its password on a
    database without a street: the dialogs list accounts and change that password."""
    with db.write() as s:
        add_user(s, "admin", "admin", PW, "赵志刚")
    return make_ctx(db, authenticate(db, "admin", PW))


def test_admin_adds_and_disables_an_account(
    admin_ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    dialog = UsersDialog(admin_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtmodeltester.check(dialog.model)
    dialog.add_user("liming", "李明", "dispatcher", "short")
    qtbot.waitUntil(lambda: "至少" in dialog.message.text())
    dialog.add_user("liming", "李明", "dispatcher", PW)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert authenticate(admin_ctx.db, "liming", PW).role is Role.DISPATCHER
    row = [u.username for u in dialog.model.users].index("liming")
    dialog.table.selectRow(row)
    dialog.toggle()
    qtbot.waitUntil(lambda: "停用" in dialog.message.text())
    with pytest.raises(SignInFailed, match="停用"):
        authenticate(admin_ctx.db, "liming", PW)


def test_a_department_account_names_its_department(
    street: Database, make_ctx: Callable[..., AppContext], qtbot: QtBot
) -> None:
    from desktop.admin.users_dialog import AddUserDialog

    with street.write() as s:
        add_user(s, "admin", "admin", PW, "赵志刚")
    ctx = make_ctx(street, authenticate(street, "admin", PW))
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "环卫所" in dialog.departments)
    add = AddUserDialog(dialog, dialog.departments)
    qtbot.addWidget(add)
    assert not add.department.isEnabled()  # a centre role belongs to no department
    add.role.setCurrentIndex(add.role.findData(Role.DEPARTMENT_HANDLER.value))
    assert add.department.isEnabled()
    add.department.setCurrentText("环卫所")
    dialog.add_user("wg", "王刚", "department_handler", PW, add.department_name)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    row = [u.username for u in dialog.model.users].index("wg")
    assert dialog.model.index(row, 2).data() == "部门经办（环卫所）"
    actor = authenticate(street, "wg", PW)
    assert actor.role is Role.DEPARTMENT_HANDLER and actor.department_id is not None


def test_only_administrators_open_it(db: Database) -> None:
    ctx = AppContext.create(db, Actor("li", "李明", Role.DISPATCHER), start_feed=False)
    try:
        with pytest.raises(PermissionDenied):
            UsersDialog(ctx)
    finally:
        ctx.close()


def test_change_own_password(admin_ctx: AppContext, qtbot: QtBot) -> None:
    dialog = ChangePasswordDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.old.setText("wrong-one1")
    dialog.new.setText("NewPass2027")
    dialog.repeat.setText("NewPass2027")
    dialog._try()
    qtbot.waitUntil(lambda: "原密码" in dialog.message.text())
    dialog.old.setText(PW)
    dialog._try()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert authenticate(admin_ctx.db, "admin", "NewPass2027").username == "admin"


def test_headers_and_roles_follow_the_language(
    admin_ctx: AppContext, qtbot: QtBot, english: None
) -> None:
    dialog = UsersDialog(admin_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["User name", "Full name", "Role", "Status"]
    assert [model.index(0, c).data() for c in range(4)] == [
        "admin",
        "赵志刚",
        "Administrator",
        "Active",
    ]

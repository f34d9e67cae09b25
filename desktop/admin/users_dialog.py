"""Account management for administrators (账号管理) and changing one's own password."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.reference.departments import active_department_names
from db.security.accounts import UserInfo, add_user, change_password, list_users, set_active
from db.security.actors import DEPARTMENT_ROLES, ROLE_LABELS, Role
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.i18n import role_text


def load_users(db: Database) -> list[UserInfo]:
    with db.read() as session:
        return list_users(session)


def load_departments(db: Database) -> list[str]:
    with db.read() as session:
        return active_department_names(session)


class UsersModel(RowsModel[UserInfo]):
    CONTEXT = "UsersModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("UsersModel", "用户名"),
        QT_TRANSLATE_NOOP("UsersModel", "姓名"),
        QT_TRANSLATE_NOOP("UsersModel", "角色"),
        QT_TRANSLATE_NOOP("UsersModel", "状态"),
    )

    @property
    def users(self) -> list[UserInfo]:
        return self.rows

    def set_users(self, users: list[UserInfo]) -> None:
        self.set_rows(users)

    def cells(self, row: UserInfo) -> tuple[str, ...]:
        state = self.tr("启用") if row.active else self.tr("停用")
        role = role_text(row.role) + (f"（{row.department}）" if row.department else "")
        return (row.username, row.display_name, role, state)


class AddUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, departments: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加账号"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role, label in ROLE_LABELS.items():
            if role is not Role.SYSTEM:
                self.role.addItem(self.tr(label), role.value)
        # A department account (部门经办, 部门负责人) belongs to one department.
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItems(list(departments))
        self.role.currentIndexChanged.connect(lambda _i: self._role_changed())
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("所属部门"), self.department)
        form.addRow(self.tr("初始密码"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._role_changed()

    def _role_changed(self) -> None:
        self.department.setEnabled(self.is_department)

    @property
    def is_department(self) -> bool:
        return Role(str(self.role.currentData())) in DEPARTMENT_ROLES

    @property
    def department_name(self) -> str | None:
        return self.department.currentText() if self.is_department else None


class UsersDialog(QDialog):
    """List, add, disable and enable accounts; administrators only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ctx.actor.require("admin.users", "管理账号")
        self.ctx = ctx
        self.setWindowTitle(self.tr("账号管理"))
        self.resize(640, 420)
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        add = QPushButton(self.tr("添加账号…"))
        add.clicked.connect(self.add)
        self.toggle_button = QPushButton(self.tr("停用 / 启用"))
        self.toggle_button.clicked.connect(self.toggle)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.departments: list[str] = []
        ctx.tasks.submit(load_departments, self._got_departments, owner=self)
        self.reload()

    def _got_departments(self, names: list[str]) -> None:
        self.departments = names

    def reload(self) -> None:
        self.ctx.tasks.submit(load_users, self.model.set_users, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet(palette.ERROR_STYLE)
        self.message.setText(error_text(exc))

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.reload()

    def add_user(
        self, username: str, display: str, role: str, password: str, department: str | None = None
    ) -> None:
        actor, created = self.ctx.actor, self.tr("已创建账号 %1")

        def job(db: Database) -> str:  # runs on the database thread: no widget in here
            with db.write() as session:
                info = add_user(
                    session, username, role, password, display, actor=actor, department=department
                )
            return created.replace("%1", info.username)

        self.ctx.tasks.submit(job, self._done, self._failed, owner=self)

    def add(self) -> None:
        dialog = AddUserDialog(self, self.departments)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(
                dialog.username.text(),
                dialog.display_name.text(),
                str(dialog.role.currentData()),
                dialog.password.text(),
                dialog.department_name,
            )

    def toggle(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._failed(UserError(self.tr("请先选择一个账号")))
            return
        user = self.model.users[rows[0].row()]
        actor, enabled, disabled = self.ctx.actor, self.tr(" 已启用"), self.tr(" 已停用")

        def job(db: Database) -> str:  # runs on the database thread: no widget in here
            info = set_active(db, actor, user.username, not user.active)
            return info.username + (enabled if info.active else disabled)

        self.ctx.tasks.submit(job, self._done, self._failed, owner=self)


class ChangePasswordDialog(QDialog):
    """The signed-in user changes their own password (修改密码)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("修改密码"))
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit, name in ((self.old, "old"), (self.new, "new"), (self.repeat, "repeat")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(name)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(palette.ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再输入一次"), self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _try(self) -> None:
        if self.new.text() != self.repeat.text():
            self.message.setText(self.tr("两次输入的密码不一致"))
            return
        actor, old, new = self.ctx.actor, self.old.text(), self.new.text()
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(error_text(exc))

        self.ctx.tasks.submit(
            lambda db: change_password(db, actor, old, new),
            lambda _: self.accept(),
            failed,
            owner=self,
        )

"""Signing in at start (登录): the sign-in dialog, and on a database without accounts the
dialog that creates the first administrator."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_DEPARTMENT_ACCOUNTS,
    DEMO_PASSWORD,
    has_only_demo_accounts,
)
from db.engine import Database
from db.errors import UserError
from db.security.accounts import add_user, authenticate, has_users
from db.security.actors import ROLE_LABELS, Actor, Role
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.common.error_text import error_text
from desktop.core.tasks import TaskControl, TaskRunner

LAST_USER_KEY = "session/last_user"


class SignInDialog(QDialog):
    """User name and password; the result is `self.actor` after `accept()`."""

    def __init__(self, db: Database, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # No AppContext exists yet: the dialog's own runner, deleted with it. Password hashing
        # is deliberately slow (Argon2id), so it runs as a long job, off the GUI thread.
        self.tasks = TaskRunner(db, self)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — 网格指挥调度台"))
        self.setMinimumWidth(360)
        self.user_edit = QLineEdit(username)
        self.user_edit.setObjectName("username")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(palette.ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.password_edit if username else self.user_edit).setFocus()

    def show_demo_hint(self) -> None:
        """On the demo street, say which accounts exist (they share one demo password)."""
        roles = "，".join(
            [f"{name}（{ROLE_LABELS[role]}）" for name, role, _ in DEMO_ACCOUNTS]
            + [
                f"{name}（{dept}{ROLE_LABELS[role]}）"
                for name, role, _, dept in DEMO_DEPARTMENT_ACCOUNTS
            ]
        )
        hint = QLabel(
            self.tr("演示数据库的账号：%1；密码均为 %2")
            .replace("%1", roles)
            .replace("%2", DEMO_PASSWORD)
        )
        hint.setObjectName("demo_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet(palette.text_style(palette.MUTED))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, hint)

    def _try(self) -> None:
        name, password = self.user_edit.text().strip(), self.password_edit.text()
        if not name or not password:
            self.error_label.setText(self.tr("请输入用户名和密码"))
            return
        self.buttons.setEnabled(False)
        self.error_label.setText(self.tr("正在验证…"))
        db = self.db

        def job(_control: TaskControl) -> Actor:
            return authenticate(db, name, password)

        self.tasks.start(job, self._done, self._failed, owner=self, name="griddesk-sign-in")

    def _done(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(error, UserError):
            self.error_label.setText(db_message_text(str(error)))
        else:
            self.error_label.setText(self.tr("登录失败：%1").replace("%1", error_text(error)))


class FirstAdminDialog(QDialog):
    """The first start of a database: create the administrator account (创建管理员账号)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # No AppContext exists yet: the dialog's own runner, deleted with it. Password hashing
        # is deliberately slow (Argon2id), so it runs as a long job, off the GUI thread.
        self.tasks = TaskRunner(db, self)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("首次使用：创建管理员账号"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr(
                "这个数据库还没有账号。请创建管理员账号，之后用它为调度员、文书、值班长和领导开设账号。"
            )
        )
        intro.setWordWrap(True)
        self.user_edit = QLineEdit("admin")
        self.user_edit.setObjectName("username")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("display_name")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(palette.ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("密码（至少 8 位，含字母和数字）"), self.password_edit)
        form.addRow(self.tr("再输入一次"), self.repeat_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建并登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons, alignment=Qt.AlignmentFlag.AlignRight)

    def _try(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的密码不一致"))
            return
        name = self.user_edit.text().strip()
        display = self.name_edit.text().strip()
        password = self.password_edit.text()

        db = self.db

        def job(_control: TaskControl) -> Actor:
            with db.write() as session:
                add_user(session, name, Role.ADMIN, password, display)
            return authenticate(db, name, password)

        self.buttons.setEnabled(False)
        self.error_label.setText(self.tr("正在创建…"))
        self.tasks.start(job, self._done, self._failed, owner=self, name="griddesk-sign-in")

    def _done(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(error_text(error))


def sign_in_dialog(
    db: Database, parent: QWidget | None = None, username: str = ""
) -> SignInDialog | FirstAdminDialog:
    """The dialog that asks who is working: the first-admin dialog on a database without
    accounts, the sign-in dialog otherwise (the last user's name filled in)."""
    with db.read() as session:
        first = not has_users(session)
        demo = not first and has_only_demo_accounts(session)
    username = username or str(QSettings().value(LAST_USER_KEY, "") or "")
    if first:
        return FirstAdminDialog(db, parent)
    if demo and not username:
        username = DEMO_ACCOUNTS[1][0]
    dialog = SignInDialog(db, username, parent)
    if demo:
        dialog.show_demo_hint()
    return dialog


def sign_in(db: Database, parent: QWidget | None = None, username: str = "") -> Actor | None:
    """Ask who is working (`sign_in_dialog`). None when the user cancels."""
    dialog = sign_in_dialog(db, parent, username)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    QSettings().setValue(LAST_USER_KEY, dialog.actor.username)
    return dialog.actor

"""After signing in on a database without geography: the setup wizard for an administrator,
one sentence for anyone else."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from db.engine import Database
from db.security.actors import Actor
from db.setup.status import needs_setup
from desktop.setup.setup_jobs import may_set_up
from desktop.setup.setup_wizard import SetupWizard


def database_needs_setup(db: Database) -> bool:
    """One short read before the window exists (as signing in does)."""
    with db.read() as session:
        return needs_setup(session)


def first_start_dialog(db: Database, actor: Actor, parent: QWidget | None = None) -> QDialog | None:
    """The dialog to show after signing in, or None when the database is set up: the setup
    wizard for an administrator, otherwise a message saying an administrator must do it."""
    if not database_needs_setup(db):
        return None
    if may_set_up(actor):
        return SetupWizard(db, actor, parent=parent, first_start=True)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FirstStart", "尚未完成首次设置"),
        QCoreApplication.translate(
            "FirstStart",
            "这个数据库还没有设置街道、社区和网格，暂时无法上报和派遣案件；请管理员登录完成首次设置。",
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("setupNeeded")
    return box


def run_first_start(db: Database, actor: Actor) -> None:
    """Show the first-start dialog if there is one; the window opens after it either way
    (an administrator who cancels finds the import again in 基础数据)."""
    dialog = first_start_dialog(db, actor)
    if dialog is not None:
        dialog.exec()
        dialog.deleteLater()

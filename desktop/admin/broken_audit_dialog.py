"""The question asked when a backup's audit log does not verify (设置 → 从备份恢复): the
administrator may still restore it, with a reason that goes into the restored database's audit
log — the window's side of `griddesk-admin restore --accept-broken-audit --reason`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import BackupAuditBroken
from desktop.common import palette
from desktop.common.db_messages import db_message_text


class BrokenAuditDialog(QDialog):
    """Shows what is wrong with the backup's audit log; `accepted_with(reason)` when the
    administrator restores it anyway (the button needs a reason that is not blank)."""

    accepted_with = Signal(str)

    def __init__(self, problem: BackupAuditBroken, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份的审计日志未通过校验"))
        self.message = QLabel(
            self.tr(
                "备份 %1 的审计日志未通过校验（%2）：其中的记录可能被改动过。\n"
                "如确认仍要用它恢复，请写明原因；原因和校验问题会记入恢复后数据库的审计日志。"
            )
            .replace("%1", problem.name)
            .replace("%2", db_message_text(problem.problem)),
            self,
        )
        self.message.setWordWrap(True)
        self.message.setStyleSheet(palette.ERROR_STYLE)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("brokenAuditReason")
        self.reason.setPlaceholderText(self.tr("接受的原因（必填）"))
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton = self.buttons.addButton(
            self.tr("仍然恢复"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(480, 260)

    def _accept(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            return
        self.accept()
        self.accepted_with.emit(reason)

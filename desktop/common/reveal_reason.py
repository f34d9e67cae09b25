"""Asking why personal data is shown in full (查看原因): every reveal is audited with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_reveal_reason(parent: QWidget, what: str, on_reason: Callable[[str], None]) -> QInputDialog:
    """Open (non-blocking) a small dialog asking for the reason; OK calls `on_reason(text)`.
    An empty reason is passed on too: the service refuses it with its own sentence."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("RevealReason", "查看完整信息"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "RevealReason", "显示 %1 的完整号码，请填写原因（将记入审计日志）："
        ).replace("%1", what)
    )
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText(QCoreApplication.translate("RevealReason", "显示"))
    dialog.setCancelButtonText(QCoreApplication.translate("RevealReason", "取消"))
    dialog.textValueSelected.connect(on_reason)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

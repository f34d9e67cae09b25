"""The department's requests to the centre: 申请延期 (extra working days and a reason) and
申请协办 (the departments asked for and a reason). Finished from the keyboard like the action
dialogs: Ctrl+Enter submits, Esc cancels."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.cases.requests import MAX_EXTRA_DAYS


class _RequestDialog(QDialog):
    def __init__(self, title: str, number: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._submitted = False
        self.setWindowTitle(title.replace("%1", number))
        self.setMinimumWidth(440)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setFixedHeight(80)
        self.reason_edit.setTabChangesFocus(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("提交"))
        ok.setToolTip(self.tr("Ctrl+Enter 提交"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            submit = QShortcut(QKeySequence(keys), self)
            submit.setContext(Qt.ShortcutContext.WindowShortcut)
            submit.activated.connect(self.accept)

    def finish_layout(self) -> None:
        self.form.addRow(self.tr("原因"), self.reason_edit)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def problem(self) -> str | None:
        return None if self.reason else self.tr("请填写原因。")

    def accept(self) -> None:
        if self._submitted:
            return
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self._submitted = True
        super().accept()


class ExtensionRequestDialog(_RequestDialog):
    """申请延期: how many working days more, and why."""

    def __init__(self, number: str, deadline: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("申请延期 — 案件 %1"), number, parent)
        self.setObjectName("extensionRequestDialog")
        self.form.addRow(self.tr("当前期限"), QLabel(html.escape(deadline), self))
        self.days = QSpinBox(self)
        self.days.setObjectName("days")
        self.days.setRange(1, MAX_EXTRA_DAYS)
        self.days.setValue(2)
        self.days.setSuffix(self.tr(" 个工作日"))
        self.form.addRow(self.tr("延长"), self.days)
        self.finish_layout()
        self.days.setFocus()


class CohandleRequestDialog(_RequestDialog):
    """申请协办: which departments should help, and why (the centre decides)."""

    def __init__(self, number: str, departments: list[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("申请协办 — 案件 %1"), number, parent)
        self.setObjectName("cohandleRequestDialog")
        self.departments = QListWidget(self)
        self.departments.setObjectName("departments")
        self.departments.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for name in departments:
            QListWidgetItem(name, self.departments)
        self.departments.setMaximumHeight(180)
        self.form.addRow(self.tr("协办部门"), self.departments)
        self.finish_layout()
        self.departments.setFocus()

    @property
    def chosen(self) -> list[str]:
        return [item.text() for item in self.departments.selectedItems()]

    def problem(self) -> str | None:
        if not self.chosen:
            return self.tr("请选择至少一个协办部门。")
        return super().problem()

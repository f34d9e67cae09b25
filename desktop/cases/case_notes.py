"""The 内部备注 section of the case pane: the case's internal thread (notes and 回访/催办 call
lines, oldest first), a field to add a note (Ctrl+Enter adds it) and 记录电话… for a call.

Notes are written off the GUI thread by `db.cases.notes`; the pane reloads when one is saved.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cases.notes import CALL_KINDS, CALL_OUTCOMES, NoteEntry, add_note, log_call
from db.engine import Database
from db.errors import UserError
from desktop.cases.detail_sections import note_entry
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext


class NoteEdit(QPlainTextEdit):
    """The note field: Tab leaves it (instead of typing a tab), Ctrl+Enter submits."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            mods & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()  # focus moves on, as in a line edit
            return
        super().keyPressEvent(event)


class CallDialog(QDialog):
    """记录电话: kind (回访/催办), whom, phone, outcome, note."""

    def __init__(self, kinds: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callDialog")
        self.setWindowTitle(self.tr("记录电话"))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("callKind")
        for label, value in CALL_KINDS.items():
            if value in kinds:
                self.kind_box.addItem(self.tr(label), label)
        self.to_edit = QLineEdit(self)
        self.to_edit.setObjectName("callTo")
        self.to_edit.setPlaceholderText(self.tr("如 反映人、燃气公司 王工"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("callPhone")
        self.outcome_box = QComboBox(self)
        self.outcome_box.setObjectName("callOutcome")
        for outcome in CALL_OUTCOMES:
            self.outcome_box.addItem(self.tr(outcome), outcome)
        self.text_edit = NoteEdit(self)
        self.text_edit.setObjectName("callText")
        self.text_edit.setFixedHeight(60)
        self.text_edit.submitted.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("类型"), self.kind_box)
        form.addRow(self.tr("通话对象"), self.to_edit)
        form.addRow(self.tr("电话"), self.phone_edit)
        form.addRow(self.tr("结果"), self.outcome_box)
        form.addRow(self.tr("说明"), self.text_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("记录"))
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.to_edit.setFocus()

    def values(self) -> tuple[str, str, str, str, str]:
        """(kind 回访|催办, whom, phone, outcome, note)."""
        return (
            str(self.kind_box.currentData()),
            self.to_edit.text(),
            self.phone_edit.text(),
            str(self.outcome_box.currentData()),
            self.text_edit.toPlainText(),
        )


class NotesSection(QWidget):
    """The thread and the note field of one case; `saved` after a note or call is stored."""

    saved = Signal()

    def __init__(
        self,
        ctx: AppContext,
        number: str,
        notes: list[NoteEntry],
        tz: ZoneInfo,
        read_only: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseNotes")
        self.ctx = ctx
        self.number = number
        self.call_dialog: CallDialog | None = None
        self.error_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.entries: list[QLabel] = []
        for n in notes:
            label = note_entry(n, self, tz)
            self.entries.append(label)
            layout.addWidget(label)
        if not notes:
            empty = QLabel(self.tr("还没有备注。备注只在调度台内部可见，不进入报表。"), self)
            empty.setObjectName("fieldName")
            empty.setWordWrap(True)
            layout.addWidget(empty)
        actor = ctx.actor
        self.edit = NoteEdit(self)
        self.edit.setObjectName("noteEdit")
        self.edit.setPlaceholderText(self.tr("添加内部备注…（Ctrl+Enter 保存）"))
        self.edit.setFixedHeight(54)
        self.edit.submitted.connect(self.submit)
        self.add_button = QPushButton(self.tr("添加备注"), self)
        self.add_button.setObjectName("addNote")
        self.add_button.clicked.connect(self.submit)
        self.call_kinds = [v for v in CALL_KINDS.values() if actor.can(f"case.{v}")]
        self.call_button = QPushButton(self.tr("记录电话…"), self)
        self.call_button.setObjectName("logCall")
        self.call_button.clicked.connect(self.ask_call)
        self.call_button.setVisible(bool(self.call_kinds))
        may_note = actor.can("case.note")
        self.edit.setVisible(may_note)
        self.add_button.setVisible(may_note)
        for widget in (self.edit, self.add_button, self.call_button):
            widget.setEnabled(not read_only)
        layout.addWidget(self.edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.call_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)

    def submit(self) -> None:
        text = self.edit.toPlainText()
        if not text.strip():
            self.edit.setFocus()
            return
        actor, number = self.ctx.actor, self.number

        def job(db: Database) -> NoteEntry:
            with db.write() as s:
                return add_note(s, actor, number, text)

        self.add_button.setEnabled(False)
        self.ctx.tasks.submit(job, self._saved, self._failed, owner=self)

    def ask_call(self) -> CallDialog:
        dialog = CallDialog(self.call_kinds, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_call(*dialog.values()))
        self.call_dialog = dialog
        dialog.open()
        return dialog

    def save_call(self, kind: str, to: str, phone: str, outcome: str, text: str) -> None:
        actor, number = self.ctx.actor, self.number

        def job(db: Database) -> NoteEntry:
            with db.write() as s:
                return log_call(s, actor, number, kind, to, outcome, phone=phone, text=text)

        self.ctx.tasks.submit(job, self._saved, self._failed, owner=self)

    def _saved(self, entry: NoteEntry) -> None:
        self.edit.clear()
        self.add_button.setEnabled(True)
        what = (
            QCoreApplication.translate("CaseNotes", "电话记录")
            if entry.is_call
            else QCoreApplication.translate("CaseNotes", "备注")
        )
        self.ctx.notify(self.tr("案件 %1：%2已保存").replace("%1", self.number).replace("%2", what))
        self.saved.emit()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("未保存"),
            db_message_text(str(exc)),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()

"""The small dialogs that ask what a case action needs (reason, department, deadline, …).

Finished from the keyboard: the action's button is the default, Enter (also in the note field,
where Shift+Enter starts a new line) and Ctrl+Enter submit from anywhere in the dialog, Tab
leaves the note field instead of typing a tab, and Esc cancels. The same dialog serves the detail pane's buttons and the queue's menu
(there for one case, or for several when the action takes several at once: 立案, 督办).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cases.queries import CaseDetail
from db.cases.states import REASON_REQUIRED, Action, Satisfaction
from db.cases.workflow import Request
from db.clock import utcnow
from desktop.core.i18n import action_text, satisfaction_text

# Actions whose dialog asks for a department (派遣, 改派).
NEEDS_DEPARTMENT = frozenset({Action.DISPATCH, Action.REDISPATCH})


def to_qdatetime(moment: datetime, tz: ZoneInfo) -> QDateTime:
    """An aware datetime as the wall-clock time of the center's time zone."""
    local = moment.astimezone(tz)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def from_qdatetime(value: QDateTime, tz: ZoneInfo) -> datetime:
    """The inverse of `to_qdatetime`: wall-clock time in the center's zone → aware datetime."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=tz)


class ActionDialog(QDialog):
    """Asks for what `action` needs on case `detail`; `request()` builds the workflow Request."""

    def __init__(
        self,
        action: Action,
        detail: CaseDetail,
        departments: list[str],
        tz: ZoneInfo,
        parent: QWidget | None = None,
        *,
        numbers: Sequence[str] = (),
    ) -> None:
        """`numbers`: several cases the action is for (立案/督办 on a multi-selection);
        `detail` is then the first of them."""
        super().__init__(parent)
        self.action = Action(action)
        self.detail = detail
        self.tz = tz
        self.numbers = list(numbers) or [detail.number]
        self._submitted = False
        self.setObjectName("actionDialog")
        label = action_text(self.action)
        several = len(self.numbers) > 1
        self.setWindowTitle(
            self.tr("%1 — %2 件案件").replace("%1", label).replace("%2", str(len(self.numbers)))
            if several
            else self.tr("%1 — 案件 %2").replace("%1", label).replace("%2", detail.number)
        )
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        summary = QLabel(
            html.escape("、".join(self.numbers[:8]) + ("…" if len(self.numbers) > 8 else ""))
            if several
            else f"<b>{html.escape(detail.number)}</b>　{html.escape(detail.major_category)}"
            f" › {html.escape(detail.category)}<br>"
            f"{html.escape(detail.community)} {html.escape(detail.grid)}"
            f"　{html.escape(detail.address)}",
            self,
        )
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        layout.addLayout(form)

        self.department_combo: QComboBox | None = None
        if self.action in NEEDS_DEPARTMENT:
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(departments)
            completer = combo.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            default = detail.default_department
            if self.action is Action.REDISPATCH and default == detail.department:
                default = None
            if default and default in departments:
                combo.setCurrentIndex(departments.index(default))
            else:
                combo.setCurrentIndex(-1)
                combo.setEditText("")
            self.department_combo = combo
            form.addRow(self.tr("责任部门"), combo)
            if detail.department:
                form.addRow(self.tr("当前部门"), QLabel(detail.department, self))

        self.until_edit: QDateTimeEdit | None = None
        if self.action is Action.EXTEND:
            current = self.current_deadline()
            edit = QDateTimeEdit(self)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            # A day past the deadline, or past now when the case is already overdue.
            start = max(current, datetime.now(current.tzinfo))
            edit.setDateTime(to_qdatetime(start + timedelta(days=1), tz))
            edit.setMinimumDateTime(to_qdatetime(current + timedelta(minutes=1), tz))
            self.until_edit = edit
            form.addRow(
                self.tr("当前期限"), QLabel(f"{current.astimezone(tz):%Y-%m-%d %H:%M}", self)
            )
            form.addRow(self.tr("延期至"), edit)

        self.satisfaction_combo: QComboBox | None = None
        if self.action is Action.CALLBACK:
            combo = QComboBox(self)
            for level in Satisfaction:
                combo.addItem(satisfaction_text(level), level.value)
            self.satisfaction_combo = combo
            form.addRow(self.tr("满意度"), combo)

        self.target_edit: QLineEdit | None = None
        if self.action is Action.MERGE:
            target = QLineEdit(self)
            target.setPlaceholderText(self.tr("主案件编号，例如 2026112600013"))
            target.setMaxLength(20)
            self.target_edit = target
            form.addRow(self.tr("合并到"), target)

        # 督办: a 督办单 with its level (街道/区), requirement and reply deadline.
        self.level_combo: QComboBox | None = None
        self.reply_by_edit: QDateTimeEdit | None = None
        if self.action is Action.URGE:
            levels = QComboBox(self)
            levels.addItem(self.tr("街道督办"), "street")
            levels.addItem(self.tr("区级督办"), "district")
            self.level_combo = levels
            form.addRow(self.tr("督办级别"), levels)
            reply_by = QDateTimeEdit(self)
            reply_by.setObjectName("urgeReplyBy")
            reply_by.setDisplayFormat("yyyy-MM-dd HH:mm")
            reply_by.setCalendarPopup(True)
            now = utcnow()
            reply_by.setDateTime(to_qdatetime(now + timedelta(days=1), tz))
            reply_by.setMinimumDateTime(to_qdatetime(now + timedelta(minutes=1), tz))
            self.reply_by_edit = reply_by
            form.addRow(self.tr("回复期限"), reply_by)

        # 反馈: the department's after-photos (处置后照片), read from their files when it runs.
        self.photo_paths: list[Path] = []
        self.photo_button: QPushButton | None = None
        self.photo_label: QLabel | None = None
        self.file_dialog: QFileDialog | None = None
        if self.action is Action.FEEDBACK:
            row = QHBoxLayout()
            self.photo_button = QPushButton(self.tr("添加照片…"), self)
            self.photo_button.setObjectName("addPhotos")
            self.photo_button.setAutoDefault(False)
            self.photo_button.clicked.connect(self.choose_photos)
            self.photo_label = QLabel(self.tr("未添加"), self)
            self.photo_label.setObjectName("photoList")
            self.photo_label.setWordWrap(True)
            row.addWidget(self.photo_button)
            row.addWidget(self.photo_label, 1)
            form.addRow(self.tr("处置后照片"), row)

        self.reason_required = self.action in REASON_REQUIRED or self.action is Action.URGE
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setFixedHeight(80)
        self.reason_edit.setTabChangesFocus(True)  # Tab goes on to the buttons
        self.reason_edit.setPlaceholderText(
            self.tr("必须填写原因（Shift+Enter 换行）")
            if self.reason_required
            else self.tr("可选（Shift+Enter 换行）")
        )
        self.reason_edit.installEventFilter(self)
        if self.action is Action.URGE:
            self.reason_edit.setPlaceholderText(self.tr("督办要求，如：请于今日到场处置并回复"))
            form.addRow(self.tr("督办要求"), self.reason_edit)
        else:
            form.addRow(
                self.tr("原因") if self.reason_required else self.tr("备注"), self.reason_edit
            )

        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(label)
        ok.setDefault(True)
        ok.setToolTip(self.tr("Ctrl+Enter 提交"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        # Enter with the focus on 取消 still submits; 取消 is Esc or a click.
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            submit = QShortcut(QKeySequence(keys), self)
            submit.setContext(Qt.ShortcutContext.WindowShortcut)
            submit.activated.connect(self.accept)
        first: QWidget = self.reason_edit
        for field in (
            self.department_combo,
            self.until_edit,
            self.satisfaction_combo,
        ):  # 督办: the requirement first; level and deadline have defaults
            if field is not None:
                first = field
                break
        if self.target_edit is not None:
            first = self.target_edit
        first.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the note submits; Shift+Enter types a new line."""
        if (
            watched is self.reason_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def choose_photos(self) -> QFileDialog:
        """The file dialog for the after-photos (non-blocking)."""
        dialog = QFileDialog(self, self.tr("选择处置后照片"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("图片 (*.jpg *.jpeg *.png *.gif *.webp)"))
        dialog.filesSelected.connect(lambda files: self.add_photos([Path(f) for f in files]))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def add_photos(self, paths: Sequence[Path]) -> None:
        for path in paths:
            if path not in self.photo_paths:
                self.photo_paths.append(path)
        if self.photo_label is not None:
            self.photo_label.setText("、".join(p.name for p in self.photo_paths))

    def current_deadline(self) -> datetime:
        return self.detail.due_at or self.detail.handle_due or utcnow()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def problem(self) -> str | None:
        """What is missing or wrong, in one sentence, or None when the form is complete."""
        if self.reason_required and not self.reason_edit.toPlainText().strip():
            if self.action is Action.URGE:
                return self.tr("请填写督办要求。")
            return self.tr("请填写原因。")
        reply_by = self.reply_by_edit
        if reply_by is not None and from_qdatetime(reply_by.dateTime(), self.tz) <= utcnow():
            return self.tr("回复期限应晚于现在。")
        if self.department_combo is not None:
            name = self.department_combo.currentText().strip()
            if not name:
                return self.tr("请选择责任部门。")
            if self.department_combo.findText(name) < 0:
                return self.tr("没有名为「%1」的部门。").replace("%1", name)
            if (
                self.action is Action.REDISPATCH
                and name == self.detail.department
                and self.detail.status != "returned"
            ):
                return self.tr("改派需选择其他部门。")
        if self.until_edit is not None:
            until = from_qdatetime(self.until_edit.dateTime(), self.tz)
            if until <= self.current_deadline() or until <= utcnow():
                return self.tr("新的期限应晚于当前期限。")
        if self.target_edit is not None:
            target = self.target_edit.text().strip()
            if not target:
                return self.tr("请填写主案件编号。")
            if target == self.detail.number:
                return self.tr("案件不能合并到自身。")
        return None

    def accept(self) -> None:
        if self._submitted:
            return  # one action per dialog, however many keys asked for it
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self._submitted = True
        super().accept()

    def request(self) -> Request:
        if self.reply_by_edit is not None and self.level_combo is not None:
            return Request(
                reason=self.reason_edit.toPlainText().strip(),
                until=from_qdatetime(self.reply_by_edit.dateTime(), self.tz),
                details={"level": str(self.level_combo.currentData())},
                expected_version=self.detail.version,
            )
        return Request(
            department=self.department_combo.currentText().strip()
            if self.department_combo is not None
            else None,
            reason=self.reason_edit.toPlainText().strip(),
            until=from_qdatetime(self.until_edit.dateTime(), self.tz)
            if self.until_edit is not None
            else None,
            satisfaction=str(self.satisfaction_combo.currentData())
            if self.satisfaction_combo is not None
            else None,
            into=self.target_edit.text().strip() if self.target_edit is not None else None,
            expected_version=self.detail.version,
        )

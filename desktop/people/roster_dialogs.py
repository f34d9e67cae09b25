"""Dialogs of the 人员 page: add or edit a roster entry, retire it, and show its change history.

Every dialog sends its work to `ctx.tasks` and stays open with the reason shown in red when
the service refuses (a wrong ID number, a term shorter than two years…)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.people.roster_kinds import FIELDS, KIND_LABELS, FieldSpec, FieldType, Kind
from db.people.roster_lists import HistoryEntry, entry_form_values, history
from db.people.rosters import create_entry, retire_entry, update_entry
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext

_PLACEHOLDERS = {
    FieldType.DATE: "例如 2024-03-01、2024.03.01 或 2024年3月1日",
    FieldType.ID_NUMBER: "18 位公民身份号码",
    FieldType.PHONE: "11 位手机号码或带区号的固定电话",
    FieldType.INT: "整数",
    FieldType.DECIMAL: "数字",
}


def field_label(spec: FieldSpec) -> str:
    return QCoreApplication.translate("RosterFields", spec.label)


class EntryDialog(QDialog):
    """新增 / 编辑 one entry: a form built from the roster's fields.

    Editing sends only the fields the user changed; the ID number is shown masked and cannot be
    changed here (it is who the person is)."""

    saved = Signal(int)  # the entry's id

    def __init__(
        self,
        ctx: AppContext,
        kind: Kind,
        *,
        communities: list[str],
        grids: list[str],
        row_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.kind, self.row_id = ctx, kind, row_id
        self.setObjectName("rosterEntryDialog")
        self.setMinimumWidth(460)
        title = self.tr("编辑") if row_id is not None else self.tr("新增")
        self.setWindowTitle(
            f"{title} · {QCoreApplication.translate('RosterKinds', KIND_LABELS[kind])}"
        )
        self.initial: dict[str, str] = {}
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        for spec in FIELDS[kind]:
            editor = self._editor(spec, communities, grids)
            self.editors[spec.name] = editor
            label = field_label(spec) + (" *" if spec.required else "")
            form.addRow(label, editor)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(palette.ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if row_id is not None:
            self.setEnabled(False)
            ctx.tasks.submit(
                lambda db: _form_values(db, kind, row_id), self._loaded, self._failed, owner=self
            )

    def _editor(
        self, spec: FieldSpec, communities: list[str], grids: list[str]
    ) -> QLineEdit | QComboBox:
        options: list[str] | None = None
        if spec.type is FieldType.CHOICE:
            options = [label for _, label in spec.choices]
        elif spec.type is FieldType.GENDER:
            options = ["", "男", "女"]
        elif spec.type is FieldType.PARTY:
            options = ["", "中共党员", "中共预备党员", "群众"]
        elif spec.type is FieldType.COMMUNITY:
            options = ["", *communities]
        elif spec.type is FieldType.GRID:
            options = ["", *grids]
        if options is not None:
            combo = QComboBox(self)
            combo.addItems(options)
            combo.setEditable(spec.type in (FieldType.COMMUNITY, FieldType.GRID))
            combo.setObjectName(f"field_{spec.name}")
            return combo
        edit = QLineEdit(self)
        edit.setObjectName(f"field_{spec.name}")
        placeholder = _PLACEHOLDERS.get(spec.type)
        if placeholder:
            edit.setPlaceholderText(QCoreApplication.translate("RosterDialogs", placeholder))
        return edit

    def value(self, name: str) -> str:
        editor = self.editors[name]
        return (
            editor.currentText().strip() if isinstance(editor, QComboBox) else editor.text().strip()
        )

    def set_value(self, name: str, text: str) -> None:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            index = editor.findText(text)
            if index >= 0:
                editor.setCurrentIndex(index)
            elif editor.isEditable():
                editor.setEditText(text)
        else:
            editor.setText(text)

    def _loaded(self, values: dict[str, str]) -> None:
        self.setEnabled(True)
        self.initial = values
        for name, text in values.items():
            self.set_value(name, text)
        for name in ("id_number", "mentor_id_number"):
            editor = self.editors.get(name)
            if isinstance(editor, QLineEdit):
                editor.setReadOnly(True)
                editor.setToolTip(self.tr("身份证号是人员的身份标识，不能在此修改"))

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.show_error(error_text(exc))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def collected(self) -> dict[str, str]:
        """What to send: every filled field for a new entry, the changed ones for an edit."""
        values = {name: self.value(name) for name in self.editors}
        if self.row_id is None:
            return {k: v for k, v in values.items() if v}
        return {
            k: v
            for k, v in values.items()
            if v != self.initial.get(k, "") and k not in ("id_number", "mentor_id_number")
        }

    def submit(self) -> None:
        values = self.collected()
        kind, row_id, actor = self.kind, self.row_id, self.ctx.actor
        if row_id is not None and not values:
            self.accept()
            return
        self.ok_button.setEnabled(False)
        self.error.hide()

        def job(db: Database) -> int:
            with db.write() as s:
                if row_id is None:
                    return create_entry(s, kind, values, actor)
                update_entry(s, kind, row_id, values, actor)
                return row_id

        self.ctx.tasks.submit(job, self._saved, self._save_failed, owner=self)

    def _saved(self, row_id: int) -> None:
        self.saved.emit(row_id)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.show_error(error_text(exc))


def _form_values(db: Database, kind: Kind, row_id: int) -> dict[str, str]:
    with db.read() as s:
        return entry_form_values(s, kind, row_id)


class RetireDialog(QDialog):
    """离任: the end date and an optional reason."""

    saved = Signal(int)

    def __init__(
        self, ctx: AppContext, kind: Kind, row_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.kind, self.row_id = ctx, kind, row_id
        self.setObjectName("rosterRetireDialog")
        self.setWindowTitle(self.tr("离任") + f" · {name}")
        self.end_date = QDateEdit(QDate.currentDate(), self)
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("例如 调离、退休、任期届满"))
        form = QFormLayout()
        form.addRow(self.tr("离任日期"), self.end_date)
        form.addRow(self.tr("原因"), self.reason)
        self.error = QLabel(self)
        self.error.setStyleSheet(palette.ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确认离任"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("离任后该记录保留在名册历史中，不再计入在岗人数。"), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def submit(self) -> None:
        q = self.end_date.date()
        end = date(q.year(), q.month(), q.day())
        reason = self.reason.text()
        kind, row_id, actor = self.kind, self.row_id, self.ctx.actor

        def job(db: Database) -> int:
            with db.write() as s:
                retire_entry(s, kind, row_id, actor, end_date=end, reason=reason)
            return row_id

        self.ok_button.setEnabled(False)
        self.ctx.tasks.submit(job, self._saved, self._failed, owner=self)

    def _saved(self, row_id: int) -> None:
        self.saved.emit(row_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(error_text(exc))
        self.error.show()


class HistoryModel(RowsModel[HistoryEntry]):
    """An entry's changes: time, who, what, details."""

    CONTEXT = "HistoryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "时间"),
        QT_TRANSLATE_NOOP("HistoryModel", "操作人"),
        QT_TRANSLATE_NOOP("HistoryModel", "操作"),
        QT_TRANSLATE_NOOP("HistoryModel", "内容"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz: Any = None

    @property
    def entries(self) -> list[HistoryEntry]:
        return self.rows

    def set_entries(self, entries: list[HistoryEntry], tz: Any) -> None:
        self._tz = tz
        self.set_rows(entries)

    def cells(self, row: HistoryEntry) -> tuple[str, ...]:
        return (
            row.at.astimezone(self._tz).strftime("%Y-%m-%d %H:%M"),
            row.actor,
            row.action,
            row.text,
        )


class HistoryDialog(QDialog):
    """变更记录 of one entry, oldest first."""

    def __init__(
        self, ctx: AppContext, kind: Kind, row_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rosterHistoryDialog")
        self.setWindowTitle(self.tr("变更记录") + f" · {name}")
        self.resize(760, 360)
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        tz = ctx.settings.tz

        def job(db: Database) -> list[HistoryEntry]:
            with db.read() as s:
                return history(s, kind, row_id)

        ctx.tasks.submit(job, lambda entries: self.model.set_entries(entries, tz), owner=self)


def form_defaults(kind: Kind) -> Mapping[str, str]:
    """Sensible starting values for a new entry."""
    today = date.today().isoformat()
    defaults = {
        Kind.GRID_STAFF: {"start_date": today},
        Kind.MENTORSHIP: {"start_date": today},
        Kind.PARTY_CHECKIN: {"checkin_date": today},
    }
    return defaults.get(kind, {})

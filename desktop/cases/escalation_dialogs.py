"""上报 and 联席会议 dialogs: send a case to the district platform or the street's 联席会议, and
record a meeting's decisions on the cases escalated to it (each re-dispatched to the assigned
department with the new deadline). The database work runs on the worker (`ctx.tasks`); a
refusal from `db` is shown in the dialog in one sentence and nothing is written."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.clock import utcnow
from db.engine import Database
from db.errors import UserError
from db.escalation.documents import EscalationDoc, awaiting_meeting, escalate
from db.escalation.meetings import Decision, MeetingRecord, add_meeting
from db.reference.departments import active_department_names
from desktop.cases.action_dialogs import from_qdatetime, to_qdatetime
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext


class EscalateDialog(QDialog):
    """上报 one case: to 区级平台 or 联席会议, with the reason."""

    escalated = Signal(str)

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.setObjectName("escalateDialog")
        self.setWindowTitle(self.tr("上报 — 案件 %1").replace("%1", number))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.target = QComboBox(self)
        self.target.addItem(self.tr("街道联席会议"), "meeting")
        self.target.addItem(self.tr("区级平台"), "district")
        form.addRow(self.tr("上报至"), self.target)
        self.reason = QPlainTextEdit(self)
        self.reason.setFixedHeight(80)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("上报原因，如：多次督办仍未办结，需协调"))
        form.addRow(self.tr("原因"), self.reason)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("上报"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.show_error(self.tr("请填写上报原因。"))
            return
        target = str(self.target.currentData())
        number, actor = self.number, self.ctx.actor
        self.buttons.setEnabled(False)

        def done(doc: EscalationDoc) -> None:
            self.ctx.notify(
                self.tr("案件 %1 已上报%2")
                .replace("%1", doc.number)
                .replace("%2", self.target.currentText())
            )
            self.escalated.emit(doc.number)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, UserError):
                self.show_error(db_message_text(str(exc)))
            else:
                self.ctx.tasks.report(exc)

        self.ctx.tasks.submit(
            lambda db: escalate(db, number, target, reason, actor), done, failed, owner=self
        )


class AwaitingModel(RowsModel[EscalationDoc]):
    """The cases escalated to the 联席会议 and not decided on yet."""

    CONTEXT = "AwaitingModel"
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("AwaitingModel", "案件编号"),
        QT_TRANSLATE_NOOP("AwaitingModel", "类别"),
        QT_TRANSLATE_NOOP("AwaitingModel", "原承办部门"),
        QT_TRANSLATE_NOOP("AwaitingModel", "上报时间"),
        QT_TRANSLATE_NOOP("AwaitingModel", "上会期限"),
        QT_TRANSLATE_NOOP("AwaitingModel", "上报原因"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        self.tz = tz
        super().__init__(parent)

    def cells(self, row: EscalationDoc) -> tuple[str, ...]:
        def t(moment: datetime) -> str:
            return f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M}"

        return (
            row.number,
            row.category,
            row.department or "—",
            t(row.escalated_at),
            t(row.due_at),
            row.reason,
        )


class DecisionsModel(RowsModel[Decision]):
    """The meeting's decisions recorded so far in the dialog."""

    CONTEXT = "DecisionsModel"
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("DecisionsModel", "案件编号"),
        QT_TRANSLATE_NOOP("DecisionsModel", "承办部门"),
        QT_TRANSLATE_NOOP("DecisionsModel", "新期限"),
        QT_TRANSLATE_NOOP("DecisionsModel", "决定"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        self.tz = tz
        super().__init__(parent)

    def cells(self, row: Decision) -> tuple[str, ...]:
        due = f"{row.due_at.astimezone(self.tz):%Y-%m-%d %H:%M}"
        return (row.number, row.department, due, row.text)


def _load(db: Database) -> tuple[list[EscalationDoc], list[str]]:
    with db.read() as session:
        return awaiting_meeting(session), active_department_names(session)


class MeetingDialog(QDialog):
    """联席会议: date, attending departments, and a decision (department, new deadline) for
    each escalated case discussed; 记录会议 writes them all or nothing."""

    recorded = Signal(object)  # MeetingRecord

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.settings.tz
        self.loaded = False
        self.decisions: list[Decision] = []
        self.setObjectName("meetingDialog")
        self.setWindowTitle(self.tr("联席会议"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)

        head = QFormLayout()
        layout.addLayout(head)
        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        today = utcnow().astimezone(self.tz).date()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        head.addRow(self.tr("会议日期"), self.date_edit)
        self.departments = QListWidget(self)
        self.departments.setObjectName("meetingDepartments")
        self.departments.setFlow(QListWidget.Flow.LeftToRight)
        self.departments.setWrapping(True)
        self.departments.setMaximumHeight(90)
        head.addRow(self.tr("参会部门"), self.departments)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("可选：会议纪要"))
        head.addRow(self.tr("纪要"), self.note)

        layout.addWidget(QLabel(self.tr("待上会案件（选中一件，给出决定）"), self))
        self.awaiting = AwaitingModel(self.tz, self)
        self.awaiting_view = QTableView(self)
        self.awaiting_view.setObjectName("awaitingCases")
        self.awaiting_view.setModel(self.awaiting)
        self.awaiting_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.awaiting_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.awaiting_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.awaiting_view, 2)

        row = QHBoxLayout()
        layout.addLayout(row)
        self.department_combo = QComboBox(self)
        self.department_combo.setMinimumWidth(160)
        self.due_edit = QDateTimeEdit(self)
        self.due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDateTime(to_qdatetime(utcnow() + timedelta(days=7), self.tz))
        self.decision_text = QLineEdit(self)
        self.decision_text.setPlaceholderText(self.tr("决定内容（可选）"))
        self.add_button = QPushButton(self.tr("加入决定"), self)
        self.add_button.clicked.connect(self.add_decision)
        row.addWidget(QLabel(self.tr("承办部门"), self))
        row.addWidget(self.department_combo)
        row.addWidget(QLabel(self.tr("新期限"), self))
        row.addWidget(self.due_edit)
        row.addWidget(self.decision_text, 1)
        row.addWidget(self.add_button)

        layout.addWidget(QLabel(self.tr("会议决定"), self))
        self.decided = DecisionsModel(self.tz, self)
        self.decided_view = QTableView(self)
        self.decided_view.setObjectName("meetingDecisions")
        self.decided_view.setModel(self.decided)
        self.decided_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.decided_view, 1)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("记录会议"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ctx.tasks.submit(_load, self._loaded, self._failed, owner=self)

    def _loaded(self, result: tuple[list[EscalationDoc], list[str]]) -> None:
        awaiting, departments = result
        self.awaiting.set_rows(awaiting)
        self.awaiting_view.resizeColumnsToContents()
        self.department_combo.addItems(departments)
        for name in departments:
            item = QListWidgetItem(name, self.departments)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            involved = any(doc.department == name for doc in awaiting)
            item.setCheckState(Qt.CheckState.Checked if involved else Qt.CheckState.Unchecked)
        if awaiting:
            self.awaiting_view.selectRow(0)
        else:
            self.show_error(self.tr("目前没有上报联席会议待决定的案件。"))
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, UserError):
            self.show_error(db_message_text(str(exc)))
        else:
            self.ctx.tasks.report(exc)

    def show_error(self, text: str) -> None:
        self.error_label.setText(html.escape(text))
        self.error_label.show()

    def attending(self) -> list[str]:
        return [
            self.departments.item(i).text()
            for i in range(self.departments.count())
            if self.departments.item(i).checkState() == Qt.CheckState.Checked
        ]

    def add_decision(self) -> None:
        """The decision on the selected case (replacing an earlier one on it)."""
        rows = self.awaiting_view.selectionModel().selectedRows()
        if not rows:
            self.show_error(self.tr("请先在待上会案件中选中一件。"))
            return
        doc = self.awaiting.rows[rows[0].row()]
        department = self.department_combo.currentText().strip()
        if not department:
            self.show_error(self.tr("请选择承办部门。"))
            return
        due = from_qdatetime(self.due_edit.dateTime(), self.tz)
        decision = Decision(doc.number, department, due, self.decision_text.text().strip())
        self.decisions = [d for d in self.decisions if d.number != doc.number] + [decision]
        self.decided.set_rows(self.decisions)
        self.decided_view.resizeColumnsToContents()
        self.decision_text.clear()
        self.error_label.hide()

    def held_on(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def submit(self) -> None:
        if not self.decisions:
            self.show_error(self.tr("请至少为一件案件给出决定。"))
            return
        held_on, departments, decisions = self.held_on(), self.attending(), list(self.decisions)
        note, actor = self.note.text(), self.ctx.actor
        self.buttons.setEnabled(False)

        def done(record: MeetingRecord) -> None:
            self.ctx.notify(
                self.tr("联席会议已记录：%1 件案件按决定重新派遣").replace(
                    "%1", str(len(record.decisions))
                )
            )
            self.ctx.feed.notify_local(set())
            self.recorded.emit(record)
            self.accept()

        self.ctx.tasks.submit(
            lambda db: add_meeting(db, held_on, departments, decisions, actor, note=note),
            done,
            self._failed,
            owner=self,
        )

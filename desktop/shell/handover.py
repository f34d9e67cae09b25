"""Shift handover (交接班) and switching user without closing the application.

`ShiftSession` owns the signed-in user's AppContext and main window. 交接班… (or 切换用户…
for roles that do not work the desk) asks the leaving dispatcher for a handover note, then
shows the sign-in dialog over the running window. Once the next user has signed in, the
handover is recorded (`db.shifts.handover`), a new context and main window are built for
the new user in the same place, and the old ones are closed. Cancelling the sign-in keeps
the current user and records nothing.

After every sign-in, a dispatcher is shown the pending handover (`HandoverDialog`): who
handed over when, the note, and the open urgent and overdue cases with their time left
(double-click opens one on the desk). 确认接班 records the acknowledgement.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.clock import utcnow
from db.engine import Database
from db.errors import UserError
from db.security.actors import Actor
from db.shifts.handover import (
    AlertCase,
    Handover,
    acknowledge,
    alert_cases,
    hand_over,
    pending_handover,
)
from desktop.cases.case_notes import NoteEdit
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.common.durations import time_left_text
from desktop.core.context import AppContext
from desktop.core.i18n import role_text, status_text
from desktop.shell.main_window import MainWindow
from desktop.shell.sign_in import LAST_USER_KEY, SignInDialog

PendingResult = tuple[Handover, list[AlertCase]] | None


def read_alert_cases(db: Database) -> list[AlertCase]:
    with db.read() as session:
        return alert_cases(session)


def read_pending(db: Database, actor: Actor) -> PendingResult:
    with db.read() as session:
        found = pending_handover(session, actor)
        if found is None:
            return None
        return found, alert_cases(session)


def local(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"


class HandoverNoteDialog(QDialog):
    """The leaving dispatcher's side: an optional note, and how many cases go with it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverNoteDialog")
        self.setWindowTitle(self.tr("交班"))
        self.setMinimumWidth(440)
        actor = ctx.actor
        who = QLabel(
            self.tr("交班人：%1（%2）")
            .replace("%1", actor.label)
            .replace("%2", role_text(actor.role)),
            self,
        )
        self.cases_label = QLabel(self.tr("正在统计未结的紧急和超期案件…"), self)
        self.cases_label.setObjectName("handoverCount")
        self.cases_label.setWordWrap(True)
        self.note_edit = NoteEdit(self)
        self.note_edit.setObjectName("handoverNote")
        self.note_edit.setPlaceholderText(self.tr("交班说明（可不填）：需要下一班跟进的事项…"))
        self.note_edit.submitted.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("交班并切换用户"))
        self.ok_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(self.cases_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self.note_edit.setFocus()
        ctx.tasks.submit(read_alert_cases, self._counted, owner=self)

    def _counted(self, cases: list[AlertCase]) -> None:
        now = utcnow()
        overdue = sum(1 for c in cases if c.overdue(now))
        urgent = sum(1 for c in cases if c.urgent)
        self.cases_label.setText(
            self.tr("未结的紧急案件 %1 件、超期案件 %2 件，将列给接班人。")
            .replace("%1", str(urgent))
            .replace("%2", str(overdue))
        )

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText()


class HandoverDialog(QDialog):
    """The next dispatcher's side: the handover and the cases to watch; 确认接班 records it."""

    open_case = Signal(str)
    acknowledged = Signal(object)  # the Handover as recorded

    def __init__(
        self,
        ctx: AppContext,
        handover: Handover,
        cases: list[AlertCase],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.handover = handover
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("接班"))
        self.setMinimumSize(760, 460)
        tz = ctx.settings.tz
        head = QLabel(
            self.tr("%1 于 %2 交班")
            .replace("%1", handover.from_label)
            .replace("%2", local(handover.at, tz)),
            self,
        )
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setObjectName("handoverFrom")
        head.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.note_label = QLabel(handover.note or self.tr("（没有留言）"), self)
        self.note_label.setObjectName("handoverNoteText")
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        now = utcnow()
        overdue = sum(1 for c in cases if c.overdue(now))
        urgent = sum(1 for c in cases if c.urgent)
        summary = QLabel(
            self.tr("未结的紧急案件 %1 件、超期案件 %2 件（双击打开案件）：")
            .replace("%1", str(urgent))
            .replace("%2", str(overdue)),
            self,
        )
        self.table = QTableWidget(len(cases), 7, self)
        self.table.setObjectName("handoverCases")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("案件编号"),
                self.tr("紧急"),
                self.tr("类别"),
                self.tr("社区"),
                self.tr("状态"),
                self.tr("责任部门"),
                self.tr("剩余时间"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, case in enumerate(cases):
            left = (
                time_left_text((case.due_at - now).total_seconds())
                if case.due_at is not None
                else "—"
            )
            values = (
                case.number,
                self.tr("紧急") if case.urgent else "",
                case.category,
                case.community,
                status_text(case.status),
                case.department or "—",
                left,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 6 and case.overdue(now):
                    item.setForeground(QColor(palette.ERROR))
                if column == 1 and case.urgent:
                    item.setForeground(QColor(palette.ERROR))
                self.table.setItem(row, column, item)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(palette.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.ack_button = buttons.addButton(
            self.tr("确认接班"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ack_button.setObjectName("acknowledgeHandover")
        self.ack_button.setDefault(True)
        later = buttons.addButton(self.tr("稍后"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(self.tr("暂不确认；下次登录时仍会显示"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.ack_button.setEnabled(ctx.actor.can("shift.handover"))
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.note_label)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def number_at(self, row: int) -> str:
        item = self.table.item(row, 0)
        return item.text() if item is not None else ""

    def numbers(self) -> list[str]:
        return [self.number_at(row) for row in range(self.table.rowCount())]

    def _double_clicked(self, row: int, _column: int) -> None:
        self.open_case.emit(self.number_at(row))

    def confirm(self) -> None:
        actor, handover_id = self.ctx.actor, self.handover.id

        def job(db: Database) -> Handover:
            with db.write() as session:
                return acknowledge(session, actor, handover_id)

        self.ack_button.setEnabled(False)
        self.ctx.tasks.submit(job, self._confirmed, self._failed, owner=self)

    def _confirmed(self, handover: Handover) -> None:
        self.acknowledged.emit(handover)
        self.ctx.notify(self.tr("已确认接班（交班人 %1）").replace("%1", handover.from_label))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ack_button.setEnabled(True)
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        self.error_label.setText(db_message_text(str(exc)))


class ShiftSession(QObject):
    """The signed-in user's context and main window, and switching them (see the module)."""

    switched = Signal(object)  # the new MainWindow
    handover_shown = Signal(object)  # the HandoverDialog

    def __init__(
        self,
        db: Database,
        *,
        lang: str = "zh_CN",
        start_feed: bool = True,
        on_start: Callable[[AppContext], None] | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.lang = lang
        self.start_feed = start_feed
        self.on_start = on_start
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.note_dialog: HandoverNoteDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.handover_dialog: HandoverDialog | None = None

    def start(self, actor: Actor) -> MainWindow:
        """Build the context and main window of `actor`, show it, then any pending handover."""
        ctx = AppContext.create(self.db, actor, start_feed=self.start_feed, lang=self.lang)
        window = MainWindow(ctx)
        window.switch_user_requested.connect(self.request_switch)
        self.ctx, self.window = ctx, window
        window.show()
        if self.on_start is not None:
            self.on_start(ctx)
        self.check_handover()
        return window

    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None

    # -- leaving ---------------------------------------------------------------------------------

    def request_switch(self) -> None:
        """交接班… / 切换用户…: the note first for a dispatcher, then the sign-in dialog."""
        ctx, window = self.ctx, self.window
        if ctx is None or window is None:
            return
        if not ctx.actor.can("shift.handover"):
            self.ask_next_user("")
            return
        dialog = HandoverNoteDialog(ctx, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ask_next_user(dialog.note, handing_over=True))
        self.note_dialog = dialog
        dialog.open()

    def ask_next_user(self, note: str, *, handing_over: bool = False) -> SignInDialog:
        assert self.window is not None
        dialog = SignInDialog(self.db, "", self.window)
        dialog.setWindowTitle(
            self.tr("交接班：接班人登录") if handing_over else self.tr("切换用户")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._signed_in(dialog.actor, note if handing_over else None)
        )
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, actor: Actor | None, note: str | None) -> None:
        ctx = self.ctx
        if actor is None or ctx is None:
            return
        QSettings().setValue(LAST_USER_KEY, actor.username)
        if actor.username == ctx.actor.username:
            ctx.notify(self.tr("仍为 %1，未交班").replace("%1", actor.label))
            return
        if note is None:
            self.switch_to(actor)
            return
        leaving = ctx.actor

        def job(db: Database) -> Handover:
            with db.write() as session:
                return hand_over(session, leaving, note)

        def done(_handover: Handover) -> None:
            self.switch_to(actor)

        ctx.tasks.submit(job, done, owner=self)

    def switch_to(self, actor: Actor) -> MainWindow:
        """Close the current window and context; the same place, rebuilt for `actor`."""
        old_window, old_ctx = self.window, self.ctx
        if old_window is not None:
            old_window.save_state()
        window = self.start(actor)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None:
            old_ctx.close()
        self.switched.emit(window)
        return window

    # -- arriving --------------------------------------------------------------------------------

    def check_handover(self) -> None:
        ctx = self.ctx
        if ctx is None or not ctx.actor.can("shift.handover"):
            return
        actor = ctx.actor
        ctx.tasks.submit(lambda db: read_pending(db, actor), self._show_pending, owner=self)

    def _show_pending(self, found: PendingResult) -> None:
        if found is None or self.ctx is None or self.window is None:
            return
        handover, cases = found
        window = self.window
        dialog = HandoverDialog(self.ctx, handover, cases, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_case.connect(lambda number: self.open_on_desk(window, number))
        self.handover_dialog = dialog
        dialog.show()
        self.handover_shown.emit(dialog)

    @staticmethod
    def open_on_desk(window: MainWindow, number: str) -> None:
        window.show_page(0)
        window.desk_page.queue.goto_case(number)

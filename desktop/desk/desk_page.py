"""The dispatch desk page (调度台): live case queue, department board and the selected case.

Layout: the queue (filter bar + table) on top of the department board on the left, the case
detail pane on the right, in splitters whose sizes are kept in QSettings. Selecting a row shows
the case; an action taken in the detail pane refreshes the queue at once; dragging rows onto
the board dispatches them; Ctrl+Z takes back the last action if it was a dispatch (and says so
over the page, naming the case and the department); Ctrl+N opens 来电登记 (desktop/intake) and
selects the case it saves; F1 lists every desk shortcut.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from db.intake.calls import TakenCall
from desktop.cases.case_detail import CaseDetailPane
from desktop.cases.escalation_dialogs import EscalateDialog, MeetingDialog
from desktop.core.context import AppContext
from desktop.core.i18n import status_text
from desktop.desk import desk_actions as da
from desktop.desk.alarms import AlarmWatcher
from desktop.desk.alarms_banner import AlarmBanner
from desktop.desk.dispatch_board import DispatchBoard
from desktop.desk.dispatch_undo import Dispatcher
from desktop.desk.escalation_sweeper import EscalationSweeper
from desktop.desk.extension_panel import ExtensionPanel
from desktop.desk.queue_model import QueueModel
from desktop.desk.queue_view import QueueView
from desktop.desk.shortcut_sheet import ShortcutSheet
from desktop.desk.toast import Toast
from desktop.intake.call_form import CallFormDialog, open_call_form
from desktop.intake.pending_tray import PendingTrayButton

_MAIN_SPLIT = "desk/splitter_main"
_LEFT_SPLIT = "desk/splitter_left"

ALARMS_LATEST_MS = 3_000  # the first alarm check waits for the queue at most this long


class DeskPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("deskPage")
        self.dispatcher = Dispatcher(ctx, self)
        self.queue = QueueView(ctx, self, dispatcher=self.dispatcher)
        self.board = DispatchBoard(ctx, self, dispatcher=self.dispatcher)
        self.detail = CaseDetailPane(ctx, self)

        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.setChildrenCollapsible(False)
        self.left.addWidget(self.queue)
        self.left.addWidget(self.board)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 1)
        self.main = QSplitter(Qt.Orientation.Horizontal, self)
        self.main.setChildrenCollapsible(False)
        self.main.addWidget(self.left)
        self.main.addWidget(self.detail)
        self.main.setStretchFactor(0, 3)
        self.main.setStretchFactor(1, 1)
        self.main.setSizes([1300, 520])
        self.left.setSizes([640, 340])  # room for four rows of department cards at 1080p
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # Alarms of urgent cases (alarms.py): a banner that stays until acknowledged.
        self.alarms = AlarmWatcher(ctx, self)
        # Escalation rules (提醒, 系统督办, 上报) swept off the GUI thread every minute.
        self.escalation = EscalationSweeper(ctx, self)
        self.alarm_banner = AlarmBanner(ctx, self)
        self.alarms.changed.connect(self.alarm_banner.show_alarms)
        self.alarm_banner.acknowledge_requested.connect(self.alarms.acknowledge)
        self.alarm_banner.case_requested.connect(self.show_alarm_case)
        layout.addWidget(self.alarm_banner)
        # Departments' 申请延期 for a 值班长 to decide (hidden while none wait).
        self.extensions: ExtensionPanel | None = None
        if ctx.actor.can("case.extend"):
            self.extensions = ExtensionPanel(ctx, self)
            self.extensions.case_requested.connect(self.show_alarm_case_number)
            layout.addWidget(self.extensions)
        layout.addWidget(self.main, 1)
        self._restore_splitters()
        self.main.splitterMoved.connect(lambda *_: self._save_splitters())
        self.left.splitterMoved.connect(lambda *_: self._save_splitters())

        self.queue.case_selected.connect(self.detail.show_case)
        self.queue.drag_started.connect(self.board.begin_drag)
        self.queue.drag_finished.connect(self.board.end_drag)
        # A click on a card narrows the queue to its department; the card shows the filter.
        self.board.department_clicked.connect(self.queue.filters.show_department)
        self.queue.filters.changed.connect(
            lambda: self.board.show_filtered(self.queue.filters.department.currentData())
        )
        self.detail.case_acted.connect(self._case_acted)
        self.detail.transition_done.connect(self.dispatcher.remember)
        self.detail.transition_done.connect(lambda case_id, _r: self.queue.note_acted([case_id]))
        self.queue.drag_started.connect(lambda cases: self.queue.note_acted([c.id for c in cases]))

        # The queue's actions answer wherever the focus is on the page (board, pane too).
        self.addActions(list(self.queue.desk_actions.values()))
        self.desk_actions = da.build_qactions(
            self,
            {
                "undo": self.dispatcher.undo_last,
                "redo": self.dispatcher.redo_last,
                "shortcuts": self.show_shortcuts,
                "note": self.detail.focus_note,
                "print": self.print_slip,
                "call": self.open_call_form,
                "escalate": self.open_escalate,
                "meeting": self.open_meeting,
            },
        )
        for extra in ("escalate", "meeting"):
            action = self.desk_actions[extra]
            action.setEnabled(da.BY_ID[extra].allowed_for(ctx.actor))
            self.queue.menu_extras.append(action)
        self.undo_action = self.desk_actions["undo"]
        self.queue.menu_extras.append(self.undo_action)
        ctx.undo_stack.indexChanged.connect(self._undo_changed)
        self._undo_changed()
        self.sheet: ShortcutSheet | None = None
        self.call_form: CallFormDialog | None = None
        self.escalate_dialog: EscalateDialog | None = None
        self.meeting_dialog: MeetingDialog | None = None
        self.toast = Toast(self)
        self.dispatcher.toast.connect(self.toast.show_text)
        self.queue.toast.connect(self.toast.show_text)
        # Alarms sound whichever page is open. Their first check reads every open case (half
        # a second on a million cases) and the database thread runs jobs in turn: it starts
        # once the queue's first page is in (or after ALARMS_LATEST_MS, whichever is first).
        # The escalation sweep (also a database job) waits for the queue the same way.
        for start in (self.alarms.start, self.escalation.start):
            self.queue.model.loaded.connect(start)
            QTimer.singleShot(ALARMS_LATEST_MS, self, start)
        # 待定位 (N): 12345 orders waiting for their grid or 小类; shown only while N > 0.
        self.pending_button: PendingTrayButton | None = None
        if ctx.actor.can("case.report"):
            self.pending_button = PendingTrayButton(ctx, self)
            self.queue.filters.add_tool(self.pending_button)

    def print_slip(self) -> bool:
        """打印单据 (Ctrl+P): the shown case's slips, previewed, printed or saved as PDF."""
        number = self.detail.number
        if not number:
            return False
        # Imported when first asked for: the PDF libraries take over a second to load.
        from desktop.cases.print_dialog import SlipPrintDialog

        SlipPrintDialog(self.ctx, number, self).exec()
        return True

    def open_call_form(self) -> CallFormDialog | None:
        """来电登记 (Ctrl+N): the form; the saved case is then selected here, with a toast."""
        if self.call_form is not None:
            self.call_form.raise_()
            self.call_form.activateWindow()
            return self.call_form
        dialog = open_call_form(self.ctx, self)
        if dialog is None:
            self.toast.show_text(self.tr("当前角色不能登记来电"))
            return None
        dialog.case_taken.connect(self._call_taken)
        dialog.destroyed.connect(lambda *_: setattr(self, "call_form", None))
        self.call_form = dialog
        return dialog

    def _call_taken(self, taken: TakenCall) -> None:
        self.queue.model.refresh(None)
        self.board.refresh()
        self.queue.goto_case(taken.number)
        state = status_text(taken.status)
        text = self.tr("已登记案件 %1（%2）").replace("%1", taken.number).replace("%2", state)
        if taken.locations_removed:
            text += self.tr("，已去除 %1 张照片的拍摄位置").replace(
                "%1", str(taken.locations_removed)
            )
        self.toast.show_text(text)

    def _undo_changed(self, *_args: object) -> None:
        """The undo action names what Ctrl+Z would take back: case and department."""
        if not shiboken6.isValid(self.ctx.undo_stack):
            return  # the stack empties itself as it goes, after the window
        text = self.dispatcher.undo_text()
        self.undo_action.setText(text)
        self.undo_action.setToolTip(self.tr("%1（%2）").replace("%1", text).replace("%2", "Ctrl+Z"))

    def open_escalate(self) -> EscalateDialog | None:
        """上报 the selected case (one) to the district platform or the 联席会议."""
        rows = self.queue.selected_rows_data()
        if len(rows) != 1:
            self.ctx.notify(self.tr("请选中一件案件再上报。"))
            return None
        dialog = EscalateDialog(self.ctx, rows[0].number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.escalated.connect(self._case_acted)
        self.escalate_dialog = dialog
        dialog.open()
        return dialog

    def open_meeting(self) -> MeetingDialog:
        """联席会议: record the decisions on the cases escalated to it."""
        dialog = MeetingDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda _record: self.queue.model.refresh(None))
        self.meeting_dialog = dialog
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutSheet:
        if self.sheet is not None:
            self.sheet.close()
        sheet = ShortcutSheet(self.ctx.actor, self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.destroyed.connect(lambda *_: setattr(self, "sheet", None))
        sheet.open()
        self.sheet = sheet
        return sheet

    @property
    def model(self) -> QueueModel:
        return self.queue.model

    def show_alarm_case(self, case_id: int, number: str) -> None:
        """查看 on the alarm banner: the case's row if the queue lists it, else the pane."""
        if not self.queue.select_case(case_id):
            self.detail.show_case(number)

    def show_alarm_case_number(self, number: str) -> None:
        """A case named by number (a 申请延期 on the panel): its pane."""
        self.detail.show_case(number)

    def _case_acted(self, _number: str) -> None:
        # The feed would tell us within a second; our own action should show at once.
        self.queue.model.refresh(None)
        self.board.refresh()

    def _restore_splitters(self) -> None:
        settings = QSettings()
        for key, splitter in ((_MAIN_SPLIT, self.main), (_LEFT_SPLIT, self.left)):
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

    def _save_splitters(self) -> None:
        settings = QSettings()
        settings.setValue(_MAIN_SPLIT, self.main.saveState())
        settings.setValue(_LEFT_SPLIT, self.left.saveState())

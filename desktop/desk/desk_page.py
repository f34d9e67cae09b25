"""The dispatch desk page (调度台): live case queue, department board and the selected case.

Layout: the queue (filter bar + table) on top of the department board on the left, the case
detail pane on the right, in splitters whose sizes are kept in QSettings. Selecting a row shows
the case; an action taken in the detail pane refreshes the queue at once; dragging rows onto
the board dispatches them; Ctrl+Z takes back the last dispatch.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.cases.case_detail import CaseDetailPane
from desktop.core.context import AppContext
from desktop.desk.dispatch_board import DispatchBoard
from desktop.desk.dispatch_undo import Dispatcher
from desktop.desk.queue_model import QueueModel
from desktop.desk.queue_view import QueueView

_MAIN_SPLIT = "desk/splitter_main"
_LEFT_SPLIT = "desk/splitter_left"


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
        layout.addWidget(self.main)
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

        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(ctx.undo_stack.undo)
        redo = QShortcut(QKeySequence.StandardKey.Redo, self)
        redo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        redo.activated.connect(ctx.undo_stack.redo)

    @property
    def model(self) -> QueueModel:
        return self.queue.model

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

"""The queue half of the desk: the filter bar (queue_filters.py) above the case table.

Filtering and sorting go to SQL through `QueueModel`; the table only shows what the model has
fetched. Across live refreshes the view keeps the selection (by case id) and the scroll position
(the top visible case). Rows drag as `application/x-griddesk-case-ids`; the context menu, Enter
and Ctrl+D/F2 give the keyboard the same actions as the mouse.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases import queue as q
from db.cases.states import Action, Status
from db.cases.workflow import BatchOutcome, Request, apply_many
from db.engine import Database
from desktop.common.durations import time_left_text
from desktop.core.context import AppContext
from desktop.core.i18n import status_text
from desktop.desk.case_mime import DraggedCase
from desktop.desk.department_picker import DepartmentPicker
from desktop.desk.dispatch_undo import Dispatcher, deadline_text, load_preview
from desktop.desk.drag_image import make_drag
from desktop.desk.queue_columns import COL_DESCRIPTION, COL_LEFT, COL_STATUS, COLUMNS
from desktop.desk.queue_filters import QueueFilterBar
from desktop.desk.queue_model import QueueModel

FIRST_PAINT_WAIT_MS = 400
_DEFAULT_SORT_COLUMN = next(i for i, (_, k) in enumerate(COLUMNS) if k is q.SortKey.URGENCY)


class QueueTable(QTableView):
    """The case table: rows as a whole, no word wrap, uniform row height, drag to the board."""

    drag_started = Signal(list)  # list[DraggedCase]
    drag_finished = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAlternatingRowColors(False)
        self.setShowGrid(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        horizontal = self.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setStretchLastSection(False)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        model = self.model()
        if not isinstance(model, QueueModel):
            super().startDrag(supportedActions)
            return
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        cases = model.dragged_cases(rows)
        if not cases:
            return
        self.drag_started.emit(cases)
        try:
            # A small picture (number, 小类, count), not the 1,300 px rows: see drag_image.py.
            make_drag(self, cases).exec(supportedActions, Qt.DropAction.CopyAction)
        finally:
            self.drag_finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class QueueView(QWidget):
    """Filter bar + table over a `QueueModel`; emits `case_selected(number | None)`."""

    case_selected = Signal(object)  # str | None
    drag_started = Signal(list)
    drag_finished = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        dispatcher: Dispatcher | None = None,
        model: QueueModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dispatcher = dispatcher or Dispatcher(ctx, self)
        # The first query runs when the view is first shown, sized to what fills it.
        self.model = model or QueueModel(ctx, self, hold=True)
        self.picker: DepartmentPicker | None = None
        self._restoring = False
        self._saved: tuple[list[int], int | None, int | None, bool] | None = None
        self._shown: str | None = None
        self._started = False

        self.filters = QueueFilterBar(ctx, self)
        self.filters.changed.connect(self.apply_filter)

        self.table = QueueTable(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(
            _DEFAULT_SORT_COLUMN, Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)  # asks the model to sort: the first query
        self.table.horizontalHeader().setSectionResizeMode(
            COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch
        )
        widths = (140, 96, 180, 120, 200, 44, 64, 130, 110)
        header_font = self.table.horizontalHeader().fontMetrics()
        cell_font = self.table.fontMetrics()
        longest = {  # what the short columns must show in full, in the current language
            COL_STATUS: [status_text(s) for s in Status],
            COL_LEFT: [time_left_text(-(99 * 86400 + 23 * 3600 + 59 * 60))],
        }
        for column, width in enumerate(widths):
            if column == COL_DESCRIPTION:
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            need = header_font.horizontalAdvance(title) + 28  # room for the sort arrow
            for text in longest.get(column, []):
                need = max(need, cell_font.horizontalAdvance(text) + 16)
            self.table.setColumnWidth(column, max(width, need))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

        self.model.counts_changed.connect(self.filters.set_counts)
        self.model.modelAboutToBeReset.connect(self._save_position)
        self.model.modelReset.connect(self._restore_position)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._tell_visible())
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.open_requested.connect(self.open_current)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.drag_started.connect(self.drag_started)
        self.table.drag_finished.connect(self.drag_finished)

        self.act_dispatch = QAction(self.tr("派遣到…"), self)
        self.act_dispatch.setEnabled(ctx.actor.can("case.dispatch"))
        self.act_dispatch.triggered.connect(self.pick_department)
        for keys in (QKeySequence("Ctrl+D"), QKeySequence("F2")):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.pick_department)

    # --- the filter --------------------------------------------------------------------------

    def apply_filter(self) -> None:
        self.model.set_filter(self.filters.current_filter())

    # --- selection and scroll position across refreshes --------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_cases(self) -> list[DraggedCase]:
        return self.model.dragged_cases(self.selected_rows())

    def selected_ids(self) -> list[int]:
        return [i for i in (self.model.case_id(r) for r in self.selected_rows()) if i is not None]

    def _tell_visible(self) -> None:
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        if first < 0:
            first = 0
        if last < 0:
            last = self.model.rowCount() - 1
        self.model.set_visible(first, last)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._tell_visible)  # dropped if the view goes first

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._started:
            return
        self._started = True
        layout = self.layout()
        if layout is not None:
            layout.activate()
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.model.first_page_rows = self.table.viewport().height() // row_height + 2
        # No flash of an empty table: the rows are painted once, when the first page is in
        # (or after FIRST_PAINT_WAIT_MS at the latest).
        self.table.viewport().setUpdatesEnabled(False)
        self.model.loaded.connect(self._first_page_in, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._first_page_in)
        self.model.start()

    def _first_page_in(self) -> None:
        viewport = self.table.viewport()
        if not viewport.updatesEnabled():
            viewport.setUpdatesEnabled(True)
            viewport.update()

    def _save_position(self) -> None:
        current = self.model.case_id(self.table.currentIndex().row())
        top_row = self.table.verticalScrollBar().value()
        top = self.model.case_id(top_row)
        self._saved = (self.selected_ids(), current, top, top_row == 0)

    def _restore_position(self) -> None:
        saved, self._saved = self._saved, None
        self._restoring = True
        try:
            if saved is not None and self.model.has_all_ids():
                selected, current, top, at_top = saved
                rows = self.model.rows_of([*selected, *([current] if current else [])])
                selection = QItemSelection()
                last_col = self.model.columnCount() - 1
                for case_id in selected:
                    row = rows.get(case_id)
                    if row is not None:
                        selection.select(self.model.index(row, 0), self.model.index(row, last_col))
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                self.table.selectionModel().select(selection, flags)
                if current is not None and current in rows:
                    self.table.selectionModel().setCurrentIndex(
                        self.model.index(rows[current], 0),
                        QItemSelectionModel.SelectionFlag.NoUpdate,
                    )
                bar = self.table.verticalScrollBar()
                if not at_top and top is not None:
                    row = self.model.row_of(top)
                    if row is not None:
                        bar.setValue(row)
                else:
                    bar.setValue(0)
        finally:
            self._restoring = False
        self._tell_visible()
        self._selection_changed()

    def _selection_changed(self, *_args: Any) -> None:
        if self._restoring:
            return
        index = self.table.currentIndex()
        rows = self.selected_rows()
        number: str | None = None
        if rows:
            row = index.row() if index.isValid() and index.row() in rows else rows[0]
            found = self.model.case_row(row)
            number = found.number if found is not None else None
        if number != self._shown:
            self._shown = number
            self.case_selected.emit(number)

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- actions -----------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self.table.currentIndex()
        found = self.model.case_row(index.row()) if index.isValid() else None
        if found is None:
            return
        from desktop.cases.case_detail import open_case_window

        open_case_window(self.ctx, found.number, self.window())

    def pick_department(self) -> DepartmentPicker | None:
        cases = self.selected_cases()
        options = self.filters.options
        if not cases or options is None:
            return None
        if not self.ctx.actor.can("case.dispatch"):
            self.ctx.notify(self.tr("当前角色无权派遣案件"))
            return None
        suggested = frozenset(
            c.default_department_id for c in cases if c.default_department_id is not None
        )
        what = (
            self.tr("派遣案件 %1").replace("%1", cases[0].number)
            if len(cases) == 1
            else self.tr("派遣 %1 件案件").replace("%1", str(len(cases)))
        )
        picker = DepartmentPicker(
            options.departments, suggested=suggested, what=what, parent=self, ctx=self.ctx
        )
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.picked.connect(
            lambda dept_id, name, note: self.dispatcher.dispatch(cases, dept_id, name, note)
        )
        picker.open()
        self.picker = picker
        if options.departments:
            ids, settings = [c.id for c in cases], self.ctx.settings
            some_department = options.departments[0][0]
            tz = settings.tz

            def show(preview: q.DispatchPreview) -> None:
                if picker.isVisible():
                    picker.set_deadline(deadline_text(preview, tz))

            # The picker's job: dropped with the picker (deleted when it closes).
            self.ctx.tasks.submit(
                lambda db: load_preview(db, ids, some_department, settings),
                show,
                lambda _e: None,
                owner=picker,
            )
        return picker

    def act_on_selected(self, action: Action) -> None:
        """立案 or 督办 for the selected cases (each on its own, versions as shown)."""
        cases = self.selected_cases()
        if not cases:
            return
        numbers = [c.number for c in cases]
        versions = {c.number: c.version for c in cases}
        actor = self.ctx.actor

        def job(db: Database) -> BatchOutcome:
            return apply_many(db, numbers, action, Request(), actor, versions)

        def done(outcome: BatchOutcome) -> None:
            if outcome.done:
                text = (
                    self.tr("已立案 %1 件")
                    if action is Action.REGISTER
                    else self.tr("已督办 %1 件")
                )
                self.ctx.notify(text.replace("%1", str(len(outcome.done))))
            if outcome.failed:
                self.ctx.notify("；".join(reason for _, reason in outcome.failed), 15000)
            self.ctx.feed.notify_local([c.id for c in cases])

        self.ctx.tasks.submit(job, done, owner=self)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if index.row() not in self.selected_rows():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.act_dispatch)
        register = menu.addAction(self.tr("立案"))
        register.triggered.connect(lambda: self.act_on_selected(Action.REGISTER))
        urge = menu.addAction(self.tr("督办"))
        urge.triggered.connect(lambda: self.act_on_selected(Action.URGE))
        menu.addSeparator()
        open_action = menu.addAction(self.tr("打开案件"))
        open_action.triggered.connect(self.open_current)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()

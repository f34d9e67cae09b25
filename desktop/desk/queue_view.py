"""The queue half of the desk: the filter bar (queue_filters.py) above the case table.

Filtering and sorting go to SQL through `QueueModel`; the table only shows what the model has
fetched. Across live refreshes the view keeps the selection (by case id) and the scroll position
(the top visible case); when the cases just acted on leave the list, the selection moves to the
next case. Rows drag as `application/x-griddesk-case-ids`.

The keys and the context menu come from the one table of desk actions (desk_actions.py): the
menu lists only the actions valid for the selected cases' states and the user's role, and every
case action opens its dialog (the detail pane's `ActionDialog`, or the department picker for
派遣) before anything is written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import partial
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
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases import queue as q
from db.cases.queries import CaseDetail, case_detail
from db.cases.states import GROUP_OF, Action, Status
from db.cases.workflow import BatchOutcome, Request
from db.engine import Database
from db.errors import UserError
from db.escalation.documents import apply_action_many
from db.reference.choices import Choice
from desktop.cases.action_dialogs import ActionDialog
from desktop.cases.case_detail import load_detail
from desktop.cases.duplicates_dialog import DuplicatesDialog
from desktop.common.db_messages import db_message_text
from desktop.common.durations import time_left_text
from desktop.core.context import AppContext
from desktop.core.i18n import action_text, role_text, status_text
from desktop.desk import desk_actions as da
from desktop.desk.case_mime import DraggedCase
from desktop.desk.department_picker import DepartmentPicker
from desktop.desk.dispatch_undo import Dispatcher, deadline_text, load_preview
from desktop.desk.drag_image import make_drag
from desktop.desk.queue_columns import COL_DESCRIPTION, COL_LEFT, COL_STATUS, COLUMNS, WIDTHS
from desktop.desk.queue_filters import TABS, QueueFilterBar
from desktop.desk.queue_header import QueueHeaderLayout
from desktop.desk.queue_model import QueueModel
from desktop.desk.saved_views import SavedViewsButton

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

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Arriving by Tab with nothing selected selects the current row (else the first), so
        the pane shows it and Ctrl+D acts on it at once."""
        super().focusInEvent(event)
        selection = self.selectionModel()
        model = self.model()
        if (
            selection is None
            or model is None
            or selection.hasSelection()
            or model.rowCount() == 0
            or event.reason()
            not in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        ):
            return
        current = self.currentIndex()
        self.selectRow(current.row() if current.isValid() else 0)

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
    toast = Signal(str)  # a sentence the desk shows over the page (a key that did nothing)
    acted = Signal(object)  # BatchOutcome of an action from the queue's menu or keys

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
        self._follow: int | None = None
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
        widths = WIDTHS
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
        # Column choice, order and widths per user; saved views (筛选方案) in the filter row.
        self.header_layout = QueueHeaderLayout(ctx, self.table)
        self.saved_views = SavedViewsButton(ctx, self.filters, self)
        self.filters.add_tool(self.saved_views)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

        self.menu_extras: list[Any] = []  # QActions the desk adds below (撤回 …)
        self.last_menu: QMenu | None = None
        self._goto_number = ""
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

        self.last_message = ""
        self.current_dialog: ActionDialog | None = None
        self.duplicates_dialog: DuplicatesDialog | None = None
        self.goto_dialog: QInputDialog | None = None
        self._acted: set[int] = set()  # cases just acted on: if they leave, select the next
        self._goto: int | None = None  # a case Ctrl+G is waiting for the list to show
        self._goto_cleared = False  # Ctrl+G has cleared the filters once for that case
        self.model.ids_loaded.connect(self._try_goto)
        self.model.modelReset.connect(self._try_goto)

        handlers: dict[str, Callable[[], object]] = {
            a.id: partial(self.run_case_action, a) for a in da.CASE_ACTIONS
        }
        handlers.update(
            {
                "open": self.open_current,
                "duplicates": self.compare_duplicates,
                "search": self.focus_search,
                "goto": self.ask_goto,
                "next_tab": partial(self.step_tab, 1),
                "previous_tab": partial(self.step_tab, -1),
            }
        )
        handlers.update(
            {f"tab_{i}": partial(self.choose_tab, i - 1) for i in range(1, len(TABS) + 1)}
        )
        self.desk_actions = da.build_qactions(self, handlers)
        for entry in da.CASE_ACTIONS:
            self.desk_actions[entry.id].setEnabled(entry.allowed_for(ctx.actor))
        self.act_dispatch = self.desk_actions["dispatch"]

        # Tab order: the status tabs, the search box, the table, then the filter lists.
        f = self.filters
        chain: list[QWidget] = [f.tabs, f.search, self.table, f.community, f.grid, f.category]
        chain += [f.department, f.source, f.urgency, f.alert_only]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
        self._follow = self._next_case()

    def _next_case(self) -> int | None:
        """The case after the selection (or before it, at the end of the list)."""
        rows = self.selected_rows()
        if not rows:
            return None
        chosen = set(rows)
        for row in [*range(rows[-1] + 1, self.model.rowCount()), *range(rows[0] - 1, -1, -1)]:
            if row not in chosen:
                return self.model.case_id(row)
        return None

    def note_acted(self, case_ids: list[int] | set[int]) -> None:
        """These cases were just acted on: when they leave the list, select the next case."""
        self._acted = set(case_ids)

    def _restore_position(self) -> None:
        saved, self._saved = self._saved, None
        self._restoring = True
        try:
            if saved is not None and self.model.has_all_ids():
                selected, current, top, at_top = saved
                follow, self._follow = self._follow, None
                rows = self.model.rows_of([*selected, *([current] if current else [])])
                acted, self._acted = self._acted, set()
                if selected and not rows and set(selected) <= acted and follow is not None:
                    # What we acted on left the list: go on with the next case.
                    selected, current = [follow], follow
                    rows = self.model.rows_of([follow])
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
        picker.picked_joint.connect(
            lambda dept_id, name, note, co: self._dispatch(cases, dept_id, name, note, co)
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

            # The classifier (numpy) is imported on the worker, at the first picker.
            def suggest(db: Database, ids: list[int] = ids) -> Choice | None:
                from db.intake.classify import suggest_department_for_cases

                return suggest_department_for_cases(db, ids)

            self.ctx.tasks.submit(
                suggest,
                picker.set_suggestion,
                lambda _e: None,
                owner=picker,
            )
        return picker

    def _dispatch(
        self,
        cases: list[DraggedCase],
        department_id: int,
        name: str,
        note: str = "",
        co: Sequence[str] = (),
    ) -> None:
        self.note_acted([c.id for c in cases])
        self.dispatcher.dispatch(cases, department_id, name, note, co)

    def _say(self, text: str) -> None:
        self.last_message = text
        self.ctx.notify(text, 8000)
        self.toast.emit(text)

    def selected_rows_data(self) -> list[q.QueueRow]:
        rows = (self.model.case_row(r) for r in self.selected_rows())
        return [r for r in rows if r is not None]

    def run_case_action(self, entry: da.DeskAction) -> None:
        """A case action from the menu or its shortcut, for the selected cases: say in one
        sentence why not, or open its dialog (nothing is written before the dialog's OK)."""
        action = entry.case_action
        assert action is not None
        found = self.selected_rows_data()
        label = action_text(action)
        if not found:
            key = entry.key_text(da.NATIVE).split("，")[0]
            self._say(
                self.tr("没有选中的案件：请先用 ↑↓ 在队列中选中案件，再按 %1（%2）。")
                .replace("%1", key)
                .replace("%2", label)
            )
            return
        if not entry.allowed_for(self.ctx.actor):
            self._say(
                self.tr("%1无权执行「%2」。")
                .replace("%1", role_text(self.ctx.actor.role))
                .replace("%2", label)
            )
            return
        wrong = next((r for r in found if not entry.valid_for([r.status])), None)
        if wrong is not None:
            self._say(
                self.tr("「%1」不适用于案件 %2（%3）。")
                .replace("%1", label)
                .replace("%2", wrong.number)
                .replace("%3", status_text(wrong.status))
            )
            return
        if len(found) > 1 and not entry.batch:
            self._say(self.tr("「%1」一次只能处理一件案件，请只选中一件。").replace("%1", label))
            return
        if action is Action.DISPATCH:
            self.pick_department()
            return
        self.start_action(action, found)

    def start_action(self, action: Action, rows: list[q.QueueRow]) -> None:
        """Load the (first) case, then open the same dialog as the detail pane's buttons."""
        numbers = [r.number for r in rows]
        versions = {r.number: r.version for r in rows}
        ids = [r.id for r in rows]
        tz = self.ctx.settings.tz

        def job(db: Database) -> tuple[CaseDetail, list[str] | None]:
            return load_detail(db, numbers[0], action is Action.REDISPATCH)

        def loaded(result: tuple[CaseDetail, list[str] | None]) -> None:
            detail, departments = result
            dialog = ActionDialog(action, detail, departments or [], tz, self, numbers=numbers)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.current_dialog = dialog
            dialog.accepted.connect(
                lambda: self.run_action(action, dialog.request(), numbers, versions, ids)
            )
            dialog.open()

        self.ctx.tasks.submit(job, loaded, self._failed, owner=self)

    def run_action(
        self,
        action: Action,
        request: Request,
        numbers: list[str],
        versions: dict[str, int],
        ids: list[int],
    ) -> None:
        """Apply `action` to each case (a compare-and-set on the version shown)."""
        actor = self.ctx.actor
        id_of = dict(zip(numbers, ids, strict=True))
        self.note_acted(ids)

        def job(db: Database) -> BatchOutcome:
            return apply_action_many(db, numbers, action, request, actor, versions)

        def done(outcome: BatchOutcome) -> None:
            if len(outcome.done) == 1:
                result = outcome.done[0]
                self.dispatcher.remember(id_of[result.number], result)
            else:
                self.dispatcher.remember_many(outcome.done)
            if outcome.done:
                done_numbers = [r.number for r in outcome.done]
                shown = "、".join(done_numbers[:3]) + ("…" if len(done_numbers) > 3 else "")
                self.ctx.notify(
                    self.tr("「%1」已完成：%2")
                    .replace("%1", action_text(action))
                    .replace("%2", shown)
                )
            if outcome.failed:
                self._say("；".join(reason for _, reason in outcome.failed))
            self.ctx.feed.notify_local(ids)
            self.acted.emit(outcome)

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def compare_duplicates(self) -> DuplicatesDialog | None:
        """查重比较 (Ctrl+Shift+M) of the selected case beside its likely duplicates."""
        found = self.selected_rows_data()
        if len(found) != 1:
            self._say(self.tr("查重比较：请在队列中只选中一件案件。"))
            return None
        dialog = DuplicatesDialog(self.ctx, found[0].number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "duplicates_dialog", None))
        self.duplicates_dialog = dialog
        dialog.open()
        return dialog

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._say(db_message_text(str(exc)))
        else:
            self.ctx.tasks.report(exc)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if index.row() not in self.selected_rows():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """Only the actions valid for every selected case's state and the user's role (the
        shared QActions, so each shows its shortcut), then 打开案件 and the desk's extras."""
        menu = QMenu(self)
        menu.setObjectName("queueMenu")
        statuses = [r.status for r in self.selected_rows_data()]
        offered = da.menu_actions(self.ctx.actor, statuses)
        for entry in offered:
            menu.addAction(self.desk_actions[entry.id])
        if not offered:
            none = menu.addAction(self.tr("没有适用于所选案件的操作"))
            none.setEnabled(False)
        menu.addSeparator()
        if len(statuses) == 1:
            menu.addAction(self.desk_actions["open"])
            menu.addAction(self.desk_actions["duplicates"])
        for extra in self.menu_extras:
            menu.addAction(extra)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_menu = menu
        return menu

    # --- finding cases from the keyboard -------------------------------------------------------

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def choose_tab(self, index: int) -> None:
        tabs = self.filters.tabs
        if 0 <= index < tabs.count():
            tabs.setCurrentIndex(index)

    def step_tab(self, step: int) -> None:
        tabs = self.filters.tabs
        if tabs.count():
            tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def ask_goto(self) -> QInputDialog:
        """Ctrl+G: ask for a case number (not blocking), then `goto_case`."""
        dialog = QInputDialog(self)
        dialog.setObjectName("gotoDialog")
        dialog.setWindowTitle(self.tr("转到案件"))
        dialog.setLabelText(self.tr("案件编号："))
        dialog.setOkButtonText(self.tr("转到"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.goto_case)
        dialog.open()
        self.goto_dialog = dialog
        return dialog

    def goto_case(self, number: str) -> None:
        """Show the tab the case is in and select it there (the pane shows it at once)."""
        number = number.strip()
        if not number:
            return

        def job(db: Database) -> CaseDetail:
            with db.read() as s:
                return case_detail(s, number)

        def found(detail: CaseDetail) -> None:
            status = Status(detail.status)
            group = q.SUSPENDED_TAB if status is Status.SUSPENDED else GROUP_OF[status]
            tab = TABS.index(group) if group in TABS else TABS.index(None)
            self._goto = detail.id
            self._goto_number = detail.number
            self.filters.tabs.setCurrentIndex(tab)
            if not self.model.is_loading():
                self._try_goto()

        self.ctx.tasks.submit(job, found, self._failed, owner=self)

    def _try_goto(self) -> None:
        if self._goto is None or self.model.is_loading() or not self.model.has_all_ids():
            return
        case_id, self._goto = self._goto, None
        if self.select_case(case_id):
            self._goto_cleared = False
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if self.filters.is_filtered() and not self._goto_cleared:
            # Hidden by a filter or the search: clear them once and select it when the whole
            # tab has loaded (a case only shown in the pane is one no key can act on).
            self._goto_cleared = True
            self._goto = case_id
            self.filters.reset_filters()
            self._say(
                self.tr("已清除筛选，以便在列表中选中案件 %1").replace("%1", self._goto_number)
            )
            return
        self._goto_cleared = False
        number = self._goto_number
        self._shown = number
        self.case_selected.emit(number)
        self._say(
            self.tr("案件 %1 不在当前筛选结果中，已在右侧显示；清除筛选后可在列表中看到。").replace(
                "%1", number
            )
        )

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()

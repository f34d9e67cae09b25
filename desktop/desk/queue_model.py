"""The live case queue as a Qt table model (案件队列): sorted ids from SQL, rows in cached blocks.

Sorting and filtering happen in SQL: a QSortFilterProxyModel over a Python model took 38 s to
sort 100,000 rows. The model knows its row count from a COUNT and holds the sorted case ids as an
int array, because canFetchMore/fetchMore took 11 s to scroll to the end of 100,000 rows; list
rows (the list columns only, never the full description or the address) are fetched in
fixed-size blocks around what the view shows, on the database thread, and a few blocks are
cached. Qt calls `data()` thousands of times per repaint, so it answers from those pre-formatted
rows and compares roles as ints computed once (queue_columns.py). The "time left" column counts
down every second and only that column of the visible rows is repainted; rows turn amber at the
warning share and red when overdue.

Live updates: `ctx.feed.cases_changed` re-queries the ids off the GUI thread. When the order is
unchanged only the changed rows are repainted; otherwise the model resets and the view puts the
selection and the top visible case back (see queue_view.py). Cases new to the list are
highlighted for a moment; a newly reported urgent case is announced.

The module stays whole (about 520 lines): the block cache, the live refresh and the countdown
all change the same rows and emit the same Qt signals that repaint them; the cell formatting
(queue_columns.py) and the reads on the database thread (queue_jobs.py) are already apart.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication

from db.cases import queue as q
from db.cases.states import Group
from desktop.common.rows_model import DISPLAY, FOREGROUND
from desktop.core.context import AppContext
from desktop.desk import case_mime, queue_jobs
from desktop.desk.queue_columns import (
    COL_LEFT,
    COLUMNS,
    NEW_BG,
    NEW_URGENT_BG,
    USED_ROLES,
    QueueCells,
    alert_state,
)

AFTER_PAINT_MS = 40
HIGHLIGHT_SECONDS = 4.0
URGENT_HIGHLIGHT_SECONDS = 12.0
BEEP_SETTING = "desk/beep_on_urgent"


class QueueModel(QAbstractTableModel):
    """The desk's case list; call `set_filter`, `sort` and `set_visible` from the view."""

    loaded = Signal()  # the first block of a new query is in
    ids_loaded = Signal()  # every id of the query is in (jumps anywhere are possible)
    refreshed = Signal()  # a live refresh was applied
    counts_changed = Signal(object)  # dict[str, int] for the queue tabs (q.QUEUE_TABS)
    urgent_arrived = Signal(list)  # numbers of newly reported urgent cases
    block_loaded = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: Any = None,
        *,
        block_size: int = 100,
        max_blocks: int = 8,
        live: bool = True,
        hold: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.block_size = block_size
        self.max_blocks = max_blocks
        # The 处置中 tab (without the 挂账 cases) until the filter bar asks otherwise.
        self._filter = q.tab_filter(q.QueueFilter(), Group.IN_PROGRESS)
        self._sort = q.QueueSort()
        self._count = 0
        self._ids: array[int] | None = None
        self._blocks: OrderedDict[int, list[q.QueueRow | None]] = OrderedDict()
        self._requested: set[int] = set()
        self._deferred: set[int] = set()
        self._gen = 0
        self._held = hold
        self.first_page_rows = block_size  # the view sets what fills its viewport
        self._all_ids_job: Any = None
        self._count_job: Any = None
        self._loading = False
        self._refreshing = False
        self._dirty: frozenset[int] | bool | None = False  # False: nothing waiting
        self._visible = (0, -1)
        self._now = time.time()
        self._highlight: dict[int, tuple[float, QBrush]] = {}
        self._states: dict[int, int] = {}
        self._announced: set[str] = set()
        self._cells = QueueCells(ctx)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        if live:
            ctx.feed.cases_changed.connect(self.refresh)

    # --- queries -----------------------------------------------------------------------------

    @property
    def queue_filter(self) -> q.QueueFilter:
        return self._filter

    @property
    def queue_sort(self) -> q.QueueSort:
        return self._sort

    def is_loading(self) -> bool:
        return self._loading or self._refreshing or bool(self._requested)

    def has_all_ids(self) -> bool:
        return self._ids is not None

    def start(self) -> None:
        """Run the first query if the model was created with `hold=True` (the view shows)."""
        if self._held:
            self._held = False
            self.requery()

    def set_filter(self, f: q.QueueFilter) -> None:
        if f != self._filter or self._gen == 0:
            self._filter = f
            self.requery()

    def set_sort(self, sort: q.QueueSort) -> None:
        if sort != self._sort or self._gen == 0:
            same_rows = self._gen > 0 and not self._loading
            self._sort = sort
            # The same filter selects the same cases: no need to count them again.
            self.requery(keep_count=same_rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][1]
        if key is None:
            return
        self.set_sort(q.QueueSort(key, order == Qt.SortOrder.DescendingOrder))

    def requery(self, keep_count: bool = False) -> None:
        """A new question (filter or sort): count and first page first, then every id."""
        if self._held:
            return
        self._gen += 1
        gen, f, sort = self._gen, self._filter, self._sort
        size = max(1, min(self.first_page_rows, self.block_size))
        known = self._count if keep_count else None
        tz = self.ctx.settings.tz
        self._loading = True
        self._refreshing = False
        self._dirty = False

        self._count_job = queue_jobs.count(gen, f)
        self._all_ids_job = queue_jobs.all_ids(gen, f, sort)
        first = queue_jobs.first_page(gen, f, sort, size, known, tz)
        self.ctx.tasks.submit(first, self._on_first, self._on_error, owner=self)

    def _request_counts(self) -> None:
        counts = queue_jobs.group_counts(self._filter)
        self.ctx.tasks.submit(counts, self.counts_changed.emit, self._on_error, owner=self)

    def _on_error(self, exc: BaseException) -> None:
        self._loading = False
        self._refreshing = False
        self._requested.clear()
        self.ctx.tasks.report(exc)

    def _on_first(self, result: queue_jobs.FirstPage) -> None:
        if result.gen != self._gen:
            return
        self.beginResetModel()
        self._count = len(result.rows) if result.count is None else result.count
        self._ids = None
        self._blocks.clear()
        self._requested.clear()
        self._deferred.clear()
        self._highlight.clear()
        self._states.clear()
        first: list[q.QueueRow | None] = list(result.rows)
        self._blocks[0] = first
        self.endResetModel()
        self.loaded.emit()
        # The COUNT and every id next, once the first page has been painted: a worker thread
        # running Python while the view paints makes each of the paint's thousands of data()
        # calls wait for the GIL, which tripled the first repaint in the bench.
        gen, count_next = result.gen, result.count is None
        QTimer.singleShot(AFTER_PAINT_MS, self, lambda: self._fetch_rest(gen, count_next))

    def _on_count(self, result: tuple[int, int]) -> None:
        gen, total = result
        if gen != self._gen or self._ids is not None or total <= self._count:
            return  # the ids (their length is the count) settle any difference
        self.beginInsertRows(QModelIndex(), self._count, total - 1)
        self._count = total
        self.endInsertRows()

    def _fetch_rest(self, gen: int, count: bool) -> None:
        if gen != self._gen:
            return
        if count:
            self.ctx.tasks.submit(self._count_job, self._on_count, self._on_error, owner=self)
        self.ctx.tasks.submit(self._all_ids_job, self._on_ids, self._on_error, owner=self)
        self._request_counts()

    def _on_ids(self, result: tuple[int, array[int]]) -> None:
        gen, found = result
        if gen != self._gen:
            return
        self._loading = False
        first = self._blocks.get(0, [])
        head = array("q", (r.id for r in first if r is not None))
        if len(found) != self._count:
            # Someone wrote between the count and the ids: take the ids as the truth.
            self.beginResetModel()
            self._count = len(found)
            self._ids = found
            self._blocks.clear()
            self.endResetModel()
        else:
            self._ids = found
            if found[: len(head)] != head:
                self._blocks.pop(0, None)
                self._deferred.add(0)
            elif len(first) < min(self.block_size, len(found)):
                self._deferred.add(0)  # the first page was only what filled the view
        self.ids_loaded.emit()
        for block in sorted(self._deferred):
            self._request(block)
        self._deferred.clear()
        self._want_visible()
        self._refresh_if_dirty()

    # --- blocks ------------------------------------------------------------------------------

    def set_visible(self, first: int, last: int) -> None:
        """The view's visible row range; blocks around it are loaded ahead of painting."""
        self._visible = (first, last)
        self._want_visible()

    def _want_visible(self) -> None:
        first, last = self._visible
        if last < first or not self._count:
            return
        size = self.block_size
        lo = max(first - size // 2, 0) // size
        hi = min(last + size // 2, self._count - 1) // size
        for block in range(lo, hi + 1):
            if block not in self._blocks:
                self._request(block)

    def _request(self, block: int) -> None:
        if block in self._requested or self._held:
            return
        if self._ids is None:
            self._deferred.add(block)
            return
        start = block * self.block_size
        wanted = list(self._ids[start : start + self.block_size])
        if not wanted:
            return
        self._requested.add(block)
        load = queue_jobs.block(self._gen, block, wanted, self.ctx.settings.tz)
        self.ctx.tasks.submit(load, self._on_block, self._on_error, owner=self)

    def _on_block(self, result: tuple[int, int, list[q.QueueRow | None]]) -> None:
        gen, block, found = result
        if gen != self._gen:
            return
        self._requested.discard(block)
        self._store(block, found)
        first = block * self.block_size
        last = min(first + len(found), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.block_loaded.emit(block)

    def _store(self, block: int, found: list[q.QueueRow | None]) -> None:
        self._blocks[block] = found
        self._blocks.move_to_end(block)
        first, last = self._visible
        keep = {b // self.block_size for b in (first, last) if b >= 0}
        while len(self._blocks) > self.max_blocks:
            for old in self._blocks:
                if old not in keep:
                    del self._blocks[old]
                    break
            else:
                break

    def _row(self, row: int) -> q.QueueRow | None:
        block, offset = divmod(row, self.block_size)
        cached = self._blocks.get(block)
        if cached is None:
            if 0 <= row < self._count:
                self._request(block)
            return None
        return cached[offset] if offset < len(cached) else None

    # --- live refresh ------------------------------------------------------------------------

    def refresh(self, changed: frozenset[int] | None = None) -> None:
        """Re-query after cases changed (ids from the feed, None = anything may have changed)."""
        if self._gen == 0:
            return
        if self._loading or self._refreshing:
            # Once the running query is in, refresh again: its reads may predate this change.
            if self._dirty is False:
                self._dirty = changed
            elif self._dirty is None or changed is None:
                self._dirty = None
            else:
                assert isinstance(self._dirty, frozenset)
                self._dirty = self._dirty | changed
            return
        self._refreshing = True
        gen, f, sort, size = self._gen, self._filter, self._sort, self.block_size
        tz = self.ctx.settings.tz
        anchor = self.case_id(self._visible[0]) if self._visible[0] > 0 else None
        top = self._visible[0]
        height = max(self._visible[1] - self._visible[0] + 1, 1)
        view = (anchor, top, height)
        job = queue_jobs.refresh(gen, f, sort, size, tz, view, changed)
        self.ctx.tasks.submit(job, self._on_refresh, self._on_error, owner=self)
        self._request_counts()

    def _on_refresh(self, result: queue_jobs.Refresh) -> None:
        if result.gen != self._gen:
            return
        self._refreshing = False
        old = self._ids
        self._now = time.time()
        if old is not None and old == result.ids:
            changed_rows: list[int] = []
            for block, found in result.blocks.items():
                before = self._blocks.get(block)
                if before is not None:
                    base = block * self.block_size
                    changed_rows.extend(
                        base + i
                        for i, (a, b) in enumerate(zip(before, found, strict=False))
                        if a != b
                    )
            self._blocks.clear()
            self._requested.clear()
            for block, found in result.blocks.items():
                self._store(block, found)
            for row in changed_rows:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        else:
            arrived = set(result.ids).difference(old) if old is not None and len(old) else set()
            self.beginResetModel()
            self._ids = result.ids
            self._count = len(result.ids)
            self._blocks.clear()
            self._requested.clear()
            self._deferred.clear()
            self._states.clear()
            for block, found in result.blocks.items():
                self._store(block, found)
            until = self._now + HIGHLIGHT_SECONDS
            for case_id in arrived:
                self._highlight[case_id] = (until, NEW_BG)
            self.endResetModel()
        self._announce(result.urgent_numbers, result)
        self.refreshed.emit()
        self._refresh_if_dirty()

    def _refresh_if_dirty(self) -> None:
        waiting = self._dirty
        if waiting is not False:
            self._dirty = False
            self.refresh(waiting if isinstance(waiting, frozenset) else None)

    def _announce(self, numbers: list[str], result: queue_jobs.Refresh) -> None:
        fresh = [n for n in numbers if n not in self._announced]
        if not fresh:
            return
        self._announced.update(fresh)
        until = self._now + URGENT_HIGHLIGHT_SECONDS
        for block in result.blocks.values():
            for row in block:
                if row is not None and row.number in fresh:
                    self._highlight[row.id] = (until, NEW_URGENT_BG)
        self.ctx.notify(self.tr("新紧急案件：%1").replace("%1", "、".join(fresh)), 15000)
        if QSettings().value(BEEP_SETTING, False, type=bool):
            QApplication.beep()
        self.urgent_arrived.emit(fresh)

    # --- the live countdown ------------------------------------------------------------------

    def _on_tick(self) -> None:
        self._now = now = time.time()
        first, last = self._visible
        last = min(last, self._count - 1)
        if last < first:
            return
        for case_id, (until, _) in list(self._highlight.items()):
            if until <= now:
                del self._highlight[case_id]
                self._states.pop(case_id, None)  # repaint that row below
        self.dataChanged.emit(
            self.index(first, COL_LEFT), self.index(last, COL_LEFT), [DISPLAY, FOREGROUND]
        )
        states = self._states
        for row_number in range(first, last + 1):
            row = self._row(row_number)
            if row is None:
                continue
            state = alert_state(row, now)
            if states.get(row.id) != state:
                if row.id in states:
                    self.dataChanged.emit(
                        self.index(row_number, 0), self.index(row_number, len(COLUMNS) - 1)
                    )
                states[row.id] = state

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        headers = self._cells.headers
        if role == DISPLAY and horizontal and 0 <= section < len(headers):
            return headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if role not in USED_ROLES:
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return self._cells.data(row, index.column(), role, self._now, self._highlight)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [case_mime.MIME_TYPE, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return case_mime.encode(self.dragged_cases(sorted({i.row() for i in indexes})))

    # --- helpers for the view ----------------------------------------------------------------

    def dragged_cases(self, row_numbers: Sequence[int]) -> list[case_mime.DraggedCase]:
        out = []
        for row_number in row_numbers:
            row = self._row(row_number)
            if row is not None:
                out.append(
                    case_mime.DraggedCase(
                        row.id, row.number, row.version, row.default_department_id, row.category
                    )
                )
        return out

    def case_row(self, row: int) -> q.QueueRow | None:
        """The cached row at `row` (None while it loads)."""
        return self._row(row) if 0 <= row < self._count else None

    def case_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        if self._ids is not None:
            return self._ids[row]
        found = self._row(row)
        return found.id if found is not None else None

    def row_of(self, case_id: int) -> int | None:
        """The row of `case_id` in the current order, or None if it is not listed."""
        if self._ids is not None:
            try:
                return self._ids.index(case_id)
            except ValueError:
                return None
        for block, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row is not None and row.id == case_id:
                    return block * self.block_size + offset
        return None

    def rows_of(self, case_ids: Sequence[int]) -> dict[int, int]:
        """Rows of several ids at once (one pass over the ids)."""
        wanted = set(case_ids)
        if not wanted:
            return {}
        if len(wanted) < 8 or self._ids is None:
            found = {i: self.row_of(i) for i in wanted}
            return {k: v for k, v in found.items() if v is not None}
        return {case_id: row for row, case_id in enumerate(self._ids) if case_id in wanted}

    def highlighted(self, case_id: int) -> bool:
        return case_id in self._highlight

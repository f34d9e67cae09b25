"""A read-only table model of rows (`RowsModel`): translated headers, cells formatted once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

# Qt asks data() thousands of times per repaint. Roles arrive as ints or enum members; comparing
# PySide6 enum members costs more than the rest of data(), so each role is compared as a plain
# int computed here once.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HORIZONTAL = Qt.Orientation.Horizontal

Row = TypeVar("Row")

# The per-cell hooks whose answers are computed once per set_rows, when a subclass overrides them.
_CACHED_HOOKS = (("background", BACKGROUND), ("foreground", FOREGROUND), ("font", FONT))
_STYLE_ROLES = frozenset(role for _, role in _CACHED_HOOKS)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of rows; a subclass names its columns and turns a row into its cells.

    - `HEADERS` holds the column titles as `QT_TRANSLATE_NOOP(CONTEXT, …)` marks; they are
      translated when the view asks (`headerData`), so they follow the language in force. A
      model whose columns are known only at run time overrides `headers()` instead.
    - `cells(row)` gives a row's display texts; it runs once per row in `set_rows`, and
      `data()` answers from those cached tuples.
    - `NUMERIC` columns are right-aligned.
    - Optional hooks, each given the row number and the column: `background`, `foreground`
      and `font` (computed once per `set_rows`, only when overridden), `tooltip` (asked when
      the mouse rests on a cell; with `TEXT_TOOLTIPS` the cell's own text, for long texts in
      narrow columns), `role_data` (any other role).
    - `ROW_NUMBERS`: the vertical header shows 1, 2, 3…; otherwise `row_header` decides.

    A subclass that overrides `headers()` sets what it reads before calling `__init__`, which
    counts the columns.
    """

    CONTEXT: ClassVar[str] = ""
    HEADERS: ClassVar[tuple[object, ...]] = ()  # QT_TRANSLATE_NOOP marks (typed as object)
    NUMERIC: ClassVar[frozenset[int]] = frozenset()
    ROW_NUMBERS: ClassVar[bool] = False
    TEXT_TOOLTIPS: ClassVar[bool] = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._cells: list[tuple[str, ...]] = []
        self._columns = len(self.headers())
        self._numeric: frozenset[int] = self.NUMERIC
        self._hooked: dict[int, list[tuple[Any, ...]]] = {}
        base = RowsModel.__dict__
        # The class's functions, not bound methods: bound ones would make the model a cycle
        # of its own, which the collector may clear (emptying its attributes) while a view
        # still paints from it on the way out.
        self._hooks = tuple(
            (role, getattr(type(self), name))
            for name, role in _CACHED_HOOKS
            if getattr(type(self), name) is not base[name]
        )

    # --- what a subclass gives --------------------------------------------------------------

    def headers(self) -> Sequence[str]:
        """The column titles in the language in force."""
        return [QCoreApplication.translate(self.CONTEXT, str(text)) for text in self.HEADERS]

    def cells(self, row: Row) -> tuple[str, ...]:
        raise NotImplementedError

    def numeric_columns(self) -> frozenset[int]:
        """Right-aligned columns; asked once per `set_rows`."""
        return self.NUMERIC

    def tooltip(self, number: int, column: int) -> str | None:
        return self._cells[number][column] if self.TEXT_TOOLTIPS else None

    def background(self, number: int, column: int) -> Any:
        return None

    def foreground(self, number: int, column: int) -> Any:
        return None

    def font(self, number: int, column: int) -> Any:
        return None

    def role_data(self, number: int, column: int, role: int) -> Any:
        """Any role not handled above (e.g. a user role carrying an id)."""
        return None

    def row_header(self, number: int) -> str | None:
        return str(number + 1) if self.ROW_NUMBERS else None

    # --- filling ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._columns = len(self.headers())
        self._numeric = self.numeric_columns()
        self._cells = [self.cells(row) for row in self.rows]
        self._hooked = {role: self._hook_row_values(hook) for role, hook in self._hooks}
        self.endResetModel()

    def _hook_row_values(self, hook: Any) -> list[tuple[Any, ...]]:
        columns = range(self._columns)
        return [tuple(hook(self, n, c) for c in columns) for n in range(len(self.rows))]

    def refresh_row(self, number: int) -> None:
        """Recompute one row's cells (after its row object changed in place) and repaint it."""
        if not 0 <= number < len(self.rows):
            return
        self._cells[number] = self.cells(self.rows[number])
        for role, hook in self._hooks:
            self._hooked[role][number] = tuple(hook(self, number, c) for c in range(self._columns))
        self.dataChanged.emit(self.index(number, 0), self.index(number, self._columns - 1))

    def row_at(self, number: int) -> Row | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def text(self, number: int, column: int) -> str:
        """The display text of one cell."""
        return self._cells[number][column]

    # --- Qt's model API ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._columns

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        r = int(role)
        if r == DISPLAY:
            return self._cells[index.row()][index.column()]
        hooked = self._hooked.get(r)
        if hooked is not None:
            return hooked[index.row()][index.column()]
        if r == ALIGN:
            return RIGHT if index.column() in self._numeric else None
        if r == TOOLTIP:
            return self.tooltip(index.row(), index.column())
        if r in _STYLE_ROLES:  # a hook that is not overridden
            return None
        return self.role_data(index.row(), index.column(), r)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if int(role) != DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return self.row_header(section) if 0 <= section < len(self._cells) else None

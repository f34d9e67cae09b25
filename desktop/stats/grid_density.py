"""The grid table of the statistics page: open and overdue cases per grid, coloured by density."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from db.stats.open_cases import GridDensity
from desktop.common.rows_model import RowsModel


class GridDensityModel(RowsModel[GridDensity]):
    """Grids with their open and overdue cases now, coloured by open cases per 1,000 households."""

    CONTEXT = "GridDensityModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("GridDensityModel", "社区"),
        QT_TRANSLATE_NOOP("GridDensityModel", "网格"),
        QT_TRANSLATE_NOOP("GridDensityModel", "网格编码"),
        QT_TRANSLATE_NOOP("GridDensityModel", "户数"),
        QT_TRANSLATE_NOOP("GridDensityModel", "在办"),
        QT_TRANSLATE_NOOP("GridDensityModel", "超期"),
        QT_TRANSLATE_NOOP("GridDensityModel", "每千户在办"),
    )
    NUMERIC = frozenset({3, 4, 5, 6})
    ROW_NUMBERS = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colours: list[QColor | None] = []

    def set_rows(self, rows: Sequence[GridDensity]) -> None:
        top = max((g.per_thousand for g in rows), default=0.0)
        self._colours = [self._colour(g.per_thousand / top) if top else None for g in rows]
        super().set_rows(rows)

    def cells(self, row: GridDensity) -> tuple[str, ...]:
        return (
            row.community,
            row.name,
            row.code,
            f"{row.households:,}",
            f"{row.open:,}",
            f"{row.overdue:,}",
            f"{row.per_thousand:.2f}",
        )

    def background(self, number: int, column: int) -> QColor | None:
        return self._colours[number]

    @staticmethod
    def _colour(share: float) -> QColor | None:
        """White → light red as density grows (text stays dark and readable)."""
        if share <= 0:
            return None
        share = min(share, 1.0)
        return QColor(255, round(255 - 120 * share), round(255 - 130 * share))

    def tooltip(self, number: int, column: int) -> str:
        g = self.rows[number]
        return self.tr("{grid}：在办 {open} 件，超期 {overdue} 件，每千户 {density:.2f} 件").format(
            grid=f"{g.community} {g.name}",
            open=g.open,
            overdue=g.overdue,
            density=g.per_thousand,
        )

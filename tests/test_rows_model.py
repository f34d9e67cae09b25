"""The generic read-only rows model: cells, translated headers, alignment, hooks, row refresh."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.common.rows_model import RowsModel

DISPLAY = Qt.ItemDataRole.DisplayRole
HORIZONTAL = Qt.Orientation.Horizontal


@dataclass
class Grid:
    code: str
    households: int
    overdue: int


class GridModel(RowsModel[Grid]):
    CONTEXT = "TestGridModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("TestGridModel", "网格编码"),
        QT_TRANSLATE_NOOP("TestGridModel", "户数"),
        QT_TRANSLATE_NOOP("TestGridModel", "超期"),
    )
    NUMERIC = frozenset({1, 2})

    def __init__(self) -> None:
        super().__init__()
        self.cells_made = 0
        self.foreground_asked = 0

    def cells(self, row: Grid) -> tuple[str, ...]:
        self.cells_made += 1
        return (row.code, f"{row.households:,}", str(row.overdue))

    def foreground(self, number: int, column: int) -> QColor | None:
        self.foreground_asked += 1
        return QColor("red") if column == 2 and self.rows[number].overdue else None

    def tooltip(self, number: int, column: int) -> str | None:
        return f"{self.rows[number].code} tip" if column == 0 else None

    def role_data(self, number: int, column: int, role: int) -> Any:
        return self.rows[number].code if role == int(Qt.ItemDataRole.UserRole) else None


ROWS = [Grid("21010200101", 1234, 0), Grid("21010200102", 560, 3)]


class English(QTranslator):
    """A stand-in for a loaded .qm: knows the test model's context only."""

    WORDS: ClassVar[dict[str, str]] = {
        "网格编码": "Grid code",
        "户数": "Households",
        "超期": "Overdue",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self.WORDS.get(source, "") if context == "TestGridModel" else ""

    def isEmpty(self) -> bool:
        return False


def headers(model: RowsModel[Any]) -> list[Any]:
    return [model.headerData(c, HORIZONTAL, DISPLAY) for c in range(model.columnCount())]


def test_cells_are_formatted_once_and_answered_from_the_cache(
    qtmodeltester: ModelTester,
) -> None:
    model = GridModel()
    qtmodeltester.check(model)  # empty
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.cells_made == 2
    assert model.foreground_asked == 2 * 3  # once per cell, at set_rows
    for _ in range(3):
        assert model.index(0, 1).data() == "1,234"
        assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor("red")
        assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert (model.cells_made, model.foreground_asked) == (2, 6)
    assert model.row_at(1) is ROWS[1] and model.row_at(2) is None
    assert model.text(1, 0) == "21010200102"


def test_alignment_tooltips_other_roles_and_hooks_not_given() -> None:
    model = GridModel()
    model.set_rows(ROWS)
    align = Qt.ItemDataRole.TextAlignmentRole
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 0).data(align) is None
    assert model.index(0, 1).data(align) == right and model.index(0, 2).data(align) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "21010200102 tip"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 1).data(Qt.ItemDataRole.UserRole) == "21010200102"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical, DISPLAY) is None


def test_headers_follow_the_language_in_force(qtbot: QtBot) -> None:
    model = GridModel()
    assert headers(model) == ["网格编码", "户数", "超期"]
    app = QCoreApplication.instance()
    assert app is not None
    english = English()
    app.installTranslator(english)
    try:
        assert headers(model) == ["Grid code", "Households", "Overdue"]
    finally:
        app.removeTranslator(english)
    assert headers(model) == ["网格编码", "户数", "超期"]


def test_refresh_row_recomputes_one_row_and_tells_the_view(qtbot: QtBot) -> None:
    model = GridModel()
    model.set_rows(ROWS)
    model.rows[0] = Grid("21010200101", 1300, 2)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_row(0)
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, 0, 0, 2)
    assert model.index(0, 1).data() == "1,300"
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.cells_made == 3


class DynamicModel(RowsModel[list[str]]):
    """Columns known only at run time, with row numbers and cell texts as tooltips."""

    ROW_NUMBERS = True
    TEXT_TOOLTIPS = True

    def __init__(self) -> None:
        self.titles: list[str] = []
        super().__init__()

    def headers(self) -> Sequence[str]:
        return self.titles

    def numeric_columns(self) -> frozenset[int]:
        return frozenset({len(self.titles) - 1}) if self.titles else frozenset()

    def cells(self, row: list[str]) -> tuple[str, ...]:
        return tuple(row)


def test_headers_given_at_run_time(qtmodeltester: ModelTester) -> None:
    model = DynamicModel()
    assert model.columnCount() == 0
    model.titles = ["社区", "在办", "超期"]
    model.set_rows([["锦峪社区", "12", "3"], ["新明社区", "4", "0"]])
    qtmodeltester.check(model)
    assert headers(model) == ["社区", "在办", "超期"]
    assert model.headerData(1, Qt.Orientation.Vertical, DISPLAY) == "2"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "锦峪社区"
    align = model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    model.titles = ["部门"]
    model.set_rows([["环卫所"]])
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (1, 1)

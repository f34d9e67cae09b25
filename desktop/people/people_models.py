"""The table models of the 人员 page: a roster, grid vacancies, staffing standards, the pay table."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from db.people.pay_scale import PayCell
from db.people.roster_kinds import Kind
from db.people.roster_lists import EntryRow, Vacancy
from db.people.rosters import COLUMNS
from db.people.staffing import Staffing
from db.reference.settings_store import CenterSettings
from desktop.common import palette
from desktop.common.rows_model import RowsModel
from desktop.core.i18n import value_text

_EDIT = int(Qt.ItemDataRole.EditRole)
_USER = int(Qt.ItemDataRole.UserRole)

RED = QColor(palette.SHORTFALL)
GREY = QColor(palette.INACTIVE)
AMBER = QColor(palette.WARNING)


# --- models ----------------------------------------------------------------------------------


class RosterModel(RowsModel[EntryRow]):
    """One roster's rows, pre-formatted and masked; retired rows grey, flagged rows amber."""

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        self.kind = kind
        super().__init__(parent)

    def headers(self) -> Sequence[str]:
        return [
            QCoreApplication.translate("RosterFields", label) for _, label in COLUMNS[self.kind]
        ]

    def cells(self, row: EntryRow) -> tuple[str, ...]:
        return tuple(value_text(cell) for cell in row.cells)  # 男, 群众, 在岗… translated

    def foreground(self, number: int, column: int) -> QColor | None:
        row = self.rows[number]
        if not row.active:
            return GREY
        return AMBER if row.flag else None

    def tooltip(self, number: int, column: int) -> str | None:
        flag = self.rows[number].flag
        return value_text(flag) if flag else None

    def role_data(self, number: int, column: int, role: int) -> Any:
        return self.rows[number].id if role == _USER else None


class VacancyModel(RowsModel[Vacancy]):
    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "网格编码"),
        QT_TRANSLATE_NOOP("PeoplePage", "网格"),
        QT_TRANSLATE_NOOP("PeoplePage", "社区"),
        QT_TRANSLATE_NOOP("PeoplePage", "缺少"),
    )

    def cells(self, row: Vacancy) -> tuple[str, ...]:
        return (row.grid_code, row.grid_name, row.community, value_text(row.text))

    def foreground(self, number: int, column: int) -> QColor | None:
        return RED if column == 3 else None


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class StaffingModel(RowsModel[Staffing]):
    """Communities and the street total against the two standards; shortfalls in red."""

    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "社区"),
        QT_TRANSLATE_NOOP("PeoplePage", "常住人口"),
        QT_TRANSLATE_NOOP("PeoplePage", "户数"),
        QT_TRANSLATE_NOOP("PeoplePage", "在岗社区工作者"),
        QT_TRANSLATE_NOOP("PeoplePage", "每万人配备"),
        QT_TRANSLATE_NOOP("PeoplePage", "按人口应配"),
        QT_TRANSLATE_NOOP("PeoplePage", "每人服务户数"),
        QT_TRANSLATE_NOOP("PeoplePage", "按户数应配"),
        QT_TRANSLATE_NOOP("PeoplePage", "应配（取大者）"),
        QT_TRANSLATE_NOOP("PeoplePage", "缺口（人）"),
    )
    NUMERIC = frozenset(range(1, 10))
    SHORT_COLUMNS = frozenset({4, 6, 9})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = CenterSettings()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(
        self,
        rows: Sequence[Staffing],
        total: Staffing | None = None,
        settings: CenterSettings | None = None,
    ) -> None:
        """The communities, then the street's `total` (bold) when given."""
        if settings is not None:
            self.settings = settings
        super().set_rows([*rows, total] if total is not None else rows)

    def cells(self, row: Staffing) -> tuple[str, ...]:
        need = max(row.required_by_population, row.required_by_households)
        name = row.name
        if name.endswith("（合计）"):  # the street's total, named by db
            name = QCoreApplication.translate("PeoplePage", "{name}（合计）").format(
                name=name.removesuffix("（合计）")
            )
        return (
            name,
            str(row.population),
            str(row.households),
            str(row.workers),
            _number(row.per_10k),
            str(row.required_by_population),
            _number(row.households_per_worker, 0),
            str(row.required_by_households),
            str(need),
            QCoreApplication.translate("PeoplePage", "缺 {n} 人").format(n=row.shortfall)
            if row.shortfall
            else QCoreApplication.translate("PeoplePage", "达标"),
        )

    def is_short(self, row: int, column: int) -> bool:
        s = self.rows[row]
        if column == 4:
            return bool(s.shortfall_population)
        if column == 6:
            return bool(s.shortfall_households)
        return column == 9 and bool(s.shortfall)

    def foreground(self, number: int, column: int) -> QColor | None:
        return RED if self.is_short(number, column) else None

    def font(self, number: int, column: int) -> QFont | None:
        last = number == len(self.rows) - 1
        return self._bold if last or self.is_short(number, column) else None

    def tooltip(self, number: int, column: int) -> str | None:
        if column == 4:
            return QCoreApplication.translate(
                "PeoplePage", "省定标准：每万名城镇常住人口不少于 {n} 名社区工作者"
            ).format(n=f"{self.settings.workers_per_10k_minimum:g}")
        if column == 6:
            return QCoreApplication.translate(
                "PeoplePage", "本地标准：每 {n} 户配备 1 名社区工作者"
            ).format(n=self.settings.households_per_worker)
        return None


PAY_LEVELS = 38


class PayModel(RowsModel[int]):
    """The 3档38级 pay table: levels down, tiers across; amounts editable in place."""

    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "一档（元/月）"),
        QT_TRANSLATE_NOOP("PeoplePage", "二档（元/月）"),
        QT_TRANSLATE_NOOP("PeoplePage", "三档（元/月）"),
    )
    NUMERIC = frozenset({0, 1, 2})

    edit_requested = Signal(int, int, str)  # tier, level, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amounts: dict[tuple[int, int], Decimal | None] = {}
        self.editable = True

    def set_cells(self, cells: list[PayCell]) -> None:
        self.amounts = {(c.tier, c.level): c.amount for c in cells}
        self.set_rows(list(range(1, PAY_LEVELS + 1)) if self.amounts else [])

    def set_amount(self, tier: int, level: int, amount: Decimal) -> None:
        self.amounts[(tier, level)] = amount
        self.refresh_row(level - 1)

    def cells(self, row: int) -> tuple[str, ...]:
        amounts = (self.amounts.get((tier, row)) for tier in range(1, len(self.HEADERS) + 1))
        return tuple(
            QCoreApplication.translate("PeoplePage", "未设置") if a is None else f"{a:.2f}"
            for a in amounts
        )

    def foreground(self, number: int, column: int) -> QColor | None:
        return GREY if self.amounts.get((column + 1, number + 1)) is None else None

    def role_data(self, number: int, column: int, role: int) -> Any:
        if role != _EDIT:
            return None
        amount = self.amounts.get((column + 1, number + 1))
        return "" if amount is None else f"{amount:.2f}"

    def row_header(self, number: int) -> str:
        return QCoreApplication.translate("PeoplePage", "{n} 级").format(n=number + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT
    ) -> bool:
        if not index.isValid() or int(role) != _EDIT:
            return False
        text = str(value).strip()
        if not text:
            return False
        self.edit_requested.emit(index.column() + 1, index.row() + 1, text)
        return False  # shown once the database has taken it

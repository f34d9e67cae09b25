"""The report model shared by every return: sheets of typed columns and rows of values, with
the cached results of every formula already computed — plain data that the .xlsx writer
(reports/layout.py) and the on-screen preview (reports/preview.py) both read."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

Progress = Callable[[int, int], None]

NUMERIC_KINDS = frozenset({"int", "rate", "hours", "decimal", "money", "index"})


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    `header` lists the header labels from the top level down (("结案情况", "结案率")); adjacent
    columns sharing a top label get one merged cell over them, and a column with fewer levels
    than the sheet's header spans down. `formula` is a per-row Excel formula template where
    `{key}` names the cell of column `key` in the same row; `total` says what the 合计 row holds:
    "sum" (SUM of the data cells), "formula" (the row formula applied to the totals row),
    "custom" (`total_formula`, where `{key:range}` names the data cells of a column), "label"
    (the word 合计) or "" (nothing).
    """

    key: str
    header: tuple[str, ...]
    kind: str = "int"
    width: float | None = None
    total: str = "sum"
    formula: str | None = None
    total_formula: str | None = None
    wrap: bool = False


@dataclass
class Row:
    """A data row. `values` holds the value (or the formula's cached value) of every column key.

    A subtotal row (`subtotal_of` = the indexes of the detail rows it sums) is bold and its
    "sum" columns are SUM formulas over those rows.
    """

    values: dict[str, Any]
    subtotal_of: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart over columns of the sheet (category column and value columns)."""

    title: str
    category: str
    series: tuple[str, ...]
    kind: str = "line"
    y_title: str = "件数"


@dataclass
class Sheet:
    name: str
    title: str
    columns: list[Column]
    rows: list[Row]
    totals: dict[str, Any] | None = None
    merge_down: tuple[str, ...] = ()  # columns whose equal adjacent values merge vertically
    freeze_columns: int = 1
    notes: list[str] = field(default_factory=list)
    chart: ChartSpec | None = None

    @property
    def depth(self) -> int:
        return max(len(c.header) for c in self.columns)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


class ReportHeading(Protocol):
    """What the 填报单位 / 统计期间 / 填报日期 / 制表人 row needs (a resolved request)."""

    @property
    def unit(self) -> str: ...
    @property
    def period_label(self) -> str: ...
    @property
    def filled_on(self) -> date: ...
    @property
    def preparer(self) -> str: ...


@dataclass
class Report:
    """A return ready to preview or write: plain data only, no database objects."""

    kind: str
    title: str
    unit: str  # 填报单位
    period_label: str  # 统计期间
    filled_on: date  # 填报日期
    preparer: str  # 制表人
    sheets: list[Sheet]

    @property
    def file_stem(self) -> str:
        return safe_filename(f"{self.title}_{self.period_label}")

    @classmethod
    def of(cls, heading: ReportHeading, kind: str, title: str, sheets: list[Sheet]) -> Report:
        return cls(
            kind=kind,
            title=title,
            unit=heading.unit,
            period_label=heading.period_label,
            filled_on=heading.filled_on,
            preparer=heading.preparer,
            sheets=sheets,
        )


def safe_filename(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "报表"


def rows_of(values: Sequence[dict[str, Any]]) -> list[Row]:
    return [Row(v) for v in values]

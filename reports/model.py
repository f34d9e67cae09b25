"""The report model shared by every return: sheets of typed columns and rows of values, with
the cached results of every formula already computed — plain data that the .xlsx writer
(reports/layout.py) and the on-screen preview (reports/preview.py) both read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, Protocol, overload

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


class StreamedRows(Sequence[Row]):
    """The rows of a long flat list (the 案件明细表), read from the database while the file is
    written instead of held: a year of a 1,000,000-case street is about a million rows, 1.5 GB
    as `Row`s. It knows how many rows there are and holds the first ones (the preview, the
    column widths), both read in the transaction the report was built in; iterating runs
    `read()` again from the first row, in that same transaction (`reports.registry` writes the
    file before it ends), so the file holds what the count and the totals were taken from."""

    def __init__(self, count: int, head: list[Row], read: Callable[[], Iterator[Row]]) -> None:
        self._count, self._head, self._read = count, head, read

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if stop <= len(self._head):
                return self._head[index]
            return list(islice(self._read(), start, stop, step))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        if index < len(self._head):
            return self._head[index]
        return next(islice(self._read(), index, None))

    def __iter__(self) -> Iterator[Row]:
        return self._read()


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
    rows: Sequence[Row]
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
    """A return ready to preview or write: plain data, but for a `StreamedRows` sheet, whose
    rows are read while the file is written."""

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

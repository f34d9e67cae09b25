"""The on-screen preview of a return's sheet: every cell as the text Excel would show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reports.model import NUMERIC_KINDS, Sheet


def display(value: Any, kind: str) -> str:
    """The text a cell shows, for the on-screen preview."""
    if value is None or value == "":
        return ""
    if kind == "int" and isinstance(value, int | float):
        return f"{value:,.0f}"
    if kind == "rate" and isinstance(value, int | float):
        return f"{value:.1%}"
    if kind in ("hours", "decimal") and isinstance(value, int | float):
        return f"{value:,.1f}"
    if kind == "money" and isinstance(value, int | float):
        return f"{value:,.2f}"
    if kind == "index" and isinstance(value, int | float):
        return f"{value:.3f}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


@dataclass(frozen=True)
class PreviewTable:
    """One sheet as plain strings: flattened headers, body rows and the totals row (if any).

    `total_rows` counts every body row of the sheet; `rows` holds at most the preview limit
    (then the totals row), so a 100,000-row list previews quickly.
    """

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    bold_rows: frozenset[int]
    total_rows: int = 0


def preview_table(sheet: Sheet, limit: int | None = None) -> PreviewTable:
    body = sheet.rows if limit is None else sheet.rows[:limit]
    headers = ["\n".join(dict.fromkeys(c.header)) for c in sheet.columns]
    rows = [[display(r.values.get(c.key), c.kind) for c in sheet.columns] for r in body]
    bold = {i for i, r in enumerate(body) if r.subtotal_of}
    if sheet.totals is not None:
        bold.add(len(rows))
        rows.append([display(sheet.totals.get(c.key), c.kind) for c in sheet.columns])
    return PreviewTable(
        headers,
        rows,
        [c.kind in NUMERIC_KINDS for c in sheet.columns],
        frozenset(bold),
        len(sheet.rows),
    )

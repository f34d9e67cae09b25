"""Finding the header row of an imported sheet under its titles and merged headers, and
matching header texts however each community writes them (full-width, spaced, starred)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from db.errors import ValidationError
from db.sheets.cells import clean_text
from db.sheets.reading import HEADER_SCAN_ROWS, SheetRow


def header_key(text: str) -> str:
    """A header reduced for matching: NFKC, no spaces, no asterisks, no bracketed notes."""
    value = unicodedata.normalize("NFKC", text)
    value = re.sub(r"[\s*:：]", "", value)
    return value.replace("(", "（").replace(")", "）")


# Columns every sheet may have that hold nothing to import.
IGNORED_HEADERS = frozenset(header_key(h) for h in ("序号", "编号", "备注", "说明", "No.", "NO"))


def header_text(cell: Any) -> str:
    """A header as written, without the spaces used to align Chinese headers (姓  名)."""
    text = clean_text(cell)
    return text if any(ch.isascii() and ch.isalpha() for ch in text) else text.replace(" ", "")


def column_letter(index: int) -> str:
    """Excel's letters for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def find_header(
    head: list[SheetRow], match: Callable[[str], str | None], hint: str
) -> tuple[int, list[str]]:
    """The header row (the one naming most known columns, `match` giving a cell's field) and
    each column's header text; an empty header cell under a merged header takes the text
    above it. `hint` ends the message when no header is found."""
    best, best_score = -1, 0
    for i, (_, cells) in enumerate(head):
        score = sum(1 for c in cells if isinstance(c, str) and match(c) is not None)
        if score > best_score:
            best, best_score = i, score
    if best < 0 or best_score < 2:
        raise ValidationError(f"前 {HEADER_SCAN_ROWS} 行中找不到表头{hint}")
    row_cells = head[best][1]
    above = head[best - 1][1] if best > 0 else []
    width = max(len(row_cells), len(above))
    headers: list[str] = []
    for col in range(width):
        text = header_text(row_cells[col]) if col < len(row_cells) else ""
        if not text and col < len(above):
            upper = header_text(above[col])
            if upper and match(upper) is not None:
                text = upper
        headers.append(text)
    return best, headers


def map_columns(
    headers: list[str], match: Callable[[str], str | None]
) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """Each known field's column (the first one naming it): its 0-based index and how a problem
    names it ("C列 工单编号"); and the header texts that name no field, in order."""
    columns: dict[str, tuple[int, str]] = {}
    unknown: list[str] = []
    for index, text in enumerate(headers):
        found = match(text) if text else None
        if found is None:
            if text:
                unknown.append(text)
            continue
        columns.setdefault(found, (index, f"{column_letter(index)}列 {text}"))
    return columns, unknown

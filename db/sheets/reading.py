"""The rows of an imported sheet as (Excel row number, cell values): the first rows, where the
header is looked for, and the data rows below the header."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from db.errors import ValidationError

SheetRow = tuple[int, list[Any]]

HEADER_SCAN_ROWS = 30  # the header is looked for in this many rows from the top


def read_head(rows: Iterator[SheetRow], file_name: str) -> list[SheetRow]:
    """The first rows of the sheet, where the header is looked for (the rest stay in `rows`)."""
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    if not head:
        raise ValidationError(f"「{file_name}」的第一个工作表是空的")
    return head


def data_rows(head: list[SheetRow], header_at: int, rest: Iterator[SheetRow]) -> Iterator[SheetRow]:
    """Every row below the header: those of `head` after index `header_at`, then `rest`."""
    yield from head[header_at + 1 :]
    yield from rest

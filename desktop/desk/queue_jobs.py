"""The queue's reads on the database thread: first page, count, all ids, blocks, refresh snapshot.

Each function returns the job `TaskRunner.submit` runs; `gen` is the model's query generation,
returned with the result so the model drops answers to a question it no longer asks. Sorting
and filtering happen in SQL (a QSortFilterProxyModel over a Python model took 38 s to sort
100,000 rows), and rows hold the list columns only: the description's first characters, no
address, no full description.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from db.cases import queue as q
from db.clock import utcnow
from db.engine import Database


@dataclass(frozen=True)
class FirstPage:
    gen: int
    count: int | None  # None: not counted yet (the page is full)
    rows: list[q.QueueRow]


@dataclass(frozen=True)
class Refresh:
    gen: int
    ids: array[int]
    blocks: dict[int, list[q.QueueRow | None]]
    urgent_numbers: list[str]


def first_page(
    gen: int,
    f: q.QueueFilter,
    sort: q.QueueSort,
    size: int,
    known: int | None,
    tz: ZoneInfo,
) -> Callable[[Database], FirstPage]:
    """The first `size` rows; their count too when they are all there is, else `known`."""

    def first(db: Database) -> FirstPage:
        with db.read() as s:
            rows = q.page(s, f, sort, utcnow(), size, tz)
        # A short page is the whole answer; otherwise the COUNT follows the first paint.
        return FirstPage(gen, len(rows) if len(rows) < size else known, rows)

    return first


def count(gen: int, f: q.QueueFilter) -> Callable[[Database], tuple[int, int]]:
    def counted(db: Database) -> tuple[int, int]:
        with db.read() as s:
            return gen, q.count(s, f, utcnow())

    return counted


def all_ids(
    gen: int, f: q.QueueFilter, sort: q.QueueSort
) -> Callable[[Database], tuple[int, array[int]]]:
    def ids(db: Database) -> tuple[int, array[int]]:
        with db.read() as s:
            return gen, q.ids(s, f, sort, utcnow())

    return ids


def group_counts(f: q.QueueFilter) -> Callable[[Database], dict[str, int]]:
    """The live counts on the queue tabs (status groups and 挂账)."""

    def counts(db: Database) -> dict[str, int]:
        with db.read() as s:
            return q.group_counts(s, f, utcnow())

    return counts


def block(
    gen: int, number: int, wanted: list[int], tz: ZoneInfo
) -> Callable[[Database], tuple[int, int, list[q.QueueRow | None]]]:
    """The rows of block `number` (the ids `wanted`, in order; None for a case gone since)."""

    def load(db: Database) -> tuple[int, int, list[q.QueueRow | None]]:
        with db.read() as s:
            by_id = {r.id: r for r in q.rows(s, wanted, tz)}
        return gen, number, [by_id.get(i) for i in wanted]

    return load


def refresh(
    gen: int,
    f: q.QueueFilter,
    sort: q.QueueSort,
    size: int,
    tz: ZoneInfo,
    view: tuple[int | None, int, int],
    changed_ids: frozenset[int] | None,
) -> Callable[[Database], Refresh]:
    """Every id again and the blocks around what the view shows; `view` is (the case at the
    top unless the view is at the top, the top row, the visible height in rows)."""
    anchor, top, height = view

    def job(db: Database) -> Refresh:
        now = utcnow()
        with db.read() as s:
            found = q.ids(s, f, sort, now)
            start = top
            if anchor is not None:
                try:
                    start = found.index(anchor)
                except ValueError:
                    start = min(top, max(len(found) - 1, 0))
            lo = max(start - size // 2, 0) // size
            hi = max(min(start + height + size // 2, len(found) - 1), 0) // size
            blocks: dict[int, list[q.QueueRow | None]] = {}
            for block in range(lo, hi + 1):
                wanted = list(found[block * size : (block + 1) * size])
                by_id = {r.id: r for r in q.rows(s, wanted, tz)}
                blocks[block] = [by_id.get(i) for i in wanted]
            urgent = q.new_urgent_reports(s, changed_ids) if changed_ids else []
        return Refresh(gen, found, blocks, urgent)

    return job

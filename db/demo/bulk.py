"""The demo street's cases generated in blocks of consecutive days, each block from its own
random stream, so that blocks can be generated side by side in worker processes and the
database is the same for a seed whatever the number of workers.

A block is lived forward by its own `CaseGenerator` (its first case id and its days' case
numbers are known before it starts, so blocks never collide; a merge names an earlier case of
the same block). Its worker seals every history (`db.cases.history_chain.HistorySealer`) and writes the
rows to scratch files already in the database's own value format:

- SQLite: a scratch SQLite file of untyped tables holding exactly the values the ORM would
  store (the column types' own bind processors, see `db/demo/street.py` `_same_text`); the
  builder copies them with `ATTACH` + `INSERT … SELECT` (no Python per row);
- PostgreSQL: one COPY text file per table, which the builder streams into `COPY … FROM STDIN`.

The builder copies the blocks in block order inside its one transaction, so ids (of the history
entries too) come out the same on every run.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Table, create_engine

from db.cases.history_chain import HistorySealer, genesis
from db.clock import WorkCalendar
from db.demo.case_life import CategoryInfo, DepartmentInfo
from db.demo.cases import CaseGenerator
from db.demo.geography import GridInfo
from db.gc_pause import collector_paused
from db.models import Attachment, Base, Case, CaseEvent, CaseReporter
from db.models.base import UTCDateTime

SINGLE_BLOCK_BELOW = 20_000  # smaller builds are one block (one random stream, as before)
BLOCK_CASES = 25_000  # about this many cases a block above it
MAX_BLOCKS = 48
# SQLite: the blocks are generated into at most this many scratch files (consecutive blocks
# share one), each ATTACHed to the build's connection until its transaction ends (SQLite's
# default limit is 10 attached databases, and one cannot be detached inside a transaction)
SQLITE_SCRATCH_FILES = 8
ROWS_PER_WRITE = 4_000  # cases a worker buffers before writing them to its scratch file

# In the order they are copied: a case before its history, a merge's main case before the
# reporter it gains (case_reporters names both).
TABLES = (
    Case.__tablename__,
    CaseEvent.__tablename__,
    Attachment.__tablename__,
    CaseReporter.__tablename__,
)


def table_columns(table: Table) -> list[str]:
    """The columns the builder writes: every column but a surrogate `id` the database numbers
    (the cases keep theirs: a merge names its main case by id)."""
    if table.name == Case.__tablename__:
        return [c.name for c in table.columns]
    return [c.name for c in table.columns if c.name != "id"]


def block_count(total: int) -> int:
    """How many blocks `total` cases are generated in (a function of the count alone)."""
    if total < SINGLE_BLOCK_BELOW:
        return 1
    return max(2, min(MAX_BLOCKS, round(total / BLOCK_CASES)))


@dataclass(frozen=True)
class Block:
    index: int
    days: tuple[tuple[date, int], ...]  # (local day, cases that day)
    first_id: int
    seed: int

    @property
    def cases(self) -> int:
        return sum(n for _, n in self.days)


def plan_blocks(
    daily: list[tuple[date, int]],
    counters: dict[str, int],
    first_id: int,
    rng: random.Random,
    blocks: int,
) -> list[Block]:
    """Split the days into `blocks` runs of consecutive days with about as many cases each;
    each block's seed is drawn from `rng` in order."""
    days = []
    for day, n in daily:
        free = 99_999 - counters.get(day.strftime("%Y%m%d"), 0)
        if min(n, free) > 0:
            days.append((day, min(n, free)))
    total = sum(n for _, n in days)
    blocks = max(1, min(blocks, len(days)))
    out: list[Block] = []
    current: list[tuple[date, int]] = []
    done = 0
    next_id = first_id
    for i, (day, n) in enumerate(days):
        current.append((day, n))
        done += n
        left_days = len(days) - i - 1
        left_blocks = blocks - len(out) - 1
        full = done >= total * (len(out) + 1) / blocks
        if left_blocks > 0 and (full or left_days == left_blocks) and left_days >= left_blocks:
            out.append(Block(len(out), tuple(current), next_id, rng.getrandbits(64)))
            next_id += sum(c for _, c in current)
            current = []
    if current or not out:
        out.append(Block(len(out), tuple(current), next_id, rng.getrandbits(64)))
    return out


@dataclass(frozen=True)
class BlockContext:
    """What every block's generator needs: the street, the catalogue and the settings."""

    now: datetime
    cal: WorkCalendar
    warn_share: float
    grids: list[GridInfo]
    categories: list[CategoryInfo]
    departments: list[DepartmentInfo]
    descriptions: dict[str, list[str]]
    names: dict[str, Any]
    counters: dict[str, int]
    dialect: str  # "sqlite" or "postgresql"
    folder: str  # where the scratch files go

    def generator(self, rng: random.Random, first_id: int) -> CaseGenerator:
        """A generator of this street's cases, numbering from `first_id`."""
        return CaseGenerator(
            rng=rng,
            now=self.now,
            cal=self.cal,
            warn_share=self.warn_share,
            grids=self.grids,
            categories=self.categories,
            departments=self.departments,
            descriptions=self.descriptions,
            names=self.names,
            first_id=first_id,
            counters=self.counters,
        )


@dataclass(frozen=True)
class BlockResult:
    index: int
    cases: int
    day_counts: dict[str, int]
    path: str  # SQLite: the scratch file; PostgreSQL: the prefix of its COPY files
    cpu: float  # CPU seconds of its worker for it


def copy_path(prefix: str, table: str) -> str:
    return f"{prefix}.{table}.copy"


# --- values as the database stores them ------------------------------------------------------


def sqlite_utc_text(value: datetime | None) -> str | None:
    """A UTC timestamp as SQLAlchemy's SQLite dialect stores it, without its per-value overhead."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]


def same_text(processor: Callable[[Any], Any] | None) -> bool:
    """Whether `sqlite_utc_text` writes what SQLAlchemy's own processor writes."""
    from zoneinfo import ZoneInfo

    if processor is None:
        return False
    samples = (
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 11, 26, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    return all(processor(v) == sqlite_utc_text(v) for v in samples)


_JSON_REMEMBERED = 20_000  # distinct flat values a JSON column's encoder keeps the text of


def remembering_json(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's bind processor that encodes each distinct flat dict (string keys,
    plain values) once: most history details repeat (a report's source, a department)."""
    known: dict[Any, Any] = {}
    null = processor(None)  # most entries have no details

    def encode(value: Any) -> Any:
        if value is None:
            return null
        if type(value) is not dict:
            return processor(value)
        key = (tuple(value.items()), tuple(map(type, value.values())))
        try:
            text = known.get(key)
        except TypeError:  # an unhashable value: not a flat dict
            return processor(value)
        if text is None:
            text = processor(value)
            flat = all(kind in _PLAIN for kind in key[1]) and all(type(k) is str for k in value)
            if flat and len(known) < _JSON_REMEMBERED:
                known[key] = text
        return text

    return encode


_PLAIN = (str, int, float, bool, type(None))
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: Any, is_json: bool = False) -> str:
    """One value in PostgreSQL's COPY text format, as psycopg would send it."""
    if value is None:
        return "\\N"
    if is_json:
        return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)
    kind = type(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)  # type: ignore[no-any-return]
    if kind is bool:
        return "t" if value else "f"
    if kind is int or kind is float:
        return str(value)
    if kind is datetime or kind is date:
        return value.isoformat()  # type: ignore[no-any-return]
    if kind is bytes:
        return "\\\\x" + str(value.hex())
    if isinstance(value, Enum):
        return copy_text(value.value)
    return str(value).translate(_COPY_ESCAPES)


class _Sink:
    """Rows of one block, encoded and written to its scratch file(s)."""

    def __init__(self, dialect: str, path: str) -> None:
        self.dialect, self.path = dialect, path
        tables = Base.metadata.tables
        self.columns = {name: table_columns(tables[name]) for name in TABLES}
        self.getters = {name: itemgetter(*cols) for name, cols in self.columns.items()}
        self.encoders: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}
        self.json: dict[str, list[bool]] = {}
        if dialect == "sqlite":
            sa_dialect = create_engine("sqlite://").dialect
            for name, cols in self.columns.items():
                table = tables[name]
                procs: list[tuple[int, Callable[[Any], Any]]] = []
                for i, col in enumerate(cols):
                    bind = table.c[col].type.dialect_impl(sa_dialect).bind_processor(sa_dialect)
                    if bind is None:
                        continue
                    proc: Callable[[Any], Any] = bind
                    if isinstance(table.c[col].type, UTCDateTime) and same_text(bind):
                        proc = sqlite_utc_text
                    elif isinstance(table.c[col].type, JSON):
                        proc = remembering_json(bind)
                    procs.append((i, proc))
                self.encoders[name] = procs
            Path(path).unlink(missing_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=OFF")
            self.conn.execute("PRAGMA synchronous=OFF")
            self.conn.execute("BEGIN")  # one transaction: not a commit per row
            for name, cols in self.columns.items():
                self.conn.execute(f"CREATE TABLE {name} ({', '.join(cols)})")
            self.inserts = {
                name: f"INSERT INTO {name} VALUES ({', '.join('?' * len(cols))})"
                for name, cols in self.columns.items()
            }
        else:
            self.files = {}
            for name, cols in self.columns.items():
                table = tables[name]
                self.json[name] = [isinstance(table.c[c].type, JSON) for c in cols]
                self.files[name] = open(  # noqa: SIM115 - closed in close()
                    copy_path(path, name), "w", encoding="utf-8", newline="\n"
                )

    def write(self, name: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        getter = self.getters[name]
        if self.dialect == "sqlite":
            # column by column: the encoders mapped over a column, the rows zipped back
            columns: list[Any] = list(zip(*map(getter, rows), strict=True))
            for i, proc in self.encoders[name]:
                columns[i] = map(proc, columns[i])
            self.conn.executemany(self.inserts[name], zip(*columns, strict=True))
        else:
            flags = self.json[name]
            lines = []
            for row in rows:
                lines.append(
                    "\t".join([copy_text(v, j) for v, j in zip(getter(row), flags, strict=True)])
                )
            out = self.files[name]
            out.write("\n".join(lines))
            out.write("\n")

    def close(self) -> None:
        if self.dialect == "sqlite":
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
            self.conn.close()
        else:
            for f in self.files.values():
                f.close()


def group_blocks(blocks: list[Block], most: int) -> list[tuple[Block, ...]]:
    """The blocks in at most `most` runs of consecutive blocks, as even as can be."""
    count = max(1, min(most, len(blocks)))
    return [
        tuple(blocks[len(blocks) * k // count : len(blocks) * (k + 1) // count])
        for k in range(count)
    ]


def generate_block(ctx: BlockContext, block: Block) -> BlockResult:
    """Live the block's cases forward, seal their histories and write the rows to scratch."""
    return generate_group(ctx, (block,))


def generate_group(ctx: BlockContext, blocks: tuple[Block, ...]) -> BlockResult:
    """Live the cases of consecutive blocks forward (each block from its own random stream),
    seal their histories and write the rows, in block order, to one scratch file (set).

    Python's cyclic collector is paused meanwhile (db/gc_pause.py): a block allocates millions
    of rows, dicts and datetimes that hold no reference cycles, and each of the collector's
    full passes walked all of them (a sixth of the block's CPU)."""
    with collector_paused():
        return _generate_group(ctx, blocks)


def _generate_group(ctx: BlockContext, blocks: tuple[Block, ...]) -> BlockResult:
    cpu = time.process_time()
    suffix = ".sqlite" if ctx.dialect == "sqlite" else ""
    path = os.path.join(ctx.folder, f"block{blocks[0].index:03d}{suffix}")
    sink = _Sink(ctx.dialect, path)
    sealer = HistorySealer()
    case_name, event_name, attachment_name, reporter_name = TABLES
    cases: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    attachments: list[dict[str, Any]] = []
    reporters: list[dict[str, Any]] = []
    written = 0
    day_counts: dict[str, int] = {}

    def flush() -> None:
        sink.write(case_name, cases)
        sink.write(event_name, events)
        sink.write(attachment_name, attachments)
        sink.write(reporter_name, reporters)
        cases.clear()
        events.clear()
        attachments.clear()
        reporters.clear()

    try:
        for block in blocks:
            generator = ctx.generator(random.Random(block.seed), block.first_id)
            for life, photos in generator.cases_on(block.days):
                # Each demo case's history is sealed like a live one
                # (db/cases/history_chain.py).
                life.c["history_hash"] = sealer.seal(life.events, genesis(life.c["number"]))
                cases.append(life.c)
                events.extend(life.events)
                attachments.extend(photos)
                reporters.extend(life.reporters)
                written += 1
                if len(cases) >= ROWS_PER_WRITE:
                    flush()
            day_counts.update(generator.day_counts)
        flush()
    finally:
        sink.close()
    return BlockResult(blocks[0].index, written, day_counts, path, time.process_time() - cpu)


# --- worker processes --------------------------------------------------------------------------

_CONTEXT: BlockContext | None = None


def _init_worker(ctx: BlockContext) -> None:
    global _CONTEXT
    _CONTEXT = ctx


def _run_in_worker(blocks: tuple[Block, ...]) -> BlockResult:
    assert _CONTEXT is not None
    return generate_group(_CONTEXT, blocks)


def generate_blocks(
    ctx: BlockContext, blocks: list[Block], workers: int, files: int | None = None
) -> Iterator[BlockResult]:
    """The results of the blocks, in block order, written to at most `files` scratch files
    (default: one a block), generated by `workers` processes (spawned, not forked: the caller
    may be a GUI with threads) or in this process when one is enough."""
    groups = group_blocks(blocks, len(blocks) if files is None else files)
    if workers <= 1 or len(groups) <= 1:
        for group in groups:
            yield generate_group(ctx, group)
        return
    import multiprocessing

    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(min(workers, len(groups)), _init_worker, (ctx,)) as pool:
        yield from pool.imap(_run_in_worker, groups)


def default_workers() -> int:
    """Worker processes for a big build: one per core, at most four; none in a frozen bundle
    (a spawned worker there would start the program again)."""
    if getattr(sys, "frozen", False):
        return 1
    return max(1, min(4, os.cpu_count() or 1))

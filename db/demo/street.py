"""The demo street (`griddesk-admin init --demo`): 辽宁省本溪市明山区新明街道 with its
communities, grids, people and twelve months of cases, deterministic for a seed and `now`.

Geography and rosters come from `db/demo/people.py`, the case history from
`db/demo/cases.py`, generated in blocks of days (in worker processes for a big build) by
`db/demo/bulk.py`; this module writes them in one transaction (the blocks' rows copied in bulk:
SQLite `INSERT … SELECT` from scratch files, PostgreSQL `COPY`) and reports progress as `progress(stage, fraction)` with
`fraction` the share of the whole build done so far (0.0 … 1.0).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from db.cases.duplicates import count_duplicates_in
from db.cases.states import Group
from db.clock import TimeBasis
from db.demo.accounts import create_demo_accounts, has_only_demo_accounts
from db.demo.bulk import (
    SQLITE_SCRATCH_FILES,
    TABLES,
    Block,
    BlockContext,
    BlockResult,
    block_count,
    copy_path,
    default_workers,
    generate_blocks,
    plan_blocks,
    table_columns,
)
from db.demo.case_life import CategoryInfo, DepartmentInfo
from db.demo.gazetteer import build_gazetteer
from db.demo.geography import (
    CENTER_NAME,
    DEMO_MARKER,
    STREET_CODE,
    STREET_NAME,
    build_geography,
)
from db.demo.people import build_people
from db.engine import SQLITE_BUSY_TIMEOUT_MS, Database
from db.errors import ValidationError
from db.models import (
    Base,
    Case,
    CaseNumberCounter,
    Category,
    Community,
    Department,
    Grid,
    Setting,
    Street,
)
from db.reference.catalogue import catalogue_dir, read_json
from db.reference.settings_store import load_settings, save_setting
from db.security.accounts import has_users
from db.security.actors import SYSTEM

DEFAULT_SEED = 20261126
BUILD_INDEXES_AFTER = 50_000  # SQLite: from this many cases, indexes are built after the rows
SQLITE_BUILD_CACHE_KIB = 256 * 1024
DUPLICATE_MARKS = 300  # newest cases waiting for 立案/派遣 checked for 疑似重复

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSummary:
    communities: int
    grids: int
    departments: int
    people: int
    cases: int
    seconds: float
    # the cases' part: CPU seconds of the generators (all workers), seconds copying rows in,
    # seconds rebuilding the indexes (SQLite, big builds)
    generation_cpu: float = 0.0
    copy_seconds: float = 0.0
    index_seconds: float = 0.0


def default_now() -> datetime:
    """The current time truncated to the hour (UTC)."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def _load_categories(session: Session) -> list[CategoryInfo]:
    rows = session.scalars(select(Category).where(Category.active).order_by(Category.code))
    return [
        CategoryInfo(
            id=c.id,
            code=c.code,
            name=c.name,
            department_id=c.default_department_id,
            dispatch_minutes=c.dispatch_minutes,
            handle_minutes=c.handle_minutes,
            verify_minutes=c.verify_minutes,
            basis=TimeBasis(c.basis),
            urgent=c.urgent,
        )
        for c in rows
    ]


def _load_departments(session: Session) -> list[DepartmentInfo]:
    rows = session.scalars(
        select(Department).where(Department.active).order_by(Department.sort_order, Department.id)
    )
    return [DepartmentInfo(d.id, d.name, d.contact) for d in rows]


def is_demo_database(session: Session) -> bool:
    """Whether the database holds the demo street: the marker the builder stores, or (a demo
    built before the marker) the demo street's code and name with only the demo accounts."""
    if session.get(Setting, DEMO_MARKER) is not None:
        return True
    street = session.scalar(select(Street).where(Street.code == STREET_CODE))
    return street is not None and street.name == STREET_NAME and has_only_demo_accounts(session)


def real_data_refusal(session: Session) -> str | None:
    """The one sentence refusing the demo on a database set up for real (a street that is not
    the demo's, or accounts other than the demo's); None when the demo may be built here or
    is here already."""
    street = session.scalar(select(Street).order_by(Street.id).limit(1))
    if street is not None and not is_demo_database(session):
        return (
            f"数据库中已有街道「{street.name}」（{street.code}）的正式数据，不能载入演示街道"
            "（演示请使用新的空数据库）"
        )
    if street is None and has_users(session) and not has_only_demo_accounts(session):
        return (
            "此数据库已有正式账号，是为本中心建立的数据库，不能载入演示数据"
            "（演示请使用新的空数据库）"
        )
    return None


def _refuse_a_real_database(session: Session) -> None:
    """ValidationError (one sentence) unless the database is still empty of streets and of
    accounts other than the demo's."""
    reason = real_data_refusal(session)
    if reason is not None:
        raise ValidationError(reason)
    if session.scalar(select(func.count()).select_from(Street)):
        raise ValidationError("数据库中已有街道数据，不能再生成演示街道（请使用新的空数据库）")


def build_demo(
    db: Database,
    *,
    cases: int = 6000,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = None,
    block_cases: int | None = None,
) -> DemoSummary:
    """Build the demo street with `cases` cases reported over the 12 months before `now`.

    Refuses (`ValidationError`, nothing written) when the database already has a street, or
    has accounts other than the demo's: a database set up for real never gets demo rows.

    The cases are generated in blocks of consecutive days (`db/demo/bulk.py`; their number
    depends on `cases` alone, or on `block_cases` cases a block when given), by `workers`
    processes (default: one per core for a build of several blocks); the same seed, `now`
    and case count give the same database whatever the number of workers.
    """
    started = time.perf_counter()
    if cases < 0:
        raise ValidationError("演示案件数不能为负数")
    if now is None:
        now = default_now()
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError("演示数据的参考时间必须带时区")
    now = now.astimezone(UTC)

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, round(fraction, 4))

    rng = random.Random(seed)
    names = read_json(catalogue_dir() / "descriptions.json")

    # SQLite: the scratch files the build ATTACHes, detached when its connection goes back
    # to the pool (not possible inside the transaction); the folder outlives the transaction
    attached: list[str] = []
    detach = _detacher(attached)
    scratch = tempfile.TemporaryDirectory(prefix="griddesk-demo-", ignore_cleanup_errors=True)
    if db.is_sqlite:
        event.listen(db.engine, "checkin", detach)
    try:
        with (
            _rollback_journal(db, db.is_sqlite and cases >= BUILD_INDEXES_AFTER),
            db.write() as session,
        ):
            _refuse_a_real_database(session)
            report("街道、社区与网格", 0.0)
            communities, grids = build_geography(session, rng, names)
            build_gazetteer(session, communities, grids)
            report("人员花名册", 0.02)
            people = build_people(session, rng, names, now, communities, grids)
            create_demo_accounts(session)
            session.add(Setting(key=DEMO_MARKER, value=STREET_CODE))
            if "center_name" not in {row.key for row in session.scalars(select(Setting))}:
                save_setting(session, "center_name", CENTER_NAME, SYSTEM)
            categories = _load_categories(session)
            departments = _load_departments(session)
            if not categories or not departments:
                raise ValidationError("数据库中没有案件类别或部门目录，无法生成演示案件")
            settings = load_settings(session)
            counters = {row.day: row.last for row in session.scalars(select(CaseNumberCounter))}
            first_id = int(session.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0) + 1
            ctx = BlockContext(
                now=now,
                cal=settings.calendar(),
                warn_share=settings.warn_share,
                grids=grids,
                categories=categories,
                departments=departments,
                descriptions=names["descriptions"],
                names=names,
                counters=counters,
                dialect=session.get_bind().dialect.name,
                folder=scratch.name,
            )
            generator = ctx.generator(random.Random(rng.random()), first_id)
            daily = generator.daily_counts(cases) if cases else []
            blocks = plan_blocks(
                daily,
                counters,
                first_id,
                generator.rng,
                block_count(cases) if block_cases is None else max(1, -(-cases // block_cases)),
            )
            report("案件", 0.05)
            timing = {"generation_cpu": 0.0, "copy_seconds": 0.0, "index_seconds": 0.0}
            if workers is None:
                workers = default_workers() if len(blocks) > 1 else 1
            if db.is_sqlite and cases > 50_000:
                # index pages of a big build stay in memory instead of churning through the WAL
                conn = session.connection()
                previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
                conn.exec_driver_sql(f"PRAGMA cache_size={-SQLITE_BUILD_CACHE_KIB}")
                try:
                    written, day_counts = _write_cases(
                        session, ctx, blocks, workers, report, timing, attached
                    )
                finally:
                    conn.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")
            else:
                written, day_counts = _write_cases(
                    session, ctx, blocks, workers, report, timing, attached
                )
            report("收尾", 0.97)
            _write_counters(session, day_counts, counters)
            _mark_duplicates(session)
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence('cases', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM cases), false)"
                    )
                )
            summary = DemoSummary(
                communities=int(session.scalar(select(func.count()).select_from(Community)) or 0),
                grids=int(session.scalar(select(func.count()).select_from(Grid)) or 0),
                departments=len(departments),
                people=people,
                cases=written,
                seconds=0.0,
                **{k: round(v, 3) for k, v in timing.items()},
            )
    finally:
        if db.is_sqlite:
            event.remove(db.engine, "checkin", detach)
        scratch.cleanup()
    report("完成", 1.0)
    return DemoSummary(**{**summary.__dict__, "seconds": time.perf_counter() - started})


@contextmanager
def _rollback_journal(db: Database, wanted: bool) -> Iterator[None]:
    """SQLite, a big build: the file in rollback-journal mode while the build's one transaction
    writes it, WAL again afterwards. The pages then go straight into the file instead of into
    the WAL and again into the file at the checkpoint (copying, indexing and committing a
    million cases take about half the time). Left in WAL when another connection has the
    file open (the switch needs it alone) or when not `wanted`."""
    switched = False
    if wanted:
        raw = db.engine.raw_connection()
        try:
            conn: Any = raw.driver_connection
            conn.execute("PRAGMA busy_timeout=0")  # another connection: keep WAL, at once
            try:
                mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
                switched = bool(mode) and str(mode[0]).lower() == "delete"
            except sqlite3.OperationalError:
                switched = False
            finally:
                conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            raw.close()
    try:
        yield
    finally:
        if switched:
            raw = db.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
            except sqlite3.OperationalError:
                pass  # busy: every new connection asks for WAL again (db/engine.py)
            finally:
                raw.close()


def _detacher(attached: list[str]) -> Callable[[Any, Any], None]:
    """A pool `checkin` listener that detaches the `attached` scratch schemas from a SQLite
    connection back in the pool (its transaction over)."""

    def detach(dbapi_connection: Any, _record: Any) -> None:
        if not attached or dbapi_connection.in_transaction:
            return
        present = {row[1] for row in dbapi_connection.execute("PRAGMA database_list")}
        for schema in attached:
            if schema in present:
                dbapi_connection.execute(f"DETACH DATABASE {schema}")

    return detach


def _copy_block(session: Session, result: BlockResult, attached: list[str]) -> None:
    """Copy one scratch file's rows into the database (this transaction)."""
    tables = Base.metadata.tables
    conn = session.connection()
    raw: Any = conn.connection.driver_connection
    if session.get_bind().dialect.name == "sqlite":
        # SQLite copies the rows itself: the file is ATTACHed for the rest of the transaction
        # (a file cannot be detached inside it; `_detacher` does it afterwards)
        schema = f"griddesk_demo_scratch_{result.index}"
        raw.execute(f"ATTACH DATABASE ? AS {schema}", (result.path,))
        attached.append(schema)
        for name in TABLES:
            columns = ", ".join(table_columns(tables[name]))
            raw.execute(
                f"INSERT INTO main.{name} ({columns}) "
                f"SELECT {columns} FROM {schema}.{name} ORDER BY rowid"
            )
        return
    for name in TABLES:
        path = copy_path(result.path, name)
        columns = ", ".join(table_columns(tables[name]))
        with (
            open(path, "rb") as source,
            raw.cursor() as cursor,
            cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy,
        ):
            while chunk := source.read(1 << 20):
                copy.write(chunk)
        Path(path).unlink(missing_ok=True)


def _secondary_indexes(session: Session) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the SQLite indexes on the tables the cases go to."""
    names = ", ".join(f"'{name}'" for name in TABLES)
    rows = session.connection().exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({names}) ORDER BY name"
    )
    return [(str(name), str(sql)) for name, sql in rows]


def _write_cases(
    session: Session,
    ctx: BlockContext,
    blocks: list[Block],
    workers: int,
    report: ProgressFn,
    timing: dict[str, float],
    attached: list[str],
) -> tuple[int, dict[str, int]]:
    """Generate the blocks (in `workers` processes) and copy them in, in block order;
    `timing` gets the generation CPU, the copying and the index building seconds."""
    total = sum(block.cases for block in blocks) or 1
    written = 0
    day_counts: dict[str, int] = {}
    indexes: list[tuple[str, str]] = []
    conn = session.connection()
    if ctx.dialect == "sqlite" and total >= BUILD_INDEXES_AFTER:
        # one sorted pass per index afterwards instead of a random insert per row
        indexes = _secondary_indexes(session)
        for name, _sql in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    files = SQLITE_SCRATCH_FILES if ctx.dialect == "sqlite" else None
    for result in generate_blocks(ctx, blocks, workers, files):
        started = time.perf_counter()
        _copy_block(session, result, attached)
        timing["copy_seconds"] += time.perf_counter() - started
        timing["generation_cpu"] += result.cpu
        written += result.cases
        day_counts.update(result.day_counts)
        report("案件", 0.05 + 0.88 * min(written / total, 1.0))
    if indexes:
        report("索引", 0.93)
        started = time.perf_counter()
        for _name, sql in indexes:
            conn.exec_driver_sql(sql)
        timing["index_seconds"] = time.perf_counter() - started
    return written, day_counts


def _mark_duplicates(session: Session, most: int = DUPLICATE_MARKS) -> None:
    """疑似重复 on the newest cases still waiting for 立案 or 派遣, as intake marks a new
    report (the builder writes cases in bulk, past `report_in`); bounded, so a million-case
    build spends seconds here."""
    rows = session.scalars(
        select(Case)
        .where(Case.status_group.in_([Group.TO_REGISTER.value, Group.TO_DISPATCH.value]))
        .order_by(Case.reported_at.desc())
        .limit(most)
    )
    for case in rows:
        found = count_duplicates_in(session, case)
        if found:
            case.possible_duplicates = found
    session.flush()


def _write_counters(session: Session, day_counts: dict[str, int], existing: dict[str, int]) -> None:
    """Make a case reported after the demo get the next free number of its day."""
    new = [{"day": day, "last": last} for day, last in day_counts.items() if day not in existing]
    if new:
        session.execute(insert(Base.metadata.tables[CaseNumberCounter.__tablename__]), new)
    for day, last in day_counts.items():
        if day in existing and last > existing[day]:
            row = session.get(CaseNumberCounter, day)
            if row is not None:
                row.last = last

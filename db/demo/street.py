"""The demo street (`griddesk-admin init --demo`): 辽宁省本溪市明山区新明街道 with its
communities, grids, people and twelve months of cases, deterministic for a seed and `now`.

Geography and rosters come from `db/demo/people.py`, the case history from
`db/demo/cases.py`; this module writes them in one transaction (Core executemany in chunks for
the cases, their history and photos) and reports progress as `progress(stage, fraction)` with
`fraction` the share of the whole build done so far (0.0 … 1.0).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Table, func, insert, select, text
from sqlalchemy.orm import Session

from db.cases.duplicates import count_duplicates_in
from db.cases.history_chain import genesis, seal
from db.cases.states import Group
from db.clock import TimeBasis
from db.demo.accounts import create_demo_accounts, has_only_demo_accounts
from db.demo.case_life import CategoryInfo, DepartmentInfo
from db.demo.cases import CaseGenerator
from db.demo.gazetteer import build_gazetteer
from db.demo.geography import (
    CENTER_NAME,
    DEMO_MARKER,
    STREET_CODE,
    STREET_NAME,
    build_geography,
)
from db.demo.people import build_people
from db.engine import Database
from db.errors import ValidationError
from db.models import (
    Attachment,
    Base,
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseReporter,
    Category,
    Community,
    Department,
    Grid,
    Setting,
    Street,
)
from db.models.base import UTCDateTime
from db.reference.catalogue import catalogue_dir, read_json
from db.reference.settings_store import load_settings, save_setting
from db.security.accounts import has_users
from db.security.actors import SYSTEM

DEFAULT_SEED = 20261126
CHUNK = 5_000  # cases per executemany batch
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
) -> DemoSummary:
    """Build the demo street with `cases` cases reported over the 12 months before `now`.

    Refuses (`ValidationError`, nothing written) when the database already has a street, or
    has accounts other than the demo's: a database set up for real never gets demo rows.
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

    with db.write() as session:
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
        generator = CaseGenerator(
            rng=random.Random(rng.random()),
            now=now,
            cal=settings.calendar(),
            warn_share=settings.warn_share,
            grids=grids,
            categories=categories,
            departments=departments,
            descriptions=names["descriptions"],
            names=names,
            first_id=first_id,
            counters=counters,
        )
        report("案件", 0.05)
        if db.is_sqlite and cases > 50_000:
            # index pages of a big build stay in memory instead of churning through the WAL
            conn = session.connection()
            previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            conn.exec_driver_sql(f"PRAGMA cache_size={-SQLITE_BUILD_CACHE_KIB}")
            try:
                written = _write_cases(session, generator, cases, report)
            finally:
                conn.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")
        else:
            written = _write_cases(session, generator, cases, report)
        report("收尾", 0.97)
        _write_counters(session, generator.day_counts, counters)
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
        )
    report("完成", 1.0)
    return DemoSummary(**{**summary.__dict__, "seconds": time.perf_counter() - started})


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """A UTC timestamp as SQLAlchemy's SQLite dialect stores it, without its per-value overhead."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]


def _same_text(processor: Callable[[Any], Any] | None) -> bool:
    """Whether `_sqlite_utc_text` writes what SQLAlchemy's own processor writes."""
    if processor is None:
        return False
    samples = (
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 11, 26, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    return all(processor(v) == _sqlite_utc_text(v) for v in samples)


class _BulkWriter:
    """Writes plain dict rows to one table at driver speed.

    SQLite: the statement SQLAlchemy compiles, values run through the column types' own bind
    processors (so timestamps and JSON are stored exactly as the ORM stores them), then the
    driver's `executemany`. PostgreSQL: psycopg `COPY … FROM STDIN`. Anything else: Core
    `insert()` executemany.
    """

    def __init__(self, session: Session, table: Table, columns: list[str]) -> None:
        self.session, self.table, self.columns = session, table, columns
        dialect = session.get_bind().dialect
        self.dialect = dialect.name
        self.sql = ""
        self.processors: list[Any] = []
        self.json: list[bool] = []
        if self.dialect == "sqlite":
            compiled = insert(table).compile(dialect=dialect, column_keys=columns)
            order = list(compiled.positiontup or [])
            if order != columns:
                raise AssertionError(f"unexpected parameter order {order}")
            self.sql = compiled.string
            self.processors = [
                table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
            ]
            for i, name in enumerate(columns):
                if isinstance(table.c[name].type, UTCDateTime) and _same_text(self.processors[i]):
                    self.processors[i] = _sqlite_utc_text
        elif self.dialect == "postgresql":
            self.json = [isinstance(table.c[name].type, JSON) for name in columns]
            self.sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = self.columns
        if self.dialect == "sqlite":
            getter = itemgetter(*columns)
            processed = [(i, proc) for i, proc in enumerate(self.processors) if proc is not None]
            values: list[Any] = []
            for row in rows:
                items = list(getter(row))
                for i, proc in processed:
                    items[i] = proc(items[i])
                values.append(tuple(items))
            self.session.connection().exec_driver_sql(self.sql, values)
        elif self.dialect == "postgresql":
            from psycopg.types.json import Jsonb

            flags = list(zip(columns, self.json, strict=True))
            raw: Any = self.session.connection().connection.driver_connection
            with raw.cursor() as cursor, cursor.copy(self.sql) as copy:
                for row in rows:
                    copy.write_row([Jsonb(row[n]) if is_json else row[n] for n, is_json in flags])
        else:
            self.session.execute(insert(self.table), rows)


def _write_cases(session: Session, generator: CaseGenerator, total: int, report: ProgressFn) -> int:
    tables = Base.metadata.tables
    case_table = tables[Case.__tablename__]
    event_table = tables[CaseEvent.__tablename__]
    attachment_table = tables[Attachment.__tablename__]
    reporter_table = tables[CaseReporter.__tablename__]
    case_writer = _BulkWriter(session, case_table, [c.name for c in case_table.columns])
    event_writer = _BulkWriter(
        session, event_table, [c.name for c in event_table.columns if c.name != "id"]
    )
    attachment_writer = _BulkWriter(
        session, attachment_table, [c.name for c in attachment_table.columns if c.name != "id"]
    )
    reporter_writer = _BulkWriter(
        session, reporter_table, [c.name for c in reporter_table.columns if c.name != "id"]
    )
    case_rows: list[dict[str, Any]] = []
    reporter_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    attachment_rows: list[dict[str, Any]] = []
    written = 0

    def flush() -> None:
        nonlocal written
        case_writer.write(case_rows)
        event_writer.write(event_rows)
        attachment_writer.write(attachment_rows)
        reporter_writer.write(reporter_rows)  # after the cases: a merge names an earlier one
        written += len(case_rows)
        case_rows.clear()
        event_rows.clear()
        attachment_rows.clear()
        reporter_rows.clear()
        if total:
            report("案件", 0.05 + 0.92 * min(written / total, 1.0))

    for life, attachments in generator.cases(total):
        # Each demo case's history is sealed like a live one (db/cases/history_chain.py).
        life.c["history_hash"] = seal(life.events, genesis(life.c["number"]))
        case_rows.append(life.c)
        event_rows.extend(life.events)
        attachment_rows.extend(attachments)
        reporter_rows.extend(life.reporters)
        if len(case_rows) >= CHUNK:
            flush()
    flush()
    return written


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

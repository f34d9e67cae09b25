"""Bench: a district center (区级) on one PostgreSQL server, 10 streets × 1,000,000 cases (issue 16).

`python -m bench.district` (`make bench-district`; not part of `make bench`) builds, once, a
private database `griddesk_district` on the server of `--pg` (cached: the database's comment
holds the key — the schema digest and the sizes; `--drop` removes it, `--rebuild` builds it
again), then measures, for one street of the district and for the district as a whole:

- the street's desk (`QueueFilter.street_id`): the first page of 处置中 (紧急 then time left),
  its tab counts and all its ids, narrowed through communities (`community_id IN (SELECT id
  FROM communities WHERE street_id = …)`, db/reference/streets.py) and, beside it, by the
  street's community ids in the statement — first page ≤ 100 ms;
- the street's statistics (`db.stats.figures.collect` with `StatsFilter.street_id`: the street
  roll-up narrowed to the street, the grid and month roll-ups and the raw rows through the
  communities) for a month and a year — ≤ 250 ms / ≤ 1 s;
- the street's monthly return (案件办理情况月报, `ReportRequest.street`) for a month and for a
  year — ≤ 1.5 s;
- the district-wide statistics for a year (no filter: every street) — ≤ 1 s.

How the district is built (≤ 40 min, ≤ 25 GB here): one street with `build_demo` at
`--template` cases (history included), its daily roll-ups rebuilt (timed: the rebuild of the
whole district is projected from it, or run with `--full-rebuild`); then, in SQL, nine more
streets (their communities and grids with new ids and codes) and every street filled to
`--cases` by copies of the template's cases (`--cases / --template` copies per street, each
copy's cases moved to other grids of its street, so the roll-ups get as many distinct rows as
real cases would give them). A copy keeps every column but the history hash; its history keeps
only the events the measured figures read from the raw rows (派遣, 改派, 撤回, 挂账, 恢复,
回访, 督办): the rest of a copy's history lives in the roll-ups, which are copied with the same
mapping (exact: a roll-up row is a sum over cases, and a copy maps grids one to one). The
secondary indexes of `cases` and `case_events` are dropped during the copy and built again
after it; then VACUUM ANALYZE.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.schema import schema_digest

REPO = Path(__file__).resolve().parent.parent
NAME = os.environ.get("GRIDDESK_BENCH_DISTRICT_DB", "griddesk_district")
STREETS = 10
CASES = 1_000_000  # per street
TEMPLATE = 100_000  # cases build_demo writes for the first street
SEED = 20261205
TARGET_PAGE_MS = 100.0
TARGET_COUNTS_MS = 100.0
TARGET_IDS_MS = 300.0
TARGET_MONTH_MS = 250.0
TARGET_YEAR_MS = 1000.0
TARGET_RETURN_MS = 1500.0
TARGET_BUILD_S = 40 * 60
TARGET_DISK_GB = 25.0
# What a copied case keeps of its history: the events the measured figures read from the raw
# rows (the returns' 派遣 once per case, 挂账 at a period's end and 回访; the big screen's
# dispatches of today; 督办 for the returns' escalation columns).
KEPT_ACTIONS = ("dispatch", "redispatch", "recall", "suspend", "resume", "callback", "urge")
GRID_STEP = 7  # a copy moves its cases by this many grids (mod the street's grids) per copy
ID_BASE = 1000  # street s's communities / grids get ids + s * ID_BASE


def _key(streets: int, cases: int, template: int) -> str:
    return f"{schema_digest()}-{streets}x{cases}-t{template}-{SEED}-v2"


# --- the database ---------------------------------------------------------------------------


def _admin(server: str) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(server).set(drivername="postgresql+psycopg")
    return create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")


def database_url(server: str) -> str:
    from sqlalchemy.engine import make_url

    base = make_url(server).set(drivername="postgresql+psycopg", database=NAME)
    return base.render_as_string(hide_password=False)


def stamp_of(server: str) -> dict[str, Any] | None:
    """The cached database's stamp (its comment), or None when there is none."""
    from sqlalchemy import text

    admin = _admin(server)
    try:
        with admin.connect() as conn:
            comment = conn.scalar(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    " WHERE datname = :n"
                ),
                {"n": NAME},
            )
    finally:
        admin.dispose()
    if not comment:
        return None
    try:
        stamp = json.loads(comment)
    except ValueError:
        return None
    return stamp if isinstance(stamp, dict) else None


def drop(server: str) -> None:
    from sqlalchemy import text

    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)'))
    finally:
        admin.dispose()


def ensure_database(
    server: str, streets: int, cases: int, template: int, rebuild: bool, full_rebuild: bool
) -> dict[str, Any]:
    """The cached district database's stamp (build figures), built first when missing/stale."""
    key = _key(streets, cases, template)
    stamp = None if rebuild else stamp_of(server)
    if stamp is not None and stamp.get("key") == key:
        return stamp
    from sqlalchemy import text

    drop(server)
    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{NAME}"'))
    finally:
        admin.dispose()
    figures = build(database_url(server), streets, cases, template, full_rebuild)
    stamp = {"key": key, **figures}
    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"COMMENT ON DATABASE \"{NAME}\" IS '{json.dumps(stamp)}'"))
    finally:
        admin.dispose()
    return stamp


@contextmanager
def _step(name: str, laps: dict[str, float]) -> Iterator[None]:
    print(f"  {name} …", end="", flush=True)
    started = time.perf_counter()
    yield
    laps[name] = time.perf_counter() - started
    print(f" {laps[name]:.1f} s", flush=True)


def build(url: str, streets: int, cases: int, template: int, full_rebuild: bool) -> dict[str, Any]:
    """The district: the template street by `build_demo`, copied in SQL (see the module doc)."""
    from sqlalchemy import func, select, text

    from db.database import open_database
    from db.demo.street import build_demo
    from db.models import Case, CaseEvent, Community, Grid
    from db.stats.rollups.build import LEVELS, MEASURES, MONTH_LEVELS, rebuild

    if cases % template:
        raise SystemExit(f"--cases ({cases}) must be a multiple of --template ({template})")
    copies = cases // template
    print(
        f"building {NAME}: {streets} streets × {cases:,} cases "
        f"({copies} copies of a {template:,}-case demo street)",
        flush=True,
    )
    laps: dict[str, float] = {}
    started = time.perf_counter()
    db = open_database(url)
    with _step(f"template street, build_demo({template:,})", laps):
        build_demo(db, cases=template)
    with _step("template roll-ups rebuilt", laps), db.write() as session:
        rebuild(session)
    with db.read() as s:
        span = int(s.scalar(select(func.max(Case.id))) or 0)
        grids = [
            (int(g), int(c))
            for g, c in s.execute(select(Grid.id, Grid.community_id).order_by(Grid.id))
        ]
        communities = [int(c) for c in s.scalars(select(Community.id).order_by(Community.id))]
        events_kept = int(
            s.scalar(
                select(func.count())
                .select_from(CaseEvent)
                .where(CaseEvent.action.in_(KEPT_ACTIONS))
            )
            or 0
        )
    if max(communities + [g for g, _ in grids]) >= ID_BASE:
        raise SystemExit("the template's geography has ids beyond ID_BASE")
    total_copies = streets * copies
    if (total_copies + 1) * span >= 2**31:
        raise SystemExit("case ids would overflow an integer: fewer or smaller copies")
    # The mapping: copy k (street k // copies, copy r = k % copies) moves a template case of
    # grid number i to grid (i + r * GRID_STEP) mod n of its street; copy 0 is the template.
    rows = []
    n = len(grids)
    for k in range(total_copies):
        street, r = divmod(k, copies)
        for i, (grid, _community) in enumerate(grids):
            new_grid, new_community = grids[(i + r * GRID_STEP) % n]
            rows.append(
                (k, street, grid, new_grid + street * ID_BASE, new_community + street * ID_BASE)
            )
    case_columns = [c.name for c in Case.__table__.columns]
    mapped = {
        "id": "c.id + :shift",
        "number": "c.number || lpad(CAST(:k AS text), 3, '0')",
        "grid_id": "m.new_grid",
        "community_id": "m.new_community",
        "merged_into_id": "c.merged_into_id + :shift",
        "history_hash": "NULL",
    }
    select_list = ", ".join(mapped.get(name, f"c.{name}") for name in case_columns)
    measures = ", ".join(MEASURES)
    sums = ", ".join(f"sum(t.{m})" for m in MEASURES)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        conn.exec_driver_sql("SET session_replication_role = replica")  # no FK triggers
        conn.commit()
        with conn.begin():
            conn.exec_driver_sql(
                "CREATE TABLE bench_district_map (k integer, street integer, old_grid integer,"
                " new_grid integer, new_community integer)"
            )
            conn.execute(
                text("INSERT INTO bench_district_map VALUES (:k, :s, :o, :g, :c)"),
                [{"k": k, "s": s, "o": o, "g": g, "c": c} for k, s, o, g, c in rows],
            )
        with _step(f"{streets - 1} more streets (communities, grids)", laps), conn.begin():
            for street_no in range(1, streets):
                conn.execute(
                    text(
                        "INSERT INTO streets (id, code, name, district_id) SELECT id + :s,"
                        " substr(code, 1, 6) || lpad(CAST(:s + 100 AS text), 3, '0'),"
                        " name || :s, district_id FROM streets WHERE id = 1"
                    ),
                    {"s": street_no},
                )
                conn.execute(
                    text(
                        "INSERT INTO communities (id, code, name, street_id, population,"
                        " households, established_on, retired_on) SELECT id + :shift,"
                        " (SELECT code FROM streets WHERE id = 1 + :s) || substr(code, 10),"
                        " name || :s, 1 + :s, population, households, established_on,"
                        " retired_on FROM communities WHERE id < :base"
                    ),
                    {"s": street_no, "shift": street_no * ID_BASE, "base": ID_BASE},
                )
                conn.execute(
                    text(
                        "INSERT INTO grids (id, code, name, community_id, population, households,"
                        " boundary, established_on, retired_on) SELECT id + :shift,"
                        " (SELECT code FROM streets WHERE id = 1 + :s) || substr(code, 10),"
                        " name, community_id + :shift, population, households, boundary,"
                        " established_on, retired_on FROM grids WHERE id < :base"
                    ),
                    {"s": street_no, "shift": street_no * ID_BASE, "base": ID_BASE},
                )
        with conn.begin():
            found = conn.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public'"
                " AND tablename IN ('cases', 'case_events') AND NOT EXISTS"
                " (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            ).all()
        indexes = [(str(name), str(ddl)) for name, ddl in found]
        with _step(f"{len(indexes)} secondary indexes dropped", laps), conn.begin():
            for name, _ddl in indexes:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
        with _step(f"{total_copies - 1:,} copies of the cases and their kept events", laps):
            for k in range(1, total_copies):
                with conn.begin():
                    conn.execute(
                        text(
                            f"INSERT INTO cases ({', '.join(case_columns)}) SELECT {select_list}"
                            " FROM cases c JOIN bench_district_map m"
                            " ON m.k = :k AND m.old_grid = c.grid_id WHERE c.id <= :span"
                        ),
                        {"k": k, "shift": k * span, "span": span},
                    )
                    conn.execute(
                        text(
                            "INSERT INTO case_events (case_id, at, actor, action, from_status,"
                            " to_status, department_id, note) SELECT case_id + :shift, at, actor,"
                            " action, from_status, to_status, department_id, ''"
                            " FROM case_events WHERE case_id <= :span AND action = ANY(:kept)"
                        ),
                        {"shift": k * span, "span": span, "kept": list(KEPT_ACTIONS)},
                    )
                    conn.execute(
                        text(
                            "INSERT INTO stats_dispatch_days (case_id, day) SELECT"
                            " case_id + :shift, day FROM stats_dispatch_days"
                            " WHERE case_id <= :span"
                        ),
                        {"shift": k * span, "span": span},
                    )
                if k % 10 == 0:
                    print(f" {k}", end="", flush=True)
        with _step("roll-ups copied with the same mapping", laps), conn.begin():
            for table in ("stats_daily", "stats_daily_grid", "stats_daily_street"):
                conn.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}")
            for table, keys in (
                ("stats_daily", ("category_id", "department_id", "source")),
                ("stats_daily_grid", ("department_id", "source")),
            ):
                conn.exec_driver_sql(f"CREATE TEMP TABLE t_{table} AS SELECT * FROM {table}")
                conn.exec_driver_sql(f"TRUNCATE {table}")
                key_list = ", ".join(f"t.{k}" for k in keys)
                conn.exec_driver_sql(
                    f"INSERT INTO {table} (day, grid_id, community_id, {', '.join(keys)},"
                    f" {measures}) SELECT t.day, m.new_grid, m.new_community, {key_list}, {sums}"
                    f" FROM t_{table} t JOIN bench_district_map m ON m.old_grid = t.grid_id"
                    f" GROUP BY t.day, m.new_grid, m.new_community, {key_list}"
                )
            # The street level (keyed by street) and the month rows: sums of the grid level.
            sums_g = ", ".join(f"sum(g.{m})" for m in MEASURES)
            conn.exec_driver_sql("TRUNCATE stats_daily_street")
            conn.exec_driver_sql(
                f"INSERT INTO stats_daily_street (day, street_id, department_id, source,"
                f" {measures}) SELECT g.day, c.street_id, g.department_id, g.source, {sums_g}"
                " FROM stats_daily_grid g JOIN communities c ON c.id = g.community_id"
                " GROUP BY g.day, c.street_id, g.department_id, g.source"
            )
            for month_level in MONTH_LEVELS:
                conn.exec_driver_sql(f"TRUNCATE {month_level.name}")
                month_level.fill(conn, "postgresql")
            for level in LEVELS:
                conn.exec_driver_sql(
                    f"ALTER TABLE {level.name} ADD CONSTRAINT pk_{level.name}"
                    f" PRIMARY KEY ({', '.join(level.key)})"
                )
            # The per-case roll-ups' places: the copies' grids and communities; the copies'
            # suspend / resume events have new ids.
            conn.exec_driver_sql(
                "UPDATE stats_dispatch_days d SET grid_id = c.grid_id,"
                " community_id = c.community_id FROM cases c WHERE c.id = d.case_id"
            )
            conn.exec_driver_sql("TRUNCATE stats_suspend_events")
            conn.exec_driver_sql(
                "INSERT INTO stats_suspend_events (event_id, case_id, at, suspend, grid_id,"
                " community_id) SELECT e.id, e.case_id, e.at, e.action = 'suspend', c.grid_id,"
                " c.community_id FROM case_events e JOIN cases c ON c.id = e.case_id"
                " WHERE e.action IN ('suspend', 'resume')"
            )
        with _step(f"{len(indexes)} secondary indexes built", laps):
            for _name, ddl in indexes:
                with conn.begin():
                    conn.exec_driver_sql(ddl)
        with conn.begin():
            conn.exec_driver_sql("DROP TABLE bench_district_map")
            for table, column in (
                ("cases", "id"),
                ("case_events", "id"),
                ("streets", "id"),
                ("communities", "id"),
                ("grids", "id"),
            ):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                    f" (SELECT max({column}) + 1 FROM {table}), false)"
                )
    with _step("VACUUM ANALYZE", laps):
        raw = db.engine.execution_options(isolation_level="AUTOCOMMIT")
        with raw.connect() as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    rebuild_s = None
    if full_rebuild:
        with _step("roll-ups rebuilt over the whole district", laps), db.write() as session:
            rebuild(session)
        rebuild_s = laps["roll-ups rebuilt over the whole district"]
    with db.read() as s:
        total = int(s.scalar(select(func.count()).select_from(Case)) or 0)
        events = int(s.scalar(select(func.count()).select_from(CaseEvent)) or 0)
        size = int(s.scalar(text("SELECT pg_database_size(current_database())")) or 0)
        tables = {
            str(name): int(b)
            for name, b in s.execute(
                text(
                    "SELECT relname, pg_total_relation_size(oid) FROM pg_class"
                    " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
                    " ORDER BY 2 DESC LIMIT 8"
                )
            )
        }
    db.dispose()
    seconds = time.perf_counter() - started
    print(f"built in {seconds:.0f} s, {size / 1e9:.2f} GB", flush=True)
    return {
        "seconds": round(seconds, 1),
        "laps": {k: round(v, 1) for k, v in laps.items()},
        "cases": total,
        "events": events,
        "events_kept_per_template": events_kept,
        "bytes": size,
        "tables": tables,
        "template_rebuild_s": round(laps["template roll-ups rebuilt"], 1),
        "template": template,
        "full_rebuild_s": rebuild_s,
    }


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    runs: list[float]  # seconds
    target_ms: float | None
    top: list[tuple[float, str]] = field(default_factory=list)  # slowest statements, one run

    @property
    def ms(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def ok(self) -> bool:
        return self.target_ms is None or self.ms <= self.target_ms


class Profile:
    """Every statement's time on an engine, while `on` (the slowest of a figure's run)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.on = False
        self.seen: list[tuple[float, str]] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, *_args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.on:
            took = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
            self.seen.append((took, " ".join(statement.split())))

    def top(self, fn: Callable[[], Any], n: int = 3) -> list[tuple[float, str]]:
        self.seen, self.on = [], True
        try:
            fn()
        finally:
            self.on = False
        return sorted(self.seen, key=lambda x: -x[0])[:n]


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    fn()  # warm: plans, catalogues and the pages of this figure in the server's cache
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def run(url: str, runs: int, street_id: int) -> tuple[list[Result], dict[str, Any]]:
    from sqlalchemy import func, select

    from db.cases import queue as q
    from db.cases.states import Group
    from db.database import open_database
    from db.models import Case, Community, Street
    from db.reference.settings_store import load_settings
    from db.stats import figures as stats
    from reports.layout import write_report
    from reports.period import parse_period
    from reports.registry import build_report
    from reports.request import ReportRequest

    db = open_database(url)
    results: list[Result] = []
    info: dict[str, Any] = {}
    profile = Profile(db.engine)

    def measure(name: str, fn: Callable[[], Any], target: float | None) -> None:
        result = Result(name, timed(fn, runs), target)
        result.top = profile.top(fn)
        results.append(result)
        print(f"  {name}: {result.ms:.0f} ms", flush=True)

    now = datetime.now(UTC)
    with db.read() as s:
        tz = load_settings(s).tz
        community_ids = list(
            s.scalars(select(Community.id).where(Community.street_id == street_id))
        )
        info["street cases"] = int(
            s.scalar(
                select(func.count()).select_from(Case).where(Case.community_id.in_(community_ids))
            )
            or 0
        )
        street_code = str(s.scalar(select(Street.code).where(Street.id == street_id)))
    today = now.astimezone(tz).date()

    # 1. The street's desk: 处置中, 紧急 then time left — the street filter (through the
    # communities), and beside it the plain filter with the street's community ids added.
    plain = q.tab_filter(q.QueueFilter(), Group.IN_PROGRESS)
    street = replace(plain, street_id=street_id)
    sort = q.QueueSort(q.SortKey.URGENCY)
    by_ids = (plain, Case.community_id.in_(community_ids))
    by_street = (street, None)

    def first_page(how: tuple[Any, Any]) -> Callable[[], Any]:
        f, cond = how

        def go() -> Any:
            with db.read() as s:
                found: list[int] = []
                for stmt in q.queue_statements(f, sort, now):
                    if len(found) >= 50:
                        break
                    if cond is not None:
                        stmt = stmt.where(cond)
                    found.extend(s.execute(stmt.limit(50 - len(found))).scalars())
                return q.rows(s, found, tz)

        return go

    def tab_counts(how: tuple[Any, Any]) -> Callable[[], Any]:
        f, cond = how

        def go() -> Any:
            with db.read() as s:
                others = [*q._conditions(f, now, with_group=False)]
                if cond is not None:
                    others.append(cond)
                out = {}
                for group in q.OPEN_GROUPS:
                    out[group] = s.scalar(
                        select(func.count())
                        .select_from(Case)
                        .where(Case.status_group == Group(group).value, *others)
                    )
                return out

        return go

    def all_ids() -> Any:
        with db.read() as s:
            return q.ids(s, street, sort, now)

    info["desk rows"] = len(first_page(by_street)())
    info["desk ids of 处置中"] = len(all_ids())
    measure("street desk, first page", first_page(by_street), TARGET_PAGE_MS)
    measure("… by community ids", first_page(by_ids), TARGET_PAGE_MS)
    measure("street desk, tab counts", tab_counts(by_street), TARGET_COUNTS_MS)
    measure("… by community ids", tab_counts(by_ids), TARGET_COUNTS_MS)
    measure("street desk, all ids of 处置中", all_ids, TARGET_IDS_MS)

    # 2. The street's statistics, this month and this year, and the district's year.
    def period(kind: str) -> Any:
        first, last = stats.period_days(kind, today)
        start, end = stats.day_span(first, last, tz)
        return stats.StatsFilter(start, end)

    month, year = period("month"), period("year")
    # This month has only begun: the last full month too (a whole month of roll-ups).
    last_first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last_month = stats.StatsFilter(
        *stats.day_span(last_first, today.replace(day=1) - timedelta(days=1), tz)
    )
    periods = (
        ("this month", month, TARGET_MONTH_MS),
        (f"{last_first:%Y-%m}", last_month, TARGET_MONTH_MS),
        ("this year", year, TARGET_YEAR_MS),
    )

    def collect(sf: Any) -> Callable[[], Any]:
        return lambda: stats.collect(db, sf, tz, now)

    for label, base, target in periods:
        measure(f"street statistics, {label}", collect(replace(base, street_id=street_id)), target)
    measure(
        "district statistics, this year", lambda: stats.collect(db, year, tz, now), TARGET_YEAR_MS
    )

    # 3. The street's monthly return, last month and this year (built and written).
    out = Path(tempfile.gettempdir()) / f"bench-district-{os.getpid()}.xlsx"

    def monthly(text: str) -> Callable[[], Any]:
        def go() -> None:
            request = ReportRequest(parse_period(text), street=street_code)
            report = build_report(db, "monthly-cases", request)
            write_report(report, out)

        return go

    returns = (f"{last_first:%Y-%m}", f"{today.year}")
    for text_period in returns:
        measure(f"street monthly return, {text_period}", monthly(text_period), TARGET_RETURN_MS)

    out.unlink(missing_ok=True)
    db.dispose()
    return results, info


def print_table(results: list[Result], stamp: dict[str, Any], info: dict[str, Any]) -> bool:
    streets_cases = stamp.get("cases", 0)
    print()
    print(f"{'figure':<40} {'value':>11} {'target':>11}  ok")
    print("-" * 70)
    good = True
    for r in results:
        target = f"≤ {r.target_ms:g} ms" if r.target_ms is not None else ""
        print(f"{r.name:<40} {r.ms:>8.1f} ms {target:>11}  {'✓' if r.ok else '✗'}")
        if os.environ.get("BENCH_VERBOSE"):
            print("    runs:", " ".join(f"{x * 1000:.1f}" for x in r.runs))
        if not r.ok or os.environ.get("BENCH_VERBOSE"):
            for took, sql in r.top:
                print(f"    {took * 1000:7.1f} ms  {sql[:150]}")
        good = good and r.ok
    build_ok = stamp["seconds"] <= TARGET_BUILD_S
    disk_ok = stamp["bytes"] / 1e9 <= TARGET_DISK_GB
    print(
        f"{'district database built':<40} {stamp['seconds'] / 60:>9.1f} min"
        f" {'≤ 40 min':>11}  {'✓' if build_ok else '✗'}"
    )
    print(
        f"{'on disk':<40} {stamp['bytes'] / 1e9:>9.2f} GB {'≤ 25 GB':>11}"
        f"  {'✓' if disk_ok else '✗'}"
    )
    rebuild = stamp["template_rebuild_s"]
    scale = streets_cases / max(stamp["template"], 1)
    print(
        f"{'roll-up rebuild, template street':<40} {rebuild:>10.1f} s"
        f"   ({stamp['template']:,} cases; × {scale:.0f} ≈ {rebuild * scale / 60:.0f} min"
        " for the district)"
    )
    if stamp.get("full_rebuild_s") is not None:
        print(f"{'roll-up rebuild, whole district':<40} {stamp['full_rebuild_s']:>10.1f} s")
    print(
        f"\n{streets_cases:,} cases, {stamp['events']:,} events; the street measured:"
        f" {info['street cases']:,} cases, {info['desk ids of 处置中']:,} in 处置中."
    )
    print("build steps:", ", ".join(f"{k} {v:.0f} s" for k, v in stamp["laps"].items()))
    print(
        "largest tables:",
        ", ".join(f"{k} {v / 1e9:.2f} GB" for k, v in stamp["tables"].items()),
    )
    print(
        f"medians of {len(results[0].runs)} runs after one warm-up; load average"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return good and build_ok and disk_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.district", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--streets", type=int, default=STREETS)
    parser.add_argument("--cases", type=int, default=CASES, help="cases per street")
    parser.add_argument(
        "--template", type=int, default=TEMPLATE, help="cases of the demo street copied"
    )
    parser.add_argument("--street", type=int, default=2, help="id of the street measured")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--build-only", action="store_true", help="build, do not measure")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    parser.add_argument(
        "--full-rebuild",
        action="store_true",
        help="also time the roll-up rebuild of the whole district (long)",
    )
    parser.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get(
            "GRIDDESK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
        help="the PostgreSQL server (the database griddesk_district is made there)",
    )
    args = parser.parse_args(argv)
    if args.drop:
        drop(args.pg)
        print(f"dropped {NAME}")
        return 0
    stamp = ensure_database(
        args.pg, args.streets, args.cases, args.template, args.rebuild, args.full_rebuild
    )
    if args.build_only:
        print(json.dumps(stamp, indent=1))
        return 0
    results, info = run(database_url(args.pg), args.runs, args.street)
    return 0 if print_table(results, stamp, info) else 1


if __name__ == "__main__":
    sys.exit(main())

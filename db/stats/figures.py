"""Statistics (统计) for the charts and the big screen: one snapshot of every figure the page
shows (`collect`), with the aggregations of a long period run side by side and today's figures
reused for a few minutes, and the filter choices.

The page reads the period helpers through this module too (`stats.day_span`, `stats.period_days`,
…); they live in db/stats/periods.py and are named in `__all__` here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import ValidationError
from db.models import (
    Category,
    Community,
    MajorCategory,
)
from db.reference.departments import active_departments
from db.stats.flows import (
    ClosureCell,
    DayFlow,
    DepartmentRate,
    HandlingPoint,
    KeyNumbers,
    SourceMix,
    by_source,
    closure_cells,
    daily_flow,
    department_on_time,
    handling_trend,
    key_numbers,
    received_cells,
)
from db.stats.open_cases import (
    CommunityAlerts,
    CountBar,
    GridDensity,
    alerts_by_community,
    grid_density,
    open_by_category,
    open_by_major,
    open_cells,
)
from db.stats.periods import (
    Bucket,
    Period,
    StatsFilter,
    bucket_for,
    day_span,
    days_of,
    local_midnight,
    period_days,
)
from db.stats.rollups.read import refresh as refresh_rollups

# The page and the big screen read these as `stats.<name>` (`from db.stats import figures as
# stats`).
__all__ = [
    "REUSE_FOR",
    "Bucket",
    "Choice",
    "FilterChoices",
    "Period",
    "StatsFilter",
    "StatsSnapshot",
    "ValidationError",
    "collect",
    "collect_in",
    "day_span",
    "days_of",
    "filter_choices",
    "local_midnight",
    "period_days",
    "today_filter",
]

PARALLEL_SCAN_FROM = timedelta(
    days=7
)  # periods from a week up scan received and closed side by side


@dataclass(frozen=True)
class StatsSnapshot:
    """Everything the statistics page draws, from one read (one worker job).

    `received_cells` / `closure_cells` are the period's raw scans, kept so that the next refresh
    after a change can re-read only the days that can still change (see `collect_in`).
    """

    filter: StatsFilter
    now: datetime
    bucket: Bucket
    flow: list[DayFlow]
    majors: list[CountBar]
    categories: list[CountBar]
    departments: list[DepartmentRate]
    alerts: list[CommunityAlerts]
    sources: SourceMix
    handling: list[HandlingPoint]
    grids: list[GridDensity]
    today: KeyNumbers
    received_cells: dict[tuple[date, str], int] = field(default_factory=dict, repr=False)
    closure_cells: list[ClosureCell] = field(default_factory=list, repr=False)
    incremental: bool = False
    timings: dict[str, float] = field(default_factory=dict)


# A refresh may reuse the previous snapshot's finished days only this soon after it: a periodic
# full read also picks up what no live change announces (e.g. back-dated imports).
REUSE_FOR = timedelta(minutes=10)


def today_filter(f: StatsFilter, now: datetime, tz: ZoneInfo) -> StatsFilter:
    """`f` with its period replaced by the local day containing `now`."""
    start, end = day_span(now.astimezone(tz).date(), now.astimezone(tz).date(), tz)
    return replace(f, start=start, end=end)


def _reusable_from(
    previous: StatsSnapshot | None, f: StatsFilter, tz: ZoneInfo, now: datetime
) -> datetime | None:
    """Where the days the previous snapshot can lend end (local midnight of its today), if it
    can lend any: same filter, recent, not from the future."""
    if previous is None or previous.filter != f:
        return None
    if not timedelta(0) <= now - previous.now <= REUSE_FOR:
        return None
    return local_midnight(previous.now.astimezone(tz).date(), tz)


def collect_in(
    session: Session,
    f: StatsFilter,
    tz: ZoneInfo,
    now: datetime,
    *,
    previous: StatsSnapshot | None = None,
    timed: bool = False,
    received: dict[tuple[date, str], int] | None = None,
    closures: list[ClosureCell] | None = None,
) -> StatsSnapshot:
    """Every aggregation of the page for `f`, in one session (`received`, `closures`: the two
    period scans when the caller already made them, see `collect`).

    With `previous` (the last snapshot of the same filter, a few minutes old) the period scans
    re-read only from the local midnight of the previous snapshot's day: cases are received and
    closed "now", so earlier days' figures do not change. (Received counts narrowed to a
    department do change as cases are dispatched later; those are always re-read.)
    """
    from time import perf_counter

    timings: dict[str, float] = {}
    clock = perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        if timed:
            t = perf_counter()
            timings[name] = t - clock
            clock = t

    bucket = bucket_for(f, tz)
    cut = _reusable_from(previous, f, tz, now)
    if previous is not None and cut is not None:
        fresh_from = max(f.start, cut)
        recent = replace(f, start=fresh_from) if fresh_from < f.end else None
        closures = [c for c in previous.closure_cells if local_midnight(c.day, tz) < cut]
        if recent is not None:
            closures += closure_cells(session, recent, tz)
        if f.department_id is None:
            received = {
                k: n for k, n in previous.received_cells.items() if local_midnight(k[0], tz) < cut
            }
            if recent is not None:
                received.update(received_cells(session, recent, tz))
        else:
            received = received_cells(session, f, tz)
    else:
        if received is None:
            received = received_cells(session, f, tz)
        lap("received")
        if closures is None:
            closures = closure_cells(session, f, tz)
    lap("closures")
    flow = daily_flow(session, f, tz, received=received, closures=closures)
    cells = open_cells(session, f, now)
    lap("open")
    majors = open_by_major(session, f, cells=cells)
    categories = open_by_category(session, f, cells=cells)
    alerts = alerts_by_community(session, f, now, cells=cells)
    grids = grid_density(session, f, now, cells=cells)
    lap("open charts")
    departments = department_on_time(session, f, now, closures=closures)
    lap("departments")
    sources = by_source(session, f, received=received)
    handling = handling_trend(session, f, tz, bucket, closures=closures)
    today = key_numbers(session, today_filter(f, now, tz), now, cells=cells)
    lap("today")
    return StatsSnapshot(
        f,
        now,
        bucket,
        flow,
        majors,
        categories,
        departments,
        alerts,
        sources,
        handling,
        grids,
        today,
        received,
        closures,
        cut is not None,
        timings,
    )


def collect(
    db: Database,
    f: StatsFilter,
    tz: ZoneInfo,
    now: datetime | None = None,
    previous: StatsSnapshot | None = None,
) -> StatsSnapshot:
    """`collect_in` in its own read session (the shape a DbWorker job wants).

    A full read of a long period makes two big scans (cases received, cases closed); they run
    side by side, the received one in a second read session on another thread (both drivers
    let go of the GIL while the database works), which nearly halves a year's wall time on a
    two-core PC."""
    now = now or datetime.now(UTC)
    refresh_rollups(db, now)  # fold pending changes into the daily roll-ups: less read live
    in_memory = db.is_sqlite and db.engine.url.database in (None, "", ":memory:")
    if previous is not None or in_memory or f.end - f.start < PARALLEL_SCAN_FROM:
        with db.read() as session:
            return collect_in(session, f, tz, now, previous=previous)

    def scan_received() -> dict[tuple[date, str], int]:
        with db.read() as other:
            return received_cells(other, f, tz)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="stats-scan") as pool:
        pending = pool.submit(scan_received)
        with db.read() as session:
            closures = closure_cells(session, f, tz)
            received = pending.result()
            snapshot = collect_in(session, f, tz, now, received=received, closures=closures)
    return snapshot


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    parent_id: int | None = None


@dataclass(frozen=True)
class FilterChoices:
    """What the filter bar offers: communities, departments, 大类 and their 小类."""

    communities: list[Choice]
    departments: list[Choice]
    majors: list[Choice]
    categories: list[Choice]


def filter_choices(db: Database) -> FilterChoices:
    with db.read() as s:
        communities = [
            Choice(int(i), str(n))
            for i, n in s.execute(select(Community.id, Community.name).order_by(Community.code))
        ]
        departments = [Choice(d.id, d.name) for d in active_departments(s)]
        major_rows = s.execute(
            select(MajorCategory.id, MajorCategory.name, MajorCategory.kind).order_by(
                MajorCategory.code
            )
        ).all()
        names = [r[1] for r in major_rows]
        majors = [
            Choice(int(i), f"{n}（{k}）" if names.count(n) > 1 else str(n))
            for i, n, k in major_rows
        ]
        categories = [
            Choice(int(i), str(n), int(m))
            for i, n, m in s.execute(
                select(Category.id, Category.name, Category.major_id)
                .where(Category.active.is_(True))
                .order_by(Category.code)
            )
        ]
    return FilterChoices(communities, departments, majors, categories)

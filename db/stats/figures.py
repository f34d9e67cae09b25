"""Statistics (统计) for the charts and the big screen: aggregations computed in SQL.

Every function takes a read session and a `StatsFilter` (period + community / department /
category) and returns plain dataclasses. Periods are half-open `[start, end)` in aware UTC, so
range conditions on `reported_at` / `closed_at` use their indexes; days are the center's local
days (CenterSettings.timezone). How a timestamp becomes a local day differs by dialect and is
written once, in `local_day`: PostgreSQL converts with `AT TIME ZONE`; SQLite (which stores
naive UTC text) shifts by the zone's fixed offset, computed here in Python — China has no DST, and
a zone with DST is refused on SQLite rather than grouped wrongly for half the year.

Terms used below (结案, 应结案, 按期结案率, 平均处置时长 as db/stats/indices.py defines them for the
returns, so the page and the returns agree; db/stats/indices.py computes every index of a return and
is too heavy for an interactive year, so the few the charts need are computed here from shared
index-only scans):
- 受理 received: cases reported in the period (`reported_at`).
- 结案 closed: cases with status 结案 whose `closed_at` is in the period (rejected, self-resolved
  and merged cases are not 结案). 按期 on time: of those, cases that never went overdue.
- 应结案 due: 结案 plus the cases whose handling deadline (`handle_due`) falls in the period and
  that were not closed by its end, without 挂账 cases (they leave the denominators) and without
  rejected / self-resolved / merged ones. 按期结案率 = on time / due.
- 平均处置时长: mean of `closed_at − dispatched_at` (natural hours) over 结案.
- 超期 overdue: open cases whose current deadline has passed; 预警 warning: open cases past their
  warning time but not yet overdue.
- 未诉先办 share: cases from patrol (巡查发现) / all cases received.
"""

from __future__ import annotations

import calendar
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from db.cases.states import SOURCE_LABELS, Action, Source, Status
from db.engine import Database
from db.errors import ValidationError
from db.models import (
    Case,
    CaseEvent,
    Category,
    Community,
    Department,
    Grid,
    MajorCategory,
)
from db.reference.departments import active_departments

CLOSURE_STATUSES = (Status.CLOSED.value,)
NOT_CLOSABLE = (Status.REJECTED.value, Status.SELF_RESOLVED.value, Status.MERGED.value)
# A range longer than this is bucketed by month in the handling-time trend.
DAILY_TREND_MAX_DAYS = 62
TOP_CATEGORIES = 15
PARALLEL_SCAN_FROM = timedelta(
    days=7
)  # periods from a week up scan received and closed side by side
UTC_ZONE = ZoneInfo("UTC")  # for callers that need no local days


class Bucket(StrEnum):
    DAY = "day"
    MONTH = "month"


class Period(StrEnum):
    TODAY = "today"  # 今日
    MONTH = "month"  # 本月
    YEAR = "year"  # 本年
    CUSTOM = "custom"  # 自定义


@dataclass(frozen=True)
class StatsFilter:
    """What to count: cases in `[start, end)` (aware) narrowed by community, department and
    category (a 小类 `category_id` or a whole 大类 `major_id`)."""

    start: datetime
    end: datetime
    community_id: int | None = None
    department_id: int | None = None
    major_id: int | None = None
    category_id: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError("统计区间需要带时区的起止时间")
        if self.end <= self.start:
            raise ValidationError("统计区间的结束时间应晚于开始时间")


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """Local 00:00 of `day` as aware UTC."""
    return datetime.combine(day, time(0), tz).astimezone(UTC)


def day_span(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """`[first 00:00, last+1 00:00)` local, as aware UTC: the bounds of whole local days."""
    if last < first:
        raise ValidationError(f"结束日期 {last:%Y-%m-%d} 早于开始日期 {first:%Y-%m-%d}")
    return local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)


def period_days(period: Period | str, today: date) -> tuple[date, date]:
    """First and last local day of 今日 / 本月 / 本年 containing `today`."""
    period = Period(period)
    if period is Period.TODAY:
        return today, today
    if period is Period.MONTH:
        last = calendar.monthrange(today.year, today.month)[1]
        return today.replace(day=1), today.replace(day=last)
    if period is Period.YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValidationError("自定义区间需要给出开始和结束日期")


def days_of(f: StatsFilter, tz: ZoneInfo) -> list[date]:
    """The local days the filter's period covers, in order."""
    first = f.start.astimezone(tz).date()
    last = (f.end - timedelta(microseconds=1)).astimezone(tz).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def bucket_for(f: StatsFilter, tz: ZoneInfo) -> Bucket:
    return Bucket.DAY if len(days_of(f, tz)) <= DAILY_TREND_MAX_DAYS else Bucket.MONTH


# --- dialect differences, written once -------------------------------------------------------


def fixed_offset_minutes(tz: ZoneInfo) -> int:
    """The zone's UTC offset in minutes; refuses zones with daylight saving time."""
    winter = datetime(2001, 1, 15, tzinfo=tz).utcoffset()
    summer = datetime(2001, 7, 15, tzinfo=tz).utcoffset()
    if winter is None or winter != summer:
        raise ValidationError(
            f"时区 {tz.key} 有夏令时，SQLite 数据库无法按当地日期统计，请改用 PostgreSQL 或无夏令时的时区"
        )
    return int(winter.total_seconds() // 60)


def local_day(column: Any, dialect: str, tz: ZoneInfo) -> ColumnElement[Any]:
    """The local calendar day of an aware UTC column: a date on PostgreSQL, 'YYYY-MM-DD' text
    on SQLite (`as_date` reads both)."""
    if dialect == "postgresql":
        return cast(func.timezone(tz.key, column), Date)
    return func.date(column, f"{fixed_offset_minutes(tz):+d} minutes")


def as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def hours_between(start: Any, end: Any, dialect: str) -> ColumnElement[Any]:
    """`end - start` in hours (natural time) as a float expression."""
    if dialect == "postgresql":
        return cast(func.extract("epoch", end - start), Float) / 3600.0
    return (func.julianday(end, type_=Float) - func.julianday(start, type_=Float)) * 24.0


# --- the pieces ------------------------------------------------------------------------------


_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


def _scoped(stmt: _S, f: StatsFilter, *, period_index: bool = False) -> _S:
    """Narrow a statement over `cases` by the filter's community / department / category.

    `period_index`: the statement scans a period through a covering index that holds these
    columns; writing them as `column + 0` keeps SQLite from choosing the community or
    department index instead (which would read every case of that community, of all time, from
    the table).
    """

    def col(column: Any) -> Any:
        return column + 0 if period_index else column

    if f.community_id is not None:
        stmt = stmt.where(col(Case.community_id) == f.community_id)
    if f.department_id is not None:
        stmt = stmt.where(col(Case.department_id) == f.department_id)
    if f.category_id is not None:
        stmt = stmt.where(col(Case.category_id) == f.category_id)
    elif f.major_id is not None:
        stmt = stmt.where(
            col(Case.category_id).in_(select(Category.id).where(Category.major_id == f.major_id))
        )
    return stmt


def _closures() -> ColumnElement[bool]:
    return Case.status.in_(CLOSURE_STATUSES)


def _in_period(column: Any, f: StatsFilter) -> ColumnElement[bool]:
    return and_(column >= f.start, column < f.end)


# The two scans of a period, each read from one covering index (ix_cases_reported_stats,
# ix_cases_closed_stats) and shared by the charts that need them: a year of cases is read twice,
# not once per chart.


def received_statement(f: StatsFilter, dialect: str, tz: ZoneInfo) -> Select[*tuple[Any, ...]]:
    day = local_day(Case.reported_at, dialect, tz).label("day")
    return _scoped(
        select(day, Case.source, func.count())
        .where(_in_period(Case.reported_at, f))
        .group_by(day, Case.source),
        f,
        period_index=True,
    )


def received_cells(session: Session, f: StatsFilter, tz: ZoneInfo) -> dict[tuple[date, str], int]:
    """Cases received in the period per (local day, source)."""
    stmt = received_statement(f, session.get_bind().dialect.name, tz)
    return {(as_date(d), str(src)): int(n) for d, src, n in session.execute(stmt)}


@dataclass(frozen=True)
class ClosureCell:
    """Closures of one local day by one department (None: closed without dispatch)."""

    day: date
    department_id: int | None
    closed: int
    on_time: int
    hours: float  # sum of dispatched → closed, natural hours


def closure_statement(f: StatsFilter, dialect: str, tz: ZoneInfo) -> Select[*tuple[Any, ...]]:
    day = local_day(Case.closed_at, dialect, tz).label("day")
    return _scoped(
        select(
            day,
            Case.department_id,
            func.count(),
            func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)),
            func.sum(hours_between(Case.dispatched_at, Case.closed_at, dialect)),
        )
        .where(_in_period(Case.closed_at, f), _closures())
        .group_by(day, Case.department_id),
        f,
        period_index=True,
    )


def closure_cells(session: Session, f: StatsFilter, tz: ZoneInfo) -> list[ClosureCell]:
    """Closures (办结) in the period per (local day, department)."""
    stmt = closure_statement(f, session.get_bind().dialect.name, tz)
    return [
        ClosureCell(
            as_date(d), int(dept) if dept is not None else None, int(n), int(ok or 0), float(h or 0)
        )
        for d, dept, n, ok, h in session.execute(stmt)
    ]


@dataclass(frozen=True)
class DayFlow:
    day: date
    received: int
    closed: int


def daily_flow(
    session: Session,
    f: StatsFilter,
    tz: ZoneInfo,
    *,
    received: dict[tuple[date, str], int] | None = None,
    closures: list[ClosureCell] | None = None,
) -> list[DayFlow]:
    """受理 and 办结 per local day, every day of the period (zeros included)."""
    if received is None:
        received = received_cells(session, f, tz)
    if closures is None:
        closures = closure_cells(session, f, tz)
    by_day_in: dict[date, int] = {}
    for (day, _source), n in received.items():
        by_day_in[day] = by_day_in.get(day, 0) + n
    by_day_out: dict[date, int] = {}
    for cell in closures:
        by_day_out[cell.day] = by_day_out.get(cell.day, 0) + cell.closed
    return [DayFlow(d, by_day_in.get(d, 0), by_day_out.get(d, 0)) for d in days_of(f, tz)]


@dataclass(frozen=True)
class CountBar:
    """One bar: what it counts (`id`, `parent_id` for a 小类's 大类), its label, its count."""

    id: int
    label: str
    count: int
    parent_id: int | None = None
    parent_label: str = ""


@dataclass(frozen=True)
class OpenCell:
    """Open cases now of one grid and one 小类, with how many are overdue / in warning."""

    grid_id: int
    category_id: int
    count: int
    overdue: int
    warning: int


def open_statement(f: StatsFilter, now: datetime) -> Select[*tuple[Any, ...]]:
    overdue = func.sum(case((Case.due_at <= now, 1), else_=0))
    warning = func.sum(case((and_(Case.due_at > now, Case.warn_at <= now), 1), else_=0))
    return _scoped(
        select(Case.grid_id, Case.category_id, func.count(), overdue, warning)
        .where(Case.is_open.is_(True))
        .group_by(Case.grid_id, Case.category_id),
        f,
        period_index=True,
    )


def open_cells(session: Session, f: StatsFilter, now: datetime) -> list[OpenCell]:
    """One scan of the open cases (ix_cases_open_stats) shared by the open-case charts and the
    grid table. The period does not apply: open is open."""
    stmt = open_statement(f, now)
    return [
        OpenCell(int(g), int(c), int(n), int(o or 0), int(w or 0))
        for g, c, n, o, w in session.execute(stmt)
    ]


@dataclass(frozen=True)
class _CategoryInfo:
    name: str
    major_id: int
    major: str


def _categories(session: Session) -> dict[int, _CategoryInfo]:
    rows = session.execute(
        select(
            Category.id, Category.name, MajorCategory.id, MajorCategory.name, MajorCategory.kind
        ).join(MajorCategory, MajorCategory.id == Category.major_id)
    ).all()
    majors = {(mid, mname, kind) for _, _, mid, mname, kind in rows}
    names = [m[1] for m in majors]
    # 市容环境 exists as an event class and as a part class: keep the two apart in labels.
    label = {
        mid: f"{mname}（{kind}）" if names.count(mname) > 1 else str(mname)
        for mid, mname, kind in majors
    }
    return {
        int(cid): _CategoryInfo(str(cname), int(mid), label[mid]) for cid, cname, mid, _, _ in rows
    }


def open_by_major(
    session: Session, f: StatsFilter, *, cells: list[OpenCell] | None = None
) -> list[CountBar]:
    """Open cases (now) per 大类, largest first."""
    if cells is None:
        cells = open_cells(session, f, datetime.now(UTC))
    info = _categories(session)
    counts: dict[int, int] = {}
    labels: dict[int, str] = {}
    for cell in cells:
        cat = info[cell.category_id]
        counts[cat.major_id] = counts.get(cat.major_id, 0) + cell.count
        labels[cat.major_id] = cat.major
    bars = [CountBar(mid, labels[mid], n) for mid, n in counts.items()]
    return sorted(bars, key=lambda b: (-b.count, b.label))


def open_by_category(
    session: Session,
    f: StatsFilter,
    limit: int = TOP_CATEGORIES,
    *,
    cells: list[OpenCell] | None = None,
) -> list[CountBar]:
    """Open cases (now) per 小类, the `limit` largest."""
    if cells is None:
        cells = open_cells(session, f, datetime.now(UTC))
    info = _categories(session)
    counts: dict[int, int] = {}
    for cell in cells:
        counts[cell.category_id] = counts.get(cell.category_id, 0) + cell.count
    bars = [
        CountBar(cid, info[cid].name, n, info[cid].major_id, info[cid].major)
        for cid, n in counts.items()
    ]
    return sorted(bars, key=lambda b: (-b.count, b.label))[:limit]


def _pending_columns(by_department: bool) -> tuple[Any, Any]:
    # `+ 0`: grouping by the bare column would lure SQLite to the desk's department index (in
    # department order, but without the deadline) and a table lookup per open case.
    key = Case.department_id + 0 if by_department else literal(None)
    return key, func.count()


def _due_in(f: StatsFilter) -> ColumnElement[bool]:
    return and_(Case.handle_due >= f.start, Case.handle_due < f.end)


def pending_open_statement(f: StatsFilter, by_department: bool = False) -> Select[*tuple[Any, ...]]:
    """Open cases (not 挂账) whose handling deadline falls in the period, from the open cases
    (few, ix_cases_open_stats) rather than from every deadline."""
    columns = _pending_columns(by_department)
    return _scoped(
        select(*columns)
        .where(Case.is_open.is_(True), Case.status != Status.SUSPENDED.value, _due_in(f))
        .group_by(columns[0]),
        f,
        period_index=True,
    )


def pending_due(
    session: Session, f: StatsFilter, now: datetime, *, by_department: bool = False
) -> dict[int | None, int]:
    """应结未结: cases whose handling deadline falls in the period and that were not closed by
    its end (挂账, rejected, self-resolved and merged cases left out), per department or in
    total (key None)."""
    counts: dict[int | None, int] = {}

    def add(stmt: Any) -> None:
        for k, n in session.execute(stmt):
            counts[k] = counts.get(k, 0) + int(n)

    add(pending_open_statement(f, by_department))
    if f.end <= now:  # a finished period: cases closed after it ended were pending at its end
        columns = _pending_columns(by_department)
        add(
            _scoped(
                select(*columns)
                .where(Case.closed_at >= f.end, Case.status.not_in(NOT_CLOSABLE), _due_in(f))
                .group_by(columns[0]),
                f,
            )
        )
    return counts


@dataclass(frozen=True)
class DepartmentRate:
    id: int
    name: str
    due: int  # 应结案
    on_time: int  # 按期结案
    closed: int  # 办结
    pending: int  # 应结未结: due in the period, not closed by its end

    @property
    def rate(self) -> float:
        return self.on_time / self.due if self.due else 0.0


def department_on_time(
    session: Session,
    f: StatsFilter,
    now: datetime,
    *,
    closures: list[ClosureCell] | None = None,
) -> list[DepartmentRate]:
    """按期结案率 per department over the period, best first (departments with nothing due are
    left out)."""
    if closures is None:
        closures = closure_cells(session, f, UTC_ZONE)
    closed: dict[int, tuple[int, int]] = {}
    for cell in closures:
        if cell.department_id is not None:
            n, ok = closed.get(cell.department_id, (0, 0))
            closed[cell.department_id] = (n + cell.closed, ok + cell.on_time)
    late = {int(d): n for d, n in pending_due(session, f, now, by_department=True).items() if d}
    ids = set(closed) | set(late)
    if not ids:
        return []
    names = dict(
        session.execute(select(Department.id, Department.name).where(Department.id.in_(ids))).all()
    )
    rates = [
        DepartmentRate(
            id=i,
            name=str(names.get(i, "")),
            due=closed.get(i, (0, 0))[0] + late.get(i, 0),
            on_time=closed.get(i, (0, 0))[1],
            closed=closed.get(i, (0, 0))[0],
            pending=late.get(i, 0),
        )
        for i in ids
    ]
    return sorted(rates, key=lambda r: (-r.rate, -r.due, r.name))


@dataclass(frozen=True)
class CommunityAlerts:
    id: int
    name: str
    overdue: int  # 超期
    warning: int  # 预警


def _grids(session: Session, f: StatsFilter) -> list[tuple[int, int, str, str, str, int]]:
    """(grid id, community id, community, grid code, grid name, households) in scope."""
    grids = (
        select(Grid.id, Grid.community_id, Community.name, Grid.code, Grid.name, Grid.households)
        .join(Community, Community.id == Grid.community_id)
        .order_by(Grid.code)
    )
    if f.community_id is not None:
        grids = grids.where(Grid.community_id == f.community_id)
    return [
        (int(i), int(c), str(cn), str(code), str(name), int(h or 0))
        for i, c, cn, code, name, h in session.execute(grids)
    ]


def alerts_by_community(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> list[CommunityAlerts]:
    """Open cases overdue and in warning now, per community (every community in scope listed)."""
    if cells is None:
        cells = open_cells(session, f, now)
    community_of = {g[0]: g[1] for g in _grids(session, f)}
    counts: dict[int, tuple[int, int]] = {}
    for cell in cells:
        c = community_of.get(cell.grid_id)
        if c is not None:
            o, w = counts.get(c, (0, 0))
            counts[c] = (o + cell.overdue, w + cell.warning)
    communities = select(Community.id, Community.name).order_by(Community.code)
    if f.community_id is not None:
        communities = communities.where(Community.id == f.community_id)
    return [
        CommunityAlerts(int(i), str(name), *counts.get(int(i), (0, 0)))
        for i, name in session.execute(communities)
    ]


@dataclass(frozen=True)
class SourceCount:
    source: str
    label: str
    count: int


@dataclass(frozen=True)
class SourceMix:
    sources: list[SourceCount]
    total: int
    patrol: int

    @property
    def proactive_share(self) -> float:
        """未诉先办 share: patrol-found cases / all cases received."""
        return self.patrol / self.total if self.total else 0.0


def by_source(
    session: Session, f: StatsFilter, *, received: dict[tuple[date, str], int] | None = None
) -> SourceMix:
    """Cases received in the period per source (every source listed, in catalogue order)."""
    if received is None:
        received = received_cells(session, f, UTC_ZONE)
    counts: dict[str, int] = {}
    for (_day, source), n in received.items():
        counts[source] = counts.get(source, 0) + n
    sources = [SourceCount(s.value, SOURCE_LABELS[s], counts.get(s.value, 0)) for s in Source]
    known = {s.value for s in Source}
    sources += [SourceCount(s, s, n) for s, n in sorted(counts.items()) if s not in known]
    total = sum(counts.values())
    return SourceMix(sources, total, counts.get(Source.PATROL.value, 0))


@dataclass(frozen=True)
class HandlingPoint:
    start: date  # first day of the bucket
    hours: float  # mean reported → closed, natural hours
    cases: int


def handling_trend(
    session: Session,
    f: StatsFilter,
    tz: ZoneInfo,
    bucket: Bucket | None = None,
    *,
    closures: list[ClosureCell] | None = None,
) -> list[HandlingPoint]:
    """Average handling time (上报 → 办结, natural hours) of closures, per local day or month."""
    bucket = bucket or bucket_for(f, tz)
    if closures is None:
        closures = closure_cells(session, f, tz)
    sums: dict[date, tuple[float, int]] = {}
    for cell in closures:
        key = cell.day if bucket is Bucket.DAY else cell.day.replace(day=1)
        hours, n = sums.get(key, (0.0, 0))
        sums[key] = (hours + cell.hours, n + cell.closed)
    return [HandlingPoint(k, h / n if n else 0.0, n) for k, (h, n) in sorted(sums.items())]


@dataclass(frozen=True)
class GridDensity:
    grid_id: int
    community_id: int
    community: str
    code: str
    name: str
    households: int
    open: int
    overdue: int

    @property
    def per_thousand(self) -> float:
        """Open cases per 1,000 households (在办密度); the open count when households are unknown."""
        return self.open * 1000 / self.households if self.households else float(self.open)


def grid_density(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> list[GridDensity]:
    """Open and overdue cases per grid now, densest first (every grid in scope listed)."""
    if cells is None:
        cells = open_cells(session, f, now)
    counts: dict[int, tuple[int, int]] = {}
    for cell in cells:
        n, o = counts.get(cell.grid_id, (0, 0))
        counts[cell.grid_id] = (n + cell.count, o + cell.overdue)
    rows = [
        GridDensity(i, c, cn, code, name, h, *counts.get(i, (0, 0)))
        for i, c, cn, code, name, h in _grids(session, f)
    ]
    return sorted(rows, key=lambda g: (-g.per_thousand, -g.open, g.code))


@dataclass(frozen=True)
class KeyNumbers:
    """Today's figures for the big screen: 受理, 派遣, 结案, 超期, 按期率."""

    received: int
    dispatched: int
    closed: int
    overdue: int
    on_time: int
    due: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def key_numbers(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> KeyNumbers:
    """The big screen's figures for the filter's period (the big screen passes today);
    `cells` (the open-case scan at `now`) saves counting the overdue cases again."""
    received = session.scalar(
        _scoped(
            select(func.count()).select_from(Case).where(_in_period(Case.reported_at, f)),
            f,
            period_index=True,
        )
    )
    dispatch = (
        select(func.count())
        .select_from(CaseEvent)
        .where(
            CaseEvent.action.in_([Action.DISPATCH.value, Action.REDISPATCH.value]),
            _in_period(CaseEvent.at, f),
        )
    )
    if any(v is not None for v in (f.community_id, f.department_id, f.major_id, f.category_id)):
        # The department the case was dispatched to then, not where it is now.
        dispatch = _scoped(
            dispatch.join(Case, Case.id == CaseEvent.case_id), replace(f, department_id=None)
        )
        if f.department_id is not None:
            dispatch = dispatch.where(CaseEvent.department_id == f.department_id)
    closed_row = session.execute(
        _scoped(
            select(func.count(), func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)))
            .select_from(Case)
            .where(_in_period(Case.closed_at, f), _closures()),
            f,
            period_index=True,
        )
    ).one()
    if cells is not None:
        overdue: int | None = sum(cell.overdue for cell in cells)
    else:
        overdue = session.scalar(
            _scoped(
                select(func.count())
                .select_from(Case)
                .where(Case.is_open.is_(True), Case.due_at <= now),
                f,
            )
        )
    late = sum(pending_due(session, f, now).values())
    closed = int(closed_row[0] or 0)
    return KeyNumbers(
        received=int(received or 0),
        dispatched=int(session.scalar(dispatch) or 0),
        closed=closed,
        overdue=int(overdue or 0),
        on_time=int(closed_row[1] or 0),
        due=closed + int(late or 0),
    )


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

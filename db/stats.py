"""Statistics (统计) for the charts and the big screen: aggregations computed in SQL.

Every function takes a read session and a `StatsFilter` (period + community / department /
category) and returns plain dataclasses. Periods are half-open `[start, end)` in aware UTC, so
range conditions on `reported_at` / `closed_at` use their indexes; days are the center's local
days (CenterSettings.timezone). How a timestamp becomes a local day differs by dialect and is
written once, in `local_bucket`: PostgreSQL converts with `AT TIME ZONE`; SQLite (which stores
naive UTC text) shifts by the zone's fixed offset, computed here in Python — China has no DST, and
a zone with DST is refused on SQLite rather than grouped wrongly for half the year.

Terms used below:
- 受理 received: cases reported in the period (`reported_at`).
- 办结 closed: cases that reached 结案 or 社区自办 in the period (`closed_at`); rejected and merged
  cases are not closures.
- 应结案 due: closures in the period plus open, non-suspended cases whose current deadline fell
  in the period and has passed. 按期 on time: closures that never went overdue. 按期率 = on time /
  due. Suspended (挂账) cases stay out of the denominators.
- 超期 overdue: open cases whose current deadline has passed; 预警 warning: open cases past their
  warning time but not yet overdue.
- 未诉先办 share: cases from patrol (巡查发现) / all cases received.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Float, Select, and_, case, cast, func, select
from sqlalchemy.orm import Session

from db.case_states import SOURCE_LABELS, Action, Source, Status
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

CLOSURE_STATUSES = (Status.CLOSED.value, Status.SELF_RESOLVED.value)
# Open cases whose clock runs (everything open except 挂账).
RUNNING_STATUSES = (
    Status.REPORTED.value,
    Status.REGISTERED.value,
    Status.RETURNED.value,
    Status.DISPATCHED.value,
    Status.ACCEPTED.value,
    Status.FEEDBACK.value,
)
# A range longer than this is bucketed by month in the handling-time trend.
DAILY_TREND_MAX_DAYS = 62
TOP_CATEGORIES = 15


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


def local_bucket(column: Any, dialect: str, tz: ZoneInfo, bucket: Bucket) -> ColumnElement[str]:
    """The local day ('YYYY-MM-DD') or month ('YYYY-MM') of an aware UTC column, as text."""
    if dialect == "postgresql":
        fmt = "YYYY-MM-DD" if bucket is Bucket.DAY else "YYYY-MM"
        return func.to_char(func.timezone(tz.key, column), fmt)
    shift = f"{fixed_offset_minutes(tz):+d} minutes"
    if bucket is Bucket.DAY:
        return func.date(column, shift)
    return func.strftime("%Y-%m", column, shift)


def hours_between(start: Any, end: Any, dialect: str) -> ColumnElement[Any]:
    """`end - start` in hours (natural time) as a float expression."""
    if dialect == "postgresql":
        return cast(func.extract("epoch", end - start), Float) / 3600.0
    return (func.julianday(end, type_=Float) - func.julianday(start, type_=Float)) * 24.0


def _parse_bucket(text: str, bucket: Bucket) -> date:
    if bucket is Bucket.DAY:
        return date.fromisoformat(text)
    return date.fromisoformat(text + "-01")


# --- the pieces ------------------------------------------------------------------------------


_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


def _scoped(stmt: _S, f: StatsFilter) -> _S:
    """Narrow a statement over `cases` by the filter's community / department / category."""
    if f.community_id is not None:
        stmt = stmt.where(Case.community_id == f.community_id)
    if f.department_id is not None:
        stmt = stmt.where(Case.department_id == f.department_id)
    if f.category_id is not None:
        stmt = stmt.where(Case.category_id == f.category_id)
    elif f.major_id is not None:
        stmt = stmt.where(
            Case.category_id.in_(select(Category.id).where(Category.major_id == f.major_id))
        )
    return stmt


def _closures() -> ColumnElement[bool]:
    return Case.status.in_(CLOSURE_STATUSES)


def _in_period(column: Any, f: StatsFilter) -> ColumnElement[bool]:
    return and_(column >= f.start, column < f.end)


@dataclass(frozen=True)
class DayFlow:
    day: date
    received: int
    closed: int


def daily_flow(session: Session, f: StatsFilter, tz: ZoneInfo) -> list[DayFlow]:
    """受理 and 办结 per local day, every day of the period (zeros included)."""
    dialect = session.get_bind().dialect.name
    received: dict[str, int] = {}
    closed: dict[str, int] = {}
    day = local_bucket(Case.reported_at, dialect, tz, Bucket.DAY).label("day")
    stmt = _scoped(
        select(day, func.count()).where(_in_period(Case.reported_at, f)).group_by(day), f
    )
    received.update((str(d), int(n)) for d, n in session.execute(stmt))
    cday = local_bucket(Case.closed_at, dialect, tz, Bucket.DAY).label("day")
    stmt = _scoped(
        select(cday, func.count()).where(_in_period(Case.closed_at, f), _closures()).group_by(cday),
        f,
    )
    closed.update((str(d), int(n)) for d, n in session.execute(stmt))
    return [
        DayFlow(d, received.get(d.isoformat(), 0), closed.get(d.isoformat(), 0))
        for d in days_of(f, tz)
    ]


@dataclass(frozen=True)
class CountBar:
    """One bar: what it counts (`id`, `parent_id` for a 小类's 大类), its label, its count."""

    id: int
    label: str
    count: int
    parent_id: int | None = None
    parent_label: str = ""


def open_by_major(session: Session, f: StatsFilter) -> list[CountBar]:
    """Open cases (now) per 大类, largest first. The period does not apply: open is open."""
    stmt = _scoped(
        select(MajorCategory.id, MajorCategory.name, MajorCategory.kind, func.count())
        .select_from(Case)
        .join(Category, Category.id == Case.category_id)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .where(Case.is_open.is_(True))
        .group_by(MajorCategory.id, MajorCategory.name, MajorCategory.kind),
        f,
    )
    rows = session.execute(stmt).all()
    # 市容环境 exists as an event class and as a part class: keep the two apart in labels.
    names = [r[1] for r in rows]
    bars = [
        CountBar(int(i), f"{name}（{kind}）" if names.count(name) > 1 else str(name), int(n))
        for i, name, kind, n in rows
    ]
    return sorted(bars, key=lambda b: (-b.count, b.label))


def open_by_category(
    session: Session, f: StatsFilter, limit: int = TOP_CATEGORIES
) -> list[CountBar]:
    """Open cases (now) per 小类, the `limit` largest."""
    stmt = _scoped(
        select(Category.id, Category.name, MajorCategory.id, MajorCategory.name, func.count())
        .select_from(Case)
        .join(Category, Category.id == Case.category_id)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .where(Case.is_open.is_(True))
        .group_by(Category.id, Category.name, MajorCategory.id, MajorCategory.name)
        .order_by(func.count().desc(), Category.name)
        .limit(limit),
        f,
    )
    return [
        CountBar(int(i), str(name), int(n), int(mid), str(mname))
        for i, name, mid, mname, n in session.execute(stmt)
    ]


@dataclass(frozen=True)
class DepartmentRate:
    id: int
    name: str
    due: int  # 应结案
    on_time: int  # 按期结案
    closed: int  # 办结
    overdue_open: int  # 逾期未结

    @property
    def rate(self) -> float:
        return self.on_time / self.due if self.due else 0.0


def department_on_time(session: Session, f: StatsFilter, now: datetime) -> list[DepartmentRate]:
    """按期结案率 per department over the period, best first (departments with nothing due are left out)."""
    closed_stmt = _scoped(
        select(
            Case.department_id,
            func.count(),
            func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)),
        )
        .where(_in_period(Case.closed_at, f), _closures(), Case.department_id.is_not(None))
        .group_by(Case.department_id),
        f,
    )
    closed: dict[int, tuple[int, int]] = {
        int(d): (int(n), int(ok or 0)) for d, n, ok in session.execute(closed_stmt)
    }
    late_stmt = _scoped(
        select(Case.department_id, func.count())
        .where(
            Case.is_open.is_(True),
            Case.status.in_(RUNNING_STATUSES),
            Case.department_id.is_not(None),
            Case.due_at >= f.start,
            Case.due_at < min(f.end, now),
        )
        .group_by(Case.department_id),
        f,
    )
    late = {int(d or 0): int(n) for d, n in session.execute(late_stmt)}
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
            overdue_open=late.get(i, 0),
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


def alerts_by_community(session: Session, f: StatsFilter, now: datetime) -> list[CommunityAlerts]:
    """Open cases overdue and in warning now, per community (every community in scope listed)."""
    overdue = func.sum(case((Case.due_at <= now, 1), else_=0))
    warning = func.sum(case((and_(Case.due_at > now, Case.warn_at <= now), 1), else_=0))
    stmt = _scoped(
        select(Case.community_id, overdue, warning)
        .where(Case.is_open.is_(True), Case.due_at.is_not(None), Case.warn_at <= now)
        .group_by(Case.community_id),
        f,
    )
    counts = {int(c): (int(o or 0), int(w or 0)) for c, o, w in session.execute(stmt)}
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


def by_source(session: Session, f: StatsFilter) -> SourceMix:
    """Cases received in the period per source (every source listed, in catalogue order)."""
    stmt = _scoped(
        select(Case.source, func.count())
        .where(_in_period(Case.reported_at, f))
        .group_by(Case.source),
        f,
    )
    counts = {str(s): int(n) for s, n in session.execute(stmt)}
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
    session: Session, f: StatsFilter, tz: ZoneInfo, bucket: Bucket | None = None
) -> list[HandlingPoint]:
    """Average handling time (上报 → 办结, natural hours) of closures, per local day or month."""
    bucket = bucket or bucket_for(f, tz)
    dialect = session.get_bind().dialect.name
    key = local_bucket(Case.closed_at, dialect, tz, bucket).label("bucket")
    stmt = _scoped(
        select(
            key, func.avg(hours_between(Case.reported_at, Case.closed_at, dialect)), func.count()
        )
        .where(_in_period(Case.closed_at, f), _closures())
        .group_by(key)
        .order_by(key),
        f,
    )
    return [
        HandlingPoint(_parse_bucket(str(k), bucket), float(avg or 0.0), int(n))
        for k, avg, n in session.execute(stmt)
    ]


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


def grid_density(session: Session, f: StatsFilter, now: datetime) -> list[GridDensity]:
    """Open and overdue cases per grid now, densest first (every grid in scope listed)."""
    stmt = _scoped(
        select(
            Case.grid_id,
            func.count(),
            func.sum(case((Case.due_at <= now, 1), else_=0)),
        )
        .where(Case.is_open.is_(True))
        .group_by(Case.grid_id),
        f,
    )
    counts = {int(g): (int(n), int(o or 0)) for g, n, o in session.execute(stmt)}
    grids = (
        select(Grid.id, Grid.community_id, Community.name, Grid.code, Grid.name, Grid.households)
        .join(Community, Community.id == Grid.community_id)
        .order_by(Grid.code)
    )
    if f.community_id is not None:
        grids = grids.where(Grid.community_id == f.community_id)
    rows = [
        GridDensity(
            int(i), int(c), str(cn), str(code), str(name), int(h or 0), *counts.get(int(i), (0, 0))
        )
        for i, c, cn, code, name, h in session.execute(grids)
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


def key_numbers(session: Session, f: StatsFilter, now: datetime) -> KeyNumbers:
    """The big screen's figures for the filter's period (the big screen passes today)."""
    received = session.scalar(
        _scoped(select(func.count()).select_from(Case).where(_in_period(Case.reported_at, f)), f)
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
        dispatch = _scoped(dispatch.join(Case, Case.id == CaseEvent.case_id), f)
        if f.department_id is not None:
            # The department the case was dispatched to then, not where it is now.
            dispatch = dispatch.where(CaseEvent.department_id == f.department_id)
    closed_row = session.execute(
        _scoped(
            select(func.count(), func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)))
            .select_from(Case)
            .where(_in_period(Case.closed_at, f), _closures()),
            f,
        )
    ).one()
    overdue = session.scalar(
        _scoped(
            select(func.count())
            .select_from(Case)
            .where(Case.is_open.is_(True), Case.due_at <= now),
            f,
        )
    )
    late = session.scalar(
        _scoped(
            select(func.count())
            .select_from(Case)
            .where(
                Case.is_open.is_(True),
                Case.status.in_(RUNNING_STATUSES),
                Case.due_at >= f.start,
                Case.due_at < min(f.end, now),
            ),
            f,
        )
    )
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
    """Everything the statistics page draws, from one read (one worker job)."""

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
    timings: dict[str, float] = field(default_factory=dict)


def today_filter(f: StatsFilter, now: datetime, tz: ZoneInfo) -> StatsFilter:
    """`f` with its period replaced by the local day containing `now`."""
    start, end = day_span(now.astimezone(tz).date(), now.astimezone(tz).date(), tz)
    return StatsFilter(start, end, f.community_id, f.department_id, f.major_id, f.category_id)


def collect_in(
    session: Session, f: StatsFilter, tz: ZoneInfo, now: datetime, *, timed: bool = False
) -> StatsSnapshot:
    """Every aggregation of the page for `f`, in one session."""
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
    flow = daily_flow(session, f, tz)
    lap("flow")
    majors = open_by_major(session, f)
    lap("majors")
    categories = open_by_category(session, f)
    lap("categories")
    departments = department_on_time(session, f, now)
    lap("departments")
    alerts = alerts_by_community(session, f, now)
    lap("alerts")
    sources = by_source(session, f)
    lap("sources")
    handling = handling_trend(session, f, tz, bucket)
    lap("handling")
    grids = grid_density(session, f, now)
    lap("grids")
    today = key_numbers(session, today_filter(f, now, tz), now)
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
        timings,
    )


def collect(
    db: Database, f: StatsFilter, tz: ZoneInfo, now: datetime | None = None
) -> StatsSnapshot:
    """`collect_in` in its own read session (the shape a DbWorker job wants)."""
    with db.read() as session:
        return collect_in(session, f, tz, now or datetime.now(UTC))


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
        departments = [
            Choice(int(i), str(n))
            for i, n in s.execute(
                select(Department.id, Department.name)
                .where(Department.active.is_(True))
                .order_by(Department.sort_order, Department.name)
            )
        ]
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

"""Statistics of what happened in a period, computed in SQL: cases received and closed by day,
应结案 and 按期 by department, the source mix, the handling-time trend and the key numbers.

Every function takes a read session and a `StatsFilter` (db/stats/periods.py: period +
community / department / category) and returns plain dataclasses.

Terms used below (结案, 应结案, 按期结案率, 平均处置时长 as db/stats/indices.py defines them for the
returns, so the page and the returns agree; db/stats/indices.py computes every index of a return and
is too heavy for an interactive year, so the few the charts need are computed here from shared
index-only scans):
- 受理 received: cases reported in the period (`reported_at`).
- 结案 closed: cases with status 结案 whose `closed_at` is in the period (rejected, self-resolved
  and merged cases are not 结案). 按期 on time: of those, cases that never went overdue.
- 应结案 due: 结案 plus the cases whose handling deadline (`handle_due`) falls in the period (in
  a running period: has come by now) and that were not closed by its end, without 挂账 cases (they leave the denominators) and without
  rejected / self-resolved / merged ones. 按期结案率 = on time / due.
- 平均处置时长: mean of `closed_at − dispatched_at` (natural hours) over 结案.
- 超期 overdue: open cases whose current deadline has passed; 预警 warning: open cases past their
  warning time but not yet overdue.
- 派遣 dispatched: cases dispatched in the period, each once, dispatches taken back left out.

db/stats/definitions.py holds each figure's definition and the caption that says what it counts.
- 未诉先办 share: cases from patrol (巡查发现) / all cases received.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from db.cases.states import SOURCE_LABELS, Action, Source, Status
from db.models import (
    Case,
    CaseEvent,
    Department,
)
from db.reference.settings_store import load_settings
from db.stats.definitions import dispatch_kept, on_time_rate
from db.stats.open_cases import OpenCell
from db.stats.periods import (
    NOT_CLOSABLE,
    Bucket,
    StatsFilter,
    as_date,
    bucket_for,
    closures,
    days_of,
    hours_between,
    in_period,
    local_day,
    scoped,
)
from db.stats.rollups.read import Narrowing, sums


def received_statement(f: StatsFilter, dialect: str, tz: ZoneInfo) -> Select[*tuple[Any, ...]]:
    day = local_day(Case.reported_at, dialect, tz).label("day")
    return scoped(
        select(day, Case.source, func.count())
        .where(in_period(Case.reported_at, f))
        .group_by(day, Case.source),
        f,
        period_index=True,
    )


def received_cells(session: Session, f: StatsFilter, tz: ZoneInfo) -> dict[tuple[date, str], int]:
    """Cases received in the period per (local day, source): from the daily roll-ups for the
    past days, live for the rest (db/stats/rollups/read.py), or all live when they cannot answer."""
    got = sums(session, f.start, f.end, tz, ("day", "source"), ("reported",), narrowing(f))
    if got is not None:
        return {(d, str(src)): int(v[0]) for (d, src), v in got.items() if v[0]}
    stmt = received_statement(f, session.get_bind().dialect.name, tz)
    return {(as_date(d), str(src)): int(n) for d, src, n in session.execute(stmt)}


def narrowing(f: StatsFilter) -> Narrowing:
    """The filter's street / community / department / category as a roll-up narrowing."""
    return Narrowing(
        f.community_id, f.department_id, f.category_id, f.major_id, street_id=f.street_id
    )


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
    return scoped(
        select(
            day,
            Case.department_id,
            func.count(),
            func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)),
            func.sum(hours_between(Case.dispatched_at, Case.closed_at, dialect)),
        )
        .where(in_period(Case.closed_at, f), closures())
        .group_by(day, Case.department_id),
        f,
        period_index=True,
    )


def closure_cells(session: Session, f: StatsFilter, tz: ZoneInfo) -> list[ClosureCell]:
    """Closures (办结) in the period per (local day, department), from the roll-ups where they
    can answer (see `received_cells`)."""
    got = sums(
        session,
        f.start,
        f.end,
        tz,
        ("day", "department_id"),
        ("closed", "closed_on_time", "hours_sum"),
        narrowing(f),
    )
    if got is not None:
        return sorted(
            (
                ClosureCell(d, int(dept) or None, int(n), int(ok), float(h))
                for (d, dept), (n, ok, h) in got.items()
                if n
            ),
            key=lambda c: (c.day, c.department_id or 0),
        )
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


def _pending_columns(by_department: bool) -> tuple[Any, Any]:
    # `+ 0`: grouping by the bare column would lure SQLite to the desk's department index (in
    # department order, but without the deadline) and a table lookup per open case.
    key = Case.department_id + 0 if by_department else literal(None)
    return key, func.count()


def _due_in(f: StatsFilter, until: datetime | None = None) -> ColumnElement[bool]:
    """The handling deadline falls in the period, and (running period) before `until`."""
    end = f.end if until is None else min(f.end, until)
    return and_(Case.handle_due >= f.start, Case.handle_due < end)


def pending_open_statement(
    f: StatsFilter, by_department: bool = False, until: datetime | None = None
) -> Select[*tuple[Any, ...]]:
    """Open cases (not 挂账) whose handling deadline falls in the period (before `until`), from
    the open cases (few, ix_cases_open_stats) rather than from every deadline."""
    columns = _pending_columns(by_department)
    return scoped(
        select(*columns)
        .where(Case.is_open.is_(True), Case.status != Status.SUSPENDED.value, _due_in(f, until))
        .group_by(columns[0]),
        f,
        period_index=True,
    )


def pending_due(
    session: Session, f: StatsFilter, now: datetime, *, by_department: bool = False
) -> dict[int | None, int]:
    """应结未结: cases whose handling deadline falls in the period — in a running period: has
    come by `now` — and that were not closed by its end (挂账, rejected, self-resolved and merged
    cases left out), per department or in total (key None)."""
    counts: dict[int | None, int] = {}

    def add(stmt: Any) -> None:
        for k, n in session.execute(stmt):
            counts[k] = counts.get(k, 0) + int(n)

    add(pending_open_statement(f, by_department, now))
    if f.end <= now:  # a finished period: cases closed after it ended were pending at its end
        add(pending_closed_statement(f, by_department))
    return counts


def pending_closed_statement(
    f: StatsFilter, by_department: bool = False
) -> Select[*tuple[Any, ...]]:
    """The cases closed after the (finished) period whose handling deadline fell in it: still
    pending at its end. Read from ix_cases_closed_stats alone (handle_due is its last column)."""
    columns = _pending_columns(by_department)
    return scoped(
        select(*columns)
        .where(Case.closed_at >= f.end, Case.status.not_in(NOT_CLOSABLE), _due_in(f))
        .group_by(columns[0]),
        f,
        period_index=True,
    )


@dataclass(frozen=True)
class DepartmentRate:
    id: int
    name: str
    due: int  # 应结案
    on_time: int  # 按期结案
    closed: int  # 办结
    pending: int  # 应结未结: due in the period, not closed by its end

    @property
    def rate(self) -> float | None:
        """按期结案率 (definitions.ON_TIME_RATE), None (—) while nothing was closed."""
        return on_time_rate(self.on_time, self.due, self.closed)


def department_on_time(
    session: Session,
    f: StatsFilter,
    now: datetime,
    *,
    closures: list[ClosureCell] | None = None,
) -> list[DepartmentRate]:
    """按期结案率 per department over the period, best first, those without a closure (rate —)
    last (departments with nothing due are left out)."""
    if closures is None:
        # The center's days (any zone would do, the days are summed), so the roll-ups answer.
        closures = closure_cells(session, f, load_settings(session).tz)
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
    return sorted(rates, key=lambda r: (r.rate is None, -(r.rate or 0.0), -r.due, r.name))


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
        received = received_cells(session, f, load_settings(session).tz)
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
        """按期结案率 (definitions.ON_TIME_RATE), None (—) while nothing was closed."""
        return on_time_rate(self.on_time, self.due, self.closed)


def key_numbers(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> KeyNumbers:
    """The big screen's figures for the filter's period (the big screen passes today);
    `cells` (the open-case scan at `now`) saves counting the overdue cases again."""
    received = session.scalar(
        scoped(
            select(func.count()).select_from(Case).where(in_period(Case.reported_at, f)),
            f,
            period_index=True,
        )
    )
    # 派遣 (definitions.DISPATCHED): each case once, dispatches taken back (撤回派遣) left out.
    dispatch = (
        select(func.count(distinct(CaseEvent.case_id)))
        .select_from(CaseEvent)
        .where(
            CaseEvent.action.in_([Action.DISPATCH.value, Action.REDISPATCH.value]),
            in_period(CaseEvent.at, f),
            dispatch_kept(),
        )
    )
    if f.narrowed:
        # The department the case was dispatched to then, not where it is now.
        dispatch = scoped(
            dispatch.join(Case, Case.id == CaseEvent.case_id), replace(f, department_id=None)
        )
        if f.department_id is not None:
            dispatch = dispatch.where(CaseEvent.department_id == f.department_id)
    closed_row = session.execute(
        scoped(
            select(func.count(), func.sum(case((Case.ever_overdue.is_(False), 1), else_=0)))
            .select_from(Case)
            .where(in_period(Case.closed_at, f), closures()),
            f,
            period_index=True,
        )
    ).one()
    if cells is not None:
        overdue: int | None = sum(cell.overdue for cell in cells)
    else:
        overdue = session.scalar(
            scoped(
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

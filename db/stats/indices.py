"""Performance indices (综合评价指标) over cases for a period and a scope, computed in SQL.

All counts take a half-open period [start, end) of aware UTC datetimes (local midnights of the
center's time zone, see reports.period) and an optional scope (one community, one department).
Cases are attributed to the community and grid where they were reported and to the department
currently responsible for them (`cases.department_id`, i.e. the department of the last
dispatch). Definitions (the indices the district's returns use):

- 上报数 `reported`: cases reported (reported_at) in the period, any source.
- 未诉先办数 `patrol`: of those, cases found by patrol (source = patrol, 巡查发现);
  未诉先办占比 = patrol / reported.
- 立案数 `registered`: `register` events in the period.
- 派遣数 `dispatched`: distinct cases with a `dispatch` or `redispatch` event in the period
  that was not taken back (撤回派遣; db/stats/definitions.py `dispatch_kept`).
- 结案数 `closed`: cases with status 结案 (closed, after 核查通过) whose closed_at is in the
  period. Cases rejected (不予立案), solved by the community (社区自办) or merged are not 结案.
- 按期结案数 `closed_on_time`: of 结案数, cases that never passed a stage deadline
  (ever_overdue false); 超期结案数 `closed_late` = 结案数 − 按期结案数.
- 挂账数 `suspended`: cases in 挂账 at the end of the period (as of `as_of` if earlier): the last
  `suspend`/`resume` event before that moment is a `suspend`.
- 应结案数 `due`: 结案数 plus the cases whose handling deadline (handle_due) falls in the period
  — for a running period, before `as_of`: a deadline still to come is not due yet — and that
  were not closed by its end, excluding cases rejected, self-resolved or merged and
  the 挂账 cases (suspended cases leave the denominators).
- 超期数 `overdue`: of 应结案数, cases closed late plus cases due and not closed that are past
  their deadline at the end of the period (or at `as_of` for a running period) or were ever
  overdue.
- 结案率 = 结案数 / 应结案数; 按期结案率 = 按期结案数 / 应结案数, None (—) while 结案数 is 0
  (db/stats/definitions.py: the one definition the desk card, the statistics page and the big
  screen share).
- 处置数 `handled`: `feedback` events (处置反馈) in the period, every result a department
  reported; 返工数 `reworked`: `rework` events in the period; 返工率 = 返工数 / 处置数.
- 延期数 `extended`: `extend` events in the period.
- 平均处置时长 (hours, natural time): over 结案数, the mean of closed_at − dispatched_at
  (from the last dispatch to closure); `hours_sum` holds the total.
- 三率 over valid callbacks: cases whose (latest) callback is in the period are the valid
  callbacks `callbacks` (未联系上 counts: it is what 响应率 measures); 响应率 = contacted /
  callbacks; 解决率 = solved / callbacks; 满意率 = (satisfied + 0.9 × basic) / callbacks;
  综合指数 = w_response·响应率 + w_solve·解决率 + w_satisfaction·满意率 with the weights of
  CenterSettings.index_weights.
- Joint handling (协办, db/stats/definitions.py CO_HANDLED, CO_ON_TIME_RATE), counted apart
  from the lead's figures above and attributed to the co-department (by department) or to
  the case's community and grid: 协办件数 `co_handled` = co tracks dispatched in the period,
  released ones excluded; 协办应反馈 `co_due` = tracks fed back in the period plus tracks whose
  own deadline falls in the period (before `as_of`) not fed back by its end, released ones
  excluded; 协办按期反馈 `co_on_time` = tracks fed back in the period by their deadline;
  协办按期率 = co_on_time / co_due. A department added again after its track ended counts its
  latest track.

A rate whose denominator is 0 is None (shown empty).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from db.cases.co_tracks import CoState
from db.cases.states import Action, Satisfaction, Source, Status
from db.models import Case, CaseDepartment, CaseEvent
from db.query_hints import unindexed, unindexed_on
from db.reference.settings_store import load_settings
from db.reference.streets import in_street
from db.stats.definitions import dispatch_kept, on_time_rate
from db.stats.rollups.read import (
    Narrowing,
    extra_dispatch_days,
    sums,
    suspended_counts,
    suspended_ids,
    suspended_raw,
)

GROUPS = ("street", "community", "grid", "department")

_NEVER = datetime(9999, 1, 1, tzinfo=UTC)

DEFAULT_WEIGHTS: Mapping[str, float] = {"response": 0.1, "solve": 0.5, "satisfaction": 0.4}


@dataclass(frozen=True)
class Scope:
    """Which cases a return covers: the whole database, one street (街道, on a district
    database), one community and/or one department."""

    community_id: int | None = None
    department_id: int | None = None
    street_id: int | None = None

    def narrowing(self) -> Narrowing:
        """The scope as a roll-up narrowing."""
        return Narrowing(self.community_id, self.department_id, street_id=self.street_id)


@dataclass
class Indices:
    """The counts of one row of a return; the rates are derived properties."""

    reported: int = 0
    patrol: int = 0
    registered: int = 0
    dispatched: int = 0
    due: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    handled: int = 0
    reworked: int = 0
    extended: int = 0
    suspended: int = 0
    hours_sum: float = 0.0
    callbacks: int = 0
    contacted: int = 0
    solved: int = 0
    satisfied: int = 0
    basic: int = 0
    co_handled: int = 0
    co_due: int = 0
    co_on_time: int = 0
    merged: int = 0  # reports merged (合并) into another case in the period: not cases

    def __add__(self, other: Indices) -> Indices:
        return Indices(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def closed_late(self) -> int:
        return self.closed - self.closed_on_time

    @property
    def close_rate(self) -> float | None:
        return ratio(self.closed, self.due)

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.closed_on_time, self.due, self.closed)

    @property
    def co_on_time_rate(self) -> float | None:
        return ratio(self.co_on_time, self.co_due)

    @property
    def rework_rate(self) -> float | None:
        return ratio(self.reworked, self.handled)

    @property
    def patrol_share(self) -> float | None:
        return ratio(self.patrol, self.reported)

    @property
    def avg_hours(self) -> float | None:
        return ratio(self.hours_sum, self.closed)

    @property
    def response_rate(self) -> float | None:
        return ratio(self.contacted, self.callbacks)

    @property
    def solve_rate(self) -> float | None:
        return ratio(self.solved, self.callbacks)

    @property
    def satisfaction_rate(self) -> float | None:
        return ratio(self.satisfied + 0.9 * self.basic, self.callbacks)

    def composite(self, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float | None:
        """综合指数; the same arithmetic (and order) as the Excel formula of the returns."""
        if not self.callbacks:
            return None
        r, s, m = self.response_rate, self.solve_rate, self.satisfaction_rate
        assert r is not None and s is not None and m is not None
        return (
            weights.get("response", 0.0) * r
            + weights.get("solve", 0.0) * s
            + weights.get("satisfaction", 0.0) * m
        )


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _key(group: str) -> Any:
    if group == "street":
        return literal(0)
    if group == "community":
        return Case.community_id
    if group == "grid":
        return Case.grid_id
    if group == "department":
        return Case.department_id
    raise ValueError(f"unknown group {group!r}")


def _scoped(scope: Scope, session: Session | None = None) -> list[ColumnElement[bool]]:
    """The scope's conditions; with `session`, kept off SQLite's indexes (`unindexed`): for
    the queries whose time range should pick the rows — a month of a department's closures
    read by the department index meant all its cases ever (0.5 s on the 1M-case street)."""

    def col(column: Any) -> Any:
        return column if session is None else unindexed(session, column)

    conditions: list[ColumnElement[bool]] = []
    if scope.street_id is not None:
        conditions.append(in_street(col(Case.community_id), scope.street_id))
    if scope.community_id is not None:
        conditions.append(col(Case.community_id) == scope.community_id)
    if scope.department_id is not None:
        conditions.append(col(Case.department_id) == scope.department_id)
    return conditions


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _hours(session: Session, later: Any, earlier: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 24.0
    return func.extract("epoch", later - earlier) / 3600.0


LONG_PERIOD = timedelta(days=92)


_ROLLUP_GROUP = {
    "street": None,
    "community": "community_id",
    "grid": "grid_id",
    "department": "department_id",
}
_ROLLUP_MEASURES = (
    "reported",
    "registered",
    "dispatched_cases",
    "handled",
    "reworked",
    "extended",
    "merged_cases",
    "closed",
    "closed_on_time",
    "hours_sum",
    "callbacks",
    "contacted",
    "solved",
    "satisfied",
    "basic",
)


def _from_rollups(
    session: Session,
    start: datetime,
    end: datetime,
    group: str,
    scope: Scope,
    rows: dict[int | None, Indices],
) -> bool:
    """Fill the day-summable counts of `rows` from the roll-ups; False when they cannot answer
    (a period not of whole local days, no roll-ups yet: the raw queries below then do)."""
    if group not in _ROLLUP_GROUP:
        raise ValueError(f"unknown group {group!r}")
    column = _ROLLUP_GROUP[group]
    got = sums(
        session,
        start,
        end,
        load_settings(session).tz,
        ([column] if column else []) + ["source"],
        _ROLLUP_MEASURES,
        scope.narrowing(),
    )
    if got is None:
        return False
    for key, values in got.items():
        if not any(values):
            continue
        k: int | None = 0 if column is None else int(key[0])
        if group == "department" and k == 0:
            k = None
        source = key[-1]
        v = dict(zip(_ROLLUP_MEASURES, values, strict=True))
        row = rows[k]
        row.reported += int(v["reported"])
        if source == Source.PATROL.value:
            row.patrol += int(v["reported"])
        row.registered += int(v["registered"])
        row.dispatched += int(v["dispatched_cases"])
        row.handled += int(v["handled"])
        row.reworked += int(v["reworked"])
        row.extended += int(v["extended"])
        row.merged += int(v["merged_cases"])
        closed, on_time = int(v["closed"]), int(v["closed_on_time"])
        row.closed += closed
        row.closed_on_time += on_time
        row.hours_sum += float(v["hours_sum"])
        row.due += closed
        row.overdue += closed - on_time
        row.callbacks += int(v["callbacks"])
        row.contacted += int(v["contacted"])
        row.solved += int(v["solved"])
        row.satisfied += int(v["satisfied"])
        row.basic += int(v["basic"])
    return True


def compute_indices(
    session: Session,
    start: datetime,
    end: datetime,
    group: str = "street",
    scope: Scope = Scope(),
    as_of: datetime | None = None,
) -> dict[int | None, Indices]:
    """The indices of every group key (community / grid / department id, or 0 for the street)
    that has any activity in [start, end). Keys without activity are absent."""
    scoped = _scoped(scope, session)
    snapshot = min(end, as_of) if as_of is not None else end
    rows: dict[int | None, Indices] = defaultdict(Indices)
    # Over a long period most rows qualify, and on SQLite a plain table scan beats an index
    # range plus a lookup per row (a year of 1M cases: events 7 s → 1.7 s, see bench/reports.py).
    # `+column` and `key + 0` keep SQLite's planner off the indexes; results are the same.
    scan = session.get_bind().dialect.name == "sqlite" and end - start > LONG_PERIOD
    plain = _key(group)
    key = (plain + 0 if scan else plain).label("k")

    def col(column: Any) -> Any:
        return unindexed_on("sqlite", column) if scan else column

    # Counts of days (reported, events, 结案, 合并, callbacks) from the daily roll-ups when the
    # period is made of whole local days (db/stats/rollups); 派遣 counts each case once over the
    # period: the roll-ups' per-day sums, less the days beyond the first of the cases dispatched
    # on more than one day of it (kept in the roll-ups too). 挂账 (a state at the period's end)
    # and 应结未结 (a state at the end) are not sums of days and stay raw.
    from_rollups = _from_rollups(session, start, end, group, scope, rows)
    # The scope by place (street, community) and the group's column in the per-case roll-ups
    # (`stats_dispatch_days`, `stats_suspend_events` carry each case's grid and community): a
    # street's 派遣 correction and 挂账 are read there, not by looking up each case of the
    # district in `cases`. A department (group or scope) is the case's own: from `cases`.
    place = Narrowing(scope.community_id, street_id=scope.street_id)
    by_place = group != "department" and scope.department_id is None
    column = _ROLLUP_GROUP[group]
    if from_rollups:
        extra = extra_dispatch_days(
            session,
            start,
            end,
            load_settings(session).tz,
            plain,
            scoped,
            place=(column, place) if by_place else None,
        )
        if extra is None:  # the roll-ups were cleared meanwhile: all from the raw rows
            rows.clear()
            from_rollups = False
        else:
            for k, n in extra.items():
                rows[k].dispatched -= n
    if not from_rollups:
        # Cases reported in the period.
        in_reported = and_(Case.reported_at >= start, Case.reported_at < end, *scoped)
        for k, reported, patrol in session.execute(
            select(key, func.count(), _count_if(Case.source == Source.PATROL.value))
            .where(in_reported)
            .group_by(key)
        ):
            row = rows[k]
            row.reported, row.patrol = int(reported), int(patrol)

        # Events in the period.
        actions = [
            Action.REGISTER.value,
            Action.DISPATCH.value,
            Action.REDISPATCH.value,
            Action.FEEDBACK.value,
            Action.REWORK.value,
            Action.EXTEND.value,
        ]
        dispatch_like = dispatch_kept()
        for k, registered, dispatched, handled, reworked, extended in session.execute(
            select(
                key,
                _count_if(CaseEvent.action == Action.REGISTER.value),
                func.count(distinct(case((dispatch_like, CaseEvent.case_id)))),
                _count_if(CaseEvent.action == Action.FEEDBACK.value),
                _count_if(CaseEvent.action == Action.REWORK.value),
                _count_if(CaseEvent.action == Action.EXTEND.value),
            )
            .select_from(CaseEvent)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                col(CaseEvent.action).in_(actions),
                col(CaseEvent.at) >= start,
                col(CaseEvent.at) < end,
                *scoped,
            )
            .group_by(key)
        ):
            row = rows[k]
            row.registered, row.dispatched = int(registered), int(dispatched)
            row.handled, row.reworked, row.extended = int(handled), int(reworked), int(extended)

        # Cases closed (结案) in the period.
        for k, closed, late, hours in session.execute(
            select(
                key,
                func.count(),
                _count_if(Case.ever_overdue),
                func.coalesce(func.sum(_hours(session, Case.closed_at, Case.dispatched_at)), 0.0),
            )
            .where(
                col(Case.closed_at) >= start,
                col(Case.closed_at) < end,
                Case.status == Status.CLOSED.value,
                *scoped,
            )
            .group_by(key)
        ):
            row = rows[k]
            row.closed, row.closed_on_time = int(closed), int(closed) - int(late)
            row.hours_sum = float(hours)
            row.due += int(closed)
            row.overdue += int(late)

        # Reports merged into another case (合并) in the period: counted apart from the cases.
        for k, merged in session.execute(
            select(key, func.count())
            .where(
                col(Case.closed_at) >= start,
                col(Case.closed_at) < end,
                Case.status == Status.MERGED.value,
                *scoped,
            )
            .group_by(key)
        ):
            rows[k].merged = int(merged)

    # 挂账 at the end of the period (narrowed by place in `stats_suspend_events` when the
    # roll-ups answered above, else from the events; the statements narrow them further).
    by_rollups = suspended_ids(session, snapshot, place) if from_rollups else None
    suspended = suspended_raw(snapshot) if by_rollups is None else by_rollups
    counted = (
        suspended_counts(session, snapshot, column, place, key, scoped)
        if from_rollups and by_place
        else None
    )
    if counted is None:
        counted = {
            k: int(n)
            for k, n in session.execute(
                select(key, func.count()).where(Case.id.in_(suspended), *scoped).group_by(key)
            )
        }
    for k, count in counted.items():
        rows[k].suspended = int(count)

    # Due in the period and not closed by its end (挂账 cases excluded): the cases still open
    # (an open case has no closed_at) plus those closed (结案) after the period. Two queries,
    # each on an index (is_open / closed_at), instead of a scan of every case.
    due_in_period = and_(Case.handle_due >= start, Case.handle_due < snapshot, *scoped)
    for part in (
        and_(Case.is_open == true(), not_(Case.id.in_(suspended))),
        # The upper bound (never reached) makes SQLite's planner take the closed_at index.
        and_(Case.status == Status.CLOSED.value, Case.closed_at >= end, Case.closed_at < _NEVER),
    ):
        for k, due, overdue in session.execute(
            select(
                key,
                func.count(),
                _count_if(or_(Case.ever_overdue, Case.handle_due < snapshot)),
            )
            .where(part, due_in_period)
            .group_by(key)
        ):
            row = rows[k]
            row.due += int(due)
            row.overdue += int(overdue)

    # Valid callbacks whose latest callback is in the period (from the roll-ups when they
    # answered above).
    if not from_rollups:
        callback_ids = select(CaseEvent.case_id).where(
            CaseEvent.action == Action.CALLBACK.value, CaseEvent.at >= start, CaseEvent.at < end
        )
        for k, callbacks, contacted, solved, satisfied, basic in session.execute(
            select(
                key,
                func.count(),
                _count_if(Case.callback_contacted.is_(True)),
                _count_if(Case.callback_solved.is_(True)),
                _count_if(Case.satisfaction == Satisfaction.SATISFIED.value),
                _count_if(Case.satisfaction == Satisfaction.BASIC.value),
            )
            .where(
                *([] if scan else [Case.id.in_(callback_ids)]),
                col(Case.callback_at) >= start,
                col(Case.callback_at) < end,
                *scoped,
            )
            .group_by(key)
        ):
            row = rows[k]
            row.callbacks, row.contacted, row.solved = int(callbacks), int(contacted), int(solved)
            row.satisfied, row.basic = int(satisfied), int(basic)
    _co_handling(session, start, end, snapshot, group, scope, rows)
    return dict(rows)


def _co_handling(
    session: Session,
    start: datetime,
    end: datetime,
    snapshot: datetime,
    group: str,
    scope: Scope,
    rows: dict[int | None, Indices],
) -> None:
    """Add the joint-handling counts (协办件数, 协办应反馈, 协办按期反馈) to `rows`."""
    track = CaseDepartment
    key = (track.department_id if group == "department" else _key(group)).label("k")
    scoped: list[ColumnElement[bool]] = [track.state != CoState.RELEASED.value]
    if scope.street_id is not None:
        scoped.append(in_street(Case.community_id, scope.street_id))
    if scope.community_id is not None:
        scoped.append(Case.community_id == scope.community_id)
    if scope.department_id is not None:
        scoped.append(track.department_id == scope.department_id)
    fed_back = track.state == CoState.FED_BACK.value

    def counts(*columns: Any, where: ColumnElement[bool]) -> Any:
        return session.execute(
            select(key, *columns)
            .select_from(track)
            .join(Case, Case.id == track.case_id)
            .where(where, *scoped)
            .group_by(key)
        )

    for k, handled in counts(
        func.count(), where=and_(track.dispatched_at >= start, track.dispatched_at < end)
    ):
        rows[k].co_handled = int(handled)
    in_period = and_(fed_back, track.feedback_at >= start, track.feedback_at < end)
    for k, due, on_time in counts(
        func.count(), _count_if(track.feedback_at <= track.due_at), where=in_period
    ):
        rows[k].co_due += int(due)
        rows[k].co_on_time += int(on_time)
    still_owed = and_(
        track.due_at >= start,
        track.due_at < snapshot,
        or_(track.feedback_at.is_(None), track.feedback_at >= end),
    )
    for k, due in counts(func.count(), where=still_owed):
        rows[k].co_due += int(due)


def total(rows: Iterable[Indices]) -> Indices:
    result = Indices()
    for row in rows:
        result = result + row
    return result


@dataclass(frozen=True)
class DailyCount:
    day: date
    reported: int
    closed: int


def _fixed_offset(tz: ZoneInfo, start: datetime, end: datetime) -> timedelta | None:
    """The zone's UTC offset if it does not change within [start, end] (no DST), else None."""
    offsets = set()
    moment = start
    while moment <= end:
        offsets.add(moment.astimezone(tz).utcoffset())
        moment += timedelta(days=7)
    offsets.add(end.astimezone(tz).utcoffset())
    if len(offsets) == 1:
        offset = offsets.pop()
        return offset if offset is not None else timedelta(0)
    return None


def _local_day(session: Session, column: Any, tz: ZoneInfo, offset: timedelta) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        minutes = int(offset.total_seconds() // 60)
        return func.date(column, f"{minutes:+d} minutes")
    return func.to_char(func.timezone(tz.key, column), "YYYY-MM-DD")


def daily_counts(
    session: Session,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    scope: Scope = Scope(),
) -> list[DailyCount]:
    """Cases reported (上报) and closed (结案, as in `compute_indices`) per local day (from the
    roll-ups when they can answer)."""
    scoped = _scoped(scope, session)
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    got = sums(
        session,
        start,
        end,
        tz,
        ("day",),
        ("reported", "closed"),
        scope.narrowing(),
    )
    if got is not None:
        by_day = {key[0]: values for key, values in got.items()}
        return [
            DailyCount(d, int(by_day.get(d, [0, 0])[0]), int(by_day.get(d, [0, 0])[1]))
            for d in days
        ]
    reported: dict[date, int] = defaultdict(int)
    closed: dict[date, int] = defaultdict(int)
    offset = _fixed_offset(tz, start, end)
    for column, where, target in (
        (Case.reported_at, [Case.reported_at >= start, Case.reported_at < end], reported),
        (
            Case.closed_at,
            [Case.closed_at >= start, Case.closed_at < end, Case.status == Status.CLOSED.value],
            closed,
        ),
    ):
        if offset is not None or session.get_bind().dialect.name != "sqlite":
            day = _local_day(session, column, tz, offset or timedelta(0)).label("d")
            for text, count in session.execute(
                select(day, func.count()).where(*where, *scoped).group_by(day)
            ):
                target[date.fromisoformat(str(text))] += int(count)
        else:  # a zone with DST on SQLite: bucket in Python
            for (moment,) in session.execute(select(column).where(*where, *scoped)):
                if moment is not None:
                    target[moment.astimezone(tz).date()] += 1
    return [DailyCount(d, reported[d], closed[d]) for d in days]


def category_counts(
    session: Session, start: datetime, end: datetime, scope: Scope = Scope()
) -> dict[int, int]:
    """Cases reported in [start, end) per 小类 (category id)."""
    got = sums(
        session,
        start,
        end,
        load_settings(session).tz,
        ("category_id",),
        ("reported",),
        scope.narrowing(),
    )
    if got is not None:
        return {int(k[0]): int(v[0]) for k, v in got.items() if v[0]}
    return {
        int(cat): int(count)
        for cat, count in session.execute(
            select(Case.category_id, func.count())
            .where(Case.reported_at >= start, Case.reported_at < end, *_scoped(scope, session))
            .group_by(Case.category_id)
        )
    }

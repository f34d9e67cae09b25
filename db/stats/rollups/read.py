"""Reading the figures from the roll-ups: the stored rows for past days that no pending change
touched, the same slice statement over the raw rows for the rest (today, days after the last
catch-up, days touched by a late change not folded in yet) — so the answer is exact whatever
the catch-up's progress.

A reader gets `None` (and computes from the raw rows, as before) when the roll-ups cannot
answer exactly: a period not made of whole local days, another time zone than the roll-ups',
or no roll-ups yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from db.cases.states import Action
from db.engine import Database
from db.models import (
    Case,
    CaseChange,
    CaseEvent,
    Category,
    StatsDispatchDays,
    StatsSuspendEvents,
)
from db.query_hints import unindexed_on
from db.reference.settings_store import load_settings
from db.reference.streets import in_street
from db.stats.periods import as_date, local_midnight
from db.stats.rollups.build import (
    KEY,
    LEVELS,
    MEASURES,
    MONTH_LEVELS,
    DayRange,
    State,
    catch_up,
    changed_cases,
    events_by_case,
    kept_dispatch_days,
    needs_rebuild,
    pending_days,
    ranges_of,
    read_state,
    slice_rows,
)

# A missing or outdated roll-up is rebuilt on the way (statistics page, returns) only for a
# database this small (seconds); a bigger one waits for `griddesk-admin rollup rebuild`.
AUTO_REBUILD_MAX_CASES = 50_000

# Roll-ups are used for a period of at least this many days (a day or two: live is as fast).
MIN_DAYS = 2


@dataclass(frozen=True)
class Narrowing:
    """Which cases to count: by community, department (0: none), 小类 or whole 大类, grid,
    street (街道: its communities' cases — a district database holds several streets)."""

    community_id: int | None = None
    department_id: int | None = None
    category_id: int | None = None
    major_id: int | None = None
    grid_id: int | None = None
    street_id: int | None = None

    def columns(self) -> set[str]:
        """The roll-up columns the narrowing filters on."""
        out = set()
        if self.street_id is not None:
            out.add("street_id")
        if self.community_id is not None:
            out.add("community_id")
        if self.department_id is not None:
            out.add("department_id")
        if self.grid_id is not None:
            out.add("grid_id")
        if self.category_id is not None or self.major_id is not None:
            out.add("category_id")
        return out

    def on_rollups(self, table: Any) -> list[ColumnElement[bool]]:
        out = self._conditions(
            getattr(table, "community_id", None),
            getattr(table, "department_id", None),
            getattr(table, "category_id", None),
            getattr(table, "grid_id", None),
        )
        if self.street_id is not None:
            street = getattr(table, "street_id", None)
            if street is not None:
                out.insert(0, street == self.street_id)
            else:
                out.insert(0, in_street(table.community_id, self.street_id))
        return out

    def on_cases(self, dialect: str = "") -> ColumnElement[bool]:
        """On the cases of a few live days: the days' time range, not the narrowing, should
        pick the rows (`unindexed` on SQLite: a community's index meant every case it ever had,
        each joined to its history, 2.4 s on the 1M-case street)."""
        conditions = self._conditions(
            unindexed_on(dialect, Case.community_id),
            func.coalesce(Case.department_id, 0),
            unindexed_on(dialect, Case.category_id),
            unindexed_on(dialect, Case.grid_id),
        )
        if self.street_id is not None:
            conditions.insert(
                0, in_street(unindexed_on(dialect, Case.community_id), self.street_id)
            )
        return and_(true(), *conditions)

    def _conditions(
        self, community: Any, department: Any, category: Any, grid: Any
    ) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.community_id is not None:
            out.append(community == self.community_id)
        if self.department_id is not None:
            out.append(department == self.department_id)
        if self.grid_id is not None:
            out.append(grid == self.grid_id)
        if self.category_id is not None:
            out.append(category == self.category_id)
        elif self.major_id is not None:
            out.append(category.in_(select(Category.id).where(Category.major_id == self.major_id)))
        return out


def whole_days(start: datetime, end: datetime, tz: ZoneInfo) -> tuple[date, date] | None:
    """First and last local day if `[start, end)` is made of whole local days."""
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    if local_midnight(first, tz) != start or local_midnight(last + timedelta(days=1), tz) != end:
        return None
    return first, last


@dataclass(frozen=True)
class Plan:
    stored: list[DayRange]
    live: list[DayRange]


def plan(session: Session, first: date, last: date, tz: ZoneInfo) -> Plan | None:
    state = read_state(session)
    if state is None or state.through is None or state.timezone != tz.key:
        return None
    touched = pending_days(session, state, tz)[0] if first <= state.through else set()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    stored = [d for d in days if d <= state.through and d not in touched]
    live = [d for d in days if d > state.through or d in touched]
    return Plan(ranges_of(stored), ranges_of(live))


def whole_months(ranges: Sequence[DayRange]) -> tuple[list[date], list[DayRange]]:
    """The calendar months (first days) that `ranges` cover whole, and the days left over."""
    months: list[date] = []
    rest: list[DayRange] = []
    for a, b in ranges:
        cursor = a
        while cursor <= b:
            month_end = (cursor.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(
                days=1
            )
            if cursor.day == 1 and month_end <= b:
                months.append(cursor)
                cursor = month_end + timedelta(days=1)
                continue
            end = min(b, month_end)
            if rest and rest[-1][1] + timedelta(days=1) == cursor:
                rest[-1] = (rest[-1][0], end)
            else:
                rest.append((cursor, end))
            cursor = end + timedelta(days=1)
    return months, rest


def sums(
    session: Session,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    group: Sequence[str],
    measures: Sequence[str],
    narrowing: Narrowing = Narrowing(),
) -> dict[tuple[Any, ...], list[float]] | None:
    """`measures` summed over `[start, end)` per `group` (names of KEY), or None when the
    roll-ups cannot answer exactly (the caller computes from the raw rows)."""
    days = whole_days(start, end, tz)
    if days is None or (days[1] - days[0]).days + 1 < MIN_DAYS:
        return None
    p = plan(session, days[0], days[1], tz)
    if p is None:
        return None
    out: dict[tuple[Any, ...], list[float]] = {}

    def add(key: tuple[Any, ...], values: Sequence[float]) -> None:
        row = out.get(key)
        if row is None:
            out[key] = list(values)
        else:
            for i, v in enumerate(values):
                row[i] += v

    needed = set(group) | narrowing.columns()
    stored = p.stored
    month_level = next((m for m in MONTH_LEVELS if needed <= m.answers), None)
    if stored and month_level is not None:
        # Whole months the roll-ups hold every day of: from the month rows.
        months, stored = whole_months(stored)
        if months:
            t = month_level.table
            keys = [getattr(t, name) for name in group]
            stmt = (
                select(*keys, *[func.sum(getattr(t, m)) for m in measures])
                .where(t.month.in_(months), *narrowing.on_rollups(t))
                .group_by(*keys)
            )
            for r in session.execute(stmt):
                add(tuple(r[: len(group)]), [v or 0 for v in r[len(group) :]])
    if stored:
        level = next(lv for lv in LEVELS if needed <= lv.answers)
        t = level.table
        keys = [getattr(t, name) for name in group]
        stmt = (
            select(*keys, *[func.sum(getattr(t, m)) for m in measures])
            .where(
                or_(*[and_(t.day >= a, t.day <= b) for a, b in stored]),
                *narrowing.on_rollups(t),
            )
            .group_by(*keys)
        )
        n = len(group)
        for r in session.execute(stmt):
            key = tuple(
                as_date(v) if name == "day" else v for name, v in zip(group, r[:n], strict=False)
            )
            add(key, [v or 0 for v in r[n:]])
    if p.live:
        where = [KEY.index(name) for name in group]
        picked = [MEASURES.index(m) for m in measures]
        for k, values in slice_rows(
            session, p.live, tz, narrowing.on_cases(session.get_bind().dialect.name), measures
        ).items():
            add(tuple(k[i] for i in where), [values[i] for i in picked])
    return out


# The columns `stats_dispatch_days` and `stats_suspend_events` carry of each case (its place).
PLACE_COLUMNS = frozenset({"street_id", "community_id", "grid_id"})


def placed(narrowing: Narrowing) -> bool:
    """Whether `narrowing` is by place alone (street, community, grid): the per-case roll-ups
    can narrow by it without the cases."""
    return narrowing.columns() <= PLACE_COLUMNS and narrowing.major_id is None


def _changed_since(state: State) -> Select[int]:
    """The ids of the cases changed since the watermark (their per-case rows may be stale)."""
    return select(CaseChange.case_id).where(CaseChange.seq > state.seq)


def extra_dispatch_days(
    session: Session,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    key: Any,
    conditions: Sequence[ColumnElement[bool]] = (),
    *,
    place: tuple[str | None, Narrowing] | None = None,
) -> dict[Any, int] | None:
    """Per group `key` (an expression over Case), the kept 派遣/改派 days in `[start, end)` of
    each case beyond its first: a period's 派遣 (each case once, definitions.DISPATCHED) is the
    daily `dispatched_cases` summed less this. Read from `stats_dispatch_days` for the cases
    unchanged since the last catch-up and from the events for the others; None when the
    roll-ups cannot answer (`sums` returns None then too).

    `place` — (the group's column of the table: "grid_id", "community_id", or None for one
    total under the key 0; the narrowing by place alone that `conditions` say) — lets the
    unchanged cases be grouped and narrowed by the table's own grid and community, without a
    lookup of each case in `cases` (a street of a district: 35,000 random reads for a year)."""
    days = whole_days(start, end, tz)
    state = read_state(session)
    if days is None or state is None or state.through is None or state.timezone != tz.key:
        return None
    changed = changed_cases(session, state)
    out: dict[Any, int] = {}
    t = StatsDispatchDays
    in_days = (t.day >= days[0], t.day <= days[1])
    if place is not None and placed(place[1]):
        column, narrowing = place
        group = getattr(t, column) if column is not None else literal(0)
        found = session.execute(
            select(group, t.case_id, func.count())
            .where(*in_days, *narrowing.on_rollups(t))
            .group_by(t.case_id, *([group] if column is not None else []))
            .having(func.count() > 1)
        )
    else:
        # The cases with more than one day in the period first (from the table alone), then
        # their group and scope from `cases`: only those cases' rows are read.
        per_case = (
            select(t.case_id, func.count().label("n"))
            .where(*in_days)
            .group_by(t.case_id)
            .having(func.count() > 1)
            .subquery()
        )
        found = session.execute(
            select(key, per_case.c.case_id, per_case.c.n)
            .select_from(per_case)
            .join(Case, Case.id == per_case.c.case_id)
            .where(*conditions)
        )
    for k, cid, count in found:
        if int(cid) not in changed:
            out[k] = out.get(k, 0) + int(count) - 1
    # The changed cases: from their events (the same definition, definitions.kept_dispatches).
    ids = sorted(changed)
    events = events_by_case(session, ids, tz)
    extra = {
        cid: n - 1
        for cid in ids
        if (n := sum(days[0] <= d <= days[1] for d in kept_dispatch_days(events[cid]))) > 1
    }
    many = sorted(extra)
    for chunk_start in range(0, len(many), 900):
        chunk = many[chunk_start : chunk_start + 900]
        for k, cid in session.execute(select(key, Case.id).where(Case.id.in_(chunk), *conditions)):
            out[k] = out.get(k, 0) + extra[int(cid)]
    return out


def suspended_raw(end: datetime) -> Select[int]:
    """Ids of the cases in 挂账 at `end`, from the events: their last suspend/resume event
    before it is a suspend.

    Read from ix_case_events_action_at_case alone (action, at, case_id) and narrowed to a
    scope by the statement it is used in: joining the events to their cases first, to narrow
    them to a street, would look up every suspend/resume event's case (10 streets: 177,000
    random reads of `cases`, 3 s) to keep the 10% of them that are the street's. With the
    roll-ups, `stats_suspend_events` narrows them by place first (`suspended_ids`)."""
    last_suspend = func.max(case((CaseEvent.action == Action.SUSPEND.value, CaseEvent.at)))
    last_resume = func.max(case((CaseEvent.action == Action.RESUME.value, CaseEvent.at)))
    return (
        select(CaseEvent.case_id)
        .where(
            CaseEvent.action.in_([Action.SUSPEND.value, Action.RESUME.value]),
            CaseEvent.at < end,
        )
        .group_by(CaseEvent.case_id)
        .having(or_(last_resume.is_(None), last_suspend > last_resume))
    )


def _suspended_stored(
    state: State, end: datetime, narrowing: Narrowing, *columns: Any
) -> Select[Any]:
    """Per case unchanged since the watermark and in 挂账 at `end` within the place
    `narrowing`: its id and `columns` of `stats_suspend_events` (the same rule as
    `suspended_raw`)."""
    t = StatsSuspendEvents
    last_suspend = func.max(case((t.suspend, t.at)))
    last_resume = func.max(case((t.suspend.is_(False), t.at)))
    return (
        select(t.case_id, *columns)
        .where(t.at < end, *narrowing.on_rollups(t), t.case_id.not_in(_changed_since(state)))
        .group_by(t.case_id, *columns)
        .having(or_(last_resume.is_(None), last_suspend > last_resume))
    )


def _suspended_changed(state: State, end: datetime) -> Select[int]:
    """The cases changed since the watermark that are in 挂账 at `end`, from their events
    (their rows in `stats_suspend_events` may be stale)."""
    return suspended_raw(end).where(CaseEvent.case_id.in_(_changed_since(state)))


def suspended_ids(
    session: Session, end: datetime, narrowing: Narrowing
) -> CompoundSelect[int] | None:
    """Ids of the cases in 挂账 at `end`, narrowed by the place `narrowing` (street, community,
    grid) — or more: the statement it is used in narrows it too. From `stats_suspend_events`
    (one index range per community) for the cases unchanged since the last catch-up, from the
    events for the others; None when there are no roll-ups or `narrowing` is not by place."""
    state = read_state(session)
    if state is None or state.through is None or not placed(narrowing):
        return None
    stored = _suspended_stored(state, end, narrowing)
    return select(stored.subquery().c.case_id).union_all(_suspended_changed(state, end))


def suspended_counts(
    session: Session,
    end: datetime,
    column: str | None,
    narrowing: Narrowing,
    key: Any,
    conditions: Sequence[ColumnElement[bool]] = (),
) -> dict[Any, int] | None:
    """How many cases are in 挂账 at `end` per the table's `column` ("grid_id", "community_id";
    None: one count under the key 0) within the place `narrowing`: the unchanged cases counted
    in `stats_suspend_events` alone, the changed ones from the events and `cases` (grouped by
    `key`, narrowed by `conditions`, the same as `column` and `narrowing` on `cases`). None
    when there are no roll-ups or `narrowing` is not by place."""
    state = read_state(session)
    if state is None or state.through is None or not placed(narrowing):
        return None
    t = StatsSuspendEvents
    columns = [getattr(t, column)] if column is not None else []
    per_case = _suspended_stored(state, end, narrowing, *columns).subquery()
    group = per_case.c[column] if column is not None else literal(0)
    out: dict[Any, int] = {}
    stmt = select(group, func.count()).select_from(per_case)
    if column is not None:
        stmt = stmt.group_by(group)
    changed = _suspended_changed(state, end)
    for statement in (
        stmt,
        select(key, func.count()).where(Case.id.in_(changed), *conditions).group_by(key),
    ):
        for k, n in session.execute(statement):
            if n:
                out[k] = out.get(k, 0) + int(n)
    return out


def behind(session: Session, now: datetime | None = None) -> bool:
    """The roll-ups miss changes or days that ended (a catch-up has work to do)."""
    state = read_state(session)
    if state is None or state.through is None:
        return True
    tz = ZoneInfo(state.timezone) if state.timezone else None
    if tz is None:
        return True
    yesterday = (now or datetime.now(UTC)).astimezone(tz).date() - timedelta(days=1)
    if state.through < yesterday:
        return True
    newest = session.scalar(select(func.max(CaseChange.seq)))
    return newest is not None and int(newest) > state.seq


def refresh(db: Database, now: datetime | None = None) -> bool:
    """Run a catch-up when the roll-ups are behind (the readers are exact either way; this
    keeps their live part small). Best effort: a busy or read-only database leaves it for
    later. True when a catch-up ran."""
    from db.errors import StorageError

    with db.read() as session:
        if not behind(session, now):
            return False
        state = read_state(session)
        tz = load_settings(session).tz
        position = int(session.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)
        if needs_rebuild(session, state, tz, position):
            # A rebuild of a big database takes minutes: not behind a page that is opening.
            # The figures stay exact (from the raw rows) until `rollup rebuild` runs.
            cases = int(session.scalar(select(func.count()).select_from(Case)) or 0)
            if cases > AUTO_REBUILD_MAX_CASES:
                return False
    try:
        with db.write() as session:
            catch_up(session, now=now)
    except StorageError:
        return False
    return True

"""Building the daily roll-ups (`stats_daily`) from the raw rows, and keeping them current.

What a row counts (each dated by its own moment, in the center's local days; the case's
grid / community / 小类 / department / source as they are now, as the returns attribute them):
- `reported`: cases reported that day (`reported_at`).
- event counts, by the event's day: `registered` (立案), `dispatch_events` (派遣/改派 not taken
  back, `definitions.dispatch_kept`; events, not distinct cases), `accepted`, `returned` (退单),
  `handled` (处置反馈), `reworked` (返工), `extended` (延期), `suspend_events` (挂账), `urged` (催办),
  `rejected` (不予立案), `merged` (合并); `dispatched_cases`: cases with such a kept dispatch
  that day (each once a day: a period's 派遣 of definitions.DISPATCHED is their sum less the
  cases dispatched on more than one of its days, db/stats/indices.py).
- `closed`, `closed_on_time`, `hours_sum`: 结案 on that day (`closed_at`, status 结案), those never
  overdue, and the sum of dispatched → closed hours (definitions.CLOSED / ON_TIME_RATE);
  `merged_cases`: reports merged into another case (status 合并) with `closed_at` that day.

Beside the day rows, `stats_dispatch_days` keeps the kept-dispatch days of every case that has
more than one (a period's 派遣 counts a case once: the daily `dispatched_cases` summed, less
those cases' extra days in the period — db/stats/indices.py), as of the last catch-up; readers
take the cases changed since from the events. `stats_suspend_events` keeps every 挂账 / 解挂
event (a period's 挂账 at its end). Both carry each case's grid and community, so a street's,
a community's or a grid's figures are narrowed and grouped there, not by a lookup of each case.
- `callbacks`, `contacted`, `solved`, `satisfied`, `basic`: cases whose callback (`callback_at`) is
  on that day, and of them the contacted / solved / 满意 / 基本满意 ones.

The one slice statement per measure (`_slice_parts`, run by `slice_rows`) is both how the table
is built and how the readers compute the days they cannot take from it (today, and days touched
by a change the catch-up has not folded in yet), so a figure is the same either way. A rebuild
runs them once over all the days inside one INSERT … SELECT and sums the coarser tables and the
months from the day rows in SQL; the footprints too are one INSERT … SELECT.

Maintenance is a catch-up, not work in the writing transaction (a dispatch stays as cheap as
it was): `catch_up` reads the change log (`case_changes`) after its watermark, finds the days
each changed case counts on — now (its timestamps and its events) and before (its stored
footprint, `stats_case_days`) — and recomputes those whole day slices from the raw rows
(delete + insert, so running it twice, or two at once, never counts twice). A changed case's
events are read only after its footprint's last one when an index-only count shows none
before it went missing and none of the new ones is a 派遣/改派/撤回派遣 (which can change
earlier days' 派遣); otherwise all of them (current_facts). On PostgreSQL the
catch-ups and rebuilds take one advisory lock (they queue), and the log position is read
under a momentary SHARE lock on `case_changes`, so no change with a lower seq can still commit
after the watermark passed it. A log pruned past the watermark, a watermark ahead of the log (a
restored database) or another time zone rebuilds everything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Dialect,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    distinct,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases.states import Action, Satisfaction, Status
from db.engine import serialize_writers
from db.gc_pause import collector_paused
from db.models import (
    Case,
    CaseChange,
    CaseEvent,
    Community,
    StatsCaseDays,
    StatsDaily,
    StatsDailyGrid,
    StatsDailyStreet,
    StatsDispatchDays,
    StatsMonthlyCategory,
    StatsMonthlyGrid,
    StatsRollupState,
    StatsSuspendEvents,
)
from db.reference.settings_store import load_settings
from db.stats.definitions import DISPATCH_ACTIONS, dispatch_kept, kept_dispatches
from db.stats.periods import as_date, hours_between, local_day, local_midnight

KEY = ("day", "grid_id", "community_id", "category_id", "department_id", "source")
EVENT_COUNTS: dict[str, str] = {
    "registered": Action.REGISTER.value,
    "accepted": Action.ACCEPT.value,
    "returned": Action.RETURN.value,
    "handled": Action.FEEDBACK.value,
    "reworked": Action.REWORK.value,
    "extended": Action.EXTEND.value,
    "suspend_events": Action.SUSPEND.value,
    "urged": Action.URGE.value,
    "rejected": Action.REJECT.value,
    "merged": Action.MERGE.value,
}
MEASURES = (
    "reported",
    "registered",
    "dispatch_events",
    "dispatched_cases",
    "accepted",
    "returned",
    "handled",
    "reworked",
    "extended",
    "suspend_events",
    "urged",
    "rejected",
    "merged",
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
FLOAT_MEASURES = frozenset({"hours_sum"})
_INDEX = {name: i for i, name in enumerate(MEASURES)}
_EVENT_MEASURES = frozenset({*EVENT_COUNTS, "dispatch_events", "dispatched_cases"})
_CLOSURE_MEASURES = frozenset({"closed", "closed_on_time", "hours_sum", "merged_cases"})
_CALLBACK_MEASURES = frozenset({"callbacks", "contacted", "solved", "satisfied", "basic"})
_EVENT_ACTIONS = (*EVENT_COUNTS.values(), *DISPATCH_ACTIONS)
_CLOSURE_STATUSES = (Status.CLOSED.value, Status.MERGED.value)

Key = tuple[date, int, int, int, int, str]
Rows = dict[Key, list[float]]
DayRange = tuple[date, date]  # first, last (inclusive)


def ranges_of(days: Iterable[date]) -> list[DayRange]:
    """Sorted days as runs of consecutive days."""
    out: list[DayRange] = []
    for d in sorted(set(days)):
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _spans(column: Any, ranges: Sequence[DayRange], tz: ZoneInfo) -> ColumnElement[bool]:
    return or_(
        *[
            and_(
                column >= local_midnight(a, tz),
                column < local_midnight(b + timedelta(days=1), tz),
            )
            for a, b in ranges
        ]
    )


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _slice_parts(
    dialect: str,
    tz: ZoneInfo,
    within: Callable[[Any], ColumnElement[bool]],
    extra: Sequence[Any] = (),
    measures: Iterable[str] | None = None,
    *,
    every_event: bool = False,
) -> list[tuple[Any, list[str]]]:
    """The grouped statements of the roll-up rows (one per kind of moment), each selecting the
    day, the key columns (`KEY` labels) and its measures (labelled by name), and the measure
    names; `within(column)`: the moments counted (the days of a slice). `every_event`: the
    slice holds (nearly) all the events, so SQLite reads the table through instead of the
    (action, at) index and a row lookup per event (the `+` keeps the index out of the plan;
    a third of the time)."""
    wanted = set(MEASURES if measures is None else measures)
    parts: list[tuple[Any, list[str]]] = []

    def grouped(column: Any, names: Sequence[str], *values: Any) -> Any:
        day = local_day(column, dialect, tz).label("day")
        dims = [
            Case.grid_id.label("grid_id"),
            Case.community_id.label("community_id"),
            Case.category_id.label("category_id"),
            func.coalesce(Case.department_id, 0).label("department_id"),
            Case.source.label("source"),
        ]
        labelled = [v.label(n) for n, v in zip(names, values, strict=True)]
        return select(day, *dims, *labelled), [day, *dims]

    if "reported" in wanted:
        names = ["reported"]
        stmt, keys = grouped(Case.reported_at, names, func.count())
        parts.append((stmt.where(within(Case.reported_at), *extra).group_by(*keys), names))

    if wanted & _EVENT_MEASURES:
        names = [*EVENT_COUNTS, "dispatch_events", "dispatched_cases"]
        action: Any = CaseEvent.action
        if every_event and dialect == "sqlite":
            action = literal_column("+case_events.action", String())
        stmt, keys = grouped(
            CaseEvent.at,
            names,
            *[_count_if(CaseEvent.action == action) for action in EVENT_COUNTS.values()],
            _count_if(dispatch_kept()),
            func.count(distinct(case((dispatch_kept(), CaseEvent.case_id)))),
        )
        parts.append(
            (
                stmt.select_from(CaseEvent)
                .join(Case, Case.id == CaseEvent.case_id)
                .where(action.in_(_EVENT_ACTIONS), within(CaseEvent.at), *extra)
                .group_by(*keys),
                names,
            )
        )

    if wanted & _CLOSURE_MEASURES:
        names = ["closed", "closed_on_time", "hours_sum", "merged_cases"]
        is_closed = Case.status == Status.CLOSED.value
        stmt, keys = grouped(
            Case.closed_at,
            names,
            _count_if(is_closed),
            _count_if(and_(is_closed, Case.ever_overdue.is_(False))),
            func.coalesce(
                func.sum(
                    case(
                        (is_closed, hours_between(Case.dispatched_at, Case.closed_at, dialect)),
                        else_=0.0,
                    )
                ),
                0.0,
            ),
            _count_if(Case.status == Status.MERGED.value),
        )
        parts.append(
            (
                stmt.where(
                    within(Case.closed_at), Case.status.in_(_CLOSURE_STATUSES), *extra
                ).group_by(*keys),
                names,
            )
        )

    if wanted & _CALLBACK_MEASURES:
        names = ["callbacks", "contacted", "solved", "satisfied", "basic"]
        stmt, keys = grouped(
            Case.callback_at,
            names,
            func.count(),
            _count_if(Case.callback_contacted.is_(True)),
            _count_if(Case.callback_solved.is_(True)),
            _count_if(Case.satisfaction == Satisfaction.SATISFIED.value),
            _count_if(Case.satisfaction == Satisfaction.BASIC.value),
        )
        parts.append((stmt.where(within(Case.callback_at), *extra).group_by(*keys), names))
    return parts


def slice_rows(
    session: Session,
    ranges: Sequence[DayRange],
    tz: ZoneInfo,
    cases: Any = None,
    measures: Iterable[str] | None = None,
) -> Rows:
    """The roll-up rows of the local days in `ranges`, computed from the raw rows (`cases`: a
    condition on Case narrowing them, for readers that want only part of a day; `measures`:
    the only ones a reader needs — the others are left 0 and their scans skipped)."""
    rows: Rows = {}
    if not ranges:
        return rows
    dialect = session.get_bind().dialect.name
    extra = [cases] if cases is not None else []
    for stmt, names in _slice_parts(
        dialect, tz, lambda column: _spans(column, ranges, tz), extra, measures
    ):
        for r in session.execute(stmt):
            key: Key = (as_date(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), str(r[5]))
            row = rows.get(key)
            if row is None:
                row = rows[key] = [0] * len(MEASURES)
            for name, value in zip(names, r[6:], strict=True):
                row[_INDEX[name]] += (
                    float(value or 0) if name in FLOAT_MEASURES else int(value or 0)
                )
    return rows


StreetOf = Mapping[int, int]  # community id → its street's id


def streets_of(session: Session) -> dict[int, int]:
    """Each community's street (a community never changes street: db/boundaries/changes.py
    merges and splits communities within one)."""
    return {int(c): int(s) for c, s in session.execute(select(Community.id, Community.street_id))}


def answers_of(key: tuple[str, ...]) -> frozenset[str]:
    """The columns a roll-up table keyed by `key` can be grouped or narrowed by: its key, and
    the street when keyed by community (a community never changes street)."""
    extra = {"street_id"} if "community_id" in key else set()
    return frozenset({*key, *extra})


@dataclass(frozen=True)
class Level:
    """One roll-up table: `stats_daily` and its sums over fewer columns (readers take the
    smallest that holds what they group and filter by). A `street_id` key is the street of the
    row's community (`streets_of`)."""

    table: Any
    key: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.table.__tablename__)

    @property
    def answers(self) -> frozenset[str]:
        """The columns a reader can group or narrow by here: the key, and the street of a
        level keyed by community (narrowed through the communities)."""
        return answers_of(self.key)

    def project(
        self, rows: Rows, street_of: StreetOf | None = None
    ) -> dict[tuple[Any, ...], list[float]]:
        """`rows` (full keys) summed to this level's key (`street_of`: needed by a level keyed
        by street)."""
        if self.key == KEY:
            return {k: v for k, v in rows.items() if any(v)}
        where = [KEY.index("community_id" if n == "street_id" else n) for n in self.key]
        street_at = self.key.index("street_id") if "street_id" in self.key else None
        if street_at is not None and street_of is None:
            raise ValueError(f"{self.name}: the streets of the communities are needed")
        out: dict[tuple[Any, ...], list[float]] = {}
        for k, values in rows.items():
            if not any(values):
                continue
            short: tuple[Any, ...] = tuple(k[i] for i in where)
            if street_at is not None:
                assert street_of is not None
                short = (
                    *short[:street_at],
                    street_of[short[street_at]],
                    *short[street_at + 1 :],
                )
            row = out.get(short)
            if row is None:
                out[short] = list(values)
            else:
                for i, v in enumerate(values):
                    row[i] += v
        return out

    def insert(self) -> Any:
        names = (*self.key, *MEASURES)
        return text(
            f"INSERT INTO {self.name} ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)})"
        ).bindparams(bindparam("day", type_=Date()))


# Smallest first.
LEVELS = (
    Level(StatsDailyStreet, ("day", "street_id", "department_id", "source")),
    Level(StatsDailyGrid, ("day", "grid_id", "community_id", "department_id", "source")),
    Level(StatsDaily, KEY),
)


def stored_rows(
    session: Session, ranges: Sequence[DayRange], level: Level = LEVELS[-1]
) -> dict[tuple[Any, ...], list[float]]:
    """The roll-up rows stored at `level` for the days in `ranges`."""
    rows: dict[tuple[Any, ...], list[float]] = {}
    if not ranges:
        return rows
    t = level.table
    columns = [getattr(t, name) for name in (*level.key, *MEASURES)]
    stmt = select(*columns).where(or_(*[and_(t.day >= a, t.day <= b) for a, b in ranges]))
    n = len(level.key)
    for r in session.execute(stmt):
        key = tuple(
            as_date(v) if name == "day" else (str(v) if name == "source" else int(v))
            for name, v in zip(level.key, r[:n], strict=True)
        )
        rows[key] = [
            float(v) if m in FLOAT_MEASURES else int(v)
            for m, v in zip(MEASURES, r[n:], strict=True)
        ]
    return rows


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class MonthLevel:
    """A day level summed per calendar month (`month`: its first day) over the columns its key
    leaves out: a year's figures read twelve months of rows instead of 365 days'. Kept in SQL,
    in the same transaction as each rewrite of days: the days' stored rows taken out of their
    months before, the new ones added after (`_write`). A reader takes a month from here only
    when the roll-ups hold every day of it (read.py); a narrowing this key cannot answer reads
    the days."""

    table: Any
    key: tuple[str, ...]  # "month", then columns of `days.key`
    days: Level

    @property
    def name(self) -> str:
        return str(self.table.__tablename__)

    @property
    def answers(self) -> frozenset[str]:
        """The columns a reader can group or narrow by here (as `Level.answers`)."""
        return answers_of(self.key)

    def month_key(self, day_key: tuple[Any, ...]) -> tuple[Any, ...]:
        """A key of `days` → its month's key here."""
        return (month_of(day_key[0]), *(day_key[self.days.key.index(n)] for n in self.key[1:]))

    def sum_days(
        self, rows: Mapping[tuple[Any, ...], Sequence[float]]
    ) -> dict[tuple[Any, ...], list[float]]:
        """Rows of `days` summed to their months (rows of zeros left out)."""
        out: dict[tuple[Any, ...], list[float]] = {}
        for day_key, values in rows.items():
            row = out.setdefault(self.month_key(day_key), [0] * len(MEASURES))
            for i, v in enumerate(values):
                row[i] += v
        return {k: v for k, v in out.items() if any(v)}

    def _from_days(self, dialect: str, days: Sequence[DayRange] | None, sign: int = 1) -> Any:
        """The month rows summed from the stored day rows (of `days`; None: all), times
        `sign`."""
        src = self.days.table.__table__
        month = (
            cast(func.date_trunc("month", src.c.day), Date)
            if dialect == "postgresql"
            else func.strftime("%Y-%m-01", src.c.day)
        ).label("month")
        keys = [month, *[src.c[k] for k in self.key[1:]]]
        sums = [(func.sum(src.c[m]) * sign).label(m) for m in MEASURES]
        rows = select(*keys, *sums).group_by(*keys)
        if days is not None:
            rows = rows.where(or_(*[and_(src.c.day >= a, src.c.day <= b) for a, b in days]))
        return rows

    def fill(self, executor: Session | Connection, dialect: str) -> None:
        """Every month row summed from the stored day rows (the table empty; `executor`: a
        session or a connection on a database of `dialect`)."""
        rows = self._from_days(dialect, None).subquery()
        counts = [rows.c[m] != 0 for m in MEASURES if m not in FLOAT_MEASURES]
        executor.execute(
            insert(self.table).from_select(
                [*self.key, *MEASURES],
                select(*[rows.c[k] for k in (*self.key, *MEASURES)]).where(or_(*counts)),
            )
        )

    def add_days(self, session: Session, days: Sequence[DayRange], sign: int) -> None:
        """Add (`sign` 1) or take away (-1) the stored day rows of `days` to or from their
        month rows, in SQL: a catch-up rewriting days takes the old rows out before and puts
        the new ones in after (`_write`)."""
        dialect = session.get_bind().dialect.name
        upsert = (pg_insert if dialect == "postgresql" else sqlite_insert)(self.table)
        statement = upsert.from_select([*self.key, *MEASURES], self._from_days(dialect, days, sign))
        columns = self.table.__table__.c
        session.execute(
            statement.on_conflict_do_update(
                index_elements=list(self.key),
                set_={m: columns[m] + statement.excluded[m] for m in MEASURES},
            )
        )

    def drop_empty(self, session: Session, days: Sequence[DayRange]) -> None:
        """Delete the month rows of `days`' months whose counts all came to 0."""
        months: set[date] = set()
        for a, b in days:
            month = month_of(a)
            while month <= b:
                months.add(month)
                month = month_of(month + timedelta(days=31))
        t = self.table
        counts = [getattr(t, m) == 0 for m in MEASURES if m not in FLOAT_MEASURES]
        session.execute(delete(t).where(t.month.in_(sorted(months)), *counts))


# Smallest first: `stats_daily_grid` per month over the departments (a year's return), and
# `stats_daily` per month over the grids (a year per 小类 or 大类).
MONTH_LEVELS = (
    MonthLevel(StatsMonthlyGrid, ("month", "grid_id", "community_id", "source"), LEVELS[1]),
    MonthLevel(
        StatsMonthlyCategory,
        ("month", "community_id", "category_id", "department_id", "source"),
        LEVELS[2],
    ),
)


def stored_months(
    session: Session, months: Sequence[date], level: MonthLevel
) -> dict[tuple[Any, ...], list[float]]:
    """The month rows stored at `level` for `months` (first days)."""
    t = level.table
    columns = [getattr(t, name) for name in (*level.key, *MEASURES)]
    n = len(level.key)
    out: dict[tuple[Any, ...], list[float]] = {}
    for chunk_start in range(0, len(months), 100):
        chunk = list(months[chunk_start : chunk_start + 100])
        for r in session.execute(select(*columns).where(t.month.in_(chunk))):
            key = tuple(
                as_date(v) if name == "month" else (str(v) if name == "source" else int(v))
                for name, v in zip(level.key, r[:n], strict=True)
            )
            out[key] = [
                float(v) if m in FLOAT_MEASURES else int(v)
                for m, v in zip(MEASURES, r[n:], strict=True)
            ]
    return out


def _write(session: Session, ranges: Sequence[DayRange], rows: Rows) -> None:
    if not ranges:
        return
    street_of = streets_of(session)
    for month_level in MONTH_LEVELS:  # the days' stored rows out of their months
        month_level.add_days(session, ranges, -1)
    for level in LEVELS:
        t = level.table
        session.execute(delete(t).where(or_(*[and_(t.day >= a, t.day <= b) for a, b in ranges])))
        # The parameter dicts a batch at a time: built all at once, a day of a 1,000,000-case
        # street's rows took 10 MB and more of them than of the rows.
        statement = level.insert()
        batch: list[dict[str, Any]] = []
        for key, values in level.project(rows, street_of).items():
            batch.append(
                {
                    **dict(zip(level.key, key, strict=True)),
                    **dict(zip(MEASURES, values, strict=True)),
                }
            )
            if len(batch) >= 2000:
                session.execute(statement, batch)
                batch = []
        if batch:
            session.execute(statement, batch)
    for month_level in MONTH_LEVELS:  # and their new rows in
        month_level.add_days(session, ranges, 1)
        month_level.drop_empty(session, ranges)


# Derived rows in bulk: a plain executemany (the text-limit net of db/models/limits.py checks
# typed-in text; these rows hold numbers and codes computed here, and checking each value of
# every row cost more than the scans).
# A changed case's footprint replaces its stored one in place (an upsert: one B-tree visit,
# not a delete and an insert, and a page rewritten only once); `{}` the driver's placeholder.
_UPSERT_FOOTPRINT = (
    "INSERT INTO stats_case_days (case_id, days, facts) VALUES ({0}, {0}, {0}) "
    "ON CONFLICT (case_id) DO UPDATE SET days = excluded.days, facts = excluded.facts"
)
_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _chunks(items: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# Days recomputed per set of grouped scans: a day of a 1,000,000-case street is about 6,000
# rows, held with their sums per level while they are written, so a catch-up after late changes
# spread over the year holds two days' rows at a time (a catch-up of 5 days at once peaked at
# 50 MB of Python objects, now 17 MB; the scans cost the same: they read the days' rows).
RECOMPUTE_DAYS = 2


def recompute(session: Session, days: Iterable[date], tz: ZoneInfo) -> int:
    """Recompute whole day slices from the raw rows (one set of grouped scans for every
    `RECOMPUTE_DAYS` of the days); returns how many days."""
    wanted = sorted(set(days))
    for start in range(0, len(wanted), RECOMPUTE_DAYS):
        ranges = ranges_of(wanted[start : start + RECOMPUTE_DAYS])
        _write(session, ranges, slice_rows(session, ranges, tz))
    return len(wanted)


def _zero(measure: str) -> Any:
    return literal_column("0.0" if measure in FLOAT_MEASURES else "0")


def _sums(source: Any) -> list[Any]:
    return [func.sum(source.c[m]).label(m) for m in MEASURES]


def _build_all(session: Session, start: date, through: date, tz: ZoneInfo) -> None:
    """Every roll-up row of the days `start`..`through` (the tables empty): the day rows by an
    INSERT … SELECT of each slice statement (`_slice_parts`, the same ones the readers run,
    here for all the days at once), the coarser levels and the months summed from them in SQL."""
    dialect = session.get_bind().dialect.name
    low, high = local_midnight(start, tz), local_midnight(through + timedelta(days=1), tz)
    # The events' rows first (the most), then each other kind of moment's into them: its
    # measures set on the day rows that exist, new rows for the others (the measures of the
    # kinds are disjoint, so nothing is added twice; rows of zeros are left out, as `_write`
    # leaves them).
    parts = _slice_parts(dialect, tz, lambda c: and_(c >= low, c < high), every_event=True)
    parts.sort(key=lambda p: "registered" not in p[1])
    upsert = pg_insert if dialect == "postgresql" else sqlite_insert
    for i, (stmt, names) in enumerate(parts):
        part = stmt.subquery()
        rows = select(
            *[part.c[k] for k in KEY],
            *[part.c[m] if m in names else _zero(m).label(m) for m in MEASURES],
        ).where(or_(*[part.c[m] != 0 for m in names]))
        statement = upsert(StatsDaily).from_select([*KEY, *MEASURES], rows)
        if i:
            statement = statement.on_conflict_do_update(
                index_elements=list(KEY), set_={m: statement.excluded[m] for m in names}
            )
        session.execute(statement)
    # stats_daily_grid from stats_daily, stats_daily_street from the grid rows with the street
    # of each row's community (Level.project).
    sources = {StatsDailyGrid: StatsDaily, StatsDailyStreet: StatsDailyGrid}
    communities = Community.__table__
    for level in (LEVELS[1], LEVELS[0]):
        src = sources[level.table].__table__
        keys = [communities.c.street_id if k == "street_id" else src.c[k] for k in level.key]
        source = (
            src.join(communities, communities.c.id == src.c.community_id)
            if "street_id" in level.key
            else src
        )
        session.execute(
            insert(level.table).from_select(
                [*level.key, *MEASURES],
                select(*keys, *_sums(src)).select_from(source).group_by(*keys),
            )
        )
    # The months from their day rows (a month row whose counts are all 0 is not kept).
    for month_level in MONTH_LEVELS:
        month_level.fill(session, dialect)


# --- the cases dispatched on more than one day ---------------------------------------------------


def dispatch_days(session: Session, tz: ZoneInfo) -> dict[int, set[date]]:
    """The local days of each case's kept 派遣/改派 (definitions.dispatch_kept), for the cases
    that have more than one such day."""
    dialect = session.get_bind().dialect.name
    day = local_day(CaseEvent.at, dialect, tz)
    # Each case's kept dispatch days, counted per case in the same pass (a window, not a join
    # with the cases dispatched twice: a fresh PostgreSQL database without statistics planned
    # that as a nested loop, quadratic in the dispatches).
    kept = (
        select(CaseEvent.case_id.label("case_id"), day.label("day"))
        .where(dispatch_kept())
        .group_by(CaseEvent.case_id, day)
        .subquery()
    )
    counted = select(
        kept.c.case_id, kept.c.day, func.count().over(partition_by=kept.c.case_id).label("n")
    ).subquery()
    found: dict[int, set[date]] = {}
    for cid, d in session.execute(select(counted.c.case_id, counted.c.day).where(counted.c.n > 1)):
        found.setdefault(int(cid), set()).add(as_date(d))
    return {cid: days for cid, days in found.items() if len(days) > 1}


def kept_dispatch_days(event_days: dict[int, tuple[date, str]]) -> set[date]:
    """The local days of a case's kept 派遣/改派, from its events (id → (day, action))."""
    kept = kept_dispatches((eid, action) for eid, (_day, action) in event_days.items())
    return {event_days[eid][0] for eid in kept}


def events_by_case(
    session: Session, case_ids: Sequence[int], tz: ZoneInfo
) -> dict[int, dict[int, tuple[date, str]]]:
    """Every event of `case_ids` as id → (local day, action), per case (through the case_id
    index: a condition on the action would lead the planner to scan all of one action)."""
    out: dict[int, dict[int, tuple[date, str]]] = {cid: {} for cid in case_ids}
    day = local_day(CaseEvent.at, session.get_bind().dialect.name, tz)
    for chunk_start in range(0, len(case_ids), 900):
        chunk = list(case_ids[chunk_start : chunk_start + 900])
        for cid, eid, d, action in session.connection().execute(
            select(CaseEvent.case_id, CaseEvent.id, day, CaseEvent.action).where(
                _ids_in(CaseEvent.case_id, chunk)
            )
        ):
            out[int(cid)][int(eid)] = (as_date(d), str(action))
    return out


_INSERT_DISPATCH_DAY = text(
    "INSERT INTO stats_dispatch_days (case_id, day) VALUES (:case_id, :day)"
).bindparams(bindparam("day", type_=Date()))


def _store_dispatch_days(
    session: Session, days: dict[int, set[date]], case_ids: Sequence[int] | None
) -> None:
    """Replace the stored dispatch days of `case_ids` (None: of every case) by `days`."""
    if case_ids is None:
        session.execute(delete(StatsDispatchDays))
    else:
        for chunk_start in range(0, len(case_ids), 900):
            chunk = list(case_ids[chunk_start : chunk_start + 900])
            session.execute(delete(StatsDispatchDays).where(StatsDispatchDays.case_id.in_(chunk)))
    payload = [{"case_id": cid, "day": d} for cid in sorted(days) for d in sorted(days[cid])]
    for part in _chunks(payload, 5000):
        session.execute(_INSERT_DISPATCH_DAY, part)


def _store_places(session: Session, case_ids: Sequence[int] | None) -> None:
    """Give the stored dispatch days of `case_ids` (None: of every case) their case's grid and
    community as they are now."""
    t = StatsDispatchDays

    def of(column: Any) -> Any:
        return select(column).where(Case.id == t.case_id).scalar_subquery()

    stmt = update(t).values(grid_id=of(Case.grid_id), community_id=of(Case.community_id))
    if case_ids is None:
        session.execute(stmt)
        return
    # Only the rows whose case moved: an unchanged row is not rewritten (nor its page, which
    # the commit would otherwise write out again).
    moved = or_(t.grid_id != of(Case.grid_id), t.community_id != of(Case.community_id))
    for chunk in _chunked(case_ids, 900):
        session.execute(stmt.where(_ids_in(t.case_id, chunk), moved))


_SUSPEND_ACTIONS = (Action.SUSPEND.value, Action.RESUME.value)
# A 挂账 / 解挂 event as `stats_suspend_events` holds it: id, case, time, whether a 挂账.
_SUSPEND_EVENT = (
    CaseEvent.id,
    CaseEvent.case_id,
    CaseEvent.at,
    CaseEvent.action == Action.SUSPEND.value,
)


def _every_suspend_event() -> Select[int, int, datetime, bool, int, int]:
    """Every 挂账 / 解挂 event with its case's grid and community, as the table holds them."""
    return (
        select(*_SUSPEND_EVENT, Case.grid_id, Case.community_id)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.action.in_(_SUSPEND_ACTIONS))
    )


def _store_suspend_events(
    session: Session, case_ids: Sequence[int] | None, facts: Mapping[int, Facts] | None = None
) -> None:
    """Replace the stored 挂账 / 解挂 events of `case_ids` (None: of every case) by their events
    now, with the case's grid and community. With `facts` (a catch-up's: the events read of
    each case, all of them or those after its footprint), only the cases that have stored
    rows or a 挂账 / 解挂 among the events read: the others have none (the stored rows held
    every such event as of the last catch-up)."""
    t = StatsSuspendEvents
    if case_ids is not None and facts is not None:
        held: set[int] = set()
        for chunk in _chunked(case_ids, 900):
            held.update(
                int(c) for c in session.scalars(select(t.case_id).where(_ids_in(t.case_id, chunk)))
            )
        case_ids = sorted(
            held
            | {
                cid
                for cid in case_ids
                if (f := facts.get(cid)) is not None
                and any(action in _SUSPEND_ACTIONS for _day, action in f.event_days.values())
            }
        )
    names = ["event_id", "case_id", "at", "suspend", "grid_id", "community_id"]
    event = _SUSPEND_EVENT
    if case_ids is None:  # every suspend / resume event, by ix_case_events_action_at_case
        session.execute(delete(t))
        session.execute(insert(t).from_select(names, _every_suspend_event()))
        return

    # A few cases' events by (case, action), one action at a time (SQLite, without statistics,
    # would read every event of both actions by their index otherwise) — most changed cases
    # have none —, each found event's case looked up for its place (a join would read every
    # changed case's row first).
    def of(column: Any) -> Any:
        return select(column).where(Case.id == CaseEvent.case_id).scalar_subquery()

    for chunk in _chunked(case_ids, 900):
        session.execute(delete(t).where(_ids_in(t.case_id, chunk)))
        for action in _SUSPEND_ACTIONS:
            rows = select(*event, of(Case.grid_id), of(Case.community_id)).where(
                _ids_in(CaseEvent.case_id, chunk), CaseEvent.action == action
            )
            session.execute(insert(t).from_select(names, rows))


def stored_suspend_events(session: Session) -> dict[int, tuple[int, Any, bool, int, int]]:
    """The stored 挂账 / 解挂 events: event id → (case id, at, suspend, grid id, community id)."""
    t = StatsSuspendEvents
    return {
        int(e): (int(c), at, bool(sus), int(g), int(cm))
        for e, c, at, sus, g, cm in session.execute(
            select(t.event_id, t.case_id, t.at, t.suspend, t.grid_id, t.community_id)
        )
    }


def raw_suspend_events(session: Session) -> dict[int, tuple[int, Any, bool, int, int]]:
    """The 挂账 / 解挂 events as `stats_suspend_events` should hold them (`stored_suspend_events`)."""
    return {
        int(e): (int(c), at, bool(sus), int(g), int(cm))
        for e, c, at, sus, g, cm in session.execute(_every_suspend_event())
    }


def stored_dispatch_days(session: Session) -> dict[int, set[date]]:
    out: dict[int, set[date]] = {}
    for cid, d in session.execute(select(StatsDispatchDays.case_id, StatsDispatchDays.day)):
        out.setdefault(int(cid), set()).add(as_date(d))
    return out


def changed_cases(session: Session, state: State, upto: int | None = None) -> set[int]:
    """The cases with a change after the watermark (up to `upto`)."""
    stmt = select(CaseChange.case_id).distinct().where(CaseChange.seq > state.seq)
    if upto is not None:
        stmt = stmt.where(CaseChange.seq <= upto)
    return {int(cid) for cid in session.scalars(stmt)}


# --- the state and the footprints -------------------------------------------------------------


def _local(moment: datetime, tz: ZoneInfo) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


@dataclass
class Facts:
    """What a case's roll-up contributions depend on (see StatsCaseDays)."""

    dims: str
    reported: str
    closure: str
    callback: str
    last_event: int
    events: int
    days: set[date]  # every day it counts on: its moments' and its events'
    # event id → (day, action): all its events when `complete`, else only those after the
    # stored footprint's last event (the others are known not to have changed).
    event_days: dict[int, tuple[date, str]]
    complete: bool = True
    event_day_set: set[date] = field(default_factory=set)  # the days of all its events

    def text(self) -> str:
        return "\t".join(
            (
                self.dims,
                self.reported,
                self.closure,
                self.callback,
                str(self.last_event),
                str(self.events),
                _FOOTPRINT_V2,
            )
        )


# The footprint's format: `facts` with this 7th field keeps only its events' days in `days`
# (the other days follow from the facts); 6 fields (before) kept every day there.
_FOOTPRINT_V2 = "2"


def _day_of(fingerprint: str, tz: ZoneInfo) -> date | None:
    moment = fingerprint.split("|", 1)[0]
    return _local(datetime.fromisoformat(moment), tz) if moment else None


def _fact_statement(bind: Dialect, tz: ZoneInfo) -> Select[Any]:
    """A case's facts as the footprint holds them: its moments as `_iso_sql` writes them and their
    local days as the slices count them (`local_day`), computed by the database — as the
    rebuild's `_footprints_sql` does —, so no timestamp is parsed here."""
    dialect = bind.name

    def iso(column: Any) -> Any:  # NULL stays NULL
        return literal_column(_iso_sql(f"cases.{column.name}", dialect))

    def day(column: Any) -> Any:
        return local_day(column, dialect, tz)

    return select(
        Case.id,
        Case.grid_id,
        Case.community_id,
        Case.category_id,
        Case.department_id,
        Case.source,
        iso(Case.reported_at),
        Case.status,
        iso(Case.closed_at),
        Case.ever_overdue,
        iso(Case.dispatched_at),
        iso(Case.callback_at),
        Case.callback_contacted,
        Case.callback_solved,
        Case.satisfaction,
        day(Case.reported_at),
        day(Case.closed_at),
        day(Case.callback_at),
    )


def _facts_of(row: Any, day: Callable[[Any], date]) -> Facts:
    (_id, grid, community, category, department, source, reported, status, closed_at) = row[:9]
    (ever_overdue, dispatched_at, callback_at, contacted, solved, satisfaction) = row[9:15]
    closure = (
        f"{closed_at}|{status}|{int(bool(ever_overdue))}|{dispatched_at or ''}"
        if status in _CLOSURE_STATUSES and closed_at is not None
        else ""
    )
    callback = (
        f"{callback_at}|{contacted}|{solved}|{satisfaction}" if callback_at is not None else ""
    )
    return Facts(
        f"{grid},{community},{category},{department or 0},{source}",
        reported or "",
        closure,
        callback,
        0,
        0,
        {day(d) for d in row[15:] if d is not None},
        {},
    )


def _chunked(ids: Sequence[int], size: int = 5000) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def _ids_in(column: Any, ids: Sequence[int]) -> Any:
    """`column IN (ids)` with the ids inlined — integers read from the database, so no bind
    parameter per id to render (for 1,000 ids that cost more than the query)."""
    return text(f"{column.table.name}.{column.name} IN ({','.join(str(int(i)) for i in ids)})")


def _read_events(
    session: Session, facts: dict[int, Facts], case_ids: Sequence[int], tz: ZoneInfo
) -> None:
    """Every event of `case_ids` into their (complete) facts."""
    conn = session.connection()
    day_of_event = local_day(CaseEvent.at, session.get_bind().dialect.name, tz)
    days: dict[Any, date] = {}
    for chunk in _chunked(case_ids):
        # The event's local day as the slices compute it (local_day), read as text and parsed
        # once per day: no datetime per event.
        for cid, eid, text_day, action in conn.execute(
            select(CaseEvent.case_id, CaseEvent.id, day_of_event, CaseEvent.action).where(
                _ids_in(CaseEvent.case_id, chunk)
            )
        ).all():
            f = facts.get(int(cid))
            if f is None:
                continue
            day = days.get(text_day)
            if day is None:
                day = days[text_day] = as_date(text_day)
            f.event_day_set.add(day)
            f.event_days[int(eid)] = (day, str(action))
            f.events += 1
            f.last_event = max(f.last_event, int(eid))
    for cid in case_ids:
        f = facts.get(cid)
        if f is not None:
            f.days |= f.event_day_set


def _case_rows(session: Session, case_ids: Sequence[int], tz: ZoneInfo) -> dict[int, Facts]:
    conn = session.connection()
    stmt = _fact_statement(session.get_bind().dialect, tz)
    day = lru_cache(maxsize=None)(as_date)  # a few hundred distinct days

    facts: dict[int, Facts] = {}
    for chunk in _chunked(case_ids):
        for row in conn.execute(stmt.where(_ids_in(Case.id, chunk))).all():
            facts[int(row[0])] = _facts_of(row, day)
    return facts


def case_facts(session: Session, case_ids: Sequence[int], tz: ZoneInfo) -> dict[int, Facts]:
    """Each case's facts now, with all its events."""
    # Core statements on the session's connection: plain rows, without the ORM's per-row work.
    facts = _case_rows(session, case_ids, tz)
    _read_events(session, facts, case_ids, tz)
    return facts


# A new event of these kinds can change which earlier dispatches are kept (and so the
# dispatch days, and after a 撤回派遣 every event day's 派遣): its case is read whole.
_READ_WHOLE = frozenset({*DISPATCH_ACTIONS, Action.RECALL.value})


def current_facts(
    session: Session, case_ids: Sequence[int], tz: ZoneInfo, before: dict[int, Stored]
) -> dict[int, Facts]:
    """Each case's facts now. A case whose stored footprint says how many events it had and
    the last one's id, and which has that many events up to that id now (an index-only count),
    gets only its newer events read (`complete` False) — unless one of them is a 派遣/改派/撤回派遣;
    any other case (an event deleted or restored, no footprint) is read whole."""
    facts = _case_rows(session, case_ids, tz)
    conn = session.connection()
    counts: dict[int, tuple[int, int]] = {}
    for chunk in _chunked(case_ids):
        for cid, n, last in conn.execute(
            select(CaseEvent.case_id, func.count(), func.max(CaseEvent.id))
            .where(_ids_in(CaseEvent.case_id, chunk))
            .group_by(CaseEvent.case_id)
        ):
            counts[int(cid)] = (int(n), int(last))
    whole: list[int] = []
    newer: dict[int, int] = {}  # case → its footprint's last event
    for cid, f in facts.items():
        b = before.get(cid)
        if b is None or b.event_days is None:
            whole.append(cid)
            continue
        n, last = counts.get(cid, (0, 0))
        stored_last, stored_n = int(b.facts[4]), int(b.facts[5])
        f.complete = False
        f.events, f.last_event = n, last
        if n == stored_n and last == stored_last:
            f.event_day_set = set(b.event_days)
        elif last > stored_last and n > stored_n:
            newer[cid] = stored_last
        else:
            whole.append(cid)
    if newer:
        # Plain SQL with the ids inlined (integers read from the database): building 1,000
        # VALUES rows as SQLAlchemy literals cost more than the query. The event's day is
        # local_day compiled for this database, so it is the day the slices count it on.
        bind = session.get_bind()
        day_sql = local_day(CaseEvent.at, bind.dialect.name, tz).compile(
            dialect=bind.dialect, compile_kwargs={"literal_binds": True}
        )
        days: dict[Any, date] = {}
        found: dict[int, dict[int, tuple[date, str]]] = {cid: {} for cid in newer}
        items = sorted(newer.items())
        for i in range(0, len(items), 500):
            rows = ",".join(f"({int(c)},{int(since)})" for c, since in items[i : i + 500])
            for cid, eid, text_day, action in conn.exec_driver_sql(
                f"WITH w(cid, since) AS (VALUES {rows}) "
                f"SELECT case_events.case_id, case_events.id, {day_sql}, case_events.action "
                "FROM w JOIN case_events ON case_events.case_id = w.cid "
                "AND case_events.id > w.since"
            ).all():
                day = days.get(text_day)
                if day is None:
                    day = days[text_day] = as_date(text_day)
                found[int(cid)][int(eid)] = (day, str(action))
        for cid, new_events in found.items():
            f, b = facts[cid], before[cid]
            assert b.event_days is not None
            if f.events != int(b.facts[5]) + len(new_events) or any(
                action in _READ_WHOLE for _day, action in new_events.values()
            ):
                whole.append(cid)
                continue
            f.event_days = new_events
            f.event_day_set = set(b.event_days) | {day for day, _action in new_events.values()}
    for cid in whole:
        f = facts[cid]
        f.complete, f.events, f.last_event = True, 0, 0
        f.event_days, f.event_day_set = {}, set()
    if whole:
        _read_events(session, facts, sorted(whole), tz)
    for f in facts.values():
        if not f.complete:
            f.days |= f.event_day_set
    return facts


@dataclass(frozen=True)
class Stored:
    facts: list[str]  # the 6 facts (dims, reported, closure, callback, last event, events)
    recorded: set[date]  # its `days`: its events' days (v2), or every day (an old footprint)
    v2: bool
    tz: ZoneInfo

    @property
    def event_days(self) -> set[date] | None:
        """The days of its events (None: an old footprint, which does not tell them apart)."""
        return self.recorded if self.v2 else None

    @cached_property
    def days(self) -> set[date]:
        """Every day it counted on (only needed when a change can have moved all of them)."""
        if not self.v2:
            return self.recorded
        moments = {_day_of(f, self.tz) for f in self.facts[1:4]}
        return self.recorded | {d for d in moments if d is not None}


def stored_footprints(session: Session, case_ids: Sequence[int], tz: ZoneInfo) -> dict[int, Stored]:
    out: dict[int, Stored] = {}
    day = lru_cache(maxsize=None)(date.fromisoformat)  # a few hundred distinct days

    for chunk in _chunked(case_ids):
        for cid, text_days, text_facts in session.connection().execute(
            select(StatsCaseDays.case_id, StatsCaseDays.days, StatsCaseDays.facts).where(
                _ids_in(StatsCaseDays.case_id, chunk)
            )
        ):
            facts = str(text_facts).split("\t")
            days = {day(d) for d in str(text_days).split(",") if d}
            v2 = len(facts) == 7 and facts[6] == _FOOTPRINT_V2
            out[int(cid)] = Stored(facts[:6] if v2 else facts, days, v2, tz)
    return out


def affected_days(now: Facts | None, before: Stored | None, tz: ZoneInfo) -> set[date]:
    """The days whose roll-up rows a case's change can have moved: everything it counts on now
    and counted on before when its grid / 小类 / department / source changed, an event went
    missing or nothing is known of before; otherwise only the days of what changed (its
    reported, 结案 or callback values, its new events — all its event days after a 撤回派遣)."""
    if now is None:  # the case is gone
        return before.days if before is not None else set()
    if before is None or len(before.facts) != 6:
        return set(now.days)
    dims, reported, closure, callback, last_text, count_text = before.facts
    last_event, count = int(last_text), int(count_text)
    if dims != now.dims:
        return before.days | now.days
    if now.complete:
        old_events = [eid for eid in now.event_days if eid <= last_event]
        if len(old_events) != count:
            return before.days | now.days
    days: set[date] = set()
    for old, new in ((reported, now.reported), (closure, now.closure), (callback, now.callback)):
        if old != new:
            days |= {d for d in (_day_of(old, tz), _day_of(new, tz)) if d is not None}
    new_events = [v for eid, v in now.event_days.items() if eid > last_event]
    days |= {day for day, _action in new_events}
    if any(action == Action.RECALL.value for _day, action in new_events):
        days |= now.event_day_set
    return days


def _store_footprints(session: Session, facts: dict[int, Facts], ids: Sequence[int]) -> None:
    gone = [cid for cid in ids if cid not in facts]
    for chunk in _chunked(gone):
        session.connection().execute(
            delete(StatsCaseDays).where(_ids_in(StatsCaseDays.case_id, chunk))
        )
    # a thousand cases' days are mostly the same few hundred
    day_text = lru_cache(maxsize=None)(date.isoformat)
    # Plain tuples to the driver: the rows are numbers and texts built here (no text-limit
    # check needed: see _INSERT_DISPATCH_DAY), and binding a dict per row cost a third of it.
    conn = session.connection()
    upsert = _UPSERT_FOOTPRINT.format(_PLACEHOLDER[conn.dialect.paramstyle])
    payload = [
        (cid, ",".join(map(day_text, sorted(facts[cid].event_day_set))), facts[cid].text())
        for cid in ids
        if cid in facts
    ]
    for i in range(0, len(payload), 5000):
        conn.exec_driver_sql(upsert, payload[i : i + 5000])


def _iso_sql(column: str, dialect: str) -> str:
    """SQL giving a non-null UTC timestamp column as Python's `isoformat()` writes the moment in
    UTC ('2026-11-05T03:12:45.123456+00:00', no fraction when it is 0), the footprints' form
    (`_day_of` reads it back); SQLite keeps them as 'YYYY-MM-DD HH:MM:SS.ffffff' text, UTC."""
    if dialect == "postgresql":
        utc = f"({column} AT TIME ZONE 'UTC')"
        return (
            f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN to_char({utc}, 'US') "
            f"= '000000' THEN '' ELSE '.' || to_char({utc}, 'US') END || '+00:00'"
        )
    return (
        f"substr({column}, 1, 10) || 'T' || substr({column}, 12, 8) || CASE WHEN "
        f"length({column}) <= 19 OR substr({column}, 21, 6) = '000000' THEN '' "
        f"ELSE '.' || substr({column}, 21, 6) END || '+00:00'"
    )


def _bool_sql(column: str) -> str:
    """SQL giving str() of a nullable boolean as Python reads it: True / False / None."""
    return f"CASE WHEN {column} THEN 'True' WHEN NOT {column} THEN 'False' ELSE 'None' END"


def _footprints_sql(bind: Dialect, tz: ZoneInfo) -> str:
    """One INSERT … SELECT writing every case's footprint as `_case_rows` + its events make it
    (Facts.text; `days` its events' local days, distinct, comma-separated — sorted on
    PostgreSQL, in the order SQLite met them there, so they are sorted after)."""
    dialect = bind.name
    day = str(
        local_day(CaseEvent.at, dialect, tz).compile(
            dialect=bind, compile_kwargs={"literal_binds": True}
        )
    )
    if dialect == "postgresql":
        listing = f"string_agg(DISTINCT to_char({day}, 'YYYY-MM-DD'), ',' ORDER BY to_char({day}, 'YYYY-MM-DD'))"
    else:
        listing = f"group_concat(DISTINCT {day})"
    closed = (
        f"CASE WHEN c.status IN ('{Status.CLOSED.value}', '{Status.MERGED.value}') "
        "AND c.closed_at IS NOT NULL THEN "
        f"{_iso_sql('c.closed_at', dialect)} || '|' || c.status || '|' || "
        "CASE WHEN c.ever_overdue THEN '1' ELSE '0' END || '|' || "
        f"coalesce({_iso_sql('c.dispatched_at', dialect)}, '') ELSE '' END"
    )
    callback = (
        f"CASE WHEN c.callback_at IS NOT NULL THEN {_iso_sql('c.callback_at', dialect)} "
        f"|| '|' || {_bool_sql('c.callback_contacted')} || '|' || "
        f"{_bool_sql('c.callback_solved')} || '|' || coalesce(c.satisfaction, 'None') ELSE '' END"
    )
    tab = "chr(9)" if dialect == "postgresql" else "char(9)"
    facts = f" || {tab} || ".join(
        (
            "c.grid_id || ',' || c.community_id || ',' || c.category_id || ',' || "
            "coalesce(c.department_id, 0) || ',' || c.source",
            f"coalesce({_iso_sql('c.reported_at', dialect)}, '')",
            closed,
            callback,
            "coalesce(e.last_event, 0)",
            "coalesce(e.events, 0)",
            f"'{_FOOTPRINT_V2}'",
        )
    )
    return (
        "INSERT INTO stats_case_days (case_id, days, facts) "
        f"SELECT c.id, coalesce(e.days, ''), {facts} FROM cases AS c LEFT JOIN ("
        f"SELECT case_id, max(id) AS last_event, count(*) AS events, {listing} AS days "
        "FROM case_events GROUP BY case_id) AS e ON e.case_id = c.id"
    )


def _all_footprints(session: Session, tz: ZoneInfo) -> None:
    """Footprints of every case (after a rebuild): one INSERT … SELECT over the cases and their
    events grouped by case; on SQLite the few lists of days not met in order are sorted after."""
    dialect = session.get_bind().dialect.name
    conn = session.connection()
    conn.exec_driver_sql(_footprints_sql(session.get_bind().dialect, tz))
    if dialect == "postgresql":
        return
    unsorted = []
    for cid, days in conn.exec_driver_sql(
        "SELECT case_id, days FROM stats_case_days WHERE days LIKE '%,%'"
    ):
        listed = str(days).split(",")
        if listed != sorted(listed):
            unsorted.append((",".join(sorted(listed)), int(cid)))
    if unsorted:
        conn.exec_driver_sql("UPDATE stats_case_days SET days = ? WHERE case_id = ?", unsorted)


@dataclass(frozen=True)
class State:
    seq: int
    through: date | None
    timezone: str


# pg_advisory_xact_lock key: roll-up catch-ups and rebuilds run one after another.
_PG_ROLLUP_LOCK = 0x726F_6C6C  # "roll"


def read_state(session: Session, *, lock: bool = False) -> State | None:
    """The roll-ups' state; `lock`: first wait for any other catch-up or rebuild to end (they
    run one after another; on SQLite the write transaction already is the only writer)."""
    if lock:
        serialize_writers(session, _PG_ROLLUP_LOCK)
    stmt = select(StatsRollupState).where(StatsRollupState.id == 1)
    row = session.scalars(stmt).first()
    if row is None:
        return None
    return State(int(row.seq), as_date(row.through) if row.through else None, row.timezone)


def _save_state(session: Session, state: State) -> None:
    row = session.get(StatsRollupState, 1)
    if row is None:
        session.add(
            StatsRollupState(id=1, seq=state.seq, through=state.through, timezone=state.timezone)
        )
    else:
        row.seq, row.through, row.timezone = state.seq, state.through, state.timezone
    session.flush()


def _log_position(session: Session) -> int:
    """The newest change-log seq such that every lower one is committed (PostgreSQL: a
    momentary SHARE lock waits for the writers holding a seq; SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        with session.get_bind().engine.connect() as conn, conn.begin():
            conn.execute(text("LOCK TABLE case_changes IN SHARE MODE"))
            return int(conn.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)
    return int(session.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)


def _today(now: datetime | None, tz: ZoneInfo) -> date:
    return (now or datetime.now(UTC)).astimezone(tz).date()


@dataclass(frozen=True)
class CatchUp:
    """What a catch-up did."""

    rebuilt: bool
    changes: int  # change-log rows folded in
    cases: int  # distinct cases changed
    days: int  # day slices recomputed
    seq: int  # the new watermark
    through: date | None


# SQLite's page cache while a rebuild sorts and fills the tables (its sorter keeps that much in
# memory before spilling to temporary files; a bound, not an allocation), KiB.
_REBUILD_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _sort_memory(session: Session) -> Iterator[None]:
    """On SQLite, a larger page cache for the statement(s) inside, the connection's own after
    (durability is untouched: journal and synchronous stay as they are)."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    saved = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_REBUILD_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {saved}")


def rebuild(session: Session, *, now: datetime | None = None) -> CatchUp:
    """Recompute every roll-up row from the raw rows (in the caller's transaction)."""
    tz = load_settings(session).tz
    read_state(session, lock=True)
    seq = _log_position(session)
    through = _today(now, tz) - timedelta(days=1)
    for level in LEVELS:
        session.execute(delete(level.table))
    for month_level in MONTH_LEVELS:
        session.execute(delete(month_level.table))
    session.execute(delete(StatsCaseDays))
    first = session.scalar(select(func.min(Case.reported_at)))
    days = 0
    if first is not None:
        start = min(_local(first, tz), through + timedelta(days=1))
        earliest_event = session.scalar(select(func.min(CaseEvent.at)))
        if earliest_event is not None:
            start = min(start, _local(earliest_event, tz))
        if start <= through:
            with _sort_memory(session):
                _build_all(session, start, through, tz)
            days = (through - start).days + 1
    with _sort_memory(session):
        _all_footprints(session, tz)
    _store_dispatch_days(session, dispatch_days(session, tz), None)
    _store_places(session, None)
    _store_suspend_events(session, None)
    _save_state(session, State(seq, through, tz.key))
    return CatchUp(True, 0, 0, days, seq, through)


def pending_days(
    session: Session, state: State, tz: ZoneInfo, upto: int | None = None
) -> tuple[set[date], list[int], int, dict[int, Facts]]:
    """The days the changes after the watermark (up to `upto`) can have moved (see
    `affected_days`). Returns (days, case ids, changes, the cases' facts now)."""
    stmt = select(CaseChange.case_id, func.count()).where(CaseChange.seq > state.seq)
    if upto is not None:
        stmt = stmt.where(CaseChange.seq <= upto)
    counted = session.execute(stmt.group_by(CaseChange.case_id)).all()
    ids = sorted(int(r[0]) for r in counted)
    changes = sum(int(r[1]) for r in counted)
    before = stored_footprints(session, ids, tz)
    now = current_facts(session, ids, tz, before)
    touched: set[date] = set()
    for cid in ids:
        touched |= affected_days(now.get(cid), before.get(cid), tz)
    return touched, ids, changes, now


def needs_rebuild(session: Session, state: State | None, tz: ZoneInfo, position: int) -> bool:
    if state is None or state.timezone != tz.key or state.through is None:
        return True
    if state.seq > position:  # the log went back: a restored database
        return True
    oldest = session.scalar(select(func.min(CaseChange.seq)))
    # A log pruned past the watermark lost changes the roll-ups never saw.
    return oldest is not None and state.seq < int(oldest) - 1 and position > state.seq


def catch_up(session: Session, *, now: datetime | None = None) -> CatchUp:
    """Fold the changes since the watermark into the roll-ups and roll up the days that ended
    since the last catch-up (in the caller's write transaction; Python's cyclic collector
    paused meanwhile: db/gc_pause.py)."""
    with collector_paused():
        return _catch_up(session, now)


def _catch_up(session: Session, now: datetime | None) -> CatchUp:
    tz = load_settings(session).tz
    state = read_state(session, lock=True)
    position = _log_position(session)
    if state is None or needs_rebuild(session, state, tz, position):
        return rebuild(session, now=now)
    assert state.through is not None
    through = max(state.through, _today(now, tz) - timedelta(days=1))
    touched, ids, changes, facts = pending_days(session, state, tz, position)
    dirty = {d for d in touched if d <= state.through}
    dirty |= {state.through + timedelta(days=i + 1) for i in range((through - state.through).days)}
    days = recompute(session, dirty, tz)
    if ids:
        _store_footprints(session, facts, ids)
        # Only a case read whole can have other dispatch days (current_facts).
        whole = [cid for cid in ids if cid not in facts or facts[cid].complete]
        multi = {cid: kept_dispatch_days(facts[cid].event_days) for cid in whole if cid in facts}
        _store_dispatch_days(session, {c: d for c, d in multi.items() if len(d) > 1}, whole)
        # Every changed case's place (its grid may have moved without a new dispatch day) and
        # its 挂账 / 解挂 events, read again.
        _store_places(session, ids)
        _store_suspend_events(session, ids, facts)
        gone = [cid for cid in ids if cid not in facts]
        if gone:
            session.execute(delete(StatsCaseDays).where(StatsCaseDays.case_id.in_(gone)))
    _save_state(session, State(position, through, tz.key))
    return CatchUp(False, changes, len(ids), days, position, through)


# --- verify ------------------------------------------------------------------------------------


_KEY_LABELS = {
    "grid_id": "网格",
    "community_id": "社区",
    "category_id": "小类",
    "department_id": "部门",
    "source": "来源",
    "case_id": "案件",
}


@dataclass(frozen=True)
class Difference:
    table: str
    names: tuple[str, ...]
    key: tuple[Any, ...]
    stored: list[float] | None  # None: missing from the roll-ups
    raw: list[float] | None  # None: a roll-up row with nothing behind it

    def describe(self) -> str:
        parts = [f"{self.table} {self.key[0]:%Y-%m-%d}"]
        for name, value in zip(self.names[1:], self.key[1:], strict=True):
            if name == "department_id" and not value:
                value = "无"
            parts.append(f"{_KEY_LABELS.get(name, name)} {value}")
        where = " ".join(parts)
        if self.stored is None:
            return f"{where}：汇总表缺少此行"
        if self.raw is None:
            return f"{where}：汇总表多出此行"
        diffs = [
            f"{name} 汇总 {s:g} ≠ 原始 {r:g}"
            for name, s, r in zip(MEASURES, self.stored, self.raw, strict=True)
            if abs(s - r) > 1e-6 * max(1.0, abs(r))
        ]
        return f"{where}：" + "，".join(diffs)


@dataclass(frozen=True)
class VerifyReport:
    days: int
    rows: int
    differences: list[Difference]
    through: date | None


def _differing(
    table: str,
    names: tuple[str, ...],
    stored: Mapping[tuple[Any, ...], list[float]],
    raw: Mapping[tuple[Any, ...], list[float]],
) -> list[Difference]:
    """The keys whose stored and raw measures differ (or that one side lacks), in key order."""
    out: list[Difference] = []
    for key in sorted(set(stored) | set(raw)):
        s, r = stored.get(key), raw.get(key)
        if (
            s is None
            or r is None
            or any(abs(a - b) > 1e-6 * max(1.0, abs(b)) for a, b in zip(s, r, strict=True))
        ):
            out.append(Difference(table, names, key, s, r))
    return out


def verify(session: Session, *, dirty_ok: bool = True) -> VerifyReport:
    """Compare every stored roll-up row of the rolled-up days with the raw rows. Days touched by
    changes not folded in yet are skipped (they are read live) unless `dirty_ok` is False."""
    tz = load_settings(session).tz
    state = read_state(session)
    if state is None or state.through is None or state.timezone != tz.key:
        return VerifyReport(0, 0, [], None)
    first_stored = session.scalar(select(func.min(StatsDaily.day)))
    first_case = session.scalar(select(func.min(Case.reported_at)))
    first_event = session.scalar(select(func.min(CaseEvent.at)))
    starts = [as_date(first_stored)] if first_stored is not None else []
    starts += [_local(m, tz) for m in (first_case, first_event) if m is not None]
    if not starts:
        return VerifyReport(0, 0, [], state.through)
    start = min(starts)
    skip: set[date] = set()
    if dirty_ok:
        skip = pending_days(session, state, tz)[0]
    differences: list[Difference] = []
    rows = 0
    days = 0
    street_of = streets_of(session)
    cursor = start
    while cursor <= state.through:
        end = min(state.through, cursor + timedelta(days=30))
        ranges = ranges_of(
            d
            for d in (cursor + timedelta(days=i) for i in range((end - cursor).days + 1))
            if d not in skip
        )
        computed = slice_rows(session, ranges, tz)
        days += sum((b - a).days + 1 for a, b in ranges)
        for level in reversed(LEVELS):
            stored = stored_rows(session, ranges, level)
            raw = level.project(computed, street_of)
            rows += len(stored)
            differences += _differing(level.name, level.key, stored, raw)
        cursor = end + timedelta(days=1)
    # The month rows: the sums of the (checked) day rows of their months.
    for month_level in MONTH_LEVELS:
        first_month = session.scalar(select(func.min(month_level.table.month)))
        month = month_of(min(start, as_date(first_month) if first_month is not None else start))
        while month <= state.through:
            after = month_of(month + timedelta(days=31))
            days_in = (month, after - timedelta(days=1))
            summed = month_level.sum_days(stored_rows(session, [days_in], month_level.days))
            kept = stored_months(session, [month], month_level)
            rows += len(kept)
            differences += _differing(month_level.name, month_level.key, kept, summed)
            month = after
    # The cases dispatched on more than one day (those changed since the watermark are read
    # from the events, like the touched days).
    changed = changed_cases(session, state) if dirty_ok else set()
    stored_days = stored_dispatch_days(session)
    raw_days = dispatch_days(session, tz)
    for cid in sorted(set(stored_days) | set(raw_days)):
        if cid in changed:
            continue
        s_days, r_days = stored_days.get(cid, set()), raw_days.get(cid, set())
        rows += len(s_days)
        for d in sorted(s_days ^ r_days):
            differences.append(
                Difference(
                    StatsDispatchDays.__tablename__,
                    ("day", "case_id"),
                    (d, cid),
                    [1.0] if d in s_days else None,
                    [1.0] if d in r_days else None,
                )
            )
    # Their places (of the days not reported above), and the stored 挂账 / 解挂 events (those of
    # changed cases skipped).
    day_differences = {d.key for d in differences if d.table == StatsDispatchDays.__tablename__}
    t = StatsDispatchDays
    for cid, d, grid, community, now_grid, now_community in session.execute(
        select(t.case_id, t.day, t.grid_id, t.community_id, Case.grid_id, Case.community_id)
        .join(Case, Case.id == t.case_id)
        .where(or_(t.grid_id != Case.grid_id, t.community_id != Case.community_id))
        .order_by(t.case_id, t.day)
    ):
        if int(cid) in changed or (as_date(d), cid) in day_differences:
            continue
        names = ("day", "case_id", "grid_id", "community_id")
        rows += 1
        differences.append(
            Difference(t.__tablename__, names, (as_date(d), cid, grid, community), [1.0], None)
        )
        differences.append(
            Difference(
                t.__tablename__, names, (as_date(d), cid, now_grid, now_community), None, [1.0]
            )
        )
    stored_events = stored_suspend_events(session)
    raw_events = raw_suspend_events(session)
    rows += len(stored_events)
    for event_id in sorted(set(stored_events) | set(raw_events)):
        s_event, r_event = stored_events.get(event_id), raw_events.get(event_id)
        if s_event == r_event:
            continue
        for event, stored_one in ((s_event, True), (r_event, False)):
            if event is None or event[0] in changed:
                continue
            cid, at, _suspend, grid, community = event
            differences.append(
                Difference(
                    StatsSuspendEvents.__tablename__,
                    ("day", "case_id", "grid_id", "community_id"),
                    (_local(at, tz), cid, grid, community),
                    [1.0] if stored_one else None,
                    None if stored_one else [1.0],
                )
            )
    return VerifyReport(days, rows, differences, state.through)


__all__ = [
    "KEY",
    "MEASURES",
    "CatchUp",
    "Difference",
    "State",
    "VerifyReport",
    "catch_up",
    "changed_cases",
    "dispatch_days",
    "pending_days",
    "ranges_of",
    "read_state",
    "rebuild",
    "recompute",
    "slice_rows",
    "stored_rows",
    "verify",
]

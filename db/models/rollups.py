"""Daily roll-ups of the statistics (统计日汇总): per local day (the center's time zone) × grid ×
小类 × department × source, the counts and sums the figures add up, kept for past days.

`stats_daily` is derived data: `db/stats/rollups/` builds it from `cases` and `case_events`
(rebuild, catch-up driven by the change log) and checks it against them (verify). Nothing points
to it, so a backup or restore copies it with the rest and a rebuild can always recreate it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class _Measures:
    """The counts and sums of a roll-up row (db/stats/rollups/build.py says what each counts)."""

    reported: Mapped[int] = mapped_column(default=0)
    registered: Mapped[int] = mapped_column(default=0)
    dispatch_events: Mapped[int] = mapped_column(default=0)
    dispatched_cases: Mapped[int] = mapped_column(default=0)
    accepted: Mapped[int] = mapped_column(default=0)
    returned: Mapped[int] = mapped_column(default=0)
    handled: Mapped[int] = mapped_column(default=0)
    reworked: Mapped[int] = mapped_column(default=0)
    extended: Mapped[int] = mapped_column(default=0)
    suspend_events: Mapped[int] = mapped_column(default=0)
    urged: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    merged: Mapped[int] = mapped_column(default=0)
    merged_cases: Mapped[int] = mapped_column(default=0, server_default="0")
    closed: Mapped[int] = mapped_column(default=0)
    closed_on_time: Mapped[int] = mapped_column(default=0)
    hours_sum: Mapped[float] = mapped_column(Float, default=0.0)
    callbacks: Mapped[int] = mapped_column(default=0)
    contacted: Mapped[int] = mapped_column(default=0)
    solved: Mapped[int] = mapped_column(default=0)
    satisfied: Mapped[int] = mapped_column(default=0)
    basic: Mapped[int] = mapped_column(default=0)


class StatsDaily(_Measures, Base):
    """One roll-up row. `department_id` 0: no department (never dispatched). Each count is dated
    by its own moment: reported by `reported_at`, events by their `at`, 结案 by `closed_at`,
    the callback figures by `callback_at` (db/stats/rollups/build.py says which is which)."""

    __tablename__ = "stats_daily"
    # A 小类's (or a 大类's) figures over a year read its days, not every row of the year
    # (2,000,000 on the 1M-case street: the statistics page for one 小类 0.6 s → 40 ms).
    __table_args__ = (Index("ix_stats_daily_category", "category_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    grid_id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)


class StatsDailyGrid(_Measures, Base):
    """`stats_daily` summed over 小类: what the returns group by (grid, community, department),
    a fraction of the rows to read for a year."""

    __tablename__ = "stats_daily_grid"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    grid_id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)


class StatsMonthlyGrid(_Measures, Base):
    """`stats_daily_grid` summed over each calendar month (`month`: its first day) and over the
    departments: a year's return reads twelve months of rows per grid and source instead of
    365 days × departments; a month with a day the roll-ups do not hold (touched by a change
    not folded in yet, today, later) is read by its days, and so is a department's return."""

    __tablename__ = "stats_monthly_grid"
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    grid_id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)


class StatsMonthlyCategory(_Measures, Base):
    """`stats_daily` summed over each calendar month (`month`: its first day) and over the
    grids: a year's figures per 小类 or 大类 (案件类别分析, the 小类 charts), alone or for a
    community or a department, read a few thousand month rows instead of the year's two
    million day rows on a 1,000,000-case street; its months are read as
    `stats_monthly_grid`'s are."""

    __tablename__ = "stats_monthly_category"
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    community_id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)


class StatsDailyStreet(_Measures, Base):
    """`stats_daily` summed to the street (街道, the community's street as it is now) per
    department and source: the unfiltered statistics page, the big screen, the desk cards and
    the department return, and a street's figures on a district database (at most streets ×
    departments × sources rows a day)."""

    __tablename__ = "stats_daily_street"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    street_id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)


class StatsRollupState(Base):
    """The one row saying how far the roll-ups are: every past day up to `through` is rolled up
    from the changes up to change-log `seq`, in time zone `timezone`."""

    __tablename__ = "stats_rollup_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    through: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default="")


class StatsCaseDays(Base):
    """A case's footprint in the roll-ups as of the last catch-up: the local days of its events
    ('YYYY-MM-DD,…'; a footprint written before the 7th fact listed every day it counts on)
    and `facts`, what its contributions depend on (its grid / 小类 / department / source,
    reported, 结案 and callback values — the days of those follow from them —, last event id
    and number of events, then the format '2'), so a catch-up recomputes only the days a
    change can move, reads only a case's events after the last one when the count says none
    went missing, and a later change that removes a day (a deleted event, a moved callback) is
    still caught."""

    __tablename__ = "stats_case_days"
    case_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    days: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[str] = mapped_column(Text, default="")


class StatsDispatchDays(Base):
    """The local days on which a case has a kept 派遣/改派 (definitions.dispatch_kept), for the
    cases that have such days more than one — as of the last catch-up. A period's 派遣 counts
    each case once: the daily `dispatched_cases` summed, less each of these cases' days in the
    period beyond its first (db/stats/indices.py), without reading the events."""

    __tablename__ = "stats_dispatch_days"
    case_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # The case's grid and community (as of the last catch-up, like the day rows): a street's,
    # a community's or a grid's 派遣 is narrowed and grouped here, without a lookup of each
    # case in `cases` (issue 16: 35,000 random reads for one street's year).
    grid_id: Mapped[int] = mapped_column(default=0, server_default="0")
    community_id: Mapped[int] = mapped_column(default=0, server_default="0")

    __table_args__ = (
        Index("ix_stats_dispatch_days_community", "community_id", "day", "case_id", "grid_id"),
    )


class StatsSuspendEvents(Base):
    """Every 挂账 / 解挂 event (suspend / resume) with its case's grid and community, as of the
    last catch-up: a period's 挂账 at its end (the cases whose last such event before it is a
    挂账, db/stats/indices.py) is counted here per street, community or grid from one index,
    without looking up each suspended case of the district in `cases`."""

    __tablename__ = "stats_suspend_events"
    event_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    case_id: Mapped[int] = mapped_column()
    at: Mapped[datetime] = mapped_column()
    suspend: Mapped[bool] = mapped_column()  # 挂账 (True) or 解挂 (False)
    grid_id: Mapped[int] = mapped_column()
    community_id: Mapped[int] = mapped_column()

    __table_args__ = (
        Index("ix_stats_suspend_events_case", "case_id"),
        Index(
            "ix_stats_suspend_events_place",
            "community_id",
            "at",
            "case_id",
            "suspend",
            "grid_id",
        ),
    )

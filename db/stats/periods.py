"""The periods statistics count over: the filter (period + community / department /
category), today / this month / this year in the center's local days, and how a timestamp
becomes a local day in SQL.

Periods are half-open `[start, end)` in aware UTC, so range conditions on `reported_at` /
`closed_at` use their indexes; days are the center's local days (CenterSettings.timezone). How a
timestamp becomes a local day differs by dialect and is written once, in `local_day`:
PostgreSQL converts with `AT TIME ZONE`; SQLite (which stores naive UTC text) shifts by the
zone's fixed offset, computed here in Python — China has no DST, and a zone with DST is refused
on SQLite rather than grouped wrongly for half the year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, Float, Select, and_, cast, func, select

from db.cases.states import Status
from db.errors import ValidationError
from db.models import Case, Category
from db.reference.streets import in_street

# A range longer than this is bucketed by month in the handling-time trend.
DAILY_TREND_MAX_DAYS = 62
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
    category (a 小类 `category_id` or a whole 大类 `major_id`), and by street (街道: its
    communities' cases, on a database holding several streets)."""

    start: datetime
    end: datetime
    community_id: int | None = None
    department_id: int | None = None
    major_id: int | None = None
    category_id: int | None = None
    street_id: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError("统计区间需要带时区的起止时间")
        if self.end <= self.start:
            raise ValidationError("统计区间的结束时间应晚于开始时间")

    @property
    def narrowed(self) -> bool:
        """Whether the filter narrows the cases at all (else: every case of the database)."""
        return any(
            v is not None
            for v in (
                self.street_id,
                self.community_id,
                self.department_id,
                self.major_id,
                self.category_id,
            )
        )


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


CLOSURE_STATUSES = (Status.CLOSED.value,)
NOT_CLOSABLE = (Status.REJECTED.value, Status.SELF_RESOLVED.value, Status.MERGED.value)
TOP_CATEGORIES = 15


# --- a statement narrowed to the filter -----------------------------------------------------


_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


def scoped(stmt: _S, f: StatsFilter, *, period_index: bool = False) -> _S:
    """Narrow a statement over `cases` by the filter's community / department / category.

    `period_index`: the statement scans a period through a covering index that holds these
    columns; writing them as `column + 0` keeps SQLite from choosing the community or
    department index instead (which would read every case of that community, of all time, from
    the table).
    """

    def col(column: Any) -> Any:
        return column + 0 if period_index else column

    if f.street_id is not None:
        stmt = stmt.where(in_street(col(Case.community_id), f.street_id))
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


def closures() -> ColumnElement[bool]:
    return Case.status.in_(CLOSURE_STATUSES)


def in_period(column: Any, f: StatsFilter) -> ColumnElement[bool]:
    return and_(column >= f.start, column < f.end)


# The two scans of a period, each read from one covering index (ix_cases_reported_stats,
# ix_cases_closed_stats) and shared by the charts that need them: a year of cases is read twice,
# not once per chart.

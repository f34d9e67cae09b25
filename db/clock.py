"""Case clocks: working-time arithmetic (工作时/工作日) on China's holiday calendar with 调休 days.

Time limits of a stage count either natural time or working time: minutes inside the working
periods (default 08:30-12:00 and 13:00-17:30, local wall clock) of working days. A working day is
Monday to Friday unless it is a statutory holiday, or a Saturday/Sunday that the State Council
made a make-up workday (调休上班). Holidays and make-up days come from
``resources/calendar/cn_holidays.json`` (the bundled years), overlaid by the years a center keeps
in its database (db.reference.calendar_store): a `CalendarYear` per year, the later replacing
the earlier.

Everything returned is an aware UTC ``datetime``. The arithmetic is done on integer microseconds
since the epoch against a per-year table (each day's working periods in UTC and a prefix sum of
working time), so ``add`` costs a dictionary lookup and a bisection whatever the limit, and
``elapsed`` walks at most one table per calendar year. Demo generation calls this millions of
times.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from calendar import isleap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from db.errors import ValidationError

__all__ = [
    "DEFAULT_CALENDAR_PATH",
    "DEFAULT_TZ",
    "OFFICIAL",
    "PROVISIONAL",
    "CalendarYear",
    "InvalidTimeSpec",
    "TimeBasis",
    "WorkCalendar",
    "WorkingHours",
    "bundled_years",
    "parse_limit",
    "read_calendar_file",
    "utcnow",
]

DEFAULT_CALENDAR_PATH = (
    Path(__file__).resolve().parent.parent / "resources" / "calendar" / "cn_holidays.json"
)
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_US_PER_MINUTE = 60_000_000
_MINUTES_PER_NATURAL_DAY = 1440


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (every stored time is one)."""
    return datetime.now(UTC)


class InvalidTimeSpec(ValidationError, ValueError):
    """Working hours, a time limit or a calendar file that cannot be read (a user's input)."""


class TimeBasis(StrEnum):
    """Whether a limit counts working time (工作时) or natural time (自然时)."""

    WORKING = "working"
    NATURAL = "natural"


_DEFAULT_PERIODS: tuple[tuple[time, time], ...] = (
    (time(8, 30), time(12, 0)),
    (time(13, 0), time(17, 30)),
)
_PERIOD_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class WorkingHours:
    """The local wall-clock working periods of a working day, in order and not overlapping."""

    periods: tuple[tuple[time, time], ...] = _DEFAULT_PERIODS

    def __post_init__(self) -> None:
        if not self.periods:
            raise InvalidTimeSpec("工作时段不能为空")
        previous_end: time | None = None
        for start, end in self.periods:
            for t in (start, end):
                if t.tzinfo is not None or t.second or t.microsecond:
                    raise InvalidTimeSpec(f"工作时段须为整分钟的本地时间：{t.isoformat()}")
            if end <= start:
                raise InvalidTimeSpec(f"工作时段结束须晚于开始：{start:%H:%M}-{end:%H:%M}")
            if previous_end is not None and start < previous_end:
                raise InvalidTimeSpec(
                    f"工作时段重叠或未按先后排列：{start:%H:%M}-{end:%H:%M} 早于上一时段结束 {previous_end:%H:%M}"
                )
            previous_end = end

    @property
    def minutes_per_day(self) -> int:
        """Working minutes in one working day (480 for the default periods)."""
        return sum(_minute_of_day(end) - _minute_of_day(start) for start, end in self.periods)

    @classmethod
    def parse(cls, text: str) -> WorkingHours:
        """Read ``"08:30-12:00,13:00-17:30"`` (any order; ``，`` and ``;`` also separate)."""
        parts = [part for part in re.split(r"[,，;；]", text) if part.strip()]
        if not parts:
            raise InvalidTimeSpec(f"工作时段为空：「{text}」，应为如 08:30-12:00,13:00-17:30")
        periods: list[tuple[time, time]] = []
        for part in parts:
            match = _PERIOD_RE.match(part)
            if match is None:
                raise InvalidTimeSpec(
                    f"工作时段格式错误：「{part.strip()}」，应为 HH:MM-HH:MM，如 08:30-12:00"
                )
            h1, m1, h2, m2 = (int(group) for group in match.groups())
            if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
                raise InvalidTimeSpec(f"工作时段时间无效：「{part.strip()}」")
            periods.append((time(h1, m1), time(h2, m2)))
        periods.sort()
        return cls(tuple(periods))

    def __str__(self) -> str:
        return ",".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in self.periods)


DEFAULT_HOURS = WorkingHours()

_LIMIT_RE = re.compile(r"^\s*(\d+)\s*([mhd])\s*$", re.IGNORECASE)


def parse_limit(text: str, hours: WorkingHours, basis: TimeBasis) -> int:
    """Minutes of a limit written ``"10m"``, ``"4h"`` or ``"15d"``.

    A day is ``hours.minutes_per_day`` working minutes on the working basis (so ``"1d"`` from
    09:00 ends at 09:00 on the next working day) and 1440 minutes on the natural basis.
    """
    match = _LIMIT_RE.match(text)
    if match is None:
        raise InvalidTimeSpec(f"时限格式错误：「{text}」，应为数字加单位 m/h/d，如 10m、4h、15d")
    amount, unit = int(match.group(1)), match.group(2).lower()
    if amount <= 0:
        raise InvalidTimeSpec(f"时限必须大于 0：「{text}」")
    if unit == "m":
        return amount
    if unit == "h":
        return amount * 60
    per_day = hours.minutes_per_day if basis is TimeBasis.WORKING else _MINUTES_PER_NATURAL_DAY
    return amount * per_day


def _minute_of_day(t: time) -> int:
    return t.hour * 60 + t.minute


def _to_us(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_US


def _from_us(us: int) -> datetime:
    return _EPOCH + timedelta(0, 0, us)  # positional: a third cheaper than microseconds=us


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")


_Periods = tuple[tuple[int, int], ...]
_NO_PERIODS: _Periods = ()


@dataclass(frozen=True, slots=True)
class _YearTable:
    """One local calendar year: each day's working periods in UTC microseconds, prefix sums."""

    year: int
    first_ordinal: int
    days: tuple[_Periods, ...]
    # prefix[k] = working microseconds in days [0, k); prefix[-1] is the year's total
    prefix: tuple[int, ...]


OFFICIAL = "official"  # the State Council's notice is out (正式)
PROVISIONAL = "provisional"  # statutory days only, 调休 not yet known (暂定)


@dataclass(frozen=True)
class CalendarYear:
    """One year of the holiday calendar: its status, the holidays (放假, with their names) and
    the make-up working days (调休上班, with the holiday they belong to, may be empty)."""

    year: int
    status: str = OFFICIAL
    holidays: Mapping[date, str] = field(default_factory=dict)
    makeup: Mapping[date, str] = field(default_factory=dict)


class WorkCalendar:
    """Working days, working hours and a time zone; adds and measures working or natural time."""

    def __init__(
        self,
        holidays: Iterable[date] = (),
        makeup_workdays: Iterable[date] = (),
        hours: WorkingHours = DEFAULT_HOURS,
        tz: ZoneInfo = DEFAULT_TZ,
    ) -> None:
        self._holidays = frozenset(holidays)
        self._makeup = frozenset(makeup_workdays)
        both = self._holidays & self._makeup
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise InvalidTimeSpec(f"日期既是节假日又是调休上班日：{listed}")
        self._hours = hours
        self._tz = tz
        self._years: dict[int, _YearTable] = {}
        # UTC hour -> (first, end) UTC microseconds of a local day met in that hour, its
        # year table and its index there: the local day of a moment without a time-zone
        # conversion when the moment falls inside those bounds (checked on every use)
        self._days: dict[int, tuple[int, int, _YearTable, int]] = {}

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        hours: WorkingHours | None = None,
        tz: ZoneInfo | None = None,
    ) -> WorkCalendar:
        """Read holidays and make-up workdays from a calendar file (default: the bundled one)."""
        years = bundled_years() if path is None else read_calendar_file(path)
        return cls.from_years(years.values(), hours, tz)

    @classmethod
    def from_years(
        cls,
        years: Iterable[CalendarYear],
        hours: WorkingHours | None = None,
        tz: ZoneInfo | None = None,
    ) -> WorkCalendar:
        """A calendar of these years (each year once: overlay them before, see
        db.reference.calendar_store)."""
        holidays: set[date] = set()
        makeup: set[date] = set()
        for entry in years:
            holidays.update(entry.holidays)
            makeup.update(entry.makeup)
        return cls(
            holidays,
            makeup,
            DEFAULT_HOURS if hours is None else hours,
            DEFAULT_TZ if tz is None else tz,
        )

    @property
    def tz(self) -> ZoneInfo:
        """The local time zone in which working periods and dates are read."""
        return self._tz

    @property
    def hours(self) -> WorkingHours:
        """The working periods of a working day."""
        return self._hours

    def is_workday(self, d: date) -> bool:
        """Monday to Friday unless a holiday; Saturday or Sunday only if a make-up workday."""
        if d in self._makeup:
            return True
        return d.weekday() < 5 and d not in self._holidays

    def add(self, start: datetime, minutes: int, basis: TimeBasis) -> datetime:
        """The moment ``minutes`` of ``basis`` time after ``start``, as an aware UTC datetime.

        On the working basis only time inside working periods counts: a start outside them
        begins counting at the next period, and a limit that uses up a period exactly ends at
        that period's end (17:30), not at the start of the next one.
        """
        if start.tzinfo is not UTC:
            _require_aware(start, "start")
        if minutes < 0:
            raise ValueError(f"minutes must not be negative, got {minutes}")
        if basis is TimeBasis.NATURAL or minutes == 0:
            return _from_us(_to_us(start) + minutes * _US_PER_MINUTE)
        t = _to_us(start)
        table, index = self._day_of(start, t)
        remaining = minutes * _US_PER_MINUTE
        for period_start, period_end in table.days[index]:
            if period_end <= t:
                continue
            begin = period_start if period_start > t else t
            if remaining <= period_end - begin:
                return _from_us(begin + remaining)
            remaining -= period_end - begin
        index += 1
        while True:
            prefix = table.prefix
            last = len(prefix) - 1
            if index < last:
                target = prefix[index] + remaining
                if target <= prefix[last]:
                    # prefix[day] < target <= prefix[day + 1]: the limit ends on that day
                    day = bisect_left(prefix, target, index + 1) - 1
                    remaining = target - prefix[day]
                    for period_start, period_end in table.days[day]:
                        if remaining <= period_end - period_start:
                            return _from_us(period_start + remaining)
                        remaining -= period_end - period_start
                    raise AssertionError("year table prefix disagrees with its periods")
                remaining = target - prefix[last]
            table = self._year(table.year + 1)
            index = 0

    def elapsed(self, start: datetime, end: datetime, basis: TimeBasis) -> int:
        """Whole minutes of ``basis`` time from ``start`` to ``end``; negative if end < start.

        Partial minutes are dropped (toward zero), so a 4-hour limit is reached only when 240
        full working minutes have passed. ``elapsed(s, add(s, m, b), b) == m`` for every s.
        """
        _require_aware(start, "start")
        _require_aware(end, "end")
        t0, t1 = _to_us(start), _to_us(end)
        if t1 < t0:
            return -self.elapsed(end, start, basis)
        if basis is TimeBasis.NATURAL:
            return (t1 - t0) // _US_PER_MINUTE
        return self._working_us(start, t0, end, t1) // _US_PER_MINUTE

    def remaining_seconds(self, now: datetime, due: datetime, basis: TimeBasis) -> float:
        """Seconds of ``basis`` time left from ``now`` to ``due`` (the countdown of a stage).

        Past the deadline the result is negative and counts natural time: how long ago it
        passed. On the working basis it stands still outside working hours.
        """
        _require_aware(now, "now")
        _require_aware(due, "due")
        t0, t1 = _to_us(now), _to_us(due)
        if basis is TimeBasis.NATURAL or t1 <= t0:
            return (t1 - t0) / 1_000_000
        return self._working_us(now, t0, due, t1) / 1_000_000

    def deadline(
        self, start: datetime, minutes: int, basis: TimeBasis, warn_share: float = 0.8
    ) -> tuple[datetime, datetime]:
        """``(due, warn_at)``: the limit's end and the moment ``warn_share`` of it is used (预警)."""
        if not 0 < warn_share <= 1:
            raise ValueError(f"warn_share must be in (0, 1], got {warn_share}")
        due = self.add(start, minutes, basis)
        return due, self.add(start, round(minutes * warn_share), basis)

    def _working_us(self, start: datetime, t0: int, end: datetime, t1: int) -> int:
        """Working microseconds from ``start`` (``t0``) to ``end`` (``t1``), t0 <= t1."""
        year0, position0 = self._position(start, t0)
        year1, position1 = self._position(end, t1)
        total = position1 - position0
        for year in range(year0, year1):
            total += self._year(year).prefix[-1]
        return total

    def _position(self, moment: datetime, t: int) -> tuple[int, int]:
        """(local year, working microseconds from that year's start to ``t``)."""
        table, index = self._day_of(moment, t)
        position = table.prefix[index]
        for period_start, period_end in table.days[index]:
            if t <= period_start:
                break
            position += (period_end if t > period_end else t) - period_start
        return table.year, position

    def _day_of(self, moment: datetime, t: int) -> tuple[_YearTable, int]:
        """The year table of ``moment``'s local day (``t`` its UTC microseconds) and the
        day's index in it; a time-zone conversion only for a moment in an hour not met yet."""
        hour = t // 3_600_000_000
        known = self._days.get(hour)
        if known is not None and known[0] <= t < known[1]:
            return known[2], known[3]
        local_day = moment.astimezone(self._tz).date()
        table = self._year(local_day.year)
        index = local_day.toordinal() - table.first_ordinal
        tz = self._tz
        first = _to_us(datetime.combine(local_day, time(0), tz))
        end = _to_us(datetime.combine(local_day + timedelta(days=1), time(0), tz))
        # kept only when the bounds are the local day's own (a time zone could in principle
        # start a day at another time than midnight)
        if (
            first <= t < end
            and _from_us(first).astimezone(tz).date() == local_day
            and _from_us(end - 1).astimezone(tz).date() == local_day
            and _from_us(first - 1).astimezone(tz).date() != local_day
            and _from_us(end).astimezone(tz).date() != local_day
        ):
            self._days[hour] = (first, end, table, index)
        return table, index

    def _year(self, year: int) -> _YearTable:
        table = self._years.get(year)
        if table is None:
            table = self._build_year(year)
            self._years[year] = table
        return table

    def _build_year(self, year: int) -> _YearTable:
        tz = self._tz
        first = date(year, 1, 1)
        count = 366 if isleap(year) else 365
        days: list[_Periods] = []
        prefix = [0]
        total = 0
        for offset in range(count):
            d = first + timedelta(days=offset)
            if not self.is_workday(d):
                days.append(_NO_PERIODS)
                prefix.append(total)
                continue
            periods: list[tuple[int, int]] = []
            previous_end = -(2**62)
            for start, end in self._hours.periods:
                # max/skip keep the UTC periods ordered and non-empty even around a DST change
                period_start = max(_to_us(datetime.combine(d, start, tz)), previous_end)
                period_end = _to_us(datetime.combine(d, end, tz))
                if period_end > period_start:
                    periods.append((period_start, period_end))
                    total += period_end - period_start
                    previous_end = period_end
            days.append(tuple(periods))
            prefix.append(total)
        return _YearTable(year, first.toordinal(), tuple(days), tuple(prefix))


@lru_cache(maxsize=1)
def bundled_years() -> dict[int, CalendarYear]:
    """The years of the bundled calendar file (the default of every center)."""
    return read_calendar_file(DEFAULT_CALENDAR_PATH)


def read_calendar_file(path: Path) -> dict[int, CalendarYear]:
    """Every year of a ``cn_holidays.json`` file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidTimeSpec(f"无法读取节假日文件 {path}：{exc}") from exc
    return _read_calendar_document(document, path)


def _read_calendar_document(document: Any, path: Path) -> dict[int, CalendarYear]:
    """Every year of a ``cn_holidays.json`` document."""
    years: dict[int, CalendarYear] = {}
    try:
        for year_text, entry in document["years"].items():
            year = int(year_text)
            holidays: dict[date, str] = {}
            for holiday in entry["holidays"]:
                for text in holiday["dates"]:
                    holidays[_date_in_year(text, year)] = str(holiday.get("name", ""))
            makeup = {_date_in_year(text, year): "" for text in entry.get("makeup_workdays", [])}
            status = entry.get("status", OFFICIAL)
            if status not in (OFFICIAL, PROVISIONAL):
                raise InvalidTimeSpec(f"节假日文件 {path} 中 {year} 年的状态无效：{status}")
            years[year] = CalendarYear(year, status, holidays, makeup)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, InvalidTimeSpec):
            raise
        raise InvalidTimeSpec(f"节假日文件 {path} 结构错误：{exc!r}") from exc
    return years


def _date_in_year(text: str, year: int) -> date:
    d = date.fromisoformat(text)
    if d.year != year:
        raise InvalidTimeSpec(f"日期 {text} 不属于 {year} 年")
    return d

"""Reporting periods (统计期间): a month, a quarter or a year in the center's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from db.errors import ValidationError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")

PERIOD_HELP = "统计期间的写法：月 2026-10，季度 2026-Q3，年 2026"


@dataclass(frozen=True)
class Period:
    """A half-open range of local calendar days [first, after) of kind month / quarter / year."""

    kind: str  # "month" | "quarter" | "year"
    year: int
    number: int  # month 1–12, quarter 1–4, or 1 for a year

    @property
    def first_day(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def day_after(self) -> date:
        """The first local day after the period."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        index = self.first_day.month - 1 + months
        return date(self.year + index // 12, index % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        return self.day_after - timedelta(days=1)

    def days(self) -> list[date]:
        first = self.first_day
        return [first + timedelta(days=i) for i in range((self.day_after - first).days)]

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as aware UTC datetimes: local midnight of the first day and the day after."""
        return local_midnight(self.first_day, tz), local_midnight(self.day_after, tz)

    @property
    def code(self) -> str:
        """The text form accepted by `parse_period`: 2026-10, 2026-Q3, 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Chinese name: 2026年10月, 2026年第三季度, 2026年度."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        return f"{self.year}年度"

    @property
    def range_label(self) -> str:
        return f"{self.first_day:%Y-%m-%d} 至 {self.last_day:%Y-%m-%d}"

    def previous(self) -> Period:
        """The period just before (环比): last month, last quarter, last year."""
        if self.kind == "month":
            if self.number == 1:
                return Period("month", self.year - 1, 12)
            return Period("month", self.year, self.number - 1)
        if self.kind == "quarter":
            if self.number == 1:
                return Period("quarter", self.year - 1, 4)
            return Period("quarter", self.year, self.number - 1)
        return Period("year", self.year - 1, 1)

    def year_ago(self) -> Period:
        """The same period one year earlier (同比)."""
        return Period(self.kind, self.year - 1, self.number)


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def parse_period(text: str) -> Period:
    """`2026-10` (month), `2026-Q3` (quarter) or `2026` (year); anything else is a ValidationError."""
    value = text.strip()
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return _checked(Period("month", year, month), text)
    elif m := _QUARTER.match(value):
        return _checked(Period("quarter", int(m.group(1)), int(m.group(2))), text)
    elif m := _YEAR.match(value):
        return _checked(Period("year", int(m.group(1)), 1), text)
    raise ValidationError(f"统计期间「{text}」无法识别。{PERIOD_HELP}")


def _checked(period: Period, text: str) -> Period:
    if not 2000 <= period.year <= 2099:
        raise ValidationError(f"统计期间「{text}」的年份应在 2000–2099 之间")
    return period


def period_containing(day: date, kind: str) -> Period:
    if kind == "month":
        return Period("month", day.year, day.month)
    if kind == "quarter":
        return Period("quarter", day.year, (day.month - 1) // 3 + 1)
    return Period("year", day.year, 1)

"""Reporting periods (统计期间): a month, a quarter or a year in the center's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from db.errors import ValidationError

# The accepted spellings, after full-width characters are made ASCII and surrounding spaces
# are trimmed: a month 2026-10 (or 2026-1), a quarter 2026-Q3 (or 2026Q3, q in either case),
# a year 2026. Only ASCII digits 0-9 count.
# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space made ASCII; nothing else is mapped
# (circled or superscript digits stay what they are and are refused).
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_QUARTER = re.compile(r"([0-9]{4})-?[Qq]([0-9])")
_YEAR = re.compile(r"([0-9]{4})")

PERIOD_HELP = (
    "统计期间的写法：月 2026-10（或 2026-1），季度 2026-Q3（或 2026Q3，Q 不分大小写），年 2026；"
    "全角数字与字母按半角处理，首尾空格忽略，其他写法不接受"
)


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
    """`2026-10` or `2026-1` (month), `2026-Q3` or `2026Q3` (quarter, q in either case) or
    `2026` (year), full-width characters made ASCII and surrounding spaces trimmed; anything
    else is a ValidationError listing the accepted spellings."""
    value = text.translate(_HALF_WIDTH).strip(" ")  # spaces only: a tab or newline is refused
    if m := _MONTH.fullmatch(value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return _checked(Period("month", year, month), text)
        raise ValidationError(f"统计期间「{text}」的月份应在 1–12 之间。{PERIOD_HELP}")
    if m := _QUARTER.fullmatch(value):
        quarter = int(m.group(2))
        if 1 <= quarter <= 4:
            return _checked(Period("quarter", int(m.group(1)), quarter), text)
        raise ValidationError(f"统计期间「{text}」的季度应在 Q1–Q4 之间。{PERIOD_HELP}")
    if m := _YEAR.fullmatch(value):
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

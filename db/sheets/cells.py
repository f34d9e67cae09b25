"""Cell values of an imported sheet read into Python values: text cleaning, dates (text, Excel
serials in the 1900 and 1904 systems, each within a plausible range), small numbers (also written in Chinese), decimals and
phone numbers; each reader raises ValidationError with one sentence naming the column."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from db.errors import ValidationError

Cell = str | int | float | bool | date | datetime | Decimal | None

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}

_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")  # ideographic space, full-width ASCII


def is_blank(cell: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def clean_text(value: Cell) -> str:
    """Text of a cell: full-width digits, letters and spaces made ASCII, runs of spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    if not text.isascii() and _FULL_WIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def small_number(text: str) -> int | None:
    """12, 十二, 三十八 → int (up to 99); None when it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    return _CN_DIGITS[text] if len(text) == 1 else None


_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*(?:月\s*)?(?:[./\-]?\s*(\d{1,2})\s*[日号]?)?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)
_SECONDS_PER_DAY = 86_400

# Every date read from a sheet lies in these bounds; a field narrows them with a DateRange.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def add_years(day: date, years: int) -> date:
    """The same day `years` years later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateRange:
    """The dates a field accepts: from `earliest` to `years_ahead` years after today."""

    earliest: date
    years_ahead: int

    def latest(self, today: date) -> date:
        return add_years(today, self.years_ahead)


def check_date_range(day: date, label: str, earliest: date, latest: date) -> date:
    """`day` if earliest <= day <= latest; else ValidationError naming the allowed range."""
    if not earliest <= day <= latest:
        raise ValidationError(
            f"{label} {day:%Y-%m-%d} 不在合理范围内（应在 {earliest:%Y-%m-%d} 至 "
            f"{latest:%Y-%m-%d} 之间）"
        )
    return day


def excel_serial_date(serial: float, *, date1904: bool = False) -> date:
    """An Excel date serial (1900 system, or 1904 on old Mac workbooks) as a date."""
    return excel_serial_datetime(int(serial), date1904=date1904).date()


def excel_serial_datetime(serial: float, *, date1904: bool = False) -> datetime:
    """An Excel date-time serial (46000.5 is 2025-12-09 12:00) to the nearest second; raises
    OverflowError beyond year 9999."""
    days = int(serial)
    seconds = round((serial - days) * _SECONDS_PER_DAY)
    if date1904:
        start = datetime(1904, 1, 1)
    elif days < 61:  # Excel's fictitious 1900-02-29 sits at 60
        start = datetime(1899, 12, 31)
    else:
        start = datetime(1899, 12, 30)
    return start + timedelta(days=days, seconds=seconds)


def parse_date(
    value: Cell,
    label: str = "日期",
    *,
    date1904: bool = False,
    earliest: date = EARLIEST_DATE,
    latest: date = LATEST_DATE,
) -> date | None:
    """A date from a date cell, an Excel serial, or text such as 1985.03.12, 1985年3月12日,
    1985-3-12, 1985/3/12, 19850312 or 2015.07 (the 1st of the month); a date outside
    [earliest, latest] (by default 1900-01-01 to 2100-12-31) is a ValidationError."""
    day = _read_date(value, label, date1904)
    return None if day is None else check_date_range(day, label, earliest, latest)


def _read_date(value: Cell, label: str, date1904: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValidationError(f"{label}「{value}」不是日期")
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if number.is_integer() and 19000101 <= number <= 21001231:
            return _read_date(str(int(number)), label, date1904)
        if 1 <= number < 2958466:
            try:
                return excel_serial_date(number, date1904=date1904)
            except OverflowError:
                pass
        raise ValidationError(f"{label}「{value}」不是日期")
    text = clean_text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+)?", text)
        match = _DATE_TEXT.match(text) if iso is None else None
        if iso is not None:
            y, m, d = (int(x) for x in iso.group(1).split("-"))
        elif match is not None:
            y, m = int(match.group(1)), int(match.group(2))
            d = int(match.group(3)) if match.group(3) else 1
        else:
            raise ValidationError(f"{label}「{text}」无法识别为日期（例如 1985-03-12）")
    try:
        return date(y, m, d)
    except ValueError:
        raise ValidationError(f"{label}「{text}」不是存在的日期") from None


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def parse_phone(value: Cell, label: str = "联系电话") -> str:
    """A mobile (11 digits starting 13–19) or a landline with its area code (024-12345678)."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if text.startswith("+86"):
        text = text[3:]
    digits = text.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    if _LANDLINE.match(text) or (digits.startswith("0") and _LANDLINE.match(digits)):
        return text
    raise ValidationError(
        f"{label}「{text}」不是有效的手机号码（11 位，以 1 开头）或带区号的固定电话"
    )


def parse_int(
    value: Cell, label: str, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """A whole number from a number cell or text (3, 三, 第3档, 十二级); the range is checked
    when both bounds are given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label}「{value}」应为整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if not float(value).is_integer():
            raise ValidationError(f"{label}「{value}」应为整数")
        number = int(value)
    else:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        core = re.sub(r"^第|[档级届次]$", "", text)
        parsed = small_number(core)
        if parsed is None:
            raise ValidationError(f"{label}「{text}」应为整数")
        number = parsed
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        raise ValidationError(f"{label}应在 {minimum}–{maximum} 之间，实为 {number}")
    return number


def parse_decimal(value: Cell, label: str) -> Decimal | None:
    """A non-negative amount of hours or the like (12.5, 12.5小时), to one decimal place."""
    if value is None or value == "":
        return None
    text = clean_text(value).replace(" ", "")
    text = re.sub(r"(小时|个小时|h|H)$", "", text)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"{label}「{text}」应为数字") from None
    if not number.is_finite() or number < 0 or number >= Decimal(10_000_000):
        raise ValidationError(f"{label}「{text}」不合理")
    return number.quantize(Decimal("0.1"))

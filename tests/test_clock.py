"""Tests of the case clock: working time on the holiday calendar, natural time, limits."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.clock import (
    DEFAULT_CALENDAR_PATH,
    InvalidTimeSpec,
    TimeBasis,
    WorkCalendar,
    WorkingHours,
    parse_limit,
)
from db.errors import UserError

SH = ZoneInfo("Asia/Shanghai")
W = TimeBasis.WORKING
N = TimeBasis.NATURAL


def sh(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=SH)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.load()


# --- the calendar file -------------------------------------------------------------------------


def test_calendar_file_is_consistent() -> None:
    document = json.loads(DEFAULT_CALENDAR_PATH.read_text(encoding="utf-8"))
    assert set(document["years"]) == {"2025", "2026", "2027"}
    assert document["years"]["2025"]["status"] == "official"
    assert document["years"]["2026"]["status"] == "official"
    provisional = document["years"]["2027"]
    assert provisional["status"] == "provisional"
    assert "State Council" in provisional["note"]
    assert provisional["makeup_workdays"] == []
    for year, entry in document["years"].items():
        holidays = [date.fromisoformat(d) for h in entry["holidays"] for d in h["dates"]]
        makeup = [date.fromisoformat(d) for d in entry["makeup_workdays"]]
        assert len(holidays) == len(set(holidays))
        assert all(d.year == int(year) for d in holidays + makeup)
        assert not set(holidays) & set(makeup)
        # a make-up workday is always a Saturday or Sunday
        assert all(d.weekday() >= 5 for d in makeup)


def test_is_workday(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2025, 3, 14))  # an ordinary Friday
    assert not cal.is_workday(date(2025, 3, 15))  # an ordinary Saturday
    assert not cal.is_workday(date(2025, 1, 1))  # 元旦
    assert cal.is_workday(date(2025, 1, 26))  # Sunday 调休上班
    assert cal.is_workday(date(2026, 2, 14))  # Saturday before Spring Festival
    assert cal.is_workday(date(2026, 2, 28))  # Saturday after it
    assert not cal.is_workday(date(2026, 2, 23))  # Monday inside Spring Festival
    assert not cal.is_workday(date(2026, 10, 7))
    assert cal.is_workday(date(2026, 10, 8))
    assert not cal.is_workday(date(2027, 2, 8))  # provisional 春节 (初三, Monday)
    assert cal.is_workday(date(2030, 6, 3))  # beyond the file: plain Monday to Friday


def test_calendar_rejects_a_day_that_is_both() -> None:
    with pytest.raises(ValueError, match="2026-02-14"):
        WorkCalendar(holidays=[date(2026, 2, 14)], makeup_workdays=[date(2026, 2, 14)])


def test_load_rejects_a_broken_file(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidTimeSpec):
        WorkCalendar.load(bad_json)
    wrong_year = tmp_path / "wrong.json"
    wrong_year.write_text(
        json.dumps({"years": {"2025": {"holidays": [{"name": "x", "dates": ["2026-01-01"]}]}}}),
        encoding="utf-8",
    )
    with pytest.raises(InvalidTimeSpec, match="2026-01-01"):
        WorkCalendar.load(wrong_year)
    with pytest.raises(InvalidTimeSpec):
        WorkCalendar.load(tmp_path / "missing.json")


def test_load_with_other_hours_and_zone(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text(json.dumps({"years": {}}), encoding="utf-8")
    hours = WorkingHours.parse("09:00-17:00")
    cal = WorkCalendar.load(path, hours=hours, tz=ZoneInfo("Asia/Urumqi"))
    assert cal.hours is hours
    assert cal.tz == ZoneInfo("Asia/Urumqi")
    # 2025-01-01 is no holiday in an empty calendar; 09:00 Urumqi is 03:00 UTC
    assert cal.add(datetime(2025, 1, 1, 8, 0, tzinfo=cal.tz), 60, W) == datetime(
        2025, 1, 1, 4, 0, tzinfo=UTC
    )


# --- working-time arithmetic, hand-computed --------------------------------------------------


def test_friday_afternoon_plus_four_working_hours(cal: WorkCalendar) -> None:
    # Fri 16:00-17:30 uses 90 min; the other 150 min run Mon 08:30-11:00
    due = cal.add(sh(2025, 3, 14, 16, 0), 240, W)
    assert due == sh(2025, 3, 17, 11, 0)
    assert due.tzinfo is UTC
    assert due == datetime(2025, 3, 17, 3, 0, tzinfo=UTC)


def test_start_in_any_zone_gives_the_same_moment(cal: WorkCalendar) -> None:
    utc_start = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)  # 16:00 in Shanghai
    berlin_start = utc_start.astimezone(ZoneInfo("Europe/Berlin"))
    assert cal.add(utc_start, 240, W) == sh(2025, 3, 17, 11, 0)
    assert cal.add(berlin_start, 240, W) == sh(2025, 3, 17, 11, 0)


def test_lunch_break_is_skipped(cal: WorkCalendar) -> None:
    # Tue 11:00-12:00 is 60 min, lunch 12:00-13:00 does not count, 13:00-14:00 the rest
    assert cal.add(sh(2025, 3, 18, 11, 0), 120, W) == sh(2025, 3, 18, 14, 0)
    # a start during lunch begins counting at 13:00
    assert cal.add(sh(2025, 3, 18, 12, 30), 30, W) == sh(2025, 3, 18, 13, 30)
    assert cal.elapsed(sh(2025, 3, 18, 11, 30), sh(2025, 3, 18, 13, 30), W) == 60


def test_limit_that_fills_a_period_ends_at_its_end(cal: WorkCalendar) -> None:
    assert cal.add(sh(2025, 3, 14, 16, 0), 90, W) == sh(2025, 3, 14, 17, 30)
    assert cal.add(sh(2025, 3, 18, 8, 30), 210, W) == sh(2025, 3, 18, 12, 0)
    assert cal.add(sh(2025, 3, 18, 8, 30), 211, W) == sh(2025, 3, 18, 13, 1)


def test_start_before_work_and_at_weekend(cal: WorkCalendar) -> None:
    assert cal.add(sh(2025, 3, 18, 6, 0), 30, W) == sh(2025, 3, 18, 9, 0)
    assert cal.add(sh(2025, 3, 18, 20, 0), 30, W) == sh(2025, 3, 19, 9, 0)
    assert cal.add(sh(2025, 3, 15, 10, 0), 30, W) == sh(2025, 3, 17, 9, 0)  # Saturday


def test_spring_festival_2026_with_makeup_saturdays(cal: WorkCalendar) -> None:
    # Fri 02-13 16:00: 90 min that day, then the make-up Saturday 02-14 08:30-11:00
    assert cal.add(sh(2026, 2, 13, 16, 0), 240, W) == sh(2026, 2, 14, 11, 0)
    # from the make-up Saturday the holiday 02-15..02-23 is skipped: Tue 02-24 11:00
    assert cal.add(sh(2026, 2, 14, 16, 0), 240, W) == sh(2026, 2, 24, 11, 0)
    # Fri 02-27 16:00 continues on the make-up Saturday 02-28
    assert cal.add(sh(2026, 2, 27, 16, 0), 240, W) == sh(2026, 2, 28, 11, 0)
    # 3 working days from Fri 02-13 09:00: Sat 02-14, Tue 02-24, Wed 02-25 at 09:00
    assert cal.add(sh(2026, 2, 13, 9, 0), 3 * 480, W) == sh(2026, 2, 25, 9, 0)
    assert cal.elapsed(sh(2026, 2, 13, 9, 0), sh(2026, 2, 25, 9, 0), W) == 1440
    # nothing at all is counted during the holiday itself
    assert cal.elapsed(sh(2026, 2, 14, 17, 30), sh(2026, 2, 24, 8, 30), W) == 0


def test_fifteen_working_days_across_mid_autumn_and_national_day(cal: WorkCalendar) -> None:
    # workdays after Mon 2026-09-14: 15,16,17,18, Sun 20 (调休), 21..24, 28,29,30,
    # Oct 8, 9 and the make-up Saturday Oct 10 is the 15th
    limit = parse_limit("15d", cal.hours, W)
    assert cal.add(sh(2026, 9, 14, 9, 0), limit, W) == sh(2026, 10, 10, 9, 0)


def test_year_boundary_and_new_year_makeup_sunday(cal: WorkCalendar) -> None:
    # Wed 2025-12-31 17:00: 30 min, 2026-01-01..03 off, Sunday 01-04 is a make-up workday
    assert cal.add(sh(2025, 12, 31, 17, 0), 60, W) == sh(2026, 1, 4, 9, 0)
    assert cal.elapsed(sh(2025, 12, 31, 17, 0), sh(2026, 1, 4, 9, 0), W) == 60


def test_start_on_a_holiday(cal: WorkCalendar) -> None:
    start = sh(2026, 10, 1, 10, 0)  # 国庆
    due = cal.add(start, 60, W)
    assert due == sh(2026, 10, 8, 9, 30)
    assert cal.elapsed(start, due, W) == 60
    assert cal.elapsed(start, sh(2026, 10, 7, 23, 59), W) == 0


def test_natural_basis_ignores_calendar_and_hours(cal: WorkCalendar) -> None:
    assert cal.add(sh(2026, 2, 13, 16, 0), 240, N) == sh(2026, 2, 13, 20, 0)
    assert cal.add(sh(2026, 2, 15, 3, 0), 10, N) == sh(2026, 2, 15, 3, 10)
    limit = parse_limit("15d", cal.hours, N)
    assert cal.add(sh(2026, 2, 13, 16, 0), limit, N) == sh(2026, 2, 28, 16, 0)
    assert cal.elapsed(sh(2026, 2, 13, 16, 0), sh(2026, 2, 28, 16, 0), N) == 15 * 1440


def test_zero_minutes_returns_start_in_utc(cal: WorkCalendar) -> None:
    start = sh(2025, 3, 15, 22, 0)  # Saturday night, outside working time
    assert cal.add(start, 0, W) == start
    assert cal.add(start, 0, W).tzinfo is UTC
    assert cal.add(start, 0, N).tzinfo is UTC


def test_naive_and_negative_are_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.add(datetime(2025, 3, 14, 16, 0), 10, W)
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.elapsed(sh(2025, 3, 14), datetime(2025, 3, 15), N)
    with pytest.raises(ValueError, match="negative"):
        cal.add(sh(2025, 3, 14, 16, 0), -1, W)


def test_elapsed_is_negative_backwards_and_drops_partial_minutes(cal: WorkCalendar) -> None:
    a, b = sh(2025, 3, 14, 16, 0), sh(2025, 3, 17, 11, 0)
    assert cal.elapsed(a, b, W) == 240
    assert cal.elapsed(b, a, W) == -240
    assert cal.elapsed(a, a, W) == 0
    assert cal.elapsed(a, a + timedelta(seconds=59), W) == 0
    assert cal.elapsed(a, a + timedelta(seconds=61), W) == 1
    assert cal.elapsed(a + timedelta(seconds=61), a, N) == -1


def test_elapsed_over_several_years(cal: WorkCalendar) -> None:
    start, end = sh(2025, 1, 2, 8, 30), sh(2028, 1, 3, 8, 30)
    workdays = sum(
        cal.is_workday(start.date() + timedelta(days=k)) for k in range((end - start).days)
    )
    assert cal.elapsed(start, end, W) == workdays * 480


def test_seconds_of_the_start_are_kept(cal: WorkCalendar) -> None:
    assert cal.add(sh(2025, 3, 18, 10, 0, 30), 5, W) == sh(2025, 3, 18, 10, 5, 30)


# --- properties ------------------------------------------------------------------------------

_starts = st.datetimes(
    min_value=datetime(2024, 12, 1), max_value=datetime(2027, 12, 31), timezones=st.just(SH)
)
_minutes = st.integers(min_value=0, max_value=40 * 480)


@given(start=_starts, minutes=_minutes)
@settings(max_examples=300, deadline=None)
def test_elapsed_inverts_add(start: datetime, minutes: int) -> None:
    cal = WorkCalendar.load()
    due = cal.add(start, minutes, W)
    assert due >= start
    assert cal.elapsed(start, due, W) == minutes
    assert cal.elapsed(start, cal.add(start, minutes, N), N) == minutes


@given(start=_starts, minutes=_minutes)
@settings(max_examples=200, deadline=None)
def test_remaining_seconds_counts_down_the_limit(start: datetime, minutes: int) -> None:
    cal = WorkCalendar.load()
    due = cal.add(start, minutes, W)
    assert cal.remaining_seconds(start, due, W) == minutes * 60
    assert cal.remaining_seconds(start, cal.add(start, minutes, N), N) == minutes * 60


def test_remaining_seconds_stands_still_after_hours_and_goes_negative(cal: WorkCalendar) -> None:
    due = sh(2026, 11, 30, 11)  # Monday 11:00
    friday_evening, sunday = sh(2026, 11, 27, 18), sh(2026, 11, 29, 23, 59, 59)
    assert cal.remaining_seconds(friday_evening, due, W) == 2.5 * 3600
    assert cal.remaining_seconds(sunday, due, W) == 2.5 * 3600
    assert cal.remaining_seconds(sh(2026, 11, 30, 9, 0, 30), due, W) == 2 * 3600 - 30
    assert cal.remaining_seconds(sh(2026, 11, 30, 11, 5), due, W) == -300  # natural, past


@given(start=_starts, first=_minutes, second=_minutes)
@settings(max_examples=200, deadline=None)
def test_add_composes(start: datetime, first: int, second: int) -> None:
    cal = WorkCalendar.load()
    assert cal.add(cal.add(start, first, W), second, W) == cal.add(start, first + second, W)


def _reference_add(cal: WorkCalendar, start: datetime, minutes: int) -> datetime:
    """Minute-by-minute model for whole-minute starts: slow and obviously right."""
    t = start.astimezone(cal.tz)
    while minutes > 0:
        local = t.time()
        in_period = cal.is_workday(t.date()) and any(a <= local < b for a, b in cal.hours.periods)
        t += timedelta(minutes=1)
        if in_period:
            minutes -= 1
    return t


@given(
    start=st.datetimes(
        min_value=datetime(2025, 12, 20), max_value=datetime(2026, 3, 10), timezones=st.just(SH)
    ).map(lambda d: d.replace(second=0, microsecond=0)),
    minutes=st.integers(min_value=1, max_value=1500),
)
@settings(max_examples=60, deadline=None)
def test_add_matches_minute_by_minute_model(start: datetime, minutes: int) -> None:
    cal = WorkCalendar.load()
    assert cal.add(start, minutes, W) == _reference_add(cal, start, minutes)


# --- working hours and limits -----------------------------------------------------------------


def test_working_hours_default_and_parse() -> None:
    default = WorkingHours()
    assert default.periods == ((time(8, 30), time(12, 0)), (time(13, 0), time(17, 30)))
    assert default.minutes_per_day == 480
    assert WorkingHours.parse("08:30-12:00,13:00-17:30") == default
    assert WorkingHours.parse(" 13:00 - 17:30 ， 8:30-12:00 ") == default
    assert str(default) == "08:30-12:00,13:00-17:30"
    assert WorkingHours.parse("09:00-17:00").minutes_per_day == 480
    assert WorkingHours.parse("08:00-12:00,12:00-16:00").minutes_per_day == 480


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("08:30-12:00,11:00-17:30", "重叠"),
        ("12:00-08:30", "晚于开始"),
        ("12:00-12:00", "晚于开始"),
        ("8-12", "格式错误"),
        ("08:30-12:00,abc", "格式错误"),
        ("", "为空"),
        (" , ", "为空"),
        ("24:00-25:00", "无效"),
        ("08:60-12:00", "无效"),
    ],
)
def test_working_hours_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        WorkingHours.parse(text)
    assert isinstance(caught.value, UserError)


def test_working_hours_validates_direct_construction() -> None:
    with pytest.raises(ValueError):
        WorkingHours(())
    with pytest.raises(ValueError, match="重叠"):
        WorkingHours(((time(13, 0), time(17, 0)), (time(8, 0), time(12, 0))))


def test_parse_limit() -> None:
    hours = WorkingHours()
    assert parse_limit("10m", hours, W) == 10
    assert parse_limit("30M", hours, N) == 30
    assert parse_limit("4h", hours, W) == 240
    assert parse_limit("4h", hours, N) == 240
    assert parse_limit("15d", hours, W) == 15 * 480
    assert parse_limit("15d", hours, N) == 15 * 1440
    assert parse_limit(" 2 d ", WorkingHours.parse("09:00-12:00"), W) == 360


@pytest.mark.parametrize("text", ["", "4", "h", "4x", "-1h", "1.5h", "0m", "4 hours", "4h30m"])
def test_parse_limit_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_limit(text, WorkingHours(), W)


def test_deadline_and_warning(cal: WorkCalendar) -> None:
    # 4 h from Mon 08:30: 210 min to 12:00, 30 more after lunch -> 13:30
    # warning at round(240 * 0.8) = 192 min -> 08:30 + 192 = 11:42
    due, warn = cal.deadline(sh(2025, 3, 17, 8, 30), 240, W)
    assert due == sh(2025, 3, 17, 13, 30)
    assert warn == sh(2025, 3, 17, 11, 42)
    # Friday 16:00 with a 50 % warning: 120 min -> Fri 90 + Mon 30 = Mon 09:00
    due, warn = cal.deadline(sh(2025, 3, 14, 16, 0), 240, W, warn_share=0.5)
    assert (due, warn) == (sh(2025, 3, 17, 11, 0), sh(2025, 3, 17, 9, 0))
    due, warn = cal.deadline(sh(2025, 3, 14, 16, 0), 240, N, warn_share=1)
    assert due == warn == sh(2025, 3, 14, 20, 0)
    assert due.tzinfo is UTC


@pytest.mark.parametrize("share", [0, -0.1, 1.01, float("nan")])
def test_deadline_rejects_warn_share(cal: WorkCalendar, share: float) -> None:
    with pytest.raises(ValueError, match="warn_share"):
        cal.deadline(sh(2025, 3, 14, 16, 0), 240, W, warn_share=share)

"""The calendar's cache of local days (`WorkCalendar._day_of`) gives exactly what a time-zone
conversion gives, and the arithmetic built on it is unchanged, on random moments."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from db.clock import TimeBasis, WorkCalendar, _YearTable


class _Reference(WorkCalendar):
    """The same calendar, converting every moment's time zone (no cache)."""

    def _day_of(self, moment: datetime, t: int) -> tuple[_YearTable, int]:
        local_day = moment.astimezone(self.tz).date()
        table = self._year(local_day.year)
        return table, local_day.toordinal() - table.first_ordinal


def _random_moment(rng: random.Random) -> datetime:
    base = datetime(2019, 1, 1, tzinfo=UTC)
    moment = base + timedelta(microseconds=rng.randrange(9 * 365 * 86_400 * 1_000_000))
    if rng.random() < 0.3:  # whole minutes and local midnights are common in real data
        moment = moment.replace(second=0, microsecond=0)
    if rng.random() < 0.2:
        moment = moment.replace(minute=0)
    if rng.random() < 0.3:
        moment = moment.astimezone(ZoneInfo("Asia/Shanghai"))
    return moment


@pytest.mark.parametrize(
    "zone", ["Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]
)
def test_cached_days_match_conversion(zone: str) -> None:
    rng = random.Random(zone)
    loaded = WorkCalendar.load(tz=ZoneInfo(zone))
    fast = WorkCalendar(loaded._holidays, loaded._makeup, tz=ZoneInfo(zone))
    slow = _Reference(loaded._holidays, loaded._makeup, tz=ZoneInfo(zone))
    for _ in range(4000):
        start = _random_moment(rng)
        minutes = rng.choice([0, 1, 10, 30, 240, 480, 2400, 7200, rng.randrange(20_000)])
        for basis in TimeBasis:
            due = fast.add(start, minutes, basis)
            assert due == slow.add(start, minutes, basis)
            assert due.tzinfo is UTC
            assert fast.deadline(start, minutes, basis) == slow.deadline(start, minutes, basis)
            end = _random_moment(rng)
            assert fast.elapsed(start, end, basis) == slow.elapsed(start, end, basis)
            assert fast.remaining_seconds(start, end, basis) == slow.remaining_seconds(
                start, end, basis
            )

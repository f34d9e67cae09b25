"""Time left as text: the one format of the queue's 剩余时间, the pane's countdown and the board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.reference.settings_store import CenterSettings
from desktop.common.durations import (
    WORKING_MARK,
    countdown_text,
    span_text,
    time_left_text,
    working_left_text,
)

DAY, HOUR, MINUTE = 86400, 3600, 60


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "<1分"),
        (59.9, "<1分"),
        (12 * MINUTE + 59, "12分"),  # cut, not rounded
        (HOUR + 5 * MINUTE + 9, "1时05分"),
        (DAY - 1, "23时59分"),
        (DAY, "1天0时"),
        (3 * DAY + 4 * HOUR + 5 * MINUTE + 59, "3天4时"),  # minutes dropped past a day
        (-(2 * HOUR + 3), "2时00分"),  # a span's length, whichever way
    ],
)
def test_span(seconds: float, text: str) -> None:
    assert span_text(seconds) == text


def test_left_and_overdue() -> None:
    assert time_left_text(44 * MINUTE + 2) == "剩 44分"
    assert time_left_text(-75) == "超 1分"
    assert time_left_text(-(DAY + 9 * HOUR + 30)) == "超 1天9时"
    # working time: the same words, a 天 is a working day, marked 工
    assert working_left_text(2 * 480 * MINUTE + HOUR + 2 * MINUTE, 480) == "工 剩 2天1时"
    assert working_left_text(450 * MINUTE, 420) == WORKING_MARK + " 剩 1天0时"


def test_countdown_picks_the_clock() -> None:
    calendar = CenterSettings().calendar()
    # Friday 2026-11-27 16:30 Beijing = 08:30 UTC; working day ends 17:30.
    now = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)
    monday_noon = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # Mon 11:00 local
    assert countdown_text(now, monday_noon, False, calendar) == "剩 2天18时"
    assert (
        countdown_text(now, monday_noon, True, calendar) == "工 剩 3时30分"
    )  # 1 h Fri + 2.5 h Mon
    assert countdown_text(monday_noon + timedelta(minutes=5), monday_noon, True, calendar) == (
        "超 5分"
    )

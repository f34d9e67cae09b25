"""Spans of time as text: the one format of the queue's 剩余时间 and the detail pane's countdown."""

from __future__ import annotations

import pytest

from desktop.common.durations import span_text, time_left_text, working_left_text

DAY, HOUR, MINUTE = 86400, 3600, 60


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (59.9, "0:00:59"),
        (12 * MINUTE, "0:12:00"),
        (HOUR + 5 * MINUTE + 9, "1:05:09"),
        (DAY - 1, "23:59:59"),
        (DAY, "1天 00:00"),
        (3 * DAY + 4 * HOUR + 5 * MINUTE + 59, "3天 04:05"),  # seconds dropped past a day
        (-(2 * HOUR + 3), "2:00:03"),  # a span's length, whichever way
    ],
)
def test_wall_clock_span(seconds: float, text: str) -> None:
    assert span_text(seconds) == text


def test_time_left_says_overdue_past_the_deadline() -> None:
    assert time_left_text(75) == "0:01:15"
    assert time_left_text(-75) == "超期 0:01:15"
    assert time_left_text(-75.6) == "超期 0:01:15"
    assert time_left_text(-(DAY + 2 * HOUR)) == "超期 1天 02:00"


@pytest.mark.parametrize(
    ("seconds", "minutes_per_day", "text"),
    [
        (0, 480, "0:00:00 工时"),
        (3 * HOUR + 30 * MINUTE, 480, "3:30:00 工时"),
        (480 * MINUTE - 1, 480, "7:59:59 工时"),
        (480 * MINUTE, 480, "1工作日 0:00"),
        (2 * 480 * MINUTE + HOUR + 2 * MINUTE, 480, "2工作日 1:02"),
        (450 * MINUTE, 420, "1工作日 0:30"),  # a working day is the center's, not 8 hours
    ],
)
def test_working_time_left(seconds: int, minutes_per_day: int, text: str) -> None:
    assert working_left_text(seconds, minutes_per_day) == text

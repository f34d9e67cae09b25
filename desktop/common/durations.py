"""Spans of time as text (剩余时间, 已超期): wall-clock and working time, one format everywhere.

The queue's 剩余时间 column and the detail pane's countdown both tick every second and show the
same text for the same span:

- wall clock: `3天 04:05` (days, then hours:minutes), `1:05:09` under a day;
- working time: `2工作日 1:02` (days of the center's working minutes), `1:05:09 工时` under one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def span_text(seconds: float) -> str:
    """A wall-clock span (negative spans are shown as their length)."""
    total = abs(int(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("Durations", "%1天 %2")
            .replace("%1", str(days))
            .replace("%2", f"{hours:02d}:{minutes:02d}")
        )
    return f"{hours}:{minutes:02d}:{secs:02d}"


def time_left_text(seconds: float) -> str:
    """Wall-clock time left until a deadline; past it, `超期` and how long ago."""
    if seconds < 0:
        return QCoreApplication.translate("Durations", "超期 %1").replace("%1", span_text(seconds))
    return span_text(seconds)


def working_left_text(seconds: float, minutes_per_day: int) -> str:
    """Working time left, in working days of `minutes_per_day` and working hours."""
    total = max(int(seconds), 0)
    days, rest = divmod(total, minutes_per_day * 60)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("Durations", "%1工作日 %2")
            .replace("%1", str(days))
            .replace("%2", f"{hours}:{minutes:02d}")
        )
    return QCoreApplication.translate("Durations", "%1 工时").replace(
        "%1", f"{hours}:{minutes:02d}:{secs:02d}"
    )

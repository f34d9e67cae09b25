"""Time left on a case's clock (剩余时间 / 超期) as text: ONE format for the whole window.

The queue's 剩余时间 column, the case pane's countdown and anything else that shows how long a
case has left use `countdown_text` (or `time_left_text` for a plain span), so a dispatcher reads
the same words everywhere:

- time left: `剩 44分`, `剩 3时05分`, `剩 2天3时`, `剩 <1分` (English `44m left`, `3h05m left`,
  `2d3h left`);
- past the deadline: `超 8时23分`, `超 1天9时` (English `1d9h late`).

Days and hours only above a day (minutes dropped), hours and minutes above an hour, minutes
below; seconds are never shown (the text changes once a minute). Spans are cut, not rounded:
`剩 44分` means at least 44 minutes.

工作时 vs 自然时: categories whose limits count working time (工作时, db.clock.TimeBasis) show
their time left in working time — a 天 is then one of the center's working days (e.g. 8 working
hours) — and carry the marker `WORKING_MARK` (工, English `W`) in front: `工 剩 2天3时`. The format itself is
the same; the marker and the tooltip (`basis_tooltip`) say which clock runs. Overdue spans are
always wall-clock (how long ago the deadline passed), so they carry no marker.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from db.clock import TimeBasis, WorkCalendar

WORKING_MARK = "工"  # every Chinese font has it (a clock symbol such as ⏲ is missing from most)
_NATURAL_DAY = 1440


def span_text(seconds: float, minutes_per_day: int = _NATURAL_DAY) -> str:
    """A span's length (its sign ignored): `2天3时`, `3时05分`, `44分`, `<1分`.

    `minutes_per_day`: how many minutes make a 天 (the center's working day on working time)."""
    minutes = abs(int(seconds)) // 60
    days, rest = divmod(minutes, minutes_per_day)
    hours, mins = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("Durations", "%1天%2时")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            QCoreApplication.translate("Durations", "%1时%2分")
            .replace("%1", str(hours))
            .replace("%2", f"{mins:02d}")
        )
    if mins:
        return QCoreApplication.translate("Durations", "%1分").replace("%1", str(mins))
    return QCoreApplication.translate("Durations", "<1分")


def time_left_text(
    seconds: float, *, working: bool = False, minutes_per_day: int = _NATURAL_DAY
) -> str:
    """`剩 …` for `seconds` left until a deadline, `超 …` past it (always without a marker);
    `working`: the seconds are working time (marked 工, a 天 is `minutes_per_day` minutes)."""
    if seconds < 0:
        return QCoreApplication.translate("Durations", "超 %1").replace("%1", span_text(seconds))
    if working:
        text = QCoreApplication.translate("Durations", "剩 %1").replace(
            "%1", span_text(seconds, minutes_per_day)
        )
        return f"{working_mark()} {text}"
    return QCoreApplication.translate("Durations", "剩 %1").replace("%1", span_text(seconds))


def working_mark() -> str:
    """The marker of a working-time clock, in the interface language."""
    return QCoreApplication.translate("Durations", "工", "working-time marker")


def working_left_text(seconds: float, minutes_per_day: int) -> str:
    """Working time left (never negative), marked 工."""
    return time_left_text(max(seconds, 0), working=True, minutes_per_day=minutes_per_day)


def countdown_text(now: datetime, due: datetime, working: bool, calendar: WorkCalendar) -> str:
    """The text of a running clock due at `due`: working time left for categories that count
    it (`working`), wall-clock time left otherwise; past the deadline, how long ago (wall
    clock). A working clock whose deadline lies outside working hours with no working time
    left before it falls back to wall-clock time."""
    seconds = (due - now).total_seconds()
    if seconds >= 0 and working:
        left = calendar.remaining_seconds(now, due, TimeBasis.WORKING)
        if left > 0:
            return working_left_text(left, calendar.hours.minutes_per_day)
    return time_left_text(seconds)


def basis_tooltip(working: bool) -> str:
    """What the marker means, for the tooltip of a time-left cell or label."""
    if working:
        return QCoreApplication.translate(
            "Durations", "“工”：按工作时间倒计时，下班时间和节假日不计，1天 = 1个工作日"
        )
    return QCoreApplication.translate("Durations", "按自然时间倒计时")

"""Times on the command line: stored UTC times shown, and read, as the center's wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from db.errors import ValidationError
from db.reference.settings_store import CenterSettings


def local_text(moment: datetime | None, settings: CenterSettings) -> str:
    """A stored UTC time as the center's wall clock, e.g. 2026-11-30 17:00."""
    if moment is None:
        return "—"
    return moment.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")


def parse_local_datetime(text: str, settings: CenterSettings) -> datetime:
    """`2026-11-30 17:00`, `2026-11-30T17:00`, `2026/11/30 17:00` or ISO 8601 with an offset.

    Without an offset the time is the center's local time; a bare date means the end of that
    day's working hours. Returns an aware UTC datetime."""
    cleaned = text.strip().replace("/", "-")
    try:
        if len(cleaned) == 10:
            day = date.fromisoformat(cleaned)
            end_of_day = settings.calendar().hours.periods[-1][1]
            moment = datetime.combine(day, end_of_day)
        else:
            moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            f"时间「{text}」无法识别，应为如 2026-11-30 17:00 或 2026-11-30T17:00+08:00"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.tz)
    return moment.astimezone(UTC)

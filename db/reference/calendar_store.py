"""The center's effective holiday calendar: the bundled years overlaid by the years stored in
the database (a stored year replaces that year of the file), and the process-wide cache of it.

Every change of the stored calendar writes a new random `calendar_version` into the settings
table in the same transaction. Settings are read at the start of every service call, so the
next transaction of any process sees the new version and builds (once per process and version)
the calendar from the database; a version is never reused, so databases cannot mix.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.clock import CalendarYear, bundled_years
from db.models import HolidayDay, HolidayYear, Setting

VERSION_KEY = "calendar_version"
HOLIDAY = "holiday"  # 放假
WORKDAY = "workday"  # 调休上班

# version → the years stored under it (filled by `ensure_loaded`; a few kB per version, and
# versions change a few times a year, so nothing is ever dropped)
_STORED: dict[str, tuple[CalendarYear, ...]] = {}


def read_stored_years(session: Session) -> dict[int, CalendarYear]:
    """The years the database holds, with their days (in the caller's transaction)."""
    days: dict[int, tuple[dict[date, str], dict[date, str]]] = defaultdict(lambda: ({}, {}))
    for day, year, kind, name in session.execute(
        select(HolidayDay.day, HolidayDay.year, HolidayDay.kind, HolidayDay.name)
    ):
        holidays, makeup = days[year]
        (holidays if kind == HOLIDAY else makeup)[day] = name
    years: dict[int, CalendarYear] = {}
    for year, status in session.execute(select(HolidayYear.year, HolidayYear.status)):
        holidays, makeup = days.get(year, ({}, {}))
        years[year] = CalendarYear(year, status, holidays, makeup)
    return years


def stored_version(session: Session) -> str:
    row = session.get(Setting, VERSION_KEY, populate_existing=True)
    return str(row.value) if row is not None and row.value else ""


def new_version(session: Session) -> str:
    """Mark the stored calendar as changed (call in the transaction that changes it)."""
    version = uuid.uuid4().hex
    row = session.get(Setting, VERSION_KEY)
    if row is None:
        session.add(Setting(key=VERSION_KEY, value=version, note="节假日日历版本（自动维护）"))
    else:
        row.value = version
    session.flush()
    return version


def ensure_loaded(session: Session, version: str) -> str:
    """Make sure the years stored under `version` are cached; returns the version they were
    read under (another if a change committed meanwhile, read again)."""
    for _ in range(5):
        if not version or version in _STORED:
            return version
        years = tuple(read_stored_years(session).values())
        again = stored_version(session)
        if again == version:
            _STORED[version] = years
            return version
        version = again
    raise RuntimeError("节假日日历在读取时反复被修改，请重试")


def effective_years(version: str) -> dict[int, CalendarYear]:
    """The bundled years overlaid by those stored under `version` (loaded by `ensure_loaded`)."""
    years = dict(bundled_years())
    if version:
        stored = _STORED.get(version)
        if stored is None:
            raise RuntimeError(f"calendar version {version} was not loaded (use load_settings)")
        years.update({entry.year: entry for entry in stored})
    return years

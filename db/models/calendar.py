"""The holiday calendar a center keeps (节假日日历): its years and their days.

A year stored here replaces that year of the bundled file (resources/calendar/cn_holidays.json);
the years not stored keep the bundled days. A day not listed is a working day Monday to Friday
and a rest day on Saturday and Sunday.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class HolidayYear(Base):
    """One year of the center's calendar: official (国务院通知已发布) or provisional (暂定)."""

    __tablename__ = "holiday_years"
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(16))  # official | provisional
    note: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column()


class HolidayDay(Base):
    """One day of a stored year that is not as its weekday says: a holiday (放假) or a make-up
    working day (调休上班)."""

    __tablename__ = "holiday_days"
    day: Mapped[date] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("holiday_years.year"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # holiday | workday
    name: Mapped[str] = mapped_column(String(32), default="")
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column()

"""Internal case notes (内部备注) and call log lines (回访/催办 电话记录), and shift handovers
(交接班). Neither is part of a case's official history: returns and exports never read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class CaseNote(Base):
    """One line of a case's internal thread: a note (`kind` "note") or a call (`kind` "call",
    with `call_kind` callback|urge, whom was called, the phone and the outcome)."""

    __tablename__ = "case_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column()
    author: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(8), default="note")
    text: Mapped[str] = mapped_column(Text, default="")
    call_kind: Mapped[str | None] = mapped_column(String(16))
    called: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="")


class ShiftHandover(Base):
    """A shift handed over (交班) with its note and the open urgent/overdue cases at that moment,
    and who took it over (接班) and when."""

    __tablename__ = "shift_handovers"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column()
    from_user: Mapped[str] = mapped_column(String(64))
    from_name: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    cases: Mapped[list[Any] | None] = mapped_column(JSONType)
    to_user: Mapped[str | None] = mapped_column(String(64))
    to_name: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index("ix_shift_handovers_pending", "acknowledged_at", "at"),)

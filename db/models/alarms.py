"""Alarms (警报) of urgent cases: raised once per case, kind and deadline, kept until acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class CaseAlarm(Base):
    """One alarm of an urgent case: `kind` is "new" (just reported), "warning" (its warning
    time reached) or "overdue" (its deadline passed); `deadline` the moment it is about (the
    report time, the stage's warn_at or due_at), so a new stage or an extended deadline alarms
    again while one deadline alarms once, whichever workstation sees it first. Open until
    someone acknowledges it (确认): who and when are kept."""

    __tablename__ = "case_alarms"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(12))
    deadline: Mapped[datetime] = mapped_column()
    raised_at: Mapped[datetime] = mapped_column()
    raised_by: Mapped[str] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None] = mapped_column()
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("case_id", "kind", "deadline", name="uq_case_alarms_case_kind_deadline"),
        Index("ix_case_alarms_open", "acknowledged_at", "raised_at"),
    )

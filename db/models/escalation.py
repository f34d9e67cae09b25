"""Escalation (督办与上报): the rules, the 督办 documents, the 上报 records, the sweeper's
fired moments and the street's 联席会议 with its decisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class EscalationRule(Base):
    """How a case that sits is escalated. A rule applies to one 小类 (`category_id`), or to
    every case of an urgency (`urgent` true/false, `category_id` NULL), or to all (both NULL);
    the most specific active rule wins. Working days count on the centre's calendar."""

    __tablename__ = "escalation_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), unique=True)
    urgent: Mapped[bool | None] = mapped_column()
    remind_at_warning: Mapped[bool] = mapped_column(default=True)  # 预警提醒 the department
    urge_at_deadline: Mapped[bool] = mapped_column(default=True)  # 系统督办 at the deadline
    reply_days: Mapped[int] = mapped_column(default=1)  # 督办回复期限 (working days)
    escalate_after_days: Mapped[int | None] = mapped_column()  # 超期 N 个工作日后上报; NULL never
    escalate_to: Mapped[str] = mapped_column(String(12), default="meeting")  # district | meeting
    escalation_days: Mapped[int] = mapped_column(default=5)  # 上报后的办理时限 (working days)
    active: Mapped[bool] = mapped_column(default=True)


class CaseUrge(Base):
    """A 督办单: who urged the case's department (a person, or the system at the deadline),
    at which level (街道/区), what is required, by when the department must reply, and its
    督办回复. `escalated_at` is set when an overdue reply was escalated."""

    __tablename__ = "case_urges"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    level: Mapped[str] = mapped_column(String(12))  # street | district
    requirement: Mapped[str] = mapped_column(Text)
    reply_by: Mapped[datetime] = mapped_column()
    issued_at: Mapped[datetime] = mapped_column()
    issued_by: Mapped[str] = mapped_column(String(64))
    by_system: Mapped[bool] = mapped_column(default=False)
    reply_text: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column()
    replied_by: Mapped[str | None] = mapped_column(String(64))
    on_behalf: Mapped[bool] = mapped_column(default=False)  # 代录 by the centre
    escalated_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        Index("ix_case_urges_department_open", "department_id", "replied_at"),
        Index("ix_case_urges_reply_by", "reply_by"),
        Index("ix_case_urges_issued_at", "issued_at"),
    )


class CaseEscalation(Base):
    """A 上报: the case sent to the district platform (区级平台) or to the street's 联席会议,
    by a person or by the system, with its own clock (`due_at`); closed by a meeting's
    decision (`meeting_id`) or when the district answers (`resolved_at`)."""

    __tablename__ = "case_escalations"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    target: Mapped[str] = mapped_column(String(12))  # district | meeting
    reason: Mapped[str] = mapped_column(Text)
    escalated_at: Mapped[datetime] = mapped_column()
    escalated_by: Mapped[str] = mapped_column(String(64))
    by_system: Mapped[bool] = mapped_column(default=False)
    due_at: Mapped[datetime] = mapped_column()
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    resolved_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        Index("ix_case_escalations_open", "resolved_at", "target"),
        Index("ix_case_escalations_at", "escalated_at"),
    )


class EscalationFire(Base):
    """One moment the sweeper acted on: (case, stage, moment) is unique, so running it twice,
    or on two workstations at once, acts once. `stage` is remind | urge | escalate | reply;
    `moment` the instant it is about (warning time, deadline, deadline + N days, reply_by).
    A reminder (remind) is the department's inbox alarm until acknowledged."""

    __tablename__ = "escalation_fires"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    stage: Mapped[str] = mapped_column(String(12))
    moment: Mapped[datetime] = mapped_column()
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("escalation_rules.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    fired_at: Mapped[datetime] = mapped_column()
    acknowledged_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        UniqueConstraint("case_id", "stage", "moment", name="uq_escalation_fires_case_stage"),
        Index("ix_escalation_fires_department", "department_id", "stage", "acknowledged_at"),
    )


class Meeting(Base):
    """A 联席会议 of the street: when, which departments attended, who recorded it."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column()
    departments: Mapped[Any] = mapped_column(
        JSONType, nullable=False
    )  # the attending departments' names
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column()
    recorded_by: Mapped[str] = mapped_column(String(64))


class MeetingDecision(Base):
    """The meeting's decision on one escalated case: the department assigned and the new
    deadline; the case is re-dispatched accordingly."""

    __tablename__ = "meeting_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("case_escalations.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    due_at: Mapped[datetime] = mapped_column()
    decision: Mapped[str] = mapped_column(Text, default="")

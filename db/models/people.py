"""People and their roster roles (人员花名册): community workers, grid staff, first
secretaries, mentoring, sent-down cadres and party-member check-ins."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, JSONType
from db.models.geography import Community, Grid


class Person(Base):
    """Anyone on a roster. `id_number` (公民身份号码) is the identity used to match imports."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    gender: Mapped[str] = mapped_column(String(4), default="")
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    phone: Mapped[str] = mapped_column(String(32), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    party_member: Mapped[bool] = mapped_column(default=False)
    education: Mapped[str] = mapped_column(String(16), default="")
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    work_unit: Mapped[str] = mapped_column(String(128), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    community: Mapped[Community | None] = relationship()


class PayScale(Base):
    """The editable pay table of the 3档38级 system: monthly pay per tier (档) and level (级)."""

    __tablename__ = "pay_scale"
    tier: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[int] = mapped_column(primary_key=True)
    monthly_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class CommunityWorker(Base):
    """社区工作者 with post, pay tier and level, service and career."""

    __tablename__ = "community_workers"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    post: Mapped[str] = mapped_column(String(32))
    pay_tier: Mapped[int] = mapped_column()
    pay_level: Mapped[int] = mapped_column()
    service_start: Mapped[date | None] = mapped_column(Date)
    terms_served: Mapped[int] = mapped_column(default=0)
    honours: Mapped[str] = mapped_column(String(200), default="")
    career_move: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="在岗")
    end_date: Mapped[date | None] = mapped_column(Date)
    person: Mapped[Person] = relationship()
    community: Mapped[Community] = relationship()


class GridAssignment(Base):
    """网格长 / 网格员 assigned to a grid; history kept by closing `end_date`."""

    __tablename__ = "grid_assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # leader | worker
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    person: Mapped[Person] = relationship()
    grid: Mapped[Grid] = relationship()


class FirstSecretary(Base):
    """第一书记 sent by a unit to a street or community for a term."""

    __tablename__ = "first_secretaries"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    sending_unit: Mapped[str] = mapped_column(String(128))
    post_level: Mapped[str] = mapped_column(String(16))  # street | community
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="在任")
    end_date: Mapped[date | None] = mapped_column(Date)  # the day 离任 took effect
    person: Mapped[Person] = relationship()
    community: Mapped[Community | None] = relationship()


class Mentorship(Base):
    """导师帮带: a mentor and an apprentice in a 社区书记工作室 (secretary studio)."""

    __tablename__ = "mentorships"
    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    apprentice_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    studio: Mapped[str] = mapped_column(String(128))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="帮带中")
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])
    apprentice: Mapped[Person] = relationship(foreign_keys=[apprentice_id])


class SentDownCadre(Base):
    """下沉干部 of a batch sent to a community for at least two years."""

    __tablename__ = "sent_down_cadres"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    batch: Mapped[str] = mapped_column(String(32))
    sending_unit: Mapped[str] = mapped_column(String(128))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="在岗")
    end_date: Mapped[date | None] = mapped_column(Date)  # the day the posting ended
    person: Mapped[Person] = relationship()
    community: Mapped[Community] = relationship()


class PartyCheckin(Base):
    """党员报到: a party member checked in to the residential community, and the service given."""

    __tablename__ = "party_checkins"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    sending_org: Mapped[str] = mapped_column(String(128))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    checkin_date: Mapped[date] = mapped_column(Date)
    activities: Mapped[str] = mapped_column(Text, default="")
    service_hours: Mapped[Decimal] = mapped_column(Numeric(8, 1), default=Decimal(0))
    status: Mapped[str] = mapped_column(String(16), default="已报到")
    end_date: Mapped[date | None] = mapped_column(Date)  # the day the member moved away
    person: Mapped[Person] = relationship()
    community: Mapped[Community] = relationship()

    __table_args__ = (UniqueConstraint("person_id", "community_id", "checkin_date"),)


class RosterEvent(Base):
    """History of roster changes (who changed what, when): append-only."""

    __tablename__ = "roster_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(64))
    roster: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int] = mapped_column()
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSONType)

    __table_args__ = (Index("ix_roster_events_row", "roster", "row_id"),)

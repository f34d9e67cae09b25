"""A department's requests to the centre: 申请延期 (more time, decided by the 值班长) and
申请协办 (other departments to help, decided by the centre)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class ExtensionRequest(Base):
    """申请延期: the department asks for a later handling deadline (a date or extra working days)
    with a reason; a 值班长 approves it (the case's 延期, linked by `details.extension_request`
    in the history) or refuses it with a reason. `decision` is NULL while pending."""

    __tablename__ = "extension_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    until: Mapped[datetime | None] = mapped_column()
    extra_days: Mapped[int | None] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column()
    decision: Mapped[str | None] = mapped_column(String(16))  # approved | refused
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column()
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_extension_requests_pending", "decision", "requested_at"),
        Index("ix_extension_requests_department", "department_id", "requested_at"),
    )


class CohandlingRequest(Base):
    """申请协办: the department asks the centre to bring in other departments (their names in
    `departments`) with a reason. The centre decides; `decision` is NULL while pending."""

    __tablename__ = "cohandling_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    departments: Mapped[list[Any]] = mapped_column(JSONType)
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column()
    decision: Mapped[str | None] = mapped_column(String(16))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column()
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_cohandling_requests_pending", "decision", "requested_at"),)

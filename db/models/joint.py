"""Joint handling (吹哨报到): the co-departments (协办部门) of a case, each on its own track.

The lead department (主办) stays `cases.department_id`, so every query of a case's department
keeps working; a co-department has one row here per case, with its own state, times and
deadline (the category's handling limit from its dispatch, on the centre's calendar).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class CaseDepartment(Base):
    """One co-department's track on one case: `state` is dispatched (待受理), accepted (处置中),
    fed_back (已反馈), returned (已退回) or released (已解除, by the centre). Re-adding a
    department whose track ended starts the track again (a new dispatch time and deadline);
    the case history keeps every step."""

    __tablename__ = "case_departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    state: Mapped[str] = mapped_column(String(12))
    dispatched_at: Mapped[datetime] = mapped_column()
    accepted_at: Mapped[datetime | None] = mapped_column()
    feedback_at: Mapped[datetime | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()  # returned or released
    due_at: Mapped[datetime] = mapped_column()
    warn_at: Mapped[datetime] = mapped_column()
    feedback: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")  # reason of a return or release

    __table_args__ = (
        UniqueConstraint("case_id", "department_id", name="uq_case_departments_case_department"),
        # The desk board's co counts per department, and a department's co-handling figures.
        Index("ix_case_departments_department", "department_id", "state", "due_at"),
    )

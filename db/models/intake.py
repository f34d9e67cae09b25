"""What the intake suggestions learned from the center's closed cases (db/intake/classify.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class IntakeModel(Base):
    """One trained model, shared by every workstation of the database: retrained in the
    background when enough cases closed since `trained_through`, never edited by people.

    `data` holds the n-gram counts (a compressed numpy archive), `departments` the on-time
    closings per 小类, grid and department of the year before training."""

    __tablename__ = "intake_models"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    trained_at: Mapped[datetime] = mapped_column()
    trained_through: Mapped[datetime | None] = mapped_column()  # newest closing learned from
    cases: Mapped[int] = mapped_column(default=0)  # closed cases learned from
    data: Mapped[bytes] = mapped_column(LargeBinary)
    departments: Mapped[list[Any] | None] = mapped_column(JSONType)

"""The case category catalogue: 大类 (major classes) and 小类 (minor classes) with time limits."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base
from db.models.departments import Department


class MajorCategory(Base):
    """大类, of kind 事件 (event) or 部件 (part)."""

    __tablename__ = "major_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(64))


class Category(Base):
    """小类 with its default department and per-stage time limits in minutes."""

    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    major_id: Mapped[int] = mapped_column(ForeignKey("major_categories.id"), index=True)
    default_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    dispatch_minutes: Mapped[int] = mapped_column()
    handle_minutes: Mapped[int] = mapped_column()
    verify_minutes: Mapped[int] = mapped_column()
    basis: Mapped[str] = mapped_column(String(8), default="working")  # working | natural
    urgent: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    major: Mapped[MajorCategory] = relationship()
    default_department: Mapped[Department | None] = relationship()

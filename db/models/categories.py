"""The case category catalogue: 大类 (major classes) and 小类 (minor classes) with time limits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base
from db.models.departments import Department

KEYWORDS_LENGTH = 400  # characters of a 小类's comma-separated keywords


class MajorCategory(Base):
    """大类, of kind 事件 (event) or 部件 (part)."""

    __tablename__ = "major_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(64))


class Category(Base):
    """小类 with its default department, per-stage time limits in minutes and keywords; a retired
    (停用) 小类 stays on its cases but takes no new ones."""

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
    # 关键词: the words and synonyms callers use (马葫芦 for 井盖), comma-separated; intake's
    # suggestions match them (db/reference/category_keywords.py reads and writes them).
    keywords: Mapped[str] = mapped_column(
        String(KEYWORDS_LENGTH), default="", server_default=text("''")
    )
    # The day the 小类 was retired (停用); None while active, or retired before it was recorded.
    retired_on: Mapped[date | None] = mapped_column()
    major: Mapped[MajorCategory] = relationship()
    default_department: Mapped[Department | None] = relationship()

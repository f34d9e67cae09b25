"""District → street → community → unit grid (区县 → 街道 → 社区 → 单元网格), and the changes of
communities and grids over time (renamed, retired, split, merged: `GeographyChange`).

A community or grid exists on the days [established_on, retired_on): NULL established_on means
since before GridDesk knew it, NULL retired_on means still in use. Codes are never reused.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base


class District(Base):
    """区县: a county-level division with its 6-digit code."""

    __tablename__ = "districts"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    city: Mapped[str] = mapped_column(String(64), default="")
    province: Mapped[str] = mapped_column(String(64), default="")


class Street(Base):
    """街道 / 镇 / 乡 with its 9-digit code; one command center serves one street."""

    __tablename__ = "streets"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    district: Mapped[District] = relationship()


class Community(Base):
    """社区 (居委会) or 村 (村委会) with its 12-digit code, residents and households."""

    __tablename__ = "communities"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    street_id: Mapped[int] = mapped_column(ForeignKey("streets.id"))
    population: Mapped[int] = mapped_column(default=0)
    households: Mapped[int] = mapped_column(default=0)
    established_on: Mapped[date | None] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)
    street: Mapped[Street] = relationship()
    grids: Mapped[list[Grid]] = relationship(back_populates="community", order_by="Grid.code")


class Grid(Base):
    """单元网格 with its 14- or 15-digit code."""

    __tablename__ = "grids"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    population: Mapped[int] = mapped_column(default=0)
    households: Mapped[int] = mapped_column(default=0)
    boundary: Mapped[str] = mapped_column(  # 四至范围
        String(200), default="", server_default=text("''")
    )
    established_on: Mapped[date | None] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)  # first day no longer in use
    community: Mapped[Community] = relationship(back_populates="grids")


class GeographyChange(Base):
    """One line of a change of the geography, append-only (db.boundaries.changes).

    `level` community | grid; `kind` rename | retire | split | merge. A split or merge writes
    one row per old → new code pair of its mapping; a rename keeps the old and new names (the
    name history: a return for a period before `effective_on` shows `old_name`); a retire has
    no new code. `effective_on` is the first day of the new state.
    """

    __tablename__ = "geography_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(8))
    old_code: Mapped[str] = mapped_column(String(15))
    new_code: Mapped[str | None] = mapped_column(String(15))
    old_name: Mapped[str] = mapped_column(String(64), default="")
    new_name: Mapped[str] = mapped_column(String(64), default="")
    effective_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column()

    __table_args__ = (
        Index("ix_geography_changes_old", "level", "old_code"),
        Index("ix_geography_changes_new", "level", "new_code"),
    )

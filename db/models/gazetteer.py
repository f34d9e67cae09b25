"""The gazetteer (地名地址库): where roads, estates and landmarks lie, each row in one grid.

`kind` road: a stretch of door numbers of one road (`first_no`..`last_no`, the odd side, the
even side or both) in one grid; a long road has one row per grid it crosses. `kind` estate: a
小区 or its buildings `first_no`..`last_no` (both NULL: the whole estate) in one grid; an estate
that spans grids has one row per part. `kind` landmark: a school, market, bus stop, hospital …
(`landmark_type`) in one grid. `aliases` are other names callers use, separated by 、.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base
from db.models.geography import Grid


class GazetteerEntry(Base):
    __tablename__ = "gazetteer_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # road | estate | landmark
    name: Mapped[str] = mapped_column(String(64))
    aliases: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    first_no: Mapped[int | None] = mapped_column()
    last_no: Mapped[int | None] = mapped_column()
    side: Mapped[str] = mapped_column(  # odd | even | both (roads)
        String(4), default="both", server_default=text("'both'")
    )
    landmark_type: Mapped[str] = mapped_column(String(16), default="", server_default=text("''"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    grid: Mapped[Grid] = relationship()

    __table_args__ = (Index("ix_gazetteer_entries_kind_name", "kind", "name"),)

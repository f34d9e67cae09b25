"""Placing a caller's address in a grid (定位).

PROVISIONAL: names of grids and communities found in the text. The gazetteer work replaces the
body of `place_in` (same signature and result type)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Community, Grid
from db.reference.choices import Choice


@dataclass(frozen=True)
class Placement:
    """Where an address lies: candidate grids best first; `certain` only when exactly one grid
    fits (an address that fits several grids is never certain and lists them all)."""

    grids: tuple[Choice, ...]
    certain: bool


def place_in(session: Session, address: str, *, limit: int = 3) -> Placement:
    text = address.strip()
    if not text:
        return Placement((), False)
    rows = session.execute(
        select(Grid.id, Grid.code, Grid.name, Community.name)
        .join(Community, Grid.community_id == Community.id)
        .where(Grid.retired_on.is_(None))
    ).all()
    found = [
        Choice(code, f"{community}{name}", 0.5, f"地址含 {name}", id=grid_id)
        for grid_id, code, name, community in rows
        if name and name in text
    ]
    return Placement(tuple(found[:limit]), len(found) == 1)

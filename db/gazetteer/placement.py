"""Placing a caller's address in a grid (定位) with the gazetteer (db.gazetteer.index).

The gazetteer is read once per database state and kept: the key is the number of its rows,
their highest id and a checksum of their grids, the grids' count and retirements and the
number of geography changes (renames), so an edit or an import is seen by the next call.
Rows whose grid is retired are left out: after a split or merge, point them at the new grids
in 基础数据 (or re-import the sheet)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.gazetteer.index import Gazetteer, GridName, entries_from_rows
from db.models import Community, District, GazetteerEntry, GeographyChange, Grid, Street
from db.reference.choices import Choice


@dataclass(frozen=True)
class Placement:
    """Where an address lies: candidate grids best first; `certain` only when exactly one grid
    fits (an address that fits several grids is never certain and lists them all)."""

    grids: tuple[Choice, ...]
    certain: bool


_lock = threading.Lock()
_cache: dict[tuple[str, tuple[object, ...]], Gazetteer] = {}


def _state(session: Session) -> tuple[object, ...]:
    entries = session.execute(
        select(
            func.count(GazetteerEntry.id),
            func.max(GazetteerEntry.id),
            func.sum(GazetteerEntry.grid_id + GazetteerEntry.id * 7 % 1000003),
        )
    ).one()
    grids = session.execute(
        select(func.count(Grid.id), func.max(Grid.id), func.count(Grid.retired_on))
    ).one()
    # A rename of a grid or community is a row of geography_changes: the names shown follow.
    changes = session.scalar(select(func.count(GeographyChange.id)))
    return (*entries, *grids, changes)


def load_gazetteer(session: Session) -> Gazetteer:
    """The gazetteer of the database as it is now (kept until a row or a grid changes)."""
    bind = session.get_bind()
    url = bind.engine.url if hasattr(bind, "engine") else ""
    key = (str(url), _state(session))
    with _lock:
        found = _cache.get(key)
    if found is not None:
        return found
    grids = {
        grid_id: GridName(grid_id, code, f"{community}{name}", community)
        for grid_id, code, name, community in session.execute(
            select(Grid.id, Grid.code, Grid.name, Community.name)
            .join(Community, Grid.community_id == Community.id)
            .where(Grid.retired_on.is_(None))
        )
    }
    rows = session.execute(
        select(
            GazetteerEntry.kind,
            GazetteerEntry.name,
            GazetteerEntry.aliases,
            GazetteerEntry.first_no,
            GazetteerEntry.last_no,
            GazetteerEntry.side,
            GazetteerEntry.landmark_type,
            GazetteerEntry.grid_id,
        ).order_by(GazetteerEntry.id)
    ).all()
    admin: set[str] = set()
    for street, district, city, province in session.execute(
        select(Street.name, District.name, District.city, District.province).join(
            District, Street.district_id == District.id
        )
    ):
        admin.update(n for n in (street, district, city, province) if n)
        if street.endswith("街道"):
            admin.add(street + "办事处")
    gazetteer = Gazetteer(entries_from_rows(tuple(r) for r in rows), grids, tuple(admin))
    with _lock:
        if len(_cache) > 8:
            _cache.clear()
        _cache[key] = gazetteer
    return gazetteer


def place_in(session: Session, address: str, *, limit: int = 3) -> Placement:
    """The grids `address` may lie in, best first (at most `limit`), each with its reason;
    certain only when one grid fits for sure."""
    if not address or not address.strip():
        return Placement((), False)
    gazetteer = load_gazetteer(session)
    found = gazetteer.place(address)
    keep = max(limit, 1)
    choices = tuple(
        Choice(
            gazetteer.grids[g].code,
            gazetteer.grids[g].name,
            score,
            why,
            id=g,
        )
        for g, score, why in list(zip(found.grid_ids, found.scores, found.whys, strict=True))[:keep]
    )
    return Placement(choices, found.certain)

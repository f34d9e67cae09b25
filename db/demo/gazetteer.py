"""Demo street, the gazetteer: every road the grids have is cut into door-number stretches, one
grid each (some stretches split by side: the odd numbers in one grid, the even ones in the
next), each estate lies in its grid (an estate two grids share is split by building), and
every grid has a landmark (school, market, clinic …) and a bus stop. The case generator draws
addresses from these lists, so a door number always lies in the same grid.

Deterministic: no random numbers are drawn (the demo's random stream stays as it was)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.demo.geography import GridInfo
from db.gazetteer.index import ESTATE, LANDMARK, ROAD
from db.models import Community, GazetteerEntry

BLOCK = 40  # door numbers of one stretch on both sides
SPLIT_BLOCK = 60  # a stretch whose odd and even sides lie in two grids
BUILDINGS = 40  # buildings of an estate
# One landmark per grid, by the grid's place in its community: (suffix, type, aliases).
LANDMARK_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("小学", "学校", ()),
    ("菜市场", "市场", ("{stem}市场",)),
    ("社区卫生服务中心", "医院", ("{stem}医院", "{stem}卫生院")),
    ("幼儿园", "学校", ()),
    ("中学", "学校", ("{stem}中",)),
    ("公园", "公园", ()),
    ("农贸市场", "市场", ()),
    ("派出所", "机关", ()),
)


@dataclass(frozen=True)
class Stretch:
    """Door numbers `first`..`last` of `road` (side odd | even | both) in one grid."""

    road: str
    first: int
    last: int
    side: str


def _estate_aliases(estate: str, roads: list[str]) -> tuple[str, ...]:
    stem = estate.removesuffix("小区")
    if len(stem) >= 3 and not any(r.startswith(stem) for r in roads):
        return (stem,)
    return ()


def plan_gazetteer(
    grids: list[GridInfo], community_names: dict[int, str]
) -> tuple[list[dict[str, Any]], dict[int, list[Stretch]], dict[int, tuple[int, int]]]:
    """The gazetteer rows, each grid's door-number stretches and each grid's buildings."""
    rows: list[dict[str, Any]] = []
    stretches: dict[int, list[Stretch]] = {g.id: [] for g in grids}
    roads = sorted({r for g in grids for r in g.roads})
    for r_index, road in enumerate(roads):
        on_road = [g for g in grids if road in g.roads]
        cursor, j = 1, 0
        while j < len(on_road):
            grid = on_road[j]
            if r_index % 3 == 0 and j + 1 < len(on_road):
                other = on_road[j + 1]
                last = cursor + SPLIT_BLOCK - 1
                stretches[grid.id].append(Stretch(road, cursor, last, "odd"))
                stretches[other.id].append(Stretch(road, cursor, last, "even"))
                cursor, j = last + 1, j + 2
                continue
            last = cursor + BLOCK - 1
            stretches[grid.id].append(Stretch(road, cursor, last, "both"))
            cursor, j = last + 1, j + 1
    for grid_id, items in stretches.items():
        for s in items:
            rows.append(
                {
                    "kind": ROAD,
                    "name": s.road,
                    "aliases": "",
                    "first_no": s.first,
                    "last_no": s.last,
                    "side": s.side,
                    "landmark_type": "",
                    "grid_id": grid_id,
                    "note": "",
                }
            )
    buildings: dict[int, tuple[int, int]] = {}
    by_estate: dict[str, list[GridInfo]] = {}
    for grid in grids:
        if grid.estate:
            by_estate.setdefault(grid.estate, []).append(grid)
    for estate, holders in by_estate.items():
        aliases = "、".join(_estate_aliases(estate, roads))
        share = BUILDINGS // len(holders)
        for k, grid in enumerate(holders):
            first = k * share + 1
            last = BUILDINGS if k == len(holders) - 1 else (k + 1) * share
            buildings[grid.id] = (first, last)
            whole = len(holders) == 1
            rows.append(
                {
                    "kind": ESTATE,
                    "name": estate,
                    "aliases": aliases,
                    "first_no": None if whole else first,
                    "last_no": None if whole else last,
                    "side": "both",
                    "landmark_type": "",
                    "grid_id": grid.id,
                    "note": "",
                }
            )
    used: set[str] = set()
    place_in_community: dict[int, int] = {}
    for grid in grids:
        index = place_in_community.get(grid.community_id, 0)
        place_in_community[grid.community_id] = index + 1
        stem = community_names[grid.community_id].removesuffix("社区")
        suffix, kind, patterns = LANDMARK_KINDS[index % len(LANDMARK_KINDS)]
        marks = [(f"{stem}{suffix}", kind, tuple(a.format(stem=stem) for a in patterns))]
        if grid.estate:
            marks.append((f"{grid.estate}公交站", "公交站", (f"{grid.estate}站",)))
        for name, kind, also in marks:
            if name in used:
                continue
            used.add(name)
            rows.append(
                {
                    "kind": LANDMARK,
                    "name": name,
                    "aliases": "、".join(also),
                    "first_no": None,
                    "last_no": None,
                    "side": "both",
                    "landmark_type": kind,
                    "grid_id": grid.id,
                    "note": "",
                }
            )
    return rows, stretches, buildings


def build_gazetteer(session: Session, communities: list[Community], grids: list[GridInfo]) -> None:
    """Write the demo street's gazetteer and give each `GridInfo` its stretches and buildings."""
    names = {c.id: c.name for c in communities}
    rows, stretches, buildings = plan_gazetteer(grids, names)
    session.execute(insert(GazetteerEntry), rows)
    for grid in grids:
        grid.stretches = tuple((s.road, s.first, s.last, s.side) for s in stretches[grid.id])
        for s in stretches[grid.id]:
            grid.by_road[s.road] = (*grid.by_road.get(s.road, ()), (s.first, s.last, s.side))
        grid.buildings = buildings.get(grid.id, (1, BUILDINGS))


def in_range(draw: int, first: int, last: int) -> int:
    """A number drawn in 1..N (any N) folded into `first`..`last`: the demo keeps drawing the
    numbers it always drew (its random stream, and so every other figure, stays the same)."""
    return first + (draw - 1) % (last - first + 1)


def door_number(draw: int, first: int, last: int, side: str) -> int:
    """A door number in `first`..`last` on `side`, from a number `draw` drawn in that range."""
    if side == "odd" and draw % 2 == 0:
        return draw + 1 if draw + 1 <= last else draw - 1
    if side == "even" and draw % 2 == 1:
        return draw + 1 if draw + 1 <= last else draw - 1
    return draw

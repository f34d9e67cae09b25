"""Demo street, the geography: 新明街道 of 本溪市明山区, its ten communities and their unit grids
(codes, populations, households, map positions), drawn from one seeded `random.Random`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Community,
    District,
    Grid,
    Street,
)

DISTRICT_CODE = "210504"
STREET_CODE = "210504002"
STREET_NAME = "新明街道"
CENTER_NAME = "新明街道网格化服务管理指挥调度中心"
# A settings key the demo builder writes (value: the street code): the database is the demo.
DEMO_MARKER = "demo_street"
COMMUNITY_NAMES = (
    "锦峪社区",
    "新明社区",
    "明山社区",
    "东明社区",
    "北星社区",
    "光明社区",
    "永丰社区",
    "峪明社区",
    "春华社区",
    "和平社区",
)
# The last community numbers its grids Beijing-style (15 digits); the rest use 14.
FIFTEEN_DIGIT_COMMUNITIES = frozenset({"和平社区"})
CENTER_LON, CENTER_LAT = 123.807, 41.309


@dataclass
class GridInfo:
    """What the case generator needs to know about a grid."""

    id: int
    code: str
    community_id: int
    population: int
    lon: float
    lat: float
    roads: tuple[str, ...]
    estate: str
    reporters: list[tuple[str, str]] = field(default_factory=list)  # (name, phone)
    # From the gazetteer (db.demo.gazetteer): (road, first, last, side) door-number stretches
    # and the estate's buildings (first, last) in this grid.
    stretches: tuple[tuple[str, int, int, str], ...] = ()
    by_road: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)
    buildings: tuple[int, int] = (1, 40)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` uneven positive shares that add up exactly."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def build_geography(
    session: Session, rng: random.Random, names: dict[str, Any]
) -> tuple[list[Community], list[GridInfo]]:
    district = session.scalar(select(District).where(District.code == DISTRICT_CODE))
    if district is None:
        district = District(code=DISTRICT_CODE, name="明山区", city="本溪市", province="辽宁省")
        session.add(district)
        session.flush()
    street = Street(code=STREET_CODE, name=STREET_NAME, district_id=district.id)
    session.add(street)
    session.flush()
    roads: list[str] = list(names["roads"])
    estates: list[str] = list(names["estates"])
    communities: list[Community] = []
    populations: list[int] = []
    for index, name in enumerate(COMMUNITY_NAMES, start=1):
        population = rng.randint(5_000, 15_000)
        households = round(population / rng.uniform(2.35, 2.75))
        community = Community(
            code=f"{STREET_CODE}{index:03d}",
            name=name,
            street_id=street.id,
            population=population,
            households=households,
        )
        session.add(community)
        communities.append(community)
        populations.append(population)
    session.flush()
    grid_rows: list[tuple[Community, Grid, float, float, tuple[str, ...], str]] = []
    for c_index, community in enumerate(communities):
        count = min(max(round(community.population / 1_700), 4), 8)
        pops = _split(community.population, count, rng)
        grid_households = _split(community.households, count, rng)
        c_lon = CENTER_LON + (c_index % 4 - 1.5) * 0.012 + rng.uniform(-0.002, 0.002)
        c_lat = CENTER_LAT + (c_index // 4 - 1) * 0.010 + rng.uniform(-0.002, 0.002)
        wide = community.name in FIFTEEN_DIGIT_COMMUNITIES
        for g in range(count):
            code = f"{community.code}{g + 1:03d}" if wide else f"{community.code}{g + 1:02d}"
            estate = estates[(c_index * 3 + g) % len(estates)]
            grid = Grid(
                code=code,
                name=f"第{g + 1:02d}网格（{estate}）",
                community_id=community.id,
                population=pops[g],
                households=grid_households[g],
            )
            session.add(grid)
            lon = c_lon + (g % 3 - 1) * 0.003 + rng.uniform(-0.0008, 0.0008)
            lat = c_lat + (g // 3 - 1) * 0.003 + rng.uniform(-0.0008, 0.0008)
            grid_roads = tuple(rng.sample(roads, 3))
            grid_rows.append((community, grid, lon, lat, grid_roads, estate))
    session.flush()
    grids = [
        GridInfo(grid.id, grid.code, community.id, grid.population, lon, lat, grid_roads, estate)
        for community, grid, lon, lat, grid_roads, estate in grid_rows
    ]
    return communities, grids

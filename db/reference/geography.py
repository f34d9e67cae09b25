"""The street's geography: a unit grid by its code, the communities a grid can belong to,
whether the database holds a street at all, and the district, street, communities and unit
grids as administrators keep them (listed, added and changed, checked and audited)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import InvalidCode, NotFound, ValidationError
from db.models import Community, District, Grid, Street
from db.models.base import utcnow
from db.reference.codes import (
    validate_community_code,
    validate_county_code,
    validate_grid_code,
    validate_street_code,
)
from db.reference.geography_history import record_rename
from db.reference.master_data import check_count, check_keys, check_text, set_changed
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit


def find_grid(session: Session, code: str) -> Grid:
    """The grid with this 14- or 15-digit code; NotFound when there is none."""
    code = validate_grid_code(code)
    grid = session.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        raise NotFound(f"网格编码 {code} 不存在")
    return grid


def list_communities(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every community, by code."""
    rows = session.execute(select(Community.code, Community.name).order_by(Community.code)).all()
    return [(r[0], r[1]) for r in rows]


def has_street(session: Session) -> bool:
    """Whether a street (and so its communities and grids) has been set up."""
    return bool(session.scalar(select(func.count()).select_from(Street)))


GRID_FIELDS = ("name", "population", "households", "boundary")
BOUNDARY_LIMIT = 200  # characters of 四至范围


@dataclass(frozen=True)
class GridRow:
    id: int
    code: str
    name: str
    community_code: str
    community: str
    population: int
    households: int
    boundary: str = ""  # 四至范围
    retired_on: date | None = None  # see db.boundaries.changes


def _grid_row(grid: Grid, community: Community) -> GridRow:
    return GridRow(
        grid.id,
        grid.code,
        grid.name,
        community.code,
        community.name,
        grid.population,
        grid.households,
        grid.boundary or "",
        grid.retired_on,
    )


def list_grids(session: Session) -> list[GridRow]:
    """Every unit grid by code, with its community."""
    rows = session.execute(
        select(Grid, Community)
        .join(Community, Community.id == Grid.community_id)
        .order_by(Grid.code)
    ).all()
    return [_grid_row(grid, community) for grid, community in rows]


# --- grids (单元网格) ---------------------------------------------------------------------------


def _unique_grid_name(session: Session, community_id: int, name: str, own_id: int | None) -> None:
    other = session.scalar(
        select(Grid.code).where(
            Grid.community_id == community_id,
            Grid.name == name,
            Grid.id != (own_id or 0),
            Grid.retired_on.is_(None),  # a retired grid's name may be taken again
        )
    )
    if other is not None:
        raise ValidationError(f"本社区已有名为「{name}」的网格（{other}）")


def _grid_values(changes: Mapping[str, object]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = check_text(changes["name"], "网格名称", 64, required=True)
    if "population" in changes:
        values["population"] = check_count(changes["population"], "人口")
    if "households" in changes:
        values["households"] = check_count(changes["households"], "户数")
    if "boundary" in changes:
        values["boundary"] = check_text(changes["boundary"], "四至范围", BOUNDARY_LIMIT)
    return values


def _rename_from_today(
    session: Session, level: str, code: str, names: list[str], actor: Actor
) -> None:
    """An edited name enters the name history (db.reference.geography_history) from today."""
    today = utcnow().astimezone(load_settings(session).tz).date()
    record_rename(session, level, code, names[0], names[1], today, actor)


def update_grid(
    session: Session, code: str, changes: Mapping[str, object], actor: Actor
) -> GridRow:
    """Change a grid's name, residents (人口), households (户数) or boundaries (四至范围); the
    code never changes."""
    actor.require("admin.geography", "维护网格")
    check_keys(changes, GRID_FIELDS, "网格")
    grid = find_grid(session, code)
    values = _grid_values(changes)
    if "name" in values:
        _unique_grid_name(session, grid.community_id, values["name"], grid.id)
    details = set_changed(grid, values)
    if "name" in details:
        _rename_from_today(session, "grid", grid.code, details["name"], actor)
    if details:
        record_audit(session, actor, "grid.edit", "grid", grid.code, details)
    session.flush()
    return _grid_row(grid, grid.community)


def add_grid(
    session: Session,
    community_code: str,
    grid_code: str,
    name: str,
    population: object,
    households: object,
    actor: Actor,
    boundary: object = "",
) -> GridRow:
    """Create a unit grid in an existing community; its 14- or 15-digit code must begin with
    the community's 12-digit code and must not be taken."""
    actor.require("admin.geography", "维护网格")
    community_code = validate_community_code(community_code)
    community = session.scalar(select(Community).where(Community.code == community_code))
    if community is None:
        raise NotFound(f"社区编码 {community_code} 不存在")
    code = validate_grid_code(grid_code, community_code)
    if session.scalar(select(Grid.id).where(Grid.code == code)) is not None:
        raise ValidationError(f"网格编码 {code} 已存在")
    values = _grid_values(
        {"name": name, "population": population, "households": households, "boundary": boundary}
    )
    _unique_grid_name(session, community.id, values["name"], None)
    grid = Grid(code=code, community_id=community.id, **values)
    session.add(grid)
    session.flush()
    details: dict[str, Any] = {"community": [None, community.code]}
    details.update({key: [None, value] for key, value in values.items()})
    record_audit(session, actor, "grid.add", "grid", code, details)
    return _grid_row(grid, community)


# --- district and street (区县、街道) -------------------------------------------------------------

SAVED, CHANGED, SAME = "created", "updated", "unchanged"


def save_district(session: Session, code: str, name: str, actor: Actor) -> tuple[District, str]:
    """The district (区县) with this 6-digit code, created or renamed; with what was done
    (created / updated / unchanged). Audited."""
    actor.require("admin.geography", "维护区县")
    code = validate_county_code(code)
    name = check_text(name, "区县名称", 64, required=True)
    district = session.scalar(select(District).where(District.code == code))
    if district is None:
        district = District(code=code, name=name)
        session.add(district)
        session.flush()
        record_audit(session, actor, "district.add", "district", code, {"name": [None, name]})
        return district, SAVED
    if district.name == name:
        return district, SAME
    record_audit(session, actor, "district.edit", "district", code, {"name": [district.name, name]})
    district.name = name
    session.flush()
    return district, CHANGED


def save_street(
    session: Session, code: str, name: str, district_code: str, actor: Actor
) -> tuple[Street, str]:
    """The street (街道) with this 9-digit code under an existing district, created or renamed;
    one command center serves one street, so a second street is refused. Audited."""
    actor.require("admin.geography", "维护街道")
    district_code = validate_county_code(district_code)
    code = validate_street_code(code, district_code)
    name = check_text(name, "街道名称", 64, required=True)
    district = session.scalar(select(District).where(District.code == district_code))
    if district is None:
        raise NotFound(f"区县编码 {district_code} 不存在")
    street = session.scalar(select(Street).where(Street.code == code))
    if street is None:
        other = session.scalar(select(Street).limit(1))
        if other is not None:
            raise ValidationError(
                f"数据库已建立街道「{other.name}」（{other.code}），一个指挥中心只服务一个街道"
            )
        street = Street(code=code, name=name, district_id=district.id)
        session.add(street)
        session.flush()
        record_audit(
            session,
            actor,
            "street.add",
            "street",
            code,
            {"name": [None, name], "district": [None, district_code]},
        )
        return street, SAVED
    if street.name == name:
        return street, SAME
    record_audit(session, actor, "street.edit", "street", code, {"name": [street.name, name]})
    street.name = name
    session.flush()
    return street, CHANGED


# --- communities (社区) ---------------------------------------------------------------------------

COMMUNITY_FIELDS = ("name", "population", "households")


@dataclass(frozen=True)
class CommunityRow:
    id: int
    code: str
    name: str
    street_code: str
    street: str
    population: int
    households: int
    grids: int


def _community_row(session: Session, community: Community) -> CommunityRow:
    session.flush()
    grids = session.scalar(
        select(func.count()).select_from(Grid).where(Grid.community_id == community.id)
    )
    street = session.get(Street, community.street_id)
    return CommunityRow(
        community.id,
        community.code,
        community.name,
        street.code if street else "",
        street.name if street else "",
        community.population,
        community.households,
        int(grids or 0),
    )


def list_community_rows(session: Session) -> list[CommunityRow]:
    """Every community by code, with its street and its number of grids."""
    counts = dict(
        session.execute(select(Grid.community_id, func.count()).group_by(Grid.community_id)).all()
    )
    rows = session.execute(
        select(Community, Street)
        .join(Street, Street.id == Community.street_id)
        .order_by(Community.code)
    ).all()
    return [
        CommunityRow(
            c.id,
            c.code,
            c.name,
            s.code,
            s.name,
            c.population,
            c.households,
            int(counts.get(c.id, 0)),
        )
        for c, s in rows
    ]


def find_community(session: Session, code: str) -> Community:
    """The community with this 12-digit code; NotFound when there is none."""
    code = validate_community_code(code)
    community = session.scalar(select(Community).where(Community.code == code))
    if community is None:
        raise NotFound(f"社区编码 {code} 不存在")
    return community


def _community_values(changes: Mapping[str, object]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = check_text(changes["name"], "社区名称", 64, required=True)
    if "population" in changes:
        values["population"] = check_count(changes["population"], "常住人口")
    if "households" in changes:
        values["households"] = check_count(changes["households"], "户数")
    return values


def _unique_community_name(session: Session, street_id: int, name: str, own_id: int | None) -> None:
    other = session.scalar(
        select(Community.code).where(
            Community.street_id == street_id,
            Community.name == name,
            Community.id != (own_id or 0),
        )
    )
    if other is not None:
        raise ValidationError(f"本街道已有名为「{name}」的社区（{other}）")


def add_community(
    session: Session,
    code: str,
    name: str,
    population: object,
    households: object,
    actor: Actor,
) -> CommunityRow:
    """Create a community (社区/村) of the street its 12-digit code begins with; the street
    must exist and the code must not be taken. Audited."""
    actor.require("admin.geography", "维护社区")
    code = validate_community_code(code)
    street = session.scalar(select(Street).where(Street.code == code[:9]))
    if street is None:
        streets = session.scalars(select(Street.code)).all()
        known = f"（本库街道编码为 {'、'.join(streets)}）" if streets else "（请先建立街道）"
        raise InvalidCode(f"社区编码「{code}」的前 9 位 {code[:9]} 不是本库的街道编码{known}")
    if session.scalar(select(Community.id).where(Community.code == code)) is not None:
        raise ValidationError(f"社区编码 {code} 已存在")
    values = _community_values({"name": name, "population": population, "households": households})
    _unique_community_name(session, street.id, values["name"], None)
    community = Community(code=code, street_id=street.id, **values)
    session.add(community)
    session.flush()
    details: dict[str, Any] = {"street": [None, street.code]}
    details.update({key: [None, value] for key, value in values.items()})
    record_audit(session, actor, "community.add", "community", code, details)
    return _community_row(session, community)


def edit_community(
    session: Session, code: str, changes: Mapping[str, object], actor: Actor
) -> CommunityRow:
    """Change a community's name, residents (常住人口) or households (户数); the code never
    changes. Audited (only what changed)."""
    actor.require("admin.geography", "维护社区")
    check_keys(changes, COMMUNITY_FIELDS, "社区")
    community = find_community(session, code)
    values = _community_values(changes)
    if "name" in values:
        _unique_community_name(session, community.street_id, values["name"], community.id)
    details = set_changed(community, values)
    if "name" in details:
        _rename_from_today(session, "community", community.code, details["name"], actor)
    if details:
        record_audit(session, actor, "community.edit", "community", community.code, details)
    return _community_row(session, community)

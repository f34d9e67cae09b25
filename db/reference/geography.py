"""The street's geography: a unit grid by its code, the communities a grid can belong to,
whether the database holds a street at all, and the unit grids as administrators keep them
(listed with their community, added and changed, checked and audited)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.models import Community, Grid, Street
from db.models.base import utcnow
from db.reference.codes import validate_community_code, validate_grid_code
from db.reference.geography_history import record_rename
from db.reference.master_data import check_count, check_keys, check_text
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


GRID_FIELDS = ("name", "population", "households")


@dataclass(frozen=True)
class GridRow:
    id: int
    code: str
    name: str
    community_code: str
    community: str
    population: int
    households: int
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
    return values


def update_grid(
    session: Session, code: str, changes: Mapping[str, object], actor: Actor
) -> GridRow:
    """Change a grid's name, residents (人口) or households (户数); the code never changes."""
    actor.require("admin.geography", "维护网格")
    check_keys(changes, GRID_FIELDS, "网格")
    grid = find_grid(session, code)
    values = _grid_values(changes)
    if "name" in values:
        _unique_grid_name(session, grid.community_id, values["name"], grid.id)
    details: dict[str, Any] = {}
    for key, value in values.items():
        old = getattr(grid, key)
        if old != value:
            details[key] = [old, value]
            setattr(grid, key, value)
    if "name" in details:  # the name history (db.reference.geography_history): from today
        today = utcnow().astimezone(load_settings(session).tz).date()
        record_rename(session, "grid", grid.code, details["name"][0], grid.name, today, actor)
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
    values = _grid_values({"name": name, "population": population, "households": households})
    _unique_grid_name(session, community.id, values["name"], None)
    grid = Grid(code=code, community_id=community.id, **values)
    session.add(grid)
    session.flush()
    details: dict[str, Any] = {"community": [None, community.code]}
    details.update({key: [None, value] for key, value in values.items()})
    record_audit(session, actor, "grid.add", "grid", code, details)
    return _grid_row(grid, community)

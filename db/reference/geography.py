"""Looking up the street's geography: a unit grid by its code, the communities a grid can
belong to, and whether the database holds a street at all."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import NotFound
from db.models import Community, Grid, Street
from db.reference.codes import validate_grid_code


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

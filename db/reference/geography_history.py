"""The geography as it was: which communities and grids were in use in a period, under which
names, and whether a grid takes new reports on a day.

A community or grid is in use on the days [established_on, retired_on) (NULL: open-ended).
Names are kept as history in `geography_changes` (kind rename, old and new name, the day the
new name took effect): the name on a day is the current name, unless a rename took effect
after that day, in which case it is the old name of the earliest such rename. Returns name
communities and grids as they were on the period's last day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from db.models import Community, GeographyChange, Grid
from db.models.base import utcnow
from db.security.actors import Actor

GRID, COMMUNITY = "grid", "community"
LEVEL_LABELS = {GRID: "网格", COMMUNITY: "社区"}


def in_use_on(established_on: date | None, retired_on: date | None, day: date) -> bool:
    """Whether something in use on [established_on, retired_on) is in use on `day`."""
    return (established_on is None or established_on <= day) and (
        retired_on is None or day < retired_on
    )


def _overlaps(
    model: type[Community] | type[Grid], first_day: date, day_after: date
) -> ColumnElement[bool]:
    """SQL: in use on at least one day of [first_day, day_after)."""
    return and_(
        or_(model.established_on.is_(None), model.established_on < day_after),
        or_(model.retired_on.is_(None), model.retired_on > first_day),
    )


def names_on(session: Session, level: str, day: date) -> dict[str, str]:
    """code → name on `day` for the codes renamed after `day` (others have their current name)."""
    rows = session.execute(
        select(GeographyChange.old_code, GeographyChange.old_name)
        .where(
            GeographyChange.level == level,
            GeographyChange.kind == "rename",
            GeographyChange.effective_on > day,
        )
        .order_by(GeographyChange.effective_on.desc(), GeographyChange.id.desc())
    ).all()
    # Latest first, so the earliest rename after `day` is written last and wins.
    return {code: name for code, name in rows}


def record_rename(
    session: Session,
    level: str,
    code: str,
    old_name: str,
    new_name: str,
    effective_on: date,
    actor: Actor,
    *,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """Keep a rename in the name history (the caller changes the name itself)."""
    session.add(
        GeographyChange(
            level=level,
            kind="rename",
            old_code=code,
            new_code=code,
            old_name=old_name,
            new_name=new_name,
            effective_on=effective_on,
            note=note,
            actor=actor.username,
            at=now or utcnow(),
        )
    )


@dataclass(frozen=True)
class PeriodCommunity:
    id: int
    code: str
    name: str  # as on the period's last day


@dataclass(frozen=True)
class PeriodGrid:
    id: int
    code: str
    name: str  # as on the period's last day
    community_id: int
    community_code: str
    community: str  # the community's name on the period's last day


def communities_in_period(
    session: Session,
    first_day: date,
    day_after: date,
    *,
    only: int | None = None,
    also: Iterable[int] = (),
    street_id: int | None = None,
) -> list[PeriodCommunity]:
    """The communities in use on a day of [first_day, day_after), plus those with ids in
    `also` (a retired community with figures in the period), by code (`only`: that community;
    `street_id`: that street's)."""
    extra = list(also)
    condition = _overlaps(Community, first_day, day_after)
    if extra:
        condition = or_(condition, Community.id.in_(extra))
    query = select(Community.id, Community.code, Community.name).where(condition)
    if only is not None:
        query = query.where(Community.id == only)
    if street_id is not None:
        query = query.where(Community.street_id == street_id)
    names = names_on(session, COMMUNITY, day_after - timedelta(days=1))
    return [
        PeriodCommunity(i, code, names.get(code, name))
        for i, code, name in session.execute(query.order_by(Community.code))
    ]


def grids_in_period(
    session: Session,
    first_day: date,
    day_after: date,
    *,
    community_ids: Iterable[int] | None = None,
    also: Iterable[int] = (),
) -> list[PeriodGrid]:
    """The grids in use on a day of [first_day, day_after), plus those with ids in `also`
    (a retired grid with figures in the period), by community code and grid code."""
    extra = list(also)
    condition = _overlaps(Grid, first_day, day_after)
    if extra:
        condition = or_(condition, Grid.id.in_(extra))
    query = (
        select(Grid.id, Grid.code, Grid.name, Community.id, Community.code, Community.name)
        .join(Community, Community.id == Grid.community_id)
        .where(condition)
    )
    if community_ids is not None:
        query = query.where(Grid.community_id.in_(list(community_ids)))
    last = day_after - timedelta(days=1)
    grid_names = names_on(session, GRID, last)
    community_names = names_on(session, COMMUNITY, last)
    return [
        PeriodGrid(i, code, grid_names.get(code, name), cid, ccode, community_names.get(ccode, cn))
        for i, code, name, cid, ccode, cn in session.execute(
            query.order_by(Community.code, Grid.code)
        )
    ]


def grid_closed_problem(grid: Grid, day: date) -> str | None:
    """Why a new case cannot be reported in `grid` on `day` (None when it can)."""
    if grid.retired_on is not None and day >= grid.retired_on:
        return (
            f"网格 {grid.code}（{grid.name}）已于 {grid.retired_on:%Y-%m-%d} 停用，"
            "不能再上报新案件，请选择现在的网格"
        )
    if grid.established_on is not None and day < grid.established_on:
        return (
            f"网格 {grid.code}（{grid.name}）自 {grid.established_on:%Y-%m-%d} 起启用，此前不能上报"
        )
    return None

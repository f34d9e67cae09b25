"""Statistics of the cases open now: counts by 大类 and 小类, 超期 / 预警 by community and grid,
and open cases per grid against its population (the heat map)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    case,
    func,
    select,
)
from sqlalchemy.orm import Session

from db.models import (
    Case,
    Category,
    Community,
    Grid,
    MajorCategory,
)
from db.stats.periods import (
    TOP_CATEGORIES,
    StatsFilter,
    scoped,
)


@dataclass(frozen=True)
class CountBar:
    """One bar: what it counts (`id`, `parent_id` for a 小类's 大类), its label, its count."""

    id: int
    label: str
    count: int
    parent_id: int | None = None
    parent_label: str = ""


@dataclass(frozen=True)
class OpenCell:
    """Open cases now of one grid and one 小类, with how many are overdue / in warning."""

    grid_id: int
    category_id: int
    count: int
    overdue: int
    warning: int


def open_statement(f: StatsFilter, now: datetime) -> Select[*tuple[Any, ...]]:
    overdue = func.sum(case((Case.due_at <= now, 1), else_=0))
    warning = func.sum(case((and_(Case.due_at > now, Case.warn_at <= now), 1), else_=0))
    return scoped(
        select(Case.grid_id, Case.category_id, func.count(), overdue, warning)
        .where(Case.is_open.is_(True))
        .group_by(Case.grid_id, Case.category_id),
        f,
        period_index=True,
    )


def open_cells(session: Session, f: StatsFilter, now: datetime) -> list[OpenCell]:
    """One scan of the open cases (ix_cases_open_stats) shared by the open-case charts and the
    grid table. The period does not apply: open is open."""
    stmt = open_statement(f, now)
    return [
        OpenCell(int(g), int(c), int(n), int(o or 0), int(w or 0))
        for g, c, n, o, w in session.execute(stmt)
    ]


@dataclass(frozen=True)
class _CategoryInfo:
    name: str
    major_id: int
    major: str


def _categories(session: Session) -> dict[int, _CategoryInfo]:
    rows = session.execute(
        select(
            Category.id, Category.name, MajorCategory.id, MajorCategory.name, MajorCategory.kind
        ).join(MajorCategory, MajorCategory.id == Category.major_id)
    ).all()
    majors = {(mid, mname, kind) for _, _, mid, mname, kind in rows}
    names = [m[1] for m in majors]
    # 市容环境 exists as an event class and as a part class: keep the two apart in labels.
    label = {
        mid: f"{mname}（{kind}）" if names.count(mname) > 1 else str(mname)
        for mid, mname, kind in majors
    }
    return {
        int(cid): _CategoryInfo(str(cname), int(mid), label[mid]) for cid, cname, mid, _, _ in rows
    }


def open_by_major(
    session: Session, f: StatsFilter, *, cells: list[OpenCell] | None = None
) -> list[CountBar]:
    """Open cases (now) per 大类, largest first."""
    if cells is None:
        cells = open_cells(session, f, datetime.now(UTC))
    info = _categories(session)
    counts: dict[int, int] = {}
    labels: dict[int, str] = {}
    for cell in cells:
        cat = info[cell.category_id]
        counts[cat.major_id] = counts.get(cat.major_id, 0) + cell.count
        labels[cat.major_id] = cat.major
    bars = [CountBar(mid, labels[mid], n) for mid, n in counts.items()]
    return sorted(bars, key=lambda b: (-b.count, b.label))


def open_by_category(
    session: Session,
    f: StatsFilter,
    limit: int = TOP_CATEGORIES,
    *,
    cells: list[OpenCell] | None = None,
) -> list[CountBar]:
    """Open cases (now) per 小类, the `limit` largest."""
    if cells is None:
        cells = open_cells(session, f, datetime.now(UTC))
    info = _categories(session)
    counts: dict[int, int] = {}
    for cell in cells:
        counts[cell.category_id] = counts.get(cell.category_id, 0) + cell.count
    bars = [
        CountBar(cid, info[cid].name, n, info[cid].major_id, info[cid].major)
        for cid, n in counts.items()
    ]
    return sorted(bars, key=lambda b: (-b.count, b.label))[:limit]


@dataclass(frozen=True)
class CommunityAlerts:
    id: int
    name: str
    overdue: int  # 超期
    warning: int  # 预警


def _grids(session: Session, f: StatsFilter) -> list[tuple[int, int, str, str, str, int]]:
    """(grid id, community id, community, grid code, grid name, households) in scope."""
    grids = (
        select(Grid.id, Grid.community_id, Community.name, Grid.code, Grid.name, Grid.households)
        .join(Community, Community.id == Grid.community_id)
        .order_by(Grid.code)
    )
    if f.street_id is not None:
        grids = grids.where(Community.street_id == f.street_id)
    if f.community_id is not None:
        grids = grids.where(Grid.community_id == f.community_id)
    return [
        (int(i), int(c), str(cn), str(code), str(name), int(h or 0))
        for i, c, cn, code, name, h in session.execute(grids)
    ]


def alerts_by_community(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> list[CommunityAlerts]:
    """Open cases overdue and in warning now, per community (every community in scope listed)."""
    if cells is None:
        cells = open_cells(session, f, now)
    community_of = {g[0]: g[1] for g in _grids(session, f)}
    counts: dict[int, tuple[int, int]] = {}
    for cell in cells:
        c = community_of.get(cell.grid_id)
        if c is not None:
            o, w = counts.get(c, (0, 0))
            counts[c] = (o + cell.overdue, w + cell.warning)
    communities = select(Community.id, Community.name, Community.retired_on).order_by(
        Community.code
    )
    if f.street_id is not None:
        communities = communities.where(Community.street_id == f.street_id)
    if f.community_id is not None:
        communities = communities.where(Community.id == f.community_id)
    # A retired community (merged into another) is listed while it still has open cases.
    return [
        CommunityAlerts(int(i), str(name), *counts.get(int(i), (0, 0)))
        for i, name, retired in session.execute(communities)
        if retired is None or int(i) in counts
    ]


@dataclass(frozen=True)
class GridDensity:
    grid_id: int
    community_id: int
    community: str
    code: str
    name: str
    households: int
    open: int
    overdue: int

    @property
    def per_thousand(self) -> float:
        """Open cases per 1,000 households (在办密度); the open count when households are unknown."""
        return self.open * 1000 / self.households if self.households else float(self.open)


def grid_density(
    session: Session, f: StatsFilter, now: datetime, *, cells: list[OpenCell] | None = None
) -> list[GridDensity]:
    """Open and overdue cases per grid now, densest first (every grid in scope listed)."""
    if cells is None:
        cells = open_cells(session, f, now)
    counts: dict[int, tuple[int, int]] = {}
    for cell in cells:
        n, o = counts.get(cell.grid_id, (0, 0))
        counts[cell.grid_id] = (n + cell.count, o + cell.overdue)
    # A retired grid (split, merged) is listed while it still has open cases.
    retired = set(session.scalars(select(Grid.id).where(Grid.retired_on.is_not(None))))
    rows = [
        GridDensity(i, c, cn, code, name, h, *counts.get(i, (0, 0)))
        for i, c, cn, code, name, h in _grids(session, f)
        if i not in retired or i in counts
    ]
    return sorted(rows, key=lambda g: (-g.per_thousand, -g.open, g.code))

"""Possible duplicates (疑似重复) of a new report or of an open case.

PROVISIONAL: the same grid and 小类 within the last 7 days. The duplicates work replaces the
body of `find_duplicates_in` (same signature; fields may be added to `DuplicateCandidate` with
defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.cases.states import STATUS_LABELS, Status
from db.models import Case, Category, Community, Grid

WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class DuplicateCandidate:
    number: str
    reported_at: datetime
    status: str
    status_label: str
    grid: str
    category: str
    address: str
    description: str
    score: float  # 0..1, best first
    why: str  # one sentence: "同一网格、同一小类，3 小时前上报，描述相似"


def find_duplicates_in(
    session: Session,
    *,
    text: str,
    address: str,
    grid_id: int | None,
    category_id: int | None,
    now: datetime,
    exclude_case_id: int | None = None,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """Cases that may report the same problem, best first (at most `limit`)."""
    if grid_id is None or category_id is None:
        return []
    stmt = (
        select(Case, Grid.name, Community.name, Category.name)
        .join(Grid, Case.grid_id == Grid.id)
        .join(Community, Case.community_id == Community.id)
        .join(Category, Case.category_id == Category.id)
        .where(
            Case.grid_id == grid_id,
            Case.category_id == category_id,
            Case.reported_at >= now - WINDOW,
            Case.status != Status.MERGED.value,
        )
        .order_by(Case.reported_at.desc())
        .limit(limit + 1)
    )
    found: list[DuplicateCandidate] = []
    for case, grid, community, category in session.execute(stmt):
        if case.id == exclude_case_id:
            continue
        found.append(
            DuplicateCandidate(
                case.number,
                case.reported_at,
                case.status,
                STATUS_LABELS[Status(case.status)],
                f"{community}{grid}",
                category,
                case.address,
                case.description,
                0.5,
                "同一网格、同一小类，7 天内上报",
            )
        )
    return found[:limit]

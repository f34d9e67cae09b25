"""Short lists the window offers to choose from (active departments) and whether a street exists."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Department, Street


def active_department_names(session: Session) -> list[str]:
    """Names of the departments cases can go to, in board order (sort order, then age)."""
    return list(
        session.scalars(
            select(Department.name)
            .where(Department.active.is_(True))
            .order_by(Department.sort_order, Department.id)
        )
    )


def has_street(session: Session) -> bool:
    """Whether the street (街道) has been set up: a new database has none."""
    return bool(session.scalar(select(func.count()).select_from(Street)))

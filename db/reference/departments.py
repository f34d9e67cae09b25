"""The departments a case can go to: the one "active departments" query, in the order the
department board shows them (`sort_order`, then name)."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Department


class DepartmentChoice(NamedTuple):
    id: int
    name: str


def active_departments(session: Session) -> list[DepartmentChoice]:
    """(id, name) of every active department, by `sort_order`, then name, then id."""
    rows = session.execute(
        select(Department.id, Department.name)
        .where(Department.active.is_(True))
        .order_by(Department.sort_order, Department.name, Department.id)
    )
    return [DepartmentChoice(int(i), str(n)) for i, n in rows]


def active_department_names(session: Session) -> list[str]:
    """The names of `active_departments`, in the same order."""
    return [d.name for d in active_departments(session)]

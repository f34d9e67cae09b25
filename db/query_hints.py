"""Hints for SQLite's query planner, which plans without statistics (GridDesk never runs ANALYZE).

Without statistics SQLite prefers an index on an equality (`department_id = ?`) to one on a
range (`closed_at >= ?`), whatever the numbers: a month of a department's cases was read as
every case the department ever had (170,000 on the 1,000,000-case demo street) and then
filtered by date. `unindexed(session, column)` is the column as `+table.column` on SQLite —
the same value, but no index is chosen for it, so the range's index drives the plan — and the
plain column on PostgreSQL, whose planner has statistics.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column, type_coerce
from sqlalchemy.orm import Session

__all__ = ["unindexed", "unindexed_on"]


def unindexed_on(dialect: str, column: Any) -> Any:
    """`column` as `+table.column` when `dialect` is SQLite (see the module's docstring)."""
    if dialect != "sqlite":
        return column
    return type_coerce(literal_column(f"+{column.table.name}.{column.name}"), column.type)


def unindexed(session: Session, column: Any) -> Any:
    return unindexed_on(session.get_bind().dialect.name, column)

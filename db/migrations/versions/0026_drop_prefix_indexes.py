"""drop the indexes that are a prefix of another

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06

case_events (case_id) is the start of (case_id, action); cases (reported_at), (closed_at) and
(grid_id) the start of (reported_at, community_id, …), (closed_at, status, …) and
(grid_id, reported_at) / (grid_id, closed_at). Every read they served is served by the wider
index; they cost about 150 MB on a 1,000,000-case street and an index write for every history
entry and new case. Their downgrade builds them again.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROPPED = (
    ("ix_case_events_case_id", "case_events", ["case_id"]),
    ("ix_cases_reported_at", "cases", ["reported_at"]),
    ("ix_cases_closed_at", "cases", ["closed_at"]),
    ("ix_cases_grid", "cases", ["grid_id"]),
)


def upgrade() -> None:
    for name, table, _columns in _DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, columns in _DROPPED:
        op.create_index(name, table, columns)

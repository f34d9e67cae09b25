"""应结未结 at a past period's end from the closed-case index alone: handle_due in ix_cases_closed_stats

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06

A finished period's 应结未结 counts the cases closed after the period whose handling deadline
(`handle_due`) fell in it. Those cases are found through ix_cases_closed_stats (closed_at,
status, department_id, ever_overdue, community_id, category_id, dispatched_at), but the
deadline was not in it, so every case closed since the period's end was looked up in the table:
on a street of a 10,000,000-case district about 100 ms of a past month's 250 ms. With
`handle_due` appended the statement reads the index alone; the period scans that use the index
keep its column order. The downgrade builds the index without it again.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ix_cases_closed_stats"
_BEFORE = [
    "closed_at",
    "status",
    "department_id",
    "ever_overdue",
    "community_id",
    "category_id",
    "dispatched_at",
]


def upgrade() -> None:
    op.drop_index(_NAME, table_name="cases")
    op.create_index(_NAME, "cases", [*_BEFORE, "handle_due"])


def downgrade() -> None:
    op.drop_index(_NAME, table_name="cases")
    op.create_index(_NAME, "cases", _BEFORE)

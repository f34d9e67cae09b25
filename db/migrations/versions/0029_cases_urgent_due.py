"""the 全部 tab's queue order from an index: ix_cases_urgent_due (urgent, due_at)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06

The desk's queue in its default order (紧急 first, then least time left, cases without a running
clock last) is read as one index range per `urgent` value and clock. A status tab finds those
ranges in ix_cases_open_queue (status_group, urgent, due_at); the 全部 tab has no status, so
it read the whole table twice (the closed cases, which have no clock) and sorted the rest: on a
1,000,000-case street 0.75 s for its ids, which the desk reads again after every live change
while the tab is open. (urgent, due_at) gives every range in order from the index alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_cases_urgent_due", "cases", ["urgent", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_urgent_due", table_name="cases")

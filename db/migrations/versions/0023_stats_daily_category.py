"""an index on stats_daily (category_id, day)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06

The statistics page narrowed to one 小类 (or a 大类) over a year, and a return's 类别 figures,
read the daily roll-ups by day only: every row of the year (2,000,000 on the 1,000,000-case
demo street), 0.6 s for one 小类's closures; 40 ms with this index.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_stats_daily_category", "stats_daily", ["category_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_stats_daily_category", table_name="stats_daily")

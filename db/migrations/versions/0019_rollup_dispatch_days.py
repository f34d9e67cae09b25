"""roll-ups a year's return reads whole: stats_monthly_grid, stats_dispatch_days, merged_cases

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

`stats_monthly_grid` (stats_daily_grid summed per calendar month and over departments), `stats_dispatch_days` (the kept-dispatch days of the cases dispatched on more than one day) and
a `merged_cases` count in the daily roll-ups (reports merged into another case, by closed_at):
with them a period's 派遣 and 合并 come from the roll-ups, not from the events. The roll-ups'
state is cleared: the next catch-up (or `griddesk-admin rollup rebuild`) rebuilds them; until
then the figures are computed from the raw rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("stats_daily", "stats_daily_grid", "stats_daily_street")


_COUNTS = (
    "reported",
    "registered",
    "dispatch_events",
    "dispatched_cases",
    "accepted",
    "returned",
    "handled",
    "reworked",
    "extended",
    "suspend_events",
    "urged",
    "rejected",
    "merged",
    "closed",
    "closed_on_time",
)
_CALLBACKS = ("callbacks", "contacted", "solved", "satisfied", "basic")


def upgrade() -> None:
    keys = ("grid_id", "community_id")
    op.create_table(
        "stats_monthly_grid",
        sa.Column("month", sa.Date(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in keys],
        sa.Column("source", sa.String(length=16), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS],
        sa.Column("hours_sum", sa.Float(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in _CALLBACKS],
        sa.Column("merged_cases", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("month", *keys, "source", name=op.f("pk_stats_monthly_grid")),
    )
    op.create_table(
        "stats_dispatch_days",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "day", name=op.f("pk_stats_dispatch_days")),
    )
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("merged_cases", sa.Integer(), nullable=False, server_default="0")
            )
    # The stored rows lack the new count: rebuilt by the next catch-up or `rollup rebuild`.
    op.execute("DELETE FROM stats_rollup_state")


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("merged_cases")
    op.drop_table("stats_dispatch_days")
    op.drop_table("stats_monthly_grid")
    op.execute("DELETE FROM stats_rollup_state")

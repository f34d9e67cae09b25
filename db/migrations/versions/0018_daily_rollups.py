"""daily roll-ups of the statistics (stats_daily, _grid, _street, stats_rollup_state, stats_case_days)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

An index on cases.callback_at (a day's callbacks) and empty tables: the first catch-up (or `griddesk-admin rollup rebuild`) fills them; until then the
figures are computed from the raw rows as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
    op.create_index("ix_cases_callback_at", "cases", ["callback_at"], unique=False)
    for table, keys in (
        ("stats_daily", ("grid_id", "community_id", "category_id", "department_id")),
        ("stats_daily_grid", ("grid_id", "community_id", "department_id")),
        ("stats_daily_street", ("department_id",)),
    ):
        op.create_table(
            table,
            sa.Column("day", sa.Date(), nullable=False),
            *[sa.Column(name, sa.Integer(), nullable=False) for name in keys],
            sa.Column("source", sa.String(length=16), nullable=False),
            *[sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS],
            sa.Column("hours_sum", sa.Float(), nullable=False),
            *[sa.Column(name, sa.Integer(), nullable=False) for name in _CALLBACKS],
            sa.PrimaryKeyConstraint("day", *keys, "source", name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "stats_rollup_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("through", sa.Date(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stats_rollup_state")),
    )
    op.create_table(
        "stats_case_days",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("days", sa.Text(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_stats_case_days")),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_callback_at", table_name="cases")
    op.drop_table("stats_case_days")
    op.drop_table("stats_rollup_state")
    for table in ("stats_daily_street", "stats_daily_grid", "stats_daily"):
        op.drop_table(table)

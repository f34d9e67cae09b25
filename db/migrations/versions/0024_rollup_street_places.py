"""the places of the roll-ups read per case: stats_dispatch_days gets grid and community, stats_suspend_events

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06

A street's return on a district database (10 streets × 1,000,000 cases, issue 16) narrowed two
per-case figures to the street by looking up each case of the district in `cases`: the 派遣
correction (the cases dispatched on more than one day, `stats_dispatch_days`) and 挂账 at the
period's end (each case's last suspend / resume event). `stats_dispatch_days` gets the case's
grid and community and an index led by the community; `stats_suspend_events` holds every
suspend / resume event with its case's grid and community. Both are filled here from `cases`
and `case_events` (a few hundred thousand rows on the district: seconds), so the roll-ups stay
current without a rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.models.base

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stats_dispatch_days") as batch:
        batch.add_column(sa.Column("grid_id", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("community_id", sa.Integer(), nullable=False, server_default="0")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE stats_dispatch_days d SET grid_id = c.grid_id,"
            " community_id = c.community_id FROM cases c WHERE c.id = d.case_id"
        )
    else:
        op.execute(
            "UPDATE stats_dispatch_days SET"
            " grid_id = (SELECT grid_id FROM cases WHERE cases.id = stats_dispatch_days.case_id),"
            " community_id = (SELECT community_id FROM cases"
            " WHERE cases.id = stats_dispatch_days.case_id)"
        )
    op.create_index(
        "ix_stats_dispatch_days_community",
        "stats_dispatch_days",
        ["community_id", "day", "case_id", "grid_id"],
    )
    op.create_table(
        "stats_suspend_events",
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("suspend", sa.Boolean(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_stats_suspend_events")),
    )
    op.execute(
        "INSERT INTO stats_suspend_events (event_id, case_id, at, suspend, grid_id, community_id)"
        " SELECT e.id, e.case_id, e.at, e.action = 'suspend', c.grid_id, c.community_id"
        " FROM case_events e JOIN cases c ON c.id = e.case_id"
        " WHERE e.action IN ('suspend', 'resume')"
    )
    op.create_index("ix_stats_suspend_events_case", "stats_suspend_events", ["case_id"])
    op.create_index(
        "ix_stats_suspend_events_place",
        "stats_suspend_events",
        ["community_id", "at", "case_id", "suspend", "grid_id"],
    )
    if op.get_bind().dialect.name == "postgresql":  # planned with statistics from the start
        op.execute("ANALYZE stats_dispatch_days, stats_suspend_events")


def downgrade() -> None:
    op.drop_table("stats_suspend_events")
    op.drop_index("ix_stats_dispatch_days_community", table_name="stats_dispatch_days")
    with op.batch_alter_table("stats_dispatch_days") as batch:
        batch.drop_column("community_id")
        batch.drop_column("grid_id")

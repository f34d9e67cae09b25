"""a street key in the street roll-up: stats_daily_street keyed by day, street, department, source; case_events (action, at, case_id)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06

On a district database (several streets on one server) a street's statistics and returns read
the street roll-up narrowed to the street. The table is made again with the street in its key
and its rows summed from `stats_daily_grid` through the communities' streets (the same sums:
both levels are `stats_daily` summed), so the roll-ups stay current without a rebuild. The
cases and the other roll-ups are unchanged.

The events' (action, at) index gets the case id (ix_case_events_action_at_case): a period's
挂账 — each case's last suspend / resume before a moment — is read from the index alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
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
_MEASURES = (*_COUNTS, "hours_sum", *_CALLBACKS, "merged_cases")


def _create(keys: tuple[str, ...]) -> None:
    op.create_table(
        "stats_daily_street",
        sa.Column("day", sa.Date(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in keys],
        sa.Column("source", sa.String(length=16), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS],
        sa.Column("hours_sum", sa.Float(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in _CALLBACKS],
        sa.Column("merged_cases", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("day", *keys, "source", name=op.f("pk_stats_daily_street")),
    )


def _fill(street: bool) -> None:
    keys = (
        "g.day, c.street_id, g.department_id, g.source"
        if street
        else ("g.day, g.department_id, g.source")
    )
    names = ", ".join(_MEASURES)
    sums = ", ".join(f"sum(g.{m})" for m in _MEASURES)
    op.execute(
        f"INSERT INTO stats_daily_street ({keys.replace('g.', '').replace('c.', '')}, {names})"
        f" SELECT {keys}, {sums} FROM stats_daily_grid g"
        " JOIN communities c ON c.id = g.community_id"
        f" GROUP BY {keys}"
    )


def upgrade() -> None:
    op.drop_table("stats_daily_street")
    _create(("street_id", "department_id"))
    _fill(street=True)
    op.create_index("ix_case_events_action_at_case", "case_events", ["action", "at", "case_id"])
    op.drop_index("ix_case_events_action_at", table_name="case_events")


def downgrade() -> None:
    op.create_index("ix_case_events_action_at", "case_events", ["action", "at"])
    op.drop_index("ix_case_events_action_at_case", table_name="case_events")
    op.drop_table("stats_daily_street")
    _create(("department_id",))
    _fill(street=False)

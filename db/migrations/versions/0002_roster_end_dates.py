"""roster end dates: when a first secretary, sent-down cadre or checked-in party member left

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

The returns list an entry for the periods it was current in; these three rosters kept only a
status, so a retired entry stayed on every later period's return. Existing retired entries
get the end date their 离任 event recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table → (roster name in roster_events, status after 离任)
TABLES = {
    "first_secretaries": ("first_secretary", "离任"),
    "sent_down_cadres": ("sent_down", "已结束"),
    "party_checkins": ("party_checkin", "已转出"),
}


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("end_date", sa.Date(), nullable=True))
    bind = op.get_bind()
    events = sa.table(
        "roster_events",
        sa.column("roster", sa.String),
        sa.column("row_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("id", sa.Integer),
        sa.column("changes", sa.JSON),
    )
    for table, (roster, retired) in TABLES.items():
        rows = sa.table(
            table,
            sa.column("id", sa.Integer),
            sa.column("status", sa.String),
            sa.column("end_date", sa.Date),
        )
        ids = [r.id for r in bind.execute(sa.select(rows.c.id).where(rows.c.status == retired))]
        for row_id in ids:
            changes = bind.execute(
                sa.select(events.c.changes)
                .where(
                    events.c.roster == roster,
                    events.c.row_id == row_id,
                    events.c.action == "retire",
                )
                .order_by(events.c.id.desc())
                .limit(1)
            ).scalar()
            recorded = (changes or {}).get("end_date") if isinstance(changes, dict) else None
            if not isinstance(recorded, str):
                continue
            try:
                day = date.fromisoformat(recorded[:10])
            except ValueError:
                continue
            bind.execute(sa.update(rows).where(rows.c.id == row_id).values(end_date=day))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("end_date")

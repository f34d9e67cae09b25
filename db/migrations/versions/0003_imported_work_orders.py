"""imported work orders: one case per 工单编号 and source, enforced by the database

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Until now an imported work order was recognised by the note of its case's first event, checked
before the write transaction, so two imports of one file at the same moment could both create
the case. The new table's primary key (source, work_order) makes that impossible. It is filled
from those notes; a database that already holds duplicates (the same number imported twice in
such a race) keeps every case (they may have been dispatched and worked on since) and records
the order against its earliest case, so a later import of the file skips it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTE_PREFIX = "工单编号 "  # the note the import wrote on a case's 上报 event


def upgrade() -> None:
    op.create_table(
        "imported_work_orders",
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("work_order", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_imported_work_orders_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("source", "work_order", name=op.f("pk_imported_work_orders")),
    )
    with op.batch_alter_table("imported_work_orders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_work_orders_case_id"), ["case_id"], unique=False
        )
    bind = op.get_bind()
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("source", sa.String))
    events = sa.table(
        "case_events",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("note", sa.Text),
    )
    orders = sa.table(
        "imported_work_orders",
        sa.column("source", sa.String),
        sa.column("work_order", sa.String),
        sa.column("case_id", sa.Integer),
    )
    found = bind.execute(
        sa.select(cases.c.source, events.c.note, cases.c.id)
        .join(cases, cases.c.id == events.c.case_id)
        .where(events.c.action == "report", events.c.note.like(f"{NOTE_PREFIX}%"))
        .order_by(cases.c.id)
    )
    first: dict[tuple[str, str], int] = {}
    for source, note, case_id in found:
        number = note[len(NOTE_PREFIX) :].strip()[:200]
        if number:
            first.setdefault((source, number), case_id)
    rows = [{"source": s, "work_order": n, "case_id": c} for (s, n), c in first.items()]
    for start in range(0, len(rows), 1000):
        bind.execute(orders.insert(), rows[start : start + 1000])


def downgrade() -> None:
    with op.batch_alter_table("imported_work_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_work_orders_case_id"))
    op.drop_table("imported_work_orders")

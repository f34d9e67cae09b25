"""12345 hotline orders: the 待定位 tray, the hotline's own deadline on a case, and work orders
recorded before they have a case

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

A hotline order whose grid or 小类 the import cannot decide waits in `hotline_pending` until a
dispatcher confirms it; its 工单编号 is claimed in imported_work_orders at once (no case yet, so
`case_id` becomes nullable) and a re-import skips it. `cases.hotline_due` holds the hotline's
办理时限 as a moment; the handling stage ends by it when it is earlier than the 小类's limit.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import JSONType, UTCDateTime

revision: str = "0012"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hotline_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_order", sa.String(length=200), nullable=False),
        sa.Column("called_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("reporter_name", sa.String(length=64), nullable=False),
        sa.Column("reporter_phone", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("street", sa.String(length=64), nullable=False),
        sa.Column("handler", sa.String(length=100), nullable=False),
        sa.Column("limit_days", sa.Integer(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("suggestions", JSONType, nullable=True),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("drop_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_hotline_pending_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_pending")),
        sa.UniqueConstraint("work_order", name=op.f("uq_hotline_pending_work_order")),
    )
    op.create_index(
        "ix_hotline_pending_status", "hotline_pending", ["status", "imported_at"], unique=False
    )
    op.add_column("cases", sa.Column("hotline_due", UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("imported_work_orders", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    bind = op.get_bind()
    orders = sa.table("imported_work_orders", sa.column("case_id", sa.Integer))
    bind.execute(orders.delete().where(orders.c.case_id.is_(None)))
    with op.batch_alter_table("imported_work_orders", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("cases", "hotline_due")  # SQLite 3.35+ drops a column in place
    op.drop_index("ix_hotline_pending_status", table_name="hotline_pending")
    op.drop_table("hotline_pending")

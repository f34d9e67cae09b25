"""case alarms: urgent cases' alarms (new / warning / overdue), kept until acknowledged

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

One row per alarm of an urgent case, unique per case, kind and the deadline it is about, so
every workstation that sees the moment first raises it once; who acknowledged it and when.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_alarms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("deadline", UTCDateTime(timezone=True), nullable=False),
        sa.Column("raised_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("raised_by", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_alarms_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_alarms")),
        sa.UniqueConstraint(
            "case_id", "kind", "deadline", name="uq_case_alarms_case_kind_deadline"
        ),
    )
    op.create_index("ix_case_alarms_open", "case_alarms", ["acknowledged_at", "raised_at"])


def downgrade() -> None:
    op.drop_index("ix_case_alarms_open", table_name="case_alarms")
    op.drop_table("case_alarms")

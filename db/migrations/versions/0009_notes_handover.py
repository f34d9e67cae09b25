"""case notes and shift handovers: internal notes and call log lines on a case (内部备注, 回访/催办
电话), and the shift handover record (交接班) with its acknowledgement

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Two new tables; nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import JSONType, UTCDateTime

revision: str = "0009"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("author_name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("call_kind", sa.String(length=16), nullable=True),
        sa.Column("called", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_notes_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"], unique=False)
    op.create_table(
        "shift_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("from_user", sa.String(length=64), nullable=False),
        sa.Column("from_name", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("cases", JSONType, nullable=True),
        sa.Column("to_user", sa.String(length=64), nullable=True),
        sa.Column("to_name", sa.String(length=64), nullable=True),
        sa.Column("acknowledged_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_handovers")),
    )
    op.create_index(
        "ix_shift_handovers_pending", "shift_handovers", ["acknowledged_at", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_shift_handovers_pending", table_name="shift_handovers")
    op.drop_table("shift_handovers")
    op.drop_index(op.f("ix_case_notes_case_id"), table_name="case_notes")
    op.drop_table("case_notes")

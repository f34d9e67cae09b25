"""duplicates: the reporters merged into a case (case_reporters), pairs said not to be duplicates
(not_duplicates), the 疑似重复 count on a case and the indexes the duplicate search reads

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import UTCDateTime

revision: str = "0011"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column("possible_duplicates", sa.Integer(), server_default="0", nullable=False),
    )
    op.create_index("ix_cases_grid_reported", "cases", ["grid_id", "reported_at"], unique=False)
    op.create_index("ix_cases_grid_closed", "cases", ["grid_id", "closed_at"], unique=False)
    op.create_index("ix_cases_merged_into", "cases", ["merged_into_id"], unique=False)
    op.create_table(
        "case_reporters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reported_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("merged_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("callback_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("callback_satisfaction", sa.String(length=16), nullable=True),
        sa.Column("callback_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_reporters_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["from_case_id"], ["cases.id"], name=op.f("fk_case_reporters_from_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_reporters")),
    )
    op.create_index(op.f("ix_case_reporters_case_id"), "case_reporters", ["case_id"])
    op.create_index(op.f("ix_case_reporters_from_case_id"), "case_reporters", ["from_case_id"])
    op.create_table(
        "not_duplicates",
        sa.Column("case_a_id", sa.Integer(), nullable=False),
        sa.Column("case_b_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_a_id"], ["cases.id"], name=op.f("fk_not_duplicates_case_a_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["case_b_id"], ["cases.id"], name=op.f("fk_not_duplicates_case_b_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_a_id", "case_b_id", name=op.f("pk_not_duplicates")),
    )
    op.create_index(op.f("ix_not_duplicates_case_b_id"), "not_duplicates", ["case_b_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_not_duplicates_case_b_id"), table_name="not_duplicates")
    op.drop_table("not_duplicates")
    op.drop_index(op.f("ix_case_reporters_from_case_id"), table_name="case_reporters")
    op.drop_index(op.f("ix_case_reporters_case_id"), table_name="case_reporters")
    op.drop_table("case_reporters")
    op.drop_index("ix_cases_merged_into", table_name="cases")
    op.drop_index("ix_cases_grid_closed", table_name="cases")
    op.drop_index("ix_cases_grid_reported", table_name="cases")
    op.drop_column("cases", "possible_duplicates")

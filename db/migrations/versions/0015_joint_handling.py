"""joint handling (主办 + 协办, 吹哨报到): a case's co-departments, each with its own track

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

One new table; nothing existing changes (the lead department stays cases.department_id).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import UTCDateTime

revision: str = "0015"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("dispatched_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("feedback_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("warn_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_departments_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_case_departments_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_departments")),
        sa.UniqueConstraint(
            "case_id", "department_id", name="uq_case_departments_case_department"
        ),
    )
    op.create_index(
        "ix_case_departments_department",
        "case_departments",
        ["department_id", "state", "due_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_case_departments_department", table_name="case_departments")
    op.drop_table("case_departments")

"""department accounts and their requests: users.department_id (部门经办 / 部门负责人 bound to
one department, role names up to 32 characters), 申请延期 and 申请协办 requests, and an index
for a department's inbox

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import JSONType, UTCDateTime

revision: str = "0014"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _request_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column(
            "role", existing_type=sa.String(length=16), type_=sa.String(length=32)
        )
        batch_op.add_column(sa.Column("department_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_department_id_departments"),
            "departments",
            ["department_id"],
            ["id"],
        )
    op.create_table(
        "extension_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("until", UTCDateTime(timezone=True), nullable=True),
        sa.Column("extra_days", sa.Integer(), nullable=True),
        *_request_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_extension_requests_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_extension_requests_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extension_requests")),
    )
    op.create_index(
        op.f("ix_extension_requests_case_id"), "extension_requests", ["case_id"], unique=False
    )
    op.create_index(
        "ix_extension_requests_pending",
        "extension_requests",
        ["decision", "requested_at"],
        unique=False,
    )
    op.create_index(
        "ix_extension_requests_department",
        "extension_requests",
        ["department_id", "requested_at"],
        unique=False,
    )
    op.create_table(
        "cohandling_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("departments", JSONType, nullable=False),
        *_request_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_cohandling_requests_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_cohandling_requests_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohandling_requests")),
    )
    op.create_index(
        op.f("ix_cohandling_requests_case_id"), "cohandling_requests", ["case_id"], unique=False
    )
    op.create_index(
        "ix_cohandling_requests_pending",
        "cohandling_requests",
        ["decision", "requested_at"],
        unique=False,
    )
    op.create_index(
        "ix_cases_department_inbox",
        "cases",
        ["department_id", "status", "due_at", "warn_at", "urge_count"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_cases_department_inbox", table_name="cases")
    op.drop_index("ix_cohandling_requests_pending", table_name="cohandling_requests")
    op.drop_index(op.f("ix_cohandling_requests_case_id"), table_name="cohandling_requests")
    op.drop_table("cohandling_requests")
    op.drop_index("ix_extension_requests_department", table_name="extension_requests")
    op.drop_index("ix_extension_requests_pending", table_name="extension_requests")
    op.drop_index(op.f("ix_extension_requests_case_id"), table_name="extension_requests")
    op.drop_table("extension_requests")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_users_department_id_departments"), type_="foreignkey"
        )
        batch_op.drop_column("department_id")
        batch_op.alter_column(
            "role", existing_type=sa.String(length=32), type_=sa.String(length=16)
        )

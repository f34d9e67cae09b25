"""intake models: what the 小类 and department suggestions learned from closed cases

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

One new table; nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import JSONType, UTCDateTime

revision: str = "0013"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake_models",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("trained_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("trained_through", UTCDateTime(timezone=True), nullable=True),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("departments", JSONType, nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_intake_models")),
    )


def downgrade() -> None:
    op.drop_table("intake_models")

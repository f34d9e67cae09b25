"""holiday calendar: the years and days a center keeps over the bundled calendar file

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Until now the holiday calendar was the bundled file alone (2025–2026 official, 2027 provisional
without its 调休 days) and nobody could correct it. A year stored in `holiday_years` with its
days in `holiday_days` replaces that year of the file. A new database stores no year: the file
stays the default.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.models.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "holiday_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_holiday_years")),
    )
    op.create_table(
        "holiday_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["year"], ["holiday_years.year"], name=op.f("fk_holiday_days_year_holiday_years")
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holiday_days")),
    )
    with op.batch_alter_table("holiday_days", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holiday_days_year"), ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("holiday_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holiday_days_year"))
    op.drop_table("holiday_days")
    op.drop_table("holiday_years")

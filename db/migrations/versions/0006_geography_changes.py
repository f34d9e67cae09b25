"""geography changes: communities and grids get their days of use, and a table of changes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Grids are split and merged and communities renamed or merged over the years. A community or
grid now exists on the days [established_on, retired_on) (both NULL for everything that was
there before: in use since before GridDesk knew it, still in use). `geography_changes` keeps
every rename, retirement, split and merge with its old and new codes and names and the day it
took effect, so returns for a period before a change still show the old grid and name.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.models.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("communities", "grids"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("established_on", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    op.create_table(
        "geography_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("old_code", sa.String(length=15), nullable=False),
        sa.Column("new_code", sa.String(length=15), nullable=True),
        sa.Column("old_name", sa.String(length=64), nullable=False),
        sa.Column("new_name", sa.String(length=64), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", db.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_geography_changes")),
    )
    with op.batch_alter_table("geography_changes", schema=None) as batch_op:
        batch_op.create_index("ix_geography_changes_old", ["level", "old_code"], unique=False)
        batch_op.create_index("ix_geography_changes_new", ["level", "new_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("geography_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_geography_changes_new")
        batch_op.drop_index("ix_geography_changes_old")
    op.drop_table("geography_changes")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy would drop and recreate
    # tables that cases, rosters and grids still refer to.
    for table in ("grids", "communities"):
        op.drop_column(table, "retired_on")
        op.drop_column(table, "established_on")

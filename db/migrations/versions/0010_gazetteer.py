"""gazetteer: roads with door-number ranges, estates with their buildings and landmarks, each
in one grid (地名地址库)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

One new table; nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gazetteer_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("aliases", sa.String(length=200), server_default=sa.text("''"), nullable=False),
        sa.Column("first_no", sa.Integer(), nullable=True),
        sa.Column("last_no", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=4), server_default=sa.text("'both'"), nullable=False),
        sa.Column(
            "landmark_type", sa.String(length=16), server_default=sa.text("''"), nullable=False
        ),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), server_default=sa.text("''"), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grids.id"], name=op.f("fk_gazetteer_entries_grid_id_grids")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gazetteer_entries")),
    )
    op.create_index(
        op.f("ix_gazetteer_entries_grid_id"), "gazetteer_entries", ["grid_id"], unique=False
    )
    op.create_index(
        "ix_gazetteer_entries_kind_name", "gazetteer_entries", ["kind", "name"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_gazetteer_entries_kind_name", table_name="gazetteer_entries")
    op.drop_index(op.f("ix_gazetteer_entries_grid_id"), table_name="gazetteer_entries")
    op.drop_table("gazetteer_entries")

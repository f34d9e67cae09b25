"""grid boundary: a unit grid's boundaries in words (四至范围)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

The day-one setup template asks each grid for its boundaries (东至…，南至…，西至…，北至…),
which the grid table had nowhere to keep. Existing grids get an empty text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ALTER TABLE … ADD COLUMN on both dialects: a batch rebuild of `grids` on SQLite
    # would drop a table that cases and rosters refer to. The server default fills the rows.
    op.add_column(
        "grids",
        sa.Column("boundary", sa.String(length=200), server_default=sa.text("''"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("grids", "boundary")  # SQLite 3.35+ drops a column in place

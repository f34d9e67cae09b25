"""audit head: one row holding the audit log's newest entry id and hash

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06

`audit_head` (id 1) is moved by every append to the audit log in the same transaction: the
dispatch reads it with its case and writes the case, its history, its change-log row and its
audit entry in one statement (a compare-and-set of the head). Backfilled from the newest entry
(the genesis hash on an empty log, as `record_audit` chains the first entry).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.execute(
        sa.text(
            "INSERT INTO audit_head (id, last_id, last_hash)"
            " SELECT 1, coalesce((SELECT max(id) FROM audit_log), 0),"
            " coalesce((SELECT nullif(hash, '') FROM audit_log ORDER BY id DESC LIMIT 1),"
            " :genesis)"
        ).bindparams(genesis=_GENESIS)
    )


def downgrade() -> None:
    op.drop_table("audit_head")

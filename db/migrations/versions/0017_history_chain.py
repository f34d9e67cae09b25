"""case history sealed: a SHA-256 chain per case over its history entries (流转记录)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

Adds case_events.prev_hash/hash and cases.history_hash, then seals every existing case's history
in id order, so any change made after the upgrade is found by `audit verify`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from db.cases.history_chain import event_hash, genesis
from db.models.base import JSONType, UTCDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5000

# The tables as this revision knows them (the models may grow later).
_meta = sa.MetaData()
_cases = sa.Table(
    "cases",
    _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(20)),
    sa.Column("history_hash", sa.String(64)),
)
_events = sa.Table(
    "case_events",
    _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.Integer),
    sa.Column("at", UTCDateTime(timezone=True)),
    sa.Column("actor", sa.String(64)),
    sa.Column("action", sa.String(16)),
    sa.Column("from_status", sa.String(16)),
    sa.Column("to_status", sa.String(16)),
    sa.Column("department_id", sa.Integer),
    sa.Column("note", sa.Text),
    sa.Column("details", JSONType),
    sa.Column("prev_hash", sa.String(64)),
    sa.Column("hash", sa.String(64)),
)


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy, which would drop and recreate tables others refer to).
    op.add_column("case_events", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("case_events", sa.Column("hash", sa.String(length=64), nullable=True))
    op.add_column("cases", sa.Column("history_hash", sa.String(length=64), nullable=True))
    _seal_existing(op.get_bind())


def _seal_existing(conn: sa.Connection) -> None:
    numbers = dict(conn.execute(sa.select(_cases.c.id, _cases.c.number)).all())
    update_events = (
        _events.update()
        .where(_events.c.id == sa.bindparam("id_"))
        .values(prev_hash=sa.bindparam("prev_"), hash=sa.bindparam("hash_"))
    )
    update_cases = (
        _cases.update()
        .where(_cases.c.id == sa.bindparam("id_"))
        .values(history_hash=sa.bindparam("head_"))
    )
    columns = [c for c in _events.c if c.name not in ("prev_hash", "hash")]
    case_ids = sorted(numbers)
    # A slice of cases at a time: memory stays bounded on a database of millions of entries.
    for start in range(0, len(case_ids), _BATCH):
        chunk = case_ids[start : start + _BATCH]
        rows = conn.execute(
            sa.select(*columns)
            .where(_events.c.case_id.between(chunk[0], chunk[-1]))
            .order_by(_events.c.case_id, _events.c.id)
        ).mappings()
        event_params: list[dict[str, Any]] = []
        heads: dict[int, str] = {}
        for row in rows.fetchall():
            case_id = row["case_id"]
            head = heads.get(case_id) or genesis(numbers[case_id])
            new = event_hash(head, row)
            event_params.append({"id_": row["id"], "prev_": head, "hash_": new})
            heads[case_id] = new
        if event_params:
            conn.execute(update_events, event_params)
        if heads:
            conn.execute(update_cases, [{"id_": k, "head_": v} for k, v in heads.items()])


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place.
    op.drop_column("cases", "history_hash")
    op.drop_column("case_events", "hash")
    op.drop_column("case_events", "prev_hash")

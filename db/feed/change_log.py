"""Writers' half of the change feed: note which cases a transaction touched.

Every write appends the case ids to `case_changes` in the same transaction; on PostgreSQL it
also sends `pg_notify` with the ids, delivered to listeners only when the transaction commits.
Readers are in `db/feed/change_feed.py`. `prune_changes` keeps the log short; on PostgreSQL the
feed reads the NOTIFY payloads, on SQLite it reads the log, so prune with a margin (days) that no
open client falls behind by — one that does is told to resync, it loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from db.models import CaseChange
from db.models.base import Base, utcnow

CHANNEL = "griddesk_cases"
_CHANGES = Base.metadata.tables[CaseChange.__tablename__]
_INSERT_CHANGES = insert(_CHANGES)  # made once: a statement's cache key is then made once
_PAYLOAD_LIMIT = 7000  # NOTIFY payloads must stay under 8000 bytes


def record_changes(session: Session, case_ids: Iterable[int]) -> None:
    ids = sorted(set(case_ids))
    if not ids:
        return
    now = utcnow()
    postgresql = session.get_bind().dialect.name == "postgresql"
    payload = ",".join(str(i) for i in ids)
    if postgresql and len(payload) <= _PAYLOAD_LIMIT:
        # The usual case (one case, a few): the rows and their NOTIFY in one round trip.
        session.execute(
            text(
                "WITH added AS (INSERT INTO case_changes (case_id, changed_at) "
                "SELECT unnest(CAST(:ids AS integer[])), :at RETURNING 1) "
                "SELECT pg_notify(:c, :p)"
            ),
            {"ids": ids, "at": now, "c": CHANNEL, "p": payload},
        )
        return
    session.connection().execute(  # Core: the ORM's bulk insert costs a dispatch ~1 ms more
        _INSERT_CHANGES, [{"case_id": i, "changed_at": now} for i in ids]
    )
    if postgresql:
        chunk: list[str] = []
        size = 0
        for i in ids:
            s = str(i)
            if size + len(s) + 1 > _PAYLOAD_LIMIT:
                session.execute(
                    text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": ",".join(chunk)}
                )
                chunk, size = [], 0
            chunk.append(s)
            size += len(s) + 1
        session.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": ",".join(chunk)})


def changes_after(moved: CTE) -> tuple[CTE, ColumnElement[Any]]:
    """PostgreSQL: `record_changes` for the cases a data-modifying CTE returns (`moved`, with
    an `id` column), inside the caller's statement: the change-log rows as a CTE (their time
    bound as `changed_at`), and the NOTIFY as a column to select once per row of `moved` (the
    payload is the case id, as `record_changes` sends it for one case)."""
    added = (
        insert(_CHANGES)
        .from_select(
            ["case_id", "changed_at"],
            select(
                moved.c.id, bindparam("changed_at", type_=_CHANGES.c.changed_at.type)
            ).select_from(moved),
        )
        .returning(_CHANGES.c.seq)
        .cte("changes")
    )
    return added, func.pg_notify(CHANNEL, cast(moved.c.id, Text))


def latest_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)


def prune_changes(
    session: Session, older_than: timedelta = timedelta(days=2), *, now: datetime | None = None
) -> int:
    """Delete change-log rows older than `older_than`; returns how many went.

    Cheap: the rows to delete are a prefix of the log in `seq` order, so it walks the primary
    key from the start to the first row young enough and deletes by key range (no index on
    `changed_at` needed). The newest row always stays: SQLite hands out `max(seq) + 1` for a
    new row, and an emptied table would start again at 1 behind every reader's position.
    """
    newest = session.scalar(select(func.max(CaseChange.seq)))
    if newest is None:
        return 0
    cutoff = (now or utcnow()) - older_than
    first_kept = session.scalar(
        select(CaseChange.seq)
        .where(CaseChange.changed_at >= cutoff)
        .order_by(CaseChange.seq)
        .limit(1)
    )
    bound = newest if first_kept is None else min(int(first_kept), int(newest))
    result = session.execute(delete(CaseChange).where(CaseChange.seq < bound))
    return int(getattr(result, "rowcount", 0) or 0)

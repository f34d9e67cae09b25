"""Writers' half of the change feed: note which cases a transaction touched.

Every write appends the case ids to `case_changes` in the same transaction; on PostgreSQL it
also sends `pg_notify` with the ids, delivered to listeners only when the transaction commits.
Readers are in `db/change_feed.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import CaseChange

CHANNEL = "griddesk_cases"
_PAYLOAD_LIMIT = 7000  # NOTIFY payloads must stay under 8000 bytes


def record_changes(session: Session, case_ids: Iterable[int]) -> None:
    ids = sorted(set(case_ids))
    if not ids:
        return
    now = utcnow()
    session.execute(insert(CaseChange), [{"case_id": i, "changed_at": now} for i in ids])
    if session.get_bind().dialect.name == "postgresql":
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


def latest_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(CaseChange.seq), 0))) or 0)

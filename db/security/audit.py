"""The append-only audit trail (审计日志), chained by SHA-256 so that an edit, a deletion or an
insertion anywhere in it is detected by `verify_chain`; with the workstation's anchors
(`db.security.audit_anchor`) also entries cut off the end or a log rewritten with recomputed hashes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, insert, select, text
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import ValidationError
from db.models import AuditEntry
from db.models.base import Base, utcnow
from db.models.limits import check_row
from db.security.actors import Actor
from db.security.audit_anchor import Anchor, check_anchors, restart_anchors

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x6175_6469  # "audi": serialises appends so the chain never forks


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: datetime,
    username: str,
    action: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any] | None,
) -> str:
    payload = _payload(
        entry_id, _payload_tail(at, username, action, object_type, object_id, details)
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _payload_tail(
    at: datetime,
    username: str,
    action: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any] | None,
) -> str:
    """The hashed JSON array of an entry without its opening bracket and id: PostgreSQL
    prefixes those itself when the id comes from the sequence (`record_audit`)."""
    rest = json.dumps(
        [at.astimezone(UTC).isoformat(), username, action, object_type, object_id, details],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return rest[1:]


def _payload(entry_id: int, tail: str) -> str:
    # json.dumps([entry_id, *rest]) with compact separators is "[" + id + "," + the rest.
    return f"[{int(entry_id)},{tail}"


def hash_of(prev_hash: str, entry: AuditEntry) -> str:
    """`entry_hash` of a stored entry chained to `prev_hash`."""
    return entry_hash(
        prev_hash,
        entry.id,
        entry.at,
        entry.username,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.details,
    )


_AUDIT = Base.metadata.tables[AuditEntry.__tablename__]
_OBJECT_ID_LENGTH: int = AuditEntry.__table__.c.object_id.type.length  # type: ignore[attr-defined]


def record_audit(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
    *,
    locked: bool = False,
) -> AuditEntry:
    """Append one entry in the caller's transaction (it commits or rolls back with the work).

    One INSERT with the entry's id and hash already known when it is written, so the hash
    covering the id need not be written by a second UPDATE. SQLite: the last id + 1 under the
    file's write lock. PostgreSQL: under the advisory lock that serialises appends (taken
    here, or by the caller when `locked`: see `audit_lock`), one INSERT … SELECT takes the
    id from the sequence, chains to the newest entry and hashes on the server; the hash is
    checked against `entry_hash` here. Returns the entry written (not attached to the session)."""
    object_id = str(object_id)
    if len(object_id) > _OBJECT_ID_LENGTH:
        # A long object id (a backup's path) is shortened in its column, kept whole in details.
        details = {**(details or {}), "object_id": object_id}
        object_id = object_id[: _OBJECT_ID_LENGTH - 1] + "…"
    # JSON round trip now, so the hash covers exactly what the database will give back.
    clean = json.loads(json.dumps(details, ensure_ascii=False, default=str)) if details else None
    at = now or utcnow()
    username = actor.username
    values: dict[str, Any] = {
        "at": at,
        "username": username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": clean,
    }
    if session.get_bind().dialect.name == "postgresql":
        check_row(_AUDIT, values)  # a text statement: out of `check_statement`'s reach
        if not locked:
            session.execute(select(audit_lock()))
        # A statement of its own after the lock: its snapshot sees every append before ours.
        # The server takes the id, reads the head and hashes (the same bytes as `entry_hash`,
        # checked below): one round trip.
        tail = _payload_tail(at, username, action, object_type, object_id, clean)
        entry_id, prev, digest = session.execute(
            _PG_APPEND, {**values, "tail": tail, "genesis": GENESIS}
        ).one()
        values.update(id=int(entry_id), prev_hash=prev, hash=digest)
        if digest != entry_hash(
            prev, int(entry_id), at, username, action, object_type, object_id, clean
        ):
            raise RuntimeError(f"audit entry {entry_id}: the server's hash differs from ours")
        return AuditEntry(**values)
    # SQLite: the last id + 1 under the file's write lock.
    last = session.execute(_LAST_ENTRY).one_or_none()
    prev_hash, entry_id = (None, 1) if last is None else (last.hash, last.id + 1)
    prev = prev_hash or GENESIS
    values.update(
        id=int(entry_id),
        prev_hash=prev,
        hash=entry_hash(prev, int(entry_id), at, username, action, object_type, object_id, clean),
    )
    session.connection().execute(_INSERT_AUDIT, [values])  # Core: cheaper than the ORM's
    return AuditEntry(**values)


# Made once: a statement's cache key is then made once, not at every append.
_INSERT_AUDIT = insert(_AUDIT)
_LAST_ENTRY = select(_AUDIT.c.id, _AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)


def audit_lock() -> ColumnElement[Any]:
    """PostgreSQL: the advisory lock that serialises appends to the log until the transaction
    ends, as a column; a writer may take it in a statement it runs anyway and then call
    `record_audit(..., locked=True)` in a later statement."""
    return func.pg_advisory_xact_lock(_PG_AUDIT_LOCK)


_PG_APPEND = text(
    "INSERT INTO audit_log"
    " (id, at, username, action, object_type, object_id, details, prev_hash, hash)"
    " SELECT n.id, :at, :username, :action, :object_type, :object_id, :details, h.prev,"
    " encode(sha256(convert_to(h.prev || '[' || n.id || ',' || :tail, 'UTF8')), 'hex')"
    " FROM (SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id) AS n,"
    " (SELECT coalesce((SELECT nullif(hash, '') FROM audit_log ORDER BY id DESC LIMIT 1),"
    " :genesis) AS prev) AS h"
    " RETURNING id, prev_hash, hash"
).bindparams(
    bindparam("at", type_=_AUDIT.c.at.type),
    bindparam("details", type_=_AUDIT.c.details.type),
)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_id: int | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify_chain(session: Session, anchors: list[Anchor] | None = None) -> ChainReport:
    """Walk the log in id order and name the first entry whose link or content is wrong;
    then check the newest of `anchors` (see `db.security.audit_anchor`) is still there, unchanged."""
    prev = GENESIS
    count = 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    for entry in rows:
        count += 1
        if entry.prev_hash != prev:
            return ChainReport(
                count,
                entry.id,
                f"第 {entry.id} 条记录与前一条不衔接（前面的记录被删除、插入或改动）",
            )
        expected = hash_of(prev, entry)
        if entry.hash != expected:
            return ChainReport(count, entry.id, f"第 {entry.id} 条记录的内容被改动过")
        prev = entry.hash
    check = check_anchors(session, anchors or [])
    if check.problem is not None:
        return ChainReport(count, check.problem[0], check.problem[1])
    if check.notice is not None:
        return ChainReport(count, None, f"审计日志完整，共 {count} 条记录；{check.notice}")
    if anchors:
        return ChainReport(
            count,
            None,
            f"审计日志完整，共 {count} 条记录；与本机记下的第 {anchors[-1].entry_id} 条一致",
        )
    return ChainReport(count, None, f"审计日志完整，共 {count} 条记录")


def read_audit_log(session: Session, actor: Actor, limit: int = 2000) -> list[AuditEntry]:
    """The newest `limit` entries, newest first; needs `audit.read` (administrators)."""
    actor.require("audit.read", "查看审计日志")
    return list(
        session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
    )


def reanchor(db: Database, actor: Actor, reason: str) -> int:
    """An administrator says the log went back in time on purpose (a server-side restore, a
    database made anew): the reason goes into the log as `audit.reanchor`, and workstations
    start their anchors again from there (see `db.security.audit_anchor`). Returns the entry's id."""
    actor.require("audit.read", "重新锚定审计日志")
    reason = reason.strip()
    if not reason:
        raise ValidationError("请说明重新锚定的原因（例如：服务器端从 11 月 20 日的备份恢复）")
    with db.write() as session:
        entry_id = record_audit(
            session, actor, "audit.reanchor", "audit", "", {"reason": reason}
        ).id
    restart_anchors(db)
    return entry_id

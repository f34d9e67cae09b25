"""The append-only audit trail (审计日志), chained by SHA-256 so that an edit, a deletion or an
insertion anywhere in it is detected by `verify_chain`; with the workstation's anchors
(`db.security.audit_anchor`) also entries cut off the end or a log rewritten with recomputed hashes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ScalarSelect,
    String,
    Text,
    bindparam,
    cast,
    exists,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import ValidationError
from db.models import AuditEntry, AuditHead
from db.models.base import Base, utcnow
from db.models.limits import check_row
from db.security.actors import Actor
from db.security.audit_anchor import Anchor, check_anchors, restart_anchors

GENESIS = "0" * 64


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
_HEAD = Base.metadata.tables[AuditHead.__tablename__]
_OBJECT_ID_LENGTH: int = AuditEntry.__table__.c.object_id.type.length  # type: ignore[attr-defined]
HEAD_ID = 1  # the one row of audit_head


@dataclass(frozen=True)
class PreparedEntry:
    """An audit entry's columns but its id and hashes, as the database will give them back,
    and the hashed JSON of it without its id (`_payload_tail`)."""

    values: dict[str, Any]
    tail: str

    def hash_after(self, prev_hash: str, entry_id: int) -> str:
        return hashlib.sha256(
            (prev_hash + _payload(entry_id, self.tail)).encode("utf-8")
        ).hexdigest()

    def check_server_hash(self, prev_hash: str, entry_id: int, digest: str) -> None:
        """Refuse (RuntimeError, the transaction is rolled back) a hash the server computed
        that differs from `entry_hash` of the same entry."""
        if digest != self.hash_after(prev_hash, entry_id):
            raise RuntimeError(f"audit entry {entry_id}: the server's hash differs from ours")

    def entry(self, entry_id: int, prev_hash: str, digest: str) -> AuditEntry:
        return AuditEntry(**self.values, id=entry_id, prev_hash=prev_hash, hash=digest)


def prepare_entry(
    actor: Actor,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> PreparedEntry:
    """The entry `record_audit` appends, checked against the table's limits (ValueError-free:
    `check_row` raises a ValidationError), before anything is written."""
    object_id = str(object_id)
    if len(object_id) > _OBJECT_ID_LENGTH:
        # A long object id (a backup's path) is shortened in its column, kept whole in details.
        details = {**(details or {}), "object_id": object_id}
        object_id = object_id[: _OBJECT_ID_LENGTH - 1] + "…"
    # JSON round trip now, so the hash covers exactly what the database will give back.
    clean = json.loads(json.dumps(details, ensure_ascii=False, default=str)) if details else None
    at = now or utcnow()
    values: dict[str, Any] = {
        "at": at,
        "username": actor.username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": clean,
    }
    check_row(_AUDIT, values)  # PostgreSQL's statements are out of `check_statement`'s reach
    tail = _payload_tail(at, actor.username, action, object_type, object_id, clean)
    return PreparedEntry(values, tail)


def record_audit(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (it commits or rolls back with the work).

    The entry chains after the log's head (`audit_head`), which moves with it in the same
    transaction. SQLite: the head's id + 1 under the file's write lock, an INSERT and the
    head's UPDATE. PostgreSQL: the head's row locked (`SELECT … FOR UPDATE`: appends queue on
    it, so the chain never forks), then one statement takes the id from the sequence, hashes on
    the server, inserts the entry and moves the head; the hash is checked against `entry_hash`
    here. Returns the entry written (not attached to the session)."""
    prepared = prepare_entry(actor, action, object_type, object_id, details, now)
    return append_prepared(session, prepared)


def append_prepared(session: Session, prepared: PreparedEntry) -> AuditEntry:
    """`record_audit` of an entry made by `prepare_entry`."""
    if session.get_bind().dialect.name == "postgresql":
        head = session.execute(_LOCK_HEAD).one_or_none()
        prev = _restore_head(session) if head is None else head.last_hash
        entry_id, digest = session.execute(
            _PG_APPEND, {**prepared.values, "tail": prepared.tail, "prev": prev}
        ).one()
        prepared.check_server_hash(prev, int(entry_id), digest)
        return prepared.entry(int(entry_id), prev, digest)
    head = session.execute(_READ_HEAD).one_or_none()
    if head is None:
        prev = _restore_head(session)
        last_id = session.scalar(select(func.coalesce(func.max(_AUDIT.c.id), 0)))
    else:
        prev, last_id = head.last_hash, head.last_id
    entry_id = int(last_id or 0) + 1
    digest = prepared.hash_after(prev, entry_id)
    values = {**prepared.values, "id": entry_id, "prev_hash": prev, "hash": digest}
    conn = session.connection()
    conn.execute(_INSERT_AUDIT, [values])  # Core: cheaper than the ORM's
    conn.execute(_MOVE_HEAD, {"last_id": entry_id, "last_hash": digest})
    return prepared.entry(entry_id, prev, digest)


def _restore_head(session: Session) -> str:
    """The head row is missing (removed by hand): made again from the newest entry (the
    entries keep their own chain, `verify_chain` walks that). Returns the head's hash."""
    last = session.execute(_LAST_ENTRY).one_or_none()
    last_id, prev = (0, GENESIS) if last is None else (int(last.id), last.hash or GENESIS)
    session.connection().execute(insert(_HEAD).values(id=HEAD_ID, last_id=last_id, last_hash=prev))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_LOCK_HEAD)
    return prev


# Made once: a statement's cache key is then made once, not at every append.
_INSERT_AUDIT = insert(_AUDIT)
_LAST_ENTRY = select(_AUDIT.c.id, _AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)
_READ_HEAD = select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == HEAD_ID)
_LOCK_HEAD = _READ_HEAD.with_for_update()
_MOVE_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == HEAD_ID)
    .values(last_id=bindparam("last_id"), last_hash=bindparam("last_hash"))
)


def head_hash() -> ScalarSelect[Any]:
    """The head's hash as a scalar subquery: read with the dispatch's case (PostgreSQL)."""
    return select(_HEAD.c.last_hash).where(_HEAD.c.id == HEAD_ID).scalar_subquery()


def appended_after(anchor: CTE) -> CTE:
    """PostgreSQL: the append of one audit entry as data-modifying CTEs of the caller's
    statement, once if `anchor` (a CTE) returns a row and the head is still the one read
    before (`audit_prev`: a compare-and-set of the head, whose row lock serialises appends):
    the id from the sequence, the hash on the server (checked by `check_server_hash`), the
    head moved. The CTE returned gives the entry's `id` and `hash`, or no row when `anchor`
    was empty or the head had moved (then nothing of the log was written). Its parameters:
    `appended_params`. Build it once per shape: its SQL and cache key are made once."""
    prev = bindparam("audit_prev", type_=String())
    # The id taken with the head's key, so that the UPDATE joins it on that key.
    number = select(
        func.nextval(_SEQUENCE).label("id"), literal_column(str(HEAD_ID)).label("head")
    ).subquery("audit_id")
    digest = func.encode(
        func.sha256(
            func.convert_to(
                cast(prev, Text)
                + "["
                + cast(number.c.id, Text)
                + ","
                + cast(bindparam("audit_tail", type_=String()), Text),
                "UTF8",
            )
        ),
        "hex",
    )
    head = (
        update(_HEAD)
        .where(
            _HEAD.c.id == number.c.head,
            _HEAD.c.last_hash == prev,
            exists(select(1).select_from(anchor)),
        )
        .values(last_id=number.c.id, last_hash=digest)
        .returning(_HEAD.c.last_id, _HEAD.c.last_hash)
        .cte("audit_moved")
    )
    columns = ("at", "username", "action", "object_type", "object_id", "details")
    source = select(
        head.c.last_id,
        *(bindparam(f"audit_{c}", type_=_AUDIT.c[c].type) for c in columns),
        prev,
        head.c.last_hash,
    )
    return (
        insert(_AUDIT)
        .from_select(["id", *columns, "prev_hash", "hash"], source)
        .returning(_AUDIT.c.id, _AUDIT.c.hash)
        .cte("audit_entry")
    )


def appended_params(prepared: PreparedEntry, prev: str | None) -> dict[str, Any]:
    """The parameters of `appended_after` for `prepared` chained after `prev` (the head read)."""
    return {
        "audit_prev": prev,
        "audit_tail": prepared.tail,
        **{f"audit_{c}": v for c, v in prepared.values.items()},
    }


_SEQUENCE = func.pg_get_serial_sequence("audit_log", "id")
_PG_APPEND = text(
    "WITH n AS (SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id),"
    " h AS (UPDATE audit_head SET last_id = n.id,"
    " last_hash = encode(sha256(convert_to("
    "CAST(:prev AS text) || '[' || n.id || ',' || CAST(:tail AS text), 'UTF8')), 'hex')"
    " FROM n WHERE audit_head.id = 1 RETURNING audit_head.last_id, audit_head.last_hash)"
    " INSERT INTO audit_log"
    " (id, at, username, action, object_type, object_id, details, prev_hash, hash)"
    " SELECT h.last_id, :at, :username, :action, :object_type, :object_id, :details,"
    " CAST(:prev AS text), h.last_hash FROM h"
    " RETURNING id, hash"
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
    count = last_id = 0
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
        last_id = entry.id
    check = check_anchors(session, anchors or [])
    if check.problem is not None:  # a cut-off tail or a rewritten log: the anchors say which
        return ChainReport(count, check.problem[0], check.problem[1])
    problem = _head_problem(session, last_id, prev)
    if problem is not None:
        return ChainReport(count, last_id, problem)
    if check.notice is not None:
        return ChainReport(count, None, f"审计日志完整，共 {count} 条记录；{check.notice}")
    if anchors:
        return ChainReport(
            count,
            None,
            f"审计日志完整，共 {count} 条记录；与本机记下的第 {anchors[-1].entry_id} 条一致",
        )
    return ChainReport(count, None, f"审计日志完整，共 {count} 条记录")


def _head_problem(session: Session, last_id: int, last_hash: str) -> str | None:
    """Why the log's head (`audit_head`) does not name its newest entry, or None. A database
    from before the head (a backup being checked) has none to compare."""
    if not inspect(session.connection()).has_table(AuditHead.__tablename__):
        return None
    head = session.execute(_READ_HEAD).one_or_none()
    if head is None:
        return "审计日志的链头记录缺失（被删除过）"
    if (int(head.last_id), head.last_hash) != (last_id, last_hash):
        return (
            f"审计日志的链头（第 {head.last_id} 条）与最后一条记录（第 {last_id} 条）不一致"
            "（链头或最后的记录被改动、删除过）"
        )
    return None


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

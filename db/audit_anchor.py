"""Anchors of the audit chain kept outside the database (审计链锚点).

The SHA-256 chain (`db.audit`) shows an edit, a deletion or an insertion inside the log, but not
the newest entries cut off the end, nor a log rewritten from some entry on with every hash
recomputed. So each workstation also writes down, in its own data folder, the newest entry it
has seen (id and hash) after each sign-in, command and backup. `audit verify` then checks that
the newest anchor's entry is still in the log with the same hash; if the chain verifies and that
entry is intact, every entry up to it is what this workstation saw.

An anchor is only ever moved forward: if the log no longer holds the last anchor's entry the
file is left alone, so the evidence stays until someone looks. A restore (which legitimately
takes the log back in time) starts the anchors again from the restored head.

One file per log (`<data folder>/audit-anchors/<key>-<first>.jsonl`: a digest of the database's
address and the start of the log's first hash, so a database made anew at the same address gets
its own); a line per anchor, the newest last, trimmed to the newest `KEEP` lines. Not caught: a
whole log replaced by a forged one from its first entry on, or emptied completely.
Reading or writing the file never fails the work around it: problems are logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AuditEntry
from db.paths import data_dir

log = logging.getLogger(__name__)

KEEP = 100  # anchors kept per database (only the newest one is needed to check)


@dataclass(frozen=True)
class Anchor:
    entry_id: int
    hash: str
    at: datetime  # when this workstation wrote it down


def database_key(db: Database) -> str:
    """A stable name for the database: its resolved file, or its server URL without password."""
    url = db.engine.url
    if db.is_sqlite and url.database:
        where = str(Path(url.database).expanduser().resolve())
    else:
        where = url.set(password=None).render_as_string(hide_password=True)
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]


def _first_hash(session: Session) -> str | None:
    return session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1))


def anchor_file(db: Database, folder: Path | None = None) -> Path | None:
    """This workstation's anchor file for the database's log, None while the log is empty.

    Named after the database's address and the log's first entry, so a database created anew
    at the same address (a new file, a re-created server database) starts its own anchors."""
    with db.read() as session:
        first = _first_hash(session)
    if first is None:
        return None
    name = f"{database_key(db)}-{first[:16]}.jsonl"
    return (folder or data_dir() / "audit-anchors") / name


def load_database_anchors(db: Database, folder: Path | None = None) -> list[Anchor]:
    """The anchors this workstation keeps for the database's log (see `anchor_file`)."""
    path = anchor_file(db, folder)
    return [] if path is None else load_anchors(path)


def load_anchors(path: Path) -> list[Anchor]:
    """The anchors in `path`, oldest first; unreadable lines are skipped (and logged)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("audit anchors: cannot read %s: %s", path, exc)
        return []
    anchors: list[Anchor] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            anchors.append(
                Anchor(int(item["id"]), str(item["hash"]), datetime.fromisoformat(item["at"]))
            )
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("audit anchors: %s line %d skipped: %s", path, number, exc)
    return anchors


def chain_head(session: Session) -> tuple[int, str] | None:
    """The newest entry of the log (id, hash), or None for an empty log."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def anchor_problem(session: Session, anchors: list[Anchor]) -> tuple[int, str] | None:
    """(entry id, one sentence) if the log lost or changed the newest anchor's entry."""
    if not anchors:
        return None
    newest = anchors[-1]
    stored = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == newest.entry_id))
    when = newest.at.astimezone().strftime("%Y-%m-%d %H:%M")
    if stored is None:
        return (
            newest.entry_id,
            f"第 {newest.entry_id} 条记录已不在日志中（本机 {when} 记下过它），"
            "日志末尾被截断或被重写",
        )
    if stored != newest.hash:
        return (
            newest.entry_id,
            f"第 {newest.entry_id} 条记录与本机 {when} 记下的不同，日志被重写过",
        )
    return None


def _write(path: Path, anchors: list[Anchor]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    body = "".join(
        json.dumps({"id": a.entry_id, "hash": a.hash, "at": a.at.isoformat()}) + "\n"
        for a in anchors[-KEEP:]
    )
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, path)


def remember_head(db: Database, folder: Path | None = None, now: datetime | None = None) -> bool:
    """Write down the log's newest entry if it moved on from the last anchor; True if written.

    Never moves an anchor backwards or past a break: if the last anchor's entry is gone or
    different, nothing is written (`audit verify` reports it)."""
    path = anchor_file(db, folder)
    if path is None:
        return False
    try:
        anchors = load_anchors(path)
        with db.read() as session:
            head = chain_head(session)
            if head is None:
                return False
            if anchors:
                last = anchors[-1]
                if head[0] == last.entry_id and head[1] == last.hash:
                    return False
                if head[0] < last.entry_id or anchor_problem(session, anchors) is not None:
                    log.warning("audit anchors: the log no longer holds entry %d", last.entry_id)
                    return False
        anchors.append(Anchor(head[0], head[1], now or datetime.now(UTC)))
        _write(path, anchors)
        return True
    except OSError as exc:
        log.warning("audit anchors: cannot write %s: %s", path, exc)
        return False


def restart_anchors(db: Database, folder: Path | None = None) -> None:
    """After a restore: forget the anchors of the replaced log and anchor the restored one."""
    path = anchor_file(db, folder)
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("audit anchors: cannot reset %s: %s", path, exc)
        return
    remember_head(db, folder)

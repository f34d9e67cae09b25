"""Anchors of the audit chain kept outside the database (审计链锚点).

The SHA-256 chain (`db.security.audit`) shows an edit, a deletion or an insertion inside the log, but not
the newest entries cut off the end, nor a log rewritten from some entry on with every hash
recomputed. So each workstation also writes down, in its own data folder, the log's first entry
and the newest entry it has seen (ids and hashes) after each sign-in, command and backup.
`audit verify` then checks that both are still in the log with the same hashes; if the chain
verifies and they are intact, every entry up to the anchor is what this workstation saw.

An anchor is only ever moved forward: if the log no longer holds the last anchor's entries the
file is left alone, so the evidence stays until someone looks. The log going back in time on
purpose is itself in the log: a restore (`restore`) or an administrator's `audit.reanchor`
(after a server-side restore, or a database made anew) newer than the anchor makes the
workstation start its anchors again from the log as it is, and `audit verify` says so.

One file per database (`<data folder>/audit-anchors/<key>.jsonl`, a digest of the database's
address); a line per anchor, the newest last, trimmed to the newest `KEEP` lines. Writing is
atomic (a fresh temporary file moved into place). Reading or writing the file never fails the
work around it: problems are logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
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
RESTART_ACTIONS = ("restore", "audit.reanchor")  # the log went back in time on purpose


@dataclass(frozen=True)
class Anchor:
    entry_id: int
    hash: str
    at: datetime  # when this workstation wrote it down
    first_hash: str  # the log's first entry then: a log replaced from the start shows


@dataclass(frozen=True)
class AnchorCheck:
    """What the anchors say: `problem` (entry id, sentence) or a `notice` that they restart."""

    problem: tuple[int, str] | None = None
    notice: str | None = None
    restart: bool = False  # the log was restored or re-anchored after the newest anchor


def database_key(db: Database) -> str:
    """A stable name for the database: its resolved file, or its server URL without password."""
    url = db.engine.url
    if db.is_sqlite and url.database:
        where = str(Path(url.database).expanduser().resolve())
    else:
        where = url.set(password=None).render_as_string(hide_password=True)
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]


def anchor_file(db: Database, folder: Path | None = None) -> Path:
    return (folder or data_dir() / "audit-anchors") / f"{database_key(db)}.jsonl"


def load_anchors(path: Path) -> list[Anchor]:
    """The anchors in `path`, oldest first; unreadable lines or files are skipped (and logged)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("审计锚点文件 %s 无法读取：%s", path, exc)
        return []
    anchors: list[Anchor] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            anchors.append(
                Anchor(
                    int(item["id"]),
                    str(item["hash"]),
                    datetime.fromisoformat(item["at"]),
                    str(item["first"]),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("审计锚点文件 %s 第 %d 行无法识别，已跳过：%s", path, number, exc)
    return anchors


def load_database_anchors(db: Database, folder: Path | None = None) -> list[Anchor]:
    """The anchors this workstation keeps for the database (see `anchor_file`)."""
    return load_anchors(anchor_file(db, folder))


def chain_head(session: Session) -> tuple[int, str] | None:
    """The newest entry of the log (id, hash), or None for an empty log."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def _first_hash(session: Session) -> str | None:
    return session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1))


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def check_anchors(session: Session, anchors: list[Anchor]) -> AnchorCheck:
    """Compare the log with the newest anchor (see the module docstring)."""
    if not anchors:
        return AnchorCheck()
    newest = anchors[-1]
    when = _local(newest.at)
    restart = session.execute(
        select(AuditEntry.at, AuditEntry.username, AuditEntry.action)
        .where(AuditEntry.action.in_(RESTART_ACTIONS), AuditEntry.at > newest.at)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if restart is not None:
        what = "恢复" if restart[2] == "restore" else "重新锚定"
        return AnchorCheck(
            notice=f"日志于 {_local(restart[0])} 由 {restart[1]} {what}，本机锚点从此重新记录",
            restart=True,
        )
    first = _first_hash(session)
    if first is None:
        return AnchorCheck(
            problem=(0, f"审计日志已被清空（本机 {when} 记下过第 {newest.entry_id} 条）")
        )
    if first != newest.first_hash:
        return AnchorCheck(problem=(0, f"审计日志从第一条起被替换过（与本机 {when} 记下的不同）"))
    stored = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == newest.entry_id))
    if stored is None:
        return AnchorCheck(
            problem=(
                newest.entry_id,
                f"第 {newest.entry_id} 条记录已不在日志中（本机 {when} 记下过它），"
                "日志末尾被截断或被重写",
            )
        )
    if stored != newest.hash:
        return AnchorCheck(
            problem=(
                newest.entry_id,
                f"第 {newest.entry_id} 条记录与本机 {when} 记下的不同，日志被重写过",
            )
        )
    return AnchorCheck()


def _write(path: Path, anchors: list[Anchor]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(
        json.dumps(
            {"id": a.entry_id, "hash": a.hash, "at": a.at.isoformat(), "first": a.first_hash}
        )
        + "\n"
        for a in anchors[-KEEP:]
    )
    # A temporary file of our own (two processes may write at once), flushed, then moved.
    handle, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remember_head(db: Database, folder: Path | None = None, now: datetime | None = None) -> bool:
    """Write down the log's newest entry if it moved on from the last anchor; True if written.

    Never moves an anchor backwards or past a break: if the last anchor's entries are gone or
    different (and no restore says why), nothing is written (`audit verify` reports it).
    Never raises: this runs after the real work has succeeded."""
    try:
        path = anchor_file(db, folder)
        anchors = load_anchors(path)
        with db.read() as session:
            head = chain_head(session)
            first = _first_hash(session)
            if head is None or first is None:
                return False
            if anchors:
                last = anchors[-1]
                if head[0] == last.entry_id and head[1] == last.hash:
                    return False
                check = check_anchors(session, anchors)
                if check.restart:
                    anchors = []
                elif check.problem is not None:
                    log.warning(
                        "审计日志与本机记下的第 %d 条已不一致，本机锚点未更新："
                        "请用 griddesk-admin audit verify 查看",
                        last.entry_id,
                    )
                    return False
        anchors.append(Anchor(head[0], head[1], now or datetime.now(UTC), first))
        _write(path, anchors)
        return True
    except Exception as exc:  # a read-only folder, a lost server: never fail the work done
        log.warning("审计锚点未能写入：%s", exc)
        return False


def restart_anchors(db: Database, folder: Path | None = None) -> None:
    """Forget this workstation's anchors of the database and anchor the log as it is now
    (after a restore or `audit reanchor`, which the log itself records). Never raises."""
    try:
        anchor_file(db, folder).unlink(missing_ok=True)
    except Exception as exc:
        log.warning("审计锚点未能重新开始：%s", exc)
        return
    remember_head(db, folder)

"""Backup and restore of the embedded SQLite database (备份与恢复).

A backup is a consistent online copy made with SQLite's backup API (safe while other clients
write), written to a temporary file beside the target, verified (integrity check, GridDesk
schema, known revision) and only then moved into place. PostgreSQL databases are backed up on
the server with `pg_dump`; see `POSTGRES_ADVICE`.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory

from db.engine import Database
from db.errors import BadFile, PermissionDenied, SchemaTooNew, UserError
from db.migrate import alembic_config, backup_sqlite_file
from db.security.accounts import has_users
from db.security.actors import Actor, Role
from db.security.audit import record_audit
from db.security.audit_anchor import remember_head, restart_anchors

POSTGRES_ADVICE = (
    "PostgreSQL 数据库请在服务器上备份：pg_dump -Fc -d <数据库名> -f griddesk.dump，"
    "恢复用 pg_restore -d <数据库名> --clean griddesk.dump（并配合服务器的 WAL 归档做时间点恢复）"
)
REQUIRED_TABLES = {"alembic_version", "cases", "case_events", "grids", "communities", "audit_log"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    cases: int
    size: int


def _sqlite_path(db: Database) -> Path:
    if not db.is_sqlite:
        raise UserError(POSTGRES_ADVICE)
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise UserError("内存数据库无法备份")
    return Path(database)


def inspect_backup(path: Path) -> BackupInfo:
    """Check that `path` is a sound GridDesk database this build can open."""
    if not path.is_file():
        raise BadFile(f"备份文件 {path} 不存在")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BadFile(f"{path.name} 不是 GridDesk 备份文件（不是 SQLite 数据库）")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise BadFile(f"{path.name} 已损坏（完整性检查未通过）")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not REQUIRED_TABLES.issubset(tables):
            raise BadFile(f"{path.name} 不是 GridDesk 备份文件（缺少 GridDesk 的数据表）")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        cases = int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BadFile(f"{path.name} 无法读取：{exc}") from exc
    finally:
        conn.close()
    revision = row[0] if row else ""
    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise SchemaTooNew(
            f"{path.name} 由更新版本的 GridDesk 生成（版本 {revision}），本程序无法恢复"
        )
    return BackupInfo(path, revision, cases, path.stat().st_size)


def backup(db: Database, out: Path) -> BackupInfo:
    """Write a verified copy of the database to `out` (atomically: all or nothing)."""
    source = _sqlite_path(db)
    out = out.expanduser().resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".griddesk-backup-", suffix=".tmp", dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise BadFile(f"无法写入 {out}：{exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(str(source))
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        info = inspect_backup(tmp)
        os.replace(tmp, out)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BadFile(f"备份失败：{exc}") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BadFile(f"无法写入 {out}：{exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupInfo(out, info.revision, info.cases, out.stat().st_size)


def restore(db: Database, source: Path, safety_dir: Path | None = None) -> BackupInfo:
    """Replace the database's content with `source` after checking it; the current content is
    first saved beside the other backups, so a wrong restore can be undone."""
    target = _sqlite_path(db)
    info = inspect_backup(source.expanduser().resolve())
    if target.exists():
        backup_sqlite_file(target, safety_dir, tag="pre-restore")
    db.engine.dispose()
    src = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BadFile(f"恢复失败：{exc}") from exc
    finally:
        src.close()
    return info


def auto_backup(
    db: Database, folder: Path, keep: int = 7, today: datetime | None = None
) -> Path | None:
    """Once a day: write `griddesk-YYYYMMDD.sqlite` into `folder` and keep the newest `keep`."""
    if not db.is_sqlite:
        return None
    stamp = (today or datetime.now()).strftime("%Y%m%d")
    target = folder / f"griddesk-{stamp}.sqlite"
    if target.exists():
        return None
    backup(db, target)
    remember_head(db)
    daily = sorted(folder.glob("griddesk-[0-9]*.sqlite"))
    for old in daily[: max(len(daily) - keep, 0)]:
        old.unlink(missing_ok=True)
    return target


def make_backup(db: Database, out: Path, actor: Actor) -> BackupInfo:
    """A backup on a user's behalf (CLI `backup`, 设置 → 立即备份): needs `backup`, audited."""
    actor.require("backup", "备份数据库")
    info = backup(db, out)
    with db.write() as session:
        record_audit(session, actor, "backup", "database", str(info.path), {"cases": info.cases})
    remember_head(db)
    return info


def restore_backup(
    db: Database, source: Path, actor: Actor, safety_dir: Path | None = None
) -> BackupInfo:
    """A restore on a user's behalf: needs `backup` and, once accounts exist, a signed-in
    administrator; the restored database's audit log records who restored it."""
    actor.require("backup", "恢复数据库")
    with db.read() as session:
        if has_users(session) and actor.role is Role.SYSTEM:
            raise PermissionDenied("恢复数据库需要管理员账号（--user）")
    info = restore(db, source, safety_dir)
    with db.write() as session:
        record_audit(
            session,
            actor,
            "restore",
            "database",
            str(info.path),
            {"cases": info.cases, "revision": info.revision},
        )
    restart_anchors(db)  # the log went back in time on purpose; anchor the restored one
    return info

"""Backup and restore of the embedded SQLite database (备份与恢复).

A backup is a consistent online copy made with SQLite's backup API (safe while other clients
write), written to a temporary file beside the target, verified (integrity check, GridDesk
schema, known revision) and only then moved into place. A target must be a regular file (or a
new one) in a folder that exists, and never the live database nor its -wal/-shm/-journal files;
a restore reads only a regular file of sane size, never the live database itself. Before a
restore replaces anything, the backup's own audit chain is verified (without this workstation's
anchors, which belong to the live database) and, when the live database has accounts, the
backup must hold an active administrator: otherwise the database would fall back to setup mode,
where anyone may create the first administrator. A broken chain is restored only when an
administrator accepts it with a reason, which goes into the restored log; a backup without an
administrator is never restored over a database with accounts. Temporary
files a killed backup left behind are removed by the next backup into the same folder (and by
the daily backup at the window's start). PostgreSQL databases are backed up on the server with
`pg_dump`; see `POSTGRES_ADVICE`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from db.engine import Database
from db.errors import (
    BackupAuditBroken,
    BadFile,
    PermissionDenied,
    SchemaTooNew,
    UserError,
    ValidationError,
)
from db.files import regular_file_size
from db.migrate import alembic_config, backup_sqlite_file
from db.models import User
from db.security.accounts import has_users
from db.security.actors import Actor, Role
from db.security.audit import ChainReport, record_audit, verify_chain
from db.security.audit_anchor import remember_head, restart_anchors

POSTGRES_ADVICE = (
    "PostgreSQL 数据库请在服务器上备份：pg_dump -Fc -d <数据库名> -f griddesk.dump，"
    "恢复用 pg_restore -d <数据库名> --clean griddesk.dump（并配合服务器的 WAL 归档做时间点恢复）"
)
REQUIRED_TABLES = {"alembic_version", "cases", "case_events", "grids", "communities", "audit_log"}
TEMP_PREFIX = ".griddesk-backup-"
TEMP_SUFFIX = ".tmp"
# The files SQLite keeps beside a database; none of them may be a backup's target.
SIDE_FILES = ("", "-wal", "-shm", "-journal")
# A backup larger than this is refused before it is read (a year of a large center's cases
# takes well under 1 GB).
MAX_BACKUP_BYTES = 32 * 1024 * 1024 * 1024
# Where a temporary file cannot be locked (Windows), one older than this is taken as left over.
STALE_TEMP_SECONDS = 24 * 3600


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


def _read_only_uri(path: Path) -> str:
    """A SQLite URI opening `path` read-only; `as_uri` escapes `?`, `#` and `%` in the name."""
    return f"{path.resolve().as_uri()}?mode=ro"


def inspect_backup(path: Path) -> BackupInfo:
    """Check that `path` is a sound GridDesk database this build can open."""
    if not path.exists():
        raise BadFile(f"备份文件 {path} 不存在")
    size = regular_file_size(path, "备份文件")
    if size > MAX_BACKUP_BYTES:
        raise BadFile(
            f"备份文件 {path.name} 过大（{size // (1024 * 1024)} MB，"
            f"上限 {MAX_BACKUP_BYTES // (1024 * 1024)} MB），拒绝恢复"
        )
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BadFile(f"{path.name} 不是 GridDesk 备份文件（不是 SQLite 数据库）")
    conn = sqlite3.connect(_read_only_uri(path), uri=True)
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


def _same_file(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)  # a hard link, or the same folder reached two ways
    except OSError:
        return False


def _live_files(source: Path) -> list[Path]:
    return [source.with_name(source.name + suffix) for suffix in SIDE_FILES]


def check_backup_target(db: Database, out: Path) -> Path:
    """`out` as the absolute path a backup of `db` may be written to; `BadFile` in one
    sentence when it is not a regular (or new) file in an existing folder, or when it is the
    live database or one of its -wal/-shm/-journal files. Nothing is created."""
    source = _sqlite_path(db).resolve()
    out = out.expanduser().resolve()  # a symbolic link is judged by what it points to
    folder = out.parent
    if not folder.exists():
        raise BadFile(f"备份目标文件夹 {folder} 不存在（不会自动创建），请先建好文件夹")
    if not folder.is_dir():
        raise BadFile(f"备份目标 {folder} 不是文件夹")
    if out.exists() and not out.is_file():
        raise BadFile(f"{out} 不是普通文件（文件夹、设备或管道），不能作为备份目标")
    if any(_same_file(out, live) for live in _live_files(source)):
        raise BadFile(f"{out} 是正在使用的数据库文件，不能作为备份目标")
    return out


def _lock(fd: int) -> bool:
    """Take an exclusive lock on a temporary backup file without waiting: True when taken
    (or when the platform has no such locks)."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _abandoned(tmp: Path) -> bool:
    """Whether a temporary backup file is left over: no running backup holds its lock (where
    files can be locked), or it is older than `STALE_TEMP_SECONDS` (where they cannot)."""
    if sys.platform == "win32":
        return time.time() - tmp.stat().st_mtime > STALE_TEMP_SECONDS
    fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        return _lock(fd)
    finally:
        os.close(fd)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files (and their journals) that killed backups left in `folder`;
    a backup still running keeps its own. Returns what was removed; never raises for a file
    it cannot remove."""
    removed: list[Path] = []
    try:
        temps = sorted(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for tmp in temps:
        try:
            if not tmp.is_file() or not _abandoned(tmp):
                continue
            for part in [tmp, *(tmp.with_name(tmp.name + s) for s in SIDE_FILES[1:])]:
                if part.exists():
                    part.unlink()
                    removed.append(part)
        except OSError:
            continue
    return removed


def backup(db: Database, out: Path) -> BackupInfo:
    """Write a verified copy of the database to `out` (atomically: all or nothing). The
    target is checked first (`check_backup_target`); temporary files killed backups left in
    its folder are removed."""
    source = _sqlite_path(db)
    out = check_backup_target(db, out)
    clean_leftovers(out.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=out.parent)
    except OSError as exc:
        raise BadFile(f"无法写入 {out}：{exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    # The lock tells `clean_leftovers` in another process that this file is in use; it goes
    # with the process, so a killed backup's file is free to remove.
    if sys.platform == "win32":
        os.close(fd)
        fd = -1
    else:
        _lock(fd)
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
    finally:
        if fd >= 0:
            os.close(fd)
    return BackupInfo(out, info.revision, info.cases, out.stat().st_size)


@dataclass(frozen=True)
class BackupTrust:
    """What a backup's content says about itself: its own audit chain (verified without any
    workstation's anchors) and how many active administrators it holds."""

    audit: ChainReport
    active_admins: int


def examine_backup(path: Path) -> BackupTrust:
    """Open the backup at `path` read-only and verify its audit chain and accounts. The
    file must have passed `inspect_backup` (a GridDesk database of a known revision)."""
    uri = _read_only_uri(path)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True),
        poolclass=NullPool,
    )
    try:
        with Session(engine) as session:
            report = verify_chain(session)  # no anchors: they belong to the live database
            admins = session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.role == Role.ADMIN.value, User.active.is_(True))
            )
    except SQLAlchemyError as exc:
        raise BadFile(f"{path.name} 无法读取：{getattr(exc, 'orig', None) or exc}") from exc
    finally:
        engine.dispose()
    return BackupTrust(report, int(admins or 0))


def _check_source(db: Database, source: Path) -> BackupInfo:
    target = _sqlite_path(db)
    source = source.expanduser().resolve()
    if any(_same_file(source, live) for live in _live_files(target.resolve())):
        raise BadFile(f"{source} 是正在使用的数据库本身，不能用它恢复")
    return inspect_backup(source)


def restore(db: Database, source: Path, safety_dir: Path | None = None) -> BackupInfo:
    """Replace the database's content with `source` after checking it is a sound GridDesk
    database (its audit log and accounts are judged by `restore_backup`); the current content
    is first saved beside the other backups, so a wrong restore can be undone."""
    return _replace(db, _check_source(db, source), safety_dir)


def _replace(db: Database, info: BackupInfo, safety_dir: Path | None) -> BackupInfo:
    target = _sqlite_path(db)
    if target.exists():
        backup_sqlite_file(target, safety_dir, tag="pre-restore")
    db.engine.dispose()
    src = sqlite3.connect(_read_only_uri(info.path), uri=True)
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
    """Once a day: write `griddesk-YYYYMMDD.sqlite` into `folder` (created if need be) and
    keep the newest `keep`; every call first removes what killed backups left in `folder`."""
    if not db.is_sqlite:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)  # GridDesk's own folder
    except OSError as exc:
        raise BadFile(f"无法创建备份文件夹 {folder}：{exc.strerror or exc}") from exc
    clean_leftovers(folder)
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


def check_restore(
    db: Database, source: Path, actor: Actor, accept_broken_audit: str | None = None
) -> tuple[BackupInfo, BackupTrust]:
    """Everything `restore_backup` checks before it replaces anything, in one sentence when a
    check fails: the user's rights, the file, an active administrator in the backup (when
    the live database has accounts) and the backup's audit chain, which a broken chain passes
    only with `accept_broken_audit` (the administrator's reason, not blank)."""
    actor.require("backup", "恢复数据库")
    with db.read() as session:
        live_has_users = has_users(session)
    if live_has_users and actor.role is Role.SYSTEM:
        raise PermissionDenied("恢复数据库需要管理员账号（--user）")
    if accept_broken_audit is not None and not accept_broken_audit.strip():
        raise ValidationError("请说明为何接受审计日志未通过校验的备份（原因记入审计日志）")
    info = _check_source(db, source)
    trust = examine_backup(info.path)
    if live_has_users and trust.active_admins == 0:
        raise BadFile(
            f"备份 {info.path.name} 中没有启用的管理员账号，恢复后数据库会回到初始设置状态"
            "（任何人都能建立管理员），拒绝恢复，当前数据库未改动"
        )
    if not trust.audit.ok and accept_broken_audit is None:
        raise BackupAuditBroken(info.path.name, trust.audit.reason)
    return info, trust


def restore_backup(
    db: Database,
    source: Path,
    actor: Actor,
    safety_dir: Path | None = None,
    accept_broken_audit: str | None = None,
) -> BackupInfo:
    """A restore on a user's behalf: needs `backup` and, once accounts exist, a signed-in
    administrator and a backup holding an active administrator; a backup whose audit chain
    does not verify needs `accept_broken_audit`, the administrator's reason (see
    `check_restore`). The restored database's audit log records who restored it and, for a
    broken chain, what was wrong and the reason."""
    info, trust = check_restore(db, source, actor, accept_broken_audit)
    info = _replace(db, info, safety_dir)
    details: dict[str, Any] = {"cases": info.cases, "revision": info.revision}
    if not trust.audit.ok and accept_broken_audit is not None:
        details["audit_problem"] = trust.audit.reason
        details["reason"] = accept_broken_audit.strip()
    with db.write() as session:
        record_audit(session, actor, "restore", "database", str(info.path), details)
    restart_anchors(db)  # the log went back in time on purpose; anchor the restored one
    return info

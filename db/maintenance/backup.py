"""Backup and restore of the embedded SQLite database (备份与恢复).

A backup is a consistent online copy made with SQLite's backup API (safe while other clients
write), written to a temporary file beside the target, verified (integrity check, GridDesk
schema, known revision) and only then moved into place. A target must be a regular file (or a
new one) in a folder that exists, and never the live database nor its -wal/-shm/-journal files;
a restore reads only a regular file of sane size, never the live database itself. Temporary
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

from alembic.script import ScriptDirectory

from db.engine import Database
from db.errors import BadFile, PermissionDenied, SchemaTooNew, UserError
from db.files import regular_file_size
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


def restore(db: Database, source: Path, safety_dir: Path | None = None) -> BackupInfo:
    """Replace the database's content with `source` after checking it; the current content is
    first saved beside the other backups, so a wrong restore can be undone."""
    target = _sqlite_path(db)
    source = source.expanduser().resolve()
    if any(_same_file(source, live) for live in _live_files(target.resolve())):
        raise BadFile(f"{source} 是正在使用的数据库本身，不能用它恢复")
    info = inspect_backup(source)
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

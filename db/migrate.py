"""Bring a database to this build's schema at start-up, safely.

SQLite: the file is copied (online backup API) before any migration touches it. PostgreSQL:
workstations starting together serialise on an advisory lock. A database whose revision this
build does not know was written by a newer GridDesk and is refused.

Only a GridDesk database (its revision known to this build) or an empty one is migrated. A
database holding other tables belongs to another program and is left untouched, unless the
caller adopts it on purpose (`griddesk-admin init --force`; a SQLite file is backed up first).
A SQLite file is looked at read-only before the first connection that could change it (the
connection switches a database to WAL mode): a file that is not SQLite, or is corrupt, is
refused in one sentence without a byte of it written.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Connection, text

from db.engine import Database
from db.errors import BadFile, SchemaTooNew, UserError
from db.paths import backup_dir

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PG_MIGRATION_LOCK = 0x6772_6964  # "grid"
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every GridDesk database has had since its first revision.
GRIDDESK_MARKERS = frozenset({"cases", "case_events", "grids", "communities", "audit_log"})


if TYPE_CHECKING:
    from alembic.config import Config

# Alembic takes most of a second to import: a database already at this build's head (every
# start but the first after an upgrade) is recognised without it, from the revision files.
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision(?:\s*:[^=]*)?\s*=\s*(None|[\"']([^\"']+)[\"'])\s*$", re.MULTILINE
)


def declared_head() -> str | None:
    """The head revision read from the revision files as text (no Alembic); None when they
    do not give exactly one head in the plain form (then Alembic decides)."""
    return _declared_head(MIGRATIONS_DIR)


@lru_cache(maxsize=4)
def _declared_head(folder: Path) -> str | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (folder / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.findall(source)
        down = _DOWN_REVISION.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0])
        if down[0][1]:
            parents.add(down[0][1])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def _at_declared_head(db: Database) -> bool:
    """Whether `db` is a GridDesk database at this build's head, found without Alembic."""
    head = declared_head()
    if head is None:
        return False
    if db.is_sqlite:
        database = db.engine.url.database
        if not database or database == ":memory:":
            return False
        seen = inspect_sqlite_file(Path(str(database)))
        return seen is not None and seen[0] == head and seen[1] >= GRIDDESK_MARKERS
    with db.engine.connect() as conn:
        if conn.scalar(text("SELECT to_regclass('alembic_version')")) is None:
            return False
        return bool(conn.scalar(text("SELECT version_num FROM alembic_version")) == head)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _check_not_newer(revision: str | None) -> None:
    if revision is None:
        return
    if revision not in _known_revisions():
        raise SchemaTooNew(
            f"数据库版本 {revision} 比本程序新，请升级 GridDesk 后再打开（数据库未作改动）"
        )


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _shown_table(name: str) -> str:
    return (name if name.isprintable() else ascii(name))[:40]


def check_griddesk(name: str, revision: str | None, tables: set[str], adopt: bool) -> None:
    """Refuse (one sentence, nothing changed) a database that is not GridDesk's: other tables
    and no GridDesk revision. An empty database is a new one; `adopt` lets GridDesk's tables
    be created beside another program's (not beside another program's Alembic revision)."""
    if revision is not None and revision in _known_revisions():
        return
    others = sorted(t for t in tables if t != "alembic_version" and not t.startswith("sqlite_"))
    if revision is not None and tables >= GRIDDESK_MARKERS:
        _check_not_newer(revision)
    if revision is None and not others:
        return
    if revision is not None:
        raise UserError(
            f"{name} 不是 GridDesk 数据库（其他程序的结构版本 {_shown_table(revision)}），"
            "未作任何改动"
        )
    if adopt:
        return
    shown = "、".join(_shown_table(t) for t in others[:3]) + ("等" if len(others) > 3 else "")
    raise UserError(
        f"{name} 不是 GridDesk 数据库（已有 {len(others)} 个其他程序的数据表：{shown}），"
        "未作任何改动；确要在其中建立 GridDesk 的数据表，请运行 griddesk-admin init --force"
    )


def corrupt_sqlite_reason(message: str) -> str | None:
    """The one-sentence reason for SQLite's error texts about a damaged or foreign file."""
    text = message.lower()
    if "file is not a database" in text:
        return "不是 GridDesk 数据库（不是 SQLite 数据库文件）"
    if "malformed" in text or "corrupt" in text:
        return "已损坏（SQLite 完整性错误），请用备份文件替换它"
    return None


def inspect_sqlite_file(path: Path) -> tuple[str | None, set[str]] | None:
    """Revision and table names of the SQLite file at `path`, read without changing it; None
    when there is nothing to look at (no file, an empty file) or it cannot be opened read-only
    (then the ordinary connection decides). `BadFile` for a device, a pipe or a folder, and
    for a file that is not a SQLite database or is corrupt."""
    if path.exists() and not path.is_file():
        # SQLite would read a device (and write a journal beside it) or wait on a pipe.
        raise BadFile(f"{path} 不是普通文件（文件夹、设备或管道），不能作为数据库打开")
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return None
    if header != SQLITE_HEADER:
        raise BadFile(f"{path} 不是 GridDesk 数据库（不是 SQLite 数据库文件），未作任何改动")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = {
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision: str | None = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        reason = corrupt_sqlite_reason(str(exc))
        if reason is None:
            return None
        raise BadFile(f"数据库文件 {path} {reason}（未作任何改动）") from None
    finally:
        conn.close()
    return revision, tables


def backup_sqlite_file(
    database: Path, into: Path | None = None, tag: str = "pre-migration"
) -> Path:
    """A consistent copy of a SQLite file made with the online backup API."""
    folder = into or backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{database.stem}-{tag}-{stamp}.sqlite"
    src = sqlite3.connect(str(database))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(
    db: Database, backup_into: Path | None = None, *, adopt_foreign: bool = False
) -> Path | None:
    """Migrate `db` to head. Returns the path of the backup made first, if any. A database
    that is not GridDesk's is refused unless `adopt_foreign` (see `check_griddesk`)."""
    if _at_declared_head(db):
        return None
    from alembic import command

    head = head_revision()
    cfg = alembic_config()
    backup: Path | None = None
    if db.is_sqlite:
        database = db.engine.url.database
        on_disk = bool(database) and database != ":memory:"
        if on_disk:
            seen = inspect_sqlite_file(Path(str(database)))
            if seen is not None:
                check_griddesk(str(database), seen[0], seen[1], adopt_foreign)
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            tables = {
                str(name)
                for name in conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type='table'")
                ).scalars()
            }
        check_griddesk(str(database), revision, tables, adopt_foreign)
        if revision == head:
            return None
        if tables and on_disk:
            backup = backup_sqlite_file(Path(str(database)), backup_into)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return backup
    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        revision = current_revision(conn)
        tables = {
            str(name)
            for name in conn.execute(
                text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                )
            ).scalars()
        }
        check_griddesk(
            db.engine.url.render_as_string(hide_password=True), revision, tables, adopt_foreign
        )
        if revision != head:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return None

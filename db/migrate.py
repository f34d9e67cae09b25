"""Bring a database to this build's schema at start-up, safely.

SQLite: the file is copied (online backup API) before any migration touches it. PostgreSQL:
workstations starting together serialise on an advisory lock. A database whose revision this
build does not know was written by a newer GridDesk and is refused.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from db.engine import Database
from db.errors import SchemaTooNew
from db.paths import backup_dir

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PG_MIGRATION_LOCK = 0x6772_6964  # "grid"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _check_not_newer(revision: str | None) -> None:
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise SchemaTooNew(
            f"数据库版本 {revision} 比本程序新，请升级 GridDesk 后再打开（数据库未作改动）"
        )


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


def upgrade(db: Database, backup_into: Path | None = None) -> Path | None:
    """Migrate `db` to head. Returns the path of the backup made first, if any."""
    head = head_revision()
    cfg = alembic_config()
    backup: Path | None = None
    if db.is_sqlite:
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            _check_not_newer(revision)
            has_tables = bool(
                conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar()
            )
        if revision == head:
            return None
        database = db.engine.url.database
        if revision is not None and has_tables and database and database != ":memory:":
            backup = backup_sqlite_file(Path(database), backup_into)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return backup
    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        revision = current_revision(conn)
        _check_not_newer(revision)
        if revision != head:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return None

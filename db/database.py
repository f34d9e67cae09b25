"""Opening a GridDesk database: connect, migrate to this build's schema, load the catalogue."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from db import migrate
from db.engine import Database, shown_url
from db.errors import UserError
from db.feed.change_log import prune_changes
from db.models import Category
from db.reference.catalogue import load_catalogue


def open_database(
    url: str | None = None, *, backup_into: Path | None = None, adopt_foreign: bool = False
) -> Database:
    """Connect to `url` (see `resolve_url`), bring the schema up to date and make sure the
    category catalogue is there. Raises `SchemaTooNew` for a database from a newer build, and a
    `UserError` naming the database (password hidden) when it cannot be reached or opened, is
    not a GridDesk database (another program's tables; `adopt_foreign` creates GridDesk's
    beside them, `griddesk-admin init --force`), is not a database at all or is corrupt."""
    try:
        db = Database(url)
    except (OSError, ArgumentError) as exc:
        raise UserError(f"无法打开数据库 {shown_url(url)}：{exc}") from exc
    try:
        migrate.upgrade(db, backup_into=backup_into, adopt_foreign=adopt_foreign)
        with db.write() as session:
            if not session.scalar(select(func.count()).select_from(Category)):
                load_catalogue(session)
            # Keep the change log short: readers only need the last moments of it.
            prune_changes(session)
    except DatabaseError as exc:
        db.dispose()
        lines = str(exc.orig or exc).strip().splitlines()
        reason = lines[0] if lines else type(exc).__name__
        # "file is not a database", "database disk image is malformed"
        corrupt = migrate.corrupt_sqlite_reason(reason) if db.is_sqlite else None
        if corrupt is not None:
            raise UserError(f"数据库 {shown_url(url)} {corrupt}") from exc
        if not isinstance(exc, OperationalError):
            raise  # a bug, not the user's database
        raise UserError(f"无法打开数据库 {shown_url(url)}：{reason}") from exc
    except OSError as exc:
        db.dispose()
        raise UserError(f"无法打开数据库 {shown_url(url)}：{exc}") from exc
    except BaseException:
        db.dispose()
        raise
    return db

"""Opening a GridDesk database: connect, migrate to this build's schema, load the catalogue."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from db import migrate
from db.engine import Database
from db.feed.change_log import prune_changes
from db.models import Category
from db.reference.catalogue import load_catalogue


def open_database(url: str | None = None, *, backup_into: Path | None = None) -> Database:
    """Connect to `url` (see `resolve_url`), bring the schema up to date and make sure the
    category catalogue is there. Raises `SchemaTooNew` for a database from a newer build."""
    db = Database(url)
    try:
        migrate.upgrade(db, backup_into=backup_into)
        with db.write() as session:
            if not session.scalar(select(func.count()).select_from(Category)):
                load_catalogue(session)
            # Keep the change log short: readers only need the last moments of it.
            prune_changes(session)
    except BaseException:
        db.dispose()
        raise
    return db

"""Whether a database still needs its day-one setup, and whether it is the demo street.

A demo database (built by `init --demo` / `--demo`) is recognised as db/demo/street.py says
(`is_demo_database`). A database set up for real never gets demo rows, and the demo never gets
a real setup.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.demo.street import is_demo_database
from db.models import Street
from db.reference.geography import has_street

__all__ = ["is_demo_database", "needs_setup", "real_street"]


def real_street(session: Session) -> Street | None:
    """The street of a database set up for real (None when there is none, or it is the demo)."""
    street = session.scalar(select(Street).order_by(Street.id).limit(1))
    if street is None or is_demo_database(session):
        return None
    return street


def needs_setup(session: Session) -> bool:
    """True when the database has no street/geography yet and is not a demo."""
    return not has_street(session) and not is_demo_database(session)

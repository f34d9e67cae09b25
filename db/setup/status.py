"""Whether a database still needs its day-one setup, and whether it is the demo street.

A demo database (built by `init --demo` / `--demo`) is recognised by the marker the demo
builder stores in the settings table, or, for one built before the marker existed, by the
demo street's code and name with nothing but the demo accounts. A database set up for real
never gets demo rows, and the demo never gets a real setup.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.demo.accounts import has_only_demo_accounts
from db.demo.geography import DEMO_MARKER, STREET_CODE, STREET_NAME
from db.models import Setting, Street
from db.reference.geography import has_street


def is_demo_database(session: Session) -> bool:
    """Whether this database holds the demo street."""
    if session.get(Setting, DEMO_MARKER) is not None:
        return True
    street = session.scalar(select(Street).where(Street.code == STREET_CODE))
    return street is not None and street.name == STREET_NAME and has_only_demo_accounts(session)


def real_street(session: Session) -> Street | None:
    """The street of a database set up for real (None when there is none, or it is the demo)."""
    street = session.scalar(select(Street).order_by(Street.id).limit(1))
    if street is None or is_demo_database(session):
        return None
    return street


def needs_setup(session: Session) -> bool:
    """True when the database has no street/geography yet and is not a demo."""
    return not has_street(session) and not is_demo_database(session)

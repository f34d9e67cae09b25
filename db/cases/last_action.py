"""The last case action a user took (what Ctrl+Z may take back), from the audit log.

Every case action writes one audit row (`case.<action>`, the case number, the user name) in the
same transaction as the change, so the user's newest such row is their last case action,
whichever window, workstation or command line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry


@dataclass(frozen=True)
class LastAction:
    at: datetime
    action: str  # the case action's value: "dispatch", "register", …
    number: str  # the case number


def last_case_action(session: Session, username: str) -> LastAction | None:
    """The newest case action `username` took, or None if they never took one."""
    row = session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.object_id)
        .where(
            AuditEntry.username == username,
            AuditEntry.object_type == "case",
            AuditEntry.action.like("case.%"),
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    at, action, number = row
    return LastAction(at, str(action).removeprefix("case."), str(number))

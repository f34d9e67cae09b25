"""What the screenshots and the sign-in dialog look up about demo data: cases worth showing and
whether only the demo accounts exist."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.cases.states import Status
from db.demo.accounts import DEMO_ACCOUNTS
from db.models import Attachment, Case, CaseEvent
from db.security.accounts import list_users


def showcase_case(session: Session) -> tuple[int, str] | None:
    """(id, number) of an open case with a long history (and photos if any), else the newest."""
    events = (
        select(CaseEvent.case_id, func.count().label("n")).group_by(CaseEvent.case_id).subquery()
    )
    photos = (
        select(Attachment.case_id, func.count().label("n")).group_by(Attachment.case_id).subquery()
    )
    row = session.execute(
        select(Case.id, Case.number)
        .join(events, events.c.case_id == Case.id)
        .outerjoin(photos, photos.c.case_id == Case.id)
        .where(Case.status.in_([Status.ACCEPTED.value, Status.DISPATCHED.value]))
        .order_by(photos.c.n.is_(None), events.c.n.desc(), Case.urgent.desc(), Case.id.desc())
        .limit(1)
    ).first()
    if row is None:
        row = session.execute(
            select(Case.id, Case.number).order_by(Case.id.desc()).limit(1)
        ).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def photo_case(session: Session) -> str | None:
    """The number of a case with photos and the longest history; None without photos."""
    events = (
        select(CaseEvent.case_id, func.count().label("n")).group_by(CaseEvent.case_id).subquery()
    )
    return session.scalar(
        select(Case.number)
        .join(events, events.c.case_id == Case.id)
        .where(Case.id.in_(select(Attachment.case_id)))
        .order_by(events.c.n.desc(), Case.id.desc())
        .limit(1)
    )


def has_only_demo_accounts(session: Session) -> bool:
    """Whether the accounts are exactly the demo street's (the sign-in dialog then says so)."""
    names = {u.username for u in list_users(session)}
    return names == {name for name, _, _ in DEMO_ACCOUNTS}

"""Cases worth showing in the screenshots: a long history, photos if any."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.cases.states import Status
from db.models import Attachment, Case, CaseEvent


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

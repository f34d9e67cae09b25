"""Shift handover (交接班): the leaving dispatcher's note, the open urgent and overdue cases the
next dispatcher has to know about, and the next dispatcher's acknowledgement (接班确认).

`hand_over` records the note with the numbers of the cases open at that moment; the next
dispatcher is shown the pending handover with the cases as they stand *then* (some may have
closed meanwhile) and `acknowledge`s it. Both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from db.cases.states import STATUS_LABELS, Status
from db.errors import NotFound, ValidationError
from db.models import Case, Category, Community, Department, ShiftHandover
from db.models.base import utcnow
from db.models.limits import text_problem
from db.security.actors import Actor
from db.security.audit import record_audit

HANDOVER_NOTE_MAX = 2000
MAX_CASES = 500  # a handover lists at most this many cases (overdue first)


@dataclass(frozen=True)
class AlertCase:
    """An open case the next shift must watch: urgent, or past its deadline."""

    number: str
    category: str
    community: str
    status: str
    status_label: str
    department: str | None
    urgent: bool
    due_at: datetime | None

    def overdue(self, now: datetime) -> bool:
        return self.due_at is not None and self.due_at < now


@dataclass(frozen=True)
class Handover:
    id: int
    at: datetime
    from_user: str
    from_name: str
    note: str
    numbers: list[str]
    to_user: str | None
    to_name: str | None
    acknowledged_at: datetime | None

    @property
    def from_label(self) -> str:
        return self.from_name or self.from_user


def _handover(row: ShiftHandover) -> Handover:
    return Handover(
        id=row.id,
        at=row.at,
        from_user=row.from_user,
        from_name=row.from_name,
        note=row.note,
        numbers=[str(n) for n in row.cases or []],
        to_user=row.to_user,
        to_name=row.to_name,
        acknowledged_at=row.acknowledged_at,
    )


def alert_cases(
    session: Session, now: datetime | None = None, *, numbers: list[str] | None = None
) -> list[AlertCase]:
    """The open cases that are urgent or overdue at `now`, overdue first, then by deadline;
    with `numbers`, only those of them (a handover's cases as they stand now)."""
    now = now or utcnow()
    stmt = (
        select(Case, Category.name, Community.name, Department.name)
        .join(Category, Category.id == Case.category_id)
        .join(Community, Community.id == Case.community_id)
        .outerjoin(Department, Department.id == Case.department_id)
        .where(Case.is_open.is_(True), or_(Case.urgent.is_(True), Case.due_at < now))
        .order_by(Case.due_at.is_(None), Case.due_at, Case.id)
        .limit(MAX_CASES)
    )
    if numbers is not None:
        stmt = stmt.where(Case.number.in_(numbers[:MAX_CASES]))
    return [
        AlertCase(
            number=case.number,
            category=category,
            community=community,
            status=case.status,
            status_label=STATUS_LABELS[Status(case.status)],
            department=department,
            urgent=case.urgent,
            due_at=case.due_at,
        )
        for case, category, community, department in session.execute(stmt)
    ]


def hand_over(
    session: Session, actor: Actor, note: str = "", now: datetime | None = None
) -> Handover:
    """The leaving dispatcher hands the shift over with an optional `note`; the open urgent
    and overdue cases at `now` are recorded with it. Needs `shift.handover`; audited."""
    actor.require("shift.handover", "交班")
    now = now or utcnow()
    note = note.strip()
    problem = text_problem(note, "交班说明", HANDOVER_NOTE_MAX, multiline=True)
    if problem is not None:
        raise ValidationError(problem)
    numbers = [c.number for c in alert_cases(session, now)]
    row = ShiftHandover(
        at=now,
        from_user=actor.username,
        from_name=actor.display_name,
        note=note,
        cases=numbers,
    )
    session.add(row)
    session.flush()
    record_audit(
        session,
        actor,
        "shift.handover",
        "shift_handover",
        row.id,
        {"cases": len(numbers), "note": bool(note)},
        now=now,
    )
    return _handover(row)


def pending_handover(session: Session, actor: Actor) -> Handover | None:
    """The newest handover nobody has acknowledged yet, unless `actor` wrote it (signing back
    in is not taking over); None for roles that do not work the desk."""
    if not actor.can("shift.handover"):
        return None
    row = session.scalar(
        select(ShiftHandover)
        .where(ShiftHandover.acknowledged_at.is_(None))
        .order_by(ShiftHandover.at.desc(), ShiftHandover.id.desc())
        .limit(1)
    )
    if row is None or row.from_user == actor.username:
        return None
    return _handover(row)


def acknowledge(
    session: Session, actor: Actor, handover_id: int, now: datetime | None = None
) -> Handover:
    """The next dispatcher takes the shift over (接班确认): recorded once, audited. Older
    handovers still open are acknowledged with it (the newest one carries the desk)."""
    actor.require("shift.handover", "接班")
    now = now or utcnow()
    row = session.get(ShiftHandover, handover_id)
    if row is None:
        raise NotFound(f"交班记录 {handover_id} 不存在")
    if row.acknowledged_at is not None:
        raise ValidationError(f"这次交班已由「{row.to_name or row.to_user}」确认接班")
    if row.from_user == actor.username:
        raise ValidationError("不能确认自己的交班")
    result = session.execute(
        update(ShiftHandover)
        .where(ShiftHandover.acknowledged_at.is_(None), ShiftHandover.at <= row.at)
        .values(to_user=actor.username, to_name=actor.display_name, acknowledged_at=now)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise ValidationError("这次交班已由他人确认接班")
    record_audit(
        session,
        actor,
        "shift.acknowledge",
        "shift_handover",
        handover_id,
        {"from": row.from_user, "handovers": int(result.rowcount)},  # type: ignore[attr-defined]
        now=now,
    )
    session.refresh(row)
    return _handover(row)


def handover_list(session: Session, limit: int = 50) -> list[Handover]:
    """The newest handovers first (CLI, audit)."""
    rows = session.scalars(
        select(ShiftHandover)
        .order_by(ShiftHandover.at.desc(), ShiftHandover.id.desc())
        .limit(limit)
    )
    return [_handover(row) for row in rows]

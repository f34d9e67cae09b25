"""The street's 联席会议: a meeting record (date, attending departments) and its decision on each
escalated case (the department assigned, a new deadline), after which the case continues in
the normal workflow: re-dispatched (改派, or 派遣 when it waits at the centre) to that
department with that deadline, the history saying so, and its 上报 closed.

All of a meeting is written in one transaction: one refused decision writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.cases.states import STATUS_LABELS, Action, Status
from db.cases.workflow import Request, apply_in, find_department, load_case, note_problem
from db.engine import Database
from db.errors import NotFound, ValidationError
from db.models import Case, CaseEscalation, Department, Meeting, MeetingDecision
from db.models.base import utcnow
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit

MAX_DECISIONS = 200


@dataclass(frozen=True)
class Decision:
    """What the meeting decided on one case."""

    number: str
    department: str
    due_at: datetime
    text: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    held_on: date
    departments: list[str]
    note: str
    recorded_at: datetime
    recorded_by: str
    decisions: list[Decision]


def _redispatch_action(status: Status, number: str) -> Action:
    if status in (Status.DISPATCHED, Status.ACCEPTED, Status.RETURNED):
        return Action.REDISPATCH
    if status is Status.REGISTERED:
        return Action.DISPATCH
    raise ValidationError(
        f"案件 {number} 为「{STATUS_LABELS[status]}」，不能按联席会议决定重新派遣"
    )


def add_meeting(
    db: Database,
    held_on: date,
    departments: Sequence[str],
    decisions: Sequence[Decision],
    actor: Actor,
    *,
    note: str = "",
    now: datetime | None = None,
) -> MeetingRecord:
    """Record a 联席会议 and carry out its decisions (see the module's doc)."""
    actor.require("case.redispatch", "记录联席会议")
    now = now or utcnow()
    if not departments:
        raise ValidationError("联席会议需要列出参会部门")
    if not decisions:
        raise ValidationError("联席会议需要至少一项案件决定")
    if len(decisions) > MAX_DECISIONS:
        raise ValidationError(f"一次联席会议最多记录 {MAX_DECISIONS} 项决定")
    problem = note_problem(note, "会议纪要")
    if problem is not None:
        raise ValidationError(problem)
    numbers = [d.number.strip() for d in decisions]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise ValidationError(f"案件 {repeated[0]} 在决定中出现了两次")
    with db.write() as session:
        tz = load_settings(session).tz
        if held_on > now.astimezone(tz).date():
            raise ValidationError(f"会议日期 {held_on:%Y-%m-%d} 晚于今天")
        attending = [find_department(session, name).name for name in departments]
        attending = list(dict.fromkeys(attending))
        meeting = Meeting(
            held_on=held_on,
            departments=attending,
            note=note.strip(),
            recorded_at=now,
            recorded_by=actor.label,
        )
        session.add(meeting)
        session.flush()
        for decision in decisions:
            _carry_out(session, meeting, decision, actor, now)
        record_audit(
            session,
            actor,
            "meeting.add",
            "meeting",
            meeting.id,
            {"held_on": held_on.isoformat(), "departments": attending, "cases": numbers},
            now=now,
        )
        return _record(session, meeting)


def _carry_out(
    session: Session, meeting: Meeting, decision: Decision, actor: Actor, now: datetime
) -> None:
    case = load_case(session, decision.number)
    escalation = session.scalar(
        select(CaseEscalation).where(
            CaseEscalation.case_id == case.id,
            CaseEscalation.target == "meeting",
            CaseEscalation.resolved_at.is_(None),
        )
    )
    if escalation is None:
        raise ValidationError(f"案件 {case.number} 没有上报联席会议，不能在会上决定")
    problem = note_problem(decision.text, "会议决定")
    if problem is not None:
        raise ValidationError(problem)
    dept = find_department(session, decision.department)
    action = _redispatch_action(Status(case.status), case.number)
    tz = load_settings(session).tz
    reason = (
        f"联席会议（{meeting.held_on:%Y-%m-%d}）决定：由{dept.name}办理，"
        f"期限 {decision.due_at.astimezone(tz):%Y-%m-%d %H:%M}"
    )
    if decision.text.strip():
        reason += f"。{decision.text.strip()}"
    details = {"meeting_id": meeting.id, "escalation_id": escalation.id}
    apply_in(
        session,
        case.number,
        action,
        Request(department=dept.name, reason=reason, until=decision.due_at, details=details),
        actor,
        now,
    )
    escalation.meeting_id = meeting.id
    escalation.resolved_at = now
    session.add(
        MeetingDecision(
            meeting_id=meeting.id,
            case_id=case.id,
            escalation_id=escalation.id,
            department_id=dept.id,
            due_at=decision.due_at,
            decision=decision.text.strip(),
        )
    )
    session.flush()


def _record(session: Session, meeting: Meeting) -> MeetingRecord:
    rows = session.execute(
        select(Case.number, Department.name, MeetingDecision.due_at, MeetingDecision.decision)
        .join(Case, Case.id == MeetingDecision.case_id)
        .join(Department, Department.id == MeetingDecision.department_id)
        .where(MeetingDecision.meeting_id == meeting.id)
        .order_by(MeetingDecision.id)
    ).all()
    return MeetingRecord(
        id=meeting.id,
        held_on=meeting.held_on,
        departments=list(meeting.departments or []),
        note=meeting.note,
        recorded_at=meeting.recorded_at,
        recorded_by=meeting.recorded_by,
        decisions=[Decision(n, d, due, text) for n, d, due, text in rows],
    )


def meeting_record(session: Session, meeting_id: int) -> MeetingRecord:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"联席会议 {meeting_id} 不存在")
    return _record(session, meeting)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    departments: list[str]
    cases: int
    recorded_by: str


def list_meetings(session: Session, limit: int = 200) -> list[MeetingRow]:
    counts = (
        select(MeetingDecision.meeting_id, func.count().label("n"))
        .group_by(MeetingDecision.meeting_id)
        .subquery()
    )
    rows = session.execute(
        select(Meeting, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(limit)
    ).all()
    return [
        MeetingRow(m.id, m.held_on, list(m.departments or []), int(n), m.recorded_by)
        for m, n in rows
    ]

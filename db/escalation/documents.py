"""督办单 and 上报: issuing an urge (a person's or the system's), the department's 督办回复,
and escalating a case to the district platform or the street's 联席会议.

An urge is the workflow's 督办 action (`db.cases.workflow.apply_in`: status kept, `urge_count`
+1, history, change feed, audit) plus its document in `case_urges`, in one transaction. A reply
and a 上报 are history events that change no status. Every refusal is one sentence and writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.cases.history_chain import add_events
from db.cases.states import (
    ESCALATE_EVENT,
    STATUS_LABELS,
    URGE_REPLY_EVENT,
    Action,
    Status,
)
from db.cases.workflow import (
    BatchOutcome,
    Request,
    TransitionResult,
    apply,
    apply_in,
    load_case,
    note_problem,
)
from db.clock import TimeBasis
from db.engine import Database
from db.errors import NotFound, PermissionDenied, UserError, ValidationError
from db.escalation.rules import (
    LEVEL_LABELS,
    STREET_LEVEL,
    TARGET_LABELS,
    Rule,
    parse_level,
    parse_target,
    rule_book,
)
from db.feed.change_log import record_changes
from db.models import Case, CaseEscalation, CaseUrge, Department
from db.models.base import utcnow
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM, Actor
from db.security.audit import record_audit

DEFAULT_ESCALATION_DAYS = 5


@dataclass(frozen=True)
class UrgeDoc:
    """One 督办单 as the desk, the inbox and the CLI show it."""

    id: int
    number: str
    department: str
    level: str  # street | district
    requirement: str
    reply_by: datetime
    issued_at: datetime
    issued_by: str
    by_system: bool
    reply_text: str | None
    replied_at: datetime | None
    replied_by: str | None
    on_behalf: bool
    escalated_at: datetime | None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    def overdue(self, now: datetime) -> bool:
        """The reply is late (not replied by its deadline)."""
        return self.replied_at is None and now > self.reply_by


def _history(
    session: Session,
    case: Case,
    action: str,
    note: str,
    actor: Actor,
    now: datetime,
    details: dict[str, Any],
    department_id: int | None,
) -> None:
    """A history event that keeps the case's status (回复, 上报)."""
    add_events(
        session,
        [
            {
                "case_id": case.id,
                "at": now,
                "actor": actor.label,
                "action": action,
                "from_status": case.status,
                "to_status": case.status,
                "department_id": department_id,
                "note": note,
                "details": details or None,
            }
        ],
    )
    record_changes(session, [case.id])


def _text(text: str, label: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(f"{label}不能为空")
    problem = note_problem(cleaned, label)
    if problem is not None:
        raise ValidationError(problem)
    return cleaned


def _urge_doc(row: CaseUrge, number: str, department: str) -> UrgeDoc:
    return UrgeDoc(
        id=row.id,
        number=number,
        department=department,
        level=row.level,
        requirement=row.requirement,
        reply_by=row.reply_by,
        issued_at=row.issued_at,
        issued_by=row.issued_by,
        by_system=row.by_system,
        reply_text=row.reply_text,
        replied_at=row.replied_at,
        replied_by=row.replied_by,
        on_behalf=row.on_behalf,
        escalated_at=row.escalated_at,
    )


def _doc_statement() -> Any:
    return (
        select(CaseUrge, Case.number, Department.name)
        .join(Case, Case.id == CaseUrge.case_id)
        .join(Department, Department.id == CaseUrge.department_id)
    )


# --- 督办 ---------------------------------------------------------------------------------------


def issue_urge_in(
    session: Session,
    number: str,
    level: str,
    requirement: str,
    reply_by: datetime | None,
    actor: Actor,
    now: datetime | None = None,
    *,
    by_system: bool = False,
    expected_version: int | None = None,
) -> tuple[TransitionResult, UrgeDoc]:
    """督办 case `number`'s department with a 督办单, in the caller's transaction: the
    workflow's 督办 (status kept, urge_count +1, history) and the document. Without a reply
    deadline the case's rule gives it (its reply days, in working time, from now)."""
    now = now or utcnow()
    level = parse_level(level)
    requirement = _text(requirement, "督办要求")
    if reply_by is not None and (reply_by.tzinfo is None or reply_by <= now):
        raise ValidationError("督办回复期限应晚于现在")
    case = load_case(session, number)
    if reply_by is None:
        calendar = load_settings(session).calendar()
        rule = _rule_of(session, case)
        days = rule.reply_days if rule else 1
        reply_by = calendar.add(now, days * calendar.hours.minutes_per_day, TimeBasis.WORKING)
    if case.is_open and case.department_id is None:
        raise ValidationError(f"案件 {case.number} 尚未派遣到部门，不能督办")
    department_id = case.department_id
    details = {
        "level": level,
        "reply_by": reply_by.isoformat(),
        **({"system": True} if by_system else {}),
    }
    note = ("系统督办：" if by_system else "") + requirement
    request = Request(reason=note, details=details, expected_version=expected_version)
    # The workflow's 督办: refuses a closed case (one sentence), counts urge_count, history.
    result = apply_in(session, number, Action.URGE, request, actor, now)
    assert department_id is not None
    row = CaseUrge(
        case_id=case.id,
        department_id=department_id,
        level=level,
        requirement=requirement,
        reply_by=reply_by,
        issued_at=now,
        issued_by=actor.label,
        by_system=by_system,
        on_behalf=False,
    )
    session.add(row)
    session.flush()
    department = session.get_one(Department, department_id).name
    return result, _urge_doc(row, result.number, department)


def issue_urge(
    db: Database,
    number: str,
    level: str,
    requirement: str,
    reply_by: datetime | None,
    actor: Actor,
    now: datetime | None = None,
) -> UrgeDoc:
    """`issue_urge_in` in its own transaction."""
    with db.write() as session:
        return issue_urge_in(session, number, level, requirement, reply_by, actor, now)[1]


def apply_action(
    db: Database, number: str, action: Action | str, request: Request, actor: Actor
) -> TransitionResult:
    """The workflow's `apply`, except a 督办 that carries a reply deadline (`request.until`),
    a level (`request.details["level"]`) and the requirement (`request.reason`): that one
    issues a 督办单 (the desk's 督办 dialog)."""
    if Action(action) is Action.URGE and request.until is not None:
        level = str((request.details or {}).get("level", STREET_LEVEL))
        with db.write() as session:
            result, _doc = issue_urge_in(
                session,
                number,
                level,
                request.reason,
                request.until,
                actor,
                expected_version=request.expected_version,
            )
            return result
    return apply(db, number, action, request, actor)


def apply_action_many(
    db: Database,
    numbers: list[str],
    action: Action | str,
    request: Request,
    actor: Actor,
    versions: dict[str, int] | None = None,
) -> BatchOutcome:
    """`apply_action` on each case in its own transaction (like `apply_many`)."""
    done: list[TransitionResult] = []
    failed: list[tuple[str, str]] = []
    for number in numbers:
        req = request
        if versions and number in versions:
            req = replace(request, expected_version=versions[number])
        try:
            done.append(apply_action(db, number, action, req, actor))
        except UserError as exc:
            failed.append((number, str(exc)))
    return BatchOutcome(done, failed)


def _actor_department(actor: Actor) -> int | None:
    """The department a department account is bound to (None for the centre's roles)."""
    value = getattr(actor, "department_id", None)
    return int(value) if value is not None else None


def reply_urge(
    db: Database,
    number: str,
    text: str,
    actor: Actor,
    *,
    department: str | None = None,
    now: datetime | None = None,
) -> UrgeDoc:
    """督办回复: the case's department answers its oldest unanswered 督办单. A department
    account answers for its own department only; the centre answers on a department's behalf
    (代录, marked as such). `department`, when given, must be the urged department."""
    actor.require("case.feedback", "回复督办")
    now = now or utcnow()
    text = _text(text, "督办回复")
    with db.write() as session:
        case = load_case(session, number)
        row = session.scalar(
            select(CaseUrge)
            .where(CaseUrge.case_id == case.id, CaseUrge.replied_at.is_(None))
            .order_by(CaseUrge.issued_at, CaseUrge.id)
            .limit(1)
        )
        if row is None:
            raise NotFound(f"案件 {case.number} 没有待回复的督办")
        urged = session.get_one(Department, row.department_id)
        own = _actor_department(actor)
        if own is not None and own != urged.id:
            raise PermissionDenied(f"督办单发给「{urged.name}」，本部门不能回复")
        if department is not None and department.strip() != urged.name:
            raise ValidationError(
                f"案件 {case.number} 的督办发给「{urged.name}」，「{department}」不能回复"
            )
        on_behalf = own is None
        session.execute(
            update(CaseUrge)
            .where(CaseUrge.id == row.id, CaseUrge.replied_at.is_(None))
            .values(reply_text=text, replied_at=now, replied_by=actor.label, on_behalf=on_behalf)
        )
        details = {"urge_id": row.id, "late": now > row.reply_by, "on_behalf": on_behalf}
        _history(session, case, URGE_REPLY_EVENT, text, actor, now, details, urged.id)
        record_audit(session, actor, "case.urge_reply", "case", case.number, details, now=now)
        session.refresh(row)
        return _urge_doc(row, case.number, urged.name)


def urges_of_case(session: Session, number: str) -> list[UrgeDoc]:
    case = load_case(session, number)
    rows = session.execute(
        _doc_statement().where(CaseUrge.case_id == case.id).order_by(CaseUrge.issued_at)
    ).all()
    return [_urge_doc(r, n, d) for r, n, d in rows]


def open_urges_for_department(session: Session, department_id: int) -> list[UrgeDoc]:
    """The department's 督办单 still waiting for its reply, on cases still open (the inbox's
    被督办 stage), the earliest reply deadline first."""
    rows = session.execute(
        _doc_statement()
        .where(
            CaseUrge.department_id == department_id,
            CaseUrge.replied_at.is_(None),
            Case.is_open.is_(True),
        )
        .order_by(CaseUrge.reply_by, CaseUrge.id)
    ).all()
    return [_urge_doc(r, n, d) for r, n, d in rows]


# --- 上报 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EscalationDoc:
    id: int
    number: str
    target: str
    reason: str
    escalated_at: datetime
    escalated_by: str
    by_system: bool
    due_at: datetime
    department: str | None
    meeting_id: int | None
    resolved_at: datetime | None
    case_status: str
    category: str
    description: str

    @property
    def target_label(self) -> str:
        return TARGET_LABELS.get(self.target, self.target)


def _rule_of(session: Session, case: Case) -> Rule | None:
    return rule_book(session).rule_for(case.category_id, case.urgent)


def escalate_in(
    session: Session,
    number: str,
    target: str,
    reason: str,
    actor: Actor,
    now: datetime | None = None,
    *,
    by_system: bool = False,
) -> EscalationDoc:
    """上报 case `number` to the district platform or the street's 联席会议, in the caller's
    transaction, with its own clock (the rule's working days)."""
    actor.require("case.urge", "上报案件")
    now = now or utcnow()
    target = parse_target(target)
    reason = _text(reason, "上报原因")
    case = load_case(session, number)
    status = Status(case.status)
    if not case.is_open or status is Status.REPORTED:
        raise ValidationError(f"案件 {case.number} 为「{STATUS_LABELS[status]}」，不能上报")
    pending = session.scalar(
        select(CaseEscalation.target).where(
            CaseEscalation.case_id == case.id, CaseEscalation.resolved_at.is_(None)
        )
    )
    if pending is not None:
        raise ValidationError(
            f"案件 {case.number} 已上报{TARGET_LABELS.get(pending, pending)}，尚未处理完"
        )
    settings = load_settings(session)
    calendar = settings.calendar()
    rule = _rule_of(session, case)
    days = rule.escalation_days if rule else DEFAULT_ESCALATION_DAYS
    due = calendar.add(now, days * calendar.hours.minutes_per_day, TimeBasis.WORKING)
    row = CaseEscalation(
        case_id=case.id,
        target=target,
        reason=reason,
        escalated_at=now,
        escalated_by=actor.label,
        by_system=by_system,
        due_at=due,
        department_id=case.department_id,
    )
    session.add(row)
    session.flush()
    details = {"to": target, "due": due.isoformat(), "escalation_id": row.id}
    if by_system:
        details["system"] = True
    note = f"{'系统' if by_system else ''}上报{TARGET_LABELS[target]}：{reason}"
    _history(session, case, ESCALATE_EVENT, note, actor, now, details, case.department_id)
    record_audit(session, actor, "case.escalate", "case", case.number, details, now=now)
    return _escalation_doc(session, row)


def escalate(
    db: Database,
    number: str,
    target: str,
    reason: str,
    actor: Actor,
    now: datetime | None = None,
) -> EscalationDoc:
    """`escalate_in` in its own transaction (a dispatcher's 上报)."""
    with db.write() as session:
        return escalate_in(session, number, target, reason, actor, now)


def _escalation_doc(session: Session, row: CaseEscalation) -> EscalationDoc:
    case = session.get_one(Case, row.case_id)
    dept = session.get(Department, row.department_id) if row.department_id else None
    return EscalationDoc(
        id=row.id,
        number=case.number,
        target=row.target,
        reason=row.reason,
        escalated_at=row.escalated_at,
        escalated_by=row.escalated_by,
        by_system=row.by_system,
        due_at=row.due_at,
        department=dept.name if dept else None,
        meeting_id=row.meeting_id,
        resolved_at=row.resolved_at,
        case_status=case.status,
        category=case.category.name,
        description=" ".join(case.description.split())[:60],
    )


def awaiting_meeting(session: Session) -> list[EscalationDoc]:
    """Cases 上报 to the 联席会议 and not yet decided on, the earliest first."""
    rows = session.scalars(
        select(CaseEscalation)
        .join(Case, Case.id == CaseEscalation.case_id)
        .where(
            CaseEscalation.target == "meeting",
            CaseEscalation.resolved_at.is_(None),
            Case.is_open.is_(True),
        )
        .order_by(CaseEscalation.escalated_at, CaseEscalation.id)
    ).all()
    return [_escalation_doc(session, r) for r in rows]


def escalations_of_case(session: Session, number: str) -> list[EscalationDoc]:
    case = load_case(session, number)
    rows = session.scalars(
        select(CaseEscalation)
        .where(CaseEscalation.case_id == case.id)
        .order_by(CaseEscalation.escalated_at)
    ).all()
    return [_escalation_doc(session, r) for r in rows]


def system_urge(
    session: Session, number: str, rule: Rule, now: datetime, deadline: datetime
) -> UrgeDoc:
    """系统督办 at the deadline: street level, the rule's reply days from now."""
    calendar = load_settings(session).calendar()
    minutes = rule.reply_days * calendar.hours.minutes_per_day
    reply_by = calendar.add(now, minutes, TimeBasis.WORKING)
    local = deadline.astimezone(calendar.tz)
    requirement = f"已到处置期限（{local:%Y-%m-%d %H:%M}），请立即办理并回复办理情况"
    return issue_urge_in(
        session, number, STREET_LEVEL, requirement, reply_by, SYSTEM, now, by_system=True
    )[1]

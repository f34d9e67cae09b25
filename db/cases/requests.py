"""A department's requests to the centre: 申请延期 and 申请协办.

申请延期: a department account asks for a later deadline on a case of its department that is
waiting for 受理 or being handled, either a date or a number of extra working days, with a
reason. A 值班长 (who holds `case.extend`) approves it, which is the case's 延期 (the workflow's
EXTEND action, its history entry naming the request), or refuses it with a reason. One request
per case may be pending at a time. The department sees the outcome in its inbox.

申请协办: a department asks the centre to bring in other departments, naming them, with a reason.
It is recorded for the centre, which decides (co-dispatch is built elsewhere).

Every write is audited and touches the change log, so the desk and the inbox reload live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from db.cases.states import ALLOWED_FROM, Action, Status
from db.cases.workflow import Request, apply_in, load_case, note_problem
from db.clock import TimeBasis
from db.engine import Database
from db.errors import NotFound, StaleCase, ValidationError
from db.feed.change_log import record_changes
from db.models import Case, CohandlingRequest, Department, ExtensionRequest
from db.models.base import utcnow
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit

MAX_EXTRA_DAYS = 60  # more than a quarter of working time is not an extension but a new case

APPROVED = "approved"
REFUSED = "refused"
DECISION_LABELS = {APPROVED: "已批准", REFUSED: "未批准", None: "待审批"}


@dataclass(frozen=True)
class ExtensionInfo:
    """One 申请延期 as the desk's panel, the inbox and `case extension-list` show it."""

    id: int
    number: str
    department: str
    until: datetime | None
    extra_days: int | None
    reason: str
    requested_by: str
    requested_at: datetime
    due_at: datetime | None  # the case's deadline now
    decision: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(self.decision, "待审批")

    @property
    def asked(self) -> str:
        """What was asked for, in words: 延长 3 个工作日 / 延至 <date> (local time by the caller)."""
        if self.extra_days is not None:
            return f"延长 {self.extra_days} 个工作日"
        return "延至指定时间"


def _reason(text: str, label: str) -> str:
    reason = text.strip()
    if not reason:
        raise ValidationError(f"{label}需要填写原因")
    problem = note_problem(reason, "原因")
    if problem is not None:
        raise ValidationError(problem)
    return reason


def request_extension(
    session: Session,
    actor: Actor,
    number: str,
    *,
    reason: str,
    extra_days: int | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
) -> ExtensionInfo:
    """申请延期 for case `number` in the caller's transaction."""
    actor.require("case.extension_request", "申请延期")
    now = now or utcnow()
    if (extra_days is None) == (until is None):
        raise ValidationError("申请延期需要给出延长的工作日数或新的期限（二选一）")
    if extra_days is not None and not 1 <= extra_days <= MAX_EXTRA_DAYS:
        raise ValidationError(f"延长的工作日数应在 1 到 {MAX_EXTRA_DAYS} 之间")
    reason = _reason(reason, "申请延期")
    case = load_case(session, number)
    actor.require_department(case.department_id, "申请延期")
    status = Status(case.status)
    if status not in ALLOWED_FROM[Action.EXTEND] or case.department_id is None:
        raise ValidationError(f"案件 {case.number} 不在待受理或处置中，不能申请延期")
    if until is not None:
        if until.tzinfo is None:
            raise ValidationError("新的期限需要带时区")
        if until <= now or (case.due_at is not None and until <= case.due_at):
            raise ValidationError("新的期限应晚于当前期限")
    pending = session.scalar(
        select(func.count())
        .select_from(ExtensionRequest)
        .where(ExtensionRequest.case_id == case.id, ExtensionRequest.decision.is_(None))
    )
    if pending:
        raise ValidationError(f"案件 {case.number} 已有一份待审批的延期申请")
    row = ExtensionRequest(
        case_id=case.id,
        department_id=case.department_id,
        until=until,
        extra_days=extra_days,
        reason=reason,
        requested_by=actor.label,
        requested_at=now,
        decision_reason="",
    )
    session.add(row)
    session.flush()
    record_changes(session, [case.id])
    record_audit(
        session,
        actor,
        "case.extension_request",
        "case",
        case.number,
        {
            "request": row.id,
            "extra_days": extra_days,
            "until": until.isoformat() if until else None,
            "reason": reason,
        },
        now=now,
    )
    return _info_of(session, row.id)


def decide_extension(
    db: Database,
    actor: Actor,
    request_id: int,
    *,
    approve: bool,
    reason: str,
    now: datetime | None = None,
) -> ExtensionInfo:
    """A 值班长 approves (the case's 延期, its history naming the request) or refuses (reason
    required) a pending 申请延期, in one transaction."""
    actor.require("case.extend", "审批延期申请")
    now = now or utcnow()
    with db.write() as session:
        row = session.get(ExtensionRequest, request_id)
        if row is None:
            raise NotFound(f"延期申请 {request_id} 不存在")
        if row.decision is not None:
            raise ValidationError(
                f"延期申请 {request_id} {DECISION_LABELS[row.decision]}，不能再次审批"
            )
        text = reason.strip()
        if not approve:
            text = _reason(text, "不批准延期")
        elif text:
            problem = note_problem(text, "原因")
            if problem is not None:
                raise ValidationError(problem)
        case = session.get_one(Case, row.case_id)
        if approve:
            if case.department_id != row.department_id:
                raise ValidationError(f"案件 {case.number} 已不在申请的部门，不能批准此延期")
            until = row.until
            if until is None:
                settings = load_settings(session)
                calendar = settings.calendar()
                base = max(case.due_at or now, now)
                minutes = (row.extra_days or 0) * calendar.hours.minutes_per_day
                until = calendar.add(base, minutes, TimeBasis.WORKING)
            apply_in(
                session,
                case.number,
                Action.EXTEND,
                Request(
                    until=until,
                    reason=text or f"批准部门延期申请：{row.reason}",
                    link={"extension_request": row.id},
                ),
                actor,
                now,
            )
        changed = session.execute(
            update(ExtensionRequest)
            .where(ExtensionRequest.id == row.id, ExtensionRequest.decision.is_(None))
            .values(
                decision=APPROVED if approve else REFUSED,
                decided_by=actor.label,
                decided_at=now,
                decision_reason=text,
            )
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleCase(case.number, "延期申请已审批", "审批延期申请")
        if not approve:
            record_changes(session, [case.id])
            record_audit(
                session,
                actor,
                "case.extension_refuse",
                "case",
                case.number,
                {"request": row.id, "reason": text},
                now=now,
            )
        session.expire(row)
        return _info_of(session, row.id)


def _query() -> Select[ExtensionRequest, str, datetime | None, str]:
    return (
        select(ExtensionRequest, Case.number, Case.due_at, Department.name)
        .join(Case, Case.id == ExtensionRequest.case_id)
        .join(Department, Department.id == ExtensionRequest.department_id)
    )


def _info(row: ExtensionRequest, number: str, due_at: datetime | None, dept: str) -> ExtensionInfo:
    return ExtensionInfo(
        id=row.id,
        number=number,
        department=dept,
        until=row.until,
        extra_days=row.extra_days,
        reason=row.reason,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        due_at=due_at,
        decision=row.decision,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision_reason=row.decision_reason,
    )


def _info_of(session: Session, request_id: int) -> ExtensionInfo:
    row, number, due_at, dept = session.execute(
        _query().where(ExtensionRequest.id == request_id)
    ).one()
    return _info(row, number, due_at, dept)


def pending_extensions(session: Session, actor: Actor, limit: int = 200) -> list[ExtensionInfo]:
    """The 申请延期 waiting for a 值班长, oldest first (for whoever may decide them)."""
    actor.require("case.extend", "审批延期申请")
    rows = session.execute(
        _query()
        .where(ExtensionRequest.decision.is_(None))
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
        .limit(limit)
    )
    return [_info(*row) for row in rows]


def department_extensions(session: Session, actor: Actor, limit: int = 50) -> list[ExtensionInfo]:
    """A department account's own 申请延期, newest first, with their outcome."""
    actor.require("case.extension_request", "查看延期申请")
    rows = session.execute(
        _query()
        .where(ExtensionRequest.department_id == actor.department_id)
        .order_by(ExtensionRequest.requested_at.desc(), ExtensionRequest.id.desc())
        .limit(limit)
    )
    return [_info(*row) for row in rows]


def request_cohandling(
    session: Session,
    actor: Actor,
    number: str,
    departments: list[str],
    reason: str,
    now: datetime | None = None,
) -> int:
    """申请协办: record the departments asked for and the reason; the centre decides."""
    actor.require("case.cohandle_request", "申请协办")
    now = now or utcnow()
    reason = _reason(reason, "申请协办")
    case = load_case(session, number)
    actor.require_department(case.department_id, "申请协办")
    if Status(case.status) not in (Status.DISPATCHED, Status.ACCEPTED):
        raise ValidationError(f"案件 {case.number} 不在待受理或处置中，不能申请协办")
    names: list[str] = []
    for name in departments:
        dept = session.scalar(select(Department).where(Department.name == name.strip()))
        if dept is None or not dept.active:
            raise ValidationError(f"部门「{name.strip()}」不存在或已停用")
        if dept.id == case.department_id:
            raise ValidationError("协办部门不能是本部门")
        if dept.name not in names:
            names.append(dept.name)
    if not names:
        raise ValidationError("申请协办需要指定至少一个协办部门")
    assert case.department_id is not None
    row = CohandlingRequest(
        case_id=case.id,
        department_id=case.department_id,
        departments=names,
        reason=reason,
        requested_by=actor.label,
        requested_at=now,
        decision_reason="",
    )
    session.add(row)
    session.flush()
    record_changes(session, [case.id])
    record_audit(
        session,
        actor,
        "case.cohandle_request",
        "case",
        case.number,
        {"request": row.id, "departments": names, "reason": reason},
        now=now,
    )
    return row.id


@dataclass(frozen=True)
class CohandlingInfo:
    """One 申请协办 as the centre lists it."""

    id: int
    number: str
    department: str
    departments: list[str]
    reason: str
    requested_by: str
    requested_at: datetime
    decision: str | None


def pending_cohandling(session: Session, actor: Actor, limit: int = 200) -> list[CohandlingInfo]:
    """The 申请协办 the centre has not decided yet, oldest first (for who may dispatch)."""
    actor.require("case.dispatch", "查看协办申请")
    rows = session.execute(
        select(CohandlingRequest, Case.number, Department.name)
        .join(Case, Case.id == CohandlingRequest.case_id)
        .join(Department, Department.id == CohandlingRequest.department_id)
        .where(CohandlingRequest.decision.is_(None))
        .order_by(CohandlingRequest.requested_at, CohandlingRequest.id)
        .limit(limit)
    )
    return [
        CohandlingInfo(
            id=row.id,
            number=number,
            department=dept,
            departments=[str(d) for d in row.departments],
            reason=row.reason,
            requested_by=row.requested_by,
            requested_at=row.requested_at,
            decision=row.decision,
        )
        for row, number, dept in rows
    ]

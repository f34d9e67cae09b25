"""The case workflow service (案件流转): every transition after the report.

Each transition reads the case, checks the action against its state, then writes with a
compare-and-set UPDATE (id, status and version in the WHERE clause; exactly one row must
change) together with its history event and change-log row, in one transaction. A case that
changed underneath raises `StaleCase`; an action the state does not allow raises
`IllegalTransition`. Nothing is written in either case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from db.cases.states import (
    ACTION_LABELS,
    ALLOWED_FROM,
    GROUP_OF,
    OPEN_STATUSES,
    REASON_REQUIRED,
    STATUS_LABELS,
    Action,
    Satisfaction,
    Status,
    parse_satisfaction,
)
from db.clock import TimeBasis
from db.engine import Database
from db.errors import IllegalTransition, NotFound, StaleCase, ValidationError
from db.feed.change_log import record_changes
from db.models import Case, CaseEvent, Category, Department
from db.models.base import utcnow
from db.reference.settings_store import CenterSettings, load_settings
from db.security.actors import SYSTEM, Actor
from db.security.audit import record_audit


@dataclass(frozen=True)
class TransitionResult:
    number: str
    action: Action
    from_status: Status
    to_status: Status
    version: int
    due_at: datetime | None
    department: str | None


@dataclass(frozen=True)
class Request:
    """What an action needs besides the case: filled from a dialog or CLI flags."""

    department: str | None = None
    reason: str = ""
    until: datetime | None = None
    satisfaction: str | None = None
    solved: bool | None = None
    into: str | None = None
    expected_version: int | None = None


def load_case(session: Session, number: str) -> Case:
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFound(f"案件 {number} 不存在")
    return case


def find_department(session: Session, name: str) -> Department:
    dept = session.scalar(select(Department).where(Department.name == name.strip()))
    if dept is None:
        names = session.scalars(
            select(Department.name).where(Department.active).order_by(Department.sort_order)
        ).all()
        hint = "、".join(names[:20])
        raise NotFound(f"部门「{name}」不存在" + (f"，可选：{hint}" if hint else ""))
    if not dept.active:
        raise ValidationError(f"部门「{dept.name}」已停用，不能派遣")
    return dept


class _Plan:
    """The column changes and history details one transition will write."""

    def __init__(self, case: Case, settings: CenterSettings, now: datetime) -> None:
        self.case, self.settings, self.now = case, settings, now
        self.values: dict[str, Any] = {}
        self.details: dict[str, Any] = {}
        self.department_id: int | None = case.department_id
        self.extra_changed: list[int] = []

    @property
    def category(self) -> Category:
        return self.case.category

    @property
    def basis(self) -> TimeBasis:
        return TimeBasis(self.category.basis)

    def start_stage(self, minutes: int, due_field: str) -> datetime:
        due, warn = self.settings.calendar().deadline(
            self.now, minutes, self.basis, self.settings.warn_share
        )
        self.values.update(
            {due_field: due, "stage_started_at": self.now, "due_at": due, "warn_at": warn}
        )
        return due

    def stop_clock(self) -> None:
        self.values.update({"due_at": None, "warn_at": None, "stage_started_at": None})

    def note_overdue(self) -> None:
        """Mark the case overdue (超期) if the running stage ended after its deadline."""
        due = self.case.due_at
        if due is not None and self.now > due:
            self.values["ever_overdue"] = True
            self.details["overdue_minutes"] = self.settings.calendar().elapsed(
                due, self.now, self.basis
            )


def _plan(
    session: Session, case: Case, action: Action, req: Request, plan: _Plan, actor: Actor
) -> Status:
    """Fill `plan` for `action`; returns the new status."""
    status = Status(case.status)
    cat = plan.category
    now = plan.now
    if action is Action.REGISTER:
        plan.values["registered_at"] = now
        return Status.REGISTERED
    if action is Action.REJECT:
        plan.note_overdue()
        plan.values["closed_at"] = now
        plan.stop_clock()
        return Status.REJECTED
    if action is Action.SELF_RESOLVE:
        plan.note_overdue()
        plan.values["closed_at"] = now
        plan.stop_clock()
        return Status.SELF_RESOLVED
    if action in (Action.DISPATCH, Action.REDISPATCH):
        if req.department:
            dept = find_department(session, req.department)
        elif action is Action.DISPATCH and cat.default_department_id is not None:
            dept = session.get_one(Department, cat.default_department_id)
        else:
            raise ValidationError(f"「{ACTION_LABELS[action]}」需要指定部门")
        if (
            action is Action.REDISPATCH
            and dept.id == case.department_id
            and status is not Status.RETURNED
        ):
            raise ValidationError(f"案件 {case.number} 已在「{dept.name}」，改派需选择其他部门")
        if status in (Status.REGISTERED, Status.RETURNED):
            plan.note_overdue()  # the register+dispatch stage ends here
        plan.department_id = dept.id
        plan.values["department_id"] = dept.id
        plan.values["dispatched_at"] = now
        plan.values["accepted_at"] = None
        if case.registered_at is None:
            plan.values["registered_at"] = now
        plan.start_stage(cat.handle_minutes, "handle_due")
        plan.details["department"] = dept.name
        if case.department_id is not None and case.department_id != dept.id:
            previous = session.get(Department, case.department_id)
            plan.details["previous_department"] = previous.name if previous else None
        return Status.DISPATCHED
    if action is Action.ACCEPT:
        plan.values["accepted_at"] = now
        return Status.ACCEPTED
    if action is Action.RETURN:
        plan.values["return_count"] = case.return_count + 1
        plan.start_stage(cat.dispatch_minutes, "dispatch_due")
        return Status.RETURNED
    if action is Action.FEEDBACK:
        plan.note_overdue()
        plan.values["feedback_at"] = now
        plan.start_stage(cat.verify_minutes, "verify_due")
        return Status.FEEDBACK
    if action is Action.VERIFY:
        plan.note_overdue()
        plan.values["closed_at"] = now
        plan.stop_clock()
        return Status.CLOSED
    if action is Action.REWORK:
        plan.values["rework_count"] = case.rework_count + 1
        plan.values["feedback_at"] = None
        plan.start_stage(cat.handle_minutes, "handle_due")
        return Status.ACCEPTED
    if action is Action.EXTEND:
        until = req.until
        if until is None or until.tzinfo is None:
            raise ValidationError("延期需要给出新的处置期限（带时区的日期时间）")
        current = case.due_at or now
        if until <= current or until <= now:
            raise ValidationError(
                f"新的期限 {until.astimezone(plan.settings.tz):%Y-%m-%d %H:%M} 应晚于当前期限"
            )
        cal = plan.settings.calendar()
        start = case.stage_started_at or now
        span = max(cal.elapsed(start, until, plan.basis), 0)
        warn = cal.add(start, round(span * plan.settings.warn_share), plan.basis)
        plan.values.update(
            {
                "handle_due": until,
                "due_at": until,
                "warn_at": warn,
                "extension_count": case.extension_count + 1,
            }
        )
        plan.details["previous_due"] = current.isoformat()
        plan.details["until"] = until.isoformat()
        return status
    if action is Action.SUSPEND:
        cal = plan.settings.calendar()
        if case.due_at is not None:
            remaining = cal.elapsed(now, case.due_at, plan.basis)
            if remaining < 0:
                plan.values["ever_overdue"] = True
            plan.values["remaining_minutes"] = remaining
        plan.values["suspended_at"] = now
        plan.values["suspended_from"] = status.value
        plan.stop_clock()
        return Status.SUSPENDED
    if action is Action.RESUME:
        back = Status(case.suspended_from or Status.ACCEPTED.value)
        cal = plan.settings.calendar()
        remaining = max(case.remaining_minutes or 0, 0)
        full = cat.dispatch_minutes if back is Status.REGISTERED else cat.handle_minutes
        due = cal.add(now, remaining, plan.basis)
        warn = cal.add(
            now, max(remaining - round(full * (1 - plan.settings.warn_share)), 0), plan.basis
        )
        due_field = "dispatch_due" if back is Status.REGISTERED else "handle_due"
        plan.values.update(
            {
                due_field: due,
                "due_at": due,
                "warn_at": warn,
                "stage_started_at": now,
                "suspended_at": None,
                "suspended_from": None,
                "remaining_minutes": None,
            }
        )
        plan.details["suspended_minutes"] = cal.elapsed(
            case.suspended_at or now, now, TimeBasis.NATURAL
        )
        return back
    if action is Action.URGE:
        plan.values["urge_count"] = case.urge_count + 1
        return status
    if action is Action.CALLBACK:
        if not req.satisfaction:
            raise ValidationError("回访需要给出满意度（满意 / 基本满意 / 不满意 / 未联系上）")
        level = parse_satisfaction(req.satisfaction)
        contacted = level is not Satisfaction.UNREACHABLE
        solved = (
            req.solved
            if req.solved is not None
            else level in (Satisfaction.SATISFIED, Satisfaction.BASIC)
        )
        plan.values.update(
            {
                "satisfaction": level.value,
                "callback_at": now,
                "callback_contacted": contacted,
                "callback_solved": solved if contacted else None,
            }
        )
        plan.details["satisfaction"] = level.value
        return status
    if action is Action.MERGE:
        if not req.into:
            raise ValidationError("合并需要给出主案件编号（--into）")
        target = load_case(session, req.into)
        if target.id == case.id:
            raise ValidationError(f"案件 {case.number} 不能合并到自身")
        if Status(target.status) in (Status.MERGED, Status.REJECTED):
            raise ValidationError(
                f"主案件 {target.number} 状态为「{STATUS_LABELS[Status(target.status)]}」，不能作为合并目标"
            )
        plan.values["merged_into_id"] = target.id
        plan.values["closed_at"] = now
        plan.stop_clock()
        plan.details["into"] = target.number
        plan.extra_changed.append(target.id)
        return Status.MERGED
    if action is Action.RECALL:
        plan.values.update({"department_id": None, "dispatched_at": None, "handle_due": None})
        plan.department_id = None
        back = Status.RETURNED if case.return_count > 0 else Status.REGISTERED
        if case.dispatch_due is not None:
            # The dispatch stage runs again from where it began: the report, or the last 退单.
            started = case.reported_at
            if back is Status.RETURNED:
                returned_at = session.scalar(
                    select(func.max(CaseEvent.at)).where(
                        CaseEvent.case_id == case.id, CaseEvent.action == Action.RETURN.value
                    )
                )
                started = returned_at or started
            plan.values.update({"due_at": case.dispatch_due, "stage_started_at": started})
            cal = plan.settings.calendar()
            plan.values["warn_at"] = cal.add(
                started, round(cat.dispatch_minutes * plan.settings.warn_share), plan.basis
            )
        return back
    raise IllegalTransition(case.number, STATUS_LABELS[status], ACTION_LABELS[action])


def apply_in(
    session: Session,
    number: str,
    action: Action,
    request: Request = Request(),
    actor: Actor = SYSTEM,
    now: datetime | None = None,
) -> TransitionResult:
    """Apply `action` to case `number` inside the caller's transaction."""
    action = Action(action)
    label = ACTION_LABELS[action]
    actor.require(f"case.{action.value}", f"执行「{label}」")
    now = now or utcnow()
    case = load_case(session, number)
    status = Status(case.status)
    if request.expected_version is not None and case.version != request.expected_version:
        raise StaleCase(case.number, STATUS_LABELS[status], label)
    if action is Action.REPORT or status not in ALLOWED_FROM.get(action, frozenset()):
        raise IllegalTransition(case.number, STATUS_LABELS[status], label)
    reason = request.reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ValidationError(f"「{label}」需要填写原因")
    plan = _Plan(case, load_settings(session), now)
    new_status = _plan(session, case, action, request, plan, actor)
    values = dict(plan.values)
    values.update(
        status=new_status.value,
        status_group=GROUP_OF[new_status].value,
        is_open=new_status in OPEN_STATUSES,
        updated_at=now,
        version=case.version + 1,
    )
    result = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.version == case.version, Case.status == status.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # Lost a race: another writer committed first. Read what it left (a new statement
        # sees the committed row under READ COMMITTED) to name the state in the message.
        fresh = session.scalars(
            select(Case).where(Case.id == case.id).execution_options(populate_existing=True)
        ).one()
        raise StaleCase(fresh.number, STATUS_LABELS[Status(fresh.status)], label)
    session.execute(
        insert(CaseEvent),
        [
            {
                "case_id": case.id,
                "at": now,
                "actor": actor.label,
                "action": action.value,
                "from_status": status.value,
                "to_status": new_status.value,
                "department_id": plan.department_id,
                "note": reason,
                "details": plan.details or None,
            }
        ],
    )
    record_changes(session, [case.id, *plan.extra_changed])
    record_audit(
        session,
        actor,
        f"case.{action.value}",
        "case",
        case.number,
        {"from": status.value, "to": new_status.value, "reason": reason or None, **plan.details},
        now=now,
    )
    due_at = values.get("due_at", case.due_at)
    session.expire(case)
    dept_name = None
    if plan.department_id is not None:
        dept = session.get(Department, plan.department_id)
        dept_name = dept.name if dept else None
    return TransitionResult(
        number=case.number,
        action=action,
        from_status=status,
        to_status=new_status,
        version=int(values["version"]),
        due_at=due_at,
        department=dept_name,
    )


def apply(
    db: Database,
    number: str,
    action: Action | str,
    request: Request = Request(),
    actor: Actor = SYSTEM,
    now: datetime | None = None,
) -> TransitionResult:
    """Apply one action to one case in its own transaction."""
    with db.write() as session:
        return apply_in(session, number, Action(action), request, actor, now)


@dataclass(frozen=True)
class BatchOutcome:
    """Result of acting on several cases (a multi-row drop): who succeeded, who failed why."""

    done: list[TransitionResult]
    failed: list[tuple[str, str]]


def apply_many(
    db: Database,
    numbers: list[str],
    action: Action | str,
    request: Request = Request(),
    actor: Actor = SYSTEM,
    versions: dict[str, int] | None = None,
) -> BatchOutcome:
    """Apply `action` to each case in its own transaction: one lost race fails only that case."""
    from db.errors import UserError

    done: list[TransitionResult] = []
    failed: list[tuple[str, str]] = []
    for number in numbers:
        req = request
        if versions and number in versions:
            req = Request(**{**request.__dict__, "expected_version": versions[number]})
        try:
            done.append(apply(db, number, action, req, actor))
        except UserError as exc:
            failed.append((number, str(exc)))
    return BatchOutcome(done, failed)

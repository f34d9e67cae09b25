"""Joint handling (主办 + 协办, 吹哨报到): what the centre and the co-departments do on a case.

The lead department (主办) follows the case's own workflow (db.cases.workflow); each
co-department (协办) has its own track: 协办派遣 → 协办受理 → 协办反馈, or 协办退回 (reason), or
解除协办 by the centre (reason). Every step writes a history event naming the department,
bumps the case's version with a compare-and-set (so a desk holding an older version is refused
and every workstation's change feed hears of it) and is audited, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.cases import co_tracks
from db.cases.co_tracks import CO_STATE_LABELS, CoState, CoTrack
from db.cases.history_chain import add_events
from db.cases.intake import Photo
from db.cases.states import CO_EVENT_LABELS, STATUS_LABELS, Action, Status
from db.cases.workflow import (
    BatchOutcome,
    Request,
    TransitionResult,
    apply_in,
    check_photos,
    find_department,
    load_case,
    note_problem,
    stage_clock,
)
from db.engine import Database
from db.errors import (
    IllegalTransition,
    PermissionDenied,
    StaleCase,
    UserError,
    ValidationError,
)
from db.feed.change_log import record_changes
from db.models import Attachment, Case, CaseDepartment, Department
from db.models.base import utcnow
from db.models.cases import PROXY_DETAIL
from db.reference.settings_store import load_settings
from db.security.actors import ROLE_LABELS, SYSTEM, Actor
from db.security.audit import record_audit

__all__ = [
    "CO_STATE_LABELS",
    "CoState",
    "CoTrack",
    "add_co_department",
    "case_tracks",
    "co_accept",
    "co_add",
    "co_feedback",
    "co_release",
    "co_return",
]

# The case states in which co-departments can be added and can act: the case is with the
# departments (or, after the lead's 退单, waiting for the centre while the others work on).
CO_CASE_STATES = frozenset({Status.DISPATCHED, Status.ACCEPTED, Status.RETURNED})

# Permission of each step: the centre adds (派遣) and releases (like 改派); a track's own steps
# need what the lead's same step needs.
_PERMISSION = {
    "co-dispatch": "case.dispatch",
    "co-accept": "case.accept",
    "co-return": "case.return",
    "co-feedback": "case.feedback",
    "co-release": "case.redispatch",
}
# A co-department's own steps: a centre desk taking one for it records 代录 (PROXY_DETAIL), like
# the lead's 受理、退单、反馈.
CO_DEPARTMENT_STEPS = frozenset({"co-accept", "co-return", "co-feedback"})
# From which track states each step may be taken.
_ALLOWED: dict[str, frozenset[CoState]] = {
    "co-accept": frozenset({CoState.DISPATCHED}),
    "co-return": frozenset({CoState.DISPATCHED, CoState.ACCEPTED}),
    "co-feedback": frozenset({CoState.ACCEPTED}),
    "co-release": frozenset({CoState.DISPATCHED, CoState.ACCEPTED, CoState.RETURNED}),
}


def case_tracks(session: Session, number: str) -> list[CoTrack]:
    """The co-department tracks of case `number` (empty for a case handled by one department)."""
    return co_tracks.co_tracks(session, load_case(session, number).id)


def _begin(
    session: Session, number: str, step: str, actor: Actor, expected_version: int | None
) -> Case:
    """Check the permission and the case's state for `step`; the case."""
    label = CO_EVENT_LABELS[step]
    actor.require(_PERMISSION[step], f"执行「{label}」")
    case = load_case(session, number)
    status = Status(case.status)
    if expected_version is not None and case.version != expected_version:
        raise StaleCase(case.number, STATUS_LABELS[status], label)
    if status not in CO_CASE_STATES:
        raise IllegalTransition(case.number, STATUS_LABELS[status], label)
    return case


def _bump(session: Session, case: Case, step: str, now: datetime) -> int:
    """Compare-and-set the case's version (the desk's stale check and change feed); the new one."""
    result = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.version == case.version, Case.status == case.status)
        .values(version=case.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        fresh = session.get_one(Case, case.id, populate_existing=True)
        raise StaleCase(fresh.number, STATUS_LABELS[Status(fresh.status)], CO_EVENT_LABELS[step])
    record_changes(session, [case.id])
    return case.version + 1


def _checked_text(text: str, label: str, step: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(f"「{CO_EVENT_LABELS[step]}」需要填写{label}")
    problem = note_problem(text, label)
    if problem is not None:
        raise ValidationError(problem)
    return text


def co_add(
    db: Database,
    number: str,
    departments: Sequence[str],
    actor: Actor = SYSTEM,
    *,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Add co-departments to a case already dispatched (each with its own clock from now);
    a department whose earlier track was returned, released or fed back starts again.
    The case's new version."""
    now = now or utcnow()
    if not departments:
        raise ValidationError("请指定至少一个协办部门")
    problem = note_problem(note)
    if problem is not None:
        raise ValidationError(problem)
    with db.write() as session:
        case = _begin(session, number, "co-dispatch", actor, expected_version)
        depts = [find_department(session, name) for name in departments]
        co_tracks.check_new_co(case.department_id, depts)
        co_tracks.refuse_open(session, case, depts)
        clock = stage_clock(case.category, load_settings(session))
        version = _bump(session, case, "co-dispatch", now)
        co_tracks.open_tracks(session, case, depts, clock, actor, now, note.strip())
        record_audit(
            session,
            actor,
            "case.co-dispatch",
            "case",
            case.number,
            {"departments": [d.name for d in depts]},
            now=now,
        )
        return version


def _step(
    db: Database,
    number: str,
    department: str,
    step: str,
    actor: Actor,
    now: datetime | None,
    expected_version: int | None,
    *,
    text: str = "",
    photos: tuple[Photo, ...] = (),
) -> int:
    """One step on a co-department's track: check, write the track, its event, the version
    (协办反馈: with its after-photos, on the case like the lead's)."""
    now = now or utcnow()
    check_photos(Action.FEEDBACK, photos)
    with db.write() as session:
        case = _begin(session, number, step, actor, expected_version)
        dept = session.scalar(select(Department).where(Department.name == department.strip()))
        label = CO_EVENT_LABELS[step]
        if actor.is_department and (dept is None or dept.id != actor.department_id):
            raise PermissionDenied(
                f"{ROLE_LABELS[actor.role]}「{actor.label}」无权执行「{label}」："
                "只能办理本部门的协办"
            )
        track = co_tracks.track_of(session, case.id, dept.id) if dept is not None else None
        if dept is None or track is None:
            raise ValidationError(f"「{department.strip()}」不是案件 {case.number} 的协办部门")
        state = CoState(track.state)
        if state not in _ALLOWED[step]:
            raise ValidationError(
                f"协办部门「{dept.name}」当前为「{CO_STATE_LABELS[state]}」，不能执行「{label}」"
            )
        values: dict[str, object]
        details: dict[str, object] = {}
        if actor.is_center_desk and step in CO_DEPARTMENT_STEPS:
            details[PROXY_DETAIL] = True
        note = ""
        if step == "co-accept":
            values = {"state": CoState.ACCEPTED.value, "accepted_at": now}
        elif step == "co-return":
            note = _checked_text(text, "退回原因", step)
            values = {"state": CoState.RETURNED.value, "ended_at": now, "note": note}
        elif step == "co-feedback":
            note = _checked_text(text, "反馈内容", step)
            values = {"state": CoState.FED_BACK.value, "feedback_at": now, "feedback": note}
            details["on_time"] = now <= track.due_at
            if now > track.due_at:
                settings = load_settings(session)
                clock = stage_clock(case.category, settings)
                details["overdue_minutes"] = clock.calendar.elapsed(track.due_at, now, clock.basis)
        else:
            note = _checked_text(text, "解除原因", step)
            values = {"state": CoState.RELEASED.value, "ended_at": now, "note": note}
        version = _bump(session, case, step, now)
        session.execute(
            update(CaseDepartment)
            .where(CaseDepartment.id == track.id, CaseDepartment.state == state.value)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if photos:
            details["photos"] = [photo.filename for photo in photos]
            session.add_all(
                Attachment(
                    case_id=case.id,
                    filename=photo.filename,
                    content_type=photo.content_type,
                    data=photo.data,
                    created_at=now,
                )
                for photo in photos
            )
        add_events(session, [co_tracks.event(case, step, dept, actor, now, note, details)])
        record_audit(
            session,
            actor,
            f"case.{step}",
            "case",
            case.number,
            {"department": dept.name, "note": note or None},
            now=now,
        )
        return version


def co_accept(
    db: Database,
    number: str,
    department: str,
    actor: Actor = SYSTEM,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """协办受理: the co-department `department` accepts its part of case `number`."""
    return _step(db, number, department, "co-accept", actor, now, expected_version)


def co_return(
    db: Database,
    number: str,
    department: str,
    reason: str,
    actor: Actor = SYSTEM,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """协办退回: the co-department refuses its part (reason); the centre re-adds or releases it."""
    return _step(db, number, department, "co-return", actor, now, expected_version, text=reason)


def co_feedback(
    db: Database,
    number: str,
    department: str,
    text: str,
    actor: Actor = SYSTEM,
    *,
    photos: Sequence[Photo] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """协办反馈: the co-department reports what it did (on time when by its own deadline), with
    its after-photos (处置后照片) if any."""
    return _step(
        db,
        number,
        department,
        "co-feedback",
        actor,
        now,
        expected_version,
        text=text,
        photos=tuple(photos),
    )


def co_release(
    db: Database,
    number: str,
    department: str,
    reason: str,
    actor: Actor = SYSTEM,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """解除协办: the centre releases a co-department from the case (reason), so the lead's
    feedback no longer waits for it."""
    return _step(db, number, department, "co-release", actor, now, expected_version, text=reason)


def co_department_of(session: Session, number: str, actor: Actor) -> str | None:
    """The department of a department account that co-handles case `number` (协办, a track not
    released) and is not its lead: the track its 受理 / 退单 / 反馈 take. None for the centre,
    for the lead, and for a department with no part in the case."""
    if not actor.is_department:
        return None
    case = load_case(session, number)
    if case.department_id == actor.department_id:
        return None
    track = co_tracks.own_co_track(session, actor, case.id)
    return session.get_one(Department, track.department_id).name if track else None


def department_step(
    db: Database,
    number: str,
    action: Action,
    text: str,
    actor: Actor,
    *,
    photos: Sequence[Photo] = (),
    expected_version: int | None = None,
) -> tuple[str, str, int] | None:
    """A department account's 受理 / 退单 / 反馈 on a case it co-handles: its own track's
    协办受理 / 协办退回 / 协办反馈 (`text` the reason or the feedback, `photos` the feedback's).
    (the step, the department, the case's new version), or None when the account is not a
    协办 of the case (the lead's workflow then applies, and refuses whom it must)."""
    step = _CO_OF_ACTION.get(action)
    if step is None:
        return None
    with db.read() as session:
        department = co_department_of(session, number, actor)
    if department is None:
        return None
    if step == "co-accept":
        version = co_accept(db, number, department, actor, expected_version=expected_version)
    elif step == "co-return":
        version = co_return(db, number, department, text, actor, expected_version=expected_version)
    else:
        version = co_feedback(
            db, number, department, text, actor, photos=photos, expected_version=expected_version
        )
    return step, department, version


# The lead's step a department account names, and the co step it takes on its own track.
_CO_OF_ACTION = {
    Action.ACCEPT: "co-accept",
    Action.RETURN: "co-return",
    Action.FEEDBACK: "co-feedback",
}


# A case still waiting for the centre to dispatch it: joining it as 协办 dispatches it.
_TO_DISPATCH = frozenset({Status.REGISTERED, Status.RETURNED})


def add_co_department(
    db: Database,
    numbers: Sequence[str],
    department: str,
    actor: Actor = SYSTEM,
    *,
    versions: dict[str, int] | None = None,
    now: datetime | None = None,
) -> BatchOutcome:
    """Make `department` a co-department (协办) of each case, each in its own transaction (the
    desk's Ctrl-drop on a department card). A case already dispatched gets it added; a case
    waiting for dispatch is dispatched to its category's default department as lead (主办)
    with `department` as 协办. One case refused does not stop the others."""
    done: list[TransitionResult] = []
    failed: list[tuple[str, str]] = []
    for number in numbers:
        expected = (versions or {}).get(number)
        try:
            with db.write() as session:
                case = load_case(session, number)
                status = Status(case.status)
                if status in _TO_DISPATCH:
                    if case.category.default_department_id is None:
                        raise ValidationError(
                            f"案件 {case.number} 尚未派遣，其类别没有默认部门：请先派遣主办部门"
                        )
                    request = Request(co=(department,), expected_version=expected)
                    done.append(apply_in(session, number, Action.DISPATCH, request, actor, now))
                    continue
            version = co_add(db, number, [department], actor, expected_version=expected, now=now)
            done.append(
                TransitionResult(
                    number=number.strip(),
                    action=Action.DISPATCH,
                    from_status=status,
                    to_status=status,
                    version=version,
                    due_at=None,
                    department=None,
                    co=(department.strip(),),
                )
            )
        except UserError as exc:
            failed.append((number, str(exc)))
    return BatchOutcome(done, failed)

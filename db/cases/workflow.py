"""The case workflow service (案件流转): every transition after the report.

Each transition reads the case, checks the action against its state, then writes with a
compare-and-set UPDATE (id, status and version in the WHERE clause; exactly one row must
change) together with its history event and change-log row, in one transaction. A case that
changed underneath raises `StaleCase`; an action the state does not allow raises
`IllegalTransition`. Nothing is written in either case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, String, Update, bindparam, func, select, update
from sqlalchemy.orm import Session, joinedload, load_only

from db.cases import co_tracks
from db.cases.duplicates import refresh_duplicate_count
from db.cases.history_chain import (
    add_events,
    add_sealed_events,
    head_of,
    seal,
    sealed_event_after,
    sealed_event_params,
)
from db.cases.intake import MAX_PHOTO_BYTES, Photo
from db.cases.reporters import move_reporters
from db.cases.states import (
    ACTION_LABELS,
    ALLOWED_FROM,
    REASON_REQUIRED,
    STATUS_LABELS,
    Action,
    Status,
    parse_satisfaction,
)
from db.cases.transitions import STATE_COLUMNS, Move, StageClock, plan_transition
from db.clock import TimeBasis
from db.engine import Database
from db.errors import IllegalTransition, NotFound, StaleCase, ValidationError
from db.feed.change_log import changes_after, record_changes
from db.models import Attachment, Case, CaseDepartment, CaseEvent, Category, Department
from db.models.base import Base, utcnow
from db.models.cases import PROXY_DETAIL
from db.models.limits import check_row, check_values, text_problem
from db.reference.departments import active_department_names
from db.reference.settings_store import (
    CenterSettings,
    load_settings,
    settings_column,
    settings_from,
)
from db.security.actors import DEPARTMENT_ACTIONS, SYSTEM, Actor
from db.security.audit import (
    PreparedEntry,
    append_prepared,
    appended_after,
    appended_params,
    head_hash,
    prepare_entry,
)


@dataclass(frozen=True)
class TransitionResult:
    number: str
    action: Action
    from_status: Status
    to_status: Status
    version: int
    due_at: datetime | None
    department: str | None
    co: tuple[str, ...] = ()  # 派遣 with co-departments (协办): their names


NOTE_MAX_CHARS = 2000  # a reason, remark or 派遣意见 in the history: as long as a description


def note_problem(note: str, label: str = "派遣意见") -> str | None:
    """Why `note` (a reason or 派遣意见) may not go into a case's history, or None."""
    return text_problem(note.strip(), label, NOTE_MAX_CHARS, multiline=True)


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
    co: tuple[str, ...] = ()  # 派遣: co-departments (协办) besides the lead
    details: Mapping[str, Any] | None = None  # more for the history event (a 督办单's level…)
    photos: tuple[Photo, ...] = ()  # 反馈: the after-photos (处置后照片)
    link: Mapping[str, Any] | None = None  # extra history details, e.g. the approved request


def check_photos(action: Action, photos: tuple[Photo, ...]) -> None:
    """Refuse photos on any step but 反馈 (and 协办反馈, db.cases.joint), or too large."""
    if photos and action is not Action.FEEDBACK:
        raise ValidationError(f"「{ACTION_LABELS[action]}」不能附照片，处置后照片随反馈上传")
    for photo in photos:
        if len(photo.data) > MAX_PHOTO_BYTES:
            raise ValidationError(f"照片 {photo.filename} 超过 10 MB")
        check_values(Attachment, {"filename": photo.filename})


# The columns a transition reads of the case (its state, its chain's head and what the checks
# and the history name): on PostgreSQL the driver describes every column of a result and the
# ORM sets up each one, so loading the case's 50 columns cost a tenth of a dispatch. A step
# that reads another column (a merge's reporter) loads it when it does.
_TRANSITION_COLUMNS = load_only(
    *(
        getattr(Case, name)
        for name in (
            "id",
            "number",
            "category_id",
            "history_hash",
            *STATE_COLUMNS,
            "status_group",
            "is_open",
            "handle_due",
            "verify_due",
            "warn_at",
        )
    )
)

_LOAD_WITH_SETTINGS = (
    select(Case, settings_column(), head_hash())
    .where(Case.number == bindparam("number"))
    .options(_TRANSITION_COLUMNS, joinedload(Case.category))
)


_CO_STATE = (
    select(CaseDepartment.state)
    .where(CaseDepartment.case_id == Case.id, CaseDepartment.department_id == Department.id)
    .scalar_subquery()
)
_LOAD_WITH_DEPARTMENT = (
    select(Case, settings_column(), head_hash(), Department, _CO_STATE)
    .select_from(Case)
    .outerjoin(Department, Department.name == bindparam("department"))
    .where(Case.number == bindparam("number"))
    .options(_TRANSITION_COLUMNS, joinedload(Case.category))
)

# A department named by the request, read with the case: the row and the state of its
# co-handling track on the case (None: it has none).
Named = tuple[Department, str | None]


def load_for_transition(
    session: Session, number: str, department: str | None = None
) -> tuple[Case, CenterSettings, Named | None, str | None]:
    """The case with its category, the center's settings, the department named `department`
    if there is one by that name (checked by the caller) and the audit log's head hash: on
    PostgreSQL one round trip (the settings, the head and the department columns of the case's
    statement); on SQLite separate statements (the department then read by `_move`, the head
    by `record_audit`: None here)."""
    if session.get_bind().dialect.name != "postgresql":
        case = load_case(session, number, with_category=True)
        return case, load_settings(session), None, None
    params = {"number": number.strip(), "department": (department or "").strip()}
    if department:
        row = session.execute(_LOAD_WITH_DEPARTMENT, params).one_or_none()
    else:
        row = session.execute(_LOAD_WITH_SETTINGS, params).one_or_none()
    if row is None:
        raise NotFound(f"案件 {number} 不存在")
    named = (row[3], row[4]) if department and row[3] is not None else None
    return row[0], settings_from(session, row[1]), named, row[2]


_LOAD = select(Case).where(Case.number == bindparam("number"))
# The category in the same statement, not one more when `case.category` is read.
_LOAD_WITH_CATEGORY = _LOAD.options(joinedload(Case.category))


def load_case(session: Session, number: str, *, with_category: bool = False) -> Case:
    stmt = _LOAD_WITH_CATEGORY if with_category else _LOAD
    case = session.scalar(stmt, {"number": number.strip()})
    if case is None:
        raise NotFound(f"案件 {number} 不存在")
    return case


_DEPARTMENT = select(Department).where(Department.name == bindparam("name"))
_DEPARTMENT_WITH_CO = select(
    Department,
    select(CaseDepartment.state)
    .where(
        CaseDepartment.case_id == bindparam("case_id"),
        CaseDepartment.department_id == Department.id,
    )
    .scalar_subquery(),
).where(Department.name == bindparam("name"))


def find_department(session: Session, name: str) -> Department:
    return _find_department(session, name, None)[0]


def _find_department(
    session: Session, name: str, case_id: int | None
) -> tuple[Department, str | None]:
    """The active department named `name`; with `case_id`, in the same statement the state of
    its co-handling track on that case (None: it has none)."""
    stmt = _DEPARTMENT if case_id is None else _DEPARTMENT_WITH_CO
    params = {"name": name.strip(), "case_id": case_id}
    row = session.execute(stmt, params).one_or_none()
    dept: Department | None = None if row is None else row[0]
    if dept is None:
        names = active_department_names(session)
        hint = "、".join(names[:20])
        raise NotFound(f"部门「{name}」不存在" + (f"，可选：{hint}" if hint else ""))
    _check_active(dept)
    return dept, (None if case_id is None else row[1])  # type: ignore[index]


def _check_active(dept: Department) -> None:
    if not dept.active:
        raise ValidationError(f"部门「{dept.name}」已停用，不能派遣")


def stage_clock(category: Category, settings: CenterSettings) -> StageClock:
    """How the deadlines of a case of `category` run at this centre."""
    return StageClock(
        settings.calendar(),
        settings.warn_share,
        TimeBasis(category.basis),
        category.dispatch_minutes,
        category.handle_minutes,
        category.verify_minutes,
    )


def _department_name(session: Session, department_id: int) -> str | None:
    dept = session.get(Department, department_id)
    return dept.name if dept else None


def _move(
    session: Session,
    case: Case,
    action: Action,
    req: Request,
    settings: CenterSettings,
    now: datetime,
    co_states: dict[int, str | None],
    named: Named | None = None,
) -> Move:
    """Check what `action` needs from the request against the database; the checked move.
    A department named for 派遣/改派 (read with the case when `named`) leaves its co-handling
    state on the case in `co_states`."""
    status = Status(case.status)
    if action in (Action.DISPATCH, Action.REDISPATCH):
        if req.department:
            if named is None:
                dept, co_state = _find_department(session, req.department, case.id)
            else:  # read with the case (`load_for_transition`)
                dept, co_state = named
                _check_active(dept)
            co_states[dept.id] = co_state
        elif action is Action.DISPATCH and case.category.default_department_id is not None:
            dept = session.get_one(Department, case.category.default_department_id)
        else:
            raise ValidationError(f"「{ACTION_LABELS[action]}」需要指定部门")
        if (
            action is Action.REDISPATCH
            and dept.id == case.department_id
            and status is not Status.RETURNED
            and req.until is None  # the same department with a new deadline (联席会议)
        ):
            raise ValidationError(f"案件 {case.number} 已在「{dept.name}」，改派需选择其他部门")
        if req.until is not None and (req.until.tzinfo is None or req.until <= now):
            raise ValidationError("处置期限应晚于现在（带时区的日期时间）")
        return Move(department_id=dept.id, until=req.until)
    if action is Action.EXTEND:
        until = req.until
        if until is None or until.tzinfo is None:
            raise ValidationError("延期需要给出新的处置期限（带时区的日期时间）")
        current = case.due_at or now
        if until <= current or until <= now:
            raise ValidationError(
                f"新的期限 {until.astimezone(settings.tz):%Y-%m-%d %H:%M} 应晚于当前期限"
            )
        return Move(until=until)
    if action is Action.CALLBACK:
        if not req.satisfaction:
            raise ValidationError("回访需要给出满意度（满意 / 基本满意 / 不满意 / 未联系上）")
        return Move(satisfaction=parse_satisfaction(req.satisfaction), solved=req.solved)
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
        return Move(into=(target.id, target.number))
    if action is Action.RECALL and case.return_count > 0 and case.dispatch_due is not None:
        # Back to 退单: the dispatch stage began at the last 退单.
        returned_at = session.scalar(
            select(func.max(CaseEvent.at)).where(
                CaseEvent.case_id == case.id, CaseEvent.action == Action.RETURN.value
            )
        )
        return Move(stage_began=returned_at)
    return Move()


def _check_co(
    session: Session,
    case: Case,
    action: Action,
    req: Request,
    move: Move,
    co_states: dict[int, str | None],
) -> list[Department]:
    """What joint handling (协办) asks of `action`: the co-departments a 派遣 names, checked;
    a 反馈 refused while a co-department owes its feedback; a 派遣/改派 making a co-department
    that still owes something the lead refused.

    Rework (返工) reopens the lead's stage only: the co-departments' feedback stands, and the
    centre may add one again. A return (退单) by the lead leaves the co-departments working.
    """
    if req.co and action is not Action.DISPATCH:
        raise ValidationError(f"「{ACTION_LABELS[action]}」不能指定协办部门")
    if action is Action.FEEDBACK:
        missing = co_tracks.pending_names(session, case.id)
        if missing:
            names = "、".join(f"「{n}」" for n in missing)
            raise ValidationError(
                f"案件 {case.number} 的协办部门{names}尚未反馈或解除，主办部门暂不能反馈"
            )
    if action in (Action.DISPATCH, Action.REDISPATCH) and move.department_id is not None:
        if move.department_id in co_states:  # read with the department (`_move`)
            state = co_states[move.department_id]
        else:
            track = co_tracks.track_of(session, case.id, move.department_id)
            state = None if track is None else track.state
        if state is not None and co_tracks.CoState(state) in co_tracks.PENDING_STATES:
            name = _department_name(session, move.department_id)
            raise ValidationError(
                f"「{name}」是本案协办部门，{ACTION_LABELS[action]}为主办前请先解除其协办"
            )
    if not req.co:
        return []
    depts = [find_department(session, name) for name in req.co]
    co_tracks.check_new_co(move.department_id, depts)
    co_tracks.refuse_open(session, case, depts)
    return depts


_CASES = Base.metadata.tables[Case.__tablename__]
_EVENTS = Base.metadata.tables[CaseEvent.__tablename__]


@lru_cache(maxsize=128)
def _cas_update(columns: tuple[str, ...], with_head: bool) -> Update:
    """The compare-and-set UPDATE of a case setting `columns`: the row changes only if its
    id, version and status (`_cas_params`), and `with_head` its history head, are still those
    loaded. Made once per shape: its cache key and SQL are made once."""
    where = [
        _CASES.c.id == bindparam("cas_id"),
        _CASES.c.version == bindparam("cas_version"),
        _CASES.c.status == bindparam("cas_status"),
    ]
    if with_head:
        where.append(
            _CASES.c.history_hash.is_not_distinct_from(bindparam("cas_head", type_=String()))
        )
    return (
        update(_CASES)
        .where(*where)
        .values({c: bindparam(f"set_{c}", type_=_CASES.c[c].type) for c in columns})
    )


def _cas_params(
    case: tuple[int, int, str, str | None], values: Mapping[str, Any]
) -> dict[str, Any]:
    case_id, version, status, head = case
    return {
        "cas_id": case_id,
        "cas_version": version,
        "cas_status": status,
        "cas_head": head,
        **{f"set_{c}": v for c, v in values.items()},
    }


@lru_cache(maxsize=64)
def _sealed_write(columns: tuple[str, ...], event_columns: tuple[str, ...]) -> Select[Any]:
    """The statement of `_write_sealed` for a transition that sets `columns` of the case and
    writes an entry of `event_columns`: made once per shape (its SQL compiled once)."""
    moved = _cas_update(columns, True).returning(_CASES.c.id).cte("moved")
    entry = sealed_event_after(moved, event_columns)
    changes, notify = changes_after(moved)
    audit = appended_after(moved)
    return select(
        moved.c.id,
        select(func.count()).select_from(entry).scalar_subquery(),
        select(func.count()).select_from(changes).scalar_subquery(),
        notify,
        select(audit.c.id).scalar_subquery(),
        select(audit.c.hash).scalar_subquery(),
    ).select_from(moved)


def _write_sealed(
    session: Session,
    case: tuple[int, int, str, str | None],
    values: Mapping[str, Any],
    event: Mapping[str, Any],
    audit: PreparedEntry,
    audit_head: str | None,
) -> tuple[bool, bool]:
    """PostgreSQL: the compare-and-set UPDATE of `case` (id, version, status and history
    head as loaded) that also moves its history head, the history entry sealed after that
    head, the change-log row and its NOTIFY, and the `audit` entry chained after the audit
    log's head as loaded (`audit_head`; the head moves too, on the condition that it is still
    that one) in one statement, one round trip. Each part happens once per row the UPDATE
    changed: none when the case or its head moved underneath, and then nothing was written;
    the audit entry not when another writer moved the audit log's head in between (the
    caller then appends it after the new head). Returns (the row changed, the entry written);
    the server's hash of the entry is checked against ours."""
    stmt = _sealed_write(tuple(values), tuple(event))
    params = {
        **_cas_params(case, values),
        "changed_at": event["at"],
        **sealed_event_params(event),
        **appended_params(audit, audit_head),
    }
    row = session.execute(stmt, params).one_or_none()
    if row is None:
        return False, False
    entry_id, digest = row[4], row[5]
    if entry_id is None or audit_head is None:
        return True, False
    audit.check_server_hash(audit_head, int(entry_id), digest)
    return True, True


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
    check_photos(action, request.photos)
    dispatching = action in (Action.DISPATCH, Action.REDISPATCH)
    case, settings, named, audit_head = load_for_transition(
        session, number, request.department if dispatching else None
    )
    actor.require_department(case.department_id, f"执行「{label}」")
    status = Status(case.status)
    if request.expected_version is not None and case.version != request.expected_version:
        raise StaleCase(case.number, STATUS_LABELS[status], label)
    if action is Action.REPORT or status not in ALLOWED_FROM.get(action, frozenset()):
        raise IllegalTransition(case.number, STATUS_LABELS[status], label)
    reason = request.reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ValidationError(f"「{label}」需要填写原因")
    problem = note_problem(
        reason, "派遣意见" if action in (Action.DISPATCH, Action.REDISPATCH) else "原因或说明"
    )
    if problem is not None:
        raise ValidationError(problem)
    co_states: dict[int, str | None] = {}
    move = _move(session, case, action, request, settings, now, co_states, named)
    co_depts = _check_co(session, case, action, request, move, co_states)
    # Department names this transition shows, without a query each (the department found by
    # name in `_move` is no longer in the session's identity map when it is asked for).
    dept_names: dict[int, str | None] = {}
    if move.department_id is not None and request.department:
        dept_names[move.department_id] = request.department.strip()

    def department_name(department_id: int) -> str | None:
        if department_id not in dept_names:
            dept_names[department_id] = _department_name(session, department_id)
        return dept_names[department_id]

    state = {name: getattr(case, name) for name in STATE_COLUMNS}
    plan = plan_transition(
        state,
        action,
        now,
        stage_clock(case.category, settings),
        move,
        department_name,
    )
    new_status = plan.status
    values = plan.values
    if co_depts:
        plan.details["co_departments"] = [d.name for d in co_depts]
    details: dict[str, Any] = {**plan.details, **(request.details or {}), **(request.link or {})}
    if actor.is_center_desk and action.value in DEPARTMENT_ACTIONS:
        details[PROXY_DETAIL] = True
    if request.photos:
        details["photos"] = [photo.filename for photo in request.photos]
    case_id, case_number, case_version = case.id, case.number, case.version
    event = {
        "case_id": case_id,
        "at": now,
        "actor": actor.label,
        "action": action.value,
        "from_status": status.value,
        "to_status": new_status.value,
        "department_id": plan.department_id,
        "note": reason,
        "details": details or None,
    }
    # The history entry is sealed after the head loaded with the case, and the head moves in
    # the compare-and-set UPDATE itself, on the condition that it is still that head: one
    # statement writes the case and its chain, and no other writer can fork it.
    loaded_head = case.history_hash
    new_head = seal([event], head_of(case_number, loaded_head))
    audit = prepare_entry(
        actor,
        f"case.{action.value}",
        "case",
        case_number,
        {"from": status.value, "to": new_status.value, "reason": reason or None, **details},
        now=now,
    )
    # PostgreSQL, one statement: the UPDATE, its history entry, the change-log row with its
    # NOTIFY and the audit entry (`_write_sealed`); SQLite: statement by statement.
    combined = session.get_bind().dialect.name == "postgresql" and move.into is None
    loaded = (case_id, case_version, status.value, loaded_head)
    sealing = {**values, "history_hash": new_head}
    # The statements below bind their values under their own names (and PostgreSQL's is a
    # SELECT), out of the reach of `check_statement`'s net: the same checks, here.
    check_row(_CASES, sealing)
    check_row(_EVENTS, event)
    audited = False
    if combined:
        sealed, audited = _write_sealed(session, loaded, sealing, event, audit, audit_head)
    else:
        result = session.execute(_cas_update(tuple(sealing), True), _cas_params(loaded, sealing))
        sealed = result.rowcount == 1  # type: ignore[attr-defined]
    if not sealed:
        # Lost a race, or only the history moved underneath (an entry added without a new
        # version): the plain compare-and-set decides, and the entry chains after the head
        # as it now is.
        result = session.execute(_cas_update(tuple(values), False), _cas_params(loaded, values))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            # Lost a race: another writer committed first. Read what it left (a new statement
            # sees the committed row under READ COMMITTED) to name the state in the message.
            fresh = session.scalars(
                select(Case).where(Case.id == case_id).execution_options(populate_existing=True)
            ).one()
            raise StaleCase(fresh.number, STATUS_LABELS[Status(fresh.status)], label)
    if request.photos:
        session.add_all(
            Attachment(
                case_id=case_id,
                filename=photo.filename,
                content_type=photo.content_type,
                data=photo.data,
                created_at=now,
            )
            for photo in request.photos
        )
    if move.into is not None:
        move_reporters(session, case, move.into[0], now)
    if sealed and not combined:
        add_sealed_events(session, [event])
    elif not sealed:
        event.pop("prev_hash", None)
        event.pop("hash", None)
        add_events(session, [event])
    if co_depts:
        clock = stage_clock(case.category, settings)
        co_tracks.open_tracks(session, case, co_depts, clock, actor, now, reason, new_status.value)
    if action is Action.RECALL:
        label = ACTION_LABELS[Action.RECALL]
        co_tracks.release_pending(session, case, actor, now, label, new_status.value)
    if move.into is not None:
        refresh_duplicate_count(session, move.into[0])  # one duplicate fewer to look at
    if not (combined and sealed):
        record_changes(session, [case_id, *([move.into[0]] if move.into else [])])
    if not audited:  # SQLite, a lost race, or the audit log's head moved meanwhile
        append_prepared(session, audit)
    due_at = values.get("due_at", case.due_at)
    session.expire(case)
    dept_name = None if plan.department_id is None else department_name(plan.department_id)
    return TransitionResult(
        number=case_number,
        action=action,
        from_status=status,
        to_status=new_status,
        version=int(values["version"]),
        due_at=due_at,
        department=dept_name,
        co=tuple(d.name for d in co_depts),
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


def dispatch(
    db: Database,
    numbers: list[str],
    department: str,
    actor: Actor = SYSTEM,
    *,
    note: str = "",
    versions: dict[str, int] | None = None,
    co: Sequence[str] = (),
) -> BatchOutcome:
    """派遣 `numbers` to `department`, each case on its own (see `apply_many`).

    `note` is the optional 派遣意见 (what the department should know or do); it is stored in
    each case's history entry for the dispatch, checked like every other history text.
    `co` names co-departments (协办, 吹哨报到) dispatched at the same moment, each with its
    own track and clock (db.cases.joint).
    """
    problem = note_problem(note)
    if problem is not None:  # refused once, before any case is written
        raise ValidationError(problem)
    request = Request(department=department, reason=note, co=tuple(co))
    return apply_many(db, numbers, Action.DISPATCH, request, actor, versions)

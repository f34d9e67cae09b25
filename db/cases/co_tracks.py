"""The co-departments' tracks (协办) inside one transaction: the pieces the workflow service
(db.cases.workflow) and the joint-handling service (db.cases.joint) share.

Nothing here opens a transaction or checks a permission: the callers do, and they bump the
case's version (compare-and-set) so every workstation sees the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session

from db.cases.history_chain import add_events
from db.cases.transitions import StageClock
from db.errors import ValidationError
from db.models import Case, CaseDepartment, Department
from db.security.actors import Actor


class CoState(StrEnum):
    DISPATCHED = "dispatched"  # 待受理
    ACCEPTED = "accepted"  # 处置中
    FED_BACK = "fed_back"  # 已反馈
    RETURNED = "returned"  # 已退回 (the department refused it; the centre re-adds or releases)
    RELEASED = "released"  # 已解除 (by the centre)


CO_STATE_LABELS: dict[CoState, str] = {
    CoState.DISPATCHED: "待受理",
    CoState.ACCEPTED: "处置中",
    CoState.FED_BACK: "已反馈",
    CoState.RETURNED: "已退回",
    CoState.RELEASED: "已解除",
}

# A track still owes the case something: the lead's feedback waits for it.
PENDING_STATES = frozenset({CoState.DISPATCHED, CoState.ACCEPTED, CoState.RETURNED})
# A track the department is working on (counted on the desk board, its clock running).
OPEN_STATES = frozenset({CoState.DISPATCHED, CoState.ACCEPTED})
PENDING_VALUES = tuple(s.value for s in PENDING_STATES)
OPEN_VALUES = tuple(s.value for s in OPEN_STATES)


@dataclass(frozen=True)
class CoTrack:
    """One co-department's track as the case pane, the CLI and the timeline show it."""

    department: str
    state: CoState
    dispatched_at: datetime
    accepted_at: datetime | None
    feedback_at: datetime | None
    ended_at: datetime | None
    due_at: datetime
    warn_at: datetime
    feedback: str
    note: str

    @property
    def state_label(self) -> str:
        return CO_STATE_LABELS[self.state]

    @property
    def on_time(self) -> bool | None:
        """Fed back by its own deadline (按期); None while no feedback."""
        if self.feedback_at is None:
            return None
        return self.feedback_at <= self.due_at


def co_tracks(session: Session, case_id: int) -> list[CoTrack]:
    """A case's co-department tracks in the order they were first dispatched."""
    rows = session.execute(
        select(CaseDepartment, Department.name)
        .join(Department, Department.id == CaseDepartment.department_id)
        .where(CaseDepartment.case_id == case_id)
        .order_by(CaseDepartment.id)
    ).all()
    return [
        CoTrack(
            department=name,
            state=CoState(row.state),
            dispatched_at=row.dispatched_at,
            accepted_at=row.accepted_at,
            feedback_at=row.feedback_at,
            ended_at=row.ended_at,
            due_at=row.due_at,
            warn_at=row.warn_at,
            feedback=row.feedback,
            note=row.note,
        )
        for row, name in rows
    ]


def track_of(session: Session, case_id: int, department_id: int) -> CaseDepartment | None:
    return session.scalar(
        select(CaseDepartment).where(
            CaseDepartment.case_id == case_id, CaseDepartment.department_id == department_id
        )
    )


def check_new_co(lead_id: int | None, departments: Sequence[Department]) -> None:
    """Refuse co-departments that cannot join a case whose lead is `lead_id`: the lead
    itself, or one named twice."""
    seen: set[int] = set()
    for dept in departments:
        if dept.id == lead_id:
            raise ValidationError(f"「{dept.name}」是本案主办部门，不能同时作为协办部门")
        if dept.id in seen:
            raise ValidationError(f"协办部门「{dept.name}」重复")
        seen.add(dept.id)


def refuse_open(session: Session, case: Case, departments: Sequence[Department]) -> None:
    """Refuse a department that already has an open or returned track on `case`."""
    for dept in departments:
        track = track_of(session, case.id, dept.id)
        if track is not None and CoState(track.state) in PENDING_STATES:
            raise ValidationError(f"「{dept.name}」已是案件 {case.number} 的协办部门")


def event(
    case: Case,
    action: str,
    department: Department,
    actor: Actor,
    now: datetime,
    note: str = "",
    details: dict[str, Any] | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """A history row of a co-department's step: the case's status stays (`status`, the
    case's status after the action that took the step with it, else the loaded one)."""
    status = status or case.status
    return {
        "case_id": case.id,
        "at": now,
        "actor": actor.label,
        "action": action,
        "from_status": status,
        "to_status": status,
        "department_id": department.id,
        "note": note,
        "details": {"role": "协办", "department": department.name, **(details or {})},
    }


def open_tracks(
    session: Session,
    case: Case,
    departments: Sequence[Department],
    clock: StageClock,
    actor: Actor,
    now: datetime,
    note: str = "",
    status: str | None = None,
) -> None:
    """Dispatch `departments` as co-departments of `case` at `now`: each track's deadline is
    the category's handling limit from now on the centre's calendar (like the lead's), and
    a department whose earlier track ended starts again. One history event each (`status`:
    the case's status after the 派遣 that dispatched them with the lead)."""
    due, warn = clock.deadline(now, clock.handle_minutes)
    rows: list[dict[str, Any]] = []
    for dept in departments:
        values = {
            "state": CoState.DISPATCHED.value,
            "dispatched_at": now,
            "accepted_at": None,
            "feedback_at": None,
            "ended_at": None,
            "due_at": due,
            "warn_at": warn,
            "feedback": "",
            "note": "",
        }
        track = track_of(session, case.id, dept.id)
        if track is None:
            session.execute(
                insert(CaseDepartment), [{"case_id": case.id, "department_id": dept.id, **values}]
            )
        else:
            session.execute(
                update(CaseDepartment)
                .where(CaseDepartment.id == track.id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        details = {"due": due.isoformat()}
        rows.append(event(case, "co-dispatch", dept, actor, now, note, details, status))
    if rows:
        add_events(session, rows)


def pending_names(session: Session, case_id: int) -> list[str]:
    """The co-departments of a case that have neither fed back nor been released."""
    return list(
        session.scalars(
            select(Department.name)
            .join(CaseDepartment, CaseDepartment.department_id == Department.id)
            .where(CaseDepartment.case_id == case_id, CaseDepartment.state.in_(PENDING_VALUES))
            .order_by(CaseDepartment.id)
        )
    )


def release_pending(
    session: Session, case: Case, actor: Actor, now: datetime, note: str, status: str
) -> None:
    """Release every co-department of `case` that still owes something (撤回派遣; `status`:
    the case's status after it)."""
    rows = session.execute(
        select(CaseDepartment, Department)
        .join(Department, Department.id == CaseDepartment.department_id)
        .where(CaseDepartment.case_id == case.id, CaseDepartment.state.in_(PENDING_VALUES))
        .order_by(CaseDepartment.id)
    ).all()
    if not rows:
        return
    session.execute(
        update(CaseDepartment)
        .where(CaseDepartment.id.in_([track.id for track, _ in rows]))
        .values(state=CoState.RELEASED.value, ended_at=now, note=note)
        .execution_options(synchronize_session=False)
    )
    add_events(
        session,
        [event(case, "co-release", dept, actor, now, note, None, status) for _, dept in rows],
    )


def co_case_ids(department_id: int) -> Select[int]:
    """The cases `department_id` co-handles (协办, a track the centre has not released): a
    department account reads them like its own."""
    return select(CaseDepartment.case_id).where(
        CaseDepartment.department_id == department_id,
        CaseDepartment.state != CoState.RELEASED.value,
    )


def own_co_track(session: Session, actor: Actor, case_id: int) -> CaseDepartment | None:
    """The department account's own co track on the case (not released), if it has one."""
    if not actor.is_department or actor.department_id is None:
        return None
    return session.scalar(
        select(CaseDepartment).where(
            CaseDepartment.case_id == case_id,
            CaseDepartment.department_id == actor.department_id,
            CaseDepartment.state != CoState.RELEASED.value,
        )
    )


def require_case_reader(
    session: Session, actor: Actor, case_id: int, lead_id: int | None, what: str
) -> None:
    """Refuse a department account a case that is neither its department's (主办) nor one it
    co-handles (协办)."""
    if not actor.is_department or lead_id == actor.department_id:
        return
    if own_co_track(session, actor, case_id) is None:
        actor.require_department(lead_id, what)

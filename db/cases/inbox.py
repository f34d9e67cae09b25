"""A department's inbox (部门待办): its cases by stage, a page at a time, and its figures.

The stages, from the case's status and clocks at `now`:

- 超期 (overdue): waiting for 受理 or being handled, and its deadline has passed;
- 待受理 (to accept): dispatched to the department, deadline not passed;
- 待反馈 (to feed back): accepted, its warning time reached, deadline not passed;
- 处置中 (handling): accepted, before its warning time;
- 被督办 (urged): any of the above that the centre has urged (督办) at least once.

The first four divide the department's active cases; 被督办 cuts across them.

A case the department co-handles (协办, db.cases.joint) is in its inbox too, marked as such, by
its own track: 待受理 while the track is dispatched, 处置中 / 待反馈 by the track's own warning
time, 超期 by the track's own deadline (the centre's 督办 go to the lead, so 被督办 holds the
department's own cases only). Its time left is its own track's. A case waiting for
受理 or being handled always has its clock running (`due_at`, `warn_at` set by the workflow), so
the stages compare the clock columns plainly, which keeps each one a range on the index. Every query
filters on the department and the status first (`ix_cases_department_inbox`), so a department
with 10,000 open cases reads its counts and a page from the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, false, func, select
from sqlalchemy.orm import Session

from db.cases.co_tracks import CO_STATE_LABELS, OPEN_VALUES, CoState
from db.cases.joint import CO_CASE_STATES
from db.cases.requests import ExtensionInfo, department_extensions
from db.cases.states import STATUS_LABELS, Action, Status
from db.clock import TimeBasis
from db.errors import ValidationError
from db.models import (
    Case,
    CaseDepartment,
    CaseEvent,
    Category,
    Community,
    Department,
    ExtensionRequest,
)
from db.models.base import utcnow
from db.query_hints import unindexed
from db.reference.settings_store import load_settings
from db.security.actors import Actor

PAGE_SIZE = 100
_ACTIVE = (Status.DISPATCHED.value, Status.ACCEPTED.value)
# The case states in which a co-department works on its track.
_CO_CASE = tuple(sorted(s.value for s in CO_CASE_STATES))


class Stage(StrEnum):
    TO_ACCEPT = "to_accept"
    HANDLING = "handling"
    TO_FEEDBACK = "to_feedback"
    URGED = "urged"
    OVERDUE = "overdue"


STAGE_LABELS: dict[Stage, str] = {
    Stage.TO_ACCEPT: "待受理",
    Stage.HANDLING: "处置中",
    Stage.TO_FEEDBACK: "待反馈",
    Stage.URGED: "被督办",
    Stage.OVERDUE: "超期",
}


def parse_stage(text: str) -> Stage:
    for stage, label in STAGE_LABELS.items():
        if text in (stage.value, label):
            return stage
    choices = "、".join(f"{s.value}（{label}）" for s, label in STAGE_LABELS.items())
    raise ValidationError(f"阶段「{text}」无法识别，可选：{choices}")


def inbox_department(actor: Actor, department_id: int | None = None) -> int:
    """Whose inbox `actor` reads: a department account its own; the centre any it names."""
    actor.require("case.read", "查看部门待办")
    if actor.is_department:
        if actor.department_id is None:
            raise ValidationError("此部门账号没有所属部门，请联系管理员")
        return actor.department_id
    if department_id is None:
        raise ValidationError("请指定部门")
    return department_id


def _stage_filter(stage: Stage, now: datetime) -> ColumnElement[bool]:
    accepted = Case.status == Status.ACCEPTED.value
    if stage is Stage.OVERDUE:
        return and_(Case.status.in_(_ACTIVE), Case.due_at <= now)
    if stage is Stage.TO_ACCEPT:
        return and_(Case.status == Status.DISPATCHED.value, Case.due_at > now)
    if stage is Stage.TO_FEEDBACK:
        return and_(accepted, Case.warn_at <= now, Case.due_at > now)
    if stage is Stage.HANDLING:
        return and_(accepted, Case.warn_at > now, Case.due_at > now)
    return and_(Case.status.in_(_ACTIVE), Case.urge_count > 0)


def _co_stage_filter(stage: Stage, now: datetime) -> ColumnElement[bool]:
    """`stage` of a co-department's open track, by its own state and clock."""
    track = CaseDepartment
    accepted = track.state == CoState.ACCEPTED.value
    if stage is Stage.OVERDUE:
        return track.due_at <= now
    if stage is Stage.TO_ACCEPT:
        return and_(track.state == CoState.DISPATCHED.value, track.due_at > now)
    if stage is Stage.TO_FEEDBACK:
        return and_(accepted, track.warn_at <= now, track.due_at > now)
    if stage is Stage.HANDLING:
        return and_(accepted, track.warn_at > now, track.due_at > now)
    return false()


def _co_open(dept: int) -> ColumnElement[bool]:
    """The department's open co tracks (协办) on cases still with the departments."""
    return and_(
        CaseDepartment.department_id == dept,
        CaseDepartment.state.in_(OPEN_VALUES),
        Case.status.in_(_CO_CASE),
    )


def inbox_counts(
    session: Session, actor: Actor, now: datetime | None = None, department_id: int | None = None
) -> dict[Stage, int]:
    """How many of the department's cases are in each stage."""
    dept = inbox_department(actor, department_id)
    now = now or utcnow()
    overdue = Case.due_at <= now
    row = session.execute(
        select(
            func.sum(case((and_(Case.status == Status.DISPATCHED.value, ~overdue), 1), else_=0)),
            func.sum(
                case(
                    (
                        and_(Case.status == Status.ACCEPTED.value, Case.warn_at > now, ~overdue),
                        1,
                    ),
                    else_=0,
                )
            ),
            func.sum(
                case(
                    (and_(Case.status == Status.ACCEPTED.value, Case.warn_at <= now, ~overdue), 1),
                    else_=0,
                )
            ),
            func.sum(case((Case.urge_count > 0, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        ).where(Case.department_id == dept, Case.status.in_(_ACTIVE))
    ).one()
    counts = {stage: int(value or 0) for stage, value in zip(Stage, row, strict=True)}
    track = CaseDepartment
    co_overdue = track.due_at <= now
    accepted = track.state == CoState.ACCEPTED.value
    co = session.execute(
        select(
            func.sum(
                case((and_(track.state == CoState.DISPATCHED.value, ~co_overdue), 1), else_=0)
            ),
            func.sum(case((and_(accepted, track.warn_at > now, ~co_overdue), 1), else_=0)),
            func.sum(case((and_(accepted, track.warn_at <= now, ~co_overdue), 1), else_=0)),
            func.sum(case((co_overdue, 1), else_=0)),
        )
        .select_from(track)
        .join(Case, Case.id == track.case_id)
        .where(_co_open(dept))
    ).one()
    for stage, value in zip(
        (Stage.TO_ACCEPT, Stage.HANDLING, Stage.TO_FEEDBACK, Stage.OVERDUE), co, strict=True
    ):
        counts[stage] += int(value or 0)
    return counts


@dataclass(frozen=True)
class InboxRow:
    """One case of a department's inbox: what the department needs to act, no personal data."""

    number: str
    status: str
    status_label: str
    urgent: bool
    category: str
    community: str
    address: str
    description: str
    dispatched_at: datetime | None
    due_at: datetime | None
    warn_at: datetime | None
    seconds_left: float | None  # working or natural time left by the category's basis
    working: bool  # the category's limits count working time (工)
    urge_count: int
    extension_pending: bool
    dispatch_note: str  # the center's 派遣意见
    co: bool = False  # the department co-handles it (协办): status, clocks and note its track's

    @property
    def overdue(self) -> bool:
        return self.seconds_left is not None and self.seconds_left <= 0


def inbox_page(
    session: Session,
    actor: Actor,
    stage: Stage,
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
    department_id: int | None = None,
) -> list[InboxRow]:
    """One page of the department's cases in `stage`, its own (主办) and those it co-handles
    (协办) together, the nearest deadline first."""
    dept = inbox_department(actor, department_id)
    now = now or utcnow()
    offset, limit = max(offset, 0), max(min(limit, 1000), 1)
    lead = _lead_rows(session, dept, stage, offset + limit, now)
    co = _co_rows(session, dept, stage, offset + limit, now)
    merged = sorted(lead + co, key=lambda r: (r.due_at or now, r.number))
    return merged[offset : offset + limit]


def _lead_rows(
    session: Session, dept: int, stage: Stage, limit: int, now: datetime
) -> list[InboxRow]:
    """The first `limit` of the department's own cases (主办) in `stage`."""
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            Case.status,
            Case.urgent,
            Case.address,
            Case.description,
            Case.dispatched_at,
            Case.due_at,
            Case.warn_at,
            Case.urge_count,
            Category.name,
            Category.basis,
            Community.name,
        )
        .join(Category, Category.id == Case.category_id)
        .join(Community, Community.id == Case.community_id)
        .where(Case.department_id == dept, _stage_filter(stage, now))
        .order_by(Case.due_at, Case.id)
        .limit(limit)
    ).all()
    ids = [r.id for r in rows]
    notes: dict[int, str] = {}
    pending: set[int] = set()
    if ids:
        events = session.execute(
            select(CaseEvent.case_id, CaseEvent.note)
            .where(
                CaseEvent.case_id.in_(ids),
                CaseEvent.action.in_((Action.DISPATCH.value, Action.REDISPATCH.value)),
            )
            .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)
        )
        for case_id, note in events:
            notes[case_id] = note  # the last dispatch wins
        pending = set(
            session.scalars(
                select(ExtensionRequest.case_id).where(
                    ExtensionRequest.case_id.in_(ids), ExtensionRequest.decision.is_(None)
                )
            )
        )
    calendar = load_settings(session).calendar()
    out: list[InboxRow] = []
    for r in rows:
        left = (
            calendar.remaining_seconds(now, r.due_at, TimeBasis(r.basis))
            if r.due_at is not None
            else None
        )
        out.append(
            InboxRow(
                number=r.number,
                status=r.status,
                status_label=STATUS_LABELS[Status(r.status)],
                urgent=r.urgent,
                category=r[10],
                community=r[12],
                address=r.address,
                description=r.description,
                dispatched_at=r.dispatched_at,
                due_at=r.due_at,
                warn_at=r.warn_at,
                seconds_left=left,
                working=r.basis == TimeBasis.WORKING.value,
                urge_count=r.urge_count,
                extension_pending=r.id in pending,
                dispatch_note=notes.get(r.id, ""),
            )
        )
    return out


def _co_rows(
    session: Session, dept: int, stage: Stage, limit: int, now: datetime
) -> list[InboxRow]:
    """The first `limit` of the cases the department co-handles (协办) in `stage`, each by its
    own track: its state, its clock, the centre's note when it dispatched the department."""
    if stage is Stage.URGED:
        return []
    track = CaseDepartment
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            track.state,
            Case.urgent,
            Case.address,
            Case.description,
            track.dispatched_at,
            track.due_at,
            track.warn_at,
            Category.name,
            Category.basis,
            Community.name,
        )
        .select_from(track)
        .join(Case, Case.id == track.case_id)
        .join(Category, Category.id == Case.category_id)
        .join(Community, Community.id == Case.community_id)
        .where(_co_open(dept), _co_stage_filter(stage, now))
        .order_by(track.due_at, Case.id)
        .limit(limit)
    ).all()
    notes: dict[int, str] = {}
    ids = [r.id for r in rows]
    if ids:
        events = session.execute(
            select(CaseEvent.case_id, CaseEvent.note)
            .where(
                CaseEvent.case_id.in_(ids),
                CaseEvent.action == "co-dispatch",
                CaseEvent.department_id == dept,
            )
            .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)
        )
        for case_id, note in events:
            notes[case_id] = note  # the last dispatch wins
    calendar = load_settings(session).calendar()
    return [
        InboxRow(
            number=r.number,
            # A track's 待受理 / 处置中 read as the case states of the same name.
            status=Status.DISPATCHED.value
            if r.state == CoState.DISPATCHED.value
            else Status.ACCEPTED.value,
            status_label=f"协办·{CO_STATE_LABELS[CoState(r.state)]}",
            urgent=r.urgent,
            category=r[9],
            community=r[11],
            address=r.address,
            description=r.description,
            dispatched_at=r.dispatched_at,
            due_at=r.due_at,
            warn_at=r.warn_at,
            seconds_left=calendar.remaining_seconds(now, r.due_at, TimeBasis(r.basis)),
            working=r.basis == TimeBasis.WORKING.value,
            urge_count=0,
            extension_pending=False,
            dispatch_note=notes.get(r.id, ""),
            co=True,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class DepartmentFigures:
    """A department head's figures (部门负责人): its open work now and the last 30 days."""

    department: str
    open: int
    overdue: int
    urged: int
    closed_30d: int
    on_time_30d: int  # of closed_30d (a count; 按期结案率 is of the cases due)
    returned_30d: int
    pending_extensions: int


def department_figures(
    session: Session, actor: Actor, now: datetime | None = None
) -> DepartmentFigures:
    """The department's figures, for its head only (`department.stats`)."""
    actor.require("department.stats", "查看部门统计")
    dept = inbox_department(actor)
    now = now or utcnow()
    since = now - timedelta(days=30)
    counts = inbox_counts(session, actor, now)
    closed, on_time = session.execute(
        select(func.count(), func.sum(case((Case.ever_overdue.is_(False), 1), else_=0))).where(
            Case.closed_at >= since,
            Case.status == Status.CLOSED.value,
            # The month's closures, not every case the department ever closed (SQLite).
            unindexed(session, Case.department_id) == dept,
        )
    ).one()
    returned = session.scalar(
        select(func.count())
        .select_from(CaseEvent)
        .where(
            CaseEvent.action == Action.RETURN.value,
            CaseEvent.at >= since,
            CaseEvent.department_id == dept,
        )
    )
    pending = session.scalar(
        select(func.count())
        .select_from(ExtensionRequest)
        .where(ExtensionRequest.department_id == dept, ExtensionRequest.decision.is_(None))
    )
    name = session.get_one(Department, dept).name
    return DepartmentFigures(
        department=name,
        open=counts[Stage.TO_ACCEPT]
        + counts[Stage.HANDLING]
        + counts[Stage.TO_FEEDBACK]
        + counts[Stage.OVERDUE],
        overdue=counts[Stage.OVERDUE],
        urged=counts[Stage.URGED],
        closed_30d=int(closed or 0),
        on_time_30d=int(on_time or 0),
        returned_30d=int(returned or 0),
        pending_extensions=int(pending or 0),
    )


@dataclass(frozen=True)
class InboxView:
    """Everything the inbox shows at once: the stage counts, the first rows of one stage, the
    department's latest 申请延期 with their outcome and, for its head, its figures."""

    department: str
    stage: Stage
    counts: dict[Stage, int]
    rows: list[InboxRow]
    extensions: list[ExtensionInfo]
    figures: DepartmentFigures | None


def inbox_view(
    session: Session,
    actor: Actor,
    stage: Stage,
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
) -> InboxView:
    """A department account's inbox: what opening it or a live update reads, in one session."""
    dept = inbox_department(actor)
    now = now or utcnow()
    return InboxView(
        department=session.get_one(Department, dept).name,
        stage=stage,
        counts=inbox_counts(session, actor, now),
        rows=inbox_page(session, actor, stage, limit=limit, now=now),
        extensions=department_extensions(session, actor, limit=10),
        figures=department_figures(session, actor, now) if actor.can("department.stats") else None,
    )

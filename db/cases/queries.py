"""Reading cases: one case in full (detail pane, `case show`) and short lists (`case list`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from db.cases.co_tracks import CoTrack, co_case_ids, co_tracks, own_co_track, require_case_reader
from db.cases.reporters import ReporterEntry, merged_numbers, reporters_of
from db.cases.states import (
    GROUP_LABELS,
    SATISFACTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    Action,
    Group,
    Satisfaction,
    Source,
    Status,
    allowed_actions,
    event_label,
)
from db.errors import NotFound, ValidationError
from db.models import (
    Attachment,
    Case,
    CaseEvent,
    Category,
    Community,
    Department,
    Grid,
    MajorCategory,
)
from db.security.actors import Actor
from db.security.audit import record_audit
from db.security.personal_data import mask_name, mask_phone


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    action_label: str
    from_status: str | None
    to_status: str
    department: str | None
    note: str
    details: dict[str, Any] | None


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class CaseDetail:
    """Everything about one case, as the detail pane and `case show` present it."""

    id: int
    number: str
    version: int
    status: str
    status_label: str
    group: str
    is_open: bool
    source: str
    source_label: str
    urgent: bool
    community_code: str
    community: str
    grid_code: str
    grid: str
    category_code: str
    category: str
    major_category: str
    address: str
    longitude: float | None
    latitude: float | None
    description: str
    reporter_name: str
    reporter_phone: str
    reported_by: str
    department: str | None
    default_department: str | None
    reported_at: datetime
    registered_at: datetime | None
    dispatched_at: datetime | None
    accepted_at: datetime | None
    feedback_at: datetime | None
    closed_at: datetime | None
    dispatch_due: datetime | None
    handle_due: datetime | None
    verify_due: datetime | None
    due_at: datetime | None
    warn_at: datetime | None
    suspended_at: datetime | None
    ever_overdue: bool
    extension_count: int
    rework_count: int
    return_count: int
    urge_count: int
    satisfaction: str | None
    satisfaction_label: str | None
    merged_into: str | None
    allowed_actions: list[str]
    photos: list[PhotoInfo]
    history: list[HistoryEntry]
    time_basis: str = "working"  # how the category's limits count: working | natural
    co_tracks: list[CoTrack] = field(default_factory=list)  # 协办部门, each on its own track
    # 合并: every reporter (its own first), the cases merged into it and its count of reports.
    reporters: list[ReporterEntry] = field(default_factory=list)
    merged_cases: list[str] = field(default_factory=list)
    report_count: int = 1
    possible_duplicates: int = 0  # 疑似重复 found when it was reported
    # A department account reading a case it co-handles (协办): its department, whose track
    # it acts on (the lead's steps are then not offered).
    own_co_department: str | None = None

    @property
    def dispatch_note(self) -> str:
        """The 派遣意见 of the dispatch that sent the case to its current department ("" when
        it is with none, or that dispatch carried no note)."""
        if not self.department:
            return ""
        for entry in reversed(self.history):
            if entry.action in (Action.DISPATCH.value, Action.REDISPATCH.value):
                return entry.note if entry.department == self.department else ""
        return ""

    def to_json(self, *, reveal: bool = False) -> dict[str, Any]:
        """Stable JSON keys for `case show --json` (datetimes as ISO 8601 with offset).

        The reporter's name and phone are masked unless `reveal` (which the caller must have
        checked and audited: see `reveal_reporter`)."""
        out = asdict(self)
        if not reveal:
            out["reporter_name"] = mask_name(self.reporter_name)
            out["reporter_phone"] = mask_phone(self.reporter_phone)
        for key, value in list(out.items()):
            if isinstance(value, datetime):
                out[key] = value.isoformat()
        out["history"] = [{**asdict(h), "at": h.at.isoformat()} for h in self.history]
        out["co_tracks"] = [
            {
                key: value.isoformat() if isinstance(value, datetime) else value
                for key, value in {**asdict(t), "state_label": t.state_label}.items()
            }
            for t in self.co_tracks
        ]
        out["reporters"] = [r.to_json(reveal=reveal) for r in self.reporters]
        return out


def case_detail(session: Session, number: str, actor: Actor | None = None) -> CaseDetail:
    """Case `number` in full. For a department account (`actor.is_department`) only a case of
    its department, with the reporter's name and phone masked: a department sees what the
    case needs, not the citizen's personal data."""
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFound(f"案件 {number} 不存在")
    if actor is not None:
        actor.require("case.read", "查看案件")
        require_case_reader(session, actor, case.id, case.department_id, "查看此案件")
    detail = _case_detail(session, case)
    if actor is not None and actor.is_department:
        detail = replace(
            detail,
            reporter_name=mask_name(detail.reporter_name),
            reporter_phone=mask_phone(detail.reporter_phone),
        )
        if case.department_id != actor.department_id:
            # 协办 only: the lead's steps are not its own; it acts on its own track.
            track = own_co_track(session, actor, case.id)
            own = session.get(Department, track.department_id) if track is not None else None
            detail = replace(
                detail, allowed_actions=[], own_co_department=own.name if own else None
            )
    return detail


def _case_detail(session: Session, case: Case) -> CaseDetail:
    grid = session.get_one(Grid, case.grid_id)
    community = session.get_one(Community, case.community_id)
    category = session.get_one(Category, case.category_id)
    major = session.get_one(MajorCategory, category.major_id)
    dept = session.get(Department, case.department_id) if case.department_id else None
    default_dept = (
        session.get(Department, category.default_department_id)
        if category.default_department_id
        else None
    )
    merged_into = None
    if case.merged_into_id is not None:
        merged_into = session.scalar(select(Case.number).where(Case.id == case.merged_into_id))
    ev_dept = aliased(Department)
    events = session.execute(
        select(CaseEvent, ev_dept.name)
        .outerjoin(ev_dept, ev_dept.id == CaseEvent.department_id)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.at, CaseEvent.id)
    ).all()
    photos = session.execute(
        select(Attachment.id, Attachment.filename, Attachment.content_type, Attachment.data)
        .where(Attachment.case_id == case.id)
        .order_by(Attachment.id)
    ).all()
    status = Status(case.status)
    reporters = reporters_of(session, case)
    merged = merged_numbers(session, case.id)
    return CaseDetail(
        id=case.id,
        number=case.number,
        version=case.version,
        status=status.value,
        status_label=STATUS_LABELS[status],
        group=case.status_group,
        is_open=case.is_open,
        source=case.source,
        source_label=SOURCE_LABELS[Source(case.source)],
        urgent=case.urgent,
        community_code=community.code,
        community=community.name,
        grid_code=grid.code,
        grid=grid.name,
        category_code=category.code,
        category=category.name,
        major_category=major.name,
        address=case.address,
        longitude=case.longitude,
        latitude=case.latitude,
        description=case.description,
        reporter_name=case.reporter_name,
        reporter_phone=case.reporter_phone,
        reported_by=case.reported_by,
        department=dept.name if dept else None,
        default_department=default_dept.name if default_dept else None,
        reported_at=case.reported_at,
        registered_at=case.registered_at,
        dispatched_at=case.dispatched_at,
        accepted_at=case.accepted_at,
        feedback_at=case.feedback_at,
        closed_at=case.closed_at,
        dispatch_due=case.dispatch_due,
        handle_due=case.handle_due,
        verify_due=case.verify_due,
        due_at=case.due_at,
        warn_at=case.warn_at,
        suspended_at=case.suspended_at,
        ever_overdue=case.ever_overdue,
        extension_count=case.extension_count,
        rework_count=case.rework_count,
        return_count=case.return_count,
        urge_count=case.urge_count,
        satisfaction=case.satisfaction,
        satisfaction_label=SATISFACTION_LABELS[Satisfaction(case.satisfaction)]
        if case.satisfaction
        else None,
        merged_into=merged_into,
        time_basis=category.basis,
        reporters=reporters,
        merged_cases=merged,
        report_count=len(reporters),
        possible_duplicates=case.possible_duplicates,
        allowed_actions=[a.value for a in allowed_actions(status)],
        photos=[PhotoInfo(p.id, p.filename, p.content_type, len(p.data)) for p in photos],
        history=[
            HistoryEntry(
                at=ev.at,
                actor=ev.actor,
                action=ev.action,
                action_label=event_label(ev.action),
                from_status=ev.from_status,
                to_status=ev.to_status,
                department=dept_name,
                note=ev.note,
                details=ev.details,
            )
            for ev, dept_name in events
        ],
        co_tracks=co_tracks(session, case.id),
    )


def reveal_reporter(session: Session, actor: Actor, number: str, reason: str) -> tuple[str, str]:
    """The reporter's unmasked name and phone; needs `personal.reveal` and a reason, and
    leaves an audit entry in the caller's transaction."""
    actor.require("personal.reveal", "查看反映人的完整信息")
    if not reason.strip():
        raise ValidationError("查看完整个人信息需要填写原因")
    row = session.execute(
        select(Case.reporter_name, Case.reporter_phone).where(Case.number == number.strip())
    ).one_or_none()
    if row is None:
        raise NotFound(f"案件 {number} 不存在")
    record_audit(
        session,
        actor,
        "personal.reveal",
        "case",
        number.strip(),
        {"fields": ["reporter_name", "reporter_phone"], "reason": reason.strip()},
    )
    return row.reporter_name, row.reporter_phone


def photo_bytes(session: Session, photo_id: int, actor: Actor | None = None) -> bytes:
    """A photo's bytes; a department account's only of its department's cases."""
    row = session.execute(
        select(Attachment.data, Case.id, Case.department_id)
        .join(Case, Case.id == Attachment.case_id)
        .where(Attachment.id == photo_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"照片 {photo_id} 不存在")
    if actor is not None:
        require_case_reader(session, actor, row.id, row.department_id, "查看此照片")
    return bytes(row.data)


@dataclass(frozen=True)
class CaseSummary:
    number: str
    reported_at: datetime
    status: str
    status_label: str
    community: str
    grid_code: str
    category: str
    department: str | None
    urgent: bool
    due_at: datetime | None
    description: str

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["reported_at"] = _iso(self.reported_at)
        out["due_at"] = _iso(self.due_at)
        return out


def parse_status_filter(text: str) -> tuple[str, str]:
    """`--status` accepts a status (dispatched, 待受理) or a group (in_progress, 处置中)."""
    for status, label in STATUS_LABELS.items():
        if text in (status.value, label):
            return "status", status.value
    for group, label in GROUP_LABELS.items():
        if text in (group.value, label):
            return "group", group.value
    if text in ("open", "未结案"):
        return "open", "1"
    choices = "、".join(s.value for s in Status)
    raise ValidationError(
        f"状态「{text}」无法识别，可选：{choices}，或分组 {', '.join(g.value for g in Group)}"
    )


def list_cases(
    session: Session, status: str | None = None, limit: int = 200, actor: Actor | None = None
) -> list[CaseSummary]:
    """Newest first; `status` as accepted by `parse_status_filter`. A department account sees
    its department's cases only."""
    stmt = (
        select(Case, Community.name, Grid.code, Category.name, Department.name)
        .join(Community, Community.id == Case.community_id)
        .join(Grid, Grid.id == Case.grid_id)
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Department, Department.id == Case.department_id)
        .order_by(Case.reported_at.desc(), Case.id.desc())
        .limit(limit)
    )
    if actor is not None:
        actor.require("case.read", "查看案件")
        if actor.is_department and actor.department_id is not None:
            stmt = stmt.where(
                or_(
                    Case.department_id == actor.department_id,
                    Case.id.in_(co_case_ids(actor.department_id)),
                )
            )
        elif actor.is_department:
            stmt = stmt.where(Case.department_id == actor.department_id)
    if status:
        kind, value = parse_status_filter(status)
        if kind == "status":
            stmt = stmt.where(Case.status == value)
        elif kind == "group":
            stmt = stmt.where(Case.status_group == value)
        else:
            stmt = stmt.where(Case.is_open.is_(True))
    return [
        CaseSummary(
            number=c.number,
            reported_at=c.reported_at,
            status=c.status,
            status_label=STATUS_LABELS[Status(c.status)],
            community=community,
            grid_code=grid_code,
            category=category,
            department=dept,
            urgent=c.urgent,
            due_at=c.due_at,
            description=c.description,
        )
        for c, community, grid_code, category, dept in session.execute(stmt)
    ]

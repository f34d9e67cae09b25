"""Every reporter of a case: its own, and those of the duplicates merged into it (合并).

Merging a duplicate into a main case moves the duplicate's reporter (and the reporters merged
into the duplicate before) to the main case's `case_reporters`, so the main case lists every
report it stands for and each reporter is called back (回访) on their own when it is closed.
The case's own reporter is called back through the 回访 action (its satisfaction is the case's,
which the indices read); the others through `record_reporter_callback`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

from db.cases.states import (
    ALLOWED_FROM,
    SATISFACTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    Action,
    Satisfaction,
    Source,
    Status,
    parse_satisfaction,
)
from db.engine import Database
from db.errors import NotFound, ValidationError
from db.feed.change_log import record_changes
from db.models import Case, CaseReporter
from db.models.base import utcnow
from db.security.actors import Actor
from db.security.audit import record_audit
from db.security.personal_data import mask_name, mask_phone


@dataclass(frozen=True)
class ReporterEntry:
    """One reporter of a case. `id` 0 is the case's own reporter; others came with a merged
    duplicate (`from_case`)."""

    id: int
    name: str
    phone: str
    source: str
    source_label: str
    reported_at: datetime
    from_case: str  # the case they reported (the main case itself for its own reporter)
    callback_at: datetime | None
    satisfaction: str | None
    satisfaction_label: str | None

    @property
    def is_own(self) -> bool:
        return self.id == 0

    def to_json(self, *, reveal: bool = False) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name if reveal else mask_name(self.name),
            "phone": self.phone if reveal else mask_phone(self.phone),
            "source": self.source,
            "source_label": self.source_label,
            "reported_at": self.reported_at.isoformat(),
            "from_case": self.from_case,
            "callback_at": self.callback_at.isoformat() if self.callback_at else None,
            "satisfaction": self.satisfaction,
            "satisfaction_label": self.satisfaction_label,
        }


def _label(level: str | None) -> str | None:
    return SATISFACTION_LABELS[Satisfaction(level)] if level else None


def reporters_of(session: Session, case: Case) -> list[ReporterEntry]:
    """The case's own reporter first, then the merged ones in the order they reported."""
    own = ReporterEntry(
        0,
        case.reporter_name,
        case.reporter_phone,
        case.source,
        SOURCE_LABELS[Source(case.source)],
        case.reported_at,
        case.number,
        case.callback_at,
        case.satisfaction,
        _label(case.satisfaction),
    )
    origin = aliased(Case)
    rows = session.execute(
        select(CaseReporter, origin.number)
        .join(origin, origin.id == CaseReporter.from_case_id)
        .where(CaseReporter.case_id == case.id)
        .order_by(CaseReporter.reported_at, CaseReporter.id)
    )
    merged = [
        ReporterEntry(
            r.id,
            r.name,
            r.phone,
            r.source,
            SOURCE_LABELS[Source(r.source)],
            r.reported_at,
            number,
            r.callback_at,
            r.callback_satisfaction,
            _label(r.callback_satisfaction),
        )
        for r, number in rows
    ]
    return [own, *merged]


def merged_report_count(session: Session, case_id: int) -> int:
    """How many reports were merged into the case (its reports are 1 + this)."""
    return int(
        session.scalar(
            select(func.count()).select_from(CaseReporter).where(CaseReporter.case_id == case_id)
        )
        or 0
    )


def merged_numbers(session: Session, case_id: int) -> list[str]:
    """The numbers of the cases merged into the case, directly or through a merged one."""
    origin = aliased(Case)
    return list(
        session.scalars(
            select(origin.number)
            .join(CaseReporter, CaseReporter.from_case_id == origin.id)
            .where(CaseReporter.case_id == case_id)
            .order_by(CaseReporter.reported_at, CaseReporter.id)
        )
    )


def move_reporters(session: Session, duplicate: Case, main_id: int, now: datetime) -> None:
    """On 合并: the duplicate's reporter, and those merged into it, become the main case's."""
    session.execute(
        update(CaseReporter)
        .where(CaseReporter.case_id == duplicate.id)
        .values(case_id=main_id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        insert(CaseReporter),
        [
            {
                "case_id": main_id,
                "from_case_id": duplicate.id,
                "name": duplicate.reporter_name,
                "phone": duplicate.reporter_phone,
                "source": duplicate.source,
                "reported_at": duplicate.reported_at,
                "merged_at": now,
            }
        ],
    )


def record_reporter_callback(
    session: Session,
    actor: Actor,
    number: str,
    reporter_id: int,
    satisfaction: str,
    now: datetime | None = None,
) -> ReporterEntry:
    """回访 of a reporter merged into case `number` (`reporter_id` from `reporters_of`), once
    the case is closed. The case's own reporter is called back through the 回访 action."""
    actor.require("case.callback", "回访反映人")
    level = parse_satisfaction(satisfaction)
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFound(f"案件 {number} 不存在")
    status = Status(case.status)
    if status not in ALLOWED_FROM[Action.CALLBACK]:
        raise ValidationError(
            f"案件 {case.number} 状态为「{STATUS_LABELS[status]}」，办结后才能回访反映人"
        )
    row = session.get(CaseReporter, reporter_id)
    if row is None or row.case_id != case.id:
        raise NotFound(f"案件 {case.number} 没有编号为 {reporter_id} 的合并反映人")
    now = now or utcnow()
    row.callback_at = now
    row.callback_satisfaction = level.value
    row.callback_by = actor.label
    session.flush()
    record_changes(session, [case.id])
    record_audit(
        session,
        actor,
        "case.reporter_callback",
        "case",
        case.number,
        {"reporter": reporter_id, "satisfaction": level.value},
        now=now,
    )
    return next(r for r in reporters_of(session, case) if r.id == reporter_id)


def call_back_reporter(
    db: Database, actor: Actor, number: str, reporter_id: int, satisfaction: str
) -> ReporterEntry:
    """`record_reporter_callback` in its own transaction (the window's 记录回访)."""
    with db.write() as session:
        return record_reporter_callback(session, actor, number, reporter_id, satisfaction)

"""督办 and 上报 figures for the returns: per department (the urged department; the case's
department when it was escalated) or per community, for a period, with their results as of a
moment (督办回复, 上报后办结 / 未办结)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from db.models import Case, CaseEscalation, CaseUrge
from db.reference.streets import in_street
from db.stats.indices import Scope


@dataclass(frozen=True)
class EscalationCounts:
    urges: int = 0  # 督办件数: 督办单 issued in the period
    urges_replied: int = 0  # of those, answered by the moment
    escalated: int = 0  # 上报件数: 上报 made in the period
    escalated_closed: int = 0  # of those, the case closed (办结) by the moment
    escalated_open: int = 0  # of those, still open

    @property
    def reply_rate(self) -> float | None:
        return self.urges_replied / self.urges if self.urges else None


def escalation_counts(
    session: Session,
    start: datetime,
    end: datetime,
    as_of: datetime,
    scope: Scope,
    by: Literal["department", "community"],
) -> dict[int | None, EscalationCounts]:
    """The counts per department or community id of the period [start, end)."""
    found: dict[int | None, dict[str, int]] = {}

    def where(*conditions: object) -> list[object]:
        out = list(conditions)
        if scope.street_id is not None:
            out.append(in_street(Case.community_id, scope.street_id))
        if scope.community_id is not None:
            out.append(Case.community_id == scope.community_id)
        return out

    urge_key = CaseUrge.department_id if by == "department" else Case.community_id
    urge_filter = where(CaseUrge.issued_at >= start, CaseUrge.issued_at < end)
    if scope.department_id is not None:
        urge_filter.append(CaseUrge.department_id == scope.department_id)
    replied = and_(CaseUrge.replied_at.is_not(None), CaseUrge.replied_at <= as_of)
    for key, urges, answered in session.execute(
        select(urge_key, func.count(), func.sum(case((replied, 1), else_=0)))
        .select_from(CaseUrge)
        .join(Case, Case.id == CaseUrge.case_id)
        .where(*urge_filter)  # type: ignore[arg-type]
        .group_by(urge_key)
    ):
        found.setdefault(key, {}).update(urges=int(urges), urges_replied=int(answered or 0))

    esc_key = CaseEscalation.department_id if by == "department" else Case.community_id
    esc_filter = where(CaseEscalation.escalated_at >= start, CaseEscalation.escalated_at < end)
    if scope.department_id is not None:
        esc_filter.append(CaseEscalation.department_id == scope.department_id)
    closed = and_(Case.closed_at.is_not(None), Case.closed_at <= as_of)
    for esc_id, escalated, done in session.execute(
        select(esc_key, func.count(), func.sum(case((closed, 1), else_=0)))
        .select_from(CaseEscalation)
        .join(Case, Case.id == CaseEscalation.case_id)
        .where(*esc_filter)  # type: ignore[arg-type]
        .group_by(esc_key)
    ):
        found.setdefault(esc_id, {}).update(
            escalated=int(escalated),
            escalated_closed=int(done or 0),
            escalated_open=int(escalated) - int(done or 0),
        )
    return {k: EscalationCounts(**v) for k, v in found.items()}


def total_counts(rows: list[EscalationCounts]) -> EscalationCounts:
    return EscalationCounts(
        urges=sum(r.urges for r in rows),
        urges_replied=sum(r.urges_replied for r in rows),
        escalated=sum(r.escalated for r in rows),
        escalated_closed=sum(r.escalated_closed for r in rows),
        escalated_open=sum(r.escalated_open for r in rows),
    )

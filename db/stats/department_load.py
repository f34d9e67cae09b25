"""The department board's figures (部门看板; also the department picker's load): per active
department its 在办 / 预警 / 超期 now and this month's 按期结案率, by the definitions of
db/stats/definitions.py (the statistics page, the big screen and the returns count the same)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from db.cases.co_tracks import OPEN_VALUES
from db.models import Case, CaseDepartment
from db.reference.departments import active_departments
from db.reference.settings_store import CenterSettings, load_settings
from db.stats.definitions import on_time_rate, with_department
from db.stats.flows import department_on_time
from db.stats.periods import StatsFilter


@dataclass(frozen=True)
class DepartmentLoad:
    """One card of the department board (部门看板)."""

    id: int
    name: str
    open: int  # 在办: with the department now (definitions.DEPARTMENT_OPEN)
    warning: int  # 预警: warning time passed, deadline not yet
    overdue: int  # 超期: the department's stage past its deadline
    closed_month: int  # 结案 this month
    on_time_month: int  # of those, never past a deadline (按期结案)
    due_month: int = 0  # 应结案 this month
    co_open: int = 0  # 协办: co-department tracks open now (待受理, 处置中), apart from 在办
    co_overdue: int = 0  # of those, past their own deadline

    @property
    def on_time_rate(self) -> float | None:
        """本月按期结案率 (按期结案 ÷ 应结案), None (—) when nothing was closed this month."""
        return on_time_rate(self.on_time_month, self.due_month, self.closed_month)


def month_start(now: datetime, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return first.astimezone(UTC)


def month_span(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The local calendar month containing `now`, as UTC bounds [start, end)."""
    local = now.astimezone(tz)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = first.replace(year=first.year + (first.month == 12), month=first.month % 12 + 1)
    return first.astimezone(UTC), following.astimezone(UTC)


def open_load_statement(now: datetime) -> Select[*tuple[Any, ...]]:
    """在办, 预警, 超期 per department: the cases with their department now."""
    return (
        select(
            Case.department_id,
            func.count(),
            func.sum(case((and_(Case.warn_at <= now, Case.due_at > now), 1), else_=0)),
            func.sum(case((Case.due_at <= now, 1), else_=0)),
        )
        .where(with_department(), Case.department_id.is_not(None))
        .group_by(Case.department_id)
    )


def co_load_statement(now: datetime) -> Select[*tuple[Any, ...]]:
    """协办 open and overdue per department: its co-department tracks still being worked on
    (待受理, 处置中) of open cases, apart from the cases it leads."""
    return (
        select(
            CaseDepartment.department_id,
            func.count(),
            func.sum(case((CaseDepartment.due_at <= now, 1), else_=0)),
        )
        .join(Case, Case.id == CaseDepartment.case_id)
        .where(CaseDepartment.state.in_(OPEN_VALUES), Case.is_open)
        .group_by(CaseDepartment.department_id)
    )


def department_board(
    session: Session, now: datetime, settings: CenterSettings | None = None
) -> list[DepartmentLoad]:
    """Per active department: 在办, 预警 and 超期 now, and this month's 按期结案率."""
    settings = settings or load_settings(session)
    open_by = {
        r[0]: (int(r[1]), int(r[2] or 0), int(r[3] or 0))
        for r in session.execute(open_load_statement(now))
    }
    co_by = {r[0]: (int(r[1]), int(r[2] or 0)) for r in session.execute(co_load_statement(now))}
    start, end = month_span(now, settings.tz)
    month = {r.id: r for r in department_on_time(session, StatsFilter(start, end), now)}
    out = []
    for dept_id, name in active_departments(session):
        n_open, warning, overdue = open_by.get(dept_id, (0, 0, 0))
        m = month.get(dept_id)
        closed, ok, due = (m.closed, m.on_time, m.due) if m is not None else (0, 0, 0)
        co_open, co_overdue = co_by.get(dept_id, (0, 0))
        out.append(
            DepartmentLoad(
                dept_id, name, n_open, warning, overdue, closed, ok, due, co_open, co_overdue
            )
        )
    return out

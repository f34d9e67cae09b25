"""Alarms of urgent cases (紧急案件警报): raised when an urgent case is reported, reaches its
warning time (预警) and passes its deadline (超期); open until someone acknowledges them (确认).

Alarms are computed from the cases' clocks (`Case.warn_at`, `Case.due_at` of the current stage)
by whichever desk workstation (a role that may acknowledge alarms) looks first: `check_alarms`
finds the moments passed, inserts one row per case, kind and deadline (the unique key makes a
second workstation's insert a no-op) and returns every open alarm, for every case, whatever
the desk's queue filters hide; a read-only role's workstation only lists them. A new stage or
an extended deadline alarms again; one deadline alarms once. Moments more than `LOOKBACK` ago
are not alarmed (the first start on a year of cases would otherwise raise hundreds). Raising and
acknowledging are audited; an acknowledgement is sent through the change feed so the other
workstations clear it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases.states import GROUP_OF, OPEN_STATUSES, Status
from db.engine import Database
from db.errors import NotFound
from db.feed.change_log import record_changes
from db.models import Case, CaseAlarm, Category, Community, Grid
from db.models.base import utcnow
from db.security.actors import Actor
from db.security.audit import record_audit

LOOKBACK = timedelta(hours=24)
OPEN_LIMIT = 200  # open alarms listed at most (the count is always exact)
ACK_PERMISSION = "alarm.acknowledge"


class AlarmKind(StrEnum):
    NEW = "new"  # 新上报
    WARNING = "warning"  # 到预警时间
    OVERDUE = "overdue"  # 已超期


@dataclass(frozen=True)
class Alarm:
    id: int
    case_id: int
    number: str
    kind: AlarmKind
    deadline: datetime
    raised_at: datetime
    category: str
    place: str  # 社区/网格
    status: str
    description: str


@dataclass(frozen=True)
class AlarmCheck:
    raised: list[Alarm]  # raised by this check
    open: list[Alarm]  # unacknowledged, newest first, at most OPEN_LIMIT
    open_count: int
    next_at: datetime | None  # the next warning time or deadline of an urgent open case


def _not_alarmed(kind: AlarmKind, deadline: Any) -> Any:
    return ~exists().where(
        CaseAlarm.case_id == Case.id, CaseAlarm.kind == kind.value, CaseAlarm.deadline == deadline
    )


# Read through the index on (status_group, urgent, due_at): the urgent open cases only, not
# every open case (a check every few seconds on a million cases: 0.04 s instead of 0.3 s).
_OPEN_GROUP = Case.status_group.in_(sorted({GROUP_OF[s].value for s in OPEN_STATUSES}))


def due_alarms(session: Session, now: datetime) -> list[tuple[int, str, AlarmKind, datetime]]:
    """(case id, number, kind, deadline) of the alarms whose moment has come and that no one
    raised yet: urgent cases reported and still 待立案, urgent open cases past their warning
    time (not yet overdue) and past their deadline, within `LOOKBACK`."""
    since = now - LOOKBACK
    urgent_open = and_(Case.is_open.is_(True), Case.urgent.is_(True), _OPEN_GROUP)
    queries = (
        (
            AlarmKind.NEW,
            Case.reported_at,
            and_(
                Case.urgent.is_(True),
                Case.status == Status.REPORTED.value,
                Case.reported_at > since,
                Case.reported_at <= now,
            ),
        ),
        (
            AlarmKind.WARNING,
            Case.warn_at,
            and_(urgent_open, Case.warn_at > since, Case.warn_at <= now, Case.due_at > now),
        ),
        (
            AlarmKind.OVERDUE,
            Case.due_at,
            and_(urgent_open, Case.due_at > since, Case.due_at <= now),
        ),
    )
    found: list[tuple[int, str, AlarmKind, datetime]] = []
    for kind, column, condition in queries:
        stmt = (
            select(Case.id, Case.number, column)
            .where(condition, _not_alarmed(kind, column))
            .order_by(column, Case.id)
        )
        found.extend((int(i), str(n), kind, d) for i, n, d in session.execute(stmt) if d)
    return found


def raise_alarms(session: Session, actor: Actor, now: datetime | None = None) -> list[int]:
    """Insert the alarms whose moment has come, in the caller's transaction; their ids (an
    alarm another workstation raised first is left to it). Raised by the desk's roles (those
    who may acknowledge them): a read-only role's workstation writes nothing."""
    actor.require(ACK_PERMISSION, "发出警报")
    now = now or utcnow()
    due = due_alarms(session, now)
    if not due:
        return []
    dialect = session.get_bind().dialect.name
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    values = [
        {
            "case_id": case_id,
            "kind": kind.value,
            "deadline": deadline,
            "raised_at": now,
            "raised_by": actor.label,
        }
        for case_id, _number, kind, deadline in due
    ]
    stmt = (
        ins(CaseAlarm)
        .values(values)
        .on_conflict_do_nothing(
            index_elements=[CaseAlarm.case_id, CaseAlarm.kind, CaseAlarm.deadline]
        )
        .returning(CaseAlarm.id, CaseAlarm.case_id, CaseAlarm.kind)
    )
    inserted = {(int(c), str(k)): int(i) for i, c, k in session.execute(stmt)}
    ids: list[int] = []
    for case_id, number, kind, deadline in due:
        alarm_id = inserted.get((case_id, kind.value))
        if alarm_id is None:
            continue
        ids.append(alarm_id)
        record_audit(
            session,
            actor,
            "case.alarm",
            "case",
            number,
            {"kind": kind.value, "deadline": deadline.isoformat()},
            now=now,
        )
    return ids


def _alarm_statement() -> Any:
    return (
        select(
            CaseAlarm.id,
            CaseAlarm.case_id,
            Case.number,
            CaseAlarm.kind,
            CaseAlarm.deadline,
            CaseAlarm.raised_at,
            Category.name,
            Community.name,
            Grid.name,
            Case.status,
            func.substr(Case.description, 1, 40),
        )
        .join(Case, Case.id == CaseAlarm.case_id)
        .join(Category, Category.id == Case.category_id)
        .join(Community, Community.id == Case.community_id)
        .join(Grid, Grid.id == Case.grid_id)
    )


def _alarm(row: Any) -> Alarm:
    alarm_id, case_id, number, kind, deadline, raised_at, category, community, grid = row[:9]
    status, description = row[9], row[10]
    return Alarm(
        id=int(alarm_id),
        case_id=int(case_id),
        number=str(number),
        kind=AlarmKind(kind),
        deadline=deadline,
        raised_at=raised_at,
        category=str(category),
        place=f"{community}/{grid}",
        status=str(status),
        description=" ".join(str(description or "").split()),
    )


def open_alarms(session: Session, limit: int = OPEN_LIMIT) -> tuple[list[Alarm], int]:
    """The unacknowledged alarms, the latest moment first (a case reported a minute ago above
    a deadline passed an hour ago, even when one check raised both), at most `limit`, and how
    many there are."""
    count = session.scalar(
        select(func.count()).select_from(CaseAlarm).where(CaseAlarm.acknowledged_at.is_(None))
    )
    stmt = (
        _alarm_statement()
        .where(CaseAlarm.acknowledged_at.is_(None))
        .order_by(CaseAlarm.deadline.desc(), CaseAlarm.id.desc())
        .limit(limit)
    )
    return [_alarm(r) for r in session.execute(stmt)], int(count or 0)


def alarms_of(session: Session, alarm_ids: Sequence[int]) -> list[Alarm]:
    if not alarm_ids:
        return []
    stmt = _alarm_statement().where(CaseAlarm.id.in_(list(alarm_ids))).order_by(CaseAlarm.id)
    return [_alarm(r) for r in session.execute(stmt)]


def next_alarm_time(session: Session, now: datetime) -> datetime | None:
    """The next warning time or deadline of an urgent open case (when to look again)."""
    urgent_open = and_(Case.is_open.is_(True), Case.urgent.is_(True), _OPEN_GROUP)
    warn = session.scalar(select(func.min(Case.warn_at)).where(urgent_open, Case.warn_at > now))
    due = session.scalar(select(func.min(Case.due_at)).where(urgent_open, Case.due_at > now))
    found = [t for t in (warn, due) if t is not None]
    return min(found) if found else None


def check_alarms(db: Database, actor: Actor, now: datetime | None = None) -> AlarmCheck:
    """Raise what is due (a write only when something is, and only for a role that may
    acknowledge alarms) and list the open alarms."""
    actor.require("case.read", "查看案件警报")
    now = now or utcnow()
    raised: list[int] = []
    pending = False
    if actor.can(ACK_PERMISSION):
        with db.read() as session:
            pending = bool(due_alarms(session, now))
    if pending:
        with db.write() as session:
            raised = raise_alarms(session, actor, now)
    with db.read() as session:
        listed, count = open_alarms(session)
        return AlarmCheck(alarms_of(session, raised), listed, count, next_alarm_time(session, now))


def acknowledge_alarms(
    session: Session, alarm_ids: Iterable[int], actor: Actor, now: datetime | None = None
) -> int:
    """确认: mark the alarms acknowledged by `actor` now, in the caller's transaction; how many
    were still open (one someone else acknowledged first keeps their name)."""
    actor.require(ACK_PERMISSION, "确认警报")
    wanted = sorted(set(alarm_ids))
    if not wanted:
        return 0
    now = now or utcnow()
    found = session.execute(
        select(CaseAlarm.id, CaseAlarm.case_id, CaseAlarm.kind, Case.number, CaseAlarm.deadline)
        .join(Case, Case.id == CaseAlarm.case_id)
        .where(CaseAlarm.id.in_(wanted), CaseAlarm.acknowledged_at.is_(None))
        .order_by(CaseAlarm.id)
    ).all()
    if not found:
        known = session.scalar(
            select(func.count()).select_from(CaseAlarm).where(CaseAlarm.id.in_(wanted))
        )
        if not known:
            raise NotFound("警报不存在")
        return 0
    session.execute(
        update(CaseAlarm)
        .where(CaseAlarm.id.in_([r[0] for r in found]), CaseAlarm.acknowledged_at.is_(None))
        .values(acknowledged_at=now, acknowledged_by=actor.label)
    )
    for _alarm_id, _case_id, kind, number, deadline in found:
        record_audit(
            session,
            actor,
            "case.alarm.acknowledge",
            "case",
            number,
            {"kind": kind, "deadline": deadline.isoformat()},
            now=now,
        )
    record_changes(session, [r[1] for r in found])
    return len(found)


def acknowledge(db: Database, alarm_ids: Iterable[int], actor: Actor) -> int:
    """`acknowledge_alarms` in its own transaction."""
    with db.write() as session:
        return acknowledge_alarms(session, alarm_ids, actor)

"""The escalation sweeper (`run_escalation`): what the rules say at the moments that passed.

Since its last run (a watermark in the settings table) it looks at four kinds of moment, each an
index range, so a run costs the cases whose moment came, not the whole database:

- remind: an open case at its department reached its warning time → a reminder (the
  department's inbox alarm, acknowledged there);
- urge: its deadline passed → 系统督办 (a 督办单 from the system, history and audit);
- escalate: its deadline passed N working days ago → 上报 to the rule's target (the window on
  `due_at` is found by bisection on the working calendar, whose `add` is monotone);
- reply: a 督办单's reply deadline passed unanswered → the case is 上报 (the overdue reply
  escalates).

Each moment is claimed by inserting (case, stage, moment) into `escalation_fires` with
ON CONFLICT DO NOTHING in the same transaction as the action, so a second run, or a second
workstation running at the same time on PostgreSQL (its insert waits for the first commit, then
does nothing), acts once. A moment whose action failed (a case changed underneath) holds the
watermark back so the next run tries it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases.states import Status
from db.clock import TimeBasis, WorkCalendar
from db.engine import Database
from db.errors import UserError
from db.escalation.documents import escalate_in, system_urge
from db.escalation.rules import TARGET_LABELS, Rule, RuleBook, rule_book
from db.models import Case, CaseEscalation, CaseUrge, EscalationFire, Setting
from db.models.base import utcnow
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM

log = logging.getLogger(__name__)

WATERMARK_KEY = "escalation.watermark"
FIRST_LOOKBACK = timedelta(hours=24)  # the first run does not act on a year of old moments
_AT_DEPARTMENT = (Status.DISPATCHED.value, Status.ACCEPTED.value)
_ONE_US = timedelta(microseconds=1)


@dataclass
class EscalationRun:
    """What one run did: case numbers per stage, and the moments it could not act on."""

    since: datetime
    until: datetime
    reminded: list[str] = field(default_factory=list)
    urged: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    replies_escalated: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.reminded) + len(self.urged) + len(self.escalated) + len(self.replies_escalated)
        )


def latest_start(calendar: WorkCalendar, t: datetime, minutes: int) -> datetime:
    """The latest `d` with `calendar.add(d, minutes, WORKING) <= t` (bisection: `add` is
    monotone non-decreasing in its start)."""
    days = minutes // max(calendar.hours.minutes_per_day, 1) + 1
    lo = t - timedelta(days=days * 2 + 21)
    while calendar.add(lo, minutes, TimeBasis.WORKING) > t:
        lo -= timedelta(days=30)
    hi = t
    while hi - lo > _ONE_US:
        mid = lo + (hi - lo) / 2
        if calendar.add(mid, minutes, TimeBasis.WORKING) <= t:
            lo = mid
        else:
            hi = mid
    return lo


def escalation_moment(calendar: WorkCalendar, due: datetime, days: int) -> datetime:
    """When a case due at `due` has been overdue `days` working days."""
    return calendar.add(due, days * calendar.hours.minutes_per_day, TimeBasis.WORKING)


def _claim(
    session: Session,
    case_id: int,
    stage: str,
    moment: datetime,
    rule: Rule | None,
    department_id: int | None,
    now: datetime,
) -> bool:
    """Insert the (case, stage, moment) key; False when a run already claimed it."""
    dialect = session.get_bind().dialect.name
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        ins(EscalationFire)
        .values(
            case_id=case_id,
            stage=stage,
            moment=moment,
            rule_id=rule.id if rule else None,
            department_id=department_id,
            fired_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=[EscalationFire.case_id, EscalationFire.stage, EscalationFire.moment]
        )
        .returning(EscalationFire.id)
    )
    return session.execute(stmt).first() is not None


def _watermark(session: Session) -> datetime | None:
    value = session.scalar(select(Setting.value).where(Setting.key == WATERMARK_KEY))
    return datetime.fromisoformat(str(value)) if value else None


def _set_watermark(session: Session, moment: datetime) -> None:
    row = session.get(Setting, WATERMARK_KEY, with_for_update=True)
    if row is None:
        dialect = session.get_bind().dialect.name
        ins = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(
            ins(Setting)
            .values(key=WATERMARK_KEY, value=moment.isoformat(), note="督办规则：上次检查到的时刻")
            .on_conflict_do_nothing(index_elements=[Setting.key])
        )
        row = session.get(Setting, WATERMARK_KEY, with_for_update=True)
        assert row is not None
    if row.value is None or datetime.fromisoformat(str(row.value)) < moment:
        row.value = moment.isoformat()


@dataclass(frozen=True)
class _Due:
    case_id: int
    number: str
    stage: str
    moment: datetime
    rule: Rule
    department_id: int | None
    urge_id: int | None = None


def _due_moments(
    session: Session, book: RuleBook, calendar: WorkCalendar, since: datetime, now: datetime
) -> list[_Due]:
    found: list[_Due] = []
    at_department = and_(
        Case.is_open.is_(True),
        Case.status.in_(_AT_DEPARTMENT),
        Case.department_id.is_not(None),
    )
    cols = (Case.id, Case.number, Case.category_id, Case.urgent, Case.department_id)
    for row in session.execute(
        select(*cols, Case.warn_at).where(
            Case.is_open.is_(True), Case.warn_at > since, Case.warn_at <= now, at_department
        )
    ):
        rule = book.rule_for(row.category_id, row.urgent)
        if rule and rule.remind_at_warning:
            found.append(_Due(row.id, row.number, "remind", row.warn_at, rule, row.department_id))
    for row in session.execute(
        select(*cols, Case.due_at).where(
            Case.is_open.is_(True), Case.due_at > since, Case.due_at <= now, at_department
        )
    ):
        rule = book.rule_for(row.category_id, row.urgent)
        if rule and rule.urge_at_deadline:
            found.append(_Due(row.id, row.number, "urge", row.due_at, rule, row.department_id))
    for days in sorted({r.escalate_after_days for r in book.all if r.escalate_after_days}):
        minutes = days * calendar.hours.minutes_per_day
        lo, hi = latest_start(calendar, since, minutes), latest_start(calendar, now, minutes)
        if hi <= lo:
            continue
        for row in session.execute(
            select(*cols, Case.due_at).where(
                Case.is_open.is_(True), Case.due_at > lo, Case.due_at <= hi, at_department
            )
        ):
            rule = book.rule_for(row.category_id, row.urgent)
            if rule is None or rule.escalate_after_days != days:
                continue
            moment = escalation_moment(calendar, row.due_at, days)
            found.append(_Due(row.id, row.number, "escalate", moment, rule, row.department_id))
    for reply in session.execute(
        select(*cols, CaseUrge.reply_by, CaseUrge.id.label("urge_id"))
        .join(Case, Case.id == CaseUrge.case_id)
        .where(
            CaseUrge.reply_by > since,
            CaseUrge.reply_by <= now,
            CaseUrge.replied_at.is_(None),
            CaseUrge.escalated_at.is_(None),
            Case.is_open.is_(True),
        )
    ):
        rule = book.rule_for(reply.category_id, reply.urgent)
        if rule is not None:
            found.append(
                _Due(
                    reply.id,
                    reply.number,
                    "reply",
                    reply.reply_by,
                    rule,
                    reply.department_id,
                    reply.urge_id,
                )
            )
    order = {"remind": 0, "urge": 1, "escalate": 2, "reply": 3}
    found.sort(key=lambda d: (d.moment, order[d.stage], d.case_id))
    return found


def _has_open_escalation(session: Session, case_id: int) -> bool:
    return (
        session.scalar(
            select(CaseEscalation.id).where(
                CaseEscalation.case_id == case_id, CaseEscalation.resolved_at.is_(None)
            )
        )
        is not None
    )


def _act(session: Session, due: _Due, now: datetime, calendar: WorkCalendar) -> bool:
    """Claim the moment and do what its stage says; False when another run had claimed it
    or there was nothing to do (the case is already 上报 and not decided on)."""
    if not _claim(session, due.case_id, due.stage, due.moment, due.rule, due.department_id, now):
        return False
    local = due.moment.astimezone(calendar.tz)
    if due.stage == "urge":
        system_urge(session, due.number, due.rule, now, due.moment)
    elif due.stage == "reply":
        session.execute(update(CaseUrge).where(CaseUrge.id == due.urge_id).values(escalated_at=now))
    if due.stage in ("escalate", "reply"):
        if _has_open_escalation(session, due.case_id):
            return False
        if due.stage == "escalate":
            reason = (
                f"超期 {due.rule.escalate_after_days} 个工作日未办结"
                f"（{local:%Y-%m-%d %H:%M}），按督办规则上报"
            )
        else:
            reason = f"督办单未在回复期限（{local:%Y-%m-%d %H:%M}）前回复，按督办规则上报"
        escalate_in(session, due.number, due.rule.escalate_to, reason, SYSTEM, now, by_system=True)
    return True


def run_escalation(db: Database, now: datetime | None = None) -> EscalationRun:
    """Act on every rule moment that passed since the last run (see the module's doc)."""
    now = now or utcnow()
    with db.read() as session:
        mark = _watermark(session)
        since = mark if mark is not None else now - FIRST_LOOKBACK
        run = EscalationRun(since, now)
        if since >= now:
            return run
        calendar = load_settings(session).calendar()
        book = rule_book(session)
        moments = _due_moments(session, book, calendar, since, now)
    held_back: datetime | None = None
    lists: dict[str, Callable[[], list[str]]] = {
        "remind": lambda: run.reminded,
        "urge": lambda: run.urged,
        "escalate": lambda: run.escalated,
        "reply": lambda: run.replies_escalated,
    }
    for due in moments:
        try:
            with db.write() as session:
                acted = _act(session, due, now, calendar)
        except UserError as exc:  # the case changed underneath: try again next run
            log.info("escalation %s of %s not done: %s", due.stage, due.number, exc)
            run.failed.append((due.number, str(exc)))
            if held_back is None or due.moment < held_back:
                held_back = due.moment
            continue
        if acted:
            lists[due.stage]().append(due.number)
    with db.write() as session:
        _set_watermark(session, now if held_back is None else held_back - _ONE_US)
    return run


def describe_run(run: EscalationRun) -> str:
    """One line for the CLI and the log."""
    parts = [
        f"预警提醒 {len(run.reminded)} 件",
        f"系统督办 {len(run.urged)} 件",
        f"超期上报 {len(run.escalated)} 件",
        f"督办回复逾期上报 {len(run.replies_escalated)} 件",
    ]
    text = "，".join(parts)
    if run.failed:
        text += f"；{len(run.failed)} 件未能处理，下次再试"
    return text


__all__ = [
    "TARGET_LABELS",
    "EscalationRun",
    "describe_run",
    "escalation_moment",
    "latest_start",
    "run_escalation",
]


@dataclass(frozen=True)
class Reminder:
    """A 预警提醒 in a department's inbox: the case reached its warning time."""

    id: int
    number: str
    warn_at: datetime
    fired_at: datetime


def open_reminders_for_department(session: Session, department_id: int) -> list[Reminder]:
    """The department's unacknowledged 预警提醒 on cases still open, the earliest first."""
    rows = session.execute(
        select(EscalationFire.id, Case.number, EscalationFire.moment, EscalationFire.fired_at)
        .join(Case, Case.id == EscalationFire.case_id)
        .where(
            EscalationFire.department_id == department_id,
            EscalationFire.stage == "remind",
            EscalationFire.acknowledged_at.is_(None),
            Case.is_open.is_(True),
        )
        .order_by(EscalationFire.moment, EscalationFire.id)
    ).all()
    return [Reminder(int(i), str(n), m, f) for i, n, m, f in rows]


def acknowledge_reminders(
    db: Database, reminder_ids: list[int], department_id: int, now: datetime | None = None
) -> int:
    """The department has seen these 预警提醒 (its inbox): how many were still open. Only the
    department's own reminders are touched."""
    now = now or utcnow()
    with db.write() as session:
        result = session.execute(
            update(EscalationFire)
            .where(
                EscalationFire.id.in_(sorted(set(reminder_ids))),
                EscalationFire.department_id == department_id,
                EscalationFire.stage == "remind",
                EscalationFire.acknowledged_at.is_(None),
            )
            .values(acknowledged_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

"""Moving the open cases' deadlines when the holiday calendar changes (时限重算).

A running stage keeps the working minutes it was given; only where they fall on the calendar
changes. For each open case of a working-time category whose clock runs (due_at set), the
minutes from the stage's start to its deadline and to its warning time are measured on the
calendar before the change and laid out again on the new one, from the same start. That holds
for every way a stage begins: a full limit (派遣, 退单, 反馈, 返工), the rest of a limit after
挂账 (解挂 starts the stage at the resumption with the remaining minutes), or a dispatch stage
run again after 撤回. A deadline an operator set by 延期 is a moment, not a number of minutes:
it stays, and its warning time is worked out again as 延期 does (the warning share of the
stage's span on the new calendar). A suspended case (挂账) has no running clock; its remaining
minutes are working minutes and count on the new calendar when it resumes. Closed cases keep
everything.

Each moved case gets a history event `recompute` (时限重算) naming who changed the calendar
and why, a new version (a dialog open on the old version must reload) and a change-log row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.cases.history_chain import add_events
from db.cases.states import RECOMPUTE_EVENT, STATUS_LABELS, Action, Status
from db.clock import TimeBasis, WorkCalendar
from db.errors import StaleCase
from db.feed.change_log import record_changes
from db.models import Case, CaseEvent, Category
from db.security.actors import Actor

# The stage column each running status's deadline also lives in.
_STAGE_DUE = {
    Status.REPORTED.value: "dispatch_due",
    Status.REGISTERED.value: "dispatch_due",
    Status.RETURNED.value: "dispatch_due",
    Status.DISPATCHED.value: "handle_due",
    Status.ACCEPTED.value: "handle_due",
    Status.FEEDBACK.value: "verify_due",
}


@dataclass(frozen=True)
class MovedDeadline:
    number: str
    previous_due: datetime
    due: datetime


def recompute_deadlines(
    session: Session,
    before: WorkCalendar,
    after: WorkCalendar,
    warn_share: float,
    actor: Actor,
    reason: str,
    now: datetime,
) -> list[MovedDeadline]:
    """Move the deadlines of the open working-time cases from `before` to `after` in the
    caller's transaction; returns the cases whose deadline or warning time moved."""
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            Case.status,
            Case.version,
            Case.department_id,
            Case.stage_started_at,
            Case.due_at,
            Case.warn_at,
            Case.dispatch_due,
            Case.handle_due,
            Case.verify_due,
        )
        .join(Category, Category.id == Case.category_id)
        .where(
            Case.is_open.is_(True),
            Case.due_at.is_not(None),
            Case.stage_started_at.is_not(None),
            Category.basis == TimeBasis.WORKING.value,
        )
        .order_by(Case.id)
    ).all()
    if not rows:
        return []
    # 延期 leaves the stage's start as it was: an extension at or after it is this stage's.
    extended = set(
        session.scalars(
            select(CaseEvent.case_id)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                Case.is_open.is_(True),
                CaseEvent.action == Action.EXTEND.value,
                CaseEvent.at >= Case.stage_started_at,
            )
        )
    )
    basis = TimeBasis.WORKING
    moved: list[MovedDeadline] = []
    moved_ids: list[int] = []
    events: list[dict[str, object]] = []
    for row in rows:
        start: datetime = row.stage_started_at
        due: datetime = row.due_at
        warn: datetime | None = row.warn_at
        if row.id in extended:
            new_due = due
            span = max(after.elapsed(start, due, basis), 0)
            new_warn: datetime | None = after.add(start, round(span * warn_share), basis)
        else:
            new_due = after.add(start, max(before.elapsed(start, due, basis), 0), basis)
            new_warn = (
                None
                if warn is None
                else after.add(start, max(before.elapsed(start, warn, basis), 0), basis)
            )
        if new_due == due and new_warn == warn:
            continue
        values: dict[str, object] = {
            "due_at": new_due,
            "warn_at": new_warn,
            "version": row.version + 1,
            "updated_at": now,
        }
        stage_due = _STAGE_DUE.get(row.status)
        if stage_due is not None and getattr(row, stage_due) == due:
            values[stage_due] = new_due
        result = session.execute(
            update(Case)
            .where(Case.id == row.id, Case.version == row.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            # Lost a race with a transition: nothing of the calendar change is kept.
            fresh = session.scalar(select(Case.status).where(Case.id == row.id))
            state = STATUS_LABELS[Status(fresh)] if fresh else "已删除"
            raise StaleCase(row.number, state, "节假日调整")
        details: dict[str, object] = {
            "previous_due": due.isoformat(),
            "due": new_due.isoformat(),
        }
        if warn is not None and new_warn is not None:
            details["previous_warn"] = warn.isoformat()
            details["warn"] = new_warn.isoformat()
        events.append(
            {
                "case_id": row.id,
                "at": now,
                "actor": actor.label,
                "action": RECOMPUTE_EVENT,
                "from_status": row.status,
                "to_status": row.status,
                "department_id": row.department_id,
                "note": reason,
                "details": details,
            }
        )
        moved.append(MovedDeadline(row.number, due, new_due))
        moved_ids.append(row.id)
    if events:
        add_events(session, events)
        record_changes(session, moved_ids)
    return moved

"""The transition rules of a case, as one pure function: given a case's columns, an action
allowed in its state and the moment it happens, `plan_transition` returns the new status, every
column that changes (deadlines on the centre's `WorkCalendar`, warning times, counters,
`ever_overdue`, status group, version) and the history event's details.

Nothing here reads or writes the database: the workflow service checks the request against the
database and writes the result; the demo street lives generated cases forward through the same
function, so demo histories follow the workflow's rules by construction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.cases.states import GROUP_OF, OPEN_STATUSES, Action, Satisfaction, Status
from db.clock import TimeBasis, WorkCalendar

# Plain-string lookups: enum attribute access is a measurable share of a million-case demo build.
_STATUS_OF: dict[str, Status] = {s.value: s for s in Status}
_STATUS_VALUE: dict[Status, str] = {s: s.value for s in Status}
_GROUP_VALUE: dict[Status, str] = {s: GROUP_OF[s].value for s in Status}
_OPEN: dict[Status, bool] = {s: s in OPEN_STATUSES for s in Status}
_CLOSING: dict[Action, Status] = {
    Action.REJECT: Status.REJECTED,
    Action.SELF_RESOLVE: Status.SELF_RESOLVED,
    Action.VERIFY: Status.CLOSED,
}

# The case columns `plan_transition` reads.
STATE_COLUMNS = (
    "status",
    "version",
    "reported_at",
    "department_id",
    "registered_at",
    "due_at",
    "dispatch_due",
    "stage_started_at",
    "suspended_at",
    "suspended_from",
    "remaining_minutes",
    "return_count",
    "rework_count",
    "extension_count",
    "urge_count",
    "hotline_due",
)


def reported_state(now: datetime, dispatch_due: datetime, warn_at: datetime) -> dict[str, Any]:
    """The workflow columns of a case just reported (上报): 待立案, open, version 1, and the
    dispatch stage's clock running from `now` (its deadline from the category's limit)."""
    return {
        "status": _STATUS_VALUE[Status.REPORTED],
        "status_group": _GROUP_VALUE[Status.REPORTED],
        "is_open": True,
        "updated_at": now,
        "dispatch_due": dispatch_due,
        "stage_started_at": now,
        "due_at": dispatch_due,
        "warn_at": warn_at,
        "version": 1,
    }


@dataclass(frozen=True)
class StageClock:
    """How the deadlines of one case's category run: its stage limits in minutes, whether
    they count natural or working time, the centre's calendar and its warning share."""

    calendar: WorkCalendar
    warn_share: float
    basis: TimeBasis
    dispatch_minutes: int
    handle_minutes: int
    verify_minutes: int

    def deadline(self, now: datetime, minutes: int) -> tuple[datetime, datetime]:
        """The due and warning times of a stage of `minutes` starting at `now`."""
        return self.calendar.deadline(now, minutes, self.basis, self.warn_share)


@dataclass(frozen=True)
class Move:
    """What an action needs besides the case, already checked by the caller."""

    department_id: int | None = None  # 派遣 / 改派: the department (its name via `names`)
    until: datetime | None = (
        None  # 延期 (later than the current one); 派遣/改派 with a set deadline
    )
    satisfaction: Satisfaction | None = None  # 回访
    solved: bool | None = None  # 回访: None → solved when 满意 or 基本满意
    into: tuple[int, str] | None = None  # 合并: the main case's id and number
    stage_began: datetime | None = None  # 撤回: when the dispatch stage began (report or 退单)


@dataclass(frozen=True)
class Transition:
    """The outcome of one action: new status, column changes and history details."""

    status: Status
    values: dict[str, Any]
    details: dict[str, Any]
    department_id: int | None  # the case's department afterwards (the event's department)


def plan_transition(
    case: Mapping[str, Any],
    action: Action,
    now: datetime,
    clock: StageClock,
    move: Move = Move(),
    names: Callable[[int], str | None] = lambda _: None,
) -> Transition:
    """The transition `action` makes at `now` on a case whose columns `case` holds (at least
    `STATE_COLUMNS`); `names` gives a department's name for the history. The caller has
    checked that the action is allowed in the case's status and that `move` is complete."""
    status = _STATUS_OF[case["status"]]
    values: dict[str, Any] = {}
    details: dict[str, Any] = {}
    department_id: int | None = case["department_id"]
    new = status

    def start_stage(minutes: int, due_field: str, until: datetime | None = None) -> None:
        due, warn = clock.deadline(now, minutes)
        if until is not None:  # a deadline set by hand (a 联席会议's decision)
            span = max(clock.calendar.elapsed(now, until, clock.basis), 0)
            due, warn = until, clock.calendar.add(now, round(span * clock.warn_share), clock.basis)
        # A 联席会议's deadline set by hand stands; otherwise the hotline's may come first.
        hotline_due = (
            case.get("hotline_due") if due_field == "handle_due" and until is None else None
        )
        if hotline_due is not None and hotline_due < due:
            # The 12345 hotline's 办理时限 comes first: the stage ends by it, warned at the
            # same share of what is left.
            due = hotline_due
            span = max(clock.calendar.elapsed(now, due, clock.basis), 0)
            warn = clock.calendar.add(now, round(span * clock.warn_share), clock.basis)
        values.update({due_field: due, "stage_started_at": now, "due_at": due, "warn_at": warn})

    def stop_clock() -> None:
        values.update({"due_at": None, "warn_at": None, "stage_started_at": None})

    def note_overdue() -> None:
        """Mark the case overdue (超期) if the running stage ended after its deadline."""
        due = case["due_at"]
        if due is not None and now > due:
            values["ever_overdue"] = True
            details["overdue_minutes"] = clock.calendar.elapsed(due, now, clock.basis)

    if action is Action.REGISTER:
        values["registered_at"] = now
        new = Status.REGISTERED
    elif action in _CLOSING:
        note_overdue()
        values["closed_at"] = now
        stop_clock()
        new = _CLOSING[action]
    elif action is Action.DISPATCH or action is Action.REDISPATCH:
        dept_id = move.department_id
        if dept_id is None:
            raise ValueError(f"{action.value} needs a department")
        if status is Status.REGISTERED or status is Status.RETURNED:
            note_overdue()  # the register+dispatch stage ends here
        department_id = dept_id
        values["department_id"] = dept_id
        values["dispatched_at"] = now
        values["accepted_at"] = None
        if case["registered_at"] is None:
            values["registered_at"] = now
        start_stage(clock.handle_minutes, "handle_due", move.until)
        if move.until is not None:
            details["until"] = move.until.isoformat()
        details["department"] = names(dept_id)
        previous = case["department_id"]
        if previous is not None and previous != dept_id:
            details["previous_department"] = names(previous)
        new = Status.DISPATCHED
    elif action is Action.ACCEPT:
        values["accepted_at"] = now
        new = Status.ACCEPTED
    elif action is Action.RETURN:
        values["return_count"] = case["return_count"] + 1
        start_stage(clock.dispatch_minutes, "dispatch_due")
        new = Status.RETURNED
    elif action is Action.FEEDBACK:
        note_overdue()
        values["feedback_at"] = now
        start_stage(clock.verify_minutes, "verify_due")
        new = Status.FEEDBACK
    elif action is Action.REWORK:
        values["rework_count"] = case["rework_count"] + 1
        values["feedback_at"] = None
        start_stage(clock.handle_minutes, "handle_due")
        new = Status.ACCEPTED
    elif action is Action.EXTEND:
        until = move.until
        if until is None:
            raise ValueError("extend needs a new deadline")
        current = case["due_at"] or now
        start = case["stage_started_at"] or now
        span = max(clock.calendar.elapsed(start, until, clock.basis), 0)
        warn = clock.calendar.add(start, round(span * clock.warn_share), clock.basis)
        values.update(
            {
                "handle_due": until,
                "due_at": until,
                "warn_at": warn,
                "extension_count": case["extension_count"] + 1,
            }
        )
        details["previous_due"] = current.isoformat()
        details["until"] = until.isoformat()
    elif action is Action.SUSPEND:
        if case["due_at"] is not None:
            remaining = clock.calendar.elapsed(now, case["due_at"], clock.basis)
            if remaining < 0:
                values["ever_overdue"] = True
            values["remaining_minutes"] = remaining
        values["suspended_at"] = now
        values["suspended_from"] = _STATUS_VALUE[status]
        stop_clock()
        new = Status.SUSPENDED
    elif action is Action.RESUME:
        back = _STATUS_OF[case["suspended_from"] or Status.ACCEPTED.value]
        remaining = max(case["remaining_minutes"] or 0, 0)
        full = clock.dispatch_minutes if back is Status.REGISTERED else clock.handle_minutes
        due = clock.calendar.add(now, remaining, clock.basis)
        warn = clock.calendar.add(
            now, max(remaining - round(full * (1 - clock.warn_share)), 0), clock.basis
        )
        due_field = "dispatch_due" if back is Status.REGISTERED else "handle_due"
        values.update(
            {
                due_field: due,
                "due_at": due,
                "warn_at": warn,
                "stage_started_at": now,
                "suspended_at": None,
                "suspended_from": None,
                "remaining_minutes": None,
            }
        )
        details["suspended_minutes"] = clock.calendar.elapsed(
            case["suspended_at"] or now, now, TimeBasis.NATURAL
        )
        new = back
    elif action is Action.URGE:
        values["urge_count"] = case["urge_count"] + 1
    elif action is Action.CALLBACK:
        level = move.satisfaction
        if level is None:
            raise ValueError("callback needs a satisfaction")
        contacted = level is not Satisfaction.UNREACHABLE
        solved = (
            move.solved
            if move.solved is not None
            else level in (Satisfaction.SATISFIED, Satisfaction.BASIC)
        )
        values.update(
            {
                "satisfaction": level.value,
                "callback_at": now,
                "callback_contacted": contacted,
                "callback_solved": solved if contacted else None,
            }
        )
        details["satisfaction"] = level.value
    elif action is Action.MERGE:
        if move.into is None:
            raise ValueError("merge needs the main case")
        values["merged_into_id"] = move.into[0]
        values["closed_at"] = now
        if case["due_at"] is not None:  # the running stage's clock stops here
            details["stopped_due"] = case["due_at"].isoformat()
        if status is Status.SUSPENDED:
            values.update({"suspended_at": None, "suspended_from": None, "remaining_minutes": None})
        if case["department_id"] is not None:
            details["department"] = names(case["department_id"])
        stop_clock()
        details["into"] = move.into[1]
        new = Status.MERGED
    elif action is Action.RECALL:
        values.update({"department_id": None, "dispatched_at": None, "handle_due": None})
        department_id = None
        new = Status.RETURNED if case["return_count"] > 0 else Status.REGISTERED
        if case["dispatch_due"] is not None:
            # The dispatch stage runs again from where it began: the report, or the last 退单.
            started = move.stage_began or case["reported_at"]
            values.update({"due_at": case["dispatch_due"], "stage_started_at": started})
            values["warn_at"] = clock.calendar.add(
                started, round(clock.dispatch_minutes * clock.warn_share), clock.basis
            )
    else:
        raise ValueError(f"no transition rule for {action.value}")
    values["status"] = _STATUS_VALUE[new]
    values["status_group"] = _GROUP_VALUE[new]
    values["is_open"] = _OPEN[new]
    values["updated_at"] = now
    values["version"] = case["version"] + 1
    return Transition(new, values, details, department_id)

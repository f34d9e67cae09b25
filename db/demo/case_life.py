"""One demo case lived forward step by step: its columns and history, each step planned by the
workflow's own rules (`db.cases.transitions.plan_transition`), so a demo history is one the
workflow service would have written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.cases.states import Action, Satisfaction, Status
from db.cases.transitions import Move, StageClock, plan_transition, reported_state
from db.clock import TimeBasis

# Plain-string lookups: enum attribute access is a measurable share of a million-case build.
_STATUS_OF: dict[str, Status] = {s.value: s for s in Status}
_ACTION_VALUE: dict[Action, str] = {a: a.value for a in Action}


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    department_id: int | None
    dispatch_minutes: int
    handle_minutes: int
    verify_minutes: int
    basis: TimeBasis
    urgent: bool


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    contact: str


_MOVES: dict[tuple[int | None, Satisfaction | None], Move] = {}


class CaseLife:
    """One case's columns and history, changed step by step by the workflow's own rules
    (`db.cases.transitions.plan_transition`)."""

    __slots__ = ("c", "cat", "clock", "events", "names", "reporters")

    def __init__(
        self,
        columns: dict[str, Any],
        cat: CategoryInfo,
        clock: StageClock,
        names: Callable[[int], str | None],
        actor: str,
    ) -> None:
        self.c = columns
        self.cat, self.clock, self.names = cat, clock, names
        now = columns["reported_at"]
        due, warn = clock.deadline(now, cat.dispatch_minutes)
        columns.update(reported_state(now, due, warn))
        columns.update(
            department_id=None,
            registered_at=None,
            dispatched_at=None,
            accepted_at=None,
            feedback_at=None,
            closed_at=None,
            handle_due=None,
            verify_due=None,
            suspended_at=None,
            suspended_from=None,
            remaining_minutes=None,
            ever_overdue=False,
            extension_count=0,
            rework_count=0,
            return_count=0,
            urge_count=0,
            satisfaction=None,
            callback_at=None,
            callback_contacted=None,
            callback_solved=None,
            merged_into_id=None,
            possible_duplicates=0,
            hotline_due=None,
        )
        # The reporter this case hands to its main case when merged (case_reporters rows).
        self.reporters: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = [
            {
                "case_id": columns["id"],
                "at": now,
                "actor": actor,
                "action": Action.REPORT.value,
                "from_status": None,
                "to_status": Status.REPORTED.value,
                "department_id": None,
                "note": "",
                "details": {"source": columns["source"]},
            }
        ]

    @property
    def status(self) -> Status:
        return _STATUS_OF[self.c["status"]]

    def step(
        self,
        now: datetime,
        action: Action,
        actor: str,
        *,
        note: str = "",
        department_id: int | None = None,
        until: datetime | None = None,
        satisfaction: Satisfaction | None = None,
        into: tuple[int, str] | None = None,
    ) -> None:
        """Apply `action` at `now` (the caller has checked it is allowed); 派遣 without a
        department goes to the category's default department."""
        c = self.c
        if department_id is None and (action is Action.DISPATCH or action is Action.REDISPATCH):
            department_id = self.cat.department_id
        if until is None and into is None:
            # the few moves without a date or a merge target are made once (frozen, shared)
            key = (department_id, satisfaction)
            move = _MOVES.get(key)
            if move is None:
                move = _MOVES[key] = Move(department_id=department_id, satisfaction=satisfaction)
        else:
            move = Move(
                department_id=department_id, until=until, satisfaction=satisfaction, into=into
            )
        from_status = c["status"]
        done = plan_transition(c, action, now, self.clock, move, self.names)
        c.update(done.values)
        if into is not None and action is Action.MERGE:
            self.reporters.append(
                {
                    "case_id": into[0],
                    "from_case_id": c["id"],
                    "name": c["reporter_name"],
                    "phone": c["reporter_phone"],
                    "source": c["source"],
                    "reported_at": c["reported_at"],
                    "merged_at": now,
                    "callback_at": None,
                    "callback_satisfaction": None,
                    "callback_by": None,
                }
            )
        self.events.append(
            {
                "case_id": c["id"],
                "at": now,
                "actor": actor,
                "action": _ACTION_VALUE[action],
                "from_status": from_status,
                "to_status": c["status"],
                "department_id": done.department_id,
                "note": note,
                "details": done.details or None,
            }
        )

"""Hand-built cases for the return tests, and the figures recomputed independently of db/indices.

The scenario places every event in time with `now=` around October 2026 (Asia/Shanghai):
closed on time, closed late, reworked, extended, suspended (挂账 at the end of the month),
suspended then resumed and overdue, merged, rejected, self-resolved, re-dispatched, patrol
(未诉先办) cases, and cases across both month boundaries.

`expected_indices` re-derives every index from raw rows (plain SQL through `text()`, the
arithmetic in Python, following domain.md) so the tests compare two separate implementations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text

from db import workflow
from db.base import UTCDateTime
from db.case_intake import report_case
from db.case_states import Action, Source
from db.engine import Database
from db.workflow import Request
from tests.street import GRID_A1, GRID_A2, GRID_B1, GRID_B2

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
OCT_START = datetime(2026, 9, 30, 16, 0, tzinfo=UTC)
OCT_END = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)

INJECTIONS = [
    "=1+1",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1,2)",
    "\t=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid","点我")',
]


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TZ)


class Scenario:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.numbers: dict[str, str] = {}

    def report(
        self,
        label: str,
        grid: str,
        category: str,
        when: datetime,
        source: Source = Source.GRID_UPLOAD,
        description: str = "路边有垃圾",
    ) -> None:
        self.numbers[label] = report_case(
            self.db,
            grid_code=grid,
            category_code=category,
            description=description,
            source=source,
            address=description if description.startswith(("=", "+", "-", "@", "\t")) else "",
            reporter_name="张三丰",
            reporter_phone="13812345678",
            now=when,
        )

    def act(self, label: str, action: Action, when: datetime, **request: object) -> None:
        workflow.apply(self.db, self.numbers[label], action, Request(**request), now=when)  # type: ignore[arg-type]

    def handle(
        self,
        label: str,
        day: tuple[int, int, int],
        department: str | None = None,
        done: datetime | None = None,
        verified: datetime | None = None,
    ) -> None:
        """register → dispatch → accept on `day` morning, then feedback and verify if given."""
        y, m, d = day
        self.act(label, Action.REGISTER, local(y, m, d, 9, 5))
        self.act(label, Action.DISPATCH, local(y, m, d, 9, 10), department=department)
        self.act(label, Action.ACCEPT, local(y, m, d, 9, 20))
        if done is not None:
            self.act(label, Action.FEEDBACK, done)
        if verified is not None:
            self.act(label, Action.VERIFY, verified)


def build_scenario(db: Database) -> dict[str, str]:
    s = Scenario(db)
    # Closed on time (暴露垃圾: 4 working hours), callback satisfied.
    s.report("ontime", GRID_A1, "0101", local(2026, 10, 12, 9, 0))
    s.handle("ontime", (2026, 10, 12), done=local(2026, 10, 12, 10, 30))
    s.act("ontime", Action.VERIFY, local(2026, 10, 12, 11, 0))
    s.act("ontime", Action.CALLBACK, local(2026, 10, 12, 14, 0), satisfaction="满意")
    # Closed late: feedback the next day, callback basically satisfied.
    s.report("late", GRID_A1, "0101", local(2026, 10, 12, 9, 0), description=INJECTIONS[0])
    s.handle("late", (2026, 10, 12), done=local(2026, 10, 13, 10, 0))
    s.act("late", Action.VERIFY, local(2026, 10, 13, 10, 30))
    s.act("late", Action.CALLBACK, local(2026, 10, 14, 10, 0), satisfaction="基本满意")
    # Reworked once, then closed; callback dissatisfied.
    s.report("rework", GRID_B1, "0102", local(2026, 10, 13, 8, 45), description=INJECTIONS[1])
    s.handle("rework", (2026, 10, 13), done=local(2026, 10, 13, 15, 0))
    s.act("rework", Action.REWORK, local(2026, 10, 13, 15, 30), reason="现场仍有垃圾")
    s.act("rework", Action.FEEDBACK, local(2026, 10, 14, 9, 0))
    s.act("rework", Action.VERIFY, local(2026, 10, 14, 9, 30))
    s.act("rework", Action.CALLBACK, local(2026, 10, 15, 9, 0), satisfaction="不满意")
    # Extended, closed before the new deadline; callback unreachable.
    s.report("extended", GRID_B2, "0102", local(2026, 10, 14, 10, 0), description=INJECTIONS[2])
    s.handle("extended", (2026, 10, 14))
    s.act(
        "extended",
        Action.EXTEND,
        local(2026, 10, 14, 11, 0),
        until=local(2026, 10, 20, 17, 0),
        reason="需协调物业",
    )
    s.act("extended", Action.FEEDBACK, local(2026, 10, 19, 10, 0))
    s.act("extended", Action.VERIFY, local(2026, 10, 19, 11, 0))
    s.act("extended", Action.CALLBACK, local(2026, 10, 20, 9, 0), satisfaction="未联系上")
    # Suspended (挂账) and still suspended at the end of October.
    s.report("suspended", GRID_A2, "0302", local(2026, 10, 15, 9, 0), description=INJECTIONS[3])
    s.handle("suspended", (2026, 10, 15))
    s.act("suspended", Action.SUSPEND, local(2026, 10, 16, 10, 0), reason="历史遗留违建")
    # Suspended, resumed, then left open past its deadline (overdue, due in October).
    s.report("resumed", GRID_A2, "0101", local(2026, 10, 15, 9, 0), description=INJECTIONS[4])
    s.handle("resumed", (2026, 10, 15))
    s.act("resumed", Action.SUSPEND, local(2026, 10, 15, 10, 0), reason="等待产权人")
    s.act("resumed", Action.RESUME, local(2026, 10, 20, 9, 0))
    # Merged into another case, rejected, self-resolved by a patrol.
    s.report("merged", GRID_B1, "0101", local(2026, 10, 16, 9, 0), description=INJECTIONS[5])
    s.act("merged", Action.MERGE, local(2026, 10, 16, 9, 10), into=s.numbers["ontime"])
    s.report("rejected", GRID_B1, "0101", local(2026, 10, 16, 9, 0))
    s.act("rejected", Action.REJECT, local(2026, 10, 16, 9, 5), reason="重复上报")
    s.report("self", GRID_A1, "0101", local(2026, 10, 16, 9, 0), source=Source.PATROL)
    s.act("self", Action.SELF_RESOLVE, local(2026, 10, 16, 9, 30))
    # A patrol case dispatched to another department, due in November.
    s.report("patrol_open", GRID_B2, "0102", local(2026, 10, 30, 16, 0), source=Source.PATROL)
    s.act("patrol_open", Action.REGISTER, local(2026, 10, 30, 16, 5))
    s.act("patrol_open", Action.DISPATCH, local(2026, 10, 30, 16, 10), department="住建办")
    # Re-dispatched to a second department, then closed.
    s.report("redispatch", GRID_A1, "0203", local(2026, 10, 20, 9, 0))
    s.handle("redispatch", (2026, 10, 20), department="城管执法中队")
    s.act(
        "redispatch",
        Action.REDISPATCH,
        local(2026, 10, 20, 10, 0),
        department="市场监管所",
        reason="属市场监管职责",
    )
    s.act("redispatch", Action.ACCEPT, local(2026, 10, 20, 10, 30))
    s.act("redispatch", Action.FEEDBACK, local(2026, 10, 21, 9, 0))
    s.act("redispatch", Action.VERIFY, local(2026, 10, 21, 9, 30))
    # Across the September/October boundary: reported in September, registered on 1 October.
    s.report("boundary_in", GRID_A2, "0101", local(2026, 9, 30, 23, 30))
    s.act("boundary_in", Action.REGISTER, local(2026, 10, 1, 0, 10))
    s.act("boundary_in", Action.DISPATCH, local(2026, 10, 1, 0, 20))
    # Across the October/November boundary: reported in October, registered in November.
    s.report("boundary_out", GRID_B1, "0101", local(2026, 10, 31, 23, 50))
    s.act("boundary_out", Action.REGISTER, local(2026, 11, 1, 0, 5))
    # Handled in September, verified (late) in October.
    s.report("sept_closed", GRID_A1, "0101", local(2026, 9, 28, 9, 0))
    s.handle("sept_closed", (2026, 9, 28), done=local(2026, 9, 28, 11, 0))
    s.act("sept_closed", Action.VERIFY, local(2026, 10, 9, 9, 0))
    # Due in October, closed in November (due and overdue in October).
    s.report("closed_november", GRID_B2, "0101", local(2026, 10, 29, 9, 0))
    s.handle("closed_november", (2026, 10, 29), done=local(2026, 11, 2, 9, 0))
    s.act("closed_november", Action.VERIFY, local(2026, 11, 2, 10, 0))
    # A year earlier, for 同比.
    s.report("year_ago", GRID_A1, "0103", local(2025, 10, 10, 9, 0))
    return s.numbers


# --- independent recomputation -------------------------------------------------------------------


@dataclass
class Expected:
    reported: int = 0
    patrol: int = 0
    registered: int = 0
    dispatched: int = 0
    due: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    handled: int = 0
    reworked: int = 0
    extended: int = 0
    suspended: int = 0
    hours: list[float] = field(default_factory=list)
    callbacks: int = 0
    contacted: int = 0
    solved: int = 0
    satisfied: int = 0
    basic: int = 0

    def rate(self, num: float, den: float) -> float | None:
        return num / den if den else None

    @property
    def close_rate(self) -> float | None:
        return self.rate(self.closed, self.due)

    @property
    def on_time_rate(self) -> float | None:
        return self.rate(self.closed_on_time, self.due)

    @property
    def rework_rate(self) -> float | None:
        return self.rate(self.reworked, self.handled)

    @property
    def patrol_share(self) -> float | None:
        return self.rate(self.patrol, self.reported)

    @property
    def avg_hours(self) -> float | None:
        return sum(self.hours) / len(self.hours) if self.hours else None

    @property
    def response_rate(self) -> float | None:
        return self.rate(self.contacted, self.callbacks)

    @property
    def solve_rate(self) -> float | None:
        return self.rate(self.solved, self.callbacks)

    @property
    def satisfaction_rate(self) -> float | None:
        return self.rate(self.satisfied + 0.9 * self.basic, self.callbacks)

    def composite(self, w: dict[str, float]) -> float | None:
        if not self.callbacks:
            return None
        return (
            w["response"] * (self.response_rate or 0)
            + w["solve"] * (self.solve_rate or 0)
            + w["satisfaction"] * (self.satisfaction_rate or 0)
        )


_CASES = text(
    "SELECT id, community_id, grid_id, department_id, source, status, reported_at, closed_at, "
    "handle_due, dispatched_at, ever_overdue, satisfaction, callback_at, callback_contacted, "
    "callback_solved FROM cases"
).columns(
    reported_at=UTCDateTime(),
    closed_at=UTCDateTime(),
    handle_due=UTCDateTime(),
    dispatched_at=UTCDateTime(),
    callback_at=UTCDateTime(),
)
_EVENTS = text("SELECT case_id, action, at FROM case_events ORDER BY at, id").columns(
    at=UTCDateTime()
)


def expected_indices(
    db: Database,
    start: datetime,
    end: datetime,
    group: str,
    as_of: datetime = AS_OF,
    community_id: int | None = None,
    department_id: int | None = None,
) -> dict[int | None, Expected]:
    """Every index per group key (community_id / grid_id / department_id / 0 for the street)."""
    with db.read() as session:
        cases = {row.id: row for row in session.execute(_CASES)}
        events = list(session.execute(_EVENTS))
    key_column = {"street": None, "community": "community_id", "grid": "grid_id"}.get(
        group, "department_id"
    )

    def key(c: object) -> int | None:
        return 0 if key_column is None else getattr(c, key_column)

    def in_scope(c: object) -> bool:
        return (community_id is None or c.community_id == community_id) and (  # type: ignore[attr-defined]
            department_id is None or c.department_id == department_id  # type: ignore[attr-defined]
        )

    snapshot = min(end, as_of)
    out: dict[int | None, Expected] = defaultdict(Expected)
    last_hold: dict[int, str] = {}
    for e in events:
        if e.action in ("suspend", "resume") and e.at < snapshot:
            last_hold[e.case_id] = e.action
    held = {cid for cid, action in last_hold.items() if action == "suspend"}
    dispatched: dict[int | None, set[int]] = defaultdict(set)
    for e in events:
        c = cases[e.case_id]
        if not (start <= e.at < end) or not in_scope(c):
            continue
        x = out[key(c)]
        if e.action == "register":
            x.registered += 1
        elif e.action in ("dispatch", "redispatch"):
            dispatched[key(c)].add(c.id)
        elif e.action == "feedback":
            x.handled += 1
        elif e.action == "rework":
            x.reworked += 1
        elif e.action == "extend":
            x.extended += 1
    for k, ids in dispatched.items():
        out[k].dispatched = len(ids)
    for c in cases.values():
        if not in_scope(c):
            continue
        x = out[key(c)]
        if start <= c.reported_at < end:
            x.reported += 1
            x.patrol += c.source == "patrol"
        if c.id in held:
            x.suspended += 1
        closed_here = c.status == "closed" and start <= c.closed_at < end
        if closed_here:
            x.closed += 1
            x.due += 1
            x.closed_on_time += not c.ever_overdue
            x.overdue += bool(c.ever_overdue)
            x.hours.append((c.closed_at - c.dispatched_at).total_seconds() / 3600)
        elif (
            c.handle_due is not None
            and start <= c.handle_due < end
            and (c.closed_at is None or c.closed_at >= end)
            and c.status not in ("rejected", "self_resolved", "merged")
            and c.id not in held
        ):
            x.due += 1
            x.overdue += bool(c.ever_overdue) or c.handle_due < snapshot
        if c.callback_at is not None and start <= c.callback_at < end:
            x.callbacks += 1
            x.contacted += bool(c.callback_contacted)
            x.solved += bool(c.callback_solved)
            x.satisfied += c.satisfaction == "satisfied"
            x.basic += c.satisfaction == "basic"
    return {k: v for k, v in out.items() if v != Expected()}


COUNT_FIELDS = (
    "reported",
    "patrol",
    "registered",
    "dispatched",
    "due",
    "closed",
    "closed_on_time",
    "overdue",
    "handled",
    "reworked",
    "extended",
    "suspended",
    "callbacks",
    "contacted",
    "solved",
    "satisfied",
    "basic",
)

"""Hand-built cases for the return tests, and their figures recomputed apart from db.stats.indices.

The scenario places every event in time with `now=` around October 2026 (Asia/Shanghai):
closed on time, closed late, reworked, extended, suspended (挂账 at the end of the month),
suspended then resumed and overdue, merged, rejected, self-resolved, re-dispatched, patrol
(未诉先办) cases, and cases across both month boundaries.

`expected_indices` re-derives every index from raw rows (plain SQL through `text()`, the
arithmetic in Python, following the definitions listed in db.stats.indices) so the tests compare
two separate implementations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text

from db.cases import workflow
from db.cases.intake import report_case
from db.cases.states import Action, Source
from db.cases.workflow import Request
from db.engine import Database
from db.models.base import UTCDateTime
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
        # — while nothing was closed (db/stats/definitions.py ON_TIME_RATE)
        return self.rate(self.closed_on_time, self.due) if self.closed else None

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
            and start <= c.handle_due < snapshot
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


def expected_daily(db: Database, start: datetime, end: datetime) -> dict[object, tuple[int, int]]:
    """(reported, closed) per local day, from raw rows."""
    out: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    with db.read() as session:
        for c in session.execute(_CASES):
            if start <= c.reported_at < end:
                out[c.reported_at.astimezone(TZ).date()][0] += 1
            if c.status == "closed" and start <= c.closed_at < end:
                out[c.closed_at.astimezone(TZ).date()][1] += 1
    return {d: (v[0], v[1]) for d, v in out.items()}


def expected_categories(db: Database, start: datetime, end: datetime) -> dict[str, int]:
    """Cases reported in [start, end) per 小类 code."""
    query = text(
        "SELECT k.code, c.reported_at FROM cases c JOIN categories k ON k.id = c.category_id"
    ).columns(reported_at=UTCDateTime())
    out: dict[str, int] = defaultdict(int)
    with db.read() as session:
        for code, reported_at in session.execute(query):
            if start <= reported_at < end:
                out[code] += 1
    return dict(out)


# --- reading a written return back ---------------------------------------------------------------


@dataclass
class ReadSheet:
    """A sheet read back: the header label of each column and the body rows keyed by a column."""

    labels: dict[str, int]  # leaf header label → 0-based column
    rows: dict[object, dict[str, object]]  # key → {label: value}
    formulas: dict[object, dict[str, object]]  # same, read without data_only (formulas)
    order: list[object]


def read_sheet(
    path: object, sheet: str, key_label: str, header_labels: set[str], formulas: bool = True
) -> ReadSheet:
    """Read `sheet` of the .xlsx at `path` with openpyxl (cached values: data_only=True).

    Header rows are the rows holding any of `header_labels`; each column's label is its lowest
    non-empty header cell. Body rows are keyed by their `key_label` cell.
    """
    from openpyxl import load_workbook

    books = [load_workbook(path, data_only=True)]
    if formulas:
        books.append(load_workbook(path, data_only=False))
    grids = [list(b[sheet].iter_rows(values_only=True)) for b in books]
    values = grids[0]
    header_rows = [i for i, row in enumerate(values) if header_labels & {str(v) for v in row}]
    assert header_rows, f"no header in {sheet}"
    labels: dict[str, int] = {}
    for col in range(len(values[header_rows[0]])):
        label = None
        for i in range(header_rows[0], header_rows[-1] + 1):
            if values[i][col] not in (None, ""):
                label = str(values[i][col])
        if label is not None:
            labels[label] = col
    key_col = labels[key_label]
    rows: dict[object, dict[str, object]] = {}
    forms: dict[object, dict[str, object]] = {}
    order: list[object] = []
    for i in range(header_rows[-1] + 1, len(values)):
        key = values[i][key_col]
        if key in (None, ""):
            continue
        if isinstance(key, str) and key.startswith("说明"):
            break
        order.append(key)
        rows[key] = {label: values[i][c] for label, c in labels.items()}
        if formulas:
            forms[key] = {label: grids[1][i][c] for label, c in labels.items()}
    return ReadSheet(labels, rows, forms, order)


LIBREOFFICE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_recalculate(paths: list[object], workdir: object) -> list[object]:
    """Open the files in LibreOffice headless, recalculate every formula (a private profile set
    to 'always recalculate on load') and save them as .xlsx in `workdir`/out."""
    import shutil
    import subprocess
    from pathlib import Path

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        import pytest

        pytest.skip("LibreOffice (soffice) is not installed: make test installs libreoffice-calc")
    work = Path(str(workdir))
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(LIBREOFFICE_PROFILE)
    out = work / "out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *[str(p) for p in paths],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    results = [out / Path(str(p)).name for p in paths]
    for result in results:
        assert result.exists(), f"LibreOffice wrote no {result.name}"
    return list(results)


CASE_LABELS = {
    "立案数": "registered",
    "派遣数": "dispatched",
    "应结案数": "due",
    "结案数": "closed",
    "按期结案数": "closed_on_time",
    "结案率": "close_rate",
    "按期结案率": "on_time_rate",
    "超期数": "overdue",
    "处置数": "handled",
    "返工数": "reworked",
    "返工率": "rework_rate",
    "延期数": "extended",
    "挂账数": "suspended",
    "平均处置时长（小时）": "avg_hours",
}
PATROL_LABELS = {"上报数": "reported", "巡查发现数": "patrol", "未诉先办占比": "patrol_share"}
CALLBACK_LABELS = {
    "有效回访数": "callbacks",
    "联系上": "contacted",
    "已解决": "solved",
    "满意": "satisfied",
    "基本满意": "basic",
    "响应率": "response_rate",
    "解决率": "solve_rate",
    "满意率": "satisfaction_rate",
}


def combine(items: list[Expected]) -> Expected:
    result = Expected()
    for item in items:
        for name in COUNT_FIELDS:
            setattr(result, name, getattr(result, name) + getattr(item, name))
        result.hours += item.hours
    return result


def assert_row(
    cells: dict[str, object], expected: Expected, labels: dict[str, str], where: str
) -> None:
    """Every labelled cell equals the expected figure (None ⇔ an empty cell)."""
    import pytest

    for label, attribute in labels.items():
        want = getattr(expected, attribute)
        got = cells[label]
        if want is None:
            assert got in (None, "", "—"), (where, label, got)
        elif isinstance(want, int):
            assert got == want, (where, label, got, want)
        else:
            assert isinstance(got, int | float), (where, label, got)
            assert got == pytest.approx(want, rel=1e-9), (where, label, got, want)

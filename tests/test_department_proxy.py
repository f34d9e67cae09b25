"""代录: a department step (受理, 退单, 反馈) the centre enters for a department is marked in the
case history and counted apart in 部门绩效 (代录件数); the department's own steps are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.security.actors import Actor, Role
from reports.department_performance import proxy_statement
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.actors import DISPATCHER, SHIFT_LEAD
from tests.report_cases import AS_OF, read_sheet
from tests.street import GRID_A1
from tests.test_permissions import _department_id

OCT = datetime(2026, 10, 13, 1, 0, tzinfo=UTC)  # a Tuesday morning, Beijing time


def _case(db: Database, department: str, at: datetime) -> str:
    number = report_case(
        db, grid_code=GRID_A1, category_code="0101", description="代录测试", now=at
    )
    apply(db, number, Action.REGISTER, now=at + timedelta(minutes=1))
    apply(
        db, number, Action.DISPATCH, Request(department=department), now=at + timedelta(minutes=2)
    )
    return number


def test_proxy_steps_are_marked_and_counted_apart(street: Database, tmp_path: Path) -> None:
    handler = Actor("wg", "王刚", Role.DEPARTMENT_HANDLER, _department_id(street))
    by_centre = _case(street, "环卫所", OCT)
    apply(street, by_centre, Action.ACCEPT, Request(), DISPATCHER, OCT + timedelta(minutes=10))
    apply(
        street,
        by_centre,
        Action.FEEDBACK,
        Request(reason="电话告知已清运"),
        SHIFT_LEAD,
        OCT + timedelta(minutes=40),
    )
    own = _case(street, "环卫所", OCT)
    apply(street, own, Action.ACCEPT, Request(), handler, OCT + timedelta(minutes=11))
    returned = _case(street, "城管执法中队", OCT)
    apply(
        street,
        returned,
        Action.RETURN,
        Request(reason="非本部门"),
        DISPATCHER,
        OCT + timedelta(minutes=12),
    )
    with street.read() as s:
        centre = {e.action: e.details for e in case_detail(s, by_centre).history}
        mine = {e.action: e.details for e in case_detail(s, own).history}
    assert centre["accept"] and centre["accept"].get("proxy") is True
    assert centre["feedback"] and centre["feedback"].get("proxy") is True
    assert centre["dispatch"] is None or "proxy" not in centre["dispatch"]  # a centre step
    assert "proxy" not in (mine["accept"] or {})

    out = tmp_path / "dept.xlsx"
    export_report(
        street,
        "department-performance",
        ReportRequest(parse_period("2026-10"), as_of=AS_OF),
        out,
    )
    sheet = read_sheet(out, "部门绩效", "部门", {"部门"}, formulas=False)
    assert sheet.rows["环卫所"]["代录件数"] == 2
    assert sheet.rows["城管执法中队"]["代录件数"] == 1
    assert sheet.rows["合计"]["代录件数"] == 3


def test_proxy_entries_are_read_through_their_own_index(street: Database) -> None:
    """The 代录件数 of a year read the few 代录 entries from their partial index, not the details
    of every department step of the year (3.3 s on a 1,000,000-case street); both databases
    can use it (PostgreSQL told to avoid a table scan, as on a big table)."""
    with street.write() as s:
        conn = s.connection()
        stmt = proxy_statement(conn.dialect.name, OCT, OCT + timedelta(days=365))
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        if street.is_sqlite:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
            plan = " | ".join(str(row[-1]) for row in rows)
        else:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = conn.exec_driver_sql(f"EXPLAIN {compiled}").fetchall()
            plan = " | ".join(str(row[0]) for row in rows)
        assert "ix_case_events_proxy" in plan, plan

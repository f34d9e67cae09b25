"""Joint handling (主办 + 协办, 吹哨报到) on both databases: a case dispatched to a lead and two
co-departments runs to 结案 with three tracks, the lead's feedback waits for every co-department,
the centre releases one, each co-department's clock runs on the working-time calendar, and a
refused step changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.cases.co_tracks import CoState
from db.cases.joint import case_tracks, co_accept, co_add, co_feedback, co_release, co_return
from db.cases.queries import case_detail
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply, dispatch
from db.engine import Database
from db.errors import IllegalTransition, StaleCase, UserError, ValidationError
from db.models import CaseChange
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.report_cases import read_sheet
from tests.test_cli import Cli, Clock, cli, clock, ok, refused, report, show  # noqa: F401
from tests.test_workflow import events, load, local, report_at, snapshot

LEAD, CO1, CO2 = "环卫所", "城管执法中队", "园林绿化所"


def _joint_case(db: Database) -> str:
    now = local(2026, 11, 27, 16, 0)  # Friday
    number = report_at(db, now)
    apply(db, number, Action.REGISTER, now=now)
    outcome = dispatch(db, [number], LEAD, co=[CO1, CO2], note="联合整治")
    assert not outcome.failed, outcome.failed
    return number


def test_joint_case_runs_to_closing_with_three_tracks(street: Database) -> None:
    friday = local(2026, 11, 27, 16, 0)
    number = report_at(street, friday)
    apply(street, number, Action.REGISTER, now=friday)
    result = apply(
        street,
        number,
        Action.DISPATCH,
        Request(department=LEAD, reason="联合整治", co=(CO1, CO2)),
        now=friday,
    )
    assert result.co == (CO1, CO2)
    case = load(street, number)
    assert case.status == Status.DISPATCHED.value
    with street.read() as session:
        tracks = case_tracks(session, number)
    # Each co-department's clock is the category's handling limit from its dispatch, in working
    # time: 90 minutes on Friday, the other 150 from Monday 08:30 (like the lead's).
    assert [t.department for t in tracks] == [CO1, CO2]
    assert all(t.due_at == local(2026, 11, 30, 11, 0) == case.handle_due for t in tracks)
    assert all(t.state is CoState.DISPATCHED for t in tracks)

    monday = local(2026, 11, 30, 9, 0)
    apply(street, number, Action.ACCEPT, now=monday)
    co_accept(street, number, CO1, now=monday)
    co_accept(street, number, CO2, now=monday)
    co_feedback(street, number, CO1, "已清运", now=monday + timedelta(minutes=30))
    # The lead cannot close the handling stage while 园林绿化所 owes its feedback.
    before = snapshot(street)
    with pytest.raises(ValidationError, match=f"「{CO2}」尚未反馈或解除"):
        apply(street, number, Action.FEEDBACK, Request(reason="已处理"), now=monday)
    assert snapshot(street) == before
    late = local(2026, 11, 30, 14, 0)  # after its 11:00 deadline
    co_feedback(street, number, CO2, "已修剪树枝", now=late)
    apply(street, number, Action.FEEDBACK, Request(reason="已处理"), now=late)
    # 返工 reopens the lead's stage only: the co-departments' feedback stands.
    apply(street, number, Action.REWORK, Request(reason="仍有垃圾"), now=late)
    apply(street, number, Action.FEEDBACK, Request(reason="已清理干净"), now=late)
    apply(street, number, Action.VERIFY, now=late + timedelta(minutes=10))
    assert load(street, number).status == Status.CLOSED.value

    with street.read() as session:
        tracks = case_tracks(session, number)
        detail = case_detail(session, number)
    assert [(t.state, t.on_time) for t in tracks] == [
        (CoState.FED_BACK, True),
        (CoState.FED_BACK, False),
    ]
    steps = [(e.action, (e.details or {}).get("department")) for e in events(street, number)]
    assert ("co-dispatch", CO1) in steps and ("co-dispatch", CO2) in steps
    assert ("co-accept", CO1) in steps and ("co-feedback", CO2) in steps
    assert ("dispatch", LEAD) in steps and ("verify", None) in steps
    labels = [e.action_label for e in detail.history]
    assert [t.department for t in detail.co_tracks] == [CO1, CO2]
    assert "协办派遣" in labels and "协办反馈" in labels
    late_feedback = [e for e in events(street, number) if e.note == "已修剪树枝"]
    # 11:00 to 14:00 less the lunch hour: 120 working minutes late.
    assert late_feedback[0].details is not None
    assert late_feedback[0].details["overdue_minutes"] == 120


def test_release_return_and_added_co_department(street: Database) -> None:
    number = _joint_case(street)
    version = load(street, number).version
    # A desk holding an older version is refused, and so is an unknown or lead department.
    with pytest.raises(StaleCase):
        co_accept(street, number, CO1, expected_version=version - 1)
    before = snapshot(street)
    for bad in (
        lambda: co_feedback(street, number, CO1, "未受理就反馈"),
        lambda: co_accept(street, number, "交警大队"),
        lambda: co_add(street, number, [LEAD]),
        lambda: co_add(street, number, [CO1]),
        lambda: co_release(street, number, CO1, "  "),
        lambda: apply(street, number, Action.REDISPATCH, Request(department=CO2, reason="改派")),
    ):
        with pytest.raises(UserError):
            bad()
    assert snapshot(street) == before

    with street.read() as session:
        changes = session.scalar(select(func.count()).select_from(CaseChange))
    co_return(street, number, CO2, "不属于本部门职责")
    with street.read() as session:  # the change feed hears of it
        assert session.scalar(select(func.count()).select_from(CaseChange)) == changes + 1
    co_release(street, number, CO2, "经协调无需协办")
    co_add(street, number, ["交警大队"], note="协助交通疏导", now=local(2026, 11, 27, 17, 10))
    with street.read() as session:
        tracks = {t.department: t for t in case_tracks(session, number)}
    assert tracks[CO2].state is CoState.RELEASED and tracks[CO2].note == "经协调无需协办"
    # Added Friday 17:10: 20 working minutes that day, 210 on Monday morning, 10 after lunch.
    assert tracks["交警大队"].due_at == local(2026, 11, 30, 13, 10)
    assert load(street, number).version == version + 3

    # 撤回派遣 withdraws the lead and releases every co-department still working.
    apply(street, number, Action.RECALL)
    with street.read() as session:
        states = {t.department: t.state for t in case_tracks(session, number)}
    assert set(states.values()) == {CoState.RELEASED}
    with pytest.raises(IllegalTransition):
        co_accept(street, number, CO1)


def test_joint_case_from_the_command_line(cli: Cli, clock: Clock) -> None:  # noqa: F811
    import db.cases.joint

    number = report(cli)
    ok(cli("case", "register", number))
    refused(cli("case", "dispatch", number, "--department", LEAD, "--co", LEAD), "主办部门")
    out = ok(cli("case", "dispatch", number, "--department", LEAD, "--co", CO1, "--co", CO2)).out
    assert f"协办部门 {CO1}、{CO2}" in out
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db.cases.joint, "utcnow", clock)
        ok(cli("case", "accept", number))
        ok(cli("case", "co-accept", number, "--department", CO1))
        ok(cli("case", "co-feedback", number, "--department", CO1, "--text", "已清运"))
        refused(cli("case", "feedback", number), f"「{CO2}」尚未反馈或解除")
        refused(cli("case", "co-release", number, "--department", CO2), "--reason")
        ok(cli("case", "co-release", number, "--department", CO2, "--reason", "无需协办"))
        ok(cli("case", "co-add", number, "--co", "交警大队", "--reason", "交通疏导"))
        ok(cli("case", "co-return", number, "--department", "交警大队", "--reason", "非本职"))
        refused(cli("case", "co-accept", number, "--department", "交警大队"), "已退回")
        ok(cli("case", "co-release", number, "--department", "交警大队", "--reason", "退回"))
        ok(cli("case", "feedback", number, "--reason", "已处理"))
        ok(cli("case", "verify", number))
    detail = show(cli, number)
    assert detail["status"] == "closed"
    tracks = {t["department"]: t["state"] for t in detail["co_tracks"]}
    assert tracks == {CO1: "fed_back", CO2: "released", "交警大队": "released"}
    text = ok(cli("case", "show", number)).out
    assert f"协办部门：{CO1}【已反馈】" in text and "协办反馈" in text
    for verb in ("co-add", "co-accept", "co-return", "co-feedback", "co-release"):
        assert ok(cli("case", verb, "--help")).out.startswith("用法")
    assert "--co" in ok(cli("case", "dispatch", "--help")).out


def test_department_return_counts_lead_and_co_handling_apart(
    street: Database, tmp_path: Path
) -> None:
    tuesday = local(2026, 10, 13, 9, 0)

    def joint(lead: str, co: list[str]) -> str:
        number = report_at(street, tuesday)
        apply(street, number, Action.REGISTER, now=tuesday)
        request = Request(department=lead, co=tuple(co))
        apply(street, number, Action.DISPATCH, request, now=tuesday)
        return number

    # Dispatched 09:00 with 4 working hours: every track is due 14:00 (after the lunch hour).
    first = joint(LEAD, [CO1, CO2])
    co_feedback_at(street, first, CO1, local(2026, 10, 13, 10, 0))  # on time
    co_feedback_at(street, first, CO2, local(2026, 10, 14, 9, 0))  # late
    second = joint(CO1, [LEAD, "交警大队"])  # 环卫所 never feeds back; 交警大队 released
    co_release(street, second, "交警大队", "无需协办", now=tuesday)
    with street.read() as session:
        assert {t.due_at for t in case_tracks(session, first)} == {local(2026, 10, 13, 14, 0)}

    out = tmp_path / "department.xlsx"
    export_report(street, "department-performance", ReportRequest(parse_period("2026-10")), out)
    columns = ("派遣数", "协办件数", "协办应反馈数", "协办按期反馈数", "协办按期率")
    sheet = read_sheet(out, "部门绩效", "部门", {*columns, "综合指数"})
    figures = {
        name: tuple(sheet.rows[name][label] for label in columns)
        for name in (LEAD, CO1, CO2, "交警大队", "合计")
    }
    # The lead's 派遣数 stays the cases it leads; the co-handling is counted apart.
    assert figures[LEAD] == (1, 1, 1, 0, 0)
    assert figures[CO1] == (1, 1, 1, 1, 1)
    assert figures[CO2] == (0, 1, 1, 0, 0)
    assert figures["交警大队"] == (0, 0, 0, 0, "—")
    assert figures["合计"][1:] == (3, 3, 1, pytest.approx(1 / 3))
    assert sheet.formulas[CO1]["协办按期率"].startswith("=IF(")


def co_feedback_at(db: Database, number: str, department: str, when: datetime) -> None:
    co_accept(db, number, department, now=when)
    co_feedback(db, number, department, "已处理", now=when)

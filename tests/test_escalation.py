"""Escalation (issue 13, point 3) on both databases: the sweeper's reminders, 系统督办 and 上报
fire at the working-time instants of the calendar (weekends, holidays, 调休 make-up days),
once however often and from however many workstations it runs; a 督办单 whose reply is late
escalates; a 联席会议's decision re-dispatches its cases; refusals change nothing."""

from __future__ import annotations

import threading
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from db.cases.states import Action, Status
from db.cases.workflow import apply
from db.clock import WorkCalendar
from db.engine import Database
from db.errors import IllegalTransition, NotFound, PermissionDenied, UserError, ValidationError
from db.escalation.documents import (
    awaiting_meeting,
    escalate,
    issue_urge,
    open_urges_for_department,
    reply_urge,
    urges_of_case,
)
from db.escalation.meetings import Decision, add_meeting, meeting_record
from db.escalation.rules import RuleEdit, save_rule
from db.escalation.sweeper import (
    WATERMARK_KEY,
    acknowledge_reminders,
    open_reminders_for_department,
    run_escalation,
)
from db.models import (
    Base,
    Case,
    CaseEscalation,
    CaseUrge,
    Department,
    EscalationFire,
    Setting,
)
from db.reference.settings_store import load_settings
from tests.actors import ADMIN, DISPATCHER
from tests.test_workflow import SH, dispatched_at, events, load, local

ESCALATION_TABLES = (
    "cases",
    "case_events",
    "case_changes",
    "case_urges",
    "case_escalations",
    "escalation_fires",
    "meetings",
    "meeting_decisions",
)
_US = timedelta(microseconds=1)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for name in ESCALATION_TABLES:
            table = Base.metadata.tables[name]
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(row) for row in rows]
    return out


def set_watermark(db: Database, moment: datetime) -> None:
    with db.write() as session:
        session.execute(delete(Setting).where(Setting.key == WATERMARK_KEY))
        session.add(Setting(key=WATERMARK_KEY, value=moment.isoformat(), note=""))


def calendar_of(db: Database) -> WorkCalendar:
    with db.read() as session:
        return load_settings(session).calendar()


def naive_add_working_days(calendar: WorkCalendar, start: datetime, days: int) -> datetime:
    return naive_add_working_minutes(calendar, start, days * calendar.hours.minutes_per_day)


def naive_add_working_minutes(calendar: WorkCalendar, start: datetime, minutes: int) -> datetime:
    """An independent oracle: step minute by minute through the local working periods of the
    calendar's working days (weekdays unless a holiday; 调休 weekends) until `minutes` working
    minutes have passed."""
    periods = calendar.hours.periods
    left = minutes
    t = start.astimezone(SH).replace(second=0, microsecond=0)
    if t < start.astimezone(SH):
        t += timedelta(minutes=1)
    while True:
        local_time = t.time()
        working = calendar.is_workday(t.date()) and any(a <= local_time < b for a, b in periods)
        if working:
            if left == 0:
                return t
            left -= 1
        elif (
            left == 0 and calendar.is_workday(t.date()) and any(local_time == b for _, b in periods)
        ):
            return t
        t += timedelta(minutes=1)


def fires(db: Database, number: str) -> dict[str, datetime]:
    with db.read() as session:
        rows = session.execute(
            select(EscalationFire.stage, EscalationFire.moment)
            .join(Case, Case.id == EscalationFire.case_id)
            .where(Case.number == number)
        ).all()
    return {stage: moment for stage, moment in rows}


# Dispatch instants around the 2026 Spring Festival (调休 Sat 02-14 and 02-28) and National
# Day (调休 Sun 09-20, Sat 10-10), weekends included; minutes are whole (a case's clock is).
INSTANTS = st.one_of(
    st.datetimes(min_value=datetime(2026, 2, 10), max_value=datetime(2026, 3, 1)),
    st.datetimes(min_value=datetime(2026, 9, 17), max_value=datetime(2026, 10, 12)),
).map(lambda d: d.replace(second=0, microsecond=0, tzinfo=SH))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=INSTANTS)
def test_rules_fire_at_the_working_time_instants(street: Database, start: datetime) -> None:
    save_rule(
        street,
        RuleEdit(urgent=False, reply_days=5, escalate_after_days=2, escalation_days=3),
        ADMIN,
    )
    number = dispatched_at(street, start)
    case = load(street, number)
    assert case.warn_at is not None and case.due_at is not None
    calendar = calendar_of(street)
    # 暴露垃圾: 4 working hours to handle, the warning at 80 % of them.
    assert case.due_at == naive_add_working_minutes(calendar, start, 240)
    assert case.warn_at == naive_add_working_minutes(calendar, start, 192)
    escalate_at = naive_add_working_days(calendar, case.due_at, 2)
    for stage, moment in (
        ("remind", case.warn_at),
        ("urge", case.due_at),
        ("escalate", escalate_at),
    ):
        set_watermark(street, moment - timedelta(seconds=30))
        run_escalation(street, moment - _US)
        assert stage not in fires(street, number), (stage, moment)
        run_escalation(street, moment)
        assert fires(street, number)[stage] == moment, stage
    assert calendar.is_workday(escalate_at.astimezone(SH).date())
    with street.read() as session:
        escalation = session.scalars(
            select(CaseEscalation).where(CaseEscalation.case_id == case.id)
        ).one()
        assert escalation.by_system and escalation.target == "meeting"
        assert escalation.due_at == naive_add_working_days(calendar, escalate_at, 3)


def test_sweeper_acts_once_however_often_and_wherever_it_runs(street: Database) -> None:
    start = local(2026, 11, 23, 9, 0)  # Monday; 暴露垃圾: 4 working hours to handle
    numbers = [dispatched_at(street, start) for _ in range(4)]
    due = load(street, numbers[0]).due_at
    assert due is not None
    set_watermark(street, start)
    first = run_escalation(street, due + timedelta(minutes=5))
    assert sorted(first.urged) == sorted(numbers) and sorted(first.reminded) == sorted(numbers)
    before = snapshot(street)
    set_watermark(street, start)  # even with the watermark put back, nothing fires again
    assert run_escalation(street, due + timedelta(minutes=5)).total == 0
    assert snapshot(street)["case_urges"] == before["case_urges"]
    assert all(load(street, n).urge_count == 1 for n in numbers)
    system = [e for e in events(street, numbers[0]) if e.action == "urge"]
    assert len(system) == 1 and system[0].actor == "系统" and system[0].note.startswith("系统督办")

    # Two workstations at the same moment: each case urged once more at its new deadline.
    for n in numbers:
        apply(street, n, Action.REDISPATCH, _redispatch("城管执法中队"), DISPATCHER, now=due)
    new_due = load(street, numbers[0]).due_at
    assert new_due is not None
    set_watermark(street, due)
    results: list[Any] = []
    barrier = threading.Barrier(2)

    def sweep() -> None:
        barrier.wait()
        try:
            results.append(run_escalation(street, new_due + timedelta(minutes=1)))
        except UserError as exc:  # pragma: no cover - would fail the assertion below
            results.append(exc)

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    urged = [n for r in results for n in r.urged]
    assert sorted(urged) == sorted(numbers)
    assert all(load(street, n).urge_count == 2 for n in numbers)
    with street.read() as session:
        assert session.scalar(select(func.count()).select_from(CaseUrge)) == 8


def _redispatch(department: str) -> Any:
    from db.cases.workflow import Request

    return Request(department=department, reason="换部门")


def test_an_overdue_urge_reply_escalates_and_a_reply_in_time_does_not(street: Database) -> None:
    start = local(2026, 11, 23, 9, 0)
    late, answered = dispatched_at(street, start), dispatched_at(street, start)
    reply_by = local(2026, 11, 24, 12, 0)
    for n in (late, answered):
        issue_urge(street, n, "district", "请今日到场处置", reply_by, DISPATCHER, now=start)
    with street.read() as session:
        dept_id = session.scalars(select(Department.id).where(Department.name == "环卫所")).one()
        inbox = open_urges_for_department(session, dept_id)
    assert [u.number for u in inbox] == [late, answered]
    assert inbox[0].level_label == "区" and inbox[0].requirement == "请今日到场处置"
    set_watermark(street, start)
    # 13:12 is the warning time (80 % of 4 working hours from 09:00, lunch excluded).
    assert sorted(run_escalation(street, local(2026, 11, 23, 13, 30)).reminded) == [late, answered]
    doc = reply_urge(street, answered, "已安排清运", DISPATCHER, department="环卫所", now=start)
    assert doc.on_behalf and doc.reply_text == "已安排清运"
    set_watermark(street, reply_by - timedelta(minutes=1))
    run = run_escalation(street, reply_by + timedelta(minutes=1))
    assert run.replies_escalated == [late]
    with street.read() as session:
        rows = session.execute(
            select(Case.number, CaseEscalation.target, CaseEscalation.reason).join(
                Case, Case.id == CaseEscalation.case_id
            )
        ).all()
        assert [(n, t) for n, t, _ in rows] == [(late, "meeting")]
        assert "督办单未在回复期限" in rows[0][2]
        reminders = open_reminders_for_department(session, dept_id)
    assert {r.number for r in reminders} == {late, answered}  # 预警提醒 in the inbox
    assert acknowledge_reminders(street, [r.id for r in reminders], dept_id + 1) == 0
    assert acknowledge_reminders(street, [r.id for r in reminders], dept_id) == 2
    with street.read() as session:
        assert open_reminders_for_department(session, dept_id) == []
    assert [e.action for e in events(street, late)][-1] == "escalate"
    assert load(street, late).urge_count == 1  # the 区 urge (its deadline lies before the window)


def test_a_meeting_decision_redispatches_its_cases(street: Database) -> None:
    start = local(2026, 11, 23, 9, 0)
    first, second = dispatched_at(street, start), dispatched_at(street, start)
    apply(street, second, Action.ACCEPT, actor=DISPATCHER, now=start)
    for n in (first, second):
        escalate(street, n, "meeting", "多次督办未办结", DISPATCHER, now=start)
    with street.read() as session:
        assert [e.number for e in awaiting_meeting(session)] == [first, second]
    when = start + timedelta(days=2)
    deadline = local(2026, 12, 4, 17, 30)
    record = add_meeting(
        street,
        date(2026, 11, 25),
        ["城管执法中队", "环卫所"],
        [
            Decision(first, "城管执法中队", deadline, "联合执法"),
            Decision(second, "环卫所", deadline),
        ],
        DISPATCHER,
        now=when,
    )
    assert record.departments == ["城管执法中队", "环卫所"]
    for n, dept in ((first, "城管执法中队"), (second, "环卫所")):
        case = load(street, n)
        assert case.status == Status.DISPATCHED.value and case.due_at == deadline
        with street.read() as session:
            assert session.get_one(Department, case.department_id).name == dept
        last = events(street, n)[-1]
        assert last.action == "redispatch" and "联席会议（2026-11-25）决定" in last.note
    with street.read() as session:
        assert awaiting_meeting(session) == []
        assert [d.number for d in meeting_record(session, record.id).decisions] == [first, second]


def test_refusals_say_one_sentence_and_change_nothing(street: Database) -> None:
    start = local(2026, 11, 23, 9, 0)
    number = dispatched_at(street, start)
    closed = dispatched_at(street, start)
    for action in (Action.ACCEPT, Action.FEEDBACK, Action.VERIFY):
        apply(street, closed, action, actor=DISPATCHER, now=start)
    issue_urge(street, number, "street", "请尽快", start + timedelta(days=1), DISPATCHER, now=start)
    before = snapshot(street)
    refusals: list[tuple[type[Exception], Any]] = [
        (
            ValidationError,
            lambda: reply_urge(street, number, "好", DISPATCHER, department="城管执法中队"),
        ),
        (
            IllegalTransition,
            lambda: issue_urge(
                street, closed, "street", "快", start + timedelta(days=1), DISPATCHER, now=start
            ),
        ),
        (NotFound, lambda: reply_urge(street, closed, "好", DISPATCHER)),
        (
            ValidationError,
            lambda: issue_urge(
                street, number, "province", "快", start + timedelta(days=1), DISPATCHER
            ),
        ),
        (
            ValidationError,
            lambda: issue_urge(
                street, number, "street", "快", start - timedelta(days=1), DISPATCHER, now=start
            ),
        ),
        (ValidationError, lambda: escalate(street, closed, "meeting", "拖", DISPATCHER)),
        (ValidationError, lambda: escalate(street, number, "meeting", " ", DISPATCHER)),
        (PermissionDenied, lambda: escalate(street, number, "meeting", "拖", ADMIN)),
        (
            ValidationError,
            lambda: add_meeting(
                street,
                date(2026, 11, 25),
                ["环卫所"],
                [Decision(number, "环卫所", start + timedelta(days=9))],
                DISPATCHER,
                now=start + timedelta(days=2),
            ),
        ),
    ]
    for kind, refuse in refusals:
        with pytest.raises(kind) as info:
            refuse()
        text = str(info.value)
        assert text and "\n" not in text and text.count("。") <= 1
        assert snapshot(street) == before, text
    # A meeting whose second decision is refused writes none of the first.
    other = dispatched_at(street, start)
    escalate(street, number, "meeting", "拖", DISPATCHER, now=start)
    before = snapshot(street)
    with pytest.raises(ValidationError):
        add_meeting(
            street,
            date(2026, 11, 25),
            ["环卫所"],
            [
                Decision(number, "环卫所", local(2026, 12, 4, 17, 30)),
                Decision(other, "环卫所", local(2026, 12, 4, 17, 30)),
            ],
            DISPATCHER,
            now=start + timedelta(days=2),
        )
    assert snapshot(street) == before
    assert [u.reply_text for u in _urges(street, number)] == [None]


def _urges(db: Database, number: str) -> list[Any]:
    with db.read() as session:
        return urges_of_case(session, number)


def test_the_command_line_urges_replies_escalates_and_records_a_meeting(
    street: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_login: Any,
) -> None:
    import db.escalation.documents
    import db.escalation.meetings
    import db.escalation.sweeper
    from desktop.cli.main import main

    now = local(2026, 11, 23, 10, 0)
    for module in (db.escalation.documents, db.escalation.meetings, db.escalation.sweeper):
        monkeypatch.setattr(module, "utcnow", lambda: now)
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))
    url = street.engine.url.render_as_string(hide_password=False)
    login = cli_login(street, "dispatcher")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", url, *login, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run(
        "case",
        "urge",
        number,
        "--level",
        "district",
        "--requirement",
        "今日办结",
        "--reply-by",
        "2026-11-24",
    )
    assert code == 0 and "区级督办「环卫所」" in out and "2026-11-24 17:30" in out
    code, _, err = run(
        "case", "urge-reply", number, "--text", "已清运", "--department", "城管执法中队"
    )
    assert code == 2 and err.count("\n") == 1 and "环卫所" in err
    code, out, _ = run("case", "urge-reply", number, "--text", "已清运")
    assert code == 0 and "中心代录" in out
    code, out, _ = run("case", "escalate", number, "--to", "meeting", "--reason", "反复超期")
    assert code == 0 and "已上报联席会议" in out
    code, out, _ = run(
        "meeting",
        "add",
        "--date",
        "2026-11-23",
        "--departments",
        "环卫所,城管执法中队",
        "--decision",
        f"{number}:城管执法中队:2026-11-30",
    )
    assert code == 0 and "1 件案件按决定重新派遣" in out
    code, out, _ = run("meeting", "show", "1", "--json")
    assert code == 0 and '"department": "城管执法中队"' in out
    code, out, _ = run("meeting", "list")
    assert code == 0 and "1 件" in out
    code, out, _ = run("case", "show", number)
    assert code == 0 and "督办单：" in out and "区级" in out and "中心代录" in out
    assert "联席会议 1 已决定" in out and "提级上报" in out
    code, out, _ = run("escalation", "rules")
    assert code == 0 and "紧急案件" in out and "一般案件" in out
    code, _, err = run("escalation", "set", "--category", "0101", "--reply-days", "2")
    assert code == 2 and "无权" in err  # a dispatcher may not change the rules
    admin = cli_login(street, "admin")
    capsys.readouterr()
    args = ["escalation", "set", "--category", "0101", "--escalate-after", "0", "--to", "区级平台"]
    assert main(["--db", url, *admin, *args]) == 0
    assert "0101 暴露垃圾" in capsys.readouterr().out
    code, out, _ = run("escalation", "run")
    assert code == 0 and "系统督办" in out
    case = load(street, number)
    assert case.urge_count == 1 and case.due_at == local(2026, 11, 30, 17, 30)


def test_returns_count_urges_replies_and_escalations_with_their_results(
    street: Database, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from reports.period import parse_period
    from reports.registry import export_report
    from reports.request import ReportRequest
    from tests.report_cases import libreoffice_recalculate, read_sheet

    t = local(2026, 10, 12, 9, 0)  # a Monday after the National Day holiday
    replied, pending, district = (dispatched_at(street, t) for _ in range(3))
    for n in (replied, pending):
        issue_urge(street, n, "street", "请加快", t + timedelta(days=2), DISPATCHER, now=t)
    reply_urge(street, replied, "已处理", DISPATCHER, now=t + timedelta(hours=1))
    escalate(street, pending, "meeting", "督办无果", DISPATCHER, now=t + timedelta(hours=2))
    escalate(street, district, "district", "需区级协调", DISPATCHER, now=t + timedelta(hours=2))
    for n in (replied, district):
        for i, action in enumerate((Action.ACCEPT, Action.FEEDBACK, Action.VERIFY)):
            apply(street, n, action, actor=DISPATCHER, now=t + timedelta(hours=3, minutes=i))
    as_of = local(2026, 11, 20, 12, 0)
    labels = {"督办件数", "督办已回复", "督办回复率", "上报件数", "上报后办结", "上报未办结"}
    want = {
        "督办件数": 2,
        "督办已回复": 1,
        "督办回复率": 0.5,
        "上报件数": 2,
        "上报后办结": 1,
        "上报未办结": 1,
    }
    paths = {}
    for kind, sheet_name, key, row in (
        ("department-performance", "部门绩效", "部门", "环卫所"),
        ("monthly-cases", "按社区", "社区", "锦峪社区"),
    ):
        out = tmp_path / f"{kind}.xlsx"
        export_report(street, kind, ReportRequest(parse_period("2026-10"), as_of=as_of), out)
        paths[kind] = out
        sheet = read_sheet(out, sheet_name, key, labels | {"结案数", key})
        assert {k: sheet.rows[row][k] for k in labels} == want, kind
        assert {k: sheet.rows["合计"][k] for k in labels} == want, kind
        assert "结案数" in sheet.labels  # the existing columns stay
        assert str(sheet.formulas[row]["督办回复率"]).startswith("=IF(")
    # LibreOffice recalculates the rates to the values the files show.
    recalculated = libreoffice_recalculate(list(paths.values()), tmp_path / "lo")
    for (kind, ours), theirs in zip(paths.items(), recalculated, strict=True):
        name = "部门绩效" if kind == "department-performance" else "按社区"
        mine = list(load_workbook(ours, data_only=True)[name].iter_rows(values_only=True))
        with warnings.catch_warnings():  # openpyxl cannot read LibreOffice's re-saved chart
            warnings.filterwarnings("ignore", "Unable to read chart", UserWarning)
            book = load_workbook(str(theirs), data_only=True)
        lo = list(book[name].iter_rows(values_only=True))
        assert len(mine) == len(lo)
        for ours_row, lo_row in zip(mine, lo, strict=True):
            tail = list(ours_row[-6:])  # the 督办与上报 columns
            assert list(lo_row[-6:]) == [
                pytest.approx(v) if isinstance(v, float) else v for v in tail
            ], kind

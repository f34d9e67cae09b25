"""The center's holiday calendar: stored years over the bundled file, the open cases' deadlines
recomputed when it changes (closed cases untouched), the warning on start, Excel in and out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.states import RECOMPUTE_EVENT, Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.holidays.calendar_years import (
    HOLIDAY,
    OFFICIAL,
    WORKDAY,
    calendar_warning,
    export_year,
    import_year,
    list_years,
    mark_official,
    plan_year_import,
    set_day,
    set_year,
    year_calendar,
)
from db.models import AuditEntry, Case, CaseEvent, HolidayDay
from db.reference.settings_store import load_settings
from tests.actors import ADMIN, BY_ROLE
from tests.street import GRID_A1

SH = ZoneInfo("Asia/Shanghai")
GARBAGE = "0101"  # 暴露垃圾: handle 4 working hours, working time
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=SH)

# A 2027 notice as the State Council might publish it: 春节 Feb 5–12, make-up Saturdays.
SPRING = {date(2027, 2, d): "春节" for d in range(5, 13)}
HOLIDAYS_2027 = {date(2027, 1, 1): "元旦", **SPRING}
MAKEUP_2027 = {date(2027, 1, 30): "春节", date(2027, 2, 20): "春节"}


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def dispatched_at(db: Database, when: datetime) -> str:
    number = report_case(
        db, grid_code=GRID_A1, category_code=GARBAGE, description="测试案件", now=when
    )
    apply(db, number, Action.REGISTER, now=when)
    apply(db, number, Action.DISPATCH, now=when)
    return number


def load(db: Database, number: str) -> Case:
    with db.read() as session:
        case = session.scalars(select(Case).where(Case.number == number)).one()
        session.expunge(case)
        return case


def history(db: Database, number: str) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [
            (e.action, e.actor, e.note)
            for e in session.scalars(
                select(CaseEvent)
                .join(Case, Case.id == CaseEvent.case_id)
                .where(Case.number == number)
                .order_by(CaseEvent.id)
            )
        ]


def test_adding_2027_makeup_days_moves_open_deadlines_and_leaves_closed_cases(
    street: Database,
) -> None:
    # Friday 2027-01-29 16:00: 90 minutes that day, 150 on Monday → Monday 11:00 (bundled 2027).
    open_case = dispatched_at(street, local(2027, 1, 29, 16, 0))
    closed = dispatched_at(street, local(2027, 1, 29, 16, 0))
    assert load(street, open_case).due_at == local(2027, 2, 1, 11, 0)
    apply(street, closed, Action.ACCEPT, now=local(2027, 1, 29, 16, 10))
    apply(street, closed, Action.FEEDBACK, now=local(2027, 1, 29, 16, 20))
    apply(street, closed, Action.VERIFY, now=local(2027, 1, 29, 16, 30))
    closed_before = load(street, closed)
    closed_history = history(street, closed)

    with street.write() as session:
        change = set_year(session, 2027, HOLIDAYS_2027, MAKEUP_2027, OFFICIAL, ADMIN, now=NOW)
    assert [m.number for m in change.moved] == [open_case]

    # Saturday 01-30 is now a working day: the 150 minutes end there at 11:00.
    case = load(street, open_case)
    assert case.due_at == local(2027, 1, 30, 11, 0) == case.handle_due
    # the warning (80 % of 240 = 192 minutes) moves with it: 90 Friday + 102 Saturday
    assert case.warn_at == local(2027, 1, 30, 10, 12)
    assert history(street, open_case)[-1] == (
        RECOMPUTE_EVENT,
        ADMIN.label,
        "节假日调整：2027 年日历更新",
    )
    with street.read() as session:
        (entry,) = [h for h in case_detail(session, open_case).history if h.action == "recompute"]
    assert entry.action_label == "时限重算" and entry.details is not None
    assert datetime.fromisoformat(entry.details["due"]) == local(2027, 1, 30, 11, 0)
    after = load(street, closed)
    for column in ("due_at", "warn_at", "handle_due", "version", "closed_at", "updated_at"):
        assert getattr(after, column) == getattr(closed_before, column)
    assert history(street, closed) == closed_history
    with street.read() as session:
        audit = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert audit is not None and audit.action == "calendar.set_year"
        assert audit.username == ADMIN.username
        rows = {r.year: r for r in list_years(session)}
    assert rows[2027].source == "本中心" and rows[2027].status == OFFICIAL
    assert rows[2027].makeup == 2 and rows[2026].source == "内置"


def test_extended_and_suspended_cases_keep_their_own_clock(street: Database) -> None:
    extended = dispatched_at(street, local(2027, 1, 29, 9, 0))
    until = local(2027, 2, 3, 17, 30)
    apply(
        street,
        extended,
        Action.EXTEND,
        Request(reason="协调", until=until),
        now=local(2027, 1, 29, 10),
    )
    suspended = dispatched_at(street, local(2027, 1, 29, 9, 0))
    apply(street, suspended, Action.ACCEPT, now=local(2027, 1, 29, 9, 30))
    apply(street, suspended, Action.SUSPEND, Request(reason="待拆迁"), now=local(2027, 1, 29, 10))
    remaining = load(street, suspended).remaining_minutes
    warn_before = load(street, extended).warn_at

    # Monday 2027-02-01 becomes a day off (corrected one day, the bundled year is copied).
    with street.write() as session:
        change = set_day(session, date(2027, 2, 1), HOLIDAY, "春节", ADMIN, now=NOW)
        assert change.year.source == "本中心" and change.year.status == "provisional"
        assert date(2027, 10, 1) in change.year.holidays  # the rest of the bundled year stays

    case = load(street, extended)
    assert case.due_at == until  # a deadline set by 延期 is a moment, kept
    assert case.warn_at is not None and warn_before is not None and case.warn_at > warn_before
    s = load(street, suspended)
    assert s.due_at is None and s.remaining_minutes == remaining == 180
    # Resumed on Monday 02-01 (now a holiday), the 180 minutes start on Tuesday 08:30.
    apply(street, suspended, Action.RESUME, now=local(2027, 2, 1, 9, 0))
    assert load(street, suspended).due_at == local(2027, 2, 2, 11, 30)


def test_another_connection_sees_the_change_in_its_next_transaction(
    street: Database, db_url: str
) -> None:
    other = Database(db_url)
    try:
        with other.read() as session:
            before = load_settings(session).calendar()
        assert not before.is_workday(date(2027, 1, 30))
        with street.write() as session:
            set_year(session, 2027, HOLIDAYS_2027, MAKEUP_2027, OFFICIAL, ADMIN)
        with other.read() as session:
            assert load_settings(session).calendar().is_workday(date(2027, 1, 30))
    finally:
        other.dispose()


def test_changes_need_the_settings_permission_and_valid_days(street: Database) -> None:
    dispatcher = BY_ROLE[next(r for r in BY_ROLE if not BY_ROLE[r].can("admin.settings"))]
    with street.write() as session, pytest.raises(PermissionDenied):
        set_day(session, date(2027, 1, 30), WORKDAY, "", dispatcher)
    with street.write() as session, pytest.raises(ValidationError, match="本来就上班"):
        set_year(session, 2027, HOLIDAYS_2027, {date(2027, 2, 1): ""}, OFFICIAL, ADMIN)
    with street.write() as session, pytest.raises(ValidationError, match="已是「工作日」"):
        set_day(session, date(2027, 3, 3), None, "", ADMIN)
    with street.read() as session:
        assert session.scalar(select(HolidayDay.day).limit(1)) is None


def test_warning_when_the_year_is_provisional_or_the_next_is_missing(street: Database) -> None:
    with street.read() as session:
        warning = calendar_warning(session, NOW)  # 2026-12-04: 2027 is provisional
    assert warning is not None and "2027 年的节假日安排仍为暂定" in warning
    with street.write() as session:
        mark_official(session, 2027, ADMIN)
    with street.read() as session:
        assert calendar_warning(session, NOW) is None
        assert calendar_warning(session, local(2027, 6, 1, 9)) is None
        late = calendar_warning(session, local(2027, 11, 15, 9))  # 47 days before 2028
    assert late is not None and "2028 年的节假日尚未录入" in late


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["日期", "类型", "名称"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_lists_every_problem_and_writes_nothing(street: Database, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "2027.xlsx",
        [
            [date(2027, 1, 1), "放假", "元旦"],
            ["2026-10-01", "放假", "国庆节"],  # another year
            [date(2027, 2, 1), "调休上班", "春节"],  # a Monday
            [date(2027, 2, 5), "休假", "春节"],  # unknown type
            [date(2027, 2, 6), "放假", ""],  # no name
            [date(2027, 1, 1), "放假", "元旦"],  # duplicate
            ["2027-02-30", "放假", "春节"],  # no such date
        ],
    )
    plan, change = import_year(street, path, 2027, ADMIN)
    assert change is None
    where = [(p.row, p.column.split(" ")[0]) for p in plan.problems]
    assert where == [(3, "A列"), (4, "B列"), (5, "B列"), (6, "C列"), (7, "A列"), (8, "A列")]
    with street.read() as session:
        assert year_calendar(session, 2027).source == "内置"


def test_import_then_export_round_trip(street: Database, tmp_path: Path) -> None:
    rows: list[list[object]] = [[d, "放假", n] for d, n in HOLIDAYS_2027.items()]
    rows += [[d.isoformat(), "调休上班", n] for d, n in MAKEUP_2027.items()]
    path = _sheet(tmp_path / "2027.xlsx", rows)
    plan, change = import_year(street, path, 2027, ADMIN, dry_run=True)
    assert not plan.problems and change is None
    plan, change = import_year(street, path, 2027, ADMIN)
    assert change is not None and change.year.status == OFFICIAL
    out = tmp_path / "export.xlsx"
    with street.read() as session:
        export_year(session, 2027, out)
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [tuple(c.value for c in row[:3]) for row in sheet.iter_rows(min_row=2)]
    assert (datetime(2027, 1, 30), "调休上班", "春节") in values
    assert len(values) == len(HOLIDAYS_2027) + len(MAKEUP_2027)
    again = plan_year_import(out, 2027)
    assert not again.problems
    assert again.holidays == HOLIDAYS_2027 and again.makeup == MAKEUP_2027


# --- griddesk-admin calendar --------------------------------------------------------------------


def test_cli_calendar_commands(
    street: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.cli.main import main

    monkeypatch.setattr("db.holidays.calendar_years.utcnow", lambda: NOW)
    url = street.engine.url.render_as_string(hide_password=False)
    login = cli_login(street, "admin")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", url, *login, *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("info")
    assert code == 0 and "注意：2027 年的节假日安排仍为暂定" in out
    code, out, _ = run("calendar", "list")
    assert code == 0 and "2027\t暂定\t内置\t放假 13 天\t调休上班 0 天" in out
    bad = _sheet(tmp_path / "bad.xlsx", [[date(2027, 2, 1), "调休上班", ""]])
    code, out, err = run("calendar", "import", str(bad), "--year", "2027")
    assert code == 2 and "第 2 行「B列 类型」" in out and err.startswith("错误：发现 1 处问题")
    good = _sheet(
        tmp_path / "2027.xlsx",
        [[d, "放假", n] for d, n in HOLIDAYS_2027.items()]
        + [[d, "调休上班", n] for d, n in MAKEUP_2027.items()],
    )
    code, out, _ = run("calendar", "import", str(good), "--year", "2027", "--dry-run")
    assert code == 0 and "未写入" in out
    code, out, _ = run("calendar", "import", str(good), "--year", "2027", "--provisional")
    assert code == 0 and "调休上班 2 天" in out
    code, out, _ = run("calendar", "set", "2027-02-27", "上班", "--name", "春节")
    assert code == 0 and "调休上班" in out
    code, out, _ = run("calendar", "show", "2027")
    assert code == 0 and "2027-02-27\t星期六\t调休上班\t春节" in out
    code, out, _ = run("calendar", "mark-official", "2027")
    assert code == 0 and "正式" in out
    code, out, _ = run("info")
    assert code == 0 and "注意" not in out
    exported = tmp_path / "out.xlsx"
    code, out, _ = run("calendar", "export", "2027", str(exported))
    assert code == 0 and plan_year_import(exported, 2027).makeup[date(2027, 2, 27)] == "春节"
    code, _, err = run("calendar", "set", "2027-02-27", "休假")
    assert code == 2 and "放假、上班 或 默认" in err

"""One definition per figure (db/stats/definitions.py): the department card, the statistics
page, the big screen and the 部门绩效考核表 show the same 按期结案率 for a department and a month;
an undone dispatch is not in 今日派遣; a returned case and one waiting for 核查 are not the
department's 超期; — where nothing was closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.reference.settings_store import CenterSettings
from db.stats import figures as stats
from db.stats.department_load import department_board, month_span
from db.stats.periods import StatsFilter
from desktop.core.context import AppContext
from desktop.desk.dispatch_board import DepartmentCard
from desktop.stats.big_screen import BigScreen
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.report_cases import read_sheet
from tests.street import GRID_A1

TZ = CenterSettings().tz
T0 = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # Tuesday 3 November, 09:00 local
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 26 November, 10:00 local


def _case(db: Database, category: str, at: datetime, *steps: tuple[Action, timedelta]) -> str:
    number = report_case(db, grid_code=GRID_A1, category_code=category, description="问题", now=at)
    apply(db, number, Action.REGISTER, now=at + timedelta(seconds=30))
    for action, after in steps:
        reason = "不属本部门职责" if action is Action.RETURN else ""
        apply(db, number, action, Request(reason=reason), now=at + after)
    return number


def _scene(db: Database) -> None:
    """环卫所 (暴露垃圾 0101): one closed on time, one closed late, one overdue in its hands, one
    it returned and one waiting for 核查 (both past their stage deadline, both the center's);
    燃气公司 (燃气泄漏 0401): overdue, nothing closed this month. Today one dispatch kept, one
    undone (撤回派遣)."""
    minute, day = timedelta(minutes=1), timedelta(days=1)
    dispatch, accept = (Action.DISPATCH, minute), (Action.ACCEPT, 2 * minute)
    _case(
        db, "0101", T0, dispatch, accept, (Action.FEEDBACK, 3 * minute), (Action.VERIFY, 4 * minute)
    )
    _case(db, "0101", T0, dispatch, accept, (Action.FEEDBACK, 9 * day), (Action.VERIFY, 9 * day))
    _case(db, "0101", T0, dispatch, accept)  # overdue with the department
    _case(db, "0101", T0, dispatch, (Action.RETURN, 5 * minute))  # 退单: the center's again
    _case(db, "0101", T0, dispatch, accept, (Action.FEEDBACK, 9 * day))  # 待核查, overdue
    _case(db, "0401", T0, dispatch)  # 燃气公司: overdue, nothing closed
    today = NOW - timedelta(minutes=30)
    _case(db, "0101", today, dispatch)  # kept: today's one dispatch
    _case(db, "0101", today, dispatch, (Action.RECALL, 2 * minute))  # undone: not counted


def test_the_figures_agree(street: Database, qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    _scene(street)
    start, end = month_span(NOW, TZ)
    month = StatsFilter(start, end)

    # The desk card.
    with street.read() as s:
        board = {d.name: d for d in department_board(s, NOW)}
    sanitation, gas = board["环卫所"], board["燃气公司"]
    assert (sanitation.open, sanitation.overdue) == (2, 1)  # 退单 and 待核查 are not its 超期
    # 应结案 5: 2 closed + 3 not closed whose handling deadline came this month (the overdue one,
    # the 待核查 one and the returned one, still on the department's books as in the returns);
    # 按期 1.
    assert (sanitation.due_month, sanitation.closed_month, sanitation.on_time_month) == (5, 2, 1)
    assert sanitation.on_time_rate == pytest.approx(0.2)
    assert (gas.overdue, gas.on_time_rate) == (1, None)
    card = DepartmentCard(sanitation)
    qtbot.addWidget(card)
    assert card.rate.text() == "本月按期 20.0%"
    gas_card = DepartmentCard(gas)
    qtbot.addWidget(gas_card)
    assert gas_card.rate.text() == "本月按期 —"

    # The statistics page (the month) and its key figures (today).
    snap = stats.collect(street, month, TZ, NOW)
    page = {d.name: d.rate for d in snap.departments}
    assert page["环卫所"] == pytest.approx(0.2) and page["燃气公司"] is None
    assert snap.today.dispatched == 1  # the undone dispatch is not counted

    # The big screen on the same filter.
    screen = BigScreen(ctx, lambda: month, clock=lambda: NOW)
    with qtbot.waitSignal(screen.drawn, timeout=20_000):
        screen.refresh()
    chart = screen.charts.departments
    shown = {label: chart.value_text(chart.value(i)) for i, label in enumerate(chart.labels)}
    assert shown["环卫所"] == "20.0%" and shown["燃气公司"] == "—"
    assert screen.figures.texts()["dispatched"] == "1"
    screen.close()

    # The 部门绩效考核表 of the month, read back with openpyxl.
    out = tmp_path / "department.xlsx"
    request = ReportRequest(parse_period("2026-11"), as_of=NOW)
    export_report(street, "department-performance", request, out)
    rows = read_sheet(out, "部门绩效", "部门", {"部门", "按期结案率", "应结案数"}).rows
    assert rows["环卫所"]["应结案数"] == 5
    assert rows["环卫所"]["按期结案率"] == pytest.approx(0.2)
    assert rows["燃气公司"]["按期结案率"] == "—"

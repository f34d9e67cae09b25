"""The 报表 page: list of returns, period and scope, preview model, export off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import Database
from db.models import AuditEntry
from db.security.actors import Actor, Role
from desktop.core.context import AppContext
from desktop.returns import reports_page
from desktop.returns.reports_page import ReportsPage
from reports import registry
from reports.layout import Report
from reports.period import parse_period
from reports.registry import KINDS
from tests.report_cases import OCT_END, OCT_START, combine, expected_indices
from tests.street import COMMUNITY_A


@pytest.fixture
def ctx(cases: Database, make_ctx: Callable[..., AppContext]) -> AppContext:
    """The SYSTEM actor on the street with the returns' hand-built cases."""
    return make_ctx(cases)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Folders the page asked the desktop to open (recorded, not opened)."""
    urls: list[str] = []

    def fake_open(folder: Path) -> bool:
        urls.append(str(folder))
        return True

    monkeypatch.setattr(reports_page, "open_local_folder", fake_open)
    return urls


def _page(ctx: AppContext, qtbot: QtBot) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.scope.count() > 1)
    return page


def _preview(page: ReportsPage, qtbot: QtBot) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        page.preview_button.click()


def test_lists_returns_and_previews_the_monthly_return(
    ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = _page(ctx, qtbot)
    listed = [page.kinds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.kinds.count())]
    assert [k for k in listed if k] == list(KINDS)
    page.select_kind("monthly-cases")
    page.set_period(parse_period("2026-10"))
    assert page.current_period() == parse_period("2026-10")
    _preview(page, qtbot)
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "社区" and "结案情况\n结案数" in headers
    total = combine(list(expected_indices(ctx.db, OCT_START, OCT_END, "community").values()))
    closed = headers.index("结案情况\n结案数")
    rate = headers.index("结案情况\n结案率")
    assert model.index(2, 0).data() == "合计"
    assert model.index(2, closed).data() == str(total.closed)
    assert model.index(2, rate).data() == f"{total.close_rate:.1%}"
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == [
        "按社区",
        "按网格",
        "每日走势",
    ]
    page.sheet.setCurrentIndex(1)
    assert model.rowCount() == 5  # four grids and 合计
    qtmodeltester.check(model)
    page.sheet.setCurrentIndex(2)
    assert model.rowCount() == 32  # 31 days and 合计


def test_scope_and_what_each_return_allows(ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(ctx, qtbot)
    page.select_kind("monthly-cases")
    page.set_period(parse_period("2026-10"))
    page.set_scope("community", COMMUNITY_A)
    _preview(page, qtbot)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == [
        "锦峪社区",
        "合计",
    ]
    page.set_scope("department", "环卫所")
    _preview(page, qtbot)
    assert page.report is not None and "环卫所" in page.report.unit
    # Rosters cannot be narrowed to a department: those choices are disabled, the scope resets.
    page.select_kind("grid-staff")
    assert page.scope_choice() == (None, None)
    model = page.scope.model()
    assert isinstance(model, QStandardItemModel)
    departments = [
        r
        for r in range(page.scope.count())
        if str(page.scope.itemData(r)).startswith("department:")
    ]
    assert departments and not any(model.item(r).isEnabled() for r in departments)
    assert page.unmasked.isEnabled()  # the system account may see personal data
    page.select_kind("staffing-standard")
    assert not page.unmasked.isEnabled()  # nothing personal in it


def test_unmasking_needs_the_permission(street: Database, qtbot: QtBot) -> None:
    context = AppContext.create(street, Actor("lead", "李领导", Role.LEADER), start_feed=False)
    try:
        page = _page(context, qtbot)
        page.select_kind("community-workers")
        assert not page.unmasked.isEnabled() and not page.unmasked.isChecked()
    finally:
        context.close()


def test_export_runs_off_the_gui_thread_with_progress(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, opened: list[str]
) -> None:
    page = _page(ctx, qtbot)
    page.select_kind("monthly-cases")
    page.set_period(parse_period("2026-10"))
    assert page.suggested_filename() == "案件办理情况月报_2026-10.xlsx"
    target = tmp_path / "out" / page.suggested_filename()
    target.parent.mkdir()
    with qtbot.waitSignal(page.export_finished, timeout=30_000) as done:
        page.export_to(target)
        assert not page.export_button.isEnabled()  # the window stays usable, export locked
    assert done.args == [True, str(target)]
    job = page.export_job
    assert job is not None and job.thread_id is not None
    assert job.thread_id != threading.get_ident()
    assert page.progress.maximum() == 2 + 4 + 31  # every row of the three sheets reported
    assert page.export_button.isEnabled() and page.open_button.isEnabled()
    assert opened == [str(target.parent)]
    assert "已导出" in page.status.text()
    wb = load_workbook(target, data_only=True)
    assert wb["按社区"]["A1"].value == "2026年10月案件办理情况月报"
    page.open_folder()
    assert len(opened) == 2
    with ctx.db.read() as s:  # audited as an export from the command line is
        username, details = s.execute(
            select(AuditEntry.username, AuditEntry.details).where(
                AuditEntry.action == "report.export"
            )
        ).one()
    assert username == ctx.actor.username and str(target) in str(details)


def test_a_year_or_quarter_of_the_monthly_return_is_named_as_its_title(
    ctx: AppContext, qtbot: QtBot
) -> None:
    """The file offered for a year of 案件办理情况 is the 年报 it holds, not a 月报."""
    page = _page(ctx, qtbot)
    page.select_kind("monthly-cases")
    page.set_period(parse_period("2026"))
    assert page.suggested_filename() == "案件办理情况年报_2026.xlsx"
    page.set_period(parse_period("2026-Q3"))
    assert page.suggested_filename() == "案件办理情况季报_2026-Q3.xlsx"
    page.select_kind("department-performance")
    page.set_period(parse_period("2026"))
    assert page.suggested_filename() == "部门绩效考核表_2026.xlsx"


def test_export_error_is_one_clear_message(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, opened: list[str]
) -> None:
    page = _page(ctx, qtbot)
    messages: list[str] = []
    ctx.signals.message.connect(messages.append)
    target = tmp_path / "missing" / "r.xlsx"
    with qtbot.waitSignal(page.export_finished, timeout=30_000) as done:
        page.export_to(target)
    ok, message = done.args
    assert not ok and "不存在" in message and "\n" not in message
    assert page.status.text() == message and message in messages
    assert page.export_button.isEnabled() and not opened
    assert not target.parent.exists()


def test_export_can_be_cancelled_before_the_file_is_written(
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page(ctx, qtbot)
    page.select_kind("monthly-cases")
    page.set_period(parse_period("2026-10"))
    reading, release = threading.Event(), threading.Event()

    built = registry.built_report

    @contextmanager
    def slow_build(*args: Any) -> Iterator[Report]:
        reading.set()
        release.wait(10)
        with built(*args) as report:
            yield report

    monkeypatch.setattr(registry, "built_report", slow_build)
    target = tmp_path / "out" / "r.xlsx"
    target.parent.mkdir()
    page.export_to(target)
    assert not page.cancel_button.isHidden() and page.cancel_button.isEnabled()
    qtbot.waitUntil(reading.is_set)
    with qtbot.waitSignal(page.export_finished) as done:
        page.cancel_export()
    assert done.args == [False, "已取消导出"]
    assert page.export_button.isEnabled() and page.progress.isHidden()
    task = page.export_task
    assert task is not None
    release.set()
    qtbot.waitUntil(lambda: task.finished)
    assert list(target.parent.iterdir()) == []  # no file, no temporary file
    assert "已取消" in page.status.text() and not opened

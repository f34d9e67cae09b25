"""The holiday calendar in the window: the editor reached from 设置 (month grid, toggling a day,
Excel in and out, marking a year official) and the warning on the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.holidays.calendar_years import DAY_HOLIDAY, DAY_MAKEUP, plan_year_import
from db.security.actors import Role
from desktop.admin.calendar_editor import KIND_ROLE, CalendarEditor
from desktop.admin.settings_page import SettingsPage
from desktop.core.context import AppContext
from desktop.shell.main_window import MainWindow
from tests.test_holidays import HOLIDAYS_2027, MAKEUP_2027, NOW, _sheet

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warning's "now" is 2026-12-04, whenever the tests run."""
    monkeypatch.setattr("db.holidays.calendar_years.utcnow", lambda: NOW)


def kind_of(editor: CalendarEditor, day: date) -> str:
    return str(editor.model.index_of(day).data(KIND_ROLE))


def open_editor(qtbot: QtBot, ctx: AppContext) -> CalendarEditor:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.calendar_button.click()
    editor = page.account_dialog
    assert isinstance(editor, CalendarEditor)
    qtbot.waitUntil(lambda: editor.model.year is not None and not editor.busy)
    if editor.year != 2027:
        editor.year_combo.setCurrentIndex(editor.year_combo.findData(2027))
        qtbot.waitUntil(lambda: editor.model.year is not None and editor.model.year.year == 2027)
        qtbot.waitUntil(lambda: not editor.busy)
    return editor


def test_editor_toggles_days_imports_and_exports(
    qtbot: QtBot, admin_ctx: AppContext, qtmodeltester: object, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, admin_ctx)
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]
    assert "2027 年：暂定 · 内置" in editor.status_label.text()
    assert kind_of(editor, date(2027, 2, 6)) == DAY_HOLIDAY
    assert editor.model.index(1, 30).flags() == Qt.ItemFlag.NoItemFlags  # no 31 February
    # Double-click Saturday 01-30: a make-up working day (调休上班).
    index = editor.model.index_of(date(2027, 1, 30))
    editor.view.setCurrentIndex(index)
    editor.name_edit.setText("春节")
    with qtbot.waitSignal(editor.changed, timeout=10_000):
        editor.toggle_day(index)
    qtbot.waitUntil(lambda: kind_of(editor, date(2027, 1, 30)) == DAY_MAKEUP)
    qtbot.waitUntil(lambda: "本中心" in editor.status_label.text())
    qtbot.waitUntil(lambda: admin_ctx.settings.calendar().is_workday(date(2027, 1, 30)))
    # A file with a mistake is refused row by row, nothing changes.
    bad = _sheet(tmp_path / "bad.xlsx", [[date(2027, 2, 1), "调休上班", ""]])
    editor.import_file(bad)
    qtbot.waitUntil(lambda: editor.problems.isVisible())
    assert "第 2 行「B列 类型」" in editor.problems.toPlainText()
    assert "未导入" in editor.message.text()
    # The notice as a sheet replaces the year, official.
    good = _sheet(
        tmp_path / "2027.xlsx",
        [[d, "放假", n] for d, n in HOLIDAYS_2027.items()]
        + [[d, "调休上班", n] for d, n in MAKEUP_2027.items()],
    )
    with qtbot.waitSignal(editor.changed, timeout=10_000):
        editor.import_file(good)
    qtbot.waitUntil(lambda: "2027 年：正式 · 本中心" in editor.status_label.text())
    assert kind_of(editor, date(2027, 2, 20)) == DAY_MAKEUP
    assert not editor.problems.isVisible()
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]
    out = tmp_path / "export.xlsx"
    editor.export_file(out)
    qtbot.waitUntil(lambda: "已导出" in editor.message.text())
    assert plan_year_import(out, 2027).makeup == MAKEUP_2027


def test_editor_is_read_only_for_a_dispatcher(
    qtbot: QtBot, role_ctx: Callable[[Role], AppContext]
) -> None:
    editor = open_editor(qtbot, role_ctx(Role.DISPATCHER))
    assert "只有管理员" in editor.message.text()
    assert kind_of(editor, date(2027, 1, 1)) == DAY_HOLIDAY  # everyone may look
    editor.view.setCurrentIndex(editor.model.index_of(date(2027, 1, 30)))
    assert not editor.holiday_button.isEnabled() and not editor.import_button.isEnabled()
    assert not editor.official_button.isEnabled()


def test_status_bar_warns_until_the_next_year_is_official(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.calendar_label.isVisible())
    assert "2027 年的节假日安排仍为暂定" in window.calendar_label.toolTip()
    assert window.calendar_label.text().startswith("⚠ 2027 年的节假日安排仍为暂定")
    editor = CalendarEditor(admin_ctx, window, year=2027)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.official_button.isEnabled())
    with qtbot.waitSignal(admin_ctx.signals.settings_changed, timeout=10_000):
        editor.official_button.click()
    qtbot.waitUntil(lambda: not window.calendar_label.isVisible())
    QApplication.processEvents()

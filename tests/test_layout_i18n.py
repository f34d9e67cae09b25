"""Layout and English-mode details of issue 11 (point 14, 15): the 人员 tables' widths, the
charts' bottom axis titles, today's partial day, db values shown translated, and Qt's own file
dialog in Chinese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.people.roster_kinds import Kind
from db.people.rosters import COLUMNS
from db.security.actors import Actor, Role
from desktop.core.context import AppContext
from desktop.core.i18n import (
    calendar_warning_text,
    install_translators,
    value_text,
)
from desktop.people.people_page import PeoplePage
from desktop.stats.bar_chart import BarChart
from desktop.stats.chart_style import BLUE, Series
from desktop.stats.date_chart import DateLineChart
from reports.period import Period
from reports.registry import KINDS, build_report
from reports.request import ReportRequest

SYSTEM = Actor("demo", "演示账号", Role.SYSTEM)


def test_roster_status_column_does_not_take_the_spare_width(
    qtbot: QtBot, role_ctx: Callable[[Role], AppContext]
) -> None:
    ctx = role_ctx(Role.SECRETARY)
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.resize(1920, 1000)
    page.show()
    qtbot.waitUntil(ctx.tasks.is_idle)
    for kind, tab in page.rosters.items():
        page.tabs.setCurrentWidget(tab)
        status = [key for key, _ in COLUMNS[kind]].index("status")
        assert tab.view.columnWidth(status) <= 150, kind
    stretched = page.rosters[Kind.COMMUNITY_WORKER].view
    assert stretched.columnWidth(0) < stretched.viewport().width()


def _bottom_title_inside(chart: DateLineChart | BarChart) -> bool:
    label = chart.plot_item.getAxis("bottom").label
    title = label.mapRectToScene(label.boundingRect())
    return bool(chart.sceneRect().contains(title)) and title.bottom() <= chart.height()


@pytest.mark.parametrize("height", [220, 320])
def test_bottom_axis_title_is_inside_the_chart(qtbot: QtBot, height: int) -> None:
    days = [date(2026, 12, 1) + timedelta(days=i) for i in range(5)]
    line = DateLineChart("每日受理与结案", "件数")
    bars = BarChart("在办案件（按大类）", "大类", "件数", horizontal=True)
    for chart in (line, bars):
        qtbot.addWidget(chart)
        chart.resize(700, height)
        chart.show()
    line.set_data(days, [Series("受理", [3, 5, 4, 6, 1], BLUE)])
    bars.set_data(["市容环境", "街面秩序"], [Series("在办", [4, 2], BLUE)])
    qtbot.waitExposed(bars)
    for chart in (line, bars):
        qtbot.waitUntil(lambda chart=chart: _bottom_title_inside(chart))


def test_today_is_drawn_apart_with_a_note(qtbot: QtBot) -> None:
    days = [date(2026, 12, 1) + timedelta(days=i) for i in range(5)]
    chart = DateLineChart("每日受理与结案", "件数")
    qtbot.addWidget(chart)
    chart.set_data(days, [Series("受理", [9, 10, 11, 9, 1], BLUE)])
    x = [float(d.toordinal()) for d in days]
    (line,) = chart.lines()
    assert line.pieces() == [("solid", x)]
    chart.set_partial_day(days[-1], "08:13")
    assert chart.partial_index() == 4
    assert chart.partial_note() == "今日截至 08:13"
    # the full days, a dashed piece to today and today's hollow point; and a note
    (line,) = chart.lines()
    assert line.pieces() == [("solid", x[:4]), ("dashed", x[3:]), ("today", x[4:])]
    assert chart.note_text() == "今日截至 08:13"
    assert "截至 08:13" in chart.hover_text(4)
    chart.set_partial_day(None)
    (line,) = chart.lines()
    assert line.pieces() == [("solid", x)]
    assert chart.note_text() == ""


class _English(QTranslator):
    """The English of a few DomainValues, as the lead's .ts will hold them."""

    WORDS: ClassVar[dict[str, str]] = {
        "男": "Male",
        "群众": "Non-party",
        "在岗": "In post",
        "网格长": "Grid leader",
        "、": ", ",
        "任期将满（剩 {n} 天）": "Term ends soon ({n} days left)",
        "{0} 年的节假日安排仍为暂定（调休上班日可能缺失，{1} 天后开始）": (
            "The {0} holidays are provisional (starts in {1} days)"
        ),
        "请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排": (
            "enter them in Settings → Holiday calendar"
        ),
        "；": "; ",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.WORDS.get(source) if context == "DomainValues" else None


@pytest.fixture
def english_values(qapp: QApplication) -> Iterator[None]:
    translator = _English(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_db_values_are_shown_in_english(english_values: None) -> None:
    assert value_text("男") == "Male"
    assert value_text("群众") == "Non-party"
    assert value_text("在岗") == "In post"
    assert value_text("任期将满（剩 47 天）") == "Term ends soon (47 days left)"
    assert value_text("网格长、在岗") == "Grid leader, In post"
    assert value_text("张三") == "张三"  # names and free text stay as they are
    warning = (
        "2027 年的节假日安排仍为暂定（调休上班日可能缺失，27 天后开始）；"
        "请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排"
    )
    assert calendar_warning_text(warning) == (
        "The 2027 holidays are provisional (starts in 27 days); "
        "enter them in Settings → Holiday calendar"
    )


def test_file_dialog_speaks_chinese_in_chinese_mode(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh_CN")
    try:
        dialog = QFileDialog(None, "导出报表")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "查找范围：" in texts and "文件类型：" in texts, texts
        assert not any("Look in" in t or "Files of" in t for t in texts)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_every_return_header_is_listed_for_translation(street: Database) -> None:
    """The 报表 page shows reports/' Chinese titles, sheets and headers through
    `return_text`: a new column of a return must be listed in desktop/returns/return_labels."""
    from desktop.returns.return_labels import listed

    request = ReportRequest(period=Period("month", 2026, 11), actor=SYSTEM)
    texts = set()
    for kind, spec in KINDS.items():
        texts.add(spec.title)
        for sheet in build_report(street, kind, request).sheets:
            texts.add(sheet.name)
            texts |= {line for column in sheet.columns for line in column.header}
    assert {text for text in texts if not listed(text)} == set()


def test_every_figure_definition_is_marked_for_translation() -> None:
    """The tooltips of the figures are translated: each definition's text is in the list lupdate
    reads (desktop/common/figure_texts.py), word for word."""
    from db.stats import definitions
    from desktop.common.figure_texts import FIGURE_COUNTS

    figures = [v for v in vars(definitions).values() if isinstance(v, definitions.Figure)]
    assert figures
    assert {f.counts for f in figures} == set(FIGURE_COUNTS)


@pytest.fixture
def english_window(qapp: QApplication, app_state: None, english: None) -> None:
    """The real English translation and the application's style sheet, as `griddesk --lang en`
    shows them (`app_state` puts the style sheet back afterwards)."""
    from desktop.app import apply_style

    apply_style(qapp)


@pytest.mark.usefixtures("settings_in_tmp")
def test_english_desk_with_a_case_fits_a_full_hd_screen(
    qtbot: QtBot, cases: Database, make_ctx: Callable[..., AppContext], english_window: None
) -> None:
    """In English the filter lists may be narrower than their longest entry rather than push
    the window past 1920 px, which cut off the case pane's right edge; their "all" entries are
    short (Community, Category…) so that they still show whole."""
    from db.cases.queries import list_cases
    from desktop.cases.case_detail import CaseDetailPane
    from desktop.shell.main_window import MainWindow

    ctx = make_ctx(cases, SYSTEM)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # not the small offscreen "screen"
    window.resize(1920, 1080)
    window.show()
    qtbot.waitUntil(ctx.tasks.is_idle)
    with cases.read() as s:
        number = list_cases(s, "open", limit=1)[0].number
    pane = window.desk_page.findChild(CaseDetailPane)
    assert pane is not None
    pane.show_case(number)
    qtbot.waitUntil(lambda: pane.detail is not None)
    qtbot.waitUntil(ctx.tasks.is_idle)
    filters = window.desk_page.queue.filters
    assert filters.community.itemText(0) == "Community"
    # each list's "all" entry is shown whole, not cut ("All commur")
    for combo in (filters.community, filters.category, filters.department, filters.source):
        text_width = combo.fontMetrics().horizontalAdvance(combo.currentText())
        # the text, the padding and the arrow (about 50 px) fit
        assert combo.width() >= text_width + 50, (combo.currentText(), combo.width())
    # The filter row above the queue and the case pane beside it, the page rail, the margins
    # and the splitter's handle (about 16 px) all fit the width of a full-HD screen.
    side_by_side = (
        window.desk_page.queue.filters.minimumSizeHint().width()
        + pane.minimumSizeHint().width()
        + window.rail.width()
    )
    assert side_by_side + 40 <= 1920
    assert window.width() == 1920

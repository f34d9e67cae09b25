"""The statistics page and the big screen driven through pytest-qt on both databases."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from db.cases.intake import report_case
from db.cases.states import Source
from db.engine import Database
from db.models import Community, Department, Grid, MajorCategory
from desktop.core.context import AppContext
from desktop.stats import stats_export
from desktop.stats.chart_base import ChartBase
from desktop.stats.chart_set import KEY_NAMES
from desktop.stats.stats_page import StatsPage
from tests.street import COMMUNITY_B, GRID_A2, GRID_B1
from tests.test_stats import TZ, Scene, build_scene, local

pytestmark = pytest.mark.gui


@pytest.fixture
def scene(street: Database) -> Scene:
    return build_scene(street)


@pytest.fixture
def ctx(scene: Scene, make_ctx: Callable[..., AppContext]) -> AppContext:
    """The SYSTEM actor on the street with the statistics scene."""
    return make_ctx(scene.db)


@pytest.fixture
def page(
    qtbot: QtBot, ctx: AppContext, scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StatsPage]:
    # The page looks at the scene's "now": 11 March 2026 14:30 Beijing time.
    monkeypatch.setattr(StatsPage, "clock", staticmethod(lambda: scene.now))
    widget = StatsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1500, 1000)
    with qtbot.waitSignal(widget.drawn, timeout=20000):
        widget.show()
    yield widget
    if widget.big_screen is not None:
        widget.big_screen.close()


def _set_march(qtbot: QtBot, page: StatsPage) -> None:
    """Custom period 9–11 March 2026 (the scene's days)."""
    with qtbot.waitSignal(page.drawn, timeout=20000):
        page.period.setCurrentIndex(page.period.findData("custom"))
        page.date_from.setDate(QDate(2026, 3, 9))
        page.date_to.setDate(QDate(2026, 3, 11))
    qtbot.waitUntil(
        lambda: page.snapshot is not None and page.snapshot.flow[0].day == date(2026, 3, 9)
    )


def _refilter(qtbot: QtBot, page: StatsPage, combo: Any, data: Any) -> None:
    with qtbot.waitSignal(page.drawn, timeout=20000):
        page.select(combo, data)
    qtbot.waitUntil(lambda: page.ctx.tasks.is_idle())


def _click(
    qtbot: QtBot, page: StatsPage, chart: ChartBase, index: int, series: int = 0
) -> dict[str, Any]:
    with qtbot.waitSignal(page.open_cases_requested, timeout=5000) as blocker:
        qtbot.mouseClick(
            chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.position_of(index, series)
        )
    keys = blocker.args[0]
    assert isinstance(keys, dict)
    assert set(keys) == set(KEY_NAMES)
    return keys


def test_filters_change_the_charts(qtbot: QtBot, page: StatsPage, scene: Scene) -> None:
    _set_march(qtbot, page)
    charts = page.charts
    assert charts.flow.days == [
        date(2026, 3, 9),
        date(2026, 3, 10),
        date(2026, 3, 11),
    ]
    assert list(charts.flow.series[0].values) == [1, 3, 1]  # received, by local day
    assert list(charts.flow.series[1].values) == [0, 2, 0]  # closed
    assert sorted(charts.majors.labels) == ["公用设施", "园林绿化", "施工管理"]
    # 园林绿化所's case is due later today: nothing due yet (db/stats/definitions.py).
    assert charts.departments.labels == ["城管执法中队", "燃气公司"]
    assert list(charts.departments.series[0].values) == [50.0, 0.0]
    assert charts.alerts.labels == ["锦峪社区", "新明社区"]
    assert list(charts.alerts.series[0].values) == [1, 1]
    assert "40.0%" in charts.sources.title  # 未诉先办: 2 patrol cases of 5
    assert page.grid_model.rowCount() == 4

    _refilter(qtbot, page, page.community, scene.ids(Community, code=COMMUNITY_B))
    assert list(charts.flow.series[0].values) == [0, 2, 1]
    assert charts.alerts.labels == ["新明社区"]
    assert page.grid_model.rowCount() == 2

    _refilter(qtbot, page, page.community, None)
    _refilter(qtbot, page, page.department, scene.ids(Department, name="城管执法中队"))
    assert charts.majors.labels == ["施工管理"]

    _refilter(qtbot, page, page.department, None)
    _refilter(qtbot, page, page.category, f"major:{scene.ids(MajorCategory, code='03')}")
    assert list(charts.flow.series[0].values) == [1, 1, 0]
    assert "100.0%" in charts.sources.title  # both 施工管理 cases came from patrols


def test_hover_shows_the_figures(qtbot: QtBot, page: StatsPage) -> None:
    _set_march(qtbot, page)
    flow = page.charts.flow
    qtbot.mouseMove(flow.viewport(), flow.position_of(1))
    qtbot.waitUntil(lambda: flow.hover_label() != "")
    assert flow.hover_label().splitlines() == ["3月10日", "受理：3", "结案：2"]
    ranking = page.charts.departments
    # A mouse move goes where the window shows it: make the page tall enough to show it all.
    page.resize(1500, 2600)
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().maximum() == 0)
    qtbot.mouseMove(ranking.viewport(), ranking.position_of(0))
    qtbot.waitUntil(lambda: "城管执法中队" in ranking.hover_label())
    assert "按期结案率：50.0%" in ranking.hover_label()
    assert "应结案 2 件，按期结案 1 件，未结 1 件" in ranking.hover_label()


def test_click_through_emits_the_queue_filter(qtbot: QtBot, page: StatsPage, scene: Scene) -> None:
    _set_march(qtbot, page)
    charts = page.charts

    keys = _click(qtbot, page, charts.flow, 1)  # 10 March, received
    assert keys["from"] == datetime(2026, 3, 10, tzinfo=TZ)
    assert keys["to"] == datetime(2026, 3, 11, tzinfo=TZ)
    assert keys["time_field"] == "reported"
    assert keys["open_only"] is False

    building = scene.ids(MajorCategory, code="03")
    keys = _click(qtbot, page, charts.majors, charts.majors.labels.index("施工管理"))
    assert (keys["major_id"], keys["category_id"], keys["open_only"]) == (building, None, True)
    assert keys["from"] is None and keys["to"] is None

    b = scene.ids(Community, code=COMMUNITY_B)
    keys = _click(qtbot, page, charts.alerts, 1, series=1)  # 新明社区, warning bar
    assert (keys["community_id"], keys["alert_only"], keys["open_only"]) == (b, True, True)

    dept = scene.ids(Department, name="城管执法中队")
    keys = _click(qtbot, page, charts.departments, 0)
    assert keys["department_id"] == dept
    assert keys["from"] == datetime(2026, 3, 9, tzinfo=TZ)
    assert keys["to"] == datetime(2026, 3, 12, tzinfo=TZ)

    sources = [s.source for s in page.snapshot.sources.sources]  # type: ignore[union-attr]
    keys = _click(qtbot, page, charts.sources, sources.index(Source.PATROL.value))
    assert keys["source"] == "patrol"

    # A grid row: double-click opens that grid's open cases.
    row = next(i for i, g in enumerate(page.grid_model.rows) if g.code == GRID_A2)
    index = page.grid_model.index(row, 1)
    rect = page.grid_table.visualRect(index)
    qtbot.mouseClick(page.grid_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_cases_requested) as blocker:
        qtbot.mouseDClick(page.grid_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    keys = blocker.args[0]
    assert keys["grid_id"] == scene.ids(Grid, code=GRID_A2)
    assert keys["open_only"] is True
    # Enter on the selected row does the same.
    with qtbot.waitSignal(page.open_cases_requested) as blocker:
        qtbot.keyClick(page.grid_table, Qt.Key.Key_Return)
    assert blocker.args[0]["grid_id"] == scene.ids(Grid, code=GRID_A2)


def test_grid_model_passes_the_model_tester(qtmodeltester: Any, page: StatsPage) -> None:
    model = page.grid_model
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    # The densest grid is coloured, an empty grid is not.
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(3, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_png_export_has_the_chosen_width(
    qtbot: QtBot, page: StatsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_march(qtbot, page)
    target = tmp_path / "majors.png"
    page.export_chart_png("majors", target, 1234)
    image = QImage(str(target))
    assert (image.width(), image.isNull()) == (1234, False)
    assert image.height() > 300

    # The same through the menu: width asked, file name asked.
    through_menu = tmp_path / "每日受理与办结.png"
    monkeypatch.setattr(
        stats_export.QInputDialog, "getInt", staticmethod(lambda *a, **k: (800, True))
    )
    monkeypatch.setattr(
        stats_export.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(through_menu), "")),
    )
    page.export_menu.actions()[0].trigger()
    image = QImage(str(through_menu))
    assert image.width() == 800
    assert not list(tmp_path.glob("*.part"))


def test_pdf_summary(qtbot: QtBot, page: StatsPage, tmp_path: Path) -> None:
    _set_march(qtbot, page)
    target = tmp_path / "summary.pdf"
    page.export_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1  # one page
    assert not list(tmp_path.glob("*.part"))


def test_big_screen_toggle_and_live_refresh(qtbot: QtBot, page: StatsPage, scene: Scene) -> None:
    qtbot.mouseClick(page.big_button, Qt.MouseButton.LeftButton)
    screen = page.big_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.snapshot is not None, timeout=20000)
    assert screen.isVisible() and screen.isFullScreen()
    before = screen.figures.texts()
    assert before["overdue"] == "2"  # c2 and c4 are overdue now

    assert before["received"] == "1"  # c5, reported on "today", 11 March
    # A new case reported today shows on the wall after the (debounced) feed signal.
    report_case(
        scene.db,
        grid_code=GRID_B1,
        category_code="0301",
        description="夜间施工",
        now=local(11, 14, 0),
    )
    with qtbot.waitSignal(screen.drawn, timeout=10000):
        page.ctx.feed.notify_local(None)
        page.ctx.feed.notify_local(None)  # a burst is one refresh
    assert int(screen.figures.texts()["received"]) == int(before["received"]) + 1

    with qtbot.waitSignal(screen.closed):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert page.big_screen is None

    # F11 on the page opens it again, F11 on the wall closes it.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: page.big_screen is not None)
    again = page.big_screen
    assert again is not None and again.isFullScreen()
    with qtbot.waitSignal(again.closed):
        qtbot.keyClick(again, Qt.Key.Key_F11)


def test_page_refreshes_after_a_change_only_when_visible(
    qtbot: QtBot, page: StatsPage, scene: Scene
) -> None:
    _set_march(qtbot, page)
    report_case(
        scene.db,
        grid_code=GRID_A2,
        category_code="0301",
        description="深夜施工",
        source=Source.PATROL,
        now=local(11, 14, 20),
    )
    flow = page.charts.flow
    zoomed = (date(2026, 3, 10).toordinal() - 0.5, date(2026, 3, 11).toordinal() + 0.5)
    flow.plot_item.setXRange(*zoomed, padding=0)
    with qtbot.waitSignal(page.drawn, timeout=10000):
        page.ctx.feed.notify_local(None)
    assert list(page.charts.flow.series[0].values) == [1, 3, 2]
    # The live update kept the user's zoom on the flow chart.
    assert flow.view.viewRange()[0] == pytest.approx(list(zoomed))

    page.hide()
    report_case(
        scene.db,
        grid_code=GRID_A2,
        category_code="0301",
        description="又一起",
        now=local(11, 14, 25),
    )
    with qtbot.waitSignal(page.feed_timer.timeout, timeout=10000):
        page.ctx.feed.notify_local(None)
    # The debounce interval passed while hidden: nothing was recomputed.
    assert page.ctx.tasks.is_idle()
    assert list(page.charts.flow.series[0].values) == [1, 3, 2]
    with qtbot.waitSignal(page.drawn, timeout=10000):
        page.show()
    assert list(page.charts.flow.series[0].values) == [1, 3, 3]

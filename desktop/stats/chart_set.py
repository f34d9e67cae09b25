"""The statistics charts as one set for a theme, filled from a snapshot, with click-through keys."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Signal

from db.stats.figures import StatsSnapshot
from db.stats.periods import Bucket, StatsFilter, local_midnight
from desktop.core.i18n import source_text
from desktop.stats.bar_chart import BarChart
from desktop.stats.chart_base import ChartBase
from desktop.stats.chart_style import (
    AMBER,
    BLUE,
    GREEN,
    GREY,
    LIGHT,
    RED,
    TEAL,
    WALL,
    Series,
    Theme,
    hours,
    percent,
)
from desktop.stats.date_chart import DateLineChart

KEY_NAMES = (
    "community_id",
    "grid_id",
    "major_id",
    "category_id",
    "department_id",
    "source",
    "alert_only",
    "open_only",
    "time_field",
    "from",
    "to",
)


def base_keys(f: StatsFilter, tz: ZoneInfo) -> dict[str, Any]:
    """The click-through keys of the whole filter (every key present, unset ones None/False)."""
    return {
        "community_id": f.community_id,
        "grid_id": None,
        "major_id": f.major_id,
        "category_id": f.category_id,
        "department_id": f.department_id,
        "source": None,
        "alert_only": False,
        "open_only": False,
        "time_field": "reported",
        "from": f.start.astimezone(tz),
        "to": f.end.astimezone(tz),
    }


def _source_label(source: str, fallback: str) -> str:
    try:
        return source_text(source)
    except ValueError:
        return fallback


def _month_after(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


class ChartSet(QObject):
    """The statistics charts for one theme, filled from a `StatsSnapshot`.

    `clicked(dict)` carries the complete click-through keys (`KEY_NAMES`).
    """

    clicked = Signal(object)

    def __init__(self, theme: Theme = LIGHT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        cases = QCoreApplication.translate("StatsCharts", "案件数（件）")
        self.flow = DateLineChart(
            QCoreApplication.translate("StatsCharts", "每日受理与结案"), cases, theme=theme
        )
        self.majors = BarChart(
            QCoreApplication.translate("StatsCharts", "在办案件（按大类）"),
            QCoreApplication.translate("StatsCharts", "大类"),
            cases,
            horizontal=True,
            theme=theme,
        )
        self.categories = BarChart(
            QCoreApplication.translate("StatsCharts", "在办案件（按小类，前 15 位）"),
            QCoreApplication.translate("StatsCharts", "小类"),
            cases,
            horizontal=True,
            theme=theme,
        )
        self.departments = BarChart(
            QCoreApplication.translate("StatsCharts", "部门按期结案率排名"),
            QCoreApplication.translate("StatsCharts", "部门"),
            QCoreApplication.translate("StatsCharts", "按期结案率（%）"),
            horizontal=True,
            theme=theme,
            value_format=percent,
        )
        # On the wall the community names need a row each to stay readable.
        self.alerts = BarChart(
            QCoreApplication.translate("StatsCharts", "超期与预警案件（按社区）"),
            QCoreApplication.translate("StatsCharts", "社区"),
            cases,
            horizontal=theme is WALL,
            theme=theme,
        )
        self.sources = BarChart(
            QCoreApplication.translate("StatsCharts", "案件来源"),
            QCoreApplication.translate("StatsCharts", "来源"),
            cases,
            horizontal=theme is WALL,
            theme=theme,
        )
        self.handling = DateLineChart(
            QCoreApplication.translate("StatsCharts", "平均处置时长趋势"),
            QCoreApplication.translate("StatsCharts", "平均处置时长（小时）"),
            integer=False,
            theme=theme,
            value_format=hours,
        )
        self._tz: ZoneInfo | None = None
        self._filter: StatsFilter | None = None
        for chart in self.charts().values():
            chart.clicked.connect(self._forward)
        self.department_limit: int | None = None
        self._drawn: dict[int, tuple[Any, ...]] = {}

    def invalidate(self) -> None:
        """Forget what is drawn: the next `draw` rebuilds every chart."""
        self._drawn.clear()

    def _set(self, chart: BarChart | DateLineChart, *args: Any) -> None:
        """`chart.set_data(*args)` unless it already shows exactly that (after a live change most
        charts have not moved, and rebuilding their items is most of a redraw)."""
        if self._drawn.get(id(chart)) == args:
            return
        self._drawn[id(chart)] = args
        chart.set_data(*args)

    def charts(self) -> dict[str, ChartBase]:
        """The charts by name: flow, majors, categories, departments, alerts, sources, handling."""
        return {
            "flow": self.flow,
            "majors": self.majors,
            "categories": self.categories,
            "departments": self.departments,
            "alerts": self.alerts,
            "sources": self.sources,
            "handling": self.handling,
        }

    def _forward(self, keys: dict[str, Any]) -> None:
        self.clicked.emit(keys)

    def _day_keys(
        self, base: dict[str, Any], first: date, after: date, **more: Any
    ) -> dict[str, Any]:
        assert self._tz is not None
        return {
            **base,
            "from": local_midnight(first, self._tz).astimezone(self._tz),
            "to": local_midnight(after, self._tz).astimezone(self._tz),
            **more,
        }

    def draw(self, snap: StatsSnapshot, tz: ZoneInfo) -> None:
        self._tz = tz
        f = snap.filter
        base = base_keys(f, tz)
        open_now = {**base, "from": None, "to": None, "open_only": True}
        # Days after today have nothing yet; drawing them as zeros would read as a collapse.
        today = snap.now.astimezone(tz).date()
        flow = [d for d in snap.flow if d.day <= today]

        # 每日受理与结案 (today, still under way, drawn apart)
        self.flow.set_partial_day(today, f"{snap.now.astimezone(tz):%H:%M}")
        self._set(
            self.flow,
            [d.day for d in flow],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "受理"),
                    [d.received for d in flow],
                    BLUE,
                ),
                Series(
                    QCoreApplication.translate("StatsCharts", "结案"),
                    [d.closed for d in flow],
                    GREEN,
                    {"time_field": "closed"},
                ),
            ],
            [self._day_keys(base, d.day, d.day + timedelta(days=1)) for d in flow],
        )

        # 在办 by 大类 / 小类
        self._set(
            self.majors,
            [b.label for b in snap.majors],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "在办"),
                    [b.count for b in snap.majors],
                    BLUE,
                )
            ],
            [{**open_now, "major_id": b.id, "category_id": f.category_id} for b in snap.majors],
        )
        self._set(
            self.categories,
            [b.label for b in snap.categories],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "在办"),
                    [b.count for b in snap.categories],
                    TEAL,
                )
            ],
            [{**open_now, "major_id": b.parent_id, "category_id": b.id} for b in snap.categories],
            [
                QCoreApplication.translate("StatsCharts", "大类：{name}").format(
                    name=b.parent_label
                )
                for b in snap.categories
            ],
        )

        # 部门按期结案率
        ranking = (
            snap.departments[: self.department_limit] if self.department_limit else snap.departments
        )
        self._set(
            self.departments,
            [r.name for r in ranking],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "按期结案率"),
                    [math.nan if r.rate is None else r.rate * 100 for r in ranking],
                    GREEN,
                    colors=[
                        GREY
                        if r.rate is None
                        else GREEN
                        if r.rate >= 0.9
                        else AMBER
                        if r.rate >= 0.7
                        else RED
                        for r in ranking
                    ],
                )
            ],
            [{**base, "department_id": r.id, "time_field": "closed"} for r in ranking],
            [
                QCoreApplication.translate(
                    "StatsCharts", "应结案 {due} 件，按期结案 {ok} 件，未结 {late} 件"
                ).format(due=r.due, ok=r.on_time, late=r.pending)
                for r in ranking
            ],
        )
        self.departments.setMinimumHeight(max(240, 70 + 26 * len(ranking)))

        # 超期 / 预警 by community
        self._set(
            self.alerts,
            [a.name for a in snap.alerts],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "超期"),
                    [a.overdue for a in snap.alerts],
                    RED,
                    {"alert_only": True},
                ),
                Series(
                    QCoreApplication.translate("StatsCharts", "预警"),
                    [a.warning for a in snap.alerts],
                    AMBER,
                    {"alert_only": True},
                ),
            ],
            [{**open_now, "community_id": a.id, "alert_only": True} for a in snap.alerts],
        )

        # 来源 and the 未诉先办 share
        mix = snap.sources
        self.sources.set_title(
            QCoreApplication.translate("StatsCharts", "案件来源（未诉先办 {share:.1f}%）").format(
                share=mix.proactive_share * 100
            )
        )
        self._set(
            self.sources,
            [_source_label(s.source, s.label) for s in mix.sources],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "受理"),
                    [s.count for s in mix.sources],
                    BLUE,
                    colors=[TEAL if s.source == "patrol" else BLUE for s in mix.sources],
                )
            ],
            [{**base, "source": s.source} for s in mix.sources],
            [
                QCoreApplication.translate("StatsCharts", "占 {share:.1f}%").format(
                    share=s.count * 100 / mix.total if mix.total else 0
                )
                + (
                    QCoreApplication.translate("StatsCharts", "（未诉先办）")
                    if s.source == "patrol"
                    else ""
                )
                for s in mix.sources
            ],
        )

        # 平均处置时长
        monthly = snap.bucket is Bucket.MONTH
        self.handling.set_monthly(monthly)
        self._set(
            self.handling,
            [p.start for p in snap.handling],
            [
                Series(
                    QCoreApplication.translate("StatsCharts", "平均处置时长"),
                    [p.hours for p in snap.handling],
                    AMBER,
                    {"time_field": "closed"},
                )
            ],
            [
                self._day_keys(
                    base, p.start, _month_after(p.start) if monthly else p.start + timedelta(days=1)
                )
                for p in snap.handling
            ],
        )

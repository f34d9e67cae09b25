"""Charts over days: the Chinese date axis (11月26日, 2026年11月) and the date-line chart."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QWidget

from desktop.stats.chart_base import ChartAxis, ChartBase, ViewSpanItem
from desktop.stats.chart_style import LIGHT, WALL, Series, Theme, fmt_number, nice_step


def day_label(day: date, monthly: bool = False) -> str:
    """A date as a Chinese axis label: 11月26日, or 2026年11月 for monthly buckets."""
    if monthly:
        return QCoreApplication.translate("StatsCharts", "{y}年{m}月").format(
            y=day.year, m=day.month
        )
    return QCoreApplication.translate("StatsCharts", "{m}月{d}日").format(m=day.month, d=day.day)


class ChineseDateAxis(ChartAxis):
    """A bottom axis whose values are date ordinals (`date.toordinal()`), labelled 11月26日.

    Ticks fall on whole days only; for monthly buckets on the first of the month.
    """

    def __init__(self, monthly: bool = False, **kwargs: Any) -> None:
        super().__init__("bottom", **kwargs)
        self.monthly = monthly

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        if self.monthly:
            first = date.fromordinal(max(math.floor(minVal), 1))
            last = date.fromordinal(max(math.ceil(maxVal), 1))
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            step = max(1, math.ceil(months / max(size / 70, 1)))
            ticks = []
            y, m = first.year, first.month
            for _ in range(months + 1):
                d = date(y, m, 1)
                if minVal <= d.toordinal() <= maxVal:
                    ticks.append(float(d.toordinal()))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return [(float(step * 30), ticks[::step])]
        levels = super().tickValues(minVal, maxVal, size)
        return [(spacing, vals) for spacing, vals in levels if spacing >= 1][:1] or [
            (1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])
        ]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            try:
                out.append(day_label(date.fromordinal(round(v)), self.monthly))
            except (ValueError, OverflowError):
                out.append("")
        return out


class DayLine(ViewSpanItem):
    """One series over days in one item: its line over the full days with a dot per day (up to
    62 days), and, when today is still under way, a dashed piece from the last full day to today
    and today's hollow point.

    What three `pg.PlotDataItem`s (a curve and a scatter plot each) drew before, without
    building them: they were most of the time spent drawing the page. Drawn as pyqtgraph draws
    them: lines of the pen's pixel width (antialiased only in an export), the dots antialiased
    and of a fixed pixel size.
    """

    def __init__(self, color: str, width: float, size: float, background: str) -> None:
        super().__init__()
        self.pen = pg.mkPen(color, width=width)
        self.dash = pg.mkPen(color, width=width, style=Qt.PenStyle.DashLine)
        self.ring = pg.mkPen(color, width=2)
        self.brush = pg.mkBrush(color)
        self.hollow = pg.mkBrush(background)
        self.size = size
        self.opts: dict[str, Any] = {"pen": self.pen, "antialias": False}  # for ItemSample
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.full = 0
        self.dots = True

    def set_points(self, xs: Sequence[float], ys: Sequence[float], full: int, dots: bool) -> None:
        """The points; those from index `full` on (at most today) are drawn apart."""
        self.xs, self.ys, self.full, self.dots = list(xs), list(ys), full, dots
        self.update()

    def pieces(self) -> list[tuple[str, list[float]]]:
        """What is drawn, by x: ("solid", …) over the full days and, with a partial day,
        ("dashed", …) from the last full day on and ("today", …)."""
        out = [("solid", self.xs[: self.full])]
        if self.full < len(self.xs):
            out.append(("dashed", self.xs[max(self.full - 1, 0) :]))
            out.append(("today", self.xs[self.full :]))
        return out

    def is_blank(self) -> bool:
        return not self.xs

    def paint_scene(self, painter: QPainter, to_scene: QTransform) -> None:
        exporting = self._exportOpts is not False
        points = [to_scene.map(QPointF(x, y)) for x, y in zip(self.xs, self.ys, strict=True)]
        full = self.full
        painter.setRenderHint(
            QPainter.RenderHint.Antialiasing,
            bool(self._exportOpts.get("antialias", True)) if exporting else False,
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if full > 1:
            painter.setPen(self.pen)
            painter.drawPolyline(QPolygonF(points[:full]))
        today = points[full:]
        if today and len(points) - max(full - 1, 0) > 1:
            painter.setPen(self.dash)
            painter.drawPolyline(QPolygonF(points[max(full - 1, 0) :]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.dots:
            self._dots(painter, points[:full], self.size, QPen(Qt.PenStyle.NoPen), self.brush)
        self._dots(painter, today, self.size + 3, self.ring, self.hollow)

    @staticmethod
    def _dots(
        painter: QPainter, points: list[QPointF], size: float, pen: QPen, brush: QBrush
    ) -> None:
        for point in points:
            painter.save()
            painter.translate(point)
            drawSymbol(painter, "o", size, pen, brush)
            painter.restore()


class DayLineSample(ItemSample):  # type: ignore[misc]
    """A `DayLine`'s legend entry: a piece of its line and a dot (as pyqtgraph's for a plot);
    a click hides or shows the series."""

    def paint(self, painter: QPainter, *args: Any) -> None:
        line = self.item
        if not isinstance(line, DayLine) or not line.isVisible():
            super().paint(painter, *args)  # the crossed-out eye of a hidden series
            return
        painter.setPen(line.pen)
        painter.drawLine(0, 11, 20, 11)
        if line.dots:
            painter.translate(10, 10)
            drawSymbol(painter, "o", line.size, QPen(Qt.PenStyle.NoPen), line.brush)


class DateLineChart(ChartBase):
    """Lines over local days (or months) with a Chinese date axis; zoom and pan along x.

    `set_data(days, series, keys)`: `keys[i]` are the click-through keys of day `i`.
    """

    def __init__(
        self,
        title: str,
        value_label: str,
        *,
        monthly: bool = False,
        integer: bool = True,
        theme: Theme = LIGHT,
        value_format: Callable[[float], str] = fmt_number,
        parent: QWidget | None = None,
    ) -> None:
        self.integer = integer
        self.axis = ChineseDateAxis(monthly=monthly)
        super().__init__(
            title,
            QCoreApplication.translate("StatsCharts", "日期"),
            value_label,
            theme,
            parent,
            axis_items={"bottom": self.axis},
        )
        self.value_format = value_format
        # Today, drawn apart while it is still under way (dashed, a hollow point, a note).
        self.partial_day: date | None = None
        self.partial_until = ""
        self.days: list[date] = []
        self.series: list[Series] = []
        self.keys: list[dict[str, Any]] = []
        self._items: list[Any] = []
        self.plot_item.setMouseEnabled(x=True, y=False)
        self._cursor = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(theme.muted, style=Qt.PenStyle.DashLine)
        )
        self._cursor.hide()
        self.plot_item.addItem(self._cursor, ignoreBounds=True)
        self.legend = self.plot_item.addLegend(
            offset=(10, 10),
            labelTextColor=theme.text,
            labelTextSize=f"{theme.label_pt}pt",
            brush=theme.background,
        )

    @property
    def monthly(self) -> bool:
        return bool(self.axis.monthly)

    def set_monthly(self, monthly: bool) -> None:
        self.axis.monthly = monthly
        self.axis.picture = None
        self.axis.update()
        self.set_axis_labels(
            QCoreApplication.translate("StatsCharts", "月份")
            if monthly
            else QCoreApplication.translate("StatsCharts", "日期"),
            self.plot_item.getAxis("left").labelText,
        )

    def set_partial_day(self, day: date | None, until: str = "") -> None:
        """`day` (today) counts only up to `until` (HH:MM): its point and the line to it are
        drawn apart from the full days, so an afternoon's few cases do not read as a fall."""
        if (day, until) == (self.partial_day, self.partial_until):
            return
        self.partial_day, self.partial_until = day, until
        if self.days:
            self.set_data(self.days, self.series, self.keys)

    def partial_index(self) -> int | None:
        """The index of the partial day when it is the last day shown (days, not months)."""
        if self.monthly or not self.days or self.days[-1] != self.partial_day:
            return None
        return len(self.days) - 1

    def set_data(
        self,
        days: Sequence[date],
        series: Sequence[Series],
        keys: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        for item in self._items:
            self.plot_item.removeItem(item)
        self._items = []
        self.legend.clear()
        self._hide_hover()
        # A live update of the same days keeps the user's zoom and pan.
        same_days = list(days) == self.days
        self.days = list(days)
        self.series = list(series)
        self.keys = list(keys) if keys is not None else [{} for _ in days]
        xs = [float(d.toordinal()) for d in self.days]
        symbols = len(xs) <= 62
        partial = self.partial_index()
        full = len(xs) if partial is None else partial
        width = 2.5 if self.theme is WALL else 2
        size = 6 if self.theme is not WALL else 9
        top = 0.0
        for s in self.series:
            values = [float(v) for v in s.values]
            top = max([top, *values])
            line = DayLine(s.color, width, size, self.theme.background)
            line.set_points(xs, values, full, symbols)
            self.plot_item.addItem(line, ignoreBounds=True)
            self.legend.addItem(DayLineSample(line), s.name)
            self._items.append(line)
        if partial is not None:
            note = pg.TextItem(self.partial_note(), color=self.theme.muted, anchor=(1, 0))
            font = QFont()
            font.setPointSize(self.theme.tick_pt)
            note.setFont(font)
            note.setPos(xs[partial] + 0.45, (top or 1.0) * 1.13)
            self.plot_item.addItem(note, ignoreBounds=True)
            self._items.append(note)
        if xs and not same_days:
            lo, hi = xs[0] - 0.5, xs[-1] + 0.5
            pad = 15.0 if self.monthly else 0.0
            self.plot_item.setLimits(xMin=lo - pad, xMax=hi + pad, minXRange=min(1.0, hi - lo))
            self.plot_item.setXRange(lo - pad, hi + pad, padding=0)
        step = nice_step(top or 1.0, 5, self.integer)
        self.plot_item.getAxis("left").setTickSpacing(step, step)
        self.plot_item.setYRange(0, (top or 1.0) * 1.15, padding=0)
        self.fit_axes()

    def lines(self) -> list[DayLine]:
        """The drawn series, in order."""
        return [item for item in self._items if isinstance(item, DayLine)]

    def note_text(self) -> str:
        """The note beside a partial today ("" when there is none)."""
        notes = [item for item in self._items if isinstance(item, pg.TextItem)]
        return str(notes[0].toPlainText()) if notes else ""

    def _nearest(self, x: float) -> int | None:
        if not self.days:
            return None
        ordinals = [d.toordinal() for d in self.days]
        best = min(range(len(ordinals)), key=lambda i: abs(ordinals[i] - x))
        limit = 16.0 if self.monthly else 0.5
        return best if abs(ordinals[best] - x) <= limit else None

    def hit(self, point: QPointF) -> tuple[int, int] | None:
        index = self._nearest(point.x())
        if index is None or point.y() < 0:
            return None
        # The series whose point is nearest vertically.
        series = min(
            range(len(self.series)),
            key=lambda j: abs(float(self.series[j].values[index]) - point.y()),
            default=0,
        )
        return index, series

    def show_hover(self, index: int, at: QPointF | None = None) -> str:
        self._cursor.setPos(self.days[index].toordinal())
        self._cursor.show()
        return super().show_hover(index, at)

    def _hide_hover(self) -> None:
        if hasattr(self, "_cursor"):
            self._cursor.hide()
        super()._hide_hover()

    def partial_note(self) -> str:
        return QCoreApplication.translate("StatsCharts", "今日截至 {t}").format(
            t=self.partial_until
        )

    def hover_text(self, index: int) -> str:
        lines = [day_label(self.days[index], self.monthly)]
        if index == self.partial_index():
            lines[0] += QCoreApplication.translate("StatsCharts", "（截至 {t}）").format(
                t=self.partial_until
            )
        for s in self.series:
            lines.append(f"{s.name}：{self.value_format(float(s.values[index]))}")
        return "\n".join(lines)

    def keys_at(self, index: int, series: int) -> dict[str, Any] | None:
        return {**self.keys[index], **(self.series[series].key if self.series else {})}

    def anchor(self, index: int, series: int = 0) -> QPointF:
        value = float(self.series[series].values[index]) if self.series else 0.0
        return QPointF(float(self.days[index].toordinal()), value)

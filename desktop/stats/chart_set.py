"""Chart widgets of the statistics page and the big screen (pyqtgraph): bars, date lines, export.

Every chart carries its title and axis labels with units inside the plot (so an exported PNG is
self-explanatory), shows the figures under the mouse in a hover label, and emits `clicked(dict)`
with the filter keys of the bar or point under a click (see `StatsPage.open_cases_requested`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db.stats.figures import StatsSnapshot
from db.stats.flows import KeyNumbers
from db.stats.periods import Bucket, StatsFilter, local_midnight
from desktop.core.i18n import source_text


@dataclass(frozen=True)
class Theme:
    """Colours and type sizes: the page's light look or the wall display's dark one."""

    background: str = "#ffffff"
    text: str = "#2b2f36"
    muted: str = "#6b7280"
    grid_alpha: float = 0.18
    title_pt: int = 11
    label_pt: int = 9
    tick_pt: int = 9
    value_pt: int = 8
    hover_fill: str = "#fffbe6"
    hover_border: str = "#c9b458"
    tile: str = "#f6f8fb"  # background of a key-figure tile


LIGHT = Theme()
WALL = Theme(
    background="#0d1b2a",
    text="#e6edf5",
    muted="#9fb3c8",
    grid_alpha=0.25,
    title_pt=20,
    label_pt=14,
    tick_pt=14,
    value_pt=14,
    hover_fill="#1b2d44",
    hover_border="#5b8fd6",
    tile="#13263b",
)

# Meaningful colours: blue received, green closed, amber warning, red overdue.
BLUE = "#2f6fb0"
GREEN = "#2e9e5b"
AMBER = "#e0a100"
RED = "#d64545"
TEAL = "#1f8a8a"
GREY = "#8a94a6"


@dataclass(frozen=True)
class Series:
    """One set of values drawn in one colour; `key` is merged into the click-through keys."""

    name: str
    values: Sequence[float]
    color: str
    key: dict[str, Any] = field(default_factory=dict)
    colors: Sequence[str] | None = None  # one colour per bar, overriding `color`


def day_label(day: date, monthly: bool = False) -> str:
    """A date as a Chinese axis label: 11月26日, or 2026年11月 for monthly buckets."""
    if monthly:
        return QCoreApplication.translate("StatsCharts", "{y}年{m}月").format(
            y=day.year, m=day.month
        )
    return QCoreApplication.translate("StatsCharts", "{m}月{d}日").format(m=day.month, d=day.day)


class ChineseDateAxis(pg.AxisItem):  # type: ignore[misc]
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


class ChartBase(pg.PlotWidget):  # type: ignore[misc]
    """A titled plot with unit-labelled axes, a hover label and click-through.

    Subclasses implement `hit(view_point) -> (index, series) | None`, `hover_text(index)` and
    `keys_at(index, series)`.
    """

    clicked = Signal(object)  # dict of filter keys
    hovered = Signal(str)  # the hover label's text ("" when the mouse leaves the data)

    def __init__(
        self,
        title: str,
        x_label: str,
        y_label: str,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        axis_items: dict[str, pg.AxisItem] | None = None,
    ) -> None:
        super().__init__(parent=parent, background=theme.background, axisItems=axis_items)
        self.theme = theme
        self.title = title
        # An explicit minimum: pyqtgraph's own size hints would make layouts wider than a screen.
        self.setMinimumSize(240, 220)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        self._title_pt = 0.0
        self._fit_title()
        # The left axis grows with its tick labels (known only once drawn): refit then.
        self.plot_item.getAxis("left").geometryChanged.connect(self._fit_title)
        self.plot_item.hideButtons()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.showGrid(x=False, y=True, alpha=theme.grid_alpha)
        tick_font = QFont()
        tick_font.setPointSize(theme.tick_pt)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setTickFont(tick_font)
            axis.setTextPen(theme.text)
            axis.setPen(theme.muted)
        self.set_axis_labels(x_label, y_label)
        self.view = self.plot_item.getViewBox()
        self._hover = pg.TextItem(
            "",
            color=theme.text,
            fill=pg.mkBrush(theme.hover_fill),
            border=pg.mkPen(theme.hover_border),
            anchor=(0, 1),
        )
        hover_font = QFont()
        hover_font.setPointSize(theme.value_pt + 1)
        self._hover.setFont(hover_font)
        self._hover.setZValue(100)
        self._hover.hide()
        self.plot_item.addItem(self._hover, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        style = {"color": self.theme.text, "font-size": f"{self.theme.label_pt}pt"}
        self.plot_item.setLabel("bottom", x_label, **style)
        self.plot_item.setLabel("left", y_label, **style)

    def set_title(self, title: str) -> None:
        self.title = title
        self._title_pt = 0.0
        self._fit_title()

    def _fit_title(self) -> None:
        """Show the title in the theme's size, smaller where the chart is too narrow for it: a
        title wider than the chart would widen the plot past the widget and clip the bars."""
        # The title sits above the plot area only (not above the left axis).
        room = max(self.width() - self.plot_item.getAxis("left").width() - 36, 60)
        font = QFont(self.font())
        font.setBold(True)
        size = float(self.theme.title_pt)
        while size > 7:
            font.setPointSizeF(size)
            if QFontMetrics(font).horizontalAdvance(self.title) <= room:
                break
            size -= 0.5
        if size != self._title_pt:
            self._title_pt = size
            self.plot_item.setTitle(self.title, color=self.theme.text, size=f"{size}pt", bold=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if "_title_pt" in self.__dict__:  # not during pyqtgraph's own set-up
            self._fit_title()

    # --- to implement -----------------------------------------------------------------------
    def hit(self, point: QPointF) -> tuple[int, int] | None:
        raise NotImplementedError

    def hover_text(self, index: int) -> str:
        raise NotImplementedError

    def keys_at(self, index: int, series: int) -> dict[str, Any] | None:
        raise NotImplementedError

    def anchor(self, index: int, series: int = 0) -> QPointF:
        """The view coordinates of item `index` of `series` (its middle)."""
        raise NotImplementedError

    # --- shared behaviour -------------------------------------------------------------------
    def position_of(self, index: int, series: int = 0) -> QPoint:
        """Viewport pixel position of an item, for keyboard users and tests."""
        scene_point = self.view.mapViewToScene(self.anchor(index, series))
        return self.mapFromScene(scene_point)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.plot_item.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        point = self.view.mapSceneToView(scene_pos)
        found = self.hit(point)
        if found is None:
            self._hide_hover()
            return
        self.show_hover(found[0], point)

    def show_hover(self, index: int, at: QPointF | None = None) -> str:
        text = self.hover_text(index)
        self._hover.setText(text)
        where = at if at is not None else self.anchor(index)
        # Keep the label inside the view: flip it left/down near the right/top edges.
        (x0, x1), (y0, y1) = self.view.viewRange()
        ax = 1.0 if where.x() > x0 + (x1 - x0) * 0.6 else 0.0
        ay = 0.0 if where.y() > y0 + (y1 - y0) * 0.7 else 1.0
        self._hover.setAnchor((ax, ay))
        self._hover.setPos(where)
        self._hover.show()
        self.hovered.emit(text)
        return text

    def _hide_hover(self) -> None:
        if self._hover.isVisible():
            self._hover.hide()
            self.hovered.emit("")

    def hover_label(self) -> str:
        return str(self._hover.toPlainText()) if self._hover.isVisible() else ""

    def _on_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        point = self.view.mapSceneToView(event.scenePos())
        found = self.hit(point)
        if found is None:
            return
        keys = self.keys_at(*found)
        if keys is not None:
            self.clicked.emit(keys)

    # A click on a chart is ours even where no item takes it (QTest warns about ignored clicks).
    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        event.accept()

    def image(self, width: int, aspect: float | None = None) -> QImage:
        """The chart rendered at `width` pixels; the height keeps the on-screen aspect ratio, or
        is `aspect` × width (the chart is laid out at that shape for the moment, e.g. for a
        cell of the PDF summary)."""
        if width < 100 or width > 10000:
            raise ValueError(width)
        if aspect is None:
            return self._export(width)
        size, minimum = self.size(), self.minimumSize()
        self.setMinimumSize(0, 0)
        base = 600  # a layout width at which the type stays readable once scaled down
        self.resize(base, max(round(base * aspect), 100))
        try:
            return self._export(width)
        finally:
            self.setMinimumSize(minimum)
            self.resize(size)

    def _export(self, width: int) -> QImage:
        exporter = ImageExporter(self.plot_item)
        exporter.parameters()["width"] = int(width)
        # The height follows the width; pyqtgraph may round it to a float.
        exporter.parameters()["height"] = round(exporter.parameters()["height"])
        exporter.parameters()["background"] = QColor(self.theme.background)
        image = exporter.export(toBytes=True)
        assert isinstance(image, QImage)
        if image.width() != width:  # rounding in the exporter: make the promise exact
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    def export_png(self, path: str | Path, width: int) -> None:
        """Write the chart as PNG at `width` pixels; raises OSError when it cannot be written."""
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        if not self.image(width).save(str(tmp), "PNG"):
            tmp.unlink(missing_ok=True)
            raise OSError(str(target))
        tmp.replace(target)


def nice_step(top: float, ticks: int = 5, integer: bool = True) -> float:
    """A 1-2-5 tick step giving about `ticks` ticks up to `top`; at least 1 for counts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(step, 1.0) if integer else step


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class BarChart(ChartBase):
    """Grouped bars per category label; vertical, or horizontal for long label lists.

    `set_data(labels, series, keys)`: `keys[i]` are the click-through keys of category `i`,
    merged with the clicked series' own `key`. `value_format` turns a value into its text
    (e.g. a percentage).
    """

    def __init__(
        self,
        title: str,
        category_label: str,
        value_label: str,
        *,
        horizontal: bool = False,
        theme: Theme = LIGHT,
        value_format: Callable[[float], str] = _fmt,
        parent: QWidget | None = None,
    ) -> None:
        x_label, y_label = (
            (value_label, category_label) if horizontal else (category_label, value_label)
        )
        super().__init__(title, x_label, y_label, theme, parent)
        self.horizontal = horizontal
        self.value_format = value_format
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.keys: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self._items: list[Any] = []
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=horizontal, y=not horizontal, alpha=theme.grid_alpha)

    @property
    def _group_width(self) -> float:
        return 0.8

    def _bar_width(self) -> float:
        return self._group_width / max(len(self.series), 1)

    def _offset(self, series: int) -> float:
        w = self._bar_width()
        offset = -self._group_width / 2 + w * (series + 0.5)
        return -offset if self.horizontal else offset  # the first series on top

    def _pos(self, index: int) -> float:
        # Horizontal charts list the first label at the top.
        return float(len(self.labels) - 1 - index) if self.horizontal else float(index)

    def set_data(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        keys: Sequence[dict[str, Any]] | None = None,
        notes: Sequence[str] | None = None,
    ) -> None:
        """Draw bars; `notes[i]` is an extra hover line for category `i`."""
        for item in self._items:
            self.plot_item.removeItem(item)
        self._items = []
        self.notes = list(notes) if notes is not None else []
        self.labels = list(labels)
        self.series = list(series)
        self.keys = list(keys) if keys is not None else [{} for _ in labels]
        self._hide_hover()
        n = len(self.labels)
        width = self._bar_width()
        top = 0.0
        value_font = QFont()
        value_font.setPointSize(self.theme.value_pt)
        for j, s in enumerate(self.series):
            positions = [self._pos(i) + self._offset(j) for i in range(n)]
            values = [float(v) for v in s.values]
            top = max([top, *values])
            brushes = [pg.mkBrush(c) for c in (s.colors or [s.color] * n)]
            if self.horizontal:
                bars = pg.BarGraphItem(
                    x0=0, y=positions, width=values, height=width * 0.9, brushes=brushes, pen=None
                )
            else:
                bars = pg.BarGraphItem(
                    x=positions, height=values, width=width * 0.9, brushes=brushes, pen=None
                )
            self.plot_item.addItem(bars)
            self._items.append(bars)
            if n <= 40:
                for p, v in zip(positions, values, strict=True):
                    if v == 0 and len(self.series) > 1:
                        continue  # a row of zeros beside grouped bars is noise
                    text = pg.TextItem(
                        self.value_format(v),
                        color=self.theme.text,
                        anchor=(0, 0.5) if self.horizontal else (0.5, 1),
                    )
                    text.setFont(value_font)
                    text.setPos(*((v, p) if self.horizontal else (p, v)))
                    self.plot_item.addItem(text, ignoreBounds=True)
                    self._items.append(text)
        ticks = [[(self._pos(i), label) for i, label in enumerate(self.labels)]]
        category_axis = self.plot_item.getAxis("left" if self.horizontal else "bottom")
        category_axis.setTicks(ticks)
        value_axis = self.plot_item.getAxis("bottom" if self.horizontal else "left")
        value_axis.setTicks(None)
        top = top or 1.0
        step = nice_step(top, 4 if self.horizontal else 5)
        value_axis.setTickSpacing(step, step)
        span = (-0.6, max(n, 1) - 0.4)
        if self.horizontal:
            room = 1.45 if len(self.series) > 1 else 1.25  # the legend sits top right
            self.plot_item.setXRange(0, top * room, padding=0)
            self.plot_item.setYRange(*span, padding=0)
        else:
            room = 1.3 if len(self.series) > 1 else 1.15
            self.plot_item.setYRange(0, top * room, padding=0)
            self.plot_item.setXRange(*span, padding=0)
        if self.series and len(self.series) > 1 and self.plot_item.legend is None:
            legend = self.plot_item.addLegend(
                offset=(-10, 10),
                labelTextColor=self.theme.text,
                labelTextSize=f"{self.theme.label_pt}pt",
                brush=self.theme.background,
            )
            for s in self.series:
                legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=1, brush=s.color), s.name)

    def value(self, index: int, series: int = 0) -> float:
        return float(self.series[series].values[index])

    def hit(self, point: QPointF) -> tuple[int, int] | None:
        if not self.labels or not self.series:
            return None
        along, across = (point.y(), point.x()) if self.horizontal else (point.x(), point.y())
        pos = round(along)
        index = len(self.labels) - 1 - pos if self.horizontal else pos
        if not 0 <= index < len(self.labels):
            return None
        rel = along - pos
        if abs(rel) > self._group_width / 2:
            return None
        if self.horizontal:
            rel = -rel
        series = min(int((rel + self._group_width / 2) / self._bar_width()), len(self.series) - 1)
        if across < 0:
            return None
        return index, series

    def hover_text(self, index: int) -> str:
        lines = [self.labels[index]]
        for s in self.series:
            lines.append(f"{s.name}：{self.value_format(float(s.values[index]))}")
        if index < len(self.notes) and self.notes[index]:
            lines.append(self.notes[index])
        return "\n".join(lines)

    def keys_at(self, index: int, series: int) -> dict[str, Any] | None:
        return {**self.keys[index], **self.series[series].key}

    def anchor(self, index: int, series: int = 0) -> QPointF:
        p = self._pos(index) + self._offset(series)
        v = max(self.value(index, series), 0.0) / 2
        return QPointF(v, p) if self.horizontal else QPointF(p, v)


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
        value_format: Callable[[float], str] = _fmt,
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
        top = 0.0
        for s in self.series:
            values = [float(v) for v in s.values]
            top = max([top, *values])
            curve = self.plot_item.plot(
                xs,
                values,
                pen=pg.mkPen(s.color, width=2.5 if self.theme is WALL else 2),
                symbol="o" if symbols else None,
                symbolSize=6 if self.theme is not WALL else 9,
                symbolBrush=s.color,
                symbolPen=None,
                name=s.name,
            )
            self._items.append(curve)
        if xs and not same_days:
            lo, hi = xs[0] - 0.5, xs[-1] + 0.5
            pad = 15.0 if self.monthly else 0.0
            self.plot_item.setLimits(xMin=lo - pad, xMax=hi + pad, minXRange=min(1.0, hi - lo))
            self.plot_item.setXRange(lo - pad, hi + pad, padding=0)
        step = nice_step(top or 1.0, 5, self.integer)
        self.plot_item.getAxis("left").setTickSpacing(step, step)
        self.plot_item.setYRange(0, (top or 1.0) * 1.15, padding=0)

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

    def hover_text(self, index: int) -> str:
        lines = [day_label(self.days[index], self.monthly)]
        for s in self.series:
            lines.append(f"{s.name}：{self.value_format(float(s.values[index]))}")
        return "\n".join(lines)

    def keys_at(self, index: int, series: int) -> dict[str, Any] | None:
        return {**self.keys[index], **(self.series[series].key if self.series else {})}

    def anchor(self, index: int, series: int = 0) -> QPointF:
        value = float(self.series[series].values[index]) if self.series else 0.0
        return QPointF(float(self.days[index].toordinal()), value)


# --- the page's set of charts ----------------------------------------------------------------

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


def percent(value: float) -> str:
    return f"{value:.1f}%"


def hours(value: float) -> str:
    return QCoreApplication.translate("StatsCharts", "{h:.1f} 小时").format(h=value)


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

        # 每日受理与结案
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
                    [r.rate * 100 for r in ranking],
                    GREEN,
                    colors=[
                        GREEN if r.rate >= 0.9 else AMBER if r.rate >= 0.7 else RED for r in ranking
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


class KeyFigures(QWidget):
    """Today's key numbers as tiles: 受理, 派遣, 结案, 超期, 按期率.

    `set_scale(s)` scales the type (the big screen follows its window size).
    """

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.wall = theme is WALL
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        self._tiles: list[tuple[QFrame, QLabel, QLabel, str]] = []
        names = {
            "received": (QCoreApplication.translate("StatsCharts", "今日受理"), BLUE),
            "dispatched": (QCoreApplication.translate("StatsCharts", "今日派遣"), TEAL),
            "closed": (QCoreApplication.translate("StatsCharts", "今日结案"), GREEN),
            "overdue": (QCoreApplication.translate("StatsCharts", "当前超期"), RED),
            "on_time": (QCoreApplication.translate("StatsCharts", "今日按期率"), AMBER),
        }
        for key, (title, color) in names.items():
            tile = QFrame(self)
            tile.setObjectName("keyTile")
            box = QVBoxLayout(tile)
            caption = QLabel(title, tile)
            value = QLabel("—", tile)
            value.setObjectName(f"key_{key}")
            box.addWidget(caption)
            box.addWidget(value)
            self._layout.addWidget(tile, 1)
            self.values[key] = value
            self._tiles.append((tile, caption, value, color))
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        wall, theme = self.wall, self.theme
        caption_px, value_px = (26, 84) if wall else (12, 26)
        self._layout.setSpacing(round((24 if wall else 10) * scale))
        for tile, caption, value, color in self._tiles:
            tile.setStyleSheet(
                f"#keyTile {{ background: {theme.tile};"
                f" border-left: {max(round((8 if wall else 4) * scale), 2)}px solid {color};"
                " border-radius: 4px; }"
            )
            margins = (20, 14, 20, 14) if wall else (10, 6, 10, 6)
            layout = tile.layout()
            assert layout is not None
            layout.setContentsMargins(*(round(m * scale) for m in margins))
            caption.setStyleSheet(
                f"color: {theme.muted}; font-size: {max(round(caption_px * scale), 10)}px;"
                " background: transparent;"
            )
            value.setStyleSheet(
                f"color: {theme.text}; font-size: {max(round(value_px * scale), 14)}px;"
                " font-weight: bold; background: transparent;"
            )

    def set_numbers(self, numbers: KeyNumbers) -> None:
        self.values["received"].setText(f"{numbers.received:,}")
        self.values["dispatched"].setText(f"{numbers.dispatched:,}")
        self.values["closed"].setText(f"{numbers.closed:,}")
        self.values["overdue"].setText(f"{numbers.overdue:,}")
        rate = numbers.on_time_rate
        self.values["on_time"].setText("—" if rate is None else percent(rate * 100))

    def texts(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.values.items()}

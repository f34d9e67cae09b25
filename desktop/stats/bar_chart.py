"""The bar chart of the statistics page and the big screen: grouped bars, vertical or horizontal."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QWidget

from desktop.stats.chart_base import ChartBase, ViewSpanItem
from desktop.stats.chart_style import LIGHT, Series, Theme, fmt_number, nice_step

TEXT_MARGIN = 4.0  # around a value's text, as pyqtgraph's TextItem (a QGraphicsTextItem) has


class ValueLabels(ViewSpanItem):
    """The bars' values as text, all in one item: at data points, in screen-sized type.

    What one `pg.TextItem` per bar shows (the text beside or above its bar, not scaled with the
    view), without building a text document and a graphics item per bar: ~1 ms per label when
    the page opens, for 80 labels.
    """

    def __init__(self, color: str, font: QFont, anchor: tuple[float, float]) -> None:
        super().__init__()
        self.color = QColor(color)
        self.font = font
        self.anchor = anchor
        self.labels: list[tuple[float, float, str]] = []

    def set_labels(self, labels: list[tuple[float, float, str]]) -> None:
        self.labels = labels
        self.update()

    def texts(self) -> list[str]:
        return [text for _x, _y, text in self.labels]

    def is_blank(self) -> bool:
        return not self.labels

    def paint_scene(self, painter: QPainter, to_scene: QTransform) -> None:
        painter.setFont(self.font)
        painter.setPen(self.color)
        metrics = QFontMetricsF(self.font)
        ax, ay = self.anchor
        height = metrics.height() + 2 * TEXT_MARGIN
        for x, y, text in self.labels:
            at = to_scene.map(QPointF(x, y))
            width = metrics.horizontalAdvance(text) + 2 * TEXT_MARGIN
            box = QRectF(at.x() - ax * width, at.y() - ay * height, width, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


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
        value_format: Callable[[float], str] = fmt_number,
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
        value_font = QFont()
        value_font.setPointSize(theme.value_pt)
        self.value_labels = ValueLabels(
            theme.text, value_font, (0, 0.5) if horizontal else (0.5, 1)
        )
        self.value_labels.setZValue(10)  # above the bars
        self.plot_item.addItem(self.value_labels, ignoreBounds=True)

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
        placed: list[tuple[float, float, str]] = []
        for j, s in enumerate(self.series):
            positions = [self._pos(i) + self._offset(j) for i in range(n)]
            shown = [float(v) for v in s.values]
            values = [0.0 if math.isnan(v) else v for v in shown]  # NaN: no value (—)
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
                for p, v, raw in zip(positions, values, shown, strict=True):
                    if v == 0 and len(self.series) > 1:
                        continue  # a row of zeros beside grouped bars is noise
                    x, y = (v, p) if self.horizontal else (p, v)
                    placed.append((x, y, self.value_text(raw)))
        self.value_labels.set_labels(placed)
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
        self.fit_axes()

    def value_text(self, value: float) -> str:
        """A bar's value as text; NaN (no value, e.g. a rate with nothing closed) is —."""
        return "—" if math.isnan(value) else self.value_format(value)

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
            lines.append(f"{s.name}：{self.value_text(float(s.values[index]))}")
        if index < len(self.notes) and self.notes[index]:
            lines.append(self.notes[index])
        return "\n".join(lines)

    def keys_at(self, index: int, series: int) -> dict[str, Any] | None:
        return {**self.keys[index], **self.series[series].key}

    def anchor(self, index: int, series: int = 0) -> QPointF:
        p = self._pos(index) + self._offset(series)
        v = max(self.value(index, series), 0.0) / 2
        return QPointF(v, p) if self.horizontal else QPointF(p, v)

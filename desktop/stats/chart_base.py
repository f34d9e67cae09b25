"""The chart widget every statistics chart builds on (pyqtgraph): title, axes, hover, export.

Every chart carries its title and axis labels with units inside the plot (so an exported PNG is
self-explanatory), shows the figures under the mouse in a hover label, and emits `clicked(dict)`
with the filter keys of the bar or point under a click (see `StatsPage.open_cases_requested`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPicture,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from desktop.stats.chart_style import LIGHT, Theme

LABEL_NUDGE = 5  # pyqtgraph draws an axis title this far past the axis's edge


class ChartAxis(pg.AxisItem):  # type: ignore[misc]
    """A pyqtgraph axis that lays out its title's rich text only when the text changes.

    pyqtgraph sets the title's HTML again on every pen, font and range change (for its SI
    prefixes, which our charts do not use): ten times per axis while a chart is built, and
    again on every redraw — most of the time spent building a chart.
    """

    def _updateLabel(self) -> None:
        html = self.labelString()
        if html != self.__dict__.get("_shown_html"):
            self._shown_html = html
            self.label.setHtml(html)
        self._adjustSize()
        self.picture = None
        self.update()

    def fit_tick_texts(self) -> None:
        """Measure the tick labels now, as painting does, so that the axis takes its width
        before the chart is painted: else pyqtgraph finds the labels wider while painting,
        widens the axis and the chart is laid out and painted a second time."""
        if not self.isVisible():
            return
        picture = QPicture()
        painter = QPainter(picture)
        try:
            if self.style["tickFont"]:
                painter.setFont(self.style["tickFont"])
            self.generateDrawSpecs(painter)
        finally:
            painter.end()


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
        # No pyqtgraph context menu (the page has its own): not building the view box's menu
        # saves ~7 ms per chart when the page opens.
        # (pyqtgraph shows every axis it is given: only the two shown ones.)
        axes = {name: ChartAxis(name) for name in ("left", "bottom")} | dict(axis_items or {})
        super().__init__(
            parent=parent, background=theme.background, axisItems=axes, enableMenu=False
        )
        # pyqtgraph caches the view's background in a pixmap the size of the chart (1–2 MB
        # each, seven charts): for a plain colour fill that is memory for nothing.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
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
        self._fit_bottom_axis()

    def _fit_bottom_axis(self) -> None:
        """Room for the bottom axis title below the tick labels. pyqtgraph reserves only 0.8
        of the title's height and draws it 5 px below the axis, so at our larger type the
        title was cut off at the chart's bottom edge."""
        axis = self.plot_item.getAxis("bottom")
        tick_font = axis.style.get("tickFont") or QFont()
        ticks = QFontMetrics(tick_font).height() + axis.style["tickTextOffset"][1]
        title = axis.label.boundingRect().height() if axis.label.isVisible() else 0.0
        axis.setHeight(math.ceil(ticks + max(0, axis.style["tickLength"]) + title))
        left, top, right, _bottom = self.plot_item.layout.getContentsMargins()
        self.plot_item.layout.setContentsMargins(left, top, right, LABEL_NUDGE + 2)

    def fit_axes(self) -> None:
        """After new data: the axes measure their tick labels before the first paint."""
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            if isinstance(axis, ChartAxis):
                axis.fit_tick_texts()

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
        point: QPoint = self.mapFromScene(scene_point)  # pyqtgraph's base class is untyped
        return point

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
        # What QImage.save does; its format is typed as bytes but PySide6 accepts only a str there.
        if not QImageWriter(str(tmp), b"PNG").write(self.image(width)):
            tmp.unlink(missing_ok=True)
            raise OSError(str(target))
        tmp.replace(target)

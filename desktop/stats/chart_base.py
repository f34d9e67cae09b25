"""The chart widget every statistics chart builds on (pyqtgraph): title, axes, hover, export.

Every chart carries its title and axis labels with units inside the plot (so an exported PNG is
self-explanatory), shows the figures under the mouse in a hover label, and emits `clicked(dict)`
with the filter keys of the bar or point under a click (see `StatsPage.open_cases_requested`).
"""

from __future__ import annotations

import math
import weakref
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from pyqtgraph.graphicsItems.ButtonItem import ButtonItem
from pyqtgraph.graphicsItems.LabelItem import LabelItem
from pyqtgraph.graphicsItems.PlotItem import plotConfigTemplate_generic as plot_menu_template
from pyqtgraph.WidgetGroup import WidgetGroup
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, Signal
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
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsGridLayout,
    QGraphicsView,
    QMenu,
    QSizePolicy,
    QWidget,
    QWidgetAction,
)

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


class ViewSpanItem(pg.GraphicsObject):  # type: ignore[misc]
    """A chart item drawing at data points in screen-sized strokes and type: one item for what
    pyqtgraph would draw with many (`DayLine`'s lines and dots, `ValueLabels`' texts).

    Its bounding rect is the visible view (the view box cuts off anything drawn past it), so it
    announces a geometry change whenever the view range changes. It paints in scene units
    (screen pixels, or scaled with an export), as pyqtgraph's items draw: subclasses implement
    `paint_scene(painter, to_scene)` and map their data points with `to_scene`.
    """

    def boundingRect(self) -> QRectF:
        rect = self.viewRect()
        return QRectF() if rect is None else rect

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewRangeChanged()

    def paint(self, painter: QPainter, *_args: Any) -> None:
        if self.is_blank():
            return
        to_scene: QTransform = self.sceneTransform()
        inverse, invertible = to_scene.inverted()
        if not invertible:
            return
        painter.setTransform(inverse * painter.transform())
        self.paint_scene(painter, to_scene)

    def is_blank(self) -> bool:
        """Nothing to draw (painting stops before it maps anything)."""
        raise NotImplementedError

    def paint_scene(self, painter: QPainter, to_scene: QTransform) -> None:
        """Draw; `painter` is in scene units and `to_scene` maps data points there."""
        raise NotImplementedError


# What pyqtgraph's PlotItem builds for its options menu (ctrl, ctrlMenu, stateGroup): forty
# widgets and their connections per plot, which our charts never show.
_MENU_PARTS = ("ctrl", "ctrlMenu", "stateGroup")


class ChartPlotItem(pg.PlotItem):  # type: ignore[misc]
    """pyqtgraph's PlotItem without its options menu until something asks for it.

    `pg.PlotItem.__init__` builds the menu's forty widgets for every plot (a third of the cost
    of building a chart); the page has its own menus. This set-up is PlotItem's (pyqtgraph
    0.14) minus the menu, which `__getattr__` builds the first time a PlotItem method reads it.
    """

    def __init__(self, axisItems: dict[str, pg.AxisItem]) -> None:
        pg.GraphicsWidget.__init__(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.autoBtn = ButtonItem(pg.icons.getGraphPixmap("auto"), 14, self)
        self.autoBtn.mode = "auto"
        self.autoBtn.clicked.connect(self.autoBtnClicked)
        self.buttonsHidden = False
        self.mouseHovering = False
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.setLayout(self.layout)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self.vb.sigStateChanged.connect(self.viewStateChanged)
        self._menuEnabled = False
        self.vb.sigRangeChanged.connect(self.sigRangeChanged)
        self.vb.sigXRangeChanged.connect(self.sigXRangeChanged)
        self.vb.sigYRangeChanged.connect(self.sigYRangeChanged)
        self.vb.sigRangeChangedManually.connect(self.sigRangeChangedManually)
        self.layout.addItem(self.vb, 2, 1)
        self.alpha = 1.0
        self.autoAlpha = True
        self.spectrumMode = False
        self.legend = None
        self.axes: dict[str, dict[str, Any]] = {}
        # The hidden top and right axes too are ChartAxis: pyqtgraph's own set their title's
        # rich text again on every range change of the plot (over 150 times per page).
        hidden = [name for name in ("top", "right") if name not in axisItems]
        self.setAxisItems({name: ChartAxis(name) for name in hidden} | axisItems)
        for name in hidden:
            self.hideAxis(name)
        self.titleLabel = LabelItem("", size="11pt", parent=self)
        self.layout.addItem(self.titleLabel, 0, 1)
        self.setTitle(None)
        for i in range(4):
            self.layout.setRowPreferredHeight(i, 0)
            self.layout.setRowMinimumHeight(i, 0)
            self.layout.setRowSpacing(i, 0)
            self.layout.setRowStretchFactor(i, 1)
        for i in range(3):
            self.layout.setColumnPreferredWidth(i, 0)
            self.layout.setColumnMinimumWidth(i, 0)
            self.layout.setColumnSpacing(i, 0)
            self.layout.setColumnStretchFactor(i, 1)
        self.layout.setRowStretchFactor(2, 100)
        self.layout.setColumnStretchFactor(1, 100)
        self.items: list[Any] = []
        self.curves: list[Any] = []
        self.itemMeta: Any = weakref.WeakKeyDictionary()
        self.dataItems: list[Any] = []
        self.paramList: dict[Any, Any] = {}
        self.avgCurves: dict[Any, Any] = {}
        self.avgPen = pg.mkPen((0, 200, 0))
        self.avgShadowPen = pg.mkPen((0, 0, 0), width=4)
        self.fileDialog = None

    def __getattr__(self, name: str) -> Any:
        if name not in _MENU_PARTS or "_menu_built" in self.__dict__:
            raise AttributeError(name)
        self._build_menu()
        return self.__dict__[name]

    def showGrid(
        self, x: bool | None = None, y: bool | None = None, alpha: float | None = None
    ) -> None:
        """As pyqtgraph's (which goes through the menu's check boxes and slider)."""
        if "_menu_built" in self.__dict__:
            super().showGrid(x, y, alpha)
            return
        show_x, show_y, value = self._grid
        if x is not None:
            show_x = bool(x)
        if y is not None:
            show_y = bool(y)
        if alpha is not None:
            value = int(min(max(alpha, 0.0), 1.0) * 255)
        self._grid = (show_x, show_y, value)
        for name, shown in (
            ("top", show_x),
            ("bottom", show_x),
            ("left", show_y),
            ("right", show_y),
        ):
            self.getAxis(name).setGrid(value if shown else False)

    _grid: tuple[bool, bool, int] = (False, False, 128)  # the menu's defaults

    def _build_menu(self) -> None:
        """The options menu, as `pg.PlotItem.__init__` builds it (pyqtgraph 0.14)."""
        self._menu_built = True
        translate = QCoreApplication.translate
        w = QWidget()
        self.ctrl = c = plot_menu_template.Ui_Form()
        c.setupUi(w)
        menu_items = [
            (translate("PlotItem", "Transforms"), c.transformGroup),
            (translate("PlotItem", "Downsample"), c.decimateGroup),
            (translate("PlotItem", "Average"), c.averageGroup),
            (translate("PlotItem", "Alpha"), c.alphaGroup),
            (translate("PlotItem", "Grid"), c.gridGroup),
            (translate("PlotItem", "Points"), c.pointsGroup),
        ]
        self.ctrlMenu = QMenu(translate("PlotItem", "Plot Options"))
        for name, group in menu_items:
            sub = self.ctrlMenu.addMenu(name)
            action = QWidgetAction(self)
            action.setDefaultWidget(group)
            sub.addAction(action)
        self.stateGroup = WidgetGroup()
        for _name, group in menu_items:
            self.stateGroup.autoAdd(group)
        c.alphaGroup.toggled.connect(self.updateAlpha)
        c.alphaSlider.valueChanged.connect(self.updateAlpha)
        c.autoAlphaCheck.toggled.connect(self.updateAlpha)
        c.xGridCheck.toggled.connect(self.updateGrid)
        c.yGridCheck.toggled.connect(self.updateGrid)
        c.gridAlphaSlider.valueChanged.connect(self.updateGrid)
        c.fftCheck.toggled.connect(self.updateSpectrumMode)
        c.subtractMeanCheck.toggled.connect(self.updateSubtractMeanMode)
        c.logXCheck.toggled.connect(self.updateLogMode)
        c.logYCheck.toggled.connect(self.updateLogMode)
        c.derivativeCheck.toggled.connect(self.updateDerivativeMode)
        c.phasemapCheck.toggled.connect(self.updatePhasemapMode)
        c.downsampleSpin.valueChanged.connect(self.updateDownsampling)
        c.downsampleCheck.toggled.connect(self.updateDownsampling)
        c.autoDownsampleCheck.toggled.connect(self.updateDownsampling)
        c.subsampleRadio.toggled.connect(self.updateDownsampling)
        c.meanRadio.toggled.connect(self.updateDownsampling)
        c.clipToViewCheck.toggled.connect(self.updateDownsampling)
        c.avgParamList.itemClicked.connect(self.avgParamListClicked)
        c.averageGroup.toggled.connect(self.avgToggled)
        c.maxTracesCheck.toggled.connect(self._handle_max_traces_toggle)
        c.forgetTracesCheck.toggled.connect(self.updateDecimation)
        c.maxTracesSpin.valueChanged.connect(self.updateDecimation)
        # The grid shown so far, in the menu's controls.
        show_x, show_y, value = self._grid
        c.gridAlphaSlider.setValue(value)
        c.xGridCheck.setChecked(show_x)
        c.yGridCheck.setChecked(show_y)


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
        # saves ~7 ms per chart when the page opens, nor the plot's (ChartPlotItem).
        # (pyqtgraph shows every axis it is given: only the two shown ones.)
        given = dict(axis_items or {})
        axes = {n: ChartAxis(n) for n in ("left", "bottom") if n not in given} | given
        super().__init__(parent=parent, background=theme.background, plotItem=ChartPlotItem(axes))
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

"""The statistics page (统计): filters, today's key numbers, the charts, the grid table, exports.

Aggregations run as one job on `ctx.tasks` (db.stats.figures.collect); the result is drawn on the GUI
thread. The page refreshes itself after case changes from the live feed (at most every 2 s, and
only while it is visible), and opens the big screen (大屏模式) with F11.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import ValidationError
from db.stats import figures as stats
from db.stats.figures import FilterChoices, StatsSnapshot
from db.stats.periods import Period, StatsFilter
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly
from desktop.stats.chart_set import ChartSet, base_keys
from desktop.stats.chart_style import LIGHT
from desktop.stats.grid_density import GridDensityModel
from desktop.stats.key_figures import KeyFigures
from desktop.stats.stats_export import (
    SummaryContent,
    ask_export_pdf,
    ask_export_png,
    chart_menu,
    write_summary_pdf,
)

log = logging.getLogger(__name__)

FEED_DEBOUNCE_MS = 2000


class StatsPage(QWidget):
    """统计: how the street is doing today, this month, this year.

    `open_cases_requested(dict)` asks the dispatch queue to show the cases behind a clicked bar,
    point or grid row. The dict always has these keys (None / False when not narrowed):

    - ``community_id``, ``grid_id``, ``major_id`` (大类), ``category_id`` (小类),
      ``department_id``: ids to filter on;
    - ``source``: a `db.cases.states.Source` value (e.g. ``"patrol"``) or None;
    - ``alert_only``: only cases in warning or overdue (预警/超期);
    - ``open_only``: only open cases (the open-case charts and the grid table);
    - ``time_field``: ``"reported"`` or ``"closed"``: which time ``from``/``to`` bound;
    - ``from``, ``to``: aware datetimes (center time zone) bounding that time, ``to``
      exclusive; both None for charts of open cases now.
    """

    open_cases_requested = Signal(object)
    drawn = Signal()  # a snapshot has been drawn (tests and the benchmark wait on it)

    initial_period = Period.MONTH  # what the page shows when it opens

    @staticmethod
    def clock() -> datetime:
        """The current time (aware); tests replace it to look at a fixed moment."""
        return datetime.now(UTC)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.settings.tz
        self.snapshot: StatsSnapshot | None = None
        self.choices: FilterChoices | None = None
        self.big_screen: QWidget | None = None
        self._full = False  # a new filter asked for since the last load started
        self._refused: BaseException | None = None  # a filter error found when loading
        self._dirty = True
        self._loader: LatestOnly[StatsSnapshot] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._failed
        )

        self.period = QComboBox(self)
        for label, value in (
            (self.tr("今日"), Period.TODAY),
            (self.tr("本月"), Period.MONTH),
            (self.tr("本年"), Period.YEAR),
            (self.tr("自定义"), Period.CUSTOM),
        ):
            self.period.addItem(label, value.value)
        self.period.setCurrentIndex(self.period.findData(self.initial_period.value))
        today = self._today()
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.community = QComboBox(self)
        self.department = QComboBox(self)
        self.category = QComboBox(self)
        self.community.addItem(self.tr("全部社区"), None)
        self.department.addItem(self.tr("全部部门"), None)
        self.category.addItem(self.tr("全部类别"), None)
        self.category.setMinimumContentsLength(10)

        self.status = QLabel(self)
        self.status.setObjectName("statsStatus")
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("导出图表"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pdf_button = QPushButton(self.tr("导出 PDF 摘要"), self)
        self.big_button = QPushButton(self.tr("大屏模式 (F11)"), self)

        # The figures first: the aggregations run on the worker while the charts are built here
        # (building seven plots takes as long as a month's aggregations).
        self.refresh()

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("统计期间"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—", self))
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(self.community)
        bar.addWidget(self.department)
        bar.addWidget(self.category)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.big_button)

        title = QLabel(self.tr("统计"), self)
        title.setObjectName("pageTitle")
        self.figures = KeyFigures(LIGHT, self)
        self.charts = ChartSet(LIGHT, self)
        self.grid_model = GridDensityModel(self)
        self.grid_table = QTableView(self)
        self.grid_table.setModel(self.grid_model)
        self.grid_table.setObjectName("gridDensity")
        self.grid_table.verticalHeader().setVisible(False)
        self.grid_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.grid_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Fitted to the contents once per new set of rows (in `draw`), not in ResizeToContents
        # mode, which measures every cell again on each layout pass while the page opens.
        self.grid_table.horizontalHeader().setStretchLastSection(False)
        self.grid_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grid_table.setMinimumHeight(260)
        self.grid_table.setToolTip(self.tr("双击一行，在调度台打开该网格的在办案件"))
        grid_title = QLabel(self.tr("网格在办案件密度（颜色越深，每千户在办案件越多）"), self)
        grid_title.setObjectName("sectionTitle")
        grid_title.setStyleSheet("font-weight: bold;")

        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        c = self.charts
        grid.addWidget(c.flow, 0, 0, 1, 2)
        grid.addWidget(c.alerts, 1, 0)
        grid.addWidget(c.sources, 1, 1)
        grid.addWidget(c.majors, 2, 0)
        grid.addWidget(c.categories, 2, 1)
        grid.addWidget(c.handling, 3, 0, 1, 2)
        # The department ranking grows with the departments; the grid table uses that height.
        grid.addWidget(c.departments, 4, 0)
        table_box = QVBoxLayout()
        table_box.addWidget(grid_title)
        table_box.addWidget(self.grid_table, 1)
        grid.addLayout(table_box, 4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for chart in c.charts().values():
            chart.setMinimumHeight(max(chart.minimumHeight(), 280))
            chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            chart.customContextMenuRequested.connect(
                lambda _pos, ch=chart: chart_menu(self, ch, self.ctx.notify)
            )
        c.flow.setMinimumHeight(320)
        # Empty charts are not worth painting: the first paint waits for the first figures
        # (painting the axes of seven plots twice costs a third of a second).
        body.setUpdatesEnabled(False)
        self._body = body
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area = scroll

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.figures)
        layout.addWidget(scroll, 1)

        menu = QMenu(self)
        for name, chart in c.charts().items():
            action = QAction(chart.title, menu)
            action.setObjectName(f"export_{name}")
            action.triggered.connect(
                lambda _checked=False, ch=chart: ask_export_png(self, ch, self.ctx.notify)
            )
            menu.addAction(action)
        self.export_button.setMenu(menu)
        self.export_menu = menu

        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self._custom_changed)
        self.date_to.dateChanged.connect(self._custom_changed)
        for combo in (self.community, self.department, self.category):
            combo.currentIndexChanged.connect(self.refresh)
        c.clicked.connect(self._request_cases)
        self.grid_table.activated.connect(self._grid_activated)
        self.pdf_button.clicked.connect(
            lambda: ask_export_pdf(self, self.export_pdf, self.ctx.notify)
        )
        self.big_button.clicked.connect(self.toggle_big_screen)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.toggle_big_screen)

        self.feed_timer = QTimer(self)
        self.feed_timer.setSingleShot(True)
        self.feed_timer.setInterval(FEED_DEBOUNCE_MS)
        self.feed_timer.timeout.connect(self._feed_due)
        ctx.feed.cases_changed.connect(self._cases_changed)

        # The filter lists are not needed until the user opens one: asked after the figures.
        self.load_choices()
        ctx.signals.master_data_changed.connect(self.load_choices)

    # --- filter --------------------------------------------------------------------------
    def _today(self) -> date:
        return self.clock().astimezone(self.tz).date()

    def current_filter(self) -> StatsFilter:
        """The filter the controls describe (the period in local days)."""
        period = Period(self.period.currentData())
        if period is Period.CUSTOM:
            first = self.date_from.date().toPython()
            last = self.date_to.date().toPython()
            assert isinstance(first, date) and isinstance(last, date)
            if last < first:
                first, last = last, first
        else:
            first, last = stats.period_days(period, self._today())
        start, end = stats.day_span(first, last, self.tz)
        major_id = category_id = None
        picked = self.category.currentData()
        if picked is not None:
            kind, ident = str(picked).split(":")
            if kind == "major":
                major_id = int(ident)
            else:
                category_id = int(ident)
        return StatsFilter(
            start,
            end,
            community_id=self.community.currentData(),
            department_id=self.department.currentData(),
            major_id=major_id,
            category_id=category_id,
        )

    def _period_changed(self) -> None:
        custom = Period(self.period.currentData()) is Period.CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.refresh()

    def _custom_changed(self) -> None:
        if Period(self.period.currentData()) is Period.CUSTOM:
            self.refresh()

    def load_choices(self) -> None:
        """Fill the filter lists (again after 基础数据 edits), off the GUI thread."""
        self.ctx.tasks.submit(stats.filter_choices, self._fill_choices, self._failed, owner=self)

    def _fill_choices(self, choices: FilterChoices) -> None:
        self.choices = choices
        chosen = {c: c.currentData() for c in (self.community, self.department, self.category)}
        for combo in chosen:  # a refill after 基础数据 edits keeps the "全部…" entry only
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(combo.count() - 1)
        for combo, items in (
            (self.community, choices.communities),
            (self.department, choices.departments),
        ):
            combo.blockSignals(True)
            for item in items:
                combo.addItem(item.label, item.id)
            combo.blockSignals(False)
        self.category.blockSignals(True)
        minors: dict[int, list[stats.Choice]] = {}
        for cat in choices.categories:
            minors.setdefault(cat.parent_id or 0, []).append(cat)
        bold = QFont(self.category.font())
        bold.setBold(True)
        for major in choices.majors:
            self.category.addItem(major.label, f"major:{major.id}")
            self.category.setItemData(self.category.count() - 1, bold, Qt.ItemDataRole.FontRole)
            for cat in minors.get(major.id, []):
                self.category.addItem("    " + cat.label, f"category:{cat.id}")
        for combo, data in chosen.items():  # the same choices as before, where they still exist
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(data), 0) if data is not None else 0)
            combo.blockSignals(False)

    def select(self, combo: QComboBox, data: Any) -> None:
        """Pick the entry of `combo` whose data is `data` (tests and the integrator use it)."""
        index = combo.findData(data)
        if index < 0:
            raise KeyError(data)
        combo.setCurrentIndex(index)

    # --- loading -------------------------------------------------------------------------
    def refresh(self, *, after_change: bool = False) -> None:
        """Recompute every chart for the current filter (off the GUI thread).

        `after_change`: a live change, not a new filter: the finished days of the last snapshot
        are reused (db.stats.figures.collect_in), so the redraw stays quick on a year of cases.
        Asked again while loading, it loads once more when the load ends; that load is a full
        one if any of the requests meanwhile was.
        """
        try:
            self.current_filter()
        except ValidationError as exc:
            self.status.setText(db_message_text(str(exc)))
            return
        self._full = self._full or not after_change
        self._loader.request()

    def _load_job(self) -> Callable[[Database], StatsSnapshot]:
        after_change, self._full = not self._full, False
        self._dirty = False
        tz, now = self.tz, self.clock()
        previous = self.snapshot if after_change else None
        self.status.setText(self.tr("正在统计…"))
        try:
            f = self.current_filter()
        except ValidationError as exc:  # the filter went wrong while the last load ran
            problem = self._refused = exc

            def refuse(_db: Database) -> StatsSnapshot:
                raise problem

            return refuse
        return lambda db: stats.collect(db, f, tz, now, previous)

    def _loaded(self, snap: StatsSnapshot) -> None:
        if not self._loader.again:  # else a newer load follows at once
            self.draw(snap)

    def _failed(self, exc: BaseException) -> None:
        if exc is self._refused:
            self._refused = None
            self.status.setText(db_message_text(str(exc)))
            return
        self.status.setText(self.tr("统计失败"))
        self.ctx.tasks.report(exc)

    def draw(self, snap: StatsSnapshot) -> None:
        self.snapshot = snap
        self.charts.draw(snap, self.tz)
        self.figures.set_numbers(snap.today)
        self.grid_model.set_rows(snap.grids)
        self._fit_grid_columns()
        if not self._body.updatesEnabled():
            self._body.setUpdatesEnabled(True)
        local = snap.now.astimezone(self.tz)
        self.status.setText(self.tr("更新于 {time}").format(time=f"{local:%H:%M:%S}"))
        self.drawn.emit()

    def _fit_grid_columns(self) -> None:
        """Fit the grid table's columns to their texts (the 网格 column stretches): measured
        with the table's font, not with `resizeColumnsToContents`, which asks the model for
        every role of every cell (a fifth of a redraw, for a table below the charts)."""
        table, model = self.grid_table, self.grid_model
        header = table.horizontalHeader()
        metrics = QFontMetrics(table.font())
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
        pad = 2 * (margin + 1) + 1 + 4  # the delegate's margins, the grid line, some air
        rows = range(model.rowCount())
        for column in range(model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                continue
            widest = max(
                (metrics.horizontalAdvance(model.text(r, column)) for r in rows), default=0
            )
            header.resizeSection(column, max(widest + pad, header.sectionSizeHint(column)))

    def _cases_changed(self, _ids: object) -> None:
        if not self.feed_timer.isActive():
            self.feed_timer.start()

    def _feed_due(self) -> None:
        if self.isVisible():
            self.refresh(after_change=True)
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty and not self._loader.busy:
            self.refresh()

    # --- click-through -------------------------------------------------------------------
    def _request_cases(self, keys: dict[str, Any]) -> None:
        self.open_cases_requested.emit(dict(keys))

    def _grid_activated(self, index: QModelIndex) -> None:
        if not index.isValid() or self.snapshot is None:
            return
        g = self.grid_model.rows[index.row()]
        keys = base_keys(self.snapshot.filter, self.tz)
        keys.update(
            community_id=g.community_id,
            grid_id=g.grid_id,
            open_only=True,
            **{"from": None, "to": None},
        )
        self.open_cases_requested.emit(keys)

    # --- big screen ----------------------------------------------------------------------
    def toggle_big_screen(self) -> None:
        """F11: open the big screen full screen, or close it when it is open."""
        from desktop.stats.big_screen import BigScreen

        if isinstance(self.big_screen, BigScreen) and self.big_screen.isVisible():
            self.big_screen.close()
            return
        # A child window: it goes when the page goes.
        screen = BigScreen(self.ctx, self.current_filter, self, clock=self.clock)
        screen.closed.connect(self._big_screen_closed)
        screen.open_cases_requested.connect(self.open_cases_requested)
        self.big_screen = screen
        screen.showFullScreen()

    def _big_screen_closed(self) -> None:
        self.big_screen = None

    # --- export --------------------------------------------------------------------------
    def export_chart_png(self, name: str, path: str | Path, width: int) -> None:
        """Export chart `name` (see `ChartSet.charts`) as PNG at `width` pixels."""
        self.charts.charts()[name].export_png(path, width)

    def period_text(self) -> str:
        if self.snapshot is None:
            return ""
        days = stats.days_of(self.snapshot.filter, self.tz)
        first, last = days[0], days[-1]
        if first == last:
            return f"{first:%Y-%m-%d}"
        return f"{first:%Y-%m-%d} — {last:%Y-%m-%d}"

    def scope_text(self) -> str:
        parts = [
            combo.currentText().strip()
            for combo in (self.community, self.department, self.category)
        ]
        return " · ".join(parts)

    def export_pdf(self, path: str | Path) -> None:
        """One A4 landscape page: title, period and scope, today's numbers, six charts, the
        densest grids. Written to a temporary file first; raises OSError if it cannot be written."""
        if self.snapshot is None:
            raise OSError(self.tr("尚无统计数据"))
        content = SummaryContent(
            snapshot=self.snapshot,
            charts=self.charts,
            figures=self.figures.texts(),
            center_name=self.ctx.settings.center_name,
            period=self.period_text(),
            scope=self.scope_text(),
            tz=self.tz,
            font=self.font(),
        )
        write_summary_pdf(content, path)

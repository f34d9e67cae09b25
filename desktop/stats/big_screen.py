"""The big screen (大屏模式): today's key numbers and the charts full screen for a wall display.

Opened from the statistics page (F11 or its button), left with Esc or F11. It keeps itself
current from the live change feed (at most one refresh every 2 s) and once a minute, so the
overdue counts move on even when nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db.engine import Database
from db.errors import UserError
from db.stats import figures as stats
from db.stats.figures import StatsSnapshot
from db.stats.periods import StatsFilter
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly
from desktop.stats.chart_set import ChartSet
from desktop.stats.chart_style import WALL
from desktop.stats.key_figures import KeyFigures

FEED_DEBOUNCE_MS = 2000
CLOCK_REFRESH_MS = 60_000
DEPARTMENTS_SHOWN = 10


class BigScreen(QWidget):
    """A full-screen window: header with the center and the time, key figures, five charts.

    `filter_provider()` gives the statistics filter (the page's current one); the key figures
    are always today's. Clicks on bars and points are forwarded as `open_cases_requested`.
    """

    closed = Signal()
    drawn = Signal()
    open_cases_requested = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        filter_provider: Callable[[], StatsFilter],
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.clock = clock
        self.tz = ctx.settings.tz
        self.filter_provider = filter_provider
        self.snapshot: StatsSnapshot | None = None
        self._alive = True
        self._full = False  # a load without the last snapshot's days asked for
        self._loader: LatestOnly[StatsSnapshot] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._failed
        )
        self.setObjectName("bigScreen")
        self.setWindowTitle(self.tr("大屏模式"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(
            f"#bigScreen {{ background: {WALL.background}; }}"
            f" QLabel {{ color: {WALL.text}; background: transparent; }}"
        )
        self.setAutoFillBackground(True)

        self.center = QLabel(ctx.settings.center_name, self)
        self.time_label = QLabel(self)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint = QLabel(self.tr("按 Esc 或 F11 退出大屏"), self)
        header = QHBoxLayout()
        header.addWidget(self.center)
        header.addStretch(1)
        header.addWidget(self.hint)
        header.addSpacing(24)
        header.addWidget(self.time_label)

        self.figures = KeyFigures(WALL, self)
        self.charts = ChartSet(WALL, self)
        self.charts.department_limit = DEPARTMENTS_SHOWN
        c = self.charts
        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(c.flow, 0, 0, 1, 2)
        grid.addWidget(c.alerts, 0, 2)
        grid.addWidget(c.majors, 1, 0)
        grid.addWidget(c.departments, 1, 1)
        grid.addWidget(c.sources, 1, 2)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        for chart in (c.categories, c.handling):
            chart.hide()  # the wall shows five charts; these two stay on the page
        for chart in c.charts().values():
            chart.setMinimumSize(160, 140)  # any wall or projector resolution fits
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.addLayout(header)
        layout.addWidget(self.figures)
        layout.addLayout(grid, 1)

        c.clicked.connect(self.open_cases_requested)
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self.close)

        self._feed_timer = QTimer(self)
        self._feed_timer.setSingleShot(True)
        self._feed_timer.setInterval(FEED_DEBOUNCE_MS)
        self._feed_timer.timeout.connect(self._refresh_after_change)
        self._tick = QTimer(self)
        self._tick.setInterval(CLOCK_REFRESH_MS)
        self._tick.timeout.connect(self._refresh_after_change)
        ctx.feed.cases_changed.connect(self._cases_changed)
        self._update_clock()
        self._apply_scale(1.0)

    def _apply_scale(self, scale: float) -> None:
        """Type and spacing for a window `scale` times a 1920 × 1080 wall."""
        self.center.setStyleSheet(f"font-size: {max(round(40 * scale), 16)}px; font-weight: bold;")
        self.time_label.setStyleSheet(
            f"font-size: {max(round(30 * scale), 12)}px; color: {WALL.muted};"
        )
        self.hint.setStyleSheet(f"font-size: {max(round(16 * scale), 10)}px; color: {WALL.muted};")
        self._layout.setContentsMargins(*(round(m * scale) for m in (32, 24, 32, 24)))
        self._layout.setSpacing(round(20 * scale))
        self.figures.set_scale(scale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        self._apply_scale(max(min(size.width() / 1920, size.height() / 1080), 0.4))

    def _update_clock(self) -> None:
        now = self.clock().astimezone(self.tz)
        self.time_label.setText(f"{now:%Y-%m-%d %H:%M}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()
        if self.snapshot is None and not self._loader.busy:
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._alive = False
        self._feed_timer.stop()
        self._tick.stop()
        self.ctx.feed.cases_changed.disconnect(self._cases_changed)
        self.closed.emit()
        super().closeEvent(event)

    def _cases_changed(self, _ids: object) -> None:
        if not self._feed_timer.isActive():
            self._feed_timer.start()

    def _refresh_after_change(self) -> None:
        self.refresh(after_change=True)

    def refresh(self, *, after_change: bool = False) -> None:
        """Recompute (after a live change: re-reading only the days that can change). Asked
        again while loading, it loads once more when the load ends."""
        if not self._alive:
            return
        self._full = self._full or not after_change
        self._loader.request()

    def _load_job(self) -> Callable[[Database], StatsSnapshot]:
        after_change, self._full = not self._full, False
        tz, now = self.tz, self.clock()
        previous = self.snapshot if after_change else None
        try:
            f = self.filter_provider()
        except UserError as exc:  # the page's filter is being edited into a wrong range
            problem = exc

            def refuse(_db: Database) -> StatsSnapshot:
                raise problem

            return refuse
        return lambda db: stats.collect(db, f, tz, now, previous)

    def _loaded(self, snap: StatsSnapshot) -> None:
        if not self._alive or self._loader.again:  # closed, or a newer load follows at once
            return
        self.snapshot = snap
        self.charts.draw(snap, self.tz)
        self.figures.set_numbers(snap.today)
        self._update_clock()
        self.drawn.emit()

    def _failed(self, exc: BaseException) -> None:
        self.ctx.tasks.report(exc)

"""The main window: navigation rail, the pages, and the status bar (database, feed, user)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from db.engine import Database
from db.holidays.calendar_years import calendar_warning
from desktop.common import palette
from desktop.core.context import AppContext
from desktop.core.i18n import calendar_warning_text, role_text
from desktop.desk.desk_page import DeskPage
from desktop.inbox.inbox_page import InboxPage
from desktop.shell.nav_rail import NavRail, icon

if TYPE_CHECKING:
    from desktop.admin.settings_page import SettingsPage
    from desktop.people.people_page import PeoplePage
    from desktop.returns.reports_page import ReportsPage
    from desktop.stats.stats_page import StatsPage


def read_calendar_warning(db: Database) -> str | None:
    with db.read() as session:
        return calendar_warning(session)


PAGE_KEYS = ("desk", "people", "reports", "stats", "settings")
# A department account (部门经办, 部门负责人) gets its inbox instead of the centre's pages.
DEPARTMENT_PAGE_KEYS = ("inbox", "settings")
# What a page needs to be offered at all (the page itself still says so if opened).
PAGE_PERMISSIONS = {"people": "roster.read"}


def page_allowed(ctx: AppContext, key: str) -> bool:
    permission = PAGE_PERMISSIONS.get(key)
    return permission is None or ctx.actor.can(permission)


FLASH_INTERVAL_MS = 400  # a new urgent case makes the status bar blink red three times
FLASH_STEPS = 6


SWITCH_USER_SHORTCUT = "Ctrl+Shift+L"  # 交接班 / 切换用户 (desktop/shell/handover.py)


LEARN_FIRST_MS = 5_000  # soon after sign-in (a thread of its own; the pages keep loading)
LEARN_EVERY_MS = 3_600_000


class MainWindow(QMainWindow):
    switch_user_requested = Signal()  # 交接班… / 切换用户…: handled by ShiftSession

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("网格指挥调度台 — %1").replace("%1", ctx.settings.center_name))
        self.setWindowIcon(icon("app"))

        self.rail = NavRail(self)
        self.stack = QStackedWidget(self)
        self.department = ctx.actor.is_department
        # Pages other than the first (and what they import: pyqtgraph, numpy, the Excel
        # writers) are built when first opened; until then an empty placeholder holds their place.
        if self.department:
            self.inbox_page = InboxPage(ctx, self.stack)
            self.page_keys: tuple[str, ...] = DEPARTMENT_PAGE_KEYS
            self._built: list[QWidget | None] = [self.inbox_page, None]
            titles: tuple[str, ...] = (self.tr("待办"), self.tr("设置"))
        else:
            self.desk_page = DeskPage(ctx, self.stack)
            self.page_keys = PAGE_KEYS
            self._built = [self.desk_page, None, None, None, None]
            titles = (
                self.tr("调度台"),
                self.tr("人员"),
                self.tr("报表"),
                self.tr("统计"),
                self.tr("设置"),
            )
        # A page the role cannot open (人员 without roster.read) has no rail entry; Ctrl+1…
        # number the pages that are shown.
        self.hidden_pages = frozenset(
            i for i, key in enumerate(self.page_keys) if not page_allowed(ctx, key)
        )
        shown = 0
        for i, (built, title, key) in enumerate(
            zip(self._built, titles, self.page_keys, strict=True)
        ):
            page = built if built is not None else QWidget(self.stack)
            page.setObjectName(page.objectName() or f"{key}Page")
            self.stack.addWidget(page)
            if i in self.hidden_pages:
                self.rail.add_page(title, key).setVisible(False)
                continue
            shown += 1
            self.rail.add_page(title, key, f"Ctrl+{shown}")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{shown}"), self)
            shortcut.activated.connect(lambda i=i: self.show_page(i))
        self.rail.current_changed.connect(self.show_page)
        if not self.department:
            self.desk_page.queue.model.urgent_arrived.connect(self.flash_status_bar)
            self.desk_page.alarms.raised.connect(self.flash_status_bar)
        self._flashes_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._flash_step)
        self.restore_box: QMessageBox | None = None

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self.show_page(0)
        self.restore_state()

    # -- status bar ----------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.database_text(), self)
        self.db_label.setObjectName("databaseState")
        self.db_label.setToolTip(self.ctx.db.describe())
        self.feed_label = QLabel(self)
        self.feed_label.setObjectName("feedState")
        actor = self.ctx.actor
        self.user_label = QLabel(f"{role_text(actor.role)} {actor.label}", self)
        self.user_label.setObjectName("userLabel")
        self.calendar_label = QLabel(self)
        self.calendar_label.setObjectName("calendarWarning")
        self.calendar_label.setStyleSheet(palette.text_style(palette.WARNING))
        self.calendar_label.setVisible(False)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setFixedSize(80, 12)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.busy.setToolTip(self.tr("正在读取数据库…"))
        bar.addPermanentWidget(self.calendar_label)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.feed_label)
        bar.addPermanentWidget(self.user_label)
        # Shift handover for the desk roles, a plain user switch for the others.
        desk = actor.can("shift.handover")
        self.switch_action = QAction(self.tr("交接班…") if desk else self.tr("切换用户…"), self)
        self.switch_action.setObjectName("switchUser")
        self.switch_action.setShortcut(QKeySequence(SWITCH_USER_SHORTCUT))
        self.switch_action.setToolTip(
            (self.tr("交班给下一位调度员，不关闭窗口") if desk else self.tr("换一个账号登录"))
            + f" ({SWITCH_USER_SHORTCUT})"
        )
        self.switch_action.triggered.connect(self.switch_user_requested)
        self.addAction(self.switch_action)
        self.switch_button = QToolButton(self)
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.setDefaultAction(self.switch_action)
        self.switch_button.setAutoRaise(True)
        bar.addPermanentWidget(self.switch_button)
        self.ctx.feed.state_changed.connect(self.set_feed_state)
        self.set_feed_state(self.ctx.feed.state)
        self.ctx.signals.message_timed.connect(self.show_message)
        self.ctx.tasks.busy_changed.connect(self.busy.setVisible)
        self.ctx.signals.settings_changed.connect(lambda _settings: self.check_calendar())
        self.check_calendar()
        # What the intake suggestions learned from closed cases: relearned in the background
        # soon after sign-in and every hour when enough cases closed since.
        self.learn_timer = QTimer(self)
        self.learn_timer.setInterval(LEARN_EVERY_MS)
        self.learn_timer.timeout.connect(self.learn_intake)
        self.learn_timer.start()
        QTimer.singleShot(LEARN_FIRST_MS, self, self.learn_intake)

    def learn_intake(self) -> None:
        """`retrain_if_due` on a thread of its own (seconds on a large database), never on the
        database queue the pages wait on; a failure is left for the next hour."""
        from db.intake.classify import retrain_if_due  # numpy: not at the window's start

        db = self.ctx.db
        self.ctx.tasks.start(
            lambda _control: retrain_if_due(db),
            None,
            lambda _error: None,
            owner=self,
            name="griddesk-intake-learning",
        )

    def check_calendar(self) -> None:
        """The holiday calendar warning (current year provisional, next year missing), read
        off the GUI thread, shown as a permanent label while it holds."""
        self.ctx.tasks.submit(read_calendar_warning, self.show_calendar_warning, owner=self)

    def show_calendar_warning(self, warning: str | None) -> None:
        self.calendar_label.setVisible(bool(warning))
        if warning:  # db writes it in Chinese
            first = warning.split("；", 1)[0]
            self.calendar_label.setText("⚠ " + calendar_warning_text(first))
            self.calendar_label.setToolTip(calendar_warning_text(warning))

    def database_text(self) -> str:
        db = self.ctx.db
        if db.is_sqlite:
            return self.tr("数据库：本机 SQLite")
        host = db.engine.url.host or "localhost"
        return self.tr("数据库：PostgreSQL %1").replace("%1", host)

    def feed_text(self, state: str) -> str:
        return {
            "connected": self.tr("实时：已连接"),
            "connecting": self.tr("实时：连接中…"),
            "reconnecting": self.tr("实时：重连中…"),
            "stopped": self.tr("实时：未连接"),
        }.get(state, state)

    def set_feed_state(self, state: str) -> None:
        self.feed_label.setText(self.feed_text(state))
        self.feed_label.setProperty("state", state)
        style = self.feed_label.style()
        style.unpolish(self.feed_label)
        style.polish(self.feed_label)

    def show_message(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def flash_status_bar(self, _numbers: object = None) -> None:
        """A new urgent case: the status bar (which names it) blinks red a few times."""
        self._flashes_left = FLASH_STEPS
        self._set_alert(True)
        self._flash_timer.start()

    def _flash_step(self) -> None:
        self._flashes_left -= 1
        if self._flashes_left <= 0:
            self._flash_timer.stop()
            self._set_alert(False)
            return
        self._set_alert(self._flashes_left % 2 == 0)

    @property
    def alerting(self) -> bool:
        return bool(self.statusBar().property("alert"))

    def _set_alert(self, on: bool) -> None:
        bar = self.statusBar()
        bar.setProperty("alert", on)
        bar.style().unpolish(bar)
        bar.style().polish(bar)

    # -- pages ---------------------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at `index`, built now if it was never opened."""
        built = self._built[index]
        if built is not None:
            return built
        key = self.page_keys[index]
        page: QWidget
        if key == "people":
            from desktop.people.people_page import PeoplePage

            page = PeoplePage(self.ctx, self.stack)
        elif key == "reports":
            from desktop.returns.reports_page import ReportsPage

            page = ReportsPage(self.ctx, self.stack)
        elif key == "stats":
            from desktop.stats.stats_page import StatsPage

            stats = StatsPage(self.ctx, self.stack)
            stats.open_cases_requested.connect(self.open_cases_in_queue)
            page = stats
        else:
            from desktop.admin.settings_page import SettingsPage

            settings = SettingsPage(self.ctx, self.stack)
            settings.restored.connect(self.restart_after_restore)
            page = settings
        page.setObjectName(page.objectName() or f"{key}Page")
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self._built[index] = page
        return page

    @property
    def pages(self) -> list[QWidget]:
        """Every page, each built if it was not yet (screenshots, tests)."""
        return [self.page(i) for i in range(len(self.page_keys))]

    @property
    def people_page(self) -> PeoplePage:
        return cast("PeoplePage", self.page(PAGE_KEYS.index("people")))

    @property
    def reports_page(self) -> ReportsPage:
        return cast("ReportsPage", self.page(PAGE_KEYS.index("reports")))

    @property
    def stats_page(self) -> StatsPage:
        return cast("StatsPage", self.page(PAGE_KEYS.index("stats")))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page(self.page_keys.index("settings")))

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.page_keys) or index in self.hidden_pages:
            return
        self.page(index)
        self.stack.setCurrentIndex(index)
        self.rail.set_current(index)

    def open_cases_in_queue(self, request: dict[str, object]) -> None:
        """A click on a statistics bar or point: show those cases in the dispatch queue."""
        stats = self._built[PAGE_KEYS.index("stats")]
        big = getattr(stats, "big_screen", None)
        if big is not None and big.isVisible() and big.screen() is self.screen():
            big.close()  # a full-screen wall display on this monitor would hide the queue
        self.show_page(PAGE_KEYS.index("desk"))
        self.desk_page.queue.filters.show_external(dict(request))
        self.activateWindow()

    def restart_after_restore(self, _info: object) -> None:
        """The database was replaced under the open pages: say so, then close the window."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("已从备份恢复"),
            self.tr("数据库已从备份恢复。GridDesk 将关闭，请重新启动后继续工作。"),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.finished.connect(lambda _result: self.close())
        self.restore_box = box
        box.open()

    @property
    def current_page(self) -> int:
        return self.stack.currentIndex()

    # -- state ---------------------------------------------------------------------------------

    def restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # the first start: the whole screen (the board lays its cards out to fit)
            self.resize(1600, 960)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        page = 0 if self.department else settings.value("window/page", 0)
        try:
            index = int(page)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            index = 0
        self.show_page(0 if index in self.hidden_pages else index)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        if not self.department:  # a department's window always opens on its inbox
            settings.setValue("window/page", self.current_page)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

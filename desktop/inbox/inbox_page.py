"""The department's inbox (部门待办): what a 部门经办 or 部门负责人 sees instead of the centre's desk.

Their cases by stage (待受理 / 处置中 / 待反馈 / 被督办 / 超期, see db.cases.inbox) with the time
left on each and the centre's 派遣意见; the selected case in the detail pane (masked for a
department by db); the actions 受理, 退单, 反馈 (with after-photos), 申请延期 and 申请协办, each on
a button and a key (on a case the department co-handles, 协办, the same three buttons take its own
track's steps: 协办受理, 协办退回, 协办反馈); the outcome of their 申请延期; for the head, the department's figures. The
live change feed reloads it like the desk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases.co_tracks import CoState
from db.cases.inbox import PAGE_SIZE, STAGE_LABELS, InboxRow, InboxView, Stage, inbox_view
from db.cases.joint import CO_CASE_STATES
from db.cases.requests import ExtensionInfo, request_cohandling, request_extension
from db.cases.states import Action
from db.clock import utcnow
from db.engine import Database
from db.errors import UserError
from db.reference.departments import active_department_names
from desktop.cases.case_detail import CaseDetailPane
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.core.i18n import action_text
from desktop.core.tasks import LatestOnly
from desktop.inbox.inbox_model import InboxModel
from desktop.inbox.request_dialogs import CohandleRequestDialog, ExtensionRequestDialog

# On a case the department co-handles (协办) its buttons take its own track's steps, each from
# the track states it may be taken in (db.cases.joint).
CO_STEPS: dict[Action, tuple[str, frozenset[CoState]]] = {
    Action.ACCEPT: ("co-accept", frozenset({CoState.DISPATCHED})),
    Action.RETURN: ("co-return", frozenset({CoState.DISPATCHED, CoState.ACCEPTED})),
    Action.FEEDBACK: ("co-feedback", frozenset({CoState.ACCEPTED})),
}
STAGE_ORDER = (Stage.TO_ACCEPT, Stage.HANDLING, Stage.TO_FEEDBACK, Stage.URGED, Stage.OVERDUE)
TICK_MS = 30_000  # the time-left column counts down between reloads


@dataclass(frozen=True)
class InboxKey:
    """One inbox action: its id, the key that runs it and its label source (context InboxPage)."""

    id: str
    shortcut: str
    action: Action | None = None


# The desk's keys for the same steps (desktop/desk/desk_actions.py): 受理 Ctrl+Shift+A, 退单
# Ctrl+Shift+T, 反馈 Ctrl+Shift+F; 申请延期 where the desk has 延期 (Ctrl+E); stages on Alt+1….
INBOX_KEYS: tuple[InboxKey, ...] = (
    InboxKey("accept", "Ctrl+Shift+A", Action.ACCEPT),
    InboxKey("return", "Ctrl+Shift+T", Action.RETURN),
    InboxKey("feedback", "Ctrl+Shift+F", Action.FEEDBACK),
    InboxKey("extension", "Ctrl+E"),
    InboxKey("cohandle", "Ctrl+Shift+C"),
    InboxKey("refresh", "F5"),
)


def stage_text(stage: Stage) -> str:
    return {
        Stage.TO_ACCEPT: QCoreApplication.translate("InboxPage", "待受理"),
        Stage.HANDLING: QCoreApplication.translate("InboxPage", "处置中"),
        Stage.TO_FEEDBACK: QCoreApplication.translate("InboxPage", "待反馈"),
        Stage.URGED: QCoreApplication.translate("InboxPage", "被督办"),
        Stage.OVERDUE: QCoreApplication.translate("InboxPage", "超期"),
    }[stage]


assert set(STAGE_LABELS) == set(STAGE_ORDER)


class InboxPage(QWidget):
    loaded = Signal()  # a load of the inbox was shown
    request_done = Signal(str)  # a 申请延期 / 申请协办 was recorded (the message shown)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inboxPage")
        self.stage = Stage.TO_ACCEPT
        self.limit = PAGE_SIZE
        self.view: InboxView | None = None
        self.departments: list[str] | None = None
        self.dialog: QWidget | None = None
        self._loader: LatestOnly[InboxView] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._load_failed
        )

        self.title = QLabel(self)
        self.title.setObjectName("inboxTitle")
        self.figures_label = QLabel(self)
        self.figures_label.setObjectName("inboxFigures")
        self.figures_label.setVisible(False)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("inboxStages")
        for i, stage in enumerate(STAGE_ORDER):
            self.tabs.addTab(stage_text(stage))
            self.tabs.setTabToolTip(
                i,
                self.tr("%1（%2）").replace("%1", stage_text(stage)).replace("%2", f"Alt+{i + 1}"),
            )
        self.tabs.currentChanged.connect(self._stage_changed)

        self.model = InboxModel(ctx.settings.calendar(), self)
        self.table = QTableView(self)
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.empty_label = QLabel(self.tr("此阶段没有案件"), self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more_button = QPushButton(self.tr("显示更多"), self)
        self.more_button.setObjectName("inboxMore")
        self.more_button.clicked.connect(self.show_more)
        self.more_button.setVisible(False)
        self.extensions_title = QLabel(self.tr("延期申请"), self)
        self.extensions_title.setObjectName("sectionTitle")
        self.extensions = QListWidget(self)
        self.extensions.setObjectName("inboxExtensions")
        self.extensions.setMaximumHeight(110)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        labels = {
            "accept": action_text(Action.ACCEPT),
            "return": action_text(Action.RETURN) + "…",
            "feedback": action_text(Action.FEEDBACK) + "…",
            "extension": self.tr("申请延期…"),
            "cohandle": self.tr("申请协办…"),
            "refresh": self.tr("刷新"),
        }
        handlers = {
            "accept": partial(self.start_action, Action.ACCEPT),
            "return": partial(self.start_action, Action.RETURN),
            "feedback": partial(self.start_action, Action.FEEDBACK),
            "extension": self.ask_extension,
            "cohandle": self.ask_cohandling,
            "refresh": self.reload,
        }
        for key in INBOX_KEYS:
            label = self.tr("%1（%2）").replace("%1", labels[key.id]).replace("%2", key.shortcut)
            button = QPushButton(label, self)
            button.setObjectName(f"inbox_{key.id}")
            button.clicked.connect(handlers[key.id])
            self.buttons[key.id] = button
            bar.addWidget(button)
            shortcut = QShortcut(QKeySequence(key.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handlers[key.id])
        bar.addStretch(1)
        for i in range(len(STAGE_ORDER)):
            shortcut = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(partial(self.tabs.setCurrentIndex, i))

        self.detail = CaseDetailPane(ctx, self)
        self.detail.empty_text = self.tr("在待办中选择一个案件查看详情")
        self.detail.empty_label.setText(self.detail.empty_text)
        self.detail.case_acted.connect(lambda _n: self.reload())
        self.detail.loaded.connect(lambda _n: self._update_buttons())

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.tabs)
        lv.addLayout(bar)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.empty_label)
        lv.addWidget(self.more_button)
        lv.addWidget(self.extensions_title)
        lv.addWidget(self.extensions)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(left)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([1000, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.figures_label)
        layout.addLayout(head)
        layout.addWidget(self.split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        ctx.feed.cases_changed.connect(lambda _ids: self.reload())
        self._update_buttons()
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._loader.request()

    def _load_job(self) -> Callable[[Database], InboxView]:
        actor, stage, limit = self.ctx.actor, self.stage, self.limit

        def job(db: Database) -> InboxView:
            with db.read() as session:
                return inbox_view(session, actor, stage, limit)

        return job

    def _loaded(self, view: InboxView) -> None:
        if view.stage is not self.stage:
            self.reload()  # the stage changed while this one loaded
            return
        selected = self.current_number()
        self.view = view
        self.title.setText(self.tr("%1 · 部门待办").replace("%1", view.department))
        for i, stage in enumerate(STAGE_ORDER):
            self.tabs.setTabText(i, f"{stage_text(stage)} {view.counts[stage]}")
        self.model.set_inbox(view.rows, utcnow())
        self.empty_label.setVisible(not view.rows)
        self.more_button.setVisible(len(view.rows) >= self.limit)
        self._show_extensions(view.extensions)
        self._show_figures(view)
        if selected is not None:
            self.select_case(selected)
        elif view.rows and self.detail.number is None:
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.title.setText(error_text(exc))
        else:
            self.ctx.tasks.report(exc)

    def _show_extensions(self, items: list[ExtensionInfo]) -> None:
        self.extensions.clear()
        tz = self.ctx.settings.tz
        for info in items:
            outcome = {
                "approved": self.tr("已批准"),
                "refused": self.tr("未批准"),
            }.get(info.decision or "", self.tr("待审批"))
            asked = (
                self.tr("延长 %1 个工作日").replace("%1", str(info.extra_days))
                if info.extra_days is not None
                else self.tr("延至 %1").replace("%1", _local(info.until, tz))
            )
            text = f"{info.number}　{asked}　{outcome}"
            if info.decision_reason:
                text += f"：{info.decision_reason}"
            self.extensions.addItem(text)
        self.extensions_title.setVisible(bool(items))
        self.extensions.setVisible(bool(items))

    def _show_figures(self, view: InboxView) -> None:
        figures = view.figures
        self.figures_label.setVisible(figures is not None)
        if figures is None:
            return
        # 其中按期: a count, not a rate — 按期结案率 in the returns and statistics is measured
        # against the cases due (应结案), not the cases closed.
        self.figures_label.setText(
            self.tr("在办 %1 · 超期 %2 · 被督办 %3 · 近30天结案 %4（其中按期 %5）· 退单 %6")
            .replace("%1", str(figures.open))
            .replace("%2", str(figures.overdue))
            .replace("%3", str(figures.urged))
            .replace("%4", str(figures.closed_30d))
            .replace("%5", str(figures.on_time_30d))
            .replace("%6", str(figures.returned_30d))
        )

    def _tick(self) -> None:
        if self.view is not None:
            selected = self.current_number()
            self.model.set_inbox(self.view.rows, utcnow())
            if selected is not None:
                self.select_case(selected)

    # -- stages, rows, selection ---------------------------------------------------------------

    def _stage_changed(self, index: int) -> None:
        if 0 <= index < len(STAGE_ORDER):
            self.stage = STAGE_ORDER[index]
            self.limit = PAGE_SIZE
            self.detail.show_case(None)
            self.reload()

    def show_stage(self, stage: Stage) -> None:
        self.tabs.setCurrentIndex(STAGE_ORDER.index(stage))

    def show_more(self) -> None:
        self.limit += PAGE_SIZE
        self.reload()

    def current_number(self) -> str | None:
        row = self.current_row()
        return row.number if row is not None else None

    def current_row(self) -> InboxRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _own_track_state(self) -> CoState | None:
        """The state of the department's own co track on the shown case (协办), if any."""
        d = self.detail.detail
        if d is None or d.own_co_department is None or d.status not in CO_CASE_STATES:
            return None
        for track in d.co_tracks:
            if track.department == d.own_co_department:
                return track.state
        return None

    def select_case(self, number: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.number_at(row) == number:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False

    def _row_changed(self, current: object, _previous: object) -> None:
        number = self.current_number()
        if number is not None and number != self.detail.number:
            self.detail.show_case(number)
        self._update_buttons()

    def _update_buttons(self) -> None:
        d = self.detail.detail
        shown = d is not None and d.number == self.current_number()
        allowed = set(d.allowed_actions) if d is not None and shown else set()
        co_state = self._own_track_state() if shown else None
        for key in INBOX_KEYS:
            button = self.buttons[key.id]
            if key.action is not None and d is not None and d.own_co_department is not None:
                button.setEnabled(
                    co_state is not None
                    and co_state in CO_STEPS[key.action][1]
                    and self.ctx.actor.can(f"case.{key.action.value}")
                )
            elif key.action is not None:
                button.setEnabled(
                    key.action.value in allowed and self.ctx.actor.can(f"case.{key.action.value}")
                )
            elif key.id in ("extension", "cohandle"):
                button.setEnabled(
                    shown
                    and d is not None
                    and d.own_co_department is None  # the lead's requests, not a 协办's
                    and d.status in ("dispatched", "accepted")
                    and self.ctx.actor.can(
                        "case.extension_request"
                        if key.id == "extension"
                        else "case.cohandle_request"
                    )
                )

    # -- actions -------------------------------------------------------------------------------

    def start_action(self, action: Action) -> None:
        if not self.buttons[action.value].isEnabled():
            return
        d = self.detail.detail
        if d is not None and d.own_co_department is not None:
            self.detail.start_co_step(CO_STEPS[action][0], d.own_co_department)
        else:
            self.detail.start_action(action)

    def ask_extension(self) -> ExtensionRequestDialog | None:
        d = self.detail.detail
        if d is None or not self.buttons["extension"].isEnabled():
            return None
        dialog = ExtensionRequestDialog(d.number, _local(d.due_at, self.ctx.settings.tz), self)
        dialog.accepted.connect(
            lambda: self.send_extension(d.number, dialog.days.value(), dialog.reason)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def send_extension(self, number: str, days: int, reason: str) -> None:
        actor = self.ctx.actor
        done = self.tr("案件 %1：已提交延期申请，等待值班长审批").replace("%1", number)

        def job(db: Database) -> int:
            with db.write() as session:
                info = request_extension(session, actor, number, extra_days=days, reason=reason)
            return info.id

        self.ctx.tasks.submit(job, lambda _id: self._requested(done), self._failed, owner=self)

    def ask_cohandling(self) -> None:
        d = self.detail.detail
        if d is None or not self.buttons["cohandle"].isEnabled():
            return
        if self.departments is None:
            self.ctx.tasks.submit(_department_names, self._got_departments, owner=self)
            return
        names = [n for n in self.departments if n != d.department]
        dialog = CohandleRequestDialog(d.number, names, self)
        dialog.accepted.connect(
            lambda: self.send_cohandling(d.number, dialog.chosen, dialog.reason)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _got_departments(self, names: list[str]) -> None:
        self.departments = names
        self.ask_cohandling()

    def send_cohandling(self, number: str, departments: list[str], reason: str) -> None:
        actor = self.ctx.actor
        done = self.tr("案件 %1：已提交协办申请，等待中心决定").replace("%1", number)

        def job(db: Database) -> int:
            with db.write() as session:
                return request_cohandling(session, actor, number, departments, reason)

        self.ctx.tasks.submit(job, lambda _id: self._requested(done), self._failed, owner=self)

    def _requested(self, text: str) -> None:
        self.ctx.notify(text)
        self.request_done.emit(text)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.detail.show_error(exc)


def _department_names(db: Database) -> list[str]:
    with db.read() as session:
        return active_department_names(session)


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")

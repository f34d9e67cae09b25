"""The case detail pane (案件详情): every field, photos, history, deadlines and the actions."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.cases.queries import CaseDetail, HistoryEntry, case_detail, reveal_reporter
from db.cases.states import Action, Status
from db.cases.workflow import Request, TransitionResult, apply
from db.clock import TimeBasis, utcnow
from db.engine import Database
from db.errors import UserError
from db.reference.departments import active_department_names
from db.security.personal_data import mask_phone
from desktop.cases.action_dialogs import ActionDialog
from desktop.cases.photo_viewer import PhotoViewer, load_image
from desktop.common import palette
from desktop.common.durations import span_text, working_left_text
from desktop.common.reveal_reason import ask_reveal_reason
from desktop.core.context import AppContext
from desktop.core.i18n import action_text, satisfaction_text, source_text, status_text
from desktop.core.tasks import LatestOnly

log = logging.getLogger(__name__)

THUMB_SIDE = 128


DetailResult = tuple[CaseDetail, list[str] | None]


def load_detail(db: Database, number: str, with_departments: bool) -> DetailResult:
    """The case and (the first time) the active departments for the dispatch picker."""
    with db.read() as session:
        detail = case_detail(session, number)
        departments = None
        if with_departments:
            departments = active_department_names(session)
    return detail, departments


def load_thumbnails(db: Database, photo_ids: list[int]) -> list[tuple[int, QImage]]:
    return [(pid, load_image(db, pid, THUMB_SIDE)) for pid in photo_ids]


def repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class CaseDetailPane(QWidget):
    """Shows one case; `show_case(number)` loads it off-thread, `case_acted(number)` after an action."""

    case_acted = Signal(str)
    transition_done = Signal(int, object)  # (case id, TransitionResult) of an action from here
    loaded = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("caseDetail")
        self.number: str | None = None
        self.detail: CaseDetail | None = None
        self.departments: list[str] | None = None
        self.current_dialog: ActionDialog | None = None
        self.error_box: QMessageBox | None = None
        self.action_buttons: dict[Action, QPushButton] = {}
        self.countdown_label: QLabel | None = None
        self.photo_buttons: dict[int, QToolButton] = {}
        self.history_entries: list[QLabel] = []
        self.reporter_label: QLabel | None = None
        self.reveal_button: QPushButton | None = None
        self.reason_dialog: QWidget | None = None
        self._token = 0
        self._loading_token = 0  # the token of the load on the database queue
        # Arrow keys held down in the queue: one load at a time, then the case shown last,
        # instead of one job per row.
        self._loader: LatestOnly[DetailResult | None] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._load_failed
        )

        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(self.tr("在队列中选择一个案件查看详情"), self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        self.scroll_area = QScrollArea(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content_layout.addWidget(self.scroll_area, 1)
        self.action_bar = QFrame(content)
        self.action_bar.setObjectName("actionBar")
        self.action_grid = QGridLayout(self.action_bar)
        self.action_grid.setContentsMargins(10, 8, 10, 8)
        self.action_grid.setSpacing(6)
        content_layout.addWidget(self.action_bar)
        self.stack.addWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        ctx.feed.cases_changed.connect(self._feed_changed)
        ctx.feed.state_changed.connect(self._feed_state)

    @property
    def read_only(self) -> bool:
        """While the live connection is being re-established the desk only reads."""
        return self.ctx.feed.state == "reconnecting"

    # -- loading -------------------------------------------------------------------------------

    def show_case(self, number: str | None) -> None:
        self._token += 1
        self.number = number.strip() if number else None
        if not self.number:
            self.detail = None
            self.timer.stop()
            self.empty_label.setText(self.tr("在队列中选择一个案件查看详情"))
            self.stack.setCurrentIndex(0)
            self._loader.again = False  # nothing to load once the running load returns
            return
        self.reload()

    def reload(self) -> None:
        if not self.number:
            return
        self._token += 1
        self._loader.request()

    def _load_job(self) -> Callable[[Database], DetailResult | None]:
        number, want_departments = self.number, self.departments is None
        self._loading_token = self._token

        def job(db: Database) -> DetailResult | None:
            return None if number is None else load_detail(db, number, want_departments)

        return job

    def _current(self) -> bool:
        """True when the load that just ended is the one to show (no newer one follows)."""
        return not self._loader.again and self._loading_token == self._token

    def _loaded(self, result: DetailResult | None) -> None:
        if result is None:
            return
        detail, departments = result
        if departments is not None:
            self.departments = departments
        if not self._current():
            return
        self.detail = detail
        self._render(detail)
        self.loaded.emit(detail.number)

    def _load_failed(self, exc: BaseException) -> None:
        if not self._current():
            return
        if isinstance(exc, UserError):
            self.detail = None
            self.timer.stop()
            self.empty_label.setText(str(exc))
            self.stack.setCurrentIndex(0)
        else:
            self.ctx.tasks.report(exc)

    def _feed_changed(self, ids: object) -> None:
        if self.detail is None:
            return
        if ids is None or (isinstance(ids, frozenset) and self.detail.id in ids):
            self.reload()

    # -- rendering -----------------------------------------------------------------------------

    def _local(self, moment: datetime | None) -> str:
        if moment is None:
            return "—"
        return f"{moment.astimezone(self.ctx.settings.tz):%Y-%m-%d %H:%M}"

    def _render(self, d: CaseDetail) -> None:
        body = QWidget()
        body.setObjectName("caseDetailBody")
        v = QVBoxLayout(body)
        v.setContentsMargins(14, 12, 14, 12)
        v.setSpacing(8)

        header = QHBoxLayout()
        number = QLabel(d.number, body)
        number.setObjectName("caseNumber")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(number)
        if d.urgent:
            badge = QLabel(self.tr("紧急"), body)
            badge.setObjectName("urgentBadge")
            header.addWidget(badge)
        header.addStretch(1)
        status = QLabel(status_text(d.status), body)
        status.setObjectName("statusChip")
        status.setProperty("group", d.group)
        header.addWidget(status)
        v.addLayout(header)

        category = QLabel(f"{html.escape(d.major_category)} › {html.escape(d.category)}", body)
        category.setObjectName("caseCategory")
        v.addWidget(category)
        place = QLabel(
            f"{html.escape(d.community)} · {html.escape(d.grid)}"
            f"　<span style='color:{palette.MUTED}'>{html.escape(d.grid_code)}</span>",
            body,
        )
        place.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(place)
        if d.address:
            address = QLabel(d.address, body)
            address.setTextFormat(Qt.TextFormat.PlainText)  # what citizens typed is never markup
            address.setWordWrap(True)
            v.addWidget(address)
        description = QLabel(d.description, body)
        description.setTextFormat(Qt.TextFormat.PlainText)
        description.setObjectName("caseDescription")
        description.setWordWrap(True)
        description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(description)

        if d.photos:
            v.addWidget(
                self._section(self.tr("照片（%1）").replace("%1", str(len(d.photos))), body)
            )
            row = QHBoxLayout()
            self.photo_buttons = {}
            photo_list = [(p.id, p.filename) for p in d.photos]
            for i, photo in enumerate(d.photos):
                button = QToolButton(body)
                button.setObjectName("photoThumb")
                button.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE * 3 // 4))
                button.setFixedSize(THUMB_SIDE + 8, THUMB_SIDE * 3 // 4 + 8)
                button.setText(self.tr("加载中…"))
                button.setToolTip(photo.filename)
                button.clicked.connect(lambda *_, i=i: self.open_photo(photo_list, i))
                self.photo_buttons[photo.id] = button
                row.addWidget(button)
            row.addStretch(1)
            v.addLayout(row)
            token = self._token
            ids = [p.id for p in d.photos]
            self.ctx.tasks.submit(
                lambda db: load_thumbnails(db, ids), partial(self._thumbnails, token), owner=self
            )

        v.addWidget(self._section(self.tr("基本信息"), body))
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(4)
        reporter = d.reporter_name or self.tr("（未留名）")
        if d.reporter_phone:
            reporter += "　" + mask_phone(d.reporter_phone)
        self.reporter_label = self._row(form, self.tr("上报人"), reporter)
        self.reveal_button = None
        if d.reporter_phone and self.ctx.actor.can("personal.reveal"):
            reveal = QPushButton(self.tr("显示完整号码"), body)
            reveal.setObjectName("revealReporter")
            reveal.setFlat(True)
            reveal.setCursor(Qt.CursorShape.PointingHandCursor)
            reveal.clicked.connect(lambda: self.reveal_reporter())
            row = QHBoxLayout()
            row.addWidget(reveal)
            row.addStretch(1)
            form.addRow("", row)
            self.reveal_button = reveal
        self._row(form, self.tr("来源"), source_text(d.source))
        self._row(form, self.tr("上报人员"), d.reported_by)
        self._row(form, self.tr("责任部门"), d.department or self.tr("（未派遣）"))
        if d.default_department and d.default_department != d.department:
            self._row(form, self.tr("默认部门"), d.default_department)
        if d.longitude is not None and d.latitude is not None:
            self._row(form, self.tr("坐标"), f"{d.longitude:.6f}, {d.latitude:.6f}")
        if d.satisfaction:
            self._row(form, self.tr("回访满意度"), satisfaction_text(d.satisfaction))
        if d.merged_into:
            self._row(form, self.tr("已合并到"), d.merged_into)
        counts = []
        for count, text in (
            (d.extension_count, self.tr("延期 %1 次")),
            (d.rework_count, self.tr("返工 %1 次")),
            (d.return_count, self.tr("退单 %1 次")),
            (d.urge_count, self.tr("督办 %1 次")),
        ):
            if count:
                counts.append(text.replace("%1", str(count)))
        if d.ever_overdue:
            counts.append(self.tr("曾超期"))
        if counts:
            self._row(form, self.tr("记录"), "　".join(counts))
        v.addLayout(form)

        v.addWidget(self._section(self.tr("时限"), body))
        v.addLayout(self._deadlines(d, body))

        v.addWidget(self._section(self.tr("时间"), body))
        times = QFormLayout()
        times.setHorizontalSpacing(14)
        times.setVerticalSpacing(4)
        for label, moment in (
            (self.tr("上报", "time"), d.reported_at),
            (self.tr("立案", "time"), d.registered_at),
            (self.tr("派遣", "time"), d.dispatched_at),
            (self.tr("受理", "time"), d.accepted_at),
            (self.tr("反馈", "time"), d.feedback_at),
            (self.tr("挂账", "time"), d.suspended_at),
            (self.tr("结案", "time"), d.closed_at),
        ):
            if moment is not None:
                self._row(times, label, self._local(moment))
        v.addLayout(times)

        v.addWidget(
            self._section(self.tr("处理记录（%1）").replace("%1", str(len(d.history))), body)
        )
        self.history_entries = []
        for entry in reversed(d.history):
            item = self._history_entry(entry, body)
            self.history_entries.append(item)
            v.addWidget(item)
        v.addStretch(1)

        self.scroll_area.setWidget(body)
        self._render_actions(d)
        self.stack.setCurrentIndex(1)
        self._tick()
        if self.countdown_label is not None:
            self.timer.start()
        else:
            self.timer.stop()

    def _section(self, title: str, parent: QWidget) -> QLabel:
        label = QLabel(title, parent)
        label.setObjectName("sectionTitle")
        return label

    def reveal_reporter(self, reason: str | None = None) -> None:
        """The reporter's full name and phone, after asking why (audited with the reason)."""
        d = self.detail
        if d is None:
            return
        if reason is None:
            self.reason_dialog = ask_reveal_reason(self, d.number, self.reveal_reporter)
            return
        number, actor, token = d.number, self.ctx.actor, self._token

        def job(db: Database) -> tuple[str, str]:
            with db.write() as s:
                return reveal_reporter(s, actor, number, reason)

        def done(found: tuple[str, str]) -> None:
            if token != self._token or self.reporter_label is None:
                return  # another case is shown by now
            name, phone = found
            self.reporter_label.setText(
                self.tr("%1　%2（已记入审计日志）").replace("%1", name).replace("%2", phone)
            )
            if self.reveal_button is not None:
                self.reveal_button.hide()

        self.ctx.tasks.submit(job, done, self._action_failed, owner=self)

    def _row(self, form: QFormLayout, label: str, value: str) -> QLabel:
        field = QLabel(value)
        field.setTextFormat(Qt.TextFormat.PlainText)
        field.setWordWrap(True)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name = QLabel(label)
        name.setObjectName("fieldName")
        form.addRow(name, field)
        return field

    def _deadlines(self, d: CaseDetail, parent: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.countdown_label = None
        stages = (
            (self.tr("派遣", "stage"), d.dispatch_due),
            (self.tr("处置", "stage"), d.handle_due),
            (self.tr("核查", "stage"), d.verify_due),
        )
        # The stage running now; a later stage's deadline left from before a 返工 is void.
        running = next(
            (i for i, (_, due) in enumerate(stages) if d.is_open and due and due == d.due_at),
            None,
        )
        for row, (name, due) in enumerate(stages):
            name_label = QLabel(name, parent)
            name_label.setObjectName("fieldName")
            grid.addWidget(name_label, row, 0)
            stale = running is not None and row > running
            grid.addWidget(QLabel("—" if stale else self._local(due), parent), row, 1)
            if row == running:
                countdown = QLabel(parent)
                countdown.setObjectName("countdown")
                self.countdown_label = countdown
                grid.addWidget(countdown, row, 2)
        if d.is_open and d.warn_at is not None and d.due_at is not None:
            warn_name = QLabel(self.tr("预警"), parent)
            warn_name.setObjectName("fieldName")
            grid.addWidget(warn_name, len(stages), 0)
            grid.addWidget(QLabel(self._local(d.warn_at), parent), len(stages), 1)
        if d.status == Status.SUSPENDED.value:
            note = QLabel(self.tr("挂账中，计时暂停"), parent)
            note.setObjectName("countdown")
            grid.addWidget(note, len(stages) + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        return grid

    def _history_entry(self, e: HistoryEntry, parent: QWidget) -> QLabel:
        head = (
            f"<b>{html.escape(action_text(e.action))}</b>　{html.escape(e.actor)}"
            f"　<span style='color:{palette.MUTED}'>{self._local(e.at)}</span>"
        )
        lines = [head]
        move = status_text(e.to_status)
        if e.from_status and e.from_status != e.to_status:
            move = f"{status_text(e.from_status)} → {move}"
        if e.department:
            move += f" · {html.escape(e.department)}"
        lines.append(move)
        details = e.details or {}
        if "until" in details:
            until = datetime.fromisoformat(str(details["until"]))
            lines.append(self.tr("延期至 %1").replace("%1", self._local(until)))
        if "satisfaction" in details:
            lines.append(
                self.tr("满意度：%1").replace("%1", satisfaction_text(str(details["satisfaction"])))
            )
        if "into" in details:
            lines.append(self.tr("合并到 %1").replace("%1", html.escape(str(details["into"]))))
        if details.get("previous_department"):
            lines.append(
                self.tr("原部门：%1").replace(
                    "%1", html.escape(str(details["previous_department"]))
                )
            )
        if e.note:
            lines.append(f"<i>{html.escape(e.note)}</i>")
        label = QLabel("<br>".join(lines), parent)
        label.setObjectName("timelineEntry")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return label

    def _render_actions(self, d: CaseDetail) -> None:
        while self.action_grid.count():
            item = self.action_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.action_buttons = {}
        actions = [Action(a) for a in d.allowed_actions]
        for i, action in enumerate(actions):
            button = QPushButton(action_text(action), self.action_bar)
            button.setObjectName(f"action_{action.value}")
            button.setMinimumWidth(96)
            self._enable(button, action)
            button.clicked.connect(lambda *_, a=action: self.start_action(a))
            self.action_buttons[action] = button
            self.action_grid.addWidget(button, i // 4, i % 4)
        # Buttons keep their size; the spare width goes to an empty fifth column.
        self.action_grid.setColumnStretch(4, 1)
        if not actions:
            none = QLabel(self.tr("当前状态没有可执行的操作"), self.action_bar)
            none.setObjectName("fieldName")
            self.action_grid.addWidget(none, 0, 0, 1, 4)
        self.action_bar.setVisible(True)

    def _enable(self, button: QPushButton, action: Action) -> None:
        allowed = self.ctx.actor.can(f"case.{action.value}")
        button.setEnabled(allowed and not self.read_only)
        if not allowed:
            button.setToolTip(self.tr("您的角色不能执行此操作"))
        elif self.read_only:
            button.setToolTip(self.tr("实时连接中断，恢复前只能查看"))
        else:
            button.setToolTip("")

    def _feed_state(self, _state: str) -> None:
        for action, button in self.action_buttons.items():
            self._enable(button, action)
        if _state == "connected" and self.detail is not None:
            self.reload()  # changes made while we were cut off

    def _thumbnails(self, token: int, images: list[tuple[int, QImage]]) -> None:
        if token != self._token:
            return
        for photo_id, image in images:
            button = self.photo_buttons.get(photo_id)
            if button is None:
                continue
            if image.isNull():
                button.setText(self.tr("无法显示"))
                continue
            button.setText("")
            button.setIcon(QIcon(QPixmap.fromImage(image)))

    def _tick(self) -> None:
        d, label = self.detail, self.countdown_label
        if d is None or label is None or d.due_at is None:
            return
        now = utcnow()
        seconds = int((d.due_at - now).total_seconds())
        if seconds < 0:
            text = self.tr("已超期 %1").replace("%1", span_text(-seconds))
            state = "overdue"
        else:
            calendar = self.ctx.settings.calendar()
            left = 0
            if d.time_basis == TimeBasis.WORKING.value:
                left = int(calendar.remaining_seconds(now, d.due_at, TimeBasis.WORKING))
            if left > 0:
                span = working_left_text(left, calendar.hours.minutes_per_day)
                text = self.tr("剩余工作时间 %1").replace("%1", span)
            else:
                text = self.tr("剩余 %1").replace("%1", span_text(seconds))
            state = "warning" if d.warn_at is not None and now >= d.warn_at else "normal"
        label.setText(text)
        if label.property("state") != state:
            label.setProperty("state", state)
            repolish(label)

    # -- photos and actions --------------------------------------------------------------------

    def open_photo(self, photos: list[tuple[int, str]], index: int) -> PhotoViewer:
        viewer = PhotoViewer(self.ctx, photos, index, self.window())
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    def start_action(self, action: Action) -> ActionDialog | None:
        """Open the dialog for `action` (non-blocking); OK runs the action on the worker."""
        d = self.detail
        if d is None:
            return None
        dialog = ActionDialog(action, d, self.departments or [], self.ctx.settings.tz, self)
        self.current_dialog = dialog
        dialog.accepted.connect(lambda: self.run_action(action, dialog.request()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def run_action(self, action: Action, request: Request) -> None:
        d = self.detail
        if d is None:
            return
        number, case_id, actor = d.number, d.id, self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: apply(db, number, action, request, actor),
            partial(self._acted, case_id),
            self._action_failed,
            owner=self,
        )

    def _acted(self, case_id: int, result: TransitionResult) -> None:
        self.ctx.notify(
            self.tr("案件 %1：%2 已完成")
            .replace("%1", result.number)
            .replace("%2", action_text(result.action))
        )
        self.case_acted.emit(result.number)
        self.transition_done.emit(case_id, result)
        self.ctx.feed.notify_local({case_id})
        if self.number == result.number:
            self.reload()

    def _action_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("操作未执行"),
            str(exc),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()
        self.ctx.notify(str(exc))
        self.reload()


class CaseWindow(QDialog):
    """A case on its own (double-click in the queue): a window hosting a CaseDetailPane."""

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseWindow")
        self.setWindowTitle(self.tr("案件 %1").replace("%1", number))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(760, 900)
        self.pane = CaseDetailPane(ctx, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane)
        self.pane.show_case(number)


def open_case_window(ctx: AppContext, number: str, parent: QWidget | None = None) -> CaseWindow:
    window = CaseWindow(ctx, number, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window

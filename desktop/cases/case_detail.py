"""The case detail pane (案件详情): loads a case, lays out its sections (detail_sections.py),
its photos and the actions allowed now, and runs those actions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.cases.joint import CO_CASE_STATES
from db.cases.notes import NoteEntry, case_notes
from db.cases.photos import photo_from_file
from db.cases.queries import CaseDetail, case_detail, reveal_reporter
from db.cases.states import Action
from db.cases.workflow import Request, TransitionResult
from db.clock import utcnow
from db.engine import Database
from db.errors import UserError
from db.escalation.documents import apply_action
from db.reference.departments import active_department_names
from db.security.actors import Actor
from desktop.cases.action_dialogs import ActionDialog
from desktop.cases.case_notes import NotesSection
from desktop.cases.co_section import (
    CoStepDialog,
    DepartmentTracks,
    addable_departments,
    run_co_step,
)
from desktop.cases.detail_sections import (
    add_summary,
    countdown_text,
    deadlines_grid,
    fields_form,
    history_entry,
    note_entry,
    section_title,
    times_form,
)
from desktop.cases.photo_viewer import PhotoViewer, load_image
from desktop.cases.reporter_callbacks import ReporterCallbacks
from desktop.common.db_messages import db_message_text
from desktop.common.reveal_reason import ask_reveal_reason
from desktop.core.context import AppContext
from desktop.core.i18n import action_text
from desktop.core.tasks import LatestOnly

log = logging.getLogger(__name__)

THUMB_SIDE = 128


DetailResult = tuple[CaseDetail, list[str] | None]
PaneResult = tuple[CaseDetail, list[str] | None, list[NoteEntry]]


def load_detail(
    db: Database, number: str, with_departments: bool, actor: Actor | None = None
) -> DetailResult:
    """The case and (the first time) the active departments for the dispatch picker; read as
    `actor` when given (a department account: its own cases only, the reporter masked)."""
    with db.read() as session:
        detail = case_detail(session, number, actor)
        departments = None
        if with_departments:
            departments = active_department_names(session)
    return detail, departments


def load_pane(
    db: Database, number: str, with_departments: bool, actor: Actor | None = None
) -> PaneResult:
    """`load_detail` and the case's internal notes (内部备注, call lines), one read."""
    detail, departments = load_detail(db, number, with_departments, actor)
    with db.read() as session:
        notes = case_notes(session, number, actor)
    return detail, departments, notes


def load_thumbnails(
    db: Database, photo_ids: list[int], actor: Actor | None = None
) -> list[tuple[int, QImage]]:
    return [(pid, load_image(db, pid, THUMB_SIDE, actor)) for pid in photo_ids]


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
        self.tracks: DepartmentTracks | None = None  # 承办部门: 主办 and 协办 tracks
        self.co_dialog: CoStepDialog | None = None
        self.reporter_callbacks: ReporterCallbacks | None = None
        self.notes: list[NoteEntry] = []
        self.notes_section: NotesSection | None = None
        self._focus_note_after_load = False
        self.reporter_label: QLabel | None = None
        self.reveal_button: QPushButton | None = None
        self.reason_dialog: QWidget | None = None
        self._token = 0
        self._loading_token = 0  # the token of the load on the database queue
        # Arrow keys held down in the queue: one load at a time, then the case shown last,
        # instead of one job per row.
        self._loader: LatestOnly[PaneResult | None] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._load_failed
        )

        self.stack = QStackedWidget(self)
        self.empty_text = self.tr("在队列中选择一个案件查看详情")  # the inbox says 待办
        self.empty_label = QLabel(self.empty_text, self)
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
        self._focus_note_after_load = False  # another case: the cursor stays where it is
        self.number = number.strip() if number else None
        if not self.number:
            self.detail = None
            self.timer.stop()
            self.empty_label.setText(self.empty_text)
            self.stack.setCurrentIndex(0)
            self._loader.again = False  # nothing to load once the running load returns
            return
        self.reload()

    def reload(self) -> None:
        if not self.number:
            return
        self._token += 1
        self._loader.request()

    def _load_job(self) -> Callable[[Database], PaneResult | None]:
        number, want_departments = self.number, self.departments is None
        actor = self.ctx.actor
        self._loading_token = self._token

        def job(db: Database) -> PaneResult | None:
            return None if number is None else load_pane(db, number, want_departments, actor)

        return job

    def _current(self) -> bool:
        """True when the load that just ended is the one to show (no newer one follows)."""
        return not self._loader.again and self._loading_token == self._token

    def _loaded(self, result: PaneResult | None) -> None:
        if result is None:
            return
        detail, departments, notes = result
        if departments is not None:
            self.departments = departments
        if not self._current():
            return
        self.detail = detail
        self.notes = notes
        self._render(detail)
        self.loaded.emit(detail.number)

    def _load_failed(self, exc: BaseException) -> None:
        if not self._current():
            return
        if isinstance(exc, UserError):
            self.detail = None
            self.timer.stop()
            self.empty_label.setText(db_message_text(str(exc)))
            self.stack.setCurrentIndex(0)
        else:
            self.ctx.tasks.report(exc)

    def _feed_changed(self, ids: object) -> None:
        if self.detail is None:
            return
        if ids is None or (isinstance(ids, frozenset) and self.detail.id in ids):
            self.reload()

    # -- rendering -----------------------------------------------------------------------------

    def _render(self, d: CaseDetail) -> None:
        # Typing notes: a rebuilt pane (after a save, or another workstation's change) keeps
        # the cursor in the note field.
        if self.notes_section is not None and self.notes_section.edit.hasFocus():
            self._focus_note_after_load = True
        body = QWidget()
        body.setObjectName("caseDetailBody")
        v = QVBoxLayout(body)
        v.setContentsMargins(14, 12, 14, 12)
        v.setSpacing(8)
        tz = self.ctx.settings.tz

        add_summary(d, body, v)

        if d.photos:
            v.addWidget(
                section_title(self.tr("照片（%1）").replace("%1", str(len(d.photos))), body)
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
            token, actor = self._token, self.ctx.actor
            ids = [p.id for p in d.photos]
            self.ctx.tasks.submit(
                lambda db: load_thumbnails(db, ids, actor),
                partial(self._thumbnails, token),
                owner=self,
            )

        v.addWidget(section_title(self.tr("基本信息"), body))
        may_reveal = self.ctx.actor.can("personal.reveal")
        form, self.reporter_label, self.reveal_button = fields_form(d, body, may_reveal, tz)
        if self.reveal_button is not None:
            self.reveal_button.clicked.connect(lambda: self.reveal_reporter())
        v.addLayout(form)

        self.reporter_callbacks = None
        if len(d.reporters) > 1:
            v.addWidget(
                section_title(
                    self.tr("全部反映人（%1 人）").replace("%1", str(len(d.reporters))), body
                )
            )
            self.reporter_callbacks = ReporterCallbacks(self.ctx, d, tz, self.read_only, body)
            self.reporter_callbacks.saved.connect(partial(self._note_saved, d.id))
            v.addWidget(self.reporter_callbacks)

        v.addWidget(section_title(self.tr("时限"), body))
        deadlines, self.countdown_label = deadlines_grid(d, body, tz)
        v.addLayout(deadlines)

        v.addWidget(section_title(self.tr("时间"), body))
        v.addLayout(times_form(d, tz))

        self.tracks = None
        if d.co_tracks or d.status in CO_CASE_STATES:
            v.addWidget(section_title(self.tr("承办部门"), body))
            actor = self.ctx.actor
            self.tracks = DepartmentTracks(
                d,
                tz,
                actor.can,
                self.read_only,
                utcnow(),
                body,
                mine=(d.own_co_department or "") if actor.is_department else None,
            )
            self.tracks.step_requested.connect(self.start_co_step)
            self.tracks.add_requested.connect(lambda: self.start_co_step("co-dispatch", ""))
            v.addWidget(self.tracks)

        v.addWidget(
            section_title(self.tr("内部备注（%1）").replace("%1", str(len(self.notes))), body)
        )
        self.notes_section = NotesSection(self.ctx, d.number, self.notes, tz, self.read_only, body)
        self.notes_section.saved.connect(partial(self._note_saved, d.id))
        v.addWidget(self.notes_section)

        v.addWidget(
            section_title(self.tr("处理记录（%1）").replace("%1", str(len(d.history))), body)
        )
        # The official history, newest first, with the internal notes and calls among it
        # (marked apart: they are never part of the returns).
        self.history_entries = []
        timeline: list[tuple[datetime, int, QLabel]] = []
        for i, entry in enumerate(d.history):
            item = history_entry(entry, body, tz)
            self.history_entries.append(item)
            timeline.append((entry.at, i, item))
        for i, note in enumerate(self.notes):
            timeline.append((note.at, len(d.history) + i, note_entry(note, body, tz)))
        self.history_entries.reverse()
        for _, _, item in sorted(timeline, key=lambda t: (t[0], t[1]), reverse=True):
            v.addWidget(item)
        v.addStretch(1)

        self.scroll_area.setWidget(body)
        self._render_actions(d)
        self.stack.setCurrentIndex(1)
        if self._focus_note_after_load and self.notes_section is not None:
            # Once the new pane is shown (the feed's reload may rebuild it once more).
            QTimer.singleShot(0, self._restore_note_focus)
        self._tick()
        if self.countdown_label is not None:
            self.timer.start()
        else:
            self.timer.stop()

    def _note_saved(self, case_id: int) -> None:
        self.ctx.feed.notify_local({case_id})
        self._focus_note_after_load = True  # the next note follows without a mouse
        self.reload()

    def _restore_note_focus(self) -> None:
        section = self.notes_section
        if section is None or not self._focus_note_after_load:
            return
        section.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if section.edit.hasFocus():
            self._focus_note_after_load = False

    def focus_note(self) -> bool:
        """Put the cursor in the note field of the shown case (the desk's Ctrl+Shift+N)."""
        section = self.notes_section
        if section is None or self.detail is None or not section.edit.isEnabled():
            return False
        section.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        section.edit.ensureCursorVisible()
        self.scroll_area.ensureWidgetVisible(section.edit)
        return True

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

    def _render_actions(self, d: CaseDetail) -> None:
        while self.action_grid.count():
            item = self.action_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.action_buttons = {}
        actions = [Action(a) for a in d.allowed_actions]
        if self.ctx.actor.is_department:  # a department's pane offers its own steps only
            actions = [a for a in actions if self.ctx.actor.can(f"case.{a.value}")]
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
            text = (
                self.tr("本部门协办此案：在「承办部门」中办理本部门的协办")
                if d.own_co_department is not None
                else self.tr("当前状态没有可执行的操作")
            )
            none = QLabel(text, self.action_bar)
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
        text, state = countdown_text(d, utcnow(), self.ctx.settings)
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
        dialog.accepted.connect(
            lambda: self.run_action(action, dialog.request(), tuple(dialog.photo_paths))
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def start_co_step(self, step: str, department: str) -> CoStepDialog | None:
        """A co-department's step (协办, the 承办部门 section): 协办受理 runs at once; the
        others ask for their text (and 增派协办 for the department) first."""
        d = self.detail
        if d is None:
            return None
        if step == "co-accept":
            self.run_co_step(step, department, "")
            return None
        choices = addable_departments(d, self.departments or [])
        dialog = CoStepDialog(step, d.number, department, choices, self)
        self.co_dialog = dialog
        dialog.accepted.connect(
            lambda: self.run_co_step(step, *dialog.values(), tuple(dialog.photo_paths))
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def run_co_step(
        self, step: str, department: str, text: str, photo_paths: tuple[Path, ...] = ()
    ) -> None:
        """Run a co-department step on the worker (协办反馈's `photo_paths` are read there)."""
        d = self.detail
        if d is None:
            return
        number, case_id, version, actor = d.number, d.id, d.version, self.ctx.actor

        def done(_version: int) -> None:
            self.ctx.notify(
                self.tr("案件 %1：%2（%3）已完成")
                .replace("%1", number)
                .replace("%2", action_text(step))
                .replace("%3", department)
            )
            self.case_acted.emit(number)
            self.ctx.feed.notify_local({case_id})
            if self.number == number:
                self.reload()

        self.ctx.tasks.submit(
            lambda db: run_co_step(db, step, number, department, text, actor, version, photo_paths),
            done,
            self._action_failed,
            owner=self,
        )

    def run_action(
        self, action: Action, request: Request, photo_paths: tuple[Path, ...] = ()
    ) -> None:
        """Run `action` on the worker; `photo_paths` (反馈's 处置后照片) are read there too."""
        d = self.detail
        if d is None:
            return
        number, case_id, actor = d.number, d.id, self.ctx.actor

        def job(db: Database) -> TransitionResult:
            photos = tuple(photo_from_file(path) for path in photo_paths)
            return apply_action(db, number, action, replace(request, photos=photos), actor)

        self.ctx.tasks.submit(
            job,
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

    def show_error(self, exc: BaseException) -> None:
        """A refused action or request: its one sentence in a box (and the status bar)."""
        self._action_failed(exc)

    def _action_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("操作未执行"),
            db_message_text(str(exc)),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()
        self.ctx.notify(db_message_text(str(exc)))
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

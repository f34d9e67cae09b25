"""The 承办部门 section of the case pane (主办 + 协办, 吹哨报到): each department's track — its
role, state, acceptance, feedback and own deadline — and, for the centre, the co-departments'
steps (协办受理 / 退回 / 反馈 / 解除协办) and 增派协办. The dialogs ask what a step needs; the
pane runs it through db.cases.joint on the worker (refusals come back from `db`)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cases import joint
from db.cases.co_tracks import PENDING_STATES, CoState, CoTrack
from db.cases.joint import CO_CASE_STATES
from db.cases.photos import photo_from_file
from db.cases.queries import CaseDetail
from db.engine import Database
from db.security.actors import Actor
from desktop.core.i18n import action_text, status_text

# Permission of each step (db.cases.joint enforces them; the buttons only mirror them).
STEP_PERMISSIONS = {
    "co-dispatch": "case.dispatch",
    "co-accept": "case.accept",
    "co-return": "case.return",
    "co-feedback": "case.feedback",
    "co-release": "case.redispatch",
}
# The steps offered for a track in each state, in button order.
_STEPS: dict[CoState, tuple[str, ...]] = {
    CoState.DISPATCHED: ("co-accept", "co-return", "co-release"),
    CoState.ACCEPTED: ("co-feedback", "co-return", "co-release"),
    CoState.RETURNED: ("co-release",),
    CoState.FED_BACK: (),
    CoState.RELEASED: (),
}


def co_state_text(state: CoState) -> str:
    return {
        CoState.DISPATCHED: QCoreApplication.translate("DepartmentTracks", "待受理"),
        CoState.ACCEPTED: QCoreApplication.translate("DepartmentTracks", "处置中"),
        CoState.FED_BACK: QCoreApplication.translate("DepartmentTracks", "已反馈"),
        CoState.RETURNED: QCoreApplication.translate("DepartmentTracks", "已退回"),
        CoState.RELEASED: QCoreApplication.translate("DepartmentTracks", "已解除"),
    }[state]


def _short(moment: datetime | None, tz: ZoneInfo) -> str:
    return "—" if moment is None else f"{moment.astimezone(tz):%m-%d %H:%M}"


class DepartmentTracks(QFrame):
    """The lead's track and each co-department's, one row each; `step_requested(step, dept)`
    when the centre presses a co-department's step, `add_requested` for 增派协办. For a
    department account `mine` names its department: only its own track offers steps (those
    its role may take), and nothing is added."""

    step_requested = Signal(str, str)
    add_requested = Signal()

    def __init__(
        self,
        d: CaseDetail,
        tz: ZoneInfo,
        can: Callable[[str], bool],
        read_only: bool,
        now: datetime,
        parent: QWidget | None = None,
        *,
        mine: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("departmentTracks")
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        for col, head in enumerate(
            (
                QCoreApplication.translate("DepartmentTracks", "部门"),
                QCoreApplication.translate("DepartmentTracks", "状态"),
                QCoreApplication.translate("DepartmentTracks", "受理"),
                QCoreApplication.translate("DepartmentTracks", "反馈"),
                QCoreApplication.translate("DepartmentTracks", "期限"),
            )
        ):
            label = QLabel(head, self)
            label.setObjectName("fieldName")
            grid.addWidget(label, 0, col)
        row = 1
        if d.department:
            lead_state = status_text(d.status)
            self._row(
                grid,
                row,
                QCoreApplication.translate("DepartmentTracks", "主办 %1").replace(
                    "%1", d.department
                ),
                lead_state,
                _short(d.accepted_at, tz),
                _short(d.feedback_at, tz),
                d.handle_due,
                d.feedback_at,
                now,
                tz,
                lead=True,
            )
            row += 1
        acting = d.status in CO_CASE_STATES and not read_only
        for track in d.co_tracks:
            self._row(
                grid,
                row,
                QCoreApplication.translate("DepartmentTracks", "协办 %1").replace(
                    "%1", track.department
                ),
                co_state_text(track.state),
                _short(track.accepted_at, tz),
                _short(track.feedback_at, tz),
                track.due_at if track.state is not CoState.RELEASED else None,
                track.feedback_at,
                now,
                tz,
            )
            steps = _STEPS[track.state]
            if mine is not None:
                mine_steps = steps if track.department == mine else ()
                steps = tuple(st for st in mine_steps if can(STEP_PERMISSIONS[st]))
            if acting and steps:
                grid.addLayout(self._step_buttons(track, steps, can), row, 5)
            row += 1
            text = track.feedback or track.note
            if text:
                said = QLabel(f"<i>{html.escape(text)}</i>", self)
                said.setTextFormat(Qt.TextFormat.RichText)
                said.setWordWrap(True)
                said.setObjectName("trackNote")
                grid.addWidget(said, row, 0, 1, 6)
                row += 1
        if acting and mine is None:
            add = QPushButton(QCoreApplication.translate("DepartmentTracks", "增派协办…"), self)
            add.setObjectName("coAdd")
            add.setEnabled(can(STEP_PERMISSIONS["co-dispatch"]))
            add.clicked.connect(self.add_requested)
            line = QHBoxLayout()
            line.addWidget(add)
            line.addStretch(1)
            grid.addLayout(line, row, 0, 1, 6)
        grid.setColumnStretch(6, 1)

    def _row(
        self,
        grid: QGridLayout,
        row: int,
        who: str,
        state: str,
        accepted: str,
        fed_back: str,
        due: datetime | None,
        feedback_at: datetime | None,
        now: datetime,
        tz: ZoneInfo,
        *,
        lead: bool = False,
    ) -> None:
        name = QLabel(who, self)
        name.setObjectName("trackLead" if lead else "trackCo")
        grid.addWidget(name, row, 0)
        grid.addWidget(QLabel(state, self), row, 1)
        grid.addWidget(QLabel(accepted, self), row, 2)
        grid.addWidget(QLabel(fed_back, self), row, 3)
        deadline = QLabel(_short(due, tz), self)
        deadline.setObjectName("trackDue")
        if due is not None:
            late = (feedback_at or now) > due
            if feedback_at is not None:
                deadline.setText(
                    deadline.text()
                    + (
                        QCoreApplication.translate("DepartmentTracks", "（超期）")
                        if late
                        else QCoreApplication.translate("DepartmentTracks", "（按期）")
                    )
                )
            deadline.setProperty("late", late)
        grid.addWidget(deadline, row, 4)

    def _step_buttons(
        self, track: CoTrack, steps: Sequence[str], can: Callable[[str], bool]
    ) -> QHBoxLayout:
        line = QHBoxLayout()
        line.setSpacing(4)
        for step in steps:
            button = QPushButton(action_text(step), self)
            button.setObjectName(f"{step}:{track.department}")
            button.setEnabled(can(STEP_PERMISSIONS[step]))
            button.clicked.connect(
                lambda *_, s=step, dept=track.department: self.step_requested.emit(s, dept)
            )
            self.buttons[(step, track.department)] = button
            line.addWidget(button)
        line.addStretch(1)
        return line


class CoStepDialog(QDialog):
    """Asks what a co-department step needs: the text (退回原因, 反馈内容, 解除原因) or, for
    增派协办, the department and an optional 派遣意见. `values()` → (department, text)."""

    def __init__(
        self,
        step: str,
        number: str,
        department: str,
        choices: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coStepDialog")
        self.step = step
        label = action_text(step)
        self.setWindowTitle(self.tr("%1 · 案件 %2").replace("%1", label).replace("%2", number))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.department = QComboBox(self)
        if step == "co-dispatch":
            self.department.addItems(list(choices))
            form.addRow(self.tr("协办部门"), self.department)
        else:
            self.department.addItem(department)
            self.department.hide()  # named, not chosen: it holds the value, out of the layout
            form.addRow(self.tr("协办部门"), QLabel(department, self))
        prompts = {
            "co-dispatch": self.tr("派遣意见（可选）"),
            "co-return": self.tr("退回原因"),
            "co-feedback": self.tr("反馈内容"),
            "co-release": self.tr("解除原因"),
        }
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(prompts.get(step, self.tr("说明")), self.text)
        # 协办反馈: the department's after-photos (处置后照片), like the lead's 反馈.
        self.photo_paths: list[Path] = []
        self.photo_label: QLabel | None = None
        self.file_dialog: QFileDialog | None = None
        if step == "co-feedback":
            row = QHBoxLayout()
            add = QPushButton(self.tr("添加照片…"), self)
            add.setObjectName("addPhotos")
            add.setAutoDefault(False)
            add.clicked.connect(self.choose_photos)
            self.photo_label = QLabel(self.tr("未添加"), self)
            self.photo_label.setObjectName("photoList")
            self.photo_label.setWordWrap(True)
            row.addWidget(add)
            row.addWidget(self.photo_label, 1)
            form.addRow(self.tr("处置后照片"), row)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(label)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()

    def values(self) -> tuple[str, str]:
        return self.department.currentText(), self.text.toPlainText().strip()

    def choose_photos(self) -> QFileDialog:
        """The file dialog for the after-photos (non-blocking)."""
        dialog = QFileDialog(self, self.tr("选择处置后照片"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("图片 (*.jpg *.jpeg *.png *.gif *.webp)"))
        dialog.filesSelected.connect(lambda files: self.add_photos([Path(f) for f in files]))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def add_photos(self, paths: Sequence[Path]) -> None:
        for path in paths:
            if path not in self.photo_paths:
                self.photo_paths.append(path)
        if self.photo_label is not None:
            self.photo_label.setText("、".join(p.name for p in self.photo_paths))


def addable_departments(d: CaseDetail, departments: Sequence[str]) -> list[str]:
    """The departments 增派协办 may offer: not the lead, not a co-department still owing."""
    busy = {t.department for t in d.co_tracks if t.state in PENDING_STATES}
    return [name for name in departments if name != d.department and name not in busy]


def run_co_step(
    db: Database,
    step: str,
    number: str,
    department: str,
    text: str,
    actor: Actor,
    version: int,
    photo_paths: Sequence[Path] = (),
) -> int:
    """Run a co-department step on the worker (compare-and-set on `version`); the new version.
    协办反馈's after-photos are read from `photo_paths` here."""
    if step == "co-feedback":
        photos = tuple(photo_from_file(path) for path in photo_paths)
        return joint.co_feedback(
            db, number, department, text, actor, photos=photos, expected_version=version
        )
    if step == "co-dispatch":
        return joint.co_add(db, number, [department], actor, note=text, expected_version=version)
    if step == "co-accept":
        return joint.co_accept(db, number, department, actor, expected_version=version)
    run = joint.co_return if step == "co-return" else joint.co_release
    return run(db, number, department, text, actor, expected_version=version)

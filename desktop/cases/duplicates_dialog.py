"""查重比较: a case beside each of its likely duplicates — text, address, photos, reporters,
status and times — with the three decisions: 合并到此案 (the candidate is merged into this
case), 将此案合并 (this case is merged into the candidate) and 不是重复 (never proposed again).

Everything is read and written off the GUI thread (`ctx.tasks`); the window only shows.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.cases.duplicate_compare import Comparison, load_comparison, merge_cases, not_duplicates
from db.cases.duplicates import DuplicateCandidate
from db.cases.queries import CaseDetail
from db.cases.states import ALLOWED_FROM, Action, Status
from db.engine import Database
from db.errors import UserError
from desktop.cases.case_detail import THUMB_SIDE, load_thumbnails
from desktop.cases.detail_sections import field_row, local_time, reporter_line
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext
from desktop.core.i18n import status_text

Loaded = tuple[Comparison, dict[int, QImage]]


def load_all(db: Database, number: str) -> Loaded:
    """The comparison and the thumbnails of every photo in it (worker thread)."""
    comparison = load_comparison(db, number)
    ids = [p.id for p in comparison.case.photos]
    for _c, detail in comparison.candidates:
        ids += [p.id for p in detail.photos]
    return comparison, dict(load_thumbnails(db, ids))


class CasePanel(QWidget):
    """One side of the comparison: a case in full."""

    def __init__(
        self,
        d: CaseDetail,
        thumbs: dict[int, QImage],
        tz: ZoneInfo,
        parent: QWidget | None = None,
        candidate: DuplicateCandidate | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePanel")
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        number = QLabel(d.number, self)
        number.setObjectName("caseNumber")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(number)
        head.addStretch(1)
        status = QLabel(status_text(d.status), self)
        status.setObjectName("statusChip")
        status.setProperty("group", d.group)
        head.addWidget(status)
        v.addLayout(head)
        if candidate is not None:
            why = QLabel(
                self.tr("相似度 %1%：%2")
                .replace("%1", str(round(candidate.score * 100)))
                .replace("%2", candidate.why),
                self,
            )
            why.setObjectName("duplicateWhy")
            why.setWordWrap(True)
            v.addWidget(why)
        form = QFormLayout()
        form.setVerticalSpacing(4)
        field_row(form, self.tr("类别"), f"{d.major_category} › {d.category}")
        field_row(form, self.tr("位置"), f"{d.community} · {d.grid}")
        field_row(form, self.tr("地址"), d.address or "—")
        self.description = field_row(form, self.tr("描述"), d.description)
        self.description.setObjectName("caseDescription")
        field_row(form, self.tr("上报时间"), local_time(d.reported_at, tz))
        if d.closed_at is not None:
            field_row(form, self.tr("办结时间"), local_time(d.closed_at, tz))
        field_row(form, self.tr("承办部门"), d.department or "—")
        if d.merged_into:
            field_row(form, self.tr("已合并到"), d.merged_into)
        field_row(form, self.tr("报告数"), str(d.report_count))
        self.reporters = field_row(
            form, self.tr("反映人"), "\n".join(reporter_line(r, tz) for r in d.reporters)
        )
        v.addLayout(form)
        photos = QHBoxLayout()
        self.thumbnails: list[QLabel] = []
        for p in d.photos:
            label = QLabel(self)
            label.setObjectName("duplicateThumb")
            label.setFixedSize(THUMB_SIDE, THUMB_SIDE)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(p.filename)
            image = thumbs.get(p.id)
            if image is not None and not image.isNull():
                label.setPixmap(QPixmap.fromImage(image))
            else:
                label.setText(p.filename)
            photos.addWidget(label)
            self.thumbnails.append(label)
        if not d.photos:
            none = QLabel(self.tr("（无照片）"), self)
            none.setObjectName("mutedText")
            photos.addWidget(none)
        photos.addStretch(1)
        v.addLayout(photos)
        v.addStretch(1)


class DuplicatesDialog(QDialog):
    """查重比较 of case `number`; `changed` after a merge or a 不是重复 (case ids touched)."""

    changed = Signal(list)
    loaded = Signal()

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.comparison: Comparison | None = None
        self.thumbs: dict[int, QImage] = {}
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("查重比较 — 案件 %1").replace("%1", number))
        self.resize(1100, 680)

        v = QVBoxLayout(self)
        self.message = QLabel(self.tr("正在查找疑似重复的案件…"), self)
        self.message.setObjectName("duplicateMessage")
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.list = QListWidget(self)
        self.list.setObjectName("duplicateList")
        self.list.setMaximumHeight(130)
        self.list.currentRowChanged.connect(self._show_candidate)
        v.addWidget(self.list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.left = QScrollArea(self.splitter)
        self.right = QScrollArea(self.splitter)
        for area in (self.left, self.right):
            area.setWidgetResizable(True)
        v.addWidget(self.splitter, 1)
        self.case_panel: CasePanel | None = None
        self.candidate_panel: CasePanel | None = None

        buttons = QHBoxLayout()
        self.merge_here = QPushButton(self.tr("合并到此案"), self)
        self.merge_here.setObjectName("mergeHere")
        self.merge_there = QPushButton(self.tr("将此案合并"), self)
        self.merge_there.setObjectName("mergeThere")
        self.not_duplicate = QPushButton(self.tr("不是重复"), self)
        self.not_duplicate.setObjectName("notDuplicate")
        for button in (self.merge_here, self.merge_there, self.not_duplicate):
            button.setEnabled(False)
            button.setAutoDefault(False)  # Enter never merges by accident
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        v.addLayout(buttons)
        self.merge_here.clicked.connect(self.do_merge_here)
        self.merge_there.clicked.connect(self.do_merge_there)
        self.not_duplicate.clicked.connect(self.do_not_duplicate)
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        number = self.number
        self.ctx.tasks.submit(
            lambda db: load_all(db, number), self._loaded, self._failed, owner=self
        )

    def _loaded(self, result: Loaded) -> None:
        self.comparison, self.thumbs = result
        tz = self.ctx.settings.tz
        panel = CasePanel(self.comparison.case, self.thumbs, tz)
        self.case_panel = panel
        old = self.left.takeWidget()
        if old is not None:
            old.deleteLater()
        self.left.setWidget(panel)
        self.list.blockSignals(True)
        self.list.clear()
        for candidate, _detail in self.comparison.candidates:
            text = (
                f"{candidate.number}　{status_text(candidate.status)}　"
                f"{round(candidate.score * 100)}%　{candidate.why}"
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, candidate.number)
        self.list.blockSignals(False)
        count = len(self.comparison.candidates)
        if count:
            self.message.setText(
                self.tr("案件 %1 有 %2 件疑似重复，最相似的在前；选中一件与本案并排比较。")
                .replace("%1", self.number)
                .replace("%2", str(count))
            )
            self.list.setCurrentRow(0)
            self._show_candidate(0)
        else:
            self.message.setText(self.tr("案件 %1 没有疑似重复的案件。").replace("%1", self.number))
            self._show_candidate(-1)
        self.loaded.emit()

    def _show_candidate(self, row: int) -> None:
        old = self.right.takeWidget()
        if old is not None:
            old.deleteLater()
        self.candidate_panel = None
        comparison = self.comparison
        if comparison is None or not 0 <= row < len(comparison.candidates):
            self.right.setWidget(QWidget())
            self._enable(None)
            return
        candidate, detail = comparison.candidates[row]
        panel = CasePanel(detail, self.thumbs, self.ctx.settings.tz, candidate=candidate)
        self.candidate_panel = panel
        self.right.setWidget(panel)
        self._enable(detail)

    def _enable(self, other: CaseDetail | None) -> None:
        comparison = self.comparison
        may = self.ctx.actor.can("case.merge")
        mergeable = ALLOWED_FROM[Action.MERGE]
        target_ok = (Status.MERGED.value, Status.REJECTED.value)
        if comparison is None or other is None:
            for button in (self.merge_here, self.merge_there, self.not_duplicate):
                button.setEnabled(False)
            return
        this = comparison.case
        self.merge_here.setEnabled(
            may and Status(other.status) in mergeable and this.status not in target_ok
        )
        self.merge_there.setEnabled(
            may and Status(this.status) in mergeable and other.status not in target_ok
        )
        self.not_duplicate.setEnabled(may)
        self.merge_here.setToolTip(
            self.tr("把案件 %1 作为重复合并到本案 %2")
            .replace("%1", other.number)
            .replace("%2", this.number)
        )
        self.merge_there.setToolTip(
            self.tr("把本案 %1 作为重复合并到案件 %2")
            .replace("%1", this.number)
            .replace("%2", other.number)
        )

    def current_candidate(self) -> CaseDetail | None:
        row = self.list.currentRow()
        if self.comparison is None or not 0 <= row < len(self.comparison.candidates):
            return None
        return self.comparison.candidates[row][1]

    # --- decisions -------------------------------------------------------------------------

    def do_merge_here(self) -> None:
        other = self.current_candidate()
        if other is not None and self.comparison is not None:
            self._merge(other, self.comparison.case)

    def do_merge_there(self) -> None:
        other = self.current_candidate()
        if other is not None and self.comparison is not None:
            self._merge(self.comparison.case, other)

    def _merge(self, duplicate: CaseDetail, main: CaseDetail) -> None:
        actor = self.ctx.actor
        version = duplicate.version
        ids = [duplicate.id, main.id]

        def job(db: Database) -> object:
            return merge_cases(db, duplicate.number, main.number, actor, expected_version=version)

        def done(_result: object) -> None:
            self.ctx.notify(
                self.tr("案件 %1 已合并到 %2")
                .replace("%1", duplicate.number)
                .replace("%2", main.number)
            )
            self._after(ids)

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def do_not_duplicate(self) -> None:
        other = self.current_candidate()
        if other is None or self.comparison is None:
            return
        actor = self.ctx.actor
        first, second = self.comparison.case.number, other.number
        ids = [self.comparison.case.id, other.id]
        self.ctx.tasks.submit(
            lambda db: not_duplicates(db, first, second, actor),
            lambda _r: self._after(ids),
            self._failed,
            owner=self,
        )

    def _after(self, ids: list[int]) -> None:
        self.ctx.feed.notify_local(ids)
        self.changed.emit(ids)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(db_message_text(str(exc)))
            self.message.setProperty("error", True)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        else:
            self.ctx.tasks.report(exc)

"""The 报表 page: pick a return, its period and scope, preview it, export it to .xlsx.

The preview is built on the database queue (`ctx.tasks.submit`); the export is a long job
(`ctx.tasks.start`) on its own thread that reports progress to a bar on the page and can be
cancelled until the file is being written, so the window never freezes. After a successful
export the folder can be opened (and is, if the box is ticked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QLocale,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.reference.departments import active_department_names
from db.reference.geography import list_communities
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.child_process import open_local_folder
from desktop.core.context import AppContext
from desktop.core.i18n import value_text
from desktop.core.tasks import Task
from desktop.returns.export_job import ExportJob
from desktop.returns.return_labels import header_text, return_text
from reports.hotline_reply import export_hotline_reply
from reports.model import Report
from reports.period import Period, period_containing
from reports.preview import PreviewTable, preview_table
from reports.registry import KINDS, ReturnKind, build_report, file_title
from reports.request import ReportRequest

PREVIEW_ROWS = 1000


class PreviewModel(RowsModel[list[str]]):
    """One sheet of a return as a read-only table of pre-formatted strings; its headers and
    numeric columns are the sheet's."""

    ROW_NUMBERS = True
    TEXT_TOOLTIPS = True

    def __init__(self, parent: QObject | None = None) -> None:
        self._table = PreviewTable([], [], [], frozenset())
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def table(self) -> PreviewTable:
        return self._table

    def set_table(self, table: PreviewTable) -> None:
        self._table = table
        self.set_rows(table.rows)

    def headers(self) -> Sequence[str]:
        return [header_text(h) for h in self._table.headers]

    def numeric_columns(self) -> frozenset[int]:
        return frozenset(i for i, numeric in enumerate(self._table.numeric) if numeric)

    def cells(self, row: list[str]) -> tuple[str, ...]:
        return tuple(value_text(cell) for cell in row)  # 合计, 是/否 translated

    def font(self, number: int, column: int) -> QFont | None:
        return self._bold if number in self._table.bold_rows else None


@dataclass(frozen=True)
class ScopeChoices:
    communities: list[tuple[str, str]]  # (code, name)
    departments: list[str]


def load_scope_choices(db: Database) -> ScopeChoices:
    with db.read() as s:
        return ScopeChoices(list_communities(s), active_department_names(s))


class ReportsPage(QWidget):
    """报表: the list of returns, period and scope, preview table, export with progress."""

    preview_ready = Signal()
    export_finished = Signal(bool, str)  # ok, path or message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Report | None = None
        self.export_job: ExportJob | None = None
        self.export_task: Task | None = None
        self.last_export: Path | None = None
        self._generation = 0

        # Left: the returns.
        self.kinds = QListWidget(self)
        self.kinds.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        groups = {
            "案件": self.tr("案件报表"),
            "花名册": self.tr("人员花名册"),
            "配备": self.tr("配备情况"),
        }
        current_group = None
        for spec in KINDS.values():
            if not ctx.actor.can(spec.permission):
                continue  # e.g. rosters are not a dispatcher's to read
            if spec.group != current_group:
                current_group = spec.group
                header = QListWidgetItem(groups.get(spec.group, spec.group))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.kinds.addItem(header)
            item = QListWidgetItem("    " + return_text(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.kind)
            item.setToolTip(spec.kind)
            self.kinds.addItem(item)

        # Period and scope.
        today = datetime.now(ctx.settings.tz).date()
        last_month = period_containing(today, "month").previous()
        self.period_kind = QComboBox(self)
        for code, label in (
            ("month", self.tr("月报")),
            ("quarter", self.tr("季报")),
            ("year", self.tr("年报")),
        ):
            self.period_kind.addItem(label, code)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2099)
        self.year.setValue(last_month.year)
        self.year.setSuffix(self.tr(" 年"))
        self.number = QComboBox(self)
        self._fill_numbers("month", last_month.number)
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("全街道"), None)
        self.unmasked = QCheckBox(self.tr("导出完整身份证号和电话（不脱敏）"), self)
        self.open_after = QCheckBox(self.tr("导出后打开所在文件夹"), self)
        self.open_after.setChecked(True)
        self.preview_button = QPushButton(self.tr("预览"), self)
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)
        if not ctx.actor.can("report.export"):
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(self.tr("当前角色无权导出报表"))
        self.cancel_button = QPushButton(self.tr("取消导出"), self)
        self.cancel_button.setVisible(False)
        self.open_button = QPushButton(self.tr("打开所在文件夹"), self)
        self.open_button.setEnabled(False)
        # 办结回复 for the 12345 hotline: its orders closed in the chosen period.
        self.hotline_button = QPushButton(self.tr("12345 办结回复…"), self)
        self.hotline_button.setObjectName("hotlineReplyButton")
        self.hotline_button.setToolTip(
            self.tr("导出所选期间内办结的 12345 工单的办结回复，供回传热线系统")
        )
        self.hotline_button.clicked.connect(self._ask_hotline_reply)
        self.sheet = QComboBox(self)
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.progress.setFormat(self.tr("已写入 %v / %m 行"))

        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

        form = QFormLayout()
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_kind)
        period_row.addWidget(self.year)
        period_row.addWidget(self.number)
        period_row.addStretch(1)
        form.addRow(self.tr("统计期间"), period_row)
        form.addRow(self.tr("统计范围"), self.scope)
        form.addRow("", self.unmasked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.open_after)
        buttons.addStretch(1)
        buttons.addWidget(self.hotline_button)
        buttons.addWidget(self.open_button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel(self.tr("工作表"), self))
        sheet_row.addWidget(self.sheet)
        sheet_row.addWidget(self.status, 1)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addLayout(sheet_row)
        column.addWidget(self.table, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.kinds)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        # Wide enough for the longest return's name (English names are longer).
        splitter.setSizes([max(220, self.kinds.sizeHintForColumn(0) + 30), 900])
        QVBoxLayout(self).addWidget(splitter)

        self.kinds.currentItemChanged.connect(self._kind_changed)
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.export_button.clicked.connect(self._ask_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_button.clicked.connect(self.open_folder)
        self.sheet.currentIndexChanged.connect(self._show_sheet)
        self.kinds.setCurrentRow(1)
        ctx.tasks.submit(load_scope_choices, self._fill_scopes, self._failed, owner=self)

    # --- choices ---------------------------------------------------------------------------------

    @property
    def current_kind(self) -> ReturnKind:
        item = self.kinds.currentItem()
        kind = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return KINDS[kind] if kind in KINDS else next(iter(KINDS.values()))

    def select_kind(self, kind: str) -> None:
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)
                return
        raise KeyError(kind)

    def _fill_numbers(self, kind: str, current: int = 1) -> None:
        self.number.clear()
        if kind == "month":
            for m in range(1, 13):
                self.number.addItem(self.tr("{0} 月").format(m), m)
        elif kind == "quarter":
            for q, label in enumerate(("一", "二", "三", "四"), 1):
                self.number.addItem(self.tr("第{0}季度").format(label), q)
        self.number.setVisible(kind != "year")
        index = self.number.findData(current)
        self.number.setCurrentIndex(max(index, 0))

    def _period_kind_changed(self) -> None:
        self._fill_numbers(str(self.period_kind.currentData()))

    def set_period(self, period: Period) -> None:
        self.period_kind.setCurrentIndex(self.period_kind.findData(period.kind))
        self.year.setValue(period.year)
        self._fill_numbers(period.kind, period.number)

    def current_period(self) -> Period:
        kind = str(self.period_kind.currentData())
        number = 1 if kind == "year" else int(self.number.currentData() or 1)
        return Period(kind, self.year.value(), number)

    def _fill_scopes(self, choices: ScopeChoices) -> None:
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(self.tr("全街道"), None)
        for code, name in choices.communities:
            self.scope.addItem(self.tr("社区：") + name, f"community:{code}")
        for name in choices.departments:
            self.scope.addItem(self.tr("部门：") + name, f"department:{name}")
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self._kind_changed()

    def set_scope(self, kind: str | None, value: str | None = None) -> None:
        index = 0 if kind is None else self.scope.findData(f"{kind}:{value}")
        if index < 0:
            raise KeyError(value)
        self.scope.setCurrentIndex(index)

    def _kind_changed(self, *_args: object) -> None:
        spec = self.current_kind
        model = self.scope.model()
        if isinstance(model, QStandardItemModel):
            for row in range(self.scope.count()):
                data = self.scope.itemData(row)
                item = model.item(row)
                if item is not None and str(data).startswith("department:"):
                    item.setEnabled(spec.department_scope)
        if self.scope_choice()[0] == "department" and not spec.department_scope:
            self.scope.setCurrentIndex(0)
        can_reveal = spec.personal_data and self.ctx.actor.can("personal.reveal")
        self.unmasked.setEnabled(can_reveal)
        if not can_reveal:
            self.unmasked.setChecked(False)
        self.model.set_table(PreviewTable([], [], [], frozenset()))
        self.sheet.clear()
        self.report = None
        self.status.setText(self.tr("点击“预览”查看{0}").format(return_text(spec.title)))

    def scope_choice(self) -> tuple[str | None, str | None]:
        """("community", code), ("department", name) or (None, None) for the whole street."""
        data = self.scope.currentData()
        if not data:
            return None, None
        kind, _, value = str(data).partition(":")
        return kind, value

    def current_request(self) -> ReportRequest:
        kind, value = self.scope_choice()
        community = value if kind == "community" else None
        department = value if kind == "department" else None
        return ReportRequest(
            period=self.current_period(),
            community=community,
            department=department,
            actor=self.ctx.actor,
            unmasked=self.unmasked.isChecked(),
        )

    # --- preview ---------------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        self._generation += 1
        generation = self._generation
        kind, request = self.current_kind.kind, self.current_request()
        self.status.setText(self.tr("正在统计…"))
        self.preview_button.setEnabled(False)

        def job(db: Database) -> Report:
            return build_report(db, kind, request)

        self.ctx.tasks.submit(
            job,
            lambda report: self._previewed(generation, report),
            self._preview_failed,
            owner=self,
        )

    def _previewed(self, generation: int, report: Report) -> None:
        self.preview_button.setEnabled(True)
        if generation != self._generation:
            return
        self.report = report
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for sheet in report.sheets:
            self.sheet.addItem(return_text(sheet.name))
        self.sheet.blockSignals(False)
        self._show_sheet(0)
        self.preview_ready.emit()

    def _show_sheet(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.sheets):
            return
        sheet = self.report.sheets[index]
        table = preview_table(sheet, PREVIEW_ROWS)
        self.model.set_table(table)
        self.table.resizeColumnsToContents()
        title, period = sheet.title, self.report.period_label
        if QLocale().language() != QLocale.Language.Chinese:  # reports/ names them in Chinese
            title = f"{return_text(self.current_kind.title)} — {return_text(sheet.name)}"
            period = " – ".join(re.findall(r"\d{4}-\d\d-\d\d", period)) or period
        text = self.tr("{0}　{1}　共 {2} 行").format(title, period, f"{table.total_rows:,}")
        if table.total_rows > PREVIEW_ROWS:
            text += self.tr("（预览前 {0} 行，导出包含全部）").format(PREVIEW_ROWS)
        self.status.setText(text)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        text = error_text(exc)
        self.status.setText(text)
        self.ctx.notify(text)

    # --- export ----------------------------------------------------------------------------------

    def suggested_filename(self) -> str:
        period = self.current_period()
        return f"{file_title(self.current_kind.kind, period)}_{period.code}.xlsx"

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出报表"),
            str(Path.home() / self.suggested_filename()),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def _ask_hotline_reply(self) -> None:
        period = self.current_period()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出 12345 办结回复"),
            str(Path.home() / f"12345办结回复_{period.code}.xlsx"),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_hotline_reply(Path(path))

    def export_hotline_reply(self, path: Path) -> None:
        """Write the 办结回复 of the hotline orders closed in the chosen period to `path`."""
        period = self.current_period()
        first, last = period.first_day, period.last_day

        def job(db: Database) -> tuple[int, Path]:
            return export_hotline_reply(db, first, last, path)

        def done(result: tuple[int, Path]) -> None:
            self.hotline_button.setEnabled(True)
            count, written = result
            self.last_export = written
            self.open_button.setEnabled(True)
            self.status.setText(
                self.tr("已导出办结回复 %1 件：%2")
                .replace("%1", str(count))
                .replace("%2", str(written))
            )
            self.export_finished.emit(True, str(written))

        def failed(exc: BaseException) -> None:
            self.hotline_button.setEnabled(True)
            self.status.setText(error_text(exc))
            self.export_finished.emit(False, error_text(exc))

        self.hotline_button.setEnabled(False)
        self.ctx.tasks.submit(job, done, failed, owner=self)

    def export_to(self, path: Path) -> None:
        """Write the selected return to `path` on a thread of its own."""
        task = self.export_task
        if task is not None and not task.finished and not task.cancelled:
            return
        job = ExportJob(self.ctx.db, self.current_kind.kind, self.current_request(), path)
        self.export_job = job
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在导出到 {0}…").format(path))
        # The job goes on if the page is closed meanwhile (the file is still wanted); only
        # the page's callbacks are dropped.
        self.export_task = self.ctx.tasks.start(
            job,
            lambda written: self._exported(str(written)),
            self._export_error,
            owner=self,
            on_progress=self._export_progress,
            name="griddesk-export",
        )

    def cancel_export(self) -> None:
        """Stop the running export if its file is not being written yet."""
        task, job = self.export_task, self.export_job
        if task is None or job is None or task.finished or task.cancelled:
            return
        if not job.cancel(task):
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在写入文件，无法取消"))
            return
        self._export_ended()
        text = self.tr("已取消导出")
        self.status.setText(text)
        self.export_finished.emit(False, text)

    def _export_progress(self, done: int, total: int, _text: str) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
        else:
            self.cancel_button.setEnabled(False)  # writing the file: no longer cancellable
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _export_ended(self) -> None:
        self.export_button.setEnabled(self.ctx.actor.can("report.export"))
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)

    def _export_error(self, exc: BaseException) -> None:
        self._export_failed(error_text(exc))

    def _exported(self, path: str) -> None:
        self._export_ended()
        self.last_export = Path(path)
        self.open_button.setEnabled(True)
        text = self.tr("已导出：{0}").format(path)
        self.status.setText(text)
        self.ctx.notify(text)
        if self.open_after.isChecked():
            self.open_folder()
        self.export_finished.emit(True, path)

    def _export_failed(self, message: str) -> None:
        self._export_ended()
        self.status.setText(message)
        self.ctx.notify(message)
        self.export_finished.emit(False, message)

    def open_folder(self) -> None:
        if self.last_export is not None:
            open_local_folder(self.last_export.parent)

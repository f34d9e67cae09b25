"""The 报表 page: pick a return, its period and scope, preview it, export it to .xlsx.

The preview is built on the database worker (`ctx.tasks`); the export runs on its own thread
(`ExportThread`) and reports progress to a bar on the page, so the window never freezes. After
a successful export the folder can be opened (and is, if the box is ticked).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QStandardItemModel
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
from sqlalchemy import select

from db.engine import Database
from db.errors import UserError
from db.models import Community, Department
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from reports.layout import write_report
from reports.model import Report
from reports.period import Period, period_containing
from reports.preview import PreviewTable, preview_table
from reports.registry import KINDS, ReturnKind, build_report
from reports.request import ReportRequest

PREVIEW_ROWS = 1000

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_HORIZONTAL = Qt.Orientation.Horizontal


class PreviewModel(QAbstractTableModel):
    """One sheet of a return as a read-only table of pre-formatted strings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = PreviewTable([], [], [], frozenset())
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def table(self) -> PreviewTable:
        return self._table

    def set_table(self, table: PreviewTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._table.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (_DISPLAY, _TOOLTIP):
            return self._table.rows[row][column]
        if role == _ALIGN:
            return _RIGHT if self._table.numeric[column] else _LEFT
        if role == _FONT:
            return self._bold if row in self._table.bold_rows else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            if 0 <= section < len(self._table.headers):
                return self._table.headers[section]
            return None
        return str(section + 1)


@dataclass(frozen=True)
class ScopeChoices:
    communities: list[tuple[str, str]]  # (code, name)
    departments: list[str]


def load_scope_choices(db: Database) -> ScopeChoices:
    with db.read() as s:
        communities = [
            (code, name)
            for code, name in s.execute(
                select(Community.code, Community.name).order_by(Community.code)
            )
        ]
        departments = list(
            s.scalars(
                select(Department.name)
                .where(Department.active)
                .order_by(Department.sort_order, Department.name)
            )
        )
    return ScopeChoices(communities, departments)


class ExportThread(QThread):
    """Builds the return and writes the file off the GUI thread, reporting progress.

    The outcome is kept on the thread (`ok`, `text`) and read when `finished` arrives, so the
    page never acts on (or lets go of) a thread that is still running.
    """

    progress = Signal(int, int)  # rows written, rows in all (0, 0 while reading the database)

    def __init__(self, db: Database, kind: str, request: ReportRequest, out: Path) -> None:
        super().__init__(None)  # not a child of the page: closing the page never kills it
        self.db, self.kind, self.request, self.out = db, kind, request, out
        self.worker_thread_id: int | None = None
        self.ok = False
        self.text = ""

    def run(self) -> None:
        self.worker_thread_id = threading.get_ident()
        try:
            self.progress.emit(0, 0)
            report = build_report(self.db, self.kind, self.request)
            path = write_report(
                report, self.out, lambda done, total: self.progress.emit(done, total)
            )
        except UserError as exc:
            self.text = str(exc)
        except Exception as exc:  # never a crash: show it, the file is untouched
            self.text = f"内部错误：{type(exc).__name__}: {exc}"
        else:
            self.ok, self.text = True, str(path)


# Exports still running, kept alive until they finish even if their page goes away.
_RUNNING: set[ExportThread] = set()


class ReportsPage(QWidget):
    """报表: the list of returns, period and scope, preview table, export with progress."""

    preview_ready = Signal()
    export_finished = Signal(bool, str)  # ok, path or message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Report | None = None
        self.export_thread: ExportThread | None = None
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
            item = QListWidgetItem("    " + self.tr(spec.title))
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
        self.open_button = QPushButton(self.tr("打开所在文件夹"), self)
        self.open_button.setEnabled(False)
        self.sheet = QComboBox(self)
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
        buttons.addWidget(self.open_after)
        buttons.addStretch(1)
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
        splitter.setSizes([220, 900])
        QVBoxLayout(self).addWidget(splitter)

        self.kinds.currentItemChanged.connect(self._kind_changed)
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.export_button.clicked.connect(self._ask_export)
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
        self.status.setText(self.tr("点击“预览”查看{0}").format(self.tr(spec.title)))

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
            self.sheet.addItem(sheet.name)
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
        text = self.tr("{0}　{1}　共 {2} 行").format(
            sheet.title, self.report.period_label, f"{table.total_rows:,}"
        )
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
        spec = self.current_kind
        period = self.current_period()
        return f"{spec.title}_{period.code}.xlsx"

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

    def export_to(self, path: Path) -> None:
        """Write the selected return to `path` on a background thread."""
        if self.export_thread is not None and self.export_thread.isRunning():
            return
        thread = ExportThread(self.ctx.db, self.current_kind.kind, self.current_request(), path)
        thread.progress.connect(self._export_progress)
        thread.finished.connect(self._export_done)
        _RUNNING.add(thread)
        self.export_thread = thread
        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在导出到 {0}…").format(path))
        thread.start()

    def _export_done(self) -> None:
        thread = self.export_thread
        if thread is None:
            return
        thread.wait()  # run() has returned; this only lets the thread wind down
        _RUNNING.discard(thread)
        if thread.ok:
            self._exported(thread.text)
        else:
            self._export_failed(thread.text)

    def _export_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _exported(self, path: str) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self.last_export = Path(path)
        self.open_button.setEnabled(True)
        text = self.tr("已导出：{0}").format(path)
        self.status.setText(text)
        self.ctx.notify(text)
        if self.open_after.isChecked():
            self.open_folder()
        self.export_finished.emit(True, path)

    def _export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(message)
        self.ctx.notify(message)
        self.export_finished.emit(False, message)

    def open_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    def shutdown(self) -> None:
        """Wait for a running export (called by tests and on close)."""
        if self.export_thread is not None and self.export_thread.isRunning():
            self.export_thread.wait()

"""The roster import wizard: choose a file and a roster → map headers it does not know → see
every problem (row, column, reason) → import all rows or only the valid ones → result.

Reading and checking run on `ctx.tasks`; nothing is written before the last step, and the
write is one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.people.roster_import import IGNORE, ImportPlan, ImportResult, apply_import, plan_import
from db.people.roster_kinds import FIELDS, KIND_LABELS, Kind
from db.sheets.problems import Problem
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.tasks import TaskControl


class ProblemModel(RowsModel[Problem]):
    """Every problem found: Excel row, column, reason."""

    CONTEXT = "ProblemModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ProblemModel", "行"),
        QT_TRANSLATE_NOOP("ProblemModel", "列"),
        QT_TRANSLATE_NOOP("ProblemModel", "问题"),
    )
    TEXT_TOOLTIPS = True

    @property
    def problems(self) -> list[Problem]:
        return self.rows

    def set_problems(self, problems: list[Problem]) -> None:
        self.set_rows(problems)

    def cells(self, row: Problem) -> tuple[str, ...]:
        return (str(row.row), row.column, db_message_text(row.reason))


class ImportWizard(QDialog):
    """导入花名册 in four steps on one dialog."""

    imported = Signal()
    checked = Signal()  # a plan has been shown (tests wait for it)

    CHOOSE, MAPPING, PROBLEMS, DONE = range(4)

    def __init__(self, ctx: AppContext, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("从 Excel 导入花名册"))
        self.resize(760, 520)
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self.mapping: dict[str, str] = {}
        self.mapping_combos: dict[str, QComboBox] = {}
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._choose_page(kind))
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._problems_page())
        self.stack.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # -- pages

    def _choose_page(self, kind: Kind) -> QWidget:
        page = QWidget(self)
        self.file_edit = QLineEdit(page)
        self.file_edit.setPlaceholderText(self.tr("选择 .xlsx 文件"))
        browse = QPushButton(self.tr("选择文件…"), page)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        self.kind_combo = QComboBox(page)
        for k in Kind:
            self.kind_combo.addItem(QCoreApplication.translate("RosterKinds", KIND_LABELS[k]), k)
        self.kind_combo.setCurrentIndex(list(Kind).index(kind))
        form = QFormLayout()
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("花名册"), self.kind_combo)
        self.choose_error = QLabel(page)
        self.choose_error.setObjectName("importError")
        self.choose_error.setStyleSheet(palette.ERROR_STYLE)
        self.choose_error.setWordWrap(True)
        self.check_button = QPushButton(self.tr("下一步：检查文件"), page)
        self.check_button.clicked.connect(self.check)
        cancel = QPushButton(self.tr("取消"), page)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "支持标题行、合并表头、空行、全角数字、文本日期和以数字保存的号码。"
                    "导入前会列出全部问题，确认后才写入。含宏或损坏的文件会被拒绝。"
                ),
                page,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.choose_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.mapping_form = QFormLayout()
        self.mapping_note = QLabel(page)
        self.mapping_note.setWordWrap(True)
        back = QPushButton(self.tr("上一步"), page)
        back.clicked.connect(lambda: self.stack.setCurrentIndex(self.CHOOSE))
        self.recheck_button = QPushButton(self.tr("下一步：按此对应重新检查"), page)
        self.recheck_button.clicked.connect(self.apply_mapping)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_note)
        layout.addLayout(self.mapping_form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _problems_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        # Signature and note rows below the table (审核人：…, （盖章）): which, and what they say.
        self.ignored_label = QLabel(page)
        self.ignored_label.setObjectName("importIgnored")
        self.ignored_label.setWordWrap(True)
        self.ignored_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_model = ProblemModel(self)
        self.problem_view = QTableView(page)
        self.problem_view.setModel(self.problem_model)
        self.problem_view.verticalHeader().hide()
        header = self.problem_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.all_or_nothing = QRadioButton(self.tr("全部无误才导入（有问题则一行也不导入）"), page)
        self.valid_only = QRadioButton(self.tr("只导入没有问题的行"), page)
        self.all_or_nothing.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.all_or_nothing)
        group.addButton(self.valid_only)
        self.all_or_nothing.toggled.connect(lambda _b: self._update_import_button())
        self.import_error = QLabel(page)
        self.import_error.setStyleSheet(palette.ERROR_STYLE)
        self.import_error.setWordWrap(True)
        back = QPushButton(self.tr("上一步"), page)
        back.clicked.connect(self._back_from_problems)
        self.import_button = QPushButton(self.tr("导入"), page)
        self.import_button.clicked.connect(self.run_import)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.ignored_label)
        layout.addWidget(self.problem_view, 1)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.import_error)
        layout.addLayout(buttons)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        self.result_label = QLabel(page)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_ignored = QLabel(page)
        self.result_ignored.setObjectName("importResultIgnored")
        self.result_ignored.setWordWrap(True)
        self.result_ignored.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        finish = QPushButton(self.tr("完成"), page)
        finish.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addWidget(self.result_ignored)
        layout.addStretch(1)
        layout.addWidget(finish, alignment=Qt.AlignmentFlag.AlignRight)
        return page

    # -- steps

    def kind(self) -> Kind:
        value = self.kind_combo.currentData()
        return value if isinstance(value, Kind) else Kind(value)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择花名册文件"), "", self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.file_edit.setText(path)

    def set_file(self, path: str | Path) -> None:
        self.file_edit.setText(str(path))

    def check(self) -> None:
        path = self.file_edit.text().strip()
        if not path:
            self.choose_error.setText(self.tr("请先选择要导入的文件"))
            return
        kind, mapping = self.kind(), dict(self.mapping)
        self.choose_error.clear()
        self.check_button.setEnabled(False)
        self.recheck_button.setEnabled(False)

        db = self.ctx.db

        def job(_control: TaskControl) -> ImportPlan:
            return plan_import(db, path, kind, mapping)

        # Reading and checking a whole workbook is a long job of its own: the database queue
        # (the desk's refreshes) does not wait for it. The import itself stays on the queue,
        # one transaction in line with the window's other writes.
        self.ctx.tasks.start(
            job, self._planned, self._plan_failed, owner=self, name="griddesk-roster-check"
        )

    def _plan_failed(self, exc: BaseException) -> None:
        from desktop.common.error_text import error_text

        self.check_button.setEnabled(True)
        self.recheck_button.setEnabled(True)
        self.choose_error.setText(error_text(exc))
        self.stack.setCurrentIndex(self.CHOOSE)
        self.checked.emit()

    def _planned(self, plan: ImportPlan) -> None:
        self.check_button.setEnabled(True)
        self.recheck_button.setEnabled(True)
        self.plan = plan
        if plan.unknown_headers and not self.mapping:
            self._show_mapping(plan)
        else:
            self._show_problems(plan)
        self.checked.emit()

    def _show_mapping(self, plan: ImportPlan) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.mapping_combos = {}
        used = {c.field for c in plan.columns if c.field}
        self.mapping_note.setText(
            self.tr(
                "表头（第 {row} 行）中有 {n} 个列名未能识别。请指定每列对应的字段，"
                "或选择“忽略”不导入该列。"
            ).format(row=plan.header_row, n=len(plan.unknown_headers))
        )
        missing = [
            db_message_text(p.reason)
            for p in plan.problems
            if p.row == plan.header_row and not p.column
        ]
        if missing:
            self.mapping_note.setText(
                self.mapping_note.text()
                + "\n"
                + self.tr("；", "list separator").join(missing)
                + self.tr("，可在下面指定。")
            )
        for header in plan.unknown_headers:
            combo = QComboBox(self)
            combo.addItem(self.tr("忽略"), IGNORE)
            for spec in FIELDS[plan.kind]:
                suffix = self.tr("（已有对应列）") if spec.name in used else ""
                combo.addItem(
                    QCoreApplication.translate("RosterFields", spec.label) + suffix, spec.name
                )
            self.mapping_combos[header] = combo
            self.mapping_form.addRow(header, combo)
        self.stack.setCurrentIndex(self.MAPPING)

    def choose_mapping(self, header: str, field_name: str) -> None:
        combo = self.mapping_combos[header]
        combo.setCurrentIndex(max(combo.findData(field_name), 0))

    def apply_mapping(self) -> None:
        self.mapping = {h: str(c.currentData()) for h, c in self.mapping_combos.items()}
        self.check()

    def _back_from_problems(self) -> None:
        self.stack.setCurrentIndex(self.MAPPING if self.mapping_combos else self.CHOOSE)

    def _show_problems(self, plan: ImportPlan) -> None:
        self.problem_model.set_problems(plan.problems)
        text = db_message_text(plan.summary())
        if plan.ok:
            text += self.tr("。没有发现问题，可以导入。")
        else:
            text += self.tr("。以下问题须修正，或选择只导入没有问题的行。")
        self.summary.setText(text)
        self.ignored_label.setText(self._ignored_text(plan.ignored))
        self.ignored_label.setVisible(bool(plan.ignored))
        self.all_or_nothing.setEnabled(not plan.ok)
        self.valid_only.setEnabled(not plan.ok)
        self.import_error.clear()
        self._update_import_button()
        self.stack.setCurrentIndex(self.PROBLEMS)

    def _update_import_button(self) -> None:
        plan = self.plan
        allowed = plan is not None and bool(plan.rows) and (plan.ok or self.valid_only.isChecked())
        self.import_button.setEnabled(allowed and self.ctx.actor.can("roster.import"))
        if plan is not None and not plan.ok:
            self.import_button.setText(
                self.tr("导入 {n} 行有效数据").format(n=len(plan.rows))
                if self.valid_only.isChecked()
                else self.tr("导入")
            )

    def run_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        valid_only, actor = self.valid_only.isChecked(), self.ctx.actor
        self.import_button.setEnabled(False)

        def job(db: Database) -> ImportResult:
            return apply_import(db, plan, actor, valid_only=valid_only)

        self.ctx.tasks.submit(job, self._imported, self._import_failed, owner=self)

    def _import_failed(self, exc: BaseException) -> None:
        from desktop.common.error_text import error_text

        self.import_error.setText(error_text(exc))
        self._update_import_button()

    SHOWN_IGNORED = 20  # footer rows listed one by one; more are counted

    def _ignored_text(self, ignored: list[tuple[int, str]]) -> str:
        """The ignored signature and note rows, one a line: 第 N 行「审核人:李四」."""
        if not ignored:
            return ""
        lines = [self.tr("已忽略的签名或说明行（未导入）：")]
        lines += [
            self.tr("第 {row} 行「{text}」").format(row=row, text=text)
            for row, text in ignored[: self.SHOWN_IGNORED]
        ]
        if len(ignored) > self.SHOWN_IGNORED:
            lines.append(self.tr("……另有 {n} 行").format(n=len(ignored) - self.SHOWN_IGNORED))
        return "\n".join(lines)

    def _imported(self, result: ImportResult) -> None:
        self.outcome = result
        self.result_label.setText(db_message_text(result.summary()))
        ignored = self.plan.ignored if self.plan is not None else []
        self.result_ignored.setText(self._ignored_text(ignored))
        self.result_ignored.setVisible(bool(ignored))
        self.stack.setCurrentIndex(self.DONE)
        self.imported.emit()

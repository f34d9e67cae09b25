"""The setup wizard (首次设置 / 从模板导入): the center's street, communities, grids and
departments from one Excel template.

Four pages: what it is for → write the template, choose the filled one (read and checked off
the GUI thread) → every problem (sheet, row, column) with nothing written, or what would be
created and updated → written, in one transaction. The same wizard updates the geography later
from 基础数据 (a re-import updates, never duplicates).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from db.engine import Database
from db.security.actors import Actor
from db.setup.apply import SetupSummary
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.core.tasks import TaskControl, TaskRunner
from desktop.setup.problems_model import SetupProblemsModel
from desktop.setup.setup_jobs import (
    SUMMARY_KEYS,
    SetupCheck,
    apply_template,
    check_template,
    write_template,
)
from desktop.setup.template_files import ask_filled_template, ask_template_target


def key_label(key: str) -> str:
    """街道/社区/网格/部门 (the summary's keys) in the language in force."""
    labels = {
        "街道": QCoreApplication.translate("SetupWizard", "街道"),
        "社区": QCoreApplication.translate("SetupWizard", "社区"),
        "网格": QCoreApplication.translate("SetupWizard", "网格"),
        "部门": QCoreApplication.translate("SetupWizard", "部门"),
    }
    return labels.get(key, key)


def counts_text(counts: dict[str, int]) -> str:
    """`街道 1 个、社区 2 个` in the usual order, zeros left out; 无 when all are zero."""
    keys = [k for k in SUMMARY_KEYS if counts.get(k)]
    keys += [k for k in counts if k not in SUMMARY_KEYS and counts[k]]
    parts = [
        QCoreApplication.translate("SetupWizard", "%1 %2 个")
        .replace("%1", key_label(k))
        .replace("%2", str(counts[k]))
        for k in keys
    ]
    separator = QCoreApplication.translate("SetupWizard", "、")
    return separator.join(parts) if parts else QCoreApplication.translate("SetupWizard", "无")


def _pair(value: object) -> str:
    """A (code, name) pair, or an object with code and name, as 名称（编码）."""
    if isinstance(value, tuple) and len(value) == 2:
        code, name = value
    else:
        code, name = getattr(value, "code", ""), getattr(value, "name", "")
    return f"{name}（{code}）" if code else str(name)


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class CountsGrid(QWidget):
    """What an import creates, updates and leaves as it is, one row per 街道/社区/网格/部门."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupCounts")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(6)
        self.cells: dict[tuple[str, int], QLabel] = {}
        headers = (self.tr("新建"), self.tr("更新"), self.tr("无变化"))
        for column, text in enumerate(headers, start=1):
            head = QLabel(text, self)
            head.setStyleSheet("font-weight: bold")
            grid.addWidget(head, 0, column, Qt.AlignmentFlag.AlignRight)
        for row, key in enumerate(SUMMARY_KEYS, start=1):
            grid.addWidget(QLabel(key_label(key), self), row, 0)
            for column in range(1, 4):
                cell = QLabel("0", self)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.cells[(key, column)] = cell
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(4, 1)

    def count(self, key: str, column: int) -> int:
        """The figure shown for `key` (街道/社区/网格/部门): column 1 新建, 2 更新, 3 无变化."""
        return int(self.cells[(key, column)].text())

    def show_summary(self, summary: SetupSummary) -> None:
        unchanged: dict[str, int] = getattr(summary, "unchanged", {}) or {}
        for key in SUMMARY_KEYS:
            for column, counts in enumerate((summary.created, summary.updated, unchanged), 1):
                cell = self.cells[(key, column)]
                value = counts.get(key, 0)
                cell.setText(str(value))
                cell.setStyleSheet(palette.text_style(palette.MUTED) if not value else "")


class IntroPage(QWizardPage):
    """What the setup is for and what the template holds."""

    def __init__(self, first_start: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if first_start:
            self.setTitle(self.tr("欢迎使用网格指挥调度台"))
            opening = self.tr(
                "这个数据库还没有街道、社区和网格，案件还无法落到网格上。"
                "请先把本中心的基本情况填进一个 Excel 模板，再导入进来。"
            )
        else:
            self.setTitle(self.tr("从模板导入街道、社区、网格和部门"))
            opening = self.tr(
                "用同一个 Excel 模板更新本中心的基础数据：已有的编码会被更新，新的编码会被添加，"
                "不会重复。模板里没有的社区、网格和部门保持不变。"
            )
        self.setObjectName("setupIntro")
        self.setSubTitle(self.tr("第 1 步，共 4 步：要准备什么"))
        sheets = QGroupBox(self.tr("模板的四个工作表（每个都有一行示例，导入时跳过）"), self)
        sheet_form = QFormLayout(sheets)
        sheet_form.setVerticalSpacing(10)
        sheet_form.setHorizontalSpacing(18)
        for name, text in (
            (
                self.tr("街道"),
                self.tr(
                    "只填一行：填报单位（报表上显示的中心名称）、区县编码和名称、街道编码和名称"
                ),
            ),
            (self.tr("社区"), self.tr("每个社区（村）一行：12 位社区编码、名称、常住人口、户数")),
            (
                self.tr("网格"),
                self.tr(
                    "每个单元网格一行：14 或 15 位编码（以所属社区编码开头）、名称、"
                    "所属社区编码、常住人口、户数、四至范围"
                ),
            ),
            (self.tr("部门"), self.tr("每个部门一行：名称、类型、联系人、联系电话")),
        ):
            key = QLabel(name, sheets)
            key.setStyleSheet("font-weight: bold")
            sheet_form.addRow(key, _label(text, sheets))
        closing = self.tr(
            "导入前会检查全部内容，列出每一处问题（工作表、行、列）；有问题时不写入任何数据。"
            "以后可以在“设置 → 基础数据”中修改，或再次从模板导入。"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(_label(opening, self, "setupOpening"))
        layout.addSpacing(8)
        layout.addWidget(sheets)
        layout.addSpacing(8)
        layout.addWidget(_label(closing, self))
        layout.addStretch(1)


class TemplatePage(QWizardPage):
    """Write the empty template; choose the filled one, which is read and checked."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setObjectName("setupTemplate")
        self.setTitle(self.tr("填写模板"))
        self.setSubTitle(self.tr("第 2 步，共 4 步：写出模板，填好后选择它"))
        self.write_button = QPushButton(self.tr("写出模板…"), self)
        self.write_button.setObjectName("writeTemplate")
        self.write_button.clicked.connect(self.write_template)
        self.open_button = QPushButton(self.tr("选择填好的模板…"), self)
        self.open_button.setObjectName("openTemplate")
        self.open_button.clicked.connect(self.choose_template)
        self.written_label = _label("", self, "templateWritten")
        self.file_label = _label("", self, "templateFile")
        self.status_label = _label("", self, "checkStatus")
        steps = QGridLayout()
        steps.setColumnStretch(1, 1)
        steps.setHorizontalSpacing(16)
        steps.setVerticalSpacing(12)
        steps.addWidget(self.write_button, 0, 0, Qt.AlignmentFlag.AlignTop)
        steps.addWidget(
            _label(
                self.tr(
                    "① 把空白模板保存到电脑上，用 Excel 或 WPS 填写。每个工作表的示例行"
                    "导入时跳过，请从它下面一行起填写。"
                ),
                self,
            ),
            0,
            1,
        )
        steps.addWidget(self.written_label, 1, 1)
        steps.addWidget(self.open_button, 2, 0, Qt.AlignmentFlag.AlignTop)
        steps.addWidget(
            _label(
                self.tr("② 选择填好的模板。程序会读出并检查全部内容，这一步不写入任何数据。"),
                self,
            ),
            2,
            1,
        )
        steps.addWidget(self.file_label, 3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(steps)
        layout.addSpacing(8)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.owner.check is not None and not self.owner.busy

    def _status(self, text: str, colour: str | None = None) -> None:
        self.status_label.setStyleSheet(palette.text_style(colour) if colour else "")
        self.status_label.setText(text)

    def write_template(self) -> None:
        target = ask_template_target(self)
        if target is None:
            return
        self.write_button.setEnabled(False)

        def job(_control: TaskControl) -> Path:
            return write_template(target)

        self.owner.tasks.start(
            job, self._written, self._write_failed, owner=self, name="griddesk-setup-template"
        )

    def _written(self, path: Path) -> None:
        self.write_button.setEnabled(True)
        self.written_label.setStyleSheet(palette.text_style(palette.SUCCESS))
        self.written_label.setText(self.tr("模板已写出：%1").replace("%1", str(path)))

    def _write_failed(self, error: BaseException) -> None:
        self.write_button.setEnabled(True)
        self.written_label.setStyleSheet(palette.ERROR_STYLE)
        self.written_label.setText(error_text(error))

    def choose_template(self) -> None:
        path = ask_filled_template(self)
        if path is not None:
            self.check_file(path)

    def check_file(self, path: Path) -> None:
        """Read and check `path` off the GUI thread; the result goes to the wizard."""
        owner = self.owner
        owner.check = None
        owner.busy = True
        self.open_button.setEnabled(False)
        self.file_label.setText(self.tr("文件：%1").replace("%1", str(path)))
        self._status(self.tr("正在读取和检查…"), palette.MUTED)
        self.completeChanged.emit()
        db, actor = owner.db, owner.actor

        def job(_control: TaskControl) -> SetupCheck:
            return check_template(db, path, actor)

        owner.tasks.start(
            job, self._checked, self._check_failed, owner=self, name="griddesk-setup-check"
        )

    def _checked(self, check: SetupCheck) -> None:
        self.owner.check = check
        self._ended()
        if check.ok:
            self._status(self.tr("检查通过，没有发现问题。请按“下一步”查看将要写入的内容。"))
            self.status_label.setStyleSheet(palette.text_style(palette.SUCCESS))
        else:
            self._status(
                self.tr("发现 %1 处问题，没有写入任何数据。请按“下一步”查看。").replace(
                    "%1", str(len(check.problems))
                ),
                palette.ERROR,
            )
        self.owner.checked.emit()

    def _check_failed(self, error: BaseException) -> None:
        self._ended()
        self._status(error_text(error), palette.ERROR)
        self.owner.checked.emit()

    def _ended(self) -> None:
        self.owner.busy = False
        self.open_button.setEnabled(True)
        self.completeChanged.emit()


class CheckPage(QWizardPage):
    """Every problem (nothing written), or what writing would create and update."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setObjectName("setupCheck")
        self.setCommitPage(True)
        self.setSubTitle(self.tr("第 3 步，共 4 步：检查结果"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("写入数据库"))
        self.headline = _label("", self, "checkHeadline")
        self.problems = SetupProblemsModel(self)
        self.problem_view = QTableView(self)
        self.problem_view.setObjectName("setupProblems")
        self.problem_view.setModel(self.problems)
        self.problem_view.verticalHeader().hide()
        self.problem_view.setWordWrap(True)
        self.problem_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.problem_view.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped message, at the widths the columns end up with.
        self.problem_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.preview = QWidget(self)
        self.preview.setObjectName("setupPreview")
        self.center_label = _label("", self.preview, "previewCenter")
        self.district_label = _label("", self.preview, "previewDistrict")
        self.street_label = _label("", self.preview, "previewStreet")
        self.communities_label = _label("", self.preview, "previewCommunities")
        self.departments_label = _label("", self.preview, "previewDepartments")
        center_box = QGroupBox(self.tr("本中心"), self.preview)
        form = QFormLayout(center_box)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("填报单位"), self.center_label)
        form.addRow(self.tr("区县"), self.district_label)
        form.addRow(self.tr("街道"), self.street_label)
        form.addRow(self.tr("社区"), self.communities_label)
        form.addRow(self.tr("部门"), self.departments_label)
        counts_box = QGroupBox(self.tr("与数据库比较"), self.preview)
        self.counts = CountsGrid(counts_box)
        counts_layout = QVBoxLayout(counts_box)
        counts_layout.addWidget(self.counts)
        preview_layout = QVBoxLayout(self.preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(center_box)
        preview_layout.addWidget(counts_box)
        preview_layout.addStretch(1)
        self.error_label = _label("", self, "applyError")
        self.error_label.setStyleSheet(palette.ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.problem_view, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.error_label)

    def initializePage(self) -> None:
        check = self.owner.check
        self.error_label.clear()
        if check is None:
            return
        ok = check.ok
        self.problem_view.setVisible(not ok)
        self.preview.setVisible(ok)
        if not ok:
            self.setTitle(self.tr("模板中有问题"))
            self.problems.set_rows(check.problems)
            self.headline.setStyleSheet(palette.ERROR_STYLE)
            self.headline.setText(
                self.tr(
                    "发现 %1 处问题，没有写入任何数据。请在模板中逐一改正，"
                    "然后按“上一步”重新选择文件。"
                ).replace("%1", str(len(check.problems)))
            )
            return
        plan, summary = check.plan, check.summary
        assert plan is not None and summary is not None
        self.setTitle(self.tr("检查通过：请确认将要写入的内容"))
        self.problems.set_rows([])
        self.headline.setStyleSheet("")
        self.headline.setText(
            self.tr(
                "没有发现问题。下面是模板中的内容，以及与数据库比较后将新建和更新的数目；"
                "按“写入数据库”一次写入全部内容。"
            )
        )
        self.center_label.setText(str(plan.center_name))
        self.district_label.setText(_pair(plan.district))
        self.street_label.setText(_pair(plan.street))
        grids: dict[str, int] = {}
        for grid in plan.grids:
            grids[grid.community_code] = grids.get(grid.community_code, 0) + 1
        names = [
            self.tr("%1（%2 个网格）")
            .replace("%1", c.name)
            .replace("%2", str(grids.get(c.code, 0)))
            for c in plan.communities
        ]
        self.communities_label.setText("、".join(names) if names else self.tr("无"))
        departments = [d.name for d in plan.departments]
        self.departments_label.setText("、".join(departments) if departments else self.tr("无"))
        self.counts.show_summary(summary)

    def isComplete(self) -> bool:
        check = self.owner.check
        return check is not None and check.ok and not self.owner.busy

    def validatePage(self) -> bool:
        """Written already: go on. Otherwise start writing; the wizard goes on when it is done."""
        if self.owner.summary is not None:
            return True
        check = self.owner.check
        if check is None or check.plan is None:
            return False
        self.owner.busy = self.owner.writing = True
        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.error_label.setStyleSheet(palette.text_style(palette.MUTED))
        self.error_label.setText(self.tr("正在写入…"))
        self.completeChanged.emit()
        db, plan, actor = self.owner.db, check.plan, self.owner.actor

        def job(_db: Database) -> SetupSummary:
            return apply_template(db, plan, actor)

        self.owner.tasks.submit(job, self._applied, self._apply_failed, owner=self)
        return False

    def _applied(self, summary: SetupSummary) -> None:
        self._written()
        self.owner.summary = summary
        self.error_label.clear()
        self.completeChanged.emit()
        self.owner.applied.emit(summary)
        self.owner.next()

    def _apply_failed(self, error: BaseException) -> None:
        self._written()
        self.error_label.setStyleSheet(palette.ERROR_STYLE)
        self.error_label.setText(self.tr("没有写入任何数据：%1").replace("%1", error_text(error)))
        self.completeChanged.emit()

    def _written(self) -> None:
        self.owner.busy = self.owner.writing = False
        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(True)


class DonePage(QWizardPage):
    """What was written, and what comes next."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setObjectName("setupDone")
        self.setTitle(self.tr("设置完成"))
        self.setSubTitle(self.tr("第 4 步，共 4 步：已写入数据库"))
        self.result_label = _label("", self, "setupResult")
        self.result_label.setStyleSheet(palette.text_style(palette.SUCCESS))
        counts_box = QGroupBox(self.tr("已写入"), self)
        self.counts = CountsGrid(counts_box)
        QVBoxLayout(counts_box).addWidget(self.counts)
        next_steps = _label(
            self.tr(
                "接下来：\n"
                "• 在“设置 → 账号管理”中为调度员、文书、值班长和领导开设账号；\n"
                "• 在“人员”中导入网格员、社区工作者花名册；\n"
                "• 街道、社区、网格和部门以后都可以在“设置 → 基础数据”中修改，"
                "或改好模板后再次导入（已有的编码会被更新）。"
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(counts_box)
        layout.addSpacing(12)
        layout.addWidget(next_steps)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self.owner.summary
        if summary is None:
            return
        self.result_label.setText(
            self.tr("已写入数据库。新建 %1；更新 %2。")
            .replace("%1", counts_text(summary.created))
            .replace("%2", counts_text(summary.updated))
        )
        self.counts.show_summary(summary)


class SetupWizard(QWizard):
    """首次设置 on a database without geography, or 从模板导入 later from 基础数据.

    `tasks` is the window's runner when there is one; before the window exists (first start)
    the wizard makes its own and shuts it down when it closes."""

    checked = Signal()  # a template has been read and checked (or could not be read)
    applied = Signal(object)  # SetupSummary, after writing

    INTRO, TEMPLATE, CHECK, DONE = range(4)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        first_start: bool = True,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.own_tasks = tasks is None
        self.tasks = tasks if tasks is not None else TaskRunner(db, self)
        self.check: SetupCheck | None = None
        self.summary: SetupSummary | None = None
        self.busy = False
        self.writing = False  # the write has started: it ends in a commit or a rollback
        self.setObjectName("setupWizard")
        self.setWindowTitle(
            self.tr("首次设置 — 网格指挥调度台") if first_start else self.tr("从模板导入基础数据")
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("上一步")),
            (QWizard.WizardButton.NextButton, self.tr("下一步")),
            (QWizard.WizardButton.CommitButton, self.tr("写入数据库")),
            (QWizard.WizardButton.FinishButton, self.tr("完成")),
            (QWizard.WizardButton.CancelButton, self.tr("取消")),
        ):
            self.setButtonText(button, text)
        self.intro_page = IntroPage(first_start, self)
        self.template_page = TemplatePage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for number, page in enumerate(
            (self.intro_page, self.template_page, self.check_page, self.done_page)
        ):
            self.setPage(number, page)
        self.setStartId(self.INTRO)
        self.resize(780, 520)

    def reject(self) -> None:
        """Cancel (or Esc) does nothing while the write runs: it cannot be taken back half-way."""
        if not self.writing:
            super().reject()

    def done(self, result: int) -> None:
        if self.own_tasks:
            self.tasks.shutdown()
        super().done(result)

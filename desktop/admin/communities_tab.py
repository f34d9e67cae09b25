"""The 社区 tab of 基础数据: the communities with code, name, residents and households, a form to
add or edit one, and the day-one template (写出建街模板… / 从模板导入…) for later updates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.reference.geography import (
    CommunityRow,
    add_community,
    edit_community,
    list_community_rows,
)
from db.reference.master_data import MAX_COUNT
from db.reference.settings_store import CenterSettings, load_settings
from db.setup.apply import SetupSummary
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.tasks import TaskControl
from desktop.setup.setup_jobs import may_set_up, write_template
from desktop.setup.setup_wizard import SetupWizard, counts_text
from desktop.setup.template_files import ask_template_target


def load_communities(db: Database) -> list[CommunityRow]:
    with db.read() as session:
        return list_community_rows(session)


class CommunitiesModel(RowsModel[CommunityRow]):
    CONTEXT = "CommunitiesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("CommunitiesModel", "编码"),
        QT_TRANSLATE_NOOP("CommunitiesModel", "名称"),
        QT_TRANSLATE_NOOP("CommunitiesModel", "常住人口"),
        QT_TRANSLATE_NOOP("CommunitiesModel", "户数"),
        QT_TRANSLATE_NOOP("CommunitiesModel", "网格数"),
    )
    NUMERIC = frozenset({2, 3, 4})

    def cells(self, row: CommunityRow) -> tuple[str, ...]:
        return (row.code, row.name, str(row.population), str(row.households), str(row.grids))


class CommunityForm(QDialog):
    """Add a community (`row` None: its 12-digit code is asked) or edit one (the code stays)."""

    def __init__(self, row: CommunityRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("添加社区") if row is None else self.tr("修改社区"))
        self.setMinimumWidth(380)
        self.code = QLineEdit(row.code if row else "", self)
        self.code.setObjectName("code")
        self.code.setMaxLength(12)
        self.code.setPlaceholderText(self.tr("12 位：街道编码 + 3 位"))
        self.code.setReadOnly(row is not None)
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.population = self._count(row.population if row else 0, "population")
        self.households = self._count(row.households if row else 0, "households")
        form = QFormLayout()
        form.addRow(self.tr("社区编码"), self.code)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("常住人口"), self.population)
        form.addRow(self.tr("户数"), self.households)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _count(self, value: int, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, MAX_COUNT)
        box.setGroupSeparatorShown(True)
        box.setValue(value)
        return box

    def values(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "population": self.population.value(),
            "households": self.households.value(),
        }

    def changes(self) -> dict[str, object]:
        """What differs from the row being edited (everything when adding)."""
        values = self.values()
        if self.row is None:
            return values
        return {k: v for k, v in values.items() if getattr(self.row, k) != v}


class CommunitiesTab(QWidget):
    """社区: the list, add / edit, and the template for updating the geography in one go.

    `saved(text)` after a successful change (the dialog shows it and reloads its other tabs),
    `refused(error)` when something was refused; the tab reloads itself."""

    saved = Signal(str)
    refused = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("communitiesTab")
        self.form: QDialog | None = None
        self.wizard: SetupWizard | None = None
        self.model = CommunitiesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("communityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # 名称
        self.table.doubleClicked.connect(lambda _i: self.edit_community())
        self.add_button = self._button(self.tr("添加社区…"), "addCommunity", self.add_community)
        self.edit_button = self._button(self.tr("修改…"), "editCommunity", self.edit_community)
        self.template_button = self._button(
            self.tr("写出建街模板…"), "writeSetupTemplate", self.write_template
        )
        self.import_button = self._button(
            self.tr("从模板导入…"), "importSetupTemplate", self.import_template
        )
        self.template_button.setToolTip(
            self.tr("街道、社区、网格和部门的 Excel 模板（与首次设置相同）")
        )
        self.import_button.setToolTip(
            self.tr("导入填好的模板：已有的编码更新，新的编码添加，不会重复")
        )
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        row.addWidget(self.template_button)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.saved.connect(lambda _text: self.reload())
        allowed = ctx.actor.can("admin.geography")
        for button in (self.add_button, self.edit_button):
            button.setEnabled(allowed)
        self.import_button.setEnabled(may_set_up(ctx.actor))
        if allowed:
            self.reload()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def reload(self) -> None:
        self.ctx.tasks.submit(load_communities, self._loaded, self.refused.emit, owner=self)

    def _loaded(self, rows: list[CommunityRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if selected is not None and row.code == selected.code:
                self.table.selectRow(number)

    def selected(self) -> CommunityRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # --- add and edit ---

    def _open_form(self, form: CommunityForm, on_accept: object) -> CommunityForm:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(on_accept)
        self.form = form
        form.open()
        return form

    def add_community(self) -> CommunityForm:
        form = CommunityForm(None, self)
        return self._open_form(form, lambda: self.save_new(form.code.text(), form.values()))

    def edit_community(self) -> CommunityForm | None:
        row = self.selected()
        if row is None:
            self.refused.emit(UserError(self.tr("请先选择一个社区")))
            return None
        form = CommunityForm(row, self)
        return self._open_form(form, lambda: self.save(row.code, form.changes()))

    def save_new(self, code: str, values: Mapping[str, object]) -> None:
        actor, done = self.ctx.actor, self.tr("已添加社区 %1 %2")
        code = code.strip()

        def job(db: Database) -> str:
            with db.write() as session:
                row = add_community(
                    session,
                    code,
                    str(values.get("name", "")),
                    values.get("population", 0),
                    values.get("households", 0),
                    actor,
                )
            return done.replace("%1", row.code).replace("%2", row.name)

        self.ctx.tasks.submit(job, self.saved.emit, self.refused.emit, owner=self)

    def save(self, code: str, changes: Mapping[str, object]) -> None:
        if not changes:
            return
        actor, changes, done = self.ctx.actor, dict(changes), self.tr("社区 %1 %2 已保存")

        def job(db: Database) -> str:
            with db.write() as session:
                row = edit_community(session, code, changes, actor)
            return done.replace("%1", row.code).replace("%2", row.name)

        self.ctx.tasks.submit(job, self.saved.emit, self.refused.emit, owner=self)

    # --- the template ---

    def write_template(self) -> None:
        target = ask_template_target(self)
        if target is None:
            return
        done = self.tr("建街模板已写出：%1")

        def job(_control: TaskControl) -> Path:
            return write_template(target)

        self.ctx.tasks.start(
            job,
            lambda path: self.saved.emit(done.replace("%1", str(path))),
            self.refused.emit,
            owner=self,
            name="griddesk-setup-template",
        )

    def import_template(self) -> SetupWizard:
        """The setup wizard on the window's runner, window-modal (deleted when closed)."""
        wizard = SetupWizard(self.ctx.db, self.ctx.actor, self.ctx.tasks, self, first_start=False)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.applied.connect(self._imported)
        self.wizard = wizard
        wizard.open()
        return wizard

    def _imported(self, summary: SetupSummary) -> None:
        self.saved.emit(
            self.tr("已从模板导入。新建：%1；更新：%2")
            .replace("%1", counts_text(summary.created))
            .replace("%2", counts_text(summary.updated))
        )
        # The template also holds 填报单位: the window's settings follow it.
        self.ctx.tasks.submit(_load_settings, self._settings_loaded, owner=self)

    def _settings_loaded(self, settings: CenterSettings) -> None:
        self.ctx.settings = replace(settings)
        self.ctx.signals.settings_changed.emit(settings)


def _load_settings(db: Database) -> CenterSettings:
    with db.read() as session:
        return load_settings(session)

"""Master data for administrators (基础数据): departments, case categories and unit grids.

The dialog: each tab is a table (master_data_models.py) with its edit buttons, which open the
forms of master_data_forms.py; every read and write runs on the database worker, and a refused
edit is shown as one sentence under the tables. `changed` is emitted after each
successful edit so the window can reload lists it keeps (queue filters, department picker).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.reference.categories import update_category
from db.reference.geography import add_grid, update_grid
from db.reference.master_data import add_department, set_department_active, update_department
from desktop.admin.catalogue_actions import CatalogueActions
from desktop.admin.communities_tab import CommunitiesTab
from desktop.admin.gazetteer_tab import GazetteerTab
from desktop.admin.geography_change_dialog import GeographyActions
from desktop.admin.master_data_forms import CategoryForm, DepartmentForm, GridForm
from desktop.admin.master_data_models import (
    CategoriesModel,
    DepartmentsModel,
    GridsModel,
    MasterData,
    load_master_data,
)
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext

Row = TypeVar("Row")


class MasterDataDialog(QDialog):
    """基础数据: tabs 部门 / 案件类别 / 网格 / 社区 (communities_tab.py); a tab is disabled
    without its permission."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: MasterData | None = None
        self.form: QDialog | None = None  # the edit form that is open, if any
        actor = ctx.actor
        self.setWindowTitle(self.tr("基础数据"))
        self.resize(900, 560)

        self.departments = DepartmentsModel(self)
        self.categories = CategoriesModel(self)
        self.grids = GridsModel(self)
        self.department_table = self._table(self.departments, "departmentTable")
        self.category_table = self._table(self.categories, "categoryTable")
        self.grid_table = self._table(self.grids, "gridTable")

        self.add_department_button = self._button(self.tr("添加部门…"), "addDepartment")
        self.edit_department_button = self._button(self.tr("修改…"), "editDepartment")
        self.toggle_department_button = self._button(self.tr("停用 / 启用"), "toggleDepartment")
        self.edit_category_button = self._button(self.tr("修改…"), "editCategory")
        self.edit_grid_button = self._button(self.tr("修改…"), "editGrid")
        self.add_grid_button = self._button(self.tr("添加网格…"), "addGrid")
        self.geography = GeographyActions(self)  # 拆分…, 合并…, 停用… (geography_change_dialog.py)
        self.add_department_button.clicked.connect(self.add_department)
        self.edit_department_button.clicked.connect(self.edit_department)
        self.toggle_department_button.clicked.connect(self.toggle_department)
        self.edit_category_button.clicked.connect(self.edit_category)
        self.edit_grid_button.clicked.connect(self.edit_grid)
        self.add_grid_button.clicked.connect(self.add_grid)
        self.department_table.doubleClicked.connect(lambda _i: self.edit_department())
        self.category_table.doubleClicked.connect(lambda _i: self.edit_category())
        self.grid_table.doubleClicked.connect(lambda _i: self.edit_grid())

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("masterDataTabs")
        self.department_tab = self.tabs.addTab(
            self._page(
                self.department_table,
                self.add_department_button,
                self.edit_department_button,
                self.toggle_department_button,
            ),
            self.tr("部门"),
        )
        self.catalogue = CatalogueActions(self, self)  # 新增小类, 停用 / 启用, 导出 / 导入目录…
        self.category_tab = self.tabs.addTab(
            self._page(self.category_table, self.edit_category_button, *self.catalogue.buttons),
            self.tr("案件类别"),
        )
        self.grid_tab = self.tabs.addTab(
            self._page(
                self.grid_table,
                self.edit_grid_button,
                self.add_grid_button,
                *self.geography.buttons,
            ),
            self.tr("网格"),
        )
        # 社区 (its own module): the communities and the day-one template for later updates.
        self.communities_tab = CommunitiesTab(ctx, self)
        self.communities_tab.saved.connect(self._done)
        self.communities_tab.refused.connect(self._failed)
        self.community_tab = self.tabs.addTab(self.communities_tab, self.tr("社区"))
        self.tabs.setTabEnabled(self.community_tab, actor.can("admin.geography"))
        # 地名地址 (its own module): the gazetteer that places callers' addresses in grids.
        self.gazetteer_tab = GazetteerTab(ctx, self)
        self.gazetteer_tab.saved.connect(self._done)
        self.gazetteer_tab.refused.connect(self._failed)
        self.gazetteer_index = self.tabs.addTab(self.gazetteer_tab, self.tr("地名地址"))
        self.may_departments = actor.can("admin.departments")
        self.may_categories = actor.can("admin.categories")
        self.may_grids = actor.can("admin.geography")
        for tab, allowed, buttons in (
            (
                self.department_tab,
                self.may_departments,
                (
                    self.add_department_button,
                    self.edit_department_button,
                    self.toggle_department_button,
                ),
            ),
            (
                self.category_tab,
                self.may_categories,
                (self.edit_category_button, *self.catalogue.buttons),
            ),
            (
                self.grid_tab,
                self.may_grids,
                (self.edit_grid_button, self.add_grid_button, *self.geography.buttons),
            ),
        ):
            self.tabs.setTabEnabled(tab, allowed)
            for button in buttons:
                button.setEnabled(allowed)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(close)
        if not (self.may_departments or self.may_categories or self.may_grids):
            self._failed(UserError(self.tr("只有管理员可以维护基础数据。")))
        self.reload()

    # --- layout helpers ---

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def _page(self, table: QTableView, *buttons: QPushButton) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addLayout(row)
        return page

    # --- loading and results ---

    def reload(self) -> None:
        self.ctx.tasks.submit(load_master_data, self._loaded, self._failed, owner=self)

    def _loaded(self, data: MasterData) -> None:
        self.data = data
        self._refill(self.department_table, self.departments, data.departments)
        self._refill(self.category_table, self.categories, data.categories)
        self._refill(self.grid_table, self.grids, data.grids)

    def _refill(self, table: QTableView, model: RowsModel[Row], rows: Sequence[Row]) -> None:
        """New rows for `model`, keeping the selected row (by id) selected."""
        selected = self._selected(table, model)
        key = getattr(selected, "id", None)
        model.set_rows(rows)
        for number, row in enumerate(rows):
            if key is not None and getattr(row, "id", None) == key:
                table.selectRow(number)

    def _failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet(palette.ERROR_STYLE)
        self.message.setText(error_text(exc))

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.changed.emit()
        self.reload()

    def _submit(self, job: Callable[[Database], str]) -> None:
        self.ctx.tasks.submit(job, self._done, self._failed, owner=self)

    @staticmethod
    def _selected(table: QTableView, model: RowsModel[Any]) -> Any | None:
        rows = table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(model.rows):
            return None
        return model.rows[rows[0].row()]

    def _open_form(self, form: QDialog, on_accept: Callable[[], None]) -> QDialog:
        """Open `form` window-modal without blocking; `on_accept` runs when OK is pressed."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(on_accept)
        self.form = form
        form.open()
        return form

    # --- departments ---

    def add_department(self) -> QDialog:
        form = DepartmentForm(None, self)
        return self._open_form(form, lambda: self.save_new_department(form.values()))

    def edit_department(self) -> QDialog | None:
        row = self._selected(self.department_table, self.departments)
        if row is None:
            self._failed(UserError(self.tr("请先选择一个部门")))
            return None
        form = DepartmentForm(row, self)
        return self._open_form(form, lambda: self.save_department(row.id, form.changes()))

    def save_new_department(self, values: Mapping[str, object]) -> None:
        actor, done = self.ctx.actor, self.tr("已添加部门「%1」")

        def job(db: Database) -> str:
            with db.write() as session:
                row = add_department(
                    session,
                    str(values.get("name", "")),
                    str(values.get("kind", "")),
                    str(values.get("contact", "")),
                    str(values.get("phone", "")),
                    actor,
                )
            return done.replace("%1", row.name)

        self._submit(job)

    def save_department(self, department_id: int, changes: Mapping[str, object]) -> None:
        if not changes:
            return
        actor, changes, done = self.ctx.actor, dict(changes), self.tr("部门「%1」已保存")

        def job(db: Database) -> str:
            with db.write() as session:
                row = update_department(session, department_id, changes, actor)
            return done.replace("%1", row.name)

        self._submit(job)

    def toggle_department(self) -> None:
        row = self._selected(self.department_table, self.departments)
        if row is None:
            self._failed(UserError(self.tr("请先选择一个部门")))
            return
        actor, active = self.ctx.actor, not row.active
        enabled, disabled = self.tr("部门「%1」已启用"), self.tr("部门「%1」已停用")

        def job(db: Database) -> str:
            with db.write() as session:
                done = set_department_active(session, row.id, active, actor)
            return (enabled if done.active else disabled).replace("%1", done.name)

        self._submit(job)

    # --- categories ---

    def edit_category(self) -> QDialog | None:
        row = self._selected(self.category_table, self.categories)
        if row is None:
            self._failed(UserError(self.tr("请先选择一个案件类别")))
            return None
        active = [d.name for d in self.data.departments if d.active] if self.data else []
        form = CategoryForm(row, active, self)
        return self._open_form(form, lambda: self.save_category(row.code, form.changes()))

    def save_category(self, code: str, changes: Mapping[str, object]) -> None:
        if not changes:
            return
        actor, changes = self.ctx.actor, dict(changes)
        done = self.tr("案件类别 %1 %2 已保存；新时限从下一次流转开始使用")

        def job(db: Database) -> str:
            with db.write() as session:
                row = update_category(session, code, changes, actor)
            return done.replace("%1", row.code).replace("%2", row.name)

        self._submit(job)

    # --- grids ---

    def edit_grid(self) -> QDialog | None:
        row = self._selected(self.grid_table, self.grids)
        if row is None:
            self._failed(UserError(self.tr("请先选择一个网格")))
            return None
        communities = self.data.communities if self.data else []
        form = GridForm(row, communities, self)
        return self._open_form(form, lambda: self.save_grid(row.code, form.changes()))

    def add_grid(self) -> QDialog:
        communities = self.data.communities if self.data else []
        form = GridForm(None, communities, self)
        return self._open_form(
            form,
            lambda: self.save_new_grid(
                str(form.community.currentData() or ""), form.code.text(), form.changes()
            ),
        )

    def save_grid(self, code: str, changes: Mapping[str, object]) -> None:
        if not changes:
            return
        actor, changes, done = self.ctx.actor, dict(changes), self.tr("网格 %1 已保存")

        def job(db: Database) -> str:
            with db.write() as session:
                row = update_grid(session, code, changes, actor)
            return done.replace("%1", row.code)

        self._submit(job)

    def save_new_grid(
        self, community_code: str, grid_code: str, values: Mapping[str, object]
    ) -> None:
        actor, done = self.ctx.actor, self.tr("已添加网格 %1 %2")

        def job(db: Database) -> str:
            with db.write() as session:
                row = add_grid(
                    session,
                    community_code,
                    grid_code,
                    str(values.get("name", "")),
                    values.get("population", 0),
                    values.get("households", 0),
                    actor,
                )
            return done.replace("%1", row.code).replace("%2", row.name)

        self._submit(job)


def open_master_data(ctx: AppContext, parent: QWidget | None = None) -> MasterDataDialog:
    """Open the 基础数据 dialog window-modal (deleted when closed) and return it."""
    dialog = MasterDataDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

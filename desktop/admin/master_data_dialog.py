"""Master data for administrators (基础数据): departments, case categories and unit grids.

Each tab is a table with its edit buttons; every read and write runs on the database worker,
and a refused edit is shown as one sentence under the tables. `changed` is emitted after each
successful edit so the window can reload lists it keeps (queue filters, department picker).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.reference.categories import CategoryRow, list_categories, update_category
from db.reference.geography import GridRow, add_grid, list_communities, list_grids, update_grid
from db.reference.master_data import (
    MAX_COUNT,
    DepartmentRow,
    add_department,
    list_departments,
    set_department_active,
    update_department,
)
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext

DEPARTMENT_KINDS = ("职能部门", "执法部门", "派出机构", "公共服务企业", "社区", "物业")

Row = TypeVar("Row")


@dataclass(frozen=True)
class MasterData:
    """One consistent read of everything the dialog shows."""

    departments: list[DepartmentRow]
    categories: list[CategoryRow]
    grids: list[GridRow]
    communities: list[tuple[str, str]]


def load_master_data(db: Database) -> MasterData:
    with db.read() as session:
        return MasterData(
            list_departments(session),
            list_categories(session),
            list_grids(session),
            list_communities(session),
        )


# --- table models -------------------------------------------------------------------------------


class DepartmentsModel(RowsModel[DepartmentRow]):
    CONTEXT = "DepartmentsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("DepartmentsModel", "名称"),
        QT_TRANSLATE_NOOP("DepartmentsModel", "类型"),
        QT_TRANSLATE_NOOP("DepartmentsModel", "联系人"),
        QT_TRANSLATE_NOOP("DepartmentsModel", "联系电话"),
        QT_TRANSLATE_NOOP("DepartmentsModel", "状态"),
        QT_TRANSLATE_NOOP("DepartmentsModel", "在办案件"),
    )
    NUMERIC = frozenset({5})

    def cells(self, row: DepartmentRow) -> tuple[str, ...]:
        state = self.tr("启用") if row.active else self.tr("停用")
        return (row.name, row.kind, row.contact, row.phone, state, str(row.open_cases))


class CategoriesModel(RowsModel[CategoryRow]):
    CONTEXT = "CategoriesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("CategoriesModel", "编码"),
        QT_TRANSLATE_NOOP("CategoriesModel", "名称"),
        QT_TRANSLATE_NOOP("CategoriesModel", "大类"),
        QT_TRANSLATE_NOOP("CategoriesModel", "默认部门"),
        QT_TRANSLATE_NOOP("CategoriesModel", "派遣时限（小时）"),
        QT_TRANSLATE_NOOP("CategoriesModel", "处置时限（小时）"),
        QT_TRANSLATE_NOOP("CategoriesModel", "核查时限（小时）"),
        QT_TRANSLATE_NOOP("CategoriesModel", "计时"),
        QT_TRANSLATE_NOOP("CategoriesModel", "紧急"),
        QT_TRANSLATE_NOOP("CategoriesModel", "状态"),
    )
    NUMERIC = frozenset({4, 5, 6})

    def cells(self, row: CategoryRow) -> tuple[str, ...]:
        basis = self.tr("自然时") if row.basis == "natural" else self.tr("工作时")
        return (
            row.code,
            row.name,
            row.major,
            row.default_department or "",
            row.dispatch_hours,
            row.handle_hours,
            row.verify_hours,
            basis,
            self.tr("紧急") if row.urgent else "",
            self.tr("启用") if row.active else self.tr("停用"),
        )


class GridsModel(RowsModel[GridRow]):
    CONTEXT = "GridsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("GridsModel", "编码"),
        QT_TRANSLATE_NOOP("GridsModel", "社区"),
        QT_TRANSLATE_NOOP("GridsModel", "名称"),
        QT_TRANSLATE_NOOP("GridsModel", "人口"),
        QT_TRANSLATE_NOOP("GridsModel", "户数"),
    )
    NUMERIC = frozenset({3, 4})

    def cells(self, row: GridRow) -> tuple[str, ...]:
        return (row.code, row.community, row.name, str(row.population), str(row.households))


# --- edit forms ---------------------------------------------------------------------------------


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(QCoreApplication.translate("MasterDataForm", "确定"))
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(QCoreApplication.translate("MasterDataForm", "取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class DepartmentForm(QDialog):
    """Add a department (`row` None) or edit one; `changes()` gives what the user changed."""

    def __init__(self, row: DepartmentRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("添加部门") if row is None else self.tr("修改部门"))
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.setEditable(True)
        self.kind.addItems(DEPARTMENT_KINDS)
        self.kind.setCurrentText(row.kind if row else DEPARTMENT_KINDS[0])
        self.contact = QLineEdit(row.contact if row else "", self)
        self.contact.setObjectName("contact")
        self.phone = QLineEdit(row.phone if row else "", self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("手机号码或带区号的固定电话，如 024-42861301"))
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "kind": self.kind.currentText(),
            "contact": self.contact.text(),
            "phone": self.phone.text(),
        }

    def changes(self) -> dict[str, object]:
        values = self.values()
        if self.row is None:
            return values
        return {k: v for k, v in values.items() if v != getattr(self.row, k)}


class CategoryForm(QDialog):
    """Edit a 小类: default department, the three limits in hours, basis, urgent, active."""

    def __init__(
        self, row: CategoryRow, departments: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(
            self.tr("修改案件类别 %1 %2").replace("%1", row.code).replace("%2", row.name)
        )
        self.department = QComboBox(self)
        self.department.setObjectName("defaultDepartment")
        self.department.addItem(self.tr("（无默认部门）"), "")
        for name in departments:
            self.department.addItem(name, name)
        if row.default_department and row.default_department not in departments:
            self.department.addItem(row.default_department, row.default_department)
        self.department.setCurrentIndex(
            max(self.department.findData(row.default_department or ""), 0)
        )
        self.dispatch = QLineEdit(row.dispatch_hours, self)
        self.dispatch.setObjectName("dispatchHours")
        self.handle = QLineEdit(row.handle_hours, self)
        self.handle.setObjectName("handleHours")
        self.verify = QLineEdit(row.verify_hours, self)
        self.verify.setObjectName("verifyHours")
        self.basis = QComboBox(self)
        self.basis.setObjectName("basis")
        self.basis.addItem(self.tr("工作时（只计工作日的工作时间）"), "working")
        self.basis.addItem(self.tr("自然时（昼夜连续计时）"), "natural")
        self.basis.setCurrentIndex(max(self.basis.findData(row.basis), 0))
        self.urgent = QCheckBox(self.tr("紧急类别"), self)
        self.urgent.setObjectName("urgent")
        self.urgent.setChecked(row.urgent)
        self.active = QCheckBox(self.tr("启用（停用后不能再上报此类案件）"), self)
        self.active.setObjectName("active")
        self.active.setChecked(row.active)
        note = QLabel(
            self.tr("时限以小时计（可写 0.5）。已有案件的期限不变，新时限从下一次流转开始使用。"),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("默认部门"), self.department)
        form.addRow(self.tr("派遣时限（小时）"), self.dispatch)
        form.addRow(self.tr("处置时限（小时）"), self.handle)
        form.addRow(self.tr("核查时限（小时）"), self.verify)
        form.addRow(self.tr("计时方式"), self.basis)
        form.addRow("", self.urgent)
        form.addRow("", self.active)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def changes(self) -> dict[str, object]:
        row = self.row
        out: dict[str, object] = {}
        department = str(self.department.currentData() or "")
        if department != (row.default_department or ""):
            out["default_department"] = department
        for key, edit, old in (
            ("dispatch_hours", self.dispatch, row.dispatch_hours),
            ("handle_hours", self.handle, row.handle_hours),
            ("verify_hours", self.verify, row.verify_hours),
        ):
            if edit.text().strip() != old:
                out[key] = edit.text()
        if self.basis.currentData() != row.basis:
            out["basis"] = str(self.basis.currentData())
        if self.urgent.isChecked() != row.urgent:
            out["urgent"] = self.urgent.isChecked()
        if self.active.isChecked() != row.active:
            out["active"] = self.active.isChecked()
        return out


class GridForm(QDialog):
    """Add a grid to a community (`row` None) or edit a grid's name and figures."""

    def __init__(
        self,
        row: GridRow | None,
        communities: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("添加网格") if row is None else self.tr("修改网格"))
        self.community = QComboBox(self)
        self.community.setObjectName("community")
        for code, name in communities:
            self.community.addItem(f"{name}（{code}）", code)
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setMaxLength(15)
        if row is None:
            self.code.setPlaceholderText(self.tr("社区编码 + 2 或 3 位网格序号"))
            self.community.currentIndexChanged.connect(self._community_changed)
            self._community_changed(0)
        else:
            self.community.setCurrentIndex(max(self.community.findData(row.community_code), 0))
            self.community.setEnabled(False)
            self.code.setText(row.code)
            self.code.setReadOnly(True)
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.population = QSpinBox(self)
        self.population.setObjectName("population")
        self.households = QSpinBox(self)
        self.households.setObjectName("households")
        for spin in (self.population, self.households):
            spin.setRange(0, MAX_COUNT)
            spin.setGroupSeparatorShown(False)
        self.population.setValue(row.population if row else 0)
        self.households.setValue(row.households if row else 0)
        form = QFormLayout()
        form.addRow(self.tr("社区"), self.community)
        form.addRow(self.tr("网格编码"), self.code)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("人口"), self.population)
        form.addRow(self.tr("户数"), self.households)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _community_changed(self, _index: int) -> None:
        code = self.community.currentData()
        if code and not self.code.text().startswith(str(code)):
            self.code.setText(str(code))

    def changes(self) -> dict[str, object]:
        values: dict[str, object] = {
            "name": self.name.text(),
            "population": self.population.value(),
            "households": self.households.value(),
        }
        if self.row is None:
            return values
        return {k: v for k, v in values.items() if v != getattr(self.row, k)}


# --- the dialog ---------------------------------------------------------------------------------


class MasterDataDialog(QDialog):
    """基础数据: three tabs (部门 / 案件类别 / 网格); a tab is disabled without its permission."""

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
        self.category_tab = self.tabs.addTab(
            self._page(self.category_table, self.edit_category_button), self.tr("案件类别")
        )
        self.grid_tab = self.tabs.addTab(
            self._page(self.grid_table, self.edit_grid_button, self.add_grid_button),
            self.tr("网格"),
        )
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
            (self.category_tab, self.may_categories, (self.edit_category_button,)),
            (self.grid_tab, self.may_grids, (self.edit_grid_button, self.add_grid_button)),
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

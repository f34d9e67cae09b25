"""The 基础数据 edit forms: add or edit a department, edit a case category, add or edit a grid.

Each form only collects input; `changes()` (or `values()`) gives what the user entered and the
dialog saves it on the database thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.reference.categories import CategoryRow
from db.reference.geography import GridRow
from db.reference.master_data import MAX_COUNT, DepartmentRow

DEPARTMENT_KINDS = ("职能部门", "执法部门", "派出机构", "公共服务企业", "社区", "物业")


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

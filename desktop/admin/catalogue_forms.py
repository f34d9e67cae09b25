"""The catalogue's forms in 基础数据: a new 小类 (with a new 大类 when it needs one), a 小类's
name and keywords, and the check of an imported catalogue before it is written.

Each form only collects input; the 基础数据 dialog's catalogue actions save it on the database
thread (desktop/admin/catalogue_actions.py).
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
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.reference.catalogue_import import CataloguePlan
from db.reference.categories import CategoryRow, MajorRow
from db.reference.category_keywords import shown_keywords
from desktop.common.db_messages import db_message_text

NEW_MAJOR = "__new__"  # the 大类 choice that opens the fields of a new 大类


def _buttons(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text or QCoreApplication.translate("CatalogueForm", "确定"))
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(QCoreApplication.translate("CatalogueForm", "取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def next_code(major_code: str, taken: Sequence[str]) -> str:
    """The first free 小类 code under `major_code` after the highest one in use."""
    used = [int(code[2:]) for code in taken if code.startswith(major_code) and len(code) == 4]
    following = max(used, default=0) + 1
    return f"{major_code}{following:02d}" if following <= 99 else major_code


class NewCategoryForm(QDialog):
    """新增小类: 大类 (or a new one), code, name, default department, the three limits,
    basis, urgency and keywords; `values()` and `new_major()` give what was entered."""

    def __init__(
        self,
        majors: Sequence[MajorRow],
        categories: Sequence[CategoryRow],
        departments: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增小类"))
        self.taken = [c.code for c in categories]
        self.major = QComboBox(self)
        self.major.setObjectName("major")
        for major in majors:
            self.major.addItem(major.label, major.code)
        self.major.addItem(self.tr("（新增大类…）"), NEW_MAJOR)
        self.major_code = QLineEdit(self)
        self.major_code.setObjectName("majorCode")
        self.major_code.setMaxLength(2)
        self.major_code.setPlaceholderText(self.tr("事件 01–49，部件 50–99"))
        self.major_kind = QComboBox(self)
        self.major_kind.setObjectName("majorKind")
        self.major_kind.addItems([self.tr("事件"), self.tr("部件")])
        self.major_kind.setItemData(0, "事件")
        self.major_kind.setItemData(1, "部件")
        self.major_name = QLineEdit(self)
        self.major_name.setObjectName("majorName")
        self.major_name.setMaxLength(64)
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.code.setMaxLength(4)
        self.code.setPlaceholderText(self.tr("大类编码 + 2 位序号，如 0710"))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.department = QComboBox(self)
        self.department.setObjectName("defaultDepartment")
        self.department.addItem(self.tr("（无默认部门）"), "")
        for name in departments:
            self.department.addItem(name, name)
        self.dispatch = QLineEdit("0.5", self)
        self.dispatch.setObjectName("dispatchHours")
        self.handle = QLineEdit("24", self)
        self.handle.setObjectName("handleHours")
        self.verify = QLineEdit("1", self)
        self.verify.setObjectName("verifyHours")
        self.basis = QComboBox(self)
        self.basis.setObjectName("basis")
        self.basis.addItem(self.tr("工作时（只计工作日的工作时间）"), "working")
        self.basis.addItem(self.tr("自然时（昼夜连续计时）"), "natural")
        self.urgent = QCheckBox(self.tr("紧急类别"), self)
        self.urgent.setObjectName("urgent")
        self.keywords = QLineEdit(self)
        self.keywords.setObjectName("keywords")
        self.keywords.setPlaceholderText(
            self.tr("群众常用的说法，用逗号或顿号分隔，如：井盖、马葫芦")
        )
        note = QLabel(
            self.tr(
                "小类编码为 4 位：前 2 位是大类编码。时限以小时计（可写 0.5）。"
                "关键词用于受理时推荐类别。"
            ),
            self,
        )
        note.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("大类"), self.major)
        self.form.addRow(self.tr("新大类编码"), self.major_code)
        self.form.addRow(self.tr("新大类类型"), self.major_kind)
        self.form.addRow(self.tr("新大类名称"), self.major_name)
        self.form.addRow(self.tr("小类编码"), self.code)
        self.form.addRow(self.tr("小类名称"), self.name)
        self.form.addRow(self.tr("默认部门"), self.department)
        self.form.addRow(self.tr("派遣时限（小时）"), self.dispatch)
        self.form.addRow(self.tr("处置时限（小时）"), self.handle)
        self.form.addRow(self.tr("核查时限（小时）"), self.verify)
        self.form.addRow(self.tr("计时方式"), self.basis)
        self.form.addRow("", self.urgent)
        self.form.addRow(self.tr("关键词"), self.keywords)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.major.currentIndexChanged.connect(self._major_changed)
        self.major_code.textChanged.connect(self._new_major_code)
        self._major_changed(0)

    def _major_changed(self, _index: int) -> None:
        new = self.major.currentData() == NEW_MAJOR
        for field in (self.major_code, self.major_kind, self.major_name):
            self.form.setRowVisible(field, new)
        self.adjustSize()
        code = self.major_code.text().strip() if new else str(self.major.currentData() or "")
        self._suggest(code)

    def _new_major_code(self, text: str) -> None:
        if self.major.currentData() == NEW_MAJOR:
            self._suggest(text.strip())

    def _suggest(self, major_code: str) -> None:
        if len(major_code) == 2 and major_code.isdigit():
            self.code.setText(next_code(major_code, self.taken))

    def new_major(self) -> dict[str, str] | None:
        """The new 大类 to add first (code, kind, name), or None for an existing one."""
        if self.major.currentData() != NEW_MAJOR:
            return None
        return {
            "code": self.major_code.text(),
            "kind": str(self.major_kind.currentData()),
            "name": self.major_name.text(),
        }

    def values(self) -> dict[str, object]:
        major = self.new_major()
        return {
            "code": self.code.text(),
            "major": major["code"] if major else str(self.major.currentData() or ""),
            "name": self.name.text(),
            "default_department": str(self.department.currentData() or ""),
            "dispatch_hours": self.dispatch.text(),
            "handle_hours": self.handle.text(),
            "verify_hours": self.verify.text(),
            "basis": str(self.basis.currentData()),
            "urgent": self.urgent.isChecked(),
            "keywords": self.keywords.text(),
        }


class KeywordsForm(QDialog):
    """A 小类's name and keywords; `changes()` gives what the user changed."""

    def __init__(self, row: CategoryRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("小类 %1 的名称与关键词").replace("%1", row.code))
        self.name = QLineEdit(row.name, self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.keywords = QPlainTextEdit(shown_keywords(row.keywords), self)
        self.keywords.setObjectName("keywords")
        self.keywords.setPlaceholderText(
            self.tr("用逗号、顿号或换行分隔，如：井盖、马葫芦、窨井盖")
        )
        self.keywords.setTabChangesFocus(True)
        note = QLabel(
            self.tr(
                "改名后，已有案件也显示新名称。关键词是群众常用的说法和同义词，受理时据此推荐类别。"
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("关键词"), self.keywords)
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(440, 260)

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.name.text().strip() != self.row.name:
            out["name"] = self.name.text()
        if self.keywords.toPlainText().strip() != shown_keywords(self.row.keywords):
            out["keywords"] = self.keywords.toPlainText()
        return out


class CataloguePlanDialog(QDialog):
    """What an imported catalogue would change, or every problem in it; 导入 only when there
    are none."""

    def __init__(self, plan: CataloguePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("导入案件类别目录"))
        summary = QLabel(db_message_text(plan.summary()), self)
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        self.details = QPlainTextEdit(
            "\n".join(db_message_text(line) for line in plan.lines()) or self.tr("没有变化。"), self
        )
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.buttons = _buttons(self, self.tr("导入"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(plan.ok)
        if not plan.ok:
            close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            close.setText(self.tr("关闭"))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

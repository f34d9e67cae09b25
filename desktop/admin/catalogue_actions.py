"""The catalogue's actions on the 基础数据 dialog's 案件类别 tab: 新增小类, 名称与关键词,
停用 / 启用, 导出目录, 导入目录. Every read and write runs on the database worker through the
dialog (`_submit`, `_failed`), so a refusal is one sentence under the tables, as for the other
edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QTableView, QWidget

from db.engine import Database
from db.errors import UserError
from db.reference.catalogue_import import (
    CataloguePlan,
    apply_catalogue_import,
    plan_catalogue_import,
)
from db.reference.catalogue_sheet import export_catalogue
from db.reference.categories import (
    CategoryRow,
    add_category,
    add_major,
    set_category_active,
    update_category,
)
from desktop.admin.catalogue_forms import CataloguePlanDialog, KeywordsForm, NewCategoryForm
from desktop.admin.master_data_models import CategoriesModel, MasterData
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext


class CatalogueHost(Protocol):
    """What the actions use of the 基础数据 dialog (desktop/admin/master_data_dialog.py)."""

    ctx: AppContext
    data: MasterData | None
    category_table: QTableView
    categories: CategoriesModel
    message: QLabel

    def _selected(self, table: QTableView, model: Any) -> Any | None: ...
    def _failed(self, exc: BaseException) -> None: ...
    def _submit(self, job: Callable[[Database], str]) -> None: ...
    def _open_form(self, form: QDialog, on_accept: Callable[[], None]) -> QDialog: ...


class CatalogueActions(QObject):
    """The buttons of the catalogue and what they do; `buttons` go under the 案件类别 table."""

    def __init__(self, dialog: CatalogueHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.dialog = dialog
        self.parent_widget = parent
        self.add_button = self._button(self.tr("新增小类…"), "addCategory")
        self.keywords_button = self._button(self.tr("名称与关键词…"), "categoryKeywords")
        self.toggle_button = self._button(self.tr("停用 / 启用"), "toggleCategory")
        self.export_button = self._button(self.tr("导出目录…"), "exportCatalogue")
        self.import_button = self._button(self.tr("导入目录…"), "importCatalogue")
        self.buttons = (
            self.add_button,
            self.keywords_button,
            self.toggle_button,
            self.export_button,
            self.import_button,
        )
        self.add_button.clicked.connect(self.add_category)
        self.keywords_button.clicked.connect(self.edit_keywords)
        self.toggle_button.clicked.connect(self.toggle_category)
        self.export_button.clicked.connect(lambda: self.export_to())
        self.import_button.clicked.connect(lambda: self.import_from())
        self.plan_dialog: CataloguePlanDialog | None = None

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self.parent_widget)
        button.setObjectName(name)
        return button

    def _selected(self) -> CategoryRow | None:
        dialog = self.dialog
        row = dialog._selected(dialog.category_table, dialog.categories)
        if not isinstance(row, CategoryRow):
            dialog._failed(UserError(self.tr("请先选择一个小类")))
            return None
        return row

    # --- 新增小类 ---

    def add_category(self) -> QDialog:
        data = self.dialog.data
        form = NewCategoryForm(
            data.majors if data else [],
            data.categories if data else [],
            [d.name for d in data.departments if d.active] if data else [],
            self.parent_widget,
        )
        return self.dialog._open_form(
            form, lambda: self.save_new_category(form.new_major(), form.values())
        )

    def save_new_category(self, major: dict[str, str] | None, values: dict[str, object]) -> None:
        actor, done = self.dialog.ctx.actor, self.tr("已添加小类 %1 %2（%3）")

        def job(db: Database) -> str:
            with db.write() as session:  # a new 大类 and its first 小类 together, or neither
                if major is not None:
                    add_major(session, major["code"], major["kind"], major["name"], actor)
                row = add_category(session, values, actor)
            return done.replace("%1", row.code).replace("%2", row.name).replace("%3", row.major)

        self.dialog._submit(job)

    # --- 名称与关键词 ---

    def edit_keywords(self) -> QDialog | None:
        row = self._selected()
        if row is None:
            return None
        form = KeywordsForm(row, self.parent_widget)
        return self.dialog._open_form(
            form, lambda: self.save_keywords(form.row.code, form.changes())
        )

    def save_keywords(self, code: str, changes: dict[str, object]) -> None:
        if not changes:
            return
        actor, done = self.dialog.ctx.actor, self.tr("小类 %1 %2 已保存")

        def job(db: Database) -> str:
            with db.write() as session:
                row = update_category(session, code, changes, actor)
            return done.replace("%1", row.code).replace("%2", row.name)

        self.dialog._submit(job)

    # --- 停用 / 启用 ---

    def toggle_category(self) -> None:
        row = self._selected()
        if row is None:
            return
        code, active = row.code, not row.active
        actor = self.dialog.ctx.actor
        enabled = self.tr("小类 %1 %2 已启用，可以上报此类案件")
        retired = self.tr("小类 %1 %2 已停用：不能再上报此类案件，已有案件和报表保留此类别")

        def job(db: Database) -> str:
            with db.write() as session:
                done = set_category_active(session, code, active, actor)
            text = enabled if done.active else retired
            return text.replace("%1", done.code).replace("%2", done.name)

        self.dialog._submit(job)

    # --- 导出 / 导入 ---

    def export_to(self, path: Path | None = None) -> None:
        """Write the catalogue to `path` (asked with a file dialog when not given)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.parent_widget,
                self.tr("导出案件类别目录"),
                self.tr("案件类别目录.xlsx"),
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        target, done = path, self.tr("已导出 %1 个小类到 %2")

        def job(db: Database) -> str:
            count = export_catalogue(db, target)
            return done.replace("%1", str(count)).replace("%2", str(target))

        self.dialog.ctx.tasks.submit(job, self._exported, self.dialog._failed, owner=self)

    def _exported(self, text: str) -> None:
        self.dialog.message.setStyleSheet("")
        self.dialog.message.setText(text)

    def import_from(self, path: Path | None = None) -> None:
        """Check the catalogue in `path` (asked when not given) and show what it would change
        or every problem in it; 导入 writes it."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.parent_widget,
                self.tr("导入案件类别目录"),
                "",
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        source = path
        self.dialog.ctx.tasks.submit(
            lambda db: plan_catalogue_import(db, source),
            self._planned,
            self.dialog._failed,
            owner=self,
        )

    def _planned(self, plan: CataloguePlan) -> None:
        review = CataloguePlanDialog(plan, self.parent_widget)
        self.plan_dialog = review
        self.dialog._open_form(review, lambda: self.apply_import(plan))
        if plan.problems:
            self.dialog._failed(UserError(plan.summary()))

    def apply_import(self, plan: CataloguePlan) -> None:
        actor = self.dialog.ctx.actor

        def job(db: Database) -> str:
            return db_message_text(apply_catalogue_import(db, plan, actor).summary())

        self.dialog._submit(job)

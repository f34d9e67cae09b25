"""The 基础数据 dialog's data: one read of departments, categories, grids and communities, and the
three table models that show them (headers translated through RowsModel).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from db.engine import Database
from db.reference.categories import CategoryRow, MajorRow, list_categories, list_majors
from db.reference.geography import GridRow, list_communities, list_grids
from db.reference.master_data import DepartmentRow, list_departments
from desktop.common import palette
from desktop.common.rows_model import RowsModel

RETIRED = QColor(palette.INACTIVE)  # a retired (停用) 小类's row


@dataclass(frozen=True)
class MasterData:
    """One consistent read of everything the dialog shows."""

    departments: list[DepartmentRow]
    categories: list[CategoryRow]
    grids: list[GridRow]
    communities: list[tuple[str, str]]
    majors: list[MajorRow] = field(default_factory=list)


def load_master_data(db: Database) -> MasterData:
    with db.read() as session:
        return MasterData(
            list_departments(session),
            list_categories(session),
            list_grids(session),
            list_communities(session),
            list_majors(session),
        )


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
        QT_TRANSLATE_NOOP("CategoriesModel", "关键词"),
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
            self._state(row),
            "、".join(row.keywords),
        )

    def foreground(self, number: int, column: int) -> QColor | None:
        return None if self.rows[number].active else RETIRED

    def _state(self, row: CategoryRow) -> str:
        if row.active:
            return self.tr("启用")
        if row.retired_on is None:
            return self.tr("停用")
        return self.tr("停用（%1）").replace("%1", f"{row.retired_on:%Y-%m-%d}")


class GridsModel(RowsModel[GridRow]):
    CONTEXT = "GridsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("GridsModel", "编码"),
        QT_TRANSLATE_NOOP("GridsModel", "社区"),
        QT_TRANSLATE_NOOP("GridsModel", "名称"),
        QT_TRANSLATE_NOOP("GridsModel", "人口"),
        QT_TRANSLATE_NOOP("GridsModel", "户数"),
        QT_TRANSLATE_NOOP("GridsModel", "状态"),
    )
    NUMERIC = frozenset({3, 4})

    def cells(self, row: GridRow) -> tuple[str, ...]:
        state = (
            self.tr("%1 起停用").replace("%1", f"{row.retired_on:%Y-%m-%d}")
            if row.retired_on is not None
            else self.tr("在用")
        )
        return (row.code, row.community, row.name, str(row.population), str(row.households), state)

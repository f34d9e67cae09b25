"""区划调整 in 基础数据's 网格 tab: split (拆分…), merge (合并…) and retire (停用…) the selected
grid, with the day the change takes effect.

`GeographyChangeForm` only collects input; `GeographyActions` adds the three buttons to the
master-data dialog, opens the form for the selected grid and runs the change
(db.boundaries.changes) on the database worker. The summary it returns (which staff moved
where) is shown under the tables for the secretary to check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.boundaries.changes import merge_grids, retire_grid, split_grid
from db.engine import Database
from db.errors import UserError
from db.reference.geography import GridRow
from desktop.admin.master_data_forms import _buttons
from desktop.admin.master_data_models import GridsModel
from desktop.core.context import AppContext

SPLIT, MERGE, RETIRE = "split", "merge", "retire"


class GeographyChangeForm(QDialog):
    """The form of one change of `grid`: `kind` split, merge or retire."""

    def __init__(
        self,
        kind: str,
        grid: GridRow,
        neighbours: Sequence[GridRow],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.grid = kind, grid
        titles = {
            SPLIT: self.tr("拆分网格"),
            MERGE: self.tr("合并网格"),
            RETIRE: self.tr("停用网格"),
        }
        self.setWindowTitle(titles[kind])
        self.on = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.on.setObjectName("effectiveOn")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("如调整文件文号"))
        form = QFormLayout()
        form.addRow(self.tr("网格"), QLabel(f"{grid.code}  {grid.community} {grid.name}", self))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.parts = QTableWidget(0, 2, self)
        self.parts.setObjectName("parts")
        self.others = QListWidget(self)
        self.others.setObjectName("others")
        self.into_code = QLineEdit(self)
        self.into_code.setObjectName("intoCode")
        self.into_name = QLineEdit(self)
        self.into_name.setObjectName("intoName")
        if kind == SPLIT:
            self.parts.setHorizontalHeaderLabels([self.tr("新网格编码"), self.tr("新网格名称")])
            self.parts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.parts.verticalHeader().hide()
            add = QPushButton(self.tr("增加一个新网格"), self)
            add.setObjectName("addPart")
            add.clicked.connect(self.add_part)
            self.add_part()
            self.add_part()
            layout.addWidget(
                QLabel(self.tr("拆分为（原网格自生效日期起停用，已有案件仍属原网格）："), self)
            )
            layout.addWidget(self.parts)
            layout.addWidget(add)
            hint = self.tr("在岗网格长、网格员转入第一个新网格，完成后请核对名册。")
            layout.addWidget(QLabel(hint, self))
        elif kind == MERGE:
            for row in neighbours:
                if row.code == grid.code or row.retired_on is not None:
                    continue
                item = QListWidgetItem(f"{row.code}  {row.name}", self.others)
                item.setData(Qt.ItemDataRole.UserRole, row.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.others.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            self.into_code.setText(grid.code)
            self.into_name.setText(grid.name)
            layout.addWidget(QLabel(self.tr("与本社区的这些网格合并："), self))
            layout.addWidget(self.others)
            merged = QFormLayout()
            merged.addRow(self.tr("合并后编码"), self.into_code)
            merged.addRow(self.tr("合并后名称"), self.into_name)
            layout.addLayout(merged)
        else:
            layout.addWidget(
                QLabel(self.tr("停用后不能再在该网格上报新案件；已有案件仍属该网格。"), self)
            )
        dates = QFormLayout()
        dates.addRow(self.tr("生效日期"), self.on)
        dates.addRow(self.tr("说明"), self.note)
        layout.addLayout(dates)
        self.buttons = _buttons(self)
        layout.addWidget(self.buttons)
        used = {SPLIT: (self.parts,), MERGE: (self.others, self.into_code, self.into_name)}
        for widget in (self.parts, self.others, self.into_code, self.into_name):
            widget.setVisible(widget in used.get(kind, ()))

    def add_part(self) -> None:
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        self.parts.setItem(row, 0, QTableWidgetItem(self.grid.community_code))
        self.parts.setItem(row, 1, QTableWidgetItem(""))

    def effective_on(self) -> date:
        day = self.on.date()
        return date(day.year(), day.month(), day.day())

    def split_parts(self) -> list[tuple[str, str]]:
        """(code, name) of the rows filled in (a row with only the community's code is empty)."""
        parts: list[tuple[str, str]] = []
        for row in range(self.parts.rowCount()):
            code_item, name_item = self.parts.item(row, 0), self.parts.item(row, 1)
            code = code_item.text().strip() if code_item else ""
            name = name_item.text().strip() if name_item else ""
            if name or code not in ("", self.grid.community_code):
                parts.append((code, name))
        return parts

    def merged_codes(self) -> list[str]:
        codes = [self.grid.code]
        for number in range(self.others.count()):
            item = self.others.item(number)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return codes


class _Host(Protocol):
    """What the actions use of the 基础数据 dialog (master_data_dialog.MasterDataDialog)."""

    ctx: AppContext
    grid_table: QTableView
    grids: GridsModel

    def _button(self, text: str, name: str) -> QPushButton: ...
    def _selected(self, table: QTableView, model: Any) -> Any | None: ...
    def _failed(self, exc: BaseException) -> None: ...
    def _open_form(self, form: QDialog, on_accept: Callable[[], None]) -> QDialog: ...
    def _submit(self, job: Callable[[Database], str]) -> None: ...


class GeographyActions:
    """拆分…, 合并…, 停用… for the master-data dialog's 网格 tab."""

    def __init__(self, dialog: _Host) -> None:
        self.dialog = dialog
        self.split_button = dialog._button(
            QCoreApplication.translate("GeographyActions", "拆分…"), "splitGrid"
        )
        self.merge_button = dialog._button(
            QCoreApplication.translate("GeographyActions", "合并…"), "mergeGrid"
        )
        self.retire_button = dialog._button(
            QCoreApplication.translate("GeographyActions", "停用…"), "retireGrid"
        )
        self.buttons = (self.split_button, self.merge_button, self.retire_button)
        self.split_button.clicked.connect(lambda: self.open(SPLIT))
        self.merge_button.clicked.connect(lambda: self.open(MERGE))
        self.retire_button.clicked.connect(lambda: self.open(RETIRE))

    def open(self, kind: str) -> GeographyChangeForm | None:
        dialog = self.dialog
        row: GridRow | None = dialog._selected(dialog.grid_table, dialog.grids)
        if row is None:
            dialog._failed(
                UserError(QCoreApplication.translate("GeographyActions", "请先选择一个网格"))
            )
            return None
        if row.retired_on is not None:
            dialog._failed(
                UserError(
                    QCoreApplication.translate("GeographyActions", "网格 %1 已停用").replace(
                        "%1", row.code
                    )
                )
            )
            return None
        neighbours = [g for g in dialog.grids.rows if g.community_code == row.community_code]
        parent = dialog if isinstance(dialog, QWidget) else None
        form = GeographyChangeForm(kind, row, neighbours, date.today(), parent)
        dialog._open_form(form, lambda: self.run(form))
        return form

    def run(self, form: GeographyChangeForm) -> None:
        actor, kind, code = self.dialog.ctx.actor, form.kind, form.grid.code
        on, note = form.effective_on(), form.note.text()
        parts, merged = form.split_parts(), form.merged_codes()
        into = (form.into_code.text().strip(), form.into_name.text().strip())

        def job(db: Database) -> str:
            with db.write() as session:
                if kind == SPLIT:
                    summary = split_grid(session, code, parts, on, actor, note=note)
                elif kind == MERGE:
                    summary = merge_grids(session, merged, into[0], into[1], on, actor, note=note)
                else:
                    summary = retire_grid(session, code, on, actor, note=note)
            return summary.text()

        self.dialog._submit(job)

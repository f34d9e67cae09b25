"""The 地名地址 tab of 基础数据: the gazetteer (roads with door-number ranges, estates with their
buildings, landmarks, each in one grid) with a filter, a form to add or edit a row, deleting,
the Excel template, its import (every problem listed) and export, and a box to try placing an
address. Every read and write is a `db` function on the window's runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.gazetteer.entries import (
    LANDMARK_TYPES,
    MAX_NUMBER,
    EntryValues,
    GazetteerRow,
    add_entry,
    delete_entries,
    grid_choices,
    list_entries,
    update_entry,
)
from db.gazetteer.index import ESTATE, LANDMARK, ROAD
from db.gazetteer.placement import Placement, place_in
from db.gazetteer.workbook import (
    GazetteerProblems,
    ImportSummary,
    export_gazetteer,
    import_gazetteer,
    write_gazetteer_template,
)
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.tasks import TaskControl

KIND_NAMES = {
    ROAD: QT_TRANSLATE_NOOP("GazetteerTab", "道路"),
    ESTATE: QT_TRANSLATE_NOOP("GazetteerTab", "小区"),
    LANDMARK: QT_TRANSLATE_NOOP("GazetteerTab", "地标"),
}
SIDE_NAMES = {
    "both": QT_TRANSLATE_NOOP("GazetteerTab", "单双号"),
    "odd": QT_TRANSLATE_NOOP("GazetteerTab", "单号"),
    "even": QT_TRANSLATE_NOOP("GazetteerTab", "双号"),
}


def _tr(text: object) -> str:
    """A QT_TRANSLATE_NOOP("GazetteerTab", …) mark or text of this module, translated."""
    return QCoreApplication.translate("GazetteerTab", str(text))


@dataclass(frozen=True)
class GazetteerData:
    rows: list[GazetteerRow]
    grids: list[tuple[str, str]]


def load_gazetteer_rows(db: Database) -> GazetteerData:
    with db.read() as session:
        return GazetteerData(list_entries(session), grid_choices(session))


class GazetteerModel(RowsModel[GazetteerRow]):
    CONTEXT = "GazetteerModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("GazetteerModel", "类型"),
        QT_TRANSLATE_NOOP("GazetteerModel", "名称"),
        QT_TRANSLATE_NOOP("GazetteerModel", "门牌号 / 楼号"),
        QT_TRANSLATE_NOOP("GazetteerModel", "类别"),
        QT_TRANSLATE_NOOP("GazetteerModel", "别名"),
        QT_TRANSLATE_NOOP("GazetteerModel", "网格编码"),
        QT_TRANSLATE_NOOP("GazetteerModel", "网格"),
    )

    def cells(self, row: GazetteerRow) -> tuple[str, ...]:
        return (
            _tr(KIND_NAMES.get(row.kind, row.kind)),
            row.name,
            self._range(row),
            row.landmark_type,
            row.aliases,
            row.grid_code,
            row.grid_name,
        )

    @staticmethod
    def _range(row: GazetteerRow) -> str:
        if row.first_no is None or row.last_no is None:
            return (
                QCoreApplication.translate("GazetteerModel", "整个小区")
                if row.kind == ESTATE
                else ""
            )
        first, last = str(row.first_no), str(row.last_no)
        if row.kind == ROAD:
            text = (
                QCoreApplication.translate("GazetteerModel", "%1–%2号")
                .replace("%1", first)
                .replace("%2", last)
            )
            return text if row.side == "both" else f"{text} {_tr(SIDE_NAMES[row.side])}"
        return (
            QCoreApplication.translate("GazetteerModel", "%1–%2号楼")
            .replace("%1", first)
            .replace("%2", last)
        )


class GazetteerForm(QDialog):
    """Add a row (`row` None) or edit one: kind, name, aliases, numbers, side, type, grid."""

    def __init__(
        self, row: GazetteerRow | None, grids: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("添加地名地址") if row is None else self.tr("修改地名地址"))
        self.setMinimumWidth(420)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind, label in KIND_NAMES.items():
            self.kind.addItem(_tr(label), kind)
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.aliases = QLineEdit(row.aliases if row else "", self)
        self.aliases.setObjectName("aliases")
        self.aliases.setMaxLength(200)
        self.aliases.setPlaceholderText(self.tr("居民常用的其他叫法，多个用顿号分隔"))
        self.first_no = self._number("firstNo", row.first_no if row else None)
        self.last_no = self._number("lastNo", row.last_no if row else None)
        self.side = QComboBox(self)
        self.side.setObjectName("side")
        for side, label in SIDE_NAMES.items():
            self.side.addItem(_tr(label), side)
        self.landmark_type = QComboBox(self)
        self.landmark_type.setObjectName("landmarkType")
        self.landmark_type.setEditable(True)
        self.landmark_type.addItems(["", *LANDMARK_TYPES])
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid")
        for code, name in grids:
            self.grid.addItem(f"{code}  {name}", code)
        self.note = QLineEdit(row.note if row else "", self)
        self.note.setObjectName("note")
        self.note.setMaxLength(200)
        if row is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(row.kind), 0))
            self.side.setCurrentIndex(max(self.side.findData(row.side), 0))
            self.landmark_type.setCurrentText(row.landmark_type)
            self.grid.setCurrentIndex(max(self.grid.findData(row.grid_code), 0))
        form = QFormLayout()
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("别名"), self.aliases)
        form.addRow(self.tr("起始号"), self.first_no)
        form.addRow(self.tr("终止号"), self.last_no)
        form.addRow(self.tr("单双号"), self.side)
        form.addRow(self.tr("地标类别"), self.landmark_type)
        form.addRow(self.tr("网格"), self.grid)
        form.addRow(self.tr("备注"), self.note)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
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
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _number(self, name: str, value: int | None) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, MAX_NUMBER)
        box.setSpecialValueText(self.tr("不填"))  # 0: no number (a whole estate)
        box.setValue(value or 0)
        return box

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.side.setEnabled(kind == ROAD)
        self.landmark_type.setEnabled(kind == LANDMARK)
        for box in (self.first_no, self.last_no):
            box.setEnabled(kind != LANDMARK)
        hints = {
            ROAD: self.tr("一段道路的起止门牌号；两侧分属两个网格时，单号、双号各填一条。"),
            ESTATE: self.tr("整个小区在一个网格时楼号不填；跨网格的小区按楼号分条填写。"),
            LANDMARK: self.tr("学校、市场、公交站、医院等居民报事时常说的地方。"),
        }
        self.hint.setText(hints[str(kind)])

    def values(self) -> EntryValues:
        first = self.first_no.value() or None
        last = self.last_no.value() or None
        return EntryValues(
            str(self.kind.currentData()),
            self.name.text(),
            str(self.grid.currentData() or ""),
            self.aliases.text(),
            first,
            last,
            str(self.side.currentData()),
            self.landmark_type.currentText(),
            self.note.text(),
        )


class GazetteerTab(QWidget):
    """地名地址: the list with its filter, add / edit / delete, the Excel template, import and
    export, and trying an address. `saved(text)` after a change, `refused(error)` otherwise."""

    saved = Signal(str)
    refused = Signal(object)
    placed = Signal(object)  # the Placement of the address tried

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("gazetteerTab")
        self.form: GazetteerForm | None = None
        self.data = GazetteerData([], [])
        self.model = GazetteerModel(self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem(self.tr("全部类型"), "")
        for kind, label in KIND_NAMES.items():
            self.kind_filter.addItem(_tr(label), kind)
        self.text_filter = QLineEdit(self)
        self.text_filter.setObjectName("textFilter")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setPlaceholderText(self.tr("按名称、别名或网格筛选"))
        self.count = QLabel(self)
        self.count.setObjectName("count")
        self.table = QTableView(self)
        self.table.setObjectName("gazetteerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # 网格
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.add_button = self._button(self.tr("添加…"), "addEntry", self.add_entry)
        self.edit_button = self._button(self.tr("修改…"), "editEntry", self.edit_entry)
        self.delete_button = self._button(self.tr("删除"), "deleteEntries", self.delete_selected)
        self.template_button = self._button(
            self.tr("写出模板…"), "writeGazetteerTemplate", self.write_template
        )
        self.import_button = self._button(self.tr("导入…"), "importGazetteer", self.import_file)
        self.export_button = self._button(self.tr("导出…"), "exportGazetteer", self.export_file)
        self.import_button.setToolTip(
            self.tr("导入填好的模板：全部通过才写入；已有条目更新，不会重复")
        )
        self.try_address = QLineEdit(self)
        self.try_address.setObjectName("tryAddress")
        self.try_address.setPlaceholderText(self.tr("输入地址试定位，如 紫金路与钢铁路交口"))
        self.try_address.returnPressed.connect(self.place)
        self.placement = QLabel(self)
        self.placement.setObjectName("placement")
        self.placement.setWordWrap(True)
        self.placement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.template_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        trying = QHBoxLayout()
        trying.addWidget(QLabel(self.tr("试定位："), self))
        trying.addWidget(self.try_address, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        layout.addLayout(trying)
        layout.addWidget(self.placement)
        self.kind_filter.currentIndexChanged.connect(self._show)
        self.text_filter.textChanged.connect(self._show)
        self.saved.connect(lambda _text: self.reload())
        allowed = ctx.actor.can("admin.geography")
        for button in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            button.setEnabled(allowed)
        self.reload()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- the list ---

    def reload(self) -> None:
        self.ctx.tasks.submit(load_gazetteer_rows, self._loaded, self.refused.emit, owner=self)

    def _loaded(self, data: GazetteerData) -> None:
        self.data = data
        self._show()

    def _show(self) -> None:
        kind = self.kind_filter.currentData()
        text = self.text_filter.text().strip()
        rows = [
            r
            for r in self.data.rows
            if (not kind or r.kind == kind)
            and (
                not text
                or text in r.name
                or text in r.aliases
                or text in r.grid_code
                or text in r.grid_name
            )
        ]
        selected = {r.id for r in self.selected()}
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if row.id in selected:
                self.table.selectRow(number)
        self.count.setText(
            self.tr("%1 / %2 条")
            .replace("%1", str(len(rows)))
            .replace("%2", str(len(self.data.rows)))
        )

    def selected(self) -> list[GazetteerRow]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = (self.model.row_at(i.row()) for i in model.selectedRows())
        return [row for row in rows if row is not None]

    # --- add, edit, delete ---

    def _open_form(self, form: GazetteerForm, on_accept: object) -> GazetteerForm:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(on_accept)
        self.form = form
        form.open()
        return form

    def add_entry(self) -> GazetteerForm:
        form = GazetteerForm(None, self.data.grids, self)
        return self._open_form(form, lambda: self.save(None, form.values()))

    def edit_entry(self) -> GazetteerForm | None:
        rows = self.selected()
        if len(rows) != 1:
            self.refused.emit(UserError(self.tr("请先选择一条地名地址")))
            return None
        form = GazetteerForm(rows[0], self.data.grids, self)
        entry_id = rows[0].id
        return self._open_form(form, lambda: self.save(entry_id, form.values()))

    def save(self, entry_id: int | None, values: EntryValues) -> None:
        actor = self.ctx.actor
        done = self.tr("已保存：%1") if entry_id else self.tr("已添加：%1")

        def job(db: Database) -> str:
            with db.write() as session:
                if entry_id is None:
                    add_entry(session, values, actor)
                else:
                    update_entry(session, entry_id, values, actor)
            return done.replace("%1", values.name.strip())

        self.ctx.tasks.submit(job, self.saved.emit, self.refused.emit, owner=self)

    def delete_selected(self) -> None:
        ids = [r.id for r in self.selected()]
        if not ids:
            self.refused.emit(UserError(self.tr("请先选择要删除的地名地址")))
            return
        actor, done = self.ctx.actor, self.tr("已删除 %1 条地名地址")

        def job(db: Database) -> str:
            with db.write() as session:
                count = delete_entries(session, ids, actor)
            return done.replace("%1", str(count))

        self.ctx.tasks.submit(job, self.saved.emit, self.refused.emit, owner=self)

    # --- the Excel sheet ---

    def _ask_target(self, title: str, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path(QDir.homePath()) / name), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not path:
            return None
        target = Path(path)
        return (
            target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")
        )

    def write_template(self, target: Path | None = None) -> None:
        target = target or self._ask_target(
            self.tr("写出地名地址模板"), self.tr("地名地址模板.xlsx")
        )
        if target is None:
            return
        done = self.tr("地名地址模板已写出：%1")

        def job(_control: TaskControl) -> str:
            write_gazetteer_template(target)
            return done.replace("%1", str(target))

        self.ctx.tasks.start(
            job, self.saved.emit, self.refused.emit, owner=self, name="griddesk-gazetteer-template"
        )

    def export_file(self, target: Path | None = None) -> None:
        target = target or self._ask_target(self.tr("导出地名地址"), self.tr("地名地址.xlsx"))
        if target is None:
            return
        done, db = self.tr("已导出 %1 条地名地址：%2"), self.ctx.db

        def job(_control: TaskControl) -> str:
            with db.read() as session:
                count = export_gazetteer(session, target)
            return done.replace("%1", str(count)).replace("%2", str(target))

        self.ctx.tasks.start(
            job, self.saved.emit, self.refused.emit, owner=self, name="griddesk-gazetteer-export"
        )

    def import_file(self, source: Path | None = None) -> None:
        if source is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("选择填好的地名地址表"),
                QDir.homePath(),
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not path:
                return
            source = Path(path)
        actor, db = self.ctx.actor, self.ctx.db
        self.problems.hide()
        self.problems.clear()

        def job(_control: TaskControl) -> ImportSummary:
            with db.write() as session:
                return import_gazetteer(session, source, actor)

        self.ctx.tasks.start(
            job, self._imported, self._import_failed, owner=self, name="griddesk-gazetteer-import"
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.saved.emit(
            self.tr("已导入「%1」：新增 %2 条，更新 %3 条，未变 %4 条")
            .replace("%1", summary.file_name)
            .replace("%2", str(summary.added))
            .replace("%3", str(summary.updated))
            .replace("%4", str(summary.unchanged))
        )

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GazetteerProblems):
            self.problems.setPlainText("\n".join(db_message_text(p.text) for p in exc.problems))
            self.problems.show()
        self.refused.emit(exc)

    # --- trying an address ---

    def place(self) -> None:
        address = self.try_address.text()

        def job(db: Database) -> Placement:
            with db.read() as session:
                return place_in(session, address, limit=5)

        self.ctx.tasks.submit(job, self._placed, self.refused.emit, owner=self)

    def _placed(self, placement: Placement) -> None:
        if not placement.grids:
            self.placement.setText(self.tr("无法定位：地址中没有地名库中的道路、小区或地标"))
        else:
            head = self.tr("确定") if placement.certain else self.tr("未确定，可能的网格：")
            lines = [f"{c.code}  {db_message_text(c.why)}" for c in placement.grids]
            self.placement.setText("\n".join([head, *lines]))
        self.placed.emit(placement)

"""One roster's tab of the 人员 page: search, filter, add / edit / retire, history, reveal, import.

The grid roster's tab also lists the grids without their staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.people.roster_kinds import Kind
from db.people.roster_lists import EntryRow, RosterQuery, Vacancy, grid_vacancies, list_entries
from db.people.roster_values import Lookups
from db.people.rosters import COLUMNS, reveal
from desktop.common.error_text import error_text
from desktop.common.reveal_reason import ask_reveal_reason
from desktop.core.context import AppContext
from desktop.people.import_wizard import ImportWizard
from desktop.people.people_models import RosterModel, VacancyModel
from desktop.people.roster_dialogs import EntryDialog, HistoryDialog, RetireDialog, form_defaults

# The column that takes a roster table's spare width: a text that can be long, not 状态.
STRETCH_COLUMN = {
    Kind.COMMUNITY_WORKER: "honours",
    Kind.GRID_STAFF: "grid_name",
    Kind.FIRST_SECRETARY: "flag",
    Kind.MENTORSHIP: "studio",
    Kind.SENT_DOWN: "sending_unit",
    Kind.PARTY_CHECKIN: "activities",
}


def stretch_column(kind: Kind) -> int:
    keys = [key for key, _ in COLUMNS[kind]]
    return keys.index(STRETCH_COLUMN[kind])


# --- data loaded off the GUI thread --------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    communities: list[tuple[int, str]]
    grids: list[str]


def load_choices(db: Database) -> Choices:
    with db.read() as s:
        lk = Lookups.load(s)
    code_of = {cid: code for code, cid in lk.community_by_code.items()}
    communities = sorted(lk.community_name.items(), key=lambda item: code_of[item[0]])
    return Choices(communities, sorted(lk.grid_by_code, key=lambda c: (len(c), c)))


class RosterTab(QWidget):
    """One roster: filter bar, table, buttons; the grid tab adds the vacancy list."""

    changed = Signal()  # after a write (the page refreshes the standards)
    loaded = Signal()

    def __init__(self, ctx: AppContext, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setObjectName(f"roster_{kind.value}")
        self.choices = Choices([], [])
        self.dialog: Any = None
        self.generation = 0
        self._sized = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索姓名、身份证号或电话"))
        self.search.setClearButtonEnabled(True)
        self.community = QComboBox(self)
        self.community.addItem(self.tr("全部社区"), None)
        self.community.setVisible(kind is not Kind.MENTORSHIP)  # mentoring has no community
        self.retired = QCheckBox(self.tr("含已离任"), self)
        self.add_button = QPushButton(self.tr("新增"), self)
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.retire_button = QPushButton(self.tr("离任"), self)
        self.history_button = QPushButton(self.tr("变更记录"), self)
        self.reveal_button = QPushButton(self.tr("显示完整号码"), self)
        self.import_button = QPushButton(self.tr("从 Excel 导入…"), self)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.community, 1)
        bar.addWidget(self.retired)
        bar.addStretch(1)
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.history_button,
            self.reveal_button,
            self.import_button,
        ):
            bar.addWidget(button)
        can_edit = ctx.actor.can("roster.edit")
        self.add_button.setEnabled(can_edit)
        self.import_button.setEnabled(ctx.actor.can("roster.import"))
        self.reveal_button.setVisible(ctx.actor.can("personal.reveal"))

        self.model = RosterModel(kind, self)
        self.view = QTableView(self)
        self.view.setObjectName("rosterTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch_column(kind), QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.count_label = QLabel(self)
        self.info = QLabel(self)
        self.info.setObjectName("revealLabel")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        self.vacancy_model: VacancyModel | None = None
        if kind is Kind.GRID_STAFF:
            self.vacancy_model = VacancyModel(self)
            self.vacancy_view = QTableView(self)
            self.vacancy_view.setObjectName("vacancyTable")
            self.vacancy_view.setModel(self.vacancy_model)
            self.vacancy_view.verticalHeader().hide()
            self.vacancy_view.horizontalHeader().setSectionResizeMode(
                1,
                QHeaderView.ResizeMode.Stretch,  # 网格, not the short 缺少
            )
            self.vacancy_label = QLabel(self)
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(self.vacancy_label)
            box_layout.addWidget(self.vacancy_view)
            split = QSplitter(Qt.Orientation.Vertical, self)
            split.addWidget(self.view)
            split.addWidget(box)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 1)
            layout.addWidget(split)
        else:
            layout.addWidget(self.view)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch(1)
        status.addWidget(self.info)
        layout.addLayout(status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.community.currentIndexChanged.connect(lambda _i: self.refresh())
        self.retired.toggled.connect(lambda _b: self.refresh())
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_selected)
        self.retire_button.clicked.connect(self.retire_selected)
        self.history_button.clicked.connect(self.show_history)
        self.reveal_button.clicked.connect(lambda: self.reveal_selected())
        self.import_button.clicked.connect(self.open_import)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    # -- loading

    def set_choices(self, choices: Choices) -> None:
        self.choices = choices
        current = self.community.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem(self.tr("全部社区"), None)
        for cid, name in choices.communities:
            self.community.addItem(name, cid)
        index = self.community.findData(current)
        self.community.setCurrentIndex(max(index, 0))
        self.community.blockSignals(False)

    def query(self) -> RosterQuery:
        return RosterQuery(
            self.search.text(), self.community.currentData(), self.retired.isChecked()
        )

    def refresh(self) -> None:
        kind, query, actor = self.kind, self.query(), self.ctx.actor
        self.generation += 1
        generation = self.generation

        def job(db: Database) -> tuple[list[EntryRow], list[Vacancy] | None]:
            with db.read() as s:
                rows = list_entries(s, kind, query, actor=actor)
                vacancies = grid_vacancies(s) if kind is Kind.GRID_STAFF else None
            return rows, vacancies

        def done(result: tuple[list[EntryRow], list[Vacancy] | None]) -> None:
            if generation != self.generation:
                return  # a newer search is on its way
            rows, vacancies = result
            self.model.set_rows(rows)
            if rows and not self._sized:
                self._sized = True
                self._fit_columns(self.view)
            current = sum(1 for r in rows if r.active)
            flagged = sum(1 for r in rows if r.flag)
            text = self.tr("在册 {n} 人").format(n=current)
            if flagged:
                text += self.tr("，{n} 人任期将满或已满").format(n=flagged)
            self.count_label.setText(text)
            if vacancies is not None and self.vacancy_model is not None:
                self.vacancy_model.set_rows(vacancies)
                self._fit_columns(self.vacancy_view)
                self.vacancy_label.setText(
                    self.tr("空缺网格：{n} 个（没有在岗网格长或网格员）").format(n=len(vacancies))
                    if vacancies
                    else self.tr("所有网格都有在岗的网格长和网格员")
                )
            self._update_buttons()
            self.loaded.emit()

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.notify(error_text(exc))

    @staticmethod
    def _fit_columns(view: QTableView) -> None:
        """Columns as wide as their first rows need (capped), once data is there."""
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 280))

    # -- actions

    def selected(self) -> EntryRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        can_edit = self.ctx.actor.can("roster.edit")
        self.edit_button.setEnabled(can_edit and row is not None and row.active)
        self.retire_button.setEnabled(can_edit and row is not None and row.active)
        self.history_button.setEnabled(row is not None)
        self.reveal_button.setEnabled(row is not None)

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _name(self, row: EntryRow) -> str:
        return row.cells[1] if self.kind is Kind.MENTORSHIP else row.cells[0]

    def _entry_dialog(self, row_id: int | None) -> EntryDialog:
        dialog = EntryDialog(
            self.ctx,
            self.kind,
            communities=[name for _, name in self.choices.communities],
            grids=self.choices.grids,
            row_id=row_id,
            parent=self,
        )
        if row_id is None:
            for name, text in form_defaults(self.kind).items():
                dialog.set_value(name, text)
        dialog.saved.connect(lambda _id: self._written())
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_entry(self) -> EntryDialog:
        return self._entry_dialog(None)

    def edit_selected(self) -> EntryDialog | None:
        row = self.selected()
        if row is None or not row.active or not self.ctx.actor.can("roster.edit"):
            return None
        return self._entry_dialog(row.id)

    def retire_selected(self) -> RetireDialog | None:
        row = self.selected()
        if row is None or not row.active:
            return None
        dialog = RetireDialog(self.ctx, self.kind, row.id, self._name(row), self)
        dialog.saved.connect(lambda _id: self._written())
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_history(self) -> HistoryDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = HistoryDialog(self.ctx, self.kind, row.id, self._name(row), self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def reveal_selected(self, reason: str | None = None) -> None:
        """Show the selected entry's full numbers after asking why (audited with the reason)."""
        row = self.selected()
        if row is None:
            return
        if reason is None:
            self.dialog = ask_reveal_reason(self, self._name(row), self.reveal_selected)
            return
        kind, actor, row_id = self.kind, self.ctx.actor, row.id
        fields = (
            ("mentor_id_number", "id_number") if kind is Kind.MENTORSHIP else ("id_number", "phone")
        )

        def job(db: Database) -> list[str]:
            with db.write() as s:
                return [reveal(s, actor, kind, row_id, f, reason) for f in fields]

        def done(values: list[str]) -> None:
            labels = (
                (self.tr("导师身份证号"), self.tr("学员身份证号"))
                if kind is Kind.MENTORSHIP
                else (self.tr("身份证号"), self.tr("电话"))
            )
            shown = "，".join(
                f"{label} {value or '—'}" for label, value in zip(labels, values, strict=True)
            )
            self.info.setText(
                self.tr("{name}：{shown}（已记入审计日志）").format(
                    name=self._name(row), shown=shown
                )
            )

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.ctx, self.kind, self)
        wizard.imported.connect(lambda: self._written())
        self.dialog = wizard
        wizard.open()
        return wizard

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

"""The 人员 page: one tab per roster (search, filter, add / edit / retire, history, reveal,
import), grid vacancies, the staffing standards with shortfalls in red, and the pay table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.people.pay_scale import PayCell, pay_table, set_pay_amount
from db.people.roster_kinds import KIND_LABELS, Kind
from db.people.roster_lists import EntryRow, RosterQuery, Vacancy, grid_vacancies, list_entries
from db.people.roster_values import Lookups
from db.people.rosters import COLUMNS, reveal
from db.people.staffing import Staffing, staffing
from db.reference.settings_store import CenterSettings
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.common.reveal_reason import ask_reveal_reason
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.people.import_wizard import ImportWizard
from desktop.people.roster_dialogs import (
    EntryDialog,
    HistoryDialog,
    RetireDialog,
    form_defaults,
)

_EDIT = int(Qt.ItemDataRole.EditRole)
_USER = int(Qt.ItemDataRole.UserRole)

RED = QColor(palette.SHORTFALL)
GREY = QColor(palette.INACTIVE)
AMBER = QColor(palette.WARNING)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeoplePage", text)


# --- models ----------------------------------------------------------------------------------


class RosterModel(RowsModel[EntryRow]):
    """One roster's rows, pre-formatted and masked; retired rows grey, flagged rows amber."""

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        self.kind = kind
        super().__init__(parent)

    def headers(self) -> Sequence[str]:
        return [
            QCoreApplication.translate("RosterFields", label) for _, label in COLUMNS[self.kind]
        ]

    def cells(self, row: EntryRow) -> tuple[str, ...]:
        return row.cells

    def foreground(self, number: int, column: int) -> QColor | None:
        row = self.rows[number]
        if not row.active:
            return GREY
        return AMBER if row.flag else None

    def tooltip(self, number: int, column: int) -> str | None:
        return self.rows[number].flag or None

    def role_data(self, number: int, column: int, role: int) -> Any:
        return self.rows[number].id if role == _USER else None


class VacancyModel(RowsModel[Vacancy]):
    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "网格编码"),
        QT_TRANSLATE_NOOP("PeoplePage", "网格"),
        QT_TRANSLATE_NOOP("PeoplePage", "社区"),
        QT_TRANSLATE_NOOP("PeoplePage", "缺少"),
    )

    def cells(self, row: Vacancy) -> tuple[str, ...]:
        return (row.grid_code, row.grid_name, row.community, row.text)

    def foreground(self, number: int, column: int) -> QColor | None:
        return RED if column == 3 else None


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class StaffingModel(RowsModel[Staffing]):
    """Communities and the street total against the two standards; shortfalls in red."""

    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "社区"),
        QT_TRANSLATE_NOOP("PeoplePage", "常住人口"),
        QT_TRANSLATE_NOOP("PeoplePage", "户数"),
        QT_TRANSLATE_NOOP("PeoplePage", "在岗社区工作者"),
        QT_TRANSLATE_NOOP("PeoplePage", "每万人配备"),
        QT_TRANSLATE_NOOP("PeoplePage", "按人口应配"),
        QT_TRANSLATE_NOOP("PeoplePage", "每人服务户数"),
        QT_TRANSLATE_NOOP("PeoplePage", "按户数应配"),
        QT_TRANSLATE_NOOP("PeoplePage", "应配（取大者）"),
        QT_TRANSLATE_NOOP("PeoplePage", "缺口（人）"),
    )
    NUMERIC = frozenset(range(1, 10))
    SHORT_COLUMNS = frozenset({4, 6, 9})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = CenterSettings()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(
        self,
        rows: Sequence[Staffing],
        total: Staffing | None = None,
        settings: CenterSettings | None = None,
    ) -> None:
        """The communities, then the street's `total` (bold) when given."""
        if settings is not None:
            self.settings = settings
        super().set_rows([*rows, total] if total is not None else rows)

    def cells(self, row: Staffing) -> tuple[str, ...]:
        need = max(row.required_by_population, row.required_by_households)
        return (
            row.name,
            str(row.population),
            str(row.households),
            str(row.workers),
            _number(row.per_10k),
            str(row.required_by_population),
            _number(row.households_per_worker, 0),
            str(row.required_by_households),
            str(need),
            f"缺 {row.shortfall} 人" if row.shortfall else "达标",
        )

    def is_short(self, row: int, column: int) -> bool:
        s = self.rows[row]
        if column == 4:
            return bool(s.shortfall_population)
        if column == 6:
            return bool(s.shortfall_households)
        return column == 9 and bool(s.shortfall)

    def foreground(self, number: int, column: int) -> QColor | None:
        return RED if self.is_short(number, column) else None

    def font(self, number: int, column: int) -> QFont | None:
        last = number == len(self.rows) - 1
        return self._bold if last or self.is_short(number, column) else None

    def tooltip(self, number: int, column: int) -> str | None:
        if column == 4:
            return _tr("省定标准：每万名城镇常住人口不少于 {n} 名社区工作者").format(
                n=f"{self.settings.workers_per_10k_minimum:g}"
            )
        if column == 6:
            return _tr("本地标准：每 {n} 户配备 1 名社区工作者").format(
                n=self.settings.households_per_worker
            )
        return None


PAY_LEVELS = 38


class PayModel(RowsModel[int]):
    """The 3档38级 pay table: levels down, tiers across; amounts editable in place."""

    CONTEXT = "PeoplePage"
    HEADERS = (
        QT_TRANSLATE_NOOP("PeoplePage", "一档（元/月）"),
        QT_TRANSLATE_NOOP("PeoplePage", "二档（元/月）"),
        QT_TRANSLATE_NOOP("PeoplePage", "三档（元/月）"),
    )
    NUMERIC = frozenset({0, 1, 2})

    edit_requested = Signal(int, int, str)  # tier, level, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amounts: dict[tuple[int, int], Decimal | None] = {}
        self.editable = True

    def set_cells(self, cells: list[PayCell]) -> None:
        self.amounts = {(c.tier, c.level): c.amount for c in cells}
        self.set_rows(list(range(1, PAY_LEVELS + 1)) if self.amounts else [])

    def set_amount(self, tier: int, level: int, amount: Decimal) -> None:
        self.amounts[(tier, level)] = amount
        self.refresh_row(level - 1)

    def cells(self, row: int) -> tuple[str, ...]:
        amounts = (self.amounts.get((tier, row)) for tier in range(1, len(self.HEADERS) + 1))
        return tuple(_tr("未设置") if a is None else f"{a:.2f}" for a in amounts)

    def foreground(self, number: int, column: int) -> QColor | None:
        return GREY if self.amounts.get((column + 1, number + 1)) is None else None

    def role_data(self, number: int, column: int, role: int) -> Any:
        if role != _EDIT:
            return None
        amount = self.amounts.get((column + 1, number + 1))
        return "" if amount is None else f"{amount:.2f}"

    def row_header(self, number: int) -> str:
        return _tr("{n} 级").format(n=number + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT
    ) -> bool:
        if not index.isValid() or int(role) != _EDIT:
            return False
        text = str(value).strip()
        if not text:
            return False
        self.edit_requested.emit(index.column() + 1, index.row() + 1, text)
        return False  # shown once the database has taken it


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


# --- tabs -------------------------------------------------------------------------------------


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
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
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
            self.vacancy_view.horizontalHeader().setStretchLastSection(True)
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


class StaffingTab(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("staffingTab")
        self.model = StaffingModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        def job(db: Database) -> tuple[list[Staffing], Staffing, CenterSettings]:
            from db.reference.settings_store import load_settings

            with db.read() as s:
                settings = load_settings(s)
                rows, total = staffing(s, settings)
            return rows, total, settings

        def done(result: tuple[list[Staffing], Staffing, CenterSettings]) -> None:
            rows, total, settings = result
            self.model.set_rows(rows, total, settings)
            short = [r for r in rows if r.shortfall]
            text = self.tr("全街道在岗社区工作者 {w} 人，按标准应配 {n} 人").format(
                w=total.workers, n=max(total.required_by_population, total.required_by_households)
            )
            if total.shortfall:
                text += self.tr("，缺口 {n} 人").format(n=total.shortfall)
            if short:
                text += self.tr("；{n} 个社区未达标").format(n=len(short))
            self.summary.setText(text)
            self.note.setText(
                self.tr(
                    "标准：每万名常住人口不少于 {m} 名社区工作者；每 {h} 户配备 1 名。"
                    "应配人数向上取整，缺口 = 应配人数（两项取大者）− 在岗人数。"
                    "街道合计按全街道人口和户数计算。"
                ).format(
                    m=f"{settings.workers_per_10k_minimum:g}", h=settings.households_per_worker
                )
            )
            self.loaded.emit()

        self.ctx.tasks.submit(job, done, lambda exc: self.ctx.notify(error_text(exc)), owner=self)


class PayTab(QWidget):
    loaded = Signal()
    saved = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("payTab")
        self.model = PayModel(self)
        self.model.editable = ctx.actor.can("roster.edit")
        self.model.edit_requested.connect(self.save)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet(palette.ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        hint = QLabel(
            self.tr("社区工作者“3档38级”薪酬标准（元/月）。双击金额即可修改，修改记入变更记录。"),
            self,
        )
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addWidget(self.error)

    def refresh(self) -> None:
        def job(db: Database) -> list[PayCell]:
            with db.read() as s:
                return pay_table(s)

        def done(cells: list[PayCell]) -> None:
            self.model.set_cells(cells)
            self.loaded.emit()

        self.ctx.tasks.submit(job, done, lambda exc: self.ctx.notify(error_text(exc)), owner=self)

    def save(self, tier: int, level: int, text: str) -> None:
        actor = self.ctx.actor

        def job(db: Database) -> Decimal:
            with db.write() as s:
                return set_pay_amount(s, tier, level, text, actor)

        def done(amount: Decimal) -> None:
            self.error.clear()
            self.model.set_amount(tier, level, amount)
            self.saved.emit(tier, level)

        self.ctx.tasks.submit(
            job, done, lambda exc: self.error.setText(error_text(exc)), owner=self
        )


class PeoplePage(QWidget):
    """人员: every roster, the staffing standards and the pay table."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("peoplePage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("peopleTabs")
        self.rosters: dict[Kind, RosterTab] = {}
        for kind in Kind:
            tab = RosterTab(ctx, kind, self)
            tab.changed.connect(self._roster_changed)
            self.rosters[kind] = tab
            self.tabs.addTab(tab, QCoreApplication.translate("RosterKinds", KIND_LABELS[kind]))
        self.staffing = StaffingTab(ctx, self)
        self.pay = PayTab(ctx, self)
        self.tabs.addTab(self.staffing, self.tr("配备标准"))
        self.tabs.addTab(self.pay, self.tr("薪酬标准"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.denied = QLabel(self.tr("当前账号无权查看人员花名册"), self)
        self.denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.denied)
        allowed = ctx.actor.can("roster.read")
        self.tabs.setVisible(allowed)
        self.denied.setVisible(not allowed)
        if allowed:
            self.reload()

    def reload(self) -> None:
        """Load the choices, every roster, the standards and the pay table (off the GUI thread)."""
        self.ctx.tasks.submit(load_choices, self._choices_loaded, owner=self)
        for tab in self.rosters.values():
            tab.refresh()
        self.staffing.refresh()
        self.pay.refresh()

    def _choices_loaded(self, choices: Choices) -> None:
        for tab in self.rosters.values():
            tab.set_choices(choices)

    def _roster_changed(self) -> None:
        self.staffing.refresh()
        sender = self.sender()
        for tab in self.rosters.values():
            if tab is not sender:
                tab.refresh()

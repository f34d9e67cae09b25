"""The holiday calendar editor (节假日日历…, from 设置): a year as a month grid (12 months × 31
days) coloured by what each day is — working day, weekend, holiday (放假), make-up working day
(调休上班) — its status (正式 / 暂定) and source (内置 / 本中心); toggle a day, import or export
the year as Excel, mark it official. Every database call runs on the task thread; a change
moves the open cases' deadlines (db.holidays.calendar_years), so the window's settings are read
again afterwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.holidays.calendar_years import (
    DAY_HOLIDAY,
    DAY_MAKEUP,
    DAY_WEEKEND,
    HOLIDAY,
    OFFICIAL,
    PROVISIONAL,
    WORKDAY,
    CalendarChange,
    CalendarDay,
    YearCalendar,
    YearImport,
    YearRow,
    export_year,
    import_year,
    list_years,
    mark_official,
    set_day,
    year_calendar,
)
from db.reference.settings_store import CenterSettings, load_settings
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.common.error_text import error_text
from desktop.core.context import AppContext

_BACKGROUND = {
    DAY_HOLIDAY: QColor(palette.HOLIDAY_DAY),
    DAY_MAKEUP: QColor(palette.MAKEUP_DAY),
    DAY_WEEKEND: QColor(palette.WEEKEND_DAY),
}
_NO_DAY = QBrush(QColor(palette.FRAME), Qt.BrushStyle.BDiagPattern)
DATE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 2


def load_year(db: Database, year: int) -> tuple[list[YearRow], YearCalendar]:
    with db.read() as session:
        return list_years(session), year_calendar(session, year)


def load_center_settings(db: Database) -> CenterSettings:
    with db.read() as session:
        return load_settings(session)


class YearGridModel(QAbstractTableModel):
    """A year as 12 rows (months) × 31 columns (days of the month); a cell past a month's
    end is empty and cannot be selected."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.year: YearCalendar | None = None
        self._days: dict[tuple[int, int], CalendarDay] = {}

    def set_year(self, year: YearCalendar) -> None:
        self.beginResetModel()
        self.year = year
        self._days = {(d.day.month - 1, d.day.day - 1): d for d in year.days()}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.year is None else 12

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.year is None else 31

    def day_at(self, index: QModelIndex | QPersistentModelIndex) -> CalendarDay | None:
        if not index.isValid():
            return None
        return self._days.get((index.row(), index.column()))

    def index_of(self, day: date) -> QModelIndex:
        return self.index(day.month - 1, day.day - 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.day_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        day = self.day_at(index)
        role = int(role)
        if day is None:  # past the month's end
            return _NO_DAY if role == int(Qt.ItemDataRole.BackgroundRole) else None
        if role == int(Qt.ItemDataRole.DisplayRole):
            return {DAY_HOLIDAY: self.tr("休"), DAY_MAKEUP: self.tr("班")}.get(day.kind, "")
        if role == int(Qt.ItemDataRole.BackgroundRole):
            colour = _BACKGROUND.get(day.kind)
            return None if colour is None else QBrush(colour)
        if role == int(Qt.ItemDataRole.ToolTipRole):
            return self.day_text(day)
        if role == int(Qt.ItemDataRole.TextAlignmentRole):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == DATE_ROLE:
            return day.day.isoformat()
        if role == KIND_ROLE:
            return day.kind
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if int(role) != int(Qt.ItemDataRole.DisplayRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(section + 1)
        return self.tr("%1月").replace("%1", str(section + 1))

    def day_text(self, day: CalendarDay) -> str:
        kinds = {
            "workday": self.tr("工作日"),
            "weekend": self.tr("休息日"),
            DAY_HOLIDAY: self.tr("放假"),
            DAY_MAKEUP: self.tr("调休上班"),
        }
        weekdays = (
            self.tr("星期一"),
            self.tr("星期二"),
            self.tr("星期三"),
            self.tr("星期四"),
            self.tr("星期五"),
            self.tr("星期六"),
            self.tr("星期日"),
        )
        weekday = weekdays[day.day.weekday()]
        text = f"{day.day.isoformat()} {weekday} · {kinds[day.kind]}"
        return f"{text}（{day.name}）" if day.name else text


class CalendarEditor(QDialog):
    """`changed` is emitted after the calendar was changed (the window reads its settings and
    the calendar warning again)."""

    changed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, year: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("节假日日历"))
        self.may_edit = ctx.actor.can("admin.settings")
        self.busy = True
        today = date.today()
        self.year = year or today.year + (1 if today.month == 12 else 0)

        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("calendarYear")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.status_label = QLabel("…", self)
        self.status_label.setObjectName("calendarStatus")
        self.official_button = QPushButton(self.tr("标记为正式"), self)
        self.official_button.setObjectName("markOfficial")
        self.official_button.setToolTip(self.tr("国务院的放假安排已全部录入后，把这一年标记为正式"))
        self.official_button.clicked.connect(self.mark_official)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份"), self))
        top.addWidget(self.year_combo)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.official_button)

        self.model = YearGridModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("calendarGrid")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumSize(28 * 31 + 64, 28 * 12 + 34)
        self.view.selectionModel().currentChanged.connect(self._day_chosen)
        self.view.doubleClicked.connect(self.toggle_day)

        legend = QHBoxLayout()
        for text, colour in (
            (self.tr("工作日"), palette.WORKING_DAY),
            (self.tr("休息日"), palette.WEEKEND_DAY),
            (self.tr("放假（休）"), palette.HOLIDAY_DAY),
            (self.tr("调休上班（班）"), palette.MAKEUP_DAY),
        ):
            swatch = QLabel(text, self)
            swatch.setStyleSheet(
                f"background: {colour}; border: 1px solid {palette.FRAME}; padding: 2px 6px;"
            )
            legend.addWidget(swatch)
        legend.addStretch(1)
        hint = QLabel(self.tr("双击一天即切换：工作日 ↔ 放假，周末 ↔ 调休上班。"), self)
        hint.setObjectName("fieldName")
        legend.addWidget(hint)

        self.day_label = QLabel(self.tr("请选择一天"), self)
        self.day_label.setObjectName("calendarDay")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("holidayName")
        self.name_edit.setPlaceholderText(self.tr("节日名称，如 春节"))
        self.name_edit.setMaxLength(32)
        self.name_edit.setMaximumWidth(180)
        self.holiday_button = QPushButton(self.tr("设为放假"), self)
        self.holiday_button.setObjectName("setHoliday")
        self.work_button = QPushButton(self.tr("设为上班"), self)
        self.work_button.setObjectName("setWorkday")
        self.default_button = QPushButton(self.tr("恢复默认"), self)
        self.default_button.setObjectName("setDefault")
        self.holiday_button.clicked.connect(lambda: self.set_current(HOLIDAY))
        self.work_button.clicked.connect(lambda: self.set_current(WORKDAY))
        self.default_button.clicked.connect(lambda: self.set_current(None))
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label, 1)
        day_row.addWidget(self.name_edit)
        day_row.addWidget(self.holiday_button)
        day_row.addWidget(self.work_button)
        day_row.addWidget(self.default_button)

        self.import_button = QPushButton(self.tr("从 Excel 导入…"), self)
        self.import_button.setObjectName("importCalendar")
        self.import_button.setToolTip(
            self.tr("列：日期、类型（放假 / 调休上班）、名称；导入后替换这一年")
        )
        self.import_button.clicked.connect(lambda: self.import_file())
        self.export_button = QPushButton(self.tr("导出为 Excel…"), self)
        self.export_button.setObjectName("exportCalendar")
        self.export_button.clicked.connect(lambda: self.export_file())
        self.message = QLabel(self)
        self.message.setObjectName("calendarMessage")
        self.message.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(110)
        self.problems.setVisible(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.import_button)
        file_row.addWidget(self.export_button)
        file_row.addWidget(self.message, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(legend)
        layout.addLayout(day_row)
        layout.addLayout(file_row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        if not self.may_edit:
            self._say(self.tr("只有管理员可以修改节假日日历。"))
        self._set_busy(True)
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        year = self.year
        self.ctx.tasks.submit(
            lambda db: load_year(db, year), self._loaded, self._failed, owner=self
        )

    def _loaded(self, result: tuple[list[YearRow], YearCalendar]) -> None:
        rows, cal = result
        if cal.year != self.year:
            return  # another year was chosen meanwhile
        known = [r.year for r in rows]
        years = list(range(min([*known, self.year]), max([*known, self.year]) + 2))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        labels = {r.year: r for r in rows}
        for y in years:
            row = labels.get(y)
            text = f"{y}"
            if row is not None:
                text += self.tr("（%1）").replace("%1", self._status_text(row.status))
            self.year_combo.addItem(text, y)
        self.year_combo.setCurrentIndex(years.index(self.year))
        self.year_combo.blockSignals(False)
        current = self.view.currentIndex()
        self.model.set_year(cal)
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.status_label.setText(self.status_text(cal))
        self.official_button.setEnabled(self.may_edit and cal.status == PROVISIONAL)
        self._set_busy(False)
        self._day_chosen(self.view.currentIndex())

    def _status_text(self, status: str) -> str:
        return {OFFICIAL: self.tr("正式"), PROVISIONAL: self.tr("暂定")}.get(
            status, self.tr("未录入")
        )

    def status_text(self, cal: YearCalendar) -> str:
        if not cal.known:
            return self.tr("%1 年：未录入（只按周末休息计算）").replace("%1", str(cal.year))
        source = self.tr("内置") if cal.source == "内置" else self.tr("本中心")
        text = (
            self.tr("%1 年：%2 · %3 · 放假 %4 天，调休上班 %5 天")
            .replace("%1", str(cal.year))
            .replace("%2", self._status_text(cal.status))
            .replace("%3", source)
            .replace("%4", str(len(cal.holidays)))
            .replace("%5", str(len(cal.makeup)))
        )
        if cal.changed_at is not None:
            when = cal.changed_at.astimezone(self.ctx.settings.tz)
            text += (
                self.tr("（%1 于 %2 修改）")
                .replace("%1", cal.changed_by)
                .replace("%2", f"{when:%Y-%m-%d %H:%M}")
            )
        return text

    def _year_chosen(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if isinstance(year, int) and year != self.year:
            self.year = year
            self.view.setCurrentIndex(QModelIndex())
            self._set_busy(True)
            self.reload()

    def _day_chosen(self, index: QModelIndex | QPersistentModelIndex) -> None:
        day = self.model.day_at(index)
        editable = self.may_edit and day is not None and not self.busy
        for button in (self.holiday_button, self.work_button, self.default_button):
            button.setEnabled(editable)
        if day is None:
            self.day_label.setText(self.tr("请选择一天"))
            return
        self.day_label.setText(self.model.day_text(day))
        if day.name:
            self.name_edit.setText(day.name)

    # -- changing ------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.year_combo, self.import_button, self.export_button):
            widget.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.may_edit)
        for button in (self.holiday_button, self.work_button, self.default_button):
            button.setEnabled(not busy and self.may_edit)
        if busy:
            self.official_button.setEnabled(False)

    def toggle_day(self, index: QModelIndex) -> None:
        """Double-click: a working day becomes a holiday, a weekend a make-up working day, and
        a holiday or make-up day goes back to what its weekday says."""
        day = self.model.day_at(index)
        if day is None or not self.may_edit or self.busy:
            return
        if day.kind in (DAY_HOLIDAY, DAY_MAKEUP):
            kind: str | None = None
        else:
            kind = WORKDAY if day.kind == DAY_WEEKEND else HOLIDAY
        self.change_day(day.day, kind)

    def set_current(self, kind: str | None) -> None:
        day = self.model.day_at(self.view.currentIndex())
        if day is not None:
            self.change_day(day.day, kind)

    def change_day(self, day: date, kind: str | None) -> None:
        name = self.name_edit.text().strip()
        actor = self.ctx.actor

        def job(db: Database) -> CalendarChange:
            with db.write() as session:
                return set_day(session, day, kind, name, actor)

        self._run(job)

    def mark_official(self) -> None:
        year, actor = self.year, self.ctx.actor

        def job(db: Database) -> CalendarChange:
            with db.write() as session:
                return mark_official(session, year, actor)

        self._run(job)

    def _run(self, job: Any) -> None:
        self._set_busy(True)
        self.problems.setVisible(False)
        self._say(self.tr("正在保存…"))
        self.ctx.tasks.submit(job, self._changed, self._failed, owner=self)

    def _changed(self, change: CalendarChange) -> None:
        moved = len(change.moved)
        text = self.tr("已保存。")
        if moved:
            text += self.tr("%1 件在办案件的时限已按新日历重新计算。").replace("%1", str(moved))
        self._say(text)
        self.changed.emit()
        self.ctx.tasks.submit(load_center_settings, self._settings_read, owner=self)
        self.reload()

    def _settings_read(self, settings: CenterSettings) -> None:
        self.ctx.settings = settings
        self.ctx.signals.settings_changed.emit(settings)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._day_chosen(self.view.currentIndex())
        self._say(error_text(exc, logged=True), error=True)
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(palette.ERROR_STYLE if error else "")
        self.message.setText(text)

    # -- Excel ---------------------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("导入 %1 年节假日").replace("%1", str(self.year)),
                "",
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        year, actor = self.year, self.ctx.actor

        def job(db: Database) -> tuple[YearImport, CalendarChange | None]:
            return import_year(db, path, year, actor)

        self._set_busy(True)
        self.problems.setVisible(False)
        self._say(self.tr("正在导入…"))
        self.ctx.tasks.submit(job, self._imported, self._failed, owner=self)

    def _imported(self, result: tuple[YearImport, CalendarChange | None]) -> None:
        plan, change = result
        if change is None:
            self._set_busy(False)
            self._day_chosen(self.view.currentIndex())
            self.problems.setPlainText("\n".join(db_message_text(p.text) for p in plan.problems))
            self.problems.setVisible(True)
            self._say(
                self.tr("发现 %1 处问题，未导入任何数据；请修正后重试。").replace(
                    "%1", str(len(plan.problems))
                ),
                error=True,
            )
            return
        self._changed(change)

    def export_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("导出 %1 年节假日").replace("%1", str(self.year)),
                f"{self.year}年节假日.xlsx",
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        year = self.year
        target = path

        def job(db: Database) -> YearCalendar:
            with db.read() as session:
                return export_year(session, year, target)

        self.ctx.tasks.submit(
            job,
            lambda _cal: self._say(self.tr("已导出到 %1").replace("%1", str(target))),
            self._failed,
            owner=self,
        )

"""The inbox's table (部门待办): one row per case of the department, the nearest deadline first."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from db.cases.inbox import InboxRow
from db.clock import WorkCalendar, utcnow
from desktop.common import palette
from desktop.common.durations import countdown_text
from desktop.common.rows_model import RowsModel
from desktop.core.i18n import status_text

NUMBER_ROLE = int(Qt.ItemDataRole.UserRole) + 1
COL_NUMBER, COL_STATUS, COL_CATEGORY, COL_PLACE, COL_LEFT, COL_URGE, COL_NOTE = range(7)


class InboxModel(RowsModel[InboxRow]):
    CONTEXT: ClassVar[str] = "InboxModel"
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("InboxModel", "编号"),
        QT_TRANSLATE_NOOP("InboxModel", "状态"),
        QT_TRANSLATE_NOOP("InboxModel", "类别"),
        QT_TRANSLATE_NOOP("InboxModel", "社区 / 地址"),
        QT_TRANSLATE_NOOP("InboxModel", "剩余时间"),
        QT_TRANSLATE_NOOP("InboxModel", "督办"),
        QT_TRANSLATE_NOOP("InboxModel", "派遣意见"),
    )
    NUMERIC: ClassVar[frozenset[int]] = frozenset({COL_URGE})
    TEXT_TOOLTIPS: ClassVar[bool] = True

    def __init__(self, calendar: WorkCalendar, parent: QObject | None = None) -> None:
        self.calendar = calendar
        self.now: datetime = utcnow()
        super().__init__(parent)

    def set_inbox(self, rows: list[InboxRow], now: datetime | None = None) -> None:
        """The rows, their time left counted at `now`."""
        self.now = now or utcnow()
        self.set_rows(rows)

    def cells(self, row: InboxRow) -> tuple[str, ...]:
        left = (
            countdown_text(self.now, row.due_at, row.working, self.calendar)
            if row.due_at is not None
            else "—"
        )
        status = status_text(row.status)
        if row.co:  # the department co-handles it: its own track's state
            status = QCoreApplication.translate("InboxModel", "协办") + " · " + status
        if row.urgent:
            status += " · " + QCoreApplication.translate("InboxModel", "急")
        if row.extension_pending:
            status += " · " + QCoreApplication.translate("InboxModel", "延期待批")
        place = row.community + (f" {row.address}" if row.address else "")
        return (
            row.number,
            status,
            row.category,
            place,
            left,
            str(row.urge_count) if row.urge_count else "",
            row.dispatch_note,
        )

    def _alert(self, number: int) -> int:
        """0 normal, 1 warning time reached, 2 overdue."""
        row = self.rows[number]
        if row.due_at is not None and row.due_at <= self.now:
            return 2
        if row.warn_at is not None and row.warn_at <= self.now:
            return 1
        return 0

    def background(self, number: int, column: int) -> Any:
        alert = self._alert(number)
        if alert == 2:
            return QBrush(QColor(palette.OVERDUE_ROW))
        if alert == 1:
            return QBrush(QColor(palette.WARNING_ROW))
        return None

    def role_data(self, number: int, column: int, role: int) -> Any:
        if role == NUMBER_ROLE:
            return self.rows[number].number
        return None

    def number_at(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.number if found is not None else None

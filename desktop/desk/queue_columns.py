"""The queue's columns and cells: roles, column keys, alert colours and what each cell shows.

Qt calls `data()` thousands of times per repaint (6,216 calls for one repaint of 37 rows), so
`QueueCells.data` answers from the pre-formatted `QueueRow` tuples the model caches, and compares
roles as plain ints computed once here: comparing PySide6 enum roles costs more than the rest of
`data()`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from db.cases import queue as q
from db.cases.states import Status
from db.clock import TimeBasis
from desktop.common import palette
from desktop.common.durations import basis_tooltip, countdown_text
from desktop.common.rows_model import ALIGN, BACKGROUND, DISPLAY, FONT, FOREGROUND, TOOLTIP
from desktop.core.context import AppContext
from desktop.core.i18n import status_text

DECORATION = int(Qt.ItemDataRole.DecorationRole)
CASE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
CASE_NUMBER_ROLE = int(Qt.ItemDataRole.UserRole) + 2
ALERT_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # 0 normal, 1 warning, 2 overdue
_WORKING = TimeBasis.WORKING
USED_ROLES = frozenset(
    {
        DISPLAY,
        TOOLTIP,
        BACKGROUND,
        FOREGROUND,
        DECORATION,
        FONT,
        ALIGN,
        CASE_ID_ROLE,
        CASE_NUMBER_ROLE,
        ALERT_ROLE,
    }
)

COL_NUMBER, COL_REPORTED, COL_PLACE, COL_CATEGORY, COL_DESCRIPTION = range(5)
COL_URGENT, COL_STATUS, COL_URGE, COL_DEPARTMENT, COL_LEFT = range(5, 10)
# (header, the SQL ordering behind it); the headers are translation marks, shown through tr().
COLUMNS: tuple[tuple[str, q.SortKey | None], ...] = (
    (str(QT_TRANSLATE_NOOP("QueueModel", "编号")), q.SortKey.NUMBER),
    (str(QT_TRANSLATE_NOOP("QueueModel", "上报时间")), q.SortKey.REPORTED),
    (str(QT_TRANSLATE_NOOP("QueueModel", "社区/网格")), q.SortKey.PLACE),
    (str(QT_TRANSLATE_NOOP("QueueModel", "类别")), q.SortKey.CATEGORY),
    (str(QT_TRANSLATE_NOOP("QueueModel", "描述")), None),
    (str(QT_TRANSLATE_NOOP("QueueModel", "紧急")), q.SortKey.URGENCY),
    (str(QT_TRANSLATE_NOOP("QueueModel", "状态")), q.SortKey.STATUS),
    (str(QT_TRANSLATE_NOOP("QueueModel", "督办")), None),
    (str(QT_TRANSLATE_NOOP("QueueModel", "部门")), q.SortKey.DEPARTMENT),
    (str(QT_TRANSLATE_NOOP("QueueModel", "剩余时间")), q.SortKey.TIME_LEFT),
)
# Default widths (px); 描述 stretches. 社区/网格 holds the demo street's longest place in full
# ("和平/第02网格（峪明新村小区）", 16 characters) at 1920 px.
WIDTHS = (140, 96, 224, 120, 200, 44, 64, 56, 130, 110)
# QueueRow field shown in each column (the time left is computed live).
_FIELD = (1, 3, 4, 5, 6, -1, 9, -1, 10, -1)
_URGENT_FIELD = 7
# Final: the type checker reads row[_DUE_FIELD] as the field's own type (float | None).
_DUE_FIELD: Final = 14
_WARN_FIELD: Final = 15
_URGE_FIELD: Final = 17
_DUPLICATES_FIELD: Final = 18

NORMAL, WARNING, OVERDUE = 0, 1, 2
_AMBER = QColor(palette.WARNING_EDGE)
_RED = QColor(palette.URGENT)
_WARNING_BG = QBrush(QColor(palette.WARNING_ROW))
_OVERDUE_BG = QBrush(QColor(palette.OVERDUE_ROW))
_URGENT_BG = QBrush(QColor(palette.URGENT_ROW))
NEW_BG = QBrush(QColor(palette.NEW_ROW))
NEW_URGENT_BG = QBrush(QColor(palette.NEW_URGENT_ROW))
_URGENT_FG = QBrush(_RED)
_OVERDUE_FG = QBrush(QColor(palette.ERROR))
_DUPLICATE_FG = QBrush(QColor(palette.DUPLICATE))
# The left edge mark; normal rows get a transparent one so every number lines up.
_EDGE = {NORMAL: QColor(0, 0, 0, 0), WARNING: _AMBER, OVERDUE: _RED}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


def alert_state(row: q.QueueRow, now: float) -> int:
    due = row[_DUE_FIELD]
    if due is None:
        return NORMAL
    if now >= due:
        return OVERDUE
    warn = row[_WARN_FIELD]
    return WARNING if warn is not None and now >= warn else NORMAL


class QueueCells:
    """What a queue row shows in each column for each role (translated once, at creation)."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.headers = [QCoreApplication.translate("QueueModel", t) for t, _ in COLUMNS]
        self._status_text = {st.value: status_text(st) for st in Status}
        self._urge_mark = QCoreApplication.translate("QueueModel", "督×%1")
        self._duplicate_mark = QCoreApplication.translate("QueueModel", "【疑似重复】")

    def data(
        self,
        row: q.QueueRow,
        column: int,
        role: int,
        now: float,
        highlight: dict[int, tuple[float, QBrush]],
    ) -> Any:
        """The cell of `row` at `column` for `role` (one of USED_ROLES) at POSIX time `now`."""
        if role == DISPLAY:
            if column == COL_LEFT:
                return self.left_text(row, now)
            if column == COL_URGENT:
                return self.headers[COL_URGENT] if row[_URGENT_FIELD] else ""
            if column == COL_STATUS:
                return self._status_text[row[8]]
            if column == COL_URGE:
                return self._urge_text(row[_URGE_FIELD])
            if column == COL_DESCRIPTION and row[_DUPLICATES_FIELD]:
                return self._duplicate_mark + row[6]
            return row[_FIELD[column]]
        if role == BACKGROUND:
            mark = highlight.get(row[0])
            if mark is not None:
                return mark[1]
            if row[_URGENT_FIELD] and row[_DUE_FIELD] is not None:
                return _URGENT_BG  # an urgent case with a running clock outranks the tints
            state = alert_state(row, now)
            return _OVERDUE_BG if state == OVERDUE else _WARNING_BG if state == WARNING else None
        if role == DECORATION:
            if column != COL_NUMBER:
                return None
            return _EDGE.get(alert_state(row, now))
        if role == FOREGROUND:
            if column == COL_URGE and row[_URGE_FIELD]:
                return _URGENT_FG
            if column == COL_URGENT and row[_URGENT_FIELD]:
                return _URGENT_FG
            if column == COL_DESCRIPTION and row[_DUPLICATES_FIELD]:
                return _DUPLICATE_FG
            if column == COL_LEFT and alert_state(row, now) == OVERDUE:
                return _OVERDUE_FG
            return None
        if role == FONT:
            if column == COL_URGENT and row[_URGENT_FIELD]:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ALIGN:
            if column == COL_LEFT:
                return _RIGHT
            return _CENTER if column in (COL_URGENT, COL_URGE) else None
        if role == CASE_ID_ROLE:
            return row[0]
        if role == CASE_NUMBER_ROLE:
            return row[1]
        if role == ALERT_ROLE:
            return alert_state(row, now)
        if role == TOOLTIP and column == COL_DESCRIPTION:
            if row[_DUPLICATES_FIELD]:
                return (
                    QCoreApplication.translate(
                        "QueueModel",
                        "疑似重复：%n 件相似案件，按 Ctrl+Shift+M 并排比较",
                        "",
                        row[_DUPLICATES_FIELD],
                    )
                    + "\n"
                    + row[6]
                )
            return row[6]
        if role == TOOLTIP and column == COL_PLACE:
            return row[4]
        if role == TOOLTIP and column == COL_URGE and row[_URGE_FIELD]:
            return QCoreApplication.translate("QueueModel", "已督办 %n 次", "", row[_URGE_FIELD])
        if role == TOOLTIP and column == COL_LEFT and row[_DUE_FIELD] is not None:
            return basis_tooltip(bool(row.working))
        return None

    def _urge_text(self, urged: int) -> str:
        """The 督办 cell: "督×2" once the case was urged, empty before."""
        if not urged:
            return ""
        return self._urge_mark.replace("%1", str(urged))

    def left_text(self, row: q.QueueRow, now: float) -> str:
        """The 剩余时间 cell: working time left for categories that count it, else wall-clock."""
        due = row[_DUE_FIELD]
        if due is None:
            return ""
        return countdown_text(
            datetime.fromtimestamp(now, UTC),
            datetime.fromtimestamp(due, UTC),
            bool(row.working),
            self.ctx.settings.calendar(),
        )

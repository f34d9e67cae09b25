"""The 来电登记 form's tables: proposals (grid, 小类), picker rows and possible duplicates."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt

from db.cases.duplicates import DuplicateCandidate
from db.intake.calls import PickItem
from db.reference.choices import Choice
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.i18n import status_text

CONTEXT = "CallForm"
ID_ROLE = int(Qt.ItemDataRole.UserRole)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    return text


class ChoiceModel(RowsModel[Choice]):
    """Up to three proposals, numbered 1–3 (the keys that confirm them), with the why."""

    CONTEXT = CONTEXT
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("CallForm", "建议"),
        QT_TRANSLATE_NOOP("CallForm", "依据"),
    )
    ROW_NUMBERS = True
    TEXT_TOOLTIPS = True

    def cells(self, row: Choice) -> tuple[str, ...]:
        return (row.name, db_message_text(row.why))

    def role_data(self, number: int, column: int, role: int) -> Any:
        return self.rows[number].id if role == ID_ROLE else None


class PickModel(RowsModel[PickItem]):
    """Grids or 小类 to pick from (编码, 名称, 所属)."""

    CONTEXT = CONTEXT
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("CallForm", "编码"),
        QT_TRANSLATE_NOOP("CallForm", "名称"),
        QT_TRANSLATE_NOOP("CallForm", "所属"),
    )

    def cells(self, row: PickItem) -> tuple[str, ...]:
        return (row.code, row.name, row.group)

    def role_data(self, number: int, column: int, role: int) -> Any:
        return self.rows[number].id if role == ID_ROLE else None


class DuplicateModel(RowsModel[DuplicateCandidate]):
    """Possible duplicates: 案件编号, 上报时间 (local), 状态, why."""

    CONTEXT = CONTEXT
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("CallForm", "案件编号"),
        QT_TRANSLATE_NOOP("CallForm", "上报时间"),
        QT_TRANSLATE_NOOP("CallForm", "状态"),
        QT_TRANSLATE_NOOP("CallForm", "疑似理由"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, tz: tzinfo, parent: QObject | None = None) -> None:
        self.tz = tz
        super().__init__(parent)

    def cells(self, row: DuplicateCandidate) -> tuple[str, ...]:
        at = row.reported_at.astimezone(self.tz).strftime("%m-%d %H:%M")
        return (row.number, at, status_text(row.status), row.why)

"""The setup wizard's table of the template's problems (sheet, row, column, message)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from db.setup.workbook import SetupProblem
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel


class SetupProblemsModel(RowsModel[SetupProblem]):
    """Every problem the template has, as read_setup_workbook / apply_setup listed them."""

    CONTEXT = "SetupProblemsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("SetupProblemsModel", "工作表"),
        QT_TRANSLATE_NOOP("SetupProblemsModel", "行"),
        QT_TRANSLATE_NOOP("SetupProblemsModel", "列"),
        QT_TRANSLATE_NOOP("SetupProblemsModel", "问题"),
    )
    NUMERIC = frozenset({1})
    TEXT_TOOLTIPS = True

    def cells(self, row: SetupProblem) -> tuple[str, ...]:
        return (
            row.sheet,
            "" if row.row is None else str(row.row),
            row.column or "",
            db_message_text(row.message),
        )

"""反映人回访 in the case pane: one line per reporter merged into the case, each called back on
their own once the case is closed (the case's own reporter through the 回访 action)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.cases.queries import CaseDetail
from db.cases.reporters import call_back_reporter
from db.cases.states import ALLOWED_FROM, Action, Satisfaction, Status
from db.engine import Database
from db.errors import UserError
from desktop.cases.detail_sections import reporter_line
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext
from desktop.core.i18n import satisfaction_text


class ReporterCallbacks(QWidget):
    """Every reporter of `d` (its own first), each merged one with a 记录回访 control once the
    case is closed; `saved` after one is recorded."""

    saved = Signal()

    def __init__(
        self, ctx: AppContext, d: CaseDetail, tz: ZoneInfo, read_only: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = d.number
        self.setObjectName("reporterCallbacks")
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        may = (
            not read_only
            and ctx.actor.can("case.callback")
            and Status(d.status) in ALLOWED_FROM[Action.CALLBACK]
        )
        self.buttons: dict[int, QPushButton] = {}
        self.choices: dict[int, QComboBox] = {}
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.hide()
        for r in d.reporters:
            row = QHBoxLayout()
            line = QLabel(reporter_line(r, tz), self)
            line.setWordWrap(True)
            row.addWidget(line, 1)
            if may and r.satisfaction is None and not r.is_own:
                combo = QComboBox(self)
                for level in Satisfaction:
                    combo.addItem(satisfaction_text(level), level.value)
                button = QPushButton(self.tr("记录回访"), self)
                button.setObjectName("reporterCallback")
                button.clicked.connect(lambda *_, rid=r.id: self.record(rid))
                row.addWidget(combo)
                row.addWidget(button)
                self.choices[r.id] = combo
                self.buttons[r.id] = button
            v.addLayout(row)
        v.addWidget(self.error)

    def record(self, reporter_id: int) -> None:
        level = str(self.choices[reporter_id].currentData())
        actor, number = self.ctx.actor, self.number
        self.buttons[reporter_id].setEnabled(False)

        def job(db: Database) -> object:
            return call_back_reporter(db, actor, number, reporter_id, level)

        self.ctx.tasks.submit(job, lambda _r: self.saved.emit(), self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.error.setText(db_message_text(str(exc)))
            self.error.show()
        else:
            self.ctx.tasks.report(exc)

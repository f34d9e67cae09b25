"""The statistics page (统计): a placeholder until the statistics release (issue 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.context import AppContext


class StatsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("统计"), self)
        title.setObjectName("pageTitle")
        note = QLabel(
            self.tr(
                "统计分析与大屏展示将在后续版本中提供。\n届时这里显示各社区、各部门的办结率、按期率与满意度。"
            ),
            self,
        )
        note.setObjectName("placeholderNote")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addStretch(1)
        layout.addWidget(note)
        layout.addStretch(2)

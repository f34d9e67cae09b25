"""The F1 sheet (快捷键一览): every desk action with its keys, who may use it and in which case
states, generated from the one table in desk_actions.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.security.actors import Actor
from desktop.desk.desk_actions import DESK_ACTIONS, Section, label_of, states_text

NATIVE = QKeySequence.SequenceFormat.NativeText


class ShortcutSheet(QDialog):
    """A read-only table: 操作 | 快捷键 | 适用状态; actions the user's role may not take are
    greyed and say so."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("调度台快捷键"))
        self.resize(640, 720)
        sections = {
            Section.CASE: self.tr("案件操作（作用于队列中选中的案件）"),
            Section.QUEUE: self.tr("队列"),
            Section.DESK: self.tr("调度台"),
        }
        rows: list[tuple[str, str, str, bool, bool]] = []  # label, keys, states, header, allowed
        for section, title in sections.items():
            rows.append((title, "", "", True, True))
            for entry in DESK_ACTIONS:
                if entry.section is section:
                    allowed = entry.allowed_for(actor)
                    states = states_text(entry) if entry.case_action is not None else ""
                    if not allowed:
                        states = self.tr("当前角色不可用")
                    rows.append((label_of(entry), entry.key_text(NATIVE), states, False, allowed))
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("操作"), self.tr("快捷键"), self.tr("适用状态")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        for r, (label, keys, states, header, allowed) in enumerate(rows):
            for c, text in enumerate((label, keys, states)):
                item = QTableWidgetItem(text)
                if header:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                elif not allowed:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if header:
                self.table.setSpan(r, 0, 1, 3)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)
        hint = QLabel(self.tr("右键菜单只列出对所选案件状态和您的角色有效的操作。"), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def texts(self) -> list[tuple[str, str, str]]:
        """The rows as shown (for tests and screenshots)."""
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            out.append(tuple(c.text() if c is not None else "" for c in cells))
        return out  # type: ignore[return-value]

"""The keyboard way to dispatch: a small type-to-filter list of departments (派遣到…)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.common import palette

_ID_ROLE = int(Qt.ItemDataRole.UserRole)


class DepartmentPicker(QDialog):
    """Type to narrow the list, arrows to move, Enter to dispatch; `picked(id, name)`."""

    picked = Signal(int, str)

    def __init__(
        self,
        departments: Sequence[tuple[int, str]],
        *,
        suggested: frozenset[int] = frozenset(),
        what: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("派遣到…"))
        layout = QVBoxLayout(self)
        if what:
            label = QLabel(what, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("pickerDeadline")
        self.deadline.setStyleSheet(palette.text_style(palette.INFO))
        self.deadline.setVisible(False)
        layout.addWidget(self.deadline)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("输入部门名称筛选"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("派遣"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # The category's default department(s) first, marked.
        ordered = sorted(departments, key=lambda d: (d[0] not in suggested,))
        for dept_id, name in ordered:
            text = name + (self.tr("（默认部门）") if dept_id in suggested else "")
            item = QListWidgetItem(text, self.list)
            item.setData(_ID_ROLE, dept_id)
            item.setData(_ID_ROLE + 1, name)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self._filter("")
        self.resize(320, 420)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/down in the search box move in the list, so typing and choosing need no mouse.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _move(self, step: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def _filter(self, text: str) -> None:
        needle = text.strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text())
        rows = self._visible_rows()
        current = self.list.currentRow()
        if rows and current not in rows:
            self.list.setCurrentRow(rows[0])

    def set_deadline(self, text: str | None) -> None:
        """The deadline the cases will get (处置时限 …), once the worker has computed it."""
        self.deadline.setText(text or "")
        self.deadline.setVisible(bool(text))

    def choice(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(_ID_ROLE)), str(item.data(_ID_ROLE + 1))

    def accept(self) -> None:
        chosen = self.choice()
        if chosen is None:
            return
        super().accept()
        self.picked.emit(*chosen)

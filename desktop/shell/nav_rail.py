"""The navigation rail on the left of the main window (调度台, 人员, 报表, 统计, 设置)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QButtonGroup, QFrame, QToolButton, QVBoxLayout, QWidget

from db.paths import resources_dir


def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


class NavRail(QFrame):
    """Checkable buttons, one per page; `current_changed(index)` when the user picks one."""

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setFixedWidth(86)  # room for the bold English “Statistics”
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 8)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.current_changed)
        self.buttons: list[QToolButton] = []

    def add_page(self, text: str, icon_name: str, shortcut_hint: str = "") -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(24, 24))
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setSizePolicy(
            button.sizePolicy().horizontalPolicy(), button.sizePolicy().verticalPolicy()
        )
        button.setMinimumWidth(64)
        if shortcut_hint:
            button.setToolTip(f"{text}（{shortcut_hint}）")
        self.group.addButton(button, len(self.buttons))
        self._layout.insertWidget(len(self.buttons), button)
        self.buttons.append(button)
        return button

    def set_current(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)

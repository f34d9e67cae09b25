"""A toast (提示条): one line over the bottom of a page for a few seconds, for what the user must
notice right after a keystroke (an undo, a shortcut that did nothing), besides the status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

TOAST_MS = 5000


class Toast(QLabel):
    """Shows `show_text(text)` centred near the bottom of its parent, then hides itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "QLabel#toast { background: rgba(32, 38, 46, 230); color: white;"
            " border-radius: 6px; padding: 10px 18px; font-size: 15px; }"
        )
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)

    def show_text(self, text: str, timeout_ms: int = TOAST_MS) -> None:
        self.setText(text)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(timeout_ms)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(max(parent.width() // 2, 320), 720)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, parent.height() - self.height() - 48)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

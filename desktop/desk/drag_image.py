"""The small picture that follows the cursor while cases are dragged to the department board.

Qt's default drag image is the dragged rows as drawn, as wide as the table (about 1,300 px on a
1080p desk), and it hides the cards it is aimed at. This is a label of at most `MAX_WIDTH` px:
the first case's number and 小类, and "共 N 件" when several are dragged, held at its top-left
corner so the card under the cursor stays in sight.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QDrag, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.common import palette
from desktop.desk import case_mime
from desktop.desk.case_mime import DraggedCase

MAX_WIDTH = 300
HOT_SPOT = QPoint(0, 0)  # the cursor at its top-left corner: the picture trails the aim

_STYLE = f"""
QFrame#dragImage {{
    background: {palette.DROP_TARGET_BACKGROUND}; border: 1px solid {palette.DROP_HOVER_BORDER};
    border-radius: 4px;
}}
QLabel {{ background: transparent; border: none; }}
QLabel#dragNumber {{ font-weight: bold; }}
QLabel#dragCount {{ color: {palette.INFO}; }}
"""


def drag_widget(cases: Sequence[DraggedCase]) -> QWidget:
    """The label drawn under the cursor (not shown; rendered by `drag_pixmap`)."""
    frame = QFrame()
    frame.setObjectName("dragImage")
    frame.setStyleSheet(_STYLE)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 4, 8, 4)
    layout.setSpacing(0)
    first = cases[0]
    number = QLabel(first.number, frame)
    number.setObjectName("dragNumber")
    layout.addWidget(number)
    if first.category:
        category = QLabel(frame)
        category.setObjectName("dragCategory")
        width = MAX_WIDTH - 16
        category.setText(
            category.fontMetrics().elidedText(first.category, Qt.TextElideMode.ElideRight, width)
        )
        layout.addWidget(category)
    if len(cases) > 1:
        text = QCoreApplication.translate("DragImage", "共 %1 件").replace("%1", str(len(cases)))
        count = QLabel(text, frame)
        count.setObjectName("dragCount")
        layout.addWidget(count)
    frame.setMaximumWidth(MAX_WIDTH)
    frame.adjustSize()
    return frame


def drag_pixmap(cases: Sequence[DraggedCase]) -> QPixmap:
    widget = drag_widget(cases)
    try:
        return widget.grab()
    finally:
        widget.deleteLater()


def make_drag(source: QWidget, cases: Sequence[DraggedCase]) -> QDrag:
    """A drag of `cases` from `source` with the small picture; the caller runs `exec`."""
    drag = QDrag(source)
    drag.setMimeData(case_mime.encode(cases))
    drag.setPixmap(drag_pixmap(cases))
    drag.setHotSpot(HOT_SPOT)
    return drag

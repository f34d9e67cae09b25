"""The form's small dialogs: a grid or 小类 picker with pinyin search, and a read-only view of a
possible duplicate."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases.queries import CaseDetail, case_detail
from db.engine import Database
from db.intake.calls import PickItem
from db.reference.pinyin import matches
from db.security.personal_data import mask_name, mask_phone
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.core.i18n import source_text, status_text
from desktop.intake.models import PickModel

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def filter_items(items: Sequence[PickItem], query: str) -> list[PickItem]:
    """Items whose code starts with `query`, whose name or group contains it, or whose name
    its pinyin initials or full pinyin name ("jg", "jinggai" → 井盖); prefixes first."""
    text = query.strip()
    if not text:
        return list(items)
    first: list[PickItem] = []
    rest: list[PickItem] = []
    for item in items:
        if item.code.startswith(text) or item.name.startswith(text):
            first.append(item)
        elif text in item.name or text in item.group or matches(text, item.name):
            rest.append(item)
    return first + rest


class PickerDialog(QDialog):
    """Type to filter (name, code, pinyin), ↑/↓ to move, Enter to take the highlighted row."""

    picked = Signal(object)  # PickItem

    def __init__(
        self, title: str, items: Sequence[PickItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakePicker")
        self.setWindowTitle(title)
        self.resize(560, 480)
        self.items = list(items)
        self.search = QLineEdit(self)
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText(self.tr("输入名称、编码或拼音首字母（如 jg）"))
        self.model = PickModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.model.set_rows(filter_items(self.items, text))
        if self.model.rowCount():
            self.table.selectRow(0)

    def current(self) -> PickItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑/↓ in the search box move in the table (the focus stays in the box)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _MOVE_KEYS
        ):
            self.table.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        item = self.current()
        if item is None:
            return
        self.picked.emit(item)
        super().accept()


class CaseView(QDialog):
    """A possible duplicate, read-only: what was reported, where, by whom (masked), its state."""

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.setObjectName("duplicateView")
        self.setWindowTitle(self.tr("案件 %1（只读）").replace("%1", number))
        self.resize(520, 420)
        self.form = QFormLayout()
        self.message = QLabel(self.tr("正在读取…"), self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.detail: CaseDetail | None = None

        def job(db: Database) -> CaseDetail:
            with db.read() as session:
                return case_detail(session, number)

        ctx.tasks.submit(job, self._show, self._failed, owner=self)

    def _show(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.message.setText("")
        tz = self.ctx.settings.tz
        rows = (
            (self.tr("状态"), status_text(detail.status)),
            (self.tr("上报时间"), detail.reported_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")),
            (self.tr("来源"), source_text(detail.source)),
            (self.tr("网格"), f"{detail.community}{detail.grid}"),
            (self.tr("小类"), detail.category),
            (self.tr("地址"), detail.address),
            (self.tr("问题描述"), detail.description),
            (
                self.tr("反映人"),
                f"{mask_name(detail.reporter_name)} {mask_phone(detail.reporter_phone)}".strip(),
            ),
            (self.tr("处置部门"), detail.department or ""),
            (self.tr("照片"), self.tr("%1 张").replace("%1", str(len(detail.photos)))),
        )
        for label, value in rows:
            field = QLabel(value, self)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(label, field)

    def _failed(self, exc: BaseException) -> None:
        self.message.setObjectName("errorText")
        self.message.setText(error_text(exc))
        self.message.style().polish(self.message)

"""The 待定位 tray: 12345 orders whose grid or 小类 the import could not decide, confirmed or
dropped one by one by a dispatcher.

`PendingTrayButton` sits in the desk's queue header, reads "待定位 (N)" and is visible only while
N > 0; it counts again on every change of the live feed (a confirmed order becomes a case), after
the tray's own actions and every `RECOUNT_MS` (an import that only fills the tray touches no
case, so the feed says nothing). `PendingTray` lists the orders; the selected one shows the
caller's words, the address, the reason and the import's suggestions (top 3 grids, top 3 小类,
each with why) above a grid picker and a 小类 picker preset to the best suggestions. Keys:
↑/↓ choose the order, Alt+1–3 take a grid suggestion, Ctrl+1–3 a 小类 suggestion, Ctrl+Enter
确认 (the case is created in 待立案 and the order leaves the tray), Ctrl+Delete 作废 (asks
for the reason). Every read and write runs off the GUI thread (desktop/core/tasks.py)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.intake.hotline import (
    PendingOrder,
    TrayData,
    confirm_pending,
    drop_pending,
    load_tray,
    pending_count,
)
from db.reference.choices import Choice
from desktop.common.db_messages import db_message_text
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly

RECOUNT_MS = 30_000


def _local(ctx: AppContext, order: PendingOrder) -> str:
    if order.called_at is None:
        return ""
    return order.called_at.astimezone(ctx.settings.tz).strftime("%m-%d %H:%M")


class PendingModel(RowsModel[PendingOrder]):
    """The tray's orders: call time, 工单编号, address, why it waits."""

    CONTEXT = "PendingModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("PendingModel", "来电时间"),
        QT_TRANSLATE_NOOP("PendingModel", "工单编号"),
        QT_TRANSLATE_NOOP("PendingModel", "事发地址"),
        QT_TRANSLATE_NOOP("PendingModel", "待定位原因"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        super().__init__(parent)

    def cells(self, row: PendingOrder) -> tuple[str, ...]:
        address = row.address or QCoreApplication.translate("PendingModel", "（无地址）")
        return (_local(self.ctx, row), row.work_order, address, db_message_text(row.reason))


class PendingTrayButton(QPushButton):
    """ "待定位 (N)" in the desk's queue header, hidden while the tray is empty."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.count = 0
        self.tray: PendingTray | None = None
        self.setObjectName("pendingTrayButton")
        self.setVisible(False)
        self.setToolTip(self.tr("12345 工单中网格或小类不确定、等待确认的工单"))
        self.clicked.connect(self.open_tray)
        self._loader: LatestOnly[int] = LatestOnly(
            ctx.tasks, self, lambda: pending_count, self._counted
        )
        ctx.feed.cases_changed.connect(lambda _ids: self.recount())
        self._timer = QTimer(self)
        self._timer.setInterval(RECOUNT_MS)
        self._timer.timeout.connect(self.recount)
        self._timer.start()
        self.recount()

    def recount(self) -> None:
        self._loader.request()

    def _counted(self, count: int) -> None:
        self.count = count
        self.setText(self.tr("待定位 (%1)").replace("%1", str(count)))
        self.setVisible(count > 0)

    def open_tray(self) -> PendingTray:
        if self.tray is not None and shiboken6.isValid(self.tray):
            self.tray.raise_()
            self.tray.activateWindow()
            return self.tray
        tray = PendingTray(self.ctx, self.window())
        tray.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tray.changed.connect(self.recount)
        tray.destroyed.connect(lambda *_: setattr(self, "tray", None))
        tray.show()
        self.tray = tray
        return tray


class PendingTray(QDialog):
    """The 待定位 window: orders on the left, the selected order and its pickers on the right."""

    changed = Signal()  # an order was confirmed or dropped
    loaded = Signal()  # the list was (re)loaded

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pendingTray")
        self.setWindowTitle(self.tr("待定位工单"))
        self.resize(1180, 680)
        self.grids: list[Choice] = []
        self.categories: list[Choice] = []
        self.busy = False

        self.model = PendingModel(ctx, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.empty = QLabel(self.tr("待定位中没有工单"), self)
        self.empty.setObjectName("pendingTrayEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)

        self.words = QPlainTextEdit(self)
        self.words.setReadOnly(True)
        self.words.setObjectName("pendingWords")
        self.words.setMaximumHeight(self.words.fontMetrics().height() * 8)
        self.address = QLabel(self)
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caller = QLabel(self)
        self.caller.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("pendingReason")
        self.reason.setWordWrap(True)
        self.grid_hints = QListWidget(self)
        self.grid_hints.setObjectName("gridSuggestions")
        self.category_hints = QListWidget(self)
        self.category_hints.setObjectName("categorySuggestions")
        for hints in (self.grid_hints, self.category_hints):
            hints.setMaximumHeight(hints.fontMetrics().height() * 5)
            hints.setWordWrap(True)
        self.grid_pick = QComboBox(self)
        self.grid_pick.setObjectName("gridPicker")
        self.category_pick = QComboBox(self)
        self.category_pick.setObjectName("categoryPicker")
        for combo in (self.grid_pick, self.category_pick):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        self.grid_hints.itemActivated.connect(lambda item: self._take(self.grid_pick, item))
        self.grid_hints.itemClicked.connect(lambda item: self._take(self.grid_pick, item))
        self.category_hints.itemActivated.connect(lambda item: self._take(self.category_pick, item))
        self.category_hints.itemClicked.connect(lambda item: self._take(self.category_pick, item))
        self.confirm_button = QPushButton(self.tr("确认立案 (Ctrl+Enter)"), self)
        self.confirm_button.setObjectName("pendingConfirm")
        self.confirm_button.clicked.connect(self.confirm_current)
        self.drop_button = QPushButton(self.tr("作废… (Ctrl+Delete)"), self)
        self.drop_button.setObjectName("pendingDrop")
        self.drop_button.clicked.connect(self.ask_drop)
        self.status = QLabel(self)
        self.status.setObjectName("pendingStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("诉求内容"), self.words)
        form.addRow(self.tr("事发地址"), self.address)
        form.addRow(self.tr("来电"), self.caller)
        form.addRow(self.tr("待定位原因"), self.reason)
        form.addRow(self.tr("网格建议 (Alt+1–3)"), self.grid_hints)
        form.addRow(self.tr("网格"), self.grid_pick)
        form.addRow(self.tr("小类建议 (Ctrl+1–3)"), self.category_hints)
        form.addRow(self.tr("小类"), self.category_pick)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.drop_button)
        buttons.addWidget(self.confirm_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(form)
        right_layout.addLayout(buttons)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._shortcuts: list[QShortcut] = []
        self._key("Ctrl+Return", self.confirm_current)
        self._key("Ctrl+Enter", self.confirm_current)
        self._key("Ctrl+Delete", self.ask_drop)
        self._key("F5", self.reload)
        for n in range(3):
            self._key(f"Alt+{n + 1}", lambda n=n: self._take_hint(self.grid_hints, n))
            self._key(f"Ctrl+{n + 1}", lambda n=n: self._take_hint(self.category_hints, n))
        self._loader: LatestOnly[TrayData] = LatestOnly(
            ctx.tasks, self, lambda: load_tray, self._loaded
        )
        self._keep: str | None = None  # the work order to select after a reload
        self._show(None)
        self.reload()

    def _key(self, keys: str, slot: Any) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.current()
        self._keep = current.work_order if current is not None else None
        self._loader.request()

    def _loaded(self, data: TrayData) -> None:
        if data.grids != self.grids:
            self.grids = data.grids
            self._fill(self.grid_pick, data.grids)
        if data.categories != self.categories:
            self.categories = data.categories
            self._fill(self.category_pick, data.categories)
        row = self.table.currentIndex().row()
        self.model.set_rows(data.orders)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(data.orders))
        self.empty.setVisible(not data.orders)
        keep = next(
            (i for i, o in enumerate(data.orders) if o.work_order == self._keep),
            min(max(row, 0), len(data.orders) - 1),
        )
        if data.orders:
            self.table.selectRow(keep)
            self.table.setCurrentIndex(self.model.index(keep, 0))
            self._show(data.orders[keep])
        else:
            self._show(None)
        self.table.setFocus()
        self.loaded.emit()

    @staticmethod
    def _fill(combo: QComboBox, choices: list[Choice]) -> None:
        combo.clear()
        combo.addItem("", None)
        for choice in choices:
            combo.addItem(f"{choice.code}  {choice.name}", choice.code)

    # --- the selected order ----------------------------------------------------------------

    def current(self) -> PendingOrder | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.row_at(current.row()) if current.isValid() else None)

    def _show(self, order: PendingOrder | None) -> None:
        enabled = order is not None and not self.busy
        for widget in (self.confirm_button, self.drop_button, self.grid_pick, self.category_pick):
            widget.setEnabled(enabled)
        self.grid_hints.clear()
        self.category_hints.clear()
        if order is None:
            self.words.setPlainText("")
            for label in (self.address, self.caller, self.reason):
                label.setText("")
            self.grid_pick.setCurrentIndex(0)
            self.category_pick.setCurrentIndex(0)
            return
        self.words.setPlainText(order.description)
        self.address.setText(order.address or self.tr("（无地址）"))
        caller = " ".join(
            part
            for part in (
                _local(self.ctx, order),
                order.reporter_name,
                order.reporter_phone,
                order.kind,
                self.tr("紧急") if order.urgent else "",
                self.tr("办理时限 %1 个工作日").replace("%1", str(order.limit_days))
                if order.limit_days
                else "",
            )
            if part
        )
        self.caller.setText(caller)
        self.reason.setText(db_message_text(order.reason))
        self._hints(self.grid_hints, order.grids, self.tr("地址无法定位到任何网格"))
        self._hints(self.category_hints, order.categories, self.tr("没有小类建议"))
        self._select(self.grid_pick, order.grids[0].code if order.grids else None)
        self._select(self.category_pick, order.categories[0].code if order.categories else None)

    @staticmethod
    def _hints(widget: QListWidget, choices: tuple[Choice, ...], none: str) -> None:
        if not choices:
            item = QListWidgetItem(none)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
            return
        for n, choice in enumerate(choices[:3], start=1):
            item = QListWidgetItem(
                f"{n}. {choice.code} {choice.name} — {db_message_text(choice.why)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            widget.addItem(item)

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code) if code else 0
        combo.setCurrentIndex(max(index, 0))

    def _take(self, combo: QComboBox, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(code, str):
            self._select(combo, code)

    def _take_hint(self, hints: QListWidget, n: int) -> None:
        item = hints.item(n)
        if item is not None:
            self._take(self.grid_pick if hints is self.grid_hints else self.category_pick, item)

    def picked(self, combo: QComboBox) -> str:
        """The code picked: the item's, or a code typed into the box."""
        data = combo.currentData()
        text = combo.currentText().strip()
        if isinstance(data, str) and combo.itemText(combo.currentIndex()) == combo.currentText():
            return data
        return text.split()[0] if text else ""

    # --- acting ----------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.confirm_button, self.drop_button):
            widget.setEnabled(not busy and self.current() is not None)

    def confirm_current(self) -> None:
        order = self.current()
        if order is None or self.busy:
            return
        grid, category = self.picked(self.grid_pick), self.picked(self.category_pick)
        if not grid or not category:
            self._say(self.tr("请先选定网格和小类"))
            return
        actor = self.ctx.actor

        def job(db: Database) -> str:
            return confirm_pending(db, order.id, grid, category, actor)

        def done(number: str) -> None:
            self._set_busy(False)
            self._say(
                self.tr("工单 %1 已立为案件 %2（待立案）")
                .replace("%1", order.work_order)
                .replace("%2", number)
            )
            self._keep = None
            self._after_change()

        self._set_busy(True)
        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def ask_drop(self) -> QInputDialog | None:
        order = self.current()
        if order is None or self.busy:
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("pendingDropReason")
        dialog.setWindowTitle(self.tr("作废待定位工单"))
        dialog.setLabelText(
            self.tr("作废工单 %1 的原因（如 重复来电、非本街道）：").replace("%1", order.work_order)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self.drop(order, text))
        dialog.open()
        return dialog

    def drop(self, order: PendingOrder, reason: str) -> None:
        if self.busy:
            return
        actor = self.ctx.actor

        def job(db: Database) -> None:
            drop_pending(db, order.id, reason, actor)

        def done(_result: None) -> None:
            self._set_busy(False)
            self._say(self.tr("工单 %1 已作废").replace("%1", order.work_order))
            self._keep = None
            self._after_change()

        self._set_busy(True)
        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def _after_change(self) -> None:
        self.changed.emit()
        self._loader.request()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say(error_text(exc))
        self._loader.request()  # another dispatcher may have taken the order meanwhile

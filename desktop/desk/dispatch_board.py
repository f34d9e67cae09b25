"""The department board (部门看板): a card per department, live counts, drop cases to dispatch.

Each card shows the department's open (在办), warning (预警) and overdue (超期) cases and this
month's on-time rate (本月按期率), refreshed from the change feed. Cases dragged from the queue
(`application/x-griddesk-case-ids`) can be dropped on a card to dispatch them there; while
dragging, the categories' default department glows and the card under the cursor shows the
handling deadline the cases would get. Highlights change only the border's colour and width
(the padding gives back what the border takes) and the deadline line has its room kept when
hidden, so no card grows or moves while cases are dragged over it. A click on a card asks the
queue to show only that department's cases (`department_clicked`); a second click clears it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.cases import queue as q
from db.clock import utcnow
from db.engine import Database
from db.stats.definitions import DEPARTMENT_CO, DEPARTMENT_OVERDUE, MONTH_ON_TIME
from db.stats.department_load import DepartmentLoad, department_board
from desktop.common import palette
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly
from desktop.desk import case_mime
from desktop.desk.case_mime import DraggedCase
from desktop.desk.department_picker import prepare_pinyin
from desktop.desk.dispatch_undo import Dispatcher, deadline_text, load_preview

CARD_WIDTH = 168
REFRESH_DELAY_MS = 700  # coalesce bursts of feed changes into one board query
CLOCK_REFRESH_MS = 60_000  # warning and overdue counts move with the clock alone

# Every state has border + padding = 2 px: a highlight never changes the card's size.
_STYLE = f"""
DepartmentCard {{
    background: palette(base); border: 1px solid palette(mid); border-radius: 6px; padding: 1px;
}}
DepartmentCard[filtered="true"] {{ border: 2px solid {palette.INFO}; padding: 0px; }}
DepartmentCard[glow="true"] {{
    border: 2px solid {palette.DROP_TARGET_BORDER}; background: {palette.DROP_TARGET_BACKGROUND};
    padding: 0px;
}}
DepartmentCard[hover="true"] {{
    border: 2px solid {palette.DROP_HOVER_BORDER}; background: {palette.DROP_HOVER_BACKGROUND};
    padding: 0px;
}}
QLabel#name {{ font-weight: bold; }}
QLabel#overdue[late="true"] {{ color: {palette.ERROR}; font-weight: bold; }}
QLabel#warning[soon="true"] {{ color: {palette.WARNING}; }}
QLabel#co[late="true"] {{ color: {palette.ERROR}; }}
QLabel#preview {{ color: {palette.INFO}; }}
"""

PINYIN_AFTER_MS = 4_000  # after the start, the pinyin table loads on a thread of its own


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class DepartmentCard(QFrame):
    """One department; a drop target for dragged cases."""

    dropped = Signal(object, list)  # (card, list[DraggedCase])
    co_dropped = Signal(object, list)  # dropped with Ctrl held: join the cases as 协办
    entered = Signal(object, list)
    left = Signal(object)
    clicked = Signal(object)  # the card

    def __init__(
        self, load: DepartmentLoad, parent: QWidget | None = None, *, may_dispatch: bool = True
    ) -> None:
        super().__init__(parent)
        self.department_id = load.id
        self.department = load.name
        self.setAcceptDrops(may_dispatch)  # a role without 派遣 cannot drop cases here
        self.setFixedWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.name = QLabel(load.name, self)
        self.name.setObjectName("name")
        self.open = QLabel(self)
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.overdue = QLabel(self)
        self.overdue.setObjectName("overdue")
        self.co = QLabel(self)
        self.co.setObjectName("co")
        self.rate = QLabel(self)
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        # Its line is kept while hidden: showing the deadline must not make the card taller.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.preview.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.preview.setSizePolicy(policy)
        self.preview.setFixedHeight(self.preview.fontMetrics().height())
        self.preview.setVisible(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.name, 0, 0, 1, 3)
        layout.addWidget(self.open, 1, 0)
        layout.addWidget(self.warning, 1, 1)
        layout.addWidget(self.overdue, 1, 2)
        layout.addWidget(self.co, 2, 0, 1, 3)
        layout.addWidget(self.rate, 3, 0, 1, 3)
        layout.addWidget(self.preview, 4, 0, 1, 3)
        self.set_load(load)

    def set_load(self, load: DepartmentLoad) -> None:
        self.load = load
        self.open.setText(self.tr("在办 %1").replace("%1", str(load.open)))
        self.warning.setText(self.tr("预警 %1").replace("%1", str(load.warning)))
        self.overdue.setText(self.tr("超期 %1").replace("%1", str(load.overdue)))
        rate = load.on_time_rate
        self.rate.setText(
            self.tr("本月按期 %1").replace("%1", f"{rate * 100:.1f}%" if rate is not None else "—")
        )
        co = self.tr("协办 %1").replace("%1", str(load.co_open))
        if load.co_overdue:
            co += self.tr("（超期 %1）").replace("%1", str(load.co_overdue))
        self.co.setText(co)
        self.co.setProperty("late", load.co_overdue > 0)
        _repolish(self.co)
        self.overdue.setProperty("late", load.overdue > 0)
        self.warning.setProperty("soon", load.warning > 0)
        _repolish(self.overdue)
        _repolish(self.warning)
        self.setToolTip(
            self.tr("本月应结案 %1 件，结案 %2 件，按期 %3 件")
            .replace("%1", str(load.due_month))
            .replace("%2", str(load.closed_month))
            .replace("%3", str(load.on_time_month))
            + "\n"
            + self.tr("单击只看该部门的案件，再次单击取消")
        )
        self.overdue.setToolTip(QCoreApplication.translate("Figures", DEPARTMENT_OVERDUE.counts))
        self.rate.setToolTip(QCoreApplication.translate("Figures", MONTH_ON_TIME.counts))
        self.co.setToolTip(QCoreApplication.translate("Figures", DEPARTMENT_CO.counts))

    def set_flag(self, name: str, on: bool) -> None:
        if bool(self.property(name)) != on:
            self.setProperty(name, on)
            _repolish(self)

    def is_glowing(self) -> bool:
        return bool(self.property("glow"))

    def set_preview(self, text: str | None) -> None:
        self.preview.setText(text or "")
        self.preview.setVisible(bool(text))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()  # the release then comes here: a click
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit(self)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- drag and drop -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        cases = case_mime.decode(event.mimeData())
        if not cases:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.entered.emit(self, cases)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if case_mime.has_cases(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.left.emit(self)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        cases = case_mime.decode(event.mimeData())
        if not cases:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.left.emit(self)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.co_dropped.emit(self, cases)
        else:
            self.dropped.emit(self, cases)


class DispatchBoard(QWidget):
    """All department cards, kept live; drops become dispatches through `Dispatcher`."""

    loaded = Signal()
    preview_ready = Signal(object)  # DispatchPreview
    department_clicked = Signal(object)  # int | None: show only this department's cases

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        dispatcher: Dispatcher | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dispatcher = dispatcher or Dispatcher(ctx, self)
        self.cards: dict[int, DepartmentCard] = {}
        self.preview: q.DispatchPreview | None = None
        self._drag: list[DraggedCase] | None = None
        self._drag_key: tuple[int, ...] | None = None
        self._hover: DepartmentCard | None = None
        self.filtered_department: int | None = None  # the card the queue is narrowed to
        # One count at a time; changes meanwhile count once more when it ends.
        self._loader: LatestOnly[list[DepartmentLoad]] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded, self._failed
        )

        self.setStyleSheet(_STYLE)
        self.may_dispatch = ctx.actor.can("case.dispatch")
        self.title = QLabel(
            self.tr("部门看板（将案件拖到部门上即派遣，按住 Ctrl 拖放则增派为协办）")
            if self.may_dispatch
            else self.tr("部门看板（当前角色不能派遣，仅供查看）"),
            self,
        )
        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setSpacing(6)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll_area, 1)
        self._columns = 0
        # The viewport gets its real width after the board's own resize at the first show
        # (a maximized first start): lay the cards out again whenever it changes.
        self.scroll_area.viewport().installEventFilter(self)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # Throttle, not debounce: a steady stream of changes still refreshes every 0.7 s.
        ctx.feed.cases_changed.connect(self._changes_arrived)
        self.dispatcher.finished.connect(self.refresh)
        ctx.signals.master_data_changed.connect(self.refresh)  # a department added or disabled
        # Cases cross their warning share and deadline with nothing written: recount each minute.
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self.refresh)
        self._clock.start()
        self.refresh()
        # For the department picker (Ctrl+D), which shares the desk: once the queue has had
        # time to fill (loading the dictionaries holds the interpreter for about a second).
        QTimer.singleShot(PINYIN_AFTER_MS, self, prepare_pinyin)

    # --- live counts -------------------------------------------------------------------------

    def _changes_arrived(self, _ids: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        self._loader.request()

    def _load_job(self) -> Callable[[Database], list[DepartmentLoad]]:
        settings = self.ctx.settings

        def job(db: Database) -> list[DepartmentLoad]:
            with db.read() as s:
                return department_board(s, utcnow(), settings)

        return job

    def _failed(self, exc: BaseException) -> None:
        self.ctx.tasks.report(exc)

    def _loaded(self, loads: list[DepartmentLoad]) -> None:
        known = set(self.cards)
        wanted = [d.id for d in loads]
        if set(wanted) != known or list(self.cards) != wanted:
            for card in self.cards.values():
                card.deleteLater()
            self.cards = {}
            for load in loads:
                card = DepartmentCard(load, self._inner, may_dispatch=self.may_dispatch)
                card.entered.connect(self._entered)
                card.left.connect(self._left)
                card.dropped.connect(self._dropped)
                card.co_dropped.connect(self._co_dropped)
                card.clicked.connect(self._clicked)
                card.set_flag("filtered", load.id == self.filtered_department)
                self.cards[load.id] = card
            self._columns = 0
            self._lay_out()
        else:
            for load in loads:
                self.cards[load.id].set_load(load)
        self.loaded.emit()

    def _lay_out(self) -> None:
        columns = max(1, (self.scroll_area.viewport().width() - 8) // (CARD_WIDTH + 6))
        if columns == self._columns:
            return
        self._columns = columns
        for i, card in enumerate(self.cards.values()):
            self._grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroll_area.viewport():
            self._lay_out()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._lay_out()
        return super().event(event)

    def card(self, name: str) -> DepartmentCard:
        return next(c for c in self.cards.values() if c.department == name)

    # --- click to filter ---------------------------------------------------------------------

    def _clicked(self, card: DepartmentCard) -> None:
        chosen = None if card.department_id == self.filtered_department else card.department_id
        self.show_filtered(chosen)
        self.department_clicked.emit(chosen)

    def show_filtered(self, department_id: int | None) -> None:
        """Mark the card of the department the queue shows (None: no department filter)."""
        self.filtered_department = department_id
        for dept_id, card in self.cards.items():
            card.set_flag("filtered", dept_id == department_id)

    # --- dragging ----------------------------------------------------------------------------

    def begin_drag(self, cases: Sequence[DraggedCase]) -> None:
        """A drag of `cases` started: glow the default departments, fetch the deadlines."""
        key = tuple(sorted(c.id for c in cases))
        if not cases or key == self._drag_key:
            return
        self._drag, self._drag_key = list(cases), key
        self.preview = None
        defaults = {c.default_department_id for c in cases}
        for dept_id, card in self.cards.items():
            card.set_flag("glow", dept_id in defaults)
        if not self.cards:
            return
        some_department = next(iter(self.cards))
        ids, settings = list(key), self.ctx.settings

        self.ctx.tasks.submit(
            lambda db: load_preview(db, ids, some_department, settings),
            lambda p: self._preview_loaded(key, p),
            lambda _e: None,
            owner=self,
        )

    def _preview_loaded(self, key: tuple[int, ...], preview: q.DispatchPreview) -> None:
        if key != self._drag_key:
            return
        self.preview = preview
        for dept_id, card in self.cards.items():
            card.set_flag("glow", dept_id in preview.default_departments)
        if self._hover is not None:
            self._hover.set_preview(self.preview_text())
        self.preview_ready.emit(preview)

    def preview_text(self) -> str | None:
        return deadline_text(self.preview, self.ctx.settings.tz)

    def end_drag(self) -> None:
        self._drag = self._drag_key = None
        self.preview = None
        for card in self.cards.values():
            card.set_flag("glow", False)
            card.set_flag("hover", False)
            card.set_preview(None)
        self._hover = None

    def _entered(self, card: DepartmentCard, cases: list[DraggedCase]) -> None:
        self.begin_drag(cases)
        if self._hover is not None and self._hover is not card:
            self._left(self._hover)
        self._hover = card
        card.set_flag("hover", True)
        card.set_preview(self.preview_text())

    def _left(self, card: DepartmentCard) -> None:
        card.set_flag("hover", False)
        card.set_preview(None)
        if self._hover is card:
            self._hover = None

    def _dropped(self, card: DepartmentCard, cases: list[DraggedCase]) -> None:
        self.end_drag()
        self.dispatcher.dispatch(cases, card.department_id, card.department)

    def _co_dropped(self, card: DepartmentCard, cases: list[DraggedCase]) -> None:
        self.end_drag()
        self.dispatcher.add_co(cases, card.department)

"""The queue table's columns per user: which are shown, in which order, how wide.

The header's sections can be dragged to a new place and its context menu shows or hides each
column (编号 stays: it names the case). The layout is kept in QSettings under the user's name
and put back when the queue is created again for the same user — another user gets their own
(or the default) layout. Stored as plain lists, not `QHeaderView.saveState()`, so a layout
saved before a column was added still restores the columns it knows.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from desktop.core.context import AppContext
from desktop.desk.queue_columns import COL_NUMBER, COLUMNS
from desktop.desk.saved_views import user_key


class QueueHeaderLayout:
    """Keeps `table`'s column order, visibility and widths per user (ctx.actor)."""

    def __init__(self, ctx: AppContext, table: QTableView) -> None:
        self.ctx = ctx
        self.table = table
        self.header = table.horizontalHeader()
        self.header.setSectionsMovable(True)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._menu)
        self.menu: QMenu | None = None
        self._restoring = False
        self.restore()
        self.header.sectionMoved.connect(lambda *_a: self._changed())
        self.header.sectionResized.connect(self._resized)

    @property
    def key(self) -> str:
        return user_key("desk/queue_columns", self.ctx.actor.username)

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        # 描述 stretches with the window: only a width the user drags is theirs.
        if self.header.sectionResizeMode(logical) is QHeaderView.ResizeMode.Interactive:
            self._changed()

    def _changed(self) -> None:
        # Only a change made in a queue on screen (a closed one may still get layout events,
        # and must not write its user's layout into whoever signs in next). QSettings writes
        # to memory and syncs to disk later, so saving at each step of a drag is cheap.
        if not self._restoring and self.table.isVisible():
            self.save()

    def layout(self) -> dict[str, Any]:
        h = self.header
        count = h.count()
        return {
            "columns": [COLUMNS[i][0] for i in range(count)],
            "order": [h.logicalIndex(v) for v in range(count)],
            "hidden": [i for i in range(count) if h.isSectionHidden(i)],
            "widths": {
                str(i): h.sectionSize(i)
                for i in range(count)
                if h.sectionResizeMode(i) is QHeaderView.ResizeMode.Interactive
                and not h.isSectionHidden(i)
            },
        }

    def save(self) -> None:
        QSettings().setValue(self.key, json.dumps(self.layout()))

    def restore(self) -> bool:
        """Put the user's saved layout back; False when there is none (the default stays)."""
        raw = QSettings().value(self.key, "")
        try:
            saved = json.loads(str(raw)) if raw else None
        except ValueError:
            saved = None
        if not isinstance(saved, dict):
            return False
        # Saved columns are named by their (untranslated) header: indices of a layout saved
        # before a column was added or removed are mapped to today's columns.
        names = [str(n) for n in saved.get("columns", [])]
        today = {name: i for i, (name, _key) in enumerate(COLUMNS)}

        def now_index(old: Any) -> int | None:
            if not isinstance(old, int) or not 0 <= old < len(names):
                return None
            return today.get(names[old])

        h = self.header
        self._restoring = True
        try:
            order = [i for i in (now_index(o) for o in saved.get("order", [])) if i is not None]
            for visual, logical in enumerate(order):
                h.moveSection(h.visualIndex(logical), visual)
            hidden = {now_index(o) for o in saved.get("hidden", [])}
            for i in range(h.count()):
                h.setSectionHidden(i, i in hidden and i != COL_NUMBER)
            for old, width in dict(saved.get("widths", {})).items():
                column = now_index(int(old)) if str(old).isdigit() else None
                if (
                    column is not None
                    and isinstance(width, int)
                    and width > 0
                    and h.sectionResizeMode(column) is QHeaderView.ResizeMode.Interactive
                ):
                    h.resizeSection(column, width)
        finally:
            self._restoring = False
        return True

    def set_hidden(self, column: int, hidden: bool) -> None:
        if column == COL_NUMBER:
            return
        self.header.setSectionHidden(column, hidden)
        self.save()

    def reset(self) -> None:
        """Every column shown, in the default order (widths stay)."""
        h = self.header
        for logical in range(h.count()):
            h.moveSection(h.visualIndex(logical), logical)
            h.setSectionHidden(logical, False)
        self.save()

    def _menu(self, pos: QPoint) -> None:
        menu = self.build_menu()
        menu.popup(self.header.mapToGlobal(pos))

    def build_menu(self) -> QMenu:
        """显示列 ✓ per column in the current order, then 恢复默认列."""
        menu = QMenu(self.header)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        h = self.header
        model = self.table.model()
        for visual in range(h.count()):
            logical = h.logicalIndex(visual)
            title = str(model.headerData(logical, Qt.Orientation.Horizontal))
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(not h.isSectionHidden(logical))
            action.setEnabled(logical != COL_NUMBER)
            action.toggled.connect(lambda on, c=logical: self.set_hidden(c, not on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(QCoreApplication.translate("QueueHeaderLayout", "恢复默认列"))
        reset.triggered.connect(self.reset)
        self.menu = menu
        return menu

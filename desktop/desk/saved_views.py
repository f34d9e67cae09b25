"""Saved views of the desk queue (筛选方案): named sets of filters, e.g. "我的社区 紧急".

A view is the filter bar's `state()` (tab, community, grid, category, department, source,
urgency, 只看预警/超期, search text) under a name, kept per user in QSettings on this workstation:
like the queue's columns (queue_header.py) it is a preference of how one dispatcher reads the
queue, the ids it names are the center's own, and the desk needs no schema change for it. (Views
that follow the user to another workstation would go into a database table; QSettings was chosen
because the desk is run by one person at one workstation per shift.)

`SavedViewsButton` is the menu: 保存当前筛选为…, the views (apply), 删除方案 ▸.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QToolButton, QWidget

from desktop.core.context import AppContext
from desktop.desk.queue_filters import QueueFilterBar

MAX_NAME = 40


def user_key(prefix: str, username: str) -> str:
    """A QSettings key per user (the name quoted: any characters, no group separators)."""
    return f"{prefix}/{quote(username, safe='')}"


class SavedViews:
    """The saved views of one user: name → filter state, in the order they were saved."""

    def __init__(self, username: str) -> None:
        self.key = user_key("desk/saved_views", username)

    def _load(self) -> dict[str, dict[str, Any]]:
        raw = QSettings().value(self.key, "")
        try:
            loaded = json.loads(str(raw)) if raw else {}
        except ValueError:
            return {}
        if not isinstance(loaded, dict):
            return {}
        return {str(k): v for k, v in loaded.items() if isinstance(v, dict)}

    def _store(self, views: dict[str, dict[str, Any]]) -> None:
        QSettings().setValue(self.key, json.dumps(views, ensure_ascii=False))

    def names(self) -> list[str]:
        return list(self._load())

    def get(self, name: str) -> dict[str, Any] | None:
        return self._load().get(name)

    def save(self, name: str, state: dict[str, Any]) -> None:
        views = self._load()
        views[name] = state
        self._store(views)

    def delete(self, name: str) -> None:
        views = self._load()
        if views.pop(name, None) is not None:
            self._store(views)


class SavedViewsButton(QToolButton):
    """筛选方案 ▾ beside the filter bar: save the current filters, apply or delete a view."""

    applied = Signal(str)  # the name of the view just applied

    def __init__(self, ctx: AppContext, filters: QueueFilterBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.filters = filters
        self.setObjectName("savedViewsButton")
        self.setText(self.tr("筛选方案") + " ▾")
        # The arrow is in the text: the style's corner indicator overlaps Chinese text.
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.setToolTip(self.tr("保存、套用或删除一组筛选条件"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.view_menu = QMenu(self)
        self.view_menu.aboutToShow.connect(self._fill)
        self.setMenu(self.view_menu)
        self.name_dialog: QInputDialog | None = None

    @property
    def store(self) -> SavedViews:
        # Read at each use: the user can change without the window closing (交接班).
        return SavedViews(self.ctx.actor.username)

    def _fill(self) -> None:
        menu = self.view_menu
        menu.clear()
        save = menu.addAction(self.tr("保存当前筛选为…"))
        save.triggered.connect(self.ask_name)
        names = self.store.names()
        if names:
            menu.addSeparator()
            for name in names:
                action = menu.addAction(name)
                action.triggered.connect(lambda _c=False, n=name: self.apply(n))
            delete = menu.addMenu(self.tr("删除方案"))
            for name in names:
                action = QAction(name, delete)
                action.triggered.connect(lambda _c=False, n=name: self.delete(n))
                delete.addAction(action)
        else:
            empty = menu.addAction(self.tr("（尚无保存的方案）"))
            empty.setEnabled(False)

    def ask_name(self) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("保存筛选方案"))
        dialog.setLabelText(self.tr("方案名称（如“我的社区 紧急”）："))
        dialog.setOkButtonText(self.tr("保存"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.textValueSelected.connect(self.save_as)
        dialog.open()
        self.name_dialog = dialog
        return dialog

    def save_as(self, name: str) -> bool:
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME:
            QMessageBox.warning(
                self,
                self.tr("保存筛选方案"),
                self.tr("方案名称不能为空，且不超过 %1 个字。").replace("%1", str(MAX_NAME)),
            )
            return False
        self.store.save(name, self.filters.state())
        return True

    def apply(self, name: str) -> bool:
        state = self.store.get(name)
        if state is None:
            return False
        self.filters.apply_state(state)
        self.applied.emit(name)
        return True

    def delete(self, name: str) -> None:
        self.store.delete(name)

    def menu_names(self) -> list[str]:
        """The names the menu offers (for tests and the F1 sheet)."""
        self._fill()
        return [
            a.text()
            for a in self.view_menu.actions()
            if a.isEnabled() and not a.menu() and not a.isSeparator()
        ]

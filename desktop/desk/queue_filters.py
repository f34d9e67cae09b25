"""The desk queue's filter bar: status tabs with live counts, the filter lists, the search box
and the chip that shows what a statistics chart asked for.

`changed` is emitted whenever the question changes (a search after a short pause); the view then
hands `current_filter()` to the model, which filters in SQL. While any filter hides cases the
bar is tinted, the current tab says 已筛选 and 清除筛选 resets them all; the chip's 清除 resets
every filter a statistics drill-down set. (Alarms of
urgent cases never depend on these filters: desktop/desk/alarms.py.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from db.cases import queue as q
from db.cases.states import SOURCE_LABELS, Group
from db.engine import Database
from desktop.core.context import AppContext
from desktop.core.i18n import group_text, source_text

TABS: tuple[str | None, ...] = q.QUEUE_TABS  # status groups, 挂账, None: 全部
SEARCH_DEBOUNCE_MS = 300
# A filter list is as wide as its longest entry when there is room, but may shrink to the width
# of its 全部… entry, at most this (a longer choice is elided; the opened list stays wide enough
# to read): long grid or department names, or English, would otherwise push the window past a
# full-HD screen and cut off the case pane.
COMBO_MAX_FLOOR = 140


class QueueFilterBar(QWidget):
    """The status tabs, the filter lists, the search box and the statistics chip."""

    changed = Signal()  # the question changed: ask current_filter()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("queueFilters")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.options: q.FilterOptions | None = None
        self._counts: dict[str, int] = {}
        self._drill_widgets: list[QWidget] = []  # what the statistics drill-down set

        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for group in TABS:
            self.tabs.addTab(self._tab_text(group, None))
        self.tabs.setCurrentIndex(TABS.index(Group.IN_PROGRESS))

        self.community = self._combo(self.tr("全部社区"))
        self.grid = self._combo(self.tr("全部网格"))
        self.category = self._combo(self.tr("全部类别"))
        self.department = self._combo(self.tr("全部部门"))
        self.source = self._combo(self.tr("全部来源"))
        for source in SOURCE_LABELS:
            self.source.addItem(source_text(source), source.value)
        self.urgency = self._combo(self.tr("紧急程度"))
        self.urgency.addItem(self.tr("仅紧急"), True)
        self.urgency.addItem(self.tr("非紧急"), False)
        self.alert_only = QCheckBox(self.tr("只看预警/超期"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索 编号/地址/类别/拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr(
                "按编号、地址、描述，或类别、部门、社区、网格的名称查找；"
                "名称也可用拼音首字母（jg → 井盖）或全拼"
            )
        )
        self.search.setMinimumWidth(240)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.community,
            self.grid,
            self.category,
            self.department,
            self.source,
            self.urgency,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.alert_only)
        self.reset_button = QPushButton(self.tr("清除筛选"), self)
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setToolTip(self.tr("清除全部筛选条件，显示本页签的全部案件"))
        self.reset_button.clicked.connect(self.reset_filters)
        self.reset_button.hide()
        bar.addWidget(self.reset_button)
        bar.addStretch(1)
        bar.addWidget(self.search)
        self._bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._external: dict[str, Any] = {}
        self.chip = QWidget(self)
        self.chip.setObjectName("statsChip")
        self.chip_label = QLabel(self.chip)
        chip_clear = QPushButton(self.tr("清除"), self.chip)
        chip_clear.clicked.connect(self.clear_external)
        chip_layout = QHBoxLayout(self.chip)
        chip_layout.setContentsMargins(4, 0, 4, 0)
        chip_layout.addWidget(self.chip_label)
        chip_layout.addWidget(chip_clear)
        chip_layout.addStretch(1)
        self.chip.hide()
        layout.addWidget(self.tabs)
        layout.addLayout(bar)
        layout.addWidget(self.chip)

        self.tabs.currentChanged.connect(lambda _i: self.apply_filter())
        self.changed.connect(self._show_filtered)
        for combo in (self.grid, self.category, self.department, self.source, self.urgency):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.community.currentIndexChanged.connect(self._community_changed)
        self.alert_only.toggled.connect(lambda _on: self.apply_filter())
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filter)

        self.ctx.tasks.submit(self._load_options, self._options_loaded, owner=self)
        ctx.signals.master_data_changed.connect(self.reload_options)

    def reload_options(self) -> None:
        """Departments, categories or grids were edited: refill the filter lists (the
        current choices stay where they still exist)."""
        self.ctx.tasks.submit(self._load_options, self._options_loaded, owner=self)

    # --- filter bar --------------------------------------------------------------------------

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.ensurePolished()  # the style sheet's padding counts in the width it needs
        combo.setMinimumWidth(min(combo.sizeHint().width(), COMBO_MAX_FLOOR))
        return combo

    def _tab_text(self, tab: str | None, count: int | None, filtered: bool = False) -> str:
        if tab == q.SUSPENDED_TAB:
            label = self.tr("挂账")
        else:
            label = group_text(Group(tab)) if tab is not None else self.tr("全部")
        text = f"{label} {count}" if count is not None else label
        return text + self.tr("（已筛选）") if filtered else text

    @staticmethod
    def _load_options(db: Database) -> q.FilterOptions:
        with db.read() as s:
            return q.filter_options(s)

    def _options_loaded(self, options: q.FilterOptions) -> None:
        self.options = options
        chosen = {
            combo: combo.currentData() for combo in (self.community, self.category, self.department)
        }
        for combo in (self.community, self.category, self.department):
            combo.blockSignals(True)
            while combo.count() > 1:  # keep the "全部…" entry
                combo.removeItem(combo.count() - 1)
        for cid, name in options.communities:
            self.community.addItem(name, cid)
        for mid, name in options.majors:
            self.category.addItem(name, ("major", mid))
            for cid, major, cname in options.categories:
                if major == mid:
                    self.category.addItem("　" + cname, ("minor", cid))
        for did, name in options.departments:
            self.department.addItem(name, did)
        for combo, data in chosen.items():
            self._select_data(combo, data)
            combo.blockSignals(False)
        grid = self.grid.currentData()
        self._fill_grids()
        if grid is not None:
            self.grid.setCurrentIndex(max(self.grid.findData(grid), 0))

    def _fill_grids(self) -> None:
        community = self.community.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.addItem(self.tr("全部网格"), None)
        if self.options is not None:
            for gid, cid, name in self.options.grids:
                if community is None or cid == community:
                    self.grid.addItem(name, gid)
        self.grid.blockSignals(False)

    def _community_changed(self, _index: int) -> None:
        self._fill_grids()
        self.apply_filter()

    def current_filter(self) -> q.QueueFilter:
        category = self.category.currentData()
        tab = TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None
        plain = q.QueueFilter(
            community_id=self.community.currentData(),
            grid_id=self.grid.currentData(),
            category_id=category[1] if category and category[0] == "minor" else None,
            major_id=category[1] if category and category[0] == "major" else None,
            department_id=self.department.currentData(),
            source=self.source.currentData(),
            urgent=self.urgency.currentData(),
            alert_only=self.alert_only.isChecked(),
            text=self.search.text().strip(),
            open_only=self._external.get("open_only", False),
            period_field=self._external.get("time_field")
            if self._external.get("from") or self._external.get("to")
            else None,
            period_start=self._external.get("from"),
            period_end=self._external.get("to"),
        )
        return q.tab_filter(plain, tab)

    def add_tool(self, widget: QWidget) -> None:
        """A button at the end of the filter row (筛选方案, saved_views.py)."""
        self._bar.addWidget(widget)

    # --- saved views (saved_views.py) ------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The filter bar's choices as plain JSON values: what a saved view (筛选方案) holds."""
        category = self.category.currentData()
        return {
            "tab": TABS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None,
            "community_id": self.community.currentData(),
            "grid_id": self.grid.currentData(),
            "category": list(category) if category else None,
            "department_id": self.department.currentData(),
            "source": self.source.currentData(),
            "urgent": self.urgency.currentData(),
            "alert_only": self.alert_only.isChecked(),
            "text": self.search.text().strip(),
        }

    def apply_state(self, state: dict[str, Any]) -> None:
        """Put the choices of `state()` back (a choice that no longer exists falls back to
        全部) and ask the new question once."""
        widgets: list[Any] = [self.community, self.grid, self.category, self.department]
        widgets += [self.source, self.urgency, self.alert_only, self.tabs, self.search]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            tab = state.get("tab")
            self.tabs.setCurrentIndex(TABS.index(tab) if tab in TABS else TABS.index(None))
            self._select_data(self.community, state.get("community_id"))
            self._fill_grids()
            self._select_data(self.grid, state.get("grid_id"))
            category = state.get("category")
            self._select_data(self.category, tuple(category) if category else None)
            self._select_data(self.department, state.get("department_id"))
            self._select_data(self.source, state.get("source"))
            self._select_data(self.urgency, state.get("urgent"))
            self.alert_only.setChecked(bool(state.get("alert_only")))
            self.search.setText(str(state.get("text") or ""))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._external = {}
        self.chip.hide()
        self.apply_filter()

    def show_external(self, request: dict[str, Any]) -> None:
        """Show the cases a statistics chart points at (StatsPage.open_cases_requested):
        the combos take the chart's community/grid/category/department/source, the period
        and "open only" parts show as a chip above the table that the user can clear."""
        self._external = {k: request.get(k) for k in ("open_only", "time_field", "from", "to")}
        self._external["open_only"] = bool(request.get("open_only"))
        widgets = (
            self.community,
            self.grid,
            self.category,
            self.department,
            self.source,
            self.urgency,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.alert_only.blockSignals(True)
        self.tabs.blockSignals(True)
        try:
            self._select_data(self.community, request.get("community_id"))
            self._fill_grids()
            self._select_data(self.grid, request.get("grid_id"))
            if request.get("category_id") is not None:
                self._select_data(self.category, ("minor", request["category_id"]))
            else:
                self._select_data(
                    self.category,
                    ("major", request["major_id"]) if request.get("major_id") is not None else None,
                )
            self._select_data(self.department, request.get("department_id"))
            self._select_data(self.source, request.get("source"))
            self.urgency.setCurrentIndex(0)
            self.alert_only.setChecked(bool(request.get("alert_only")))
            self.search.clear()
            self.tabs.setCurrentIndex(TABS.index(None))
            self._drill_widgets = [
                w
                for w in (self.community, self.grid, self.category, self.department, self.source)
                if w.currentIndex() > 0
            ]
            if self.alert_only.isChecked():
                self._drill_widgets.append(self.alert_only)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
            self.alert_only.blockSignals(False)
            self.tabs.blockSignals(False)
        self._show_chip()
        self.apply_filter()

    def show_department(self, department_id: int | None) -> None:
        """Only the cases of `department_id` (a click on its board card); None: every
        department. Cases not yet dispatched have none, so a 待立案/待派遣 tab gives way to
        处置中."""
        if department_id is not None and TABS[self.tabs.currentIndex()] in (
            Group.TO_REGISTER,
            Group.TO_DISPATCH,
        ):
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(TABS.index(Group.IN_PROGRESS))
            self.tabs.blockSignals(False)
        self.department.blockSignals(True)
        self._select_data(self.department, department_id)
        self.department.blockSignals(False)
        self.apply_filter()

    @staticmethod
    def _select_data(combo: QComboBox, value: Any) -> None:
        # Compared in Python: QComboBox.findData matches a tuple (the category's data) only
        # when it is the very same object.
        index = 0
        if value is not None:
            index = next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)
        combo.setCurrentIndex(index)

    def _show_chip(self) -> None:
        parts: list[str] = [self._widget_text(w) for w in self._drill_widgets]
        tz = self.ctx.settings.tz
        start, end = self._external.get("from"), self._external.get("to")
        if start is not None or end is not None:
            what = (
                self.tr("结案") if self._external.get("time_field") == "closed" else self.tr("上报")
            )
            a = start.astimezone(tz).strftime("%Y-%m-%d %H:%M") if start else "…"
            b = end.astimezone(tz).strftime("%Y-%m-%d %H:%M") if end else "…"
            parts.append(
                self.tr("%1时间 %2 至 %3").replace("%1", what).replace("%2", a).replace("%3", b)
            )
        if self._external.get("open_only"):
            parts.append(self.tr("仅未结案"))
        self.chip_label.setText(self.tr("来自统计：") + "，".join(parts))
        self.chip.setVisible(bool(parts))

    def _widget_text(self, widget: QWidget) -> str:
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        return self.alert_only.text()

    def clear_external(self) -> None:
        """清除 on the chip: every filter the drill-down set goes back to 全部 and 只看预警/超期
        off (the 全部 tab it chose stays: nothing is hidden)."""
        self._reset(self._drill_widgets)

    def reset_filters(self) -> None:
        """清除筛选: every filter off (the drill-down's too), the search box emptied."""
        everything: list[QWidget] = [
            self.community,
            self.grid,
            self.category,
            self.department,
            self.source,
            self.urgency,
            self.alert_only,
            self.search,
        ]
        self._reset(everything)

    def _reset(self, widgets: list[QWidget]) -> None:
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for widget in widgets:
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(0)
                    if widget is self.community:
                        self._fill_grids()
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(False)
                elif isinstance(widget, QLineEdit):
                    widget.clear()
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._external = {}
        self._drill_widgets = []
        self.chip.hide()
        self.apply_filter()

    def active_filters(self) -> list[str]:
        """What hides cases now, in words (the tab aside): empty when nothing does."""
        found = [
            combo.currentText().strip()
            for combo in (
                self.community,
                self.grid,
                self.category,
                self.department,
                self.source,
                self.urgency,
            )
            if combo.currentIndex() > 0
        ]
        if self.alert_only.isChecked():
            found.append(self.alert_only.text())
        text = self.search.text().strip()
        if text:
            found.append(self.tr("搜索「%1」").replace("%1", text))
        if self._external.get("from") or self._external.get("to"):
            found.append(self.tr("统计时段"))
        if self._external.get("open_only"):
            found.append(self.tr("仅未结案"))
        return found

    def is_filtered(self) -> bool:
        return bool(self.active_filters())

    def _show_filtered(self) -> None:
        active = self.active_filters()
        on = bool(active)
        if bool(self.property("filtered")) != on:
            self.setProperty("filtered", on)
            self.style().unpolish(self)
            self.style().polish(self)
        self.reset_button.setVisible(on)
        tip = self.tr("已筛选：") + "，".join(active) if on else ""
        self.tabs.setToolTip(tip)
        self._set_tab_texts()

    def _set_tab_texts(self) -> None:
        filtered = self.is_filtered()
        current = self.tabs.currentIndex()
        for i, tab in enumerate(TABS):
            count = self._counts.get(tab) if tab else None
            self.tabs.setTabText(i, self._tab_text(tab, count, filtered and i == current))

    def apply_filter(self) -> None:
        """Tell the view the filter changed (at once, ending a pending search delay)."""
        self._debounce.stop()
        self.changed.emit()

    def set_counts(self, counts: dict[str, int]) -> None:
        """The live counts on the queue tabs (QueueModel.counts_changed)."""
        self._counts = dict(counts)
        self._set_tab_texts()

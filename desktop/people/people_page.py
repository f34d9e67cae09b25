"""The 人员 page: one tab per roster, then the staffing standards and the pay table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from db.people.roster_kinds import KIND_LABELS, Kind
from desktop.core.context import AppContext
from desktop.people.roster_tab import Choices, RosterTab, load_choices
from desktop.people.standards_tabs import PayTab, StaffingTab


class PeoplePage(QWidget):
    """人员: every roster, the staffing standards and the pay table."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("peoplePage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("peopleTabs")
        self.rosters: dict[Kind, RosterTab] = {}
        for kind in Kind:
            tab = RosterTab(ctx, kind, self)
            tab.changed.connect(self._roster_changed)
            self.rosters[kind] = tab
            self.tabs.addTab(tab, QCoreApplication.translate("RosterKinds", KIND_LABELS[kind]))
        self.staffing = StaffingTab(ctx, self)
        self.pay = PayTab(ctx, self)
        self.tabs.addTab(self.staffing, self.tr("配备标准"))
        self.tabs.addTab(self.pay, self.tr("薪酬标准"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.denied = QLabel(self.tr("当前账号无权查看人员花名册"), self)
        self.denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.denied)
        allowed = ctx.actor.can("roster.read")
        self.tabs.setVisible(allowed)
        self.denied.setVisible(not allowed)
        if allowed:
            self.reload()

    def reload(self) -> None:
        """Load the choices, every roster, the standards and the pay table (off the GUI thread)."""
        self.ctx.tasks.submit(load_choices, self._choices_loaded, owner=self)
        for tab in self.rosters.values():
            tab.refresh()
        self.staffing.refresh()
        self.pay.refresh()

    def _choices_loaded(self, choices: Choices) -> None:
        for tab in self.rosters.values():
            tab.set_choices(choices)

    def _roster_changed(self) -> None:
        self.staffing.refresh()
        sender = self.sender()
        for tab in self.rosters.values():
            if tab is not sender:
                tab.refresh()

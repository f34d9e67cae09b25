"""The alarm banner above the desk (紧急警报): red, the newest open alarms one per line, and
查看 / 确认 / 全部确认. It stays until someone acknowledges the alarms, here or at another
workstation (the watcher's next check clears it everywhere)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.cases.alarms import Alarm
from desktop.core.context import AppContext
from desktop.desk.alarms import kind_text

LINES_SHOWN = 3


class AlarmBanner(QFrame):
    """`case_requested(case_id, number)`: 查看 the newest alarm's case;
    `acknowledge_requested(list[int])`: 确认 (the newest) or 全部确认 (every listed one)."""

    case_requested = Signal(int, str)
    acknowledge_requested = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("alarmBanner")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.alarms: list[Alarm] = []
        self.count = 0
        self.title = QLabel(self)
        self.title.setObjectName("alarmTitle")
        self.lines = QLabel(self)
        self.lines.setObjectName("alarmLines")
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.view_button = QPushButton(self.tr("查看"), self)
        self.view_button.setObjectName("alarmView")
        self.view_button.clicked.connect(self._view)
        self.ack_button = QPushButton(self.tr("确认"), self)
        self.ack_button.setObjectName("alarmAcknowledge")
        self.ack_button.clicked.connect(self._acknowledge_first)
        self.ack_all_button = QPushButton(self.tr("全部确认"), self)
        self.ack_all_button.setObjectName("alarmAcknowledgeAll")
        self.ack_all_button.clicked.connect(self._acknowledge_all)
        may = ctx.actor.can("alarm.acknowledge")
        for button in (self.ack_button, self.ack_all_button):
            button.setEnabled(may)
            if not may:
                button.setToolTip(self.tr("当前角色无权确认警报"))
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.lines)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        for button in (self.view_button, self.ack_button, self.ack_all_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_alarms(self, alarms: list[Alarm], count: int) -> None:
        """The open alarms, newest first, and how many there are (AlarmWatcher.changed)."""
        self.alarms, self.count = list(alarms), count
        if not alarms:
            self.hide()
            return
        self.title.setText(
            self.tr("紧急警报 %1 条未确认").replace("%1", str(count))
            if count > 1
            else self.tr("紧急警报")
        )
        tz = self.ctx.settings.tz
        lines = []
        for alarm in alarms[:LINES_SHOWN]:
            at = alarm.deadline.astimezone(tz).strftime("%m-%d %H:%M")
            lines.append(
                f"{kind_text(alarm.kind)}  {at}  {alarm.number}  {alarm.category}  "
                f"{alarm.place}  {alarm.description}"
            )
        if count > LINES_SHOWN:
            lines.append(self.tr("…另有 %1 条").replace("%1", str(count - LINES_SHOWN)))
        self.lines.setText("\n".join(lines))
        self.ack_all_button.setText(self.tr("全部确认（%1）").replace("%1", str(count)))
        self.ack_all_button.setVisible(count > 1)
        self.show()

    def _view(self) -> None:
        if self.alarms:
            self.case_requested.emit(self.alarms[0].case_id, self.alarms[0].number)

    def _acknowledge_first(self) -> None:
        if self.alarms:
            self.acknowledge_requested.emit([self.alarms[0].id])

    def _acknowledge_all(self) -> None:
        if self.alarms:
            self.acknowledge_requested.emit([a.id for a in self.alarms])

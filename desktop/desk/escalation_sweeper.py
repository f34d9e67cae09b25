"""The window's escalation sweeper: runs `db.escalation.sweeper.run_escalation` off the GUI
thread once at start and every `SWEEP_MS` on a desk workstation (a role that may 督办), beside
the alarm watcher. The sweep itself is idempotent and safe when several workstations run it
at once; what it did is announced in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from db.escalation.sweeper import EscalationRun, run_escalation
from desktop.core.context import AppContext

SWEEP_MS = 60_000


class EscalationSweeper(QObject):
    """`swept(EscalationRun)` after each run."""

    swept = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runs = 0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(SWEEP_MS)
        self._timer.timeout.connect(self.sweep)

    @property
    def enabled(self) -> bool:
        return self.ctx.actor.can("case.urge")

    def start(self) -> None:
        if self.enabled and not self._timer.isActive():
            self._timer.start()
            self.sweep()

    def sweep(self) -> None:
        if self._running or not self.enabled:
            return
        self._running = True
        self.ctx.tasks.submit(run_escalation, self._done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.ctx.tasks.report(exc)

    def _done(self, run: EscalationRun) -> None:
        self._running = False
        self.runs += 1
        if run.urged or run.escalated or run.replies_escalated:
            self.ctx.notify(
                self.tr("督办规则：系统督办 %1 件，上报 %2 件")
                .replace("%1", str(len(run.urged)))
                .replace("%2", str(len(run.escalated) + len(run.replies_escalated))),
                10000,
            )
        self.swept.emit(run)

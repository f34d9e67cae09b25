"""The desk's alarm watcher: asks `db.cases.alarms.check_alarms` off the GUI thread whenever the
live feed reports changed cases (a new urgent case within about a second), when the next
warning time or deadline of an urgent case comes, and every `POLL_MS` at the latest (an
alarm acknowledged at another workstation, a feed that is down).

The check never uses the queue's filters: a new urgent case the filter hides still alarms.
Alarms this workstation has not shown before play the sound (if on, see alarms_sound.py) and
are announced in the status bar; the banner (alarms_banner.py) shows the open ones until
someone acknowledges them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from db.cases.alarms import ACK_PERMISSION, Alarm, AlarmCheck, AlarmKind, acknowledge, check_alarms
from db.clock import utcnow
from desktop.core.context import AppContext
from desktop.desk import alarms_sound

POLL_MS = 30_000  # look again at least this often
MIN_DELAY_MS = 500
AFTER_DEADLINE_MS = 300  # look just after the moment, not just before it


def kind_text(kind: AlarmKind) -> str:
    return {
        AlarmKind.NEW: QCoreApplication.translate("AlarmWatcher", "新紧急案件"),
        AlarmKind.WARNING: QCoreApplication.translate("AlarmWatcher", "紧急案件到预警时间"),
        AlarmKind.OVERDUE: QCoreApplication.translate("AlarmWatcher", "紧急案件已超期"),
    }[kind]


class AlarmWatcher(QObject):
    """`changed(list[Alarm], int)`: the open alarms (newest first) and how many there are;
    `raised(list[Alarm])`: alarms this workstation sees for the first time."""

    changed = Signal(list, int)
    raised = Signal(list)
    acknowledged = Signal(int)  # how many this user acknowledged

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open: list[Alarm] = []
        self.open_count = 0
        self.checks = 0  # finished checks (tests wait on it)
        self.player: Callable[[], str] = alarms_sound.play_alarm_sound
        self.played: list[str] = []  # how each sound was played (newest last)
        self._seen: set[int] = set()
        self._running = False
        self._again = False
        self._started = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        ctx.feed.cases_changed.connect(lambda _ids: self.check())

    @property
    def can_acknowledge(self) -> bool:
        return self.ctx.actor.can(ACK_PERMISSION)

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.check()

    def is_idle(self) -> bool:
        return not self._running and not self._again

    def check(self) -> None:
        """Raise what is due and read the open alarms (once more after a running check)."""
        if not self._started:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        actor = self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: check_alarms(db, actor), self._checked, self._failed, owner=self
        )

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._again = False
        self._timer.start(POLL_MS)
        self.ctx.tasks.report(exc)

    def _checked(self, result: AlarmCheck) -> None:
        self._running = False
        self.checks += 1
        fresh = [a for a in result.open if a.id not in self._seen]
        self._seen.update(a.id for a in result.open)
        self.open, self.open_count = result.open, result.open_count
        self.changed.emit(self.open, self.open_count)
        if fresh:
            self._announce(fresh)
        self._schedule(result.next_at)
        if self._again:
            self._again = False
            self.check()

    def _schedule(self, next_at: datetime | None) -> None:
        delay = POLL_MS
        if next_at is not None:
            until = int((next_at - utcnow()).total_seconds() * 1000) + AFTER_DEADLINE_MS
            delay = max(MIN_DELAY_MS, min(delay, until))
        self._timer.start(delay)

    def _announce(self, fresh: list[Alarm]) -> None:
        first = fresh[0]
        text = f"{kind_text(first.kind)}：{first.number} {first.category} {first.place}"
        if len(fresh) > 1:
            text += self.tr("（另有 %1 条）").replace("%1", str(len(fresh) - 1))
        self.ctx.notify(text, 15000)
        if alarms_sound.sound_enabled():
            self.played.append(self.player())
        self.raised.emit(fresh)

    def acknowledge(self, alarm_ids: Iterable[int]) -> None:
        """确认 these alarms as the signed-in user; the banner updates after the next check."""
        wanted = sorted(set(alarm_ids))
        if not wanted:
            return
        actor = self.ctx.actor

        def done(count: int) -> None:
            if count:
                self.ctx.notify(self.tr("已确认 %1 条警报").replace("%1", str(count)))
            self.acknowledged.emit(count)
            self.check()

        self.ctx.tasks.submit(lambda db: acknowledge(db, wanted, actor), done, owner=self)

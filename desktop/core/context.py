"""AppContext: the one services object (database, user, settings, tasks, feed) every page gets."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.engine import Database
from db.reference.settings_store import CenterSettings, load_settings
from db.security.actors import SYSTEM, Actor
from desktop.core.feed_bridge import FeedBridge
from desktop.core.tasks import TaskRunner


class ContextSignals(QObject):
    """Signals shared by the whole window."""

    message = Signal(str)  # a line for the status bar
    message_timed = Signal(str, int)  # the same with its display time in ms
    settings_changed = Signal(object)  # CenterSettings after a save
    master_data_changed = Signal()  # departments, categories or grids edited (基础数据)


@dataclass
class AppContext:
    db: Database
    actor: Actor
    settings: CenterSettings
    tasks: TaskRunner
    feed: FeedBridge
    undo_stack: QUndoStack
    lang: str = "zh_CN"
    signals: ContextSignals = field(default_factory=ContextSignals)

    @classmethod
    def create(
        cls,
        db: Database,
        actor: Actor = SYSTEM,
        *,
        start_feed: bool = True,
        parent: QObject | None = None,
        lang: str = "zh_CN",
    ) -> AppContext:
        with db.read() as session:
            settings = load_settings(session)
        tasks = TaskRunner(db, parent)
        feed = FeedBridge(db, parent=parent)
        ctx = cls(
            db=db,
            actor=actor,
            settings=settings,
            tasks=tasks,
            feed=feed,
            undo_stack=QUndoStack(parent),
            lang=lang,
            signals=ContextSignals(parent),
        )
        tasks.failed.connect(ctx._task_failed)
        if start_feed:
            feed.start()
        return ctx

    def _task_failed(self, text: str) -> None:
        self.notify(text, 10000)

    def notify(self, text: str, timeout_ms: int = 5000) -> None:
        self.signals.message.emit(text)
        self.signals.message_timed.emit(text, timeout_ms)

    def close(self) -> None:
        self.feed.stop()
        self.tasks.shutdown()

"""The live change feed (db.feed.change_feed) as Qt signals delivered on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal, Slot

from db.engine import Database

log = logging.getLogger(__name__)

CONNECTED = "connected"
RECONNECTING = "reconnecting"
STOPPED = "stopped"


class FeedBridge(QObject):
    """Wraps `ChangeFeed(db, on_change, on_state, poll_interval)`.

    `cases_changed(frozenset[int] | None)`: ids of cases that changed, `None` = resync all.
    `state_changed(str)`: "connected", "reconnecting" or "stopped".
    """

    cases_changed = Signal(object)
    state_changed = Signal(str)
    # Emitted from the feed's own thread; queued onto the GUI thread by Qt.
    _changed_from_thread = Signal(object)
    _state_from_thread = Signal(str)

    def __init__(
        self, db: Database, poll_interval: float = 0.1, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.poll_interval = poll_interval
        self._feed: object | None = None
        self._state = STOPPED
        self._changed_from_thread.connect(self._deliver_change)
        self._state_from_thread.connect(self._deliver_state)

    @property
    def state(self) -> str:
        return self._state

    def start(self) -> None:
        if self._feed is not None:
            return
        try:
            from db.feed.change_feed import ChangeFeed
        except ImportError:
            log.warning("db.feed.change_feed is not available; live updates are off")
            self._deliver_state(STOPPED)
            return
        try:
            feed = ChangeFeed(self.db, self._on_change, self._on_state, self.poll_interval)
        except ValueError as exc:  # e.g. an in-memory SQLite database: nothing to watch
            log.warning("no live change feed: %s", exc)
            self._deliver_state(STOPPED)
            return
        self._feed = feed
        feed.start()

    def stop(self) -> None:
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.stop()  # type: ignore[attr-defined]
        self._deliver_state(STOPPED)

    def notify_local(self, ids: Iterable[int] | None) -> None:
        """Our own write: tell the pages at once instead of waiting for the poll."""
        self.cases_changed.emit(frozenset(ids) if ids is not None else None)

    # Called on the feed's thread.
    def _on_change(self, ids: frozenset[int] | None) -> None:
        self._changed_from_thread.emit(ids)

    def _on_state(self, state: str) -> None:
        self._state_from_thread.emit(str(state))

    @Slot(object)
    def _deliver_change(self, ids: object) -> None:
        self.cases_changed.emit(ids)

    @Slot(str)
    def _deliver_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

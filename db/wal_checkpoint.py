"""SQLite: write-ahead-log checkpoints on a background thread, not in the committing one.

In WAL mode every commit appends its pages to the `-wal` file, and a checkpoint copies them
back into the database file. SQLite's own automatic checkpoint runs inside the commit that
takes the log past 1,000 pages (4 MB): that commit also copies the pages and syncs the
database file. A roll-up catch-up after 1,000 changes rewrites about a thousand scattered
pages, so nearly every one paid a checkpoint: its commit took 22–28 ms, 5–7 ms without
(the 1,000,000-case bench street).

Here a daemon thread checkpoints instead, once the writes have paused for `QUIET_S` (at most
`LONGEST_WAIT_S` after the first of them), on a connection of its own, with SQLite's PASSIVE
checkpoint: it waits for no reader and no writer, and the committing thread goes on meanwhile
(the driver lets go of Python's lock while SQLite works, so it runs on another core). Pages a
burst of commits rewrites (an index's, the change log's last page) are copied once per
checkpoint, not once per commit.

SQLite's automatic checkpoint stays as a backstop, at `BACKSTOP_PAGES` (a process without this
thread, such as another program on the same file, or a single huge transaction). Nothing about
durability changes: a checkpoint only moves committed pages from one file to the other, and a
process that ends before one leaves the log to the next connection, as SQLite always does.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

# The pause in writing a checkpoint waits for, and the longest it waits while writes go on.
QUIET_S = 0.2
LONGEST_WAIT_S = 2.0
# SQLite's own automatic checkpoint, kept as a backstop: pages in the log (4 KiB each).
BACKSTOP_PAGES = 10_000
# How long the checkpoint's own connection waits on a lock (a PASSIVE checkpoint takes none
# that a reader or writer holds for long; opening the connection may wait on a recovery).
_BUSY_TIMEOUT_MS = 5_000


class Checkpointer:
    """Checkpoints the SQLite file at `path` in the background after writes (`committed`)."""

    def __init__(
        self, path: str, *, quiet_s: float = QUIET_S, longest_wait_s: float = LONGEST_WAIT_S
    ) -> None:
        self.path = path
        self.quiet_s, self.longest_wait_s = quiet_s, longest_wait_s
        self._wake = threading.Event()
        self._stop: threading.Event | None = None  # the running thread's
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._last = 0.0  # monotonic time of the last commit
        self._idle = True  # waiting for a commit (not for writing to pause)
        # Checkpoints done, and the log frames the last one left (tests and benches read them).
        self.runs = 0
        self.left = 0
        self.on_checkpoint: Callable[[], None] | None = None

    def committed(self) -> None:
        """A write transaction committed: checkpoint once writing pauses. Cheap: a burst of
        commits wakes the thread once (the others only move the time it waits for)."""
        self._last = time.monotonic()
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._stop = threading.Event()
                    self._thread = threading.Thread(
                        target=self._run,
                        args=(self._stop,),
                        name="griddesk-wal-checkpoint",
                        daemon=True,
                    )
                    self._thread.start()
        if self._idle:
            self._idle = False
            self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """End the thread (after a checkpoint it has begun); a later commit starts a new one
        (a database disposed of can be used again: its pool connects anew)."""
        with self._lock:
            thread, stop = self._thread, self._stop
            self._thread = self._stop = None
        if thread is None or stop is None:
            return
        stop.set()
        self._wake.set()
        if thread is not threading.current_thread():
            thread.join(timeout)
        self._wake.clear()
        self._idle = True

    def _run(self, stop: threading.Event) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if stop.is_set():
                return
            first = time.monotonic()
            # Later commits within `quiet_s` postpone it, up to `longest_wait_s` in all.
            while True:
                due = min(self._last + self.quiet_s, first + self.longest_wait_s)
                wait = due - time.monotonic()
                if wait <= 0:
                    break
                if stop.wait(wait):
                    return
            self._idle = True  # a commit from now on wakes the thread again
            self.checkpoint()

    def checkpoint(self) -> None:
        """One PASSIVE checkpoint now, on a connection of its own (closed after: a database
        file replaced meanwhile, by a restore, is met anew next time)."""
        try:
            # mode=rw: a file deleted meanwhile is not created anew, empty
            uri = Path(self.path).resolve().as_uri() + "?mode=rw"
            conn = sqlite3.connect(uri, timeout=_BUSY_TIMEOUT_MS / 1000, uri=True)
        except (sqlite3.Error, ValueError) as exc:  # gone or unreadable: a commit says so
            log.debug("checkpoint: cannot open %s: %s", self.path, exc)
            return
        try:
            row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            busy, frames, done = (int(v) for v in row) if row else (0, 0, 0)
            self.left = max(frames - done, 0)
            if busy:
                log.debug("checkpoint: another checkpoint was running")
        except sqlite3.Error as exc:  # read-only, full disk: the writers meet it themselves
            log.debug("checkpoint of %s failed: %s", self.path, exc)
        finally:
            conn.close()
        self.runs += 1
        if self.on_checkpoint is not None:
            self.on_checkpoint()

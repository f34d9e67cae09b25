"""The single background thread that runs every database job (results come back on the GUI thread)."""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from db.engine import Database
from db.errors import UserError

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class _Job:
    id: int
    fn: Callable[[Database], Any]


class _Thread(QThread):
    """Runs jobs in submission order; reports (job id, ok, result or exception)."""

    finished_job = Signal(int, bool, object)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("griddesk-db-worker")
        self.db = db
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            try:
                result = job.fn(self.db)
            except BaseException as exc:
                self.finished_job.emit(job.id, False, exc)
            else:
                self.finished_job.emit(job.id, True, result)


class DbWorker(QObject):
    """Submit callables that take the Database; they run one after another off the GUI thread.

    `on_done`/`on_error` run on the GUI thread. Without `on_error`, a UserError becomes
    `failed(message)`, anything else is logged with its traceback and `failed("内部错误：…")`.
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    idle = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._ids = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]
        ] = {}
        self._closed = False
        self._thread = _Thread(db)
        self._thread.finished_job.connect(self._on_finished)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return len(self._callbacks)

    def is_idle(self) -> bool:
        return not self._callbacks

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._closed:
            log.debug("worker shut down; job dropped")
            return
        job_id = next(self._ids)
        was_idle = not self._callbacks
        self._callbacks[job_id] = (on_done, on_error)
        if was_idle:
            self.busy_changed.emit(True)
        self._thread.jobs.put(_Job(job_id, job))

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, payload: object) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        try:
            if ok:
                if on_done is not None:
                    on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                if on_error is not None:
                    on_error(payload)
                else:
                    self.report(payload)
        except Exception as exc:  # a failing callback must not take the window down
            log.exception("callback of database job failed")
            self.failed.emit(self.internal_error_text(exc))
        finally:
            if not self._callbacks and not self._closed:
                self.busy_changed.emit(False)
                self.idle.emit()

    def report(self, exc: BaseException) -> None:
        """Turn a job's exception into `failed(text)` (logging unexpected ones)."""
        if isinstance(exc, UserError):
            self.failed.emit(str(exc))
        else:
            log.error("database job failed", exc_info=exc)
            self.failed.emit(self.internal_error_text(exc))

    @staticmethod
    def internal_error_text(exc: BaseException) -> str:
        return QCoreApplication.translate("DbWorker", "内部错误：") + f"{type(exc).__name__}: {exc}"

    def shutdown(self) -> None:
        """Finish the job that is running, drop the rest and stop the thread."""
        if self._closed:
            return
        self._closed = True
        # Drain what has not started so shutdown does not wait for a long queue.
        try:
            while True:
                self._thread.jobs.get_nowait()
        except queue.Empty:
            pass
        self._thread.jobs.put(None)
        self._thread.wait()
        self._callbacks.clear()

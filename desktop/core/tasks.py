"""Background work (后台任务): the one way the window runs anything off the GUI thread.

Database jobs (`TaskRunner.submit`) run one after another on a single thread, in the order they
were asked for. Long jobs (`TaskRunner.start`: an export, an import, the demo build, password
hashing) get a thread of their own, report progress and can be cancelled. Every job names the
widget that asked for it, its *owner*: results, errors and progress come back on the GUI thread
and are dropped if the owner has been deleted meanwhile, so a dialog closed in the middle of a
load never has its callbacks run on deleted widgets. `LatestOnly` is the "reload, and once more
if something changed while loading" pattern of a page or a model.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot

from db.engine import Database
from desktop.common.error_text import error_text

log = logging.getLogger(__name__)

T = TypeVar("T")

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised inside a long job by `TaskControl.check()` once the job has been cancelled."""


class Task:
    """One submitted job: ask it to stop, see whether it has ended."""

    def __init__(
        self,
        task_id: int,
        owner: QObject,
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.id = task_id
        self.owner = owner
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self._cancel = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        """Ask the job to stop (a long job sees it at its next `check()`) and drop its callbacks."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def owner_alive(self) -> bool:
        return shiboken6.isValid(self.owner)


class TaskControl:
    """What a long job gets to talk back: progress, and whether it has been cancelled."""

    def __init__(self, runner: TaskRunner, task: Task) -> None:
        self._runner = runner
        self._task = task

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def check(self) -> None:
        """Stop here (raise `Cancelled`) if the job has been cancelled."""
        if self._task.cancelled:
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        """`done` of `total` (0, 0 while the amount is not known yet), with an optional line."""
        self._runner._emit_from_thread(
            self._runner._progressed, self._task, int(done), int(total), text
        )


class _QueueThread(QThread):
    """Runs database jobs in submission order and reports (task, ok, result or exception)."""

    def __init__(self, runner: TaskRunner, db: Database) -> None:
        super().__init__(None)
        self.setObjectName("griddesk-db-worker")
        self.runner = runner
        self.db = db
        self.jobs: queue.SimpleQueue[tuple[Task, Callable[[Database], Any]] | None] = (
            queue.SimpleQueue()
        )

    def run(self) -> None:
        while True:
            item = self.jobs.get()
            if item is None:
                return
            task, job = item
            if task.cancelled or not task.owner_alive():
                self.runner._delivered.emit(task, True, None)  # nobody waits for it
                continue
            try:
                result = job(self.db)
            except BaseException as exc:
                self.runner._delivered.emit(task, False, exc)
            else:
                self.runner._delivered.emit(task, True, result)


class TaskRunner(QObject):
    """Runs every background job of a window (or of a dialog shown before the window exists).

    Without `on_error`, a failed job becomes `failed(text)`: a user's mistake as its sentence,
    anything else logged with its traceback and shown as 内部错误 (see `error_text`).
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    idle = Signal()
    _delivered = Signal(object, bool, object)
    _progressed = Signal(object, int, int, str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._closed = False
        self._queue_thread: _QueueThread | None = None
        self._delivered.connect(self._on_delivered)
        self._progressed.connect(self._on_progress)

    # --- asking ----------------------------------------------------------------------------

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorCallback | None = None,
        *,
        owner: QObject,
    ) -> Task:
        """Run `job(db)` on the database thread after the jobs already asked for."""
        task = self._new_task(owner, on_done, on_error)
        if self._closed:
            log.debug("task runner shut down; job dropped")
            task.finished = True
            return task
        if self._queue_thread is None:
            self._queue_thread = _QueueThread(self, self.db)
            self._queue_thread.start()
        self._queue_thread.jobs.put((task, job))
        return task

    def start(
        self,
        job: Callable[[TaskControl], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorCallback | None = None,
        *,
        owner: QObject,
        on_progress: ProgressCallback | None = None,
        name: str = "griddesk-task",
    ) -> Task:
        """Run `job(control)` on a thread of its own (a long job that must not hold up the
        database queue). The job keeps running if its owner goes away; only the callbacks are
        dropped. A job that raises `Cancelled` after `cancel()` ends without any callback."""
        task = self._new_task(owner, on_done, on_error, on_progress)
        if self._closed:
            task.finished = True
            return task
        control = TaskControl(self, task)

        def body() -> None:
            try:
                result = job(control)
            except BaseException as exc:
                self._emit_from_thread(self._delivered, task, False, exc)
            else:
                self._emit_from_thread(self._delivered, task, True, result)

        # A daemon thread: quitting the application does not wait for a long export; exports
        # and backups write to a temporary file and rename it, so an end mid-way leaves nothing.
        threading.Thread(target=body, name=name, daemon=True).start()
        return task

    def _emit_from_thread(self, signal: SignalInstance, *args: object) -> None:
        """Emit from a long job's thread, unless this runner is gone: a runner owned by a
        dialog (the sign-in) is deleted with it while the job may still run, and nobody is
        left to hear the answer."""
        if not shiboken6.isValid(self):
            return
        try:
            signal.emit(*args)
        except RuntimeError:  # deleted between the check and the emit
            log.debug("task runner deleted before its job ended")

    def _new_task(
        self,
        owner: QObject,
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        task = Task(next(self._ids), owner, on_done, on_error, on_progress)
        if not self._closed:
            was_idle = not self._tasks
            self._tasks[task.id] = task
            if was_idle:
                self.busy_changed.emit(True)
        return task

    # --- answers, on the GUI thread ----------------------------------------------------------

    @Slot(object, int, int, str)
    def _on_progress(self, task: Task, done: int, total: int, text: str) -> None:
        if task.on_progress is None or task.cancelled or not task.owner_alive():
            return
        try:
            task.on_progress(done, total, text)
        except Exception as exc:
            self.failed.emit(error_text(exc))

    @Slot(object, bool, object)
    def _on_delivered(self, task: Task, ok: bool, payload: object) -> None:
        task.finished = True
        if self._tasks.pop(task.id, None) is None:
            return  # shut down meanwhile
        try:
            if task.cancelled or not task.owner_alive():
                if not ok and not isinstance(payload, Cancelled):
                    assert isinstance(payload, BaseException)
                    log.info("job of a closed widget failed: %s", error_text(payload, logged=True))
                return
            if ok:
                if task.on_done is not None:
                    task.on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                if task.on_error is not None:
                    task.on_error(payload)
                else:
                    self.report(payload)
        except Exception as exc:  # a failing callback must not take the window down
            log.exception("callback of a background job failed")
            self.failed.emit(error_text(exc, logged=True))
        finally:
            if not self._tasks and not self._closed:
                self.busy_changed.emit(False)
                self.idle.emit()

    def report(self, exc: BaseException) -> None:
        """Turn a job's exception into `failed(text)` (logging unexpected ones)."""
        self.failed.emit(error_text(exc))

    # --- state -------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Jobs asked for whose callbacks have not run yet."""
        return len(self._tasks)

    def is_idle(self) -> bool:
        return not self._tasks

    def shutdown(self) -> None:
        """Let the running database job finish, drop the rest, cancel long jobs."""
        if self._closed:
            return
        self._closed = True
        for task in self._tasks.values():
            task.cancel()
        thread = self._queue_thread
        if thread is not None:
            try:  # what has not started is dropped, so closing does not wait for a long queue
                while True:
                    thread.jobs.get_nowait()
            except queue.Empty:
                pass
            thread.jobs.put(None)
            thread.wait()
        self._tasks.clear()


class LatestOnly(Generic[T]):
    """Loads for one view, never more than one at a time and never a queue of stale ones.

    `request()` starts a load; asked again while one runs, it loads once more after it ends,
    with the job `make_job()` gives at that moment (so the latest filters count). Each result is
    handed to `on_done`; `on_error` (or the runner's `failed`) gets a failure.
    """

    def __init__(
        self,
        runner: TaskRunner,
        owner: QObject,
        make_job: Callable[[], Callable[[Database], T]],
        on_done: Callable[[T], None],
        on_error: ErrorCallback | None = None,
    ) -> None:
        self.runner = runner
        self.owner = owner
        self.make_job = make_job
        self.on_done = on_done
        self.on_error = on_error
        self.busy = False
        self.again = False

    def request(self) -> None:
        if self.busy:
            self.again = True
            return
        self.busy, self.again = True, False
        self.runner.submit(self.make_job(), self._done, self._failed, owner=self.owner)

    def _done(self, result: T) -> None:
        self.busy = False
        try:
            self.on_done(result)
        finally:
            self._next()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        try:
            if self.on_error is not None:
                self.on_error(exc)
            else:
                self.runner.report(exc)
        finally:
            self._next()

    def _next(self) -> None:
        if self.again:
            self.request()

"""Background work (后台任务): the one way the window runs anything off the GUI thread.

Database jobs (`TaskRunner.submit`) run one after another on a single thread, in the order they
were asked for. Long jobs (`TaskRunner.start`: an export, an import, the demo build, password
hashing) get a thread of their own, report progress and can be cancelled. Every job names the
widget that asked for it, its *owner*: results, errors and progress come back on the GUI thread
and are dropped if the owner has been deleted meanwhile, so a dialog closed in the middle of a
load never has its callbacks run on deleted widgets. `LatestOnly` is the "reload, and once more
if something changed while loading" pattern of a page or a model.

Threads never touch a Qt object of the window, and never let go of the last reference to one:
deleting a QObject on another thread than its own crashes the process. So a worker thread only
emits on one relay object that lives as long as the application, it hands its result over in a
box that the GUI thread empties, and the job itself stays referenced by the runner until its
answer has been delivered on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from db.engine import Database
from desktop.common.error_text import error_text

log = logging.getLogger(__name__)

T = TypeVar("T")

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]
# What a worker thread hands over: [(runner key, task id, ok, result or exception)]; the GUI
# thread pops the tuple, so the worker's own reference to the box is never the last one.
_Box = list[tuple[int, int, bool, object]]


class Cancelled(Exception):
    """Raised inside a long job by `TaskControl.check()` once the job has been cancelled."""


class Task:
    """One submitted job: ask it to stop, see whether it has ended."""

    def __init__(
        self,
        task_id: int,
        owner: QObject,
        job: object,
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.id = task_id
        self.owner: QObject | None = owner
        self.job: object = job
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.cancel_event = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        """Ask the job to stop (a long job sees it at its next `check()`) and drop its callbacks."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def owner_alive(self) -> bool:
        """Whether the widget that asked still exists (GUI thread only)."""
        return self.owner is not None and shiboken6.isValid(self.owner)

    def release(self) -> None:
        """Let go of the owner, the job and the callbacks once the answer is in."""
        self.finished = True
        self.owner = None
        self.job = self.on_done = self.on_error = self.on_progress = None


class TaskControl:
    """What a long job gets to talk back: progress, and whether it has been cancelled."""

    def __init__(self, runner_key: int, task_id: int, cancel: threading.Event) -> None:
        self._runner_key = runner_key
        self._task_id = task_id
        self._cancel = cancel

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (raise `Cancelled`) if the job has been cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        """`done` of `total` (0, 0 while the amount is not known yet), with an optional line."""
        relay = _relay
        if relay is not None:
            relay.progressed.emit(self._runner_key, self._task_id, int(done), int(total), text)


class _Relay(QObject):
    """The one object worker threads emit on; it lives on the GUI thread until the end."""

    delivered = Signal(object)
    progressed = Signal(int, int, int, int, str)

    def __init__(self) -> None:
        super().__init__(None)
        self.runners: dict[int, weakref.ref[TaskRunner]] = {}
        self.delivered.connect(self._deliver)
        self.progressed.connect(self._progress)

    def _runner(self, key: int) -> TaskRunner | None:
        ref = self.runners.get(key)
        runner = ref() if ref is not None else None
        if runner is None or not shiboken6.isValid(runner):
            self.runners.pop(key, None)
            return None
        return runner

    @Slot(object)
    def _deliver(self, box: _Box) -> None:
        if not box:
            return
        key, task_id, ok, payload = box.pop()
        runner = self._runner(key)
        if runner is not None:
            runner._on_delivered(task_id, ok, payload)

    @Slot(int, int, int, int, str)
    def _progress(self, key: int, task_id: int, done: int, total: int, text: str) -> None:
        runner = self._runner(key)
        if runner is not None:
            runner._on_progress(task_id, done, total, text)


_relay: _Relay | None = None
_keys = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            _relay.moveToThread(app.thread())
    return _relay


def _run_queue(runner_key: int, db: Database, jobs: queue.SimpleQueue[Any]) -> None:
    """The database thread: jobs in submission order, answers through the relay."""
    while True:
        item = jobs.get()
        if item is None:
            return
        task_id, job, cancel = item
        item = None
        box: _Box
        if cancel.is_set():
            box = [(runner_key, task_id, True, None)]
        else:
            try:
                result = job(db)
            except BaseException as exc:
                box = [(runner_key, task_id, False, exc)]
            else:
                box = [(runner_key, task_id, True, result)]
            result = None
        job = None
        relay = _relay
        if relay is not None:
            relay.delivered.emit(box)
        box = []


def _run_long(runner_key: int, task_id: int, hand_over: list[Any]) -> None:
    """A long job's own thread (see `_run_queue` for why it hands over a box)."""
    job, control = hand_over.pop()
    box: _Box
    try:
        result = job(control)
    except BaseException as exc:
        box = [(runner_key, task_id, False, exc)]
    else:
        box = [(runner_key, task_id, True, result)]
    result = job = control = None
    relay = _relay
    if relay is not None:
        relay.delivered.emit(box)


class TaskRunner(QObject):
    """Runs every background job of a window (or of a dialog shown before the window exists).

    Without `on_error`, a failed job becomes `failed(text)`: a user's mistake as its sentence,
    anything else logged with its traceback and shown as 内部错误 (see `error_text`).
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    idle = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._key = next(_keys)
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._closed = False
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._queue_thread: threading.Thread | None = None
        runners = _the_relay().runners
        key = self._key
        runners[key] = weakref.ref(self, lambda _ref: runners.pop(key, None))

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
        task = self._new_task(owner, job, on_done, on_error)
        if self._closed:
            log.debug("task runner shut down; job dropped")
            task.release()
            return task
        if self._queue_thread is None:
            self._queue_thread = threading.Thread(
                target=_run_queue,
                args=(self._key, self.db, self._jobs),
                name="griddesk-db-worker",
                daemon=True,
            )
            self._queue_thread.start()
        self._jobs.put((task.id, job, task.cancel_event))
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
        task = self._new_task(owner, job, on_done, on_error, on_progress)
        if self._closed:
            task.release()
            return task
        control = TaskControl(self._key, task.id, task.cancel_event)
        # A daemon thread: quitting the application does not wait for a long export; exports
        # and backups write to a temporary file and rename it, so an end mid-way leaves nothing.
        threading.Thread(
            target=_run_long, args=(self._key, task.id, [(job, control)]), name=name, daemon=True
        ).start()
        return task

    def _new_task(
        self,
        owner: QObject,
        job: object,
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        task = Task(next(self._ids), owner, job, on_done, on_error, on_progress)
        if not self._closed:
            was_idle = not self._tasks
            self._tasks[task.id] = task
            if was_idle:
                self.busy_changed.emit(True)
        return task

    # --- answers, on the GUI thread (called by the relay) ------------------------------------

    def _on_progress(self, task_id: int, done: int, total: int, text: str) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.on_progress is None or task.cancelled or not task.owner_alive():
            return
        try:
            task.on_progress(done, total, text)
        except Exception as exc:
            self.failed.emit(error_text(exc))

    def _on_delivered(self, task_id: int, ok: bool, payload: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
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
            task.release()
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
        try:  # what has not started is dropped, so closing does not wait for a long queue
            while True:
                self._jobs.get_nowait()
        except queue.Empty:
            pass
        thread = self._queue_thread
        if thread is not None:
            self._jobs.put(None)
            thread.join()
        for task in self._tasks.values():
            task.release()
        self._tasks.clear()
        _the_relay().runners.pop(self._key, None)


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

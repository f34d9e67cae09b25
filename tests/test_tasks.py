"""TaskRunner: jobs run off the GUI thread, in order, and failures become one message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import Database
from db.errors import NotFound
from db.models import Category
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly, TaskControl


@pytest.fixture
def ctx(db: Database) -> Iterator[AppContext]:
    context = AppContext.create(db, start_feed=False)
    yield context
    context.close()


def test_jobs_run_off_the_gui_thread_and_results_come_back_on_it(
    qtbot: QtBot, ctx: AppContext
) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int, int]] = []

    def job(db: Database) -> tuple[int, int]:
        with db.read() as s:
            count = int(s.scalar(select(func.count()).select_from(Category)) or 0)
        return threading.get_ident(), count

    ctx.tasks.submit(
        job, lambda r: seen.append((r[0], r[1], threading.get_ident())), owner=ctx.tasks
    )
    qtbot.waitUntil(lambda: bool(seen))
    worker_thread, count, callback_thread = seen[0]
    assert worker_thread != gui
    assert callback_thread == gui
    assert count == 101


def test_jobs_run_in_submission_order_and_busy_is_reported(qtbot: QtBot, ctx: AppContext) -> None:
    order: list[int] = []
    busy: list[bool] = []
    ctx.tasks.busy_changed.connect(busy.append)
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10_000):
        for i in range(20):
            ctx.tasks.submit(lambda _db, i=i: i, order.append, owner=ctx.tasks)
    assert order == list(range(20))
    assert busy == [True, False]
    assert ctx.tasks.is_idle()


def test_user_error_without_handler_becomes_the_failed_message(
    qtbot: QtBot, ctx: AppContext
) -> None:
    messages: list[str] = []
    ctx.signals.message.connect(messages.append)

    def job(_db: Database) -> None:
        raise NotFound("案件 123 不存在")

    with qtbot.waitSignal(ctx.tasks.failed) as blocker:
        ctx.tasks.submit(job, owner=ctx.tasks)
    assert blocker.args == ["案件 123 不存在"]
    assert messages == ["案件 123 不存在"]


def test_user_error_goes_to_the_given_handler(qtbot: QtBot, ctx: AppContext) -> None:
    errors: list[BaseException] = []
    failed: list[str] = []
    ctx.tasks.failed.connect(failed.append)
    ctx.tasks.submit(
        lambda _db: (_ for _ in ()).throw(NotFound("没有")), None, errors.append, owner=ctx.tasks
    )
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotFound)
    assert failed == []


def test_a_bug_is_logged_and_reported_as_internal_error(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    def job(_db: Database) -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ctx.tasks.failed) as blocker:
        ctx.tasks.submit(job, owner=ctx.tasks)
    assert blocker.args[0].startswith("内部错误：ZeroDivisionError")
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)
    # The worker keeps working after a failure.
    results: list[int] = []
    ctx.tasks.submit(lambda _db: 7, results.append, owner=ctx.tasks)
    qtbot.waitUntil(lambda: results == [7])


def test_a_failing_callback_does_not_stop_the_worker(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    def bad_callback(_value: int) -> None:
        raise RuntimeError("callback bug")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ctx.tasks.failed) as blocker:
        ctx.tasks.submit(lambda _db: 1, bad_callback, owner=ctx.tasks)
    assert "callback bug" in blocker.args[0]
    assert ctx.tasks.is_idle()


def test_shutdown_stops_the_thread_and_drops_later_jobs(qtbot: QtBot, db: Database) -> None:
    context = AppContext.create(db, start_feed=False)
    context.tasks.submit(lambda _db: 1, owner=context.tasks)
    thread = context.tasks._queue_thread
    assert thread is not None
    context.close()
    assert not thread.is_alive()
    context.tasks.submit(
        lambda _db: 1, lambda _r: pytest.fail("ran after shutdown"), owner=context.tasks
    )
    assert context.tasks.is_idle()


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: QtBot, ctx: AppContext) -> None:
    """A dialog closed (and deleted) in the middle of its load never sees the result."""
    release = threading.Event()
    owner = QWidget()
    called: list[object] = []
    ctx.tasks.submit(lambda _db: release.wait(10), called.append, called.append, owner=owner)
    ctx.tasks.submit(lambda _db: 1 / 0, called.append, called.append, owner=owner)
    shiboken6.delete(owner)
    release.set()
    with qtbot.assertNotEmitted(ctx.tasks.failed):
        qtbot.waitUntil(ctx.tasks.is_idle)
    assert called == []


def test_latest_only_loads_once_more_with_the_latest_state(qtbot: QtBot, ctx: AppContext) -> None:
    owner = QWidget()
    release = threading.Event()
    state = {"filter": 1}
    started: list[int] = []
    results: list[int] = []

    def make_job() -> Callable[[Database], int]:
        value = state["filter"]

        def job(_db: Database) -> int:
            started.append(value)
            if value == 1:
                release.wait(10)
            return value

        return job

    loader = LatestOnly(ctx.tasks, owner, make_job, results.append)
    loader.request()
    qtbot.waitUntil(lambda: started == [1])
    for value in (2, 3, 4):  # three changes while the first load runs: one more load, not three
        state["filter"] = value
        loader.request()
    release.set()
    qtbot.waitUntil(lambda: results == [1, 4])
    qtbot.waitUntil(ctx.tasks.is_idle)
    assert started == [1, 4]
    assert not loader.busy


def test_a_long_job_reports_progress_and_can_be_cancelled(qtbot: QtBot, ctx: AppContext) -> None:
    owner = QWidget()
    progress: list[tuple[int, int, str]] = []
    outcome: list[object] = []
    step = threading.Event()

    def job(control: TaskControl) -> str:
        control.progress(1, 10, "第一步")
        step.wait(10)
        control.check()
        return "不该完成"

    task = ctx.tasks.start(
        job,
        outcome.append,
        outcome.append,
        owner=owner,
        on_progress=lambda d, t, x: progress.append((d, t, x)),
    )
    qtbot.waitUntil(lambda: progress == [(1, 10, "第一步")])
    task.cancel()
    step.set()
    qtbot.waitUntil(lambda: task.finished)
    assert outcome == []  # cancelled: neither result nor error
    assert ctx.tasks.is_idle()


def test_a_long_job_goes_on_when_its_owner_is_gone(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    """An export keeps writing its file after its page is closed; only the callbacks go."""
    owner = QWidget()
    step = threading.Event()
    out = tmp_path / "done.txt"
    called: list[object] = []

    def job(_control: TaskControl) -> None:
        step.wait(10)
        out.write_text("ok", "utf-8")

    task = ctx.tasks.start(job, called.append, called.append, owner=owner)
    shiboken6.delete(owner)
    step.set()
    qtbot.waitUntil(lambda: task.finished)
    assert out.read_text("utf-8") == "ok"
    assert called == []

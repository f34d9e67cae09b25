"""DbWorker: jobs run off the GUI thread, in order, and failures become one message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import Database
from db.errors import NotFound
from db.models import Category
from desktop.core.context import AppContext


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

    ctx.worker.submit(job, lambda r: seen.append((r[0], r[1], threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen))
    worker_thread, count, callback_thread = seen[0]
    assert worker_thread != gui
    assert callback_thread == gui
    assert count == 101


def test_jobs_run_in_submission_order_and_busy_is_reported(qtbot: QtBot, ctx: AppContext) -> None:
    order: list[int] = []
    busy: list[bool] = []
    ctx.worker.busy_changed.connect(busy.append)
    with qtbot.waitSignal(ctx.worker.idle, timeout=10_000):
        for i in range(20):
            ctx.worker.submit(lambda _db, i=i: i, order.append)
    assert order == list(range(20))
    assert busy == [True, False]
    assert ctx.worker.is_idle()


def test_user_error_without_handler_becomes_the_failed_message(
    qtbot: QtBot, ctx: AppContext
) -> None:
    messages: list[str] = []
    ctx.signals.message.connect(messages.append)

    def job(_db: Database) -> None:
        raise NotFound("案件 123 不存在")

    with qtbot.waitSignal(ctx.worker.failed) as blocker:
        ctx.worker.submit(job)
    assert blocker.args == ["案件 123 不存在"]
    assert messages == ["案件 123 不存在"]


def test_user_error_goes_to_the_given_handler(qtbot: QtBot, ctx: AppContext) -> None:
    errors: list[BaseException] = []
    failed: list[str] = []
    ctx.worker.failed.connect(failed.append)
    ctx.worker.submit(lambda _db: (_ for _ in ()).throw(NotFound("没有")), None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotFound)
    assert failed == []


def test_a_bug_is_logged_and_reported_as_internal_error(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    def job(_db: Database) -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ctx.worker.failed) as blocker:
        ctx.worker.submit(job)
    assert blocker.args[0].startswith("内部错误：ZeroDivisionError")
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)
    # The worker keeps working after a failure.
    results: list[int] = []
    ctx.worker.submit(lambda _db: 7, results.append)
    qtbot.waitUntil(lambda: results == [7])


def test_a_failing_callback_does_not_stop_the_worker(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    def bad_callback(_value: int) -> None:
        raise RuntimeError("callback bug")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ctx.worker.failed) as blocker:
        ctx.worker.submit(lambda _db: 1, bad_callback)
    assert "callback bug" in blocker.args[0]
    assert ctx.worker.is_idle()


def test_shutdown_stops_the_thread_and_drops_later_jobs(qtbot: QtBot, db: Database) -> None:
    context = AppContext.create(db, start_feed=False)
    context.close()
    assert not context.worker._thread.isRunning()
    context.worker.submit(lambda _db: 1, lambda _r: pytest.fail("ran after shutdown"))
    assert context.worker.is_idle()

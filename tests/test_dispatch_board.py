"""The department board: live counts, real drops of one and many cases, lost races, undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case
from db.models.base import utcnow
from desktop.core.context import AppContext
from desktop.desk import case_mime
from desktop.desk.dispatch_board import DepartmentCard, DispatchBoard
from tests.street import GRID_A1


def registered(db: Database, category: str = "0101", hours_ago: float = 0.0) -> str:
    at = utcnow() - timedelta(hours=hours_ago)
    number = report_case(
        db, grid_code=GRID_A1, category_code=category, description="楼下堆放垃圾", now=at
    )
    apply(db, number, Action.REGISTER, now=at)
    return number


def dragged(db: Database, *numbers: str) -> list[case_mime.DraggedCase]:
    with db.read() as s:
        found = {c.number: c for c in s.scalars(select(Case).where(Case.number.in_(numbers))).all()}
        return [
            case_mime.DraggedCase(
                found[n].id, n, found[n].version, found[n].category.default_department_id
            )
            for n in numbers
        ]


def state(db: Database, number: str) -> tuple[str, str | None]:
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        return case.status, case.department.name if case.department else None


def other_connection(db: Database) -> Database:
    return Database(db.engine.url.render_as_string(hide_password=False))


def drop_on(card: DepartmentCard, mime: QMimeData) -> None:
    """What Qt delivers when cases are dragged over `card` and released."""
    centre = card.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(card, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(card, drop)
    assert drop.isAccepted()


@pytest.fixture
def board(qtbot: QtBot, ctx: AppContext) -> DispatchBoard:
    widget = DispatchBoard(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.cards) > 20, timeout=10_000)
    return widget


def test_cards_show_live_counts(qtbot: QtBot, ctx: AppContext, board: DispatchBoard) -> None:
    card = board.card("环卫所")
    assert card.open.text() == "在办 0" and card.rate.text() == "本月按期 —"
    late = registered(ctx.db, hours_ago=24 * 21)
    apply(
        ctx.db,
        late,
        Action.DISPATCH,
        Request(department="环卫所"),
        now=utcnow() - timedelta(days=20),
    )
    fresh = registered(ctx.db)
    apply(ctx.db, fresh, Action.DISPATCH, Request(department="环卫所"))
    done = registered(ctx.db)
    apply(ctx.db, done, Action.DISPATCH, Request(department="环卫所"))
    apply(ctx.db, done, Action.ACCEPT)
    apply(ctx.db, done, Action.FEEDBACK)
    apply(ctx.db, done, Action.VERIFY)
    ctx.feed.notify_local(None)  # what the feed does after another workstation's writes
    qtbot.waitUntil(lambda: card.open.text() == "在办 2", timeout=10_000)
    assert card.overdue.text() == "超期 1" and card.warning.text() == "预警 0"
    assert card.rate.text() == "本月按期 100.0%"
    assert card.overdue.property("late") is True


def test_a_steady_stream_of_changes_still_refreshes_the_cards(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard
) -> None:
    """A busy street (a change every 0.2 s) must not keep postponing the board's refresh."""
    from PySide6.QtCore import QTimer

    card = board.card("环卫所")
    case = registered(ctx.db)
    apply(ctx.db, case, Action.DISPATCH, Request(department="环卫所"))
    stream = QTimer()
    stream.setInterval(200)
    stream.timeout.connect(lambda: ctx.feed.notify_local(None))
    stream.start()
    try:
        qtbot.waitUntil(lambda: card.open.text() == "在办 1", timeout=5_000)
    finally:
        stream.stop()


def test_cards_recount_as_the_clock_moves(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is written when a case passes its deadline; the board recounts by itself."""
    import desktop.desk.dispatch_board as board_module

    assert board._clock.isActive() and board._clock.interval() == 60_000
    card = board.card("环卫所")
    case = registered(ctx.db)
    apply(ctx.db, case, Action.DISPATCH, Request(department="环卫所"))
    with qtbot.waitSignal(board.loaded, timeout=10_000):
        board.refresh()
    assert (card.open.text(), card.overdue.text()) == ("在办 1", "超期 0")
    # A month later, with no write in between, the minute tick finds the case overdue.
    later = utcnow() + timedelta(days=30)
    monkeypatch.setattr(board_module, "utcnow", lambda: later)
    with qtbot.waitSignal(board.loaded, timeout=10_000):
        board._clock.timeout.emit()
    assert card.overdue.text() == "超期 1"


def test_drop_of_one_case_dispatches_it(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard
) -> None:
    number = registered(ctx.db)
    cases = dragged(ctx.db, number)
    card = board.card("城管执法中队")
    with qtbot.waitSignal(board.dispatcher.dispatched, timeout=10_000) as signal:
        drop_on(card, case_mime.encode(cases))
    outcome = signal.args[0]
    assert [r.number for r in outcome.done] == [number] and not outcome.failed
    assert state(ctx.db, number) == (Status.DISPATCHED.value, "城管执法中队")
    qtbot.waitUntil(lambda: card.open.text() == "在办 1", timeout=10_000)
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == f"派遣 {number} 到 城管执法中队"


def test_drag_glows_default_department_and_shows_deadline(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard
) -> None:
    number = registered(ctx.db, "0401")  # 燃气泄漏: 燃气公司, 2 natural hours
    cases = dragged(ctx.db, number)
    mime = case_mime.encode(cases)
    card = board.card("应急办")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(board.preview_ready, timeout=10_000) as signal:
        QApplication.sendEvent(card, enter)
    preview = signal.args[0]
    assert board.card("燃气公司").is_glowing() and not card.is_glowing()
    expected = preview.earliest.astimezone(ctx.settings.tz).strftime("%m-%d %H:%M")
    assert card.preview.text() == f"处置时限 {expected}" and card.preview.isVisibleTo(card)
    assert timedelta(hours=1, minutes=59) < preview.earliest - utcnow() <= timedelta(hours=2)
    board.end_drag()
    assert not board.card("燃气公司").is_glowing() and not card.preview.isVisibleTo(card)


def test_drop_of_several_cases_and_a_lost_race(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard
) -> None:
    numbers = [registered(ctx.db) for _ in range(3)]
    cases = dragged(ctx.db, *numbers)
    # Another workstation dispatches the second case first.
    other = other_connection(ctx.db)
    try:
        apply(other, numbers[1], Action.DISPATCH, Request(department="住建办"))
    finally:
        other.dispose()
    card = board.card("环卫所")
    with qtbot.waitSignal(board.dispatcher.dispatched, timeout=10_000) as signal:
        drop_on(card, case_mime.encode(cases))
    outcome = signal.args[0]
    assert [r.number for r in outcome.done] == [numbers[0], numbers[2]]
    assert [n for n, _ in outcome.failed] == [numbers[1]]
    assert state(ctx.db, numbers[0]) == (Status.DISPATCHED.value, "环卫所")
    assert state(ctx.db, numbers[2]) == (Status.DISPATCHED.value, "环卫所")
    assert state(ctx.db, numbers[1]) == (Status.DISPATCHED.value, "住建办")
    box = board.dispatcher.message_box
    assert box is not None and box.isVisible()
    assert "3 件中 1 件未成功" in box.text()
    assert numbers[1] in box.informativeText() and "已被他人修改" in box.informativeText()
    assert numbers[0] not in box.informativeText()
    box.close()


def test_undo_recalls_until_the_department_accepts(
    qtbot: QtBot, ctx: AppContext, board: DispatchBoard
) -> None:
    a, b = registered(ctx.db), registered(ctx.db)
    card = board.card("环卫所")
    with qtbot.waitSignal(board.dispatcher.dispatched, timeout=10_000):
        drop_on(card, case_mime.encode(dragged(ctx.db, a)))
    with qtbot.waitSignal(board.dispatcher.undone, timeout=10_000) as signal:
        ctx.undo_stack.undo()
    assert [r.number for r in signal.args[0].done] == [a]
    assert state(ctx.db, a) == (Status.REGISTERED.value, None)
    with qtbot.waitSignal(board.dispatcher.dispatched, timeout=10_000):
        ctx.undo_stack.redo()
    assert state(ctx.db, a) == (Status.DISPATCHED.value, "环卫所")
    # The second dispatch is accepted by the department before the dispatcher undoes it.
    with qtbot.waitSignal(board.dispatcher.dispatched, timeout=10_000):
        drop_on(card, case_mime.encode(dragged(ctx.db, b)))
    apply(ctx.db, b, Action.ACCEPT)
    with qtbot.waitSignal(board.dispatcher.undone, timeout=10_000) as signal:
        ctx.undo_stack.undo()
    assert [n for n, _ in signal.args[0].failed] == [b]
    assert state(ctx.db, b) == (Status.ACCEPTED.value, "环卫所")
    assert "撤销派遣" in board.dispatcher.last_message and b in board.dispatcher.last_message
    assert "处置中" in board.dispatcher.last_message


def test_foreign_drag_is_refused(qtbot: QtBot, board: DispatchBoard) -> None:
    mime = QMimeData()
    mime.setText("2026112600001")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(board.card("环卫所"), enter)
    assert not enter.isAccepted()


def test_a_role_without_dispatch_is_refused_in_the_window(qtbot: QtBot, street: Database) -> None:
    """领导 (read-only): the cards take no drops, Ctrl+D says why, and a dispatch that reaches
    the service anyway is refused in one sentence with the case unchanged."""
    from db.security.actors import Actor, Role
    from desktop.desk.desk_page import DeskPage

    leader = AppContext.create(street, Actor("boss", "李主任", Role.LEADER), start_feed=False)
    try:
        number = registered(street)
        page = DeskPage(leader)
        qtbot.addWidget(page)
        page.resize(1600, 900)
        page.show()
        board = page.board
        qtbot.waitUntil(lambda: len(board.cards) > 20, timeout=10_000)
        card = board.card("环卫所")
        assert not card.acceptDrops() and "不能派遣" in board.title.text()
        assert not page.queue.act_dispatch.isEnabled()
        messages: list[str] = []
        leader.signals.message_timed.connect(lambda text, _ms: messages.append(text))
        qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=10_000)
        page.queue.filters.tabs.setCurrentIndex(page.queue.filters.tabs.count() - 1)  # 全部
        qtbot.waitUntil(lambda: page.queue.model.rowCount() > 0, timeout=10_000)
        page.queue.table.selectRow(0)
        assert page.queue.pick_department() is None
        assert any("无权派遣" in m for m in messages)
        # The service refuses too, whatever the window allows.
        with qtbot.waitSignal(board.dispatcher.finished, timeout=10_000):
            board.dispatcher.dispatch(dragged(street, number), card.department_id, "环卫所")
        assert "无权" in board.dispatcher.last_message
        assert state(street, number) == (Status.REGISTERED.value, None)
    finally:
        leader.close()

"""Joint handling on the desk (both databases): a Ctrl-drop on a department card adds it as
协办 (or dispatches a waiting case to its default department with it as 协办), the cards count
lead and co-handling apart, and the department picker dispatches to several at once."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from db.cases.joint import case_tracks
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from desktop.core.context import AppContext
from desktop.desk import case_mime
from desktop.desk.desk_page import DeskPage
from desktop.desk.dispatch_board import DepartmentCard, DispatchBoard
from tests.test_desk_drag_picker import page, settle  # noqa: F401
from tests.test_dispatch_board import board, dragged, registered, state  # noqa: F401


def drop_with(card: DepartmentCard, cases: list[case_mime.DraggedCase], ctrl: bool) -> None:
    """What Qt delivers when cases are dragged onto `card` and released, Ctrl held or not."""
    mime = case_mime.encode(cases)
    held = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    centre = card.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, held)
    QApplication.sendEvent(card, enter)
    drop = QDropEvent(
        QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, held
    )
    QApplication.sendEvent(card, drop)
    assert drop.isAccepted()


def tracks(ctx: AppContext, number: str) -> dict[str, str]:
    with ctx.db.read() as session:
        return {t.department: t.state.value for t in case_tracks(session, number)}


def test_ctrl_drop_adds_a_co_department_and_cards_count_apart(
    qtbot: QtBot,
    ctx: AppContext,
    board: DispatchBoard,  # noqa: F811
) -> None:
    lead, co = board.card("环卫所"), board.card("城管执法中队")
    assert co.co.text() == "协办 0"
    first = registered(ctx.db)
    # A plain drop dispatches to the lead; a Ctrl-drop on another card adds it as 协办.
    with qtbot.waitSignal(board.dispatcher.finished, timeout=10_000):
        drop_with(lead, dragged(ctx.db, first), ctrl=False)
    assert state(ctx.db, first) == ("dispatched", "环卫所")
    with qtbot.waitSignal(board.dispatcher.finished, timeout=10_000):
        drop_with(co, dragged(ctx.db, first), ctrl=True)
    assert state(ctx.db, first) == ("dispatched", "环卫所")
    assert tracks(ctx, first) == {"城管执法中队": "dispatched"}

    # A case still waiting for dispatch goes to its default department, the card's as 协办.
    second = registered(ctx.db)
    with qtbot.waitSignal(board.dispatcher.finished, timeout=10_000):
        drop_with(board.card("园林绿化所"), dragged(ctx.db, second), ctrl=True)
    assert state(ctx.db, second) == ("dispatched", "环卫所")
    assert tracks(ctx, second) == {"园林绿化所": "dispatched"}

    # Ctrl-dropping the lead's own card is refused in one sentence and changes nothing.
    with qtbot.waitSignal(board.dispatcher.finished, timeout=10_000):
        drop_with(lead, dragged(ctx.db, first), ctrl=True)
    assert "是本案主办部门" in board.dispatcher.last_message
    assert tracks(ctx, first) == {"城管执法中队": "dispatched"}

    board.refresh()
    qtbot.waitUntil(lambda: co.co.text() == "协办 1", timeout=10_000)
    assert lead.open.text() == "在办 2" and lead.co.text() == "协办 0"
    assert co.open.text() == "在办 0"
    assert board.card("园林绿化所").co.text() == "协办 1"
    apply(ctx.db, first, Action.RECALL, Request())
    board.refresh()
    qtbot.waitUntil(lambda: co.co.text() == "协办 0", timeout=10_000)


def test_picker_dispatches_to_a_lead_and_co_departments(
    qtbot: QtBot,
    street: Database,
    page: DeskPage,  # noqa: F811
) -> None:
    number = registered(street)
    page.queue.filters.tabs.setCurrentIndex(1)  # 待派遣
    assert settle(qtbot, page) == [number]
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=5000)
    page.queue.table.selectRow(0)
    picker = page.queue.pick_department()
    assert picker is not None
    for typed in ("hws", "cgzf", "yllh"):  # 环卫所, 城管执法中队, 园林绿化所 by pinyin initials
        picker.search.setText(typed)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert picker.joint.text() == "主办：环卫所；协办：城管执法中队、园林绿化所"
    picker.search.setText("cgzf")  # unticked again, then ticked: now last of the co-departments
    qtbot.keyClick(picker.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert state(street, number) == ("dispatched", "环卫所")
    with street.read() as session:
        assert [t.department for t in case_tracks(session, number)] == [
            "园林绿化所",
            "城管执法中队",
        ]
    # The case pane shows the three tracks.
    settle(qtbot, page)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        page.detail.show_case(number)
    tracks = page.detail.findChild(QWidget, "departmentTracks")
    assert tracks is not None
    texts = " ".join(label.text() for label in tracks.findChildren(QLabel))
    assert "主办 环卫所" in texts and "协办 园林绿化所" in texts and "协办 城管执法中队" in texts


def test_case_pane_runs_the_co_steps_for_the_centre(qtbot: QtBot, ctx: AppContext) -> None:
    from desktop.cases.case_detail import CaseDetailPane

    number = registered(ctx.db)
    apply(ctx.db, number, Action.DISPATCH, Request(department="环卫所", co=("城管执法中队",)))
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_case(number)
    assert pane.tracks is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.tracks.buttons[("co-accept", "城管执法中队")].click()
    assert tracks(ctx, number) == {"城管执法中队": "accepted"}
    assert pane.tracks is not None
    pane.tracks.buttons[("co-feedback", "城管执法中队")].click()
    dialog = pane.co_dialog
    assert dialog is not None
    dialog.text.setPlainText("占道摊点已清理")
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        dialog.accept()
    assert tracks(ctx, number) == {"城管执法中队": "fed_back"}
    # 增派协办 offers neither the lead nor a department already on the case.
    assert pane.tracks is not None
    pane.tracks.findChild(QWidget, "coAdd").click()  # type: ignore[union-attr]
    dialog = pane.co_dialog
    assert dialog is not None
    offered = [dialog.department.itemText(i) for i in range(dialog.department.count())]
    assert "环卫所" not in offered and "交警大队" in offered
    dialog.department.setCurrentText("交警大队")
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        dialog.accept()
    assert tracks(ctx, number) == {"城管执法中队": "fed_back", "交警大队": "dispatched"}
    history = " ".join(label.text() for label in pane.history_entries)
    assert "协办反馈" in history and "占道摊点已清理" in history and "协办派遣" in history

"""Issue 11, points 6 and 7: the small drag image, cards that stay put while dragged over, a
click on a card filtering the queue, and the department picker (pinyin, load, 派遣意见)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.states import Action
from db.cases.workflow import Request, apply, dispatch
from db.engine import Database
from db.errors import ValidationError
from db.models import Case, CaseEvent, Department
from db.models.base import utcnow
from desktop.core.context import AppContext
from desktop.desk import case_mime
from desktop.desk.department_picker import DepartmentPicker, match_rank, pinyin_keys
from desktop.desk.desk_page import DeskPage
from desktop.desk.dispatch_board import DispatchBoard
from desktop.desk.drag_image import drag_widget, make_drag
from desktop.desk.queue_columns import COL_NUMBER
from tests.street import GRID_A1

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


def registered(db: Database, category: str = "0101", hours_ago: float = 0.0) -> str:
    at = utcnow() - timedelta(hours=hours_ago)
    number = report_case(
        db, grid_code=GRID_A1, category_code=category, description="闻到燃气味", now=at
    )
    apply(db, number, Action.REGISTER, now=at)
    return number


def history(db: Database, number: str) -> list[tuple[str, str, str | None]]:
    """(action, note, department) of each history entry of `number`, oldest first."""
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        rows = s.execute(
            select(CaseEvent.action, CaseEvent.note, Department.name)
            .outerjoin(Department, Department.id == CaseEvent.department_id)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.id)
        ).all()
        return [(a, n, d) for a, n, d in rows]


@pytest.fixture
def page(qtbot: QtBot, street: Database) -> Iterator[DeskPage]:
    ctx = AppContext.create(street, start_feed=False)
    widget = DeskPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    try:
        yield widget
    finally:
        widget.close()
        ctx.close()


def settle(qtbot: QtBot, page: DeskPage) -> list[str]:
    model = page.queue.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and page.ctx.tasks.is_idle(),
        timeout=10_000,
    )
    return [model.index(r, COL_NUMBER).data() for r in range(model.rowCount())]


# --- point 6: drag and drop --------------------------------------------------------------------


def test_drag_image_is_small_and_names_the_cases(qtbot: QtBot) -> None:
    one = [case_mime.DraggedCase(1, "20261204-0007", 3, 10, "燃气泄漏")]
    many = [
        *one,
        *(case_mime.DraggedCase(i, f"20261204-00{i}", 1, None, "暴露垃圾") for i in (8, 9)),
    ]
    source = QLabel()
    for cases in (one, many):
        drag = make_drag(source, cases)
        pixmap = drag.pixmap()
        size = pixmap.deviceIndependentSize()
        assert 0 < size.width() <= 320 and 0 < size.height() <= 100
        assert drag.hotSpot() == QPoint(0, 0)  # the cursor at its corner, not over the card
        assert case_mime.decode(drag.mimeData()) == cases
    for cases, expected in (
        (many, ["20261204-0007", "燃气泄漏", "共 3 件"]),
        (one, ["20261204-0007", "燃气泄漏"]),
    ):
        widget = drag_widget(cases)
        assert [label.text() for label in widget.findChildren(QLabel)] == expected
        widget.deleteLater()


def test_queue_drags_the_small_image(
    qtbot: QtBot, street: Database, page: DeskPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table's drag carries the 小类 from the row and the small picture, not the rows."""
    import desktop.desk.queue_view as queue_view

    number = registered(street, "0401")
    page.queue.filters.tabs.setCurrentIndex(1)  # 待派遣
    assert settle(qtbot, page) == [number]
    page.queue.table.selectRow(0)
    made: list[object] = []

    def spy(source: object, cases: list[case_mime.DraggedCase]) -> object:
        drag = make_drag(source, cases)  # type: ignore[arg-type]
        made.append(drag)
        monkeypatch.setattr(drag, "exec", lambda *_a: Qt.DropAction.IgnoreAction)
        return drag

    monkeypatch.setattr(queue_view, "make_drag", spy)
    with qtbot.waitSignal(page.queue.table.drag_finished):
        page.queue.table.startDrag(Qt.DropAction.CopyAction)
    (drag,) = made
    assert case_mime.decode(drag.mimeData())[0].category == "燃气泄漏"  # type: ignore[attr-defined]
    assert drag.pixmap().deviceIndependentSize().width() <= 320  # type: ignore[attr-defined]


def test_cards_keep_their_place_while_cases_are_dragged_over(qtbot: QtBot, ctx: AppContext) -> None:
    board = DispatchBoard(ctx)
    qtbot.addWidget(board)
    board.resize(900, 400)
    board.show()
    qtbot.waitUntil(lambda: len(board.cards) > 20, timeout=10_000)
    qtbot.waitExposed(board)
    qtbot.waitUntil(  # laid out
        lambda: all(c.height() == c.sizeHint().height() for c in board.cards.values())
    )
    before = {d: c.geometry() for d, c in board.cards.items()}
    number = registered(ctx.db, "0401")
    with ctx.db.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        dragged = [case_mime.DraggedCase(case.id, number, case.version, None, "燃气泄漏")]
    card = board.card("应急办")
    mime = case_mime.encode(dragged)  # kept alive: the event holds only a pointer
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(board.preview_ready, timeout=10_000):
        QApplication.sendEvent(card, enter)
    assert card.preview.isVisibleTo(card) and card.preview.text().startswith("处置时限")
    assert board.card("燃气公司").is_glowing() and card.property("hover") is True
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert {d: c.geometry() for d, c in board.cards.items()} == before
    board.end_drag()


def test_a_click_on_a_card_filters_the_queue_to_its_department(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    gas, litter = registered(street, "0401"), registered(street, "0101")
    apply(street, gas, Action.DISPATCH, Request(department="燃气公司"))
    apply(street, litter, Action.DISPATCH, Request(department="环卫所"))
    page.queue.model.refresh(None)
    assert sorted(settle(qtbot, page)) == sorted([gas, litter])
    qtbot.waitUntil(lambda: len(page.board.cards) > 20, timeout=10_000)
    card = page.board.card("燃气公司")
    page.board.scroll_area.ensureWidgetVisible(card)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert settle(qtbot, page) == [gas]
    assert page.queue.filters.department.currentText() == "燃气公司"
    assert card.property("filtered") is True
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)  # again: every department
    assert sorted(settle(qtbot, page)) == sorted([gas, litter])
    assert page.queue.filters.department.currentIndex() == 0 and not card.property("filtered")


# --- point 7: the department picker ------------------------------------------------------------


def test_pinyin_keys_and_ranks() -> None:
    keys = pinyin_keys("燃气公司")
    assert keys == ("rqgs", "ranqigongsi")
    assert match_rank("rq", "燃气公司", keys) == 0
    assert match_rank("RanQi", "燃气公司", keys) == 0
    assert match_rank("gs", "燃气公司", keys) == 1
    assert match_rank("公司", "燃气公司", keys) == 1
    assert match_rank("hw", "燃气公司", keys) is None


def test_picker_finds_by_pinyin_and_shows_load(qtbot: QtBot, ctx: AppContext) -> None:
    apply(ctx.db, registered(ctx.db, "0401"), Action.DISPATCH, Request(department="燃气公司"))
    late = registered(ctx.db, "0401", hours_ago=5)
    apply(
        ctx.db,
        late,
        Action.DISPATCH,
        Request(department="燃气公司"),
        now=utcnow() - timedelta(hours=4),
    )
    from db.reference.departments import active_departments

    with ctx.db.read() as s:
        departments = active_departments(s)
    picker = DepartmentPicker(departments, ctx=ctx)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.loads_shown, timeout=10_000):
        picker.show()
    for typed in ("rq", "ranqi", "燃气"):
        picker.search.setText(typed)
        assert picker.choice() is not None and picker.choice()[1] == "燃气公司"  # type: ignore[index]
    picker.search.clear()
    assert picker.load_text("燃气公司") == "在办 2 · 超期 1 · 按期 —"  # nothing closed: —
    assert picker.load_text("环卫所") == "在办 0 · 超期 0 · 按期 —"


def test_dispatch_note_goes_into_the_history_and_is_checked(street: Database) -> None:
    number = registered(street, "0401")
    with pytest.raises(ValidationError, match="派遣意见过长"):
        dispatch(street, [number], "燃气公司", note="查" * 2001)
    assert [a for a, _, _ in history(street, number)] == ["report", "register"]
    outcome = dispatch(street, [number], "燃气公司", note="  先关总阀，注意明火  ")
    assert [r.number for r in outcome.done] == [number] and not outcome.failed
    assert history(street, number)[-1] == ("dispatch", "先关总阀，注意明火", "燃气公司")
    with street.read() as s:
        assert case_detail(s, number).dispatch_note == "先关总阀，注意明火"
    apply(street, number, Action.RECALL)  # taken back: with no department, no note
    with street.read() as s:
        assert case_detail(s, number).dispatch_note == ""


def test_keyboard_dispatch_by_pinyin_in_four_keys_and_with_a_note(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    first, second = registered(street, "0101", hours_ago=1), registered(street, "0101")
    page.queue.filters.tabs.setCurrentIndex(1)  # 待派遣
    assert sorted(settle(qtbot, page)) == sorted([first, second])
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=5000)
    keys = 0

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal keys
        keys += 1
        target = QApplication.focusWidget()
        assert target is not None
        qtbot.keyClick(target, k, mods)

    def select(number: str) -> None:
        row = settle(qtbot, page).index(number)
        page.activateWindow()  # the offscreen platform does not hand it back from the picker
        qtbot.waitUntil(page.isActiveWindow, timeout=5000)
        page.queue.table.setFocus()
        page.queue.table.selectRow(row)

    select(first)
    key(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    picker = page.queue.picker
    assert picker is not None
    qtbot.waitUntil(picker.search.hasFocus, timeout=5000)
    key(Qt.Key.Key_R)
    key(Qt.Key.Key_Q)
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        key(Qt.Key.Key_Return)
    assert keys == 4
    assert history(street, first)[-1] == ("dispatch", "", "燃气公司")

    qtbot.waitUntil(lambda: settle(qtbot, page) == [second], timeout=10_000)
    select(second)
    key(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    picker = page.queue.picker
    assert picker is not None
    qtbot.waitUntil(picker.search.hasFocus, timeout=5000)
    for k in (Qt.Key.Key_R, Qt.Key.Key_Q, Qt.Key.Key_Tab):
        key(k)
    assert picker.note.hasFocus()
    picker.note.insertPlainText("先关总阀")  # what an input method delivers
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert history(street, second)[-1] == ("dispatch", "先关总阀", "燃气公司")
    # The case pane's history shows it (the case has left the 待派遣 tab: open it there).
    assert settle(qtbot, page) == []
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        page.detail.show_case(second)
    assert any("先关总阀" in label.text() for label in page.detail.history_entries)
    # …and beside the department, as what the department was told.
    assert page.detail.detail is not None and page.detail.detail.dispatch_note == "先关总阀"
    texts = [label.text() for label in page.detail.findChildren(QLabel)]
    assert texts[texts.index("派遣意见") + 1] == "先关总阀"
    # Undone and redone, the dispatch keeps its note.
    stack = page.ctx.undo_stack
    assert second in stack.undoText() and "燃气公司" in stack.undoText()
    with qtbot.waitSignal(page.dispatcher.undone, timeout=10_000):
        stack.undo()
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        stack.redo()
    assert [h[:2] for h in history(street, second)[-3:]] == [
        ("dispatch", "先关总阀"),
        ("recall", ""),
        ("dispatch", "先关总阀"),
    ]

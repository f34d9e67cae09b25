"""The case detail pane: every field, masked phone, photos, history, deadlines, live refresh."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import Photo, report_case
from db.cases.states import Action, Source, allowed_actions
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models.base import utcnow
from desktop.cases.case_detail import CaseDetailPane, CaseWindow, open_case_window
from desktop.cases.photo_viewer import PhotoViewer
from desktop.core.context import AppContext
from tests.street import GRID_A1

PHONE = "13812345678"


def png_bytes(width: int = 320, height: int = 240) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def new_case(db: Database, **kwargs: object) -> str:
    values: dict[str, object] = {
        "grid_code": GRID_A1,
        "category_code": "0101",
        "description": "明山路12号楼下堆放生活垃圾，无人清运",
        "address": "明山路12号",
        "reporter_name": "王丽",
        "reporter_phone": PHONE,
        "source": Source.HOTLINE,
    }
    values.update(kwargs)
    return report_case(db, **values)


def shown_texts(pane: CaseDetailPane) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel) if label.isVisibleTo(pane)]


def show(qtbot: QtBot, pane: CaseDetailPane, number: str) -> None:
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_case(number)


def test_empty_state_without_a_case(qtbot: QtBot, ctx: AppContext) -> None:
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    assert pane.stack.currentWidget() is pane.empty_label
    assert "选择一个案件" in pane.empty_label.text()


def test_shows_every_field_with_the_phone_masked(qtbot: QtBot, ctx: AppContext) -> None:
    number = new_case(ctx.db, urgent=True, longitude=123.765432, latitude=41.298765)
    apply(ctx.db, number, Action.REGISTER)
    apply(ctx.db, number, Action.DISPATCH, Request(department="城管执法中队"))
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, number)
    texts = "\n".join(shown_texts(pane))
    assert number in texts
    assert "紧急" in texts
    assert "待受理" in texts  # status
    assert "市容环境 › 暴露垃圾" in texts
    assert "锦峪社区 · 第01网格" in texts
    assert "明山路12号" in texts
    assert "无人清运" in texts
    assert "138****5678" in texts
    assert PHONE not in texts
    assert "王*" in texts and "王丽" not in texts  # the name masked as in the queue
    assert "热线转办" in texts
    assert "城管执法中队" in texts  # department
    assert "环卫所" in texts  # the category's default department
    assert "123.765432, 41.298765" in texts
    assert "预警" in texts  # when the case turns amber
    # History: newest first, with who, from → to and the department.
    history = [label.text() for label in pane.history_entries]
    assert len(history) == 3
    assert "派遣" in history[0] and "待派遣 → 待受理" in history[0]
    assert "城管执法中队" in history[0]
    assert "上报" in history[2]
    # The running deadline counts down, in working time for 暴露垃圾 (a working-time category).
    assert pane.countdown_label is not None
    assert pane.countdown_label.text().startswith("工 剩 ")
    assert "工作时间" in pane.countdown_label.toolTip()
    # Exactly the actions the state allows.
    assert set(pane.action_buttons) == set(allowed_actions("dispatched"))


def test_markup_typed_by_a_citizen_is_shown_as_typed(qtbot: QtBot, ctx: AppContext) -> None:
    text = "<b>井盖</b> 丢失 <img src='x'> & 1<2"
    number = new_case(
        ctx.db, description=text, address="<i>明山路</i>12号", reporter_name="<u>王</u>"
    )
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, number)
    labels = [label for label in pane.findChildren(QLabel) if label.isVisibleTo(pane)]
    for typed in (text, "<i>明山路</i>12号"):
        label = next(lb for lb in labels if lb.text() == typed)
        assert label.textFormat() == Qt.TextFormat.PlainText
    # The reporter's name is masked (until revealed) and stays plain text.
    reporter = next(lb for lb in labels if lb.text().startswith("<******>"))
    assert reporter.textFormat() == Qt.TextFormat.PlainText


def test_overdue_deadline_is_marked(qtbot: QtBot, ctx: AppContext) -> None:
    number = new_case(ctx.db, now=utcnow() - timedelta(days=10))
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    show(qtbot, pane, number)
    assert pane.countdown_label is not None
    assert pane.countdown_label.text().startswith("超 ")
    assert pane.countdown_label.property("state") == "overdue"


def test_unknown_case_shows_the_message(qtbot: QtBot, ctx: AppContext) -> None:
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show_case("2099010100001")
    qtbot.waitUntil(lambda: "不存在" in pane.empty_label.text())
    assert pane.stack.currentWidget() is pane.empty_label


def test_photos_load_as_thumbnails_and_open_large(qtbot: QtBot, ctx: AppContext) -> None:
    number = new_case(
        ctx.db,
        photos=(Photo("a.png", "image/png", png_bytes()), Photo("b.png", "image/png", png_bytes())),
    )
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    show(qtbot, pane, number)
    assert len(pane.photo_buttons) == 2
    qtbot.waitUntil(lambda: all(not b.icon().isNull() for b in pane.photo_buttons.values()))
    first = next(iter(pane.photo_buttons.values()))
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    viewers = [w for w in QApplication.topLevelWidgets() if isinstance(w, PhotoViewer)]
    assert len(viewers) == 1
    viewer = viewers[0]
    qtbot.waitUntil(
        lambda: viewer.image_label.pixmap() is not None and not viewer.image_label.pixmap().isNull()
    )
    assert viewer.caption.text() == "a.png"
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.caption.text() == "b.png"
    viewer.close()


def test_refreshes_when_the_feed_names_the_case(qtbot: QtBot, ctx: AppContext) -> None:
    number = new_case(ctx.db)
    other = new_case(ctx.db)
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    show(qtbot, pane, number)
    assert pane.detail is not None and pane.detail.status == "reported"
    apply(ctx.db, number, Action.REGISTER)  # another workstation
    with qtbot.assertNotEmitted(pane.loaded, wait=0):
        ctx.feed.notify_local({pane.detail.id + 1000})  # another case: no reload
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        ctx.feed.notify_local({pane.detail.id})
    assert pane.detail.status == "registered"
    assert "待派遣" in "\n".join(shown_texts(pane))
    assert other


def test_live_feed_refreshes_the_pane(qtbot: QtBot, street: Database) -> None:
    context = AppContext.create(street, start_feed=True)
    try:
        qtbot.waitUntil(lambda: context.feed.state == "connected", timeout=10_000)
        number = new_case(street)
        pane = CaseDetailPane(context)
        qtbot.addWidget(pane)
        show(qtbot, pane, number)
        apply(street, number, Action.REGISTER)  # a write the pane did not make
        qtbot.waitUntil(
            lambda: pane.detail is not None and pane.detail.status == "registered",
            timeout=10_000,
        )
    finally:
        context.close()


def test_case_window_hosts_the_pane(qtbot: QtBot, ctx: AppContext) -> None:
    number = new_case(ctx.db)
    window = open_case_window(ctx, number)
    qtbot.addWidget(window)
    assert isinstance(window, CaseWindow)
    qtbot.waitUntil(lambda: window.pane.detail is not None)
    assert number in window.windowTitle()
    assert window.isVisible()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)


def test_fast_selection_changes_load_only_the_last_case(qtbot: QtBot, ctx: AppContext) -> None:
    numbers = [new_case(ctx.db) for _ in range(6)]
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    jobs: list[object] = []
    submit = ctx.tasks.submit

    def counting(job, on_done=None, on_error=None, *, owner):  # type: ignore[no-untyped-def]
        jobs.append(job)
        return submit(job, on_done, on_error, owner=owner)

    ctx.tasks.submit = counting  # type: ignore[method-assign]
    shown: list[str] = []
    pane.loaded.connect(shown.append)
    for number in numbers:  # like holding the down arrow in the queue
        pane.show_case(number)
    qtbot.waitUntil(lambda: ctx.tasks.is_idle() and bool(shown))
    assert shown == [numbers[-1]]
    assert pane.detail is not None and pane.detail.number == numbers[-1]
    assert len(jobs) == 2  # the first row's load, then the last one's


def test_reporter_is_revealed_with_a_reason_and_audited(
    qtbot: QtBot, ctx: AppContext, street: Database
) -> None:
    from db.models import AuditEntry
    from db.security.actors import Actor, Role

    number = new_case(ctx.db)
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, number)
    assert pane.reporter_label is not None and PHONE not in pane.reporter_label.text()
    assert pane.reporter_label.text().startswith("王*") and "王丽" not in pane.reporter_label.text()
    assert pane.reveal_button is not None
    qtbot.mouseClick(pane.reveal_button, Qt.MouseButton.LeftButton)
    asked = pane.reason_dialog
    assert asked is not None and asked.isVisible()
    asked.setTextValue("回访核实")  # type: ignore[attr-defined]
    asked.accept()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: PHONE in pane.reporter_label.text(), timeout=10_000)  # type: ignore[union-attr]
    assert "王丽" in pane.reporter_label.text() and "审计" in pane.reporter_label.text()
    with street.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "personal.reveal")).one()
        assert entry.object_id == number and (entry.details or {})["reason"] == "回访核实"
    # A leader (领导) may not see personal data: no button.
    leader = AppContext.create(street, Actor("boss", "李主任", Role.LEADER), start_feed=False)
    try:
        other = CaseDetailPane(leader)
        qtbot.addWidget(other)
        show(qtbot, other, number)
        assert other.reveal_button is None
    finally:
        leader.close()


def test_a_deadline_left_from_before_a_rework_is_not_shown(
    qtbot: QtBot, ctx: AppContext, street: Database
) -> None:
    from db.cases.queries import case_detail

    number = new_case(ctx.db)
    for action, request in (
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request(department="环卫所")),
        (Action.ACCEPT, Request()),
        (Action.FEEDBACK, Request()),
        (Action.REWORK, Request(reason="现场仍有垃圾")),
    ):
        apply(ctx.db, number, action, request)
    with street.read() as s:
        detail = case_detail(s, number)
    assert detail.status == "accepted" and detail.verify_due is not None  # the old cycle's
    old_verify = f"{detail.verify_due.astimezone(ctx.settings.tz):%Y-%m-%d %H:%M}"
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, number)
    texts = shown_texts(pane)
    assert old_verify not in texts  # void until the next 反馈 sets a new one
    assert pane.countdown_label is not None and pane.countdown_label.text().removeprefix(
        "工 "
    ).startswith("剩 ")

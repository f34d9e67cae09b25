"""来电登记 (issue 12, point 1): taking a call in the window, from the desk's Ctrl+N to the case
in the queue, and the checks `db.intake.calls.take_call` makes whoever calls it."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.cases.intake import MAX_PHOTO_BYTES, report_case
from db.cases.states import Source, Status
from db.clock import utcnow
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.intake.calls import CallForm, take_call
from db.intake.photos import GPS_IFD, check_photo
from db.models import Attachment, Case, Category, Grid
from db.reference.choices import Choice
from db.reference.settings_store import save_setting
from db.security.actors import Actor
from desktop.core.context import AppContext
from desktop.desk.desk_page import DeskPage
from desktop.intake.call_form import CallFormDialog
from tests.actors import DISPATCHER, LEADER, SECRETARY
from tests.street import GRID_B1

pytestmark = pytest.mark.usefixtures("settings_in_tmp")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHOTS = os.environ.get("GRIDDESK_TEST_SHOTS")  # a folder: save what the tests show
ADDRESS = "新明社区第01网格 明山路12号楼下"
TEXT = "楼下堆放垃圾没人收，味道很大"


def snap(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))  # type: ignore[attr-defined]


def photo_bytes(kind: str = "JPEG", *, gps: bool = True, size: tuple[int, int] = (80, 60)) -> bytes:
    """A real small picture; with `gps` its EXIF data carries a position (本溪)."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 17.0, 30.0), 3: "E", 4: (123.0, 46.0, 0.0)})
    out = io.BytesIO()
    image.save(out, kind, exif=exif)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(GPS_IFD))


def ids(db: Database, grid_code: str, category_code: str) -> tuple[int, int]:
    with db.read() as s:
        grid = s.scalar(select(Grid.id).where(Grid.code == grid_code))
        category = s.scalar(select(Category.id).where(Category.code == category_code))
        assert grid is not None and category is not None
        return grid, category


def counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Case)) or 0),
            int(s.scalar(select(func.count()).select_from(Attachment)) or 0),
        )


def form_for(db: Database, **changes: object) -> CallForm:
    grid_id, category_id = ids(db, GRID_B1, "0101")
    values: dict[str, object] = {
        "caller": "王女士",
        "phone": "13800138000",
        "channel": "来电",
        "address": ADDRESS,
        "description": TEXT,
        "grid_id": grid_id,
        "category_id": category_id,
    }
    values.update(changes)
    return CallForm(**values)  # type: ignore[arg-type]


# --- db: every field checked, nothing written on a refusal ---------------------------------------


def test_take_call_refuses_in_one_sentence_and_writes_nothing(street: Database) -> None:
    photo = check_photo("楼道.jpg", photo_bytes(), keep_location=True)
    refusals: list[tuple[dict[str, object], str]] = [
        ({"grid_id": None}, "请先确认或选择网格"),
        ({"category_id": None}, "请先确认或选择小类"),
        ({"address": "  "}, "请填写事发地址"),
        ({"description": ""}, "请填写问题描述"),
        ({"phone": ""}, "来电须填写联系电话"),
        ({"phone": "12345"}, "不是有效的手机号码"),
        ({"channel": "微信"}, "来源渠道「微信」无法识别"),
        ({"grid_id": 999_999}, "所选网格已不存在"),
        ({"photos": (photo,) * 10}, "最多附 9 张照片"),
    ]
    for changes, sentence in refusals:
        with pytest.raises(ValidationError, match=sentence):
            take_call(street, DISPATCHER, form_for(street, **({"photos": (photo,)} | changes)))
    # Photos are checked again in db: a text file dressed as a photo, or one too big.
    fake = photo.__class__("伪装.jpg", "image/jpeg", b"not an image", 1, 1, False, False)
    with pytest.raises(ValidationError, match="不是图片"):
        take_call(street, DISPATCHER, form_for(street, photos=(fake,)))
    big = photo.__class__(
        "大.jpg", "image/jpeg", photo.data + b"\0" * MAX_PHOTO_BYTES, 1, 1, False, False
    )
    with pytest.raises(ValidationError, match=r"超过 10\.0 MB"):
        take_call(street, DISPATCHER, form_for(street, photos=(big,)))
    # A role without case.report, and 立案 at once for a role that may report but not register.
    for actor in (LEADER, SECRETARY):
        with pytest.raises(PermissionDenied):
            take_call(street, actor, form_for(street))
    assert counts(street) == (0, 0)


def test_take_call_source_state_and_photo_location(street: Database) -> None:
    raw = photo_bytes()
    photo = check_photo("井盖.jpg", raw, keep_location=True)  # as a window that kept it would
    taken = take_call(street, DISPATCHER, form_for(street, urgent=True, photos=(photo,)))
    assert (taken.status, taken.photos, taken.locations_removed) == ("reported", 1, 1)
    at_once = take_call(
        street, DISPATCHER, form_for(street, channel="来访", phone="", register=True)
    )
    assert at_once.status == Status.REGISTERED.value
    with street.write() as s:
        save_setting(s, "photo_keep_location", True)
    kept = take_call(street, DISPATCHER, form_for(street, channel="12345", photos=(photo,)))
    with street.read() as s:
        rows = {c.number: c for c in s.scalars(select(Case))}
        first, second, third = rows[taken.number], rows[at_once.number], rows[kept.number]
        assert (first.source, first.urgent, first.reporter_phone) == ("call", True, "13800138000")
        assert (second.source, second.status) == (Source.VISIT.value, "registered")
        assert third.source == Source.HOTLINE.value
        stored = {a.case_id: bytes(a.data) for a in s.scalars(select(Attachment))}
    assert not has_gps(stored[taken.case_id])  # the center's default: the position goes
    assert has_gps(stored[kept.case_id])  # kept once the center allows it
    with pytest.raises(ValidationError, match="应为 是 或 否"), street.write() as s:
        save_setting(s, "photo_keep_location", "yes")


# --- the window ----------------------------------------------------------------------------------


@pytest.fixture
def desk(qtbot: QtBot, street: Database, make_ctx: Callable[..., AppContext]) -> Iterator[DeskPage]:
    page = DeskPage(make_ctx(street, DISPATCHER))
    qtbot.addWidget(page)
    page.resize(1600, 900)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    yield page
    page.close()


def open_form(qtbot: QtBot, page: DeskPage) -> CallFormDialog:
    page.queue.table.setFocus()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_N, CTRL)
    form = page.call_form
    assert form is not None and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: bool(form.lists.grids), timeout=5000)
    return form


def type_in(widget: QWidget, text: str) -> None:
    """Type as a dispatcher does: Chinese arrives from the input method as committed words
    (QTest types ASCII only), one word at a time, so the form sees every change."""
    widget.setFocus()
    for word in text.split(" "):
        event = QInputMethodEvent()
        event.setCommitString(word + " " if word != text.split(" ")[-1] else word)
        QApplication.sendEvent(widget, event)


def row_with(model: object, code: str) -> int:
    rows = model.rows  # type: ignore[attr-defined]
    return next(i for i, choice in enumerate(rows) if choice.code == code)


def test_call_taken_from_the_keyboard(
    qtbot: QtBot, street: Database, desk: DeskPage, tmp_path: Path, qtmodeltester: object
) -> None:
    earlier = report_case(
        street,
        grid_code=GRID_B1,
        category_code="0101",
        description="垃圾堆在楼下",
        address="明山路12号",
        now=utcnow() - timedelta(hours=3),
    )
    form = open_form(qtbot, desk)
    snap(form, "call_form_empty.png")
    assert not form.save_button.isEnabled()
    type_in(form.caller_edit, "王女士")
    qtbot.keyClicks(form.phone_edit, "13800138000")
    type_in(form.address_edit, ADDRESS)
    type_in(form.description_edit, TEXT)
    # Proposals come from the database worker once typing stops; each says why.
    qtbot.waitUntil(
        lambda: (
            form.is_current()
            and form.grid_model.rowCount() > 0
            and form.category_model.rowCount() > 0
        ),
        timeout=10_000,
    )
    assert all(form.grid_model.text(r, 1) for r in range(form.grid_model.rowCount()))
    # A stray Esc during the call loses nothing: the form asks, and Esc again keeps it.
    qtbot.keyClick(form.description_edit, Qt.Key.Key_Escape)
    box = form.discard_box
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert form.discard_box is None and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    assert form.grid is None and form.category is None  # nothing taken silently
    # Saving waits for both confirmations: one sentence, nothing written.
    qtbot.keyClick(form.description_edit, Qt.Key.Key_Return, CTRL)
    assert "请先确认网格" in form.message.text()
    assert counts(street) == (1, 0)

    grid_row = row_with(form.grid_model, GRID_B1)
    qtbot.keyClick(form.description_edit, Qt.Key.Key_1 + grid_row, ALT)
    category_row = row_with(form.category_model, "0101")
    qtbot.keyClick(form.description_edit, Qt.Key.Key_1 + category_row, CTRL)
    assert form.grid is not None and form.grid.code == GRID_B1
    assert form.category is not None and form.category.code == "0101"
    assert form.save_button.isEnabled()
    # The report of three hours ago in the same grid and 小类 shows as a possible duplicate.
    qtbot.waitUntil(
        lambda: (
            form.is_current()
            and earlier
            in [form.duplicate_model.text(r, 0) for r in range(form.duplicate_model.rowCount())]
        ),
        timeout=10_000,
    )
    assert "件" in form.duplicate_title.text()
    view = form.open_duplicate(0)
    assert view is not None
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    assert view.detail is not None and view.detail.number == earlier
    view.close()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    for model in (form.grid_model, form.category_model, form.duplicate_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    snap(form, "call_form_suggestions.png")

    # Photos: one chosen (a JPEG with a GPS position), one dropped (a PNG); a text file
    # named .png and a photo over 10 MB are refused and leave the list as it was.
    jpeg = tmp_path / "井盖.jpg"
    jpeg.write_bytes(photo_bytes())
    png = tmp_path / "现场.png"
    png.write_bytes(photo_bytes("PNG", gps=False, size=(60, 90)))
    fake = tmp_path / "说明.png"
    fake.write_text("这不是图片", encoding="utf-8")
    big = tmp_path / "大图.jpg"
    big.write_bytes(photo_bytes() + b"\0" * MAX_PHOTO_BYTES)
    form.choose_photos([jpeg])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    form.dropEvent(
        QDropEvent(
            QPointF(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    qtbot.waitUntil(
        lambda: form.photo_list.count() == 2 and not form.pending_photos, timeout=10_000
    )
    for refused, sentence in ((fake, "不是图片"), (big, "超过")):
        form.choose_photos([refused])
        qtbot.waitUntil(lambda: not form.pending_photos, timeout=10_000)
        assert sentence in form.photo_message.text()
        assert form.photo_list.count() == 2
    snap(form, "call_form_photos.png")

    with qtbot.waitSignal(form.case_taken, timeout=10_000) as saved:
        qtbot.keyClick(form.description_edit, Qt.Key.Key_Return, CTRL)
    taken = saved.args[0]
    with street.read() as s:
        case = s.scalars(select(Case).where(Case.number == taken.number)).one()
        assert (case.status, case.source) == (Status.REPORTED.value, Source.CALL.value)
        assert (case.grid.code, case.category.code) == (GRID_B1, "0101")
        assert (case.reporter_name, case.reporter_phone) == ("王女士", "13800138000")
        assert (case.address, case.description) == (ADDRESS, TEXT)
        photos = sorted(
            s.scalars(select(Attachment).where(Attachment.case_id == case.id)),
            key=lambda a: a.filename,
        )
        assert [(p.filename, p.content_type) for p in photos] == [
            ("井盖.jpg", "image/jpeg"),
            ("现场.png", "image/png"),
        ]
        assert not has_gps(bytes(photos[0].data))  # the center's default
    # The desk selects the new case and says its number.
    queue = desk.queue

    def selected() -> str | None:
        found = queue.model.case_row(queue.table.currentIndex().row())
        return found.number if found is not None else None

    qtbot.waitUntil(lambda: selected() == taken.number, timeout=10_000)
    assert desk.toast.isVisible() and taken.number in desk.toast.text()
    assert "已去除 1 张照片的拍摄位置" in desk.toast.text()


def test_register_at_once_and_pickers(
    qtbot: QtBot, street: Database, desk: DeskPage, qtmodeltester: object
) -> None:
    form = open_form(qtbot, desk)
    form.channel_combo.setCurrentIndex(form.channel_combo.findData("巡查发现"))
    # An answer for text typed over meanwhile is dropped: only the last one is shown.
    shown: list[int] = []
    form.category_model.modelReset.connect(lambda: shown.append(form.category_model.rowCount()))
    type_in(form.description_edit, "楼下堆放垃圾")
    form.ask()
    form.description_edit.clear()
    form.ask()
    qtbot.waitUntil(lambda: form.is_current() and desk.ctx.tasks.is_idle(), timeout=10_000)
    assert shown == [0]
    type_in(form.address_edit, "明山路3号")
    type_in(form.description_edit, "井盖缺失")
    # F3 / F4: pick by pinyin initials, Enter takes the highlighted row.
    qtbot.keyClick(form.description_edit, Qt.Key.Key_F3)
    picker = form.picker
    qtbot.keyClicks(picker.search, "xmsq")  # 新明社区
    assert picker.model.rowCount() >= 1
    assert all(r.name.startswith("新明社区") for r in picker.model.rows)
    qtmodeltester.check(picker.model)  # type: ignore[attr-defined]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert form.grid is not None and form.grid.name.startswith("新明社区")
    qtbot.keyClick(form.description_edit, Qt.Key.Key_F4)
    picker = form.picker
    qtbot.keyClicks(picker.search, "jgqs")  # 井盖缺失
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert form.category is not None and form.category.name == "井盖缺失"
    with qtbot.waitSignal(form.case_taken, timeout=10_000) as saved:
        qtbot.keyClick(
            form.description_edit, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier
        )
    taken = saved.args[0]
    assert taken.status == Status.REGISTERED.value
    with street.read() as s:
        case = s.scalars(select(Case).where(Case.number == taken.number)).one()
        assert (case.status, case.source, case.reporter_phone) == ("registered", "patrol", "")


@pytest.mark.parametrize("actor", [LEADER, SECRETARY])
def test_role_without_case_report_gets_no_form(
    qtbot: QtBot, street: Database, make_ctx: Callable[..., AppContext], actor: Actor
) -> None:
    page = DeskPage(make_ctx(street, actor))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.queue.table.setFocus()
    qtbot.keyClick(page.queue.table, Qt.Key.Key_N, CTRL)
    assert page.call_form is None
    assert "不能登记来电" in page.toast.text()
    page.close()


def _readable(label: QLabel) -> bool:
    """The whole text of `label` is shown: on one line, or wrapped within its height."""
    if label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width():
        return True
    return label.wordWrap() and label.heightForWidth(label.width()) <= label.height()


def test_confirmed_grid_and_category_are_shown_whole(
    qtbot: QtBot, street: Database, desk: DeskPage
) -> None:
    """The confirmed grid's name and code (what the case will be filed under) is never cut
    off, however long the grid's name."""
    form = open_form(qtbot, desk)
    with street.read() as s:
        grid = s.scalars(select(Grid).where(Grid.code == GRID_B1)).one()
        category = s.scalars(select(Category).order_by(Category.id)).first()
        assert category is not None
        grid_id, category_id, category_code = grid.id, category.id, category.code
    long_grid = "东明社区第01网格（明秀小区西区及工人街沿街商铺）"
    long_category = "配电箱、电缆分支箱箱门敞开或缺失"
    form.choose(
        Choice(GRID_B1, long_grid, 1.0, "", id=grid_id),
        Choice(category_code, long_category, 1.0, "", id=category_id),
    )
    qtbot.waitUntil(lambda: form.is_current() and desk.ctx.tasks.is_idle(), timeout=10_000)
    assert GRID_B1 in form.grid_chosen.text() and long_grid in form.grid_chosen.text()
    qtbot.waitUntil(lambda: _readable(form.grid_chosen) and _readable(form.category_chosen))

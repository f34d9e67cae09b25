"""查重比较 in the window: the queue's 疑似重复 marker, Ctrl+Shift+M opens the side-by-side
comparison (loaded off the GUI thread), 不是重复 and 合并到此案 write through `db`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import Photo
from db.cases.queries import case_detail
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case
from desktop.cases.case_detail import CaseDetailPane
from desktop.cases.duplicates_dialog import DuplicatesDialog
from desktop.common.rows_model import DISPLAY, FOREGROUND, TOOLTIP
from desktop.core.context import AppContext
from desktop.desk.desk_page import DeskPage
from desktop.desk.queue_columns import COL_DESCRIPTION, COL_NUMBER
from tests.test_case_detail import png_bytes
from tests.test_desk_page import click_tab, make_page, report, settle

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


@pytest.fixture
def page(qtbot: QtBot, street: Database) -> Iterator[DeskPage]:
    yield from make_page(qtbot, street)


def test_marker_comparison_not_duplicate_and_merge(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    first = report(
        street,
        "5101",
        hours_ago=3,
        description="紫金路149号门口井盖没了，晚上很危险",
        address="紫金路149号",
        reporter_name="王建国",
        photos=(Photo("井盖.png", "image/png", png_bytes()),),
    )
    second = report(
        street, "5101", hours_ago=2, description="紫金路149号井盖丢了", address="紫金路149号"
    )
    new = report(
        street,
        "5101",
        hours_ago=1,
        description="紫金路149号这里马葫芦盖没了，小孩差点掉下去",
        address="紫金路一百四十九号门口",
        reporter_name="李女士",
    )
    page.queue.model.refresh(None)
    click_tab(qtbot, page, "待立案")
    settle(qtbot, page)
    model = page.queue.model
    numbers = [model.index(r, COL_NUMBER).data(DISPLAY) for r in range(model.rowCount())]
    assert new in numbers, (numbers, new)
    row = numbers.index(new)
    cell = model.index(row, COL_DESCRIPTION)
    assert str(cell.data(DISPLAY)).startswith("【疑似重复】")
    assert "2 件相似案件" in str(cell.data(TOOLTIP)) and cell.data(FOREGROUND) is not None
    first_row = next(
        r for r in range(model.rowCount()) if model.index(r, COL_NUMBER).data(DISPLAY) == first
    )
    assert not str(model.index(first_row, COL_DESCRIPTION).data(DISPLAY)).startswith("【")

    page.queue.table.selectRow(row)
    page.queue.table.setFocus()
    qtbot.keyClick(
        page.queue.table,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.queue.duplicates_dialog is not None, timeout=5000)
    dialog = page.queue.duplicates_dialog
    assert isinstance(dialog, DuplicatesDialog)
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=10_000)
    assert dialog.list.count() == 2
    listed = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert set(listed) == {first, second}
    dialog.list.setCurrentRow(listed.index(first))
    assert dialog.case_panel is not None and dialog.candidate_panel is not None
    assert "马葫芦" in dialog.case_panel.description.text()
    assert "井盖没了" in dialog.candidate_panel.description.text()
    assert "王*" in dialog.candidate_panel.reporters.text()  # masked
    assert len(dialog.candidate_panel.thumbnails) == 1
    assert dialog.candidate_panel.thumbnails[0].pixmap() is not None
    assert dialog.merge_here.isEnabled() and dialog.merge_there.isEnabled()

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.not_duplicate, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).data(Qt.ItemDataRole.UserRole) == second

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.merge_here, Qt.MouseButton.LeftButton)
    with street.read() as s:
        merged = s.scalars(select(Case).where(Case.number == second)).one()
        main_id = s.scalar(select(Case.id).where(Case.number == new))
        assert merged.status == "merged" and merged.merged_into_id == main_id
    assert dialog.case_panel is not None
    assert second in dialog.case_panel.reporters.text()
    dialog.close()


def test_case_pane_lists_every_reporter_and_calls_each_back(
    qtbot: QtBot, street: Database, ctx: AppContext
) -> None:
    main = report(
        street, "5101", description="井盖没了", address="紫金路149号", reporter_name="王建国"
    )
    dup = report(
        street, "5101", description="井盖丢了", address="紫金路149号", reporter_name="李女士"
    )
    apply(street, dup, Action.MERGE, Request(into=main))
    for action in (Action.REGISTER, Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK, Action.VERIFY):
        apply(street, main, action)
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_case(main)
    texts = [label.text() for label in pane.findChildren(QLabel)]
    assert any(dup in t and "2 次" in t for t in texts)  # 报告数 with the merged case
    section = pane.reporter_callbacks
    assert section is not None and len(section.buttons) == 1
    (reporter_id,) = section.buttons
    section.choices[reporter_id].setCurrentIndex(1)  # 基本满意
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.mouseClick(section.buttons[reporter_id], Qt.MouseButton.LeftButton)
    with street.read() as s:
        reporters = case_detail(s, main).reporters
    assert reporters[1].satisfaction_label == "基本满意" and reporters[1].callback_at is not None
    assert pane.reporter_callbacks is not None and not pane.reporter_callbacks.buttons

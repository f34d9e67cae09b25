"""The dispatch picker names the suggested department (db.intake.classify) with its load, puts
it first and chooses it, fetched off the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import apply
from db.engine import Database
from desktop.core.context import AppContext
from desktop.desk.desk_page import DeskPage
from desktop.desk.queue_columns import COL_NUMBER
from tests.street import GRID_A1
from tests.test_desk_drag_picker import history

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


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


def test_picker_suggests_the_department_with_its_load(
    qtbot: QtBot, street: Database, page: DeskPage
) -> None:
    number = report_case(street, grid_code=GRID_A1, category_code="5109", description="路灯不亮")
    apply(street, number, Action.REGISTER)
    page.queue.filters.tabs.setCurrentIndex(1)  # 待派遣
    model = page.queue.model
    qtbot.waitUntil(
        lambda: model.has_all_ids() and not model.is_loading() and model.rowCount() == 1,
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: page.queue.filters.options is not None, timeout=5000)
    assert model.index(0, COL_NUMBER).data() == number
    page.queue.table.setFocus()
    page.queue.table.selectRow(0)
    picker = page.queue.pick_department()
    assert picker is not None
    # no closed 路灯不亮 yet: the 小类's default department, with its load once known
    qtbot.waitUntil(lambda: "当前在办" in picker.suggestion_text(), timeout=10_000)
    assert picker.suggestion_text() == (
        "建议派遣：路灯管理所（该小类的默认处置部门）；当前在办 0 件，超期 0 件"
    )
    item = picker.list.item(0)
    assert item.text() == "路灯管理所（默认部门）（建议）"
    assert picker.choice() == (item.data(Qt.ItemDataRole.UserRole), "路灯管理所")
    with qtbot.waitSignal(page.dispatcher.dispatched, timeout=10_000):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert history(street, number)[-1] == ("dispatch", "", "路灯管理所")

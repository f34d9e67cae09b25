"""The 待定位 tray in the window: the desk's 待定位 (N) button appears once an import leaves
orders to place, the tray shows an order's words and suggestions, 确认 (Ctrl+Enter) makes the
case and 作废 (Ctrl+Delete, with a reason) drops the order; the count follows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.intake.hotline import (
    apply_hotline_import,
    confirm_pending,
    list_pending,
    plan_hotline_import,
)
from db.models import Case, HotlinePending
from db.reference.settings_store import load_settings
from desktop.core.context import AppContext
from desktop.desk.desk_page import DeskPage
from desktop.returns.reports_page import ReportsPage
from reports.period import parse_period
from tests.actors import DISPATCHER, SHIFT_LEAD
from tests.hotline_export import write_hotline_export
from tests.street import GRID_B1


def test_tray_confirms_one_drops_one_and_the_count_follows(
    qtbot: QtBot,
    street: Database,
    tmp_path: Path,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: ModelTester,
) -> None:
    ctx = make_ctx(street, DISPATCHER)
    page = DeskPage(ctx)
    qtbot.addWidget(page)
    page.resize(1600, 900)
    page.show()
    button = page.pending_button
    assert button is not None
    qtbot.waitUntil(lambda: button.count == 0 and not button.isVisible(), timeout=10_000)

    path = write_hotline_export(tmp_path / "12345.xlsx", 6)
    apply_hotline_import(street, plan_hotline_import(street, path), DISPATCHER)
    waiting = len(list_pending(street))
    assert waiting >= 3  # this street has no gazetteer: most addresses cannot be placed
    button.recount()
    qtbot.waitUntil(lambda: button.isVisible(), timeout=10_000)
    assert button.text() == f"待定位 ({waiting})"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    tray = button.tray
    assert tray is not None
    qtbot.waitUntil(lambda: tray.model.rowCount() == waiting, timeout=10_000)
    qtmodeltester.check(tray.model)
    first = tray.current()
    assert first is not None
    assert tray.words.toPlainText() == first.description
    assert tray.address.text() == (first.address or "（无地址）")
    assert tray.reason.text() == first.reason
    if first.categories:  # suggestions shown with their reasons, the best one preset
        assert first.categories[0].why in tray.category_hints.item(0).text()
        assert tray.picked(tray.category_pick) == first.categories[0].code
    # Keyboard: pick a grid and a 小类, then Ctrl+Enter.
    tray.grid_pick.setCurrentIndex(tray.grid_pick.findData(GRID_B1))
    tray.category_pick.setCurrentIndex(tray.category_pick.findData("0101"))
    tray.table.setFocus()
    qtbot.keyClick(tray.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tray.model.rowCount() == waiting - 1, timeout=10_000)
    qtbot.waitUntil(lambda: button.text() == f"待定位 ({waiting - 1})", timeout=10_000)
    assert "已立为案件" in tray.status.text()
    with street.read() as s:
        case = s.scalar(select(Case).where(Case.description == first.description))
        assert case is not None and case.source == "hotline" and case.status == "reported"

    second = tray.current()
    assert second is not None and second.work_order != first.work_order
    qtbot.keyClick(tray.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    dialog = tray.findChild(QInputDialog, "pendingDropReason")
    assert dialog is not None
    dialog.setTextValue("重复来电")
    dialog.accept()
    qtbot.waitUntil(lambda: tray.model.rowCount() == waiting - 2, timeout=10_000)
    qtbot.waitUntil(lambda: button.text() == f"待定位 ({waiting - 2})", timeout=10_000)
    with street.read() as s:
        dropped = s.scalar(select(HotlinePending).where(HotlinePending.id == second.id))
        assert dropped is not None and dropped.status == "dropped"
        assert dropped.drop_reason == "重复来电"
    tray.close()
    page.close()


def test_returns_page_exports_the_hotline_reply(
    qtbot: QtBot, street: Database, tmp_path: Path, make_ctx: Callable[..., AppContext]
) -> None:
    path = write_hotline_export(tmp_path / "12345.xlsx", 2)
    apply_hotline_import(street, plan_hotline_import(street, path), DISPATCHER)
    order = list_pending(street)[0]
    number = confirm_pending(street, order.id, GRID_B1, "0101", DISPATCHER)
    with street.read() as s:
        tz = load_settings(s).tz
    t = datetime(2026, 11, 24, 9, 0, tzinfo=tz)
    apply(street, number, Action.SELF_RESOLVE, Request(reason="社区已清理"), now=t)
    page = ReportsPage(make_ctx(street, SHIFT_LEAD))
    qtbot.addWidget(page)
    page.set_period(parse_period("2026-11"))
    out = tmp_path / "回复.xlsx"
    with qtbot.waitSignal(page.export_finished, timeout=20_000) as signal:
        page.export_hotline_reply(out)
    assert signal.args == [True, str(out)]
    ws = load_workbook(out).active
    assert ws is not None
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[1][:2] == (order.work_order, "已办结（社区自办）")
    assert rows[1][3:] == ("社区已清理", "未回访")
    assert "1 件" in page.status.text()

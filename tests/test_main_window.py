"""The main window: pages, keyboard switching, status bar (database, feed, user), saved state,
and what the pages tell each other through it."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.security.actors import Role
from desktop.admin.settings_page import SettingsPage
from desktop.core.context import AppContext
from desktop.shell.main_window import MainWindow
from tests.actors import ADMIN
from tests.actors import DISPATCHER as LI_MING

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


@pytest.fixture
def ctx(role_ctx: Callable[[Role], AppContext]) -> AppContext:
    """The dispatcher 李明."""
    return role_ctx(Role.DISPATCHER)


def make_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_starts_with_five_pages(qtbot: QtBot, ctx: AppContext) -> None:
    window = make_window(qtbot, ctx)
    assert window.windowTitle() == f"网格指挥调度台 — {ctx.settings.center_name}"
    assert [b.text() for b in window.rail.buttons] == ["调度台", "人员", "报表", "统计", "设置"]
    assert window.stack.count() == 5
    assert window.current_page == 0
    assert window.rail.buttons[0].isChecked()
    assert all(not b.icon().isNull() for b in window.rail.buttons)


def test_rail_and_keyboard_switch_pages(qtbot: QtBot, ctx: AppContext) -> None:
    window = make_window(qtbot, ctx)
    qtbot.mouseClick(window.rail.buttons[4], Qt.MouseButton.LeftButton)
    assert window.current_page == 4
    assert isinstance(window.stack.currentWidget(), SettingsPage)
    with qtbot.waitActive(window):
        window.activateWindow()
    # The dispatcher has no 人员 (roster.read): Ctrl+1… number the pages shown.
    for key, page in ((Qt.Key.Key_2, 2), (Qt.Key.Key_3, 3), (Qt.Key.Key_1, 0)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page == page
        assert window.rail.buttons[page].isChecked()


def test_people_entry_hidden_from_a_role_without_rosters(
    qtbot: QtBot, role_ctx: Callable[[Role], AppContext]
) -> None:
    window = make_window(qtbot, role_ctx(Role.DISPATCHER))
    people = window.rail.buttons[1]
    assert not people.isVisible()
    assert [b.isVisible() for b in window.rail.buttons] == [True, False, True, True, True]
    assert window.rail.buttons[2].toolTip() == "报表（Ctrl+2）"
    window.show_page(1)  # not even by a saved page or a stray call
    assert window.current_page == 0
    secretary = make_window(qtbot, role_ctx(Role.SECRETARY))
    assert secretary.rail.buttons[1].isVisible()
    with qtbot.waitActive(secretary):
        secretary.activateWindow()
    qtbot.keyClick(secretary, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert secretary.current_page == 1


def test_first_start_opens_maximized_with_the_board_fitted(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)  # no saved geometry (settings in a temporary folder)
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.setWindowState(Qt.WindowState.WindowNoState)  # offscreen "screen" is small
    window.resize(1920, 1080)
    window.show()
    board = window.desk_page.board
    qtbot.waitUntil(lambda: len(board.cards) > 4)
    qtbot.waitUntil(lambda: board.scroll_area.viewport().width() > 900)
    rows = {card.y() for card in board.cards.values()}
    assert len(rows) < len(board.cards) / 3  # several cards a row, not one card per row


def test_status_bar_shows_database_feed_and_user(qtbot: QtBot, ctx: AppContext) -> None:
    window = make_window(qtbot, ctx)
    if ctx.db.is_sqlite:
        assert window.db_label.text() == "数据库：本机 SQLite"
    else:
        assert window.db_label.text() == "数据库：PostgreSQL 127.0.0.1"
    assert window.db_label.isVisible()
    assert window.user_label.text() == "调度员 李明"
    assert window.feed_label.text() == "实时：未连接"  # this context has no feed running
    ctx.feed._deliver_state("reconnecting")
    assert window.feed_label.text() == "实时：重连中…"
    assert window.feed_label.property("state") == "reconnecting"
    ctx.notify("新案件 +3（1 紧急）")
    assert window.statusBar().currentMessage() == "新案件 +3（1 紧急）"


def test_live_feed_state_is_shown(qtbot: QtBot, street: Database) -> None:
    context = AppContext.create(street, LI_MING, start_feed=True)
    try:
        window = make_window(qtbot, context)
        qtbot.waitUntil(lambda: window.feed_label.text() == "实时：已连接", timeout=10_000)
        context.feed.stop()
        assert window.feed_label.text() == "实时：未连接"
    finally:
        context.close()


def test_worker_failures_reach_the_status_bar(qtbot: QtBot, ctx: AppContext) -> None:
    from db.errors import ValidationError

    window = make_window(qtbot, ctx)

    def job(_db: Database) -> None:
        raise ValidationError("预警比例应在 0 与 1 之间（例如 0.8）")

    ctx.tasks.submit(job, owner=ctx.tasks)
    qtbot.waitUntil(lambda: "预警比例" in window.statusBar().currentMessage())


def test_window_state_and_page_are_kept(
    qtbot: QtBot, ctx: AppContext, settings_in_tmp: Path
) -> None:
    window = make_window(qtbot, ctx)
    window.resize(1200, 700)
    saved = window.size()
    window.show_page(2)
    window.close()
    ini = settings_in_tmp / "GridDeskTest" / "griddesk-test.ini"
    assert ini.exists()
    assert "page=2" in ini.read_text()
    again = make_window(qtbot, ctx)
    assert again.current_page == 2
    # The offscreen screen is narrow, so restoreGeometry clamps the width; the height is kept.
    assert again.height() == saved.height() == 700
    assert "geometry=" in ini.read_text()


def test_busy_indicator_shows_while_the_worker_runs(qtbot: QtBot, ctx: AppContext) -> None:
    import threading

    window = make_window(qtbot, ctx)
    qtbot.waitUntil(ctx.tasks.is_idle)
    assert not window.busy.isVisible()
    release = threading.Event()
    ctx.tasks.submit(lambda _db: release.wait(10), owner=ctx.tasks)
    assert window.busy.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.busy.isVisible())


def test_a_statistics_click_opens_those_cases_on_the_desk(qtbot: QtBot, ctx: AppContext) -> None:
    from db.models import Community
    from tests.street import COMMUNITY_B

    window = make_window(qtbot, ctx)
    window.show_page(3)
    queue = window.desk_page.queue
    qtbot.waitUntil(lambda: queue.filters.community.count() > 2, timeout=10_000)
    with ctx.db.read() as s:
        from sqlalchemy import select

        community_b = s.scalar(select(Community.id).where(Community.code == COMMUNITY_B))
    request = dict.fromkeys(
        ("grid_id", "major_id", "category_id", "department_id", "source", "from", "to")
    )
    request |= {"community_id": community_b, "open_only": True, "alert_only": False}
    window.stats_page.open_cases_requested.emit(request)
    assert window.current_page == 0
    assert window.rail.buttons[0].isChecked()
    assert queue.filters.community.currentData() == community_b
    assert queue.filters.chip.isVisible()


def test_administrator_backs_up_and_restores_from_settings(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from db.cases.intake import report_case
    from db.database import open_database
    from db.maintenance.backup import BackupInfo
    from db.models import Case
    from desktop.admin.audit_viewer import load_audit_rows
    from tests.street import GRID_A1, build_street

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the backup folder
    db = open_database(str(tmp_path / "center.sqlite"))
    build_street(db)
    report_case(db, grid_code=GRID_A1, category_code="0101", description="备份前的案件")
    context = AppContext.create(db, ADMIN, start_feed=False)
    try:
        window = make_window(qtbot, context)
        page = window.settings_page
        assert page.backup_button.isEnabled() and page.audit_button.isEnabled()
        target = tmp_path / "copies" / "before.sqlite"
        target.parent.mkdir()  # a backup writes into an existing folder only
        page.backup_now(target)
        qtbot.waitUntil(lambda: "已备份到" in page.backup_message.text(), timeout=20_000)
        assert target.exists() and "1 件案件" in page.backup_message.text()

        # A file that is not a backup is refused in one sentence, nothing replaced.
        junk = tmp_path / "notes.sqlite"
        junk.write_text("not a database", encoding="utf-8")
        page.restore_from(junk, confirmed=True)  # checked on the worker
        qtbot.waitUntil(lambda: "不是 GridDesk 备份文件" in page.backup_message.text())

        # A device or the live database is no backup target, and the live database is no
        # source to restore it from (SQLite file matter: the same checks as the CLI's).
        page.backup_now(Path("/dev/full"))
        qtbot.waitUntil(lambda: "不是普通文件" in page.backup_message.text(), timeout=20_000)
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
        page.backup_now(tmp_path / "center.sqlite")
        qtbot.waitUntil(lambda: "正在使用的数据库文件" in page.backup_message.text())
        page.restore_from(tmp_path / "center.sqlite", confirmed=True)
        qtbot.waitUntil(lambda: "正在使用的数据库本身" in page.backup_message.text())
        assert page.backup_button.isEnabled() and page.restore_button.isEnabled()

        # A backup whose audit log does not verify is refused before anything is asked.
        forged = tmp_path / "forged.sqlite"
        forged.write_bytes(target.read_bytes())
        conn = sqlite3.connect(forged)
        conn.execute(
            "INSERT INTO audit_log (at, username, action, object_type, object_id, prev_hash,"
            " hash) VALUES ('2026-01-01 00:00:00', 'mallory', 'x', '', '', :g, 'forged')",
            {"g": "0" * 64},
        )
        conn.commit()
        conn.close()
        page.restore_from(forged)  # no confirmation asked: the refusal comes first
        qtbot.waitUntil(lambda: "审计日志未通过校验" in page.backup_message.text())
        assert "拒绝恢复，当前数据库未改动" in page.backup_message.text()
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 1

        report_case(db, grid_code=GRID_A1, category_code="0101", description="备份后的案件")
        with qtbot.waitSignal(page.restored, timeout=20_000) as restored:
            page.restore_from(target, confirmed=True)
        assert isinstance(restored.args[0], BackupInfo)
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 1
        actions = [(e.username, e.action) for e in load_audit_rows(db, ADMIN)]
        assert ("admin", "restore") in actions
        saved = list((tmp_path / "data").rglob("*pre-restore*.sqlite"))
        assert len(saved) == 1  # what was there before the restore is kept
        # The window says it must restart and closes when the message is confirmed.
        box = window.restore_box
        assert box is not None and box.isVisible() and "重新启动" in box.text()
        box.accept()
        qtbot.waitUntil(lambda: not window.isVisible())
    finally:
        context.close()
        db.dispose()


def test_a_new_urgent_case_makes_the_status_bar_blink(qtbot: QtBot, ctx: AppContext) -> None:
    window = make_window(qtbot, ctx)
    assert not window.alerting
    window.desk_page.queue.model.urgent_arrived.emit(["2026112700001"])
    assert window.alerting
    states: list[bool] = []

    def finished() -> bool:
        states.append(window.alerting)
        return not window._flash_timer.isActive()

    qtbot.waitUntil(finished, timeout=10_000)
    assert False in states[:-1] and True in states  # it blinked before it stopped
    assert not window.alerting  # and stops on its own


def test_master_data_edits_reach_the_open_pages(qtbot: QtBot, admin_ctx: AppContext) -> None:
    """A department added in 设置 → 基础数据 shows in the queue filter, on the department
    board and in the statistics filter without a restart."""
    from db.reference.master_data import add_department
    from desktop.admin.master_data_dialog import MasterDataDialog

    window = make_window(qtbot, admin_ctx)
    queue, board = window.desk_page.queue, window.desk_page.board
    qtbot.waitUntil(
        lambda: queue.filters.department.count() > 20 and len(board.cards) > 20, timeout=10_000
    )
    assert window.settings_page.master_button.isEnabled()
    dialog = window.settings_page.open_master_data()
    assert isinstance(dialog, MasterDataDialog) and dialog.isVisible()
    with admin_ctx.db.write() as s:
        add_department(s, "新建物业站", "公共服务", "周强", "024-42861234", ADMIN)
    dialog.changed.emit()  # what the dialog does after its own edit
    qtbot.waitUntil(lambda: queue.filters.department.findText("新建物业站") > 0, timeout=10_000)
    qtbot.waitUntil(lambda: any(c.department == "新建物业站" for c in board.cards.values()))
    stats = window.stats_page
    qtbot.waitUntil(lambda: stats.department.findText("新建物业站") > 0, timeout=10_000)
    assert queue.filters.department.findText("全部部门") == 0  # the "all" entry stays first, once
    assert [
        queue.filters.department.itemText(i) for i in range(queue.filters.department.count())
    ].count("新建物业站") == 1
    dialog.reject()

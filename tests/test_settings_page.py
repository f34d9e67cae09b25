"""The 设置 page: center settings (administrators only), language, the alarm sound, and the
doors to accounts, the audit log and master data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import Database
from db.security.actors import Actor, Role
from desktop.admin.settings_page import LANGUAGE_KEY, SettingsPage
from desktop.core.context import AppContext
from tests.actors import ADMIN
from tests.actors import DISPATCHER as LI_MING

pytestmark = pytest.mark.usefixtures("settings_in_tmp")


@pytest.fixture
def ctx(role_ctx: Callable[[Role], AppContext]) -> AppContext:
    """The dispatcher 李明."""
    return role_ctx(Role.DISPATCHER)


def test_settings_page_shows_database_and_saves_center_settings(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    ctx = admin_ctx
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.info is not None)
    assert "社区 2 个，网格 4 个" in page.db_geography.text()
    assert page.db_revision.text() not in ("", "…")
    # An invalid value is refused with the service's sentence, nothing stored.
    page.warn_share_edit.setText("1.5")
    page.save()
    qtbot.waitUntil(lambda: page.save_button.isEnabled())
    assert page.center_message.text() == "预警比例应在 0 与 1 之间（例如 0.8）"
    page.warn_share_edit.setText("abc")
    page.save()
    assert "0 与 1 之间" in page.center_message.text()
    # A valid change is stored and becomes the context's settings.
    page.warn_share_edit.setText("0.75")
    page.hours_edit.setText("08:00-12:00,13:30-17:30")
    page.backups_kept.setValue(14)
    assert not page.photo_location_check.isChecked()  # photos lose their GPS position
    page.photo_location_check.setChecked(True)
    with qtbot.waitSignal(ctx.signals.settings_changed, timeout=10_000):
        page.save()
    assert page.center_message.text() == "已保存。"
    assert ctx.settings.warn_share == 0.75
    from db.reference.settings_store import load_settings

    with ctx.db.read() as s:
        stored = load_settings(s)
    assert stored.warn_share == 0.75
    assert stored.working_hours == "08:00-12:00,13:30-17:30"
    assert stored.backups_kept == 14
    assert stored.photo_keep_location is True and ctx.settings.photo_keep_location is True
    from desktop.admin.audit_viewer import load_audit_rows

    saved_by = {(e.username, e.action) for e in load_audit_rows(ctx.db, ADMIN)}
    assert ("admin", "settings.save") in saved_by


def test_only_an_administrator_may_change_center_settings(qtbot: QtBot, ctx: AppContext) -> None:
    page = SettingsPage(ctx)  # 调度员 李明
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled() and not page.warn_share_edit.isEnabled()
    assert "管理员" in page.center_message.text()
    assert not page.audit_button.isEnabled()
    assert not page.backup_button.isEnabled() and not page.restore_button.isEnabled()
    # The service refuses too, whatever the window shows.
    from db.errors import PermissionDenied
    from desktop.admin.settings_page import save_center_settings

    with pytest.raises(PermissionDenied):
        save_center_settings(ctx.db, {"warn_share": 0.5}, ctx.actor)


def test_language_choice_is_stored_for_next_start(qtbot: QtBot, ctx: AppContext) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert QSettings().value(LANGUAGE_KEY) == "en"
    assert "下次启动" in page.language_note.text()


def test_settings_page_offers_password_change_and_account_management(
    qtbot: QtBot, street: Database
) -> None:
    from desktop.admin.users_dialog import ChangePasswordDialog, UsersDialog

    for actor, can_manage in ((LI_MING, False), (Actor("admin", "张强", Role.ADMIN), True)):
        context = AppContext.create(street, actor, start_feed=False)
        try:
            page = SettingsPage(context)
            qtbot.addWidget(page)
            assert actor.display_name in page.account_label.text()
            assert page.password_button.isEnabled()
            assert page.users_button.isEnabled() is can_manage
            dialog = page.change_password()
            assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
            dialog.reject()
            if can_manage:
                users = page.manage_users()
                assert isinstance(users, UsersDialog) and users.isVisible()
                users.reject()
        finally:
            context.close()


def test_settings_opens_the_audit_log_for_administrators(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    from desktop.admin.audit_viewer import AuditViewer

    page = SettingsPage(admin_ctx)
    qtbot.addWidget(page)
    dialog = page.open_audit()
    assert isinstance(dialog, AuditViewer) and dialog.isVisible()
    dialog.reject()


def test_the_alarm_sound_is_a_workstation_setting_on_by_default(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from desktop.desk.alarms_sound import ALARM_SOUND_SETTING, sound_enabled

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.alarm_sound_check.isChecked() and sound_enabled()
    page.alarm_sound_check.setChecked(False)
    QSettings().sync()
    assert QSettings().value(ALARM_SOUND_SETTING, True, type=bool) is False
    assert not sound_enabled()
    again = SettingsPage(ctx)
    qtbot.addWidget(again)
    assert not again.alarm_sound_check.isChecked()
    again.alarm_sound_check.setChecked(True)
    assert sound_enabled()


def test_master_data_is_for_administrators(qtbot: QtBot, ctx: AppContext) -> None:
    page = SettingsPage(ctx)  # 调度员
    qtbot.addWidget(page)
    assert not page.master_button.isEnabled()


# --- 从备份恢复: refusals before any question, a broken audit log accepted with a reason ---------


def _sqlite_file(ctx: AppContext) -> Path:
    if not ctx.db.is_sqlite:
        pytest.skip("restoring from a backup file is SQLite's (PostgreSQL: pg_dump / pg_restore)")
    return Path(ctx.db.engine.url.database or "")


def _restore_dialogs(monkeypatch: pytest.MonkeyPatch, source: Path) -> list[str]:
    """The file dialog answers `source`; every question asked is recorded and answered Yes."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    return asked


def test_the_live_database_is_refused_before_the_question(
    qtbot: QtBot, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    live = _sqlite_file(admin_ctx)
    asked = _restore_dialogs(monkeypatch, live)
    page = SettingsPage(admin_ctx)
    qtbot.addWidget(page)
    page.restore_from()
    qtbot.waitUntil(lambda: "正在使用的数据库本身" in page.backup_message.text())
    assert asked == [] and page.broken_audit_dialog is None
    assert page.restore_button.isEnabled()
    assert not list((tmp_path / "data").rglob("*pre-restore*"))


def test_a_backup_with_a_broken_audit_log_is_restored_with_a_reason(
    qtbot: QtBot, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from db.cases.intake import report_case
    from db.maintenance.backup import BackupInfo, make_backup
    from db.models import AuditEntry, Case
    from desktop.admin.broken_audit_dialog import BrokenAuditDialog
    from tests.street import GRID_A1

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    _sqlite_file(admin_ctx)
    db = admin_ctx.db
    report_case(db, grid_code=GRID_A1, category_code="0101", description="备份中的案件")
    backup = make_backup(db, tmp_path / "backup.sqlite", ADMIN).path
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE audit_log SET username = 'mallory' WHERE id = 1")
    conn.commit()
    conn.close()
    report_case(db, grid_code=GRID_A1, category_code="0101", description="备份后的案件")
    asked = _restore_dialogs(monkeypatch, backup)
    page = SettingsPage(admin_ctx)
    qtbot.addWidget(page)

    # Cancelled: nothing asked, nothing replaced.
    page.restore_from()
    qtbot.waitUntil(lambda: page.broken_audit_dialog is not None)
    dialog = page.broken_audit_dialog
    assert isinstance(dialog, BrokenAuditDialog) and dialog.isVisible()
    assert "第 1 条记录的内容被改动过" in dialog.message.text()
    assert "审计日志未通过校验" in page.backup_message.text()
    dialog.reject()
    assert asked == []
    with db.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 2

    # Accepted with a reason (a blank one does not enable the button).
    page.broken_audit_dialog = None
    page.restore_from()
    qtbot.waitUntil(lambda: page.broken_audit_dialog is not None)
    dialog = page.broken_audit_dialog
    assert isinstance(dialog, BrokenAuditDialog)
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.restore_button.isEnabled()
    # (QTest types Latin-1 only: the Chinese reason is put in as an input method would.)
    dialog.reason.setPlainText("上级已核对：改动系迁移工具所致")
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(page.restored, timeout=20_000) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert isinstance(restored.args[0], BackupInfo)
    assert len(asked) == 1 and "替换当前数据库" in asked[0]
    with db.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 1
        details = s.scalars(
            select(AuditEntry.details)
            .where(AuditEntry.action == "restore")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert details is not None
    assert details["reason"] == "上级已核对：改动系迁移工具所致"
    assert details["audit_problem"] == "第 1 条记录的内容被改动过"

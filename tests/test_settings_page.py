"""The 设置 page: center settings (administrators only), language, the alarm sound, and the
doors to accounts, the audit log and master data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

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

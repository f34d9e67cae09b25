"""The settings page (设置): database facts, account, interface language, center settings
(预警比例, 工作时间, 自动备份份数), the audit log and backup / restore for administrators."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import BackupAuditBroken, UserError
from db.maintenance.backup import (
    POSTGRES_ADVICE,
    BackupInfo,
    check_restore,
    make_backup,
    restore_backup,
)
from db.maintenance.info import DatabaseInfo, database_info
from db.paths import backup_dir
from db.reference.settings_store import CenterSettings, save_setting
from db.security.actors import Actor, Role
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.core.child_process import open_local_folder
from desktop.core.context import AppContext
from desktop.core.i18n import LANGUAGES, normalise_language, role_text, status_text
from desktop.desk.alarms_sound import set_sound_enabled, sound_enabled

LANGUAGE_KEY = "ui/language"


def load_info(db: Database) -> DatabaseInfo:
    with db.read() as session:
        return database_info(session, db.describe())


def save_center_settings(db: Database, values: dict[str, Any], actor: Actor) -> CenterSettings:
    """Validate and store the edited center settings in one transaction (all or nothing)."""
    with db.write() as session:
        settings: CenterSettings | None = None
        for key, value in values.items():
            settings = save_setting(session, key, value, actor)
        assert settings is not None
        return settings


def suggested_backup_name(now: datetime | None = None) -> str:
    return f"griddesk-手动备份-{(now or datetime.now()).strftime('%Y%m%d-%H%M')}.sqlite"


class SettingsPage(QWidget):
    """`restored(BackupInfo)` is emitted after a restore: the window must restart to read the
    restored database."""

    restored = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: DatabaseInfo | None = None
        self.audit_dialog: QDialog | None = None
        self.broken_audit_dialog: QDialog | None = None

        title = QLabel(self.tr("设置"), self)
        title.setObjectName("pageTitle")

        # Database
        db_box = QGroupBox(self.tr("数据库"), self)
        db_form = QFormLayout(db_box)
        self.db_description = QLabel(ctx.db.describe(), db_box)
        self.db_description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_revision = QLabel("…", db_box)
        self.db_geography = QLabel("…", db_box)
        self.db_cases = QLabel("…", db_box)
        self.db_cases.setWordWrap(True)
        self.db_people = QLabel("…", db_box)
        db_form.addRow(self.tr("位置"), self.db_description)
        db_form.addRow(self.tr("结构版本"), self.db_revision)
        db_form.addRow(self.tr("区划与目录"), self.db_geography)
        db_form.addRow(self.tr("案件"), self.db_cases)
        db_form.addRow(self.tr("人员"), self.db_people)

        # Language
        lang_box = QGroupBox(self.tr("本机界面"), self)
        lang_form = QFormLayout(lang_box)
        self.language_combo = QComboBox(lang_box)
        self.language_combo.addItem("中文（简体）", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setMaximumWidth(260)
        stored = normalise_language(str(QSettings().value(LANGUAGE_KEY, ctx.lang)))
        self.language_combo.setCurrentIndex(LANGUAGES.index(stored))
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel(self.tr("更改在下次启动时生效。"), lang_box)
        self.language_note.setObjectName("fieldName")
        lang_form.addRow(self.tr("语言"), self.language_combo)
        lang_form.addRow("", self.language_note)
        self.alarm_sound_check = QCheckBox(
            self.tr("紧急案件警报（新上报、到预警时间、超期）时播放提示音"), lang_box
        )
        self.alarm_sound_check.setObjectName("alarmSound")
        self.alarm_sound_check.setChecked(sound_enabled())
        self.alarm_sound_check.toggled.connect(set_sound_enabled)
        lang_form.addRow(self.tr("提示音"), self.alarm_sound_check)

        # Account: who is signed in, own password, account management for administrators.
        account_box = QGroupBox(self.tr("账号"), self)
        account_form = QFormLayout(account_box)
        actor = ctx.actor
        self.account_label = QLabel(
            self.tr("%1 %2（%3）")
            .replace("%1", role_text(actor.role))
            .replace("%2", actor.label)
            .replace("%3", actor.username),
            account_box,
        )
        self.password_button = QPushButton(self.tr("修改密码…"), account_box)
        self.password_button.setObjectName("changePassword")
        self.password_button.setEnabled(actor.role is not Role.SYSTEM)
        self.password_button.clicked.connect(self.change_password)
        self.users_button = QPushButton(self.tr("账号管理…"), account_box)
        self.users_button.setObjectName("manageUsers")
        self.users_button.setEnabled(actor.can("admin.users"))
        self.users_button.clicked.connect(self.manage_users)
        self.master_button = QPushButton(self.tr("基础数据…"), account_box)
        self.master_button.setObjectName("masterData")
        self.master_button.setToolTip(self.tr("部门、案件类别与时限、网格"))
        self.master_button.setEnabled(
            any(actor.can(p) for p in ("admin.departments", "admin.categories", "admin.geography"))
        )
        self.master_button.clicked.connect(self.open_master_data)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.password_button)
        account_buttons.addWidget(self.users_button)
        account_buttons.addWidget(self.master_button)
        account_buttons.addStretch(1)
        account_form.addRow(self.tr("当前用户"), self.account_label)
        account_form.addRow("", account_buttons)
        self.account_dialog: QDialog | None = None

        # Center settings
        center_box = QGroupBox(self.tr("中心设置"), self)
        center_form = QFormLayout(center_box)
        self.center_name = QLabel(ctx.settings.center_name, center_box)
        self.warn_share_edit = QLineEdit(center_box)
        self.warn_share_edit.setObjectName("warnShare")
        self.warn_share_edit.setToolTip(
            self.tr("时限用去这一比例时案件显示为预警（黄色），例如 0.8 表示用去 80%。")
        )
        self.hours_edit = QLineEdit(center_box)
        self.hours_edit.setObjectName("workingHours")
        self.hours_edit.setToolTip(self.tr("例如 08:30-12:00,13:00-17:30"))
        self.backups_kept = QSpinBox(center_box)
        self.backups_kept.setObjectName("backupsKept")
        self.backups_kept.setRange(1, 365)
        self.backups_kept.setSuffix(self.tr(" 份"))
        self.backups_kept.setMaximumWidth(120)
        self.backups_kept.setToolTip(
            self.tr("每天第一次启动时自动备份本机数据库，保留最近的这些份数。")
        )
        self.photo_location_check = QCheckBox(self.tr("保留照片中的拍摄位置（GPS）"), center_box)
        self.photo_location_check.setObjectName("photoKeepLocation")
        self.photo_location_check.setToolTip(
            self.tr("不勾选时，来电登记所附照片中的 GPS 位置信息在保存前去除。")
        )
        self.save_button = QPushButton(self.tr("保存"), center_box)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.center_message = QLabel(center_box)
        self.center_message.setWordWrap(True)
        center_form.addRow(self.tr("中心名称"), self.center_name)
        center_form.addRow(self.tr("预警比例"), self.warn_share_edit)
        center_form.addRow(self.tr("工作时间"), self.hours_edit)
        center_form.addRow(self.tr("自动备份保留"), self.backups_kept)
        center_form.addRow(self.tr("照片位置"), self.photo_location_check)
        self.calendar_button = QPushButton(self.tr("节假日日历…"), center_box)
        self.calendar_button.setObjectName("holidayCalendar")
        self.calendar_button.setToolTip(self.tr("各年的放假与调休上班日；工作时限按它计算"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.rules_button = QPushButton(self.tr("督办规则…"), center_box)
        self.rules_button.setObjectName("escalationRulesButton")
        self.rules_button.setToolTip(self.tr("预警提醒、到期系统督办、超期上报的规则"))
        self.rules_button.clicked.connect(self.open_escalation_rules)
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar_button)
        calendar_row.addStretch(1)
        center_form.addRow(self.tr("节假日"), calendar_row)
        rules_row = QHBoxLayout()
        rules_row.addWidget(self.rules_button)
        rules_row.addStretch(1)
        center_form.addRow(self.tr("督办与上报"), rules_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.center_message, 1)
        center_form.addRow("", buttons)
        self._fill_center(ctx.settings)
        may_edit = actor.can("admin.settings")
        for widget in (
            self.warn_share_edit,
            self.hours_edit,
            self.backups_kept,
            self.photo_location_check,
            self.save_button,
        ):
            widget.setEnabled(may_edit)
        if not may_edit:
            self.center_message.setText(self.tr("只有管理员可以修改中心设置。"))

        # Audit log, backup and restore (administrators)
        safety_box = QGroupBox(self.tr("审计与备份"), self)
        safety_form = QFormLayout(safety_box)
        self.audit_button = QPushButton(self.tr("审计日志…"), safety_box)
        self.audit_button.setObjectName("openAudit")
        self.audit_button.setEnabled(actor.can("audit.read"))
        self.audit_button.setToolTip(self.tr("查看所有操作记录并校验哈希链"))
        self.audit_button.clicked.connect(self.open_audit)
        audit_row = QHBoxLayout()
        audit_row.addWidget(self.audit_button)
        audit_row.addStretch(1)
        safety_form.addRow(self.tr("审计日志"), audit_row)
        self.backup_button = QPushButton(self.tr("立即备份…"), safety_box)
        self.backup_button.setObjectName("backupNow")
        self.restore_button = QPushButton(self.tr("从备份恢复…"), safety_box)
        self.restore_button.setObjectName("restoreBackup")
        self.folder_button = QPushButton(self.tr("打开备份文件夹"), safety_box)
        self.folder_button.setObjectName("openBackupFolder")
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.restore_button.clicked.connect(lambda: self.restore_from())
        self.folder_button.clicked.connect(self.open_backup_folder)
        may_backup = actor.can("backup") and ctx.db.is_sqlite
        for button in (self.backup_button, self.restore_button, self.folder_button):
            button.setEnabled(may_backup)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addWidget(self.folder_button)
        backup_row.addStretch(1)
        safety_form.addRow(self.tr("备份"), backup_row)
        if ctx.db.is_sqlite:
            note = self.tr(
                "每天第一次启动时自动备份到 %1；升级数据库结构前和恢复前也会先备份。"
            ).replace("%1", str(backup_dir()))
        else:
            note = POSTGRES_ADVICE
        self.backup_note = QLabel(note, safety_box)
        self.backup_note.setObjectName("fieldName")
        self.backup_note.setWordWrap(True)
        self.backup_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_message = QLabel(safety_box)
        self.backup_message.setObjectName("backupMessage")
        self.backup_message.setWordWrap(True)
        safety_form.addRow("", self.backup_note)
        safety_form.addRow("", self.backup_message)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(title)
        for box in (db_box, account_box, lang_box, center_box, safety_box):
            box.setMaximumWidth(900)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(scroll)
        self.refresh()

    def change_password(self) -> QDialog:
        from desktop.admin.users_dialog import ChangePasswordDialog

        return self._open(ChangePasswordDialog(self.ctx, self))

    def manage_users(self) -> QDialog:
        from desktop.admin.users_dialog import UsersDialog

        return self._open(UsersDialog(self.ctx, self))

    def open_master_data(self) -> QDialog:
        """基础数据: departments, categories and their time limits, grids (administrators);
        every open list in the window is refilled after an edit."""
        from desktop.admin.master_data_dialog import MasterDataDialog

        dialog = MasterDataDialog(self.ctx, self)
        dialog.changed.connect(self.ctx.signals.master_data_changed)
        dialog.changed.connect(self.refresh)
        return self._open(dialog)

    def open_calendar(self) -> QDialog:
        """节假日日历: the years' holidays and 调休 days (everyone sees, administrators edit)."""
        from desktop.admin.calendar_editor import CalendarEditor

        return self._open(CalendarEditor(self.ctx, self))

    def open_escalation_rules(self) -> QDialog:
        """督办规则: everyone sees them, administrators edit them."""
        from desktop.admin.escalation_rules_dialog import EscalationRulesDialog

        return self._open(EscalationRulesDialog(self.ctx, self))

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.account_dialog = dialog
        dialog.open()
        return dialog

    def refresh(self) -> None:
        self.ctx.tasks.submit(load_info, self._show_info, owner=self)

    def _show_info(self, info: DatabaseInfo) -> None:
        self.info = info
        self.db_revision.setText(info.schema_revision or self.tr("（未知）"))
        self.db_geography.setText(
            self.tr("社区 %1 个，网格 %2 个，部门 %3 个，类别 %4 个")
            .replace("%1", str(info.communities))
            .replace("%2", str(info.grids))
            .replace("%3", str(info.departments))
            .replace("%4", str(info.categories))
        )
        parts = [f"{status_text(k)} {v}" for k, v in info.cases.items() if v]
        total = self.tr("共 %1 件").replace("%1", str(info.total_cases))
        if parts:
            total += self.tr("（%1）").replace("%1", self.tr("，").join(parts))
        self.db_cases.setText(total)
        self.db_people.setText(self.tr("%1 人次").replace("%1", str(sum(info.people.values()))))

    def _fill_center(self, settings: CenterSettings) -> None:
        self.warn_share_edit.setText(f"{settings.warn_share:g}")
        self.hours_edit.setText(settings.working_hours)
        self.backups_kept.setValue(int(settings.backups_kept))
        self.photo_location_check.setChecked(bool(settings.photo_keep_location))

    def _language_changed(self, index: int) -> None:
        QSettings().setValue(LANGUAGE_KEY, self.language_combo.itemData(index))

    def _show_problem(self, text: str) -> None:
        self.center_message.setObjectName("errorText")
        self.center_message.setText(text)
        self.center_message.style().unpolish(self.center_message)
        self.center_message.style().polish(self.center_message)

    def save(self) -> None:
        try:
            warn = float(self.warn_share_edit.text().strip().rstrip("%"))
        except ValueError:
            self._show_problem(self.tr("预警比例应是 0 与 1 之间的数，例如 0.8。"))
            return
        if self.warn_share_edit.text().strip().endswith("%"):
            warn /= 100
        values = {
            "warn_share": warn,
            "working_hours": self.hours_edit.text().strip(),
            "backups_kept": self.backups_kept.value(),
            "photo_keep_location": self.photo_location_check.isChecked(),
        }
        self.save_button.setEnabled(False)
        self.center_message.setText(self.tr("正在保存…"))
        actor = self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: save_center_settings(db, values, actor),
            self._saved,
            self._save_failed,
            owner=self,
        )

    def _saved(self, settings: CenterSettings) -> None:
        self.save_button.setEnabled(True)
        self.ctx.settings = replace(settings)
        self._fill_center(settings)
        self.center_message.setObjectName("")
        self.center_message.setText(self.tr("已保存。"))
        self.center_message.style().unpolish(self.center_message)
        self.center_message.style().polish(self.center_message)
        self.ctx.signals.settings_changed.emit(settings)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_problem(error_text(exc, logged=True))
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)

    # -- audit, backup, restore ----------------------------------------------------------------

    def open_audit(self) -> QDialog:
        from desktop.admin.audit_viewer import AuditViewer

        dialog = AuditViewer(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.open()
        return dialog

    def _backup_state(self, text: str, problem: bool = False) -> None:
        self.backup_message.setProperty("problem", problem)
        self.backup_message.setStyleSheet(palette.ERROR_STYLE if problem else "")
        self.backup_message.setText(text)

    def backup_now(self, target: Path | None = None) -> None:
        """Write a verified backup to `target` (asked with a file dialog when not given)."""
        if target is None:
            folder = backup_dir()
            # GridDesk's own folder is offered first; a backup never creates folders itself.
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("备份数据库"),
                str(folder / suggested_backup_name()),
                self.tr("GridDesk 备份 (*.sqlite)"),
            )
            if not chosen:
                return
            target = Path(chosen)
        actor = self.ctx.actor
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self._backup_state(self.tr("正在备份…"))
        self.ctx.tasks.submit(
            lambda db: make_backup(db, target, actor),
            self._backed_up,
            self._backup_failed,
            owner=self,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self._backup_state(
            self.tr("已备份到 %1（%2 件案件，%3 MB），并已校验。")
            .replace("%1", str(info.path))
            .replace("%2", str(info.cases))
            .replace("%3", f"{info.size / 1e6:.1f}")
        )

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self._backup_state(error_text(exc, logged=True), problem=True)
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)

    def restore_from(self, source: Path | None = None, confirmed: bool = False) -> None:
        """Check `source`, ask for confirmation, replace the database with it (the current
        content is saved to the backup folder first) and emit `restored`. Every refusal (the
        live database itself, not a backup, no administrator) comes before any question; a
        backup whose audit log does not verify opens `BrokenAuditDialog`, where an
        administrator may accept it with a reason."""
        if source is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("从备份恢复"),
                str(backup_dir()),
                self.tr("GridDesk 备份 (*.sqlite);;所有文件 (*)"),
            )
            if not chosen:
                return
            source = Path(chosen)
        self._check_source(source, confirmed, None)

    def _check_source(self, source: Path, confirmed: bool, reason: str | None) -> None:
        # The check reads the whole file (integrity check, audit chain, accounts): on the
        # worker, not the GUI thread; a refusal is shown before anything is asked.
        self._backup_state(self.tr("正在检查备份文件…"))
        actor = self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: check_restore(db, source, actor, reason)[0],
            lambda info: self._inspected(info, confirmed, reason),
            lambda exc: self._check_failed(exc, source, confirmed),
            owner=self,
        )

    def _check_failed(self, exc: BaseException, source: Path, confirmed: bool) -> None:
        self._backup_failed(exc)
        if isinstance(exc, BackupAuditBroken):
            from desktop.admin.broken_audit_dialog import BrokenAuditDialog

            dialog = BrokenAuditDialog(exc, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted_with.connect(
                lambda reason: self._check_source(source, confirmed, reason)
            )
            self.broken_audit_dialog = dialog
            dialog.open()

    def _inspected(self, info: BackupInfo, confirmed: bool, reason: str | None = None) -> None:
        self._backup_state("")
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("从备份恢复"),
                self.tr(
                    "用 %1（%2 件案件）替换当前数据库？\n当前数据会先另存到备份文件夹，"
                    "恢复后程序需要重新启动。"
                )
                .replace("%1", info.path.name)
                .replace("%2", str(info.cases)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        actor, source = self.ctx.actor, info.path
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self._backup_state(self.tr("正在恢复…"))
        self.ctx.tasks.submit(
            lambda db: restore_backup(db, source, actor, accept_broken_audit=reason),
            self._restored,
            self._backup_failed,
            owner=self,
        )

    def _restored(self, info: BackupInfo) -> None:
        self._backup_state(
            self.tr("已从 %1 恢复（%2 件案件）。请重新启动 GridDesk。")
            .replace("%1", info.path.name)
            .replace("%2", str(info.cases))
        )
        self.restored.emit(info)

    def open_backup_folder(self) -> None:
        folder = backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
        open_local_folder(folder)

"""The audit trail viewer (审计日志) for administrators, with chain verification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.maintenance.integrity import IntegrityReport, verify_integrity
from db.security.actors import Actor
from db.security.audit import read_audit_log, reanchor
from db.security.audit_anchor import load_database_anchors
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    object_type: str
    object_id: str
    details: str


def load_audit_rows(db: Database, actor: Actor, limit: int = 2000) -> list[AuditRow]:
    with db.read() as session:
        entries = read_audit_log(session, actor, limit)
        return [
            AuditRow(
                e.id,
                e.at,
                e.username,
                e.action,
                e.object_type,
                e.object_id,
                "" if not e.details else str(e.details),
            )
            for e in entries
        ]


def verify(db: Database) -> IntegrityReport:
    with db.read() as session:
        return verify_integrity(session, load_database_anchors(db))


class AuditModel(RowsModel[AuditRow]):
    """Audit entries as read; a cell's tooltip shows its whole text (details are long)."""

    CONTEXT = "AuditModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditModel", "序号"),
        QT_TRANSLATE_NOOP("AuditModel", "时间"),
        QT_TRANSLATE_NOOP("AuditModel", "用户"),
        QT_TRANSLATE_NOOP("AuditModel", "操作"),
        QT_TRANSLATE_NOOP("AuditModel", "对象"),
        QT_TRANSLATE_NOOP("AuditModel", "编号"),
        QT_TRANSLATE_NOOP("AuditModel", "详情"),
    )
    TEXT_TOOLTIPS = True

    def __init__(self, tz: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz

    def cells(self, row: AuditRow) -> tuple[str, ...]:
        return (
            str(row.id),
            row.at.astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S"),
            row.username,
            row.action,
            row.object_type,
            row.object_id,
            row.details,
        )


class AuditViewer(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.actor.require("audit.read", "查看审计日志")
        self.setWindowTitle(self.tr("审计日志"))
        self.resize(1100, 640)
        self.model = AuditModel(ctx.settings.tz, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setObjectName("chain_status")
        verify_button = QPushButton(self.tr("校验哈希链"))
        verify_button.clicked.connect(self.verify)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        self.reanchor_button = QPushButton(self.tr("重新锚定…"))
        self.reanchor_button.setToolTip(
            self.tr(
                "数据库在服务器端恢复或重新建立后使用：原因记入审计日志，各工作站从此重新记录锚点"
            )
        )
        self.reanchor_button.clicked.connect(self.ask_reanchor)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(refresh)
        bar.addWidget(self.reanchor_button)
        bar.addWidget(verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: load_audit_rows(db, actor), self.model.set_rows, owner=self
        )

    def verify(self) -> None:
        self.status.setText(self.tr("正在校验…"))
        self.ctx.tasks.submit(verify, self._verified, owner=self)

    def ask_reanchor(self) -> QInputDialog:
        """Ask why the log went back in time on purpose; `reanchor` with the answer."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("重新锚定审计日志"))
        dialog.setLabelText(
            self.tr("为什么审计日志回到了过去？（例如：服务器端从 11 月 20 日的备份恢复）")
        )
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.textValueSelected.connect(self.reanchor)
        dialog.open()
        return dialog

    def reanchor(self, reason: str) -> None:
        actor = self.ctx.actor
        self.status.setText(self.tr("正在记录…"))
        self.ctx.tasks.submit(
            lambda db: reanchor(db, actor, reason), self._reanchored, self._failed, owner=self
        )

    def _reanchored(self, entry_id: int) -> None:
        self.status.setStyleSheet(palette.text_style(palette.SUCCESS))
        self.status.setText(
            self.tr("已记入审计日志第 %1 条；各工作站从此重新记录锚点").replace("%1", str(entry_id))
        )
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        self.status.setStyleSheet(palette.ERROR_STYLE)
        self.status.setText(db_message_text(str(exc)))

    def _verified(self, report: IntegrityReport) -> None:
        colour = palette.SUCCESS if report.ok else palette.ERROR
        self.status.setStyleSheet(palette.text_style(colour))
        self.status.setText(db_message_text(report.reason))

"""The desk's panel of departments' 申请延期 waiting for a 值班长 (shown only to who may decide
them, and only while some wait): the case, the department, what it asks and why; 批准 extends
the case (the workflow's 延期, linked to the request), 不批准 asks for the reason. Tab reaches
the list; Alt+Y approves, Alt+N refuses the selected request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases.requests import ExtensionInfo, decide_extension, pending_extensions
from db.engine import Database
from db.errors import UserError
from desktop.common.error_text import error_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext
from desktop.core.tasks import LatestOnly

APPROVE_KEY = "Alt+Y"
REFUSE_KEY = "Alt+N"


class ExtensionsModel(RowsModel[ExtensionInfo]):
    CONTEXT: ClassVar[str] = "ExtensionsModel"
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("ExtensionsModel", "编号"),
        QT_TRANSLATE_NOOP("ExtensionsModel", "部门"),
        QT_TRANSLATE_NOOP("ExtensionsModel", "申请"),
        QT_TRANSLATE_NOOP("ExtensionsModel", "原因"),
        QT_TRANSLATE_NOOP("ExtensionsModel", "申请人"),
        QT_TRANSLATE_NOOP("ExtensionsModel", "当前期限"),
    )
    TEXT_TOOLTIPS: ClassVar[bool] = True

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        self.tz = tz
        super().__init__(parent)

    def cells(self, row: ExtensionInfo) -> tuple[str, ...]:
        if row.extra_days is not None:
            asked = QCoreApplication.translate("ExtensionsModel", "延长 %1 个工作日").replace(
                "%1", str(row.extra_days)
            )
        else:
            asked = QCoreApplication.translate("ExtensionsModel", "延至 %1").replace(
                "%1", _local(row.until, self.tz)
            )
        return (
            row.number,
            row.department,
            asked,
            row.reason,
            row.requested_by,
            _local(row.due_at, self.tz),
        )


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


class ExtensionPanel(QFrame):
    decided = Signal(str)  # the message after a decision
    case_requested = Signal(str)  # the number of the selected request's case (to show it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("extensionPanel")
        self.rows: list[ExtensionInfo] = []
        self.reason_dialog: QInputDialog | None = None
        self._loader: LatestOnly[list[ExtensionInfo]] = LatestOnly(
            ctx.tasks, self, self._load_job, self._loaded
        )
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.model = ExtensionsModel(ctx.settings.tz, self)
        self.table = QTableView(self)
        self.table.setObjectName("extensionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(120)
        self.table.doubleClicked.connect(lambda _i: self._show_case())
        self.approve_button = QPushButton(self.tr("批准（%1）").replace("%1", APPROVE_KEY), self)
        self.approve_button.setObjectName("approveExtension")
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button = QPushButton(self.tr("不批准…（%1）").replace("%1", REFUSE_KEY), self)
        self.refuse_button.setObjectName("refuseExtension")
        self.refuse_button.clicked.connect(lambda: self.refuse())
        for keys, slot in ((APPROVE_KEY, self.approve), (REFUSE_KEY, lambda: self.refuse())):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        buttons = QVBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addLayout(body)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(False)
        ctx.feed.cases_changed.connect(lambda _ids: self.reload())
        self.reload()

    def reload(self) -> None:
        self._loader.request()

    def _load_job(self) -> Callable[[Database], list[ExtensionInfo]]:
        actor = self.ctx.actor

        def job(db: Database) -> list[ExtensionInfo]:
            with db.read() as session:
                return pending_extensions(session, actor)

        return job

    def _loaded(self, rows: list[ExtensionInfo]) -> None:
        selected = self.selected()
        self.rows = rows
        self.model.set_rows(rows)
        self.title.setText(self.tr("部门延期申请待审批（%1）").replace("%1", str(len(rows))))
        self.setVisible(bool(rows))
        keep = next((i for i, r in enumerate(rows) if selected and r.id == selected.id), 0)
        if rows:
            self.table.selectRow(keep)

    def selected(self) -> ExtensionInfo | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_case(self) -> None:
        info = self.selected()
        if info is not None:
            self.case_requested.emit(info.number)

    def approve(self) -> None:
        info = self.selected()
        if info is not None and self.isVisible():
            self.decide(info, True, "")

    def refuse(self, reason: str | None = None) -> QInputDialog | None:
        info = self.selected()
        if info is None or not self.isVisible():
            return None
        if reason is not None:
            self.decide(info, False, reason)
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("refuseReason")
        dialog.setWindowTitle(self.tr("不批准延期 — 案件 %1").replace("%1", info.number))
        dialog.setLabelText(self.tr("不批准的原因（部门将看到）："))
        dialog.setOkButtonText(self.tr("不批准"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.textValueSelected.connect(lambda text: self.decide(info, False, text))
        dialog.finished.connect(dialog.deleteLater)
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def decide(self, info: ExtensionInfo, approve: bool, reason: str) -> None:
        actor = self.ctx.actor
        text = (
            self.tr("已批准案件 %1 的延期申请")
            if approve
            else self.tr("已不批准案件 %1 的延期申请")
        ).replace("%1", info.number)

        def job(db: Database) -> ExtensionInfo:
            return decide_extension(db, actor, info.id, approve=approve, reason=reason)

        def done(_result: ExtensionInfo) -> None:
            self.ctx.notify(text)
            self.decided.emit(text)
            self.ctx.feed.notify_local(None)

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.ctx.notify(error_text(exc), 10000)
            self.reload()
        else:
            self.ctx.tasks.report(exc)

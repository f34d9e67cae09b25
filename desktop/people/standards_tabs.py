"""The 人员 page's staffing-standards tab (shortfalls in red) and its pay-table tab."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from db.engine import Database
from db.people.pay_scale import PayCell, pay_table, set_pay_amount
from db.people.staffing import Staffing, staffing
from db.reference.settings_store import CenterSettings
from desktop.common import palette
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.people.people_models import PayModel, StaffingModel

NUMBER_WIDTH = 118  # a figure column of the staffing table: its header wraps onto two lines
NAME_WIDTH = 170  # 社区 (and the street's total)
PAY_WIDTH = 150


def wrap_headers(view: QTableView, width: int, first: int = NAME_WIDTH) -> None:
    """Columns of a fixed, readable width (the first wider), headers centred and wrapped onto
    two lines instead of widening the columns; the spare width stays empty at the right."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setDefaultSectionSize(width)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.resizeSection(0, first)
    # As tall as the longest header needs once wrapped (two lines in Chinese, three in English).
    bold = QFont(header.font())
    bold.setBold(True)  # the style sheet sets header text in bold
    metrics = QFontMetrics(bold)
    model = view.model()
    lines = max(
        (
            metrics.boundingRect(
                QRect(0, 0, header.sectionSize(c) - 16, 1000),
                int(Qt.TextFlag.TextWordWrap),
                str(model.headerData(c, Qt.Orientation.Horizontal)),
            ).height()
            for c in range(model.columnCount())
        ),
        default=metrics.height(),
    )
    header.setMinimumHeight(lines + 14)


class StaffingTab(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("staffingTab")
        self.model = StaffingModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        wrap_headers(self.view, NUMBER_WIDTH)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        def job(db: Database) -> tuple[list[Staffing], Staffing, CenterSettings]:
            from db.reference.settings_store import load_settings

            with db.read() as s:
                settings = load_settings(s)
                rows, total = staffing(s, settings)
            return rows, total, settings

        def done(result: tuple[list[Staffing], Staffing, CenterSettings]) -> None:
            rows, total, settings = result
            self.model.set_rows(rows, total, settings)
            short = [r for r in rows if r.shortfall]
            text = self.tr("全街道在岗社区工作者 {w} 人，按标准应配 {n} 人").format(
                w=total.workers, n=max(total.required_by_population, total.required_by_households)
            )
            if total.shortfall:
                text += self.tr("，缺口 {n} 人").format(n=total.shortfall)
            if short:
                text += self.tr("；{n} 个社区未达标").format(n=len(short))
            self.summary.setText(text)
            self.note.setText(
                self.tr(
                    "标准：每万名常住人口不少于 {m} 名社区工作者；每 {h} 户配备 1 名。"
                    "应配人数向上取整，缺口 = 应配人数（两项取大者）− 在岗人数。"
                    "街道合计按全街道人口和户数计算。"
                ).format(
                    m=f"{settings.workers_per_10k_minimum:g}", h=settings.households_per_worker
                )
            )
            self.loaded.emit()

        self.ctx.tasks.submit(job, done, lambda exc: self.ctx.notify(error_text(exc)), owner=self)


class PayTab(QWidget):
    loaded = Signal()
    saved = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("payTab")
        self.model = PayModel(self)
        self.model.editable = ctx.actor.can("roster.edit")
        self.model.edit_requested.connect(self.save)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        wrap_headers(self.view, PAY_WIDTH, first=PAY_WIDTH)
        self.view.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.error = QLabel(self)
        self.error.setStyleSheet(palette.ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        hint = QLabel(
            self.tr("社区工作者“3档38级”薪酬标准（元/月）。双击金额即可修改，修改记入变更记录。"),
            self,
        )
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addWidget(self.error)

    def refresh(self) -> None:
        def job(db: Database) -> list[PayCell]:
            with db.read() as s:
                return pay_table(s)

        def done(cells: list[PayCell]) -> None:
            self.model.set_cells(cells)
            self.loaded.emit()

        self.ctx.tasks.submit(job, done, lambda exc: self.ctx.notify(error_text(exc)), owner=self)

    def save(self, tier: int, level: int, text: str) -> None:
        actor = self.ctx.actor

        def job(db: Database) -> Decimal:
            with db.write() as s:
                return set_pay_amount(s, tier, level, text, actor)

        def done(amount: Decimal) -> None:
            self.error.clear()
            self.model.set_amount(tier, level, amount)
            self.saved.emit(tier, level)

        self.ctx.tasks.submit(
            job, done, lambda exc: self.error.setText(error_text(exc)), owner=self
        )

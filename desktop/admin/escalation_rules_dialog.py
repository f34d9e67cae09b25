"""督办规则 (设置 → 督办规则…): the escalation rules per urgency or 小类; everyone sees them,
administrators edit them (enforced in `db.escalation.rules.save_rule`)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from db.escalation.rules import MAX_DAYS, Rule, RuleEdit, list_rules, save_rule
from desktop.common.db_messages import db_message_text
from desktop.common.rows_model import RowsModel
from desktop.core.context import AppContext


def _yes(value: bool) -> str:
    return (
        QCoreApplication.translate("RulesModel", "是")
        if value
        else QCoreApplication.translate("RulesModel", "否")
    )


def _scope_text(rule: Rule) -> str:
    if rule.category_code is not None:
        return f"{rule.category_code} {rule.category_name}"
    if rule.urgent is None:
        return QCoreApplication.translate("RulesModel", "全部案件")
    if rule.urgent:
        return QCoreApplication.translate("RulesModel", "紧急案件")
    return QCoreApplication.translate("RulesModel", "一般案件")


def _target_text(target: str) -> str:
    if target == "district":
        return QCoreApplication.translate("RulesModel", "区级平台")
    return QCoreApplication.translate("RulesModel", "联席会议")


class RulesModel(RowsModel[Rule]):
    CONTEXT = "RulesModel"
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("RulesModel", "适用范围"),
        QT_TRANSLATE_NOOP("RulesModel", "预警提醒"),
        QT_TRANSLATE_NOOP("RulesModel", "到期督办"),
        QT_TRANSLATE_NOOP("RulesModel", "回复期限（工作日）"),
        QT_TRANSLATE_NOOP("RulesModel", "超期上报（工作日）"),
        QT_TRANSLATE_NOOP("RulesModel", "上报至"),
        QT_TRANSLATE_NOOP("RulesModel", "上报时限（工作日）"),
        QT_TRANSLATE_NOOP("RulesModel", "启用"),
    )
    NUMERIC = frozenset({3, 4, 6})

    def cells(self, row: Rule) -> tuple[str, ...]:
        return (
            _scope_text(row),
            _yes(row.remind_at_warning),
            _yes(row.urge_at_deadline),
            str(row.reply_days),
            str(row.escalate_after_days)
            if row.escalate_after_days
            else QCoreApplication.translate("RulesModel", "不上报"),
            _target_text(row.escalate_to),
            str(row.escalation_days),
            _yes(row.active),
        )


def _rules(db: Database) -> list[Rule]:
    with db.read() as session:
        return list_rules(session)


class EscalationRulesDialog(QDialog):
    """The rules table and a form for the selected rule (or a new 小类 rule)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loads = 0
        self.setObjectName("escalationRulesDialog")
        self.setWindowTitle(self.tr("督办规则"))
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "到预警时间提醒承办部门；到处置期限由系统督办（街道级），部门须在回复期限内回复；"
                "超期若干工作日、或督办回复逾期，上报区级平台或街道联席会议。天数均按工作日计。"
                "小类规则优先于紧急/一般案件的规则。"
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = RulesModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("escalationRules")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)

        form = QFormLayout()
        layout.addLayout(form)
        scope_row = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("一般案件"), "normal")
        self.scope.addItem(self.tr("紧急案件"), "urgent")
        self.scope.addItem(self.tr("全部案件"), "all")
        self.scope.addItem(self.tr("某一小类"), "category")
        self.category = QLineEdit(self)
        self.category.setPlaceholderText(self.tr("小类编码，如 0101"))
        self.category.setMaxLength(8)
        scope_row.addWidget(self.scope)
        scope_row.addWidget(self.category)
        form.addRow(self.tr("适用范围"), scope_row)
        self.remind = QCheckBox(self.tr("到预警时间提醒承办部门"), self)
        self.urge = QCheckBox(self.tr("到处置期限系统督办"), self)
        form.addRow("", self.remind)
        form.addRow("", self.urge)
        self.reply_days = self._days()
        form.addRow(self.tr("督办回复期限"), self.reply_days)
        self.escalate_after = self._days(minimum=0)
        self.escalate_after.setSpecialValueText(self.tr("不上报"))
        form.addRow(self.tr("超期后上报"), self.escalate_after)
        self.target = QComboBox(self)
        self.target.addItem(self.tr("街道联席会议"), "meeting")
        self.target.addItem(self.tr("区级平台"), "district")
        form.addRow(self.tr("上报至"), self.target)
        self.escalation_days = self._days()
        form.addRow(self.tr("上报后办理时限"), self.escalation_days)
        self.active = QCheckBox(self.tr("启用"), self)
        form.addRow("", self.active)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.save_button = QPushButton(self.tr("保存规则"), self)
        self.save_button.setObjectName("saveRule")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        may_edit = ctx.actor.can("admin.settings")
        self.save_button.setEnabled(may_edit)
        if not may_edit:
            self.message.setText(self.tr("只有管理员可以修改督办规则。"))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._fill_selected())
        self.scope.currentIndexChanged.connect(
            lambda _i: self.category.setEnabled(self.scope.currentData() == "category")
        )
        self.category.setEnabled(False)
        self.reload()

    def _days(self, minimum: int = 1) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(minimum, MAX_DAYS)
        box.setSuffix(self.tr(" 个工作日"))
        box.setMaximumWidth(160)
        return box

    def reload(self) -> None:
        self.ctx.tasks.submit(_rules, self._loaded, owner=self)

    def _loaded(self, rules: list[Rule]) -> None:
        self.model.set_rows(rules)
        self.view.resizeColumnsToContents()
        if rules and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self.loads += 1

    def _fill_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        rule = self.model.rows[rows[0].row()]
        if rule.category_code is not None:
            self.scope.setCurrentIndex(self.scope.findData("category"))
            self.category.setText(rule.category_code)
        else:
            key = "all" if rule.urgent is None else ("urgent" if rule.urgent else "normal")
            self.scope.setCurrentIndex(self.scope.findData(key))
            self.category.clear()
        self.remind.setChecked(rule.remind_at_warning)
        self.urge.setChecked(rule.urge_at_deadline)
        self.reply_days.setValue(rule.reply_days)
        self.escalate_after.setValue(rule.escalate_after_days or 0)
        self.target.setCurrentIndex(self.target.findData(rule.escalate_to))
        self.escalation_days.setValue(rule.escalation_days)
        self.active.setChecked(rule.active)

    def edit(self) -> RuleEdit:
        scope = str(self.scope.currentData())
        return RuleEdit(
            category_code=self.category.text().strip() if scope == "category" else None,
            urgent=None if scope in ("all", "category") else scope == "urgent",
            remind_at_warning=self.remind.isChecked(),
            urge_at_deadline=self.urge.isChecked(),
            reply_days=self.reply_days.value(),
            escalate_after_days=self.escalate_after.value() or None,
            escalate_to=str(self.target.currentData()),
            escalation_days=self.escalation_days.value(),
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        edit, actor = self.edit(), self.ctx.actor
        if self.scope.currentData() == "category" and not edit.category_code:
            self.message.setText(self.tr("请填写小类编码。"))
            return

        def done(rule: Rule) -> None:
            self.message.setText(self.tr("规则「%1」已保存。").replace("%1", _scope_text(rule)))
            self.reload()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.message.setText(db_message_text(str(exc)))
            else:
                self.ctx.tasks.report(exc)

        self.ctx.tasks.submit(lambda db: save_rule(db, edit, actor), done, failed, owner=self)

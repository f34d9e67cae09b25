"""The escalation dialogs with real widgets on both databases: the desk's 督办 dialog writes a
督办单 with its level and reply deadline; 上报 from the desk; the 联席会议 dialog re-dispatches
the cases it decides on; the rules editor in 设置 saves a rule (administrators only)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.cases.states import Action, Status
from db.engine import Database
from db.escalation.documents import escalate, urges_of_case
from db.escalation.rules import list_rules
from db.escalation.sweeper import WATERMARK_KEY
from db.models import Department
from desktop.admin.escalation_rules_dialog import EscalationRulesDialog
from desktop.cases.case_detail import CaseDetailPane
from desktop.cases.escalation_dialogs import EscalateDialog, MeetingDialog
from desktop.core.context import AppContext
from tests.actors import ADMIN, DISPATCHER, LEADER
from tests.test_action_dialogs import confirm, open_dialog, show
from tests.test_workflow import dispatched_at, load, local

SHOTS = os.environ.get("GRIDDESK_SHOTS")


def snap(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def test_the_urge_dialog_issues_a_district_urge_with_its_reply_deadline(
    qtbot: QtBot, street: Database, make_ctx: Callable[..., AppContext]
) -> None:
    ctx = make_ctx(street, DISPATCHER)
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.URGE)
    assert dialog.level_combo is not None and dialog.reply_by_edit is not None
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no requirement yet
    assert dialog.isVisible() and "督办要求" in dialog.error_label.text()
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("district"))
    dialog.reason_edit.setPlainText("请于明日中午前清运并回复")
    snap(dialog, "urge_dialog.png")
    confirm(qtbot, pane, dialog)
    with street.read() as s:
        [doc] = urges_of_case(s, number)
    assert doc.level == "district" and doc.requirement == "请于明日中午前清运并回复"
    assert doc.department == "环卫所" and doc.reply_by > doc.issued_at
    assert load(street, number).urge_count == 1


def test_the_meeting_dialog_redispatches_the_cases_it_decides(
    qtbot: QtBot,
    street: Database,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: ModelTester,
) -> None:
    ctx = make_ctx(street, DISPATCHER)
    numbers = [dispatched_at(street, local(2026, 11, 23, 9, 0)) for _ in range(2)]
    escalate(street, numbers[0], "meeting", "三次督办未办结", DISPATCHER)
    # 上报 from the desk's dialog.
    esc = EscalateDialog(ctx, numbers[1])
    qtbot.addWidget(esc)
    esc.reason.setPlainText("涉及多个部门，需联席会议协调")
    snap(esc, "escalate_dialog.png")
    with qtbot.waitSignal(esc.escalated, timeout=10_000):
        esc.buttons.accepted.emit()
    dialog = MeetingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    qtmodeltester.check(dialog.awaiting)
    assert [d.number for d in dialog.awaiting.rows] == numbers
    assert "环卫所" in dialog.attending()  # the departments concerned are ticked
    dialog.submit()  # nothing decided yet: one sentence, nothing written
    assert "至少" in dialog.error_label.text()
    for row, department in enumerate(("城管执法中队", "环卫所")):
        dialog.awaiting_view.selectRow(row)
        dialog.department_combo.setCurrentText(department)
        dialog.decision_text.setText("会同社区现场处置" if row == 0 else "")
        dialog.add_decision()
    qtmodeltester.check(dialog.decided)
    assert [(d.number, d.department) for d in dialog.decisions] == [
        (numbers[0], "城管执法中队"),
        (numbers[1], "环卫所"),
    ]
    snap(dialog, "meeting_dialog.png")
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    for number, department in zip(numbers, ("城管执法中队", "环卫所"), strict=True):
        case = load(street, number)
        assert case.status == Status.DISPATCHED.value
        with street.read() as s:
            assert s.get_one(Department, case.department_id).name == department


def test_the_rules_editor_saves_a_rule_for_administrators_only(
    qtbot: QtBot,
    street: Database,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: ModelTester,
) -> None:
    dialog = EscalationRulesDialog(make_ctx(street, ADMIN))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loads == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    assert len(dialog.model.rows) == 2
    dialog.scope.setCurrentIndex(dialog.scope.findData("category"))
    dialog.category.setText("0101")
    dialog.reply_days.setValue(2)
    dialog.escalate_after.setValue(0)  # 不上报
    dialog.target.setCurrentIndex(dialog.target.findData("district"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.loads == 2, timeout=10_000)
    snap(dialog, "escalation_rules.png")
    with street.read() as s:
        rule = next(r for r in list_rules(s) if r.category_code == "0101")
    assert rule.reply_days == 2 and rule.escalate_after_days is None
    assert rule.escalate_to == "district"
    reader = EscalationRulesDialog(make_ctx(street, LEADER))
    qtbot.addWidget(reader)
    assert not reader.save_button.isEnabled()
    # An unknown 小类 is refused in one sentence.
    dialog.scope.setCurrentIndex(dialog.scope.findData("category"))
    dialog.category.setText("9999")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不存在" in dialog.message.text(), timeout=10_000)


def test_dispatcher_menu_offers_escalate_and_meeting(street: Database) -> None:
    from desktop.desk import desk_actions as da

    ids = [a.id for a in da.DESK_ACTIONS if a.allowed_for(DISPATCHER)]
    assert "escalate" in ids and "meeting" in ids
    assert not da.BY_ID["meeting"].allowed_for(LEADER)


def test_the_window_sweeps_the_rules_off_the_gui_thread(
    qtbot: QtBot, street: Database, make_ctx: Callable[..., AppContext]
) -> None:
    from datetime import timedelta

    from db.clock import utcnow
    from db.models import Setting
    from desktop.desk.escalation_sweeper import EscalationSweeper

    number = dispatched_at(street, utcnow() - timedelta(days=12))  # long overdue
    with street.write() as s:  # the last sweep ran a month ago
        s.add(Setting(key=WATERMARK_KEY, value=(utcnow() - timedelta(days=30)).isoformat()))
    ctx = make_ctx(street, DISPATCHER)
    sweeper = EscalationSweeper(ctx)
    with qtbot.waitSignal(sweeper.swept, timeout=10_000) as blocker:
        sweeper.start()
    run = blocker.args[0]
    assert number in run.urged and number in run.escalated
    assert load(street, number).urge_count == 1
    sweeper.sweep()  # again: nothing more
    qtbot.waitUntil(lambda: sweeper.runs == 2, timeout=10_000)
    assert load(street, number).urge_count == 1
    assert not EscalationSweeper(make_ctx(street, LEADER)).enabled

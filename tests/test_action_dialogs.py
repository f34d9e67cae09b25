"""Each action dialog drives a real transition through the workflow service; a lost race is explained."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case, CaseEvent
from db.models.base import utcnow
from desktop.cases.action_dialogs import ActionDialog, from_qdatetime, to_qdatetime
from desktop.cases.case_detail import CaseDetailPane
from desktop.core.context import AppContext
from tests.street import GRID_A1, GRID_B1


def new_case(db: Database, grid: str = GRID_A1, category: str = "0101") -> str:
    return report_case(
        db,
        grid_code=grid,
        category_code=category,
        description="小区门口垃圾桶满溢",
        reporter_phone="13912345678",
    )


@pytest.fixture
def pane(qtbot: QtBot, ctx: AppContext) -> CaseDetailPane:
    widget = CaseDetailPane(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def show(qtbot: QtBot, pane: CaseDetailPane, number: str) -> None:
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_case(number)


def open_dialog(qtbot: QtBot, pane: CaseDetailPane, action: Action) -> ActionDialog:
    button = pane.action_buttons[action]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = pane.current_dialog
    assert dialog is not None and dialog.isVisible() and dialog.action is action
    return dialog


def confirm(qtbot: QtBot, pane: CaseDetailPane, dialog: ActionDialog) -> None:
    """Click OK and wait for the action to commit and the pane to show the new state."""
    with (
        qtbot.waitSignal(pane.case_acted, timeout=10_000),
        qtbot.waitSignal(pane.loaded, timeout=10_000),
    ):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def status_of(db: Database, number: str) -> str:
    with db.read() as s:
        return case_detail(s, number).status


def test_register(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.REGISTER)
    assert not dialog.reason_required
    confirm(qtbot, pane, dialog)
    assert status_of(ctx.db, number) == "registered"
    assert pane.detail is not None and pane.detail.status == "registered"
    assert Action.DISPATCH in pane.action_buttons  # the buttons follow the new state


def test_dispatch_with_a_chosen_department(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    number = new_case(ctx.db)
    apply(ctx.db, number, Action.REGISTER)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.DISPATCH)
    assert dialog.department_combo is not None
    assert dialog.department_combo.currentText() == "环卫所"  # the category's default
    assert dialog.department_combo.count() == 25
    dialog.department_combo.setCurrentText("城管执法中队")
    confirm(qtbot, pane, dialog)
    with ctx.db.read() as s:
        detail = case_detail(s, number)
    assert detail.status == "dispatched"
    assert detail.department == "城管执法中队"
    assert detail.handle_due is not None


def test_unknown_department_is_refused_in_the_dialog(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    number = new_case(ctx.db)
    apply(ctx.db, number, Action.REGISTER)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.DISPATCH)
    assert dialog.department_combo is not None
    dialog.department_combo.setCurrentText("不存在的部门")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "不存在的部门" in dialog.error_label.text()
    dialog.reject()
    assert status_of(ctx.db, number) == "registered"


def test_reject_needs_a_reason(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.REJECT)
    assert dialog.reason_required
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "请填写原因。"
    assert status_of(ctx.db, number) == "reported"
    dialog.reason_edit.setPlainText("重复上报，已有案件处理")  # QTest cannot type CJK
    confirm(qtbot, pane, dialog)
    assert status_of(ctx.db, number) == "rejected"
    with ctx.db.read() as s:
        note = s.scalar(
            select(CaseEvent.note)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.number == number, CaseEvent.action == "reject")
        )
    assert note == "重复上报，已有案件处理"


def test_extend_with_a_later_deadline(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    apply(ctx.db, number, Action.REGISTER)
    apply(ctx.db, number, Action.DISPATCH, Request(department="环卫所"))
    show(qtbot, pane, number)
    assert pane.detail is not None and pane.detail.due_at is not None
    current = pane.detail.due_at
    dialog = open_dialog(qtbot, pane, Action.EXTEND)
    assert dialog.until_edit is not None
    tz = ctx.settings.tz
    # The editor does not go below the current deadline; a deadline not later is refused.
    dialog.until_edit.setDateTime(to_qdatetime(current - timedelta(days=2), tz))
    assert from_qdatetime(dialog.until_edit.dateTime(), tz) > current
    dialog.reason_edit.setPlainText("需协调供电部门停电作业")
    wanted = (current + timedelta(days=3)).astimezone(tz).replace(second=0, microsecond=0)
    dialog.until_edit.setDateTime(to_qdatetime(wanted, tz))
    confirm(qtbot, pane, dialog)
    with ctx.db.read() as s:
        detail = case_detail(s, number)
    assert detail.due_at == wanted
    assert detail.extension_count == 1
    assert "延期至" in pane.history_entries[0].text()


def test_extend_not_later_than_now_is_refused(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    number = new_case(ctx.db)
    apply(ctx.db, number, Action.REGISTER)
    apply(ctx.db, number, Action.DISPATCH, Request(department="环卫所"))
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.EXTEND)
    assert dialog.until_edit is not None
    dialog.until_edit.setMinimumDateTime(
        to_qdatetime(pane.detail.due_at - timedelta(days=5), ctx.settings.tz)
    )  # type: ignore[union-attr]
    dialog.until_edit.setDateTime(
        to_qdatetime(pane.detail.due_at - timedelta(hours=1), ctx.settings.tz)
    )  # type: ignore[union-attr]
    dialog.reason_edit.setPlainText("理由")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "新的期限应晚于当前期限。"
    dialog.reject()


def test_callback_with_satisfaction(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    for action in (Action.REGISTER, Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK, Action.VERIFY):
        apply(ctx.db, number, action)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.CALLBACK)
    assert dialog.satisfaction_combo is not None
    dialog.satisfaction_combo.setCurrentIndex(dialog.satisfaction_combo.findText("不满意"))
    confirm(qtbot, pane, dialog)
    with ctx.db.read() as s:
        detail = case_detail(s, number)
    assert detail.satisfaction == "dissatisfied"
    assert "不满意" in "\n".join(label.text() for label in pane.history_entries)


def test_merge_into_another_case(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    main = new_case(ctx.db)
    duplicate = new_case(ctx.db, grid=GRID_B1)
    show(qtbot, pane, duplicate)
    dialog = open_dialog(qtbot, pane, Action.MERGE)
    assert dialog.target_edit is not None
    qtbot.keyClicks(dialog.target_edit, duplicate)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "案件不能合并到自身。"
    dialog.target_edit.setText(main)
    confirm(qtbot, pane, dialog)
    with ctx.db.read() as s:
        detail = case_detail(s, duplicate)
    assert detail.status == "merged"
    assert detail.merged_into == main


def test_redispatch_with_reason(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    apply(ctx.db, number, Action.REGISTER)
    apply(ctx.db, number, Action.DISPATCH, Request(department="环卫所"))
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.REDISPATCH)
    assert dialog.department_combo is not None
    assert dialog.department_combo.currentText() == ""  # the default is where it already is
    dialog.department_combo.setCurrentText("住建办")
    dialog.reason_edit.setPlainText("属住建办职责")
    confirm(qtbot, pane, dialog)
    with ctx.db.read() as s:
        assert case_detail(s, number).department == "住建办"


def test_cancel_changes_nothing(qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane) -> None:
    number = new_case(ctx.db)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.REGISTER)
    with qtbot.assertNotEmitted(pane.case_acted, wait=100):
        dialog.reject()
    assert status_of(ctx.db, number) == "reported"


def test_stale_version_gives_one_message_and_reloads(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    number = new_case(ctx.db)
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.REJECT)
    dialog.reason_edit.setPlainText("不属于受理范围")
    apply(ctx.db, number, Action.REGISTER)  # another workstation wins the race
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = pane.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "已被他人修改" in box.text()
    assert "不予立案" in box.text()
    assert status_of(ctx.db, number) == "registered"  # nothing written
    assert pane.detail is not None and pane.detail.status == "registered"
    assert Action.REJECT not in pane.action_buttons
    box.close()


def test_actions_wait_while_the_live_connection_is_lost(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    number = new_case(ctx.db)
    show(qtbot, pane, number)
    assert pane.action_buttons[Action.REGISTER].isEnabled()
    ctx.feed._deliver_state("reconnecting")
    assert not any(b.isEnabled() for b in pane.action_buttons.values())
    assert "只能查看" in pane.action_buttons[Action.REGISTER].toolTip()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):  # back: reload what we missed
        ctx.feed._deliver_state("connected")
    assert all(b.isEnabled() for b in pane.action_buttons.values())


def test_buttons_the_role_may_not_use_are_disabled(qtbot: QtBot, street: Database) -> None:
    from db.security.actors import Actor, Role

    context = AppContext.create(street, Actor("li", "李明", Role.DISPATCHER), start_feed=False)
    try:
        widget = CaseDetailPane(context)
        qtbot.addWidget(widget)
        number = new_case(street)
        apply(street, number, Action.REGISTER)
        apply(street, number, Action.DISPATCH)
        show(qtbot, widget, number)
        assert not widget.action_buttons[Action.EXTEND].isEnabled()  # 值班长 approves 延期
        assert widget.action_buttons[Action.URGE].isEnabled()
    finally:
        context.close()


# The remaining actions, each from a state that allows it: the path there, what the dialog
# needs, and the state the case is in afterwards.
_DISPATCHED = [(Action.REGISTER, None), (Action.DISPATCH, "环卫所")]
_ACCEPTED = [*_DISPATCHED, (Action.ACCEPT, None)]
_FEEDBACK = [*_ACCEPTED, (Action.FEEDBACK, None)]
_SUSPENDED = [*_ACCEPTED, (Action.SUSPEND, None)]
EVERY_OTHER_ACTION = [
    (Action.SELF_RESOLVE, [], "self_resolved"),
    (Action.ACCEPT, _DISPATCHED, "accepted"),
    (Action.RETURN, _DISPATCHED, "returned"),
    (Action.FEEDBACK, _ACCEPTED, "feedback"),
    (Action.VERIFY, _FEEDBACK, "closed"),
    (Action.REWORK, _FEEDBACK, "accepted"),
    (Action.SUSPEND, _ACCEPTED, "suspended"),
    (Action.RESUME, _SUSPENDED, "accepted"),
    (Action.URGE, _ACCEPTED, "accepted"),
]


@pytest.mark.parametrize(
    ("action", "path", "after"), EVERY_OTHER_ACTION, ids=[a.value for a, _, _ in EVERY_OTHER_ACTION]
)
def test_every_other_action_dialog(
    qtbot: QtBot,
    ctx: AppContext,
    pane: CaseDetailPane,
    action: Action,
    path: list[tuple[Action, str | None]],
    after: str,
) -> None:
    number = new_case(ctx.db)
    for step, department in path:
        reason = "测试原因" if step in (Action.SUSPEND,) else ""
        apply(ctx.db, number, step, Request(department=department, reason=reason))
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, action)
    if dialog.reason_required:
        # Without a reason the dialog stays open and says so; nothing changes.
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.error_label.text()
        dialog.reason_edit.setPlainText("现场核实后处理")
    else:
        dialog.reason_edit.setPlainText("已电话联系")
    confirm(qtbot, pane, dialog)
    assert status_of(ctx.db, number) == after
    with ctx.db.read() as s:
        last = s.execute(
            select(CaseEvent.action, CaseEvent.note)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.number == number)
            .order_by(CaseEvent.id.desc())
        ).first()
    assert last is not None and last.action == action.value
    assert last.note in ("现场核实后处理", "已电话联系")
    assert pane.detail is not None and pane.detail.status == after


def test_extending_an_overdue_case_proposes_a_day_from_now(
    qtbot: QtBot, ctx: AppContext, pane: CaseDetailPane
) -> None:
    """An overdue case's deadline is in the past: the proposed new one starts from now."""
    number = report_case(
        ctx.db,
        grid_code=GRID_A1,
        category_code="0101",
        description="小区门口垃圾桶满溢",
        now=utcnow() - timedelta(days=10),
    )
    apply(ctx.db, number, Action.REGISTER, now=utcnow() - timedelta(days=10))
    apply(
        ctx.db,
        number,
        Action.DISPATCH,
        Request(department="环卫所"),
        now=utcnow() - timedelta(days=10),
    )
    show(qtbot, pane, number)
    dialog = open_dialog(qtbot, pane, Action.EXTEND)
    assert dialog.until_edit is not None
    proposed = from_qdatetime(dialog.until_edit.dateTime(), ctx.settings.tz)
    assert proposed > utcnow() + timedelta(hours=23)
    dialog.reject()

"""A co-department (协办) works its part of a joint case from its own inbox (both databases): it
sees the case by its own track's stage and deadline, marked 协办, accepts and feeds back for its
own department only; it cannot take the lead's steps or another co-department's (refused in
db, nothing changed); the centre's step for a department is 代录 and counted in the return; the
lead's feedback goes through once every track is done. And the same from the inbox window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.co_tracks import CoState
from db.cases.inbox import Stage, inbox_counts, inbox_page
from db.cases.joint import case_tracks, co_accept, co_feedback, co_return
from db.cases.notes import add_note
from db.cases.queries import case_detail, list_cases
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import PermissionDenied
from db.models import Base, Department
from db.security.actors import SYSTEM, Actor, Role
from desktop.cases.co_section import CoStepDialog
from desktop.core.context import AppContext
from desktop.inbox.inbox_model import COL_LEFT, COL_NOTE, COL_NUMBER, COL_STATUS
from desktop.shell.main_window import MainWindow
from reports.department_performance import proxy_counts
from tests.test_cli import PNG
from tests.test_workflow import events, load, local, report_at

LEAD, CO1, CO2, OTHER = "环卫所", "城管执法中队", "园林绿化所", "住建办"
TABLES = ("cases", "case_events", "case_changes", "case_departments", "audit_log")
WAIT = 15_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _handler(db: Database, department: str) -> Actor:
    with db.read() as s:
        dept_id = s.scalar(select(Department.id).where(Department.name == department))
    assert dept_id is not None
    return Actor(f"u{dept_id}", f"{department}经办", Role.DEPARTMENT_HANDLER, dept_id)


def _joint_case(db: Database, when: datetime) -> str:
    number = report_at(db, when)
    apply(db, number, Action.REGISTER, now=when)
    request = Request(department=LEAD, reason="联合整治", co=(CO1, CO2))
    apply(db, number, Action.DISPATCH, request, now=when)
    return number


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read() as s:
        return {
            name: [
                tuple(r)
                for r in s.execute(
                    select(Base.metadata.tables[name]).order_by(
                        *Base.metadata.tables[name].primary_key.columns
                    )
                )
            ]
            for name in TABLES
        }


def test_a_co_department_works_its_own_track_from_its_inbox(street: Database) -> None:
    friday = local(2026, 11, 27, 16, 0)
    number = _joint_case(street, friday)
    lead, co1, co2, other = (_handler(street, d) for d in (LEAD, CO1, CO2, OTHER))
    dispatcher = Actor("liming", "李明", Role.DISPATCHER)
    with street.read() as s:
        track = next(t for t in case_tracks(s, number) if t.department == CO1)
    monday = local(2026, 11, 30, 9, 0)

    # Its inbox: the case, 待受理 by its own track, marked 协办, its own deadline and time left.
    with street.read() as s:
        assert inbox_counts(s, co1, monday)[Stage.TO_ACCEPT] == 1
        (row,) = inbox_page(s, co1, Stage.TO_ACCEPT, now=monday)
        assert (row.number, row.co, row.due_at) == (number, True, track.due_at)
        assert row.dispatch_note == "联合整治"
        assert row.seconds_left == 2 * 3600  # Monday 09:00 → its 11:00 deadline, working time
        assert [c.number for c in list_cases(s, actor=co1)] == [number]
        detail = case_detail(s, number, co1)
        # The lead's steps are not offered to a 协办; its own track is named.
        assert detail.allowed_actions == [] and detail.own_co_department == CO1
        # A department with no part in it sees nothing of it.
        assert sum(inbox_counts(s, other, monday).values()) == 0
        with pytest.raises(PermissionDenied, match="不属于本部门"):
            case_detail(s, number, other)
    with street.write() as s:
        add_note(s, co1, number, "已安排人员")  # its notes on the case too

    # Refused in db, nothing changed: the lead's steps, another co-department's track.
    before = _snapshot(street)
    with pytest.raises(PermissionDenied, match="不属于本部门"):
        apply(street, number, Action.ACCEPT, now=monday, actor=co1)
    for step in (
        lambda: co_accept(street, number, CO2, co1, now=monday),
        lambda: co_return(street, number, CO2, "不归我们", co1, now=monday),
        lambda: co_accept(street, number, CO1, lead, now=monday),
        lambda: co_accept(street, number, CO1, other, now=monday),
    ):
        with pytest.raises(PermissionDenied, match="只能办理本部门的协办"):
            step()
    assert _snapshot(street) == before

    # Its own steps, from its account: 受理 then 反馈, its own (no 代录).
    co_accept(street, number, CO1, co1, now=monday)
    with street.read() as s:
        counts = inbox_counts(s, co1, monday)
        assert counts[Stage.TO_ACCEPT] == 0
        assert counts[Stage.HANDLING] + counts[Stage.TO_FEEDBACK] == 1
        assert inbox_counts(s, co1, track.due_at)[Stage.OVERDUE] == 1  # by its own deadline
    co_feedback(street, number, CO1, "已清运", co1, now=monday + timedelta(minutes=30))
    with street.read() as s:
        assert sum(inbox_counts(s, co1, monday).values()) == 0
        assert case_detail(s, number, co1).own_co_department == CO1  # still readable
    mine = [e for e in events(street, number) if e.actor == f"{CO1}经办"]
    assert [e.action for e in mine] == ["co-accept", "co-feedback"]
    assert all("proxy" not in (e.details or {}) for e in mine)

    # The lead's own steps; its feedback waits for 园林绿化所, whose part the centre enters
    # (代录, counted in the department return), then goes through.
    apply(street, number, Action.ACCEPT, now=monday, actor=lead)
    co_accept(street, number, CO2, dispatcher, now=monday)
    co_feedback(street, number, CO2, "已修剪树枝", dispatcher, now=monday)
    proxy = [e for e in events(street, number) if e.actor == "李明"]
    assert [e.action for e in proxy] == ["co-accept", "co-feedback"]
    assert all((e.details or {}).get("proxy") is True for e in proxy)
    with street.read() as s:
        co2_id = _handler(street, CO2).department_id
        assert proxy_counts(s, friday, monday + timedelta(days=1)) == {co2_id: 2}
    apply(street, number, Action.FEEDBACK, Request(reason="已处理"), lead, now=monday)
    assert load(street, number).status == Status.FEEDBACK.value
    assert co2.department_id == co2_id


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: ctx.feed.state == "connected", timeout=WAIT)
    return window


def test_the_co_department_accepts_and_feeds_back_from_its_inbox_window(
    street: Database, qtbot: QtBot, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    from db.clock import utcnow

    number = _joint_case(street, utcnow())
    co1 = _handler(street, CO1)
    window = _window(qtbot, make_ctx(street, co1, feed=True))
    desk_window = _window(qtbot, make_ctx(street, Actor("zq", "周强", Role.SHIFT_LEAD), feed=True))
    desk = desk_window.desk_page
    desk.detail.show_case(number)
    qtbot.waitUntil(lambda: desk.detail.detail is not None, timeout=WAIT)
    inbox = window.inbox_page
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    assert inbox.model.index(0, COL_NUMBER).data() == number
    assert inbox.model.index(0, COL_STATUS).data() == "协办 · 待受理"
    assert inbox.model.index(0, COL_NOTE).data() == "联合整治"
    assert inbox.model.index(0, COL_LEFT).data() not in ("", "—")

    # 受理 (Ctrl+Shift+A) takes its own track's 协办受理; 申请延期 and 申请协办 are the lead's.
    assert inbox.select_case(number)
    qtbot.waitUntil(lambda: inbox.buttons["accept"].isEnabled(), timeout=WAIT)
    assert not inbox.buttons["feedback"].isEnabled()
    assert not inbox.buttons["extension"].isEnabled()
    assert not inbox.buttons["cohandle"].isEnabled()
    tracks = inbox.detail.tracks
    assert tracks is not None
    assert set(tracks.buttons) == {("co-accept", CO1), ("co-return", CO1)}  # its own track only
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: inbox.tabs.tabText(0) == "待受理 0", timeout=WAIT)
    with street.read() as s:
        states = {t.department: t.state for t in case_tracks(s, number)}
    assert states == {CO1: CoState.ACCEPTED, CO2: CoState.DISPATCHED}
    assert load(street, number).status == Status.DISPATCHED.value  # the lead's own stays
    qtbot.waitUntil(  # the desk hears of it live
        lambda: (
            desk.detail.detail is not None
            and desk.detail.detail.co_tracks[0].state is CoState.ACCEPTED
        ),
        timeout=WAIT,
    )

    # 反馈 (Ctrl+Shift+F) asks for its text and takes 协办反馈.
    inbox.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    assert inbox.select_case(number)
    qtbot.waitUntil(lambda: inbox.buttons["feedback"].isEnabled(), timeout=WAIT)
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_F, CTRL_SHIFT)
    dialog = inbox.detail.co_dialog
    assert isinstance(dialog, CoStepDialog) and dialog.step == "co-feedback"
    dialog.text.setPlainText("已清运")
    photo = tmp_path / "协办清运后.png"
    photo.write_bytes(PNG)
    dialog.add_photos([photo])
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    qtbot.waitUntil(lambda: inbox.tabs.tabText(1) == "处置中 0", timeout=WAIT)
    with street.read() as s:
        (mine,) = [t for t in case_tracks(s, number) if t.department == CO1]
    assert mine.state is CoState.FED_BACK and mine.feedback == "已清运"
    # The desk sees the feedback and its after-photo live; the step is the department's own.
    qtbot.waitUntil(
        lambda: (
            desk.detail.detail is not None
            and [p.filename for p in desk.detail.detail.photos] == ["协办清运后.png"]
        ),
        timeout=WAIT,
    )
    last = desk.detail.detail.history[-1]
    assert (last.action, last.actor, last.note) == ("co-feedback", f"{CO1}经办", "已清运")
    assert (last.details or {}).get("photos") == ["协办清运后.png"]
    assert "proxy" not in (last.details or {})


def test_a_co_department_works_its_track_from_the_command_line(
    street: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.security.accounts import add_user
    from desktop.cli.main import main

    pw = "Grid2026desk"
    monkeypatch.setenv("GRIDDESK_PASSWORD", pw)
    with street.write() as s:
        add_user(s, "admin", "admin", pw)
        for name, dept in (("hw", LEAD), ("cg", CO1), ("yl", CO2)):
            add_user(s, name, "department_handler", pw, f"{dept}经办", SYSTEM, dept)
    url = street.engine.url.render_as_string(hide_password=False)
    from db.clock import utcnow

    number = _joint_case(street, utcnow())

    def run(user: str, *argv: str) -> tuple[int, str, str]:
        code = main(["--db", url, "--user", user, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("cg", "case", "inbox")
    assert code == 0 and number in out and "协办·待受理" in out
    code, out, err = run("cg", "case", "accept", number)  # its own track's 协办受理
    assert code == 0 and f"协办受理（{CO1}）" in out, err
    code, _, err = run("cg", "case", "co-accept", number, "--department", CO2)
    assert code == 2 and "只能办理本部门的协办" in err
    code, out, err = run("cg", "case", "feedback", number, "--reason", "已清运")
    assert code == 0 and f"协办反馈（{CO1}）" in out, err
    with street.read() as s:
        states = {t.department: t.state for t in case_tracks(s, number)}
    assert states == {CO1: CoState.FED_BACK, CO2: CoState.DISPATCHED}
    assert load(street, number).status == Status.DISPATCHED.value
    code, out, err = run("hw", "case", "accept", number)  # the lead's own 受理
    assert code == 0 and load(street, number).status == Status.ACCEPTED.value, err

"""Every role × every operation in the service layer, allowed and refused, on both databases.

The expected matrix is written out here from the roles' descriptions (issue 7), not derived
from db/security/actors.py, so a wrong permission table fails the test.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import PermissionDenied
from db.models.base import utcnow
from db.reference.settings_store import save_setting
from db.security.accounts import add_user
from db.security.actors import SYSTEM, Actor, Role
from tests.street import GRID_A1

ROLES = [
    Role.DISPATCHER,
    Role.SHIFT_LEAD,
    Role.SECRETARY,
    Role.LEADER,
    Role.ADMIN,
    Role.DEPARTMENT_HANDLER,
    Role.DEPARTMENT_HEAD,
]
DEPARTMENT_ROLES = {Role.DEPARTMENT_HANDLER, Role.DEPARTMENT_HEAD}
# The department the matrix's department accounts belong to: 0101 (暴露垃圾) goes there.
OWN_DEPARTMENT = "环卫所"
# A department's own steps on its own cases: 受理, 退单, 反馈.
DEPARTMENT_STEPS = {Action.ACCEPT, Action.RETURN, Action.FEEDBACK}
APPROVALS = {Action.EXTEND, Action.SUSPEND, Action.RESUME}
DESK = set(Action) - APPROVALS - {Action.REPORT}

# What each role may do with cases: 调度员 the desk actions, 值班长 those and the approvals,
# 文书 / 领导 / 管理员 nothing.
CASE_ALLOWED: dict[Role, set[Action]] = {
    Role.DISPATCHER: DESK,
    Role.SHIFT_LEAD: DESK | APPROVALS,
    Role.SECRETARY: set(),
    Role.LEADER: set(),
    Role.ADMIN: set(),
    Role.DEPARTMENT_HANDLER: DEPARTMENT_STEPS,
    Role.DEPARTMENT_HEAD: DEPARTMENT_STEPS,
}


def _department_id(db: Database, name: str = OWN_DEPARTMENT) -> int:
    from sqlalchemy import select

    from db.models import Department

    with db.read() as s:
        dept_id = s.scalar(select(Department.id).where(Department.name == name))
    assert dept_id is not None
    return dept_id


def _actor(role: Role, db: Database, username: str = "u") -> Actor:
    """An actor of `role`; a department account bound to 环卫所."""
    if role in DEPARTMENT_ROLES:
        return Actor(username, username, role, _department_id(db))
    return Actor(username, username, role)


# The path (as SYSTEM) that brings a fresh case into a state where the action is valid.
PREPARE: dict[Action, list[tuple[Action, Request]]] = {
    Action.REGISTER: [],
    Action.REJECT: [],
    Action.SELF_RESOLVE: [],
    Action.MERGE: [],
    Action.DISPATCH: [(Action.REGISTER, Request())],
    Action.ACCEPT: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.RETURN: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.REDISPATCH: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.RECALL: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.EXTEND: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.SUSPEND: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.URGE: [(Action.REGISTER, Request()), (Action.DISPATCH, Request())],
    Action.FEEDBACK: [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.ACCEPT, Request()),
    ],
    Action.VERIFY: [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.ACCEPT, Request()),
        (Action.FEEDBACK, Request()),
    ],
    Action.REWORK: [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.ACCEPT, Request()),
        (Action.FEEDBACK, Request()),
    ],
    Action.RESUME: [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.SUSPEND, Request(reason="协调中")),
    ],
    Action.CALLBACK: [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.ACCEPT, Request()),
        (Action.FEEDBACK, Request()),
        (Action.VERIFY, Request()),
    ],
}


def _request(action: Action, db: Database) -> Request:
    if action is Action.REDISPATCH:
        return Request(department="城管执法中队", reason="不属本部门")
    if action is Action.EXTEND:
        return Request(until=utcnow() + timedelta(days=30), reason="需要材料")
    if action is Action.CALLBACK:
        return Request(satisfaction="满意")
    if action is Action.MERGE:
        return Request(
            into=report_case(db, grid_code=GRID_A1, category_code="0101", description="原案件")
        )
    if action in (Action.REJECT, Action.RETURN, Action.REWORK, Action.SUSPEND):
        return Request(reason="原因")
    return Request()


def _case_ready_for(action: Action, db: Database) -> str:
    number = report_case(db, grid_code=GRID_A1, category_code="0101", description="权限测试")
    for step, request in PREPARE[action]:
        apply(db, number, step, request, SYSTEM)
    return number


def test_every_role_times_every_case_action(street: Database) -> None:
    wrong: list[str] = []
    for role in ROLES:
        actor = _actor(role, street, f"u_{role.value}")
        for action in sorted(set(Action) - {Action.REPORT}, key=lambda a: a.value):
            number = _case_ready_for(action, street)
            request = _request(action, street)
            try:
                apply(street, number, action, request, actor)
                allowed = True
            except PermissionDenied as exc:
                allowed = False
                assert "无权" in str(exc)
            if allowed != (action in CASE_ALLOWED[role]):
                wrong.append(f"{role.value} {action.value}: {'allowed' if allowed else 'refused'}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_case(street: Database, role: Role) -> None:
    actor = Actor("u", "u", role)
    allowed = role in (Role.DISPATCHER, Role.SHIFT_LEAD)
    if allowed:
        assert report_case(
            street, grid_code=GRID_A1, category_code="0101", description="x", actor=actor
        )
    else:
        with pytest.raises(PermissionDenied):
            report_case(
                street, grid_code=GRID_A1, category_code="0101", description="x", actor=actor
            )


@pytest.mark.parametrize("role", ROLES)
def test_settings_and_accounts_are_for_administrators(db: Database, role: Role) -> None:
    with db.write() as s:
        add_user(s, "admin", "admin", "Grid2026desk")
    actor = Actor("u", "u", role)
    if role is Role.ADMIN:
        with db.write() as s:
            save_setting(s, "warn_share", 0.75, actor)
            add_user(s, "new", "dispatcher", "Grid2026desk", actor=actor)
        return
    with pytest.raises(PermissionDenied), db.write() as s:
        save_setting(s, "warn_share", 0.75, actor)
    with pytest.raises(PermissionDenied), db.write() as s:
        add_user(s, "new", "dispatcher", "Grid2026desk", actor=actor)


ROSTER_EDIT = {Role.SECRETARY}
REPORT_EXPORT = {Role.SECRETARY, Role.SHIFT_LEAD, Role.LEADER}


@pytest.mark.parametrize("role", ROLES)
def test_roster_editing_is_for_secretaries(street: Database, role: Role) -> None:
    from datetime import date

    from db.people.id_numbers import make_id_number
    from db.people.roster_kinds import Kind
    from db.people.rosters import create_entry
    from tests.street import COMMUNITY_B

    raw = {
        "name": "刘红",
        "id_number": make_id_number("210504", date(1975, 4, 1), 12),
        "phone": "13912345678",
        "sending_org": "本溪市第一中学党支部",
        "community": COMMUNITY_B,
        "checkin_date": "2024.05.20",
        "activities": "环境整治",
        "service_hours": "12.5",
    }
    actor = Actor("u", "u", role)
    if role in ROSTER_EDIT:
        with street.write() as s:
            assert create_entry(s, Kind.PARTY_CHECKIN, raw, actor)
    else:
        with pytest.raises(PermissionDenied), street.write() as s:
            create_entry(s, Kind.PARTY_CHECKIN, raw, actor)


@pytest.mark.parametrize("role", ROLES)
def test_exporting_returns(street: Database, role: Role, tmp_path: object) -> None:
    from pathlib import Path

    from reports.period import parse_period
    from reports.registry import export_report
    from reports.request import ReportRequest

    out = Path(str(tmp_path)) / "r.xlsx"
    request = ReportRequest(period=parse_period("2026-10"), actor=Actor("u", "u", role))
    if role in REPORT_EXPORT:
        assert export_report(street, "monthly-cases", request, out).exists()
        unmasked = ReportRequest(
            period=parse_period("2026-10"), actor=Actor("u", "u", role), unmasked=True
        )
        if role is Role.LEADER:  # may read returns, may not see personal data in clear
            with pytest.raises(PermissionDenied):
                export_report(street, "community-workers", unmasked, out)
    else:
        with pytest.raises(PermissionDenied):
            export_report(street, "monthly-cases", request, out)
        assert not out.exists()


ROSTER_READ = {Role.SECRETARY, Role.LEADER, Role.ADMIN}
REVEAL = {Role.DISPATCHER, Role.SHIFT_LEAD, Role.SECRETARY}


@pytest.mark.parametrize("role", ROLES)
def test_reading_returns(street: Database, role: Role) -> None:
    """Case returns are for every centre role; roster and staffing returns are personnel data."""
    from reports.period import parse_period
    from reports.registry import build_report
    from reports.request import ReportRequest

    request = ReportRequest(period=parse_period("2026-10"), actor=Actor("u", "u", role))
    if role in DEPARTMENT_ROLES:  # the centre's returns name every department
        with pytest.raises(PermissionDenied):
            build_report(street, "monthly-cases", request)
    else:
        assert build_report(street, "monthly-cases", request).sheets
    for kind in ("community-workers", "staffing-standard"):
        if role in ROSTER_READ:
            assert build_report(street, kind, request).sheets
        else:
            with pytest.raises(PermissionDenied):
                build_report(street, kind, request)


def _roster_entry(street: Database) -> int:
    from datetime import date

    from db.people.id_numbers import make_id_number
    from db.people.roster_kinds import Kind
    from db.people.rosters import create_entry
    from tests.street import GRID_A2

    raw = {
        "name": "赵伟",
        "id_number": make_id_number("210504", date(1980, 6, 1), 21),
        "phone": "13700001111",
        "grid": GRID_A2,
        "role": "网格员",
        "start_date": "2024.01.02",
    }
    with street.write() as s:
        return create_entry(s, Kind.GRID_STAFF, raw, SYSTEM)


@pytest.mark.parametrize("role", ROLES)
def test_roster_edit_retire_pay_import_and_read(
    street: Database, role: Role, tmp_path: object
) -> None:
    from pathlib import Path

    from openpyxl import Workbook

    from db.people.pay_scale import set_pay_amount
    from db.people.roster_import import import_roster
    from db.people.roster_kinds import Kind
    from db.people.roster_lists import list_entries
    from db.people.rosters import retire_entry, update_entry

    row_id = _roster_entry(street)
    actor = Actor("u", "u", role)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号码", "网格代码", "类别"])
    sheet.append(["钱七", "210504198001010010", GRID_A1, "网格员"])
    path = Path(str(tmp_path)) / "网格员.xlsx"
    book.save(path)
    writes = [
        lambda s: update_entry(s, Kind.GRID_STAFF, row_id, {"phone": "13700002222"}, actor),
        lambda s: set_pay_amount(s, 1, 2, "6000", actor),
        lambda s: retire_entry(s, Kind.GRID_STAFF, row_id, actor, reason="调离"),
    ]
    for write in writes:
        if role in ROSTER_EDIT:
            with street.write() as s:
                write(s)
        else:
            with pytest.raises(PermissionDenied), street.write() as s:
                write(s)
    if role in ROSTER_EDIT:
        import_roster(street, path, Kind.GRID_STAFF, actor)
    else:
        with pytest.raises(PermissionDenied):
            import_roster(street, path, Kind.GRID_STAFF, actor)
    with street.read() as s:
        if role in ROSTER_READ:
            assert list_entries(s, Kind.GRID_STAFF, actor=actor) is not None
        else:
            with pytest.raises(PermissionDenied):
                list_entries(s, Kind.GRID_STAFF, actor=actor)


@pytest.mark.parametrize("role", ROLES)
def test_revealing_personal_data(street: Database, role: Role) -> None:
    from db.cases.queries import reveal_reporter
    from db.people.roster_kinds import Kind
    from db.people.rosters import reveal

    row_id = _roster_entry(street)
    number = report_case(
        street,
        grid_code=GRID_A1,
        category_code="0101",
        description="个人信息",
        reporter_name="王丽",
        reporter_phone="13812345678",
    )
    actor = Actor("u", "u", role)
    if role in REVEAL:
        with street.write() as s:
            assert reveal(s, actor, Kind.GRID_STAFF, row_id, "phone", "核对") == "13700001111"
            assert reveal_reporter(s, actor, number, "回访") == ("王丽", "13812345678")
    else:
        with pytest.raises(PermissionDenied), street.write() as s:
            reveal(s, actor, Kind.GRID_STAFF, row_id, "phone", "核对")
        with pytest.raises(PermissionDenied), street.write() as s:
            reveal_reporter(s, actor, number, "回访")


@pytest.mark.parametrize("role", ROLES)
def test_accounts_audit_log_and_backup_are_for_administrators(
    db: Database, role: Role, tmp_path: object
) -> None:
    from pathlib import Path

    from db.maintenance.backup import make_backup, restore_backup
    from db.security.accounts import set_active
    from db.security.audit import read_audit_log

    with db.write() as s:
        add_user(s, "admin", "admin", "Grid2026desk")
        add_user(s, "liming", "dispatcher", "Grid2026desk")
    actor = Actor("u", "u", role)
    out = Path(str(tmp_path)) / "copy.sqlite"
    if role is Role.ADMIN:
        assert set_active(db, actor, "liming", False).active is False
        with db.read() as s:
            assert read_audit_log(s, actor)
        if db.is_sqlite:
            assert make_backup(db, out, actor).cases == 0
            assert restore_backup(db, out, actor, safety_dir=Path(str(tmp_path))).cases == 0
        return
    with pytest.raises(PermissionDenied):
        set_active(db, actor, "liming", False)
    with pytest.raises(PermissionDenied), db.read() as s:
        read_audit_log(s, actor)
    with pytest.raises(PermissionDenied):
        make_backup(db, out, actor)
    with pytest.raises(PermissionDenied):
        restore_backup(db, out, actor)
    assert not out.exists()


def test_the_permission_table_names_every_case_action() -> None:
    from db.security.actors import APPROVALS as APPROVAL_VALUES
    from db.security.actors import CASE_ACTIONS

    assert {a.value for a in Action} == CASE_ACTIONS
    assert {a.value for a in APPROVALS} == APPROVAL_VALUES


# Internal notes (case.note): whoever sees a case; the 回访/催办 call lines: who may do the
# action; the shift handover (shift.handover): the desk roles.
NOTES_CALLS_HANDOVER: dict[Role, tuple[bool, bool, bool]] = {
    Role.DISPATCHER: (True, True, True),
    Role.SHIFT_LEAD: (True, True, True),
    Role.SECRETARY: (True, False, False),
    Role.LEADER: (True, False, False),
    Role.ADMIN: (True, False, False),
    # A department's note goes on its own cases only; this one is not dispatched yet.
    Role.DEPARTMENT_HANDLER: (False, False, False),
    Role.DEPARTMENT_HEAD: (False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_case_notes_calls_and_handover(street: Database, role: Role) -> None:
    from db.cases.notes import add_note, log_call
    from db.shifts.handover import hand_over

    actor = _actor(role, street, f"u_{role.value}")
    number = report_case(street, grid_code=GRID_A1, category_code="0101", description="备注权限")
    attempts = (
        lambda s: add_note(s, actor, number, "备注"),
        lambda s: log_call(s, actor, number, "催办", "环卫所", "已接通"),
        lambda s: hand_over(s, actor, "交班"),
    )
    allowed = []
    for attempt in attempts:
        try:
            with street.write() as s:
                attempt(s)
            allowed.append(True)
        except PermissionDenied:
            allowed.append(False)
    assert tuple(allowed) == NOTES_CALLS_HANDOVER[role]


# The department accounts' own operations: on their department's case in the right stage
# allowed; on another department's case, in the wrong stage, or the centre's decisions refused.
def test_department_accounts_act_only_on_their_own_cases(street: Database) -> None:
    from db.cases.inbox import department_figures, inbox_counts
    from db.cases.queries import case_detail, list_cases
    from db.cases.requests import decide_extension, request_cohandling, request_extension
    from db.errors import IllegalTransition, ValidationError

    mine = _case_ready_for(Action.ACCEPT, street)  # 0101 → 环卫所, 待受理
    from sqlalchemy import select

    from db.cases.intake import Photo
    from db.cases.queries import photo_bytes
    from db.models import Attachment

    theirs = report_case(
        street,
        grid_code=GRID_A1,
        category_code="0101",
        description="别的部门",
        photos=(Photo("现场.png", "image/png", b"\x89PNG\r\n\x1a\n"),),
    )
    apply(street, theirs, Action.REGISTER, Request(), SYSTEM)
    apply(street, theirs, Action.DISPATCH, Request(department="城管执法中队"), SYSTEM)
    handler = _actor(Role.DEPARTMENT_HANDLER, street, "jingban")
    head = _actor(Role.DEPARTMENT_HEAD, street, "fuze")
    for actor in (handler, head):
        for action in DEPARTMENT_STEPS:
            with pytest.raises(PermissionDenied, match="不属于本部门"):
                apply(street, theirs, action, _request(action, street), actor)
        with street.read() as s:
            with pytest.raises(PermissionDenied, match="不属于本部门"):
                case_detail(s, theirs, actor)
            assert {c.number for c in list_cases(s, actor=actor)} == {mine}
            photo_id = s.scalar(select(Attachment.id))
            assert photo_id is not None
            with pytest.raises(PermissionDenied, match="不属于本部门"):
                photo_bytes(s, photo_id, actor)
            assert sum(inbox_counts(s, actor).values()) == 1
        with pytest.raises(PermissionDenied), street.write() as s:
            request_extension(s, actor, theirs, extra_days=2, reason="材料")
        with pytest.raises(PermissionDenied), street.write() as s:
            request_cohandling(s, actor, theirs, ["住建办"], "需要住建办")
    # A call line's phone reaches a department masked (the reporter's number, say).
    from db.cases.notes import case_notes, log_call

    with street.write() as s:
        log_call(
            s,
            _actor(Role.DISPATCHER, street),
            mine,
            "催办",
            "反映人",
            "已接通",
            phone="13812345678",
        )
    with street.read() as s:
        assert [n.phone for n in case_notes(s, mine, handler)] == ["138****5678"]
        assert [n.phone for n in case_notes(s, mine)] == ["13812345678"]
    # A stage they cannot act in: feedback before 受理.
    with pytest.raises(IllegalTransition):
        apply(street, mine, Action.FEEDBACK, Request(), handler)
    with street.write() as s:
        ext = request_extension(s, handler, mine, extra_days=2, reason="需要采购")
        request_cohandling(s, handler, mine, ["住建办"], "涉及房屋")
    with street.write() as s, pytest.raises(ValidationError, match="已有一份待审批"):
        request_extension(s, handler, mine, extra_days=1, reason="再次")
    for actor in (handler, head, _actor(Role.DISPATCHER, street)):  # only a 值班长 decides
        with pytest.raises(PermissionDenied):
            decide_extension(street, actor, ext.id, approve=True, reason="")
    with street.read() as s:
        with pytest.raises(PermissionDenied):
            department_figures(s, handler)
        assert department_figures(s, head).pending_extensions == 1
        for actor in (_actor(r, street) for r in ROLES if r not in DEPARTMENT_ROLES):
            with pytest.raises(PermissionDenied):
                request_extension(s, actor, mine, extra_days=1, reason="中心不申请")
    lead = _actor(Role.SHIFT_LEAD, street)
    decide_extension(street, lead, ext.id, approve=True, reason="")
    with pytest.raises(ValidationError, match=f"^延期申请 {ext.id} 已批准，不能再次审批$"):
        decide_extension(street, lead, ext.id, approve=False, reason="再议")


# A co-department's track (协办, db.cases.joint): the desk takes any step for a department
# (代录) and releases it; a department account takes its own track's steps (its department is
# the 协办 here), never the release; 文书 / 领导 / 管理员 nothing.
CO_STEPS = ("co-accept", "co-return", "co-feedback", "co-release")
CO_ALLOWED: dict[Role, set[str]] = {
    Role.DISPATCHER: set(CO_STEPS),
    Role.SHIFT_LEAD: set(CO_STEPS),
    Role.SECRETARY: set(),
    Role.LEADER: set(),
    Role.ADMIN: set(),
    Role.DEPARTMENT_HANDLER: {"co-accept", "co-return", "co-feedback"},
    Role.DEPARTMENT_HEAD: {"co-accept", "co-return", "co-feedback"},
}


def test_every_role_times_every_co_department_step(street: Database) -> None:
    from db.cases import joint

    wrong: list[str] = []
    for role in ROLES:
        actor = _actor(role, street, f"co_{role.value}")
        for step in CO_STEPS:
            number = _case_ready_for(Action.DISPATCH, street)
            lead = Request(department="城管执法中队", co=(OWN_DEPARTMENT,))
            apply(street, number, Action.DISPATCH, lead, SYSTEM)
            if step == "co-feedback":
                joint.co_accept(street, number, OWN_DEPARTMENT)
            try:
                if step == "co-accept":
                    joint.co_accept(street, number, OWN_DEPARTMENT, actor)
                else:
                    run = {"co-return": joint.co_return, "co-feedback": joint.co_feedback}
                    run.get(step, joint.co_release)(street, number, OWN_DEPARTMENT, "原因", actor)
                allowed = True
            except PermissionDenied as exc:
                allowed = False
                assert "无权" in str(exc)
            if allowed != (step in CO_ALLOWED[role]):
                wrong.append(f"{role.value} {step}: {'allowed' if allowed else 'refused'}")
    assert not wrong, "\n".join(wrong)

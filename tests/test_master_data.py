"""Master data (基础数据) on both databases: departments, categories and grids through the services,
the console (`griddesk-admin department|category|grid`) and the 基础数据 dialog — permissions,
audit entries, refusals that change nothing, and an edited time limit used by the next 派遣."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import InvalidCode, NotFound, PermissionDenied, UserError, ValidationError
from db.models import AuditEntry, Base, Case
from db.reference.categories import list_categories, update_category
from db.reference.geography import add_grid, list_grids, update_grid
from db.reference.master_data import (
    add_department,
    find_department_id,
    list_departments,
    parse_hours,
    set_department_active,
    update_department,
)
from db.security.actors import SYSTEM, Actor, Role
from desktop.admin.master_data_dialog import MasterDataDialog
from desktop.admin.master_data_forms import CategoryForm, DepartmentForm, GridForm
from desktop.cli.main import main
from desktop.core.context import AppContext
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_A2, GRID_B2

SH = ZoneInfo("Asia/Shanghai")
ADMIN = Actor("admin", "赵志刚", Role.ADMIN)
DISPATCHER = Actor("liming", "李明", Role.DISPATCHER)
SECRETARY = Actor("wangli", "王丽", Role.SECRETARY)
GARBAGE = "0101"  # 暴露垃圾: default 环卫所, handle 4 working hours
SANITATION = "环卫所"
PW = "Grid2026desk"
# Tables a master-data change may write; compared before and after a refusal.
TABLES = ("departments", "categories", "grids", "communities", "audit_log")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for name in TABLES:
            table = Base.metadata.tables[name]
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(row) for row in rows]
    return out


def last_audit(db: Database) -> AuditEntry:
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        session.expunge(entry)
        return entry


def dept_id(db: Database, name: str) -> int:
    with db.read() as session:
        return find_department_id(session, name)


def department(db: Database, name: str) -> Any:
    with db.read() as session:
        return next(d for d in list_departments(session) if d.name == name)


def category(db: Database, code: str) -> Any:
    with db.read() as session:
        return next(c for c in list_categories(session) if c.code == code)


def grid(db: Database, code: str) -> Any:
    with db.read() as session:
        return next(g for g in list_grids(session) if g.code == code)


def refused(
    db: Database, call: Callable[[Session], object], error: type[UserError], *fragments: str
) -> str:
    """`call` raises `error` whose message holds `fragments`, and nothing is written."""
    before = snapshot(db)
    with pytest.raises(error) as caught, db.write() as session:
        call(session)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert snapshot(db) == before
    return message


def dispatched(db: Database, when: datetime, category_code: str = GARBAGE) -> str:
    number = report_case(
        db, grid_code=GRID_A1, category_code=category_code, description="测试案件", now=when
    )
    apply(db, number, Action.REGISTER, now=when)
    apply(db, number, Action.DISPATCH, now=when)
    return number


def handle_due(db: Database, number: str) -> datetime | None:
    with db.read() as session:
        return session.scalars(select(Case.handle_due).where(Case.number == number)).one()


# --- listing ------------------------------------------------------------------------------------


def test_lists_show_departments_categories_and_grids(street: Database) -> None:
    number = dispatched(street, local(2026, 11, 23, 9, 0))
    assert number
    with street.read() as session:
        depts = list_departments(session)
        cats = list_categories(session)
        grids = list_grids(session)
    sanitation = next(d for d in depts if d.name == SANITATION)
    assert sanitation.active and sanitation.open_cases == 1 and sanitation.default_for > 0
    assert all(d.open_cases == 0 for d in depts if d.name != SANITATION)
    garbage = next(c for c in cats if c.code == GARBAGE)
    assert garbage.default_department == SANITATION
    assert (garbage.dispatch_minutes, garbage.handle_minutes) == (30, 240)
    assert (garbage.dispatch_hours, garbage.handle_hours, garbage.verify_hours) == ("0.5", "4", "1")
    assert garbage.basis == "working" and garbage.basis_label == "工作时"
    assert [g.code for g in grids] == sorted(g.code for g in grids)
    assert {g.code for g in grids} >= {GRID_A1, GRID_B2}
    assert next(g for g in grids if g.code == GRID_A1).community == "锦峪社区"


# --- departments --------------------------------------------------------------------------------


def test_admin_adds_and_edits_a_department_with_audit(street: Database) -> None:
    with street.write() as s:
        row = add_department(s, " 城市更新办 ", "", "周敏", "13800138000", ADMIN)
    assert (row.name, row.kind, row.contact, row.phone) == (
        "城市更新办",
        "职能部门",
        "周敏",
        "13800138000",
    )
    assert row.active and row.open_cases == 0
    assert row.sort_order == max(d.sort_order for d in list_all_departments(street))
    entry = last_audit(street)
    assert (entry.username, entry.action, entry.object_type) == (
        "admin",
        "department.add",
        "department",
    )
    assert entry.details is not None and entry.details["name"] == [None, "城市更新办"]

    with street.write() as s:
        row = update_department(
            s, row.id, {"phone": "024-42861399", "name": "城市更新办公室", "contact": "周敏"}, ADMIN
        )
    assert (row.name, row.phone) == ("城市更新办公室", "024-42861399")
    entry = last_audit(street)
    assert entry.action == "department.edit" and entry.object_id == "城市更新办公室"
    # only what changed is recorded, as [old, new]
    assert entry.details == {
        "name": ["城市更新办", "城市更新办公室"],
        "phone": ["13800138000", "024-42861399"],
    }


def list_all_departments(db: Database) -> list[Any]:
    with db.read() as session:
        return list_departments(session)


def test_bad_department_input_is_refused_and_changes_nothing(street: Database) -> None:
    sanitation = dept_id(street, SANITATION)
    refused(
        street, lambda s: add_department(s, "  ", "", "", "", ADMIN), ValidationError, "不能为空"
    )
    refused(
        street,
        lambda s: add_department(s, SANITATION, "", "", "", ADMIN),
        ValidationError,
        "已存在",
    )
    refused(
        street,
        lambda s: add_department(s, "新部门", "", "", "12345", ADMIN),
        ValidationError,
        "12345",
    )
    refused(
        street,
        lambda s: update_department(s, sanitation, {"name": "住建办"}, ADMIN),
        ValidationError,
        "住建办",
        "已存在",
    )
    refused(
        street, lambda s: update_department(s, sanitation, {"name": ""}, ADMIN), ValidationError
    )
    refused(
        street,
        lambda s: update_department(s, sanitation, {"active": False}, ADMIN),
        ValidationError,
        "active",
    )
    refused(street, lambda s: update_department(s, sanitation, {}, ADMIN), ValidationError)
    refused(
        street, lambda s: update_department(s, 999_999, {"phone": ""}, ADMIN), NotFound, "999999"
    )
    refused(street, lambda s: set_department_active(s, 999_999, False, ADMIN), NotFound)


def test_a_department_with_open_cases_cannot_be_disabled(street: Database) -> None:
    for hour in (9, 10):
        dispatched(street, local(2026, 11, 23, hour, 0))
    sanitation = dept_id(street, SANITATION)
    message = refused(
        street,
        lambda s: set_department_active(s, sanitation, False, ADMIN),
        ValidationError,
        SANITATION,
        "2 件在办案件",
    )
    assert message.count("，") <= 1  # one sentence


def test_the_default_department_of_active_categories_cannot_be_disabled(street: Database) -> None:
    sanitation = department(street, SANITATION)
    refused(
        street,
        lambda s: set_department_active(s, sanitation.id, False, ADMIN),
        ValidationError,
        f"{sanitation.default_for} 个案件类别的默认部门",
    )


def test_disable_and_enable_a_department(street: Database) -> None:
    with street.write() as s:
        row = add_department(s, "临时专班", "职能部门", "", "", ADMIN)
    with street.write() as s:
        assert set_department_active(s, row.id, False, ADMIN).active is False
    entry = last_audit(street)
    assert (entry.action, entry.object_id, entry.details) == (
        "department.disable",
        "临时专班",
        {"active": [True, False]},
    )
    # a disabled department takes no dispatch
    number = report_case(
        street,
        grid_code=GRID_A1,
        category_code=GARBAGE,
        description="x",
        now=local(2026, 11, 23, 9),
    )
    apply(street, number, Action.REGISTER, now=local(2026, 11, 23, 9))
    with pytest.raises(ValidationError, match="已停用"):
        apply(street, number, Action.DISPATCH, Request(department="临时专班"))
    with street.write() as s:
        assert set_department_active(s, row.id, True, ADMIN).active is True
    assert last_audit(street).action == "department.enable"
    apply(
        street, number, Action.DISPATCH, Request(department="临时专班"), now=local(2026, 11, 23, 9)
    )


# --- permissions --------------------------------------------------------------------------------


SERVICES: dict[str, Callable[[Session, Actor], object]] = {
    "add_department": lambda s, a: add_department(s, "新部门", "", "", "", a),
    "update_department": lambda s, a: update_department(
        s, find_department_id(s, SANITATION), {"phone": "024-42861399"}, a
    ),
    # every catalogue department is some category's default: disable a new one
    "set_department_active": lambda s, a: set_department_active(
        s, add_department(s, "临时专班", "", "", "", SYSTEM).id, False, a
    ),
    "update_category": lambda s, a: update_category(s, GARBAGE, {"handle_hours": 6}, a),
    "update_grid": lambda s, a: update_grid(s, GRID_A1, {"population": 1}, a),
    "add_grid": lambda s, a: add_grid(s, COMMUNITY_A, COMMUNITY_A + "09", "第09网格", 0, 0, a),
}


@pytest.mark.parametrize("actor", [DISPATCHER, SECRETARY], ids=["dispatcher", "secretary"])
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_only_administrators_change_master_data(
    street: Database, service: str, actor: Actor
) -> None:
    refused(street, lambda s: SERVICES[service](s, actor), PermissionDenied, actor.label, "无权")


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_administrators_may_use_every_service(street: Database, service: str) -> None:
    before = len(snapshot(street)["audit_log"])
    with street.write() as s:
        SERVICES[service](s, ADMIN)
    assert len(snapshot(street)["audit_log"]) > before
    assert last_audit(street).username == "admin"


# --- categories ---------------------------------------------------------------------------------


def test_an_edited_handle_limit_is_used_by_the_next_dispatch(street: Database) -> None:
    monday = local(2026, 11, 23, 9, 0)
    before = dispatched(street, monday)
    assert handle_due(street, before) == local(2026, 11, 23, 14, 0)  # 4 working hours
    with street.write() as s:
        row = update_category(s, GARBAGE, {"handle_hours": "6"}, ADMIN)
    assert row.handle_minutes == 360 and row.handle_hours == "6"
    entry = last_audit(street)
    assert (entry.action, entry.object_type, entry.object_id) == (
        "category.edit",
        "category",
        GARBAGE,
    )
    assert entry.details == {"handle_minutes": [240, 360]}
    after = dispatched(street, monday)
    # 08:30-12:00 and 13:00-17:30: 3 hours before lunch, 3 after it
    assert handle_due(street, after) == local(2026, 11, 23, 16, 0)
    assert handle_due(street, before) == local(2026, 11, 23, 14, 0)  # existing case unchanged


def test_category_default_department_basis_urgent_and_active(street: Database) -> None:
    with street.write() as s:
        row = update_category(
            s,
            GARBAGE,
            {
                "default_department": "住建办",
                "dispatch_hours": 0.25,
                "verify_hours": "2",
                "basis": "natural",
                "urgent": "yes",
            },
            ADMIN,
        )
    assert row.default_department == "住建办"
    assert (row.dispatch_minutes, row.verify_minutes, row.basis, row.urgent) == (
        15,
        120,
        "natural",
        True,
    )
    details = last_audit(street).details
    assert details is not None
    assert details["default_department"] == [SANITATION, "住建办"]
    assert details["basis"] == ["working", "natural"] and details["urgent"] == [False, True]
    # a dispatch without a department goes to the new default
    number = report_case(
        street,
        grid_code=GRID_A1,
        category_code=GARBAGE,
        description="x",
        now=local(2026, 11, 23, 9),
    )
    apply(street, number, Action.REGISTER, now=local(2026, 11, 23, 9))
    result = apply(street, number, Action.DISPATCH, now=local(2026, 11, 23, 9))
    assert result.department == "住建办"
    # cleared default: dispatch needs a department; disabled category: no new reports
    with street.write() as s:
        row = update_category(s, GARBAGE, {"default_department": "", "active": False}, ADMIN)
    assert row.default_department is None and row.active is False
    with pytest.raises(NotFound, match="停用"):
        report_case(street, grid_code=GRID_A1, category_code=GARBAGE, description="x")


@pytest.mark.parametrize(
    ("changes", "error", "fragment"),
    [
        ({"handle_hours": 0}, ValidationError, "大于 0"),
        ({"handle_hours": "-1"}, ValidationError, "大于 0"),
        ({"dispatch_hours": "abc"}, ValidationError, "小时数"),
        ({"verify_hours": 3000}, ValidationError, "2160"),
        ({"verify_hours": True}, ValidationError, "小时数"),
        ({"basis": "lunar"}, ValidationError, "计时方式"),
        ({"urgent": "maybe"}, ValidationError, "yes"),
        ({"default_department": "不存在的部门"}, NotFound, "不存在的部门"),
        ({"code": "0199"}, ValidationError, "code"),
        ({"name": " "}, ValidationError, "小类名称不能为空"),
        ({"name": "道路不洁"}, ValidationError, "已有小类「道路不洁」"),
        ({"keywords": "x" * 21}, ValidationError, "每个关键词最多 20 个字"),
        ({}, ValidationError, "没有"),
    ],
)
def test_bad_category_changes_are_refused(
    street: Database, changes: dict[str, object], error: type[UserError], fragment: str
) -> None:
    refused(street, lambda s: update_category(s, GARBAGE, changes, ADMIN), error, fragment)


def test_a_category_refuses_a_disabled_default_department_and_unknown_codes(
    street: Database,
) -> None:
    with street.write() as s:
        row = add_department(s, "临时专班", "", "", "", ADMIN)
        set_department_active(s, row.id, False, ADMIN)
    refused(
        street,
        lambda s: update_category(s, GARBAGE, {"default_department": "临时专班"}, ADMIN),
        ValidationError,
        "已停用",
    )
    refused(street, lambda s: update_category(s, "9999", {"urgent": True}, ADMIN), NotFound, "9999")


def test_parse_hours_rounds_to_whole_minutes() -> None:
    assert parse_hours("0.5", "x") == 30
    assert parse_hours("４", "x") == 240  # full-width digits from a Chinese input method
    assert parse_hours(1.5, "x") == 90
    assert parse_hours("2160", "x") == 2160 * 60
    with pytest.raises(ValidationError):
        parse_hours("0.001", "x")


# --- grids --------------------------------------------------------------------------------------


def test_admin_edits_a_grid_with_audit(street: Database) -> None:
    with street.write() as s:
        row = update_grid(
            s, GRID_A1, {"name": "锦峪一网格", "population": "4,200", "households": 1510}, ADMIN
        )
    assert (row.name, row.population, row.households) == ("锦峪一网格", 4200, 1510)
    entry = last_audit(street)
    assert (entry.action, entry.object_type, entry.object_id) == ("grid.edit", "grid", GRID_A1)
    assert entry.details == {
        "name": ["第01网格", "锦峪一网格"],
        "population": [4100, 4200],
        "households": [1500, 1510],
    }


@pytest.mark.parametrize(
    ("changes", "error", "fragment"),
    [
        ({"population": -1}, ValidationError, "人口"),
        ({"households": "很多"}, ValidationError, "户数"),
        ({"population": True}, ValidationError, "人口"),
        ({"name": " "}, ValidationError, "不能为空"),
        ({"name": "第02网格"}, ValidationError, GRID_A2),  # taken in the same community
        ({"code": "1"}, ValidationError, "code"),
    ],
)
def test_bad_grid_changes_are_refused(
    street: Database, changes: dict[str, object], error: type[UserError], fragment: str
) -> None:
    refused(street, lambda s: update_grid(s, GRID_A1, changes, ADMIN), error, fragment)


def test_add_grid_validates_the_code_against_the_community(street: Database) -> None:
    code = COMMUNITY_A + "03"
    with street.write() as s:
        row = add_grid(s, COMMUNITY_A, code, "第03网格", "3000", 1100, ADMIN)
    assert (row.code, row.community, row.population, row.households) == (
        code,
        "锦峪社区",
        3000,
        1100,
    )
    entry = last_audit(street)
    assert (entry.action, entry.object_id) == ("grid.add", code)
    assert entry.details is not None and entry.details["community"] == [None, COMMUNITY_A]
    # the new grid takes reports at once
    assert report_case(street, grid_code=code, category_code=GARBAGE, description="x")

    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, COMMUNITY_B + "05", "第05网格", 0, 0, ADMIN),
        InvalidCode,
        "不属于社区",
    )
    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, GRID_A1, "重复", 0, 0, ADMIN),
        ValidationError,
        "已存在",
    )
    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, COMMUNITY_A + "00", "零号", 0, 0, ADMIN),
        InvalidCode,
        "不能为 0",
    )
    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, "12345", "短", 0, 0, ADMIN),
        InvalidCode,
        "位数字",
    )
    refused(
        street,
        lambda s: add_grid(s, "210504002009", "21050400200901", "无社区", 0, 0, ADMIN),
        NotFound,
        "210504002009",
    )
    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, COMMUNITY_A + "04", "", 0, 0, ADMIN),
        ValidationError,
        "不能为空",
    )
    refused(
        street,
        lambda s: add_grid(s, COMMUNITY_A, COMMUNITY_A + "04", "第04网格", -5, 0, ADMIN),
        ValidationError,
        "人口",
    )


# --- the console --------------------------------------------------------------------------------


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def cli(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url_of(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def without_sign_ins(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """The snapshot less the audit entries of signing in (`--user` writes one per command)."""
    audit = [row for row in tables["audit_log"] if not str(row[3]).startswith("sign_in")]
    return tables | {"audit_log": audit}


def cli_refused(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> str:
    before = without_sign_ins(snapshot(db))
    code, out, err = cli(capsys, db, *argv)
    assert code == 2 and out == "", (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    assert without_sign_ins(snapshot(db)) == before
    return lines[0]


def test_cli_departments(
    street: Database, capsys: pytest.CaptureFixture[str], cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(street)
    code, out, _ = cli(capsys, street, *login, "department", "list")
    assert code == 0 and SANITATION in out and "在办 0" in out
    code, out, err = cli(
        capsys,
        street,
        *login,
        "department",
        "add",
        "城市更新办",
        "--kind",
        "职能部门",
        "--phone",
        "13800138000",
    )
    assert code == 0 and "城市更新办" in out, err
    assert last_audit(street).username == "t_admin"
    code, out, err = cli(
        capsys,
        street,
        *login,
        "department",
        "edit",
        "城市更新办",
        "--name",
        "更新办",
        "--contact",
        "周敏",
    )
    assert code == 0, err
    row = department(street, "更新办")
    assert (row.contact, row.phone) == ("周敏", "13800138000")
    assert cli(capsys, street, *login, "department", "disable", "更新办")[0] == 0
    assert department(street, "更新办").active is False
    assert cli(capsys, street, *login, "department", "enable", "更新办")[0] == 0
    assert department(street, "更新办").active is True
    code, out, _ = cli(capsys, street, *login, "department", "list", "--json")
    assert code == 0 and '"name": "更新办"' in out

    assert "不存在" in cli_refused(
        capsys, street, *login, "department", "edit", "没有这个部门", "--phone", ""
    )
    assert "已存在" in cli_refused(capsys, street, *login, "department", "add", SANITATION)
    assert "联系电话" in cli_refused(
        capsys, street, *login, "department", "edit", SANITATION, "--phone", "x1"
    )
    assert "没有给出" in cli_refused(capsys, street, *login, "department", "edit", SANITATION)
    assert "默认部门" in cli_refused(capsys, street, *login, "department", "disable", SANITATION)


def test_cli_refuses_disabling_a_department_with_open_cases(
    street: Database, capsys: pytest.CaptureFixture[str], cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(street)
    with street.write() as s:
        add_department(s, "临时专班", "", "", "", ADMIN)
    number = report_case(
        street,
        grid_code=GRID_A1,
        category_code=GARBAGE,
        description="x",
        now=local(2026, 11, 23, 9),
    )
    apply(street, number, Action.REGISTER, now=local(2026, 11, 23, 9))
    apply(
        street, number, Action.DISPATCH, Request(department="临时专班"), now=local(2026, 11, 23, 9)
    )
    line = cli_refused(capsys, street, *login, "department", "disable", "临时专班")
    assert "1 件在办案件" in line


def test_cli_categories_and_grids(
    street: Database, capsys: pytest.CaptureFixture[str], cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(street)
    code, out, _ = cli(capsys, street, *login, "category", "list")
    assert code == 0 and "0101\t暴露垃圾" in out and "处置 4 小时" in out
    code, out, err = cli(
        capsys,
        street,
        *login,
        "category",
        "set",
        GARBAGE,
        "--handle-hours",
        "6",
        "--dispatch-hours",
        "0.5",
        "--basis",
        "natural",
        "--urgent",
        "yes",
        "--default-department",
        "住建办",
    )
    assert code == 0 and "处置 6 小时" in out, err
    row = category(street, GARBAGE)
    assert (row.handle_minutes, row.basis, row.urgent, row.default_department) == (
        360,
        "natural",
        True,
        "住建办",
    )
    assert "大于 0" in cli_refused(
        capsys, street, *login, "category", "set", GARBAGE, "--handle-hours", "0"
    )
    assert "不存在" in cli_refused(
        capsys, street, *login, "category", "set", "9999", "--urgent", "no"
    )
    assert "--basis" in cli_refused(
        capsys, street, *login, "category", "set", GARBAGE, "--basis", "x"
    )

    code, out, _ = cli(capsys, street, *login, "grid", "list")
    assert code == 0 and GRID_A1 in out and "锦峪社区" in out
    code, out, err = cli(
        capsys, street, *login, "grid", "set", GRID_A1, "--population", "4300", "--name", "一网格"
    )
    assert code == 0, err
    assert (grid(street, GRID_A1).population, grid(street, GRID_A1).name) == (4300, "一网格")
    new = COMMUNITY_B + "003"
    code, out, err = cli(
        capsys, street, *login, "grid", "add", COMMUNITY_B, new, "第03网格", "--households", "900"
    )
    assert code == 0 and new in out, err
    assert (grid(street, new).households, grid(street, new).population) == (900, 0)
    assert "已存在" in cli_refused(
        capsys, street, *login, "grid", "add", COMMUNITY_B, new, "又一个"
    )
    assert "不属于社区" in cli_refused(
        capsys, street, *login, "grid", "add", COMMUNITY_B, COMMUNITY_A + "07", "错社区"
    )
    assert "人口" in cli_refused(
        capsys, street, *login, "grid", "set", GRID_A1, "--population", "-3"
    )
    assert "不存在" in cli_refused(
        capsys, street, *login, "grid", "set", "21050400200199", "--name", "x"
    )


@pytest.fixture
def accounts(
    street: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Database:
    monkeypatch.setenv("GRIDDESK_NEW_PASSWORD", PW)
    assert cli(capsys, street, "user", "add", "admin", "--role", "admin")[0] == 0
    monkeypatch.setenv("GRIDDESK_PASSWORD", PW)
    for name, role in (("liming", "dispatcher"), ("wangli", "secretary")):
        code, _, err = cli(capsys, street, "--user", "admin", "user", "add", name, "--role", role)
        assert code == 0, err
    return street


def test_cli_with_accounts_lets_only_administrators_edit(
    accounts: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "--user" in cli_refused(capsys, accounts, "department", "add", "新部门")
    for user in ("liming", "wangli"):
        for argv in (
            ("department", "add", "新部门"),
            ("department", "edit", SANITATION, "--phone", "024-42861399"),
            ("category", "set", GARBAGE, "--handle-hours", "6"),
            ("grid", "set", GRID_A1, "--population", "1"),
            ("grid", "add", COMMUNITY_A, COMMUNITY_A + "05", "第05网格"),
        ):
            assert "无权" in cli_refused(capsys, accounts, "--user", user, *argv)
    code, out, _ = cli(capsys, accounts, "--user", "liming", "department", "list")
    assert code == 0 and SANITATION in out  # reading is open to every signed-in user
    code, _, err = cli(
        capsys,
        accounts,
        "--user",
        "admin",
        "department",
        "edit",
        SANITATION,
        "--phone",
        "024-42861399",
    )
    assert code == 0, err
    entry = last_audit(accounts)
    assert (entry.username, entry.action) == ("admin", "department.edit")
    assert department(accounts, SANITATION).phone == "024-42861399"


# --- the dialog ---------------------------------------------------------------------------------


def loaded(qtbot: QtBot, ctx: AppContext) -> MasterDataDialog:
    dialog = MasterDataDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.data is not None and dialog.grids.rowCount() > 0)
    return dialog


def row_of(dialog: MasterDataDialog, rows: list[Any], key: str, value: str) -> int:
    return [getattr(r, key) for r in rows].index(value)


def press_ok(form: Any) -> None:
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_dialog_models_pass_the_model_tester(
    admin_ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    dialog = loaded(qtbot, admin_ctx)
    assert dialog.departments.rowCount() > 10 and dialog.categories.rowCount() > 10
    assert dialog.grids.rowCount() == 4
    for model in (dialog.departments, dialog.categories, dialog.grids):
        qtmodeltester.check(model)
    assert dialog.windowTitle() == "基础数据"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "部门",
        "案件类别",
        "网格",
        "社区",
        "地名地址",
    ]


def test_edit_a_department_phone_through_the_dialog(admin_ctx: AppContext, qtbot: QtBot) -> None:
    dialog = loaded(qtbot, admin_ctx)
    row = row_of(dialog, dialog.departments.rows, "name", SANITATION)
    dialog.department_table.selectRow(row)
    with qtbot.waitSignal(dialog.changed):
        dialog.edit_department_button.click()
        form = dialog.form
        assert isinstance(form, DepartmentForm)
        assert form.phone.text() == "024-42861302"
        form.phone.setText("024-42861399")
        press_ok(form)
    qtbot.waitUntil(lambda: dialog.departments.rows[row].phone == "024-42861399")
    assert SANITATION in dialog.message.text()
    assert department(admin_ctx.db, SANITATION).phone == "024-42861399"
    entry = last_audit(admin_ctx.db)
    assert entry.details == {"phone": ["024-42861302", "024-42861399"]}

    # a refused edit shows one sentence in the dialog and changes nothing
    before = snapshot(admin_ctx.db)
    dialog.department_table.selectRow(row)
    dialog.edit_department_button.click()
    form = dialog.form
    assert isinstance(form, DepartmentForm)
    form.phone.setText("不是电话")
    press_ok(form)
    qtbot.waitUntil(lambda: "不是有效的手机号码" in dialog.message.text())
    assert snapshot(admin_ctx.db) == before


def test_disable_refused_and_category_and_grid_edits_through_the_dialog(
    admin_ctx: AppContext, qtbot: QtBot
) -> None:
    dialog = loaded(qtbot, admin_ctx)
    dialog.department_table.selectRow(row_of(dialog, dialog.departments.rows, "name", SANITATION))
    dialog.toggle_department_button.click()
    qtbot.waitUntil(lambda: "默认部门" in dialog.message.text())

    dialog.category_table.selectRow(row_of(dialog, dialog.categories.rows, "code", GARBAGE))
    with qtbot.waitSignal(dialog.changed):
        dialog.edit_category_button.click()
        form = dialog.form
        assert isinstance(form, CategoryForm)
        assert form.handle.text() == "4"
        form.handle.setText("6")
        form.urgent.setChecked(True)
        press_ok(form)
    row = category(admin_ctx.db, GARBAGE)
    assert (row.handle_minutes, row.urgent, row.dispatch_minutes) == (360, True, 30)

    with qtbot.waitSignal(dialog.changed):
        dialog.add_grid_button.click()
        gform = dialog.form
        assert isinstance(gform, GridForm)
        assert gform.code.text() == COMMUNITY_A
        gform.code.setText(COMMUNITY_A + "03")
        gform.name.setText("第03网格")
        gform.population.setValue(2500)
        press_ok(gform)
    qtbot.waitUntil(lambda: dialog.grids.rowCount() == 5)
    assert grid(admin_ctx.db, COMMUNITY_A + "03").population == 2500


@pytest.fixture
def dispatcher_ctx(role_ctx: Callable[[Role], AppContext]) -> AppContext:
    return role_ctx(Role.DISPATCHER)


def test_the_dialog_is_read_only_without_permission(
    dispatcher_ctx: AppContext, qtbot: QtBot
) -> None:
    street = dispatcher_ctx.db
    dialog = loaded(qtbot, dispatcher_ctx)
    for tab in (dialog.department_tab, dialog.category_tab, dialog.grid_tab):
        assert not dialog.tabs.isTabEnabled(tab)
    for button in (
        dialog.add_department_button,
        dialog.edit_department_button,
        dialog.toggle_department_button,
        dialog.edit_category_button,
        dialog.edit_grid_button,
        dialog.add_grid_button,
    ):
        assert not button.isEnabled()
    assert "管理员" in dialog.message.text()
    # even when called directly, the service refuses
    dialog.save_grid(GRID_A1, {"population": 1})
    qtbot.waitUntil(lambda: "无权" in dialog.message.text())
    assert grid(street, GRID_A1).population == 4100

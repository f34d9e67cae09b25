"""griddesk-admin for department accounts: `user add --department`, their own `case list|show|
accept|return|feedback`, 申请延期 decided by a 值班长, 申请协办, and 代录 in `case show`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Attachment, Case, CohandlingRequest, ExtensionRequest
from desktop.cli.main import main
from tests.street import GRID_A1
from tests.test_cli import PNG

PW = "Grid2026desk"


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _dispatched(street: Database, department: str) -> str:
    number = report_case(
        street,
        grid_code=GRID_A1,
        category_code="0101",
        description="垃圾堆放",
        reporter_name="王小明",
        reporter_phone="13812345678",
    )
    apply(street, number, Action.REGISTER)
    apply(street, number, Action.DISPATCH, Request(department=department, reason="今天清运"))
    return number


def test_department_handler_works_their_cases_from_the_command_line(
    street: Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    url = street.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("GRIDDESK_NEW_PASSWORD", PW)
    monkeypatch.setenv("GRIDDESK_PASSWORD", PW)
    assert run(capsys, url, "user", "add", "admin", "--role", "admin")[0] == 0
    admin = ("--user", "admin")
    code, _, err = run(capsys, url, *admin, "user", "add", "hw", "--role", "department_handler")
    assert code == 2 and "需要指定所属部门" in err
    code, _, err = run(
        capsys, url, *admin, "user", "add", "x", "--role", "dispatcher", "--department", "环卫所"
    )
    assert code == 2 and "不属于某个部门" in err
    for name, role, dept in (
        ("hw", "department_handler", "环卫所"),
        ("hwhead", "department_head", "环卫所"),
        ("cg", "department_handler", "城管执法中队"),
    ):
        code, out, err = run(
            capsys, url, *admin, "user", "add", name, "--role", role, "--department", dept
        )
        assert code == 0, err
        assert dept in out
    assert run(capsys, url, *admin, "user", "add", "lead", "--role", "shift_lead")[0] == 0
    assert run(capsys, url, *admin, "user", "add", "disp", "--role", "dispatcher")[0] == 0

    mine, theirs = _dispatched(street, "环卫所"), _dispatched(street, "城管执法中队")
    hw = ("--user", "hw")
    code, out, _ = run(capsys, url, *hw, "case", "list")
    assert code == 0 and mine in out and theirs not in out
    code, out, _ = run(capsys, url, *hw, "case", "show", mine)
    assert code == 0 and "王*明" in out and "138****5678" in out and "13812345678" not in out
    code, _, err = run(capsys, url, *hw, "case", "show", theirs)
    assert code == 2 and "不属于本部门" in err
    code, _, err = run(
        capsys, url, *hw, "case", "show", mine, "--json", "--reveal", "--reason", "x"
    )
    assert code == 2 and "无权" in err
    code, _, err = run(capsys, url, *hw, "case", "accept", theirs)
    assert code == 2 and "不属于本部门" in err
    code, out, _ = run(capsys, url, *hw, "case", "inbox")
    assert code == 0 and "待受理 1" in out and "今天清运" in out and "按期率" not in out
    code, out, _ = run(capsys, url, "--user", "hwhead", "case", "inbox")
    assert code == 0 and "环卫所：在办 1" in out and "其中按期" in out

    assert run(capsys, url, *hw, "case", "accept", mine)[0] == 0
    code, out, _ = run(
        capsys, url, *hw, "case", "extension-request", mine, "--days", "2", "--reason", "需要车辆"
    )
    assert code == 0, out
    with street.read() as s:
        request_id = s.scalar(select(ExtensionRequest.id))
        due_before = s.scalar(select(Case.due_at).where(Case.number == mine))
    assert request_id is not None and due_before is not None
    code, _, err = run(capsys, url, *hw, "case", "extension-decide", str(request_id), "--approve")
    assert code == 2 and "无权" in err
    code, out, _ = run(capsys, url, "--user", "lead", "case", "extension-list")
    assert code == 0 and mine in out and "待审批" in out
    code, _, err = run(
        capsys, url, "--user", "lead", "case", "extension-decide", str(request_id), "--refuse"
    )
    assert code == 2 and "原因" in err
    code, out, err = run(
        capsys, url, "--user", "lead", "case", "extension-decide", str(request_id), "--approve"
    )
    assert code == 0, err
    with street.read() as s:
        due_after = s.scalar(select(Case.due_at).where(Case.number == mine))
    assert due_after is not None and due_after > due_before
    code, out, _ = run(capsys, url, *hw, "case", "extension-list")
    assert code == 0 and "已批准" in out

    code, out, err = run(
        capsys,
        url,
        *hw,
        "case",
        "cohandle-request",
        mine,
        "--department",
        "住建办",
        "--department",
        "城管执法中队",
        "--reason",
        "涉及违建",
    )
    assert code == 0, err
    with street.read() as s:
        assert s.scalar(select(CohandlingRequest.departments)) == ["住建办", "城管执法中队"]
    code, out, _ = run(capsys, url, "--user", "disp", "case", "cohandle-list")
    assert code == 0 and mine in out and "住建办、城管执法中队" in out and "涉及违建" in out
    code, _, err = run(capsys, url, *hw, "case", "cohandle-list")
    assert code == 2 and "无权" in err

    photo = tmp_path / "清运后.png"
    photo.write_bytes(PNG)
    code, out, err = run(
        capsys, url, *hw, "case", "feedback", mine, "--reason", "已清运", "--photo", str(photo)
    )
    assert code == 0, err
    with street.read() as s:
        names = s.scalars(select(Attachment.filename)).all()
    assert "清运后.png" in names

    # The centre enters the other department's steps for it: 代录 in the history.
    assert run(capsys, url, "--user", "disp", "case", "accept", theirs)[0] == 0
    code, out, _ = run(capsys, url, "--user", "disp", "case", "show", theirs)
    assert code == 0 and "（代录）" in out
    code, out, _ = run(capsys, url, *hw, "case", "show", mine)
    assert "（代录）" not in out

"""Day one at a real center (issue 14): from an empty database, the first administrator writes
the setup template, fills it in, checks it with --dry-run, imports it (again: nothing
duplicated, a changed contact updated), reports and dispatches a case in one of the new grids
and exports the monthly return, which names the center and the new communities. A template
with mistakes lists every one and writes nothing; the demo and a real street never mix."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import func, select

from db.demo.street import build_demo
from db.engine import Database
from db.errors import BadFile, InvalidCode, PermissionDenied, ValidationError
from db.models import AuditEntry, Community, Department, District, Grid, Setting, Street
from db.reference.geography import add_community, edit_community, list_community_rows
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM
from db.setup.apply import apply_setup
from db.setup.status import is_demo_database, needs_setup
from db.setup.template import write_setup_template
from db.setup.workbook import SetupProblems, read_setup_workbook
from desktop.cli.main import main
from desktop.shell.startup import demo_refusal
from tests.actors import ADMIN, DISPATCHER
from tests.street import COMMUNITY_A, STREET

PW = "Grid2026desk"
CENTER = "平山区测试街道网格化服务管理指挥调度中心"
DISTRICT_CODE, STREET_CODE = "210502", "210502003"
C1, C2 = "210502003001", "210502003002"
GRIDS = [
    (f"{C1}01", "东一网格", C1, 1200, 450, "东至胜利路，南至平山街，西至站前路，北至河沿"),
    (f"{C1}02", "东二网格", C1, 1300, 480, "东至和平路"),
    (f"{C1}03", "东三网格", C1, 900, 300, ""),
    (f"{C2}001", "西一网格", C2, 1500, 600, "西至铁路"),
    (f"{C2}002", "西二网格", C2, 1600, 610, ""),
    (f"{C2}003", "西三网格", C2, 1400, 520, ""),
]
DEPARTMENTS = [
    ("城管执法中队", "执法部门", "钱大勇", "024-42800001"),
    ("环卫所", "职能部门", "孙小梅", "13912345678"),
    ("平山供热站", "公共服务企业", "李热", "024-42800003"),
    ("测试街道住建科", "职能部门", "周建", "024-42800004"),
    ("测试街道安监站", "职能部门", "吴安", "13812345670"),
]


def url_of(database: Database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def fill(template: Path, target: Path, **changes: Any) -> openpyxl.Workbook:
    """The template filled in as a center would: below the example rows, example kept."""
    wb = openpyxl.load_workbook(template)
    wb["街道"].append([CENTER, DISTRICT_CODE, "平山区", STREET_CODE, "测试街道"])
    wb["社区"].append([C1, "胜利社区", 4000, 1500])
    wb["社区"].append([C2, "站前社区", 4500, 1730])
    for grid in GRIDS:
        wb["网格"].append(list(grid))
    for dept in changes.get("departments", DEPARTMENTS):
        wb["部门"].append(list(dept))
    wb.save(target)
    return wb


def snapshot(database: Database) -> dict[str, Any]:
    """What the setup could change: every row of its tables, the settings and the audit log."""
    with database.read() as s:
        return {
            "districts": sorted((d.code, d.name) for d in s.scalars(select(District))),
            "streets": sorted((r.code, r.name) for r in s.scalars(select(Street))),
            "communities": sorted(
                (c.code, c.name, c.population, c.households) for c in s.scalars(select(Community))
            ),
            "grids": sorted(
                (g.code, g.name, g.population, g.households, g.boundary)
                for g in s.scalars(select(Grid))
            ),
            "departments": sorted(
                (d.name, d.kind, d.contact, d.phone) for d in s.scalars(select(Department))
            ),
            "settings": sorted((r.key, json.dumps(r.value)) for r in s.scalars(select(Setting))),
            # every audit entry but the CLI's own sign-ins
            "audit": s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.not_like("sign_in%"))
            ),
        }


def test_day_one_through_the_cli(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = url_of(db)
    monkeypatch.setenv("GRIDDESK_NEW_PASSWORD", PW)
    assert run(capsys, url, "user", "add", "chief", "--role", "admin")[0] == 0
    monkeypatch.setenv("GRIDDESK_PASSWORD", PW)
    admin = ("--user", "chief")
    with db.read() as s:
        assert needs_setup(s)

    template = tmp_path / "建街模板.xlsx"
    code, out, err = run(capsys, url, *admin, "setup", "--template", str(template))
    assert code == 0, err
    assert "已写出建街模板" in out
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["街道", "社区", "网格", "部门"]
    headers = [c.value for c in wb["网格"][2]]
    assert headers == [
        "网格编码",
        "网格名称",
        "所属社区编码",
        "常住人口",
        "户数",
        "四至范围",
        "备注",
    ]
    assert [c.value for c in wb["街道"][2]][:5] == [
        "填报单位",
        "区县编码",
        "区县名称",
        "街道编码",
        "街道名称",
    ]
    assert wb["社区"]["E3"].value.startswith("示例")  # the example row, marked
    rules = {str(v.sqref).split(":")[0]: v for v in wb["社区"].data_validations.dataValidation}
    assert "LEN(A3)=12" in rules["A3"].formula1
    assert rules["C3"].type == "whole"
    assert "LEN(A3)=14" in next(
        v.formula1 for v in wb["网格"].data_validations.dataValidation if v.type == "custom"
    )
    assert wb["街道"].column_dimensions["A"].width >= 30

    filled = tmp_path / "本街道.xlsx"
    fill(template, filled)
    before = snapshot(db)
    code, out, err = run(capsys, url, *admin, "setup", "--from", str(filled), "--dry-run")
    assert code == 0, err
    assert "社区 新增 2" in out and "网格 新增 6" in out and "未写入" in out
    assert snapshot(db) == before

    code, out, err = run(capsys, url, *admin, "setup", "--from", str(filled))
    assert code == 0, err
    assert "已导入" in out and "部门 新增 3、更新 2" in out
    after = snapshot(db)
    assert after["streets"] == [(STREET_CODE, "测试街道")]
    assert after["districts"] == [(DISTRICT_CODE, "平山区")]
    assert [c[:2] for c in after["communities"]] == [(C1, "胜利社区"), (C2, "站前社区")]
    assert [g[0] for g in after["grids"]] == sorted(g[0] for g in GRIDS)
    assert (GRIDS[0][0], "东一网格", 1200, 450, GRIDS[0][5]) in after["grids"]
    assert ("城管执法中队", "执法部门", "钱大勇", "024-42800001") in after["departments"]
    refusal = demo_refusal(db)  # the window's --demo refuses
    assert refusal is not None and f"「测试街道」（{STREET_CODE}）" in refusal
    with db.read() as s:
        assert load_settings(s).center_name == CENTER
        assert not needs_setup(s) and not is_demo_database(s)
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"setup.import", "community.add", "grid.add", "street.add"} <= actions

    # Imported again: nothing changes; a department's new contact is an update, not a copy.
    code, out, _ = run(capsys, url, *admin, "setup", "--from", str(filled))
    assert code == 0 and "社区 新增 0、更新 0、无变化 2" in out
    assert {k: v for k, v in snapshot(db).items() if k != "audit"} == {
        k: v for k, v in after.items() if k != "audit"
    }
    changed = [
        *DEPARTMENTS[:2],
        ("平山供热站", "公共服务企业", "王新", "13700001111"),
        *DEPARTMENTS[3:],
    ]
    fill(template, filled, departments=changed)
    code, out, _ = run(capsys, url, *admin, "setup", "--from", str(filled))
    assert code == 0 and "部门 新增 0、更新 1、无变化 4" in out
    with db.read() as s:
        heat = s.scalars(select(Department).where(Department.name == "平山供热站")).one()
        assert (heat.contact, heat.phone) == ("王新", "13700001111")
        assert s.scalar(select(func.count()).select_from(Department)) == len(after["departments"])

    code, out, _ = run(capsys, url, *admin, "community", "list")
    assert code == 0 and "胜利社区" in out and "网格 3 个" in out

    # A case in one of the new grids, dispatched, and the monthly return.
    assert run(capsys, url, *admin, "user", "add", "desk", "--role", "dispatcher")[0] == 0
    assert run(capsys, url, *admin, "user", "add", "lead", "--role", "shift_lead")[0] == 0
    desk = ("--user", "desk")
    code, out, err = run(
        capsys,
        url,
        *desk,
        "case",
        "report",
        "--grid",
        GRIDS[3][0],
        "--category",
        "0101",
        "--description",
        "西一网格铁路边暴露垃圾",
    )
    assert code == 0, err
    number = out.strip()
    assert run(capsys, url, *desk, "case", "register", number)[0] == 0
    code, out, err = run(
        capsys, url, *desk, "case", "dispatch", number, "--department", "测试街道住建科"
    )
    assert code == 0 and "测试街道住建科" in out, err
    code, out, _ = run(capsys, url, *desk, "case", "show", number, "--json")
    reported = datetime.fromisoformat(json.loads(out)["reported_at"])
    period = reported.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    monthly = tmp_path / "月报.xlsx"
    code, out, err = run(
        capsys,
        url,
        "--user",
        "lead",
        "report",
        "monthly-cases",
        "--period",
        period,
        "--out",
        str(monthly),
    )
    assert code == 0, err
    sheet = openpyxl.load_workbook(monthly)["按社区"]
    info = " ".join(str(c.value) for c in sheet[2] if c.value)
    assert f"填报单位：{CENTER}" in info
    names = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert "胜利社区" in names and "站前社区" in names and "新明社区" not in names

    # A database set up for real never gets the demo.
    code, out, err = run(capsys, url, *admin, "init", "--demo")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "测试街道" in err and "演示" in err


def test_a_template_with_mistakes_lists_every_one_and_writes_nothing(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Any,
) -> None:
    url = url_of(db)
    admin = cli_login(db)
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    bad = tmp_path / "bad.xlsx"
    wb = fill(template, bad)
    communities, grids, departments = wb["社区"], wb["网格"], wb["部门"]
    grids["A4"] = f"{C2}09"  # row 4: a grid code not under its community (C1)
    grids["A6"] = f"{C1}02"  # row 6: the code of row 5 again
    communities["B5"] = None  # row 5: a community without a name
    communities["C4"] = "约四千人"  # row 4: residents written as text
    communities["A5"] = "21050200300２a"  # …and a code with a letter in it
    departments.merge_cells("C2:D2")  # a merged header cell (联系人 + 联系电话)
    wb.save(bad)
    before = snapshot(db)
    for extra in ((), ("--dry-run",)):
        code, out, err = run(capsys, url, *admin, "setup", "--from", str(bad), *extra)
        assert code == 2, out
        assert len(err.splitlines()) == 1 and err.startswith("错误：") and "未写入" in err
        lines = out.splitlines()
        problems = [line.strip() for line in lines if line.startswith("  ")]
        assert lines[0] == f"发现 {len(problems)} 处问题："
        expected = [
            ("工作表「社区」第 4 行「C列 常住人口」", "约四千人"),
            ("工作表「社区」第 5 行「A列 社区编码」", "数字以外"),
            ("工作表「社区」第 5 行「B列 社区名称」", "不能为空"),
            ("工作表「网格」第 4 行「A列 网格编码」", f"不在所属社区 {C1} 之下"),
            ("工作表「网格」第 6 行「A列 网格编码」", "与第 5 行重复"),
            ("工作表「部门」第 2 行「C列 联系人」", "合并单元格"),
        ]
        for where, what in expected:
            assert any(p.startswith(where) and what in p for p in problems), (where, problems)
        assert len(problems) == len(expected), problems
    assert snapshot(db) == before

    with pytest.raises(SetupProblems) as raised:
        read_setup_workbook(bad)
    assert len(raised.value.problems) == len(expected)


def test_street_and_codes_must_fit_together(db: Database, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    wb = openpyxl.load_workbook(template)
    wb["街道"].append([CENTER, "210502", "平山区", "210503003", "测试街道"])
    wb["社区"].append(["210502004001", "胜利社区", 4000, 1500])
    wb["网格"].append([f"{C1}01", "东一网格", C1, 10, 5, ""])
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(SetupProblems) as raised:
        read_setup_workbook(tmp_path / "f.xlsx")
    texts = [p.text for p in raised.value.problems]
    assert any("街道编码" in t and "不在区县 210502 之下" in t for t in texts), texts
    # The street being wrong, the community cannot be placed under it: only its own code is
    # checked (a well-formed 12-digit community code).
    assert len(texts) == 1, texts


def test_setup_is_refused_on_another_street(street: Database, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    fill(template, tmp_path / "f.xlsx")
    plan = read_setup_workbook(tmp_path / "f.xlsx")
    # `street` holds another street (新明街道 of the tests, not the demo): one center, one street
    before = snapshot(street)
    with pytest.raises(SetupProblems) as raised, street.write() as s:
        apply_setup(s, plan, ADMIN)
    assert "一个指挥中心只服务一个街道" in raised.value.problems[0].message
    assert snapshot(street) == before
    with street.read() as s, pytest.raises(PermissionDenied):
        apply_setup(s, plan, DISPATCHER, dry_run=True)


def test_the_demo_refuses_setup_and_setup_is_not_needed_there(db: Database, tmp_path: Path) -> None:
    build_demo(db, cases=0)
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    fill(template, tmp_path / "f.xlsx")
    plan = read_setup_workbook(tmp_path / "f.xlsx")
    assert demo_refusal(db) is None
    with db.read() as s:
        assert is_demo_database(s) and not needs_setup(s)
        assert load_settings(s).center_name == "新明街道网格化服务管理指挥调度中心"
    with pytest.raises(ValidationError, match="演示数据库"), db.write() as s:
        apply_setup(s, plan, SYSTEM)


def test_communities_added_and_edited_with_checks_and_audit(street: Database) -> None:
    with street.write() as s:
        row = add_community(s, f"{STREET}003", "东明社区", "5000", 2000, ADMIN)
        assert (row.code, row.street_code, row.grids) == (f"{STREET}003", STREET, 0)
        with pytest.raises(InvalidCode, match="不是本库的街道编码"):
            add_community(s, "210502003001", "外街社区", 1, 1, ADMIN)
        with pytest.raises(ValidationError, match="已存在"):
            add_community(s, COMMUNITY_A, "重复社区", 1, 1, ADMIN)
        with pytest.raises(ValidationError, match="已有名为「锦峪社区」"):
            add_community(s, f"{STREET}004", "锦峪社区", 1, 1, ADMIN)
        with pytest.raises(ValidationError, match="常住人口"):
            add_community(s, f"{STREET}004", "北星社区", "很多", 1, ADMIN)
        with pytest.raises(PermissionDenied):
            add_community(s, f"{STREET}004", "北星社区", 1, 1, DISPATCHER)
        edited = edit_community(
            s, f"{STREET}003", {"name": "东明新社区", "households": 2100}, ADMIN
        )
        assert (edited.name, edited.population, edited.households) == ("东明新社区", 5000, 2100)
        with pytest.raises(ValidationError, match="没有可修改的字段"):
            edit_community(s, f"{STREET}003", {"code": "210504002009"}, ADMIN)
    with street.read() as s:
        entries = s.execute(
            select(AuditEntry.action, AuditEntry.details).where(
                AuditEntry.object_id == f"{STREET}003"
            )
        ).all()
        assert [e[0] for e in entries] == ["community.add", "community.edit"]
        assert entries[1][1] == {"name": ["东明社区", "东明新社区"], "households": [2000, 2100]}
        assert [r.name for r in list_community_rows(s)][-1] == "东明新社区"


def test_community_commands(
    street: Database, capsys: pytest.CaptureFixture[str], cli_login: Any, tmp_path: Path
) -> None:
    url = url_of(street)
    admin = cli_login(street)
    code, out, err = run(
        capsys, url, *admin, "community", "add", f"{STREET}003", "东明社区", "--population", "5000"
    )
    assert code == 0 and "已添加社区" in out and "东明社区" in out, err
    code, out, err = run(
        capsys, url, *admin, "community", "edit", f"{STREET}003", "--households", "１９００"
    )
    assert code == 0 and "户数 1900" in out, err
    code, out, _ = run(capsys, url, *admin, "community", "list", "--json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows[f"{STREET}003"]["households"] == 1900 and rows[COMMUNITY_A]["grids"] == 2
    code, out, err = run(
        capsys, url, *admin, "grid", "set", f"{COMMUNITY_A}01", "--boundary", "东至锦峪路，北至河"
    )
    assert code == 0, err
    code, out, _ = run(capsys, url, *admin, "grid", "list", "--json")
    assert {g["code"]: g["boundary"] for g in json.loads(out)}[
        f"{COMMUNITY_A}01"
    ] == "东至锦峪路，北至河"
    code, out, err = run(capsys, url, *admin, "community", "add", "210504003001", "外街社区")
    assert code == 2 and out == "" and "不是本库的街道编码" in err
    desk = cli_login(street, "dispatcher")
    code, out, err = run(capsys, url, *desk, "community", "edit", COMMUNITY_A, "--name", "甲")
    assert code == 2 and "无权" in err
    code, out, err = run(capsys, url, *desk, "setup", "--template", str(tmp_path / "t.xlsx"))
    assert code == 2 and "无权" in err and not (tmp_path / "t.xlsx").exists()
    code, out, err = run(
        capsys, url, *admin, "setup", "--template", str(tmp_path / "t.xlsx"), "--dry-run"
    )
    assert code == 2 and "--dry-run 只能与 --from 一起使用" in err


def test_the_example_row_is_skipped_only_as_written(tmp_path: Path) -> None:
    """Row 3 holds the example: skipped as the template wrote it; written over with its mark
    left, a problem (never dropped unseen); written over with the mark removed, data."""
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    wb = openpyxl.load_workbook(template)
    for column, value in zip(
        "ABCDE", [CENTER, DISTRICT_CODE, "平山区", STREET_CODE, "测试街道"], strict=True
    ):
        wb["街道"][f"{column}3"] = value
    wb["社区"]["B3"] = "胜利社区"
    wb["社区"]["A3"] = C1
    wb.save(tmp_path / "marked.xlsx")
    with pytest.raises(SetupProblems) as raised:
        read_setup_workbook(tmp_path / "marked.xlsx")
    assert [(p.sheet, p.row, p.column) for p in raised.value.problems] == [
        ("街道", 3, "F列 备注"),
        ("社区", 3, "E列 备注"),
    ]
    wb["街道"]["F3"] = None
    wb["社区"]["E3"] = "已核对"
    wb.save(tmp_path / "data.xlsx")
    plan = read_setup_workbook(tmp_path / "data.xlsx")
    assert (plan.center_name, plan.street.code) == (CENTER, STREET_CODE)
    assert [(c.code, c.name) for c in plan.communities] == [(C1, "胜利社区")]
    assert plan.grids == [] and plan.departments == []  # their example rows, skipped


def test_unsafe_workbooks_are_refused_before_reading(tmp_path: Path) -> None:
    """The template is read as safely as a roster: not a workbook, or a sheet (any of them,
    not only the first) whose used range would take gigabytes, is refused in one sentence."""
    text = tmp_path / "not.xlsx"
    text.write_text("社区编码,社区名称\n", encoding="utf-8")
    with pytest.raises(BadFile, match="不是 Excel 工作簿"):
        read_setup_workbook(text)
    template = tmp_path / "t.xlsx"
    write_setup_template(template)
    wb = openpyxl.load_workbook(template)
    wb["网格"]["XFD10000"] = "x"
    wb.save(tmp_path / "wide.xlsx")
    with pytest.raises(BadFile, match="使用范围过大"):
        read_setup_workbook(tmp_path / "wide.xlsx")

"""`griddesk-admin import cases`: hotline work orders from a spreadsheet become cases; problems
listed first; a work order already imported is skipped, not duplicated."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.cases.work_orders import apply_case_import, plan_case_import
from db.engine import Database
from db.errors import ValidationError
from db.models import Case
from db.security.actors import SYSTEM
from tests.street import GRID_A1, GRID_B2


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["12345 热线工单（11 月）"])
    ws.append(
        ["工单号", "所属网格编码", "小类", "诉求内容", "来电号码", "是否紧急", "来电时间", "备注"]
    )
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD = [
    [
        "GD001",
        GRID_A1,
        "0101",
        "小区门口垃圾堆放三天无人清运",
        13812345678,
        "否",
        "2026-11-20 09:30",
        "",
    ],
    [
        "GD002",
        int(GRID_B2),
        "暴露垃圾",
        "路边垃圾桶满溢",
        "024-42123456",
        "",
        datetime(2026, 11, 21, 8, 5),
        "",
    ],
]
BAD = [
    ["GD003", "21050400209999", "0101", "网格不存在", "", "", "", ""],
    ["GD004", GRID_A1, "9999", "", "123", "很急", "2026.11.31", ""],
]


def test_plan_and_import_cases(street: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "工单.xlsx", GOOD + BAD)
    now = datetime.fromisoformat("2026-11-26T12:00:00+08:00")
    plan = plan_case_import(street, path, now=now)
    texts = [p.text for p in plan.problems]
    assert plan.header_row == 2 and len(plan.rows) == 2 and plan.bad_rows == 2
    assert plan.unknown_headers == ["备注"]
    assert "第 5 行「B列 所属网格编码」：没有编码为 21050400209999 的网格" in texts
    assert "第 6 行「C列 小类」：案件类别「9999」不存在或已停用" in texts
    assert "第 6 行「D列 诉求内容」：缺少问题描述" in texts
    assert "第 6 行「F列 是否紧急」：是否紧急「很急」应为 是 或 否" in texts
    assert any(t.startswith("第 6 行「E列 来电号码」") for t in texts)
    assert any(t.startswith("第 6 行「G列 来电时间」") for t in texts)
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_case_import(street, plan, SYSTEM)
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 0

    result = apply_case_import(street, plan, SYSTEM, valid_only=True)
    assert len(result.numbers) == 2 and result.skipped_bad == 2
    with street.read() as s:
        cases = s.execute(
            select(Case.source, Case.reporter_phone, Case.reported_at).order_by(Case.id)
        ).all()
    assert [c.source for c in cases] == ["hotline", "hotline"]
    assert cases[0].reporter_phone == "13812345678"
    assert cases[0].reported_at == datetime.fromisoformat("2026-11-20T01:30:00+00:00")

    again = plan_case_import(street, path, now=now)
    assert [row for row, _ in again.already] == [3, 4] and again.rows == []
    assert "已导入过 2 行（将跳过）" in again.summary()


def test_cli_import_cases(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main

    login = cli_login(street, "shift_lead")

    path = _sheet(tmp_path / "工单.xlsx", GOOD)
    assert main(["--db", db_url, *login, "import", "cases", str(path), "--dry-run"]) == 0
    assert "有效 2 行" in capsys.readouterr().out
    assert main(["--db", db_url, *login, "import", "cases", str(path)]) == 0
    assert "新增案件 2 件" in capsys.readouterr().out
    assert main(["--db", db_url, *login, "import", "cases", str(path)]) == 0
    assert "已导入过的 2 件未重复导入" in capsys.readouterr().out
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 2


# --- signature and note rows below the table -----------------------------------------------------


def test_signature_rows_are_ignored_and_a_clean_file_imports(
    street: Database, tmp_path: Path
) -> None:
    footer: list[list[object]] = [
        [],
        ["制表人：王五", None, None, None, "审核人：李四"],
        ["填报日期：2026-11-25"],
        ["（盖章）"],
    ]
    path = _sheet(tmp_path / "工单.xlsx", GOOD + footer)
    now = datetime.fromisoformat("2026-11-26T12:00:00+08:00")
    plan = plan_case_import(street, path, now=now)
    assert plan.problems == [], [p.text for p in plan.problems]
    assert plan.ignored == [
        (6, "制表人:王五 审核人:李四"),
        (7, "填报日期:2026-11-25"),
        (8, "(盖章)"),
    ]
    assert plan.total_rows == 2 and "忽略签名或说明行 3 行" in plan.summary()
    result = apply_case_import(street, plan, SYSTEM)  # all or nothing
    assert len(result.numbers) == 2
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 2


def test_cli_dry_run_with_problems_says_so_on_stderr(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main
    from tests.test_workflow import snapshot

    login = cli_login(street, "shift_lead")
    before = snapshot(street)
    path = _sheet(tmp_path / "工单.xlsx", [*GOOD, *BAD, [], ["填表人：张三"]])
    assert main(["--db", db_url, *login, "import", "cases", str(path), "--dry-run"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：试导入发现问题，未写入任何数据：")
    assert "「工单.xlsx」案件：共 4 行数据，有效 2 行，有问题 2 行" in lines[0]
    assert "第 8 行：签名或说明行「填表人:张三」，已忽略" in captured.out
    assert snapshot(street) == before
    ok = _sheet(tmp_path / "干净.xlsx", [*GOOD, ["审核人：李四"]])
    assert main(["--db", db_url, *login, "import", "cases", str(ok)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "新增案件 2 件" in captured.out


# --- plausible values: dates in range, the time of day kept, text never cut ---------------------


def _orders(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工单号", "所属网格编码", "小类", "诉求内容", "来电时间", "事发地址"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


NOW = datetime.fromisoformat("2026-11-26T12:00:00+08:00")

# About 10 MB of text that does not compress (a cell of repeated characters would be refused
# as a zip bomb before its length is looked at); openpyxl cuts cells at 32,767 characters, so
# the text is put into the saved file in place of a marker.
HUGE = "".join(random.Random(17).choices([chr(c) for c in range(0x4E00, 0x9FA6)], k=3_400_000))
MARKER = "HUGE-ADDRESS"


def _put_huge(path: Path) -> Path:
    with zipfile.ZipFile(path) as zin:
        parts = {item.filename: zin.read(item.filename) for item in zin.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data.replace(MARKER.encode(), HUGE.encode()))
    return path


def test_report_times_out_of_range_are_problems(street: Database, tmp_path: Path) -> None:
    path = _orders(
        tmp_path / "工单.xlsx",
        [
            ["GD101", GRID_A1, "0101", "井盖缺失", "1900-01-01", ""],
            ["GD102", GRID_A1, "0101", "井盖缺失", "1999-12-31 23:59", ""],
            ["GD103", GRID_A1, "0101", "井盖缺失", 2958465, ""],  # serial of 9999-12-31
            ["GD104", GRID_A1, "0101", "井盖缺失", "2026-11-26 12:01", ""],
            ["GD105", GRID_A1, "0101", "井盖缺失", "2000-01-01 00:00", ""],
        ],
    )
    plan = plan_case_import(street, path, now=NOW)
    assert [p.text for p in plan.problems] == [
        "第 2 行「E列 来电时间」：上报时间 1900-01-01 00:00 不合理（应在 2000-01-01 至现在之间）",
        "第 3 行「E列 来电时间」：上报时间 1999-12-31 23:59 不合理（应在 2000-01-01 至现在之间）",
        "第 4 行「E列 来电时间」：上报时间 9999-12-31 00:00 晚于现在（应在 2000-01-01 至现在之间）",
        "第 5 行「E列 来电时间」：上报时间 2026-11-26 12:01 晚于现在（应在 2000-01-01 至现在之间）",
    ]
    assert [row for row, _ in plan.rows] == [6]
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_case_import(street, plan, SYSTEM)
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 0


def test_serial_date_time_keeps_its_time_of_day(street: Database, tmp_path: Path) -> None:
    # 46000.5 is 2025-12-09 12:00 in Excel; 46000.75 is 18:00; 46000 is midnight.
    path = _orders(
        tmp_path / "工单.xlsx",
        [
            ["GD201", GRID_A1, "0101", "路灯不亮", 46000.5, ""],
            ["GD202", GRID_A1, "0101", "路灯不亮", 46000.75, ""],
            ["GD203", GRID_A1, "0101", "路灯不亮", 46000, ""],
        ],
    )
    plan = plan_case_import(street, path, now=NOW)
    assert plan.problems == [], [p.text for p in plan.problems]
    apply_case_import(street, plan, SYSTEM)
    with street.read() as s:
        times = list(s.scalars(select(Case.reported_at).order_by(Case.id)))
    assert times == [
        datetime.fromisoformat("2025-12-09T04:00:00+00:00"),
        datetime.fromisoformat("2025-12-09T10:00:00+00:00"),
        datetime.fromisoformat("2025-12-08T16:00:00+00:00"),
    ]


def test_long_address_is_refused_not_cut(street: Database, tmp_path: Path) -> None:
    from tests.test_workflow import snapshot

    before = snapshot(street)
    path = _orders(
        tmp_path / "工单.xlsx",
        [
            ["GD301", GRID_A1, "0101", "占道经营", "2026-11-20 09:30", "路" * 200],
            ["GD302", GRID_A1, "0101", "占道经营", "2026-11-20 09:30", MARKER],
            ["X" * 201, GRID_A1, "0101", "占道经营", "2026-11-20 09:30", ""],
        ],
    )
    assert len(HUGE.encode()) > 10_000_000
    _put_huge(path)
    plan = plan_case_import(street, path, now=NOW)
    assert [p.text for p in plan.problems] == [
        "第 3 行「F列 事发地址」：地址过长（最多 200 字，实为 3400000 字）",
        "第 4 行「A列 工单号」：工单编号过长（最多 200 字，实为 201 字）",
    ]
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_case_import(street, plan, SYSTEM)
    assert snapshot(street) == before
    apply_case_import(street, plan, SYSTEM, valid_only=True)
    with street.read() as s:
        assert list(s.scalars(select(Case.address))) == ["路" * 200]


def test_cli_refuses_a_long_address_and_an_old_report_time(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main
    from tests.test_workflow import snapshot

    login = cli_login(street, "shift_lead")
    before = snapshot(street)
    path = _orders(
        tmp_path / "工单.xlsx",
        [
            ["GD401", GRID_A1, "0101", "占道经营", "2026-11-20 09:30", MARKER],
            ["GD402", GRID_A1, "0101", "占道经营", "1900-01-01", ""],
        ],
    )
    _put_huge(path)
    assert main(["--db", db_url, *login, "import", "cases", str(path)]) == 2
    captured = capsys.readouterr()
    assert "第 2 行「F列 事发地址」：地址过长（最多 200 字，实为 3400000 字）" in captured.out
    assert "第 3 行「E列 来电时间」：上报时间 1900-01-01 00:00 不合理" in captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "未导入任何数据" in lines[0]
    assert snapshot(street) == before

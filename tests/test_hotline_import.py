"""12345 hotline exports as the hotline sends them (no grid, no 小类): every order becomes a case
or waits in 待定位, none lost, none twice; the hotline's 办理时限 shortens the handling stage;
the dry run shows each order's placement; the tray confirms and drops; 办结回复 reads back."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.cases.states import Action, Source, Status
from db.cases.workflow import Request, apply
from db.clock import TimeBasis
from db.engine import Database
from db.errors import UserError, ValidationError
from db.intake import hotline
from db.intake.hotline import (
    apply_hotline_import,
    confirm_pending,
    drop_pending,
    list_pending,
    pending_count,
    plan_hotline_import,
)
from db.intake.suggest import IntakeSuggestion
from db.models import Case, HotlinePending, ImportedWorkOrder
from db.reference.choices import Choice
from db.reference.settings_store import load_settings
from desktop.cli.main import main
from tests.actors import DISPATCHER
from tests.hotline_export import HEADERS, write_hotline_export
from tests.street import GRID_A1, GRID_B1


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _counts(db: Database) -> tuple[int, int, int]:
    """(hotline cases, tray rows, claimed work orders)."""
    with db.read() as s:
        cases = s.scalar(
            select(func.count()).select_from(Case).where(Case.source == Source.HOTLINE.value)
        )
        tray = s.scalar(select(func.count()).select_from(HotlinePending))
        orders = s.scalar(select(func.count()).select_from(ImportedWorkOrder))
    return int(cases or 0), int(tray or 0), int(orders or 0)


def test_every_order_lands_once_and_reimport_adds_nothing(street: Database, tmp_path: Path) -> None:
    path = write_hotline_export(tmp_path / "12345.xlsx", 120)
    assert hotline.is_hotline_export(path)
    plan = plan_hotline_import(street, path)
    assert plan.problems == [] and plan.total_rows == 120 and len(plan.rows) == 120
    assert plan.unknown_headers == ["序号", "回访要求"]
    # A second workstation checked the same file before the first one wrote.
    rival = plan_hotline_import(street, path)
    result = apply_hotline_import(street, plan, DISPATCHER)
    assert len(result.numbers) + len(result.pending) == 120
    cases, tray, orders = _counts(street)
    assert (cases, tray, orders) == (len(result.numbers), len(result.pending), 120)
    # Every 工单编号 of the file is in exactly once: as a case or in the tray.
    with street.read() as s:
        in_tray = set(s.scalars(select(HotlinePending.work_order)))
        as_cases = set(
            s.scalars(
                select(ImportedWorkOrder.work_order).where(ImportedWorkOrder.case_id.is_not(None))
            )
        )
    assert len(in_tray | as_cases) == 120 and not in_tray & as_cases
    # The rival's writes find every order taken and write nothing.
    late = apply_hotline_import(street, rival, DISPATCHER)
    assert (late.numbers, late.pending, late.skipped_raced) == ([], [], 120)
    again = plan_hotline_import(street, path)
    assert again.rows == [] and len(again.already) == 120
    assert apply_hotline_import(street, again, DISPATCHER).numbers == []
    assert _counts(street) == (cases, tray, 120)


def _certain(text: str, address: str) -> IntakeSuggestion:
    """A placement and classification that is sure of some orders (those about 违建 at a
    grid's address) and unsure of the rest."""
    grid = Choice(GRID_A1, "锦峪社区第01网格", 0.95, "地址含 第01网格")
    other = Choice(GRID_B1, "新明社区第01网格", 0.4, "地址含 第01网格")
    category = Choice("0302", "违法建设", 0.9, "描述含 违建")
    second = Choice("0308", "违规装修", 0.3, "描述含 加盖")
    if "违建" in text and "第01网格" in address:
        return IntakeSuggestion((category, second), (grid,), True, ())
    return IntakeSuggestion(
        (category, Choice("0308", "违规装修", 0.85, "")), (grid, other), False, ()
    )


def _sheet(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["12345热线工单"])
    ws.merge_cells("A1:F1")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _with_nul(path: Path) -> Path:
    """The workbook with NULMARK in its strings made a NUL character (_x0000_, as Excel
    writes it: openpyxl refuses to write one)."""
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name).replace(b"NULMARK", b"_x0000_")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _row(
    order: str, text: str, address: str, days: object = 3, when: str = "2026-11-20 09:30"
) -> list[Any]:
    return [
        order,
        when,
        "王女士",
        "13812345678",
        "投诉",
        text,
        address,
        "明山区",
        "新明街道",
        "城管局",
        days,
        "紧急",
    ]


def test_certain_orders_become_cases_and_the_hotline_limit_shortens_handling(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hotline, "suggest_in", lambda _s, text, address: _certain(text, address))
    path = _sheet(
        tmp_path / "h.xlsx",
        [
            _row("T001", "楼顶又加盖了一层违建", "锦峪社区第01网格 3号楼", 1),
            _row("T002", "院里私搭违建占了车位", "锦峪社区第01网格", "２０个工作日"),
            _row("T003", "邻居在楼顶搭违建", "桥那边", None),
        ],
    )
    plan = plan_hotline_import(street, path)
    assert [r.certain for r in plan.rows] == [True, True, False]
    assert "地址可能属于 2 个网格" in plan.rows[2].reason
    result = apply_hotline_import(street, plan, DISPATCHER)
    assert len(result.numbers) == 2 and result.pending == ["T003"]
    with street.read() as s:
        settings = load_settings(s)
        calendar = settings.calendar()
        called = datetime(2026, 11, 20, 9, 30, tzinfo=settings.tz)
        one_day = calendar.add(called, calendar.hours.minutes_per_day, TimeBasis.WORKING)
        short, long = (s.scalar(select(Case).where(Case.number == n)) for n in result.numbers)
        assert short is not None and long is not None
        assert short.hotline_due == one_day and short.urgent and short.source == "hotline"
        assert long.hotline_due is not None and long.hotline_due > one_day
        category_minutes = short.category.handle_minutes
    now = datetime(2026, 11, 20, 10, 0, tzinfo=settings.tz)
    for number in result.numbers:
        apply(street, number, Action.REGISTER, actor=DISPATCHER, now=now)
        apply(street, number, Action.DISPATCH, actor=DISPATCHER, now=now)
    with street.read() as s:
        short, long = (s.scalar(select(Case).where(Case.number == n)) for n in result.numbers)
        assert short is not None and long is not None
        category_due = calendar.add(now, category_minutes, TimeBasis(short.category.basis))
        # One working day from the call comes before the 小类's limit: the stage ends by it.
        assert one_day < category_due
        assert short.handle_due == short.due_at == one_day
        # Twenty working days do not: the 小类's limit stands.
        assert long.handle_due == category_due


def test_dry_run_shows_each_placement_and_writes_nothing(
    street: Database,
    tmp_path: Path,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_hotline_export(tmp_path / "12345.xlsx", 12)
    user = cli_login(street, "dispatcher")
    code = main(["--db", _url(street), *user, "import", "cases", str(path), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip().startswith("第 ")]
    assert len(lines) == 12
    for number, line in enumerate(lines, start=3):
        assert line.strip().startswith(f"第 {number} 行 工单 BX")
        assert "网格" in line and "小类" in line
        assert ("确定，立为案件" in line) or ("→ 待定位（" in line)
    assert "试导入：未写入任何数据" in out
    assert _counts(street) == (0, 0, 0)


def test_bad_files_give_one_sentence_and_write_nothing(
    street: Database,
    tmp_path: Path,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = cli_login(street, "dispatcher")
    nul = _with_nul(
        _sheet(
            tmp_path / "nul.xlsx",
            [_row("N1", "井盖没了", "紫金路"), _row("N2", "路灯NULMARK不亮", "紫金路")],
        )
    )
    long = _sheet(tmp_path / "long.xlsx", [_row("L1", "噪音" * 1001, "紫金路")])
    shape = _sheet(
        tmp_path / "shape.xlsx", [["张三", "男", "1980-01-01"]], ["姓名", "性别", "出生日期"]
    )
    for path in (nul, long, shape):
        code = main(["--db", _url(street), *user, "import", "cases", str(path)])
        err = capsys.readouterr().err
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and err.startswith("错误：")
    with pytest.raises(ValidationError):
        apply_hotline_import(street, plan_hotline_import(street, nul), DISPATCHER)
    plan = plan_hotline_import(street, long)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "F列 诉求内容")]
    assert "过长" in plan.problems[0].reason
    assert _counts(street) == (0, 0, 0)


def test_tray_orders_are_confirmed_or_dropped_once(street: Database, tmp_path: Path) -> None:
    path = write_hotline_export(tmp_path / "12345.xlsx", 5)
    apply_hotline_import(street, plan_hotline_import(street, path), DISPATCHER)
    orders = list_pending(street)
    first, second = orders[0], orders[1]
    number = confirm_pending(street, first.id, GRID_B1, "0101", DISPATCHER)
    with pytest.raises(UserError, match="已确认"):
        confirm_pending(street, first.id, GRID_B1, "0101", DISPATCHER)
    with pytest.raises(ValidationError, match="原因"):
        drop_pending(street, second.id, "  ", DISPATCHER)
    with pytest.raises(UserError):  # an unknown grid: nothing changes
        confirm_pending(street, second.id, "99999999999999", "0101", DISPATCHER)
    drop_pending(street, second.id, "重复来电", DISPATCHER)
    assert pending_count(street) == len(orders) - 2
    with street.read() as s:
        case = s.scalar(select(Case).where(Case.number == number))
        assert case is not None and case.status == Status.REPORTED.value
        assert case.description == first.description
        order = s.get(ImportedWorkOrder, ("hotline", first.work_order))
        assert order is not None and order.case_id == case.id


def test_reply_export_reads_back(
    street: Database,
    tmp_path: Path,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_hotline_export(tmp_path / "12345.xlsx", 3)
    apply_hotline_import(street, plan_hotline_import(street, path), DISPATCHER)
    orders = list_pending(street)
    number = confirm_pending(street, orders[0].id, GRID_A1, "0101", DISPATCHER)
    with street.read() as s:
        tz = load_settings(s).tz
    t = datetime(2026, 11, 24, 9, 0, tzinfo=tz)
    steps: list[tuple[Action, Request]] = [
        (Action.REGISTER, Request()),
        (Action.DISPATCH, Request()),
        (Action.ACCEPT, Request()),
        (Action.FEEDBACK, Request(reason="已清运完毕，=现场已恢复整洁")),
        (Action.VERIFY, Request()),
        (Action.CALLBACK, Request(satisfaction="satisfied")),
    ]
    for n, (action, request) in enumerate(steps):
        apply(street, number, action, request, now=t + timedelta(hours=n))
    out = tmp_path / "reply.xlsx"
    user = cli_login(street, "dispatcher")
    args = [
        "hotline",
        "reply-export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        str(out),
    ]
    assert main(["--db", _url(street), *user, *args]) == 0
    assert "1 件" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws is not None
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == ("工单编号", "办理结果", "办结时间", "回复内容", "回访满意度")
    assert rows[1] == (
        orders[0].work_order,
        "已办结",
        datetime(2026, 11, 24, 13, 0),
        "已清运完毕，=现场已恢复整洁",
        "满意",
    )
    assert len(rows) == 2
    # A period without closed hotline orders still writes the header; a reversed one is refused.
    args[3], args[5] = "2026-12-01", "2026-11-01"
    assert main(["--db", _url(street), *user, *args]) == 2
    assert "早于" in capsys.readouterr().err

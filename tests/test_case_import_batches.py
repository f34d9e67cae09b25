"""Big work-order imports (issue 17, point 8): written in batches that let desk actions of other
workstations through, every problem (numbering capacity included) found by the dry run before
anything is written, case numbers following each order's own report day, and a re-run after an
interruption writing only what is missing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

import db.engine
from db.cases import intake
from db.cases.intake import report_case
from db.cases.states import Action, Status
from db.cases.work_orders import apply_case_import, plan_case_import
from db.cases.workflow import apply
from db.engine import Database
from db.errors import ImportInterrupted, ValidationError
from db.models import Case, ImportedWorkOrder
from db.security.actors import SYSTEM
from tests.street import GRID_A1
from tests.test_workflow import snapshot

NOW = datetime.fromisoformat("2026-11-26T12:00:00+08:00")


def _orders(path: Path, times: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工单号", "网格编码", "小类", "诉求内容", "来电时间"])
    for i, when in enumerate(times):
        ws.append([f"GD{i:03d}", GRID_A1, "0101", f"垃圾堆放 {i}", when])
    wb.save(path)
    return path


def _numbers(database: Database) -> list[str]:
    with database.read() as s:
        return list(s.scalars(select(Case.number).order_by(Case.number)))


def test_case_numbers_follow_each_orders_report_day(street: Database, tmp_path: Path) -> None:
    report_case(street, grid_code=GRID_A1, category_code="0101", description="窗口上报", now=NOW)
    path = _orders(
        tmp_path / "工单.xlsx",
        ["2026-11-20 09:30", "2026-11-26 08:00", "2026-11-20 23:50", "2026-10-01 00:10"],
    )
    plan = plan_case_import(street, path, now=NOW)
    assert plan.problems == []
    apply_case_import(street, plan, SYSTEM, batch_rows=3)
    assert _numbers(street) == [
        "2026100100001",
        "2026112000001",
        "2026112000002",
        "2026112600001",  # the desk's
        "2026112600002",
    ]


def test_dry_run_predicts_that_a_days_numbers_run_out(
    street: Database,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main

    monkeypatch.setattr(intake, "CASE_NUMBERS_PER_DAY", 3)
    login = cli_login(street, "shift_lead")
    report_case(
        street,
        grid_code=GRID_A1,
        category_code="0101",
        description="窗口上报",
        now=datetime.fromisoformat("2026-11-20T08:00:00+08:00"),
    )
    before = snapshot(street)
    day = ["2026-11-20 09:30", "2026-11-20 10:30", "2026-11-20 11:30", "2026-11-20 12:30"]
    path = _orders(tmp_path / "工单.xlsx", [*day, "2026-11-21 09:00"])
    plan = plan_case_import(street, path, now=NOW)
    reason = "上报日 2026-11-20 的案件编号已用尽（每日上限 3 件，该日已有 1 件，本文件该日有 4 行）"
    assert [p.text for p in plan.problems] == [
        f"第 4 行「E列 来电时间」：{reason}",
        f"第 5 行「E列 来电时间」：{reason}",
    ]
    assert [row for row, _ in plan.rows] == [2, 3, 6]
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_case_import(street, plan, SYSTEM)

    assert main(["--db", db_url, *login, "import", "cases", str(path), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert f"第 5 行「E列 来电时间」：{reason}" in captured.out
    assert len(captured.err.splitlines()) == 1 and "有问题 2 行" in captured.err
    assert main(["--db", db_url, *login, "import", "cases", str(path)]) == 2
    assert snapshot(street) == before

    # The write checks again in its first transaction: the desk used the numbers meanwhile.
    ok = plan_case_import(street, _orders(tmp_path / "两行.xlsx", day[:2]), now=NOW)
    assert ok.problems == []
    report_case(
        street,
        grid_code=GRID_A1,
        category_code="0101",
        description="窗口上报",
        now=datetime.fromisoformat("2026-11-20T08:30:00+08:00"),
    )
    before = snapshot(street)
    with pytest.raises(ValidationError, match="第 3 行：上报日 2026-11-20 的案件编号已用尽"):
        apply_case_import(street, ok, SYSTEM)
    assert snapshot(street) == before


def test_desk_actions_get_through_between_batches(
    street: Database, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A write lock held by the import would make the desk's dispatch fail within 0.3 s.
    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(db.engine, "PG_LOCK_TIMEOUT_MS", 300)
    desk_case = report_case(
        street, grid_code=GRID_A1, category_code="0101", description="窗口上报", now=NOW
    )
    apply(street, desk_case, Action.REGISTER)
    path = _orders(tmp_path / "工单.xlsx", [f"2026-11-2{d} 09:00" for d in range(5)])
    plan = plan_case_import(street, path, now=NOW)
    desk = Database(db_url)  # another workstation: its own engine and connections
    progress: list[tuple[int, int]] = []

    def between(written: int, total: int) -> None:
        progress.append((written, total))
        if written == 2:
            result = apply(desk, desk_case, Action.DISPATCH)
            assert result.to_status is Status.DISPATCHED

    try:
        # Batches end at a row count or, on a slow machine, after `batch_seconds`: here at
        # once, so every row is a batch of its own.
        result = apply_case_import(
            street, plan, SYSTEM, batch_rows=100, batch_seconds=0, after_batch=between
        )
    finally:
        desk.dispose()
    assert progress == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert len(result.numbers) == 5
    with street.read() as s:
        assert s.scalar(select(Case.status).where(Case.number == desk_case)) == "dispatched"
        assert s.scalar(select(func.count(Case.id))) == 6


def test_an_interrupted_import_resumes_without_duplicates(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _orders(tmp_path / "工单.xlsx", [f"2026-11-2{d} 09:00" for d in range(5)])
    plan = plan_case_import(street, path, now=NOW)

    def killed(written: int, total: int) -> None:
        raise KeyboardInterrupt  # the process stops after the first batch

    with pytest.raises(KeyboardInterrupt):
        apply_case_import(street, plan, SYSTEM, batch_rows=2, after_batch=killed)
    assert len(_numbers(street)) == 2
    again = plan_case_import(street, path, now=NOW)
    assert [row for row, _ in again.already] == [2, 3] and len(again.rows) == 3
    result = apply_case_import(street, again, SYSTEM, batch_rows=2)
    assert len(result.numbers) == 3 and result.skipped_existing == 2
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 5
        assert s.scalar(select(func.count()).select_from(ImportedWorkOrder)) == 5

    # A later batch that fails keeps the batches before it and says how many were written.
    monkeypatch.setattr(intake, "CASE_NUMBERS_PER_DAY", 1)
    fresh = Workbook()
    ws = fresh.active
    assert ws is not None
    ws.append(["工单号", "网格编码", "小类", "诉求内容", "来电时间"])
    ws.append(["N1", GRID_A1, "0101", "路灯不亮", "2026-10-01 09:00"])
    ws.append(["N2", GRID_A1, "0101", "路灯不亮", "2026-10-02 09:00"])
    fresh.save(tmp_path / "新2.xlsx")
    plan = plan_case_import(street, tmp_path / "新2.xlsx", now=NOW)
    assert plan.problems == []

    def desk_takes_the_last_number(written: int, total: int) -> None:
        report_case(
            street,
            grid_code=GRID_A1,
            category_code="0101",
            description="窗口上报",
            now=datetime.fromisoformat("2026-10-02T08:00:00+08:00"),
        )

    with pytest.raises(ImportInterrupted) as caught:
        apply_case_import(
            street, plan, SYSTEM, batch_rows=1, after_batch=desk_takes_the_last_number
        )
    assert str(caught.value) == (
        "导入在第 3 行起的一批中断（20261002 当日案件编号已用尽（上限 1 件）），这一批未写入；"
        "此前已分批写入 1 件案件并已保存：重新导入同一文件会跳过已导入的工单"
    )
    assert "2026100100001" in _numbers(street)

"""部门绩效 and 案件类别分析: figures, 三率, composite and ranking, 环比 / 同比 read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import Department
from db.reference.settings_store import save_setting
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.report_cases import (
    AS_OF,
    CALLBACK_LABELS,
    CASE_LABELS,
    OCT_END,
    OCT_START,
    TZ,
    Expected,
    assert_row,
    combine,
    expected_categories,
    expected_indices,
    read_sheet,
)

DEPT_LABELS = {k: v for k, v in CASE_LABELS.items() if k != "立案数"} | CALLBACK_LABELS


def _export(db: Database, tmp_path: Path, kind: str, period: str = "2026-10", **kw: str) -> Path:
    out = tmp_path / f"{kind}.xlsx"
    request = ReportRequest(parse_period(period), as_of=AS_OF, **kw)  # type: ignore[arg-type]
    export_report(db, kind, request, out)
    return out


def test_department_performance(cases: Database, tmp_path: Path) -> None:
    weights = {"response": 0.2, "solve": 0.3, "satisfaction": 0.5}
    with cases.write() as s:
        save_setting(s, "index_weights", weights)
    path = _export(cases, tmp_path, "department-performance")
    with cases.read() as s:
        departments = {d.name: d.id for d in s.scalars(select(Department).where(Department.active))}
    sheet = read_sheet(path, "部门绩效", "部门", set(DEPT_LABELS) | {"综合指数"})
    want = expected_indices(cases, OCT_START, OCT_END, "department")
    assert set(sheet.order) == set(departments) | {"合计"}
    assert sheet.order[-1] == "合计"
    for name, dept_id in departments.items():
        expected = want.get(dept_id, Expected())
        cells = sheet.rows[name]
        assert_row(cells, expected, DEPT_LABELS, name)
        composite = expected.composite(weights)
        if composite is None:
            assert cells["综合指数"] in (None, "") and cells["排名"] in (None, "")
        else:
            assert cells["综合指数"] == pytest.approx(composite)
            better = [e.composite(weights) for e in want.values() if e.callbacks]
            assert cells["排名"] == 1 + sum(1 for c in better if c > composite + 1e-12)
    assert_row(sheet.rows["合计"], combine(list(want.values())), DEPT_LABELS, "合计")
    # Ranked: composites never increase down the table, empty ones last.
    composites = [sheet.rows[n]["综合指数"] for n in sheet.order[:-1]]
    scored = [c for c in composites if isinstance(c, float)]
    assert scored == sorted(scored, reverse=True)
    assert composites[: len(scored)] == scored
    # 环卫所 closed 5 cases (4 with callbacks); the re-dispatched case counts for 市场监管所.
    assert sheet.rows["环卫所"]["结案数"] == 5 and sheet.rows["环卫所"]["有效回访数"] == 4
    assert sheet.rows["市场监管所"]["结案数"] == 1 and sheet.rows["城管执法中队"]["结案数"] == 0
    formula = str(sheet.formulas["环卫所"]["综合指数"])
    assert "0.2*" in formula and "0.3*" in formula and "0.5*" in formula
    assert "RANK(" in str(sheet.formulas["环卫所"]["排名"])


def test_department_scope(cases: Database, tmp_path: Path) -> None:
    path = _export(cases, tmp_path, "department-performance", department="环卫所")
    sheet = read_sheet(path, "部门绩效", "部门", set(DEPT_LABELS))
    assert sheet.order == ["环卫所", "合计"]


def test_category_analysis(cases: Database, tmp_path: Path) -> None:
    path = _export(cases, tmp_path, "category-analysis")
    labels = {"本期", "增减", "增幅", "小类编码", "小类"}
    sheet = read_sheet(path, "类别分析", "小类", labels)
    period = parse_period("2026-10")
    now = expected_categories(cases, OCT_START, OCT_END)
    prev = expected_categories(cases, *period.previous().bounds(TZ))
    ago = expected_categories(cases, *period.year_ago().bounds(TZ))
    # Column labels: the 环比 and 同比 groups each have 上期/增减/增幅; read by position.
    from openpyxl import load_workbook

    ws = load_workbook(path, data_only=True)["类别分析"]
    rows = list(ws.iter_rows(values_only=True))
    body = [r for r in rows if r[1] and str(r[1]).isdigit()]
    codes = {r[1] for r in body}
    assert codes == set(now) | set(prev) | set(ago)
    for r in body:
        code = r[1]
        c, p, y = now.get(code, 0), prev.get(code, 0), ago.get(code, 0)
        assert (r[3], r[4], r[5], r[7], r[8]) == (c, p, c - p, y, c - y), code
        assert (r[6] in (None, "")) == (p == 0) and (r[9] in (None, "")) == (y == 0), code
        if p:
            assert r[6] == pytest.approx((c - p) / p)
        if y:
            assert r[9] == pytest.approx((c - y) / y)
    subtotals = [r for r in rows if r[2] == "小计"]
    assert len(subtotals) == 3  # 市容环境 (0101–0103), 宣传广告 (0203), 施工管理 (0302)
    total = next(r for r in rows if r[0] == "合计")
    assert total[3] == sum(now.values()) == 13
    assert total[4] == sum(prev.values()) and total[7] == sum(ago.values())
    assert "小计" in sheet.rows

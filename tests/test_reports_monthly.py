"""案件办理情况月报: every figure of the written file against an independent recomputation."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.engine import Database
from db.models import Community, Grid
from reports.period import parse_period
from reports.registry import build_report, export_report
from reports.request import ReportRequest
from tests.report_cases import (
    AS_OF,
    CASE_LABELS,
    OCT_END,
    OCT_START,
    PATROL_LABELS,
    TZ,
    Expected,
    assert_row,
    combine,
    expected_daily,
    expected_indices,
    read_sheet,
)
from tests.street import COMMUNITY_A

LABELS = CASE_LABELS | PATROL_LABELS


def _export(db: Database, tmp_path: Path, period: str = "2026-10", **scope: str) -> Path:
    out = tmp_path / "月报.xlsx"
    request = ReportRequest(parse_period(period), as_of=AS_OF, **scope)  # type: ignore[arg-type]
    assert export_report(db, "monthly-cases", request, out) == out
    return out


def test_monthly_return_figures_cell_by_cell(cases: Database, tmp_path: Path) -> None:
    path = _export(cases, tmp_path)
    with cases.read() as s:
        communities = {c.name: c.id for c in s.scalars(select(Community))}
        grids = {g.code: g.id for g in s.scalars(select(Grid))}
    labels = set(LABELS)

    # Sheet 1: one row per community and the 合计 row.
    sheet = read_sheet(path, "按社区", "社区", labels)
    want = expected_indices(cases, OCT_START, OCT_END, "community")
    assert sheet.order == ["锦峪社区", "新明社区", "合计"]
    for name, community_id in communities.items():
        assert_row(sheet.rows[name], want.get(community_id, Expected()), LABELS, name)
    assert_row(sheet.rows["合计"], combine(list(want.values())), LABELS, "合计")
    # The street's figures the scenario was built to show.
    assert sheet.rows["合计"]["结案数"] == 6 and sheet.rows["合计"]["应结案数"] == 9
    assert sheet.rows["合计"]["挂账数"] == 1 and sheet.rows["合计"]["返工数"] == 1
    # Totals and rates are live formulas (their cached values were compared above).
    total_f = sheet.formulas["合计"]
    assert str(total_f["结案数"]).startswith("=SUM(")
    assert str(total_f["结案率"]).startswith("=IF(")
    assert str(total_f["平均处置时长（小时）"]).startswith("=IF(SUM(")
    assert str(sheet.formulas["锦峪社区"]["按期结案率"]).startswith("=IF(")
    assert (
        sheet.formulas["锦峪社区"]["结案数"] == sheet.rows["锦峪社区"]["结案数"]
    )  # a plain number

    # Sheet 2: one row per grid.
    grid_sheet = read_sheet(path, "按网格", "网格编码", labels)
    want_grids = expected_indices(cases, OCT_START, OCT_END, "grid")
    assert set(grid_sheet.order) == set(grids)
    for code, grid_id in grids.items():
        assert_row(grid_sheet.rows[code], want_grids.get(grid_id, Expected()), LABELS, code)

    # Sheet 3: daily intake and closures.
    day_sheet = read_sheet(path, "每日走势", "日期", {"上报数", "结案数"})
    daily = expected_daily(cases, OCT_START, OCT_END)
    days = [k for k in day_sheet.order if k != "合计"]
    assert len(days) == 31
    for key in days:
        day = key.date()  # type: ignore[attr-defined]
        assert (day_sheet.rows[key]["上报数"], day_sheet.rows[key]["结案数"]) == daily.get(
            day, (0, 0)
        ), day
    assert day_sheet.rows["合计"]["上报数"] == sum(v[0] for v in daily.values())
    assert days[0].date() == date(2026, 10, 1)  # type: ignore[attr-defined]


def test_monthly_return_layout(cases: Database, tmp_path: Path) -> None:
    path = _export(cases, tmp_path)
    wb = load_workbook(path)
    ws = wb["按社区"]
    assert ws["A1"].value == "2026年10月案件办理情况月报"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert any(r.startswith("A1:") for r in merged)  # the title spans the table
    info = " ".join(str(c.value) for c in ws[2] if c.value)
    assert "填报单位：" in info and "统计期间：2026年10月" in info
    assert "填报日期：2026-11-20" in info and "制表人：系统" in info
    assert "C3:E3" in merged or any(r.startswith("B3:C3") for r in merged)  # 立案派遣 over two
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$4"
    assert ws.freeze_panes == "B5"
    assert "第 &P 页 共 &N 页" in str(ws.oddFooter.center.text)
    assert ws["F5"].number_format == "#,##0" or ws["G5"].number_format == "0.0%"
    assert ws.column_dimensions["A"].width >= 10  # Chinese names fit
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert charts and b"lineChart" in z.read(charts[0])
        assert not [n for n in z.namelist() if "externalLink" in n]


def test_community_scope(cases: Database, tmp_path: Path) -> None:
    path = _export(cases, tmp_path, community=COMMUNITY_A)
    with cases.read() as s:
        a = s.scalar(select(Community.id).where(Community.code == COMMUNITY_A))
    sheet = read_sheet(path, "按社区", "社区", set(LABELS))
    assert sheet.order == ["锦峪社区", "合计"]
    want = expected_indices(cases, OCT_START, OCT_END, "community", community_id=a)
    assert_row(sheet.rows["锦峪社区"], want.get(a, Expected()), LABELS, "A")
    grids = read_sheet(path, "按网格", "网格编码", set(LABELS))
    assert len(grids.order) == 2  # A's two grids (合计 stands in the 社区 column)


@pytest.mark.parametrize("period", ["2026-Q4", "2026"])
def test_quarter_and_year(cases: Database, tmp_path: Path, period: str) -> None:
    p = parse_period(period)
    start, end = p.bounds(TZ)
    path = _export(cases, tmp_path, period)
    sheet = read_sheet(path, "按社区", "社区", set(LABELS))
    want = expected_indices(cases, start, end, "community")
    assert_row(sheet.rows["合计"], combine(list(want.values())), LABELS, period)
    days = read_sheet(path, "每日走势", "日期", {"上报数"}, formulas=False)
    assert len(days.order) - 1 == len(p.days())
    title = load_workbook(path, read_only=True)["按社区"]["A1"].value
    assert title == f"{p.label}案件办理情况{'季报' if p.kind == 'quarter' else '年报'}"


def test_preview_model_is_plain_data(cases: Database) -> None:
    from reports.preview import preview_table

    report = build_report(
        cases, "monthly-cases", ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    )
    table = preview_table(report.sheets[0])
    assert table.headers[0] == "社区" and "立案派遣\n立案数" in table.headers
    assert [row[0] for row in table.rows] == ["锦峪社区", "新明社区", "合计"]
    assert len(table.bold_rows) == 1
    closed = table.headers.index("结案情况\n结案率")
    assert table.rows[-1][closed] == f"{6 / 9:.1%}"

"""Periods, injection-safe text, atomic writes and unwritable paths; the report CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database
from db.errors import BadFile, ValidationError
from desktop.cli.main import main
from reports import case_details, layout, model
from reports.period import Period, parse_period
from reports.preview import preview_table
from reports.registry import KINDS, build_report, export_report, return_kind, write_return
from reports.request import ReportRequest
from tests.report_cases import AS_OF, INJECTIONS, build_scenario
from tests.street import COMMUNITY_A

# --- periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "first", "last", "label"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 10, 31), "2026年10月"),
        ("2026-2", "month", date(2026, 2, 1), date(2026, 2, 28), "2026年2月"),
        ("2026-Q3", "quarter", date(2026, 7, 1), date(2026, 9, 30), "2026年第三季度"),
        ("2026q4", "quarter", date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度"),
        (" 2026 ", "year", date(2026, 1, 1), date(2026, 12, 31), "2026年度"),
    ],
)
def test_parse_period(text: str, kind: str, first: date, last: date, label: str) -> None:
    p = parse_period(text)
    assert (p.kind, p.first_day, p.last_day, p.label) == (kind, first, last, label)
    assert parse_period(p.code) == p


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "2026-Q5", "26-10", "2026/10", "", "1999"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValidationError, match="统计期间"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026Q3", "2026-Q3"),
        ("２０２６-１０", "2026-10"),
        ("２０２６－Ｑ３", "2026-Q3"),
        ("2026-10 ", "2026-10"),
        ("\u30002026-10\u3000", "2026-10"),
    ],
)
def test_documented_loose_spellings_are_accepted(text: str, code: str) -> None:
    from reports.period import PERIOD_HELP

    assert parse_period(text).code == code
    assert "2026Q3" in PERIOD_HELP and "全角数字" in PERIOD_HELP and "首尾空格" in PERIOD_HELP


@pytest.mark.parametrize(
    "text",
    [
        "٢٠٢٦-١٠",  # Arabic-Indic digits
        "2026-1²",  # a superscript two
        "①2026",
        "2026年10月",
        "2026-10-01",
        "2026 -10",
        "2026.10",
        "2026-010",
        "2026-Q3x",
        "2026-10\n",
        "2026-10\x00",
    ],
)
def test_other_spellings_are_refused_listing_the_accepted_ones(text: str) -> None:
    from reports.period import PERIOD_HELP

    with pytest.raises(ValidationError) as err:
        parse_period(text)
    assert str(err.value) == f"统计期间「{text}」无法识别。{PERIOD_HELP}"


def test_period_bounds_previous_and_year_ago() -> None:
    from zoneinfo import ZoneInfo

    p = parse_period("2026-01")
    start, end = p.bounds(ZoneInfo("Asia/Shanghai"))
    assert start == datetime(2025, 12, 31, 16, tzinfo=UTC)
    assert end == datetime(2026, 1, 31, 16, tzinfo=UTC)
    assert p.previous() == Period("month", 2025, 12)
    assert parse_period("2026-Q1").previous() == Period("quarter", 2025, 4)
    assert parse_period("2026").previous() == Period("year", 2025, 1)
    assert p.year_ago() == Period("month", 2025, 1)
    assert len(parse_period("2028").days()) == 366


# --- text stays text ---------------------------------------------------------------------------------


def test_injection_strings_come_back_as_text(street: Database, tmp_path: Path) -> None:
    build_scenario(street)
    out = tmp_path / "明细.xlsx"
    export_report(
        street,
        "case-details",
        ReportRequest(parse_period("2026-10"), as_of=AS_OF, unmasked=True),
        out,
    )
    ws = load_workbook(out).worksheets[0]  # formulas, not cached values
    stored = {text.strip() for text in INJECTIONS}  # intake trims the description
    cells = [c for row in ws.iter_rows() for c in row if c.value in stored]
    assert {c.value for c in cells} == stored  # each description came back verbatim
    assert all(c.data_type == "s" for c in cells)
    # Masked by default: the reporter's phone.
    masked = tmp_path / "masked.xlsx"
    export_report(
        street, "case-details", ReportRequest(parse_period("2026-10"), as_of=AS_OF), masked
    )
    text = " ".join(
        str(c.value) for row in load_workbook(masked).worksheets[0].iter_rows() for c in row
    )
    assert "138****5678" in text and "13812345678" not in text and "张*丰" in text


def test_layout_writes_every_string_as_text(tmp_path: Path) -> None:
    sheet = model.Sheet(
        name="测试",
        title="测试表",
        columns=[model.Column("text", ("文本",), kind="text", total="label")],
        rows=[model.Row({"text": text}) for text in INJECTIONS],
    )
    report = model.Report("t", "测试表", "单位", "期间", date(2026, 10, 1), "制表人", [sheet])
    out = layout.write_report(report, tmp_path / "t.xlsx")
    values = [c for row in load_workbook(out).worksheets[0].iter_rows() for c in row]
    cells = [c for c in values if c.value in INJECTIONS]
    assert [c.value for c in cells] == INJECTIONS  # tab included
    assert all(c.data_type == "s" for c in cells)


# --- files -------------------------------------------------------------------------------------------


def _report(street: Database) -> model.Report:
    return build_report(
        street, "monthly-cases", ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    )


def test_unwritable_paths_raise_bad_file(street: Database, tmp_path: Path) -> None:
    report = _report(street)
    tmp_path = tmp_path / "out"  # the test database lives in tmp_path itself
    tmp_path.mkdir()
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    for target, message in [
        (tmp_path / "missing" / "r.xlsx", "不存在"),
        (tmp_path, "文件夹"),
        (a_file / "r.xlsx", "不存在"),
        (tmp_path / "r.csv", ".xlsx"),
    ]:
        with pytest.raises(BadFile, match=message) as info:
            layout.write_report(report, target)
        assert "\n" not in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.txt"]


def test_failed_write_leaves_no_file_and_keeps_the_old_one(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _report(street)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"previous version")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(layout, "_write_sheet", broken)
    with pytest.raises(BadFile, match="No space left"):
        layout.write_report(report, target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temp file left
    monkeypatch.undo()
    layout.write_report(report, target)
    assert load_workbook(target).sheetnames == ["按社区", "按网格", "每日走势"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_every_kind_builds_on_an_empty_street(street: Database, tmp_path: Path) -> None:
    for kind in KINDS:
        out = tmp_path / f"{kind}.xlsx"
        export_report(street, kind, ReportRequest(parse_period("2026-10")), out)
        assert load_workbook(out).worksheets[0]["A1"].value
    assert return_kind("案件办理情况月报").kind == "monthly-cases"
    with pytest.raises(ValidationError, match="monthly-cases"):
        return_kind("weekly")


# --- CLI ---------------------------------------------------------------------------------------------


def test_cli_report(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    build_scenario(street)
    login = cli_login(street, "secretary")
    out = tmp_path / "月报.xlsx"
    code = main(
        [
            "--db",
            db_url,
            *login,
            "report",
            "monthly-cases",
            "--period",
            "2026-10",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out
    assert load_workbook(out, data_only=True)["按社区"]["A1"].value == "2026年10月案件办理情况月报"
    code = main(
        [
            "--db",
            db_url,
            *login,
            "report",
            "department-performance",
            "--period",
            "2026-Q4",
            "--out",
            str(tmp_path / "部门.xlsx"),
            "--community",
            COMMUNITY_A,
        ]
    )
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["monthly-cases", "--period", "2026-13"], "统计期间"),
        (["monthly-cases", "--period", "2026-10", "--community", "210504002099"], "社区编码"),
        (["monthly-cases", "--period", "2026-10", "--department", "不存在的部门"], "部门"),
        (["weekly", "--period", "2026-10"], "没有名为"),
        (["grid-staff", "--period", "2026-10", "--department", "环卫所"], "不能按部门"),
    ],
)
def test_cli_user_errors_exit_2_with_one_line(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    cli_login: Callable[..., list[str]],
) -> None:
    out = tmp_path / "r.xlsx"
    login = cli_login(street, "secretary")
    code = main(["--db", db_url, *login, "report", *args, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_cli_unwritable_path(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    target = tmp_path / "no-such-folder" / "r.xlsx"
    login = cli_login(street, "secretary")
    code = main(
        [
            *("--db", db_url, *login, "report", "monthly-cases"),
            *("--period", "2026-10", "--out", str(target)),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "无法写入" in err and err.count("\n") == 1
    assert not os.path.exists(target.parent)


def test_long_lists_stream_row_by_row_with_the_same_content(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_scenario(street)
    request = ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    normal = tmp_path / "normal.xlsx"
    write_return(street, "case-details", request, normal)
    monkeypatch.setattr(layout, "CONSTANT_MEMORY_ROWS", 0)
    assert layout.streamable(build_report(street, "case-details", request))
    assert not layout.streamable(build_report(street, "monthly-cases", request))
    streamed = tmp_path / "streamed.xlsx"
    seen: list[tuple[int, int]] = []
    write_return(
        street, "case-details", request, streamed, lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (13, 13)

    def cells(path: Path) -> list[tuple[object, ...]]:
        return list(load_workbook(path).worksheets[0].iter_rows(values_only=True))

    assert cells(streamed) == cells(normal)
    ws = load_workbook(streamed).worksheets[0]
    assert {str(r) for r in ws.merged_cells.ranges} == {
        str(r) for r in load_workbook(normal).worksheets[0].merged_cells.ranges
    }


def test_a_long_list_is_read_as_it_is_written(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 案件明细表 holds only its first rows when built (a year of a big street is a
    million rows); the file written gets every row, numbered in order, with the totals."""
    build_scenario(street)
    request = ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    held = tmp_path / "held.xlsx"
    write_return(street, "case-details", request, held)
    monkeypatch.setattr(case_details, "HEAD_ROWS", 4)
    report = build_report(street, "case-details", request)
    rows = report.sheets[0].rows
    assert len(rows) == 13 and len(rows[:4]) == 4 and rows[0].values["seq"] == 1
    assert [r[1] for r in preview_table(report.sheets[0], 3).rows[:3]] == [
        r.values["number"] for r in rows[:3]
    ]
    streamed = tmp_path / "streamed.xlsx"
    written, _path = write_return(street, "case-details", request, streamed)

    def cells(path: Path) -> list[tuple[object, ...]]:
        return list(load_workbook(path).worksheets[0].iter_rows(values_only=True))

    assert cells(streamed) == cells(held)
    body = [row for row in cells(streamed) if isinstance(row[0], int)]
    assert [row[0] for row in body] == list(range(1, 14))
    assert written.sheets[0].totals is not None
    assert written.sheets[0].totals["number"] == "13件"


def test_a_sheet_longer_than_excel_allows_is_refused(
    street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than an Excel worksheet holds: one sentence, no file (not a cut-off list)."""
    build_scenario(street)
    monkeypatch.setattr(layout, "EXCEL_ROWS", 15)
    target = tmp_path / "out" / "明细.xlsx"
    target.parent.mkdir()
    request = ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    with pytest.raises(ValidationError) as refused:
        export_report(street, "case-details", request, target)
    assert "13 行" in str(refused.value) and "超过 Excel" in str(refused.value)
    assert list(target.parent.iterdir()) == []
    monkeypatch.setattr(layout, "EXCEL_ROWS", 1_048_576)
    assert export_report(street, "case-details", request, target) == target

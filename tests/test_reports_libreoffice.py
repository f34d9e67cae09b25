"""LibreOffice recalculates every return headless and gets the numbers the file already shows."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database
from reports.period import parse_period
from reports.registry import KINDS as ALL_RETURNS
from reports.registry import export_report
from reports.request import ReportRequest
from tests.report_cases import AS_OF, build_scenario, libreoffice_recalculate

# Every return: LibreOffice opens each one cleanly and its recalculation matches ours.
KINDS = list(ALL_RETURNS)


def _same(ours: object, theirs: object) -> bool:
    if ours in (None, "") and theirs in (None, ""):
        return True
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours == theirs
    if isinstance(ours, int | float) and isinstance(theirs, int | float):
        return theirs == pytest.approx(ours, rel=1e-9, abs=1e-12)
    if isinstance(ours, datetime) and isinstance(theirs, datetime):
        return ours == theirs
    return str(ours) == str(theirs)


@pytest.mark.slow
def test_libreoffice_recalculation_gives_the_same_numbers(street: Database, tmp_path: Path) -> None:
    build_scenario(street)
    files = []
    for kind in KINDS:
        out = tmp_path / f"{kind}.xlsx"
        export_report(street, kind, ReportRequest(parse_period("2026-10"), as_of=AS_OF), out)
        files.append(out)
    # A control file whose cached value is wrong proves LibreOffice really recalculates.
    import xlsxwriter

    control = tmp_path / "control.xlsx"
    wb = xlsxwriter.Workbook(str(control))
    wb.add_worksheet().write_formula(0, 0, "=1+1", None, 99)
    wb.close()
    *recalculated, control_out = libreoffice_recalculate([*files, control], tmp_path / "lo")
    assert load_workbook(str(control_out), data_only=True).active["A1"].value == 2
    checked = 0
    for ours_path, theirs_path in zip(files, recalculated, strict=True):
        ours = load_workbook(ours_path, data_only=True)
        with warnings.catch_warnings():
            # openpyxl cannot parse the date cache LibreOffice writes into the re-saved chart
            # ("Unable to read chart"); only the cell values are compared here.
            warnings.filterwarnings("ignore", "Unable to read chart", UserWarning)
            theirs = load_workbook(str(theirs_path), data_only=True)
        formulas = load_workbook(ours_path)
        assert ours.sheetnames == theirs.sheetnames
        for name in ours.sheetnames:
            mine = list(ours[name].iter_rows(values_only=True))
            lo = list(theirs[name].iter_rows(values_only=True))
            source = list(formulas[name].iter_rows(values_only=True))
            for r, row in enumerate(mine):
                for c, value in enumerate(row):
                    other = lo[r][c] if r < len(lo) and c < len(lo[r]) else None
                    assert _same(value, other), (ours_path.name, name, r + 1, c + 1, value, other)
                    if isinstance(source[r][c], str) and source[r][c].startswith("="):
                        checked += 1
    assert checked > 300  # every formula of every return was recalculated and compared

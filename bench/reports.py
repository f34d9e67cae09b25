"""Bench: the Excel returns on 1,000,000 cases (issue 5 targets).

`python -m bench.reports` works on a copy of the benchmarks' shared demo database with
1,000,000 cases and their history (bench/database.py: built once, cached under
/tmp/griddesk-bench/, rebuilt when the schema or the demo builder changes, in a child
process so this one's RSS stays honest), then measures, each beside its floor measured in the
same run:

- the monthly return (案件办理情况月报) for one month — ≤ 2 s and ≤ 1.5× the floor;
- the same return for the whole year — ≤ 1.5 s (issue 16) and ≤ 1.5× the floor; and the same
  with every figure from the raw rows (the daily roll-ups ignored, as before issue 16) for the
  before/after ratio in one run;
  floor = the very SQL statements the return runs, replayed through the bare sqlite3 driver,
  plus writing the same cell values with openpyxl (write-only) alone;
- the case list (案件明细表) of at least 100,000 rows: the year of the community whose year
  has the fewest cases above that (a month of the whole street has ~83,000) — ≤ 1.2×
  openpyxl's write-only floor for the same values (query included on our side), with progress
  reported;
- the peak RSS of this process — ≤ 300 MB.

Medians of several runs. The machines are shared and noisy: compare ratios from one run.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TOTAL = 1_000_000
MONTH = "2026-10"
YEAR = "2026"
DETAIL_PERIOD = "2026"
DETAIL_ROWS = 100_000
TARGET_MONTH_S = 2.0
TARGET_YEAR_S = 1.5
TARGET_RATIO = 1.5
TARGET_DETAIL_RATIO = 1.2
TARGET_RSS_MB = 300.0


def ensure_database(total: int, rebuild: bool = False) -> Path:
    """A private copy of the benchmarks' shared demo database (bench/database.py: built once
    in a child process, so this one's RSS stays honest; copied because the roll-up rebuild
    here writes)."""
    from bench import database as shared

    return shared.working_copy(shared.ensure(total, rebuild))


@dataclass
class Measure:
    name: str
    runs: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    target_s: float | None = None
    target_ratio: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        f = self.floor_median
        return self.median / f if f else None

    @property
    def ok(self) -> bool:
        good = True
        if self.target_s is not None:
            good = good and self.median <= self.target_s
        if self.target_ratio is not None and self.ratio is not None:
            good = good and self.ratio <= self.target_ratio
        return good


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def capture_statements(db: Any, fn: Callable[[], Any]) -> tuple[Any, list[tuple[str, Any]]]:
    """Run `fn`, recording every SQL statement (with its parameters) it sends to the database."""
    from sqlalchemy import event

    statements: list[tuple[str, Any]] = []

    def record(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: Any
    ) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        result = fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return result, statements


def replay(path: Path, statements: list[tuple[str, Any]]) -> float:
    """The same statements through the bare sqlite3 driver, every row fetched."""
    conn = sqlite3.connect(str(path))
    try:
        started = time.perf_counter()
        for sql, params in statements:
            conn.execute(sql, params).fetchall()
        return time.perf_counter() - started
    finally:
        conn.close()


def openpyxl_floor(report: Any, out: Path) -> float:
    """Write the same cell values (headers, rows, totals; no styles) with openpyxl write-only."""
    from openpyxl import Workbook

    started = time.perf_counter()
    wb = Workbook(write_only=True)
    for sheet in report.sheets:
        ws = wb.create_sheet(sheet.name)
        ws.append([sheet.title])
        ws.append([report.unit, report.period_label, report.filled_on, report.preparer])
        ws.append(["/".join(c.header) for c in sheet.columns])
        keys = [c.key for c in sheet.columns]
        for row in sheet.rows:
            ws.append([row.values.get(k) for k in keys])
        if sheet.totals is not None:
            ws.append([sheet.totals.get(k) for k in keys])
    wb.save(out)
    return time.perf_counter() - started


def bench_return(
    db: Any, path: Path, kind: str, period: str, runs: int, work: Path, measure: Measure
) -> None:
    from reports.period import parse_period
    from reports.registry import build_report, write_return
    from reports.request import ReportRequest

    request = ReportRequest(parse_period(period))
    out = work / f"{kind}-{period}.xlsx"
    floor_out = work / f"{kind}-{period}-openpyxl.xlsx"
    rows = 0
    for _ in range(runs):
        elapsed, _written = _timed(lambda: write_return(db, kind, request, out))
        measure.runs.append(elapsed)
        report, statements = capture_statements(db, lambda: build_report(db, kind, request))
        rows = sum(len(s.rows) for s in report.sheets)
        measure.floor.append(replay(path, statements) + openpyxl_floor(report, floor_out))
    measure.note = f"{rows:,} rows, {out.stat().st_size / 1024:,.0f} KB"


def detail_community(db: Any) -> str:
    """The community whose 2026 holds the fewest cases that are still ≥ `DETAIL_ROWS`."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sqlalchemy import func, select

    from db.models import Case, Community

    tz = ZoneInfo("Asia/Shanghai")
    start, end = datetime(2026, 1, 1, tzinfo=tz), datetime(2027, 1, 1, tzinfo=tz)
    with db.read() as session:
        counts = session.execute(
            select(Community.code, func.count(Case.id))
            .join(Case, Case.community_id == Community.id)
            .where(Case.reported_at >= start, Case.reported_at < end)
            .group_by(Community.code)
        ).all()
    big = sorted((n, code) for code, n in counts if n >= DETAIL_ROWS)
    return str(big[0][1] if big else max((n, code) for code, n in counts)[1])


def bench_details(db: Any, runs: int, work: Path, measure: Measure) -> None:
    from reports.period import parse_period
    from reports.registry import built_report, write_return
    from reports.request import ReportRequest

    request = ReportRequest(parse_period(DETAIL_PERIOD), community=detail_community(db))
    out = work / "details.xlsx"
    calls: list[int] = []
    rows = 0
    for _ in range(runs):
        calls.clear()

        def run() -> Any:
            report, _path = write_return(
                db, "case-details", request, out, lambda done, total: calls.append(done)
            )
            return report

        elapsed, report = _timed(run)
        measure.runs.append(elapsed)
        rows = len(report.sheets[0].rows)
        # its rows are read as they are written: the floor reads them in the same way
        with built_report(db, "case-details", request) as again:
            measure.floor.append(openpyxl_floor(again, work / "details-openpyxl.xlsx"))
        del report
    measure.note = f"{rows:,} rows, {len(calls)} progress updates"


def main(argv: list[str] | None = None) -> int:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(
        prog="python -m bench.reports", description=doc.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", type=int, default=TOTAL)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--skip-details", action="store_true", help="leave out the 明细表 export")
    args = parser.parse_args(argv)

    path = ensure_database(args.cases, args.rebuild)
    from db.database import open_database

    db = open_database(str(path))
    month = Measure(f"monthly return, {MONTH}", target_s=TARGET_MONTH_S, target_ratio=TARGET_RATIO)
    year = Measure(
        f"monthly return, year {YEAR}", target_s=TARGET_YEAR_S, target_ratio=TARGET_RATIO
    )
    year_raw = Measure("  same, raw rows (before)")
    details = Measure(f"case list {DETAIL_PERIOD}, one community", target_ratio=TARGET_DETAIL_RATIO)
    with tempfile.TemporaryDirectory(prefix="griddesk-bench-") as tmp:
        work = Path(tmp)
        from bench.rollups import catch_up, raw_only

        # The roll-ups as the application finds them: the shared database holds them up to
        # the day it was built; a catch-up folds in the days since (a rebuild only if needed).
        caught_s, _ = catch_up(db, datetime.now(UTC))
        with raw_only():
            bench_return(db, path, "monthly-cases", YEAR, args.runs, work, year_raw)
        bench_return(db, path, "monthly-cases", MONTH, args.runs, work, month)
        bench_return(db, path, "monthly-cases", YEAR, args.runs, work, year)
        year_raw.note = (
            f"after/before {year.median / year_raw.median:.2f}; catch-up {caught_s:.1f} s"
        )
        measures = [month, year, year_raw]
        returns_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if not args.skip_details:
            bench_details(db, max(1, min(args.runs, 2)), work, details)
            measures.append(details)
    db.dispose()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print()
    print(f"{'measure':<30} {'median':>9} {'floor':>9} {'ratio':>6} {'target':>16}  ok  note")
    print("-" * 100)
    for m in measures:
        floor = f"{m.floor_median:.2f} s" if m.floor_median is not None else "—"
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "—"
        target = " ".join(
            t
            for t in (
                f"≤{m.target_s:g} s" if m.target_s is not None else "",
                f"≤{m.target_ratio:g}×" if m.target_ratio is not None else "",
            )
            if t
        )
        print(
            f"{m.name:<30} {m.median:>7.2f} s {floor:>9} {ratio:>6} {target:>16}  "
            f"{'✓' if m.ok else '✗'}   {m.note}"
        )
    rss_ok = returns_rss_mb <= TARGET_RSS_MB
    print(
        f"{'peak RSS, returns':<30} {returns_rss_mb:>6.0f} MB {'':>9} {'':>6} {'≤300 MB':>16}  "
        f"{'✓' if rss_ok else '✗'}"
    )
    print(f"{'peak RSS, with the case list':<30} {rss_mb:>6.0f} MB")
    print(
        f"\nmedians of {args.runs} runs on {args.cases:,} cases; floor = the same SQL through "
        "sqlite3 + the same cells with openpyxl write-only"
    )
    return 0 if all(m.ok for m in measures) and rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())

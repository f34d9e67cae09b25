"""Bench: a 100,000-row work-order file (`griddesk-admin import cases`), dry run and write, on
a fresh SQLite database with the test street (issue 17, point 8).

`python -m bench.case_import [--rows N]` writes the file once (cached under /tmp/griddesk-bench/);
the orders' 上报时间 spread over 200 days, so case numbering follows each order's own day. It
prints the time of the dry run (read + check every row, numbering capacity included), of the
write (in batches) and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROWS = 100_000
CACHE = Path(os.environ.get("GRIDDESK_BENCH_DIR", "/tmp/griddesk-bench"))


def bench_file(rows: int = ROWS) -> Path:
    import xlsxwriter

    from tests.street import GRID_A1, GRID_A2, GRID_B1

    path = CACHE / f"work-orders-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = book.add_worksheet("工单")
    for col, header in enumerate(["工单号", "网格编码", "小类", "诉求内容", "来电时间"]):
        sheet.write_string(0, col, header)
    start = datetime(2026, 3, 1, 8, 0)
    grids = (GRID_A1, GRID_A2, GRID_B1)
    for i in range(rows):
        r = i + 1
        sheet.write_string(r, 0, f"GD{i:07d}")
        sheet.write_string(r, 1, grids[i % 3])
        sheet.write_string(r, 2, "0101")
        sheet.write_string(r, 3, f"第 {i} 号工单：小区门口垃圾堆放无人清运")
        when = start + timedelta(days=i % 200, minutes=i % 600)
        sheet.write_string(r, 4, f"{when:%Y-%m-%d %H:%M}")
    book.close()
    tmp.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    from db.cases.work_orders import apply_case_import, plan_case_import
    from db.database import open_database
    from db.security.actors import SYSTEM
    from tests.street import build_street

    path = bench_file(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "bench.sqlite"))
        build_street(db)
        began, cpu0 = time.perf_counter(), time.process_time()
        plan = plan_case_import(db, path)
        planned, cpu1 = time.perf_counter(), time.process_time()
        assert not plan.problems, [p.text for p in plan.problems[:5]]
        batches: list[float] = []
        last = [time.perf_counter()]

        def lap(_written: int, _total: int) -> None:
            now = time.perf_counter()
            batches.append(now - last[0])
            last[0] = now

        result = apply_case_import(db, plan, SYSTEM, after_batch=lap)
        written, cpu2 = time.perf_counter(), time.process_time()
        db.dispose()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.rows} rows: dry run {planned - began:.1f} s (CPU {cpu1 - cpu0:.1f} s), "
        f"write {written - planned:.1f} s (CPU {cpu2 - cpu1:.1f} s, "
        f"{len(result.numbers) / (written - planned):.0f} cases/s) in {len(batches)} batches, "
        f"longest {max(batches):.2f} s, peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()

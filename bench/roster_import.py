"""Bench: import a 50,000-row 社区工作者 roster file end to end (issue 4 targets).

`python -m bench.roster_import` writes the file once (cached under /tmp/griddesk-bench/), then
in separate child processes, so each peak RSS is its own:

- openpyxl alone reading the file (read-only mode) — the floor the issue asks to print beside;
- the import: safety check, read, header detection, validation of every row, and the write in
  one transaction on a fresh SQLite database — ≥ 5,000 rows/s, peak RSS ≤ 300 MB;
- the same file imported again (every row matched on its ID number, nothing to change).

The machines are shared and noisy: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROWS = 50_000
TARGET_ROWS_PER_S = 5_000
TARGET_RSS_MB = 300
CACHE = Path(os.environ.get("GRIDDESK_BENCH_DIR", "/tmp/griddesk-bench"))
COMMUNITIES = [f"第{i}社区" for i in range(1, 21)]
HEADERS = ["序号", "姓名", "公民身份号码", "手机号码", "所属社区", "职务", "档", "级",
           "入职时间", "政治面貌", "学历", "荣誉"]  # fmt: skip


def bench_file(rows: int = ROWS) -> Path:
    """A realistic sheet: a title row, the header, text dates in mixed styles, numbers as phones."""
    import xlsxwriter

    from db.people.id_numbers import make_id_number

    path = CACHE / f"roster-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = book.add_worksheet("花名册")
    sheet.write_string(0, 0, "新明街道社区工作者花名册")
    for col, header in enumerate(HEADERS):
        sheet.write_string(1, col, header)
    surnames, given = "王李张刘陈杨赵黄周吴", "明华丽强军芳静伟敏磊"
    base = date(1965, 1, 1)
    for i in range(rows):
        born = base + timedelta(days=i // 900)
        r = i + 2
        styles = (f"{2010 + i % 14}.{1 + i % 12:02d}.{1 + i % 28:02d}",
                  f"{2010 + i % 14}年{1 + i % 12}月{1 + i % 28}日",
                  f"{2010 + i % 14}-{1 + i % 12}-{1 + i % 28}")  # fmt: skip
        sheet.write_number(r, 0, i + 1)
        sheet.write_string(r, 1, surnames[i % 10] + given[(i // 10) % 10] + given[(i // 100) % 10])
        sheet.write_string(r, 2, make_id_number("210504", born, i % 900))
        sheet.write_number(r, 3, 13800000000 + i)
        sheet.write_string(r, 4, COMMUNITIES[i % len(COMMUNITIES)])
        sheet.write_string(r, 5, ("社区委员", "社区工作者", "社区书记")[i % 3])
        sheet.write_number(r, 6, 1 + i % 3)
        sheet.write_number(r, 7, 1 + i % 38)
        sheet.write_string(r, 8, styles[i % 3])
        sheet.write_string(r, 9, ("中共党员", "群众")[i % 2])
        sheet.write_string(r, 10, ("大专", "本科", "硕士")[i % 3])
        sheet.write_string(r, 11, "")
    book.close()
    tmp.rename(path)
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_openpyxl(path: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    started = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    count = sum(1 for _ in sheet.iter_rows(values_only=True))
    book.close()
    return {"seconds": time.perf_counter() - started, "rows": count, "rss_mb": _rss_mb()}


def _fresh_database(folder: Path) -> Any:
    from db.database import open_database
    from db.models import Community, District, Street

    db = open_database(str(folder / "bench.sqlite"))
    with db.write() as s:
        district = District(code="210504", name="明山区")
        s.add(district)
        s.flush()
        street = Street(code="210504002", name="新明街道", district_id=district.id)
        s.add(street)
        s.flush()
        for i, name in enumerate(COMMUNITIES, start=1):
            s.add(Community(code=f"210504002{i:03d}", name=name, street_id=street.id,
                            population=10000, households=3500))  # fmt: skip
    return db


def child_import(path: Path) -> dict[str, Any]:
    from db.people.roster_import import apply_import, plan_import
    from db.people.roster_kinds import Kind
    from db.security.actors import SYSTEM

    with tempfile.TemporaryDirectory() as folder:
        db = _fresh_database(Path(folder))
        out: dict[str, Any] = {}
        for run in ("first", "again"):
            started = time.perf_counter()
            plan = plan_import(db, path, Kind.COMMUNITY_WORKER)
            checked = time.perf_counter()
            result = apply_import(db, plan, SYSTEM)
            done = time.perf_counter()
            out[run] = {
                "read_check": checked - started,
                "write": done - checked,
                "seconds": done - started,
                "rows": len(plan.rows),
                "problems": len(plan.problems),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        out["rss_mb"] = _rss_mb()
        db.dispose()
    return out


def _child(mode: str, path: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.roster_import", "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, file = args.child
        result = child_openpyxl(Path(file)) if mode == "openpyxl" else child_import(Path(file))
        print(json.dumps(result))
        return 0
    started = time.perf_counter()
    path = bench_file(args.rows)
    made = time.perf_counter() - started
    size_mb = path.stat().st_size / (1024 * 1024)
    floor = _child("openpyxl", path)
    imp = _child("import", path)
    first, again = imp["first"], imp["again"]
    rate = first["rows"] / first["seconds"]
    rate_again = again["rows"] / again["seconds"]
    ok_rate = rate >= TARGET_ROWS_PER_S
    ok_rss = imp["rss_mb"] <= TARGET_RSS_MB
    print(f"roster import bench: {args.rows:,} rows, {size_mb:.1f} MB file"
          f"{' (cached)' if made < 1 else f' (written in {made:.1f} s)'}")  # fmt: skip
    rows = [
        ("openpyxl read-only, read only", f"{floor['seconds']:.2f} s", f"{floor['rss_mb']:.0f} MB", "floor"),
        ("import: read + check", f"{first['read_check']:.2f} s", "", ""),
        ("import: write (one transaction)", f"{first['write']:.2f} s", "", ""),
        ("import end to end", f"{first['seconds']:.2f} s",
         f"{imp['rss_mb']:.0f} MB", f"{rate:,.0f} rows/s {'OK' if ok_rate else 'SLOW'} (≥ {TARGET_ROWS_PER_S:,})"),
        ("same file again (all matched)", f"{again['seconds']:.2f} s", "",
         f"{rate_again:,.0f} rows/s; created {again['created']}, unchanged {again['unchanged']}"),
        ("end to end ÷ openpyxl read", f"{first['seconds'] / floor['seconds']:.2f}×", "", ""),
        ("peak RSS of the import process", "", f"{imp['rss_mb']:.0f} MB",
         f"{'OK' if ok_rss else 'TOO HIGH'} (≤ {TARGET_RSS_MB} MB)"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'time':>9}  {'RSS':>7}  note")
    for name, t, rss, note in rows:
        print(f"{name:<{width}}  {t:>9}  {rss:>7}  {note}")
    return 0 if ok_rate and ok_rss and first["problems"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

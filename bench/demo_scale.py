"""Bench: how long `build_demo` takes and how big the SQLite file gets, for several case counts.

Usage: .venv/bin/python bench/demo_scale.py [N ...] [--pg URL]
(default N: 6000 100000; a PostgreSQL URL adds a column for that server, whose database is
dropped and recreated for every run). "CPU s" is this process's CPU time, "gen CPU s" the
generators' (the worker processes' for a build of several blocks, db/demo/bulk.py), "copy s"
the time spent copying the blocks' rows in and "index s" rebuilding the indexes after them: on
a shared machine CPU times say more than the wall-clock time. `--workers N` sets the worker
processes (the database is the same for any N).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.database import open_database
from db.demo.street import DemoSummary, build_demo

NOW = datetime(2026, 11, 26, 8, tzinfo=UTC)


def sqlite_run(
    n: int, folder: Path, workers: int | None = None
) -> tuple[float, float, float, int, DemoSummary]:
    path = folder / f"demo_{n}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    started, cpu = time.perf_counter(), time.process_time()
    summary = build_demo(db, cases=n, now=NOW, workers=workers)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    size = path.stat().st_size
    path.unlink()
    return elapsed, cpu, size / 1e6, summary.cases, summary


def pg_run(n: int, url: str) -> float:
    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"griddesk_bench_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        db = open_database(base.set(database=name).render_as_string(hide_password=False))
        started = time.perf_counter()
        build_demo(db, cases=n, now=NOW)
        elapsed = time.perf_counter() - started
        db.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[6000, 100_000])
    parser.add_argument("--pg", help="PostgreSQL server URL (postgresql+psycopg://…)")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the SQLite files")
    parser.add_argument("--workers", type=int, default=None, help="generator processes")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="griddesk-bench-"))
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(
        f"{'cases':>10} {'SQLite s':>10} {'CPU s':>8} {'gen CPU s':>10} {'copy s':>7}"
        f" {'index s':>8} {'cases/s':>9} {'file MB':>9} {'PostgreSQL s':>13}"
    )
    for n in args.counts:
        elapsed, cpu, size, made, summary = sqlite_run(n, folder, args.workers)
        pg = f"{pg_run(n, args.pg):13.1f}" if args.pg else f"{'-':>13}"
        print(
            f"{made:>10} {elapsed:>10.1f} {cpu:>8.1f} {summary.generation_cpu:>10.1f}"
            f" {summary.copy_seconds:>7.1f} {summary.index_seconds:>8.1f}"
            f" {made / elapsed:>9.0f} {size:>9.1f} {pg}",
            flush=True,
        )


if __name__ == "__main__":
    main()

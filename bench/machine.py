"""How fast this machine runs what GridDesk's figures are made of, so that `make bench` runs on
different machines can be compared: the benchmarks' targets are absolute times, and most
figures scale with single-core speed (a machine that takes twice as long here takes about
twice as long for a page open, a catch-up or the database build).

Two fixed workloads, best of three each, one core:
- Python: ten million additions in a loop (the interpreter's own speed: workflow, roll-up
  catch-up, the demo generator, widgets);
- SQLite: 300,000 rows inserted into an in-memory table, then sorted and grouped (the engine's
  speed: the database build, index building, the roll-ups).

`python -m bench.machine` prints them; `make bench` prints them first.
"""

from __future__ import annotations

import sqlite3
import time

RUNS = 3


def python_seconds() -> float:
    """Best of RUNS: ten million additions in a Python loop, CPU seconds."""
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.process_time() - started)
    return best


def sqlite_seconds() -> float:
    """Best of RUNS: 300,000 rows into an in-memory SQLite table, then a GROUP BY and an
    ORDER BY over them, CPU seconds."""
    best = float("inf")
    for _ in range(RUNS):
        conn = sqlite3.connect(":memory:")
        try:
            started = time.process_time()
            conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL)")
            conn.executemany(
                "INSERT INTO t VALUES (?, ?, ?)",
                (
                    (i * 7919 % 300_007, f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}", i * 0.5)
                    for i in range(300_000)
                ),
            )
            conn.execute("SELECT b, count(*), sum(c) FROM t GROUP BY b").fetchall()
            conn.execute("SELECT a FROM t ORDER BY b, a").fetchall()
            best = min(best, time.process_time() - started)
        finally:
            conn.close()
    return best


def line() -> str:
    return (
        f"machine: Python loop {python_seconds():.2f} s, SQLite workload {sqlite_seconds():.2f} s"
        " (CPU, best of 3; a machine twice as slow takes about twice as long for most figures)"
    )


if __name__ == "__main__":
    print(line())

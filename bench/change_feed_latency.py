"""Bench: how long from a case write's commit to the change feed's `on_change`, SQLite and PostgreSQL.

Usage: .venv/bin/python bench/change_feed_latency.py [--n 50] [--poll 0.25 ...] [--pg URL]

For each backend and poll interval it reports `--n` cases one at a time, from this process
and from another process (what a second workstation or `griddesk-admin simulate` does), and
measures commit start → `on_change` on the feed's thread (time.monotonic is system-wide on
Linux, so the two processes' clocks compare). Between changes it waits a random fraction of
the poll interval so the SQLite polls meet changes at every phase. Targets (issue 3):
≤ 1 s on SQLite, ≤ 0.3 s on PostgreSQL, for another process's new case.
PostgreSQL: a scratch database is created on the server of `--pg` (default
$GRIDDESK_BENCH_PG_URL or postgres@127.0.0.1) and dropped afterwards; skipped if unreachable.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db.cases.intake import report_in  # noqa: E402
from db.database import open_database  # noqa: E402
from db.engine import Database  # noqa: E402
from db.feed.change_feed import ChangeFeed  # noqa: E402
from tests.street import GRID_A1, build_street  # noqa: E402

CATEGORY = "0101"
TARGET = {"sqlite": 1.0, "postgresql": 0.3}
WRITER = """
import sys, time
from db.cases.intake import report_in
from db.engine import Database
db = Database(sys.argv[1])
for line in sys.stdin:
    with db.write() as s:
        case = report_in(s, grid_code=sys.argv[2], category_code=sys.argv[3],
                         description="基准测试：另一进程上报")
        case_id = case.id
        t0 = time.monotonic()
    print(case_id, t0, flush=True)
db.dispose()
"""


class Arrivals:
    """When each case id first reached on_change (monotonic seconds)."""

    def __init__(self) -> None:
        self.at: dict[int, float] = {}
        self.resyncs = 0
        self._cond = threading.Condition()

    def on_change(self, ids: frozenset[int] | None) -> None:
        now = time.monotonic()
        with self._cond:
            if ids is None:
                self.resyncs += 1
            else:
                for i in ids:
                    self.at.setdefault(i, now)
            self._cond.notify_all()

    def wait(self, case_id: int, timeout: float = 10.0) -> float | None:
        with self._cond:
            if self._cond.wait_for(lambda: case_id in self.at, timeout):
                return self.at[case_id]
        return None


def in_process_writer(db: Database) -> Iterator[tuple[int, float]]:
    while True:
        with db.write() as s:
            case = report_in(s, grid_code=GRID_A1, category_code=CATEGORY, description="基准测试")
            case_id = case.id
            t0 = time.monotonic()  # the commit happens as the block exits
        yield case_id, t0


@contextmanager
def other_process_writer(url: str) -> Iterator[Iterator[tuple[int, float]]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, GRID_A1, CATEGORY],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def changes() -> Iterator[tuple[int, float]]:
        while True:
            stdin.write("go\n")
            stdin.flush()
            case_id, t0 = stdout.readline().split()
            yield int(case_id), float(t0)

    try:
        yield changes()
    finally:
        stdin.close()
        proc.wait(timeout=30)


def measure(
    db: Database, writes: Iterator[tuple[int, float]], poll: float, n: int
) -> tuple[list[float], int, int]:
    arrivals = Arrivals()
    feed = ChangeFeed(db, arrivals.on_change, poll_interval=poll)
    feed.start()
    latencies: list[float] = []
    lost = 0
    try:
        if not feed.wait_connected(30):
            raise SystemExit(f"feed did not connect: {feed.state}")
        rng = random.Random(7)
        for _ in range(n):
            case_id, t0 = next(writes)
            got = arrivals.wait(case_id)
            if got is None:
                lost += 1
            else:
                latencies.append(got - t0)
            time.sleep(rng.uniform(0, poll))
    finally:
        feed.stop()
    return latencies, lost, arrivals.resyncs


@contextmanager
def sqlite_database() -> Iterator[tuple[str, Database]]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        db = open_database(url)
        try:
            yield url, db
        finally:
            db.dispose()


@contextmanager
def pg_database(server: str) -> Iterator[tuple[str, Database] | None]:
    base = make_url(server).set(drivername="postgresql+psycopg")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"griddesk_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: skip PostgreSQL
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}", file=sys.stderr)
        admin.dispose()
        yield None
        return
    url = base.set(database=name).render_as_string(hide_password=False)
    db = open_database(url)
    try:
        yield url, db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="changes per measurement")
    parser.add_argument("--poll", type=float, nargs="+", default=[0.25], help="poll intervals")
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "GRIDDESK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()

    header = ["backend", "writer", "poll s", "n", "median ms", "p90 ms", "max ms", "target", "ok"]
    results: list[list[str]] = []

    def run(backend: str, url: str, db: Database) -> None:
        build_street(db)
        for poll in args.poll:
            for label in ("this process", "other process"):
                if label == "this process":
                    lat, lost, resyncs = measure(db, in_process_writer(db), poll, args.n)
                else:
                    with other_process_writer(url) as writes:
                        lat, lost, resyncs = measure(db, writes, poll, args.n)
                lat.sort()
                p90 = lat[int(0.9 * (len(lat) - 1))] if lat else float("nan")
                worst = max(lat) if lat else float("nan")
                ok = not lost and not resyncs and worst <= TARGET[backend]
                results.append(
                    [
                        backend,
                        label,
                        f"{poll:g}" if backend == "sqlite" else "-",
                        f"{len(lat)}" + (f" ({lost} lost)" if lost else ""),
                        f"{statistics.median(lat) * 1000:.1f}" if lat else "-",
                        f"{p90 * 1000:.1f}",
                        f"{worst * 1000:.1f}",
                        f"≤ {TARGET[backend] * 1000:.0f}",
                        "yes" if ok else "NO",
                    ]
                )
                print("measured:", " ".join(results[-1]), file=sys.stderr, flush=True)
            if backend == "postgresql":
                break  # the poll interval only bounds stop() there, not latency

    with sqlite_database() as (url, db):
        run("sqlite", url, db)
    with pg_database(args.pg) as pg:
        if pg is not None:
            run("postgresql", *pg)

    widths = [max(len(r[i]) for r in [header, *results]) for i in range(len(header))]
    print(row(header, widths))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in results:
        print(row(r, widths))


if __name__ == "__main__":
    main()

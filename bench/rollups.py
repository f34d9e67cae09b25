"""Bench: the daily roll-ups (db/stats/rollups) — rebuild, catch-up after 1,000 new events, and
what one change would cost in the writing transaction — on SQLite and PostgreSQL.

`python -m bench.rollups [--cases N] [--pg URL]` works on a copy of the benchmarks' shared demo
database on SQLite (bench/database.py; N cases, default 1,000,000) and builds a demo street of
N cases (default 20,000: the machine is shared) in the given PostgreSQL database, then:

- `rollup rebuild` (every day from the raw rows; target 30 s per 1,000,000 cases, with this
  process's CPU time beside it — the shared machine's load inflates the wall time);
- one change (a 催办 of an open case) followed by a catch-up: what folding a single change in
  would add to a dispatch if it were done in the writing transaction (issue 16: a dispatch
  ≤ 5 ms) — the reason the roll-ups are maintained by a catch-up instead;
- 1,000 new events (催办 of 1,000 open cases, reported over many earlier days), then the
  catch-up that folds them in — target ≤ 100 ms.

The helpers here are shared with bench/stats.py and bench/reports.py (`raw_only`: the readers
as they were, every figure from the raw rows, for before/after ratios in one run).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

TARGET_CATCH_UP_S = 0.1
TARGET_REBUILD_S_PER_MILLION_CASES = 30.0


@contextlib.contextmanager
def raw_only() -> Iterator[None]:
    """Every figure from the raw rows (the roll-ups ignored), as before issue 16."""
    from db.stats.rollups import read

    saved = read.plan
    read.plan = lambda *a, **k: None
    try:
        yield
    finally:
        read.plan = saved


def rebuild(db: Any, now: datetime) -> float:
    return timed_rebuild(db, now)[0]


def timed_rebuild(db: Any, now: datetime) -> tuple[float, float]:
    """A rebuild: (wall seconds, this process's CPU seconds)."""
    from db.stats.rollups.build import rebuild as rebuild_in

    started, cpu = time.perf_counter(), time.process_time()
    with db.write() as session:
        rebuild_in(session, now=now)
    return time.perf_counter() - started, time.process_time() - cpu


def catch_up(db: Any, now: datetime) -> tuple[float, Any]:
    seconds, _cpu, result = timed_catch_up(db, now)
    return seconds, result


def timed_catch_up(db: Any, now: datetime) -> tuple[float, float, Any]:
    """A catch-up: (wall seconds, this process's CPU seconds, result) — the CPU time is what
    the machine's load does not inflate (a shared machine's wall times are noisy)."""
    from db.stats.rollups.build import catch_up as catch_up_in

    started, cpu = time.perf_counter(), time.process_time()
    with db.write() as session:
        result = catch_up_in(session, now=now)
    return time.perf_counter() - started, time.process_time() - cpu, result


def open_cases(db: Any, n: int) -> list[str]:
    from sqlalchemy import select

    from db.models import Case

    with db.read() as session:
        return list(
            session.scalars(
                select(Case.number)
                .where(Case.status.in_(("dispatched", "accepted", "returned")))
                .order_by(Case.id)
                .limit(n)
            )
        )


def urge(db: Any, numbers: list[str], now: datetime) -> float:
    from db.cases import workflow
    from db.cases.states import Action
    from db.cases.workflow import Request

    started = time.perf_counter()
    for i, number in enumerate(numbers):
        workflow.apply(
            db, number, Action.URGE, Request(reason="基准测试催办"), now=now + timedelta(seconds=i)
        )
    return time.perf_counter() - started


def events_then_catch_up(db: Any, now: datetime, events: int = 1000) -> tuple[float, Any]:
    """`events` new events (催办), then the catch-up that folds them in: (seconds, result)."""
    seconds, _cpu, result = events_then_timed_catch_up(db, now, events)
    return seconds, result


def events_then_timed_catch_up(
    db: Any, now: datetime, events: int = 1000
) -> tuple[float, float, Any]:
    """As events_then_catch_up: (wall seconds, CPU seconds, result)."""
    numbers = open_cases(db, events)
    while len(numbers) < events:
        numbers += numbers[: events - len(numbers)]
    catch_up(db, now)
    urge(db, numbers, now)
    return timed_catch_up(db, now)


def run(
    url: str, cases: int, runs: int, base: Any = None
) -> list[tuple[str, float, float | None, str]]:
    """On `url`: a fresh database the demo street is built in, or (`base`, a
    bench.database.BenchDatabase) a copy of the shared demo database."""
    from db.database import open_database
    from db.demo.street import build_demo, default_now

    db = open_database(url)
    rows: list[tuple[str, float, float | None, str]] = []
    if base is None:
        now = default_now()
        started = time.perf_counter()
        build_demo(db, cases=cases, now=now)
        rows.append(("demo street built", time.perf_counter() - started, None, f"{cases:,} cases"))
    else:
        now = base.now
        note = f"{base.cases:,} cases, shared" + ("" if base.built_now else " (cached)")
        rows.append(("demo street built", base.seconds, None, note))
    seconds, cpu = timed_rebuild(db, now)
    target = TARGET_REBUILD_S_PER_MILLION_CASES * cases / 1_000_000
    rows.append(("rollup rebuild", seconds, target, f"CPU {cpu:.1f} s"))
    singles = []
    for number in open_cases(db, runs * 4)[: runs * 4]:
        catch_up(db, now)
        urge(db, [number], now)
        singles.append(catch_up(db, now)[0])
    rows.append(
        (
            "one change folded in (in-transaction cost)",
            statistics.median(singles),
            0.005,
            "would add this to a 5 ms dispatch",
        )
    )
    samples = []
    cpus = []
    days = []
    for _ in range(runs):
        seconds, cpu, result = events_then_timed_catch_up(db, now)
        samples.append(seconds)
        cpus.append(cpu)
        days.append(result.days)
    rows.append(
        (
            "catch-up after 1,000 new events",
            statistics.median(samples),
            TARGET_CATCH_UP_S,
            f"{statistics.median(days):.0f} day slices recomputed; "
            f"CPU {statistics.median(cpus) * 1000:.0f} ms",
        )
    )
    db.dispose()
    return rows


def print_rows(title: str, rows: list[tuple[str, float, float | None, str]]) -> bool:
    print()
    print(title)
    print(f"{'measure':<44} {'median':>10} {'target':>9}  ok  note")
    ok = True
    for name, seconds, target, note in rows:
        good = target is None or seconds <= target
        ok = ok and good
        t = f"{target * 1000:.0f} ms" if target is not None else ""
        print(f"{name:<44} {seconds * 1000:>7.1f} ms {t:>9}  {'yes' if good else 'NO '} {note}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rollups", description=__doc__)
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", metavar="URL", help="also on this (empty) PostgreSQL database")
    args = parser.parse_args(argv)
    ok = True
    from bench import database as shared

    cases = args.cases or shared.CASES
    base = shared.ensure(cases)
    url = f"sqlite:///{shared.working_copy(base)}"  # the catch-ups here write
    ok &= print_rows(f"roll-ups — SQLite, {cases:,} cases", run(url, cases, args.runs, base))
    if args.pg:
        cases = args.cases or 20_000
        ok &= print_rows(f"roll-ups — PostgreSQL, {cases:,} cases", run(args.pg, cases, args.runs))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

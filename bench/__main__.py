"""`python -m bench [NAME ...]` (`make bench`): run GridDesk's benchmarks, each printing a table.

Each benchmark runs in its own process so its peak memory is its own. With no name, all of
the everyday ones run (the demo-scale build is left out: it is long and measures the builder;
so is the district, `make bench-district`: 10,000,000 cases on PostgreSQL), the shared
1,000,000-case demo database first (bench/database.py: desk, stats, reports and roll-ups work on
copies of it), and the total time is printed last (issue 16: ≤ 15 minutes).
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHES: dict[str, tuple[str, str]] = {
    "database": (
        "bench.database",
        "the benchmarks' shared 1,000,000-case demo database: built once (≤ 120 s), cached",
    ),
    "desk": ("bench.desk", "dispatch desk: queue pages, filter, sort, scroll, drop, feed, RSS"),
    "inbox": ("bench.inbox", "department inbox: 10,000 open cases, stage pages, feedback"),
    "stats": ("bench.stats", "statistics page: month and year charts, redraw after a change"),
    "reports": ("bench.reports", "Excel returns: monthly return for a month and a year, 明细表"),
    "roster-import": ("bench.roster_import", "roster import: 50,000-row spreadsheet"),
    "change-feed": ("bench.change_feed_latency", "change feed: commit → notification latency"),
    "addresses": ("bench.addresses", "placing callers' addresses in grids: evaluation set"),
    "intake": (
        "bench.intake",
        "intake: 小类 top-1/top-3 on callers' words, grid, time per suggestion",
    ),
    "rollups": (
        "bench.rollups",
        "daily roll-ups: rebuild, one change folded in, catch-up after 1,000 events",
    ),
    "plans": (
        "bench.plans",
        "every page's and griddesk-admin listing's reads on the shared street, slow plans shown",
    ),
    "demo-scale": ("bench.demo_scale", "demo builder: time and size for 6k and 100k cases"),
    "district": (
        "bench.district",
        "district on PostgreSQL: 10 streets × 1,000,000 cases, a street's desk, statistics, return",
    ),
}
TOTAL_TARGET_S = 15 * 60  # `make bench`, issue 16
DEFAULT = (
    "database",
    "desk",
    "inbox",
    "stats",
    "reports",
    "roster-import",
    "change-feed",
    "intake",
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        for name, (_, text) in BENCHES.items():
            print(f"  {name:14} {text}")
        print(
            "Arguments after `--` go to every benchmark, e.g. `python -m bench desk -- --runs 3`."
        )
        return 0
    extra: list[str] = []
    if "--" in args:
        cut = args.index("--")
        args, extra = args[:cut], args[cut + 1 :]
    names = args or list(DEFAULT)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        return 2
    from bench.machine import line as machine_line

    print(machine_line(), flush=True)  # to compare runs on different machines
    failed = []
    started = time.perf_counter()
    for name in names:
        module, text = BENCHES[name]
        print(f"\n=== {name}: {text}", flush=True)
        code = subprocess.call([sys.executable, "-m", module, *extra])
        if code != 0:
            failed.append(name)
    total = time.perf_counter() - started
    print(f"\n{machine_line()} (again: a shared machine's speed changes during a run)")
    print(f"\n{'figure':<40} {'value':>14} {'target':>9}  ok")
    print(
        f"{'make bench, total' if names == list(DEFAULT) else 'benchmarks run, total':<40}"
        f" {total / 60:>10.1f} min"
        f" {'≤ 15 min':>9}  {'✓' if total <= TOTAL_TARGET_S else '✗'}"
    )
    if failed:
        print(f"\nbenchmarks that missed a target or failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

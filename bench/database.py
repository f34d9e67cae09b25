"""The one 1,000,000-case demo database the benchmarks share (issue 16).

`ensure()` gives the cached demo street (`db.demo.street.build_demo`: cases with their sealed
histories, photos and merges, the daily roll-ups rebuilt), built once under /tmp/griddesk-bench/
(`GRIDDESK_BENCH_DIR`) in a child process, so that no benchmark's RSS counts the build. Its file
is named after its key, the migrations, the demo builder and the transition rules: when one of
them changes, another file is built, and one not used for a day is removed.

A benchmark that writes (a dispatch, a new case, a roll-up catch-up) works on `working_copy()`,
a copy of the file removed when the process ends, so no benchmark's writes change another's
figures.

`python -m bench.database [--cases N] [--rebuild]` builds (or finds) it and prints the table row
`1,000,000-case database built | … | ≤ 120 s` with the build's phases.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.schema import schema_digest

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("GRIDDESK_BENCH_DIR", "/tmp/griddesk-bench"))
CASES = 1_000_000
SEED = 20261126
TARGET_BUILD_S = 120.0


@dataclass(frozen=True)
class BenchDatabase:
    path: Path
    now: datetime  # the demo's reference time (its "now" when it was built)
    cases: int
    open_cases: int
    seconds: float  # the whole build: demo street + roll-up rebuild
    phases: dict[str, float]
    built_now: bool  # built by this call (not found in the cache)


def key(cases: int = CASES, seed: int = SEED) -> str:
    """The migrations, the demo builder and the transition rules its cases follow."""
    sources = [
        *sorted((REPO / "db" / "demo").glob("*.py")),
        REPO / "db" / "cases" / "transitions.py",
        REPO / "db" / "cases" / "history_chain.py",
    ]
    data = schema_digest().encode() + b"".join(p.read_bytes() for p in sources)
    return f"{hashlib.sha256(data).hexdigest()[:16]}-{cases}-{seed}-v1"


def database_path(cases: int = CASES, wanted: str | None = None) -> Path:
    """Named after its key: a checkout with other migrations or another demo builder (a branch
    being measured beside this one) builds its own file instead of replacing one in use."""
    digest = (wanted or key(cases)).split("-")[0][:10]
    return CACHE / f"demo-{cases}-{digest}.sqlite"


STALE_AFTER_S = 24 * 3600


def _remove_stale(cases: int, keep: Path) -> None:
    """Other keys' databases of this size not used for a day (3–4 GB each)."""
    now = time.time()
    for old in CACHE.glob(f"demo-{cases}-*.sqlite"):
        if old != keep and now - old.stat().st_mtime > STALE_AFTER_S:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{old}{suffix}").unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)


def _load(path: Path, stamp: Path, built_now: bool) -> BenchDatabase:
    info = json.loads(stamp.read_text())
    return BenchDatabase(
        path=path,
        now=datetime.fromisoformat(info["now"]),
        cases=int(info["cases"]),
        open_cases=int(info["open_cases"]),
        seconds=float(info["seconds"]),
        phases={str(k): float(v) for k, v in info.get("phases", {}).items()},
        built_now=built_now,
    )


def ensure(cases: int = CASES, rebuild: bool = False, quiet: bool = False) -> BenchDatabase:
    """The cached demo database (built first when missing or stale)."""
    wanted = key(cases)
    path = database_path(cases, wanted)
    stamp = path.with_suffix(".json")
    if not rebuild and path.exists() and stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("key") == wanted:
            found = _load(path, stamp, built_now=False)
            if not quiet:
                print(
                    f"demo database {path}: {found.cases:,} cases, {found.open_cases:,} open "
                    f"(cached; built in {found.seconds:.0f} s)",
                    flush=True,
                )
            return found
    CACHE.mkdir(parents=True, exist_ok=True)
    _remove_stale(cases, path)
    for suffix in ("", "-wal", "-shm", ".json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not quiet:
        print(f"building {path} (demo street, {cases:,} cases with their history) …", flush=True)
    partial = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-m", "bench.database", "--build", str(partial), "--cases", str(cases)],
        check=True,
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    info = json.loads(out.stdout.strip().splitlines()[-1])
    partial.rename(path)
    stamp.write_text(json.dumps({"key": wanted, **info}))
    built = _load(path, stamp, built_now=True)
    if not quiet:
        print(
            f"built in {built.seconds:.1f} s: "
            + ", ".join(f"{name} {s:.1f} s" for name, s in built.phases.items())
            + f"; {built.open_cases:,} open cases",
            flush=True,
        )
    return built


_COPIES: list[Path] = []


def _remove_copies() -> None:
    for folder in _COPIES:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def working_copy(base: BenchDatabase) -> Path:
    """A private copy of the shared database for a benchmark that writes; removed at exit
    (and, should that process have been killed, by the next copy made)."""
    for stale in CACHE.glob("copy-*-*"):
        pid = stale.name.split("-")[1]
        if stale.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    if not _COPIES:
        atexit.register(_remove_copies)
    folder = Path(tempfile.mkdtemp(prefix=f"copy-{os.getpid()}-", dir=CACHE))
    _COPIES.append(folder)
    target = folder / base.path.name
    shutil.copyfile(base.path, target)
    return target


def build(path: Path, cases: int) -> dict[str, Any]:
    """Build the demo street and its roll-ups in `path`; the stamp's facts (printed as JSON)."""
    from sqlalchemy import func, select

    from db.database import open_database
    from db.demo.street import build_demo, default_now
    from db.models import Case
    from db.stats.rollups.build import rebuild

    db = open_database(f"sqlite:///{path}")
    now = default_now()
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()

    def progress(stage: str, _fraction: float) -> None:
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter()))

    summary = build_demo(db, cases=cases, seed=SEED, now=now, progress=progress)
    built = time.perf_counter()
    with db.write() as session:
        rebuild(session, now=now)
    rolled = time.perf_counter()
    with db.read() as session:
        open_cases = int(session.scalar(select(func.count()).where(Case.is_open)) or 0)
    db.dispose()
    raw = sqlite3.connect(str(path), isolation_level=None)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    done = time.perf_counter()
    names = {
        "街道、社区与网格": "street",
        "人员花名册": "people+accounts",
        "案件": "cases",
        "索引": "indexes",
        "收尾": "counters+duplicates+commit",
    }
    phases: dict[str, float] = {}
    for (stage, at), (_next, until) in zip(marks, [*marks[1:], ("", built)], strict=True):
        if stage in names:
            phases[names[stage]] = round(phases.get(names[stage], 0.0) + until - at, 2)
    # inside "cases": the generators' CPU (all workers) and the copying of their rows
    phases["generation CPU"] = round(summary.generation_cpu, 2)
    phases["copying rows in"] = round(summary.copy_seconds, 2)
    phases["rollup rebuild"] = round(rolled - built, 2)
    phases["checkpoint"] = round(done - rolled, 2)
    return {
        "now": now.isoformat(),
        "cases": cases,
        "open_cases": open_cases,
        "seconds": round(done - started, 2),
        "phases": phases,
        "load": round(os.getloadavg()[0], 1),
    }


def print_row(base: BenchDatabase) -> bool:
    """The table row of issue 16: figure | value | target."""
    ok = base.seconds <= TARGET_BUILD_S
    value = f"{base.seconds:.0f} s" + ("" if base.built_now else " (cached)")
    print()
    print(f"{'figure':<40} {'value':>14} {'target':>9}  ok")
    print(
        f"{f'{base.cases:,}-case database built':<40} {value:>14} "
        f"{f'≤ {TARGET_BUILD_S:.0f} s':>9}  {'✓' if ok else '✗'}"
    )
    if base.phases:
        print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in base.phases.items()))
    print(f"  {base.open_cases:,} open cases; reference time {base.now:%Y-%m-%d %H:%M} UTC")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.database", description=__doc__)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--rebuild", action="store_true", help="build it again")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args(argv)  # `python -m bench … -- --runs 3` reaches us too
    if args.build is not None:
        print(json.dumps(build(args.build, args.cases)), flush=True)
        return 0
    return 0 if print_row(ensure(args.cases, args.rebuild)) else 1


if __name__ == "__main__":
    sys.exit(main())

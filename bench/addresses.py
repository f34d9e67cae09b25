"""Bench: placing callers' addresses in grids with the gazetteer (issue 12, point 2).

`python -m bench.addresses [--cases N]` builds the demo street with N cases on a fresh SQLite
file, places every line of bench/intake/addresses_eval.tsv (hand-written addresses in callers'
words) and prints: of the addresses that name a road and number, a junction or an estate of
the gazetteer, the share placed first in the right grid (target ≥ 95 %) and how many were
placed in a wrong grid with certainty (target 0); landmarks; ambiguous-by-design addresses
called certain (target 0); and the time per placement. Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

EVAL_FILE = Path(__file__).resolve().parent / "intake" / "addresses_eval.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    args, _ = parser.parse_known_args()
    from db.database import open_database
    from db.demo.street import build_demo
    from db.gazetteer.evaluation import evaluate_addresses

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "bench.sqlite"))
        started = time.perf_counter()
        build_demo(db, cases=args.cases, now=datetime(2026, 11, 26, 8, tzinfo=UTC))
        built = time.perf_counter() - started
        with db.read() as session:
            figures = evaluate_addresses(session, EVAL_FILE)
        db.dispose()
    print(f"demo street with {args.cases} cases built in {built:.1f} s")
    print(f"{'addresses in the evaluation set':48} {figures['addresses']:>8}")
    print(
        f"{'road+number / junction / estate: right grid':48} "
        f"{figures['named_right']:>4}/{figures['named']:<4} {figures['named_accuracy']:7.1%}"
    )
    print(f"{'  … placed in a wrong grid with certainty':48} {figures['wrong_and_certain']:>8}")
    print(f"{'landmarks: right grid':48} {figures['landmark_accuracy']:>8.1%}")
    print(
        f"{'ambiguous by design called certain':48} "
        f"{figures['ambiguous_called_certain']:>4}/{figures['ambiguous']}"
    )
    print(f"{'time per placement':48} {figures['ms_per_address']:>6.2f} ms")
    for miss in figures["misses"]:
        print(f"  miss: {miss}")
    ok = (
        figures["named_accuracy"] >= 0.95
        and figures["wrong_and_certain"] == 0
        and figures["ambiguous_called_certain"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Bench: intake suggestions (issue 12) — `python -m bench.intake [--cases N]`.

On the bench's demo database (`bench.stats.ensure_database`, 1,000,000 cases by default,
built once and cached; copied so the cached file is not changed) it prints:

- learning: `retrain_if_due` from the most recent closed cases (bounded, in the background);
- 小类 on the project's own texts in callers' words (bench/intake/texts_eval.tsv): top-1 ≥ 80 %,
  top-3 ≥ 95 %; the development texts; and the held-out set B (texts_heldout_b.tsv, never
  tuned on) against the same targets — the figure that says how it does on unseen words;
- time per suggestion, the model in memory: the 小类 alone, and the whole `suggest` (小类,
  grid, department; a read transaction each, as the form asks) — p95 ≤ 50 ms;
- grid accuracy of `place_in` on bench/intake/addresses_eval.tsv (≥ 95 %, none placed wrong
  with certainty) and duplicate precision/recall, when those evaluations exist.

Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.intake import (
    DEVELOPMENT,
    HELD_OUT,
    TEXTS,
    evaluate_addresses,
    evaluate_duplicates,
    evaluate_texts,
    read_pairs,
)

TARGET_TOP1 = 0.80
TARGET_TOP3 = 0.95
TARGET_MS = 50.0
TARGET_GRID = 0.95


def _row(name: str, value: str, target: str, ok: bool | None) -> str:
    mark = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{name:44} {value:>16} {target:>12}  {mark}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.intake")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1, help="(ignored; one pass over the texts)")
    parser.add_argument("--misses", action="store_true", help="list the texts ranked wrong")
    args = parser.parse_args(argv)

    from bench.stats import ensure_database
    from db.database import open_database
    from db.intake.classify import retrain_if_due
    from db.intake.suggest import suggest
    from db.models import Case, IntakeModel

    source, _ = ensure_database(args.cases)
    with tempfile.TemporaryDirectory(prefix="griddesk-intake-") as folder:
        path = Path(folder) / "intake.sqlite"
        shutil.copyfile(source, path)
        db = open_database(f"sqlite:///{path}")
        started = time.perf_counter()
        retrain_if_due(db, force=True)
        learning = time.perf_counter() - started
        with db.read() as session:
            model = session.get(IntakeModel, "categories")
            learned_from = model.cases if model is not None else 0
            from sqlalchemy import func, select

            total = int(session.scalar(select(func.count()).select_from(Case)) or 0)
        texts = evaluate_texts(db)
        development = [evaluate_texts(db, path) for path in DEVELOPMENT]
        held_out = evaluate_texts(db, HELD_OUT)
        ms: list[float] = []
        for text, _ in read_pairs(TEXTS):
            begun = time.perf_counter()
            suggest(db, text, "紫金路149号")
            ms.append((time.perf_counter() - begun) * 1000)
        ms.sort()
        whole_median = statistics.median(ms)
        whole_p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        addresses = evaluate_addresses(db)
        duplicates = evaluate_duplicates(db)
        db.dispose()

    print(f"database: {total:,} cases; learned from {learned_from:,} closed cases")
    print(_row("measure", "value", "target", None))
    rows = [
        _row("learning (retrain_if_due, background)", f"{learning:.1f} s", "", None),
        _row(
            f"小类 top-1 ({texts['texts']} texts)",
            f"{texts['top1']:.1%}",
            f"≥ {TARGET_TOP1:.0%}",
            texts["top1"] >= TARGET_TOP1,
        ),
        _row(
            "小类 top-3",
            f"{texts['top3']:.1%}",
            f"≥ {TARGET_TOP3:.0%}",
            texts["top3"] >= TARGET_TOP3,
        ),
        *(
            _row(
                f"development texts {path.name} ({result['texts']}) top-1 / top-3",
                f"{result['top1']:.1%} / {result['top3']:.1%}",
                "",
                None,
            )
            for path, result in zip(DEVELOPMENT, development, strict=True)
        ),
        _row(
            f"held-out (never tuned on), set B ({held_out['texts']}) top-1",
            f"{held_out['top1']:.1%}",
            f"≥ {TARGET_TOP1:.0%}",
            held_out["top1"] >= TARGET_TOP1,
        ),
        _row(
            "held-out (never tuned on), set B top-3",
            f"{held_out['top3']:.1%}",
            f"≥ {TARGET_TOP3:.0%}",
            held_out["top3"] >= TARGET_TOP3,
        ),
        _row(
            "小类 per suggestion, median / p95",
            f"{texts['ms_median']:.1f} / {texts['ms_p95']:.1f} ms",
            "",
            None,
        ),
        _row(
            "whole suggest (小类+grid+dept), median / p95",
            f"{whole_median:.1f} / {whole_p95:.1f} ms",
            f"≤ {TARGET_MS:.0f} ms",
            whole_p95 <= TARGET_MS,
        ),
    ]
    ok = (
        texts["top1"] >= TARGET_TOP1
        and texts["top3"] >= TARGET_TOP3
        and held_out["top1"] >= TARGET_TOP1
        and held_out["top3"] >= TARGET_TOP3
        and whole_p95 <= TARGET_MS
    )
    if addresses is None:
        rows.append(_row("grid accuracy", "no addresses_eval.tsv", "", None))
    else:
        grid_ok = addresses["right"] >= TARGET_GRID and addresses["wrong_certain"] == 0
        ok = ok and grid_ok
        rows.append(
            _row(
                f"grid right ({addresses['addresses']} addresses)",
                f"{addresses['right']:.1%}",
                f"≥ {TARGET_GRID:.0%}",
                addresses["right"] >= TARGET_GRID,
            )
        )
        rows.append(
            _row(
                "placed in a wrong grid with certainty",
                str(addresses["wrong_certain"]),
                "0",
                addresses["wrong_certain"] == 0,
            )
        )
    if duplicates is None:
        rows.append(_row("duplicates precision / recall", "no evaluation", "", None))
    else:
        rows.append(
            _row(
                "duplicates precision / recall",
                f"{duplicates.get('precision', 0):.1%} / {duplicates.get('recall', 0):.1%}",
                "",
                None,
            )
        )
    print("\n".join(rows))
    if args.misses:
        for text, expected, codes in texts["misses"]:
            print(f"  {expected} ← {codes}  {text}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

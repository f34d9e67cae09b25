"""The intake evaluation: the project's own complaint texts and addresses in callers' words
(written by hand, not by the demo's templates) and the figures the benchmark prints.

- `texts_eval.tsv`: description<TAB>expected 小类 code (`evaluate_texts`);
- `texts_heldout.tsv`, `texts_dev_c.tsv`: more texts of the same shape, used while developing
  the suggestion (their misses were looked at, so they are no longer a held-out measure);
- `texts_heldout_b.tsv` (set B): 369 texts written before the classifier's code and words were
  read and never tuned on — the honest "never seen" figure; never edit it;
- `addresses_eval.tsv` (when present): address<TAB>expected grid code (`evaluate_addresses`);
- duplicates: `bench.intake.duplicates.evaluate_duplicates(db)` when that module exists.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from db.engine import Database

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts_eval.tsv"
DEVELOPMENT = (HERE / "texts_heldout.tsv", HERE / "texts_dev_c.tsv")  # looked at while tuning
HELD_OUT = HERE / "texts_heldout_b.tsv"  # set B: never used to tune the model or the words
ADDRESSES = HERE / "addresses_eval.tsv"


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(text, expected) pairs of a tab-separated file; `#` lines and blank lines skipped."""
    pairs: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.rpartition("\t")
        if text and expected:
            pairs.append((text, expected.strip()))
    return pairs


def _timing(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {
        "ms_median": round(statistics.median(ordered), 2),
        "ms_p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "ms_per_suggestion": round(sum(ordered) / len(ordered), 2),
    }


def evaluate_texts(db: Database, path: Path = TEXTS) -> dict[str, Any]:
    """Top-1 and top-3 小类 accuracy on the evaluation texts, and the time per suggestion
    (the model already in memory: the first suggestion, which loads it, is not timed)."""
    from db.intake.classify import suggest_categories_in

    pairs = read_pairs(path)
    top1 = top3 = 0
    ms: list[float] = []
    misses: list[tuple[str, str, list[str]]] = []
    with db.read() as session:
        suggest_categories_in(session, "井盖")  # load the model
        for text, expected in pairs:
            started = time.perf_counter()
            choices = suggest_categories_in(session, text, limit=3)
            ms.append((time.perf_counter() - started) * 1000)
            codes = [c.code for c in choices]
            top1 += codes[:1] == [expected]
            top3 += expected in codes
            if codes[:1] != [expected]:
                misses.append((text, expected, codes))
    n = max(1, len(pairs))
    return {
        "texts": len(pairs),
        "top1": round(top1 / n, 4),
        "top3": round(top3 / n, 4),
        **_timing(ms or [0.0]),
        "misses": misses,
    }


def evaluate_addresses(db: Database, path: Path = ADDRESSES) -> dict[str, Any] | None:
    """Grid accuracy of `place_in` on the evaluation addresses that name a road and number, a
    junction or an estate (db/gazetteer/evaluation.py reads the file's form column), and how
    many addresses were placed in a wrong grid with certainty; None when the file is absent."""
    if not path.exists():
        return None
    from db.gazetteer.evaluation import evaluate_addresses as evaluate

    with db.read() as session:
        found = evaluate(session, path)
    return {
        "addresses": found["named"],
        "right": round(found["named_accuracy"], 4),
        "wrong_certain": found["wrong_and_certain"],
        "landmark_accuracy": found["landmark_accuracy"],
        "ambiguous_called_certain": found["ambiguous_called_certain"],
        "median_ms": found["ms_per_address"],
    }


def evaluate_duplicates(db: Database) -> dict[str, Any] | None:
    """Duplicate precision/recall from the duplicates work's own evaluation, when present."""
    try:
        from bench.intake import duplicates_eval as duplicates
    except ImportError:
        return None
    result = duplicates.evaluate_duplicates(db)
    return dict(result) if result is not None else None

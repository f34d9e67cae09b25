"""How well addresses are placed: `evaluate_addresses` reads an evaluation file (address, the
grid code expected or `*` for an address that fits several grids by design, and its form) and
places every line with `place_in`.

The figures the benchmark prints: of the addresses that name a road and number, a junction or
an estate of the gazetteer (a code expected), the share placed first in the right grid, and
how many were placed in a wrong grid with certainty (must be 0); the same for landmarks; and
how many of the ambiguous-by-design addresses were (wrongly) called certain."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db.errors import BadFile
from db.gazetteer.placement import place_in

NAMED_FORMS = frozenset({"road", "junction", "estate"})


@dataclass(frozen=True)
class EvalLine:
    line: int
    address: str
    expected: str  # a grid code, or "*"
    form: str


def read_eval_file(path: Path) -> list[EvalLine]:
    """The lines of an evaluation file (tab-separated; # starts a comment)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BadFile(f"无法读取 {path}：{exc.strerror or exc}") from exc
    out: list[EvalLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 2:
            raise BadFile(f"{path} 第 {number} 行应为「地址<TAB>网格编码」")
        form = parts[2].strip() if len(parts) > 2 else ""
        if not form:
            form = "ambiguous" if parts[1].strip() == "*" else "road"
        out.append(EvalLine(number, parts[0].strip(), parts[1].strip(), form))
    return out


def evaluate_addresses(session: Session, path: Path) -> dict[str, Any]:
    """Place every address of the file; the accuracy figures (see the module's doc)."""
    lines = read_eval_file(path)
    named = named_right = wrong_certain = named_certain = 0
    landmarks = landmarks_right = 0
    ambiguous = ambiguous_certain = 0
    misses: list[dict[str, Any]] = []
    started = time.perf_counter()
    for item in lines:
        placement = place_in(session, item.address, limit=5)
        first = placement.grids[0].code if placement.grids else ""
        if item.expected == "*":
            ambiguous += 1
            if placement.certain:
                ambiguous_certain += 1
                misses.append({"address": item.address, "expected": "*", "got": first})
            continue
        right = first == item.expected
        if placement.certain and not right:
            wrong_certain += 1
        if item.form in NAMED_FORMS:
            named += 1
            named_right += right
            named_certain += placement.certain and right
        elif item.form == "landmark":
            landmarks += 1
            landmarks_right += right
        if not right:
            misses.append(
                {
                    "address": item.address,
                    "expected": item.expected,
                    "got": first,
                    "certain": placement.certain,
                }
            )
    seconds = time.perf_counter() - started
    return {
        "addresses": len(lines),
        "named": named,
        "named_right": named_right,
        "named_accuracy": named_right / named if named else 0.0,
        "named_certain_right": named_certain,
        "wrong_and_certain": wrong_certain,
        "landmarks": landmarks,
        "landmark_accuracy": landmarks_right / landmarks if landmarks else 0.0,
        "ambiguous": ambiguous,
        "ambiguous_called_certain": ambiguous_certain,
        "ms_per_address": 1000 * seconds / len(lines) if lines else 0.0,
        "misses": misses,
    }

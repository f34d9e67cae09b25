"""What the duplicate comparison (查重比较) shows and does: a case in full beside each of its
likely duplicates in full, and the three decisions — merge one into the other either way, or
record that they are not duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from db.cases.duplicates import DuplicateCandidate, duplicates_of, mark_not_duplicate
from db.cases.queries import CaseDetail, case_detail
from db.cases.states import Action
from db.cases.workflow import Request, TransitionResult, apply_in
from db.engine import Database
from db.security.actors import Actor


@dataclass(frozen=True)
class Comparison:
    case: CaseDetail
    candidates: list[tuple[DuplicateCandidate, CaseDetail]]


def load_comparison(db: Database, number: str, limit: int = 5) -> Comparison:
    """Case `number` and its likely duplicates, each in full, best first (one read)."""
    with db.read() as session:
        case = case_detail(session, number)
        found = duplicates_of(session, number, limit=limit)
        return Comparison(case, [(c, case_detail(session, c.number)) for c in found])


def merge_cases(
    db: Database,
    duplicate: str,
    main: str,
    actor: Actor,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> TransitionResult:
    """合并: case `duplicate` into case `main` (the workflow's 合并, with its checks); the
    history says it was decided in the comparison unless `reason` says otherwise."""
    reason = reason or f"查重比较：与案件 {main.strip()} 重复"
    request = Request(into=main, reason=reason, expected_version=expected_version)
    with db.write() as session:
        return apply_in(session, duplicate, Action.MERGE, request, actor)


def not_duplicates(db: Database, first: str, second: str, actor: Actor) -> None:
    """不是重复: never propose the pair again."""
    with db.write() as session:
        mark_not_duplicate(session, actor, first, second)

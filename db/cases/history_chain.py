"""The case history (流转记录) sealed as one SHA-256 chain per case, so that an entry edited,
deleted or inserted after the fact is named by `verify_history` (and `griddesk-admin audit verify`).

Each entry stores the hash of the entry before it in its case (`prev_hash`; the first entry
chains to a value derived from the case number) and its own hash over its content; the case row
keeps the newest hash (`cases.history_hash`), so a deleted last entry is found too. Every write
of history entries goes through `add_events` (tests/test_history_chain.py checks no other code
inserts into `case_events`).

What it cannot see: someone with write access to the database who recomputes a case's whole
chain and its head. The audit log (chained and anchored on the workstations) still records who
did what to the case, so such a rewrite contradicts it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CTE, bindparam, insert, select, update
from sqlalchemy.orm import Session

from db.models import Case, CaseEvent
from db.models.base import Base

_GENESIS_PREFIX = "griddesk-case-history:"
_EVENTS = Base.metadata.tables[CaseEvent.__tablename__]
_INSERT_EVENTS = insert(_EVENTS)  # made once: a statement's cache key is then made once


def genesis(number: str) -> str:
    """What the first entry of case `number` chains to."""
    return hashlib.sha256((_GENESIS_PREFIX + number).encode("utf-8")).hexdigest()


_PLAIN = (str, int, float, bool, type(None))


def clean_details(details: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """`details` as the database gives it back (a JSON round trip), so the hash covers exactly
    what is stored. Flat details of plain values (most of them) come back as they are."""
    if not details:
        return None
    if all(type(k) is str and type(v) in _PLAIN for k, v in details.items()):
        return dict(details)
    cleaned: dict[str, Any] = json.loads(json.dumps(details, ensure_ascii=False, default=str))
    return cleaned


# One encoder made once (what `json.dumps` with these arguments builds on every call).
_CANONICAL_JSON = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
).encode


def event_hash(prev: str, row: Mapping[str, Any]) -> str:
    """The hash of one entry (`row` holds the columns of `_HASHED`) chained to `prev`: each
    field length-prefixed (`len:text`, `None` as the empty text), `details` as canonical JSON.

    Called for every entry the demo builder writes: the text is built in one pass."""
    at: datetime = row["at"]
    if at.tzinfo is not UTC:
        at = at.astimezone(UTC)
    details = row.get("details")
    parts = [prev]
    for value in (
        at.isoformat(),
        row["actor"],
        row["action"],
        row.get("from_status"),
        row["to_status"],
        row.get("department_id"),
        row.get("note") or "",
        _CANONICAL_JSON(details) if details else None,
    ):
        text = "" if value is None else value if type(value) is str else str(value)
        parts.append(f"{len(text)}:{text}")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


def seal(rows: Iterable[dict[str, Any]], head: str) -> str:
    """Fill `prev_hash`/`hash` of one case's new entries in order after `head`; the new head.
    Used by bulk writers (the demo builder) that know each case's head themselves."""
    for row in rows:
        row["details"] = clean_details(row.get("details"))
        row.setdefault("note", "")
        row.setdefault("department_id", None)
        row["prev_hash"] = head
        head = event_hash(head, row)
        row["hash"] = head
    return head


_DETAILS_REMEMBERED = 20_000  # distinct details a `HistorySealer` keeps the text of


class HistorySealer:
    """`seal` for a bulk writer sealing many histories (the demo builder): the same rows and
    hashes, each entry's text built in one f-string and the canonical JSON of flat details
    remembered (most details repeat: a report's source, a dispatch's department)."""

    def __init__(self) -> None:
        self._canonical: dict[tuple[tuple[Any, ...], tuple[type, ...]], str] = {}

    def seal(self, rows: Iterable[dict[str, Any]], head: str) -> str:
        """Like `seal`: fill `prev_hash`/`hash` of one case's new entries; the new head."""
        canonical = self._canonical
        for row in rows:
            details = row.get("details")
            text = ""
            if details:
                key: Any = None
                if type(details) is dict:
                    key = (tuple(details.items()), tuple(map(type, details.values())))
                    try:
                        text = canonical.get(key, "")
                    except TypeError:  # a value that cannot be a key is not a plain one
                        key = None
                if text:  # flat details met before (only those are remembered)
                    details = dict(details)
                else:
                    flat = (
                        key is not None
                        and all(kind in _PLAIN for kind in key[1])
                        and all(type(name) is str for name in details)
                    )
                    details = clean_details(details)
                    text = _CANONICAL_JSON(details) if details else ""
                    if flat and text and len(canonical) < _DETAILS_REMEMBERED:
                        canonical[key] = text
            else:
                details = None
            row["details"] = details
            note = row.setdefault("note", "")
            department_id = row.setdefault("department_id", None)
            row["prev_hash"] = head
            at: datetime = row["at"]
            if at.tzinfo is not UTC:
                at = at.astimezone(UTC)
            when = at.isoformat()
            actor = _text(row["actor"])
            action = _text(row["action"])
            before = _text(row.get("from_status"))
            after = _text(row["to_status"])
            department = "" if department_id is None else str(department_id)
            note = _text(note or "")
            head = hashlib.sha256(
                f"{head}{len(when)}:{when}{len(actor)}:{actor}{len(action)}:{action}"
                f"{len(before)}:{before}{len(after)}:{after}{len(department)}:{department}"
                f"{len(note)}:{note}{len(text)}:{text}".encode()
            ).hexdigest()
            row["hash"] = head
        return head


def _text(value: Any) -> str:
    return "" if value is None else value if type(value) is str else str(value)


def add_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Append history entries (dicts of `case_events` columns, `case_id` set) in the caller's
    transaction, chained after each case's newest entry, and move the cases' heads.

    The cases' rows are locked first (PostgreSQL), so two writers adding to one case cannot fork
    its chain; on SQLite writers are serialised already."""
    if not rows:
        return
    case_ids = sorted({int(row["case_id"]) for row in rows})
    heads_stmt = (
        select(Case.id, Case.number, Case.history_hash)
        .where(Case.id.in_(case_ids))
        .order_by(Case.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        heads_stmt = heads_stmt.with_for_update()
    heads = {
        case_id: head or genesis(number)
        for case_id, number, head in session.execute(heads_stmt).all()
    }
    for row in rows:
        case_id = int(row["case_id"])
        heads[case_id] = seal([row], heads[case_id])
    session.execute(insert(CaseEvent), list(rows))
    table = Base.metadata.tables[Case.__tablename__]
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("case_id_"))
        .values(history_hash=bindparam("head_")),
        [{"case_id_": case_id, "head_": heads[case_id]} for case_id in case_ids],
    )


def head_of(number: str, history_hash: str | None) -> str:
    """What the next entry of a case chains to: its stored head, or its genesis."""
    return history_hash or genesis(number)


def sealed_event_after(moved: CTE, columns: Sequence[str]) -> CTE:
    """PostgreSQL: the entry of `add_sealed_events` as a data-modifying CTE of the statement
    that moves its case's head: `moved` is that UPDATE of the case row (RETURNING its id) as a
    CTE, and the entry (`columns` of it, bound as `sealed_event_params` names them) is
    inserted once per row it returns, so not at all when the compare-and-set changed no row.
    The UPDATE, the entry and whatever else the caller's statement does cost one round trip.
    Build it once per shape and reuse it: a statement's SQL and cache key are made once."""
    source = select(
        *(bindparam(f"event_{c}", type_=_EVENTS.c[c].type).label(c) for c in columns)
    ).select_from(moved)
    return insert(_EVENTS).from_select(list(columns), source).returning(_EVENTS.c.id).cte("sealed")


def sealed_event_params(row: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of `sealed_event_after` for an entry sealed by `seal`."""
    return {f"event_{c}": v for c, v in row.items()}


def add_sealed_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert entries already sealed by `seal` after their case's head, when the caller has
    moved that head itself in the same transaction, in an UPDATE of the case row whose WHERE
    clause holds the head it sealed after (the workflow's compare-and-set: the row is locked by
    that UPDATE and no other writer can have chained in between, or it changes no row)."""
    if rows:  # Core, not the ORM's bulk insert: a third of the cost
        session.connection().execute(_INSERT_EVENTS, list(rows))


@dataclass(frozen=True)
class HistoryProblem:
    case_number: str
    position: int  # 1-based position of the entry in its case's history (0: the case itself)
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class HistoryReport:
    entries: int
    cases: int
    problems: tuple[HistoryProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def reason(self) -> str:
        if self.ok:
            return f"流转记录完整，共 {self.cases} 件案件的 {self.entries} 条记录"
        shown = [p.reason for p in self.problems[:5]]
        if len(self.problems) > 5:
            shown.append(f"另有 {len(self.problems) - 5} 处")
        return f"流转记录有 {len(self.problems)} 处被改动：{'；'.join(shown)}"


_VERIFY_COLUMNS = (
    CaseEvent.id,
    CaseEvent.case_id,
    CaseEvent.at,
    CaseEvent.actor,
    CaseEvent.action,
    CaseEvent.from_status,
    CaseEvent.to_status,
    CaseEvent.department_id,
    CaseEvent.note,
    CaseEvent.details,
    CaseEvent.prev_hash,
    CaseEvent.hash,
)


def _entries(session: Session) -> Iterator[Any]:
    stmt = (
        select(*_VERIFY_COLUMNS)
        .order_by(CaseEvent.case_id, CaseEvent.id)
        .execution_options(yield_per=5000)
    )
    yield from session.execute(stmt)


def verify_history(session: Session, *, limit: int = 100) -> HistoryReport:
    """Walk every case's history in order and name each entry whose content or link is wrong,
    each case whose newest entries are missing, and entries of cases that do not exist."""
    cases = {
        case_id: (number, head)
        for case_id, number, head in session.execute(
            select(Case.id, Case.number, Case.history_hash)
        )
    }
    problems: list[HistoryProblem] = []
    seen: set[int] = set()
    entries = 0
    current: int | None = None
    prev = ""
    position = 0
    number = ""

    def close_case(case_id: int | None) -> None:
        if case_id is None or case_id not in cases:
            return
        head = cases[case_id][1]
        if head is not None and head != prev:
            problems.append(
                HistoryProblem(
                    number,
                    0,
                    None,
                    f"案件 {number} 的流转记录末尾有记录被删除或改动（共剩 {position} 条）",
                )
            )

    for row in _entries(session):
        entries += 1
        if row.case_id != current:
            close_case(current)
            current = row.case_id
            seen.add(row.case_id)
            position = 0
            if row.case_id not in cases:
                number = f"#{row.case_id}"
                problems.append(
                    HistoryProblem(number, 1, row.id, f"第 {row.id} 号流转记录属于不存在的案件")
                )
                prev = ""
                continue
            number = cases[row.case_id][0]
            prev = genesis(number)
        elif row.case_id not in cases:
            continue
        position += 1
        values = row._asdict()
        if row.prev_hash != prev:
            problems.append(
                HistoryProblem(
                    number,
                    position,
                    row.id,
                    f"案件 {number} 的第 {position} 条流转记录与前一条不衔接"
                    "（前面的记录被删除、插入或改动）",
                )
            )
        elif row.hash != event_hash(prev, values):
            problems.append(
                HistoryProblem(
                    number,
                    position,
                    row.id,
                    f"案件 {number} 的第 {position} 条流转记录（{row.action}）内容被改动过",
                )
            )
        prev = row.hash or ""
        if len(problems) >= limit:
            break
    else:
        close_case(current)
        for case_id, (case_number, head) in cases.items():
            if head is not None and case_id not in seen:
                problems.append(
                    HistoryProblem(case_number, 0, None, f"案件 {case_number} 的流转记录全部被删除")
                )
    return HistoryReport(entries, len(seen), tuple(problems[:limit]))

"""`event_hash` gives the hashes of its first implementation (one `_field` call per field and
`json.dumps` per entry) on random entries: stored chains keep verifying; the demo builder's
`HistorySealer` seals like `seal`."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from db.cases.history_chain import HistorySealer, event_hash, genesis, seal
from db.cases.states import Action, Status


def _field(value: object) -> str:
    text = "" if value is None else str(value)
    return f"{len(text)}:{text}"


def _reference(prev: str, row: dict[str, Any]) -> str:
    at: datetime = row["at"]
    details = row.get("details")
    payload = "".join(
        (
            prev,
            _field(at.astimezone(UTC).isoformat()),
            _field(row["actor"]),
            _field(row["action"]),
            _field(row.get("from_status")),
            _field(row["to_status"]),
            _field(row.get("department_id")),
            _field(row.get("note") or ""),
            _field(
                json.dumps(
                    details, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
                )
                if details
                else None
            ),
        )
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def test_event_hash_matches_reference() -> None:
    rng = random.Random(16)
    texts = ["", "张三", "网格员 李四", "a:b", "多行\n备注", "12345", "\t", "中文：冒号"]
    prev = hashlib.sha256(b"genesis").hexdigest()
    for _ in range(5000):
        at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(
            microseconds=rng.randrange(400 * 86_400 * 1_000_000)
        )
        if rng.random() < 0.3:
            at = at.replace(microsecond=0)
        if rng.random() < 0.3:
            at = at.astimezone(ZoneInfo("Asia/Shanghai"))
        details: Any = rng.choice(
            [
                None,
                {},
                {"source": "巡查"},
                {"department": "城管", "b": 1, "a": 2.5, "c": None, "d": True},
                {"until": at, "nested": {"z": [1, "二"]}},
            ]
        )
        row: dict[str, Any] = {
            "at": at,
            "actor": rng.choice(texts),
            "action": rng.choice([rng.choice(list(Action)), rng.choice(list(Action)).value]),
            "to_status": rng.choice(list(Status)).value,
            "details": details,
        }
        if rng.random() < 0.7:
            row["from_status"] = rng.choice([None, rng.choice(list(Status))])
        if rng.random() < 0.7:
            row["department_id"] = rng.choice([None, 0, 7, 123])
        if rng.random() < 0.7:
            row["note"] = rng.choice([None, *texts])
        assert event_hash(prev, row) == _reference(prev, row)
        prev = _reference(prev, row)


def test_history_sealer_seals_like_seal() -> None:
    rng = random.Random(17)
    sealer = HistorySealer()
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    kinds: list[Any] = [
        None,
        {},
        {"source": "grid_upload"},
        {"department": "城管执法中队"},
        {"d": True},
        {"d": 1},
        {"d": 1.0},
        {1: "x"},
        {"until": start},
        {"nested": {"z": [1, "二"]}},
        {"list": [1]},
    ]
    for case in range(300):
        number = f"20260301{case:05d}"
        rows: list[dict[str, Any]] = []
        for k in range(rng.randint(1, 8)):
            row: dict[str, Any] = {
                "case_id": case,
                "at": start + timedelta(minutes=rng.randrange(10_000), microseconds=k),
                "actor": rng.choice(["王丽娜", "", "a:b"]),
                "action": rng.choice(list(Action)).value,
                "from_status": rng.choice([None, rng.choice(list(Status)).value]),
                "to_status": rng.choice(list(Status)).value,
                "details": rng.choice(kinds),
            }
            if rng.random() < 0.8:
                row["department_id"] = rng.choice([None, 3, 12])
            if rng.random() < 0.8:
                row["note"] = rng.choice([None, "", "已处置"])
            rows.append(row)
        copies = [{**row} for row in rows]
        assert sealer.seal(copies, genesis(number)) == seal(rows, genesis(number))
        assert copies == rows

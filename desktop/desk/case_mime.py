"""Dragged cases as MIME data (`application/x-griddesk-case-ids`), with a text/plain fallback.

The payload carries what a drop needs without asking the database: each case's id, number and
the version it had when the drag started (the dispatch is a compare-and-set on that version), and
its category's default department so the board can glow while dragging.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData

MIME_TYPE = "application/x-griddesk-case-ids"


@dataclass(frozen=True)
class DraggedCase:
    id: int
    number: str
    version: int
    default_department_id: int | None = None
    category: str = ""  # 小类, for the drag image


def encode(cases: Sequence[DraggedCase]) -> QMimeData:
    """MIME data for `cases`: our own type plus the case numbers as plain text, one a line."""
    payload = {
        "cases": [
            {
                "id": c.id,
                "number": c.number,
                "version": c.version,
                "default_department_id": c.default_department_id,
                "category": c.category,
            }
            for c in cases
        ]
    }
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
    mime.setText("\n".join(c.number for c in cases))
    return mime


def has_cases(mime: QMimeData | None) -> bool:
    return mime is not None and mime.hasFormat(MIME_TYPE)


def decode(mime: QMimeData | None) -> list[DraggedCase]:
    """The cases in `mime`; an empty list for foreign or damaged data (a drop is then refused)."""
    if not has_cases(mime):
        return []
    assert mime is not None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
        return [
            DraggedCase(
                id=int(item["id"]),
                number=str(item["number"]),
                version=int(item["version"]),
                default_department_id=(
                    int(item["default_department_id"])
                    if item.get("default_department_id") is not None
                    else None
                ),
                category=str(item.get("category") or ""),
            )
            for item in payload["cases"]
        ]
    except (ValueError, KeyError, TypeError):
        return []

"""One proposed answer (a 小类, a grid or a department) with its score and the reason shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Choice:
    """A proposal the dispatcher confirms or overrides; never applied silently.

    `code` is the 小类 or grid code (a department has none: its name is the key), `score`
    between 0 and 1, best first wherever a list of them is returned, `why` one sentence
    in Chinese ("地址含 紫金小区 → 东明社区第03网格")."""

    code: str
    name: str
    score: float
    why: str
    id: int | None = None  # the row's id (categories / grids / departments), for the window

    def as_json(self, *, with_code: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code} if with_code else {}
        data.update({"name": self.name, "score": round(self.score, 4), "why": self.why})
        return data

"""The gazetteer in memory and the placing of one address in it (no database here).

An address is normalized (db.gazetteer.address), its administrative prefixes dropped, and the
names of the gazetteer found in it (longest first, one regular expression). Each name gives a
clue — a road with a door number, two roads meeting (交口, 路口), an estate with or without a
building, a landmark, a road without a number, a community — with the grids it allows. Clues
are intersected; when they disagree every grid any of them allows is listed. The answer is
certain only when exactly one grid is left and a clue pins it (a door number in a range, a
junction of two roads that share one grid, an estate's building or an estate in one grid, a
landmark); a road without a number, a number outside every range, "对面" (the other side)
and clues that disagree are never certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from db.gazetteer.address import community_mention, grid_number, normalize, strip_prefixes

ROAD, ESTATE, LANDMARK = "road", "estate", "landmark"
KIND_LABELS = {ROAD: "道路", ESTATE: "小区", LANDMARK: "地标"}
SIDES = ("both", "odd", "even")
SIDE_LABELS = {"both": "单双号", "odd": "单号", "even": "双号"}

_DOOR = re.compile(r"(?:第)?(\d{1,5})(?:[-之](\d{1,4}))?(号院|号|弄)?")
_BUILDING_AFTER = re.compile(r"(?:的)?(\d{1,4})(?:号楼|号|-\d)")
_JUNCTION_LINK = re.compile(r"^(?:与|和|跟|同|及|、|/|\\|&|\+|交)?$")
_JUNCTION_TAIL = re.compile(r"^(?:交叉口|交汇处|交界处?|交口|十字路口|丁字路口|路口|口|拐角|转角)")
_OPPOSITE = re.compile(r"^(?:的)?(?:斜?对面|对过|马路对面)")


@dataclass(frozen=True)
class Entry:
    """One row of the gazetteer (db.models.GazetteerEntry) as plain data."""

    kind: str
    name: str
    grid_id: int
    aliases: tuple[str, ...] = ()
    first_no: int | None = None
    last_no: int | None = None
    side: str = "both"
    landmark_type: str = ""

    def holds(self, number: int) -> bool:
        """Whether a door number (road) or building number (estate) lies in this row."""
        if self.first_no is None or self.last_no is None:
            return self.kind != ROAD
        if not self.first_no <= number <= self.last_no:
            return False
        if self.side == "odd":
            return number % 2 == 1
        if self.side == "even":
            return number % 2 == 0
        return True

    def distance(self, number: int) -> int:
        if self.first_no is None or self.last_no is None:
            return 0
        return max(self.first_no - number, number - self.last_no, 0)

    def range_text(self) -> str:
        if self.first_no is None or self.last_no is None:
            return ""
        if self.kind == ROAD:
            side = "" if self.side == "both" else SIDE_LABELS[self.side]
            return f"{side}{self.first_no}–{self.last_no}号"
        return f"{self.first_no}–{self.last_no}号楼"


@dataclass(frozen=True)
class GridName:
    id: int
    code: str
    name: str  # 东明社区第03网格（紫金小区）
    community: str


@dataclass
class Clue:
    """What one part of the address says: the grids it allows, and the reason shown."""

    grids: frozenset[int]
    why: str
    pins: bool  # it alone names one grid for sure (when `grids` has one)
    weight: float = 1.0
    doubt: bool = False  # a guess (a number outside every range, 对面): never certain


@dataclass(frozen=True)
class Found:
    grid_ids: tuple[int, ...]
    scores: tuple[float, ...]
    whys: tuple[str, ...]
    certain: bool


@dataclass
class Gazetteer:
    entries: Sequence[Entry]
    grids: dict[int, GridName]
    admin_names: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _by_name: dict[str, list[Entry]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.entries = [e for e in self.entries if e.grid_id in self.grids]
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                key = normalize(name)
                if key:
                    self._by_name.setdefault(key, []).append(entry)
        names = sorted(self._by_name, key=len, reverse=True)
        if names:
            self._pattern = re.compile("|".join(re.escape(n) for n in names))

    # -- finding names ------------------------------------------------------------------------
    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self._pattern.finditer(text)]

    def _label(self, grid_id: int) -> str:
        return self.grids[grid_id].name

    def _of(self, key: str, kind: str) -> list[Entry]:
        return [e for e in self._by_name.get(key, ()) if e.kind == kind]

    # -- placing ------------------------------------------------------------------------------
    def place(self, address: str) -> Found:
        text = normalize(address)
        community_names = {g.community for g in self.grids.values()}
        text = strip_prefixes(text, self.admin_names, self._by_name)
        clues: list[Clue] = []
        community, rest = community_mention(text)
        if community or any(c in text for c in community_names):
            named = community or next(c for c in sorted(community_names, key=len) if c in text)
            ids = frozenset(g.id for g in self.grids.values() if g.community == named)
            if ids:
                number = grid_number(text)
                exact = frozenset(
                    i for i in ids if number is not None and f"第{number:02d}网格" in self._label(i)
                )
                if len(exact) == 1:
                    clues.append(Clue(exact, f"地址含 {named}第{number:02d}网格", True, 2.0))
                else:
                    clues.append(Clue(ids, f"地址含 {named}", False, 0.5))
            text = rest if community else text.replace(named, "")
        clues.extend(self._clues(text))
        return self._decide(clues)

    def _clues(self, text: str) -> list[Clue]:
        matches = self._matches(text)
        clues: list[Clue] = []
        used: set[int] = set()
        for i, (_start, end, key) in enumerate(matches):
            if i in used:
                continue
            after = text[end:]
            roads = self._of(key, ROAD)
            if roads and i + 1 < len(matches):
                n_start, n_end, n_key = matches[i + 1]
                other = self._of(n_key, ROAD)
                link = text[end:n_start]
                tail = text[n_end:]
                if (
                    other
                    and _JUNCTION_LINK.match(link)
                    and (link or _JUNCTION_TAIL.match(tail) or not tail)
                ):
                    clues.append(self._junction(key, roads, n_key, other))
                    used.add(i + 1)
                    continue
            if roads:
                clues.append(self._road(key, roads, after))
                continue
            estates = self._of(key, ESTATE)
            if estates:
                clues.append(self._estate(key, estates, after))
                continue
            landmarks = self._of(key, LANDMARK)
            if landmarks:
                ids = frozenset(e.grid_id for e in landmarks)
                opposite = bool(_OPPOSITE.match(after))
                only = len(ids) == 1
                why = f"地址含 {key}" + ("（对面，可能跨网格）" if opposite else "")
                clues.append(Clue(ids, why, only and not opposite, 1.5 if only else 1.0, opposite))
        return clues

    def _road(self, key: str, rows: list[Entry], after: str) -> Clue:
        all_ids = frozenset(e.grid_id for e in rows)
        m = _DOOR.match(after)
        rest = after[m.end() :] if m else after
        if (
            m is None
            or rest.startswith(("号楼", "单元"))
            or (m.group(3) is None and rest[:1].isdigit())
        ):
            return Clue(
                all_ids, f"地址含 {key}（未写门牌号，该路经过 {len(all_ids)} 个网格）", False
            )
        number = int(m.group(1))
        hits = [e for e in rows if e.holds(number)]
        if not hits:
            nearest = sorted(rows, key=lambda e: e.distance(number))
            near = frozenset(e.grid_id for e in nearest[:2])
            why = f"{key}{number}号不在登记的门牌范围内，按最近门牌段估计"
            return Clue(near, why, False, 0.5, True)
        ids = frozenset(e.grid_id for e in hits)
        opposite = bool(_OPPOSITE.match(rest))
        if opposite:
            across = [e for e in rows if e.holds(number + 1) or e.holds(number - 1)]
            ids = ids | frozenset(e.grid_id for e in across)
        best = hits[0]
        why = f"地址含 {key}{number}号（{best.range_text()}）"
        if opposite:
            why += "，对面可能属另一网格"
        return Clue(ids, why, not opposite, 3.0, opposite)

    def _junction(self, a: str, rows_a: list[Entry], b: str, rows_b: list[Entry]) -> Clue:
        grids_a = frozenset(e.grid_id for e in rows_a)
        grids_b = frozenset(e.grid_id for e in rows_b)
        shared = grids_a & grids_b
        if shared:
            why = f"{a}与{b}交口（两路共同经过的网格）"
            return Clue(shared, why, True, 3.0)
        return Clue(grids_a | grids_b, f"{a}与{b}在地名库中没有共同网格", False, 0.5, True)

    def _estate(self, key: str, rows: list[Entry], after: str) -> Clue:
        ids = frozenset(e.grid_id for e in rows)
        m = _BUILDING_AFTER.match(after)
        if m is not None:
            number = int(m.group(1))
            hits = frozenset(e.grid_id for e in rows if e.holds(number))
            if hits:
                return Clue(hits, f"地址含 {key}{number}号楼", True, 3.0)
            return Clue(ids, f"{key}没有登记 {number}号楼", False, 0.5)
        if len(ids) == 1:
            return Clue(ids, f"地址含 {key}", True, 2.5)
        return Clue(ids, f"地址含 {key}（未写楼号，小区跨 {len(ids)} 个网格）", False, 1.0)

    def _decide(self, clues: list[Clue]) -> Found:
        if not clues:
            return Found((), (), (), False)
        left: frozenset[int] | None = None
        for clue in sorted(clues, key=lambda c: (len(c.grids), -c.weight)):
            narrowed = clue.grids if left is None else left & clue.grids
            if not narrowed:
                left = None
                break
            left = narrowed
        agree = left is not None
        pool = left if left is not None else frozenset().union(*(c.grids for c in clues))
        score: dict[int, float] = {}
        why: dict[int, tuple[float, str]] = {}  # the strongest clue's reason for each grid
        for clue in clues:
            share = clue.weight / len(clue.grids)
            strength = clue.weight / (1 + len(clue.grids))
            for grid_id in clue.grids & pool:
                score[grid_id] = score.get(grid_id, 0.0) + share
                if grid_id not in why or strength > why[grid_id][0]:
                    why[grid_id] = (strength, clue.why)
        ranked = sorted(pool, key=lambda g: (-score.get(g, 0.0), self.grids[g].code))
        total = sum(score.get(g, 0.0) for g in ranked) or 1.0
        certain = (
            agree
            and len(ranked) == 1
            and any(c.pins and ranked[0] in c.grids and len(c.grids) == 1 for c in clues)
            and not any(c.doubt for c in clues)
        )
        scores = [score.get(g, 0.0) / total for g in ranked]
        if certain:
            scores = [0.95]
        elif len(ranked) == 1:
            scores = [min(scores[0], 0.6)]
        whys = tuple(f"{why[g][1]} → {self._label(g)}" for g in ranked)
        return Found(tuple(ranked), tuple(round(s, 4) for s in scores), whys, certain)


def entries_from_rows(rows: Iterable[tuple[object, ...]]) -> list[Entry]:
    """(kind, name, aliases, first_no, last_no, side, landmark_type, grid_id) rows as entries."""
    out: list[Entry] = []
    for kind, name, aliases, first_no, last_no, side, landmark_type, grid_id in rows:
        out.append(
            Entry(
                str(kind),
                str(name),
                int(str(grid_id)),
                split_aliases(str(aliases or "")),
                None if first_no is None else int(str(first_no)),
                None if last_no is None else int(str(last_no)),
                str(side or "both"),
                str(landmark_type or ""),
            )
        )
    return out


def split_aliases(text: str) -> tuple[str, ...]:
    parts = re.split(r"[、,，;；/\s]+", text)
    return tuple(p for p in (part.strip() for part in parts) if p)

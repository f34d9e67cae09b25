"""Possible duplicates (疑似重复) of a new report or of an open case, and the pairs a dispatcher
said are not duplicates (不是重复).

Modelled on FixMyStreet's duplicate suggestion (nearby reports of the same category, recently
closed ones included, linked both ways once merged), adapted to a grid center where most cases
carry a grid and a free-text address rather than coordinates:

- **where**: the same grid, or a neighbouring grid. Neighbours are the other grids of the same
  社区 and the grids of the same 街道 whose 四至范围 (`Grid.boundary`) names a road, river or
  street this grid's 四至范围 also names (two grids bounded by the same road face each other
  across it), or names the other grid itself. Where both cases have coordinates, FixMyStreet's
  50 m radius decides instead: within 50 m counts as the same place, beyond 300 m as another.
- **when**: reported within `WINDOW` (7 days) of the reference time, either side; still open
  and reported within `OPEN_WINDOW`; or closed within `WINDOW` (recently closed included).
- **what**: the same 小类, or another 小类 of the same 大类 (scored lower).
- **how alike**: character similarity of the address (door numbers compared as numbers, Chinese
  numerals read) and of the description (rapidfuzz's normalized Indel ratio and the share of
  shared character bigrams, whichever is higher: callers use different words for one problem).

Each of the three time ranges is one indexed range scan (`ix_cases_grid_reported`,
`ix_cases_open_stats`, `ix_cases_grid_closed`) of at most `MAX_ROWS` rows, and the street's
grids and the 大类's 小类 are read once per 30 s, so a search costs about the same on a million
cases as on a hundred.
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.cases.states import STATUS_LABELS, Status
from db.errors import NotFound, ValidationError
from db.feed.change_log import record_changes
from db.models import Case, Category, Community, Grid, MajorCategory, NotDuplicate
from db.models.base import utcnow
from db.security.actors import Actor
from db.security.audit import record_audit

WINDOW = timedelta(days=7)
OPEN_WINDOW = timedelta(days=30)
RADIUS_METRES = 50.0  # FixMyStreet's radius: the same place
FAR_METRES = 300.0  # beyond this, another place whatever the grids say
THRESHOLD = 0.55  # a candidate scores at least this
MAX_ROWS = 200  # rows read per time range: the search stays bounded on any database
_EXCLUDED = (Status.MERGED.value, Status.REJECTED.value)


@dataclass(frozen=True)
class DuplicateCandidate:
    number: str
    reported_at: datetime
    status: str
    status_label: str
    grid: str
    category: str
    address: str
    description: str
    score: float  # 0..1, best first
    why: str  # one sentence: "同一网格、同一小类，3 小时前上报，描述相似"
    case_id: int = 0
    is_open: bool = True
    closed_at: datetime | None = None
    address_similarity: float | None = None
    text_similarity: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "reported_at": self.reported_at.isoformat(),
            "status": self.status,
            "status_label": self.status_label,
            "is_open": self.is_open,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "grid": self.grid,
            "category": self.category,
            "address": self.address,
            "description": self.description,
            "score": round(self.score, 3),
            "why": self.why,
        }


# --- text -------------------------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+(?=[号栋楼单元层室]|号楼)")
_ROAD = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:大街|路|街|道|巷|胡同|河|桥|铁路|大道)")
_NUMBER = re.compile(r"(\d+)号")
# The named estates and roads of an address, each as its kind and the two characters before
# it (紫金路, 峪明小区, 金山花园): the same key on both sides whatever prefix a caller adds.
_PLACE = re.compile(r"(?=([\u4e00-\u9fff]{2}(?:小区|花园|新村|家园|大街|路|街|巷)))")
_SPACE = re.compile(r"[\s，。、,.;；:：!！?？（）()【】\[\]“”\"'-]+")


def _chinese_number(text: str) -> int:
    """一百四十九 → 149; 十二 → 12; 三五 → 35 (digit by digit when no unit)."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


@lru_cache(maxsize=16384)  # a search compares one text with many, and searches repeat rows
def normalize(text: str) -> str:
    """Full-width to half-width, Chinese door numbers to digits, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _NUMERAL.sub(lambda m: str(_chinese_number(m.group(0))), text)
    return _SPACE.sub("", text)


@lru_cache(maxsize=16384)
def _bigrams(text: str) -> frozenset[str]:
    grams = frozenset(text[i : i + 2] for i in range(len(text) - 1))
    return grams or (frozenset({text}) if text else frozenset())


@lru_cache(maxsize=16384)
def _address_parts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The door numbers and the named estates and roads of a normalized address."""
    return frozenset(_NUMBER.findall(text)), frozenset(_PLACE.findall(text))


def text_similarity(a: str, b: str) -> float:
    """0..1: how alike two descriptions are (rapidfuzz's ratio, or the share of the shorter
    text's character bigrams the other has, whichever is higher)."""
    from rapidfuzz import fuzz  # here: the window's start imports this module, not rapidfuzz

    a, b = normalize(a), normalize(b)
    if not a or not b:
        return 0.0
    ratio = fuzz.ratio(a, b) / 100
    ga, gb = _bigrams(a), _bigrams(b)
    overlap = len(ga & gb) / min(len(ga), len(gb))
    return max(ratio, 0.85 * overlap)


def address_similarity(a: str, b: str) -> float | None:
    """0..1: how alike two addresses are, None when either is empty. Two different door
    numbers on one road are not the same place however alike the text."""
    from rapidfuzz import fuzz

    a, b = normalize(a), normalize(b)
    if not a or not b:
        return None
    score = fuzz.partial_ratio(a, b) / 100 if min(len(a), len(b)) >= 3 else fuzz.ratio(a, b) / 100
    (na, pa), (nb, pb) = _address_parts(a), _address_parts(b)
    if na and nb and not na & nb:
        far = min(abs(int(x) - int(y)) for x in na for y in nb)
        score *= 0.6 if far <= 4 else 0.4  # next door, or another building
    if pa and pb and not pa & pb:
        score *= 0.5  # two different estates or roads
    return score


def boundary_roads(boundary: str) -> set[str]:
    """The roads, streets and rivers a 四至范围 names ("东至紫金路，西至钢铁路" → 紫金路, 钢铁路)."""
    text = unicodedata.normalize("NFKC", boundary)
    text = re.sub(r"[东南西北]至", "，", text)
    return {m.group(0) for m in _ROAD.finditer(text)}


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in metres (equirectangular: exact enough within a street)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


# --- where ------------------------------------------------------------------------------------

SAME, COMMUNITY, BORDER = "same", "community", "border"
_PLACE_WORDS = {SAME: "同一网格", COMMUNITY: "同社区相邻网格", BORDER: "四至相接的网格"}
_PLACE_SCORE = {SAME: 1.0, COMMUNITY: 0.7, BORDER: 0.7}


@dataclass(frozen=True)
class Places:
    """The grids a search covers: how each relates to the case's grid, and its name."""

    relation: dict[int, str]
    names: dict[int, str]  # 社区 + 网格 name


# The street's grids and the 大类's 小类 change a few times a year, and every report asks for
# them: kept for `REFERENCE_SECONDS` per database and id (an edited 四至范围 counts within it).
REFERENCE_SECONDS = 30.0
_reference: dict[tuple[str, str, int], tuple[float, Any]] = {}


def _cached(session: Session, kind: str, key: int, load: Callable[[], Any]) -> Any:
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    now = time.monotonic()
    hit = _reference.get((url, kind, key))
    if hit is not None and now - hit[0] < REFERENCE_SECONDS:
        return hit[1]
    value = load()
    if len(_reference) > 4096:
        _reference.clear()
    _reference[(url, kind, key)] = (now, value)
    return value


def neighbour_grids(session: Session, grid_id: int) -> Places:
    """The grid itself (`SAME`), the other grids of its 社区 (`COMMUNITY`) and grids of its
    街道 that share a road in their 四至范围 or name each other there (`BORDER`): one query
    over the street's grids (a few dozen rows)."""
    street = (
        select(Community.street_id)
        .join(Grid, Grid.community_id == Community.id)
        .where(Grid.id == grid_id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Grid.id, Grid.community_id, Grid.name, Grid.boundary, Community.name)
        .join(Community, Community.id == Grid.community_id)
        .where(Community.street_id == street)
    ).all()
    own = next((r for r in rows if r[0] == grid_id), None)
    if own is None:
        return Places({}, {})
    own_community, own_name, own_boundary = own[1], own[2], own[3] or ""
    roads = boundary_roads(own_boundary)
    relation: dict[int, str] = {}
    names: dict[int, str] = {}
    for other_id, community_id, name, boundary, community in rows:
        names[other_id] = f"{community}{name}"
        boundary = boundary or ""
        if other_id == grid_id:
            relation[other_id] = SAME
        elif community_id == own_community:
            relation[other_id] = COMMUNITY
        elif (
            roads & boundary_roads(boundary)
            or (own_name and own_name in boundary)
            or (name and name in own_boundary)
        ):
            relation[other_id] = BORDER
    return Places(relation, names)


@dataclass(frozen=True)
class Kinds:
    """The 小类 a search covers (those of the case's 大类) with their names; which of them are
    related to the case's 小类 (a shared word in their names or keywords: 暴露垃圾 and
    垃圾满溢, 井盖缺失 and 井盖破损); the 大类's name."""

    names: dict[int, str]
    related: set[int]
    major: str


def _words(name: str, keywords: str | None) -> frozenset[str]:
    listed = {k.strip() for k in re.split(r"[,，、\s]+", keywords or "") if k.strip()}
    return _bigrams(normalize(name)) | listed


def related_categories(session: Session, category_id: int) -> Kinds:
    """The 小类 of the same 大类 as `category_id` (one query)."""
    major_id = select(Category.major_id).where(Category.id == category_id).scalar_subquery()
    rows = session.execute(
        select(Category.id, Category.name, Category.keywords, MajorCategory.name)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .where(Category.major_id == major_id)
    ).all()
    own = next((r for r in rows if r[0] == category_id), None)
    if own is None:
        return Kinds({}, set(), "")
    own_words = _words(own[1], own[2])
    related = {r[0] for r in rows if r[0] != category_id and own_words & _words(r[1], r[2])}
    return Kinds({r[0]: r[1] for r in rows}, related, own[3])


def dismissed_partners(session: Session, case_id: int) -> set[int]:
    """The cases said not to be duplicates of `case_id`."""
    rows = session.execute(
        select(NotDuplicate.case_a_id, NotDuplicate.case_b_id).where(
            or_(NotDuplicate.case_a_id == case_id, NotDuplicate.case_b_id == case_id)
        )
    )
    return {b if a == case_id else a for a, b in rows}


def _ago(delta: timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} 分钟"
    if minutes < 48 * 60:
        return f"{minutes // 60} 小时"
    return f"{minutes // 1440} 天"


_COLUMNS = (
    Case.id,
    Case.number,
    Case.reported_at,
    Case.status,
    Case.is_open,
    Case.closed_at,
    Case.grid_id,
    Case.category_id,
    Case.address,
    Case.description,
    Case.longitude,
    Case.latitude,
)


def _candidate_rows(
    session: Session, grids: Iterable[int], categories: Iterable[int], ref: datetime
) -> list[Any]:
    """The cases of `grids` and `categories` in the time ranges around `ref` (see module):
    one statement per range, each an index range scan (grid + report time, 在办 + grid +
    小类, grid + close time) of at most `MAX_ROWS` rows. (One statement with the three ranges
    OR-ed is ten times slower on SQLite: its multi-index OR walks every IN combination.)"""
    common = (
        Case.grid_id.in_(list(grids)),
        Case.category_id.in_(list(categories)),
        Case.status.notin_(_EXCLUDED),
    )
    ranges = (
        (Case.reported_at >= ref - WINDOW, Case.reported_at <= ref + WINDOW),
        (Case.is_open.is_(True), Case.reported_at >= ref - OPEN_WINDOW, Case.reported_at < ref),
        (Case.closed_at >= ref - WINDOW, Case.closed_at <= ref + WINDOW),
    )
    found: dict[int, Any] = {}
    for where in ranges:
        stmt = select(*_COLUMNS).where(*common, *where).limit(MAX_ROWS)
        for row in session.execute(stmt):
            found[row.id] = row
    return list(found.values())


def find_duplicates_in(
    session: Session,
    *,
    text: str,
    address: str,
    grid_id: int | None,
    category_id: int | None,
    now: datetime,
    exclude_case_id: int | None = None,
    limit: int = 5,
    longitude: float | None = None,
    latitude: float | None = None,
    threshold: float = THRESHOLD,
    check_dismissed: bool = True,
) -> list[DuplicateCandidate]:
    """Cases that may report the same problem, best first (at most `limit`), around the
    reference time `now` (a new report's time, or the reported time of the case checked)."""
    if grid_id is None or category_id is None:
        return []
    places: Places = _cached(session, "grid", grid_id, lambda: neighbour_grids(session, grid_id))
    kinds: Kinds = _cached(
        session, "category", category_id, lambda: related_categories(session, category_id)
    )
    if not places.relation or not kinds.names:
        return []
    rows = _candidate_rows(session, places.relation, kinds.names, now)
    skip = (
        dismissed_partners(session, exclude_case_id)
        if exclude_case_id is not None and check_dismissed
        else set()
    )
    scored: list[tuple[float, Any, str, float | None, float]] = []
    for row in rows:
        if row.id == exclude_case_id or row.id in skip:
            continue
        relation = places.relation[row.grid_id]
        place = _PLACE_SCORE[relation]
        place_words = _PLACE_WORDS[relation]
        far = False
        if None not in (longitude, latitude, row.longitude, row.latitude):
            metres = _metres(longitude, latitude, row.longitude, row.latitude)  # type: ignore[arg-type]
            if metres <= RADIUS_METRES:
                place, place_words = 1.0, f"相距 {round(metres)} 米"
            elif metres > FAR_METRES:
                far, place_words = True, f"相距 {round(metres)} 米"
        same_category = row.category_id == category_id
        related = row.category_id in kinds.related
        kind = 1.0 if same_category else 0.8 if related else 0.6
        desc = text_similarity(text, row.description)
        addr = address_similarity(address, row.address)
        if addr is None:
            alike = desc
        elif addr < 0.5:  # both say where, and not the same place
            alike = min(addr, 0.6 * addr + 0.4 * desc)
        else:
            alike = 0.6 * addr + 0.4 * desc
        score = kind * (0.15 * place + 0.85 * alike)
        if far:
            score *= 0.6
        apart = abs(row.reported_at - now)
        score *= 1.0 - 0.1 * min(apart / WINDOW, 1.0)
        if score < threshold:
            continue
        if same_category:
            kind_words = "同一小类"
        elif related:
            kind_words = f"相关小类（{kinds.names[row.category_id]}）"
        else:
            kind_words = f"同属{kinds.major}"
        parts = [place_words, kind_words]
        when = _ago(now - row.reported_at)
        parts.append(f"{when}{'前' if row.reported_at <= now else '后'}上报")
        words = "，".join(["、".join(parts[:2]), parts[2]])
        if addr is not None and addr >= 0.6:
            words += f"，地址相近（{round(addr * 100)}%）"
        if desc >= 0.3:
            words += f"，描述相似（{round(desc * 100)}%）"
        if not row.is_open and row.closed_at is not None:
            words += f"，已于 {_ago(now - row.closed_at)}前办结"
        scored.append((score, row, words, addr, desc))
    scored.sort(key=lambda item: (-item[0], -item[1].reported_at.timestamp()))
    top = scored[:limit]
    if not top:
        return []
    grid_names, category_names = places.names, kinds.names
    return [
        DuplicateCandidate(
            row.number,
            row.reported_at,
            row.status,
            STATUS_LABELS[Status(row.status)],
            grid_names[row.grid_id],
            category_names[row.category_id],
            row.address,
            row.description,
            round(score, 3),
            words,
            case_id=row.id,
            is_open=bool(row.is_open),
            closed_at=row.closed_at,
            address_similarity=addr,
            text_similarity=desc,
        )
        for score, row, words, addr, desc in top
    ]


def count_duplicates_in(session: Session, case: Case, *, new: bool = False) -> int:
    """How many likely duplicates a case has (the 疑似重复 mark); `new`: it was just written,
    so no pair with it was dismissed yet."""
    return len(
        find_duplicates_in(
            session,
            text=case.description,
            address=case.address,
            grid_id=case.grid_id,
            category_id=case.category_id,
            now=case.reported_at,
            exclude_case_id=case.id,
            longitude=case.longitude,
            latitude=case.latitude,
            limit=9,
            check_dismissed=not new,
        )
    )


def refresh_duplicate_count(session: Session, case_id: int) -> None:
    """Count the 疑似重复 of a case again (after a merge into it, or a 不是重复)."""
    case = session.get(Case, case_id, populate_existing=True)
    if case is not None:
        case.possible_duplicates = count_duplicates_in(session, case) if case.is_open else 0
        session.flush()


def _load(session: Session, number: str) -> Case:
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFound(f"案件 {number} 不存在")
    return case


def duplicates_of(session: Session, number: str, limit: int = 5) -> list[DuplicateCandidate]:
    """查重 on demand: the likely duplicates of case `number` (around its report time)."""
    case = _load(session, number)
    return find_duplicates_in(
        session,
        text=case.description,
        address=case.address,
        grid_id=case.grid_id,
        category_id=case.category_id,
        now=case.reported_at,
        exclude_case_id=case.id,
        longitude=case.longitude,
        latitude=case.latitude,
        limit=limit,
    )


def mark_not_duplicate(
    session: Session, actor: Actor, first: str, second: str, now: datetime | None = None
) -> None:
    """Record that cases `first` and `second` are not duplicates (不是重复): neither is
    proposed as the other's duplicate again; both cases' 疑似重复 are counted again."""
    actor.require("case.merge", "标记不是重复")
    a, b = _load(session, first), _load(session, second)
    if a.id == b.id:
        raise ValidationError(f"案件 {a.number} 不能与自身比较")
    low, high = sorted((a.id, b.id))
    exists = session.get(NotDuplicate, (low, high))
    if exists is not None:
        return
    now = now or utcnow()
    session.add(NotDuplicate(case_a_id=low, case_b_id=high, at=now, actor=actor.label))
    session.flush()
    refresh_duplicate_count(session, a.id)
    refresh_duplicate_count(session, b.id)
    record_changes(session, [a.id, b.id])
    record_audit(
        session, actor, "case.not_duplicate", "case", a.number, {"other": b.number}, now=now
    )

"""The gazetteer kept in 基础数据: list, add, edit and delete its rows (roads with door-number
ranges, estates with their buildings, landmarks), each checked before it is written.

Reading is open to every role; a change needs `admin.geography` (the geography's own
permission) and appends one audit entry. A refused change writes nothing. Two rows of the same
road must not share a door number on the same side, and two rows of the same estate must not
share a building: otherwise one number would lie in two grids."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.gazetteer.index import ESTATE, KIND_LABELS, LANDMARK, ROAD, SIDE_LABELS, SIDES
from db.models import Community, GazetteerEntry, Grid
from db.security.actors import Actor
from db.security.audit import record_audit

MAX_NUMBER = 99_999  # door or building numbers
NAME_LIMIT, ALIASES_LIMIT, TYPE_LIMIT, NOTE_LIMIT = 64, 200, 16, 200
KINDS = (ROAD, ESTATE, LANDMARK)
KIND_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}
SIDE_BY_LABEL = {
    "单号": "odd",
    "单": "odd",
    "奇数": "odd",
    "双号": "even",
    "双": "even",
    "偶数": "even",
    "单双号": "both",
    "全部": "both",
    "两侧": "both",
    "": "both",
}
LANDMARK_TYPES = ("学校", "市场", "公交站", "医院", "商场", "公园", "机关", "银行", "其他")


@dataclass(frozen=True)
class GazetteerRow:
    """One row for the window's list and the console."""

    id: int
    kind: str
    name: str
    aliases: str
    first_no: int | None
    last_no: int | None
    side: str
    landmark_type: str
    grid_code: str
    grid_name: str  # 东明社区第03网格（紫金小区）
    note: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def range_text(self) -> str:
        """门牌 1–40号（单号）, 楼 1–20号楼, or "" (a whole estate, a landmark)."""
        if self.first_no is None or self.last_no is None:
            return "全部" if self.kind == ESTATE else ""
        if self.kind == ROAD:
            side = "" if self.side == "both" else f"（{SIDE_LABELS[self.side]}）"
            return f"{self.first_no}–{self.last_no}号{side}"
        return f"{self.first_no}–{self.last_no}号楼"


@dataclass(frozen=True)
class EntryValues:
    """What the user typed for one row (the grid by its code)."""

    kind: str
    name: str
    grid_code: str
    aliases: str = ""
    first_no: int | None = None
    last_no: int | None = None
    side: str = "both"
    landmark_type: str = ""
    note: str = ""


def _text(value: str, label: str, limit: int, *, required: bool = False) -> str:
    text = unicodedata.normalize("NFKC", value or "").strip()
    if required and not text:
        raise ValidationError(f"{label}不能为空")
    if len(text) > limit:
        raise ValidationError(f"{label}最多 {limit} 个字，现有 {len(text)} 个")
    return text


def clean_values(values: EntryValues) -> EntryValues:
    """The values checked and tidied (full-width made ASCII, spaces trimmed); ValidationError
    with one sentence for the first thing wrong."""
    if values.kind not in KINDS:
        raise ValidationError(f"类型应为 道路、小区 或 地标，收到「{values.kind}」")
    label = KIND_LABELS[values.kind]
    name = _text(values.name, f"{label}名称", NAME_LIMIT, required=True).replace(" ", "")
    aliases = "、".join(
        a for a in _text(values.aliases, "别名", ALIASES_LIMIT).replace(",", "、").split("、") if a
    )
    first, last = values.first_no, values.last_no
    side = values.side or "both"
    if side not in SIDES:
        raise ValidationError(f"单双号应为 单号、双号 或 单双号，收到「{side}」")
    what = "门牌号" if values.kind == ROAD else "楼号"
    if values.kind == LANDMARK:
        first = last = None
        side = "both"
    elif values.kind == ROAD and (first is None or last is None):
        raise ValidationError("道路应填写起始与终止门牌号（如 1 与 99）")
    elif (first is None) != (last is None):
        raise ValidationError("小区的起始与终止楼号应同时填写，或都不填（整个小区）")
    if first is not None and last is not None:
        for number in (first, last):
            if not 1 <= number <= MAX_NUMBER:
                raise ValidationError(f"{what}应在 1 与 {MAX_NUMBER} 之间，收到 {number}")
        if first > last:
            raise ValidationError(f"起始{what} {first} 大于终止{what} {last}")
    if values.kind != ROAD:
        side = "both"
    landmark_type = _text(values.landmark_type, "地标类别", TYPE_LIMIT)
    if values.kind != LANDMARK:
        landmark_type = ""
    return EntryValues(
        values.kind,
        name,
        unicodedata.normalize("NFKC", values.grid_code or "").strip(),
        aliases,
        first,
        last,
        side,
        landmark_type,
        _text(values.note, "备注", NOTE_LIMIT),
    )


def overlaps(a: EntryValues, b: EntryValues) -> bool:
    """Whether two rows of the same road (estate) claim a common door (building) number."""
    if a.kind != b.kind or a.name != b.name or a.kind == LANDMARK:
        return a.kind == b.kind == LANDMARK and a.name == b.name
    if a.first_no is None or a.last_no is None or b.first_no is None or b.last_no is None:
        return True  # a whole estate shares every building
    if a.last_no < b.first_no or b.last_no < a.first_no:
        return False
    return not (a.kind == ROAD and "both" not in (a.side, b.side) and a.side != b.side)


def describe(values: EntryValues) -> str:
    """道路「紫金路」1–40号（单号）, for messages."""
    label = KIND_LABELS[values.kind]
    if values.first_no is None or values.last_no is None:
        return f"{label}「{values.name}」"
    if values.kind == ROAD:
        side = "" if values.side == "both" else f"（{SIDE_LABELS[values.side]}）"
        return f"{label}「{values.name}」{values.first_no}–{values.last_no}号{side}"
    return f"{label}「{values.name}」{values.first_no}–{values.last_no}号楼"


def grid_ids(session: Session) -> dict[str, int]:
    """Active grids by code."""
    rows = session.execute(select(Grid.code, Grid.id).where(Grid.retired_on.is_(None)))
    return {code: grid_id for code, grid_id in rows}


def _grid_id(session: Session, code: str) -> int:
    if not code:
        raise ValidationError("请填写网格编码")
    found = grid_ids(session).get(code)
    if found is None:
        raise ValidationError(f"网格编码「{code}」不存在或已停用")
    return found


def _values_of(entry: GazetteerEntry, code: str) -> EntryValues:
    return EntryValues(
        entry.kind,
        entry.name,
        code,
        entry.aliases,
        entry.first_no,
        entry.last_no,
        entry.side,
        entry.landmark_type,
        entry.note,
    )


def existing_values(session: Session) -> list[tuple[int, EntryValues]]:
    rows = session.execute(
        select(GazetteerEntry, Grid.code).join(Grid, GazetteerEntry.grid_id == Grid.id)
    ).all()
    return [(entry.id, _values_of(entry, code)) for entry, code in rows]


def _check_clash(session: Session, values: EntryValues, skip: int | None) -> None:
    for entry_id, other in existing_values(session):
        if entry_id != skip and overlaps(values, other):
            raise ValidationError(
                f"{describe(values)}与已有的{describe(other)}（网格 {other.grid_code}）重叠："
                "同一门牌或楼号只能属于一个网格"
            )


def list_entries(
    session: Session, *, kind: str | None = None, text: str = ""
) -> list[GazetteerRow]:
    """The gazetteer's rows, by kind, name and first number; `text` filters on the name,
    aliases, grid code and grid name."""
    query = (
        select(GazetteerEntry, Grid.code, Grid.name, Community.name)
        .join(Grid, GazetteerEntry.grid_id == Grid.id)
        .join(Community, Grid.community_id == Community.id)
    )
    if kind:
        query = query.where(GazetteerEntry.kind == kind)
    order = {ROAD: 0, ESTATE: 1, LANDMARK: 2}
    rows = [
        GazetteerRow(
            e.id,
            e.kind,
            e.name,
            e.aliases,
            e.first_no,
            e.last_no,
            e.side,
            e.landmark_type,
            code,
            f"{community}{grid_name}",
            e.note,
        )
        for e, code, grid_name, community in session.execute(query)
    ]
    needle = unicodedata.normalize("NFKC", text).strip()
    if needle:
        rows = [
            r
            for r in rows
            if needle in r.name
            or needle in r.aliases
            or needle in r.grid_code
            or needle in r.grid_name
        ]
    sides = {"both": 0, "odd": 1, "even": 2}
    rows.sort(key=lambda r: (order.get(r.kind, 9), r.name, r.first_no or 0, sides.get(r.side, 3)))
    return rows


def add_entry(session: Session, values: EntryValues, actor: Actor) -> int:
    """Add one row; its id. ValidationError (one sentence) for a bad value or a clash."""
    actor.require("admin.geography", "修改地名地址库")
    clean = clean_values(values)
    grid_id = _grid_id(session, clean.grid_code)
    _check_clash(session, clean, None)
    entry = GazetteerEntry(
        kind=clean.kind,
        name=clean.name,
        aliases=clean.aliases,
        first_no=clean.first_no,
        last_no=clean.last_no,
        side=clean.side,
        landmark_type=clean.landmark_type,
        grid_id=grid_id,
        note=clean.note,
    )
    session.add(entry)
    session.flush()
    record_audit(
        session,
        actor,
        "gazetteer.add",
        "gazetteer",
        entry.id,
        {"entry": describe(clean), "grid": clean.grid_code},
    )
    return entry.id


def update_entry(session: Session, entry_id: int, values: EntryValues, actor: Actor) -> None:
    """Change one row (any field, its grid too)."""
    actor.require("admin.geography", "修改地名地址库")
    entry = session.get(GazetteerEntry, entry_id)
    if entry is None:
        raise NotFound("该地名地址条目已不存在（可能已被他人删除）")
    clean = clean_values(values)
    grid_id = _grid_id(session, clean.grid_code)
    _check_clash(session, clean, entry_id)
    details: dict[str, list[object]] = {}
    new = {
        "kind": clean.kind,
        "name": clean.name,
        "aliases": clean.aliases,
        "first_no": clean.first_no,
        "last_no": clean.last_no,
        "side": clean.side,
        "landmark_type": clean.landmark_type,
        "grid_id": grid_id,
        "note": clean.note,
    }
    for key, value in new.items():
        old = getattr(entry, key)
        if old != value:
            details[key] = [old, value]
            setattr(entry, key, value)
    if details:
        session.flush()
        record_audit(session, actor, "gazetteer.edit", "gazetteer", entry_id, details)


def delete_entries(session: Session, entry_ids: Iterable[int], actor: Actor) -> int:
    """Delete rows; how many were deleted (rows already gone are skipped)."""
    actor.require("admin.geography", "修改地名地址库")
    count = 0
    for entry_id in entry_ids:
        entry = session.get(GazetteerEntry, entry_id)
        if entry is None:
            continue
        code = session.scalar(select(Grid.code).where(Grid.id == entry.grid_id)) or ""
        record_audit(
            session,
            actor,
            "gazetteer.delete",
            "gazetteer",
            entry_id,
            {"entry": describe(_values_of(entry, code)), "grid": code},
        )
        session.delete(entry)
        count += 1
    session.flush()
    return count


def grid_choices(session: Session) -> list[tuple[str, str]]:
    """Active grids as (code, 东明社区第03网格…) for a picker, by code."""
    rows = session.execute(
        select(Grid.code, Grid.name, Community.name)
        .join(Community, Grid.community_id == Community.id)
        .where(Grid.retired_on.is_(None))
        .order_by(Grid.code)
    )
    return [(code, f"{community}{name}") for code, name, community in rows]

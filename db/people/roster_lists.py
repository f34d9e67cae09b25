"""What the people page lists from the rosters: each roster's rows (current ones first,
filtered in SQL, personal data masked), an entry's values for its dialog, its history, the
第一书记 whose term ends soon, and the grids missing a 网格长 or 网格员."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    Grid,
    GridAssignment,
    PayScale,
    Person,
    RosterEvent,
)
from db.people.roster_kinds import (
    ACTIVE_STATUS,
    FIELDS,
    GRID_ROLES,
    RETIRED_STATUS,
    FieldType,
    Kind,
)
from db.people.roster_values import SECRETARY_WARN_DAYS, Lookups, display_value
from db.people.rosters import COLUMNS, MODELS, active_clause, is_active, load_entry, row_values
from db.reference import pinyin
from db.security.actors import Actor
from db.sheets.cells import clean_text


@dataclass(frozen=True)
class EntryRow:
    """One line of a roster table: pre-formatted, personal data masked."""

    id: int
    cells: tuple[str, ...]
    active: bool
    flag: str = ""


@dataclass(frozen=True)
class RosterQuery:
    search: str = ""  # name, or digits of an ID number or phone
    community_id: int | None = None
    include_retired: bool = False


def _search_clause(person: Any, text: str) -> ColumnElement[bool]:
    like = f"%{text}%"
    return or_(person.name.like(like), person.id_number.like(like), person.phone.like(like))


def list_entries(
    session: Session,
    kind: Kind,
    query: RosterQuery | None = None,
    *,
    actor: Actor | None = None,
    today: date | None = None,
) -> list[EntryRow]:
    """The roster's rows, current ones first, by the pinyin of 姓名; filtered in SQL."""
    if actor is not None:
        actor.require("roster.read", "查看人员花名册")
    query = query or RosterQuery()
    today = today or date.today()
    model: Any = MODELS[kind]
    lookups = Lookups.load(session)
    mentor = aliased(Person)
    if kind is Kind.MENTORSHIP:
        stmt: Select[Any] = (
            select(model, Person, mentor)
            .join(Person, Person.id == model.apprentice_id)
            .join(mentor, mentor.id == model.mentor_id)
        )
    else:
        stmt = select(model, Person).join(Person, Person.id == model.person_id)
    text = clean_text(query.search).replace(" ", "")
    if text:
        clause = _search_clause(Person, text)
        if kind is Kind.MENTORSHIP:
            clause = or_(clause, _search_clause(mentor, text))
        stmt = stmt.where(clause)
    if query.community_id is not None:
        if kind is Kind.GRID_STAFF:
            stmt = stmt.join(Grid, Grid.id == model.grid_id).where(
                Grid.community_id == query.community_id
            )
        elif kind is not Kind.MENTORSHIP:
            stmt = stmt.where(model.community_id == query.community_id)
    if not query.include_retired:
        stmt = stmt.where(active_clause(kind))
    stmt = stmt.order_by(Person.name, model.id)
    pay = {
        (t, lv): amount
        for t, lv, amount in session.execute(
            select(PayScale.tier, PayScale.level, PayScale.monthly_amount)
        )
    }
    out: list[EntryRow] = []
    order: dict[int, tuple[str, str]] = {}  # row id → pinyin key of the (unmasked) name
    for result in session.execute(stmt):
        row, person = result[0], result[1]
        order[row.id] = pinyin.sort_key(person.name)
        mentor_person = result[2] if kind is Kind.MENTORSHIP else None
        values = row_values(kind, row, person, mentor_person)
        values["status"] = getattr(row, "status", None) or (
            ACTIVE_STATUS[kind] if row.end_date is None else RETIRED_STATUS[kind]
        )
        values["end_date"] = getattr(row, "end_date", None)
        flag = ""
        if isinstance(row, CommunityWorker):
            amount = pay.get((row.pay_tier, row.pay_level))
            values["pay"] = "未设置" if amount is None else f"{amount:.2f}"
        if isinstance(row, GridAssignment):
            values["grid_name"] = lookups.grid_label.get(row.grid_id, "")
        if isinstance(row, FirstSecretary) and is_active(kind, row):
            left = (row.term_end - today).days
            if left < 0:
                flag = f"任期已满 {-left} 天"
            elif left <= SECRETARY_WARN_DAYS:
                flag = f"任期将满（剩 {left} 天）"
            values["flag"] = flag
        cells = tuple(
            display_value(kind, key, values.get(key), lookups) for key, _ in COLUMNS[kind]
        )
        out.append(EntryRow(row.id, cells, is_active(kind, row), flag))
    # Current rows first, each part in the pinyin order of 姓名 (not by character codes).
    out.sort(key=lambda r: (not r.active, order[r.id], r.id))
    return out


def expiring_secretaries(session: Session, today: date | None = None) -> list[EntryRow]:
    """第一书记 in office whose term ends within 60 days (or has ended)."""
    return [r for r in list_entries(session, Kind.FIRST_SECRETARY, today=today) if r.flag]


def entry_form_values(session: Session, kind: Kind, row_id: int) -> dict[str, str]:
    """The entry's current values as dialog text; ID numbers and phones masked."""
    lookups = Lookups.load(session)
    row, person, mentor = load_entry(session, kind, row_id)
    values = row_values(kind, row, person, mentor)
    out: dict[str, str] = {}
    for spec in FIELDS[kind]:
        value = values.get(spec.name)
        if spec.type is FieldType.COMMUNITY and isinstance(value, int):
            out[spec.name] = lookups.community_name.get(value, "")
        elif spec.type is FieldType.PARTY:
            out[spec.name] = "" if value is None else ("中共党员" if value else "群众")
        else:
            out[spec.name] = display_value(kind, spec.name, value, lookups)
    return out


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str  # 新增 / 修改 / 离任 / 导入
    text: str


ACTION_LABELS = {"create": "新增", "edit": "修改", "retire": "离任", "import": "导入"}


def _field_label(kind: Kind | None, name: str) -> str:
    if kind is not None:
        for spec in FIELDS[kind]:
            if spec.name == name:
                return spec.label
    extra = {
        "end_date": "结束日期",
        "status": "状态",
        "reason": "原因",
        "moved_to": "调往记录",
        "moved_from": "调自记录",
        "monthly_amount": "月薪",
    }
    return extra.get(name, name)


def describe_changes(kind: Kind | None, changes: Mapping[str, Any] | None) -> str:
    parts = []
    for name, value in (changes or {}).items():
        label = _field_label(kind, name)
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{label}：{value[0] or '（空）'} → {value[1] or '（空）'}")
        elif isinstance(value, list):
            parts.append(f"{label}：{'、'.join(str(v) for v in value)}")
        else:
            parts.append(f"{label}：{value}")
    return "；".join(parts)


def history(session: Session, kind: Kind, row_id: int) -> list[HistoryEntry]:
    """Every change of one entry, oldest first."""
    events = session.scalars(
        select(RosterEvent)
        .where(RosterEvent.roster == kind.value, RosterEvent.row_id == row_id)
        .order_by(RosterEvent.id)
    )
    return [
        HistoryEntry(
            e.at, e.actor, ACTION_LABELS.get(e.action, e.action), describe_changes(kind, e.changes)
        )
        for e in events
    ]


# --- grid vacancies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Vacancy:
    grid_code: str
    grid_name: str
    community: str
    missing: tuple[str, ...]  # 网格长 and/or 网格员

    @property
    def text(self) -> str:
        return "、".join(self.missing)


def grid_vacancies(session: Session) -> list[Vacancy]:
    """Grids without a current 网格长 or without a current 网格员."""
    staffed: dict[int, set[str]] = {}
    for grid_id, role in session.execute(
        select(GridAssignment.grid_id, GridAssignment.role).where(GridAssignment.end_date.is_(None))
    ):
        staffed.setdefault(grid_id, set()).add(role)
    out: list[Vacancy] = []
    stmt = (
        select(Grid.id, Grid.code, Grid.name, Community.name)
        .join(Community)
        .order_by(Community.code, func.length(Grid.code), Grid.code)
    )
    for gid, code, name, community in session.execute(stmt):
        have = staffed.get(gid, set())
        missing = tuple(label for role, label in GRID_ROLES if role not in have)
        if missing:
            out.append(Vacancy(code, name, community, missing))
    return out

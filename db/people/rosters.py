"""Roster services (花名册): create, edit and retire entries of the six rosters, each change
appended to `roster_events`; lists for the window, grid vacancies, the pay table, and revealing
a masked ID number or phone (audited)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.errors import NotFound, PermissionDenied, ValidationError
from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    Grid,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    RosterEvent,
    SentDownCadre,
)
from db.models.base import utcnow
from db.people.id_numbers import birth_date, gender_of
from db.people.roster_kinds import (
    ACTIVE_STATUS,
    FIELDS,
    GRID_ROLES,
    KIND_LABELS,
    RETIRED_STATUS,
    SECRETARY_WARN_DAYS,
    Cell,
    FieldSpec,
    FieldType,
    Kind,
    check_rules,
    clean_text,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_gender,
    parse_id_number,
    parse_int,
    parse_name,
    parse_party,
    parse_phone,
)
from db.security.actors import Actor
from db.security.audit import record_audit
from db.security.personal_data import mask_id_number, mask_phone

RosterRow = (
    CommunityWorker | GridAssignment | FirstSecretary | Mentorship | SentDownCadre | PartyCheckin
)

MODELS: dict[Kind, type[RosterRow]] = {
    Kind.COMMUNITY_WORKER: CommunityWorker,
    Kind.GRID_STAFF: GridAssignment,
    Kind.FIRST_SECRETARY: FirstSecretary,
    Kind.MENTORSHIP: Mentorship,
    Kind.SENT_DOWN: SentDownCadre,
    Kind.PARTY_CHECKIN: PartyCheckin,
}

PERSON_COLUMNS = ("name", "gender", "id_number", "phone", "party_member", "education")
PAY_TIERS = 3
PAY_LEVELS = 38
PAY_SCALE_ROSTER = "pay_scale"

# Roster-row column for a field whose stored name differs from the field name.
_COLUMN_OF = {"community": "community_id", "grid": "grid_id"}
# Fields stored elsewhere (the mentor is a Person of its own).
_NOT_ON_ROW = {"mentor_name", "mentor_id_number"}
_DEFAULTS: dict[str, object] = {
    "terms_served": 0,
    "honours": "",
    "career_move": "",
    "activities": "",
    "service_hours": Decimal(0),
    "education": "",
    "gender": "",
    "phone": "",
    "party_member": False,
}


# --- references by code or name -------------------------------------------------------------


@dataclass
class Lookups:
    """Communities by code and name and grids by code, loaded once for a batch of rows."""

    community_by_code: dict[str, int] = field(default_factory=dict)
    community_by_name: dict[str, list[int]] = field(default_factory=dict)
    community_name: dict[int, str] = field(default_factory=dict)
    grid_by_code: dict[str, int] = field(default_factory=dict)
    grid_code: dict[int, str] = field(default_factory=dict)
    grid_label: dict[int, str] = field(default_factory=dict)
    grid_community: dict[int, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Lookups:
        lk = cls()
        for cid, code, name in session.execute(
            select(Community.id, Community.code, Community.name)
        ):
            lk.community_by_code[code] = cid
            lk.community_by_name.setdefault(name, []).append(cid)
            lk.community_name[cid] = name
        for gid, code, name, cid in session.execute(
            select(Grid.id, Grid.code, Grid.name, Grid.community_id)
        ):
            lk.grid_by_code[code] = gid
            lk.grid_code[gid] = code
            lk.grid_label[gid] = f"{lk.community_name.get(cid, '')}{name}"
            lk.grid_community[gid] = cid
        return lk

    def community(self, value: Cell, label: str) -> int | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if text.isdigit():
            if text in self.community_by_code:
                return self.community_by_code[text]
            raise ValidationError(f"{label}：没有编码为 {text} 的社区")
        ids = self.community_by_name.get(text)
        if ids is None and not text.endswith(("社区", "村")):
            ids = self.community_by_name.get(text + "社区")
        if ids is None:
            raise ValidationError(f"{label}：没有名为「{text}」的社区")
        if len(ids) > 1:
            raise ValidationError(f"{label}：有多个名为「{text}」的社区，请填写社区编码")
        return ids[0]

    def grid(self, value: Cell, label: str) -> int | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if not text.isdigit() or len(text) not in (14, 15):
            raise ValidationError(f"{label}「{text}」应为 14 或 15 位数字的网格编码")
        if text not in self.grid_by_code:
            raise ValidationError(f"{label}：没有编码为 {text} 的网格")
        return self.grid_by_code[text]


# --- reading and checking values --------------------------------------------------------------


def _parse_text(spec: FieldSpec, value: Cell) -> str:
    text = clean_text(value)
    if len(text) > 200:
        raise ValidationError(f"{spec.label}过长（最多 200 字）")
    return text


_Parser = Callable[[FieldSpec, Cell, Lookups, bool], object]
_PARSERS: dict[FieldType, _Parser] = {
    FieldType.NAME: lambda spec, v, lk, d: parse_name(v, spec.label),
    FieldType.ID_NUMBER: lambda spec, v, lk, d: parse_id_number(v, spec.label),
    FieldType.PHONE: lambda spec, v, lk, d: parse_phone(v, spec.label),
    FieldType.DATE: lambda spec, v, lk, d: parse_date(v, spec.label, date1904=d),
    FieldType.INT: lambda spec, v, lk, d: parse_int(v, spec),
    FieldType.DECIMAL: lambda spec, v, lk, d: parse_decimal(v, spec),
    FieldType.PARTY: lambda spec, v, lk, d: parse_party(v),
    FieldType.GENDER: lambda spec, v, lk, d: parse_gender(v),
    FieldType.COMMUNITY: lambda spec, v, lk, d: lk.community(v, spec.label),
    FieldType.GRID: lambda spec, v, lk, d: lk.grid(v, spec.label),
    FieldType.CHOICE: lambda spec, v, lk, d: parse_choice(v, spec),
    FieldType.TEXT: lambda spec, v, lk, d: _parse_text(spec, v),
}


def parse_field(
    spec: FieldSpec, value: Cell, lookups: Lookups, *, date1904: bool = False
) -> object:
    """One field's value from a cell or a dialog's text; raises ValidationError."""
    return _PARSERS[spec.type](spec, value, lookups, date1904)


def parse_values(
    kind: Kind,
    raw: Mapping[str, Cell],
    lookups: Lookups,
    *,
    partial: bool = False,
    date1904: bool = False,
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """Checked values of one entry and the problems found as (field, reason).

    With `partial`, only the fields given are read (an edit); otherwise every required field
    must have a value.
    """
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for spec in FIELDS[kind]:
        if spec.name not in raw:
            if spec.required and not partial:
                problems.append((spec.name, f"缺少{spec.label}"))
            continue
        try:
            value = _PARSERS[spec.type](spec, raw[spec.name], lookups, date1904)
        except ValidationError as exc:
            problems.append((spec.name, str(exc)))
            continue
        if spec.required and value in (None, ""):
            problems.append((spec.name, f"缺少{spec.label}"))
            continue
        values[spec.name] = value
    id_number = values.get("id_number")
    if isinstance(id_number, str) and id_number:
        derived = gender_of(id_number)
        given = values.get("gender")
        if given and given != derived:
            problems.append(("gender", f"性别「{given}」与身份证号不符（应为 {derived}）"))
        elif "gender" in values or not partial:
            values["gender"] = derived
    problems.extend(check_rules(kind, values))
    return values, problems


def _first_problem(problems: Sequence[tuple[str, str]]) -> ValidationError:
    if len(problems) == 1:
        return ValidationError(problems[0][1])
    return ValidationError("；".join(reason for _, reason in problems))


# --- how values are shown -----------------------------------------------------------------


def display_value(kind: Kind, name: str, value: object, lookups: Lookups) -> str:
    """A value as the window and the history show it (ID numbers and phones masked)."""
    if value is None:
        return ""
    if name in ("id_number", "mentor_id_number"):
        return mask_id_number(str(value))
    if name == "phone":
        return mask_phone(str(value))
    if name == "community" and isinstance(value, int):
        return lookups.community_name.get(value, str(value))
    if name == "grid" and isinstance(value, int):
        return lookups.grid_code.get(value, str(value))
    if name == "party_member":
        return "中共党员" if value else "群众"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    spec = _CHOICE_FIELDS.get((kind, name))
    return spec.choice_label(value) if spec is not None else str(value)


_CHOICE_FIELDS = {(k, spec.name): spec for k in Kind for spec in FIELDS[k] if spec.choices}


# --- reading an entry's current values --------------------------------------------------------


def _row_values(
    kind: Kind, row: RosterRow, person: Person, mentor: Person | None
) -> dict[str, Any]:
    values: dict[str, Any] = {c: getattr(person, c) for c in PERSON_COLUMNS}
    for spec in FIELDS[kind]:
        if spec.person or spec.name in _NOT_ON_ROW:
            continue
        values[spec.name] = getattr(row, _COLUMN_OF.get(spec.name, spec.name))
    if mentor is not None:
        values["mentor_name"] = mentor.name
        values["mentor_id_number"] = mentor.id_number
    return values


def _person_of(row: RosterRow) -> int:
    return row.apprentice_id if isinstance(row, Mentorship) else row.person_id


def _load(session: Session, kind: Kind, row_id: int) -> tuple[RosterRow, Person, Person | None]:
    row: RosterRow | None = session.get(MODELS[kind], row_id)  # type: ignore[assignment]
    if row is None:
        raise NotFound(f"{KIND_LABELS[kind]}名册中没有编号为 {row_id} 的记录")
    person = session.get(Person, _person_of(row))
    assert person is not None
    mentor = session.get(Person, row.mentor_id) if isinstance(row, Mentorship) else None
    return row, person, mentor


def is_active(kind: Kind, row: RosterRow) -> bool:
    if isinstance(row, GridAssignment):
        return row.end_date is None
    return bool(getattr(row, "status", "") == ACTIVE_STATUS[kind])


def _active_clause(kind: Kind) -> ColumnElement[bool]:
    if kind is Kind.GRID_STAFF:
        return GridAssignment.end_date.is_(None)
    model: Any = MODELS[kind]
    return model.status == ACTIVE_STATUS[kind]  # type: ignore[no-any-return]


# --- writing -------------------------------------------------------------------------------


def _jsonable(
    kind: Kind, changes: Mapping[str, tuple[object, object]], lookups: Lookups
) -> dict[str, list[str]]:
    return {
        name: [display_value(kind, name, old, lookups), display_value(kind, name, new, lookups)]
        for name, (old, new) in changes.items()
    }


def _event(
    session: Session,
    actor: Actor,
    roster: str,
    row_id: int,
    action: str,
    changes: dict[str, Any] | None,
    now: datetime | None = None,
) -> None:
    session.add(
        RosterEvent(
            at=now or utcnow(),
            actor=actor.username,
            roster=roster,
            row_id=row_id,
            action=action,
            changes=changes,
        )
    )
    # The chained audit log records every roster write too (values as shown: masked).
    record_audit(session, actor, f"roster.{action}", roster, str(row_id), changes)


def _upsert_person(
    session: Session, values: Mapping[str, object], *, prefix: str = ""
) -> tuple[Person, dict[str, tuple[object, object]]]:
    """The person with this ID number (created if new), updated with the values given."""
    id_number = str(values[f"{prefix}id_number"])
    person = session.scalars(select(Person).where(Person.id_number == id_number)).one_or_none()
    now = utcnow()
    wanted: dict[str, object] = {}
    if prefix:
        wanted["name"] = values[f"{prefix}name"]
        wanted["gender"] = gender_of(id_number)
    else:
        wanted = {c: values[c] for c in PERSON_COLUMNS if c in values and values[c] is not None}
    if person is None:
        person = Person(
            id_number=id_number,
            birth_date=birth_date(id_number),
            created_at=now,
            updated_at=now,
            **{c: wanted.get(c, _DEFAULTS.get(c, "")) for c in PERSON_COLUMNS if c != "id_number"},
        )
        session.add(person)
        session.flush()
        return person, {}
    changes: dict[str, tuple[object, object]] = {}
    for name, value in wanted.items():
        old = getattr(person, name)
        if old != value:
            changes[name] = (old, value)
            setattr(person, name, value)
    if changes:
        person.updated_at = now
    return person, changes


def _existing_active(
    session: Session,
    kind: Kind,
    person_id: int,
    values: Mapping[str, object],
    mentor_id: int | None,
) -> RosterRow | None:
    """The current entry that this one would duplicate (the import's match key)."""
    model: Any = MODELS[kind]
    stmt: Select[Any] = select(model)
    if kind is Kind.MENTORSHIP:
        stmt = stmt.where(Mentorship.apprentice_id == person_id, Mentorship.mentor_id == mentor_id)
    else:
        stmt = stmt.where(model.person_id == person_id)
    if kind is Kind.GRID_STAFF:
        stmt = stmt.where(
            GridAssignment.grid_id == values.get("grid"), GridAssignment.role == values.get("role")
        )
    elif kind is Kind.SENT_DOWN:
        stmt = stmt.where(SentDownCadre.batch == values.get("batch"))
    elif kind is Kind.PARTY_CHECKIN:
        stmt = stmt.where(
            PartyCheckin.community_id == values.get("community"),
            PartyCheckin.checkin_date == values.get("checkin_date"),
        )
    if kind is not Kind.PARTY_CHECKIN:
        stmt = stmt.where(_active_clause(kind))
    return session.scalars(stmt.limit(1)).first()


def row_columns(kind: Kind, values: Mapping[str, object], today: date) -> dict[str, object]:
    """The roster row's own columns from checked values (defaults for what is missing)."""
    out: dict[str, object] = {}
    for spec in FIELDS[kind]:
        if spec.person or spec.name in _NOT_ON_ROW:
            continue
        value = values.get(spec.name)
        if value is None:
            value = _DEFAULTS.get(spec.name)
        if value is None and spec.name == "start_date":
            value = today
        out[_COLUMN_OF.get(spec.name, spec.name)] = value
    if kind is Kind.FIRST_SECRETARY and values.get("post_level") == "street":
        out["community_id"] = values.get("community")
    return out


def create_entry(
    session: Session,
    kind: Kind,
    raw: Mapping[str, Cell],
    actor: Actor,
    *,
    today: date | None = None,
    lookups: Lookups | None = None,
) -> int:
    """Add one entry to a roster (the person is matched on the ID number); returns its id."""
    actor.require("roster.edit", f"修改{KIND_LABELS[kind]}名册")
    lookups = lookups or Lookups.load(session)
    values, problems = parse_values(kind, raw, lookups)
    if problems:
        raise _first_problem(problems)
    today = today or date.today()
    person, person_changes = _upsert_person(session, values)
    mentor_id = None
    if kind is Kind.MENTORSHIP:
        mentor, _ = _upsert_person(session, values, prefix="mentor_")
        mentor_id = mentor.id
    if _existing_active(session, kind, person.id, values, mentor_id) is not None:
        raise ValidationError(
            f"{person.name}已在{KIND_LABELS[kind]}名册中（同一身份证号），请编辑原记录"
        )
    columns = row_columns(kind, values, today)
    if kind is Kind.MENTORSHIP:
        columns |= {"apprentice_id": person.id, "mentor_id": mentor_id}
    else:
        columns["person_id"] = person.id
    row = MODELS[kind](**columns)
    session.add(row)
    session.flush()
    shown = {
        k: display_value(kind, k, v, lookups) for k, v in values.items() if v not in (None, "")
    }
    if person_changes:
        shown |= {k: "→".join(v) for k, v in _jsonable(kind, person_changes, lookups).items()}
    _event(session, actor, kind.value, row.id, "create", shown)
    return row.id


def update_entry(
    session: Session,
    kind: Kind,
    row_id: int,
    raw: Mapping[str, Cell],
    actor: Actor,
    *,
    lookups: Lookups | None = None,
) -> dict[str, list[str]]:
    """Change the fields given; returns the changes recorded ({} when nothing changed).

    Moving a grid worker to another grid closes the old assignment and opens a new one, so the
    grid's history is kept.
    """
    actor.require("roster.edit", f"修改{KIND_LABELS[kind]}名册")
    lookups = lookups or Lookups.load(session)
    row, person, mentor = _load(session, kind, row_id)
    if not is_active(kind, row):
        raise ValidationError(f"该{KIND_LABELS[kind]}记录已离任，不能再修改")
    values, problems = parse_values(kind, raw, lookups, partial=True)
    current = _row_values(kind, row, person, mentor)
    merged = current | values
    given_gender = values.get("gender")
    if given_gender and "id_number" not in values and person.id_number:
        derived = gender_of(person.id_number)
        if given_gender != derived:
            problems.append(("gender", f"性别「{given_gender}」与身份证号不符（应为 {derived}）"))
    problems.extend(p for p in check_rules(kind, merged) if p not in problems)
    if problems:
        raise _first_problem(problems)
    if "id_number" in values and values["id_number"] != person.id_number:
        other = session.scalars(
            select(Person.id).where(Person.id_number == values["id_number"])
        ).first()
        if other is not None:
            raise ValidationError("该身份证号已属于名册中的另一人，不能改成它")
        person.birth_date = birth_date(str(values["id_number"]))
    changes = {
        name: (current.get(name), value)
        for name, value in values.items()
        if name in current and current.get(name) != value and value is not None
    }
    if not changes:
        return {}
    if isinstance(row, GridAssignment) and ("grid" in changes or "role" in changes):
        today = date.today()
        row.end_date = today
        moved = GridAssignment(
            person_id=row.person_id,
            grid_id=merged["grid"],
            role=merged["role"],
            start_date=today,
        )
        session.add(moved)
        session.flush()
        recorded = _jsonable(kind, changes, lookups)
        _event(
            session, actor, kind.value, row.id, "retire", recorded | {"moved_to": [str(moved.id)]}
        )
        _event(
            session,
            actor,
            kind.value,
            moved.id,
            "create",
            {"moved_from": str(row.id)} | {k: v[1] for k, v in recorded.items()},
        )
        changes = {k: v for k, v in changes.items() if k not in ("grid", "role")}
    now = utcnow()
    for name, (_, value) in changes.items():
        if name in PERSON_COLUMNS:
            setattr(person, name, value)
            person.updated_at = now
        elif name == "mentor_name" and mentor is not None:
            mentor.name = str(value)
        elif name == "mentor_id_number":
            new_mentor, _ = _upsert_person(
                session,
                {"mentor_name": merged["mentor_name"], "mentor_id_number": value},
                prefix="mentor_",
            )
            assert isinstance(row, Mentorship)
            row.mentor_id = new_mentor.id
        elif name not in ("grid", "role"):
            setattr(row, _COLUMN_OF.get(name, name), value)
    recorded = _jsonable(kind, changes, lookups)
    if recorded:
        _event(session, actor, kind.value, row.id, "edit", recorded)
    session.flush()
    return recorded


def retire_entry(
    session: Session,
    kind: Kind,
    row_id: int,
    actor: Actor,
    *,
    end_date: date | None = None,
    reason: str = "",
) -> None:
    """离任 / 离岗 / 结业: the entry stays in the roster's history, no longer current."""
    actor.require("roster.edit", f"修改{KIND_LABELS[kind]}名册")
    row, person, _ = _load(session, kind, row_id)
    if not is_active(kind, row):
        raise ValidationError(f"{person.name}的{KIND_LABELS[kind]}记录已经是离任状态")
    end = end_date or date.today()
    changes: dict[str, Any] = {"end_date": end.isoformat()}
    if hasattr(row, "status"):
        changes["status"] = [row.status, RETIRED_STATUS[kind]]
        row.status = RETIRED_STATUS[kind]
    row.end_date = end
    if reason.strip():
        changes["reason"] = reason.strip()
    _event(session, actor, kind.value, row.id, "retire", changes)
    session.flush()


# --- lists for the window --------------------------------------------------------------------

COLUMNS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.COMMUNITY_WORKER: (
        ("name", "姓名"),
        ("gender", "性别"),
        ("id_number", "身份证号"),
        ("phone", "联系电话"),
        ("community", "所在社区"),
        ("post", "职务"),
        ("pay_tier", "档"),
        ("pay_level", "级"),
        ("pay", "月薪（元）"),
        ("service_start", "参加工作时间"),
        ("terms_served", "届数"),
        ("party_member", "政治面貌"),
        ("honours", "荣誉"),
        ("career_move", "职业发展"),
        ("status", "状态"),
    ),
    Kind.GRID_STAFF: (
        ("name", "姓名"),
        ("id_number", "身份证号"),
        ("phone", "联系电话"),
        ("role", "身份"),
        ("grid", "网格编码"),
        ("grid_name", "网格"),
        ("start_date", "上岗时间"),
        ("end_date", "离岗时间"),
        ("status", "状态"),
    ),
    Kind.FIRST_SECRETARY: (
        ("name", "姓名"),
        ("id_number", "身份证号"),
        ("phone", "联系电话"),
        ("sending_unit", "派出单位"),
        ("post_level", "任职层级"),
        ("community", "任职社区"),
        ("term_start", "任期开始"),
        ("term_end", "任期结束"),
        ("status", "状态"),
        ("flag", "提醒"),
    ),
    Kind.MENTORSHIP: (
        ("mentor_name", "导师"),
        ("name", "学员"),
        ("id_number", "学员身份证号"),
        ("studio", "书记工作室"),
        ("start_date", "帮带开始时间"),
        ("end_date", "结束时间"),
        ("status", "状态"),
    ),
    Kind.SENT_DOWN: (
        ("name", "姓名"),
        ("id_number", "身份证号"),
        ("phone", "联系电话"),
        ("batch", "批次"),
        ("sending_unit", "派出单位"),
        ("community", "下沉社区"),
        ("start_date", "下沉时间"),
        ("planned_end", "计划结束时间"),
        ("status", "状态"),
    ),
    Kind.PARTY_CHECKIN: (
        ("name", "姓名"),
        ("id_number", "身份证号"),
        ("phone", "联系电话"),
        ("sending_org", "所在党组织"),
        ("community", "报到社区"),
        ("checkin_date", "报到时间"),
        ("activities", "服务活动"),
        ("service_hours", "服务时长（小时）"),
        ("status", "状态"),
    ),
}


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
    """The roster's rows, current ones first, filtered in SQL."""
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
        stmt = stmt.where(_active_clause(kind))
    stmt = stmt.order_by(Person.name, model.id)
    pay = {
        (t, lv): amount
        for t, lv, amount in session.execute(
            select(PayScale.tier, PayScale.level, PayScale.monthly_amount)
        )
    }
    out: list[EntryRow] = []
    for result in session.execute(stmt):
        row, person = result[0], result[1]
        mentor_person = result[2] if kind is Kind.MENTORSHIP else None
        values = _row_values(kind, row, person, mentor_person)
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
    out.sort(key=lambda r: not r.active)
    return out


def expiring_secretaries(session: Session, today: date | None = None) -> list[EntryRow]:
    """第一书记 in office whose term ends within 60 days (or has ended)."""
    return [r for r in list_entries(session, Kind.FIRST_SECRETARY, today=today) if r.flag]


def entry_form_values(session: Session, kind: Kind, row_id: int) -> dict[str, str]:
    """The entry's current values as dialog text; ID numbers and phones masked."""
    lookups = Lookups.load(session)
    row, person, mentor = _load(session, kind, row_id)
    values = _row_values(kind, row, person, mentor)
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


# --- the pay table (3档38级) -------------------------------------------------------------------


@dataclass(frozen=True)
class PayCell:
    tier: int
    level: int
    amount: Decimal | None


def pay_table(session: Session) -> list[PayCell]:
    """All 3 × 38 cells of the pay table, tier then level; None where no amount is set."""
    stored = {
        (t, lv): a
        for t, lv, a in session.execute(
            select(PayScale.tier, PayScale.level, PayScale.monthly_amount)
        )
    }
    return [
        PayCell(t, lv, stored.get((t, lv)))
        for t in range(1, PAY_TIERS + 1)
        for lv in range(1, PAY_LEVELS + 1)
    ]


def parse_amount(value: Cell) -> Decimal:
    text = clean_text(value).replace(" ", "").replace(",", "").removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"月薪「{text}」应为金额（例如 4500 或 4500.50）") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal(100_000_000):
        raise ValidationError(f"月薪「{text}」不合理")
    return amount.quantize(Decimal("0.01"))


def set_pay_amount(session: Session, tier: int, level: int, amount: Cell, actor: Actor) -> Decimal:
    """Set the monthly pay of one tier and level (recorded in the roster history)."""
    actor.require("roster.edit", "修改薪酬标准")
    if not 1 <= tier <= PAY_TIERS:
        raise ValidationError(f"档应在 1–{PAY_TIERS} 之间，实为 {tier}")
    if not 1 <= level <= PAY_LEVELS:
        raise ValidationError(f"级应在 1–{PAY_LEVELS} 之间，实为 {level}")
    value = parse_amount(amount)
    cell = session.get(PayScale, (tier, level))
    old = None if cell is None else cell.monthly_amount
    if cell is None:
        session.add(PayScale(tier=tier, level=level, monthly_amount=value))
    else:
        cell.monthly_amount = value
    if old != value:
        _event(
            session,
            actor,
            PAY_SCALE_ROSTER,
            tier * 100 + level,
            "edit",
            {"monthly_amount": ["" if old is None else f"{old:.2f}", f"{value:.2f}"]},
        )
    session.flush()
    return value


# --- personal data -------------------------------------------------------------------------


def reveal(session: Session, actor: Actor, kind: Kind, row_id: int, name: str, reason: str) -> str:
    """The unmasked ID number or phone of an entry; needs `personal.reveal` and a reason, and
    leaves an audit entry."""
    if name not in ("id_number", "phone", "mentor_id_number"):
        raise ValidationError("只能显示身份证号或联系电话")
    if not actor.can("personal.reveal"):
        raise PermissionDenied(f"「{actor.label}」无权查看完整的身份证号和电话")
    if not reason.strip():
        raise ValidationError("查看完整个人信息需要填写原因")
    _row, person, mentor = _load(session, kind, row_id)
    target = mentor if name == "mentor_id_number" and mentor is not None else person
    value = target.phone if name == "phone" else (target.id_number or "")
    record_audit(
        session,
        actor,
        "personal.reveal",
        "person",
        target.id,
        {
            "roster": kind.value,
            "row_id": row_id,
            "field": "phone" if name == "phone" else "id_number",
            "reason": reason.strip(),
        },
    )
    return value


def counts(session: Session) -> dict[Kind, int]:
    """Current entries per roster."""
    out: dict[Kind, int] = {}
    for kind, model in MODELS.items():
        out[kind] = len(session.scalars(select(model.id).where(_active_clause(kind))).all())
    return out

"""Roster services (花名册): create, edit and retire entries of the six rosters, each change
appended to `roster_events` and to the audit log; the columns each roster's table shows, and
revealing a masked ID number or phone (audited)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from db.errors import NotFound, PermissionDenied, ValidationError
from db.models import (
    CommunityWorker,
    FirstSecretary,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    Person,
    RosterEvent,
    SentDownCadre,
)
from db.models.base import utcnow
from db.people.id_numbers import birth_date, gender_of
from db.people.roster_kinds import ACTIVE_STATUS, FIELDS, KIND_LABELS, RETIRED_STATUS, Kind
from db.people.roster_values import (
    Lookups,
    check_rules,
    display_value,
    first_problem,
    parse_values,
)
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import Cell

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


# --- reading an entry's current values --------------------------------------------------------


def row_values(kind: Kind, row: RosterRow, person: Person, mentor: Person | None) -> dict[str, Any]:
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


def load_entry(
    session: Session, kind: Kind, row_id: int
) -> tuple[RosterRow, Person, Person | None]:
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


def active_clause(kind: Kind) -> ColumnElement[bool]:
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


def record_event(
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
        stmt = stmt.where(active_clause(kind))
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
        raise first_problem(problems)
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
    record_event(session, actor, kind.value, row.id, "create", shown)
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
    row, person, mentor = load_entry(session, kind, row_id)
    if not is_active(kind, row):
        raise ValidationError(f"该{KIND_LABELS[kind]}记录已离任，不能再修改")
    values, problems = parse_values(kind, raw, lookups, partial=True)
    current = row_values(kind, row, person, mentor)
    merged = current | values
    given_gender = values.get("gender")
    if given_gender and "id_number" not in values and person.id_number:
        derived = gender_of(person.id_number)
        if given_gender != derived:
            problems.append(("gender", f"性别「{given_gender}」与身份证号不符（应为 {derived}）"))
    problems.extend(p for p in check_rules(kind, merged) if p not in problems)
    if problems:
        raise first_problem(problems)
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
        record_event(
            session, actor, kind.value, row.id, "retire", recorded | {"moved_to": [str(moved.id)]}
        )
        record_event(
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
        record_event(session, actor, kind.value, row.id, "edit", recorded)
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
    row, person, _ = load_entry(session, kind, row_id)
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
    record_event(session, actor, kind.value, row.id, "retire", changes)
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
    _row, person, mentor = load_entry(session, kind, row_id)
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
        out[kind] = len(session.scalars(select(model.id).where(active_clause(kind))).all())
    return out

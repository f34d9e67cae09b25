"""Case categories (案件类别) as administrators keep them: every 大类 and 小类 with its default
department, stage limits, basis, flags and keywords; adding, renaming, retiring (停用) and
reactivating a 小类, adding a 大类 (checked, audited).

A retired 小类 stays on the cases reported in it, and so in the queue, the case details and
the returns of every period; it is no longer offered for new reports (intake refuses it) nor in
the filters and pickers that list categories for new work. It can be reactivated.

Codes follow db/reference/category_codes.py: a 小类's 4-digit code starts with its 大类's
2-digit code, so a 小类 never moves to another 大类.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import NotFound, ValidationError
from db.models import Case, Category, Department, MajorCategory
from db.reference.category_codes import check_kind, validate_category_code, validate_major_code
from db.reference.category_keywords import join_keywords, parse_keywords, split_keywords
from db.reference.master_data import (
    BASIS_LABELS,
    FIELD_LABELS,
    check_keys,
    check_text,
    format_hours,
    parse_basis,
    parse_flag,
    parse_hours,
)
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit

NAME_LENGTH = 64
CATEGORY_FIELDS = (
    "name",
    "default_department",
    "dispatch_hours",
    "handle_hours",
    "verify_hours",
    "basis",
    "urgent",
    "active",
    "keywords",
)
# What a new 小类 is given: its code and these (the 大类 follows from the code).
NEW_CATEGORY_FIELDS = ("code", "major", *(f for f in CATEGORY_FIELDS if f != "active"))
# Stored column of each category limit given in hours.
_LIMIT_COLUMNS = {
    "dispatch_hours": "dispatch_minutes",
    "handle_hours": "handle_minutes",
    "verify_hours": "verify_minutes",
}
_PERMISSION = ("admin.categories", "维护案件类别")


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name: str
    major: str  # e.g. 事件·市容环境
    default_department: str | None
    dispatch_minutes: int
    handle_minutes: int
    verify_minutes: int
    basis: str  # working | natural
    urgent: bool
    active: bool
    major_code: str = ""
    keywords: tuple[str, ...] = ()
    retired_on: date | None = None

    @property
    def dispatch_hours(self) -> str:
        return format_hours(self.dispatch_minutes)

    @property
    def handle_hours(self) -> str:
        return format_hours(self.handle_minutes)

    @property
    def verify_hours(self) -> str:
        return format_hours(self.verify_minutes)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS.get(self.basis, self.basis)


@dataclass(frozen=True)
class MajorRow:
    id: int
    code: str
    kind: str  # 事件 | 部件
    name: str
    categories: int  # 小类 under it, active or not

    @property
    def label(self) -> str:
        return f"{self.code} {self.kind}·{self.name}"


def _category_row(cat: Category, major: MajorCategory, dept: str | None) -> CategoryRow:
    return CategoryRow(
        cat.id,
        cat.code,
        cat.name,
        f"{major.kind}·{major.name}",
        dept,
        cat.dispatch_minutes,
        cat.handle_minutes,
        cat.verify_minutes,
        cat.basis,
        cat.urgent,
        cat.active,
        major.code,
        split_keywords(cat.keywords),
        cat.retired_on,
    )


def list_categories(session: Session) -> list[CategoryRow]:
    """Every 小类, active and retired, by code."""
    rows = session.execute(
        select(Category, MajorCategory, Department.name)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .outerjoin(Department, Department.id == Category.default_department_id)
        .order_by(Category.code)
    ).all()
    return [_category_row(cat, major, dept) for cat, major, dept in rows]


def list_majors(session: Session) -> list[MajorRow]:
    """Every 大类 by code, with the number of its 小类."""
    counts = dict(
        session.execute(select(Category.major_id, func.count()).group_by(Category.major_id)).all()
    )
    majors = session.scalars(select(MajorCategory).order_by(MajorCategory.code))
    return [MajorRow(m.id, m.code, m.kind, m.name, int(counts.get(m.id, 0))) for m in majors]


def local_today(session: Session) -> date:
    """Today in the center's time zone."""
    return utcnow().astimezone(load_settings(session).tz).date()


# --- checks shared by the edits ---------------------------------------------------------------


def _category(session: Session, code: str) -> Category:
    text = str(code).strip()
    cat = session.scalar(select(Category).where(Category.code == text))
    if cat is None:
        raise NotFound(f"案件类别 {text} 不存在")
    return cat


def _major(session: Session, code: str) -> MajorCategory:
    major = session.scalar(select(MajorCategory).where(MajorCategory.code == code))
    if major is None:
        raise NotFound(f"大类 {code} 不存在，请先添加大类")
    return major


def check_category_name(value: object) -> str:
    return check_text(value, "小类名称", NAME_LENGTH, required=True)


def _unique_name(session: Session, major: MajorCategory, name: str, own_id: int | None) -> None:
    """A 小类's name is unique within its 大类, retired ones included."""
    other = session.execute(
        select(Category.id, Category.code, Category.active).where(
            Category.major_id == major.id, Category.name == name
        )
    ).first()
    if other is not None and other[0] != own_id:
        state = "" if other[2] else "（已停用，可重新启用）"
        raise ValidationError(f"大类「{major.name}」中已有小类「{name}」（{other[1]}）{state}")


def _department_id(session: Session, wanted: object) -> tuple[int | None, str | None]:
    """(id, name) of the default department named `wanted` (active); empty gives no department."""
    name = check_text(wanted, "默认部门", 64)
    if not name:
        return None, None
    dept = session.scalar(select(Department).where(Department.name == name))
    if dept is None:
        raise NotFound(f"部门「{name}」不存在")
    if not dept.active:
        raise ValidationError(f"部门「{name}」已停用，不能作为默认部门")
    return dept.id, name


def _row(session: Session, cat: Category) -> CategoryRow:
    session.flush()
    session.expire(cat)
    return _category_row(
        cat, cat.major, cat.default_department.name if cat.default_department else None
    )


# --- 大类 -------------------------------------------------------------------------------------


def add_major(session: Session, code: str, kind: str, name: str, actor: Actor) -> MajorRow:
    """Add a 大类 (事件 01–49, 部件 50–99) whose name is unique within its kind."""
    actor.require(*_PERMISSION)
    kind = check_kind(kind)
    code = validate_major_code(code, kind)
    name = check_text(name, "大类名称", NAME_LENGTH, required=True)
    if session.scalar(select(MajorCategory.id).where(MajorCategory.code == code)) is not None:
        raise ValidationError(f"大类编码 {code} 已存在")
    same = select(MajorCategory.id).where(MajorCategory.kind == kind, MajorCategory.name == name)
    if session.scalar(same) is not None:
        raise ValidationError(f"{kind}大类「{name}」已存在")
    major = MajorCategory(code=code, kind=kind, name=name)
    session.add(major)
    session.flush()
    record_audit(
        session,
        actor,
        "major_category.add",
        "major_category",
        code,
        {"kind": [None, kind], "name": [None, name]},
    )
    return MajorRow(major.id, code, kind, name, 0)


# --- 小类 -------------------------------------------------------------------------------------


def add_category(session: Session, values: Mapping[str, object], actor: Actor) -> CategoryRow:
    """Add an active 小类. `values`: `code` (4 digits under its 大类), `name` (unique within the
    大类), optionally `major` (the 大类 code; must match the code's first 2 digits),
    `default_department` (an active department's name, or empty), `dispatch_hours`,
    `handle_hours`, `verify_hours` (required), `basis` (working by default), `urgent` (no by
    default) and `keywords`. Everything is checked before anything is written."""
    actor.require(*_PERMISSION)
    unknown = [key for key in values if key not in NEW_CATEGORY_FIELDS]
    if unknown:
        raise ValidationError(f"新增小类没有字段「{unknown[0]}」")
    code = validate_category_code(values.get("code"))
    major_code = str(values.get("major") or code[:2]).strip()
    validate_category_code(code, validate_major_code(major_code))
    major = _major(session, major_code)
    if session.scalar(select(Category.id).where(Category.code == code)) is not None:
        raise ValidationError(f"小类编码 {code} 已存在")
    name = check_category_name(values.get("name"))
    _unique_name(session, major, name, None)
    dept_id, dept_name = _department_id(session, values.get("default_department"))
    limits: dict[str, int] = {}
    for key, column in _LIMIT_COLUMNS.items():
        if values.get(key) in (None, ""):
            raise ValidationError(f"{FIELD_LABELS[key]}不能为空")
        limits[column] = parse_hours(values[key], FIELD_LABELS[key])
    basis = parse_basis(values.get("basis") or "working")
    urgent = parse_flag(values.get("urgent") or False, "紧急")
    keywords = join_keywords(parse_keywords(values.get("keywords")))
    cat = Category(
        code=code,
        name=name,
        major_id=major.id,
        default_department_id=dept_id,
        basis=basis,
        urgent=urgent,
        active=True,
        keywords=keywords,
        **limits,
    )
    session.add(cat)
    session.flush()
    details: dict[str, Any] = {
        "name": [None, name],
        "major": [None, major.code],
        "default_department": [None, dept_name],
        **{column: [None, minutes] for column, minutes in limits.items()},
        "basis": [None, basis],
        "urgent": [None, urgent],
        "keywords": [None, keywords],
    }
    record_audit(session, actor, "category.add", "category", code, details)
    return _row(session, cat)


def update_category(
    session: Session, code: str, changes: Mapping[str, object], actor: Actor
) -> CategoryRow:
    """Change a 小类: `name` (unique within its 大类), `default_department` (a department name,
    which must be active; empty clears it), `dispatch_hours` / `handle_hours` / `verify_hours`
    (hours of the category's basis, stored as minutes; more than 0, at most 90 days), `basis`
    (working / natural), `urgent`, `active` (a retired category takes no new reports; its day
    of retirement is recorded) and `keywords`.

    Existing cases keep their deadlines: a case's deadline is computed when a stage starts
    (report, 派遣, 退回, 反馈, 返工) and stored on the case. The workflow reads the category's
    limits afresh at each transition (nothing caches them), so only stages that start after
    this change commits use the new limits and basis. Cases point at their category by id, so a
    renamed 小类 shows its new name on its old cases too.
    """
    actor.require(*_PERMISSION)
    check_keys(changes, CATEGORY_FIELDS, "案件类别")
    cat = _category(session, code)
    values: dict[str, Any] = {}
    dept_names: list[str | None] = []
    if "name" in changes:
        values["name"] = check_category_name(changes["name"])
        _unique_name(session, cat.major, values["name"], cat.id)
    if "default_department" in changes:
        values["default_department_id"], name = _department_id(
            session, changes["default_department"]
        )
        old = cat.default_department.name if cat.default_department is not None else None
        dept_names = [old, name]
    for key, column in _LIMIT_COLUMNS.items():
        if key in changes:
            values[column] = parse_hours(changes[key], FIELD_LABELS[key])
    if "basis" in changes:
        values["basis"] = parse_basis(changes["basis"])
    if "urgent" in changes:
        values["urgent"] = parse_flag(changes["urgent"], "紧急")
    if "active" in changes:
        values["active"] = parse_flag(changes["active"], "启用")
    if "keywords" in changes:
        values["keywords"] = join_keywords(parse_keywords(changes["keywords"]))
    if "active" in values and values["active"] != cat.active:
        values["retired_on"] = None if values["active"] else local_today(session)
    details: dict[str, Any] = {}
    for column, value in values.items():
        old = getattr(cat, column)
        if old != value:
            details[column] = [old, value]
            setattr(cat, column, value)
    if "default_department_id" in details:
        details["default_department"] = dept_names
        del details["default_department_id"]
    if "retired_on" in details:
        details["retired_on"] = [str(v) if v else None for v in details["retired_on"]]
    if details:
        record_audit(session, actor, "category.edit", "category", cat.code, details)
    return _row(session, cat)


def rename_category(session: Session, code: str, name: str, actor: Actor) -> CategoryRow:
    """Rename a 小类 (its cases show the new name)."""
    return update_category(session, code, {"name": name}, actor)


def set_category_keywords(
    session: Session, code: str, keywords: object, actor: Actor
) -> CategoryRow:
    """Replace a 小类's keywords (text separated by commas, 、 or spaces, or a list)."""
    return update_category(session, code, {"keywords": keywords}, actor)


def open_cases_in(session: Session, code: str) -> int:
    """Open cases reported in the 小类 `code`."""
    cat = _category(session, code)
    count = session.scalar(
        select(func.count()).select_from(Case).where(Case.category_id == cat.id, Case.is_open)
    )
    return int(count or 0)


def set_category_active(session: Session, code: str, active: bool, actor: Actor) -> CategoryRow:
    """Retire (停用) or reactivate a 小类. A retired 小类 keeps its cases, open ones included
    (they are worked to the end in it); no new case can be reported in it."""
    actor.require(*_PERMISSION)
    cat = _category(session, code)
    if cat.active == active:
        return _row(session, cat)
    retired_on = None if active else local_today(session)
    record_audit(
        session,
        actor,
        "category.activate" if active else "category.retire",
        "category",
        cat.code,
        {
            "active": [cat.active, active],
            "retired_on": [
                str(cat.retired_on) if cat.retired_on else None,
                str(retired_on) if retired_on else None,
            ],
        },
    )
    cat.active, cat.retired_on = active, retired_on
    return _row(session, cat)

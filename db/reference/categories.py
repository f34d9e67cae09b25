"""Case categories (案件类别) as administrators keep them: every 小类 with its default department,
stage limits, basis and flags, and changing one (checked, audited)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.models import Category, Department, MajorCategory
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
from db.security.actors import Actor
from db.security.audit import record_audit

CATEGORY_FIELDS = (
    "default_department",
    "dispatch_hours",
    "handle_hours",
    "verify_hours",
    "basis",
    "urgent",
    "active",
)
# Stored column of each category limit given in hours.
_LIMIT_COLUMNS = {
    "dispatch_hours": "dispatch_minutes",
    "handle_hours": "handle_minutes",
    "verify_hours": "verify_minutes",
}


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
    )


def list_categories(session: Session) -> list[CategoryRow]:
    """Every 小类, active and not, by code."""
    rows = session.execute(
        select(Category, MajorCategory, Department.name)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .outerjoin(Department, Department.id == Category.default_department_id)
        .order_by(Category.code)
    ).all()
    return [_category_row(cat, major, dept) for cat, major, dept in rows]


# --- categories (案件类别) ----------------------------------------------------------------------


def _category(session: Session, code: str) -> Category:
    text = code.strip()
    cat = session.scalar(select(Category).where(Category.code == text))
    if cat is None:
        raise NotFound(f"案件类别 {text} 不存在")
    return cat


def update_category(
    session: Session, code: str, changes: Mapping[str, object], actor: Actor
) -> CategoryRow:
    """Change a 小类: `default_department` (a department name, which must be active; empty
    clears it), `dispatch_hours` / `handle_hours` / `verify_hours` (hours of the category's
    basis, stored as minutes; more than 0, at most 90 days), `basis` (working / natural),
    `urgent` and `active` (a disabled category takes no new reports).

    Existing cases keep their deadlines: a case's deadline is computed when a stage starts
    (report, 派遣, 退回, 反馈, 返工) and stored on the case. The workflow reads the category's
    limits afresh at each transition (nothing caches them), so only stages that start after
    this change commits use the new limits and basis.
    """
    actor.require("admin.categories", "维护案件类别")
    check_keys(changes, CATEGORY_FIELDS, "案件类别")
    cat = _category(session, code)
    values: dict[str, Any] = {}
    dept_names: list[str | None] = []
    if "default_department" in changes:
        wanted = changes["default_department"]
        name = check_text(wanted, "默认部门", 64)
        if not name:
            values["default_department_id"] = None
        else:
            dept = session.scalar(select(Department).where(Department.name == name))
            if dept is None:
                raise NotFound(f"部门「{name}」不存在")
            if not dept.active:
                raise ValidationError(f"部门「{name}」已停用，不能作为默认部门")
            values["default_department_id"] = dept.id
        dept_names = [
            cat.default_department.name if cat.default_department is not None else None,
            name or None,
        ]
    for key, column in _LIMIT_COLUMNS.items():
        if key in changes:
            values[column] = parse_hours(changes[key], FIELD_LABELS[key])
    if "basis" in changes:
        values["basis"] = parse_basis(changes["basis"])
    if "urgent" in changes:
        values["urgent"] = parse_flag(changes["urgent"], "紧急")
    if "active" in changes:
        values["active"] = parse_flag(changes["active"], "启用")
    details: dict[str, Any] = {}
    for column, value in values.items():
        old = getattr(cat, column)
        if old != value:
            details[column] = [old, value]
            setattr(cat, column, value)
    if "default_department_id" in details:
        details["default_department"] = dept_names
        del details["default_department_id"]
    if details:
        record_audit(session, actor, "category.edit", "category", cat.code, details)
    session.flush()
    session.expire(cat)
    return _category_row(
        cat, cat.major, cat.default_department.name if cat.default_department else None
    )

"""Master data (基础数据) kept by administrators: the departments, and what the edits of
departments, case categories (db/reference/categories.py) and unit grids
(db/reference/geography.py) share — field labels and the checking of edited values.

Every change checks the actor's permission first (`admin.departments`, `admin.categories`,
`admin.geography`), validates the whole request before writing, and appends one audit entry
whose details are `{field: [old, new]}`; a refused request changes nothing.

Nothing here is cached: the workflow, the queue filters and the department board read these
tables afresh in each transaction, so a change is seen by the next query that runs after it
commits (a window that loaded its filter lists earlier shows the old lists until it reloads).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.clock import TimeBasis
from db.errors import NotFound, ValidationError
from db.models import Case, Category, Department
from db.models.limits import text_problem
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import parse_phone

DEFAULT_KIND = "职能部门"
MAX_COUNT = 10_000_000  # residents or households of one grid
MAX_LIMIT_HOURS = 90 * 24  # 90 days: a longer stage limit is a typing mistake
BASIS_LABELS: dict[str, str] = {
    TimeBasis.WORKING.value: "工作时",
    TimeBasis.NATURAL.value: "自然时",
}
DEPARTMENT_FIELDS = ("name", "kind", "contact", "phone")
FIELD_LABELS = {
    "name": "名称",
    "kind": "类型",
    "contact": "联系人",
    "phone": "联系电话",
    "default_department": "默认部门",
    "dispatch_hours": "派遣时限",
    "handle_hours": "处置时限",
    "verify_hours": "核查时限",
    "basis": "计时方式",
    "urgent": "紧急",
    "active": "启用",
    "population": "人口",
    "households": "户数",
}
_TRUE = {"yes", "y", "true", "1", "是", "启用", "紧急", "on"}
_FALSE = {"no", "n", "false", "0", "否", "停用", "不紧急", "off"}


def set_changed(target: object, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set each value that differs on `target`; the audit details `{field: [old, new]}` of
    what changed (empty: nothing did)."""
    details: dict[str, Any] = {}
    for key, value in values.items():
        old = getattr(target, key)
        if old != value:
            details[key] = [old, value]
            setattr(target, key, value)
    return details


# --- rows for the window and the console ------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    name: str
    kind: str
    contact: str
    phone: str
    active: bool
    sort_order: int
    open_cases: int  # 在办案件
    default_for: int  # active categories that name it as their default department


def format_hours(minutes: int) -> str:
    """Minutes as hours without trailing zeros: 30 → "0.5", 240 → "4", 20 → "0.33"."""
    text = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _open_counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Case.department_id, func.count())
        .where(Case.is_open, Case.department_id.is_not(None))
        .group_by(Case.department_id)
    ).all()
    return {int(r[0] or 0): int(r[1]) for r in rows}


def _default_counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Category.default_department_id, func.count())
        .where(Category.active, Category.default_department_id.is_not(None))
        .group_by(Category.default_department_id)
    ).all()
    return {int(r[0] or 0): int(r[1]) for r in rows}


def _department_row(dept: Department, open_cases: int, default_for: int) -> DepartmentRow:
    return DepartmentRow(
        dept.id,
        dept.name,
        dept.kind,
        dept.contact,
        dept.phone,
        dept.active,
        dept.sort_order,
        open_cases,
        default_for,
    )


def list_departments(session: Session) -> list[DepartmentRow]:
    """Every department, active and not, in board order, with its open-case count."""
    open_by, default_by = _open_counts(session), _default_counts(session)
    depts = session.scalars(select(Department).order_by(Department.sort_order, Department.id))
    return [_department_row(d, open_by.get(d.id, 0), default_by.get(d.id, 0)) for d in depts]


# --- parsing of edited values -------------------------------------------------------------------


def check_text(value: object, label: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        raise ValidationError(f"{label}应为文字")
    if required and not text:
        raise ValidationError(f"{label}不能为空")
    if len(text) > limit:
        raise ValidationError(f"{label}「{text}」过长，最多 {limit} 个字")
    reason = text_problem(text, label, limit, multiline=False)
    if reason is not None:
        raise ValidationError(reason)
    return text


def check_count(value: object, label: str) -> int:
    """A non-negative whole number given as an int or as text (full-width digits too)."""
    if isinstance(value, bool):
        raise ValidationError(f"{label}「{value}」应为不小于 0 的整数")
    if isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        if not text.isascii() or not text.isdigit():
            raise ValidationError(f"{label}「{text}」应为不小于 0 的整数")
        number = int(text)
    if not 0 <= number <= MAX_COUNT:
        raise ValidationError(f"{label}「{number}」应在 0 与 {MAX_COUNT} 之间")
    return number


def parse_hours(value: object, label: str) -> int:
    """A stage limit given in hours (0.5 = 30 minutes) → whole minutes, 1 minute to 90 days."""
    if isinstance(value, bool):
        raise ValidationError(f"{label}「{value}」应为小时数（例如 4 或 0.5）")
    try:
        if isinstance(value, int | Decimal):
            hours = Decimal(value)
        elif isinstance(value, float):
            hours = Decimal(str(value))
        else:
            text = unicodedata.normalize("NFKC", str(value)).strip()
            text = text.removesuffix("小时").removesuffix("h").strip()
            hours = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}「{value}」应为小时数（例如 4 或 0.5）") from None
    if not hours.is_finite():
        raise ValidationError(f"{label}「{value}」应为小时数（例如 4 或 0.5）")
    minutes = int((hours * 60).to_integral_value())
    if minutes < 1 or hours > MAX_LIMIT_HOURS:
        raise ValidationError(
            f"{label}应大于 0 且不超过 {MAX_LIMIT_HOURS} 小时（90 天），给出的是 {value} 小时"
        )
    return minutes


def parse_flag(value: object, label: str) -> bool:
    """yes/no, 是/否, true/false or a bool."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(f"{label}「{value}」应为 yes 或 no（是 / 否）")


def parse_basis(value: object) -> str:
    text = str(value).strip().lower()
    for basis, label in BASIS_LABELS.items():
        if text in (basis, label, label.removesuffix("时") + "日"):
            return basis
    raise ValidationError(
        f"计时方式「{value}」无法识别，可选：working（工作时）、natural（自然时）"
    )


def check_keys(changes: Mapping[str, object], allowed: tuple[str, ...], what: str) -> None:
    unknown = [key for key in changes if key not in allowed]
    if unknown:
        names = "、".join(FIELD_LABELS.get(k, k) for k in allowed)
        raise ValidationError(f"{what}没有可修改的字段「{unknown[0]}」，可修改：{names}")
    if not changes:
        raise ValidationError(f"没有给出{what}要修改的内容")


# --- departments (部门) -------------------------------------------------------------------------


def find_department_id(session: Session, name: str) -> int:
    """The id of the department called `name`, active or not."""
    text = " ".join(name.split())
    found = session.scalar(select(Department.id).where(Department.name == text))
    if found is None:
        raise NotFound(f"部门「{text}」不存在")
    return found


def _department(session: Session, department_id: int) -> Department:
    dept = session.get(Department, department_id)
    if dept is None:
        raise NotFound(f"部门（编号 {department_id}）不存在")
    return dept


def _unique_department_name(session: Session, name: str, own_id: int | None = None) -> None:
    other = session.scalar(select(Department.id).where(Department.name == name))
    if other is not None and other != own_id:
        raise ValidationError(f"部门「{name}」已存在")


def _department_values(changes: Mapping[str, object]) -> dict[str, str]:
    values: dict[str, str] = {}
    if "name" in changes:
        values["name"] = check_text(changes["name"], "部门名称", 64, required=True)
    if "kind" in changes:
        values["kind"] = check_text(changes["kind"], "部门类型", 32) or DEFAULT_KIND
    if "contact" in changes:
        values["contact"] = check_text(changes["contact"], "联系人", 64)
    if "phone" in changes:
        phone = parse_phone(check_text(changes["phone"], "联系电话", 32))
        if len(phone) > 32:
            raise ValidationError(f"联系电话「{phone}」过长，最多 32 个字符")
        values["phone"] = phone
    return values


def _row_of(session: Session, dept: Department) -> DepartmentRow:
    session.flush()
    return _department_row(
        dept, _open_counts(session).get(dept.id, 0), _default_counts(session).get(dept.id, 0)
    )


def add_department(
    session: Session, name: str, kind: str, contact: str, phone: str, actor: Actor
) -> DepartmentRow:
    """Create an active department, placed last on the department board."""
    actor.require("admin.departments", "维护部门")
    values = _department_values({"name": name, "kind": kind, "contact": contact, "phone": phone})
    _unique_department_name(session, values["name"])
    last = session.scalar(select(func.max(Department.sort_order)))
    dept = Department(active=True, sort_order=(last or 0) + 1, **values)
    session.add(dept)
    session.flush()
    record_audit(
        session,
        actor,
        "department.add",
        "department",
        dept.name,
        {key: [None, value] for key, value in values.items()},
    )
    return _row_of(session, dept)


def update_department(
    session: Session, department_id: int, changes: Mapping[str, object], actor: Actor
) -> DepartmentRow:
    """Change a department's name, kind, contact or phone. Cases keep pointing at the
    department by id, so a renamed department keeps its cases and its history."""
    actor.require("admin.departments", "维护部门")
    check_keys(changes, DEPARTMENT_FIELDS, "部门")
    dept = _department(session, department_id)
    values = _department_values(changes)
    if "name" in values:
        _unique_department_name(session, values["name"], dept.id)
    details = set_changed(dept, values)
    if details:
        record_audit(session, actor, "department.edit", "department", dept.name, details)
    return _row_of(session, dept)


def set_department_active(
    session: Session, department_id: int, active: bool, actor: Actor
) -> DepartmentRow:
    """Enable or disable (停用) a department. A disabled department is left out of the
    dispatch lists and the board; one that still has open cases, or that active categories
    still name as their default department, cannot be disabled."""
    actor.require("admin.departments", "维护部门")
    dept = _department(session, department_id)
    if not active and dept.active:
        open_cases = _open_counts(session).get(dept.id, 0)
        if open_cases:
            raise ValidationError(
                f"部门「{dept.name}」还有 {open_cases} 件在办案件，请先改派或办结后再停用"
            )
        defaults = _default_counts(session).get(dept.id, 0)
        if defaults:
            raise ValidationError(
                f"部门「{dept.name}」仍是 {defaults} 个案件类别的默认部门，请先更换默认部门再停用"
            )
    if dept.active != active:
        record_audit(
            session,
            actor,
            "department.enable" if active else "department.disable",
            "department",
            dept.name,
            {"active": [dept.active, active]},
        )
        dept.active = active
    return _row_of(session, dept)

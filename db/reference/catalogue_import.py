"""Import of a case category catalogue sheet (案件类别目录, columns in
db/reference/catalogue_sheet.py), checked like the roster import: the header is found under
titles, every problem is listed by row and column (an unknown department named), and nothing
is written while any remains; then everything is written in one transaction, audited.

A re-import updates by code and never duplicates: 大类 by 大类编码, 小类 by 小类编码. A 小类
missing from the file is left as it is (reported as not in the file), never deleted; retiring
one is done with 启用 = 否 (it stays on its cases).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database, serialize_writers
from db.errors import UserError, ValidationError
from db.models import Category, Department, MajorCategory
from db.reference.catalogue_sheet import LABELS, match_column
from db.reference.categories import NAME_LENGTH, local_today
from db.reference.category_codes import check_kind, validate_category_code, validate_major_code
from db.reference.category_keywords import join_keywords, parse_keywords
from db.reference.master_data import (
    check_text,
    format_hours,
    parse_basis,
    parse_flag,
    parse_hours,
)
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import clean_text, is_blank
from db.sheets.footer import footer_text
from db.sheets.header_row import IGNORED_HEADERS, column_letter, find_header, header_key
from db.sheets.problems import Problem
from db.sheets.reading import data_rows, read_head
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

_PG_CATALOGUE_LOCK = 0x6361_7473  # "cats": catalogue imports write one after another
_REQUIRED = ("major_code", "major_name", "kind", "code", "name")
_CATEGORY_FIELDS = (
    "code",
    "name",
    "department",
    "dispatch_hours",
    "handle_hours",
    "verify_hours",
    "basis",
    "urgent",
    "active",
    "keywords",
)


# --- import: reading the sheet ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One data row with its cells read (the 小类 fields empty on a row for a 大类 alone)."""

    row: int
    major_code: str
    major_name: str
    kind: str
    code: str  # "" on a row for a 大类 alone
    name: str = ""
    department: str = ""
    minutes: tuple[int, int, int] = (0, 0, 0)
    basis: str = "working"
    urgent: bool = False
    active: bool = True
    keywords: str = ""


@dataclass(frozen=True)
class Change:
    """What a re-import does to one 小类 (or 大类): `details` {field: [old, new]}."""

    code: str
    name: str
    details: dict[str, Any]


@dataclass
class CataloguePlan:
    """What the file holds, what is wrong with it and what importing it would change; nothing
    has been written."""

    file_name: str
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # field → "C列 类型"
    unknown_headers: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # signature and note rows
    total_rows: int = 0
    new_majors: list[Change] = field(default_factory=list)
    changed_majors: list[Change] = field(default_factory=list)
    created: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # 小类 codes in the file, as they are
    not_in_file: list[str] = field(default_factory=list)  # 小类 codes kept as they are

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.row != self.header_row})

    def summary(self) -> str:
        head = f"「{self.file_name}」：共 {self.total_rows} 行"
        if self.problems:
            return f"{head}，有问题 {self.bad_rows} 行（{len(self.problems)} 处），未导入任何数据"
        text = (
            f"{head}：新增大类 {len(self.new_majors)} 个，修改大类 {len(self.changed_majors)} 个；"
            f"新增小类 {len(self.created)} 个，更新 {len(self.updated)} 个，"
            f"无变化 {len(self.unchanged)} 个"
        )
        if self.not_in_file:
            text += f"，文件中没有的 {len(self.not_in_file)} 个小类保持不变（不删除）"
        return text

    def lines(self) -> list[str]:
        """Every problem, or every change, one line each (for the console and the window)."""
        if self.problems:
            return [p.text for p in self.problems]
        out = [f"新增大类 {c.code} {c.name}" for c in self.new_majors]
        out += [f"修改大类 {c.code} {c.name}：{_details(c.details)}" for c in self.changed_majors]
        out += [f"新增小类 {c.code} {c.name}" for c in self.created]
        out += [f"更新小类 {c.code} {c.name}：{_details(c.details)}" for c in self.updated]
        if self.not_in_file:
            out.append("文件中没有、保持不变的小类：" + "、".join(self.not_in_file))
        return out


_DETAIL_LABELS = {
    "name": "名称",
    "kind": "类型",
    "default_department": "默认部门",
    "dispatch_minutes": "派遣时限（小时）",
    "handle_minutes": "处置时限（小时）",
    "verify_minutes": "核查时限（小时）",
    "basis": "计时方式",
    "urgent": "紧急",
    "active": "启用",
    "keywords": "关键词",
}


def _details(details: Mapping[str, Any]) -> str:
    parts = []
    for key, (old, new) in details.items():
        if key == "retired_on":
            continue
        if key.endswith("_minutes"):  # limits are shown in hours, as the sheet has them
            old, new = (None if v is None else format_hours(v) for v in (old, new))
        parts.append(f"{_DETAIL_LABELS.get(key, key)} {_shown(old)} → {_shown(new)}")
    return "；".join(parts)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _code_cell(value: Any, width: int) -> Any:
    """A code typed as a number loses its leading zeros in Excel (0101 → 101): put them back."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(width)
    return value


def _read_entry(
    number: int, cells: list[Any], index: Mapping[str, int], where: Mapping[str, str]
) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []

    def cell(name: str) -> Any:
        col = index.get(name)
        return cells[col] if col is not None and col < len(cells) else None

    def read(name: str, parse: Callable[[Any], Any], default: Any = None) -> Any:
        try:
            return parse(cell(name))
        except UserError as exc:
            problems.append(Problem(number, where.get(name, LABELS[name]), str(exc)))
            return default

    def required(label: str, parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def check(value: Any) -> Any:
            if is_blank(value):
                raise ValidationError(f"{label}不能为空")
            return parse(value)

        return check

    kind = read("kind", required("类型", lambda v: check_kind(clean_text(v))), "")
    major_code = read(
        "major_code",
        required("大类编码", lambda v: validate_major_code(_code_cell(v, 2), kind or None)),
        "",
    )
    major_name = read(
        "major_name",
        required("大类名称", lambda v: check_text(clean_text(v), "大类名称", NAME_LENGTH)),
        "",
    )
    minor = [name for name in _CATEGORY_FIELDS if name in index and not is_blank(cell(name))]
    if not minor:  # a row for a 大类 alone
        if problems:
            return None, problems
        return Entry(number, major_code, major_name, kind, ""), problems
    code = read(
        "code",
        required(
            "小类编码", lambda v: validate_category_code(_code_cell(v, 4), major_code or None)
        ),
        "",
    )
    name = read(
        "name", required("小类名称", lambda v: check_text(clean_text(v), "小类名称", NAME_LENGTH))
    )
    department = read("department", lambda v: check_text(clean_text(v), "默认部门", 64), "")
    minutes = [
        read(key, required(LABELS[key], partial(parse_hours, label=LABELS[key])), 0)
        for key in ("dispatch_hours", "handle_hours", "verify_hours")
    ]
    basis = read("basis", required("计时方式", parse_basis), "working")
    urgent = read("urgent", lambda v: False if is_blank(v) else parse_flag(clean_text(v), "紧急"))
    active = read("active", lambda v: True if is_blank(v) else parse_flag(clean_text(v), "启用"))
    keywords = read(
        "keywords", lambda v: join_keywords(parse_keywords(None if v is None else clean_text(v)))
    )
    if problems:
        return None, problems
    entry = Entry(
        number,
        major_code,
        major_name,
        kind,
        code,
        name,
        department,
        (minutes[0], minutes[1], minutes[2]),
        basis,
        bool(urgent),
        bool(active),
        keywords or "",
    )
    return entry, problems


def read_catalogue(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> CataloguePlan:
    """Read the sheet and check every cell on its own; the database is not consulted yet."""
    with check_xlsx(path, limits) as book:
        rows = book.rows()
        head = read_head(rows, book.path.name)
        header_at, headers = find_header(
            head, match_column, "（应有「大类编码」「小类编码」「小类名称」等列名）"
        )
        plan = CataloguePlan(book.path.name, head[header_at][0])
        index: dict[str, int] = {}
        for col, text in enumerate(headers):
            if not text:
                continue
            name = match_column(text)
            where = f"{column_letter(col)}列 {text}"
            if name is None:
                if header_key(text) not in IGNORED_HEADERS:
                    plan.unknown_headers.append(text)
            elif name in index:
                plan.problems.append(
                    Problem(
                        plan.header_row,
                        where,
                        f"与{plan.columns[name]}都对应「{LABELS[name]}」，只能有一列",
                    )
                )
            else:
                index[name] = col
                plan.columns[name] = where
        for name in _REQUIRED:
            if name not in index:
                plan.problems.append(
                    Problem(plan.header_row, "", f"缺少必需的列「{LABELS[name]}」")
                )
        for name in ("dispatch_hours", "handle_hours", "verify_hours", "basis"):
            if name not in index:
                plan.problems.append(
                    Problem(plan.header_row, "", f"缺少必需的列「{LABELS[name]}」")
                )
        stop = bool(plan.problems)
        for number, cells in data_rows(head, header_at, rows):
            if all(is_blank(c) for c in cells):
                continue
            footer = footer_text(cells)
            if footer is not None:
                plan.ignored.append((number, footer))
                continue
            plan.total_rows += 1
            if stop:
                continue
            entry, problems = _read_entry(number, cells, index, plan.columns)
            plan.problems.extend(problems)
            if entry is not None:
                plan.entries.append(entry)
    return plan


# --- import: against the database -------------------------------------------------------------


def _compare(session: Session, plan: CataloguePlan) -> None:
    """Check the entries against each other and the database, and fill in what importing them
    would change (problems go to `plan.problems`)."""
    where = plan.columns

    def problem(entry: Entry, name: str, reason: str) -> None:
        plan.problems.append(Problem(entry.row, where.get(name, LABELS[name]), reason))

    majors = {m.code: m for m in session.scalars(select(MajorCategory))}
    depts = {d.name: d for d in session.scalars(select(Department))}
    cats = {c.code: c for c in session.scalars(select(Category))}
    dept_names = {d.id: d.name for d in depts.values()}

    # 大类: one name and one kind per code, across the file; a kind never changes.
    seen_major: dict[str, Entry] = {}
    for entry in plan.entries:
        first = seen_major.setdefault(entry.major_code, entry)
        if first is not entry:
            if entry.major_name != first.major_name:
                problem(
                    entry,
                    "major_name",
                    f"大类 {entry.major_code} 在第 {first.row} 行名为「{first.major_name}」，"
                    f"此处为「{entry.major_name}」",
                )
            if entry.kind != first.kind:
                problem(entry, "kind", f"大类 {entry.major_code} 在第 {first.row} 行为{first.kind}")
            continue
        known = majors.get(entry.major_code)
        if known is not None and known.kind != entry.kind:
            problem(entry, "kind", f"大类 {known.code} 是{known.kind}大类，不能改为{entry.kind}")
    final_major_names: dict[tuple[str, str], str] = {
        (m.kind, m.name): m.code for m in majors.values() if m.code not in seen_major
    }
    for code, entry in seen_major.items():
        other = final_major_names.setdefault((entry.kind, entry.major_name), code)
        if other != code:
            problem(
                entry, "major_name", f"{entry.kind}大类「{entry.major_name}」已用于大类 {other}"
            )

    # 小类: each code once; names unique within their 大类 (those not in the file included).
    by_code: dict[str, Entry] = {}
    for entry in plan.entries:
        if not entry.code:
            continue
        if entry.code in by_code:
            problem(entry, "code", f"小类编码 {entry.code} 与第 {by_code[entry.code].row} 行重复")
            continue
        by_code[entry.code] = entry
        if entry.department:
            dept = depts.get(entry.department)
            current = cats.get(entry.code)
            keeps = current is not None and current.default_department_id == (
                dept.id if dept else -1
            )
            if dept is None:
                problem(entry, "department", f"部门「{entry.department}」不存在，请先在部门中添加")
            elif not dept.active and not keeps:
                problem(entry, "department", f"部门「{entry.department}」已停用，不能作为默认部门")
    names: dict[tuple[str, str], str] = {}
    for cat in cats.values():
        if cat.code not in by_code:
            names[(cat.code[:2], cat.name)] = cat.code
    for entry in by_code.values():
        other = names.setdefault((entry.major_code, entry.name), entry.code)
        if other != entry.code:
            row = by_code[other].row if other in by_code else None
            there = f"第 {row} 行的小类 {other}" if row else f"小类 {other}"
            problem(entry, "name", f"大类 {entry.major_code} 中「{entry.name}」已用于{there}")
    if plan.problems:
        plan.problems.sort(key=lambda p: (p.row, p.column))
        return

    for code, entry in seen_major.items():
        known = majors.get(code)
        if known is None:
            plan.new_majors.append(
                Change(
                    code,
                    entry.major_name,
                    {"kind": [None, entry.kind], "name": [None, entry.major_name]},
                )
            )
        elif known.name != entry.major_name:
            plan.changed_majors.append(
                Change(code, entry.major_name, {"name": [known.name, entry.major_name]})
            )
    for code, entry in by_code.items():
        wanted = _values(entry, depts)
        current = cats.get(code)
        if current is None:
            details = {key: [None, value] for key, value in wanted.items()}
            plan.created.append(Change(code, entry.name, _named(details, dept_names)))
            continue
        details = {
            key: [getattr(current, key), value]
            for key, value in wanted.items()
            if getattr(current, key) != value
        }
        if details:
            plan.updated.append(Change(code, entry.name, _named(details, dept_names)))
        else:
            plan.unchanged.append(code)
    plan.not_in_file = sorted(code for code in cats if code not in by_code)


def _values(entry: Entry, depts: Mapping[str, Department]) -> dict[str, Any]:
    dept = depts.get(entry.department) if entry.department else None
    return {
        "name": entry.name,
        "default_department_id": dept.id if dept else None,
        "dispatch_minutes": entry.minutes[0],
        "handle_minutes": entry.minutes[1],
        "verify_minutes": entry.minutes[2],
        "basis": entry.basis,
        "urgent": entry.urgent,
        "active": entry.active,
        "keywords": entry.keywords,
    }


def _named(details: dict[str, Any], dept_names: Mapping[int, str]) -> dict[str, Any]:
    """Audit details with the department by name instead of id."""
    if "default_department_id" in details:
        old, new = details.pop("default_department_id")
        details["default_department"] = [dept_names.get(old), dept_names.get(new)]
    return details


def plan_catalogue_import(
    db: Database, path: str | Path, *, limits: Limits = DEFAULT_LIMITS
) -> CataloguePlan:
    """Read and check the whole file against the database; writes nothing. Unsafe files raise
    BadFile."""
    plan = read_catalogue(path, limits=limits)
    if plan.entries:  # the rows read well are checked further, so every problem is listed
        with db.read() as session:
            _compare(session, plan)
    return plan


@dataclass(frozen=True)
class CatalogueResult:
    new_majors: int
    changed_majors: int
    created: int
    updated: int
    unchanged: int
    not_in_file: int
    dry_run: bool = False

    def summary(self) -> str:
        head = "试导入（未写入）" if self.dry_run else "已导入"
        text = (
            f"{head}：新增大类 {self.new_majors} 个，修改大类 {self.changed_majors} 个；"
            f"新增小类 {self.created} 个，更新 {self.updated} 个，无变化 {self.unchanged} 个"
        )
        if self.not_in_file:
            text += f"；文件中没有的 {self.not_in_file} 个小类保持不变"
        return text


def _result(plan: CataloguePlan, *, dry_run: bool = False) -> CatalogueResult:
    return CatalogueResult(
        len(plan.new_majors),
        len(plan.changed_majors),
        len(plan.created),
        len(plan.updated),
        len(plan.unchanged),
        len(plan.not_in_file),
        dry_run,
    )


def apply_catalogue_import(db: Database, plan: CataloguePlan, actor: Actor) -> CatalogueResult:
    """Write the plan in one transaction, checked again against the database as it is now; any
    problem (in the file, or one that arose since it was read) and nothing is written."""
    actor.require("admin.categories", "导入案件类别目录")
    if plan.problems:
        raise ValidationError(
            f"发现 {len(plan.problems)} 处问题（{plan.bad_rows} 行），未导入任何数据；请修正后重试"
        )
    fresh = CataloguePlan(plan.file_name, plan.header_row, dict(plan.columns))
    fresh.entries = list(plan.entries)
    fresh.total_rows = plan.total_rows
    with db.write() as session:
        serialize_writers(session, _PG_CATALOGUE_LOCK)
        _compare(session, fresh)
        if fresh.problems:
            raise ValidationError(
                "目录在检查后已被他人修改："
                + fresh.problems[0].text
                + "；未导入任何数据，请重新导入"
            )
        _write_plan(session, fresh, actor)
    return _result(fresh)


def _write_plan(session: Session, plan: CataloguePlan, actor: Actor) -> None:
    majors = {m.code: m for m in session.scalars(select(MajorCategory))}
    depts = {d.name: d for d in session.scalars(select(Department))}
    cats = {c.code: c for c in session.scalars(select(Category))}
    entries = {e.code: e for e in plan.entries if e.code}
    first_of: dict[str, Entry] = {}
    for entry in plan.entries:
        first_of.setdefault(entry.major_code, entry)
    for change in plan.new_majors:
        entry = first_of[change.code]
        major = MajorCategory(code=change.code, kind=entry.kind, name=entry.major_name)
        session.add(major)
        majors[change.code] = major
        record_audit(
            session, actor, "major_category.add", "major_category", change.code, change.details
        )
    for change in plan.changed_majors:
        majors[change.code].name = change.name
        record_audit(
            session, actor, "major_category.edit", "major_category", change.code, change.details
        )
    session.flush()
    today = local_today(session)
    for change in plan.created:
        entry = entries[change.code]
        values = _values(entry, depts)
        cat = Category(code=change.code, major_id=majors[entry.major_code].id, **values)
        cat.retired_on = None if entry.active else today
        session.add(cat)
        record_audit(session, actor, "category.add", "category", change.code, change.details)
    for change in plan.updated:
        entry = entries[change.code]
        cat = cats[change.code]
        was_active = cat.active
        for key, value in _values(entry, depts).items():
            setattr(cat, key, value)
        if was_active != cat.active:
            cat.retired_on = None if cat.active else today
        record_audit(session, actor, "category.edit", "category", change.code, change.details)
    session.flush()
    record_audit(
        session,
        actor,
        "category.import",
        "category",
        "",
        {"file": plan.file_name, **vars(_result(plan))},
    )


def import_catalogue(
    db: Database, path: str | Path, actor: Actor, *, dry_run: bool = False
) -> tuple[CataloguePlan, CatalogueResult | None]:
    """Check, then (unless `dry_run` or there are problems) write. Returns the plan and the
    result (None when nothing was written)."""
    actor.require("admin.categories", "导入案件类别目录")
    plan = plan_catalogue_import(db, path)
    if dry_run or plan.problems:
        return plan, None
    return plan, apply_catalogue_import(db, plan, actor)

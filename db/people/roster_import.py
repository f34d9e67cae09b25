"""Import of roster spreadsheets (花名册导入) from Excel: find the header row under titles and
merged headers, map the headers each community uses, read every oddity real sheets contain,
report every problem as row + column + reason before anything is written, then write all valid
rows (or none) in one transaction, updating people already known by their ID number."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from db.engine import Database, serialize_writers
from db.errors import ConcurrentImport, ValidationError
from db.people.roster_kinds import FIELDS, KIND_LABELS, Kind, resolve_field_name
from db.people.roster_kinds import field as field_spec
from db.people.roster_values import Lookups, parse_values
from db.people.roster_writer import write_rows
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import is_blank
from db.sheets.footer import footer_text
from db.sheets.header_row import IGNORED_HEADERS, column_letter, find_header, header_key
from db.sheets.problems import Problem, refuse_problems
from db.sheets.reading import data_rows, read_head
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

_PG_ROSTER_LOCK = 0x726F_7374  # "rost": roster imports write one after another
IGNORE = "忽略"  # a mapping to this (or to "" / "-") drops the column


@dataclass(frozen=True)
class ColumnMatch:
    index: int
    letter: str
    header: str
    field: str | None  # None: ignored

    @property
    def where(self) -> str:
        return f"{self.letter}列 {self.header}".strip()


@dataclass
class ImportPlan:
    """What the file holds and what is wrong with it; nothing has been written."""

    kind: Kind
    file_name: str
    sheet_name: str
    header_row: int
    columns: list[ColumnMatch]
    unknown_headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # valid rows
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0
    ignored: list[tuple[int, str]] = field(default_factory=list)  # signature and note rows

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.row != self.header_row})

    def summary(self) -> str:
        return (
            f"「{self.file_name}」{KIND_LABELS[self.kind]}：共 {self.total_rows} 行数据，"
            f"有效 {len(self.rows)} 行，有问题 {self.bad_rows} 行（{len(self.problems)} 处）"
            + (f"，忽略签名或说明行 {len(self.ignored)} 行" if self.ignored else "")
        )


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int  # rows with problems left out (valid-only import)
    dry_run: bool = False

    def summary(self) -> str:
        head = "试导入（未写入）" if self.dry_run else "已导入"
        text = f"{head}：新增 {self.created} 条，更新 {self.updated} 条，无变化 {self.unchanged} 条"
        return text + (f"，跳过有问题的 {self.skipped} 行" if self.skipped else "")


def _check_mapping(kind: Kind, mapping: Mapping[str, str]) -> dict[str, str | None]:
    """Header → field name (None to ignore), from `列名=字段` pairs given by the user."""
    out: dict[str, str | None] = {}
    for header, target in mapping.items():
        wanted = target.strip()
        if wanted in ("", "-", IGNORE):
            out[header_key(header)] = None
            continue
        name = resolve_field_name(kind, wanted)
        if name is None:
            fields = "、".join(f"{s.name}（{s.label}）" for s in FIELDS[kind])
            raise ValidationError(f"映射「{header}={target}」中的字段不存在；可用字段：{fields}")
        out[header_key(header)] = name
    return out


def _match_header(
    kind: Kind, text: str, mapping: Mapping[str, str | None]
) -> tuple[bool, str | None]:
    """(known, field) for a header cell."""
    key = header_key(text)
    if key in mapping:
        return True, mapping[key]
    if key in IGNORED_HEADERS:
        return True, None
    name = resolve_field_name(kind, text)
    return (name is not None), name


def plan_import(
    db: Database,
    path: str | Path,
    kind: Kind,
    mapping: Mapping[str, str] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPlan:
    """Read and check the whole file; writes nothing. Unsafe files raise BadFile."""
    user_map = _check_mapping(kind, mapping or {})
    with check_xlsx(path, limits) as book, db.read() as session:
        lookups = Lookups.load(session)
        rows = book.rows()
        head = read_head(rows, book.path.name)
        header_at, headers = find_header(
            head,
            lambda text: _match_header(kind, text, user_map)[1],
            f"（应有「姓名」「身份证号」等列名）；请确认选择的花名册类型是「{KIND_LABELS[kind]}」",
        )
        header_row = head[header_at][0]
        plan = ImportPlan(kind, book.path.name, book.sheet_name, header_row, [], [])
        used: dict[str, ColumnMatch] = {}
        for index, text in enumerate(headers):
            letter = column_letter(index)
            if not text:
                continue
            known, name = _match_header(kind, text, user_map)
            if not known:
                plan.unknown_headers.append(text)
            match = ColumnMatch(index, letter, text, name)
            if name is not None and name in used:
                first = used[name]
                plan.problems.append(
                    Problem(
                        header_row,
                        match.where,
                        f"与{first.where}都对应「{field_spec(kind, name).label}」，已只用{first.letter}列",
                    )
                )
                match = ColumnMatch(index, letter, text, None)
            elif name is not None:
                used[name] = match
            plan.columns.append(match)
        unmapped = set(user_map) - {header_key(h) for h in headers if h}
        if unmapped:
            raise ValidationError(
                "映射中的列名不在表头中："
                + "、".join(sorted(unmapped))
                + f"（表头在第 {header_row} 行）"
            )
        missing = [s for s in FIELDS[kind] if s.required and s.name not in used]
        for spec in missing:
            plan.problems.append(Problem(header_row, "", f"缺少必需的列「{spec.label}」"))
        data = data_rows(head, header_at, rows)
        _check_rows(plan, data, used, lookups, book.date1904, stop=bool(missing))
    return plan


def match_key(kind: Kind, values: Mapping[str, object]) -> tuple[object, ...]:
    """What identifies an entry within a roster (besides the person's ID number)."""
    extra: tuple[object, ...] = ()
    if kind is Kind.GRID_STAFF:
        extra = (values.get("grid"), values.get("role"))
    elif kind is Kind.MENTORSHIP:
        extra = (values.get("mentor_id_number"),)
    elif kind is Kind.SENT_DOWN:
        extra = (values.get("batch"),)
    elif kind is Kind.PARTY_CHECKIN:
        extra = (values.get("community"), values.get("checkin_date"))
    return (values.get("id_number"), *extra)


def _check_rows(
    plan: ImportPlan,
    rows: Iterable[tuple[int, list[Any]]],
    used: Mapping[str, ColumnMatch],
    lookups: Lookups,
    date1904: bool,
    *,
    stop: bool,
) -> None:
    kind = plan.kind
    columns = [(m.field, m.index) for m in used.values() if m.field is not None]
    where = {name: m.where for name, m in used.items()}
    seen: dict[tuple[object, ...], int] = {}
    for number, cells in rows:
        if all(is_blank(c) for c in cells):
            continue
        footer = footer_text(cells)
        if footer is not None:
            plan.ignored.append((number, footer))
            continue
        raw: dict[str, Any] = {}
        blank = True
        for name, index in columns:
            cell = cells[index] if index < len(cells) else None
            if not is_blank(cell):
                blank = False
                raw[name] = cell
            else:
                raw[name] = None
        if blank:
            continue
        plan.total_rows += 1
        if stop:
            continue
        values, problems = parse_values(kind, raw, lookups, date1904=date1904)
        if not problems:
            key = match_key(kind, values)
            if key in seen:
                problems = [("id_number", f"与第 {seen[key]} 行重复（同一身份证号）")]
            else:
                seen[key] = number
        if problems:
            for name, reason in problems:
                plan.problems.append(Problem(number, where.get(name, ""), reason))
            continue
        plan.rows.append((number, values))


def apply_import(
    db: Database,
    plan: ImportPlan,
    actor: Actor,
    *,
    valid_only: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Write the plan's rows in one transaction: all of them, or with `valid_only` the rows
    without problems. With problems and not `valid_only`, nothing is written."""
    actor.require("roster.import", f"导入{KIND_LABELS[plan.kind]}名册")
    refuse_problems(plan.problems, plan.bad_rows, valid_only=valid_only)
    if not plan.rows:
        return ImportResult(0, 0, 0, plan.bad_rows)
    try:
        with db.write() as session:
            # Roster imports queue here, so one that starts while another writes sees the
            # people the other added and updates them instead of adding them a second time.
            serialize_writers(session, _PG_ROSTER_LOCK)
            created, updated, unchanged = write_rows(
                session, plan.kind, plan.rows, actor, today=today
            )
            record_audit(
                session,
                actor,
                "roster.import",
                plan.kind.value,
                "",
                {
                    "file": plan.file_name,
                    "created": created,
                    "updated": updated,
                    "unchanged": unchanged,
                    "skipped": plan.bad_rows,
                },
            )
    except IntegrityError as exc:
        # Someone added a person with one of these ID numbers (not through an import) between
        # the lookup and the insert; the transaction was rolled back whole.
        if "id_number" not in str(exc.orig):
            raise
        raise ConcurrentImport(
            "导入时另一处刚添加了同一身份证号的人员，本次导入未写入任何内容：请重新导入"
        ) from exc
    return ImportResult(created, updated, unchanged, plan.bad_rows)


def import_roster(
    db: Database,
    path: str | Path,
    kind: Kind,
    actor: Actor,
    *,
    mapping: Mapping[str, str] | None = None,
    valid_only: bool = False,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    today: date | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Check, then (unless `dry_run`) write. Returns the plan and the result (None if dry run
    or if there were problems and `valid_only` was not chosen)."""
    actor.require("roster.import", f"导入{KIND_LABELS[kind]}名册")
    plan = plan_import(db, path, kind, mapping, limits=limits)
    if dry_run or (plan.problems and not valid_only):
        return plan, None
    return plan, apply_import(db, plan, actor, valid_only=valid_only, today=today)

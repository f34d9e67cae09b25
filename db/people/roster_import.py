"""Import of roster spreadsheets (花名册导入) from Excel: find the header row under titles and
merged headers, map the headers each community uses, read every oddity real sheets contain,
report every problem as row + column + reason before anything is written, then write all valid
rows (or none) in one transaction, updating people already known by their ID number."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Date, Numeric, bindparam, func, select, update
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import ValidationError
from db.models import Person, RosterEvent
from db.models.base import UTCDateTime, utcnow
from db.people.id_numbers import birth_date, gender_of
from db.people.roster_kinds import (
    FIELDS,
    KIND_LABELS,
    FieldType,
    Kind,
    clean_text,
    header_key,
    resolve_field_name,
)
from db.people.roster_kinds import field as field_spec
from db.people.rosters import (
    MODELS,
    PERSON_COLUMNS,
    Lookups,
    _active_clause,
    display_value,
    parse_values,
    row_columns,
)
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

HEADER_SCAN_ROWS = 30
IGNORED_HEADERS = frozenset(header_key(h) for h in ("序号", "编号", "备注", "说明", "No.", "NO"))
IGNORE = "忽略"  # a mapping to this (or to "" / "-") drops the column
_CHUNK = 900


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, where the user will find it."""

    row: int  # Excel row number (the header row for a problem with the columns)
    column: str  # the column's header as written in the sheet, with its letter
    reason: str

    @property
    def text(self) -> str:
        where = f"第 {self.row} 行" if self.row else "表头"
        return (
            f"{where}「{self.column}」：{self.reason}" if self.column else f"{where}：{self.reason}"
        )


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


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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


def header_text(cell: Any) -> str:
    """A header as written, without the spaces used to align Chinese headers (姓  名)."""
    text = clean_text(cell)
    return text if any(ch.isascii() and ch.isalpha() for ch in text) else text.replace(" ", "")


def read_head(rows: Iterator[tuple[int, list[Any]]], file_name: str) -> list[tuple[int, list[Any]]]:
    """The first rows of the sheet, where the header is looked for (the rest stay in `rows`)."""
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    if not head:
        raise ValidationError(f"「{file_name}」的第一个工作表是空的")
    return head


def find_header(
    head: list[tuple[int, list[Any]]], match: Callable[[str], str | None], hint: str
) -> tuple[int, list[str]]:
    """The header row (the one naming most known columns, `match` giving a cell's field) and
    each column's header text; an empty header cell under a merged header takes the text
    above it. `hint` ends the message when no header is found."""
    best, best_score = -1, 0
    for i, (_, cells) in enumerate(head):
        score = sum(1 for c in cells if isinstance(c, str) and match(c) is not None)
        if score > best_score:
            best, best_score = i, score
    if best < 0 or best_score < 2:
        raise ValidationError(f"前 {HEADER_SCAN_ROWS} 行中找不到表头{hint}")
    row_cells = head[best][1]
    above = head[best - 1][1] if best > 0 else []
    width = max(len(row_cells), len(above))
    headers: list[str] = []
    for col in range(width):
        text = header_text(row_cells[col]) if col < len(row_cells) else ""
        if not text and col < len(above):
            upper = header_text(above[col])
            if upper and match(upper) is not None:
                text = upper
        headers.append(text)
    return best, headers


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
        data = (item for item in head[header_at + 1 :])
        _check_rows(plan, _chain(data, rows), used, lookups, book.date1904, stop=bool(missing))
    return plan


def _chain(*parts: Iterable[tuple[int, list[Any]]]) -> Iterable[tuple[int, list[Any]]]:
    for part in parts:
        yield from part


def _is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


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
        if all(_is_blank(c) for c in cells):
            continue
        raw: dict[str, Any] = {}
        blank = True
        for name, index in columns:
            cell = cells[index] if index < len(cells) else None
            if not _is_blank(cell):
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


# --- writing ---------------------------------------------------------------------------------


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _existing_people(session: Session, id_numbers: list[str]) -> dict[str, dict[str, Any]]:
    cols = [Person.id, *(getattr(Person, c) for c in PERSON_COLUMNS)]
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(id_numbers):
        for row in session.execute(select(*cols).where(Person.id_number.in_(chunk))).mappings():
            out[row["id_number"]] = dict(row)
    return out


def _row_key(kind: Kind, person_id: object, row: Mapping[str, Any]) -> tuple[object, ...]:
    if kind is Kind.GRID_STAFF:
        return (person_id, row["grid_id"], row["role"])
    if kind is Kind.MENTORSHIP:
        return (person_id, row["mentor_id"])
    if kind is Kind.SENT_DOWN:
        return (person_id, row["batch"])
    if kind is Kind.PARTY_CHECKIN:
        return (person_id, row["community_id"], row["checkin_date"])
    return (person_id,)


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
    if plan.problems and not valid_only:
        raise ValidationError(
            f"发现 {len(plan.problems)} 处问题（{plan.bad_rows} 行），未导入任何数据；"
            "请修正后重试，或选择只导入有效行"
        )
    if not plan.rows:
        return ImportResult(0, 0, 0, plan.bad_rows)
    with db.write() as session:
        created, updated, unchanged = write_rows(session, plan.kind, plan.rows, actor, today=today)
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
    return ImportResult(created, updated, unchanged, plan.bad_rows)


WRITE_CHUNK = 5_000


def write_rows(
    session: Session,
    kind: Kind,
    rows: list[tuple[int, dict[str, object]]],
    actor: Actor,
    *,
    today: date | None = None,
) -> tuple[int, int, int]:
    """Bulk upsert of checked rows, a few thousand at a time in the caller's transaction:
    people by ID number, roster entries by their match key; one history event per entry
    created or changed. Returns (created, updated, unchanged)."""
    today = today or date.today()
    writer = _Writer(session, kind, actor, today)
    for start in range(0, len(rows), WRITE_CHUNK):
        writer.write([values for _, values in rows[start : start + WRITE_CHUNK]])
    if kind is Kind.GRID_STAFF:
        writer.close_moved_assignments()
    return writer.created, writer.updated, writer.unchanged


class _Writer:
    """Core inserts and updates (the ORM's per-row work is 10× slower for bulk, performance.md)."""

    def __init__(self, session: Session, kind: Kind, actor: Actor, today: date) -> None:
        self.session, self.kind, self.actor, self.today = session, kind, actor, today
        self.now = utcnow()
        self.lookups = Lookups.load(session)
        self.model: Any = MODELS[kind]
        self.table: Any = self.model.__table__
        self.person_col = "apprentice_id" if kind is Kind.MENTORSHIP else "person_id"
        self.created = self.updated = self.unchanged = 0
        self.file_keys: set[tuple[object, ...]] = set()  # roster entries the file lists
        # Text shown as it is stored (no mask, no label to look up).
        self.plain = frozenset(
            spec.name
            for spec in FIELDS[kind]
            if spec.type in (FieldType.TEXT, FieldType.NAME, FieldType.GENDER)
        )
        # Current entries of this roster by match key (what a re-import updates).
        self.current: dict[tuple[object, ...], dict[str, Any]] = {}
        stmt = select(*self.table.columns)
        if kind is not Kind.PARTY_CHECKIN:
            stmt = stmt.where(_active_clause(kind))
        for row in session.execute(stmt).mappings():
            record = dict(row)
            self.current.setdefault(_row_key(kind, record[self.person_col], record), record)

    def _show(self, name: str, value: object) -> str:
        if type(value) is str and name in self.plain:
            return value
        return display_value(self.kind, name, value, self.lookups)

    def _event(self, row_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return {
            "at": self.now,
            "actor": self.actor.username,
            "roster": self.kind.value,
            "row_id": row_id,
            "action": "import",
            "changes": changes,
        }

    def _people(
        self, chunk: list[dict[str, object]]
    ) -> tuple[dict[str, int], dict[str, dict[str, Any]]]:
        """Insert new people and update changed ones; their ids by ID number, and what the
        known ones looked like before."""
        wanted: dict[str, dict[str, Any]] = {}
        for values in chunk:
            given = {c: values[c] for c in PERSON_COLUMNS if values.get(c) is not None}
            wanted.setdefault(str(values["id_number"]), {}).update(given)
            if self.kind is Kind.MENTORSHIP:
                mentor = str(values["mentor_id_number"])
                wanted.setdefault(mentor, {}).update(
                    {"id_number": mentor, "name": values["mentor_name"]}
                )
        existing = _existing_people(self.session, list(wanted))
        ids = {number: int(row["id"]) for number, row in existing.items()}
        new_people: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for number, given in wanted.items():
            old = existing.get(number)
            if old is None:
                record: dict[str, Any] = {
                    "name": "",
                    "gender": gender_of(number),
                    "phone": "",
                    "education": "",
                    "party_member": False,
                    "notes": "",
                    "work_unit": "",
                    "active": True,
                }
                record |= given
                record |= {
                    "id_number": number,
                    "birth_date": birth_date(number),
                    "created_at": self.now,
                    "updated_at": self.now,
                }
                new_people.append(record)
                continue
            diff = {c: v for c, v in given.items() if old.get(c) != v}
            if diff:
                changed.append({"b_id": old["id"], "updated_at": self.now} | diff)
        if new_people:
            table = _PEOPLE
            first = self._max_id(table)
            _bulk_insert(self.session, table, new_people)
            for pid, number in self.session.execute(
                select(table.c.id, table.c.id_number).where(table.c.id > first)
            ):
                ids[str(number)] = int(pid)
        for group in _by_keys(changed):
            table = _PEOPLE
            stmt = update(table).where(table.c.id == bindparam("b_id"))
            self.session.execute(stmt, group)
        return ids, existing

    def _max_id(self, table: Any) -> int:
        return int(
            self.session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        )

    def write(self, chunk: list[dict[str, object]]) -> None:
        kind, person_col = self.kind, self.person_col
        ids, existing = self._people(chunk)
        new_rows: list[dict[str, Any]] = []
        new_changes: list[dict[str, Any]] = []
        row_updates: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for values in chunk:
            number = str(values["id_number"])
            cols = row_columns(kind, values, self.today)
            cols[person_col] = ids[number]
            if kind is Kind.MENTORSHIP:
                cols["mentor_id"] = ids[str(values["mentor_id_number"])]
            key = _row_key(kind, cols[person_col], cols)
            self.file_keys.add(key)
            old_person = existing.get(number)
            old_row = self.current.get(key)
            if old_row is None:
                new_rows.append(cols)
                new_changes.append(
                    {k: self._show(k, v) for k, v in values.items() if v is not None and v != ""}
                )
                continue
            changes: dict[str, Any] = {}
            if old_person is not None:
                for c in PERSON_COLUMNS:
                    new = values.get(c)
                    if new is not None and old_person.get(c) != new:
                        changes[c] = [self._show(c, old_person.get(c)), self._show(c, new)]
            diff: dict[str, Any] = {}
            for spec in FIELDS[kind]:
                new = values.get(spec.name)
                if spec.person or new is None:
                    continue
                column = _COLUMNS.get(spec.name, spec.name)
                if column not in old_row or old_row[column] == cols[column]:
                    continue
                diff[column] = cols[column]
                changes[spec.name] = [
                    self._show(spec.name, old_row[column]),
                    self._show(spec.name, new),
                ]
            if diff:
                row_updates.append({"b_id": old_row["id"]} | diff)
                old_row.update(diff)
            if changes:
                events.append(self._event(old_row["id"], changes))
                self.updated += 1
            else:
                self.unchanged += 1
        if new_rows:
            first = self._max_id(self.table)
            _bulk_insert(self.session, self.table, new_rows)
            inserted = {
                _row_key(kind, r[person_col], dict(r)): int(r["id"])
                for r in self.session.execute(
                    select(*self.table.columns).where(self.table.c.id > first)
                ).mappings()
            }
            for cols, changes in zip(new_rows, new_changes, strict=True):
                row_id = inserted[_row_key(kind, cols[person_col], cols)]
                events.append(self._event(row_id, changes))
                self.current[_row_key(kind, cols[person_col], cols)] = cols | {"id": row_id}
            self.created += len(new_rows)
        for group in _by_keys(row_updates):
            stmt = update(self.table).where(self.table.c.id == bindparam("b_id"))
            self.session.execute(stmt, group)
        if events:
            _bulk_insert(self.session, _EVENTS, events)

    def close_moved_assignments(self) -> None:
        """网格长/网格员: the file is the current list for the people it names, so a person's
        open assignment to a grid (or in a role) the file no longer lists ends today, with a
        history entry; people the file does not name keep theirs."""
        people = {key[0] for key in self.file_keys}
        moved = [
            (key, row)
            for key, row in self.current.items()
            if key[0] in people and key not in self.file_keys and row.get("end_date") is None
        ]
        if not moved:
            return
        now_listed: dict[object, list[str]] = {}
        for person_id, grid_id, role in sorted(self.file_keys, key=str):
            label = f"{self._show('grid', grid_id)}（{self._show('role', role)}）"
            now_listed.setdefault(person_id, []).append(label)
        table = self.table
        stmt = update(table).where(table.c.id == bindparam("b_id"))
        self.session.execute(
            stmt, [{"b_id": row["id"], "end_date": self.today} for _, row in moved]
        )
        events = []
        for key, row in moved:
            row["end_date"] = self.today
            event = self._event(
                row["id"],
                {
                    "end_date": ["", self.today.isoformat()],
                    "reason": "导入名册：现列于 " + "、".join(now_listed[key[0]]),
                },
            )
            events.append(event | {"action": "retire"})
        _bulk_insert(self.session, _EVENTS, events)
        self.updated += len(moved)


_COLUMNS = {"community": "community_id", "grid": "grid_id"}
_PEOPLE: Any = Person.__table__
_EVENTS: Any = RosterEvent.__table__


def _bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, converting values the way the
    column types would (SQLAlchemy's per-row parameter processing costs more than the insert
    itself at this size; performance.md floors: raw 142k rows/s, Core 64k rows/s)."""
    if not rows:
        return
    names = list(rows[0])
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in names and c.default is not None and c.default.is_scalar
    }
    if defaults:
        rows = [row | defaults for row in rows]
        names += list(defaults)
    sqlite = session.get_bind().dialect.name == "sqlite"
    convert = [_converter(table.c[name].type, sqlite) for name in names]
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join(["?" if sqlite else "%s"] * len(names))
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
    pairs = list(zip(names, convert, strict=True))
    params = [
        tuple(v if (v := row[n]) is None or f is None else f(v) for n, f in pairs) for row in rows
    ]
    session.connection().exec_driver_sql(sql, params)


def _converter(column_type: Any, sqlite: bool) -> Callable[[Any], Any] | None:
    if isinstance(column_type, UTCDateTime):
        if sqlite:
            return lambda v: v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return None
    if isinstance(column_type, Date):
        return (lambda v: v.isoformat()) if sqlite else None
    if isinstance(column_type, Numeric):
        return float if sqlite else None
    if isinstance(column_type, JSON):
        if sqlite:
            return lambda v: json.dumps(v, ensure_ascii=False)
        from psycopg.types.json import Jsonb

        return Jsonb
    return None


def _by_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """executemany needs the same keys in every row: group rows by their key sets."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    return list(groups.values())


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

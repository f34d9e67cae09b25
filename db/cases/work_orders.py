"""Import of cases from Excel (e.g. 12345 hotline work orders): the same safe reading, header
detection and row + column + reason problems as the roster import; a work order already imported
is skipped, not duplicated.

Every row is checked before anything is written (numbering capacity of each report day
included), so a file with problems writes nothing. The valid rows are then written in batches of
`IMPORT_BATCH_ROWS`, each its own short transaction: desk actions from other workstations get
the database between two batches instead of waiting minutes for one long import. An import
stopped part-way (killed, disk full) leaves whole batches behind; importing the file again skips
the work orders already imported and writes the rest."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from time import monotonic
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases import intake
from db.cases.intake import report_in
from db.cases.states import SOURCE_LABELS, Source
from db.engine import Database, serialize_writers
from db.errors import ConcurrentImport, ImportInterrupted, UserError, ValidationError
from db.models import Case, CaseNumberCounter, Category, Grid, ImportedWorkOrder
from db.models.base import utcnow
from db.models.limits import problems_of, value_problem
from db.reference.geography_history import grid_closed_problem
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.sheets.cells import (
    Cell,
    clean_text,
    excel_serial_datetime,
    is_blank,
    parse_date,
    parse_phone,
)
from db.sheets.footer import footer_text
from db.sheets.header_row import find_header, header_key, map_columns
from db.sheets.problems import Problem, refuse_problems
from db.sheets.reading import data_rows, read_head
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

WORK_ORDER_NOTE = "工单编号 "
_PG_IMPORT_LOCK = 0x776F_7264  # "word": work-order imports write one after another
_IN_CHUNK = 900  # work orders per IN list
IMPORT_BATCH_ROWS = 500  # rows per write transaction at most (1–2 s on an idle machine)…
IMPORT_BATCH_SECONDS = 1.0  # …and a transaction ends after about this long, however few rows

# field → (label, required, synonyms)
CASE_FIELDS: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "work_order": ("工单编号", False, ("工单号", "热线工单号", "工单编码", "受理编号")),
    "grid": ("网格编码", True, ("网格代码", "所属网格编码", "网格编号", "所在网格编码")),
    "category": (
        "案件类别",
        True,
        ("小类", "小类编码", "问题类别", "事件类型", "问题分类", "类别"),
    ),
    "description": ("问题描述", True, ("诉求内容", "事件描述", "反映问题", "工单内容", "内容")),
    "source": ("来源", False, ("案件来源", "问题来源", "渠道")),
    "urgent": ("是否紧急", False, ("紧急", "紧急程度")),
    "address": ("地址", False, ("事发地址", "发生地点", "详细地址", "事发地点")),
    "reporter_name": ("反映人", False, ("诉求人", "来电人", "联系人", "姓名")),
    "reporter_phone": ("联系电话", False, ("来电号码", "诉求人电话", "手机号码", "电话")),
    "reported_at": ("上报时间", False, ("来电时间", "受理时间", "派单时间", "反映时间")),
}
_INDEX = {
    header_key(h): name
    for name, (label, _, synonyms) in CASE_FIELDS.items()
    for h in (label, *synonyms)
}
_CASES: Any = Case.__table__
_ORDERS: Any = ImportedWorkOrder.__table__
_SOURCES = {label: source for source, label in SOURCE_LABELS.items()} | {
    "12345": Source.HOTLINE,
    "热线": Source.HOTLINE,
    "网格员上报": Source.GRID_UPLOAD,
    "巡查": Source.PATROL,
    "来访来电": Source.VISIT,  # the label before calls had their own source
}


@dataclass
class CasePlan:
    """What the file holds, checked; nothing has been written."""

    file_name: str
    header_row: int
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already: list[tuple[int, str]] = field(default_factory=list)  # (row, case number)
    unknown_headers: list[str] = field(default_factory=list)
    total_rows: int = 0
    ignored: list[tuple[int, str]] = field(default_factory=list)  # signature and note rows
    tz: Any = None  # the center's time zone: a case number follows the local report day

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.row != self.header_row})

    def summary(self) -> str:
        text = (
            f"「{self.file_name}」案件：共 {self.total_rows} 行数据，有效 {len(self.rows)} 行，"
            f"有问题 {self.bad_rows} 行（{len(self.problems)} 处）"
        )
        if self.already:
            text += f"，已导入过 {len(self.already)} 行（将跳过）"
        if self.ignored:
            text += f"，忽略签名或说明行 {len(self.ignored)} 行"
        return text


_CLOCK = re.compile(r"^(.*?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")

# 上报时间 lies between this local moment and now (a hotline order is reported before it is
# imported; nothing reaches the desk from before 2000).
EARLIEST_REPORTED = datetime(2000, 1, 1)


def _parse_time(value: Cell, tz: Any, date1904: bool = False) -> datetime | None:
    """上报时间: a date-time cell, an Excel date-time serial (46000.5 is noon) or text
    (2026-11-20 09:30), local to the center."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        local = value
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        local = _serial_time(value, date1904)
    else:
        match = _CLOCK.match(clean_text(value))
        day = parse_date(match.group(1) if match else value, "上报时间", date1904=date1904)
        if day is None:
            return None
        clock = time(0, 0)
        if match:
            try:
                clock = time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
            except ValueError:
                raise ValidationError(f"上报时间「{clean_text(value)}」中的时刻不存在") from None
        local = datetime.combine(day, clock)
    return local if local.tzinfo is not None else local.replace(tzinfo=tz)


def _serial_time(value: int | float | Decimal, date1904: bool) -> datetime:
    """A number in the 上报时间 column: 20261120 (a day), or an Excel serial with its time."""
    number = float(value)
    if number.is_integer() and 19000101 <= number <= 21001231:
        day = parse_date(int(number), "上报时间")
        assert day is not None
        return datetime.combine(day, time(0, 0))
    if 1 <= number < 2958466:
        try:
            return excel_serial_datetime(number, date1904=date1904)
        except OverflowError:
            pass
    raise ValidationError(f"上报时间「{value}」不是日期")


def _check_reported(when: datetime, now: datetime) -> str | None:
    """Why 上报时间 `when` is implausible: before 2000-01-01 (local) or later than now."""
    earliest = EARLIEST_REPORTED.replace(tzinfo=when.tzinfo)
    if when > now:
        return f"上报时间 {when:%Y-%m-%d %H:%M} 晚于现在（应在 {earliest:%Y-%m-%d} 至现在之间）"
    if when < earliest:
        return f"上报时间 {when:%Y-%m-%d %H:%M} 不合理（应在 {earliest:%Y-%m-%d} 至现在之间）"
    return None


def _bool(value: Cell) -> bool | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    if text in ("是", "紧急", "Y", "y", "1", "√", "特急", "加急"):
        return True
    if text in ("否", "一般", "普通", "N", "n", "0", "不紧急"):
        return False
    raise ValidationError(f"是否紧急「{text}」应为 是 或 否")


def plan_case_import(
    db: Database, path: str | Path, *, limits: Limits = DEFAULT_LIMITS, now: datetime | None = None
) -> CasePlan:
    """Read and check every row; writes nothing. Unsafe files raise BadFile."""
    with check_xlsx(path, limits) as book, db.read() as session:
        settings = load_settings(session)
        grids = {grid.code: grid for grid in session.scalars(select(Grid))}
        categories: dict[str, str] = {}
        for code, name, active in session.execute(
            select(Category.code, Category.name, Category.active)
        ):
            if active:
                categories[code] = code
                categories.setdefault(name, code)
        # An order without a case waits in (or was dropped from) the 12345 待定位 tray.
        imported: dict[tuple[str, str], str] = {
            (source, order): number or "待定位"
            for source, order, number in session.execute(
                select(
                    ImportedWorkOrder.source, ImportedWorkOrder.work_order, Case.number
                ).outerjoin(Case, Case.id == ImportedWorkOrder.case_id)
            )
        }
        rows = book.rows()
        head = read_head(rows, book.path.name)
        header_at, headers = find_header(
            head,
            lambda text: _INDEX.get(header_key(text)),
            "（应有「网格编码」「案件类别」「问题描述」等列名）",
        )
        plan = CasePlan(book.path.name, head[header_at][0])
        columns, unknown = map_columns(headers, lambda text: _INDEX.get(header_key(text)))
        plan.unknown_headers.extend(unknown)
        for name, (label, required, _) in CASE_FIELDS.items():
            if required and name not in columns:
                plan.problems.append(Problem(plan.header_row, "", f"缺少必需的列「{label}」"))
        missing = bool(plan.problems)
        now = now or datetime.now(settings.tz)
        seen: dict[str, int] = {}
        for number, cells in data_rows(head, header_at, rows):
            footer = footer_text(cells)
            if footer is not None:
                plan.ignored.append((number, footer))
                continue
            raw = {name: cells[i] if i < len(cells) else None for name, (i, _) in columns.items()}
            if all(is_blank(v) for v in raw.values()):
                continue
            plan.total_rows += 1
            if missing:
                continue
            values, problems = _check_row(raw, grids, categories, settings.tz, now, book.date1904)
            order = values.get("work_order")
            if order and not problems:
                if _order_key(values) in imported:
                    plan.already.append((number, imported[_order_key(values)]))
                    continue
                if order in seen:
                    problems.append(("work_order", f"与第 {seen[order]} 行的工单编号重复"))
                seen[order] = number
            for name, reason in problems:
                plan.problems.append(Problem(number, columns.get(name, (0, ""))[1], reason))
            if not problems:
                plan.rows.append((number, values))
        plan.tz = settings.tz
        # What the write would find: a report day whose case numbers run out.
        short = dict(_numbering_shortage(session, plan.rows, settings.tz, now))
        if short:
            column = columns.get("reported_at", (0, ""))[1]
            plan.problems += [
                Problem(row, column, short[row]) for row, _ in plan.rows if row in short
            ]
            plan.problems.sort(key=lambda p: p.row)
            plan.rows = [(row, values) for row, values in plan.rows if row not in short]
    return plan


def _report_day(values: dict[str, Any], tz: Any, now: datetime) -> date:
    """The local day whose numbers a row's case takes: its 上报时间, else now."""
    when = values.get("reported_at")
    return (when if isinstance(when, datetime) else now).astimezone(tz).date()


def _numbering_shortage(
    session: Session, rows: list[tuple[int, dict[str, Any]]], tz: Any, now: datetime
) -> list[tuple[int, str]]:
    """The rows whose report day has no case number left (a day has at most
    `CASE_NUMBERS_PER_DAY`), with the reason, given the numbers each day has already used."""
    days = [(row, _report_day(values, tz, now)) for row, values in rows]
    counts = Counter(day for _, day in days)
    keys = sorted(day.strftime("%Y%m%d") for day in counts)
    used: dict[str, int] = {}
    for start in range(0, len(keys), _IN_CHUNK):
        chunk = keys[start : start + _IN_CHUNK]
        query = select(CaseNumberCounter.day, CaseNumberCounter.last).where(
            CaseNumberCounter.day.in_(chunk)
        )
        used.update((day, last) for day, last in session.execute(query))
    limit = intake.CASE_NUMBERS_PER_DAY
    taken: Counter[date] = Counter()
    short: list[tuple[int, str]] = []
    for row, day in days:
        taken[day] += 1
        before = used.get(day.strftime("%Y%m%d"), 0)
        if before + taken[day] > limit:
            short.append(
                (
                    row,
                    f"上报日 {day:%Y-%m-%d} 的案件编号已用尽（每日上限 {limit} 件，"
                    f"该日已有 {before} 件，本文件该日有 {counts[day]} 行）",
                )
            )
    return short


def _check_row(
    raw: dict[str, Cell],
    grids: Mapping[str, Grid],
    categories: dict[str, str],
    tz: Any,
    now: datetime,
    date1904: bool = False,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    text = {k: clean_text(v) for k, v in raw.items()}
    for name, (label, required, _) in CASE_FIELDS.items():
        if required and not text.get(name):
            problems.append((name, f"缺少{label}"))
    grid = text.get("grid", "").replace(" ", "")
    if grid:
        if grid not in grids:
            problems.append(("grid", f"没有编码为 {grid} 的网格"))
        values["grid_code"] = grid
    category = text.get("category", "")
    if category:
        if category not in categories:
            problems.append(("category", f"案件类别「{category}」不存在或已停用"))
        else:
            values["category_code"] = categories[category]
    if text.get("description"):
        if len(text["description"]) > 2000:
            problems.append(("description", "问题描述过长（最多 2000 字）"))
        values["description"] = text["description"]
    source = text.get("source", "").replace(" ", "")
    if source:
        if source not in _SOURCES:
            options = "、".join(SOURCE_LABELS.values())
            problems.append(("source", f"来源「{source}」应为 {options} 之一"))
        else:
            values["source"] = _SOURCES[source]
    checks: list[tuple[str, Any]] = [
        ("urgent", lambda: _bool(raw.get("urgent"))),
        ("reporter_phone", lambda: parse_phone(raw.get("reporter_phone"))),
        ("reported_at", lambda: _parse_time(raw.get("reported_at"), tz, date1904)),
    ]
    for name, check in checks:
        try:
            value = check()
        except ValidationError as exc:
            problems.append((name, str(exc)))
            continue
        if value not in (None, ""):
            values[name] = value
    when = values.get("reported_at")
    if isinstance(when, datetime):
        reason = _check_reported(when, now)
        if reason is not None:
            problems.append(("reported_at", reason))
    if grid in grids:  # a retired grid takes no report dated on or after its retirement
        day = (when if isinstance(when, datetime) else now).astimezone(tz).date()
        closed = grid_closed_problem(grids[grid], day)
        if closed is not None:
            problems.append(("grid", closed))
    # Text is never cut: a value longer than its column is a problem of the row.
    for name in ("address", "reporter_name", "work_order"):
        if text.get(name):
            values[name] = text[name]
    # What the cases table would refuse (length of its columns, NUL and control characters),
    # found here so that the row is named instead of the write failing.
    stored: dict[str, object] = {
        k: values[k] for k in ("description", "address", "reporter_name") if k in values
    }
    labels: dict[str, str] = {name: CASE_FIELDS[name][0] for name in stored}
    problems += problems_of(_CASES, stored, labels)
    order = values.get("work_order")
    if isinstance(order, str):
        reason = value_problem(_ORDERS, "work_order", order, CASE_FIELDS["work_order"][0])
        if reason is not None:
            problems.append(("work_order", reason))
    return values, problems


@dataclass(frozen=True)
class CaseImportResult:
    numbers: list[str]
    skipped_existing: int
    skipped_bad: int

    def summary(self) -> str:
        text = f"已导入：新增案件 {len(self.numbers)} 件"
        if self.skipped_existing:
            text += f"，已导入过的 {self.skipped_existing} 件未重复导入"
        if self.skipped_bad:
            text += f"，跳过有问题的 {self.skipped_bad} 行"
        return text


BatchHook = Callable[[int, int], None]


def apply_case_import(
    db: Database,
    plan: CasePlan,
    actor: Actor,
    *,
    valid_only: bool = False,
    batch_rows: int = IMPORT_BATCH_ROWS,
    batch_seconds: float = IMPORT_BATCH_SECONDS,
    after_batch: BatchHook | None = None,
) -> CaseImportResult:
    """Report every valid row as a new case (source 热线转办 unless the row says otherwise);
    with problems and not `valid_only`, nothing is written.

    The rows are written in batches of at most `batch_rows` rows and about `batch_seconds`
    (whichever ends first), each in its own transaction, and
    `after_batch(written, total)` is called after each commit (progress; desk actions of other
    workstations get through between two batches). The first transaction checks, before it
    writes, that no work order of the file was imported meanwhile and that every report day
    still has the case numbers the file needs: a failure there writes nothing. A failure in a
    later batch (ImportInterrupted) keeps the batches already committed; importing the file
    again skips their work orders."""
    actor.require("case.report", "导入案件")
    refuse_problems(plan.problems, plan.bad_rows, valid_only=valid_only)
    if batch_rows < 1:
        raise ValueError("batch_rows must be positive")
    numbers: list[str] = []
    total = len(plan.rows)
    start = 0
    while start == 0 or start < total:
        batch = plan.rows[start : start + batch_rows]
        try:
            with db.write() as session:
                # The check that an order is new and its write are one transaction: imports
                # of work orders queue here, and the primary key of imported_work_orders
                # refuses a second case of an order whatever else writes.
                serialize_writers(session, _PG_IMPORT_LOCK)
                if start == 0:
                    _check_before_first_batch(session, plan)
                # A slow machine ends the batch early: the write lock is never held long.
                deadline = monotonic() + batch_seconds
                written = _write_batch(session, batch, actor, deadline)
        except UserError as exc:
            if not numbers:
                raise
            reason = str(exc).split("，本次导入未写入任何案件")[0]
            raise ImportInterrupted(
                f"导入在第 {batch[0][0]} 行起的一批中断（{reason}），这一批未写入；此前已分批"
                f"写入 {len(numbers)} 件案件并已保存：重新导入同一文件会跳过已导入的工单"
            ) from exc
        numbers += written
        start += max(len(written), 1)
        if after_batch is not None and batch:
            after_batch(len(numbers), total)
    return CaseImportResult(numbers, len(plan.already), plan.bad_rows)


def _check_before_first_batch(session: Session, plan: CasePlan) -> None:
    """Inside the first write transaction: nothing of the file imported meanwhile, and the
    numbers of every report day suffice (desk reports may have used some since the check)."""
    ordered = [(row, values) for row, values in plan.rows if values.get("work_order")]
    taken = _taken(session, [_order_key(values) for _, values in ordered])
    for row, values in ordered:
        if _order_key(values) in taken:
            raise _lost_race(row, values)
    if plan.tz is not None:
        short = _numbering_shortage(session, plan.rows, plan.tz, utcnow())
        if short:
            row, reason = short[0]
            raise ValidationError(f"第 {row} 行：{reason}，未导入任何数据")


def _write_batch(
    session: Session, batch: list[tuple[int, dict[str, Any]]], actor: Actor, deadline: float
) -> list[str]:
    """Write the rows of `batch` in order until it ends or `deadline` (monotonic) passes
    (at least one row); the numbers of the cases written."""
    numbers: list[str] = []
    for row, values in batch:
        if numbers and monotonic() > deadline:
            break
        order = values.get("work_order")
        case = report_in(
            session,
            grid_code=values["grid_code"],
            category_code=values["category_code"],
            description=values["description"],
            source=values.get("source", Source.HOTLINE),
            urgent=values.get("urgent"),
            address=values.get("address", ""),
            reporter_name=values.get("reporter_name", ""),
            reporter_phone=values.get("reporter_phone", ""),
            actor=actor,
            now=values.get("reported_at"),
            note=f"{WORK_ORDER_NOTE}{order}" if order else "",
        )
        if order and not _claim(session, _order_key(values), case.id):
            raise _lost_race(row, values)
        numbers.append(case.number)
    return numbers


def _order_key(values: dict[str, Any]) -> tuple[str, str]:
    """A work order is unique per source: (source, 工单编号)."""
    return (Source(values.get("source", Source.HOTLINE)).value, str(values["work_order"]))


def _taken(session: Session, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of `keys` are already imported (seen inside the writing transaction)."""
    found: set[tuple[str, str]] = set()
    orders = sorted({order for _, order in keys})
    for start in range(0, len(orders), _IN_CHUNK):
        chunk = orders[start : start + _IN_CHUNK]
        for source, order in session.execute(
            select(ImportedWorkOrder.source, ImportedWorkOrder.work_order).where(
                ImportedWorkOrder.work_order.in_(chunk)
            )
        ):
            found.add((source, order))
    return found & set(keys)


def _claim(session: Session, key: tuple[str, str], case_id: int) -> bool:
    """Record the order as imported; False when it already was (ON CONFLICT DO NOTHING)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    insert = postgresql_insert if postgresql else sqlite_insert
    stmt = (
        insert(ImportedWorkOrder)
        .values(source=key[0], work_order=key[1], case_id=case_id)
        .on_conflict_do_nothing()
        .returning(ImportedWorkOrder.case_id)
    )
    return session.execute(stmt).first() is not None


def _lost_race(row: int, values: dict[str, Any]) -> ConcurrentImport:
    return ConcurrentImport(
        f"第 {row} 行的工单编号 {values['work_order']} 刚被同时进行的另一次导入写入，"
        "本次导入未写入任何案件：请重新导入，已导入过的工单会跳过"
    )

"""12345 hotline exports as the hotline sends them (工单编号, 来电时间, 来电人, 联系电话, 诉求类型,
诉求内容, 事发地址, 所属区县, 所属街道, 承办单位, 办理时限（工作日）, 紧急程度 under a title row):
no grid and no 小类, so each order is placed and classified by `suggest_in`.

An order whose grid and 小类 are both certain becomes a case (source 热线转办); any other order
lands in the 待定位 tray (`hotline_pending`), where a dispatcher confirms its grid and 小类 or
drops it (作废). Either way its 工单编号 is claimed in imported_work_orders in the same
transaction, so a re-import skips it — also when two workstations import the same file at once
(the claim is an INSERT … ON CONFLICT DO NOTHING on the primary key, taken before anything else
of the row is written). The hotline's 办理时限 (working days from the call, on the centre's
holiday calendar) is kept on the case as `hotline_due`; the handling stage ends by it when it
comes before the 小类's own limit.

Reading follows the coded import (db/cases/work_orders.py): the same safe .xlsx reading, header
search under titles and merged cells, full-width text, signature rows ignored, every problem
listed by row and column, and a file with problems writes nothing (unless only the valid rows
are asked for)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases.intake import report_in
from db.cases.states import Source
from db.cases.work_orders import (
    _PG_IMPORT_LOCK,
    CASE_FIELDS,
    IMPORT_BATCH_ROWS,
    WORK_ORDER_NOTE,
    _check_reported,
    _parse_time,
)
from db.clock import TimeBasis
from db.engine import Database, serialize_writers
from db.errors import NotFound, ValidationError
from db.intake.suggest import IntakeSuggestion, suggest_in
from db.models import Case, Category, Community, Grid, HotlinePending, ImportedWorkOrder
from db.models.base import utcnow
from db.models.limits import problems_of, value_problem
from db.reference.choices import Choice
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import Cell, clean_text, is_blank, parse_phone
from db.sheets.footer import footer_text
from db.sheets.header_row import find_header, header_key, map_columns
from db.sheets.problems import Problem, refuse_problems
from db.sheets.reading import data_rows, read_head
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

SOURCE = Source.HOTLINE
PENDING, CONFIRMED, DROPPED = "pending", "confirmed", "dropped"
PENDING_STATUS_LABELS = {PENDING: "待定位", CONFIRMED: "已确认", DROPPED: "已作废"}

# A suggestion is acted on without a dispatcher only when it is certain: the 小类 by the same
# rule as `case report` (db.intake.classify.category_certain), the grid when the placement says
# so (exactly one grid fits the address).
KINDS = ("咨询", "求助", "投诉", "举报", "建议")
MAX_LIMIT_DAYS = 365

# field → (label, required, synonyms)
HOTLINE_FIELDS: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "work_order": (
        "工单编号",
        True,
        ("工单号", "热线工单号", "工单编码", "受理编号", "工单流水号"),
    ),
    "called_at": ("来电时间", False, ("受理时间", "来电日期", "登记时间", "呼入时间")),
    "reporter_name": ("来电人", False, ("诉求人", "来电人姓名", "市民姓名", "联系人", "姓名")),
    "reporter_phone": ("联系电话", False, ("来电号码", "诉求人电话", "手机号码", "电话")),
    "kind": ("诉求类型", False, ("诉求分类", "工单类型", "来电类型", "诉求性质")),
    "description": ("诉求内容", True, ("问题描述", "工单内容", "反映内容", "来电内容", "内容")),
    "address": ("事发地址", False, ("地址", "发生地点", "详细地址", "事发地点", "诉求地址")),
    "district": ("所属区县", False, ("区县", "所属区", "所在区县")),
    "street": ("所属街道", False, ("街道", "所在街道", "街道（乡镇）", "所属街镇")),
    "handler": ("承办单位", False, ("承办部门", "主办单位", "办理单位")),
    "limit_days": (
        "办理时限（工作日）",
        False,
        ("办理时限", "时限（工作日）", "办理期限", "办理时限（天）", "时限"),
    ),
    "urgency": ("紧急程度", False, ("是否紧急", "紧急", "缓急程度")),
}
_INDEX = {
    header_key(h): name
    for name, (label, _, synonyms) in HOTLINE_FIELDS.items()
    for h in (label, *synonyms)
}
# The columns that make a sheet the coded import's (网格编码 and 案件类别).
_CODED = {
    header_key(h)
    for name in ("grid", "category")
    for h in (CASE_FIELDS[name][0], *CASE_FIELDS[name][2])
}
_PENDING: Any = HotlinePending.__table__
_CASES: Any = Case.__table__
_ORDERS: Any = ImportedWorkOrder.__table__
_URGENT = {"紧急", "特急", "加急", "急", "是", "高", "红色"}
_NOT_URGENT = {"一般", "普通", "不紧急", "非紧急", "否", "低", "中", "正常", "常规"}
_DAYS = re.compile(r"^(\d{1,3})(?:个)?(?:工作日|天|日)?$")


def is_hotline_export(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether the sheet's header is a 12345 export's: 工单编号 and 诉求内容 among at least four
    hotline columns, and neither 网格编码 nor 案件类别 (those go to the coded import)."""
    with check_xlsx(path, limits) as book:
        head = read_head(book.rows(), book.path.name)
    for _, cells in head:
        keys = {header_key(c) for c in cells if isinstance(c, str) and c.strip()}
        fields = {_INDEX[k] for k in keys if k in _INDEX}
        if {"work_order", "description"} <= fields and len(fields) >= 4:
            return not (keys & _CODED)
    return False


@dataclass(frozen=True)
class HotlineRow:
    """One order of the file, checked, placed and classified (nothing written)."""

    row: int
    values: dict[str, Any]
    suggestion: IntakeSuggestion
    grid: Choice | None  # the grid when certain
    category: Choice | None  # the 小类 when certain

    @property
    def certain(self) -> bool:
        return self.grid is not None and self.category is not None

    @property
    def work_order(self) -> str:
        return str(self.values["work_order"])

    @property
    def reason(self) -> str:
        """Why the order goes to 待定位 ("" when it becomes a case)."""
        reasons: list[str] = []
        if self.grid is None:
            count = len(self.suggestion.grids)
            if not self.values.get("address"):
                reasons.append("没有事发地址")
            elif count == 0:
                reasons.append("地址无法定位到网格")
            elif count > 1:
                reasons.append(f"地址可能属于 {count} 个网格")
            else:
                reasons.append("网格不确定")
        if self.category is None:
            reasons.append("小类不确定" if self.suggestion.categories else "无法判断小类")
        return "；".join(reasons)


@dataclass
class HotlinePlan:
    """What the hotline file holds, checked and placed; nothing has been written."""

    file_name: str
    header_row: int
    rows: list[HotlineRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already: list[tuple[int, str, str]] = field(default_factory=list)  # row, order, where
    unknown_headers: list[str] = field(default_factory=list)
    total_rows: int = 0
    ignored: list[tuple[int, str]] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.row != self.header_row})

    @property
    def certain_rows(self) -> int:
        return sum(1 for r in self.rows if r.certain)

    def summary(self) -> str:
        pending = len(self.rows) - self.certain_rows
        text = (
            f"「{self.file_name}」12345 工单：共 {self.total_rows} 行数据，有效 {len(self.rows)} 行"
            f"（可直接立为案件 {self.certain_rows} 行，转入待定位 {pending} 行），"
            f"有问题 {self.bad_rows} 行（{len(self.problems)} 处）"
        )
        if self.already:
            text += f"，已导入过 {len(self.already)} 行（将跳过）"
        if self.ignored:
            text += f"，忽略签名或说明行 {len(self.ignored)} 行"
        return text


def category_certain(categories: tuple[Choice, ...]) -> Choice | None:
    """The best 小类 when it is certain enough to act on (`classify.category_certain`)."""
    from db.intake import classify  # numpy: loaded with the classifier, not at the window's start

    if not categories or not classify.category_certain(list(categories)):
        return None
    return categories[0]


def _imported(session: Session) -> dict[str, str]:
    """工单编号 → where it is (case number, 待定位 or 已作废) for every hotline order in."""
    found: dict[str, str] = {}
    query = (
        select(ImportedWorkOrder.work_order, Case.number, HotlinePending.status)
        .outerjoin(Case, Case.id == ImportedWorkOrder.case_id)
        .outerjoin(HotlinePending, HotlinePending.work_order == ImportedWorkOrder.work_order)
        .where(ImportedWorkOrder.source == SOURCE.value)
    )
    for order, number, status in session.execute(query):
        found[order] = (
            f"案件 {number}" if number else PENDING_STATUS_LABELS.get(status or "", "已导入")
        )
    return found


def plan_hotline_import(
    db: Database, path: str | Path, *, limits: Limits = DEFAULT_LIMITS, now: datetime | None = None
) -> HotlinePlan:
    """Read, check, place and classify every order; writes nothing. Unsafe files raise BadFile."""
    with check_xlsx(path, limits) as book, db.read() as session:
        settings = load_settings(session)
        imported = _imported(session)
        rows = book.rows()
        head = read_head(rows, book.path.name)
        header_at, headers = find_header(
            head,
            lambda text: _INDEX.get(header_key(text)),
            "（12345 工单应有「工单编号」「诉求内容」「事发地址」等列名）",
        )
        plan = HotlinePlan(book.path.name, head[header_at][0])
        columns, unknown = map_columns(headers, lambda text: _INDEX.get(header_key(text)))
        plan.unknown_headers.extend(unknown)
        for name, (label, required, _) in HOTLINE_FIELDS.items():
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
            values, problems = check_hotline_row(raw, settings.tz, now, book.date1904)
            order = values.get("work_order")
            if order and not problems:
                if order in imported:
                    plan.already.append((number, order, imported[order]))
                    continue
                if order in seen:
                    problems.append(("work_order", f"与第 {seen[order]} 行的工单编号重复"))
                seen[order] = number
            for name, reason in problems:
                plan.problems.append(Problem(number, columns.get(name, (0, ""))[1], reason))
            if not problems:
                plan.rows.append(place_row(session, number, values))
    return plan


def place_row(session: Session, row: int, values: dict[str, Any]) -> HotlineRow:
    """Place and classify one checked order."""
    suggestion = suggest_in(session, values["description"], values.get("address", ""))
    grid = suggestion.grids[0] if suggestion.grid_certain and suggestion.grids else None
    return HotlineRow(row, values, suggestion, grid, category_certain(suggestion.categories))


def _urgent(value: Cell) -> bool | None:
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
    if not text:
        return None
    if text in _URGENT:
        return True
    if text in _NOT_URGENT:
        return False
    raise ValidationError(f"紧急程度「{text}」应为 一般、紧急 或 特急")


def _limit_days(value: Cell) -> int | None:
    if isinstance(value, bool):
        raise ValidationError(f"办理时限「{clean_text(value)}」应为工作日天数，如 5")
    if isinstance(value, int | float):
        if float(value).is_integer() and 1 <= value <= MAX_LIMIT_DAYS:
            return int(value)
        raise ValidationError(f"办理时限「{value}」应为 1 至 {MAX_LIMIT_DAYS} 个工作日")
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
    if not text:
        return None
    match = _DAYS.match(text)
    if match is None or not 1 <= int(match.group(1)) <= MAX_LIMIT_DAYS:
        raise ValidationError(f"办理时限「{text}」应为 1 至 {MAX_LIMIT_DAYS} 个工作日，如 5")
    return int(match.group(1))


def _phone(value: Cell) -> str:
    """A phone as the hotline gives it: checked, except a masked one (138****5678) is kept."""
    text = clean_text(value).replace(" ", "")
    if "*" in text and len(text) <= 32 and re.fullmatch(r"[\d*\-+]+", text):
        return text
    return parse_phone(value)


def check_hotline_row(
    raw: dict[str, Cell], tz: Any, now: datetime, date1904: bool = False
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row's values and its problems as (field, reason)."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    text = {k: clean_text(v) for k, v in raw.items()}
    for name, (label, required, _) in HOTLINE_FIELDS.items():
        if required and not text.get(name):
            problems.append((name, f"缺少{label}"))
    checks: list[tuple[str, Any]] = [
        ("urgency", lambda: _urgent(raw.get("urgency"))),
        ("limit_days", lambda: _limit_days(raw.get("limit_days"))),
        ("reporter_phone", lambda: _phone(raw.get("reporter_phone"))),
        ("called_at", lambda: _parse_time(raw.get("called_at"), tz, date1904)),
    ]
    for name, check in checks:
        try:
            value = check()
        except ValidationError as exc:
            problems.append((name, str(exc).replace("上报时间", "来电时间")))
            continue
        if value not in (None, ""):
            values[name] = value
    when = values.get("called_at")
    if isinstance(when, datetime):
        reason = _check_reported(when, now)
        if reason is not None:
            problems.append(("called_at", reason.replace("上报时间", "来电时间")))
    for name in ("work_order", "reporter_name", "kind"):
        if text.get(name):
            values[name] = text[name]
    for name in ("description", "address"):  # the caller's words as typed (full-width kept)
        written = raw.get(name)
        if isinstance(written, str) and written.strip():
            values[name] = " ".join(written.split())
        elif text.get(name):
            values[name] = text[name]
    for name in ("district", "street", "handler"):
        if text.get(name):
            values[name] = text[name]
    if len(values.get("description", "")) > 2000:
        problems.append(("description", "诉求内容过长（最多 2000 字）"))
    else:
        # What the tables would refuse (lengths, NUL and control characters), named by row.
        names: tuple[str, ...] = ("description", "address", "reporter_name")
        stored: dict[str, object] = {k: values[k] for k in names if k in values}
        labels: dict[str, str] = {k: HOTLINE_FIELDS[k][0] for k in stored}
        problems += problems_of(_CASES, stored, labels)
    others: tuple[str, ...] = ("kind", "district", "street", "handler")
    extra: dict[str, object] = {k: values[k] for k in others if k in values}
    problems += problems_of(_PENDING, extra, {k: HOTLINE_FIELDS[k][0] for k in extra})
    order = values.get("work_order")
    if isinstance(order, str):
        reason = value_problem(_ORDERS, "work_order", order, "工单编号")
        if reason is not None:
            problems.append(("work_order", reason))
    return values, problems


# --- writing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HotlineImportResult:
    numbers: list[str]  # the cases created
    pending: list[str]  # the 工单编号 put into 待定位
    skipped_existing: int  # already in before the import began
    skipped_raced: int  # written meanwhile by another workstation
    skipped_bad: int

    def summary(self) -> str:
        text = f"已导入：新增案件 {len(self.numbers)} 件，转入待定位 {len(self.pending)} 件"
        existing = self.skipped_existing + self.skipped_raced
        if existing:
            text += f"，已导入过的 {existing} 件未重复导入"
        if self.skipped_bad:
            text += f"，跳过有问题的 {self.skipped_bad} 行"
        return text


def hotline_due(session: Session, called_at: datetime, days: int) -> datetime:
    """The moment `days` working days after the call, on the centre's holiday calendar."""
    calendar = load_settings(session).calendar()
    return calendar.add(called_at, days * calendar.hours.minutes_per_day, TimeBasis.WORKING)


def _claim(session: Session, order: str) -> bool:
    """Claim the 工单编号 (no case yet); False when it is already in."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    insert = postgresql_insert if postgresql else sqlite_insert
    stmt = (
        insert(ImportedWorkOrder)
        .values(source=SOURCE.value, work_order=order, case_id=None)
        .on_conflict_do_nothing()
        .returning(ImportedWorkOrder.work_order)
    )
    return session.execute(stmt).first() is not None


def _report(
    session: Session,
    values: dict[str, Any],
    grid_code: str,
    category_code: str,
    actor: Actor,
    now: datetime,
) -> Case:
    """The case of one hotline order, its 工单编号 pointed at it, the hotline's deadline kept."""
    order = str(values["work_order"])
    phone = str(values.get("reporter_phone", ""))
    called = values.get("called_at") or now
    case = report_in(
        session,
        grid_code=grid_code,
        category_code=category_code,
        description=values["description"],
        source=SOURCE,
        urgent=values.get("urgency"),
        address=values.get("address", ""),
        reporter_name=values.get("reporter_name", ""),
        reporter_phone="" if "*" in phone else phone,
        actor=actor,
        now=called,
        note=f"{WORK_ORDER_NOTE}{order}",
    )
    days = values.get("limit_days")
    if days:
        case.hotline_due = hotline_due(session, called, int(days))
    session.execute(
        update(ImportedWorkOrder)
        .where(ImportedWorkOrder.source == SOURCE.value, ImportedWorkOrder.work_order == order)
        .values(case_id=case.id)
    )
    return case


def _pending_values(row: HotlineRow, actor: Actor, now: datetime) -> dict[str, Any]:
    v = row.values
    return {
        "work_order": row.work_order,
        "called_at": v.get("called_at"),
        "reporter_name": v.get("reporter_name", ""),
        "reporter_phone": v.get("reporter_phone", ""),
        "kind": v.get("kind", ""),
        "description": v["description"],
        "address": v.get("address", ""),
        "district": v.get("district", ""),
        "street": v.get("street", ""),
        "handler": v.get("handler", ""),
        "limit_days": v.get("limit_days"),
        "urgent": v.get("urgency"),
        "reason": row.reason[:200],
        "suggestions": row.suggestion.as_json(),
        "imported_at": now,
        "imported_by": actor.label,
        "status": PENDING,
        "decided_by": "",
        "drop_reason": "",
    }


def apply_hotline_import(
    db: Database,
    plan: HotlinePlan,
    actor: Actor,
    *,
    valid_only: bool = False,
    batch_rows: int = IMPORT_BATCH_ROWS,
    now: datetime | None = None,
) -> HotlineImportResult:
    """Write every valid order: a case when certain, else into 待定位. With problems and not
    `valid_only`, nothing is written. Batches of `batch_rows` orders, each its own transaction;
    an order claimed meanwhile by another import is skipped, never written twice."""
    actor.require("case.report", "导入案件")
    refuse_problems(plan.problems, plan.bad_rows, valid_only=valid_only)
    numbers: list[str] = []
    pending: list[str] = []
    raced = 0
    for start in range(0, len(plan.rows), max(batch_rows, 1)):
        batch = plan.rows[start : start + batch_rows]
        with db.write() as session:
            serialize_writers(session, _PG_IMPORT_LOCK)
            moment = now or utcnow()
            waiting: list[dict[str, Any]] = []
            for row in batch:
                if not _claim(session, row.work_order):
                    raced += 1
                    continue
                if row.certain:
                    assert row.grid is not None and row.category is not None
                    case = _report(
                        session, row.values, row.grid.code, row.category.code, actor, moment
                    )
                    numbers.append(case.number)
                else:
                    waiting.append(_pending_values(row, actor, moment))
            if waiting:
                session.add_all(HotlinePending(**values) for values in waiting)
                pending += [values["work_order"] for values in waiting]
                record_audit(
                    session,
                    actor,
                    "hotline.pending",
                    "hotline",
                    plan.file_name[:200],
                    {"orders": [values["work_order"] for values in waiting]},
                    now=moment,
                )
    return HotlineImportResult(numbers, pending, len(plan.already), raced, plan.bad_rows)


# --- the 待定位 tray -----------------------------------------------------------------------


@dataclass(frozen=True)
class PendingOrder:
    """One order in the tray, with the suggestions the import saw."""

    id: int
    work_order: str
    called_at: datetime | None
    reporter_name: str
    reporter_phone: str
    kind: str
    description: str
    address: str
    district: str
    street: str
    handler: str
    limit_days: int | None
    urgent: bool | None
    reason: str
    categories: tuple[Choice, ...]
    grids: tuple[Choice, ...]
    imported_at: datetime
    imported_by: str
    status: str


def _choices(data: Any) -> tuple[Choice, ...]:
    if not isinstance(data, list):
        return ()
    return tuple(
        Choice(
            str(item.get("code", "")),
            str(item.get("name", "")),
            float(item.get("score", 0.0)),
            str(item.get("why", "")),
        )
        for item in data
        if isinstance(item, dict)
    )


def _order(p: HotlinePending) -> PendingOrder:
    data = p.suggestions or {}
    return PendingOrder(
        p.id,
        p.work_order,
        p.called_at,
        p.reporter_name,
        p.reporter_phone,
        p.kind,
        p.description,
        p.address,
        p.district,
        p.street,
        p.handler,
        p.limit_days,
        p.urgent,
        p.reason,
        _choices(data.get("categories")),
        _choices(data.get("grids")),
        p.imported_at,
        p.imported_by,
        p.status,
    )


def pending_count_in(session: Session) -> int:
    query = select(func.count()).select_from(HotlinePending).where(HotlinePending.status == PENDING)
    return int(session.scalar(query) or 0)


def pending_count(db: Database) -> int:
    with db.read() as session:
        return pending_count_in(session)


def list_pending(db: Database, *, status: str = PENDING) -> list[PendingOrder]:
    """The tray's orders (oldest call first), or those confirmed or dropped."""
    with db.read() as session:
        query = (
            select(HotlinePending)
            .where(HotlinePending.status == status)
            .order_by(HotlinePending.called_at, HotlinePending.id)
        )
        return [_order(p) for p in session.scalars(query)]


def _take(session: Session, pending_id: int, status: str, actor: Actor, now: datetime) -> None:
    """Move a pending order to `status` (one writer wins: the UPDATE checks it is pending)."""
    result = session.execute(
        update(HotlinePending)
        .where(HotlinePending.id == pending_id, HotlinePending.status == PENDING)
        .values(status=status, decided_at=now, decided_by=actor.label)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:  # type: ignore[attr-defined]
        return
    current = session.scalar(select(HotlinePending.status).where(HotlinePending.id == pending_id))
    if current is None:
        raise NotFound(f"待定位工单 {pending_id} 不存在")
    raise ValidationError(
        f"待定位工单 {pending_id} {PENDING_STATUS_LABELS.get(current, current)}，不能再处理"
    )


def confirm_pending(
    db: Database,
    pending_id: int,
    grid_code: str,
    category_code: str,
    actor: Actor,
    *,
    now: datetime | None = None,
) -> str:
    """确认: the order becomes a case (待立案) in the grid and 小类 given; returns its number."""
    actor.require("case.report", "确认待定位工单")
    if not grid_code.strip() or not category_code.strip():
        raise ValidationError("确认待定位工单需要选定网格和小类")
    with db.write() as session:
        moment = now or utcnow()
        _take(session, pending_id, CONFIRMED, actor, moment)
        p = session.get_one(HotlinePending, pending_id)
        values: dict[str, Any] = {
            "work_order": p.work_order,
            "description": p.description,
            "address": p.address,
            "reporter_name": p.reporter_name,
            "reporter_phone": p.reporter_phone,
            "urgency": p.urgent,
            "limit_days": p.limit_days,
            "called_at": p.called_at,
        }
        case = _report(session, values, grid_code.strip(), category_code.strip(), actor, moment)
        p.case_id = case.id
        return case.number


def drop_pending(
    db: Database, pending_id: int, reason: str, actor: Actor, *, now: datetime | None = None
) -> None:
    """作废: the order leaves the tray without a case; its 工单编号 stays imported."""
    actor.require("case.report", "作废待定位工单")
    text = reason.strip()
    if not text:
        raise ValidationError("作废待定位工单需要填写原因")
    problem = value_problem(_PENDING, "drop_reason", text, "作废原因")
    if problem is not None:
        raise ValidationError(problem)
    if len(text) > 500:
        raise ValidationError("作废原因过长（最多 500 字）")
    with db.write() as session:
        moment = now or utcnow()
        _take(session, pending_id, DROPPED, actor, moment)
        session.execute(
            update(HotlinePending)
            .where(HotlinePending.id == pending_id)
            .values(drop_reason=text)
            .execution_options(synchronize_session=False)
        )
        record_audit(
            session, actor, "hotline.drop", "hotline", str(pending_id), {"reason": text}, now=moment
        )


@dataclass(frozen=True)
class TrayData:
    """What the tray window shows: the pending orders and every grid and 小类 to pick from."""

    orders: list[PendingOrder]
    grids: list[Choice]  # code, "社区 网格"
    categories: list[Choice]  # code, name


def load_tray(db: Database) -> TrayData:
    orders = list_pending(db)
    with db.read() as session:
        grids = [
            Choice(code, f"{community}{name}", 0.0, "", id=grid_id)
            for grid_id, code, name, community in session.execute(
                select(Grid.id, Grid.code, Grid.name, Community.name)
                .join(Community, Community.id == Grid.community_id)
                .where(Grid.retired_on.is_(None))
                .order_by(Grid.code)
            )
        ]
        categories = [
            Choice(code, name, 0.0, "", id=category_id)
            for category_id, code, name in session.execute(
                select(Category.id, Category.code, Category.name)
                .where(Category.active.is_(True))
                .order_by(Category.code)
            )
        ]
    return TrayData(orders, grids, categories)

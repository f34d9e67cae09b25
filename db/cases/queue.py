"""The desk's case queue (案件队列) in SQL: filters, sort orders, counts, list rows, the board.

Everything the queue table and the department board show is computed here, in the database:
the window never sorts or filters rows in Python, which would mean loading every matching row
(a million on a busy center) instead of reading an index in order. The queue holds only the
sorted case ids; rows are fetched for the few ids on screen, with the list columns only, not
whole ORM objects. Filters compare the plain indexed columns `status_group` / `is_open` for
equality, never with a bound IN list of statuses, so the planner can use their indexes;
`tests/test_case_queue.py` checks the query plans.

The module stays whole (about 570 lines): it is everything the desk asks of the database, read
by the desk's widgets and tests as one namespace (`from db.cases import queue as q`); the queue,
its counts and rows share the filter conditions and sort orders, and the board and the dispatch
preview are short functions beside them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from db.cases.states import STATUS_LABELS, Group, Status
from db.clock import TimeBasis
from db.errors import NotFound, ValidationError
from db.models import Case, Category, Community, Department, Grid, MajorCategory
from db.reference import pinyin
from db.reference.departments import active_departments
from db.reference.settings_store import CenterSettings, load_settings
from db.reference.streets import in_street

__all__ = [
    "OPEN_GROUPS",
    "QUEUE_TABS",
    "SUSPENDED_TAB",
    "DispatchPreview",
    "FilterOptions",
    "NameIndex",
    "QueueFilter",
    "QueueRow",
    "QueueSort",
    "SortKey",
    "count",
    "dispatch_preview",
    "filter_options",
    "group_counts",
    "ids",
    "name_index",
    "new_urgent_reports",
    "page",
    "queue_statements",
    "rows",
    "rows_statement",
    "tab_filter",
    "tab_of",
]

OPEN_GROUPS: tuple[Group, ...] = (
    Group.TO_REGISTER,
    Group.TO_DISPATCH,
    Group.IN_PROGRESS,
    Group.TO_VERIFY,
)

# The 挂账 tab: the 处置中 cases whose clock is stopped, apart from those being handled.
SUSPENDED_TAB = "suspended"
# The queue tabs in order: a status group, the 挂账 tab, or None (全部).
QUEUE_TABS: tuple[str | None, ...] = (
    Group.TO_REGISTER,
    Group.TO_DISPATCH,
    Group.IN_PROGRESS,
    SUSPENDED_TAB,
    Group.TO_VERIFY,
    Group.DONE,
    None,
)

DESCRIPTION_CHARS = 40  # the list shows a short description; the detail pane the full text


class SortKey(StrEnum):
    """The columns the queue can be sorted by."""

    NUMBER = "number"  # 编号
    REPORTED = "reported"  # 上报时间
    PLACE = "place"  # 社区/网格 (by code order)
    CATEGORY = "category"  # 类别 (by the pinyin of the 小类 name)
    URGENCY = "urgency"  # 紧急 first, then least time left
    STATUS = "status"  # 状态
    DEPARTMENT = "department"  # 部门 (by the pinyin of its name; none last)
    TIME_LEFT = "time_left"  # 剩余时间


@dataclass(frozen=True)
class QueueSort:
    key: SortKey = SortKey.URGENCY
    descending: bool = False


@dataclass(frozen=True)
class QueueFilter:
    """What the filter bar selects. `group=None` is the 全部 tab; ids name catalogue rows."""

    group: Group | None = Group.IN_PROGRESS
    community_id: int | None = None
    grid_id: int | None = None
    category_id: int | None = None  # 小类
    major_id: int | None = None  # 大类
    department_id: int | None = None
    source: str | None = None
    urgent: bool | None = None
    alert_only: bool = False  # only cases at warning (预警) or overdue (超期)
    # number, address or description contains this; or the 小类, department, community or
    # grid name does, or their pinyin initials / full pinyin ("jg" → 井盖), see name_index
    text: str = ""
    open_only: bool = False  # only cases that still need work (with the 全部 tab)
    # A time window from the statistics page: cases reported (or closed) in [start, end).
    period_field: str | None = None  # "reported" | "closed"
    period_start: datetime | None = None
    period_end: datetime | None = None
    # 挂账: True only suspended cases, False none (the 处置中 tab), None both.
    suspended: bool | None = None
    # 街道: the cases of the street's communities (a district database holds several streets).
    street_id: int | None = None

    def with_group(self, group: Group | None) -> QueueFilter:
        return replace(self, group=group)


class QueueRow(NamedTuple):
    """One list row, formatted for display; the time left is computed live from `due`."""

    id: int
    number: str
    version: int
    reported: str  # local "MM-DD HH:MM"
    place: str  # 社区/网格
    category: str
    description: str
    urgent: bool
    status: str
    status_label: str
    department: str
    department_id: int | None
    category_id: int
    default_department_id: int | None
    due: float | None  # POSIX seconds of the running stage's deadline
    warn: float | None  # POSIX seconds of its warning time
    working: bool = True  # the category counts working time (else natural time)
    urge_count: int = 0  # 督办 so far
    duplicates: int = 0  # 疑似重复 found at report (shown while the case is open)


# --- filters and orderings -----------------------------------------------------------------


@dataclass(frozen=True)
class NameIndex:
    """The small name tables (小类, departments, communities, grids) with their pinyin, in
    memory: what a text search by name or pinyin and the pinyin sort orders need. A few hundred
    rows, read per question; case rows are never turned into pinyin (a million of them)."""

    categories: tuple[tuple[int, str], ...]
    departments: tuple[tuple[int, str], ...]
    communities: tuple[tuple[int, str], ...]
    grids: tuple[tuple[int, str], ...]

    @cached_property
    def category_rank(self) -> dict[int, int]:
        return pinyin.rank(self.categories)

    @cached_property
    def department_rank(self) -> dict[int, int]:
        return pinyin.rank(self.departments)

    def matching(self, text: str) -> list[tuple[Any, list[int]]]:
        """(case column, ids) whose names contain `text` or match it by pinyin."""
        chinese = not text.isascii()
        out: list[tuple[Any, list[int]]] = []
        for column, names in (
            (Case.category_id, self.categories),
            (Case.department_id, self.departments),
            (Case.community_id, self.communities),
            (Case.grid_id, self.grids),
        ):
            found = [
                i
                for i, name in names
                # Digits alone never match a name: "01" is part of a number, not of 第01网格.
                if (chinese and text in name) or pinyin.matches(text, name)
            ]
            if found:
                out.append((column, found))
        return out


def name_index(session: Session) -> NameIndex:
    def pairs(model: Any) -> tuple[tuple[int, str], ...]:
        return tuple((r[0], r[1]) for r in session.execute(select(model.id, model.name)))

    return NameIndex(pairs(Category), pairs(Department), pairs(Community), pairs(Grid))


def _needs_names(f: QueueFilter, sort: QueueSort | None = None) -> bool:
    return bool(f.text.strip()) or (
        sort is not None and SortKey(sort.key) in (SortKey.CATEGORY, SortKey.DEPARTMENT)
    )


def _names_for(session: Session, f: QueueFilter, sort: QueueSort | None = None) -> NameIndex | None:
    return name_index(session) if _needs_names(f, sort) else None


def tab_filter(f: QueueFilter, tab: str | None) -> QueueFilter:
    """`f` on queue tab `tab` (one of QUEUE_TABS): 处置中 without the 挂账 cases, 挂账 alone."""
    if tab == SUSPENDED_TAB:
        return replace(f, group=Group.IN_PROGRESS, suspended=True)
    group = Group(tab) if tab is not None else None
    return replace(f, group=group, suspended=False if group is Group.IN_PROGRESS else None)


def tab_of(f: QueueFilter) -> str | None:
    """The queue tab that shows `f`'s cases (the inverse of tab_filter)."""
    if f.suspended and f.group in (Group.IN_PROGRESS, None):
        return SUSPENDED_TAB
    return f.group


def _conditions(
    f: QueueFilter, now: datetime, *, with_group: bool = True, names: NameIndex | None = None
) -> list[Any]:
    where: list[Any] = []
    if with_group and f.group is not None:
        where.append(Case.status_group == Group(f.group).value)
    if with_group and f.suspended is not None:
        suspended = Status.SUSPENDED.value
        where.append(Case.status == suspended if f.suspended else Case.status != suspended)
    if f.street_id is not None:
        where.append(in_street(Case.community_id, f.street_id))
    if f.community_id is not None:
        where.append(Case.community_id == f.community_id)
    if f.grid_id is not None:
        where.append(Case.grid_id == f.grid_id)
    if f.category_id is not None:
        where.append(Case.category_id == f.category_id)
    elif f.major_id is not None:
        where.append(
            Case.category_id.in_(select(Category.id).where(Category.major_id == f.major_id))
        )
    if f.department_id is not None:
        where.append(Case.department_id == f.department_id)
    if f.source:
        where.append(Case.source == f.source)
    if f.urgent is not None:
        where.append(Case.urgent.is_(f.urgent))
    if f.alert_only:
        where.append(Case.warn_at <= now)
        if f.group is None:
            where.append(Case.is_open.is_(True))
    if f.open_only:
        where.append(Case.is_open.is_(True))
    if f.period_field is not None:
        column = Case.closed_at if f.period_field == "closed" else Case.reported_at
        if f.period_start is not None:
            where.append(column >= f.period_start)
        if f.period_end is not None:
            where.append(column < f.period_end)
    text = f.text.strip()
    if is_whole_case_number(text):
        # A whole case number (a caller reads it out) is that case: one lookup in the number's
        # unique index instead of a search through every case's text.
        where.append(Case.number == text)
    elif text:
        by_name = [column.in_(found) for column, found in (names.matching(text) if names else [])]
        where.append(
            or_(
                Case.number.contains(text, autoescape=True),
                Case.address.contains(text, autoescape=True),
                Case.description.contains(text, autoescape=True),
                *by_name,
            )
        )
    return where


def is_whole_case_number(text: str) -> bool:
    """Whether `text` is a whole case number: a real day YYYYMMDD and a 5-digit sequence
    from 00001 (db/cases/intake.py `next_case_number`)."""
    if len(text) != 13 or not text.isascii() or not text.isdigit() or text[8:] == "00000":
        return False
    try:
        datetime.strptime(text[:8], "%Y%m%d")
    except ValueError:
        return False
    return True


def _order(sort: QueueSort, names: NameIndex | None = None) -> list[ColumnElement[Any]]:
    key = SortKey(sort.key)
    columns: list[Any]
    if key is SortKey.NUMBER:
        columns = [Case.number]
    elif key is SortKey.REPORTED:
        columns = [Case.reported_at]
    elif key is SortKey.PLACE:
        columns = [Case.community_id, Case.grid_id]
    elif key is SortKey.CATEGORY:
        # Pinyin order of the 小类 names: their rank (a few hundred) in a CASE, no join.
        columns = [_ranked(Case.category_id, names.category_rank if names else None)]
    elif key is SortKey.STATUS:
        columns = [Case.status]
    elif key is SortKey.DEPARTMENT:
        columns = [_ranked(Case.department_id, names.department_rank if names else None)]
    else:  # TIME_LEFT; URGENCY is split on `urgent` first (see _parts)
        columns = [Case.due_at]
    columns.append(Case.id)
    return [c.desc() if sort.descending else c.asc() for c in columns]


def _ranked(column: Any, ranks: dict[int, int] | None) -> Any:
    """`column`'s ids as their pinyin rank; ids without one (none, or new) last."""
    if not ranks:
        return column
    return case(ranks, value=column, else_=len(ranks))


def queue_statements(
    f: QueueFilter, sort: QueueSort, now: datetime, names: NameIndex | None = None
) -> list[Select[Any]]:
    """The statements whose results, concatenated, are the queue in order.

    Urgency order is 紧急 first, then least time left: one index range per `urgent` value
    (`ix_cases_open_queue` = status_group, urgent, due_at) instead of a mixed-direction sort
    that no ascending index serves. Cases without a running clock (挂账) come last in both
    orders, urgent ones first among them, on both databases (SQLite sorts NULL first,
    PostgreSQL last): again separate index ranges rather than an expression no index serves.
    `names` (name_index) gives the text search its names and the 类别/部门 orders their pinyin.
    """
    base = select(Case.id).where(*_conditions(f, now, names=names))
    key = SortKey(sort.key)
    if key not in (SortKey.URGENCY, SortKey.TIME_LEFT):
        return [base.order_by(*_order(sort, names))]
    forward = _order(replace(sort, key=SortKey.TIME_LEFT, descending=False))
    backward = _order(replace(sort, key=SortKey.TIME_LEFT, descending=True))
    ranges: list[list[Any]] = []
    flags: tuple[bool | None, ...] = (
        (True, False) if key is SortKey.URGENCY and f.urgent is None else (None,)
    )
    for clock in (Case.due_at.is_not(None), Case.due_at.is_(None)):
        for flag in flags:
            ranges.append([clock] if flag is None else [Case.urgent.is_(flag), clock])
    if sort.descending:
        return [base.where(*r).order_by(*backward) for r in reversed(ranges)]
    return [base.where(*r).order_by(*forward) for r in ranges]


def count(session: Session, f: QueueFilter, now: datetime) -> int:
    """How many cases the filter selects."""
    where = _conditions(f, now, names=_names_for(session, f))
    stmt = select(func.count()).select_from(Case).where(*where)
    return int(session.scalar(stmt) or 0)


def ids(session: Session, f: QueueFilter, sort: QueueSort, now: datetime) -> array[int]:
    """All selected case ids in queue order, as a compact int array (8 bytes an id)."""
    out: array[int] = array("q")
    connection = session.connection()
    for stmt in queue_statements(f, sort, now, _names_for(session, f, sort)):
        # SQLAlchemy compiles and binds; the ids are read straight off the driver's cursor,
        # which is three times faster than SQLAlchemy's result rows for 100,000 ids.
        result = connection.execute(stmt)
        try:
            out.extend(row[0] for row in result.cursor.fetchall())
        finally:
            result.close()
    return out


def page(
    session: Session,
    f: QueueFilter,
    sort: QueueSort,
    now: datetime,
    limit: int,
    tz: ZoneInfo | None = None,
) -> list[QueueRow]:
    """The first `limit` rows of the queue: what the table shows before all ids are in."""
    found: list[int] = []
    for stmt in queue_statements(f, sort, now, _names_for(session, f, sort)):
        if len(found) >= limit:
            break
        found.extend(session.execute(stmt.limit(limit - len(found))).scalars())
    return rows(session, found, tz)


def group_counts(session: Session, f: QueueFilter, now: datetime) -> dict[str, int]:
    """The live counts on the queue tabs (the open groups and 挂账), under the other filters;
    处置中 counts the cases being handled, without the 挂账 ones. A whole case number is one
    index lookup: then 已结案 is counted too, so a number read out for a closed case, typed in
    on an open tab that shows nothing, says on which tab the case is."""
    others = _conditions(f, now, with_group=False, names=_names_for(session, f))
    out: dict[str, int] = {}
    suspended = Status.SUSPENDED.value
    tabs: tuple[str, ...] = (*OPEN_GROUPS, SUSPENDED_TAB)
    if is_whole_case_number(f.text.strip()):
        tabs += (Group.DONE,)
    for tab in tabs:
        group = Group.IN_PROGRESS if tab == SUSPENDED_TAB else Group(tab)
        where = [Case.status_group == group.value, *others]
        if group is Group.IN_PROGRESS:
            where.append(
                Case.status == suspended if tab == SUSPENDED_TAB else Case.status != suspended
            )
        stmt = select(func.count()).select_from(Case).where(*where)
        out[tab] = int(session.scalar(stmt) or 0)
    return out


# --- list rows -----------------------------------------------------------------------------


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= DESCRIPTION_CHARS - 1 else line[: DESCRIPTION_CHARS - 1] + "…"


def _community_short(name: str) -> str:
    return name[:-2] if name.endswith("社区") and len(name) > 2 else name


def rows_statement(case_ids: Sequence[int]) -> Select[Any]:
    """The list columns of `case_ids` (no order): what `rows` runs, for benchmarks too."""
    return (
        select(
            Case.id,
            Case.number,
            Case.version,
            Case.reported_at,
            Community.name,
            Grid.name,
            Category.name,
            func.substr(Case.description, 1, DESCRIPTION_CHARS),
            Case.urgent,
            Case.status,
            Department.name,
            Case.department_id,
            Case.category_id,
            Category.default_department_id,
            Case.due_at,
            Case.warn_at,
            Category.basis,
            Case.urge_count,
            Case.possible_duplicates,
            Case.is_open,
        )
        .join(Community, Community.id == Case.community_id)
        .join(Grid, Grid.id == Case.grid_id)
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Department, Department.id == Case.department_id)
        .where(Case.id.in_(list(case_ids)))
    )


def rows(
    session: Session,
    case_ids: Sequence[int],
    tz: ZoneInfo | None = None,
    now: datetime | None = None,
) -> list[QueueRow]:
    """List rows for `case_ids`, in that order (ids that no longer exist are left out)."""
    if not case_ids:
        return []
    if tz is None:
        tz = load_settings(session).tz
    stmt = rows_statement(case_ids)
    found: dict[int, QueueRow] = {}
    this_year = (now or datetime.now(UTC)).astimezone(tz).year
    for r in session.execute(stmt):
        status = Status(r[9])
        reported = r[3].astimezone(tz)
        found[r[0]] = QueueRow(
            id=r[0],
            number=r[1],
            version=r[2],
            # This year's cases as 11-26 14:37; older ones with their year, never mistaken
            # for a date to come.
            reported=reported.strftime("%m-%d %H:%M" if reported.year == this_year else "%Y-%m-%d"),
            place=f"{_community_short(r[4])}/{r[5]}",
            category=r[6],
            description=_short(r[7] or ""),
            urgent=bool(r[8]),
            status=status.value,
            status_label=STATUS_LABELS[status],
            department=r[10] or "",
            department_id=r[11],
            category_id=r[12],
            default_department_id=r[13],
            due=r[14].timestamp() if r[14] is not None else None,
            warn=r[15].timestamp() if r[15] is not None else None,
            working=r[16] != TimeBasis.NATURAL.value,
            urge_count=int(r[17] or 0),
            duplicates=int(r[18] or 0) if r[19] else 0,
        )
    return [found[i] for i in case_ids if i in found]


# --- filter bar choices --------------------------------------------------------------------


@dataclass(frozen=True)
class FilterOptions:
    """Choices of the filter bar's combo boxes: (id, label) pairs in display order."""

    communities: list[tuple[int, str]]
    grids: list[tuple[int, int, str]]  # (id, community id, label)
    majors: list[tuple[int, str]]
    categories: list[tuple[int, int, str]]  # (id, major id, label)
    departments: list[tuple[int, str]]


def filter_options(session: Session) -> FilterOptions:
    communities = session.execute(
        select(Community.id, Community.name).order_by(Community.code)
    ).all()
    grids = session.execute(
        select(Grid.id, Grid.community_id, Grid.name, Community.name, Grid.retired_on)
        .join(Community, Community.id == Grid.community_id)
        .order_by(Grid.retired_on.is_not(None), Grid.code)
    ).all()
    majors = session.execute(
        select(MajorCategory.id, MajorCategory.kind, MajorCategory.name).order_by(
            MajorCategory.code
        )
    ).all()
    categories = session.execute(
        select(Category.id, Category.major_id, Category.name)
        .where(Category.active)
        .order_by(Category.code)
    ).all()
    return FilterOptions(
        communities=[(r[0], r[1]) for r in communities],
        # A retired grid is offered last, marked: its old cases can still be found.
        grids=[
            (r[0], r[1], f"{_community_short(r[3])}/{r[2]}{'（已停用）' if r[4] else ''}")
            for r in grids
        ],
        majors=[(r[0], f"{r[1]}·{r[2]}") for r in majors],
        categories=[(r[0], r[1], r[2]) for r in categories],
        departments=[(d.id, d.name) for d in active_departments(session)],
    )


# --- dispatch preview ----------------------------------------------------------------------


@dataclass(frozen=True)
class DispatchPreview:
    """What a drop of cases on a department would do, shown while dragging."""

    department_id: int
    department: str
    deadlines: dict[int, datetime]  # case id → handle deadline (处置时限) if dispatched now
    default_departments: frozenset[int]  # the categories' default departments
    dispatchable: frozenset[int]  # cases whose state allows 派遣 now

    @property
    def earliest(self) -> datetime | None:
        return min(self.deadlines.values()) if self.deadlines else None

    @property
    def latest(self) -> datetime | None:
        return max(self.deadlines.values()) if self.deadlines else None


_DISPATCHABLE = frozenset({Status.REGISTERED.value, Status.RETURNED.value})


def dispatch_preview(
    session: Session,
    case_ids: Iterable[int],
    department_id: int,
    now: datetime,
    settings: CenterSettings | None = None,
) -> DispatchPreview:
    """The handle deadline each case would get if dispatched to `department_id` at `now`.

    Computed as db/cases/workflow.py does on 派遣: the category's handle limit on the center's
    working calendar (or natural time for categories that count it).
    """
    settings = settings or load_settings(session)
    dept = session.get(Department, department_id)
    if dept is None:
        raise NotFound(f"部门 {department_id} 不存在")
    if not dept.active:
        raise ValidationError(f"部门「{dept.name}」已停用，不能派遣")
    wanted = sorted(set(case_ids))
    found = (
        session.execute(
            select(
                Case.id,
                Case.status,
                Category.handle_minutes,
                Category.basis,
                Category.default_department_id,
            )
            .join(Category, Category.id == Case.category_id)
            .where(Case.id.in_(wanted))
        ).all()
        if wanted
        else []
    )
    calendar = settings.calendar()
    deadlines = {r[0]: calendar.add(now, int(r[2]), TimeBasis(r[3])) for r in found}
    return DispatchPreview(
        department_id=dept.id,
        department=dept.name,
        deadlines=deadlines,
        default_departments=frozenset(r[4] for r in found if r[4] is not None),
        dispatchable=frozenset(r[0] for r in found if r[1] in _DISPATCHABLE),
    )


def new_urgent_reports(session: Session, case_ids: Iterable[int]) -> list[str]:
    """Numbers of urgent cases among `case_ids` that were just reported (nothing done yet)."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return []
    stmt = (
        select(Case.number)
        .where(
            Case.id.in_(wanted),
            Case.urgent.is_(True),
            Case.status == Status.REPORTED.value,
            Case.version == 1,
        )
        .order_by(Case.id)
    )
    return list(session.scalars(stmt))

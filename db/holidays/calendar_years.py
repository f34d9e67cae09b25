"""The holiday calendar a center keeps (节假日日历): list its years, replace a year's holidays
and 调休 working days, correct one day, mark a year official, import and export a year as Excel,
and the warning shown on start when the calendar runs out.

The bundled years (resources/calendar/cn_holidays.json) stay the default; a year the center
stores replaces that year of the file (db.reference.calendar_store). Every change needs
`admin.settings`, is audited, gives the calendar a new version (the next transaction of every
process works on the new calendar) and moves the deadlines of the open working-time cases
(db.cases.recompute), all in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.cases.recompute import MovedDeadline, recompute_deadlines
from db.clock import OFFICIAL, PROVISIONAL, CalendarYear, utcnow
from db.engine import Database, serialize_writers
from db.errors import NotFound, ValidationError
from db.models import HolidayDay, HolidayYear
from db.models.limits import value_problem
from db.reference.calendar_store import HOLIDAY, WORKDAY, effective_years, new_version
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM, Actor
from db.security.audit import record_audit
from db.sheets.cells import clean_text, is_blank, parse_date
from db.sheets.header_row import column_letter, find_header, header_key
from db.sheets.problems import Problem
from db.sheets.reading import data_rows, read_head
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, check_xlsx

__all__ = [
    "HOLIDAY",
    "OFFICIAL",
    "PROVISIONAL",
    "WORKDAY",
    "CalendarChange",
    "CalendarDay",
    "YearCalendar",
    "YearImport",
    "YearRow",
    "calendar_warning",
    "export_year",
    "import_year",
    "list_years",
    "mark_official",
    "plan_year_import",
    "set_day",
    "set_year",
    "year_calendar",
]

STATUS_LABELS = {OFFICIAL: "正式", PROVISIONAL: "暂定"}
KIND_LABELS = {HOLIDAY: "放假", WORKDAY: "调休上班"}
SOURCE_BUNDLED = "内置"
SOURCE_CENTER = "本中心"
# What a day is, as the editor shows it.
DAY_WORKDAY = "workday"  # 工作日
DAY_WEEKEND = "weekend"  # 休息日 (Saturday, Sunday)
DAY_HOLIDAY = "holiday"  # 放假
DAY_MAKEUP = "makeup"  # 调休上班
DAY_LABELS = {
    DAY_WORKDAY: "工作日",
    DAY_WEEKEND: "休息日",
    DAY_HOLIDAY: "放假",
    DAY_MAKEUP: "调休上班",
}
WARNING_DAYS = 60  # the next year must be entered this many days before it starts
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
_WEEKDAYS = "一二三四五六日"
_PERMISSION = "admin.settings"
_PG_CALENDAR_LOCK = 0x686F_6C69  # "holi": one calendar change at a time, each on the last one
_NAME_LENGTH = 32


def weekday_text(day: date) -> str:
    return f"星期{_WEEKDAYS[day.weekday()]}"


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearRow:
    """One year of the effective calendar, as `calendar list` shows it."""

    year: int
    status: str
    status_label: str
    source: str  # 内置 (the bundled file) or 本中心 (stored in the database)
    holidays: int  # days off
    makeup: int  # 调休上班 days
    changed_by: str
    changed_at: datetime | None


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # DAY_WORKDAY / DAY_WEEKEND / DAY_HOLIDAY / DAY_MAKEUP
    name: str  # the holiday's name (放假, 调休上班), else ""

    @property
    def label(self) -> str:
        return DAY_LABELS[self.kind]


@dataclass(frozen=True)
class YearCalendar:
    """One year as it counts now: its status, where it comes from and its special days."""

    year: int
    status: str  # official / provisional, "" when the year is not entered at all
    source: str  # 内置 / 本中心 / "" (not entered)
    holidays: Mapping[date, str] = field(default_factory=dict)
    makeup: Mapping[date, str] = field(default_factory=dict)
    changed_by: str = ""
    changed_at: datetime | None = None

    @property
    def known(self) -> bool:
        return bool(self.status)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "未录入")

    def day(self, day: date) -> CalendarDay:
        if day in self.holidays:
            return CalendarDay(day, DAY_HOLIDAY, self.holidays[day])
        if day in self.makeup:
            return CalendarDay(day, DAY_MAKEUP, self.makeup[day])
        return CalendarDay(day, DAY_WEEKEND if day.weekday() >= 5 else DAY_WORKDAY, "")

    def days(self) -> list[CalendarDay]:
        """Every day of the year."""
        first = date(self.year, 1, 1)
        count = (date(self.year + 1, 1, 1) - first).days
        return [self.day(first + timedelta(days=i)) for i in range(count)]

    def entries(self) -> list[CalendarDay]:
        """The holidays and 调休 days in date order (what an export lists)."""
        return sorted(
            [CalendarDay(d, DAY_HOLIDAY, n) for d, n in self.holidays.items()]
            + [CalendarDay(d, DAY_MAKEUP, n) for d, n in self.makeup.items()],
            key=lambda entry: entry.day,
        )

    def summary(self) -> str:
        return (
            f"{self.year} 年（{self.status_label}，{self.source or '未录入'}）："
            f"放假 {len(self.holidays)} 天，调休上班 {len(self.makeup)} 天"
        )


def _stored_rows(session: Session) -> dict[int, HolidayYear]:
    return {row.year: row for row in session.scalars(select(HolidayYear))}


def _effective(session: Session) -> dict[int, CalendarYear]:
    return effective_years(load_settings(session).calendar_version)


def _year_calendar(
    entry: CalendarYear | None, stored: HolidayYear | None, year: int
) -> YearCalendar:
    if entry is None:
        return YearCalendar(year, "", "")
    return YearCalendar(
        year,
        entry.status,
        SOURCE_CENTER if stored is not None else SOURCE_BUNDLED,
        dict(entry.holidays),
        dict(entry.makeup),
        stored.changed_by if stored is not None else "",
        stored.changed_at if stored is not None else None,
    )


def list_years(session: Session) -> list[YearRow]:
    """Every year of the effective calendar, oldest first."""
    years = _effective(session)
    stored = _stored_rows(session)
    rows: list[YearRow] = []
    for year in sorted(years):
        cal = _year_calendar(years[year], stored.get(year), year)
        rows.append(
            YearRow(
                year,
                cal.status,
                cal.status_label,
                cal.source,
                len(cal.holidays),
                len(cal.makeup),
                cal.changed_by,
                cal.changed_at,
            )
        )
    return rows


def _check_year(year: int) -> int:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(f"年份 {year} 超出范围（应为 {EARLIEST_YEAR}–{LATEST_YEAR}）")
    return year


def year_calendar(session: Session, year: int) -> YearCalendar:
    """One year as it counts now (an empty one, status "", when it is not entered)."""
    _check_year(year)
    years = _effective(session)
    return _year_calendar(years.get(year), session.get(HolidayYear, year), year)


# --- changing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarChange:
    """What a change did: the year as it now is and the cases whose deadline moved."""

    year: YearCalendar
    moved: list[MovedDeadline]

    def summary(self) -> str:
        text = f"已更新 {self.year.summary()}"
        if self.moved:
            text += f"；{len(self.moved)} 件在办案件的时限已重新计算"
        return text


def _day_problems(year: int, holidays: Mapping[date, str], makeup: Mapping[date, str]) -> list[str]:
    problems: list[str] = []
    for day in sorted(set(holidays) | set(makeup)):
        if day.year != year:
            problems.append(f"{day.isoformat()} 不属于 {year} 年")
    for day in sorted(set(holidays) & set(makeup)):
        problems.append(f"{day.isoformat()} 不能既放假又调休上班")
    for day in sorted(makeup):
        if day.weekday() < 5:
            problems.append(f"{day.isoformat()} 是{weekday_text(day)}，本来就上班，不是调休上班日")
    for day, name in sorted({**holidays, **makeup}.items()):
        if len(name) > _NAME_LENGTH:
            problems.append(f"{day.isoformat()} 的名称过长（最多 {_NAME_LENGTH} 字）")
        else:
            reason = value_problem(HolidayDay.__table__, "name", name, "名称")  # type: ignore[arg-type]
            if reason is not None:
                problems.append(f"{day.isoformat()}：{reason}")
    return problems


def _store_year(
    session: Session,
    entry: CalendarYear,
    actor: Actor,
    now: datetime,
    note: str | None = None,
) -> None:
    """Replace the stored year (its row and all its days) by `entry`."""
    session.execute(delete(HolidayDay).where(HolidayDay.year == entry.year))
    row = session.get(HolidayYear, entry.year)
    if row is None:
        row = HolidayYear(year=entry.year, note="")
        session.add(row)
    row.status = entry.status
    if note is not None:
        row.note = note
    row.changed_by = actor.label
    row.changed_at = now
    session.flush()
    days = [
        HolidayDay(
            day=d, year=entry.year, kind=kind, name=name, changed_by=actor.label, changed_at=now
        )
        for kind, source in ((HOLIDAY, entry.holidays), (WORKDAY, entry.makeup))
        for d, name in source.items()
    ]
    session.add_all(days)
    session.flush()


def _apply(
    session: Session,
    entry: CalendarYear,
    actor: Actor,
    action: str,
    details: dict[str, object],
    now: datetime | None,
    note: str | None = None,
) -> CalendarChange:
    """Store `entry`, give the calendar a new version and move the open cases' deadlines."""
    now = now or utcnow()
    before = load_settings(session)
    previous = year_calendar(session, entry.year)
    _store_year(session, entry, actor, now, note)
    new_version(session)
    after = load_settings(session)
    reason = f"节假日调整：{entry.year} 年日历更新"
    moved = recompute_deadlines(
        session, before.calendar(), after.calendar(), after.warn_share, actor, reason, now
    )
    current = year_calendar(session, entry.year)
    record_audit(
        session,
        actor,
        action,
        "calendar",
        str(entry.year),
        {
            "from": previous.summary(),
            "to": current.summary(),
            **details,
            "cases_moved": len(moved),
        },
        now=now,
    )
    return CalendarChange(current, moved)


def set_year(
    session: Session,
    year: int,
    holidays: Mapping[date, str],
    makeup: Mapping[date, str],
    status: str = OFFICIAL,
    actor: Actor = SYSTEM,
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> CalendarChange:
    """Replace a year's holidays (date → name) and 调休 working days (date → the holiday they
    make up for, may be empty) in the caller's transaction."""
    actor.require(_PERMISSION, "修改节假日日历")
    _check_year(year)
    serialize_writers(session, _PG_CALENDAR_LOCK)
    if status not in STATUS_LABELS:
        raise ValidationError(f"状态「{status}」无效，应为 official（正式）或 provisional（暂定）")
    holidays = {d: name.strip() for d, name in holidays.items()}
    makeup = {d: name.strip() for d, name in makeup.items()}
    problems = _day_problems(year, holidays, makeup)
    if problems:
        raise ValidationError(f"{year} 年日历有误：" + "；".join(problems))
    if not holidays:
        raise ValidationError(f"{year} 年没有任何放假日期，未作修改")
    entry = CalendarYear(year, status, holidays, makeup)
    return _apply(
        session,
        entry,
        actor,
        "calendar.set_year",
        {"holidays": len(holidays), "makeup": len(makeup), "status": status},
        now,
        note,
    )


def set_day(
    session: Session,
    day: date,
    kind: str | None,
    name: str = "",
    actor: Actor = SYSTEM,
    *,
    now: datetime | None = None,
) -> CalendarChange:
    """Correct one day: `HOLIDAY` (放假, with the holiday's name), `WORKDAY` (上班: 调休上班 on
    a Saturday or Sunday, an ordinary working day Monday to Friday) or None (默认: as its
    weekday says). A bundled year is copied into the database first, so the correction
    replaces the file's year; a year not entered at all starts as provisional."""
    actor.require(_PERMISSION, "修改节假日日历")
    _check_year(day.year)
    serialize_writers(session, _PG_CALENDAR_LOCK)
    current = year_calendar(session, day.year)
    holidays = dict(current.holidays)
    makeup = dict(current.makeup)
    before = current.day(day)
    holidays.pop(day, None)
    makeup.pop(day, None)
    name = name.strip()
    if kind == HOLIDAY:
        holidays[day] = name or before.name or "放假"
    elif kind == WORKDAY:
        if day.weekday() >= 5:
            makeup[day] = name or before.name
    elif kind is not None:
        raise ValidationError(f"日期类型「{kind}」无效，应为 放假、上班 或 默认")
    entry = CalendarYear(day.year, current.status or PROVISIONAL, holidays, makeup)
    problems = _day_problems(day.year, holidays, makeup)
    if problems:
        raise ValidationError("；".join(problems))
    after = YearCalendar(day.year, entry.status, "", holidays, makeup).day(day)
    if after == before:
        raise ValidationError(f"{day.isoformat()} 已是「{before.label}」，未作修改")
    return _apply(
        session,
        entry,
        actor,
        "calendar.set_day",
        {
            "day": day.isoformat(),
            "before": before.label + (f"（{before.name}）" if before.name else ""),
            "after": after.label + (f"（{after.name}）" if after.name else ""),
        },
        now,
    )


def mark_official(
    session: Session, year: int, actor: Actor = SYSTEM, *, now: datetime | None = None
) -> CalendarChange:
    """Mark an entered year official (the State Council's notice is out and entered)."""
    actor.require(_PERMISSION, "修改节假日日历")
    serialize_writers(session, _PG_CALENDAR_LOCK)
    current = year_calendar(session, year)
    if not current.known:
        raise NotFound(f"{year} 年的节假日尚未录入，请先导入或逐日设置")
    if current.status == OFFICIAL:
        raise ValidationError(f"{year} 年已是正式日历，未作修改")
    entry = CalendarYear(year, OFFICIAL, current.holidays, current.makeup)
    return _apply(session, entry, actor, "calendar.official", {"status": OFFICIAL}, now)


# --- warning ------------------------------------------------------------------------------------


def calendar_warning(session: Session, now: datetime | None = None) -> str | None:
    """A sentence for the start and the status bar when deadlines are counted on a calendar
    that is not the official one: the current year provisional or missing, or the next year
    provisional or missing within `WARNING_DAYS` days of its start; None when all is well."""
    settings = load_settings(session)
    today = (now or utcnow()).astimezone(settings.tz).date()
    years = effective_years(settings.calendar_version)
    where = "请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排"
    current = years.get(today.year)
    if current is None:
        return f"{today.year} 年的节假日尚未录入，工作时限只按周末休息计算；{where}"
    if current.status == PROVISIONAL:
        return (
            f"{today.year} 年的节假日安排仍为暂定（调休上班日可能缺失），工作时限可能不准；{where}"
        )
    following = today.year + 1
    days_left = (date(following, 1, 1) - today).days
    if days_left <= WARNING_DAYS:
        upcoming = years.get(following)
        if upcoming is None:
            return f"{following} 年的节假日尚未录入（{days_left} 天后开始）；{where}"
        if upcoming.status == PROVISIONAL:
            return (
                f"{following} 年的节假日安排仍为暂定"
                f"（调休上班日可能缺失，{days_left} 天后开始）；{where}"
            )
    return None


# --- Excel --------------------------------------------------------------------------------------

_HEADERS = {"日期": "day", "类型": "kind", "名称": "name"}
_INDEX = {header_key(text): name for text, name in _HEADERS.items()}
_INDEX.update(
    {header_key(t): n for t, n in (("日 期", "day"), ("节假日名称", "name"), ("节日", "name"))}
)
_KINDS = {
    "放假": HOLIDAY,
    "休": HOLIDAY,
    "休息": HOLIDAY,
    "调休上班": WORKDAY,
    "上班": WORKDAY,
    "班": WORKDAY,
}


@dataclass
class YearImport:
    """A checked Excel file of one year: its days, or the problems by row."""

    file_name: str
    year: int
    holidays: dict[date, str] = field(default_factory=dict)
    makeup: dict[date, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    def summary(self) -> str:
        return (
            f"「{self.file_name}」{self.year} 年：{self.rows} 行，"
            f"放假 {len(self.holidays)} 天，调休上班 {len(self.makeup)} 天"
        )


def plan_year_import(path: str | Path, year: int, *, limits: Limits = DEFAULT_LIMITS) -> YearImport:
    """Read and check a sheet with the columns 日期, 类型 (放假 / 调休上班), 名称; writes
    nothing. Every problem is listed by row and column."""
    _check_year(year)
    with check_xlsx(path, limits) as book:
        rows = book.rows()
        head = read_head(rows, book.path.name)
        header_at, headers = find_header(
            head, lambda text: _INDEX.get(header_key(text)), "（应有「日期」「类型」「名称」三列）"
        )
        plan = YearImport(book.path.name, year)
        header_row = head[header_at][0]
        columns: dict[str, tuple[int, str]] = {}
        for index, text in enumerate(headers):
            found = _INDEX.get(header_key(text)) if text else None
            if found is not None:
                columns.setdefault(found, (index, f"{column_letter(index)}列 {text}"))
        for text, name in _HEADERS.items():
            if name not in columns:
                plan.problems.append(Problem(header_row, "", f"缺少必需的列「{text}」"))
        if plan.problems:
            return plan
        seen: dict[date, int] = {}
        for number, cells in data_rows(head, header_at, rows):
            raw = {n: cells[i] if i < len(cells) else None for n, (i, _) in columns.items()}
            if all(is_blank(v) for v in raw.values()):
                continue
            plan.rows += 1

            def problem(name: str, reason: str, number: int = number) -> None:
                plan.problems.append(Problem(number, columns[name][1], reason))

            day: date | None = None
            try:
                day = parse_date(raw["day"], "日期", date1904=book.date1904)
            except ValidationError as exc:
                problem("day", str(exc))
            if day is None and not any(p.row == number for p in plan.problems):
                problem("day", "缺少日期")
            kind_text = re.sub(r"\s", "", clean_text(raw["kind"]))
            kind = _KINDS.get(kind_text)
            if kind is None:
                problem(
                    "kind",
                    f"类型「{kind_text}」应为 放假 或 调休上班" if kind_text else "缺少类型",
                )
            name = clean_text(raw["name"])
            if kind == HOLIDAY and not name:
                problem("name", "放假日须填写节日名称（如 春节）")
            if len(name) > _NAME_LENGTH:
                problem("name", f"名称过长（最多 {_NAME_LENGTH} 字）")
            if day is None:
                continue
            if day.year != year:
                problem("day", f"{day.isoformat()} 不属于 {year} 年")
                continue
            if day in seen:
                problem("day", f"{day.isoformat()} 与第 {seen[day]} 行的日期重复")
                continue
            seen[day] = number
            if kind == WORKDAY and day.weekday() < 5:
                problem(
                    "kind",
                    f"{day.isoformat()} 是{weekday_text(day)}，本来就上班，不是调休上班日",
                )
                continue
            if kind == HOLIDAY:
                plan.holidays[day] = name
            elif kind == WORKDAY:
                plan.makeup[day] = name
        if not plan.rows:
            plan.problems.append(Problem(header_row, "", "表中没有任何日期"))
        elif not plan.holidays and not plan.problems:
            plan.problems.append(Problem(header_row, "", f"{year} 年没有任何放假日期"))
    return plan


def import_year(
    db: Database,
    path: str | Path,
    year: int,
    actor: Actor = SYSTEM,
    *,
    status: str = OFFICIAL,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[YearImport, CalendarChange | None]:
    """Check the file, then (unless `dry_run` or a problem was found) replace the year with
    it in one transaction. The plan tells the problems; nothing is written while any remain."""
    actor.require(_PERMISSION, "导入节假日日历")
    plan = plan_year_import(path, year, limits=limits)
    if plan.problems or dry_run:
        return plan, None
    with db.write() as session:
        change = set_year(
            session,
            year,
            plan.holidays,
            plan.makeup,
            status,
            actor,
            note=f"导入自 {plan.file_name}",
        )
    return plan, change


def export_year(session: Session, year: int, path: str | Path) -> YearCalendar:
    """Write a year's holidays and 调休 days as a sheet `import_year` reads back."""
    # openpyxl (and the numpy it loads) only when a year is exported, not at the window's start.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    cal = year_calendar(session, year)
    if not cal.known:
        raise NotFound(f"{year} 年的节假日尚未录入，没有可导出的内容")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{year}年节假日"
    sheet.append(["日期", "类型", "名称", "星期"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in cal.entries():
        sheet.append(
            [
                entry.day,
                KIND_LABELS[HOLIDAY if entry.kind == DAY_HOLIDAY else WORKDAY],
                entry.name,
                weekday_text(entry.day),
            ]
        )
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
    kinds = DataValidation(type="list", formula1='"放假,调休上班"', allow_blank=False)
    kinds.error = "类型应为 放假 或 调休上班"
    sheet.add_data_validation(kinds)
    kinds.add("B2:B400")
    for letter, width in (("A", 14), ("B", 12), ("C", 18), ("D", 10)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.save(str(path))
    return cal

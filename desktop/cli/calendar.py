"""`griddesk-admin calendar`: the center's holiday calendar (节假日日历) from the console — list
the years, show one, import a year from Excel (日期, 类型, 名称), export it, correct one day,
mark a year official. Same checks, audit entries and deadline recomputation as the window."""

from __future__ import annotations

import argparse
from datetime import date

from db.engine import Database
from db.errors import ValidationError
from db.holidays.calendar_years import (
    HOLIDAY,
    OFFICIAL,
    PROVISIONAL,
    WORKDAY,
    CalendarChange,
    calendar_warning,
    export_year,
    import_year,
    list_years,
    mark_official,
    set_day,
    weekday_text,
    year_calendar,
)
from db.reference.settings_store import load_settings
from desktop.cli.common import (
    EXIT_OK,
    Subcommands,
    actor_of,
    fail,
    int_in,
    print_json,
)

_KINDS = {"放假": HOLIDAY, "休": HOLIDAY, "上班": WORKDAY, "班": WORKDAY, "默认": None}


def print_warning(db: Database) -> None:
    """The calendar warning as `info` and the window show it on start (nothing if none)."""
    with db.read() as session:
        warning = calendar_warning(session)
    if warning:
        print(f"注意：{warning}")


def _print_change(db: Database, change: CalendarChange) -> None:
    print(change.summary())
    with db.read() as session:
        tz = load_settings(session).tz
    for moved in change.moved[:20]:
        before, after = moved.previous_due.astimezone(tz), moved.due.astimezone(tz)
        print(f"  案件 {moved.number}：期限 {before:%Y-%m-%d %H:%M} → {after:%Y-%m-%d %H:%M}")
    if len(change.moved) > 20:
        print(f"  …另有 {len(change.moved) - 20} 件")


def run_list(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        rows = list_years(session)
    if args.json:
        print_json(
            [
                {
                    "year": r.year,
                    "status": r.status,
                    "source": r.source,
                    "holidays": r.holidays,
                    "makeup_workdays": r.makeup,
                    "changed_by": r.changed_by or None,
                    "changed_at": r.changed_at.isoformat() if r.changed_at else None,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        changed = f"\t{r.changed_by} {r.changed_at:%Y-%m-%d %H:%M}" if r.changed_at else ""
        print(
            f"{r.year}\t{r.status_label}\t{r.source}\t放假 {r.holidays} 天\t"
            f"调休上班 {r.makeup} 天{changed}"
        )
    print_warning(db)
    return EXIT_OK


def run_show(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        cal = year_calendar(session, args.year)
    if not cal.known:
        return fail(f"{args.year} 年的节假日尚未录入（可用 griddesk-admin calendar import 导入）")
    if args.json:
        print_json(
            {
                "year": cal.year,
                "status": cal.status,
                "source": cal.source,
                "days": [
                    {"date": e.day.isoformat(), "kind": e.kind, "name": e.name}
                    for e in cal.entries()
                ],
            }
        )
        return EXIT_OK
    print(cal.summary())
    for entry in cal.entries():
        print(f"{entry.day.isoformat()}\t{weekday_text(entry.day)}\t{entry.label}\t{entry.name}")
    return EXIT_OK


def run_import(args: argparse.Namespace, db: Database) -> int:
    status = PROVISIONAL if args.provisional else OFFICIAL
    plan, change = import_year(
        db, args.file, args.year, actor_of(args), status=status, dry_run=args.dry_run
    )
    print(plan.summary())
    if plan.problems:
        print(f"发现 {len(plan.problems)} 处问题：")
        for problem in plan.problems:
            print(f"  {problem.text}")
        return fail(f"发现 {len(plan.problems)} 处问题，未导入任何数据；请修正后重试")
    if change is None:
        print("试导入：检查通过，未写入任何数据")
        return EXIT_OK
    _print_change(db, change)
    return EXIT_OK


def run_export(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        cal = export_year(session, args.year, args.file)
    print(f"已导出 {cal.summary()} 到 {args.file}")
    return EXIT_OK


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"「{text}」不是日期（应为 2027-01-30 这样的写法）"
        ) from None


def run_set(args: argparse.Namespace, db: Database) -> int:
    if args.kind not in _KINDS:
        raise ValidationError(f"类型「{args.kind}」应为 放假、上班 或 默认")
    with db.write() as session:
        change = set_day(session, args.date, _KINDS[args.kind], args.name or "", actor_of(args))
    print(
        f"{args.date.isoformat()}（{weekday_text(args.date)}）：{change.year.day(args.date).label}"
    )
    _print_change(db, change)
    return EXIT_OK


def run_mark_official(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        change = mark_official(session, args.year, actor_of(args))
    _print_change(db, change)
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `calendar` command group."""
    cal = subparsers.add_parser(
        "calendar",
        help="节假日日历：放假与调休上班日（管理员）",
        description="查看和维护本中心的节假日日历。内置日历（2025–2026 年正式，2027 年暂定）为默认，"
        "本中心录入的年份替换内置的同一年。修改后在办案件的工作时限按新日历重新计算，并记入流转记录。",
    )
    verbs = cal.add_subparsers(dest="calendar_command", required=True, title="操作", metavar="操作")
    year = int_in(2000, 2100)

    p = verbs.add_parser("list", help="列出各年份及其状态（正式/暂定）和来源（内置/本中心）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_list)

    p = verbs.add_parser("show", help="列出一年的放假日和调休上班日")
    p.add_argument("year", metavar="YEAR", type=year, help="年份，如 2027")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_show)

    p = verbs.add_parser(
        "import",
        help="从 Excel 导入一年的日历（替换该年）",
        description="工作表的列：日期、类型（放假 / 调休上班）、名称（放假日必填，如 春节）。"
        "有任何问题时逐行列出，不写入任何数据。",
    )
    p.add_argument("file", metavar="FILE", help="Excel 文件（.xlsx）")
    p.add_argument("--year", required=True, type=year, metavar="Y", help="年份")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--provisional", action="store_true", help="作为暂定日历导入（默认为正式）")
    p.set_defaults(func=run_import)

    p = verbs.add_parser("export", help="把一年的日历导出为 Excel（可改后再导入）")
    p.add_argument("year", metavar="YEAR", type=year, help="年份")
    p.add_argument("file", metavar="FILE", help="要写入的 .xlsx 文件")
    p.set_defaults(func=run_export)

    p = verbs.add_parser(
        "set",
        help="更正一天：放假、上班（周末即调休上班）或 默认（按星期）",
    )
    p.add_argument("date", metavar="DATE", type=_date, help="日期，如 2027-01-30")
    p.add_argument("kind", metavar="KIND", help="放假、上班 或 默认")
    p.add_argument("--name", metavar="N", help="节日名称（放假时建议填写，如 春节）")
    p.set_defaults(func=run_set)

    p = verbs.add_parser("mark-official", help="把一年标记为正式（国务院通知已录入）")
    p.add_argument("year", metavar="YEAR", type=year, help="年份")
    p.set_defaults(func=run_mark_official)

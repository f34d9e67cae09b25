"""12345 hotline orders from the console: `import cases` of a hotline export (its dry run shows
where each order would go), the 待定位 tray (`hotline pending list|confirm|drop`) and the
办结回复 sheet (`hotline reply-export`).

No Qt here: the console tool runs on servers without a display.
"""

from __future__ import annotations

import argparse
from datetime import date

from db.engine import Database
from db.errors import ValidationError
from db.intake.hotline import (
    HotlineRow,
    apply_hotline_import,
    confirm_pending,
    drop_pending,
    list_pending,
    plan_hotline_import,
)
from db.reference.choices import Choice
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, fail, print_json
from reports.hotline_reply import export_hotline_reply


def _choice(label: str, choice: Choice | None, others: tuple[Choice, ...]) -> str:
    if choice is not None:
        return f"{label} {choice.code} {choice.name}（{choice.why}）"
    if not others:
        return f"{label} 无建议"
    shown = "、".join(f"{c.code} {c.name}（{c.why}）" for c in others[:3])
    return f"{label}候选 {shown}"


def placement_line(row: HotlineRow) -> str:
    """One order of a dry run: where it goes and why."""
    s = row.suggestion
    grid = _choice("网格", row.grid, s.grids)
    category = _choice("小类", row.category, s.categories)
    outcome = "确定，立为案件" if row.certain else f"→ 待定位（{row.reason}）"
    return f"  第 {row.row} 行 工单 {row.work_order}：{grid}；{category}；{outcome}"


def run_hotline_import(args: argparse.Namespace, db: Database) -> int:
    """`import cases FILE` when FILE is a 12345 export (no 网格编码 / 案件类别 columns)."""
    actor_of(args).require("case.report", "导入案件")
    plan = plan_hotline_import(db, args.file)
    print(plan.summary())
    print(f"表头在第 {plan.header_row} 行（12345 热线导出格式）")
    if plan.unknown_headers:
        print("未识别的列（已忽略）：" + "、".join(plan.unknown_headers))
    for row, order, where in plan.already:
        print(f"  第 {row} 行：工单 {order} 已导入过（{where}），跳过")
    for row, text in plan.ignored:
        print(f"  第 {row} 行：签名或说明行「{text}」，已忽略")
    if plan.problems:
        print(f"发现 {len(plan.problems)} 处问题：")
        for problem in plan.problems:
            print(f"  {problem.text}")
    if args.dry_run:
        for placed in plan.rows:
            print(placement_line(placed))
        print("试导入：未写入任何数据")
        if plan.problems:
            return fail(f"试导入发现问题，未写入任何数据：{plan.summary()}")
        return EXIT_OK
    if plan.problems and not args.valid_only:
        return fail(
            f"发现 {len(plan.problems)} 处问题，未导入任何数据；"
            "请修正后重试，或加 --valid-only 只导入有效行"
        )
    result = apply_hotline_import(db, plan, actor_of(args), valid_only=args.valid_only)
    print(result.summary())
    if result.pending:
        print("转入待定位的工单请在调度台「待定位」中逐件确认，或用 griddesk-admin hotline pending")
    return EXIT_OK


def _run_list(args: argparse.Namespace, db: Database) -> int:
    actor_of(args).require("case.read", "查看待定位工单")
    orders = list_pending(db, status=args.status)
    if args.json:
        print_json(
            [
                {
                    "id": o.id,
                    "work_order": o.work_order,
                    "called_at": o.called_at.isoformat() if o.called_at else None,
                    "description": o.description,
                    "address": o.address,
                    "reason": o.reason,
                    "grids": [g.as_json() for g in o.grids],
                    "categories": [c.as_json() for c in o.categories],
                    "status": o.status,
                }
                for o in orders
            ]
        )
        return EXIT_OK
    if not orders:
        print("待定位中没有工单")
        return EXIT_OK
    for o in orders:
        print(f"[{o.id}] 工单 {o.work_order}  {o.address or '（无地址）'}  {o.reason}")
        print(f"     {o.description}")
        for label, choices in (("网格", o.grids), ("小类", o.categories)):
            if choices:
                shown = "；".join(f"{c.code} {c.name}（{c.why}）" for c in choices)
                print(f"     {label}建议：{shown}")
    print(f"共 {len(orders)} 件")
    return EXIT_OK


def _run_confirm(args: argparse.Namespace, db: Database) -> int:
    number = confirm_pending(db, args.id, args.grid, args.category, actor_of(args))
    print(f"已确认待定位工单 {args.id}，立为案件 {number}（待立案）")
    return EXIT_OK


def _run_drop(args: argparse.Namespace, db: Database) -> int:
    drop_pending(db, args.id, args.reason, actor_of(args))
    print(f"已作废待定位工单 {args.id}")
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"日期「{text}」应写成 2026-11-30") from None


def _run_reply_export(args: argparse.Namespace, db: Database) -> int:
    actor_of(args).require("report.read", "导出办结回复")
    first, last = _day(args.date_from), _day(args.date_to)
    count, path = export_hotline_reply(db, first, last, args.out)
    print(f"已导出办结回复 {count} 件（{first:%Y-%m-%d} 至 {last:%Y-%m-%d}）：{path}")
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `hotline` command: the 待定位 tray and the 办结回复 export."""
    parser = subparsers.add_parser(
        "hotline",
        help="12345 热线工单：待定位、办结回复",
        description=(
            "12345 热线工单。导入用 griddesk-admin import cases FILE（自动识别热线导出格式）；"
            "网格或小类不确定的工单进入待定位，在此逐件确认或作废。"
        ),
    )
    sub = parser.add_subparsers(
        dest="hotline_command", required=True, title="子命令", metavar="子命令"
    )
    pending = sub.add_parser(
        "pending", help="待定位工单：列出、确认、作废", description="待定位工单：列出、确认、作废。"
    )
    what = pending.add_subparsers(
        dest="pending_command", required=True, title="操作", metavar="操作"
    )
    listing = what.add_parser(
        "list", help="列出待定位工单及建议", description="列出待定位工单及其网格、小类建议。"
    )
    listing.add_argument(
        "--status",
        choices=("pending", "confirmed", "dropped"),
        default="pending",
        help="列出哪一种：pending 待定位（默认）、confirmed 已确认、dropped 已作废",
    )
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=_run_list)
    confirm = what.add_parser(
        "confirm",
        help="确认网格和小类，立为案件（待立案）",
        description="确认一件待定位工单的网格和小类，立为案件（待立案），并从待定位中移除。",
    )
    confirm.add_argument("id", type=int, metavar="ID", help="待定位工单的编号（list 中方括号内）")
    confirm.add_argument("--grid", required=True, metavar="CODE", help="网格编码")
    confirm.add_argument("--category", required=True, metavar="CODE", help="小类编码或名称")
    confirm.set_defaults(func=_run_confirm)
    drop = what.add_parser(
        "drop", help="作废一件待定位工单", description="作废一件待定位工单（须写明原因）。"
    )
    drop.add_argument("id", type=int, metavar="ID", help="待定位工单的编号")
    drop.add_argument("--reason", required=True, metavar="TEXT", help="作废原因")
    drop.set_defaults(func=_run_drop)
    reply = sub.add_parser(
        "reply-export",
        help="导出办结回复（Excel）",
        description=(
            "导出期间内办结的 12345 工单的办结回复（工单编号、办理结果、办结时间、回复内容、"
            "回访满意度），供回传热线系统。"
        ),
    )
    reply.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="开始日期")
    reply.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="结束日期（含）")
    reply.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    reply.set_defaults(func=_run_reply_export)

"""`griddesk-admin report KIND --period P --out FILE.xlsx`: write a return from the command line.

No Qt here: the command runs on servers without a display (scheduled jobs).
"""

from __future__ import annotations

import argparse
import sys

from db.engine import Database
from desktop.cli.common import EXIT_OK, Subcommands, actor_of
from reports.layout import check_target
from reports.period import PERIOD_HELP, parse_period
from reports.registry import KINDS, export_report, return_kind
from reports.request import ReportRequest


def _check(args: argparse.Namespace) -> None:
    """Checks that need no database: the kind, the period and the output path."""
    return_kind(args.kind)
    parse_period(args.period)
    check_target(args.out)


def _progress(done: int, total: int) -> None:
    if total and done < total:
        print(f"已写入 {done}/{total} 行", file=sys.stderr, flush=True)


def run_report(args: argparse.Namespace, db: Database) -> int:
    spec = return_kind(args.kind)
    request = ReportRequest(
        period=parse_period(args.period),
        community=args.community,
        department=args.department,
        street=args.street,
        actor=actor_of(args),
        unmasked=args.unmasked,
    )
    path = export_report(db, spec.kind, request, args.out, _progress)
    print(f"已生成{spec.title}：{path}")
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `report` command."""
    kinds = "\n".join(f"  {k.kind:<24}{k.title}" for k in KINDS.values())
    parser = subparsers.add_parser(
        "report",
        help="生成上报区里的 Excel 报表",
        description=f"按统计期间生成 Excel 报表（.xlsx），先写临时文件再替换，不会留下半个文件。\n"
        f"{PERIOD_HELP}。\n报表种类：\n{kinds}",
    )
    parser.add_argument("kind", metavar="KIND", help="报表种类，如 monthly-cases")
    parser.add_argument("--period", required=True, metavar="P", help=PERIOD_HELP)
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    parser.add_argument(
        "--street", metavar="CODE", help="只统计一个街道（9 位街道编码，区级库含多个街道时）"
    )
    parser.add_argument("--community", metavar="CODE", help="只统计一个社区（12 位社区编码）")
    parser.add_argument("--department", metavar="NAME", help="只统计一个部门（部门名称）")
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="身份证号、电话不脱敏（需要查看个人信息的权限）",
    )
    parser.set_defaults(func=run_report, validate=_check)

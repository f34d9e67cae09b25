"""The `griddesk-admin rollup rebuild|verify|catch-up` commands: the statistics' daily roll-ups
(db/stats/rollups)."""

from __future__ import annotations

import argparse

from db.engine import Database
from db.stats.rollups.maintenance import catch_up_rollups, rebuild_rollups, verify_rollups
from desktop.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Subcommands,
    actor_of,
    print_json,
)

MAX_LISTED = 50


def run_rebuild(args: argparse.Namespace, db: Database) -> int:
    result = rebuild_rollups(db, actor_of(args))
    through = f"{result.through:%Y-%m-%d}" if result.through else "—"
    print(f"统计日汇总已重建：{result.days} 天（至 {through}），变更日志位置 {result.seq}")
    return EXIT_OK


def run_catch_up(args: argparse.Namespace, db: Database) -> int:
    r = catch_up_rollups(db, actor_of(args))
    if r.rebuilt:
        print(f"统计日汇总已全部重建：{r.days} 天")
    else:
        print(f"统计日汇总已更新：变更 {r.changes} 条（案件 {r.cases} 件），重算 {r.days} 天")
    return EXIT_OK


def run_verify(args: argparse.Namespace, db: Database) -> int:
    report = verify_rollups(db, actor_of(args), all_days=args.all)
    if args.json:
        print_json(
            {
                "through": report.through.isoformat() if report.through else None,
                "days": report.days,
                "rows": report.rows,
                "differences": [
                    {
                        "table": d.table,
                        **{
                            n: (v.isoformat() if n == "day" else v)
                            for n, v in zip(d.names, d.key, strict=True)
                        },
                        "text": d.describe(),
                    }
                    for d in report.differences
                ],
            }
        )
    elif report.through is None:
        print("尚无统计日汇总（统计按原始数据计算）；可用 rollup rebuild 生成")
    elif not report.differences:
        print(f"统计日汇总与原始数据一致：{report.days} 天，{report.rows} 行")
    else:
        print(f"统计日汇总与原始数据不一致：{len(report.differences)} 行")
        for d in report.differences[:MAX_LISTED]:
            print("  " + d.describe())
        if len(report.differences) > MAX_LISTED:
            print(f"  ……另有 {len(report.differences) - MAX_LISTED} 行；可用 rollup rebuild 重建")
    return EXIT_USER_ERROR if report.differences else EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `rollup` command group."""
    group = subparsers.add_parser(
        "rollup",
        help="统计日汇总：重建、核对、更新",
        description="统计页、大屏、部门看板和报表按日汇总读取以往各日的数字，今日和有迟到变更的日子"
        "按原始数据实时计算。汇总随变更日志增量更新；rebuild 从原始数据全部重算，verify 逐行与原始数据比对。",
    )
    verbs = group.add_subparsers(dest="rollup_command", required=True, title="操作", metavar="操作")
    p = verbs.add_parser("rebuild", help="从原始案件和流转记录重算全部日汇总（管理员）")
    p.set_defaults(func=run_rebuild)
    p = verbs.add_parser(
        "verify",
        help="逐行比对日汇总与原始数据，列出不一致的行（有不一致时退出码为 2）",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="也比对有尚未汇总的变更的日子（这些日子统计时按原始数据计算）",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_verify)
    p = verbs.add_parser("catch-up", help="把变更日志中尚未汇总的变更并入日汇总")
    p.set_defaults(func=run_catch_up)

"""`griddesk-admin gazetteer list|template|import|export|place`: the gazetteer (地名地址库) —
roads with door-number ranges, estates with their buildings, landmarks, each in one grid —
and the placing of an address in a grid with it (db.gazetteer; no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.engine import Database
from db.errors import ValidationError
from db.gazetteer.entries import KIND_BY_LABEL, list_entries
from db.gazetteer.index import KIND_LABELS
from db.gazetteer.placement import place_in
from db.gazetteer.workbook import (
    GazetteerProblems,
    export_gazetteer,
    import_gazetteer,
    write_gazetteer_template,
)
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, fail, print_json


def run_list(args: argparse.Namespace, db: Database) -> int:
    kind = None
    if args.kind:
        kind = KIND_BY_LABEL.get(args.kind, args.kind)
        if kind not in KIND_LABELS:
            raise ValidationError(f"类型应为 道路、小区 或 地标，收到「{args.kind}」")
    with db.read() as session:
        rows = list_entries(session, kind=kind, text=args.filter or "")
    if args.json:
        print_json(
            [
                {
                    "kind": r.kind,
                    "name": r.name,
                    "aliases": r.aliases,
                    "first_no": r.first_no,
                    "last_no": r.last_no,
                    "side": r.side,
                    "landmark_type": r.landmark_type,
                    "grid_code": r.grid_code,
                    "grid_name": r.grid_name,
                    "note": r.note,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        extra = r.range_text or r.landmark_type
        aliases = f"\t别名 {r.aliases}" if r.aliases else ""
        print(f"{r.kind_label}\t{r.name}\t{extra}\t{r.grid_code}\t{r.grid_name}{aliases}")
    print(f"共 {len(rows)} 条")
    return EXIT_OK


def run_template(args: argparse.Namespace, db: Database) -> int:
    write_gazetteer_template(Path(args.file))
    print(
        f"已写出地名地址模板：{args.file}（工作表：道路、小区、地标）；"
        f"填好后用 griddesk-admin gazetteer import {args.file} --dry-run 检查"
    )
    return EXIT_OK


def run_import(args: argparse.Namespace, db: Database) -> int:
    actor = actor_of(args)
    try:
        if args.dry_run:
            with db.read() as session:
                summary = import_gazetteer(session, Path(args.file), actor, dry_run=True)
        else:
            with db.write() as session:
                summary = import_gazetteer(session, Path(args.file), actor)
    except GazetteerProblems as problems:
        print(f"发现 {len(problems.problems)} 处问题：")
        for problem in problems.problems:
            print(f"  {problem.text}")
        if args.dry_run:
            print("试导入：未写入任何数据")
        return fail(str(problems))
    print(summary.text())
    for line in summary.details:
        print(f"  {line}")
    if args.dry_run:
        print("试导入：未写入任何数据；去掉 --dry-run 即正式导入")
    return EXIT_OK


def run_export(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        count = export_gazetteer(session, Path(args.file))
    print(f"已导出地名地址 {count} 条：{args.file}")
    return EXIT_OK


def run_place(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        placement = place_in(session, args.address, limit=args.limit)
    if args.json:
        print_json(
            {
                "address": args.address,
                "certain": placement.certain,
                "grids": [c.as_json() for c in placement.grids],
            }
        )
        return EXIT_OK
    if not placement.grids:
        print("无法定位：地址中没有地名库中的道路、小区或地标（未确定）")
        return EXIT_OK
    print("确定" if placement.certain else "未确定：可能属于以下网格")
    for choice in placement.grids:
        print(f"{choice.code}\t{choice.name}\t{choice.score:.2f}\t{choice.why}")
    return EXIT_OK


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是整数") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("应为 1–50 的整数")
    return value


def register(subparsers: Subcommands) -> None:
    group = subparsers.add_parser(
        "gazetteer",
        help="地名地址库：道路门牌段、小区楼栋、地标及其所属网格；按地址定位网格",
        description="地名地址库用于按来电地址定位网格：道路按门牌号段（单号/双号）分属网格，"
        "小区可按楼号跨网格，地标（学校、市场、公交站、医院等）各属一个网格。"
        "社区可用 Excel 模板填写后导入（管理员）。",
    )
    verbs = group.add_subparsers(
        dest="gazetteer_command", required=True, title="操作", metavar="操作"
    )
    p = verbs.add_parser("list", help="列出地名地址条目")
    p.add_argument("--kind", metavar="KIND", help="只列出一类：道路、小区或地标")
    p.add_argument("--filter", metavar="TEXT", help="按名称、别名、网格编码或网格名称筛选")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_list)
    p = verbs.add_parser("template", help="写出空白的地名地址 Excel 模板")
    p.add_argument("file", metavar="FILE", help="模板文件（.xlsx）")
    p.set_defaults(func=run_template)
    p = verbs.add_parser(
        "import",
        help="从 Excel 导入地名地址（全部通过才写入；已有条目更新，不重复）",
        description="逐表逐行检查，列出全部问题（工作表、行、列）；有任何问题则不写入。"
        "同一道路门牌段、同一小区楼号段或同名地标已在库中时更新其网格与别名，不会重复添加。",
    )
    p.add_argument("file", metavar="FILE", help="填好的模板（.xlsx）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.set_defaults(func=run_import)
    p = verbs.add_parser("export", help="把地名地址库导出为 Excel（与模板同格式，可改后再导入）")
    p.add_argument("file", metavar="FILE", help="导出文件（.xlsx）")
    p.set_defaults(func=run_export)
    p = verbs.add_parser(
        "place",
        help="按地址定位网格，列出候选网格及理由",
        description="理解来电常见写法：区县街道前缀、全角数字、中文数字（一百四十九号）、"
        "号楼/单元/门口/对面/附近、路口（紫金路与钢铁路交口）、只说小区或地标。"
        "能确定唯一网格时标“确定”，否则列出所有可能的网格。",
    )
    p.add_argument("address", metavar="ADDRESS", help="地址（来电人的原话即可）")
    p.add_argument(
        "--limit", type=_limit, default=5, metavar="N", help="最多列出几个网格（默认 5）"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_place)

"""`griddesk-admin category add|add-major|rename|retire|activate|keywords|export|import`: the
case category catalogue kept from the console, with the same checks and audit entries as the
window (no Qt). `category list` and `category set` live in desktop/cli/master_data.py, which
hands its `category` verbs to `add_verbs`.
"""

from __future__ import annotations

import argparse

from db.engine import Database
from db.reference.catalogue_import import import_catalogue
from db.reference.catalogue_sheet import export_catalogue
from db.reference.categories import (
    CategoryRow,
    add_category,
    add_major,
    list_categories,
    open_cases_in,
    rename_category,
    set_category_active,
    set_category_keywords,
)
from db.reference.category_keywords import shown_keywords
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, fail


def _brief(row: CategoryRow) -> str:
    return f"{row.code} {row.name}（{row.major}）"


def run_add(args: argparse.Namespace, db: Database) -> int:
    values: dict[str, object] = {
        "code": args.code,
        "name": args.name,
        "default_department": args.department or "",
        "dispatch_hours": args.dispatch_hours,
        "handle_hours": args.handle_hours,
        "verify_hours": args.verify_hours,
        "basis": args.basis,
        "urgent": args.urgent,
        "keywords": args.keywords or "",
    }
    if args.major:
        values["major"] = args.major
    with db.write() as session:
        row = add_category(session, values, actor_of(args))
    print(f"已添加小类 {_brief(row)}")
    return EXIT_OK


def run_add_major(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        row = add_major(session, args.code, args.kind, args.name, actor_of(args))
    print(f"已添加大类 {row.label}")
    return EXIT_OK


def run_rename(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        row = rename_category(session, args.code, args.new_name, actor_of(args))
    print(f"小类已改名：{_brief(row)}")
    return EXIT_OK


def run_active(args: argparse.Namespace, db: Database) -> int:
    active = args.category_command == "activate"
    with db.write() as session:
        row = set_category_active(session, args.code, active, actor_of(args))
        still_open = open_cases_in(session, row.code)
    if active:
        print(f"小类 {_brief(row)} 已启用，可以上报此类案件")
    else:
        day = f"{row.retired_on:%Y-%m-%d}" if row.retired_on else ""
        print(f"小类 {_brief(row)} 已于 {day} 停用：不能再上报此类案件，已有案件保留此类别")
        if still_open:
            print(f"  其中 {still_open} 件在办案件照常办理")
    return EXIT_OK


def run_keywords(args: argparse.Namespace, db: Database) -> int:
    if args.set is None:
        with db.read() as session:
            found = [r for r in list_categories(session) if r.code == args.code.strip()]
        if not found:
            return fail(f"案件类别 {args.code.strip()} 不存在")
        print(f"{_brief(found[0])}：{shown_keywords(found[0].keywords) or '（无关键词）'}")
        return EXIT_OK
    with db.write() as session:
        row = set_category_keywords(session, args.code, args.set, actor_of(args))
    print(f"{_brief(row)} 的关键词：{shown_keywords(row.keywords) or '（无）'}")
    return EXIT_OK


def run_export(args: argparse.Namespace, db: Database) -> int:
    count = export_catalogue(db, args.file)
    print(f"已导出 {count} 个小类到 {args.file}")
    return EXIT_OK


def run_import(args: argparse.Namespace, db: Database) -> int:
    plan, result = import_catalogue(db, args.file, actor_of(args), dry_run=args.dry_run)
    print(plan.summary())
    if plan.unknown_headers:
        print("未识别的列（已忽略）：" + "、".join(plan.unknown_headers))
    for row, text in plan.ignored:
        print(f"  第 {row} 行：签名或说明行「{text}」，已忽略")
    if plan.problems:
        print(f"发现 {len(plan.problems)} 处问题：")
    for line in plan.lines():
        print(f"  {line}")
    if plan.problems:
        return fail(f"发现 {len(plan.problems)} 处问题，未导入任何数据；请修正后重试")
    if result is None:
        print("试导入：未写入任何数据")
        return EXIT_OK
    print(result.summary())
    return EXIT_OK


def add_verbs(verbs: Subcommands) -> None:
    """The catalogue's verbs under `category`."""
    add = verbs.add_parser(
        "add",
        help="新增小类",
        description="在已有大类下新增小类。小类编码为 4 位：大类编码（2 位）+ 序号（01–99）。",
    )
    add.add_argument("code", metavar="CODE", help="小类编码，如 0710（前 2 位为大类编码）")
    add.add_argument("name", metavar="NAME", help="小类名称（在大类内不能重复）")
    add.add_argument("--major", metavar="CODE", help="大类编码（可省略，取小类编码前 2 位）")
    add.add_argument("--department", metavar="NAME", help="默认部门（须为启用的部门）")
    add.add_argument("--dispatch-hours", default="0.5", metavar="H", help="派遣时限（默认 0.5）")
    add.add_argument("--handle-hours", required=True, metavar="H", help="处置时限（小时）")
    add.add_argument("--verify-hours", default="1", metavar="H", help="核查时限（默认 1）")
    add.add_argument(
        "--basis", choices=("working", "natural"), default="working", help="计时方式（默认工作时）"
    )
    add.add_argument("--urgent", choices=("yes", "no"), default="no", help="是否紧急（默认否）")
    add.add_argument("--keywords", metavar="WORDS", help="关键词，用逗号或顿号分隔")
    add.set_defaults(func=run_add)

    major = verbs.add_parser(
        "add-major",
        help="新增大类",
        description="新增大类：事件大类编码 01–49，部件大类编码 50–99。",
    )
    major.add_argument("code", metavar="CODE", help="大类编码（2 位）")
    major.add_argument("name", metavar="NAME", help="大类名称")
    major.add_argument("--kind", required=True, choices=("事件", "部件"), help="类型")
    major.set_defaults(func=run_add_major)

    rename = verbs.add_parser("rename", help="小类改名（已有案件显示新名称）")
    rename.add_argument("code", metavar="CODE", help="小类编码")
    rename.add_argument("new_name", metavar="NAME", help="新名称")
    rename.set_defaults(func=run_rename)

    for verb, text in (
        ("retire", "停用小类：不能再上报，已有案件和报表保留"),
        ("activate", "重新启用小类"),
    ):
        p = verbs.add_parser(verb, help=text)
        p.add_argument("code", metavar="CODE", help="小类编码")
        p.set_defaults(func=run_active)

    keywords = verbs.add_parser(
        "keywords",
        help="查看或设置小类的关键词（同义词）",
        description="不带 --set 时显示关键词；--set 以新的关键词替换（逗号、顿号或空格分隔，"
        "空字符串为清除）。关键词用于受理时推荐类别，例如 马葫芦 = 井盖。",
    )
    keywords.add_argument("code", metavar="CODE", help="小类编码")
    keywords.add_argument("--set", metavar="WORDS", help="新的关键词，如 井盖,马葫芦,窨井盖")
    keywords.set_defaults(func=run_keywords)

    export = verbs.add_parser(
        "export",
        help="导出案件类别目录（Excel）",
        description="把全部大类和小类导出为一个 Excel 工作表，可修改后在其他街道导入。",
    )
    export.add_argument("file", metavar="FILE.xlsx", help="要写入的 Excel 文件")
    export.set_defaults(func=run_export)

    imp = verbs.add_parser(
        "import",
        help="导入案件类别目录（Excel）",
        description="导入案件类别目录：先检查全部行，逐条列出问题（行号、列、原因），有任何问题"
        "就不写入。按编码更新已有大类和小类，不会重复；文件中没有的小类保持不变，不会删除"
        "（停用请在「启用」列填 否）。",
    )
    imp.add_argument("file", metavar="FILE.xlsx", help="要导入的 Excel 文件")
    imp.add_argument("--dry-run", action="store_true", help="只检查并列出变化，不写入")
    imp.set_defaults(func=run_import)

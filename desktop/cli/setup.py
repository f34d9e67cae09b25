"""`griddesk-admin setup` and `community`: a new center builds its own street from the day-one
Excel template (write it, fill it in, check it with --dry-run, import it), and keeps its
communities from the console afterwards, with the same checks and audit entries as the window
(no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.engine import Database
from db.errors import ValidationError
from db.reference.geography import (
    CommunityRow,
    add_community,
    edit_community,
    list_community_rows,
)
from db.setup.apply import import_setup
from db.setup.template import write_setup_template
from db.setup.workbook import SetupProblems
from desktop.cli.common import (
    EXIT_OK,
    Subcommands,
    actor_of,
    fail,
    print_json,
)

# --- setup --------------------------------------------------------------------------------------


def _problems_end(problems: SetupProblems, dry_run: bool) -> int:
    """List every problem (one a line, on stdout) and end with exit code 2 and one line on
    stderr, as the import commands do."""
    print(f"发现 {len(problems.problems)} 处问题：")
    for problem in problems.problems:
        print(f"  {problem.text}")
    if dry_run:
        print("试导入：未写入任何数据")
    return fail(str(problems))


def run_setup(args: argparse.Namespace, db: Database) -> int:
    actor = actor_of(args)
    actor.require("admin.geography", "建立本街道")
    if args.template:
        write_setup_template(Path(args.template))
        print(
            f"已写出建街模板：{args.template}（工作表：街道、社区、网格、部门）；"
            f"填好后用 griddesk-admin setup --from {args.template} --dry-run 检查"
        )
        return EXIT_OK
    try:
        plan, summary = import_setup(db, Path(args.source), actor, dry_run=args.dry_run)
    except SetupProblems as problems:
        return _problems_end(problems, args.dry_run)
    print(plan.summary())
    print(summary.text())
    if args.dry_run:
        print("试导入：未写入任何数据；去掉 --dry-run 即正式导入")
    return EXIT_OK


# --- community ----------------------------------------------------------------------------------


def _community_line(c: CommunityRow) -> str:
    return f"{c.code}\t{c.name}\t常住人口 {c.population}\t户数 {c.households}\t网格 {c.grids} 个"


def run_community_list(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        rows = list_community_rows(session)
    if args.json:
        print_json([{name: getattr(r, name) for name in r.__dataclass_fields__} for r in rows])
    else:
        for row in rows:
            print(_community_line(row))
    return EXIT_OK


def run_community_add(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        row = add_community(
            session,
            args.code,
            args.name,
            args.population or "0",
            args.households or "0",
            actor_of(args),
        )
    print(f"已添加社区：{_community_line(row)}")
    return EXIT_OK


def run_community_edit(args: argparse.Namespace, db: Database) -> int:
    changes = {
        key: value
        for key, value in (
            ("name", args.name),
            ("population", args.population),
            ("households", args.households),
        )
        if value is not None
    }
    with db.write() as session:
        row = edit_community(session, args.code, changes, actor_of(args))
    print(f"社区已更新：{_community_line(row)}")
    return EXIT_OK


# --- argument tree ------------------------------------------------------------------------------


def _check_setup(args: argparse.Namespace) -> None:
    if args.dry_run and not args.source:
        raise ValidationError("--dry-run 只能与 --from 一起使用")


def register(subparsers: Subcommands) -> None:
    """The `setup` and `community` commands."""
    setup = subparsers.add_parser(
        "setup",
        help="第一天：用 Excel 模板建立本街道（区县、街道、社区、网格、部门）（管理员）",
        description=(
            "新中心建库后的第一步。--template 写出模板（工作表：街道、社区、网格、部门；"
            "第 3 行为示例，导入时跳过）；填好后 --from 导入。先检查全部内容，逐条列出问题"
            "（工作表、行、列、原因），有任何问题就不写入；再次导入同一模板只更新"
            "（社区、网格按编码，部门按名称），不会重复。演示数据库不能导入。"
        ),
    )
    what = setup.add_mutually_exclusive_group(required=True)
    what.add_argument("--template", metavar="FILE.xlsx", help="写出空白模板")
    what.add_argument("--from", dest="source", metavar="FILE.xlsx", help="导入填好的模板")
    setup.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
    setup.set_defaults(func=run_setup, validate=_check_setup)

    community = subparsers.add_parser(
        "community",
        help="社区维护（管理员）",
        description="列出社区，添加社区（编码须在本街道之下），或修改社区名称、常住人口、户数"
        "（编码不可修改）。",
    )
    verbs = community.add_subparsers(
        dest="community_command", required=True, title="操作", metavar="操作"
    )
    listing = verbs.add_parser("list", help="列出社区（含网格数）")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    listing.set_defaults(func=run_community_list)
    add = verbs.add_parser("add", help="添加社区")
    add.add_argument("code", metavar="CODE", help="社区编码（12 位，前 9 位为街道编码）")
    add.add_argument("name", metavar="NAME", help="社区名称")
    add.add_argument("--population", metavar="N", help="常住人口（默认 0）")
    add.add_argument("--households", metavar="N", help="户数（默认 0）")
    add.set_defaults(func=run_community_add)
    edit = verbs.add_parser("edit", help="修改社区名称、常住人口或户数")
    edit.add_argument("code", metavar="CODE", help="社区编码（12 位）")
    edit.add_argument("--name", metavar="N", help="新名称")
    edit.add_argument("--population", metavar="N", help="常住人口")
    edit.add_argument("--households", metavar="N", help="户数")
    edit.set_defaults(func=run_community_edit)

"""`griddesk-admin department|category|grid`: administrators keep the master data (基础数据)
from the console with the same checks and audit entries as the window (no Qt)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from db.engine import Database
from db.reference.categories import CategoryRow, list_categories, update_category
from db.reference.geography import GridRow, add_grid, list_grids, update_grid
from db.reference.master_data import (
    DepartmentRow,
    add_department,
    find_department_id,
    list_departments,
    set_department_active,
    update_department,
)
from desktop.cli.catalogue import add_verbs as add_catalogue_verbs
from desktop.cli.common import EXIT_OK, CommandFunc, Subcommands, actor_of, print_json


def _changes(args: argparse.Namespace, names: tuple[str, ...]) -> dict[str, object]:
    """The options the user gave (None means not given)."""
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def vars_of(row: DepartmentRow | CategoryRow | GridRow) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in row.__dataclass_fields__}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _print_list(
    args: argparse.Namespace,
    db: Database,
    lister: Callable[[Session], Sequence[Any]],
    line: Callable[[Any], str],
) -> int:
    """`… list [--json]`: one tab-separated line per row, or a JSON array."""
    with db.read() as session:
        rows = lister(session)
    if args.json:
        print_json([vars_of(row) for row in rows])
    else:
        for row in rows:
            print(line(row))
    return EXIT_OK


# --- department ---------------------------------------------------------------------------------


def _department_line(d: DepartmentRow) -> str:
    state = "启用" if d.active else "停用"
    return f"{d.name}\t{d.kind}\t{d.contact}\t{d.phone}\t{state}\t在办 {d.open_cases}"


def run_department_list(args: argparse.Namespace, db: Database) -> int:
    return _print_list(args, db, list_departments, _department_line)


def run_department_add(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        row = add_department(
            session,
            args.name,
            args.kind or "",
            args.contact or "",
            args.phone or "",
            actor_of(args),
        )
    print(f"已添加部门「{row.name}」（{row.kind}）")
    return EXIT_OK


def run_department_edit(args: argparse.Namespace, db: Database) -> int:
    changes = _changes(args, ("new_name", "kind", "contact", "phone"))
    if "new_name" in changes:
        changes["name"] = changes.pop("new_name")
    with db.write() as session:
        row = update_department(
            session, find_department_id(session, args.name), changes, actor_of(args)
        )
    print(f"部门已更新：{_department_line(row)}")
    return EXIT_OK


def run_department_active(args: argparse.Namespace, db: Database) -> int:
    active = args.department_command == "enable"
    with db.write() as session:
        row = set_department_active(
            session, find_department_id(session, args.name), active, actor_of(args)
        )
    print(f"部门「{row.name}」已{'启用' if row.active else '停用'}")
    return EXIT_OK


# --- category -----------------------------------------------------------------------------------


def _category_line(c: CategoryRow) -> str:
    return (
        f"{c.code}\t{c.name}\t{c.major}\t{c.default_department or '（无默认部门）'}"
        f"\t派遣 {c.dispatch_hours} 小时\t处置 {c.handle_hours} 小时\t核查 {c.verify_hours} 小时"
        f"\t{c.basis_label}\t{'紧急' if c.urgent else '一般'}\t{_state(c)}"
        f"\t关键词 {'、'.join(c.keywords) or '（无）'}"
    )


def _state(c: CategoryRow) -> str:
    if c.active:
        return "启用"
    return f"停用（{c.retired_on:%Y-%m-%d}）" if c.retired_on else "停用"


def run_category_list(args: argparse.Namespace, db: Database) -> int:
    return _print_list(args, db, list_categories, _category_line)


def run_category_set(args: argparse.Namespace, db: Database) -> int:
    changes = _changes(
        args,
        (
            "default_department",
            "dispatch_hours",
            "handle_hours",
            "verify_hours",
            "basis",
            "urgent",
            "active",
        ),
    )
    with db.write() as session:
        row = update_category(session, args.code, changes, actor_of(args))
    print(f"案件类别已更新：{_category_line(row)}")
    return EXIT_OK


# --- grid ---------------------------------------------------------------------------------------


def _grid_line(g: GridRow) -> str:
    return f"{g.code}\t{g.community}\t{g.name}\t人口 {g.population}\t户数 {g.households}"


def run_grid_list(args: argparse.Namespace, db: Database) -> int:
    return _print_list(args, db, list_grids, _grid_line)


def run_grid_set(args: argparse.Namespace, db: Database) -> int:
    changes = _changes(args, ("name", "population", "households", "boundary"))
    with db.write() as session:
        row = update_grid(session, args.code, changes, actor_of(args))
    print(f"网格已更新：{_grid_line(row)}")
    return EXIT_OK


def run_grid_add(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        row = add_grid(
            session,
            args.community_code,
            args.grid_code,
            args.name,
            args.population or "0",
            args.households or "0",
            actor_of(args),
            boundary=args.boundary or "",
        )
    print(f"已添加网格：{_grid_line(row)}")
    return EXIT_OK


# --- argument tree ------------------------------------------------------------------------------


def _list_parser(verbs: Subcommands, func: CommandFunc, what: str) -> None:
    p = verbs.add_parser("list", help=f"列出{what}")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=func)


def register(subparsers: Subcommands) -> None:
    """The `department`, `category` and `grid` commands."""
    dept = subparsers.add_parser(
        "department",
        help="职能部门维护（管理员）",
        description="列出、添加、修改、停用或启用职能部门。停用前部门不能有在办案件。",
    )
    dverbs = dept.add_subparsers(
        dest="department_command", required=True, title="操作", metavar="操作"
    )
    _list_parser(dverbs, run_department_list, "部门（含在办案件数）")
    add = dverbs.add_parser("add", help="添加部门")
    add.add_argument("name", metavar="NAME", help="部门名称")
    add.add_argument("--kind", metavar="K", help="类型（默认 职能部门）")
    add.add_argument("--contact", metavar="C", help="联系人")
    add.add_argument("--phone", metavar="P", help="联系电话（手机或带区号的固定电话）")
    add.set_defaults(func=run_department_add)
    edit = dverbs.add_parser("edit", help="修改部门名称、类型、联系人或电话")
    edit.add_argument("name", metavar="NAME", help="部门现在的名称")
    edit.add_argument("--name", dest="new_name", metavar="N", help="新名称")
    edit.add_argument("--kind", metavar="K", help="类型")
    edit.add_argument("--contact", metavar="C", help="联系人")
    edit.add_argument("--phone", metavar="P", help="联系电话")
    edit.set_defaults(func=run_department_edit)
    for verb, text in (("disable", "停用部门"), ("enable", "启用部门")):
        p = dverbs.add_parser(verb, help=text)
        p.add_argument("name", metavar="NAME", help="部门名称")
        p.set_defaults(func=run_department_active)

    cat = subparsers.add_parser(
        "category",
        help="案件类别目录维护：新增、改名、停用、关键词、时限、导入导出（管理员）",
        description="列出案件小类，新增小类或大类，改名、停用或重新启用小类，设置关键词，"
        "修改默认部门、各阶段时限（小时）、计时方式和是否紧急，导出或导入目录（Excel）。"
        "已有案件的期限不变，新时限从下一次流转开始生效。",
    )
    cverbs = cat.add_subparsers(
        dest="category_command", required=True, title="操作", metavar="操作"
    )
    _list_parser(cverbs, run_category_list, "案件小类")
    cset = cverbs.add_parser("set", help="修改案件小类")
    cset.add_argument("code", metavar="CODE", help="小类编码，如 0101")
    cset.add_argument(
        "--default-department", metavar="NAME", help="默认部门（须为启用的部门；空字符串为清除）"
    )
    cset.add_argument("--dispatch-hours", metavar="H", help="立案派遣时限（小时，可为 0.5）")
    cset.add_argument("--handle-hours", metavar="H", help="处置时限（小时）")
    cset.add_argument("--verify-hours", metavar="H", help="核查时限（小时）")
    cset.add_argument(
        "--basis", choices=("working", "natural"), help="计时方式：working 工作时，natural 自然时"
    )
    cset.add_argument("--urgent", choices=("yes", "no"), help="是否紧急")
    cset.add_argument("--active", choices=("yes", "no"), help="是否启用（停用后不能再上报此类）")
    cset.set_defaults(func=run_category_set)
    add_catalogue_verbs(cverbs)

    grid = subparsers.add_parser(
        "grid",
        help="单元网格维护（管理员）",
        description="列出网格，修改网格名称、人口、户数，或在已有社区中添加网格。",
    )
    gverbs = grid.add_subparsers(dest="grid_command", required=True, title="操作", metavar="操作")
    _list_parser(gverbs, run_grid_list, "网格")
    gset = gverbs.add_parser("set", help="修改网格名称、人口、户数或四至范围")
    gset.add_argument("code", metavar="CODE", help="网格编码（14 或 15 位）")
    gset.add_argument("--name", metavar="N", help="网格名称")
    gset.add_argument("--population", metavar="N", help="人口")
    gset.add_argument("--households", metavar="N", help="户数")
    gset.add_argument("--boundary", metavar="TEXT", help="四至范围（东至…，南至…，西至…，北至…）")
    gset.set_defaults(func=run_grid_set)
    gadd = gverbs.add_parser("add", help="在社区中添加网格")
    gadd.add_argument("community_code", metavar="COMMUNITY_CODE", help="社区编码（12 位）")
    gadd.add_argument("grid_code", metavar="GRID_CODE", help="网格编码（社区编码 + 2 或 3 位序号）")
    gadd.add_argument("name", metavar="NAME", help="网格名称")
    gadd.add_argument("--population", metavar="N", help="人口（默认 0）")
    gadd.add_argument("--households", metavar="N", help="户数（默认 0）")
    gadd.add_argument("--boundary", metavar="TEXT", help="四至范围")
    gadd.set_defaults(func=run_grid_add)

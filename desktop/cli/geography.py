"""`griddesk-admin grid rename|retire|split|merge|history` and `griddesk-admin community-change
rename|merge|history`: changes of the geography over time (区划调整), with the same checks
and audit entries as the window (db.boundaries.changes; no Qt).

Dates are the day the change takes effect (YYYY-MM-DD); the old grid's last day of use is the
day before. After a split or merge the command prints every roster entry it moved, for the
secretary to check."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from db.boundaries.changes import (
    ChangeRow,
    ChangeSummary,
    history,
    merge_communities,
    merge_grids,
    rename_community,
    rename_grid,
    retire_grid,
    split_grid,
    staff_by_key,
    staff_in_grid,
)
from db.engine import Database
from db.errors import ValidationError
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, print_json


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是日期（应为 YYYY-MM-DD）") from None


def _code_name(text: str, *, name_required: bool = True) -> tuple[str, str]:
    """`CODE:名称` (the name may be left out where `name_required` is false)."""
    code, sep, name = text.replace("：", ":").partition(":")
    if name_required and not (sep and name.strip()):
        raise ValidationError(f"「{text}」应写成 编码:名称")
    return code.strip(), name.strip()


def _pairs(items: list[str] | None, what: str) -> dict[str, str]:
    """`KEY=VALUE` items as a dict."""
    found: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValidationError(f"{what}「{item}」应写成 原=新")
        found[key.strip()] = value.strip()
    return found


def _done(summary: ChangeSummary) -> int:
    print(summary.text())
    return EXIT_OK


# --- grid ---------------------------------------------------------------------------------------


def run_grid_rename(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        summary = rename_grid(
            session, args.code, args.name, args.on, actor_of(args), note=args.note
        )
    return _done(summary)


def run_grid_retire(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        summary = retire_grid(session, args.code, args.on, actor_of(args), note=args.note)
    return _done(summary)


def run_grid_split(args: argparse.Namespace, db: Database) -> int:
    parts = [_code_name(item) for item in args.into]
    moves = _pairs(args.move, "人员去向")
    with db.write() as session:
        assignments = staff_by_key(staff_in_grid(session, args.old), moves) if moves else None
        summary = split_grid(
            session,
            args.old,
            parts,
            args.on,
            actor_of(args),
            assignments=assignments,
            note=args.note,
        )
    return _done(summary)


def run_grid_merge(args: argparse.Namespace, db: Database) -> int:
    code, name = _code_name(args.into, name_required=False)
    with db.write() as session:
        summary = merge_grids(
            session, args.old, code, name, args.on, actor_of(args), note=args.note
        )
    return _done(summary)


def _history_line(row: ChangeRow) -> str:
    new = f"{row.new_code}（{row.new_name}）" if row.new_code else "—"
    note = f"\t{row.note}" if row.note else ""
    return (
        f"{row.effective_on:%Y-%m-%d}\t{row.kind_label}\t{row.old_code}（{row.old_name}）"
        f"\t→ {new}\t{row.actor}{note}"
    )


def run_history(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        rows = history(session, args.code)
    if args.json:
        document: list[dict[str, Any]] = [
            {
                "effective_on": r.effective_on.isoformat(),
                "kind": r.kind,
                "old_code": r.old_code,
                "old_name": r.old_name,
                "new_code": r.new_code,
                "new_name": r.new_name,
                "note": r.note,
                "actor": r.actor,
                "at": r.at.isoformat(),
            }
            for r in rows
        ]
        print_json(document)
    elif not rows:
        print(f"{args.code.strip()} 没有调整记录")
    else:
        for row in rows:
            print(_history_line(row))
    return EXIT_OK


# --- community-change ---------------------------------------------------------------------------


def run_community_rename(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        summary = rename_community(
            session, args.code, args.name, args.on, actor_of(args), note=args.note
        )
    return _done(summary)


def run_community_merge(args: argparse.Namespace, db: Database) -> int:
    code, name = _code_name(args.into, name_required=False)
    with db.write() as session:
        summary = merge_communities(
            session,
            args.old,
            code,
            name,
            args.on,
            actor_of(args),
            grid_codes=_pairs(args.grid, "网格改码"),
            note=args.note,
        )
    return _done(summary)


# --- argument tree ------------------------------------------------------------------------------


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--on", type=_day, required=True, metavar="DATE", help="生效日期 YYYY-MM-DD（不晚于今天）"
    )
    p.add_argument("--note", default="", metavar="TEXT", help="说明（如调整文件文号）")


def register_grid_changes(verbs: Subcommands) -> None:
    """`grid rename|retire|split|merge|history`, added to the `grid` command's verbs."""
    p = verbs.add_parser("rename", help="网格更名（此前各期报表仍用原名）")
    p.add_argument("code", metavar="CODE", help="网格编码")
    p.add_argument("name", metavar="NAME", help="新名称")
    _common(p)
    p.set_defaults(func=run_grid_rename)
    p = verbs.add_parser("retire", help="停用网格（此后不能再上报；已有案件仍属该网格）")
    p.add_argument("code", metavar="CODE", help="网格编码")
    _common(p)
    p.set_defaults(func=run_grid_retire)
    p = verbs.add_parser(
        "split",
        help="把一个网格拆分为几个新网格",
        description="原网格自生效日期起停用，已有案件仍属原网格；在岗网格长、网格员默认转入"
        "第一个新网格，可用 --move 逐人指定。",
    )
    p.add_argument("old", metavar="OLD", help="原网格编码")
    p.add_argument(
        "--into", nargs="+", required=True, metavar="NEW:名称", help="新网格编码与名称（至少两个）"
    )
    p.add_argument(
        "--move",
        action="append",
        metavar="人员=NEW",
        help="某位在岗人员（姓名或名册编号）转入哪个新网格；可重复",
    )
    _common(p)
    p.set_defaults(func=run_grid_split)
    p = verbs.add_parser(
        "merge",
        help="把同一社区的几个网格合并为一个",
        description="被合并的网格自生效日期起停用，已有案件仍属原网格，在岗人员转入合并后的网格。"
        "合并后的编码可以是新编码（须写名称），也可以是被合并网格之一（保留该网格）。",
    )
    p.add_argument("old", nargs="+", metavar="OLD", help="被合并的网格编码（含保留的网格）")
    p.add_argument("--into", required=True, metavar="CODE[:名称]", help="合并后的网格编码与名称")
    _common(p)
    p.set_defaults(func=run_grid_merge)
    p = verbs.add_parser("history", help="网格的调整记录")
    p.add_argument("code", metavar="CODE", help="网格编码（或 12 位社区编码）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_history)


def register(subparsers: Subcommands) -> None:
    """The `community-change` command (the `grid` verbs are added by register_grid_changes)."""
    group = subparsers.add_parser(
        "community-change",
        help="社区区划调整：更名、合并（管理员）",
        description="社区更名（此前各期报表仍用原名）或合并社区：被合并社区自生效日期起停用，"
        "其网格改编到合并后的社区之下，名册随之调整。",
    )
    verbs = group.add_subparsers(
        dest="community-change_command", required=True, title="操作", metavar="操作"
    )
    p = verbs.add_parser("rename", help="社区更名")
    p.add_argument("code", metavar="CODE", help="社区编码（12 位）")
    p.add_argument("name", metavar="NAME", help="新名称")
    _common(p)
    p.set_defaults(func=run_community_rename)
    p = verbs.add_parser("merge", help="合并社区")
    p.add_argument("old", nargs="+", metavar="OLD", help="被合并的社区编码")
    p.add_argument(
        "--into",
        required=True,
        metavar="CODE[:名称]",
        help="合并入的社区：已有社区的编码，或新社区的编码与名称",
    )
    p.add_argument(
        "--grid",
        action="append",
        metavar="OLD=NEW",
        help="某网格改编后的编码（默认取合并后社区的下一个空号）；可重复",
    )
    _common(p)
    p.set_defaults(func=run_community_merge)
    p = verbs.add_parser("history", help="社区的调整记录")
    p.add_argument("code", metavar="CODE", help="社区编码")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_history)

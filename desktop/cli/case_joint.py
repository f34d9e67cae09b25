"""The joint-handling verbs of `griddesk-admin case` (主办 + 协办, 吹哨报到): co-add, co-accept,
co-return, co-feedback and co-release, calling `db.cases.joint` like the case pane does.

A case is dispatched to a lead and co-departments at once by `case dispatch --department LEAD
--co DEPT …` (desktop/cli/cases.py).
"""

from __future__ import annotations

import argparse

from db.cases import joint
from db.engine import Database
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, int_in

MAX_VERSION = 2**31 - 1  # the version column is a 32-bit integer


def run_co_add(args: argparse.Namespace, db: Database) -> int:
    version = joint.co_add(
        db,
        args.number,
        args.co,
        actor_of(args),
        note=args.reason or "",
        expected_version=args.expected_version,
    )
    names = "、".join(name.strip() for name in args.co)
    print(f"案件 {args.number.strip()}：已增派协办部门 {names}（版本 {version}）")
    return EXIT_OK


def run_co_accept(args: argparse.Namespace, db: Database) -> int:
    joint.co_accept(
        db, args.number, args.department, actor_of(args), expected_version=args.expected_version
    )
    print(f"案件 {args.number.strip()}：协办部门 {args.department.strip()} 已受理")
    return EXIT_OK


def run_co_return(args: argparse.Namespace, db: Database) -> int:
    joint.co_return(
        db,
        args.number,
        args.department,
        args.reason,
        actor_of(args),
        expected_version=args.expected_version,
    )
    print(f"案件 {args.number.strip()}：协办部门 {args.department.strip()} 已退回")
    return EXIT_OK


def run_co_feedback(args: argparse.Namespace, db: Database) -> int:
    joint.co_feedback(
        db,
        args.number,
        args.department,
        args.text,
        actor_of(args),
        expected_version=args.expected_version,
    )
    print(f"案件 {args.number.strip()}：协办部门 {args.department.strip()} 已反馈")
    return EXIT_OK


def run_co_release(args: argparse.Namespace, db: Database) -> int:
    joint.co_release(
        db,
        args.number,
        args.department,
        args.reason,
        actor_of(args),
        expected_version=args.expected_version,
    )
    print(f"案件 {args.number.strip()}：已解除协办部门 {args.department.strip()}")
    return EXIT_OK


def _verb(verbs: Subcommands, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    verb = verbs.add_parser(name, help=summary, description=description)
    verb.add_argument("number", metavar="NUMBER", help="案件编号")
    verb.add_argument(
        "--expected-version",
        type=int_in(1, MAX_VERSION),
        metavar="N",
        help="只在案件仍为版本 N 时执行（见 case show），防止覆盖他人的改动",
    )
    return verb


def register_joint_verbs(verbs: Subcommands) -> None:
    """Add the co-department verbs to `case`."""
    add = _verb(
        verbs,
        "co-add",
        "给已派遣的案件增派协办部门，--co 可重复",
        "给已派遣（或主办退单）的案件增派协办部门；每个协办部门按类别处置时限单独计时。",
    )
    add.add_argument(
        "--co", required=True, action="append", metavar="NAME", help="协办部门名称（可重复）"
    )
    add.add_argument("--reason", metavar="TEXT", help="派遣意见，记入流转记录")
    add.set_defaults(func=run_co_add)

    accept = _verb(verbs, "co-accept", "协办部门受理", "协办部门受理其协办任务。")
    accept.add_argument("--department", required=True, metavar="NAME", help="协办部门名称")
    accept.set_defaults(func=run_co_accept)

    back = _verb(
        verbs,
        "co-return",
        "协办部门退回，需 --reason",
        "协办部门退回其协办任务（需说明原因）；中心可再次增派或解除该协办部门。",
    )
    back.add_argument("--department", required=True, metavar="NAME", help="协办部门名称")
    back.add_argument("--reason", required=True, metavar="TEXT", help="退回原因")
    back.set_defaults(func=run_co_return)

    feedback = _verb(
        verbs,
        "co-feedback",
        "协办部门反馈，需 --text",
        "协办部门反馈处置情况；在其期限内反馈为按期。所有协办部门反馈或解除后，主办部门方可反馈。",
    )
    feedback.add_argument("--department", required=True, metavar="NAME", help="协办部门名称")
    feedback.add_argument("--text", required=True, metavar="TEXT", help="反馈内容")
    feedback.set_defaults(func=run_co_feedback)

    release = _verb(
        verbs,
        "co-release",
        "中心解除协办部门，需 --reason",
        "中心解除一个协办部门（需说明原因），主办部门的反馈不再等待它。",
    )
    release.add_argument("--department", required=True, metavar="NAME", help="协办部门名称")
    release.add_argument("--reason", required=True, metavar="TEXT", help="解除原因")
    release.set_defaults(func=run_co_release)

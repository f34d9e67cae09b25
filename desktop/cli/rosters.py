"""`griddesk-admin import roster FILE.xlsx --kind KIND`: roster import from the console, with the
same checks and the same one-transaction write as the window's import wizard.

No Qt here: the console tool runs on servers without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from db.cases.work_orders import apply_case_import, plan_case_import
from db.engine import Database
from db.errors import ValidationError
from db.intake.hotline import is_hotline_export
from db.people.roster_import import apply_import, plan_import
from db.people.roster_kinds import FIELDS, KIND_LABELS, Kind, parse_kind
from db.sheets.problems import Problem
from desktop.cli.common import EXIT_OK, EXIT_USER_ERROR, Subcommands, actor_of, fail
from desktop.cli.hotline import run_hotline_import


def _kinds_help() -> str:
    return "、".join(f"{k.value}（{KIND_LABELS[k]}）" for k in Kind)


def _fields_help() -> str:
    lines = []
    for kind in Kind:
        names = "、".join(f"{s.label}" for s in FIELDS[kind])
        lines.append(f"  {KIND_LABELS[kind]}：{names}")
    return "\n".join(lines)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`列名=字段` pairs → {header: field}; `列名=忽略` drops a column."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, target = pair.partition("=")
        if not sep or not header.strip():
            raise ValidationError(f"--map 的值「{pair}」应写成 列名=字段（例如 工作岗位=职务）")
        mapping[header.strip()] = target.strip()
    return mapping


def _print_ignored(ignored: list[tuple[int, str]]) -> None:
    for row, text in ignored:
        print(f"  第 {row} 行：签名或说明行「{text}」，已忽略")


def _dry_run_end(summary: str, problems: bool) -> int:
    """The end of a dry run: exit 0, or 2 with the summary on stderr when problems were found."""
    print("试导入：未写入任何数据")
    if not problems:
        return EXIT_OK
    return fail(f"试导入发现问题，未写入任何数据：{summary}")


def _check_roster(args: argparse.Namespace) -> None:
    args.kind_value = parse_kind(args.kind)
    args.mapping = parse_mapping(args.map)


def _problems_end(
    args: argparse.Namespace, summary: str, problems: Sequence[Problem]
) -> int | None:
    """List the plan's problems; the exit code when the command ends here (a dry run, or
    problems without --valid-only), None when the import goes on."""
    if problems:
        print(f"发现 {len(problems)} 处问题：")
        for problem in problems:
            print(f"  {problem.text}")
    if args.dry_run:
        return _dry_run_end(summary, bool(problems))
    if problems and not args.valid_only:
        print(
            f"错误：发现 {len(problems)} 处问题，未导入任何数据；"
            "请修正后重试，或加 --valid-only 只导入有效行",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    return None


def run_import_roster(args: argparse.Namespace, db: Database) -> int:
    kind: Kind = args.kind_value
    actor_of(args).require("roster.import", f"导入{KIND_LABELS[kind]}名册")
    plan = plan_import(db, args.file, kind, args.mapping)
    print(plan.summary())
    print(f"表头在第 {plan.header_row} 行（工作表「{plan.sheet_name}」）")
    if plan.unknown_headers:
        print(
            "未识别的列（已忽略）："
            + "、".join(plan.unknown_headers)
            + "；如需导入，请用 --map 列名=字段 指定"
        )
    _print_ignored(plan.ignored)
    ended = _problems_end(args, plan.summary(), plan.problems)
    if ended is not None:
        return ended
    result = apply_import(db, plan, actor_of(args), valid_only=args.valid_only)
    print(result.summary())
    return EXIT_OK


def run_import_cases(args: argparse.Namespace, db: Database) -> int:
    actor_of(args).require("case.report", "导入案件")
    if is_hotline_export(args.file):  # no 网格编码 / 案件类别: placed and classified per order
        return run_hotline_import(args, db)
    plan = plan_case_import(db, args.file)
    print(plan.summary())
    print(f"表头在第 {plan.header_row} 行")
    if plan.unknown_headers:
        print("未识别的列（已忽略）：" + "、".join(plan.unknown_headers))
    for row, number in plan.already:
        print(f"  第 {row} 行：该工单已导入过（案件 {number}），跳过")
    _print_ignored(plan.ignored)
    ended = _problems_end(args, plan.summary(), plan.problems)
    if ended is not None:
        return ended
    result = apply_case_import(
        db, plan, actor_of(args), valid_only=args.valid_only, after_batch=_Progress()
    )
    print(result.summary())
    return EXIT_OK


PROGRESS_EVERY = 5_000  # rows between two progress lines of a big import


class _Progress:
    """A line about every PROGRESS_EVERY rows of a big import (written in batches, each saved)."""

    def __init__(self) -> None:
        self.told = 0

    def __call__(self, written: int, total: int) -> None:
        if total <= PROGRESS_EVERY:
            return
        if written // PROGRESS_EVERY > self.told // PROGRESS_EVERY or written == total:
            self.told = written
            print(f"已写入 {written} / {total} 件（分批保存）", flush=True)


def register(subparsers: Subcommands) -> None:
    """The `import` command: `import roster …` and `import cases …`."""
    parser = subparsers.add_parser(
        "import",
        help="导入人员花名册或案件（Excel）",
        description="从 Excel（.xlsx）导入。含宏、损坏或异常的文件一律拒绝，不写入任何数据。",
    )
    sub = parser.add_subparsers(dest="what", required=True, title="导入内容", metavar="内容")
    roster = sub.add_parser(
        "roster",
        help="导入人员花名册",
        description=(
            "导入一份人员花名册。先检查全部行，逐条列出问题（行号、列、原因）；默认有任何问题就"
            "不导入，--valid-only 只导入无问题的行。全部写入在一个事务中完成；"
            "同一身份证号的人员再次导入时更新而不重复。\n\n各花名册可用的字段：\n" + _fields_help()
        ),
    )
    roster.add_argument("file", metavar="FILE.xlsx", help="要导入的 Excel 文件")
    roster.add_argument("--kind", required=True, metavar="KIND", help=f"花名册：{_kinds_help()}")
    roster.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
    roster.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="列名=字段",
        help="把表中不认识的列名对应到字段（可多次给出；字段写 忽略 则不导入该列）",
    )
    mode = roster.add_mutually_exclusive_group()
    mode.add_argument(
        "--all-or-nothing",
        dest="valid_only",
        action="store_false",
        help="有任何问题就全部不导入（默认）",
    )
    mode.add_argument(
        "--valid-only", dest="valid_only", action="store_true", help="只导入没有问题的行"
    )
    roster.set_defaults(func=run_import_roster, validate=_check_roster, valid_only=False)

    cases = sub.add_parser(
        "cases",
        help="导入案件（如 12345 热线工单）",
        description=(
            "把表中的每一行作为新案件上报（来源默认为热线转办）。列：网格编码、案件类别（小类编码或名称）、"
            "问题描述为必需；工单编号、来源、是否紧急、地址、反映人、联系电话、上报时间可选。"
            "先检查全部行（含各上报日的案件编号是否够用），有问题则列出且不写入；"
            "写入分批进行（每批一个事务），导入期间其他工作站的派遣、上报照常进行；"
            "中途中断后再次导入同一文件，已导入过的工单编号会跳过（无工单编号的行无法识别）。"
            "案件编号按各工单的上报时间所在日期编排。\n\n"
            "12345 热线导出的原表（工单编号、来电时间、诉求内容、事发地址、办理时限（工作日）等，"
            "没有网格编码和案件类别）自动识别：每件工单按地址定位网格、按诉求内容判断小类，"
            "二者都确定的立为案件，其余进入待定位（见 griddesk-admin hotline pending）；"
            "--dry-run 逐行列出定位和分类结果及理由。"
        ),
    )
    cases.add_argument("file", metavar="FILE.xlsx", help="要导入的 Excel 文件")
    cases.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
    cases_mode = cases.add_mutually_exclusive_group()
    cases_mode.add_argument(
        "--all-or-nothing",
        dest="valid_only",
        action="store_false",
        help="有任何问题就全部不导入（默认）",
    )
    cases_mode.add_argument(
        "--valid-only", dest="valid_only", action="store_true", help="只导入没有问题的行"
    )
    cases.set_defaults(func=run_import_cases, valid_only=False)

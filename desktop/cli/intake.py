"""`griddesk-admin case suggest`, and what `case report` chooses when it is given an address
instead of a grid or a description without a 小类 (db/intake: the same suggestions as the
来电登记 form and the 12345 import)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import dataclass

from db.engine import Database
from db.errors import UserError
from db.intake.classify import category_certain, retrain_if_due
from db.intake.suggest import IntakeSuggestion, suggest
from db.reference.choices import Choice
from desktop.cli.common import EXIT_OK, EXIT_USER_ERROR, Subcommands, fail, print_json

MAX_TEXT = 4000  # characters of one description or address read by `case suggest`


def _learn(db: Database) -> None:
    """Bring the stored model up to date first (a no-op when nothing much closed since);
    a database this user cannot write to is still answered, from a model learned in memory."""
    with contextlib.suppress(UserError):
        retrain_if_due(db)


def _shown(choices: tuple[Choice, ...], with_code: bool = True) -> list[str]:
    return [
        f"  {i}. {c.name}"
        + (f"（{c.code}）" if with_code and c.code else "")
        + f"  {c.score:.2f}  {c.why}"
        for i, c in enumerate(choices, 1)
    ]


def _print_human(result: IntakeSuggestion) -> None:
    print("小类：" if result.categories else "小类：无建议")
    print("\n".join(_shown(result.categories)))
    certain = "（确定）" if result.grid_certain else "（不确定，请确认）"
    print(f"网格：{certain if result.grids else '无法从地址定位'}")
    print("\n".join(_shown(result.grids)))
    print("处置部门：" if result.departments else "处置部门：无建议")
    print("\n".join(_shown(result.departments, with_code=False)))


def _batch(db: Database, limit: int) -> int:
    """One JSON object per stdin line in, one JSON line out per line, in order; a bad line
    answers {"error": …} and the command ends with exit code 2."""
    failed = False
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            item = None
        if not isinstance(item, dict):
            print(json.dumps({"error": f"第 {number} 行不是 JSON 对象"}, ensure_ascii=False))
            failed = True
            continue
        text, address = item.get("text", ""), item.get("address", "")
        if not isinstance(text, str) or not isinstance(address, str):
            print(
                json.dumps(
                    {"error": f"第 {number} 行的 text 与 address 应为文字"}, ensure_ascii=False
                )
            )
            failed = True
            continue
        result = suggest(db, text[:MAX_TEXT], address[:MAX_TEXT], limit=limit)
        print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)
    return EXIT_USER_ERROR if failed else EXIT_OK


def run_suggest(args: argparse.Namespace, db: Database) -> int:
    _learn(db)
    if args.batch:
        if args.text or args.address:
            return fail("--batch 从标准输入逐行读取，不能同时给 --text 或 --address")
        return _batch(db, args.limit)
    if not (args.text or "").strip() and not (args.address or "").strip():
        return fail("请给出 --text（问题描述）或 --address（地址），或用 --batch")
    result = suggest(
        db, (args.text or "")[:MAX_TEXT], (args.address or "")[:MAX_TEXT], limit=args.limit
    )
    if args.json:
        print_json(result.as_json())
    else:
        _print_human(result)
    return EXIT_OK


def register_suggest(verbs: Subcommands) -> None:
    suggest_parser = verbs.add_parser(
        "suggest",
        help="按描述与地址建议小类、网格与处置部门",
        description=(
            "按问题描述建议小类、按地址建议网格，并建议处置部门（各附理由，最好的在前）。"
            '--batch 从标准输入每行读一个 JSON 对象 {"text": …, "address": …}，'
            "按顺序每行输出一个 JSON 结果。"
        ),
    )
    suggest_parser.add_argument("--text", metavar="TEXT", help="问题描述（来电人的原话）")
    suggest_parser.add_argument("--address", metavar="A", help="事发地址")
    suggest_parser.add_argument("--json", action="store_true", help="输出 JSON")
    suggest_parser.add_argument(
        "--batch", action="store_true", help="从标准输入逐行读取 JSON，逐行输出 JSON"
    )
    suggest_parser.add_argument(
        "--limit", type=_limit, default=3, metavar="N", help="每项最多建议几个（1–10，默认 3）"
    )
    suggest_parser.set_defaults(func=run_suggest)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 1 到 10 的整数：{text}") from None
    if not 1 <= value <= 10:
        raise argparse.ArgumentTypeError(f"应为 1 到 10 的整数：{text}")
    return value


# --- case report without codes ------------------------------------------------------------------


@dataclass(frozen=True)
class Chosen:
    grid: str | None  # the grid code, None when it could not be chosen
    category: str | None  # the 小类 code, None when it could not be chosen
    lines: tuple[str, ...]  # what was chosen and why, or the candidates


def choose_for_report(
    db: Database, grid: str | None, category: str | None, description: str, address: str
) -> Chosen:
    """The grid from the address (when no --grid; only when the placement is certain) and the
    小类 from the description (when no --category; only when clearly ahead)."""
    if grid is None and not address.strip():
        raise UserError("请给出 --grid（网格编码）或 --address（地址）")
    if category is None:
        _learn(db)
    result = suggest(db, description if category is None else "", address if grid is None else "")
    lines: list[str] = []
    if grid is None:
        if result.grid_certain and result.grids:
            best = result.grids[0]
            grid = best.code
            lines.append(f"网格：{best.name}（{best.code}）—— {best.why}")
        elif result.grids:
            lines.append("无法确定网格，候选：")
            lines.extend(_shown(result.grids))
        else:
            lines.append(f"无法从地址「{address.strip()}」定位网格，请用 --grid 指定")
    if category is None:
        chosen = list(result.categories)
        if category_certain(chosen):
            best = chosen[0]
            category = best.code
            lines.append(f"小类：{best.name}（{best.code}）—— {best.why}")
        elif chosen:
            lines.append("无法确定小类（建议不够明确），候选：")
            lines.extend(_shown(result.categories))
        else:
            lines.append("无法从描述判断小类，请用 --category 指定")
    return Chosen(grid, category, tuple(lines))

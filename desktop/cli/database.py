"""The `griddesk-admin init|info|simulate` commands: create or upgrade the database (optionally
with the demo street), count what it holds, and feed it grid uploads live (no Qt)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from db.demo.simulate import (
    MAX_DURATION_SECONDS,
    MAX_RATE_PER_MIN,
    MIN_RATE_PER_MIN,
    simulate,
)
from db.demo.street import build_demo
from db.engine import Database
from db.errors import ValidationError
from db.holidays.calendar_years import calendar_warning
from db.maintenance.info import ROSTER_ROLE_LABELS, database_info, status_label
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, float_in, int_in, print_json

MAX_DEMO_CASES = 1_000_000
MAX_SEED = 2**32 - 1

# --- init ---------------------------------------------------------------------------------------


def _check_init(args: argparse.Namespace) -> None:
    if not args.demo and (args.cases is not None or args.seed is not None):
        raise ValidationError("--cases 和 --seed 只能与 --demo 一起使用")


class _Progress:
    """Progress of a long job on stderr (stdout stays clean for scripts): a line whenever the
    stage changes or another 5 % is done."""

    def __init__(self) -> None:
        self.stage = ""
        self.shown = -1.0

    def __call__(self, stage: str, fraction: float) -> None:
        if stage == self.stage and fraction < self.shown + 0.05 and fraction < 1.0:
            return
        self.stage, self.shown = stage, fraction
        print(f"[{fraction:4.0%}] {stage}", file=sys.stderr, flush=True)


def _file_size(db: Database) -> str:
    """The size of a SQLite file, e.g. 412.5 MB, once its connections are closed (closing
    folds the write-ahead log back into the file); empty for a server."""
    database = db.engine.url.database
    if not db.is_sqlite or not database or database == ":memory:":
        return ""
    db.dispose()
    total = sum(
        Path(database + suffix).stat().st_size
        for suffix in ("", "-wal")
        if Path(database + suffix).exists()
    )
    return f"{total / 1024 / 1024:.1f} MB"


def run_init(args: argparse.Namespace, db: Database) -> int:
    if args.demo:
        options: dict[str, Any] = {"progress": _Progress()}
        if args.cases is not None:
            options["cases"] = args.cases
        if args.seed is not None:
            options["seed"] = args.seed
        summary = build_demo(db, **options)
        print(
            f"演示街道已生成：社区 {summary.communities} 个，网格 {summary.grids} 个，"
            f"部门 {summary.departments} 个，人员 {summary.people} 人，"
            f"案件 {summary.cases} 件，用时 {summary.seconds:.1f} 秒"
        )
    with db.read() as session:
        info = database_info(session, db.describe())
    size = _file_size(db)
    print(
        f"数据库已就绪：{info.database}（结构版本 {info.schema_revision}"
        + (f"，文件 {size}" if size else "")
        + "）"
    )
    return EXIT_OK


# --- info ---------------------------------------------------------------------------------------


def run_info(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        info = database_info(session, db.describe())
    if args.json:
        print_json(info.to_json())
        return EXIT_OK
    print(f"数据库：{info.database}")
    print(f"结构版本：{info.schema_revision or '（未建）'}")
    print(
        f"社区 {info.communities} 个，网格 {info.grids} 个，"
        f"部门 {info.departments} 个，案件小类 {info.categories} 个"
    )
    people = "，".join(f"{label} {info.people[key]}" for key, label in ROSTER_ROLE_LABELS.items())
    print(f"人员：{people}")
    cases = "，".join(f"{status_label(s)} {n}" for s, n in info.cases.items() if n)
    print(f"案件：共 {info.total_cases} 件" + (f"（{cases}）" if cases else ""))
    with db.read() as session:
        warning = calendar_warning(session)
    if warning:
        print(f"注意：{warning}")
    return EXIT_OK


# --- simulate -----------------------------------------------------------------------------------


def run_simulate(args: argparse.Namespace, db: Database) -> int:
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        # The first Ctrl+C lets the case being written finish; a second one stops at once.
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main_thread else None
    try:
        count = simulate(
            db,
            rate_per_min=args.rate,
            duration=args.duration,
            stop=stop,
            on_case=lambda number: print(number, flush=True),
            actor=actor_of(args),
        )
    except KeyboardInterrupt:
        print("模拟已停止", file=sys.stderr)
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    print(f"模拟{'已停止' if stop.is_set() else '结束'}：共上报 {count} 件", file=sys.stderr)
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `init`, `info` and `simulate` commands."""
    init = subparsers.add_parser(
        "init",
        help="创建或升级数据库，可选载入演示街道",
        description="创建数据库（或把已有数据库升级到本程序的结构版本），可选载入演示街道。",
    )
    init.add_argument("--demo", action="store_true", help="载入演示街道（社区、网格、人员、案件）")
    init.add_argument(
        "--force",
        action="store_true",
        help="数据库里已有其他程序的数据表时，仍在其中建立 GridDesk 的数据表（SQLite 文件先备份）",
    )
    init.add_argument(
        "--cases",
        type=int_in(0, MAX_DEMO_CASES),
        metavar="N",
        help=f"演示历史案件数，0–{MAX_DEMO_CASES}（与 --demo 同用）",
    )
    init.add_argument(
        "--seed",
        type=int_in(0, MAX_SEED),
        metavar="N",
        help=f"演示数据随机种子，0–{MAX_SEED}（与 --demo 同用）",
    )
    init.set_defaults(func=run_init, validate=_check_init)

    info = subparsers.add_parser(
        "info",
        help="数据库概况：社区、网格、部门、类别、人员、案件数和结构版本",
        description="列出数据库中的社区、网格、部门、案件类别数，各类人员数，各状态案件数和结构版本。",
    )
    info.add_argument("--json", action="store_true", help="输出 JSON")
    info.set_defaults(func=run_info)

    sim = subparsers.add_parser(
        "simulate",
        help="模拟网格员持续上报案件（Ctrl+C 停止）",
        description="按给定速率不断新增网格上报案件，直到 Ctrl+C 或到达 --duration。",
    )
    sim.add_argument(
        "--rate",
        type=float_in(MIN_RATE_PER_MIN, MAX_RATE_PER_MIN),
        required=True,
        metavar="PER_MIN",
        help=f"每分钟件数，{MIN_RATE_PER_MIN:g}–{MAX_RATE_PER_MIN:.0f}",
    )
    sim.add_argument(
        "--duration",
        type=float_in(0, MAX_DURATION_SECONDS, above=True),
        metavar="SECONDS",
        help="持续秒数（默认不限，最长 30 天）；数据库跟不上速率时也按时结束",
    )
    sim.set_defaults(func=run_simulate)

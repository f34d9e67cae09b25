"""The console tool `griddesk-admin`: create the database, inspect it and drive cases by script.

Each group of commands lives in its own module with a `register(subparsers)` function; this
module builds the argument tree from them, opens the database and turns a user's mistake
(`db.errors.UserError`) into exit code 2 with one line on stderr. Command functions take
`(args, db)` and return the exit code; `args.actor` names who acts.

No Qt here (nor in anything this imports): the tool runs on servers without a display.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from db.database import open_database
from db.engine import Database, resolve_url
from db.errors import PermissionDenied, UserError, ValidationError
from db.security.accounts import authenticate, has_users
from db.security.actors import SYSTEM, Actor
from db.security.audit_anchor import remember_head

EXIT_OK = 0
EXIT_USER_ERROR = 2

CommandFunc = Callable[[argparse.Namespace, Database | None], int]

# Command modules owned by other parts of the application, and the verbs each one provides.
# A module that is not there yet gets placeholder verbs, so `--help` lists the whole contract.
OPTIONAL_MODULES: dict[str, tuple[tuple[str, str], ...]] = {
    "desktop.cli.rosters": (("import", "导入人员花名册或案件（Excel）"),),
    "desktop.cli.reports": (("report", "生成上报区里的 Excel 报表"),),
    "desktop.cli.accounts": (
        ("backup", "备份数据库"),
        ("restore", "从备份恢复数据库"),
        ("user", "用户账号管理"),
        ("audit", "审计日志校验"),
    ),
    "desktop.cli.master_data": (
        ("department", "职能部门维护"),
        ("category", "案件类别维护"),
        ("grid", "单元网格维护"),
    ),
}

NOT_YET_AVAILABLE = "此功能尚未提供"


# --- argparse in Chinese ------------------------------------------------------------------------

_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (
        r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
        r"参数 \1 的值 \2 无效，可选：\3",
    ),
    (r"^argument (\S+): invalid (\S+) value: (.*)$", r"参数 \1 的值 \3 无效"),
    (r"^argument (\S+): expected one argument$", r"参数 \1 需要一个值"),
    (r"^argument (\S+): expected at least one argument$", r"参数 \1 至少需要一个值"),
    (r"^argument (\S+): not allowed with argument (.*)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (\S+): (.*)$", r"参数 \1：\2"),
    (r"^ambiguous option: (\S+) could match (.*)$", r"选项 \1 有歧义，可能是：\2"),
    (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
)


def _translate(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese headings and one-line Chinese usage errors (exit code 2)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # our own -h with a Chinese help text
        super().__init__(**kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        text = _translate(message).replace("\n", " ")
        self.exit(EXIT_USER_ERROR, f"错误：{text}（用 {self.prog} -h 查看用法）\n")


# --- small shared helpers for command modules ---------------------------------------------------


def fail(message: str) -> int:
    """Print one error line on stderr; the exit code of a user error."""
    print(f"错误：{' '.join(message.split())}", file=sys.stderr)
    return EXIT_USER_ERROR


def print_json(document: Any) -> None:
    """One JSON document on stdout (UTF-8 text, keys in the order given)."""
    print(json.dumps(document, ensure_ascii=False, indent=2))


def require_db(db: Database | None) -> Database:
    if db is None:
        raise RuntimeError("command registered with needs_db=False was given no database")
    return db


PASSWORD_ENV = "GRIDDESK_PASSWORD"
# What may run without signing in on a database that already has accounts: creating or
# upgrading the schema (init without --demo) and checking the audit chain.
_OPEN_COMMANDS = {("init", False), ("audit", "verify")}


def _read_password(name: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if not sys.stdin.isatty():
        raise PermissionDenied(
            f"请通过环境变量 {PASSWORD_ENV} 提供用户 {name} 的密码，或在终端中运行"
        )
    return getpass.getpass(f"用户 {name} 的密码：")


def resolve_actor(args: argparse.Namespace, db: Database | None) -> Actor:
    """Who the command acts as: the account named by `--user` (password from
    $GRIDDESK_PASSWORD or a prompt). Without `--user` only setting up is allowed: `init`
    (creating or upgrading the schema; `init --demo` also needs an account once there are
    any), and on a database without accounts the first `user add` and `restore`; `audit
    verify` always."""
    if db is None:
        return SYSTEM
    if args.user:
        return authenticate(db, args.user, _read_password(args.user))
    with db.read() as session:
        accounts = has_users(session)
    command = args.command
    if not accounts and (
        command in ("init", "restore") or (command, args_sub(args)) == ("user", "add")
    ):
        return SYSTEM  # setting up, or bringing back a backup onto an empty database
    key = (command, getattr(args, "audit_command", None) or bool(getattr(args, "demo", False)))
    if key in _OPEN_COMMANDS:
        return SYSTEM
    if not accounts:
        raise PermissionDenied(
            "此数据库还没有账号：请先用 griddesk-admin user add 用户名 --role admin "
            "建立管理员，再以 --user 用户名 操作"
        )
    raise PermissionDenied(
        "此数据库已启用账号，请用 --user 用户名 登录（密码取自 GRIDDESK_PASSWORD）"
    )


def args_sub(args: argparse.Namespace) -> str | None:
    """The sub-command of a command group (`user add` → "add"), if any."""
    value = getattr(args, f"{args.command}_command", None)
    return value if isinstance(value, str) else None


# --- init, info, simulate ---------------------------------------------------------------------


def _check_init(args: argparse.Namespace) -> None:
    if not args.demo and (args.cases is not None or args.seed is not None):
        raise ValidationError("--cases 和 --seed 只能与 --demo 一起使用")
    if args.cases is not None and args.cases < 0:
        raise ValidationError("--cases 不能为负数")


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


def run_init(args: argparse.Namespace, db: Database | None) -> int:
    from db.maintenance.info import database_info

    db = require_db(db)
    if args.demo:
        from db.demo.street import build_demo  # written alongside; imported only when asked for

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


def run_info(args: argparse.Namespace, db: Database | None) -> int:
    from db.maintenance.info import ROSTER_ROLE_LABELS, database_info, status_label

    db = require_db(db)
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
    return EXIT_OK


def _check_simulate(args: argparse.Namespace) -> None:
    if args.rate <= 0:
        raise ValidationError("--rate 应大于 0（每分钟上报件数）")
    if args.duration is not None and args.duration <= 0:
        raise ValidationError("--duration 应大于 0（秒）")


def run_simulate(args: argparse.Namespace, db: Database | None) -> int:
    module = _optional_module("db.demo.simulate")  # written alongside; imported only when asked for
    if module is None:
        raise UserError(NOT_YET_AVAILABLE)
    db = require_db(db)
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        # The first Ctrl+C lets the case being written finish; a second one stops at once.
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main_thread else None
    try:
        count = module.simulate(
            db,
            rate_per_min=args.rate,
            duration=args.duration,
            stop=stop,
            on_case=lambda number: print(number, flush=True),
            actor=args.actor,
        )
    except KeyboardInterrupt:
        print("模拟已停止", file=sys.stderr)
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    print(f"模拟{'已停止' if stop.is_set() else '结束'}：共上报 {count} 件", file=sys.stderr)
    return EXIT_OK


def register(subparsers: Any) -> None:
    """The core commands: init, info, simulate."""
    init = subparsers.add_parser(
        "init",
        help="创建或升级数据库，可选载入演示街道",
        description="创建数据库（或把已有数据库升级到本程序的结构版本），可选载入演示街道。",
    )
    init.add_argument("--demo", action="store_true", help="载入演示街道（社区、网格、人员、案件）")
    init.add_argument("--cases", type=int, metavar="N", help="演示历史案件数（与 --demo 同用）")
    init.add_argument("--seed", type=int, metavar="N", help="演示数据随机种子（与 --demo 同用）")
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
    sim.add_argument("--rate", type=float, required=True, metavar="PER_MIN", help="每分钟件数")
    sim.add_argument("--duration", type=float, metavar="SECONDS", help="持续秒数（默认不限）")
    sim.set_defaults(func=run_simulate, validate=_check_simulate)


# --- placeholders for commands whose module is not there yet ------------------------------------


def _not_yet(args: argparse.Namespace, db: Database | None) -> int:
    return fail(NOT_YET_AVAILABLE)


def _register_placeholders(subparsers: Any, verbs: Sequence[tuple[str, str]]) -> None:
    for verb, help_text in verbs:
        parser = subparsers.add_parser(verb, help=f"{help_text}（{NOT_YET_AVAILABLE}）")
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        parser.set_defaults(func=_not_yet, needs_db=False, accepts_extra=True)


def _optional_module(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def build_parser() -> ArgumentParser:
    from desktop.cli import cases as cli_cases

    parser = ArgumentParser(
        prog="griddesk-admin",
        description="网格指挥调度台（GridDesk）管理工具：建库、查看、按脚本流转案件。\n"
        "出错时退出码为 2，并在标准错误输出一行说明，数据库不作改动。",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="数据库地址（sqlite:///文件、文件路径或 postgresql://…）；"
        "默认取环境变量 GRIDDESK_DB，再默认为本机数据目录中的 SQLite 文件",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="以哪个账号操作，密码取自 GRIDDESK_PASSWORD 或提示输入",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令")
    register(subparsers)
    cli_cases.register(subparsers)
    for name, verbs in OPTIONAL_MODULES.items():
        module = _optional_module(name)
        if module is None:
            _register_placeholders(subparsers, verbs)
        else:
            module.register(subparsers)
    return parser


def _shown_url(url: str | None) -> str:
    """The database URL for a message, password hidden."""
    resolved = resolve_url(url)
    try:
        return make_url(resolved).render_as_string(hide_password=True)
    except ArgumentError:
        return resolved


def _open(args: argparse.Namespace) -> Database:
    try:
        return open_database(args.db)
    except OperationalError as exc:
        lines = str(exc.orig or exc).strip().splitlines()
        reason = lines[0] if lines else type(exc).__name__
        raise UserError(f"无法打开数据库 {_shown_url(args.db)}：{reason}") from exc
    except OSError as exc:
        raise UserError(f"无法打开数据库 {_shown_url(args.db)}：{exc}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 2 a user's mistake)."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra and not getattr(args, "accepts_extra", False):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # --help, or a usage error already printed on stderr
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    args.actor = SYSTEM
    func: CommandFunc = args.func
    try:
        validate = getattr(args, "validate", None)
        if validate is not None:
            validate(args)
        if not getattr(args, "needs_db", True):
            return func(args, None)
        db = _open(args)
        try:
            args.actor = resolve_actor(args, db)
            code = func(args, db)
            if code == EXIT_OK:
                remember_head(db)  # this workstation's anchor of the audit log
            return code
        finally:
            db.dispose()
    except UserError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `griddesk-admin case list | head`: the reader left early, which is not an error.
        # Point stdout at /dev/null so the flush at exit does not complain either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

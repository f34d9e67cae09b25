"""The console tool `griddesk-admin`: create the database, inspect it and drive cases by script.

Each group of commands lives in its own module with a `register(subparsers)` function; this
module builds the argument tree from them, opens the database, signs the user in and turns a
user's mistake (`db.errors.UserError`) into exit code 2 with one line on stderr. Command
functions take `(args, db)` and return the exit code; `common.actor_of(args)` names who acts.

No Qt here (nor in anything this imports): the tool runs on servers without a display.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from db.database import open_database
from db.errors import UserError
from db.paths import data_dir
from db.security.audit_anchor import remember_head
from desktop.cli import (
    accounts,
    calendar,
    cases,
    database,
    escalation,
    gazetteer,
    geography,
    hotline,
    master_data,
    reports,
    rollups,
    rosters,
    setup,
)
from desktop.cli.common import (
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    EXIT_USER_ERROR,
    ArgumentParser,
    CommandFunc,
    EscapingStream,
    fail,
    resolve_actor,
    undecodable_argument,
)


def build_parser() -> ArgumentParser:
    """The whole argument tree; each command's defaults hold its `func` (and `validate`, checks
    that need no database)."""
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
    for module in (
        database,
        setup,
        cases,
        rosters,
        reports,
        accounts,
        master_data,
        calendar,
        geography,
        gazetteer,
        hotline,
        escalation,
        rollups,
    ):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 2 a user's mistake, 1 a fault of the
    program, told in one line with the details in the log file). Text written to stdout and
    stderr has terminal control characters escaped (see `common.escape_controls`)."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(stdout), EscapingStream(stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def log_path() -> Path:
    return data_dir() / "logs" / "griddesk-admin.log"


def _log_fault(exc: BaseException) -> str:
    """Append the traceback to the log file; returns where it went ("" if it could not be
    written). The traceback may hold SQL and its parameters (names, phones, ID numbers): it
    goes to the file, never to the terminal."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            log.write(f"{stamp} griddesk-admin {' '.join(sys.argv[1:2])}\n")
            log.write("".join(traceback.format_exception(exc)))
    except OSError:
        return ""
    return str(path)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    undecodable = undecodable_argument(arguments)
    if undecodable is not None:
        return fail(
            f"{undecodable}含有不是 UTF-8 编码的字节（例如 GBK 终端输入的文字）；"
            "请把终端编码设为 UTF-8 后重新输入"
        )
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, or a usage error already printed on stderr
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    func: CommandFunc = args.func
    try:
        validate = getattr(args, "validate", None)
        if validate is not None:
            validate(args)
        # Only `init --force` may create GridDesk's tables in a database with other tables.
        adopt = args.command == "init" and bool(getattr(args, "force", False))
        db = open_database(args.db, adopt_foreign=adopt)
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
    except BrokenPipeError:
        # `griddesk-admin case list | head`: the reader left early, which is not an error.
        # Point stdout at /dev/null so the flush at exit does not complain either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a fault of the program: one line, the details in the log
        where = _log_fault(exc)
        told = f"，详情已记入 {where}" if where else ""
        print(
            f"错误：内部错误（{type(exc).__name__}），命令未能完成{told}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

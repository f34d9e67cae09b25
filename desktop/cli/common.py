"""What every `griddesk-admin` command module shares: exit codes, the Chinese argument parser,
error and JSON printing, and the actor a command acts as (no Qt)."""

from __future__ import annotations

import argparse
import getpass
import json
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeAlias

from db.engine import Database
from db.errors import PermissionDenied
from db.security.accounts import authenticate, has_users
from db.security.actors import SYSTEM, Actor

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1

# A command: takes the parsed arguments and the open database, returns the exit code.
CommandFunc: TypeAlias = Callable[[argparse.Namespace, Database], int]


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


def _shown(text: str) -> str:
    """An argument as quoted in a message: at most 30 characters, control characters as `?`."""
    cut = text if len(text) <= 30 else text[:30] + "…"
    return "".join("?" if not char.isprintable() else char for char in cut)


def int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line naming the range."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"「{_shown(text)}」不是整数（应为 {low}–{high}）"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{_shown(text)} 超出范围（应为 {low}–{high}）")
        return value

    return parse


def _number(value: float) -> str:
    """1e-3 → 0.001, 2592000.0 → 2592000."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:f}".rstrip("0")


def float_in(low: float, high: float, *, above: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number from `low` (or above it, with `above`) to `high`."""
    lower, upper = _number(low), _number(high)
    span = f"应大于 {lower} 且不超过 {upper}" if above else f"应为 {lower}–{upper}"

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"「{_shown(text)}」不是数（{span}）") from None
        too_low = value <= low if above else value < low
        if not math.isfinite(value) or too_low or value > high:
            raise argparse.ArgumentTypeError(f"{_shown(text)} 超出范围（{span}）")
        return value

    return parse


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """The name of the first argument holding bytes that are not UTF-8 (Python keeps them as
    lone surrogates, as a GBK terminal's typing arrives in a UTF-8 locale), or None."""
    for index, arg in enumerate(argv):
        if not any("\ud800" <= char <= "\udfff" for char in arg):
            continue
        option, sep, _ = arg.partition("=")
        if arg.startswith("-") and sep and not any("\ud800" <= c <= "\udfff" for c in option):
            return f"参数 {option} 的值"
        previous = argv[index - 1] if index > 0 else ""
        if previous.startswith("--"):
            return f"参数 {previous} 的值"
        return f"第 {index + 1} 个参数"
    return None


# What a command module's `register(subparsers)` adds its commands to. argparse's class for it
# is generic only for type checkers, hence the alias as a string.
Subcommands: TypeAlias = "argparse._SubParsersAction[ArgumentParser]"


# --- printing -----------------------------------------------------------------------------------


# Characters that act on a terminal or reorder what it shows: C0 controls but newline and tab,
# DEL and the C1 controls, bidi embeddings/overrides/isolates, zero-width characters. Input is
# checked for them (db.models.limits); output escapes them too, so text stored before that
# check, or arriving by another path, cannot move the cursor, clear the screen or retitle the
# window.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]")


def escape_controls(text: str) -> str:
    """`text` with every terminal-unsafe character written as `\\uXXXX` (which inside a JSON
    string is the same character, so JSON output stays valid and equal)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingStream:
    """A text stream that passes everything through `escape_controls` (the CLI's stdout and
    stderr)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def fail(message: str) -> int:
    """Print one error line on stderr; the exit code of a user error."""
    print(f"错误：{' '.join(message.split())}", file=sys.stderr)
    return EXIT_USER_ERROR


def print_json(document: Any) -> None:
    """One JSON document on stdout (UTF-8 text, keys in the order given)."""
    print(json.dumps(document, ensure_ascii=False, indent=2))


# --- the actor ----------------------------------------------------------------------------------

PASSWORD_ENV = "GRIDDESK_PASSWORD"
# What may run without signing in on a database that already has accounts: creating or
# upgrading the schema (init without --demo) and checking the audit chain.
_OPEN_COMMANDS = {("init", False), ("audit", "verify")}


def actor_of(args: argparse.Namespace) -> Actor:
    """Who the command acts as (`args.actor`, set from `--user` before the command runs)."""
    who = getattr(args, "actor", None)
    if not isinstance(who, Actor):
        raise TypeError("args.actor is set by resolve_actor before a command runs")
    return who


def _read_password(name: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if not sys.stdin.isatty():
        raise PermissionDenied(
            f"请通过环境变量 {PASSWORD_ENV} 提供用户 {name} 的密码，或在终端中运行"
        )
    return getpass.getpass(f"用户 {name} 的密码：")


def subcommand(args: argparse.Namespace) -> str | None:
    """The sub-command of a command group (`user add` → "add"), if any."""
    value = getattr(args, f"{args.command}_command", None)
    return value if isinstance(value, str) else None


def resolve_actor(args: argparse.Namespace, db: Database) -> Actor:
    """Who the command acts as: the account named by `--user` (password from
    $GRIDDESK_PASSWORD or a prompt). Without `--user` only setting up is allowed: `init`
    (creating or upgrading the schema; `init --demo` also needs an account once there are
    any), and on a database without accounts the first `user add` and `restore`; `audit
    verify` always."""
    if args.user:
        return authenticate(db, args.user, _read_password(args.user))
    with db.read() as session:
        accounts = has_users(session)
    command = args.command
    if not accounts and (
        command in ("init", "restore") or (command, subcommand(args)) == ("user", "add")
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

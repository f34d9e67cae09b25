"""`griddesk-admin` commands for accounts, the audit trail, backup and restore (no Qt)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from db.engine import Database
from db.errors import BackupAuditBroken, ValidationError
from db.maintenance.backup import make_backup, restore_backup
from db.maintenance.integrity import verify_integrity
from db.security.accounts import add_user, list_users, set_active
from db.security.actors import ROLE_LABELS, Role
from db.security.audit import read_audit_log, reanchor
from db.security.audit_anchor import load_database_anchors
from desktop.cli.common import EXIT_OK, EXIT_USER_ERROR, Subcommands, actor_of, int_in

MAX_AUDIT_LIMIT = 100_000
NEW_PASSWORD_ENV = "GRIDDESK_NEW_PASSWORD"


def read_new_password(prompt: str = "新密码：") -> str:
    """From $GRIDDESK_NEW_PASSWORD, else asked twice on the terminal."""
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise ValidationError(f"请通过环境变量 {NEW_PASSWORD_ENV} 提供新密码，或在终端中运行")
    first = getpass.getpass(prompt)
    if first != getpass.getpass("再输入一次："):
        raise ValidationError("两次输入的密码不一致")
    return first


def run_user_add(args: argparse.Namespace, db: Database) -> int:
    password = read_new_password()
    with db.write() as session:
        info = add_user(
            session,
            args.name,
            args.role,
            password,
            args.display_name or "",
            actor=actor_of(args),
            department=args.department,
        )
    where = f"，{info.department}" if info.department else ""
    print(f"已创建账号 {info.username}（{info.role_label}{where}）")
    return EXIT_OK


def run_user_list(args: argparse.Namespace, db: Database) -> int:
    actor_of(args).require("admin.users", "查看账号")
    with db.read() as session:
        users = list_users(session)
    for u in users:
        state = "启用" if u.active else "停用"
        print(f"{u.username}\t{u.display_name}\t{u.role_label}\t{u.department or '—'}\t{state}")
    return EXIT_OK


def run_user_active(args: argparse.Namespace, db: Database) -> int:
    info = set_active(db, actor_of(args), args.name, args.user_command == "enable")
    print(f"账号 {info.username} 已{'启用' if info.active else '停用'}")
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        report = verify_integrity(session, load_database_anchors(db))
    if report.ok:
        print(report.reason)
        return EXIT_OK
    if not report.audit.ok:
        print(f"错误：审计日志校验失败：{report.audit.reason}", file=sys.stderr)
    else:
        print(report.audit.reason)
    if not report.history.ok:
        print(f"错误：流转记录校验失败：{report.history.reason}", file=sys.stderr)
        for problem in report.history.problems[5:]:
            print(f"  {problem.reason}", file=sys.stderr)
    else:
        print(report.history.reason)
    return EXIT_USER_ERROR


def run_audit_reanchor(args: argparse.Namespace, db: Database) -> int:
    entry_id = reanchor(db, actor_of(args), args.reason)
    print(
        f"已记入审计日志第 {entry_id} 条；本机的锚点从此重新记录，其他工作站下次校验时随之重新记录"
    )
    return EXIT_OK


def run_audit_list(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        rows = read_audit_log(session, actor_of(args), args.limit)
        lines = [
            f"{e.id}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.username}\t{e.action}\t{e.object_type}"
            f"\t{e.object_id}\t{e.details or ''}"
            for e in rows
        ]
    print("\n".join(lines))
    return EXIT_OK


def run_backup(args: argparse.Namespace, db: Database) -> int:
    info = make_backup(db, Path(args.out), actor_of(args))
    print(f"已备份到 {info.path}（{info.cases} 件案件，{info.size / 1e6:.1f} MB）")
    return EXIT_OK


def run_restore(args: argparse.Namespace, db: Database) -> int:
    if args.accept_broken_audit and args.reason is None:
        raise ValidationError("--accept-broken-audit 需要 --reason 说明原因（记入审计日志）")
    if args.reason is not None and not args.accept_broken_audit:
        raise ValidationError("--reason 只与 --accept-broken-audit 一起使用")
    try:
        info = restore_backup(
            db,
            Path(args.file),
            actor_of(args),
            accept_broken_audit=args.reason if args.accept_broken_audit else None,
        )
    except BackupAuditBroken as exc:
        raise BackupAuditBroken(
            exc.name, exc.problem, "确认仍要恢复请加 --accept-broken-audit --reason 原因"
        ) from None
    print(f"已从 {info.path} 恢复（{info.cases} 件案件）；原数据已另存到备份文件夹")
    if args.accept_broken_audit:
        print(
            "备份的审计日志未通过校验，已按确认恢复；原因已记入审计日志，audit verify 仍会指出该处"
        )
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `user`, `audit`, `backup` and `restore` commands."""
    roles = "、".join(
        f"{r.value}（{label}）" for r, label in ROLE_LABELS.items() if r is not Role.SYSTEM
    )
    user = subparsers.add_parser("user", help="用户账号管理", description="添加、列出、停用账号。")
    verbs = user.add_subparsers(dest="user_command", required=True, title="操作", metavar="操作")
    add = verbs.add_parser(
        "add",
        help="添加账号（密码取自 $GRIDDESK_NEW_PASSWORD 或终端输入）",
        description="添加账号。数据库中的第一个账号必须是管理员，可在未登录时创建。",
    )
    add.add_argument("name", metavar="NAME", help="用户名")
    add.add_argument("--role", required=True, metavar="ROLE", help=f"角色：{roles}")
    add.add_argument("--display-name", metavar="NAME", help="姓名（显示用）")
    add.add_argument(
        "--department",
        metavar="NAME",
        help="所属部门（部门经办、部门负责人必填；中心的角色不填）",
    )
    add.set_defaults(func=run_user_add)
    verbs.add_parser("list", help="列出账号").set_defaults(func=run_user_list)
    for verb, text in (("disable", "停用账号"), ("enable", "启用账号（并解除锁定）")):
        p = verbs.add_parser(verb, help=text)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(func=run_user_active)

    audit = subparsers.add_parser("audit", help="审计日志", description="校验或查看审计日志。")
    averbs = audit.add_subparsers(dest="audit_command", required=True, title="操作", metavar="操作")
    averbs.add_parser(
        "verify", help="校验审计日志与各案件流转记录的哈希链，指出被改动、删除或插入的记录"
    ).set_defaults(func=run_audit_verify)
    ra = averbs.add_parser(
        "reanchor",
        help="日志有意回到过去后（服务器端恢复、重建数据库）重新记录本机锚点（管理员）",
    )
    ra.add_argument("--reason", required=True, help="原因，记入审计日志")
    ra.set_defaults(func=run_audit_reanchor)
    alist = averbs.add_parser("list", help="最近的审计记录")
    alist.add_argument(
        "--limit",
        type=int_in(1, MAX_AUDIT_LIMIT),
        default=50,
        metavar="N",
        help=f"最多列出 N 条（默认 50，最多 {MAX_AUDIT_LIMIT}）",
    )
    alist.set_defaults(func=run_audit_list)

    bk = subparsers.add_parser(
        "backup", help="备份数据库（SQLite）", description="在线备份 SQLite 数据库并校验。"
    )
    bk.add_argument("--out", required=True, metavar="FILE", help="备份文件路径")
    bk.set_defaults(func=run_backup)
    rs = subparsers.add_parser(
        "restore",
        help="从备份恢复数据库（SQLite）",
        description=("检查备份文件（完整性、审计日志、管理员账号）后恢复；当前数据先另存。"),
    )
    rs.add_argument("file", metavar="FILE", help="备份文件")
    rs.add_argument(
        "--accept-broken-audit",
        action="store_true",
        help="备份的审计日志未通过校验时仍然恢复（须同时给出 --reason）",
    )
    rs.add_argument("--reason", metavar="TEXT", help="接受的原因，记入恢复后数据库的审计日志")
    rs.set_defaults(func=run_restore)

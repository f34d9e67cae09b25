"""`case urge|urge-reply|escalate`, `meeting add|show|list` and `escalation rules|run|rule`:
督办单, 督办回复, 上报, 联席会议 and the escalation rules (db.escalation)."""

from __future__ import annotations

import argparse
from datetime import date

from db.engine import Database
from db.errors import ValidationError
from db.escalation.documents import (
    EscalationDoc,
    UrgeDoc,
    escalate,
    issue_urge,
    reply_urge,
)
from db.escalation.meetings import Decision, add_meeting, list_meetings, meeting_record
from db.escalation.rules import (
    LEVEL_LABELS,
    TARGET_LABELS,
    RuleEdit,
    list_rules,
    parse_target,
    save_rule,
)
from db.escalation.sweeper import describe_run, run_escalation
from db.reference.settings_store import CenterSettings, load_settings
from desktop.cli.common import EXIT_OK, Subcommands, actor_of, int_in, print_json
from desktop.cli.times import local_text, parse_local_datetime

DEFAULT_REQUIREMENT = "请尽快办理并回复办理情况"


def _settings(db: Database) -> CenterSettings:
    with db.read() as session:
        return load_settings(session)


# --- case verbs ---------------------------------------------------------------------------------


def run_urge(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    reply_by = parse_local_datetime(args.reply_by, settings) if args.reply_by else None
    requirement = args.requirement or args.reason or DEFAULT_REQUIREMENT
    doc = issue_urge(db, args.number, args.level, requirement, reply_by, actor_of(args))
    print(
        f"案件 {doc.number} 已{doc.level_label}级督办「{doc.department}」，督办单 {doc.id}，"
        f"回复期限 {local_text(doc.reply_by, settings)}"
    )
    return EXIT_OK


def run_urge_reply(args: argparse.Namespace, db: Database) -> int:
    doc = reply_urge(db, args.number, args.text, actor_of(args), department=args.department)
    late = "（逾期回复）" if doc.replied_at and doc.replied_at > doc.reply_by else ""
    behalf = "，中心代录" if doc.on_behalf else ""
    print(f"案件 {doc.number} 的督办单 {doc.id} 已由「{doc.department}」回复{late}{behalf}")
    return EXIT_OK


def run_escalate(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    doc = escalate(db, args.number, args.to, args.reason, actor_of(args))
    print(
        f"案件 {doc.number} 已上报{doc.target_label}，办理期限 {local_text(doc.due_at, settings)}"
    )
    return EXIT_OK


def print_escalation(
    urges: list[UrgeDoc], escalations: list[EscalationDoc], settings: CenterSettings
) -> None:
    """`case show`: the case's 督办单 and 上报, after its history."""
    if urges:
        print("督办单：")
    for u in urges:
        who = "系统" if u.by_system else u.issued_by
        line = (
            f"  {u.id} {local_text(u.issued_at, settings)} {u.level_label}级 {who} → {u.department}"
            f"「{u.requirement}」回复期限 {local_text(u.reply_by, settings)}"
        )
        if u.replied_at is not None:
            behalf = "（中心代录）" if u.on_behalf else ""
            line += f"；{local_text(u.replied_at, settings)} 回复{behalf}「{u.reply_text}」"
        else:
            line += "；未回复"
        print(line)
    if escalations:
        print("上报：")
    for e in escalations:
        state = "已处理" if e.resolved_at else "待处理"
        if e.meeting_id:
            state = f"联席会议 {e.meeting_id} 已决定"
        print(
            f"  {local_text(e.escalated_at, settings)} {e.target_label}「{e.reason}」"
            f"期限 {local_text(e.due_at, settings)}，{state}"
        )


def register_case_verbs(verbs: Subcommands) -> None:
    """`case urge`, `case urge-reply`, `case escalate` (added to the `case` command)."""
    levels = "、".join(f"{k}（{v}）" for k, v in LEVEL_LABELS.items())
    urge = verbs.add_parser(
        "urge",
        help="督办：向承办部门发督办单（级别、要求、回复期限）",
        description="督办：向案件的承办部门发出督办单，督办次数加一并记入流转记录。",
    )
    urge.add_argument("number", metavar="NUMBER", help="案件编号")
    urge.add_argument("--level", default="street", metavar="LEVEL", help=f"督办级别：{levels}")
    urge.add_argument(
        "--requirement", metavar="TEXT", help=f"督办要求（缺省为「{DEFAULT_REQUIREMENT}」）"
    )
    urge.add_argument("--reason", metavar="TEXT", help="同 --requirement（旧写法）")
    urge.add_argument(
        "--reply-by",
        metavar="DATETIME",
        help="回复期限，如 2026-12-08 或 '2026-12-08 12:00'（缺省按督办规则的回复工作日）",
    )
    urge.set_defaults(func=run_urge)

    reply = verbs.add_parser(
        "urge-reply",
        help="督办回复：承办部门回复最早一份未回复的督办单",
        description="督办回复：承办部门（或中心代录）回复该案最早一份未回复的督办单。",
    )
    reply.add_argument("number", metavar="NUMBER", help="案件编号")
    reply.add_argument("--text", required=True, metavar="TEXT", help="回复内容")
    reply.add_argument(
        "--department", metavar="NAME", help="回复部门（中心代录时核对为被督办部门）"
    )
    reply.set_defaults(func=run_urge_reply)

    targets = "、".join(f"{k}（{v}）" for k, v in TARGET_LABELS.items())
    esc = verbs.add_parser(
        "escalate",
        help="上报：提交区级平台或街道联席会议",
        description="上报：把久拖未决的案件提交区级平台或街道联席会议，按规则另计办理时限。",
    )
    esc.add_argument("number", metavar="NUMBER", help="案件编号")
    esc.add_argument("--to", required=True, metavar="TARGET", help=f"上报对象：{targets}")
    esc.add_argument("--reason", required=True, metavar="TEXT", help="上报原因")
    esc.set_defaults(func=run_escalate)


# --- meeting ------------------------------------------------------------------------------------


def _decision(text: str) -> tuple[str, str, str]:
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise ValidationError(
            f"决定「{text}」应为 案件编号:部门:期限，如 2026112600013:城管科:2026-12-10"
        )
    return parts[0].strip(), parts[1].strip(), parts[2].strip()


def run_meeting_add(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    try:
        held_on = date.fromisoformat(args.date.strip().replace("/", "-"))
    except ValueError:
        raise ValidationError(f"会议日期「{args.date}」无法识别，应为如 2026-12-05") from None
    departments = [d.strip() for item in args.departments for d in item.split(",") if d.strip()]
    decisions = []
    for text in args.decision or []:
        number, dept, deadline = _decision(text)
        decisions.append(Decision(number, dept, parse_local_datetime(deadline, settings)))
    record = add_meeting(db, held_on, departments, decisions, actor_of(args), note=args.note or "")
    print(
        f"联席会议 {record.id}（{record.held_on:%Y-%m-%d}）已记录，"
        f"{len(record.decisions)} 件案件按决定重新派遣"
    )
    return EXIT_OK


def run_meeting_show(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    with db.read() as session:
        record = meeting_record(session, args.id)
    if args.json:
        print_json(
            {
                "id": record.id,
                "date": record.held_on.isoformat(),
                "departments": record.departments,
                "note": record.note,
                "recorded_by": record.recorded_by,
                "recorded_at": record.recorded_at.isoformat(),
                "decisions": [
                    {
                        "number": d.number,
                        "department": d.department,
                        "due_at": d.due_at.isoformat(),
                        "decision": d.text,
                    }
                    for d in record.decisions
                ],
            }
        )
        return EXIT_OK
    print(f"联席会议 {record.id}  {record.held_on:%Y-%m-%d}  记录人 {record.recorded_by}")
    print("参会部门：" + "、".join(record.departments))
    if record.note:
        print("纪要：" + record.note)
    for d in record.decisions:
        extra = f"  {d.text}" if d.text else ""
        print(f"  {d.number}  → {d.department}  期限 {local_text(d.due_at, settings)}{extra}")
    return EXIT_OK


def run_meeting_list(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        rows = list_meetings(session, args.limit)
    for row in rows:
        print(f"{row.id}\t{row.held_on:%Y-%m-%d}\t{row.cases} 件\t" + "、".join(row.departments))
    if not rows:
        print("尚无联席会议记录")
    return EXIT_OK


# --- escalation rules ---------------------------------------------------------------------------


def run_rules(args: argparse.Namespace, db: Database) -> int:
    actor_of(args).require("case.read", "查看督办规则")
    with db.read() as session:
        rules = list_rules(session)
    print(
        "适用范围\t预警提醒\t到期督办\t回复(工作日)\t超期上报(工作日)\t上报对象\t上报时限(工作日)\t启用"
    )
    for r in rules:
        print(
            "\t".join(
                [
                    r.scope,
                    "是" if r.remind_at_warning else "否",
                    "是" if r.urge_at_deadline else "否",
                    str(r.reply_days),
                    str(r.escalate_after_days) if r.escalate_after_days else "不上报",
                    TARGET_LABELS[r.escalate_to],
                    str(r.escalation_days),
                    "是" if r.active else "否",
                ]
            )
        )
    return EXIT_OK


def _yes_no(text: str) -> bool:
    if text in ("yes", "是", "1", "true", "on"):
        return True
    if text in ("no", "否", "0", "false", "off"):
        return False
    raise ValidationError(f"「{text}」应为 yes 或 no")


def run_rule_set(args: argparse.Namespace, db: Database) -> int:
    urgent = None if args.urgency in (None, "all") else args.urgency == "urgent"
    edit = RuleEdit(
        category_code=args.category,
        urgent=urgent,
        remind_at_warning=_yes_no(args.remind),
        urge_at_deadline=_yes_no(args.urge),
        reply_days=args.reply_days,
        escalate_after_days=args.escalate_after or None,
        escalate_to=parse_target(args.to),
        escalation_days=args.escalation_days,
        active=not args.disable,
    )
    rule = save_rule(db, edit, actor_of(args))
    print(f"督办规则「{rule.scope}」已保存")
    return EXIT_OK


def run_sweep(args: argparse.Namespace, db: Database) -> int:
    actor = actor_of(args)
    actor.require("case.urge", "运行督办规则检查")
    print(describe_run(run_escalation(db)))
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """The `meeting` and `escalation` commands."""
    meeting = subparsers.add_parser(
        "meeting",
        help="街道联席会议：记录会议和对上报案件的决定",
        description="记录街道联席会议（日期、参会部门、对上报案件的决定），决定的案件按新部门和期限重新派遣。",
    )
    verbs = meeting.add_subparsers(
        dest="meeting_command", required=True, title="操作", metavar="操作"
    )
    add = verbs.add_parser(
        "add",
        help="记录一次联席会议",
        description="记录一次联席会议；全部决定一并写入，有一项不对则都不写。",
    )
    add.add_argument("--date", required=True, metavar="DATE", help="会议日期，如 2026-12-05")
    add.add_argument(
        "--departments",
        required=True,
        nargs="+",
        action="extend",
        metavar="NAME",
        help="参会部门（可用逗号分隔）",
    )
    add.add_argument(
        "--decision",
        action="append",
        metavar="NUMBER:DEPT:DEADLINE",
        help="对一件上报案件的决定：案件编号:承办部门:新期限（可重复）",
    )
    add.add_argument("--note", metavar="TEXT", help="会议纪要")
    add.set_defaults(func=run_meeting_add)
    show = verbs.add_parser(
        "show", help="显示一次联席会议", description="显示一次联席会议及其决定。"
    )
    show.add_argument("id", type=int_in(1, 2**31 - 1), metavar="ID", help="会议编号")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(func=run_meeting_show)
    listing = verbs.add_parser(
        "list", help="列出联席会议", description="列出联席会议，最近的在前。"
    )
    listing.add_argument(
        "--limit", type=int_in(1, 10_000), default=50, metavar="N", help="最多列出 N 次（默认 50）"
    )
    listing.set_defaults(func=run_meeting_list)

    esc = subparsers.add_parser(
        "escalation",
        help="督办规则：查看、修改、立即检查",
        description="督办规则：预警提醒、到期系统督办、超期上报；run 立即按规则检查一次。",
    )
    ops = esc.add_subparsers(dest="escalation_command", required=True, title="操作", metavar="操作")
    rules = ops.add_parser("rules", help="列出督办规则", description="列出督办规则。")
    rules.set_defaults(func=run_rules)
    run = ops.add_parser(
        "run",
        help="按规则检查一次（提醒、督办、上报）",
        description="按督办规则检查自上次以来到点的案件：预警提醒、系统督办、超期上报、督办回复逾期上报。"
        "重复运行不会重复处理。",
    )
    run.set_defaults(func=run_sweep)
    rule = ops.add_parser(
        "set",
        help="设置一条督办规则（管理员）",
        description="设置某一小类、紧急/一般案件或全部案件的督办规则（管理员）。",
    )
    scope = rule.add_mutually_exclusive_group(required=True)
    scope.add_argument("--category", metavar="CODE", help="小类编码")
    scope.add_argument(
        "--urgency", choices=("urgent", "normal", "all"), help="紧急、一般或全部案件"
    )
    rule.add_argument("--remind", default="yes", metavar="yes|no", help="到预警时间提醒部门")
    rule.add_argument("--urge", default="yes", metavar="yes|no", help="到期限时系统督办")
    rule.add_argument(
        "--reply-days", type=int_in(1, 60), default=1, metavar="N", help="督办回复期限（工作日）"
    )
    rule.add_argument(
        "--escalate-after",
        type=int_in(0, 60),
        default=3,
        metavar="N",
        help="超期 N 个工作日后上报（0 为不上报）",
    )
    rule.add_argument(
        "--to", default="meeting", metavar="TARGET", help="上报对象：district 或 meeting"
    )
    rule.add_argument(
        "--escalation-days",
        type=int_in(1, 60),
        default=5,
        metavar="N",
        help="上报后办理时限（工作日）",
    )
    rule.add_argument("--disable", action="store_true", help="停用这条规则")
    rule.set_defaults(func=run_rule_set)

"""The `griddesk-admin case …` commands: report, list, show and one verb per workflow action.

Every verb calls the same `db` functions the window calls (`db.cases.intake`, `db.cases.workflow`,
`db.cases.queries`). Times are read and printed in the center's time zone (center settings).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from db.cases import joint
from db.cases.duplicates import duplicates_of, mark_not_duplicate
from db.cases.inbox import (
    STAGE_LABELS,
    Stage,
    department_figures,
    inbox_counts,
    inbox_page,
    parse_stage,
)
from db.cases.intake import Photo, report_case
from db.cases.notes import CALL_KINDS, CALL_OUTCOMES, add_note, case_notes, log_call
from db.cases.photos import photo_from_file
from db.cases.queries import CaseDetail, case_detail, list_cases, reveal_reporter
from db.cases.reporters import record_reporter_callback
from db.cases.requests import (
    ExtensionInfo,
    decide_extension,
    department_extensions,
    pending_cohandling,
    pending_extensions,
    request_cohandling,
    request_extension,
)
from db.cases.states import (
    ACTION_LABELS,
    CO_EVENT_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    Action,
    Source,
    Status,
    parse_satisfaction,
    parse_source,
)
from db.cases.workflow import Request, TransitionResult, apply
from db.engine import Database
from db.errors import ValidationError
from db.escalation.documents import escalations_of_case, urges_of_case
from db.models.cases import PROXY_DETAIL
from db.reference.settings_store import CenterSettings, load_settings
from db.security.personal_data import mask_name, mask_phone
from desktop.cli.case_joint import register_joint_verbs
from desktop.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Subcommands,
    actor_of,
    int_in,
    print_json,
)
from desktop.cli.escalation import print_escalation, register_case_verbs
from desktop.cli.intake import choose_for_report, register_suggest
from desktop.cli.slips import add_print_parser
from desktop.cli.times import local_text, parse_local_datetime

MAX_LIST_LIMIT = 100_000
MAX_VERSION = 2**31 - 1  # the version column is a 32-bit integer

# The verbs after `case`, in workflow order (their names are the `Action` values).
TRANSITIONS: tuple[Action, ...] = (
    Action.REGISTER,
    Action.REJECT,
    Action.SELF_RESOLVE,
    Action.DISPATCH,
    Action.ACCEPT,
    Action.RETURN,
    Action.REDISPATCH,
    Action.FEEDBACK,
    Action.VERIFY,
    Action.REWORK,
    Action.EXTEND,
    Action.SUSPEND,
    Action.RESUME,
    Action.CALLBACK,
    Action.MERGE,
    Action.RECALL,
)  # 督办 (urge) has its own verb with a 督办单 (desktop/cli/escalation.py)

# Options other than --reason that an action uses; any other is refused rather than ignored.
_ACTION_OPTIONS: dict[Action, frozenset[str]] = {
    Action.DISPATCH: frozenset({"department", "co"}),
    Action.REDISPATCH: frozenset({"department"}),
    Action.EXTEND: frozenset({"until"}),
    Action.CALLBACK: frozenset({"satisfaction"}),
    Action.MERGE: frozenset({"into"}),
    Action.FEEDBACK: frozenset({"photo"}),
}
_OPTION_FLAGS = {
    "department": "--department",
    "until": "--until",
    "satisfaction": "--satisfaction",
    "into": "--into",
    "co": "--co",
    "photo": "--photo",
}


# --- reading and printing -----------------------------------------------------------------------


def _settings(db: Database) -> CenterSettings:
    with db.read() as session:
        return load_settings(session)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(text: str, width: int) -> str:
    """`text` on one line (newlines and tabs as spaces), cut or padded to `width` terminal
    columns (CJK characters take two)."""
    text = " ".join(text.split())
    out, used = "", 0
    for char in text:
        w = _width(char)
        if used + w > width:
            break
        out, used = out + char, used + w
    return out + " " * (width - used)


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns, never cut."""
    return text + " " * max(width - _width(text), 0)


def _read_photo(path_text: str) -> Photo:
    return photo_from_file(Path(path_text))


# --- case report, list, show --------------------------------------------------------------------


def run_report(args: argparse.Namespace, db: Database) -> int:
    source = parse_source(args.source) if args.source else Source.GRID_UPLOAD
    photos = tuple(_read_photo(p) for p in args.photo or ())
    grid, category = args.grid, args.category
    if grid is None or category is None:
        chosen = choose_for_report(db, grid, category, args.description, args.address or "")
        print("\n".join(chosen.lines), file=sys.stderr)
        if chosen.grid is None or chosen.category is None:
            return EXIT_USER_ERROR
        grid, category = chosen.grid, chosen.category
    number = report_case(
        db,
        grid_code=grid,
        category_code=category,
        description=args.description,
        source=source,
        urgent=True if args.urgent else None,
        address=args.address or "",
        reporter_name=args.reporter or "",
        reporter_phone=args.phone or "",
        photos=photos,
        actor=actor_of(args),
    )
    print(number)
    return EXIT_OK


def run_list(args: argparse.Namespace, db: Database) -> int:
    if args.limit <= 0:
        raise ValidationError("--limit 应大于 0")
    settings = _settings(db)
    with db.read() as session:
        rows = list_cases(session, status=args.status, limit=args.limit, actor=actor_of(args))
    if args.json:
        print_json([row.to_json() for row in rows])
        return EXIT_OK
    if not rows:
        print("没有符合条件的案件")
        return EXIT_OK
    columns = [("编号", 14), ("上报时间", 17), ("状态", 9), ("社区", 10), ("类别", 14)]
    columns += [("部门", 16), ("期限", 17)]
    print(" ".join(_cell(title, width) for title, width in columns) + " 描述")
    for row in rows:
        cells = (
            row.number,
            local_text(row.reported_at, settings),
            row.status_label + ("·急" if row.urgent else ""),
            row.community,
            row.category,
            row.department or "—",
            local_text(row.due_at, settings),
        )
        line = " ".join(_cell(c, w) for c, (_, w) in zip(cells, columns, strict=True))
        print(f"{line} {_cell(row.description, 40).rstrip()}")
    print(f"共 {len(rows)} 件（最多列出 {args.limit} 件，用 --limit 调整）")
    return EXIT_OK


def _print_detail(
    detail: CaseDetail, settings: CenterSettings, revealed: tuple[str, str] | None = None
) -> None:
    """The case in text; the reporter masked unless `revealed` (their name and phone, read
    and audited by `reveal_reporter`)."""

    def t(moment: datetime | None) -> str:
        return local_text(moment, settings)

    flags = []
    if detail.urgent:
        flags.append("紧急")
    if detail.ever_overdue:
        flags.append("曾超期")
    print(f"案件 {detail.number}【{detail.status_label}】{' '.join(flags)}  版本 {detail.version}")
    print(f"来源：{detail.source_label}  上报：{t(detail.reported_at)}（{detail.reported_by}）")
    where = f"{detail.community} {detail.grid}（{detail.grid_code}）"
    print(f"位置：{where}{' ' + detail.address if detail.address else ''}")
    print(f"类别：{detail.major_category} / {detail.category}（{detail.category_code}）")
    print(f"描述：{detail.description}")
    if revealed is not None:
        name, phone = revealed
        if name or phone:
            print(f"反映人：{name} {phone}（已记入审计日志）")
    elif detail.reporter_name or detail.reporter_phone:
        print(f"反映人：{mask_name(detail.reporter_name)} {mask_phone(detail.reporter_phone)}")
    default = f"（类别默认：{detail.default_department}）" if detail.default_department else ""
    print(f"承办部门：{detail.department or '—'}{default}")
    for track in detail.co_tracks:
        done = track.feedback_at or track.ended_at
        end = f"，{track.state_label} {t(done)}" if done else ""
        print(f"协办部门：{track.department}【{track.state_label}】期限 {t(track.due_at)}{end}")
    if detail.due_at is not None:
        print(f"当前期限：{t(detail.due_at)}（预警 {t(detail.warn_at)}）")
    elif detail.status == Status.SUSPENDED:
        print(f"挂账中（自 {t(detail.suspended_at)} 起停止计时）")
    print(
        f"延期 {detail.extension_count} 次，返工 {detail.rework_count} 次，"
        f"退单 {detail.return_count} 次，督办 {detail.urge_count} 次"
    )
    if detail.satisfaction_label:
        print(f"回访满意度：{detail.satisfaction_label}")
    if detail.merged_into:
        print(f"已合并入：{detail.merged_into}")
    if detail.merged_cases:
        merged = "、".join(detail.merged_cases)
        print(f"报告数：{detail.report_count}（已合并：{merged}）")
    if len(detail.reporters) > 1:
        print("反映人：")
        for r in detail.reporters:
            called = f"回访 {r.satisfaction_label}" if r.satisfaction_label else "未回访"
            print(
                f"  [{r.id}] {mask_name(r.name) or '—'} {mask_phone(r.phone)} {r.source_label} "
                f"{t(r.reported_at)} 案件 {r.from_case}  {called}"
            )
    if detail.possible_duplicates and detail.is_open:
        print(
            f"疑似重复：{detail.possible_duplicates} 件（用 case duplicates {detail.number} 查看）"
        )
    if detail.photos:
        print("照片：" + "、".join(f"{p.filename}（{p.size // 1024} KB）" for p in detail.photos))
    allowed = "、".join(f"{ACTION_LABELS[Action(a)]}（{a}）" for a in detail.allowed_actions)
    print(f"可执行：{allowed or '无'}")
    print("流转记录：")
    for entry in detail.history:
        before = STATUS_LABELS[Status(entry.from_status)] if entry.from_status else ""
        after = STATUS_LABELS[Status(entry.to_status)]
        change = f"{before} → {after}" if before and before != after else after
        who = entry.actor + ("（代录）" if (entry.details or {}).get(PROXY_DETAIL) else "")
        parts = [t(entry.at), _pad(entry.action_label, 8), _pad(who, 10), change]
        if entry.department:
            parts.append(entry.department)
        if entry.note:
            parts.append(f"「{entry.note}」")
        print("  " + " ".join(parts))


def run_show(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    revealed = None
    if args.reveal:
        with db.write() as session:
            revealed = reveal_reporter(session, actor_of(args), args.number, args.reason or "")
    with db.read() as session:
        detail = case_detail(session, args.number, actor_of(args))
        urges, escalations = (
            urges_of_case(session, detail.number),
            escalations_of_case(session, detail.number),
        )
    if args.json:
        print_json(detail.to_json(reveal=args.reveal))
    else:
        _print_detail(detail, settings, revealed)
        print_escalation(urges, escalations, settings)
    return EXIT_OK


# --- internal notes and call log lines (内部备注, 回访/催办 电话) ---------------------------------


def run_note(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        add_note(session, actor_of(args), args.number, args.text)
    print(f"案件 {args.number.strip()}：已添加备注")
    return EXIT_OK


def run_call(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        entry = log_call(
            session,
            actor_of(args),
            args.number,
            args.kind,
            args.to,
            args.outcome,
            phone=args.phone or "",
            text=args.text or "",
        )
    print(f"案件 {args.number.strip()}：已记录{entry.call_label}电话（{entry.outcome}）")
    return EXIT_OK


def run_notes(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    with db.read() as session:
        notes = case_notes(session, args.number, actor_of(args))
    if args.json:
        print_json([n.to_json() for n in notes])
        return EXIT_OK
    if not notes:
        print(f"案件 {args.number.strip()} 没有备注")
        return EXIT_OK
    for n in notes:
        head = f"{local_text(n.at, settings)}  {n.author_label}"
        if n.is_call:
            phone = f" {n.masked_phone}" if n.phone else ""
            line = f"{head}  [{n.call_label}电话] {n.called}{phone}：{n.outcome}"
            print(line + (f"  {n.text}" if n.text else ""))
        else:
            print(f"{head}  {n.text}")
    return EXIT_OK


# --- duplicates and reporters (查重, 不是重复, 合并的反映人) ---------------------------------------


def run_duplicates(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    with db.read() as session:
        found = duplicates_of(session, args.number, limit=args.limit)
    if args.json:
        print_json([c.to_json() for c in found])
        return EXIT_OK
    if not found:
        print(f"案件 {args.number.strip()} 没有疑似重复的案件")
        return EXIT_OK
    for c in found:
        print(
            f"{c.number} 【{c.status_label}】 {round(c.score * 100)}%  "
            f"{local_text(c.reported_at, settings)}  {c.grid} {c.category}"
        )
        print(f"    {c.address or '—'}  {_cell(c.description, 60).rstrip()}")
        print(f"    {c.why}")
    return EXIT_OK


def run_not_duplicate(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        mark_not_duplicate(session, actor_of(args), args.first, args.second)
    print(f"已记录：案件 {args.first.strip()} 与 {args.second.strip()} 不是重复，不再提示")
    return EXIT_OK


def run_reporters(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    with db.read() as session:
        detail = case_detail(session, args.number)
    if args.json:
        print_json([r.to_json() for r in detail.reporters])
        return EXIT_OK
    print(f"案件 {detail.number} 共 {detail.report_count} 次报告")
    for r in detail.reporters:
        called = f"回访 {r.satisfaction_label}" if r.satisfaction_label else "未回访"
        print(
            f"[{r.id}] {mask_name(r.name) or '—'} {mask_phone(r.phone)} {r.source_label} "
            f"{local_text(r.reported_at, settings)} 案件 {r.from_case}  {called}"
        )
    return EXIT_OK


def run_reporter_callback(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        entry = record_reporter_callback(
            session, actor_of(args), args.number, args.reporter, args.satisfaction
        )
    print(
        f"案件 {args.number.strip()}：已记录反映人 [{entry.id}]（案件 {entry.from_case}）"
        f"的回访：{entry.satisfaction_label}"
    )
    return EXIT_OK


# --- a department's inbox and requests (部门待办, 申请延期, 申请协办) ----------------------------


def _print_extension(info: ExtensionInfo, settings: CenterSettings) -> None:
    asked = (
        f"延长 {info.extra_days} 个工作日"
        if info.extra_days is not None
        else f"延至 {local_text(info.until, settings)}"
    )
    line = (
        f"{info.id}\t{info.number}\t{info.department}\t{asked}\t{info.reason}"
        f"\t{info.requested_by} {local_text(info.requested_at, settings)}\t{info.decision_label}"
    )
    if info.decision is not None:
        line += (
            f"（{info.decided_by}{'：' + info.decision_reason if info.decision_reason else ''}）"
        )
    print(line)


def run_inbox(args: argparse.Namespace, db: Database) -> int:
    actor = actor_of(args)
    settings = _settings(db)
    stage = parse_stage(args.stage) if args.stage else Stage.TO_ACCEPT
    with db.read() as session:
        counts = inbox_counts(session, actor)
        rows = inbox_page(session, actor, stage, limit=args.limit)
        figures = department_figures(session, actor) if actor.can("department.stats") else None
    print("  ".join(f"{STAGE_LABELS[s]} {counts[s]}" for s in Stage))
    if figures is not None:  # a department head: the department's figures
        print(
            f"{figures.department}：在办 {figures.open}，超期 {figures.overdue}，"
            f"被督办 {figures.urged}；近 30 天结案 {figures.closed_30d}（其中按期 {figures.on_time_30d}），"
            f"退单 {figures.returned_30d}，延期申请待审批 {figures.pending_extensions}"
        )
    if args.json:
        print_json(
            [
                {
                    "number": r.number,
                    "status": r.status,
                    "due_at": r.due_at.isoformat() if r.due_at else None,
                    "seconds_left": r.seconds_left,
                    "urge_count": r.urge_count,
                    "dispatch_note": r.dispatch_note,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        cells = (r.number, r.status_label, r.category, local_text(r.due_at, settings))
        note = f"  派遣意见：{r.dispatch_note}" if r.dispatch_note else ""
        print("  ".join(cells) + f"  {_cell(r.description, 30).rstrip()}{note}")
    print(f"{STAGE_LABELS[stage]}：列出 {len(rows)} 件")
    return EXIT_OK


def run_extension_request(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    until = parse_local_datetime(args.until, settings) if args.until is not None else None
    with db.write() as session:
        info = request_extension(
            session,
            actor_of(args),
            args.number,
            reason=args.reason,
            extra_days=args.days,
            until=until,
        )
    print(f"已提交延期申请 {info.id}（案件 {info.number}），等待值班长审批")
    return EXIT_OK


def run_extension_decide(args: argparse.Namespace, db: Database) -> int:
    if args.approve == args.refuse:
        raise ValidationError("请给出 --approve 或 --refuse（二选一）")
    info = decide_extension(
        db, actor_of(args), args.id, approve=args.approve, reason=args.reason or ""
    )
    settings = _settings(db)
    if info.decision == "approved":
        print(
            f"已批准延期申请 {info.id}：案件 {info.number} 期限 {local_text(info.due_at, settings)}"
        )
    else:
        print(f"已不批准延期申请 {info.id}（案件 {info.number}）")
    return EXIT_OK


def run_extension_list(args: argparse.Namespace, db: Database) -> int:
    actor = actor_of(args)
    settings = _settings(db)
    with db.read() as session:
        rows = (
            department_extensions(session, actor)
            if actor.is_department
            else pending_extensions(session, actor)
        )
    if not rows:
        print("没有延期申请")
    for info in rows:
        _print_extension(info, settings)
    return EXIT_OK


def run_cohandle_request(args: argparse.Namespace, db: Database) -> int:
    with db.write() as session:
        request_id = request_cohandling(
            session, actor_of(args), args.number, args.department, args.reason
        )
    print(f"已提交协办申请 {request_id}（案件 {args.number.strip()}），等待中心决定")
    return EXIT_OK


def run_cohandle_list(args: argparse.Namespace, db: Database) -> int:
    settings = _settings(db)
    with db.read() as session:
        rows = pending_cohandling(session, actor_of(args))
    if not rows:
        print("没有待决定的协办申请")
    for info in rows:
        print(
            f"{info.id}\t{info.number}\t{info.department}\t{'、'.join(info.departments)}"
            f"\t{info.reason}\t{info.requested_by} {local_text(info.requested_at, settings)}"
        )
    return EXIT_OK


def _register_department_verbs(verbs: Subcommands) -> None:
    inbox = verbs.add_parser(
        "inbox",
        help="部门待办：本部门案件按阶段列出（部门账号）",
        description="部门账号的待办：各阶段件数，以及一个阶段的案件（期限最近的在前）。",
    )
    stages = "、".join(f"{s.value}（{label}）" for s, label in STAGE_LABELS.items())
    inbox.add_argument("--stage", metavar="S", help=f"阶段，默认待受理：{stages}")
    inbox.add_argument("--json", action="store_true", help="输出 JSON 数组")
    inbox.add_argument(
        "--limit", type=int_in(1, 1000), default=50, metavar="N", help="最多列出 N 件（默认 50）"
    )
    inbox.set_defaults(func=run_inbox)

    ask = verbs.add_parser(
        "extension-request",
        help="申请延期（部门账号），由值班长审批",
        description="为本部门的案件申请延期：延长的工作日数（--days）或新期限（--until），需 --reason。",
    )
    ask.add_argument("number", metavar="NUMBER", help="案件编号")
    ask.add_argument("--days", type=int_in(1, 60), metavar="N", help="延长 N 个工作日")
    ask.add_argument("--until", metavar="DATETIME", help="新期限，如 '2026-11-30 17:00'")
    ask.add_argument("--reason", required=True, metavar="TEXT", help="申请原因")
    ask.set_defaults(func=run_extension_request)

    decide = verbs.add_parser(
        "extension-decide",
        help="审批延期申请（值班长）：--approve 或 --refuse",
        description="值班长批准（即对案件延期）或不批准（需 --reason）一份延期申请。",
    )
    decide.add_argument("id", type=int_in(1, 2**31 - 1), metavar="ID", help="申请编号")
    decide.add_argument("--approve", action="store_true", help="批准")
    decide.add_argument("--refuse", action="store_true", help="不批准（需 --reason）")
    decide.add_argument("--reason", metavar="TEXT", help="审批意见或不批准的原因")
    decide.set_defaults(func=run_extension_decide)

    listing = verbs.add_parser(
        "extension-list",
        help="延期申请：值班长看待审批的，部门看本部门的及结果",
        description="列出延期申请：值班长看到待审批的申请，部门账号看到本部门的申请和审批结果。",
    )
    listing.set_defaults(func=run_extension_list)

    co = verbs.add_parser(
        "cohandle-request",
        help="申请协办（部门账号）：请中心加派协办部门",
        description="为本部门的案件申请协办：--department 可重复，需 --reason；由中心决定。",
    )
    co.add_argument("number", metavar="NUMBER", help="案件编号")
    co.add_argument(
        "--department", required=True, action="append", metavar="NAME", help="协办部门（可重复）"
    )
    co.add_argument("--reason", required=True, metavar="TEXT", help="申请原因")
    co.set_defaults(func=run_cohandle_request)

    co_list = verbs.add_parser(
        "cohandle-list",
        help="待决定的协办申请（中心）",
        description="列出部门提交、中心尚未决定的协办申请：案件、申请部门、请求的协办部门和原因。",
    )
    co_list.set_defaults(func=run_cohandle_list)


# --- workflow verbs -----------------------------------------------------------------------------


def _describe(result: TransitionResult, settings: CenterSettings) -> str:
    before, after = STATUS_LABELS[result.from_status], STATUS_LABELS[result.to_status]
    text = f"案件 {result.number} 已{ACTION_LABELS[result.action]}："
    text += f"{before} → {after}" if before != after else f"仍为「{after}」"
    if result.department and result.to_status in (Status.DISPATCHED, Status.ACCEPTED):
        text += f"，承办部门 {result.department}"
    if result.co:
        text += f"，协办部门 {'、'.join(result.co)}"
    if result.due_at is not None and result.to_status not in (
        Status.CLOSED,
        Status.REJECTED,
        Status.SELF_RESOLVED,
        Status.MERGED,
        Status.SUSPENDED,
    ):
        text += f"，期限 {local_text(result.due_at, settings)}"
    return text


def run_transition(args: argparse.Namespace, db: Database) -> int:
    action: Action = args.case_action
    label = ACTION_LABELS[action]
    used = _ACTION_OPTIONS.get(action, frozenset())
    for option, flag in _OPTION_FLAGS.items():
        if getattr(args, option) is not None and option not in used:
            raise ValidationError(f"「{label}」不使用 {flag}")
    if args.satisfaction is not None:
        parse_satisfaction(args.satisfaction)  # a typo is named before the case is looked at
    settings = _settings(db)
    until = parse_local_datetime(args.until, settings) if args.until is not None else None
    request = Request(
        department=args.department,
        reason=args.reason or "",
        until=until,
        satisfaction=args.satisfaction,
        into=args.into,
        expected_version=args.expected_version,
        co=tuple(args.co or ()),
        photos=tuple(_read_photo(p) for p in args.photo or ()),
    )
    actor = actor_of(args)
    # A department account's 受理 / 退单 / 反馈 on a case it co-handles take its own track.
    co = joint.department_step(
        db,
        args.number,
        action,
        request.reason,
        actor,
        photos=request.photos,
        expected_version=request.expected_version,
    )
    if co is not None:
        step, department, version = co
        print(
            f"案件 {args.number.strip()}：{CO_EVENT_LABELS[step]}（{department}）已完成"
            f"（版本 {version}）"
        )
        return EXIT_OK
    result = apply(db, args.number, action, request, actor)
    print(_describe(result, settings))
    return EXIT_OK


_TRANSITION_HELP: dict[Action, str] = {
    Action.REGISTER: "立案（待立案 → 待派遣）",
    Action.REJECT: "不予立案，需 --reason",
    Action.SELF_RESOLVE: "社区自办，不派遣即办结",
    Action.DISPATCH: "派遣到部门（--department 主办，缺省为类别默认部门；--co 协办，可重复）",
    Action.ACCEPT: "部门受理",
    Action.RETURN: "部门退单，需 --reason",
    Action.REDISPATCH: "改派到其他部门，需 --department 和 --reason",
    Action.FEEDBACK: "部门处置反馈",
    Action.VERIFY: "核查通过，结案",
    Action.REWORK: "核查不通过，返工，需 --reason",
    Action.EXTEND: "延期，需 --until 和 --reason",
    Action.SUSPEND: "挂账（停止计时），需 --reason",
    Action.RESUME: "解挂（恢复计时，剩余时限不变）",
    Action.URGE: "督办",
    Action.CALLBACK: "回访，需 --satisfaction",
    Action.MERGE: "作为重复案件合并入主案件，需 --into",
    Action.RECALL: "部门受理前撤回派遣",
}


def register(subparsers: Subcommands) -> None:
    """The `case` command and its verbs."""
    case = subparsers.add_parser(
        "case",
        help="案件：上报、查询、流转",
        description="上报、查询案件，或对案件执行一个流转操作。",
    )
    verbs = case.add_subparsers(dest="case_command", required=True, title="操作", metavar="操作")

    report = verbs.add_parser(
        "report",
        help="上报新案件，输出案件编号",
        description=(
            "上报新案件，标准输出为案件编号。未给 --grid 时按地址定位网格、未给 --category 时"
            "按描述判断小类，所选及理由输出到标准错误；不确定时列出候选并以退出码 2 结束，"
            "不上报。"
        ),
    )
    report.add_argument(
        "--grid", metavar="CODE", help="网格编码（14 或 15 位）；缺省时按 --address 定位"
    )
    report.add_argument("--category", metavar="CODE", help="小类编码或名称；缺省时按描述判断")
    report.add_argument("--description", required=True, metavar="TEXT", help="问题描述")
    sources = "、".join(f"{s.value}（{label}）" for s, label in SOURCE_LABELS.items())
    report.add_argument("--source", metavar="S", help=f"来源，默认网格上传：{sources}")
    report.add_argument("--urgent", action="store_true", help="标为紧急（缺省按类别）")
    report.add_argument("--address", metavar="A", help="地址")
    report.add_argument("--reporter", metavar="NAME", help="反映人姓名")
    report.add_argument("--phone", metavar="P", help="反映人电话")
    report.add_argument(
        "--photo", nargs="+", action="extend", metavar="FILE", help="照片（JPEG/PNG/GIF/WebP）"
    )
    report.set_defaults(func=run_report)
    register_suggest(verbs)

    listing = verbs.add_parser(
        "list", help="列出案件（最新的在前）", description="列出案件，最新上报的在前。"
    )
    listing.add_argument(
        "--status",
        metavar="S",
        help="状态（如 dispatched 或 待受理）、分组（如 in_progress）或 open（未结案）；"
        "中文名先按状态匹配，如「处置中」只列 accepted，整个处置中分组请用 in_progress",
    )
    listing.add_argument("--json", action="store_true", help="输出 JSON 数组")
    listing.add_argument(
        "--limit",
        type=int_in(1, MAX_LIST_LIMIT),
        default=50,
        metavar="N",
        help=f"最多列出 N 件（默认 50，最多 {MAX_LIST_LIMIT}）",
    )
    listing.set_defaults(func=run_list)

    show = verbs.add_parser(
        "show", help="案件详情和流转记录", description="显示一件案件的详情和全部流转记录。"
    )
    show.add_argument("number", metavar="NUMBER", help="案件编号")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.add_argument(
        "--reveal",
        action="store_true",
        help="JSON 中给出反映人完整姓名和电话（需要权限和 --reason，记入审计日志）",
    )
    show.add_argument("--reason", metavar="TEXT", help="查看完整个人信息的原因")
    show.set_defaults(func=run_show)
    add_print_parser(verbs)

    note = verbs.add_parser(
        "note",
        help="添加内部备注（不进入报表）",
        description="给案件添加一条内部备注；备注只在调度台和 case notes 中可见，不进入报表和导出。",
    )
    note.add_argument("number", metavar="NUMBER", help="案件编号")
    note.add_argument("--text", required=True, metavar="TEXT", help="备注内容")
    note.set_defaults(func=run_note)

    notes = verbs.add_parser(
        "notes", help="案件的内部备注和电话记录", description="列出案件的内部备注和电话记录。"
    )
    notes.add_argument("number", metavar="NUMBER", help="案件编号")
    notes.add_argument("--json", action="store_true", help="输出 JSON（电话已遮蔽）")
    notes.set_defaults(func=run_notes)

    call = verbs.add_parser(
        "call",
        help="记录一次回访或催办电话",
        description="记录一次回访或催办电话：打给谁、电话、结果和说明。",
    )
    call.add_argument("number", metavar="NUMBER", help="案件编号")
    call.add_argument("--kind", required=True, metavar="KIND", help="、".join(CALL_KINDS))
    call.add_argument(
        "--to", required=True, metavar="WHOM", help="通话对象，如 反映人、燃气公司 王工"
    )
    call.add_argument("--phone", metavar="P", help="所拨电话（显示时遮蔽）")
    call.add_argument(
        "--outcome", required=True, metavar="RESULT", help="结果：" + "、".join(CALL_OUTCOMES)
    )
    call.add_argument("--text", metavar="TEXT", help="说明")
    call.set_defaults(func=run_call)

    duplicates = verbs.add_parser(
        "duplicates",
        help="查重：列出可能重复的案件",
        description="列出可能与案件重复的案件（同一或相邻网格、7 天内含近期办结、同一或相关小类、"
        "地址和描述相似），最相似的在前。",
    )
    duplicates.add_argument("number", metavar="NUMBER", help="案件编号")
    duplicates.add_argument("--json", action="store_true", help="输出 JSON 数组")
    duplicates.add_argument(
        "--limit", type=int_in(1, 50), default=5, metavar="N", help="最多列出 N 件（默认 5）"
    )
    duplicates.set_defaults(func=run_duplicates)

    not_duplicate = verbs.add_parser(
        "not-duplicate",
        help="记录两件案件不是重复",
        description="记录两件案件不是重复，以后查重不再互相提示。",
    )
    not_duplicate.add_argument("first", metavar="A", help="案件编号")
    not_duplicate.add_argument("second", metavar="B", help="另一件案件编号")
    not_duplicate.set_defaults(func=run_not_duplicate)

    reporters = verbs.add_parser(
        "reporters",
        help="案件的全部反映人（含合并来的）",
        description="列出案件的全部反映人：本案的和合并入本案的重复案件的，及各自的回访。",
    )
    reporters.add_argument("number", metavar="NUMBER", help="案件编号")
    reporters.add_argument("--json", action="store_true", help="输出 JSON（姓名电话已遮蔽）")
    reporters.set_defaults(func=run_reporters)

    reporter_callback = verbs.add_parser(
        "reporter-callback",
        help="回访一位合并来的反映人",
        description="记录对合并入本案的一位反映人的回访（本案自己的反映人用 case callback）。",
    )
    reporter_callback.add_argument("number", metavar="NUMBER", help="主案件编号")
    reporter_callback.add_argument(
        "--reporter",
        required=True,
        type=int_in(1, 2**31 - 1),
        metavar="ID",
        help="反映人编号（见 case reporters）",
    )
    reporter_callback.add_argument(
        "--satisfaction", required=True, metavar="LEVEL", help="满意、基本满意、不满意、未联系上"
    )
    reporter_callback.set_defaults(func=run_reporter_callback)
    _register_department_verbs(verbs)

    for action in TRANSITIONS:
        verb = verbs.add_parser(
            action.value,
            help=_TRANSITION_HELP[action],
            description=f"{ACTION_LABELS[action]}：{_TRANSITION_HELP[action]}。",
        )
        verb.add_argument("number", metavar="NUMBER", help="案件编号")
        verb.add_argument("--department", metavar="NAME", help="部门名称（派遣、改派）")
        verb.add_argument("--reason", metavar="TEXT", help="原因或说明，记入流转记录")
        verb.add_argument(
            "--until", metavar="DATETIME", help="新期限（延期），如 '2026-11-30 17:00'，本中心时区"
        )
        verb.add_argument(
            "--satisfaction",
            metavar="LEVEL",
            help="满意度（回访）：满意、基本满意、不满意、未联系上",
        )
        verb.add_argument("--into", metavar="NUMBER", help="主案件编号（合并）")
        verb.add_argument(
            "--co",
            action="append",
            metavar="NAME",
            help="协办部门名称（派遣，可重复；--department 为主办部门）",
        )
        verb.add_argument(
            "--photo",
            nargs="+",
            action="extend",
            metavar="FILE",
            help="处置后照片（反馈），JPEG/PNG/GIF/WebP",
        )
        verb.add_argument(
            "--expected-version",
            type=int_in(1, MAX_VERSION),
            metavar="N",
            help="只在案件仍为版本 N 时执行（见 case show），防止覆盖他人的改动",
        )
        verb.set_defaults(func=run_transition, case_action=action)

    register_joint_verbs(verbs)
    register_case_verbs(verbs)

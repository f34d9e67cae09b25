"""Case states, actions, their Chinese names and which action is allowed from which state."""

from __future__ import annotations

from enum import StrEnum

from db.errors import ValidationError


class Status(StrEnum):
    REPORTED = "reported"  # 上报, waiting to be registered
    REGISTERED = "registered"  # 立案, waiting to be dispatched
    REJECTED = "rejected"  # 不予立案
    SELF_RESOLVED = "self_resolved"  # 社区自办
    DISPATCHED = "dispatched"  # 派遣, waiting for the department to accept
    ACCEPTED = "accepted"  # 部门受理, being handled
    RETURNED = "returned"  # 退单, waiting to be re-dispatched
    FEEDBACK = "feedback"  # 处置反馈, waiting for verification
    CLOSED = "closed"  # 结案
    SUSPENDED = "suspended"  # 挂账, clock stopped
    MERGED = "merged"  # 合并 into another case


class Group(StrEnum):
    """The queue tabs (状态分组)."""

    TO_REGISTER = "to_register"  # 待立案
    TO_DISPATCH = "to_dispatch"  # 待派遣
    IN_PROGRESS = "in_progress"  # 处置中
    TO_VERIFY = "to_verify"  # 待核查
    DONE = "done"  # 已结案


class Action(StrEnum):
    REPORT = "report"
    REGISTER = "register"
    REJECT = "reject"
    SELF_RESOLVE = "self-resolve"
    DISPATCH = "dispatch"
    ACCEPT = "accept"
    RETURN = "return"
    REDISPATCH = "redispatch"
    FEEDBACK = "feedback"
    VERIFY = "verify"
    REWORK = "rework"
    EXTEND = "extend"
    SUSPEND = "suspend"
    RESUME = "resume"
    URGE = "urge"
    CALLBACK = "callback"
    MERGE = "merge"
    RECALL = "recall"


class Source(StrEnum):
    GRID_UPLOAD = "grid_upload"  # 网格上传
    PATROL = "patrol"  # 巡查发现 (counts as 未诉先办)
    HOTLINE = "hotline"  # 12345 热线转办
    VISIT = "visit"  # 来访 (a walk-in; before the 来电登记 form also the calls)
    ASSIGNED = "assigned"  # 上级交办
    CALL = "call"  # 来电 (a phone call taken at the center)


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASIC = "basic"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    UNREACHABLE = "unreachable"  # 未联系上 (not a valid callback)


STATUS_LABELS: dict[Status, str] = {
    Status.REPORTED: "待立案",
    Status.REGISTERED: "待派遣",
    Status.REJECTED: "不予立案",
    Status.SELF_RESOLVED: "社区自办",
    Status.DISPATCHED: "待受理",
    Status.ACCEPTED: "处置中",
    Status.RETURNED: "已退单",
    Status.FEEDBACK: "待核查",
    Status.CLOSED: "已结案",
    Status.SUSPENDED: "挂账",
    Status.MERGED: "已合并",
}

GROUP_LABELS: dict[Group, str] = {
    Group.TO_REGISTER: "待立案",
    Group.TO_DISPATCH: "待派遣",
    Group.IN_PROGRESS: "处置中",
    Group.TO_VERIFY: "待核查",
    Group.DONE: "已结案",
}

GROUP_OF: dict[Status, Group] = {
    Status.REPORTED: Group.TO_REGISTER,
    Status.REGISTERED: Group.TO_DISPATCH,
    Status.RETURNED: Group.TO_DISPATCH,
    Status.DISPATCHED: Group.IN_PROGRESS,
    Status.ACCEPTED: Group.IN_PROGRESS,
    Status.SUSPENDED: Group.IN_PROGRESS,
    Status.FEEDBACK: Group.TO_VERIFY,
    Status.CLOSED: Group.DONE,
    Status.REJECTED: Group.DONE,
    Status.SELF_RESOLVED: Group.DONE,
    Status.MERGED: Group.DONE,
}

OPEN_STATUSES = frozenset(s for s, g in GROUP_OF.items() if g is not Group.DONE)

ACTION_LABELS: dict[Action, str] = {
    Action.REPORT: "上报",
    Action.REGISTER: "立案",
    Action.REJECT: "不予立案",
    Action.SELF_RESOLVE: "社区自办",
    Action.DISPATCH: "派遣",
    Action.ACCEPT: "受理",
    Action.RETURN: "退单",
    Action.REDISPATCH: "改派",
    Action.FEEDBACK: "反馈",
    Action.VERIFY: "核查通过",
    Action.REWORK: "返工",
    Action.EXTEND: "延期",
    Action.SUSPEND: "挂账",
    Action.RESUME: "解挂",
    Action.URGE: "督办",
    Action.CALLBACK: "回访",
    Action.MERGE: "合并",
    Action.RECALL: "撤回派遣",
}

# A history event that is no action on the case: the system moved its deadline because the
# holiday calendar changed (db.cases.recompute). Its status stays.
RECOMPUTE_EVENT = "recompute"
RECOMPUTE_LABEL = "时限重算"


# History events of a co-department's track (协办, db.cases.joint): the case's status stays.
CO_EVENT_LABELS: dict[str, str] = {
    "co-dispatch": "协办派遣",
    "co-accept": "协办受理",
    "co-return": "协办退回",
    "co-feedback": "协办反馈",
    "co-release": "解除协办",
}
# History events of escalation (db.escalation) that change no status: 上报 to the district or
# the 联席会议, and the department's 督办回复.
ESCALATE_EVENT = "escalate"
URGE_REPLY_EVENT = "urge_reply"
EVENT_LABELS: dict[str, str] = {
    RECOMPUTE_EVENT: RECOMPUTE_LABEL,
    ESCALATE_EVENT: "提级上报",
    URGE_REPLY_EVENT: "督办回复",
}


def event_label(action: str) -> str:
    """The Chinese name of a history event: an action's, a co-department's, or 时限重算, 提级上报,
    督办回复."""
    if action in EVENT_LABELS:
        return EVENT_LABELS[action]
    if action in CO_EVENT_LABELS:
        return CO_EVENT_LABELS[action]
    return ACTION_LABELS[Action(action)]


SOURCE_LABELS: dict[Source, str] = {
    Source.GRID_UPLOAD: "网格上传",
    Source.PATROL: "巡查发现",
    Source.HOTLINE: "热线转办",
    Source.VISIT: "来访",
    Source.ASSIGNED: "上级交办",
    Source.CALL: "来电",
}

SATISFACTION_LABELS: dict[Satisfaction, str] = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASIC: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
    Satisfaction.UNREACHABLE: "未联系上",
}

# From which states each action may be taken. Actions that keep the state (延期, 督办, 回访)
# list the states they work in.
ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.REGISTER: frozenset({Status.REPORTED}),
    Action.REJECT: frozenset({Status.REPORTED}),
    Action.SELF_RESOLVE: frozenset({Status.REPORTED, Status.REGISTERED}),
    Action.DISPATCH: frozenset({Status.REGISTERED, Status.RETURNED}),
    Action.ACCEPT: frozenset({Status.DISPATCHED}),
    Action.RETURN: frozenset({Status.DISPATCHED, Status.ACCEPTED}),
    Action.REDISPATCH: frozenset({Status.RETURNED, Status.DISPATCHED, Status.ACCEPTED}),
    Action.FEEDBACK: frozenset({Status.ACCEPTED}),
    Action.VERIFY: frozenset({Status.FEEDBACK}),
    Action.REWORK: frozenset({Status.FEEDBACK}),
    Action.EXTEND: frozenset({Status.DISPATCHED, Status.ACCEPTED}),
    Action.SUSPEND: frozenset({Status.REGISTERED, Status.DISPATCHED, Status.ACCEPTED}),
    Action.RESUME: frozenset({Status.SUSPENDED}),
    Action.URGE: frozenset({Status.DISPATCHED, Status.ACCEPTED, Status.RETURNED}),
    Action.CALLBACK: frozenset({Status.CLOSED, Status.SELF_RESOLVED}),
    # A duplicate may be merged at any stage before it is closed (its clock stops there).
    Action.MERGE: OPEN_STATUSES,
    Action.RECALL: frozenset({Status.DISPATCHED}),
}

# Actions that must say why.
REASON_REQUIRED = frozenset(
    {Action.REJECT, Action.RETURN, Action.REWORK, Action.EXTEND, Action.SUSPEND, Action.REDISPATCH}
)


def allowed_actions(status: Status | str) -> list[Action]:
    """The actions valid for a case in `status`, in the order the desk shows them."""
    status = Status(status)
    return [a for a, sources in ALLOWED_FROM.items() if status in sources]


def parse_source(text: str) -> Source:
    for source, label in SOURCE_LABELS.items():
        if text in (source.value, label):
            return source
    choices = "、".join(f"{s.value}（{label}）" for s, label in SOURCE_LABELS.items())
    raise ValidationError(f"来源「{text}」无法识别，可选：{choices}")


def parse_satisfaction(text: str) -> Satisfaction:
    for level, label in SATISFACTION_LABELS.items():
        if text in (level.value, label):
            return level
    choices = "、".join(f"{s.value}（{label}）" for s, label in SATISFACTION_LABELS.items())
    raise ValidationError(f"满意度「{text}」无法识别，可选：{choices}")

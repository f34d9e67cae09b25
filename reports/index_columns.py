"""The index columns (指标列) shared by the case returns: headers, formats, formulas, values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.escalation.figures import EscalationCounts
from db.stats.definitions import CO_HANDLED, CO_ON_TIME_RATE, DISPATCHED, ON_TIME_RATE
from db.stats.indices import Indices
from reports.model import Column

CLOSE = "结案情况"
QUALITY = "处置质量"
PATROL = "未诉先办"
CALLBACK = "回访“三率”"
JOINT = "协办（吹哨报到）"
DUPLICATES = "重复报告"
ESCALATION = "督办与上报"
NOTHING_CLOSED = "—"  # 按期结案率 while nothing was closed (db/stats/definitions.py)


def _rate(key: str, group: str, label: str, num: str, den: str) -> Column:
    return Column(
        key,
        (group, label),
        kind="rate",
        total="formula",
        formula=f'IF({{{den}}}=0,"",{{{num}}}/{{{den}}})',
        width=9,
    )


def case_columns(*, with_patrol: bool = True, with_merged: bool = False) -> list[Column]:
    """立案数 … 平均处置时长 (and the 未诉先办 share), in the order of the monthly return;
    `with_merged` adds 合并报告数 last (reports merged into another case: not cases)."""
    columns = [
        Column("registered", ("立案派遣", "立案数"), width=8),
        Column("dispatched", ("立案派遣", "派遣数"), width=8),
        Column("due", (CLOSE, "应结案数"), width=9),
        Column("closed", (CLOSE, "结案数"), width=8),
        Column("closed_on_time", (CLOSE, "按期结案数"), width=10),
        _rate("close_rate", CLOSE, "结案率", "closed", "due"),
        Column(
            "on_time_rate",
            (CLOSE, "按期结案率"),
            kind="rate",
            total="formula",
            # db/stats/definitions.py ON_TIME_RATE: — while nothing was closed.
            formula='IF(OR({closed}=0,{due}=0),"—",{closed_on_time}/{due})',
            width=9,
        ),
        Column("overdue", (CLOSE, "超期数"), width=8),
        Column("handled", (QUALITY, "处置数"), width=8),
        Column("reworked", (QUALITY, "返工数"), width=8),
        _rate("rework_rate", QUALITY, "返工率", "reworked", "handled"),
        Column("extended", (QUALITY, "延期数"), width=8),
        Column("suspended", (QUALITY, "挂账数"), width=8),
        Column(
            "avg_hours",
            ("平均处置时长（小时）",),
            kind="hours",
            total="custom",
            total_formula=(
                'IF(SUM({closed:range})=0,"",'
                "SUMPRODUCT({avg_hours:range},{closed:range})/SUM({closed:range}))"
            ),
            width=11,
        ),
    ]
    if with_patrol:
        columns += [
            Column("reported", (PATROL, "上报数"), width=8),
            Column("patrol", (PATROL, "巡查发现数"), width=10),
            _rate("patrol_share", PATROL, "未诉先办占比", "patrol", "reported"),
        ]
    if with_merged:
        columns.append(Column("merged", (DUPLICATES, "合并报告数"), width=10))
    return columns


def callback_columns(weights: Mapping[str, float]) -> list[Column]:
    """有效回访 counts, 响应率 / 解决率 / 满意率 and the weighted 综合指数."""
    w_r = repr(float(weights.get("response", 0.0)))
    w_s = repr(float(weights.get("solve", 0.0)))
    w_m = repr(float(weights.get("satisfaction", 0.0)))
    return [
        Column("callbacks", (CALLBACK, "有效回访数"), width=10),
        Column("contacted", (CALLBACK, "联系上"), width=8),
        Column("solved", (CALLBACK, "已解决"), width=8),
        Column("satisfied", (CALLBACK, "满意"), width=7),
        Column("basic", (CALLBACK, "基本满意"), width=9),
        _rate("response_rate", CALLBACK, "响应率", "contacted", "callbacks"),
        _rate("solve_rate", CALLBACK, "解决率", "solved", "callbacks"),
        Column(
            "satisfaction_rate",
            (CALLBACK, "满意率"),
            kind="rate",
            total="formula",
            formula='IF({callbacks}=0,"",({satisfied}+0.9*{basic})/{callbacks})',
            width=9,
        ),
        Column(
            "composite",
            ("综合指数",),
            kind="index",
            total="formula",
            formula=(
                f'IF({{callbacks}}=0,"",{w_r}*{{response_rate}}+{w_s}*{{solve_rate}}'
                f"+{w_m}*{{satisfaction_rate}})"
            ),
            width=9,
        ),
    ]


def co_columns() -> list[Column]:
    """协办件数, 协办应反馈数, 协办按期反馈数 and 协办按期率: a department's co-handling, apart
    from the cases it leads (db/stats/definitions.py CO_HANDLED, CO_ON_TIME_RATE)."""
    return [
        Column("co_handled", (JOINT, "协办件数"), width=8),
        Column("co_due", (JOINT, "协办应反馈数"), width=11),
        Column("co_on_time", (JOINT, "协办按期反馈数"), width=12),
        Column(
            "co_on_time_rate",
            (JOINT, "协办按期率"),
            kind="rate",
            total="formula",
            formula='IF({co_due}=0,"—",{co_on_time}/{co_due})',
            width=10,
        ),
    ]


def co_values(ix: Indices) -> dict[str, Any]:
    """The cell values of `co_columns` for one row."""
    rate = ix.co_on_time_rate
    return {
        "co_handled": ix.co_handled,
        "co_due": ix.co_due,
        "co_on_time": ix.co_on_time,
        "co_on_time_rate": NOTHING_CLOSED if rate is None else rate,
    }


CO_NOTE = f"协办件数：{CO_HANDLED.counts}协办按期率：{CO_ON_TIME_RATE.counts}"


def escalation_columns() -> list[Column]:
    """督办件数, 已回复, 督办回复率, 上报件数 and their results (上报后办结 / 未办结)."""
    return [
        Column("urges", (ESCALATION, "督办件数"), width=8),
        Column("urges_replied", (ESCALATION, "督办已回复"), width=9),
        _rate("urge_reply_rate", ESCALATION, "督办回复率", "urges_replied", "urges"),
        Column("escalated", (ESCALATION, "上报件数"), width=8),
        Column("escalated_closed", (ESCALATION, "上报后办结"), width=9),
        Column("escalated_open", (ESCALATION, "上报未办结"), width=9),
    ]


def escalation_values(counts: EscalationCounts) -> dict[str, Any]:
    return {
        "urges": counts.urges,
        "urges_replied": counts.urges_replied,
        "urge_reply_rate": counts.reply_rate,
        "escalated": counts.escalated,
        "escalated_closed": counts.escalated_closed,
        "escalated_open": counts.escalated_open,
    }


ESCALATION_NOTES = (
    "督办件数为本期发出的督办单（含系统督办）；督办已回复为其中截至制表时已回复的；"
    "督办回复率 = 督办已回复 ÷ 督办件数；上报件数为本期上报区级平台或联席会议的次数，"
    "上报后办结 / 上报未办结为其案件截至制表时是否已办结。"
)


def index_values(ix: Indices, weights: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The cell values (cached formula results included) of one row of indices."""
    values: dict[str, Any] = {
        "registered": ix.registered,
        "dispatched": ix.dispatched,
        "due": ix.due,
        "closed": ix.closed,
        "closed_on_time": ix.closed_on_time,
        "close_rate": ix.close_rate,
        "on_time_rate": NOTHING_CLOSED if ix.on_time_rate is None else ix.on_time_rate,
        "overdue": ix.overdue,
        "handled": ix.handled,
        "reworked": ix.reworked,
        "rework_rate": ix.rework_rate,
        "extended": ix.extended,
        "suspended": ix.suspended,
        "avg_hours": ix.avg_hours,
        "reported": ix.reported,
        "patrol": ix.patrol,
        "patrol_share": ix.patrol_share,
        "merged": ix.merged,
        "callbacks": ix.callbacks,
        "contacted": ix.contacted,
        "solved": ix.solved,
        "satisfied": ix.satisfied,
        "basic": ix.basic,
        "response_rate": ix.response_rate,
        "solve_rate": ix.solve_rate,
        "satisfaction_rate": ix.satisfaction_rate,
    }
    if weights is not None:
        values["composite"] = ix.composite(weights)
    return values


def total_avg_hours(rows: list[Indices]) -> float | None:
    """The 合计 row's average, as its SUMPRODUCT formula computes it from the rows' averages."""
    closed = sum(r.closed for r in rows)
    if not closed:
        return None
    return sum((r.avg_hours or 0.0) * r.closed for r in rows) / closed


NOTES = (
    "说明：立案数、派遣数、处置数、返工数、延期数按本期内的流转记录计；结案数为本期核查通过结案的案件；"
    "应结案数 = 本期结案数 + 处置期限在本期内（本期未结束时为已到期的）而期末未结案的案件（挂账案件不计入）；"
    "结案率 = 结案数 ÷ 应结案数；返工率 = 返工数 ÷ 处置数；"
    "挂账数为期末处于挂账状态的案件；平均处置时长为结案案件自派遣至结案的自然小时数；"
    "未诉先办占比 = 巡查发现数 ÷ 上报数。"
    # The two figures the desk and the statistics page show too: their one definition's words.
    f"派遣数：{DISPATCHED.counts}按期结案率：{ON_TIME_RATE.counts}"
)

MERGED_NOTE = (
    "合并报告数：本期作为重复报告合并入其他案件的上报件数（按合并时间计），"
    "它们不是另外的案件，不计入结案数、应结案数。"
)

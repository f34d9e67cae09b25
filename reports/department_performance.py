"""部门绩效 (department-performance): the case indices and the 回访“三率” per department, ranked.

One row per department (active ones, and inactive ones that had cases in the period), ranked by
the weighted 综合指数 (weights are the center's `index_weights` setting), then by 结案率. The
排名 column is a live RANK formula over the 综合指数 column.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, or_, select, text
from sqlalchemy.orm import Session

from db.cases.joint import CO_DEPARTMENT_STEPS
from db.escalation.figures import EscalationCounts, escalation_counts, total_counts
from db.models import CaseEvent, Department
from db.models.cases import PROXY_ENTRY
from db.query_hints import unindexed_on
from db.security.actors import DEPARTMENT_ACTIONS
from db.stats.indices import Indices, compute_indices, total
from reports.index_columns import (
    CO_NOTE,
    ESCALATION_NOTES,
    NOTES,
    callback_columns,
    case_columns,
    co_columns,
    co_values,
    escalation_columns,
    escalation_values,
    index_values,
    total_avg_hours,
)
from reports.model import Column, Report, Row, Sheet
from reports.request import ReportRequest, resolve

KIND = "department-performance"
TITLE = "部门绩效考核表"


def proxy_statement(dialect: str, start: datetime, end: datetime) -> Select[int | None, int]:
    """代录: per department, its steps (受理, 退单, 反馈, and as 协办 协办受理, 协办退回, 协办反馈)
    in [start, end) that the centre entered on its behalf (db.cases.workflow and db.cases.joint
    mark them in the history's details), read through the partial index of those entries."""
    return (
        select(CaseEvent.department_id, func.count())
        .where(
            text(PROXY_ENTRY[dialect]),
            # not by the (action, at) index, which SQLite, knowing nothing of how few the
            # 代录 entries are, would otherwise prefer
            unindexed_on(dialect, CaseEvent.action).in_(
                sorted(DEPARTMENT_ACTIONS | CO_DEPARTMENT_STEPS)
            ),
            CaseEvent.at >= start,
            CaseEvent.at < end,
        )
        .group_by(CaseEvent.department_id)
    )


def proxy_counts(session: Session, start: datetime, end: datetime) -> dict[int, int]:
    """The 代录 steps of [start, end) per department (`proxy_statement`)."""
    rows = session.execute(proxy_statement(session.get_bind().dialect.name, start, end))
    return {dept: int(n) for dept, n in rows if dept is not None}


def build(session: Session, request: ReportRequest) -> Report:
    r = resolve(session, request)
    weights = r.settings.index_weights
    by_department = compute_indices(session, r.start, r.end, "department", r.scope, r.as_of)
    urged = escalation_counts(session, r.start, r.end, r.as_of, r.scope, "department")
    query = select(Department).order_by(Department.sort_order, Department.name)
    if r.scope.department_id is not None:
        query = query.where(Department.id == r.scope.department_id)
    else:
        query = query.where(
            or_(
                Department.active,
                Department.id.in_([k for k in {*by_department, *urged} if k is not None]),
            )
        )
    departments = session.scalars(query).all()
    scored = [(d, by_department.get(d.id, Indices())) for d in departments]

    def order(item: tuple[Department, Indices]) -> tuple[int, float, float, int]:
        d, ix = item
        composite = ix.composite(weights)
        close = ix.close_rate
        return (
            composite is None,
            -(composite or 0.0),
            -(close if close is not None else -1.0),
            departments.index(d),
        )

    scored.sort(key=order)
    composites = [ix.composite(weights) for _, ix in scored]
    proxies = proxy_counts(session, r.start, r.end)
    rows = []
    for (d, ix), composite in zip(scored, composites, strict=True):
        values = {
            "name": d.name,
            **index_values(ix, weights),
            "proxy": proxies.get(d.id, 0),
            **co_values(ix),
            **escalation_values(urged.get(d.id, EscalationCounts())),
        }
        values["rank"] = (
            None
            if composite is None
            else 1 + sum(1 for c in composites if c is not None and c > composite)
        )
        rows.append(Row(values))
    all_ix = [ix for _, ix in scored]
    all_urged = [urged.get(d.id, EscalationCounts()) for d, _ in scored]
    totals = {
        "rank": None,
        "name": "合计",
        **index_values(total(all_ix), weights),
        **co_values(total(all_ix)),
        **escalation_values(total_counts(all_urged)),
    }
    totals["avg_hours"] = total_avg_hours(all_ix)
    totals["proxy"] = sum(row.values["proxy"] for row in rows)

    title = f"{r.period.label}部门绩效考核表"
    case_cols = [c for c in case_columns(with_patrol=False) if c.key != "registered"]
    sheet = Sheet(
        name="部门绩效",
        title=title,
        columns=[
            Column(
                "rank",
                ("排名",),
                kind="int",
                total="",
                formula='IF({composite}="","",RANK({composite},{composite:range}))',
                width=6,
            ),
            Column("name", ("部门",), kind="text", total="label"),
            *case_cols,
            *callback_columns(weights),
            Column("proxy", ("代录件数",), kind="int", width=9),
            *co_columns(),
            *escalation_columns(),
        ],
        rows=rows,
        totals=totals,
        freeze_columns=2,
        notes=[
            NOTES,
            "“三率”以本期有效回访（本期内最近一次回访，含未联系上）为分母：响应率 = 联系上 ÷ 有效回访数；"
            "解决率 = 已解决 ÷ 有效回访数；满意率 = (满意 + 0.9 × 基本满意) ÷ 有效回访数；"
            f"综合指数 = {weights.get('response', 0)} × 响应率 + {weights.get('solve', 0)} × 解决率 + "
            f"{weights.get('satisfaction', 0)} × 满意率。案件按当前承办（主办）部门统计。",
            "代录件数：本期内部门的受理、退单、反馈由中心调度员或值班长代为录入的次数（部门没有工作站时）。",
            CO_NOTE,
            ESCALATION_NOTES + "督办按被督办部门、上报按上报时的承办部门统计。",
        ],
    )
    return Report.of(r, KIND, title, [sheet])

"""案件办理情况月报 (monthly-cases): the case indices per community, per grid, and day by day.

Sheet 1 has one row per community of the scope and a 合计 row; sheet 2 one row per grid;
sheet 3 the daily intake (上报) and closures (结案) with a native line chart. Works for a
month, a quarter or a year (the title follows the period).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.escalation.figures import EscalationCounts, escalation_counts, total_counts
from db.models import Grid
from db.reference.geography_history import communities_in_period, grids_in_period
from db.stats.indices import Indices, compute_indices, daily_counts, total
from reports.index_columns import (
    ESCALATION_NOTES,
    MERGED_NOTE,
    NOTES,
    case_columns,
    escalation_columns,
    escalation_values,
    index_values,
    total_avg_hours,
)
from reports.model import ChartSpec, Column, Report, Row, Sheet
from reports.request import ReportRequest, Resolved, resolve

KIND = "monthly-cases"
TITLE = "案件办理情况月报"


def name_for(period_kind: str) -> str:
    """The return's name for a period of that kind: a quarter is the 季报, a year the 年报."""
    return "案件办理情况" + {"month": "月报", "quarter": "季报", "year": "年报"}[period_kind]


def title_for(resolved: Resolved) -> str:
    return f"{resolved.period.label}{name_for(resolved.period.kind)}"


def _row(label: dict[str, object], ix: Indices) -> Row:
    return Row({**label, **index_values(ix)})


def _totals(label: dict[str, object], rows: list[Indices]) -> dict[str, object]:
    values = {**label, **index_values(total(rows))}
    values["avg_hours"] = total_avg_hours(rows)
    return values


def build(session: Session, request: ReportRequest) -> Report:
    r = resolve(session, request)
    title = title_for(r)
    # Communities and grids as they were: those in use in the period (or with figures in it,
    # a retired grid's late closures), under the names they had on its last day.
    first, after = r.period.first_day, r.period.day_after
    by_grid = compute_indices(session, r.start, r.end, "grid", r.scope, r.as_of)
    busy = {g for g, ix in by_grid.items() if g is not None and ix != Indices()}
    community_of = {
        grid_id: community_id
        for grid_id, community_id in session.execute(select(Grid.id, Grid.community_id))
    }
    communities = communities_in_period(
        session,
        first,
        after,
        only=r.scope.community_id,
        also={community_of[g] for g in busy},
        street_id=r.scope.street_id,
    )
    community_ids = {c.id for c in communities}
    # One pass per grid; a case has exactly one grid, so the communities' figures are sums.
    by_community: dict[int, Indices] = {}
    for grid_id, ix in by_grid.items():
        if grid_id is None:
            continue
        community_id = community_of[grid_id]
        by_community[community_id] = by_community.get(community_id, Indices()) + ix

    label_col = Column("name", ("社区",), kind="text", total="label")
    community_rows = [by_community.get(c.id, Indices()) for c in communities]
    urged = escalation_counts(session, r.start, r.end, r.as_of, r.scope, "community")
    community_urged = [urged.get(c.id, EscalationCounts()) for c in communities]
    sheet1 = Sheet(
        name="按社区",
        title=title,
        columns=[label_col, *case_columns(with_merged=True), *escalation_columns()],
        rows=[
            Row({**_row({"name": c.name}, ix).values, **escalation_values(u)})
            for c, ix, u in zip(communities, community_rows, community_urged, strict=True)
        ],
        totals={
            **_totals({"name": "合计"}, community_rows),
            **escalation_values(total_counts(community_urged)),
        },
        notes=[NOTES, MERGED_NOTE, ESCALATION_NOTES],
    )

    grids = [
        (g.id, g.code, g.name, g.community)
        for g in grids_in_period(session, first, after, community_ids=community_ids, also=busy)
    ]
    grid_rows = [by_grid.get(g[0], Indices()) for g in grids]
    sheet2 = Sheet(
        name="按网格",
        title=f"{title}（按网格）",
        columns=[
            Column("community", ("社区",), kind="text", total="label"),
            Column("code", ("网格编码",), kind="text", total=""),
            Column("name", ("网格名称",), kind="text", total=""),
            *case_columns(with_merged=True),
        ],
        rows=[
            _row({"community": g[3], "code": g[1], "name": g[2]}, ix)
            for g, ix in zip(grids, grid_rows, strict=True)
        ],
        totals=_totals({"community": "合计"}, grid_rows),
        merge_down=("community",),
        freeze_columns=3,
        notes=[NOTES, MERGED_NOTE],
    )

    daily = daily_counts(session, r.start, r.end, r.settings.tz, r.scope)
    sheet3 = Sheet(
        name="每日走势",
        title=f"{title}（每日上报与结案）",
        columns=[
            Column("day", ("日期",), kind="date", total="label", width=12),
            Column("reported", ("上报数",), width=9),
            Column("closed", ("结案数",), width=9),
        ],
        rows=[Row({"day": d.day, "reported": d.reported, "closed": d.closed}) for d in daily],
        totals={
            "day": "合计",
            "reported": sum(d.reported for d in daily),
            "closed": sum(d.closed for d in daily),
        },
        chart=ChartSpec("每日上报与结案件数", "day", ("reported", "closed")),
    )
    return Report.of(r, KIND, title, [sheet1, sheet2, sheet3])

"""社区工作者配备情况 (staffing-standard): residents, households, required and actual workers.

Both staffing standards are minimums a community must meet — at least
`workers_per_10k_minimum` (province: 18) community workers per 10,000 residents and one worker
per `households_per_worker` (local: 200) households — so the required number is the larger of
⌈residents × 18 ÷ 10,000⌉ and ⌈households ÷ 200⌉; 缺口 = max(应配备 − 实有, 0). 实有 counts the
community workers in post on the last day of the period (service started by then and no end
date, or an end date after it). Required numbers and shortfalls are live ROUNDUP / MAX
formulas; the 合计 row sums the communities' figures (a street total of ⌈…⌉ could be smaller).
"""

from __future__ import annotations

import math
from fractions import Fraction

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Community, CommunityWorker
from reports.model import Column, Report, Row, Sheet
from reports.request import ReportRequest, no_department_scope, resolve

KIND = "staffing-standard"
TITLE = "社区工作者配备情况表"
ACTIVE = "在岗"


def in_post_on(day: object) -> object:
    """SQL condition: the community worker was in post on `day`."""
    return and_(
        or_(CommunityWorker.service_start.is_(None), CommunityWorker.service_start <= day),
        or_(
            and_(CommunityWorker.end_date.is_(None), CommunityWorker.status == ACTIVE),
            CommunityWorker.end_date > day,
        ),
    )


def required(population: int, households: int, per_10k: float, per_worker: int) -> tuple[int, int]:
    """(by residents, by households), exact: ⌈population × per_10k ÷ 10,000⌉, ⌈households ÷ per_worker⌉."""
    by_population = math.ceil(Fraction(population) * Fraction(str(per_10k)) / 10_000)
    by_households = math.ceil(Fraction(households, per_worker)) if per_worker > 0 else 0
    return by_population, by_households


def build(session: Session, request: ReportRequest) -> Report:
    r = resolve(session, request)
    no_department_scope(r, "社区工作者配备情况")
    last_day = r.period.last_day
    per_10k = r.settings.workers_per_10k_minimum
    per_worker = r.settings.households_per_worker
    actual = {
        community_id: int(count)
        for community_id, count in session.execute(
            select(CommunityWorker.community_id, func.count())
            .where(in_post_on(last_day))  # type: ignore[arg-type]
            .group_by(CommunityWorker.community_id)
        )
    }
    # The communities in use on the last day (a community merged away before it is not).
    query = (
        select(Community)
        .where(
            or_(Community.retired_on.is_(None), Community.retired_on > last_day),
            or_(Community.established_on.is_(None), Community.established_on <= last_day),
        )
        .order_by(Community.code)
    )
    if r.scope.street_id is not None:
        query = query.where(Community.street_id == r.scope.street_id)
    if r.scope.community_id is not None:
        query = query.where(Community.id == r.scope.community_id)
    rows: list[Row] = []
    sums = dict.fromkeys(
        ("population", "households", "by_pop", "by_hh", "required", "actual", "gap"), 0
    )
    for c in session.scalars(query):
        by_pop, by_hh = required(c.population, c.households, per_10k, per_worker)
        need = max(by_pop, by_hh)
        have = int(actual.get(c.id, 0))
        gap = max(need - have, 0)
        values = {
            "code": c.code,
            "name": c.name,
            "population": c.population,
            "households": c.households,
            "by_pop": by_pop,
            "by_hh": by_hh,
            "required": need,
            "actual": have,
            "gap": gap,
            "per_10k": have * 10_000 / c.population if c.population else None,
            "ok": "达标" if gap == 0 else "未达标",
        }
        for key in sums:
            sums[key] += int(values[key])  # type: ignore[call-overload]
        rows.append(Row(values))
    totals: dict[str, object] = {"code": "合计", "name": "", **sums}
    totals["per_10k"] = sums["actual"] * 10_000 / sums["population"] if sums["population"] else None
    totals["ok"] = "达标" if sums["gap"] == 0 else "未达标"

    standard = "配备标准"
    title = f"{r.period.label}社区工作者配备情况表"
    sheet = Sheet(
        name="配备情况",
        title=title,
        columns=[
            Column("code", ("社区编码",), kind="text", total="label"),
            Column("name", ("社区",), kind="text", total=""),
            Column("population", ("常住人口",), width=10),
            Column("households", ("户数",), width=9),
            Column(
                "by_pop",
                (standard, f"按人口应配（每万人{per_10k:g}名）"),
                formula=f"ROUNDUP({{population}}*{per_10k!r}/10000,0)",
                width=14,
            ),
            Column(
                "by_hh",
                (standard, f"按户数应配（每{per_worker}户1名）"),
                formula=f"ROUNDUP({{households}}/{per_worker},0)",
                width=14,
            ),
            Column("required", (standard, "应配备"), formula="MAX({by_pop},{by_hh})", width=9),
            Column("actual", ("实有社区工作者",), width=10),
            Column("gap", ("缺口",), formula="MAX({required}-{actual},0)", width=8),
            Column(
                "per_10k",
                ("每万人配备",),
                kind="decimal",
                total="formula",
                formula='IF({population}=0,"",{actual}*10000/{population})',
                width=10,
            ),
            Column(
                "ok",
                ("是否达标",),
                kind="text",
                total="formula",
                formula='IF({gap}=0,"达标","未达标")',
                width=10,
            ),
        ],
        rows=rows,
        totals=totals,
        freeze_columns=2,
        notes=[
            f"说明：应配备 = max(⌈常住人口 × {per_10k:g} ÷ 10000⌉, ⌈户数 ÷ {per_worker}⌉)；"
            f"缺口 = max(应配备 − 实有, 0)；实有为 {last_day:%Y-%m-%d} 在岗的社区工作者；合计行为各社区之和。"
        ],
    )
    return Report.of(r, KIND, title, [sheet])

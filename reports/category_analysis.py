"""案件类别分析 (category-analysis): cases per 大类 / 小类 with 环比 and 同比 changes.

One row per 小类 that had cases in the period, the previous period (环比: last month, quarter
or year) or the same period a year earlier (同比), grouped under its 大类 with a 小计 row, and a
合计 row. Changes are live formulas: 增减 = 本期 − 上期, 增幅 = 增减 ÷ 上期 (empty when 上期 is 0).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, MajorCategory
from db.stats.indices import category_counts, ratio
from reports.model import Column, Report, Row, Sheet
from reports.request import ReportRequest, resolve

KIND = "category-analysis"
TITLE = "案件类别分析表"


def _change_columns(key: str, group: str, base: str) -> list[Column]:
    return [
        Column(f"{key}_diff", (group, "增减"), total="formula", formula=f"{{current}}-{{{base}}}"),
        Column(
            f"{key}_pct",
            (group, "增幅"),
            kind="rate",
            total="formula",
            formula=f'IF({{{base}}}=0,"",({{current}}-{{{base}}})/{{{base}}})',
            width=9,
        ),
    ]


def _values(current: int, previous: int, year_ago: int) -> dict[str, object]:
    return {
        "current": current,
        "previous": previous,
        "mom_diff": current - previous,
        "mom_pct": ratio(current - previous, previous),
        "year_ago": year_ago,
        "yoy_diff": current - year_ago,
        "yoy_pct": ratio(current - year_ago, year_ago),
    }


def build(session: Session, request: ReportRequest) -> Report:
    r = resolve(session, request)
    tz = r.settings.tz
    prev_start, prev_end = r.period.previous().bounds(tz)
    ago_start, ago_end = r.period.year_ago().bounds(tz)
    current = category_counts(session, r.start, r.end, r.scope)
    previous = category_counts(session, prev_start, prev_end, r.scope)
    year_ago = category_counts(session, ago_start, ago_end, r.scope)
    used = set(current) | set(previous) | set(year_ago)
    categories = session.execute(
        select(Category.id, Category.code, Category.name, MajorCategory.id, MajorCategory.kind)
        .add_columns(MajorCategory.name, MajorCategory.code)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .where(Category.id.in_(used))
        .order_by(MajorCategory.code, Category.code)
    ).all()
    by_major: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    for cat_id, code, name, _major_id, kind, major_name, major_code in categories:
        by_major[(major_code, f"{major_name}（{kind}）")].append((cat_id, code, name))

    rows: list[Row] = []
    sums = [0, 0, 0]
    for (_code, major), cats in by_major.items():
        first = len(rows)
        sub = [0, 0, 0]
        for cat_id, code, name in cats:
            c, p, y = current.get(cat_id, 0), previous.get(cat_id, 0), year_ago.get(cat_id, 0)
            sub = [sub[0] + c, sub[1] + p, sub[2] + y]
            rows.append(Row({"major": major, "code": code, "name": name, **_values(c, p, y)}))
        rows.append(
            Row(
                {"major": major, "code": "", "name": "小计", **_values(*sub)},
                subtotal_of=tuple(range(first, len(rows))),
            )
        )
        sums = [sums[0] + sub[0], sums[1] + sub[1], sums[2] + sub[2]]

    title = f"{r.period.label}案件类别分析表"
    previous_label = r.period.previous().label
    year_ago_label = r.period.year_ago().label
    sheet = Sheet(
        name="类别分析",
        title=title,
        columns=[
            Column("major", ("大类",), kind="text", total="label", wrap=True, width=16),
            Column("code", ("小类编码",), kind="text", total=""),
            Column("name", ("小类",), kind="text", total=""),
            Column("current", ("本期",), width=9),
            Column("previous", ("环比", f"上期（{previous_label}）"), width=14),
            *_change_columns("mom", "环比", "previous"),
            Column("year_ago", ("同比", f"去年同期（{year_ago_label}）"), width=14),
            *_change_columns("yoy", "同比", "year_ago"),
        ],
        rows=rows,
        totals={"major": "合计", **_values(*sums)},
        merge_down=("major",),
        freeze_columns=3,
        notes=[
            "说明：按上报时间统计各小类案件数；增幅 = (本期 − 对比期) ÷ 对比期，对比期为 0 时不计算。"
        ],
    )
    return Report.of(r, KIND, title, [sheet])

"""案件明细表 (case-details): every case reported in the period, one row each.

The secretaries' list that goes with the returns. Reporters' names and phones are masked unless
the request is unmasked by an actor allowed to see them. Descriptions and addresses are written
as text whatever they start with (= + - @ or a tab never become formulas). The rows are read as
the file is written (`reports.model.StreamedRows`): a year of a big street is a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from db.cases.states import SOURCE_LABELS, STATUS_LABELS, Source, Status
from db.models import Case, Category, Community, Department, Grid, MajorCategory
from db.query_hints import unindexed
from db.security.personal_data import mask_name, mask_phone
from db.stats.indices import LONG_PERIOD
from reports.model import Column, Report, Row, Sheet, StreamedRows
from reports.request import ReportRequest, resolve

KIND = "case-details"
TITLE = "案件明细表"

# The rows held when the report is built (the preview shows 1,000; the column widths are fitted
# to the first 2,000); the others are read as the file is written.
HEAD_ROWS = 2000


def build(session: Session, request: ReportRequest) -> Report:
    r = resolve(session, request)
    tz = r.settings.tz
    dept = aliased(Department)
    query = (
        select(
            Case.number,
            Case.reported_at,
            Case.source,
            Community.name,
            Grid.name,
            MajorCategory.name,
            Category.name,
            Case.address,
            Case.description,
            Case.reporter_name,
            Case.reporter_phone,
            Case.status,
            dept.name,
            Case.closed_at,
            Case.ever_overdue,
            Case.rework_count,
            Case.extension_count,
        )
        .join(Community, Community.id == Case.community_id)
        .join(Grid, Grid.id == Case.grid_id)
        .join(Category, Category.id == Case.category_id)
        .join(MajorCategory, MajorCategory.id == Category.major_id)
        .outerjoin(dept, dept.id == Case.department_id)
        .where(Case.reported_at >= r.start, Case.reported_at < r.end)
        .order_by(Case.reported_at, Case.id)
    )

    # A month's or a quarter's cases are read by their report time, not as every case the
    # community or department ever had (SQLite, without statistics, prefers the equality:
    # 0.5 s → 15 ms for a month of the 1M-case street's busiest department); a year's
    # are most of them, read the other way round.
    def col(column: Any) -> Any:
        return unindexed(session, column) if r.end - r.start <= LONG_PERIOD else column

    if r.scope.street_id is not None:
        query = query.where(Community.street_id == r.scope.street_id)
    if r.scope.community_id is not None:
        query = query.where(col(Case.community_id) == r.scope.community_id)
    if r.scope.department_id is not None:
        query = query.where(col(Case.department_id) == r.scope.department_id)
    reveal = r.reveal

    def row(seq: int, values: Any) -> Row:
        (
            number,
            reported_at,
            source,
            community,
            grid,
            major,
            minor,
            address,
            description,
            reporter,
            phone,
            status,
            department,
            closed_at,
            overdue,
            reworks,
            extensions,
        ) = values
        return Row(
            {
                "seq": seq,
                "number": number,
                "reported_at": reported_at.astimezone(tz).replace(tzinfo=None),
                "source": SOURCE_LABELS.get(Source(source), source)
                if source in Source._value2member_map_
                else source,
                "community": community,
                "grid": grid,
                "major": major,
                "minor": minor,
                "address": address,
                "description": description,
                "reporter": reporter if reveal else mask_name(reporter),
                "phone": phone if reveal else mask_phone(phone),
                "status": STATUS_LABELS.get(Status(status), status),
                "department": department or "",
                "closed_at": closed_at.astimezone(tz).replace(tzinfo=None) if closed_at else None,
                "overdue": "是" if overdue else "否",
                "reworks": reworks,
                "extensions": extensions,
            }
        )

    def read() -> Iterator[Row]:
        # Row by row in the build's transaction, as the file is written (StreamedRows).
        found = session.execute(query.execution_options(yield_per=2000))
        for seq, values in enumerate(found, 1):
            yield row(seq, values)

    listed = query.subquery()
    count, reworks, extensions = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(listed.c.rework_count), 0),
            func.coalesce(func.sum(listed.c.extension_count), 0),
        )
    ).one()
    head = [
        row(seq, values) for seq, values in enumerate(session.execute(query.limit(HEAD_ROWS)), 1)
    ]
    rows = StreamedRows(int(count), head, read)
    title = f"{r.period.label}案件明细表"
    text = "text"
    sheet = Sheet(
        name="案件明细",
        title=title,
        columns=[
            Column("seq", ("序号",), total="label", width=8),
            Column("number", ("案件编号",), kind=text, total="", width=15),
            Column("reported_at", ("上报时间",), kind="datetime", total="", width=17),
            Column("source", ("来源",), kind=text, total="", width=10),
            Column("community", ("社区",), kind=text, total="", width=12),
            Column("grid", ("网格",), kind=text, total="", width=10),
            Column("major", ("大类",), kind=text, total="", width=10),
            Column("minor", ("小类",), kind=text, total="", width=16),
            Column("address", ("地址",), kind=text, total="", width=24),
            Column("description", ("问题描述",), kind=text, total="", width=40),
            Column("reporter", ("上报人",), kind=text, total="", width=9),
            Column("phone", ("联系电话",), kind=text, total="", width=14),
            Column("status", ("状态",), kind=text, total="", width=9),
            Column("department", ("承办部门",), kind=text, total="", width=16),
            Column("closed_at", ("结案时间",), kind="datetime", total="", width=17),
            Column("overdue", ("是否超期",), kind=text, total="", width=8),
            Column("reworks", ("返工次数",), total="sum", width=8),
            Column("extensions", ("延期次数",), total="sum", width=8),
        ],
        rows=rows,
        totals={
            "seq": "合计",
            "number": f"{len(rows)}件",
            "reworks": int(reworks),
            "extensions": int(extensions),
        },
        freeze_columns=2,
    )
    return Report.of(r, KIND, title, [sheet])

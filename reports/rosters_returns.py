"""The six 花名册 returns: community workers, grid staff, first secretaries, mentoring,
sent-down cadres and party-member check-ins, as they stood in the period.

Personal data (ID numbers, phones) are masked (`210102********1234`, `138****5678`) unless the
request asks `unmasked=True` and the actor has `personal.reveal` (checked in
`reports.request.resolve`). Who is listed: community workers and grid staff in post on the last
day of the period; first secretaries, mentorships and sent-down cadres whose term overlaps the
period; party members who checked in by its last day. A grid with no 网格长 or no 网格员 on
that day is listed as a vacancy (空缺).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    SentDownCadre,
)
from db.people.roster_kinds import ACTIVE_STATUS, Kind
from db.reference.geography_history import grids_in_period
from db.reference.streets import in_street, street_communities
from db.security.personal_data import mask_id_number, mask_phone
from reports.model import Column, Report, Row, Sheet
from reports.request import ReportRequest, Resolved, no_department_scope, resolve
from reports.staffing_standard import in_post_on

GRID_ROLE_LABELS = {"leader": "网格长", "worker": "网格员"}
POST_LEVEL_LABELS = {"street": "街道", "community": "社区"}
VACANT = "（空缺）"


def _id(r: Resolved, value: str | None) -> str:
    value = value or ""
    return value if r.reveal else mask_id_number(value)


def _phone(r: Resolved, value: str | None) -> str:
    value = value or ""
    return value if r.reveal else mask_phone(value)


def _person(r: Resolved, p: Person, *, id_number: bool = True) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": p.name,
        "gender": p.gender,
        "birth": f"{p.birth_date:%Y.%m}" if p.birth_date else "",
        "party": "中共党员" if p.party_member else "群众",
        "education": p.education,
        "phone": _phone(r, p.phone),
    }
    if id_number:
        values["id_number"] = _id(r, p.id_number)
    return values


SEQ = Column("seq", ("序号",), kind="int", total="label", width=6)
NAME = Column("name", ("姓名",), kind="text", total="", width=10)
GENDER = Column("gender", ("性别",), kind="text", total="", width=6)
ID_NUMBER = Column("id_number", ("公民身份号码",), kind="text", total="", width=21)
PHONE = Column("phone", ("联系电话",), kind="text", total="", width=14)
COMMUNITY = Column("community", ("社区",), kind="text", total="")


def _count_totals(rows: list[Row], **sums: Any) -> dict[str, Any]:
    return {
        "seq": "合计",
        "name": f"{sum(1 for r in rows if r.values.get('name') != VACANT)}人",
        **sums,
    }


def _number(rows: list[Row]) -> list[Row]:
    for i, row in enumerate(rows, 1):
        row.values["seq"] = i
    return rows


def _still_there(end_date: Any, first: Any) -> Any:
    """Not yet gone when the period began (no end date, or one inside or after the period)."""
    return or_(end_date.is_(None), end_date >= first)


def _status_then(status: str, end_date: Any, last: Any, current: str) -> str:
    """The status as it stood at the period's end: an entry that left later was still current."""
    if end_date is not None and end_date > last:
        return current
    return status


def _community_filter(r: Resolved, column: Any) -> list[Any]:
    out: list[Any] = []
    if r.scope.street_id is not None:
        out.append(in_street(column, r.scope.street_id))
    if r.scope.community_id is not None:
        out.append(column == r.scope.community_id)
    return out


def community_workers(session: Session, r: Resolved) -> Sheet:
    last = r.period.last_day
    pay = aliased(PayScale)
    result = session.execute(
        select(CommunityWorker, Person, Community.name, pay.monthly_amount)
        .join(Person, Person.id == CommunityWorker.person_id)
        .join(Community, Community.id == CommunityWorker.community_id)
        .outerjoin(
            pay, and_(pay.tier == CommunityWorker.pay_tier, pay.level == CommunityWorker.pay_level)
        )
        .where(in_post_on(last), *_community_filter(r, CommunityWorker.community_id))  # type: ignore[arg-type]
        .order_by(Community.code, CommunityWorker.post, Person.name, CommunityWorker.id)
    ).all()
    rows = []
    for w, p, community, amount in result:
        rows.append(
            Row(
                {
                    "community": community,
                    **_person(r, p),
                    "post": w.post,
                    "tier": f"{w.pay_tier}档",
                    "level": f"{w.pay_level}级",
                    "pay": float(amount) if isinstance(amount, Decimal) else amount,
                    "start": w.service_start,
                    "terms": w.terms_served,
                    "honours": w.honours,
                    "career": w.career_move,
                    "status": w.status,
                }
            )
        )
    rows = _number(rows)
    pay_total = sum(float(r.values["pay"] or 0) for r in rows)
    return Sheet(
        name="社区工作者",
        title=f"社区工作者花名册（{last:%Y年%m月%d日}）",
        columns=[
            SEQ,
            COMMUNITY,
            NAME,
            GENDER,
            Column("birth", ("出生年月",), kind="text", total="", width=9),
            Column("party", ("政治面貌",), kind="text", total="", width=9),
            Column("education", ("学历",), kind="text", total="", width=8),
            ID_NUMBER,
            PHONE,
            Column("post", ("岗位",), kind="text", total=""),
            Column("tier", ("薪酬等级", "档"), kind="text", total="", width=6),
            Column("level", ("薪酬等级", "级"), kind="text", total="", width=6),
            Column("pay", ("薪酬等级", "月薪标准（元）"), kind="money", width=12),
            Column("start", ("任职时间",), kind="date", total="", width=11),
            Column("terms", ("任职届数",), kind="int", total="", width=8),
            Column("honours", ("荣誉",), kind="text", total="", wrap=True),
            Column("career", ("职业发展",), kind="text", total=""),
            Column("status", ("状态",), kind="text", total="", width=7),
        ],
        rows=rows,
        totals=_count_totals(rows, pay=pay_total),
        freeze_columns=3,
    )


def grid_staff(session: Session, r: Resolved) -> Sheet:
    last = r.period.last_day
    assignments = session.execute(
        select(GridAssignment, Person)
        .join(Person, Person.id == GridAssignment.person_id)
        .where(
            GridAssignment.start_date <= last,
            or_(GridAssignment.end_date.is_(None), GridAssignment.end_date > last),
        )
        .order_by(GridAssignment.role, GridAssignment.start_date, Person.name)
    ).all()
    by_grid: dict[int, list[tuple[GridAssignment, Person]]] = {}
    for a, p in assignments:
        by_grid.setdefault(a.grid_id, []).append((a, p))
    # The grids in use on the period's last day (and any with staff then), named as then.
    scope: list[int] | None = None
    if r.scope.community_id is not None:
        scope = [r.scope.community_id]
    elif r.scope.street_id is not None:
        scope = list(session.scalars(street_communities(r.scope.street_id)))
    grids = [
        (g.id, g.code, g.name, g.community)
        for g in grids_in_period(
            session, last, last + timedelta(days=1), community_ids=scope, also=by_grid
        )
    ]
    rows: list[Row] = []
    vacancies = 0
    for grid_id, code, grid_name, community in grids:
        staff = by_grid.get(grid_id, [])
        for role in ("leader", "worker"):
            people = [(a, p) for a, p in staff if a.role == role]
            base = {"community": community, "code": code, "grid": grid_name}
            if not people:
                vacancies += 1
                rows.append(Row({**base, "role": GRID_ROLE_LABELS[role], "name": VACANT}))
            for a, p in people:
                rows.append(
                    Row(
                        {
                            **base,
                            "role": GRID_ROLE_LABELS.get(a.role, a.role),
                            **_person(r, p),
                            "start": a.start_date,
                        }
                    )
                )
    rows = _number(rows)
    totals = _count_totals(rows)
    totals["role"] = f"空缺{vacancies}个"
    return Sheet(
        name="网格员网格长",
        title=f"网格长、网格员花名册（{last:%Y年%m月%d日}）",
        columns=[
            SEQ,
            COMMUNITY,
            Column("code", ("网格编码",), kind="text", total="", width=17),
            Column("grid", ("网格名称",), kind="text", total=""),
            Column("role", ("职务",), kind="text", total="", width=10),
            NAME,
            GENDER,
            Column("party", ("政治面貌",), kind="text", total="", width=9),
            ID_NUMBER,
            PHONE,
            Column("start", ("任职日期",), kind="date", total="", width=11),
        ],
        rows=rows,
        totals=totals,
        merge_down=("community",),
        freeze_columns=2,
        notes=["说明：某网格无在岗网格长或网格员的，列为“（空缺）”，应及时配齐。"],
    )


def first_secretaries(session: Session, r: Resolved) -> Sheet:
    first, last = r.period.first_day, r.period.last_day
    result = session.execute(
        select(FirstSecretary, Person, Community.name)
        .join(Person, Person.id == FirstSecretary.person_id)
        .outerjoin(Community, Community.id == FirstSecretary.community_id)
        .where(
            FirstSecretary.term_start <= last,
            FirstSecretary.term_end >= first,
            _still_there(FirstSecretary.end_date, first),
            *_community_filter(r, FirstSecretary.community_id),
        )
        .order_by(FirstSecretary.post_level.desc(), Community.code, Person.name)
    ).all()
    rows = _number(
        [
            Row(
                {
                    "level": POST_LEVEL_LABELS.get(s.post_level, s.post_level),
                    "community": community or "（街道）",
                    **_person(r, p),
                    "unit": s.sending_unit,
                    "term_start": s.term_start,
                    "term_end": s.term_end,
                    "status": _status_then(
                        s.status, s.end_date, last, ACTIVE_STATUS[Kind.FIRST_SECRETARY]
                    ),
                }
            )
            for s, p, community in result
        ]
    )
    return Sheet(
        name="第一书记",
        title=f"第一书记花名册（{r.period.label}）",
        columns=[
            SEQ,
            Column("level", ("派驻层级",), kind="text", total="", width=9),
            COMMUNITY,
            NAME,
            GENDER,
            Column("party", ("政治面貌",), kind="text", total="", width=9),
            ID_NUMBER,
            PHONE,
            Column("unit", ("派出单位",), kind="text", total="", wrap=True),
            Column("term_start", ("任期", "开始"), kind="date", total="", width=11),
            Column("term_end", ("任期", "结束"), kind="date", total="", width=11),
            Column("status", ("状态",), kind="text", total="", width=7),
        ],
        rows=rows,
        totals=_count_totals(rows),
        freeze_columns=4,
    )


def mentoring(session: Session, r: Resolved) -> Sheet:
    first, last = r.period.first_day, r.period.last_day
    mentor, apprentice = aliased(Person), aliased(Person)
    mc, ac = aliased(Community), aliased(Community)
    query = (
        select(Mentorship, mentor, apprentice, mc.name, ac.name)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(apprentice, apprentice.id == Mentorship.apprentice_id)
        .outerjoin(mc, mc.id == mentor.community_id)
        .outerjoin(ac, ac.id == apprentice.community_id)
        .where(
            Mentorship.start_date <= last,
            or_(Mentorship.end_date.is_(None), Mentorship.end_date >= first),
        )
        .order_by(Mentorship.studio, mentor.name, apprentice.name)
    )
    if r.scope.community_id is not None or r.scope.street_id is not None:
        query = query.where(
            or_(
                and_(*_community_filter(r, mentor.community_id)),
                and_(*_community_filter(r, apprentice.community_id)),
            )
        )
    rows = _number(
        [
            Row(
                {
                    "studio": m.studio,
                    "name": mp.name,
                    "mentor_community": mcn or "",
                    "mentor_phone": _phone(r, mp.phone),
                    "apprentice": ap.name,
                    "apprentice_community": acn or "",
                    "apprentice_phone": _phone(r, ap.phone),
                    "start": m.start_date,
                    "end": m.end_date,
                    "status": m.status,
                }
            )
            for m, mp, ap, mcn, acn in session.execute(query)
        ]
    )
    totals = {"seq": "合计", "name": f"{len(rows)}对"}
    return Sheet(
        name="导师帮带",
        title=f"导师帮带花名册（{r.period.label}）",
        columns=[
            SEQ,
            Column("studio", ("社区书记工作室",), kind="text", total="", wrap=True),
            Column("name", ("导师", "姓名"), kind="text", total="", width=10),
            Column("mentor_community", ("导师", "社区"), kind="text", total=""),
            Column("mentor_phone", ("导师", "联系电话"), kind="text", total="", width=14),
            Column("apprentice", ("帮带对象", "姓名"), kind="text", total="", width=10),
            Column("apprentice_community", ("帮带对象", "社区"), kind="text", total=""),
            Column("apprentice_phone", ("帮带对象", "联系电话"), kind="text", total="", width=14),
            Column("start", ("帮带期间", "开始"), kind="date", total="", width=11),
            Column("end", ("帮带期间", "结束"), kind="date", total="", width=11),
            Column("status", ("状态",), kind="text", total="", width=8),
        ],
        rows=rows,
        totals=totals,
        freeze_columns=3,
    )


def sent_down_cadres(session: Session, r: Resolved) -> Sheet:
    first, last = r.period.first_day, r.period.last_day
    result = session.execute(
        select(SentDownCadre, Person, Community.name)
        .join(Person, Person.id == SentDownCadre.person_id)
        .join(Community, Community.id == SentDownCadre.community_id)
        .where(
            SentDownCadre.start_date <= last,
            SentDownCadre.planned_end >= first,
            _still_there(SentDownCadre.end_date, first),
            *_community_filter(r, SentDownCadre.community_id),
        )
        .order_by(SentDownCadre.batch, Community.code, Person.name)
    ).all()
    rows = _number(
        [
            Row(
                {
                    "batch": c.batch,
                    "community": community,
                    **_person(r, p),
                    "unit": c.sending_unit,
                    "start": c.start_date,
                    "end": c.planned_end,
                    "status": _status_then(
                        c.status, c.end_date, last, ACTIVE_STATUS[Kind.SENT_DOWN]
                    ),
                }
            )
            for c, p, community in result
        ]
    )
    return Sheet(
        name="下沉干部",
        title=f"下沉干部花名册（{r.period.label}）",
        columns=[
            SEQ,
            Column("batch", ("批次",), kind="text", total=""),
            COMMUNITY,
            NAME,
            GENDER,
            Column("party", ("政治面貌",), kind="text", total="", width=9),
            ID_NUMBER,
            PHONE,
            Column("unit", ("派出单位",), kind="text", total="", wrap=True),
            Column("start", ("下沉期间", "开始"), kind="date", total="", width=11),
            Column("end", ("下沉期间", "计划结束"), kind="date", total="", width=11),
            Column("status", ("状态",), kind="text", total="", width=7),
        ],
        rows=rows,
        totals=_count_totals(rows),
        merge_down=("batch",),
        freeze_columns=4,
    )


def party_checkins(session: Session, r: Resolved) -> Sheet:
    last = r.period.last_day
    result = session.execute(
        select(PartyCheckin, Person, Community.name)
        .join(Person, Person.id == PartyCheckin.person_id)
        .join(Community, Community.id == PartyCheckin.community_id)
        .where(
            PartyCheckin.checkin_date <= last,
            _still_there(PartyCheckin.end_date, r.period.first_day),
            *_community_filter(r, PartyCheckin.community_id),
        )
        .order_by(Community.code, PartyCheckin.checkin_date, Person.name)
    ).all()
    rows = _number(
        [
            Row(
                {
                    "community": community,
                    **_person(r, p, id_number=False),
                    "org": c.sending_org,
                    "date": c.checkin_date,
                    "activities": c.activities,
                    "hours": float(c.service_hours or 0),
                    "status": _status_then(
                        c.status, c.end_date, last, ACTIVE_STATUS[Kind.PARTY_CHECKIN]
                    ),
                }
            )
            for c, p, community in result
        ]
    )
    hours = sum(float(row.values["hours"]) for row in rows)
    return Sheet(
        name="党员报到",
        title=f"在职党员到社区报到花名册（截至{last:%Y年%m月%d日}）",
        columns=[
            SEQ,
            COMMUNITY,
            NAME,
            GENDER,
            PHONE,
            Column("org", ("所在单位党组织",), kind="text", total="", wrap=True),
            Column("date", ("报到日期",), kind="date", total="", width=11),
            Column("activities", ("参加服务活动",), kind="text", total="", wrap=True, width=30),
            Column("hours", ("服务时长（小时）",), kind="decimal", width=10),
            Column("status", ("状态",), kind="text", total="", width=8),
        ],
        rows=rows,
        totals=_count_totals(rows, hours=hours),
        freeze_columns=3,
    )


SheetBuilder = Callable[[Session, Resolved], Sheet]

ROSTERS: dict[str, tuple[str, SheetBuilder]] = {
    "community-workers": ("社区工作者花名册", community_workers),
    "grid-staff": ("网格长网格员花名册", grid_staff),
    "first-secretaries": ("第一书记花名册", first_secretaries),
    "mentoring": ("导师帮带花名册", mentoring),
    "sent-down-cadres": ("下沉干部花名册", sent_down_cadres),
    "party-member-checkins": ("党员报到花名册", party_checkins),
}


def build_roster(kind: str, session: Session, request: ReportRequest) -> Report:
    title, builder = ROSTERS[kind]
    r = resolve(session, request)
    no_department_scope(r, "花名册")
    sheet = builder(session, r)
    return Report.of(r, kind, title, [sheet])

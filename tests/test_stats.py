"""Statistics figures (db/stats/figures.py) against hand-built cases, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.states import Source
from db.cases.workflow import apply
from db.engine import Database
from db.errors import ValidationError
from db.models import Category, Community, Department, Grid, MajorCategory
from db.stats import figures as stats
from db.stats import flows, open_cases, periods
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_A2, GRID_B1, GRID_B2

TZ = ZoneInfo("Asia/Shanghai")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """An aware time in March 2026, Beijing time."""
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ)


@dataclass
class Scene:
    db: Database
    numbers: dict[str, str]
    now: datetime

    def ids(self, model: type, **by: str) -> int:
        with self.db.read() as s:
            return int(s.scalars(select(model.id).filter_by(**by)).one())  # type: ignore[attr-defined]

    def period(self, **scope: int | None) -> periods.StatsFilter:
        start, end = periods.day_span(date(2026, 3, 9), date(2026, 3, 11), TZ)
        return periods.StatsFilter(start, end, **scope)


def _report(db: Database, grid: str, category: str, at: datetime, source: Source) -> str:
    return report_case(
        db, grid_code=grid, category_code=category, description="测试", source=source, now=at
    )


def _walk(db: Database, number: str, *steps: tuple[str, datetime]) -> None:
    for action, at in steps:
        apply(db, number, action, now=at)


@pytest.fixture
def scene(street: Database) -> Scene:
    return build_scene(street)


def build_scene(street: Database) -> Scene:
    """Five cases around the local midnight of 9/10 March 2026 (UTC midnight is 08:00 local).

    c1 patrol, 施工扰民 (4 h natural): reported 9 Mar 23:50, closed on time 10 Mar 00:40 local
       (still 9 Mar in UTC) — the local-midnight boundary.
    c2 hotline, 井盖缺失: reported 10 Mar 00:05 local (9 Mar UTC), never registered: overdue.
    c3 grid upload, 燃气泄漏 (2 h): dispatched 09:05, feedback 12:00 (late), closed 12:10.
    c4 patrol, 施工扰民: dispatched 10 Mar 10:05, handle due 14:05, still open: overdue.
    c5 grid upload, 行道树倒伏 (4 h): dispatched 11 Mar 11:02, due 15:02, warning from 14:14.
    "Now" is 11 Mar 14:30 local.
    """
    db = street
    n: dict[str, str] = {}
    n["c1"] = _report(db, GRID_A1, "0301", local(9, 23, 50), Source.PATROL)
    _walk(
        db,
        n["c1"],
        ("register", local(9, 23, 52)),
        ("dispatch", local(9, 23, 55)),
        ("accept", local(9, 23, 58)),
        ("feedback", local(10, 0, 30)),
        ("verify", local(10, 0, 40)),
    )
    n["c2"] = _report(db, GRID_A2, "5101", local(10, 0, 5), Source.HOTLINE)
    n["c3"] = _report(db, GRID_B1, "0401", local(10, 9, 0), Source.GRID_UPLOAD)
    _walk(
        db,
        n["c3"],
        ("register", local(10, 9, 2)),
        ("dispatch", local(10, 9, 5)),
        ("accept", local(10, 9, 10)),
        ("feedback", local(10, 12, 0)),
        ("verify", local(10, 12, 10)),
    )
    n["c4"] = _report(db, GRID_B2, "0301", local(10, 10, 0), Source.PATROL)
    _walk(
        db,
        n["c4"],
        ("register", local(10, 10, 2)),
        ("dispatch", local(10, 10, 5)),
        ("accept", local(10, 10, 30)),
    )
    n["c5"] = _report(db, GRID_B1, "5401", local(11, 11, 0), Source.GRID_UPLOAD)
    _walk(db, n["c5"], ("register", local(11, 11, 1)), ("dispatch", local(11, 11, 2)))
    return Scene(db, n, local(11, 14, 30))


def test_daily_flow_groups_by_local_day_not_utc_day(scene: Scene) -> None:
    with scene.db.read() as s:
        flow = flows.daily_flow(s, scene.period(), TZ)
    assert [(d.day, d.received, d.closed) for d in flow] == [
        (date(2026, 3, 9), 1, 0),  # c1 only: c2 is 9 Mar in UTC but 10 Mar here
        (date(2026, 3, 10), 3, 2),  # c1 closed 00:40 local counts on the 10th
        (date(2026, 3, 11), 1, 0),
    ]


def test_daily_flow_respects_community_and_category(scene: Scene) -> None:
    b = scene.ids(Community, code=COMMUNITY_B)
    building = scene.ids(MajorCategory, code="03")
    with scene.db.read() as s:
        flow_b = flows.daily_flow(s, scene.period(community_id=b), TZ)
        flow_03 = flows.daily_flow(s, scene.period(major_id=building), TZ)
    assert [d.received for d in flow_b] == [0, 2, 1]
    assert [d.closed for d in flow_b] == [0, 1, 0]
    assert [d.received for d in flow_03] == [1, 1, 0]
    assert [d.closed for d in flow_03] == [0, 1, 0]


def test_period_edges_are_local_midnights(scene: Scene) -> None:
    start, end = periods.day_span(date(2026, 3, 10), date(2026, 3, 10), TZ)
    assert start.isoformat() == "2026-03-09T16:00:00+00:00"
    with scene.db.read() as s:
        flow = flows.daily_flow(s, periods.StatsFilter(start, end), TZ)
    assert [(d.day, d.received, d.closed) for d in flow] == [(date(2026, 3, 10), 3, 2)]


def test_open_cases_by_major_and_minor(scene: Scene) -> None:
    dept = scene.ids(Department, name="城管执法中队")
    with scene.db.read() as s:
        majors = open_cases.open_by_major(s, scene.period())
        minors = open_cases.open_by_category(s, scene.period())
        majors_dept = open_cases.open_by_major(s, scene.period(department_id=dept))
    assert sorted((b.label, b.count) for b in majors) == [
        ("公用设施", 1),
        ("园林绿化", 1),
        ("施工管理", 1),
    ]
    assert sorted((b.label, b.count, b.parent_label) for b in minors) == [
        ("井盖缺失", 1, "公用设施"),
        ("施工扰民", 1, "施工管理"),
        ("行道树倒伏", 1, "园林绿化"),
    ]
    assert [(b.label, b.count) for b in majors_dept] == [("施工管理", 1)]
    assert majors_dept[0].id == scene.ids(MajorCategory, code="03")


def test_department_on_time_ranking(scene: Scene) -> None:
    with scene.db.read() as s:
        ranking = flows.department_on_time(s, scene.period(), scene.now)
    got = [(r.name, r.due, r.on_time, r.closed, r.pending, r.rate) for r in ranking]
    # 应结案 as db/stats/indices.py counts it: 城管 closed c1 on time, c4's handling deadline
    # (10 March) passed unfinished; 燃气公司 closed c3 late (0 %); c5 (园林绿化所) is due on
    # 11 March 15:02, after `now`: not due yet in this running period.
    assert got == [
        ("城管执法中队", 2, 1, 1, 1, 0.5),
        ("燃气公司", 1, 0, 1, 0, 0.0),
    ]
    # A finished period counts what was pending at its end, even if closed since.
    start, end = periods.day_span(date(2026, 3, 10), date(2026, 3, 10), TZ)
    _walk(scene.db, scene.numbers["c4"], ("feedback", local(11, 9, 0)), ("verify", local(11, 9, 5)))
    with scene.db.read() as s:
        tenth = flows.department_on_time(s, periods.StatsFilter(start, end), scene.now)
    assert [(r.name, r.due, r.on_time, r.pending) for r in tenth] == [
        ("城管执法中队", 2, 1, 1),
        ("燃气公司", 1, 0, 0),
    ]


def test_overdue_and_warning_by_community(scene: Scene) -> None:
    with scene.db.read() as s:
        alerts = open_cases.alerts_by_community(s, scene.period(), scene.now)
        before_warning = open_cases.alerts_by_community(s, scene.period(), local(11, 14, 0))
    assert [(a.name, a.overdue, a.warning) for a in alerts] == [
        ("锦峪社区", 1, 0),  # c2 was never registered
        ("新明社区", 1, 1),  # c4 overdue, c5 past 80 % of its 4 hours
    ]
    assert [(a.name, a.overdue, a.warning) for a in before_warning] == [
        ("锦峪社区", 1, 0),
        ("新明社区", 1, 0),
    ]


def test_sources_and_proactive_share(scene: Scene) -> None:
    a = scene.ids(Community, code=COMMUNITY_A)
    with scene.db.read() as s:
        mix = flows.by_source(s, scene.period())
        mix_a = flows.by_source(s, scene.period(community_id=a))
    assert {c.label: c.count for c in mix.sources} == {
        "网格上传": 2,
        "巡查发现": 2,
        "热线转办": 1,
        "来访": 0,
        "上级交办": 0,
        "来电": 0,
    }
    assert (mix.total, mix.patrol, mix.proactive_share) == (5, 2, 0.4)
    assert (mix_a.total, mix_a.patrol, mix_a.proactive_share) == (2, 1, 0.5)


def test_handling_time_trend(scene: Scene) -> None:
    with scene.db.read() as s:
        daily = flows.handling_trend(s, scene.period(), TZ)
        monthly = flows.handling_trend(s, scene.period(), TZ, periods.Bucket.MONTH)
    # From dispatch to closure (as the returns count it): c1 45 min, c3 185 min → 115 min on
    # average, both closed on 10 March local.
    assert [(p.start, p.cases) for p in daily] == [(date(2026, 3, 10), 2)]
    assert daily[0].hours == pytest.approx(115 / 60, abs=1e-6)
    assert [(p.start, p.cases) for p in monthly] == [(date(2026, 3, 1), 2)]


def test_grid_density(scene: Scene) -> None:
    with scene.db.read() as s:
        grids = open_cases.grid_density(s, scene.period(), scene.now)
    assert [(g.code, g.open, g.overdue) for g in grids] == [
        (GRID_A2, 1, 1),  # 1 per 1,600 households
        (GRID_B1, 1, 0),  # 1 per 2,200
        (GRID_B2, 1, 1),  # 1 per 2,400
        (GRID_A1, 0, 0),
    ]
    assert grids[0].per_thousand == pytest.approx(0.625)
    assert grids[0].grid_id == scene.ids(Grid, code=GRID_A2)


def test_key_numbers_of_a_day(scene: Scene) -> None:
    start, end = periods.day_span(date(2026, 3, 10), date(2026, 3, 10), TZ)
    with scene.db.read() as s:
        tenth = flows.key_numbers(s, periods.StatsFilter(start, end), scene.now)
        today = flows.key_numbers(s, stats.today_filter(scene.period(), scene.now, TZ), scene.now)
    # 10 March: c2, c3, c4 received; c3, c4 dispatched (c1's dispatch was 9 March 23:55);
    # c1, c3 closed; due = those 2 + c4, whose handling deadline was that day; on time: c1.
    assert (tenth.received, tenth.dispatched, tenth.closed, tenth.overdue) == (3, 2, 2, 2)
    assert (tenth.on_time, tenth.due) == (1, 3)
    assert tenth.on_time_rate == pytest.approx(1 / 3)
    # 11 March: c5 received and dispatched, due at 15:02 (after now) and not closed yet.
    assert (today.received, today.dispatched, today.closed, today.overdue) == (1, 1, 0, 2)
    assert (today.due, today.on_time_rate) == (
        0,
        None,
    )  # c5 not due before 15:02; nothing closed: —


def test_collect_returns_every_piece(scene: Scene) -> None:
    snap = stats.collect(scene.db, scene.period(), TZ, scene.now)
    assert snap.bucket is periods.Bucket.DAY
    assert sum(d.received for d in snap.flow) == 5
    assert snap.sources.total == 5
    assert snap.today.received == 1
    assert len(snap.grids) == 4
    with scene.db.read() as s:
        cats = s.scalars(select(Category.id)).all()
    choices = stats.filter_choices(scene.db)
    assert [c.label for c in choices.communities] == ["锦峪社区", "新明社区"]
    assert len(choices.categories) == len(cats)
    # 市容环境 exists as an event and as a part class; the labels keep them apart.
    assert "市容环境（事件）" in [m.label for m in choices.majors]


def test_period_helpers() -> None:
    assert periods.period_days("month", date(2026, 2, 10)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert periods.period_days("year", date(2026, 2, 10)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert periods.period_days("today", date(2026, 2, 10)) == (date(2026, 2, 10),) * 2
    with pytest.raises(ValidationError):
        periods.period_days("custom", date(2026, 2, 10))
    with pytest.raises(ValidationError, match="早于"):
        periods.day_span(date(2026, 2, 10), date(2026, 2, 9), TZ)
    start, end = periods.day_span(date(2026, 1, 1), date(2026, 12, 31), TZ)
    f = periods.StatsFilter(start, end)
    assert len(periods.days_of(f, TZ)) == 365
    assert periods.bucket_for(f, TZ) is periods.Bucket.MONTH
    with pytest.raises(ValidationError):
        periods.StatsFilter(end, start)
    with pytest.raises(ValidationError):
        periods.StatsFilter(datetime(2026, 1, 1), datetime(2026, 1, 2))
    assert periods.fixed_offset_minutes(TZ) == 480
    with pytest.raises(ValidationError, match="夏令时"):
        periods.fixed_offset_minutes(ZoneInfo("Europe/Berlin"))
    assert end - start == timedelta(days=365)


def test_period_scans_read_only_the_covering_indexes(scene: Scene) -> None:
    """On SQLite the two period scans never touch the table (a year of 1M cases stays fast)."""
    if not scene.db.is_sqlite:
        pytest.skip("the plan check is SQLite's EXPLAIN QUERY PLAN")

    def plan_of(stmt: Any) -> str:
        compiled = stmt.compile(scene.db.engine, compile_kwargs={"literal_binds": True})
        with scene.db.engine.connect() as conn:
            return " ".join(
                str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            )

    building = scene.ids(MajorCategory, code="03")
    b = scene.ids(Community, code=COMMUNITY_B)
    for f in (scene.period(), scene.period(community_id=b, major_id=building)):
        for stmt, index in (
            (flows.received_statement(f, "sqlite", TZ), "ix_cases_reported_stats"),
            (flows.closure_statement(f, "sqlite", TZ), "ix_cases_closed_stats"),
            (open_cases.open_statement(f, scene.now), "ix_cases_open_stats"),
            (flows.pending_open_statement(f, by_department=True), "ix_cases_open_stats"),
            (flows.pending_open_statement(f), "ix_cases_open_stats"),
            # 应结未结 at a finished period's end: the cases closed after it
            (flows.pending_closed_statement(f, by_department=True), "ix_cases_closed_stats"),
            (flows.pending_closed_statement(f), "ix_cases_closed_stats"),
        ):
            plan = plan_of(stmt)
            assert f"COVERING INDEX {index}" in plan, plan


def test_refresh_after_a_change_rereads_only_the_days_that_can_change(scene: Scene) -> None:
    f = scene.period()
    first = stats.collect(scene.db, f, TZ, scene.now)
    # Today (11 March): one more case received, c4 handled and closed.
    _report(scene.db, GRID_A1, "0301", local(11, 14, 32), Source.VISIT)
    _walk(
        scene.db,
        scene.numbers["c4"],
        ("feedback", local(11, 14, 33)),
        ("verify", local(11, 14, 34)),
    )
    later = local(11, 14, 38)
    quick = stats.collect(scene.db, f, TZ, later, previous=first)
    full = stats.collect(scene.db, f, TZ, later)
    assert quick.incremental and not full.incremental
    assert [(d.received, d.closed) for d in quick.flow] == [(1, 0), (3, 2), (2, 1)]
    assert quick.flow == full.flow
    assert quick.sources == full.sources
    assert quick.handling == full.handling
    assert quick.departments == full.departments
    assert quick.majors == full.majors and quick.grids == full.grids

    # A case back-dated into a finished day is not announced as "today": the quick path keeps
    # the finished days; a full read (filter change, or REUSE_FOR later) sees it.
    _report(scene.db, GRID_A1, "0301", local(10, 8, 0), Source.VISIT)
    again = stats.collect(scene.db, f, TZ, local(11, 14, 39), previous=quick)
    assert [d.received for d in again.flow] == [1, 3, 2]
    stale = local(11, 14, 39) + stats.REUSE_FOR + timedelta(minutes=1)
    assert [d.received for d in stats.collect(scene.db, f, TZ, stale, previous=again).flow] == [
        1,
        4,
        2,
    ]
    # A different filter never borrows.
    b = scene.ids(Community, code=COMMUNITY_B)
    other = stats.collect(scene.db, scene.period(community_id=b), TZ, later, previous=full)
    assert not other.incremental

"""db/stats/indices.py against an independent recomputation over hand-built cases, on both databases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import Category, Community, Department
from db.stats.indices import Scope, category_counts, compute_indices, daily_counts
from tests.report_cases import (
    AS_OF,
    COUNT_FIELDS,
    OCT_END,
    OCT_START,
    TZ,
    build_scenario,
    expected_indices,
)
from tests.street import COMMUNITY_A, COMMUNITY_B


@pytest.fixture
def cases(street: Database) -> Database:
    build_scenario(street)
    return street


def _compare(db: Database, group: str, scope: Scope | None = None) -> None:
    scope = scope or Scope()
    with db.read() as s:
        got = compute_indices(s, OCT_START, OCT_END, group, scope, AS_OF)
    want = expected_indices(
        db, OCT_START, OCT_END, group, AS_OF, scope.community_id, scope.department_id
    )
    assert set(got) == set(want), group
    for key, expected in want.items():
        row = got[key]
        for name in COUNT_FIELDS:
            assert getattr(row, name) == getattr(expected, name), (group, key, name)
        assert row.avg_hours == pytest.approx(expected.avg_hours), (group, key)
        assert row.close_rate == pytest.approx(expected.close_rate)
        assert row.on_time_rate == pytest.approx(expected.on_time_rate)
        assert row.rework_rate == pytest.approx(expected.rework_rate)
        assert row.satisfaction_rate == pytest.approx(expected.satisfaction_rate)


@pytest.mark.parametrize("group", ["street", "community", "grid", "department"])
def test_indices_match_independent_recomputation(cases: Database, group: str) -> None:
    _compare(cases, group)


def test_scoped_indices(cases: Database) -> None:
    with cases.read() as s:
        a = s.scalar(select(Community.id).where(Community.code == COMMUNITY_A))
        dept = s.scalar(select(Department.id).where(Department.name == "环卫所"))
    _compare(cases, "grid", Scope(community_id=a))
    _compare(cases, "community", Scope(department_id=dept))


def test_street_totals_follow_the_definitions(cases: Database) -> None:
    """What a secretary would check by hand on the scenario's October."""
    with cases.read() as s:
        street = compute_indices(s, OCT_START, OCT_END, "street", Scope(), AS_OF)[0]
    # Reported in October: everything but boundary_in, sept_closed and year_ago.
    assert street.reported == 13
    assert street.patrol == 2  # self + patrol_open
    # register events in October: 8 handled cases + patrol_open + boundary_in (1 Oct);
    # not boundary_out (registered 1 Nov) nor sept_closed (September).
    assert street.registered == 10
    assert street.dispatched == 10  # the redispatched case counts once
    # Closed in October: ontime, late, rework, extended, redispatch, sept_closed.
    assert street.closed == 6
    assert street.closed_on_time == 4  # late and sept_closed passed a deadline
    assert street.suspended == 1  # "suspended"; "resumed" was resumed in October
    # Due: the 6 closed + resumed (open, overdue) + boundary_in (due in October)
    # + closed_november (due in October, closed in November); never the suspended,
    # merged, rejected or self-resolved ones; patrol_open is due in November.
    assert street.due == 9
    assert street.overdue == 2 + 3
    assert street.reworked == 1 and street.extended == 1
    assert street.handled == 6  # feedback events in October (rework's twice, not sept_closed)
    assert street.callbacks == 4 and street.contacted == 3
    assert street.satisfied == 1 and street.basic == 1
    assert street.close_rate == pytest.approx(6 / 9)
    assert street.satisfaction_rate == pytest.approx((1 + 0.9) / 4)


def test_period_boundary_is_local_midnight(cases: Database) -> None:
    """boundary_in was reported at 23:30 on 30 September local time (15:30 UTC): September."""
    from reports.period import parse_period

    start, end = parse_period("2026-09").bounds(TZ)
    with cases.read() as s:
        september = compute_indices(s, start, end, "street", Scope(), AS_OF)[0]
    assert september.reported == 2  # boundary_in and sept_closed
    assert september.registered == 1  # sept_closed only; boundary_in was registered 1 October


def test_daily_counts_and_categories(cases: Database) -> None:
    with cases.read() as s:
        days = daily_counts(s, OCT_START, OCT_END, TZ)
        cats = category_counts(s, OCT_START, OCT_END)
        codes = {cid: code for cid, code in s.execute(select(Category.id, Category.code))}
    assert len(days) == 31 and days[0].day == date(2026, 10, 1)
    by_day = {d.day: d for d in days}
    assert by_day[date(2026, 10, 31)].reported == 1  # 23:50 local is still 31 October
    assert by_day[date(2026, 10, 9)].closed == 1  # sept_closed
    assert sum(d.reported for d in days) == 13
    assert sum(d.closed for d in days) == 6
    assert {codes[k]: v for k, v in cats.items()} == {
        "0101": 8,
        "0102": 3,
        "0302": 1,
        "0203": 1,
    }


def test_empty_period_gives_no_rows(street: Database) -> None:
    with street.read() as s:
        assert compute_indices(s, OCT_START, OCT_END, "community") == {}
        b = s.scalar(select(Community.id).where(Community.code == COMMUNITY_B))
        assert compute_indices(s, OCT_START, OCT_END, "grid", Scope(community_id=b)) == {}


@pytest.mark.parametrize("group", ["grid", "department"])
def test_long_periods_give_the_same_figures(cases: Database, group: str) -> None:
    """A year takes the table-scan path on SQLite; the figures must not change."""
    from reports.period import parse_period

    start, end = parse_period("2026").bounds(TZ)
    with cases.read() as s:
        got = compute_indices(s, start, end, group, Scope(), AS_OF)
    want = expected_indices(cases, start, end, group, AS_OF)
    assert set(got) == set(want)
    for key, expected in want.items():
        for name in COUNT_FIELDS:
            assert getattr(got[key], name) == getattr(expected, name), (key, name)
        assert got[key].avg_hours == pytest.approx(expected.avg_hours)

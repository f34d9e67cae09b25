"""A district database (区级: several streets on one server): the street filter narrows the
queue, the statistics and the returns to the street's communities — from the roll-ups and
from the raw rows alike — the street roll-up holds each street's sums, and migration 0021
upgrades a database from 0019 keeping every figure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, select, text, update

from db.cases import queue as q
from db.cases import workflow
from db.cases.intake import report_case
from db.cases.states import Action, Group
from db.cases.workflow import Request
from db.engine import Database
from db.errors import ValidationError
from db.models import Case, Community, StatsDailyStreet, StatsSuspendEvents, Street
from db.stats import flows, indices
from db.stats.periods import StatsFilter, day_span
from db.stats.rollups import build
from reports.period import parse_period
from reports.registry import build_report
from reports.request import ReportRequest
from tests.report_cases import AS_OF
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_B1, STREET
from tests.test_rollups import TZ, _round, raw_only

START = datetime(2026, 10, 5, 1, 0, tzinfo=UTC)
OTHER_STREET = "210504003"  # 新明社区 moved here: the second street of the district


def _two_streets(db: Database) -> tuple[int, int, int, int]:
    """Move 新明社区 to a second street; (street 1, street 2, 锦峪社区, 新明社区) ids, roll-ups
    rebuilt."""
    with db.write() as s:
        first = s.scalar(select(Street).where(Street.code == STREET))
        assert first is not None
        second = Street(code=OTHER_STREET, name="威宁街道", district_id=first.district_id)
        s.add(second)
        s.flush()
        a = s.scalar(select(Community.id).where(Community.code == COMMUNITY_A))
        b = s.scalar(select(Community.id).where(Community.code == COMMUNITY_B))
        assert a is not None and b is not None
        s.execute(update(Community).where(Community.id == b).values(street_id=second.id))
        build.rebuild(s, now=AS_OF)
        return first.id, second.id, a, b


@pytest.fixture
def district(cases: Database) -> tuple[Database, tuple[int, int, int, int]]:
    return cases, _two_streets(cases)


PERIODS = {
    "october": day_span(date(2026, 10, 1), date(2026, 10, 31), TZ),
    "year": day_span(date(2026, 1, 1), date(2026, 12, 31), TZ),
}


def _stats(db: Database, **narrowing: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with db.read() as s:
        for name, (start, end) in PERIODS.items():
            f = StatsFilter(start, end, **narrowing)
            out[name + "/received"] = flows.received_cells(s, f, TZ)
            out[name + "/closures"] = sorted(
                flows.closure_cells(s, f, TZ), key=lambda c: (c.day, c.department_id or 0)
            )
            out[name + "/departments"] = flows.department_on_time(s, f, AS_OF)
            out[name + "/key"] = flows.key_numbers(s, f, AS_OF)
    return _round(out)


def _indices(db: Database, scope: indices.Scope) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with db.read() as s:
        for name, (start, end) in PERIODS.items():
            for group in indices.GROUPS:
                out[f"{name}/{group}"] = indices.compute_indices(
                    s, start, end, group, scope, as_of=AS_OF
                )
            out[f"{name}/daily"] = indices.daily_counts(s, start, end, TZ, scope)
            out[f"{name}/categories"] = indices.category_counts(s, start, end, scope)
    return _round(out)


def _queue(db: Database, f: q.QueueFilter) -> list[int]:
    with db.read() as s:
        return list(q.ids(s, f, q.QueueSort(), AS_OF))


def test_street_narrows_like_its_communities(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    db, (street_1, street_2, community_a, community_b) = district
    for street, community in ((street_1, community_a), (street_2, community_b)):
        by_street = _stats(db, street_id=street)
        assert by_street == _stats(db, community_id=community)
        with raw_only():
            assert _stats(db, street_id=street) == by_street
        scoped = _indices(db, indices.Scope(street_id=street))
        assert scoped == _indices(db, indices.Scope(community_id=community))
        with raw_only():
            assert _indices(db, indices.Scope(street_id=street)) == scoped
    # The two streets split the district's cases: each has some, none has the other's.
    for tab in (None, Group.IN_PROGRESS, Group.DONE):
        every = set(_queue(db, q.QueueFilter(group=tab)))
        one = _queue(db, q.QueueFilter(group=tab, street_id=street_1))
        two = _queue(db, q.QueueFilter(group=tab, street_id=street_2))
        assert one == _queue(db, q.QueueFilter(group=tab, community_id=community_a))
        assert two == _queue(db, q.QueueFilter(group=tab, community_id=community_b))
        assert not set(one) & set(two) and set(one) | set(two) == every
    assert _queue(db, q.QueueFilter(group=None, street_id=street_1))
    assert _queue(db, q.QueueFilter(group=None, street_id=street_2))


def _sheet_rows(report: Any, sheet: int) -> list[dict[str, Any]]:
    return [dict(r.values) for r in report.sheets[sheet].rows]


def test_a_streets_monthly_return_holds_its_communities_only(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    db, _ids = district
    for period in ("2026-10", "2026"):
        whole = build_report(db, "monthly-cases", ReportRequest(parse_period(period), as_of=AS_OF))
        second = build_report(
            db,
            "monthly-cases",
            ReportRequest(parse_period(period), as_of=AS_OF, street=OTHER_STREET),
        )
        assert "威宁街道" in second.unit
        rows = _sheet_rows(second, 0)
        assert [r["name"] for r in rows] == ["新明社区"]
        assert rows == [r for r in _sheet_rows(whole, 0) if r["name"] == "新明社区"]
        assert {r["community"] for r in _sheet_rows(second, 1)} == {"新明社区"}
        community = build_report(
            db,
            "monthly-cases",
            ReportRequest(parse_period(period), as_of=AS_OF, community=COMMUNITY_B),
        )
        assert _sheet_rows(second, 2) == _sheet_rows(community, 2)  # day by day


def test_a_community_of_another_street_is_refused(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    db, _ids = district
    request = ReportRequest(
        parse_period("2026-10"), as_of=AS_OF, street=OTHER_STREET, community=COMMUNITY_A
    )
    with pytest.raises(ValidationError, match="不属于街道"):
        build_report(db, "monthly-cases", request)


def _street_rows(db: Database) -> dict[tuple[Any, ...], list[float]]:
    with db.read() as s:
        level = build.LEVELS[0]
        assert level.table is StatsDailyStreet
        first = s.scalar(select(StatsDailyStreet.day).order_by(StatsDailyStreet.day))
        last = s.scalar(select(StatsDailyStreet.day).order_by(StatsDailyStreet.day.desc()))
        assert first is not None and last is not None
        return build.stored_rows(s, [(first, last)], level)


def test_the_street_rollup_holds_each_streets_sums(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    db, (street_1, street_2, _a, _b) = district
    stored = _street_rows(db)
    assert {k[1] for k in stored} == {street_1, street_2}
    with db.read() as s:
        report = build.verify(s)
    assert report.differences == []
    # A tampered street row is named by `rollup verify`.
    with db.write() as s:
        s.execute(
            update(StatsDailyStreet)
            .where(StatsDailyStreet.street_id == street_2)
            .values(reported=StatsDailyStreet.reported + 1)
        )
    with db.read() as s:
        found = build.verify(s).differences
    assert found and {d.table for d in found} == {"stats_daily_street"}
    assert {d.key[1] for d in found} == {street_2}


def test_upgrade_from_0019_keeps_the_figures(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    """A database at 0019 (street roll-up without the street) upgraded to 0021: the street rows
    summed from the grid rows, every figure as before, `rollup verify` clean."""
    from alembic import command

    from db.migrate import alembic_config

    db, (street_1, _street_2, _a, _b) = district
    before = {
        "whole": _indices(db, indices.Scope()),
        "street": _stats(db, street_id=street_1),
        "rows": _street_rows(db),
    }
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
        columns = {c["name"] for c in inspect(conn).get_columns("stats_daily_street")}
        assert "street_id" not in columns
        assert conn.scalar(text("SELECT count(*) FROM stats_daily_street"))
        command.upgrade(cfg, "head")
    assert _street_rows(db) == before["rows"]
    assert _indices(db, indices.Scope()) == before["whole"]
    assert _stats(db, street_id=street_1) == before["street"]
    with db.read() as s:
        assert build.verify(s).differences == []
        state = build.read_state(s)
    assert state is not None and state.through is not None  # no rebuild needed


def test_a_streets_suspended_and_dispatched_cases_come_from_its_own_rows(
    district: tuple[Database, tuple[int, int, int, int]],
) -> None:
    """A street's 挂账 at the period's end and its 派遣 (a case dispatched on two days counts
    once) are narrowed in the per-case roll-ups by each case's own grid and community — the
    same before a catch-up (the changed case from its events), after it and from the raw
    rows — and `rollup verify` names a 挂账 row whose grid is wrong."""
    db, (street_1, street_2, _a, _b) = district
    number = report_case(
        db, grid_code=GRID_B1, category_code="0101", description="两次派遣后挂账", now=START
    )
    steps = [
        (1, Action.REGISTER, "住建办"),
        (1, Action.DISPATCH, "住建办"),
        (2, Action.RETURN, None),
        (3, Action.DISPATCH, "城管执法中队"),
        (4, Action.SUSPEND, None),
    ]
    for day, action, department in steps:
        workflow.apply(
            db,
            number,
            action,
            Request(department=department, reason="等待产权人"),
            now=START + timedelta(days=day),
        )
    start, end = PERIODS["october"]

    def street_figures() -> dict[int, Any]:
        with db.read() as s:
            return {
                street: _round(
                    {
                        group: indices.compute_indices(
                            s, start, end, group, indices.Scope(street_id=street), as_of=AS_OF
                        )
                        for group in indices.GROUPS
                    }
                )
                for street in (street_1, street_2)
            }

    with raw_only():
        raw = street_figures()
    assert sum(ix["suspended"] for ix in raw[street_2]["grid"].values()) == 1
    assert sum(ix["dispatched"] for ix in raw[street_2]["street"].values()) >= 1
    assert street_figures() == raw  # the case changed since the catch-up: from its events
    with db.write() as s:
        build.catch_up(s, now=AS_OF)
    assert street_figures() == raw  # from the roll-ups
    with db.read() as s:
        assert build.verify(s, dirty_ok=False).differences == []
        case_id = s.scalar(select(Case.id).where(Case.number == number))
    with db.write() as s:
        s.execute(
            update(StatsSuspendEvents)
            .where(StatsSuspendEvents.case_id == case_id)
            .values(grid_id=StatsSuspendEvents.grid_id + 1000)
        )
    with db.read() as s:
        differences = build.verify(s).differences
    assert {d.table for d in differences} == {"stats_suspend_events"}
    assert any("多出" in d.describe() and f"案件 {case_id}" in d.describe() for d in differences)

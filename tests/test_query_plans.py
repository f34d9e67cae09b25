"""SQLite plans without statistics: a scoped period's rows are picked by its time range.

GridDesk never runs ANALYZE, and SQLite without statistics prefers an index on an equality
(`department_id = ?`, `community_id = ?`) to one on a range (`closed_at >= ?`): a month of one
department's figures read every case the department ever had (0.5 s on the 1,000,000-case demo
street; `python -m bench.plans` measures them all). These check the plans of what a department
head, a scoped return and the statistics page narrowed to a community run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, select

from db.cases.inbox import department_figures
from db.demo.accounts import demo_department_actor
from db.demo.street import build_demo
from db.engine import Database
from db.models import Community, Department
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM
from db.stats.figures import collect
from db.stats.indices import Scope, compute_indices
from db.stats.periods import StatsFilter
from db.stats.rollups.maintenance import rebuild_rollups
from reports.case_details import build as case_details
from reports.period import period_containing
from reports.request import ReportRequest

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
SCOPE_INDEXES = (
    "ix_cases_department_inbox",
    "ix_cases_department_group",
    "ix_cases_community_group",
)
# A statement reading cases (or their history) in a time range.
RANGED = re.compile(r"(cases\.(closed_at|reported_at|callback_at)|case_events\.at) >= ")


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def ranged_plans(db: Database, run: Callable[[], object]) -> list[str]:
    """The plans of the statements `run` makes that read a time range of cases."""
    with statements(db) as seen:
        run()
    plans = []
    raw = db.engine.raw_connection()
    try:
        for sql, params in seen:
            if RANGED.search(sql):
                rows = raw.cursor().execute("EXPLAIN QUERY PLAN " + sql, params or ()).fetchall()
                plans.append(sql + "\n" + " | ".join(str(r[-1]) for r in rows))
    finally:
        raw.close()
    return plans


def test_a_scoped_period_is_read_by_its_time_range(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's planner; PostgreSQL's has statistics")
    build_demo(db, cases=400, now=NOW)
    rebuild_rollups(db, SYSTEM, now=NOW)
    with db.read() as s:
        tz = load_settings(s).tz
        head = demo_department_actor(s, "zhaomin")
        department = s.scalar(select(Department.id).where(Department.name == "城管执法中队"))
        community = s.scalar(select(Community.id).order_by(Community.id))
    assert head is not None and department is not None and community is not None
    month = period_containing(NOW.astimezone(tz).date(), "month")
    start, end = month.bounds(tz)

    def read(fn: Callable[[Any], object]) -> Callable[[], object]:
        def run() -> object:
            with db.read() as s:
                return fn(s)

        return run

    checked = 0
    for run in (
        read(lambda s: department_figures(s, head, NOW)),
        read(
            lambda s: compute_indices(s, start, end, "street", Scope(department_id=department), NOW)
        ),
        read(lambda s: compute_indices(s, start, end, "grid", Scope(community_id=community), NOW)),
        read(lambda s: case_details(s, ReportRequest(month, department="城管执法中队", as_of=NOW))),
        lambda: collect(db, StatsFilter(start, end, community_id=community), tz, NOW),
    ):
        for plan in ranged_plans(db, run):
            checked += 1
            assert not any(index in plan.split("\n")[-1] for index in SCOPE_INDEXES), plan
    assert checked >= 5

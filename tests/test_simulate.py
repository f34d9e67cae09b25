"""The live simulator: grid uploads at a rate, each its own transaction, ended by time or stop."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from db.cases.states import Source, Status
from db.demo.simulate import MAX_RATE_PER_MIN, simulate
from db.demo.street import build_demo
from db.engine import Database
from db.errors import ValidationError
from db.models import Case, CaseEvent, Grid, GridAssignment, Person
from db.reference.settings_store import load_settings


def _check_cases(db: Database, numbers: list[str]) -> None:
    with db.read() as s:
        tz = load_settings(s).tz
        cases = s.scalars(select(Case).where(Case.number.in_(numbers))).all()
        assert sorted(c.number for c in cases) == sorted(numbers)
        for case in cases:
            assert re.fullmatch(r"\d{13}", case.number)
            assert case.number[:8] == case.reported_at.astimezone(tz).strftime("%Y%m%d")
            assert case.status == Status.REPORTED.value and case.is_open
            assert case.source == Source.GRID_UPLOAD.value
            assert case.description and "{" not in case.description and case.address
            assert case.due_at is not None and case.due_at > case.reported_at
            events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
            assert [(e.action, e.to_status) for e in events] == [("report", "reported")]
    for day in {n[:8] for n in numbers}:  # consecutive numbers within each local day
        seqs = sorted(int(n[8:]) for n in numbers if n[:8] == day)
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_simulate_reports_cases_at_a_high_rate(street: Database) -> None:
    seen: list[str] = []
    count = simulate(street, rate_per_min=2400, duration=0.6, seed=3, on_case=seen.append)
    assert count == len(seen) >= 3
    _check_cases(street, seen)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == count


def test_stop_event_ends_the_run(street: Database) -> None:
    stop = threading.Event()
    seen: list[str] = []

    def on_case(number: str) -> None:
        seen.append(number)
        if len(seen) == 4:
            stop.set()

    assert simulate(street, rate_per_min=6000, stop=stop, on_case=on_case, seed=1) == 4
    _check_cases(street, seen)


def test_stop_event_interrupts_the_wait(street: Database) -> None:
    """A run waiting for a far-off arrival (one per 1000 minutes) ends as soon as stop is set."""
    stop = threading.Event()
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(simulate(street, rate_per_min=0.001, stop=stop, seed=2))
    )
    worker.start()
    stop.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert result == [0]


def test_simulated_uploads_come_from_the_grid_workers(db: Database) -> None:
    build_demo(db, cases=0, now=datetime(2026, 11, 26, 8, tzinfo=UTC))
    seen: list[str] = []
    simulate(db, rate_per_min=3000, duration=0.5, seed=4, on_case=seen.append)
    assert seen
    with db.read() as s:
        for number in seen:
            case = s.scalars(select(Case).where(Case.number == number)).one()
            workers = s.execute(
                select(Person.name, Person.phone)
                .join(GridAssignment, GridAssignment.person_id == Person.id)
                .where(
                    GridAssignment.grid_id == case.grid_id,
                    GridAssignment.role == "worker",
                    GridAssignment.end_date.is_(None),
                )
            ).all()
            if workers:
                assert (case.reporter_name, case.reporter_phone) in [tuple(w) for w in workers]
            grid = s.get(Grid, case.grid_id)
            assert grid is not None and grid.code.startswith("210504002")


class _SlowClock:
    """The run's clock with a database that needs a whole second per report: the clock moves on
    by one second each time a report is written (no real waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def reported(self, number: str) -> None:
        self.now += 1.0


def test_duration_ends_the_run_when_the_database_cannot_keep_up(
    street: Database,
) -> None:
    """100 reports a second for 5 seconds, each taking a second: the run ends after about 5
    reports, when the 5 seconds are over, not after the 500 the schedule asked for."""
    clock = _SlowClock()
    seen: list[str] = []

    def on_case(number: str) -> None:
        seen.append(number)
        clock.reported(number)

    count = simulate(
        street, rate_per_min=MAX_RATE_PER_MIN, duration=5, seed=7, on_case=on_case, clock=clock
    )
    assert count == len(seen)
    assert 1 <= count <= 6
    assert clock.now - 1000.0 <= 6.0
    _check_cases(street, seen)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == count


def test_highest_rate_for_a_short_duration_ends_on_time(street: Database) -> None:
    started = time.monotonic()
    count = simulate(street, rate_per_min=MAX_RATE_PER_MIN, duration=1.0, seed=8)
    elapsed = time.monotonic() - started
    assert count >= 1
    assert elapsed < 5.0  # the duration is 1 s; the report being written when it ends finishes


@pytest.mark.parametrize("rate", [0, -1, float("nan"), MAX_RATE_PER_MIN * 2, 1e12])
def test_bad_rate_is_refused(street: Database, rate: float) -> None:
    with pytest.raises(ValidationError, match="速率"):
        simulate(street, rate_per_min=rate, duration=1)


@pytest.mark.parametrize("duration", [-1, float("inf"), float("nan"), 1e12])
def test_bad_duration_is_refused(street: Database, duration: float) -> None:
    with pytest.raises(ValidationError, match="持续时间"):
        simulate(street, rate_per_min=60, duration=duration)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_no_grids_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="没有网格"):
        simulate(db, rate_per_min=60, duration=1)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0

"""The workflow service on both databases: stage deadlines on the working-time calendar, the
warning share, overdue marking, suspension keeping the remaining time, and two writers racing
to dispatch the same case through separate connections."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.cases.intake import report_case
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import IllegalTransition, StaleCase, ValidationError
from db.models import Base, Case, CaseEvent
from tests.street import GRID_A1, GRID_B2

SH = ZoneInfo("Asia/Shanghai")
GARBAGE = "0101"  # 暴露垃圾: dispatch 30 min, handle 4 working hours, verify 1 h, working time
GAS_LEAK = "0401"  # 燃气泄漏: urgent, natural time, dispatch 10 min, handle 2 h

# Tables a case action may write; `snapshot` compares them before and after a refusal.
CASE_TABLES = ("cases", "case_events", "case_changes", "attachments", "case_number_counters")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the case tables, in primary-key order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for name in CASE_TABLES:
            table = Base.metadata.tables[name]
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(row) for row in rows]
    return out


def report_at(db: Database, when: datetime, category: str = GARBAGE, grid: str = GRID_A1) -> str:
    return report_case(db, grid_code=grid, category_code=category, description="测试案件", now=when)


def load(db: Database, number: str) -> Case:
    with db.read() as session:
        case = session.scalars(select(Case).where(Case.number == number)).one()
        session.expunge(case)
        return case


def events(db: Database, number: str) -> list[CaseEvent]:
    with db.read() as session:
        rows = session.scalars(
            select(CaseEvent)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.number == number)
            .order_by(CaseEvent.id)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def dispatched_at(db: Database, when: datetime, category: str = GARBAGE) -> str:
    """A case reported, registered and dispatched to its default department at `when`."""
    number = report_at(db, when, category)
    apply(db, number, Action.REGISTER, now=when)
    apply(db, number, Action.DISPATCH, now=when)
    return number


# --- deadlines ----------------------------------------------------------------------------------


def test_report_starts_the_dispatch_clock_in_working_time(street: Database) -> None:
    # Friday 17:10: 20 working minutes left today, the other 10 on Monday morning.
    number = report_at(street, local(2026, 11, 27, 17, 10))
    case = load(street, number)
    assert case.number.startswith("20261127")
    assert case.due_at == local(2026, 11, 30, 8, 40)
    assert case.dispatch_due == case.due_at
    assert case.warn_at == local(2026, 11, 30, 8, 34)  # 80 % of 30 minutes = 24 minutes


def test_handle_deadline_skips_the_weekend(street: Database) -> None:
    number = dispatched_at(street, local(2026, 11, 27, 16, 0))  # Friday
    case = load(street, number)
    # 90 minutes on Friday, the remaining 150 from Monday 08:30.
    assert case.handle_due == local(2026, 11, 30, 11, 0)
    assert case.due_at == case.handle_due


def test_handle_deadline_skips_the_national_day_holiday(street: Database) -> None:
    number = dispatched_at(street, local(2026, 9, 30, 16, 0))  # the eve of 国庆节
    assert load(street, number).handle_due == local(2026, 10, 8, 11, 0)


def test_handle_deadline_counts_a_makeup_saturday(street: Database) -> None:
    number = dispatched_at(street, local(2026, 10, 9, 16, 0))  # Friday; Saturday 10-10 调休上班
    assert load(street, number).handle_due == local(2026, 10, 10, 11, 0)


def test_urgent_category_counts_natural_time(street: Database) -> None:
    when = local(2026, 11, 28, 3, 0)  # Saturday, 3 a.m.
    number = report_at(street, when, GAS_LEAK, GRID_B2)
    case = load(street, number)
    assert case.urgent is True
    assert case.due_at == local(2026, 11, 28, 3, 10)
    apply(street, number, Action.REGISTER, now=local(2026, 11, 28, 3, 4))
    apply(street, number, Action.DISPATCH, now=local(2026, 11, 28, 3, 5))
    case = load(street, number)
    assert case.handle_due == local(2026, 11, 28, 5, 5)
    assert case.warn_at == local(2026, 11, 28, 4, 41)  # 96 of 120 minutes
    assert case.ever_overdue is False


def test_warning_at_eighty_percent_of_the_working_time(street: Database) -> None:
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))  # Monday
    case = load(street, number)
    assert case.due_at == local(2026, 11, 23, 14, 0)
    # 192 of 240 working minutes: 180 before lunch, 12 after it.
    assert case.warn_at == local(2026, 11, 23, 13, 12)


def test_late_dispatch_marks_the_case_overdue(street: Database) -> None:
    number = report_at(street, local(2026, 11, 23, 9, 0))
    apply(street, number, Action.REGISTER, now=local(2026, 11, 23, 9, 10))
    assert load(street, number).ever_overdue is False
    apply(street, number, Action.DISPATCH, now=local(2026, 11, 23, 10, 0))  # due 09:30
    assert load(street, number).ever_overdue is True
    dispatch = events(street, number)[-1]
    assert dispatch.action == Action.DISPATCH.value
    assert dispatch.details is not None
    assert dispatch.details["overdue_minutes"] == 30


def test_late_feedback_marks_the_case_overdue(street: Database) -> None:
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))  # handle due 14:00
    apply(street, number, Action.ACCEPT, now=local(2026, 11, 23, 9, 30))
    apply(street, number, Action.FEEDBACK, now=local(2026, 11, 23, 13, 59))
    assert load(street, number).ever_overdue is False
    late = dispatched_at(street, local(2026, 11, 23, 9, 0))
    apply(street, late, Action.ACCEPT, now=local(2026, 11, 23, 9, 30))
    apply(street, late, Action.FEEDBACK, now=local(2026, 11, 24, 9, 0))
    assert load(street, late).ever_overdue is True


def test_suspension_stops_the_clock_and_keeps_the_remaining_time(street: Database) -> None:
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))  # due Monday 14:00
    apply(street, number, Action.ACCEPT, now=local(2026, 11, 23, 9, 30))
    apply(street, number, Action.SUSPEND, Request(reason="待拆迁"), now=local(2026, 11, 23, 10, 0))
    case = load(street, number)
    assert case.status == Status.SUSPENDED
    assert case.due_at is None and case.warn_at is None
    assert case.remaining_minutes == 180
    # A week later the clock runs on with the same 180 working minutes.
    apply(street, number, Action.RESUME, now=local(2026, 11, 30, 9, 0))
    case = load(street, number)
    assert case.status == Status.ACCEPTED
    assert case.due_at == local(2026, 11, 30, 12, 0)
    assert case.ever_overdue is False


def test_extension_moves_the_deadline_and_its_warning(street: Database) -> None:
    number = dispatched_at(street, local(2026, 11, 23, 9, 0))
    until = local(2026, 11, 27, 17, 30)
    apply(
        street,
        number,
        Action.EXTEND,
        Request(reason="需协调产权单位", until=until),
        now=local(2026, 11, 23, 10, 0),
    )
    case = load(street, number)
    assert case.due_at == until and case.handle_due == until
    assert case.extension_count == 1
    # Monday 09:00 to Friday 17:30 is 5 × 480 - 30 = 2370 working minutes; 80 % is 1896.
    assert case.warn_at == local(2026, 11, 27, 8, 36)
    with pytest.raises(ValidationError):
        apply(
            street,
            number,
            Action.EXTEND,
            Request(reason="再延", until=local(2026, 11, 26, 17, 30)),
            now=local(2026, 11, 23, 11, 0),
        )


# --- two writers, one case ----------------------------------------------------------------------


@pytest.fixture
def second_db(db_url: str) -> Iterator[tuple[Database, Database]]:
    """Two independent engines on the same database: two workstations."""
    first, second = Database(db_url), Database(db_url)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()


def test_concurrent_dispatch_has_exactly_one_winner(
    street: Database, second_db: tuple[Database, Database]
) -> None:
    rounds = 20
    numbers = []
    for _ in range(rounds):
        number = report_case(
            street, grid_code=GRID_A1, category_code=GARBAGE, description="同时派遣"
        )
        apply(street, number, Action.REGISTER)
        numbers.append(number)
    departments = ("城管执法中队", "环卫所")
    workstations = second_db
    for db in workstations:  # open the connections before the race
        with db.read() as session:
            session.execute(select(1))
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[list[object]] = [[], []]

    def desk(index: int) -> None:
        for number in numbers:
            barrier.wait()
            try:
                result = apply(
                    workstations[index],
                    number,
                    Action.DISPATCH,
                    Request(department=departments[index]),
                )
                outcomes[index].append(result.department)
            except (StaleCase, IllegalTransition) as exc:
                outcomes[index].append(exc)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    for i, number in enumerate(numbers):
        first, second = outcomes[0][i], outcomes[1][i]
        winners = [o for o in (first, second) if isinstance(o, str)]
        losers = [o for o in (first, second) if isinstance(o, StaleCase | IllegalTransition)]
        assert len(winners) == 1 and len(losers) == 1, (number, first, second)
        loser = losers[0]
        assert isinstance(loser, StaleCase | IllegalTransition)
        assert loser.number == number
        assert number in str(loser) and "派遣" in str(loser)
        with street.read() as session:
            case = session.scalars(select(Case).where(Case.number == number)).one()
            assert case.status == Status.DISPATCHED
            assert case.version == 3  # reported 1, registered 2, dispatched 3
            assert case.department is not None and case.department.name == winners[0]
            dispatches = session.scalar(
                select(func.count())
                .select_from(CaseEvent)
                .where(CaseEvent.case_id == case.id, CaseEvent.action == Action.DISPATCH.value)
            )
            assert dispatches == 1

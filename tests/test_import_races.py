"""Two imports of the same file at the same moment: both check the file against the database
before either writes (the race), then both write. Work orders: exactly one import creates the
cases, the other writes nothing and says so in one sentence. Rosters: the second import finds
the people the first added and leaves them as they are, without an error."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db.cases.work_orders import CaseImportResult, apply_case_import, plan_case_import
from db.engine import Database
from db.errors import ConcurrentImport
from db.models import Case, CaseEvent, CommunityWorker, ImportedWorkOrder, Person
from db.people.roster_import import ImportResult, apply_import, plan_import
from db.people.roster_kinds import Kind
from db.security.actors import SYSTEM
from tests.street import GRID_A1, GRID_B2
from tests.test_case_import import _sheet
from tests.test_roster_import import CLERK, build_sheet, pid

ROUNDS = 20


def _race(plan: Callable[[], Any], apply: Callable[[Any], Any]) -> list[Any]:
    """Run plan() in two threads, wait until both have planned, then apply() in both; the
    result or the exception of each."""
    barrier = threading.Barrier(2)
    outcomes: list[Any] = [None, None]

    def run(i: int) -> None:
        try:
            planned = plan()
        except BaseException as exc:
            barrier.abort()
            outcomes[i] = exc
            return
        barrier.wait()
        try:
            outcomes[i] = apply(planned)
        except BaseException as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_same_work_orders_imported_twice_at_once(street: Database, tmp_path: Path) -> None:
    for n in range(ROUNDS):
        path = _sheet(
            tmp_path / f"工单{n}.xlsx",
            [
                [f"R{n}-1", GRID_A1, "0101", f"第 {n} 轮 垃圾堆放", "", "", "", ""],
                [f"R{n}-2", int(GRID_B2), "0101", f"第 {n} 轮 垃圾桶满溢", "", "", "", ""],
            ],
        )
        outcomes = _race(
            lambda path=path: plan_case_import(street, path),
            lambda plan: apply_case_import(street, plan, SYSTEM),
        )
        won = [o for o in outcomes if isinstance(o, CaseImportResult)]
        lost = [o for o in outcomes if isinstance(o, ConcurrentImport)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        assert len(won[0].numbers) == 2
        assert str(lost[0]) == (
            f"第 3 行的工单编号 R{n}-1 刚被同时进行的另一次导入写入，"
            "本次导入未写入任何案件：请重新导入，已导入过的工单会跳过"
        )
        again = plan_case_import(street, path)
        assert again.rows == [] and sorted(number for _, number in again.already) == sorted(
            won[0].numbers
        )
    with street.read() as s:
        notes = s.scalars(
            select(CaseEvent.note).where(CaseEvent.note.like("工单编号 %")).order_by(CaseEvent.id)
        ).all()
        cases = s.scalar(select(func.count(Case.id)))
        orders = s.scalar(select(func.count()).select_from(ImportedWorkOrder))
    expected = [f"工单编号 R{n}-{i}" for n in range(ROUNDS) for i in (1, 2)]
    assert sorted(notes) == sorted(expected)
    assert cases == orders == 2 * ROUNDS


def test_same_roster_imported_twice_at_once(street: Database, tmp_path: Path) -> None:
    for n in range(ROUNDS):
        rows: list[list[object]] = [
            [f"甲{n}", pid(100 + 2 * n), 13812345678, "锦峪社区", 1, 1, "2015-07-01", "委员", ""],
            [f"乙{n}", pid(101 + 2 * n), 13912345678, "新明社区", 1, 1, "2016-03-12", "委员", ""],
        ]
        path = build_sheet(tmp_path / f"名册{n}.xlsx", rows)
        outcomes = _race(
            lambda path=path: plan_import(street, path, Kind.COMMUNITY_WORKER),
            lambda plan: apply_import(street, plan, CLERK),
        )
        assert all(isinstance(o, ImportResult) for o in outcomes), outcomes
        counts = sorted((o.created, o.updated, o.unchanged) for o in outcomes)
        assert counts == [(0, 0, 2), (2, 0, 0)]
    with street.read() as s:
        people = s.scalars(select(Person.id_number)).all()
        workers = s.scalar(select(func.count(CommunityWorker.id)))
    assert sorted(people) == sorted(pid(100 + i) for i in range(2 * ROUNDS))
    assert workers == 2 * ROUNDS

"""The desk queue's SQL layer: filters, sort orders, counts, list rows, board and preview."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.cases import queue as q
from db.cases.intake import report_case
from db.cases.states import Action, Group, Source
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case, Category, Community, Department, Grid
from db.reference import pinyin
from db.stats.department_load import department_board, open_load_statement
from tests.street import COMMUNITY_A, GRID_A1, GRID_A2, GRID_B1

# Wednesday 2026-11-18 09:00 in Shenyang (a working day), in UTC.
T0 = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 10:00 local, same month


def report(db: Database, grid: str, category: str, at: datetime, **kw: object) -> str:
    return report_case(
        db,
        grid_code=grid,
        category_code=category,
        description=kw.pop("description", f"{category} 问题"),
        now=at,
        **kw,
    )


def plan_of(conn: Any, stmt: Any) -> str:
    """SQLite's EXPLAIN QUERY PLAN of `stmt`, its steps joined by " | "."""
    compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
    return " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))


def act(db: Database, number: str, action: Action, at: datetime, **kw: object) -> None:
    if action is Action.DISPATCH:  # 立案 first, a moment before
        apply(db, number, Action.REGISTER, now=at - timedelta(seconds=30))
    apply(db, number, action, Request(**kw), now=at)  # type: ignore[arg-type]


def ids_of(db: Database, numbers: list[str]) -> list[int]:
    with db.read() as s:
        found = dict(s.execute(select(Case.number, Case.id).where(Case.number.in_(numbers))).all())
    return [found[n] for n in numbers]


DEFAULT_SORT = q.QueueSort()


def numbers(db: Database, f: q.QueueFilter, sort: q.QueueSort = DEFAULT_SORT) -> list[str]:
    with db.read() as s:
        got = q.ids(s, f, sort, NOW)
        assert q.count(s, f, NOW) == len(got)
        return [r.number for r in q.rows(s, list(got))]


def lookup_id(s: Session, model: type, **where: object) -> int:
    stmt = select(model.id).filter_by(**where)  # type: ignore[attr-defined]
    return int(s.scalar(stmt))


@pytest.fixture
def queue(street: Database) -> dict[str, str]:
    """Seven cases in different states, places, categories and urgencies."""
    db = street
    c: dict[str, str] = {}
    c["new"] = report(db, GRID_A1, "0101", T0, address="明山路12号", source=Source.PATROL)
    c["registered"] = report(db, GRID_A2, "0102", T0 + timedelta(minutes=1))
    act(db, c["registered"], Action.REGISTER, T0 + timedelta(minutes=2))
    c["dispatched"] = report(db, GRID_B1, "0101", T0 + timedelta(minutes=3))
    act(db, c["dispatched"], Action.DISPATCH, T0 + timedelta(minutes=4))
    c["urgent"] = report(db, GRID_A1, "0401", T0 + timedelta(minutes=5))  # 燃气泄漏, urgent
    act(db, c["urgent"], Action.DISPATCH, T0 + timedelta(minutes=6))
    c["late_start"] = report(db, GRID_A1, "0107", NOW - timedelta(hours=1))  # 5 working days
    act(db, c["late_start"], Action.DISPATCH, NOW - timedelta(minutes=50))
    c["feedback"] = report(db, GRID_B1, "0101", T0 + timedelta(minutes=7), description="井盖松动")
    act(db, c["feedback"], Action.DISPATCH, T0 + timedelta(minutes=8))
    act(db, c["feedback"], Action.ACCEPT, T0 + timedelta(minutes=9))
    act(db, c["feedback"], Action.FEEDBACK, T0 + timedelta(minutes=30))
    c["closed"] = report(db, GRID_A2, "0101", T0 + timedelta(minutes=10))
    act(db, c["closed"], Action.REJECT, T0 + timedelta(minutes=11), reason="重复上报")
    return c


def test_group_filter_and_counts(street: Database, queue: dict[str, str]) -> None:
    in_progress = numbers(street, q.QueueFilter(group=Group.IN_PROGRESS))
    assert set(in_progress) == {queue["dispatched"], queue["urgent"], queue["late_start"]}
    assert numbers(street, q.QueueFilter(group=Group.TO_REGISTER)) == [queue["new"]]
    assert numbers(street, q.QueueFilter(group=Group.TO_DISPATCH)) == [queue["registered"]]
    assert numbers(street, q.QueueFilter(group=Group.TO_VERIFY)) == [queue["feedback"]]
    assert numbers(street, q.QueueFilter(group=Group.DONE)) == [queue["closed"]]
    assert len(numbers(street, q.QueueFilter(group=None))) == 7
    with street.read() as s:
        counts = q.group_counts(s, q.QueueFilter(group=Group.DONE), NOW)
        assert counts == {
            Group.TO_REGISTER: 1,
            Group.TO_DISPATCH: 1,
            Group.IN_PROGRESS: 3,
            Group.TO_VERIFY: 1,
            q.SUSPENDED_TAB: 0,
        }
        community = lookup_id(s, Community, code=COMMUNITY_A)
        counts = q.group_counts(s, q.QueueFilter(community_id=community), NOW)
        assert counts[Group.IN_PROGRESS] == 2 and counts[Group.TO_VERIFY] == 0


def test_place_category_department_source_filters(street: Database, queue: dict[str, str]) -> None:
    every = q.QueueFilter(group=None)
    with street.read() as s:
        community = lookup_id(s, Community, code=COMMUNITY_A)
        grid = lookup_id(s, Grid, code=GRID_A2)
        category = lookup_id(s, Category, code="0101")
        major = int(s.scalar(select(Category.major_id).where(Category.code == "0401")))
        sanitation = lookup_id(s, Department, name="环卫所")
    by = lambda **kw: set(numbers(street, q.QueueFilter(group=None, **kw)))  # noqa: E731
    assert by(community_id=community) == {
        queue["new"],
        queue["registered"],
        queue["urgent"],
        queue["late_start"],
        queue["closed"],
    }
    assert by(grid_id=grid) == {queue["registered"], queue["closed"]}
    assert by(category_id=category) == {
        queue["new"],
        queue["dispatched"],
        queue["feedback"],
        queue["closed"],
    }
    assert by(major_id=major) == {queue["urgent"]}
    assert by(department_id=sanitation) == {queue["dispatched"], queue["feedback"]}
    assert by(source=Source.PATROL.value) == {queue["new"]}
    assert by(urgent=True) == {queue["urgent"]}
    assert len(numbers(street, every)) == 7


def test_text_search_on_number_address_description(street: Database, queue: dict[str, str]) -> None:
    by = lambda t: set(numbers(street, q.QueueFilter(group=None, text=t)))  # noqa: E731
    assert by("明山路") == {queue["new"]}
    assert by("井盖") == {queue["feedback"]}
    assert by(queue["urgent"][-5:]) == {queue["urgent"]}
    assert by("100%") == set()  # LIKE wildcards are matched literally


def test_a_whole_case_number_finds_that_case_by_its_index(
    street: Database, queue: dict[str, str]
) -> None:
    """A caller reads out a case number: in 全部 it finds that case and no other, read from the
    number's unique index (not a search through every case's text, which on a year's cases
    took a second); a 13-digit text that is no case number is searched for as text."""
    every = q.QueueFilter(group=None)
    wanted = queue["closed"]
    assert numbers(street, replace(every, text=f" {wanted} ")) == [wanted]
    assert numbers(street, replace(every, text=f"{wanted[:8]}99999")) == []
    assert not q.is_whole_case_number("2026139900001")  # month 13: no case number
    assert not q.is_whole_case_number(f"{wanted[:8]}00000")
    assert not q.is_whole_case_number("２０２６１１２６００００１")  # full-width digits
    assert q.is_whole_case_number(wanted)
    with street.read() as s:
        counts = q.group_counts(s, replace(every, text=queue["dispatched"]), NOW)
        assert counts[Group.IN_PROGRESS] == 1 and sum(counts.values()) == 1, counts
        if street.is_sqlite:
            conn = s.connection()
            for stmt in q.queue_statements(replace(every, text=wanted), q.QueueSort(), NOW):
                plan = plan_of(conn, stmt.limit(60))
                assert "(number=?)" in plan, plan


def test_alert_only_selects_warning_and_overdue(street: Database, queue: dict[str, str]) -> None:
    # At NOW every old case is far past its deadline; the one dispatched 50 minutes ago is not.
    alert = set(numbers(street, q.QueueFilter(group=Group.IN_PROGRESS, alert_only=True)))
    assert alert == {queue["dispatched"], queue["urgent"]}
    alert_all = set(numbers(street, q.QueueFilter(group=None, alert_only=True)))
    assert queue["closed"] not in alert_all and queue["late_start"] not in alert_all


def test_sort_orders(street: Database, queue: dict[str, str]) -> None:
    f = q.QueueFilter(group=Group.IN_PROGRESS)
    urgency = numbers(street, f, q.QueueSort(q.SortKey.URGENCY))
    assert urgency[0] == queue["urgent"]  # 紧急 first
    assert urgency == [queue["urgent"], queue["dispatched"], queue["late_start"]]
    assert numbers(street, f, q.QueueSort(q.SortKey.URGENCY, descending=True)) == list(
        reversed(urgency)
    )
    left = numbers(street, f, q.QueueSort(q.SortKey.TIME_LEFT))
    assert left == [queue["urgent"], queue["dispatched"], queue["late_start"]]
    newest = numbers(street, f, q.QueueSort(q.SortKey.REPORTED, descending=True))
    assert newest == [queue["late_start"], queue["urgent"], queue["dispatched"]]
    by_number = numbers(street, q.QueueFilter(group=None), q.QueueSort(q.SortKey.NUMBER))
    assert by_number == sorted(by_number)
    for key in q.SortKey:
        for descending in (False, True):
            got = numbers(street, q.QueueFilter(group=None), q.QueueSort(key, descending))
            assert sorted(got) == sorted(queue.values()), key


def test_page_is_the_head_of_ids(street: Database, queue: dict[str, str]) -> None:
    f = q.QueueFilter(group=None)
    for key in (q.SortKey.URGENCY, q.SortKey.REPORTED):
        sort = q.QueueSort(key)
        with street.read() as s:
            every = list(q.ids(s, f, sort, NOW))
            head = q.page(s, f, sort, NOW, 3)
        assert [r.id for r in head] == every[:3]


def test_rows_are_formatted_in_the_order_asked(street: Database, queue: dict[str, str]) -> None:
    wanted = ids_of(street, [queue["urgent"], queue["new"]])
    with street.read() as s:
        got = q.rows(s, [*wanted, 999_999], now=NOW)
        next_year = q.rows(s, wanted[:1], now=NOW + timedelta(days=365))
    assert [r.number for r in got] == [queue["urgent"], queue["new"]]
    urgent, new = got
    assert urgent.urgent and urgent.status_label == "待受理" and urgent.department == "燃气公司"
    assert urgent.category == "燃气泄漏" and urgent.place == "锦峪/第01网格"
    assert urgent.reported == "11-18 09:05"  # local time
    assert next_year[0].reported == "2026-11-18"  # an older year's case shows its year
    assert urgent.due == (T0 + timedelta(minutes=6, hours=2)).timestamp()  # natural 2 h
    assert new.department == "" and not new.urgent and new.status_label == "待立案"


def test_department_board_counts(street: Database, queue: dict[str, str]) -> None:
    db = street
    # Two cases for 环卫所 closed this month: one handled in time, one late.
    on_time = report(db, GRID_A1, "0101", T0)
    act(db, on_time, Action.DISPATCH, T0 + timedelta(minutes=1))
    act(db, on_time, Action.ACCEPT, T0 + timedelta(minutes=2))
    act(db, on_time, Action.FEEDBACK, T0 + timedelta(hours=1))
    act(db, on_time, Action.VERIFY, T0 + timedelta(hours=2))
    late = report(db, GRID_A1, "0101", T0)
    act(db, late, Action.DISPATCH, T0 + timedelta(minutes=1))
    act(db, late, Action.ACCEPT, T0 + timedelta(minutes=2))
    act(db, late, Action.FEEDBACK, T0 + timedelta(days=2))
    act(db, late, Action.VERIFY, T0 + timedelta(days=2, hours=1))
    # One closed last month does not count.
    old = report(db, GRID_A1, "0101", T0 - timedelta(days=30))
    act(db, old, Action.DISPATCH, T0 - timedelta(days=30))
    act(db, old, Action.ACCEPT, T0 - timedelta(days=30))
    act(db, old, Action.FEEDBACK, T0 - timedelta(days=29))
    act(db, old, Action.VERIFY, T0 - timedelta(days=29))
    with db.read() as s:
        board = {d.name: d for d in department_board(s, NOW)}
        assert len(board) == int(
            s.scalar(select(text("count(*)")).select_from(Department).where(Department.active))
        )
    sanitation = board["环卫所"]
    # With the department: `dispatched` (overdue); `feedback` waits for the center's 核查 and
    # is not the department's (db/stats/definitions.py).
    assert (sanitation.open, sanitation.overdue, sanitation.warning) == (1, 1, 0)
    # 按期结案率 = 按期 ÷ 应结案: 1 of 2 closed on time; `dispatched` and `feedback` are due this
    # month and not closed: 1 / 4.
    assert (sanitation.closed_month, sanitation.on_time_month, sanitation.due_month) == (2, 1, 4)
    assert sanitation.on_time_rate == pytest.approx(0.25)
    gas = board["燃气公司"]
    assert (gas.open, gas.overdue, gas.closed_month, gas.on_time_rate) == (1, 1, 0, None)
    ecology = board["生态环境分局"]
    assert (ecology.open, ecology.warning, ecology.overdue) == (1, 0, 0)
    # 4 working days later the 5-working-day limit of `late_start` is in its warning share.
    with db.read() as s:
        later = {d.name: d for d in department_board(s, NOW + timedelta(days=6))}
    assert (later["生态环境分局"].warning, later["生态环境分局"].overdue) == (1, 0)


def test_dispatch_preview_matches_the_workflow(street: Database, queue: dict[str, str]) -> None:
    db = street
    urgent = report(db, GRID_A1, "0401", NOW)
    normal = report(db, GRID_A1, "0101", NOW)
    act(db, normal, Action.REGISTER, NOW)
    ids = ids_of(db, [urgent, normal])
    with db.read() as s:
        gas = lookup_id(s, Department, name="燃气公司")
        preview = q.dispatch_preview(s, ids, gas, NOW)
        names = dict(s.execute(select(Department.id, Department.name)).all())
    assert preview.department == "燃气公司"
    assert {names[d] for d in preview.default_departments} == {"燃气公司", "环卫所"}
    assert preview.dispatchable == {ids[1]}  # the reported one must be registered first
    for number, case_id in zip([urgent, normal], ids, strict=True):
        with db.write() as s:  # dispatch now and compare the deadline it gets
            from db.cases.workflow import apply_in

            if number == urgent:
                apply_in(s, number, Action.REGISTER, now=NOW)
            result = apply_in(s, number, Action.DISPATCH, Request(department="燃气公司"), now=NOW)
        assert result.due_at == preview.deadlines[case_id]
    assert preview.earliest == preview.deadlines[ids[0]]


def test_first_page_uses_an_index(street: Database, queue: dict[str, str]) -> None:
    """The first page of 处置中, by urgency, time left or report time, is read along an index,
    never sorted in a temporary B-tree over every open case; the board's counts too."""
    if not street.is_sqlite:
        pytest.skip("query plans are checked on SQLite, the embedded default")
    f = q.QueueFilter(group=Group.IN_PROGRESS)
    with street.read() as s:
        conn = s.connection()
        for key in (q.SortKey.URGENCY, q.SortKey.TIME_LEFT, q.SortKey.REPORTED):
            for stmt in q.queue_statements(f, q.QueueSort(key), NOW):
                plan = plan_of(conn, stmt.limit(100))
                assert "USING" in plan and "INDEX" in plan, (key, plan)
                assert "TEMP B-TREE" not in plan, (key, plan)
        # The board: the cases with their department from the 处置中 tab's index (the month's
        # figures are the statistics page's, tests/test_stats.py).
        plan = plan_of(conn, open_load_statement(NOW))
        assert "SEARCH cases USING INDEX" in plan and "(status_group=?)" in plan, plan


def test_all_tab_by_urgency_is_read_along_an_index(street: Database, queue: dict[str, str]) -> None:
    """全部 in the default order (紧急 first, then time left, no clock last) reads each range from
    ix_cases_urgent_due alone: no scan of every case (the closed ones have no clock) and no sort
    (the desk reads every id again after each live change while the tab is open)."""
    if not street.is_sqlite:
        pytest.skip("query plans are checked on SQLite, the embedded default")
    every = q.QueueFilter(group=None)
    with street.read() as s:
        conn = s.connection()
        for sort in (q.QueueSort(q.SortKey.URGENCY), q.QueueSort(q.SortKey.URGENCY, True)):
            for stmt in q.queue_statements(every, sort, NOW):
                plan = plan_of(conn, stmt)
                assert "COVERING INDEX ix_cases_urgent_due" in plan, plan
                assert "TEMP B-TREE" not in plan, plan
        ordered = numbers(street, every, q.QueueSort(q.SortKey.URGENCY))
    assert sorted(ordered) == sorted(numbers(street, every, q.QueueSort(q.SortKey.NUMBER)))
    assert ordered.index(queue["urgent"]) < ordered.index(queue["dispatched"])
    assert ordered.index(queue["dispatched"]) < ordered.index(queue["closed"])


def test_cases_without_a_clock_sort_last(street: Database, queue: dict[str, str]) -> None:
    """挂账 stops the clock (no deadline): last by time left on both databases."""
    act(street, queue["dispatched"], Action.SUSPEND, NOW, reason="资金未落实")
    f = q.QueueFilter(group=Group.IN_PROGRESS)
    for key in (q.SortKey.TIME_LEFT, q.SortKey.URGENCY):
        ordered = numbers(street, f, q.QueueSort(key))
        assert ordered[-1] == queue["dispatched"], key
        assert numbers(street, f, q.QueueSort(key, descending=True)) == list(reversed(ordered))


def test_urgency_puts_running_clocks_first(street: Database, queue: dict[str, str]) -> None:
    """An urgent case parked in 挂账 does not sit above cases whose clock is running."""
    act(street, queue["urgent"], Action.SUSPEND, NOW, reason="等待燃气公司排查")
    ordered = numbers(street, q.QueueFilter(group=Group.IN_PROGRESS), q.QueueSort())
    assert ordered == [queue["dispatched"], queue["late_start"], queue["urgent"]]


def test_suspended_cases_have_their_own_tab(street: Database, queue: dict[str, str]) -> None:
    """挂账 cases leave the 处置中 tab for their own; the tab counts agree; 全部 has both."""
    act(street, queue["dispatched"], Action.SUSPEND, NOW, reason="资金未落实")
    base = q.QueueFilter()
    suspended = q.tab_filter(base, q.SUSPENDED_TAB)
    handling = q.tab_filter(base, Group.IN_PROGRESS)
    assert q.tab_of(suspended) == q.SUSPENDED_TAB and q.tab_of(handling) == Group.IN_PROGRESS
    assert numbers(street, suspended) == [queue["dispatched"]]
    assert set(numbers(street, handling)) == {queue["urgent"], queue["late_start"]}
    assert queue["dispatched"] in numbers(street, q.tab_filter(base, None))
    with street.read() as s:
        counts = q.group_counts(s, base, NOW)
        assert counts[Group.IN_PROGRESS] == 2 and counts[q.SUSPENDED_TAB] == 1
        row = q.rows(s, ids_of(street, [queue["urgent"]]))[0]
        assert row.urge_count == 0
    act(street, queue["urgent"], Action.URGE, NOW, reason="尽快处理")
    act(street, queue["urgent"], Action.URGE, NOW + timedelta(minutes=1), reason="再催")
    with street.read() as s:
        assert q.rows(s, ids_of(street, [queue["urgent"]]))[0].urge_count == 2


def test_search_by_pinyin_and_names(street: Database, queue: dict[str, str]) -> None:
    """ "jg" finds the 井盖 cases by the pinyin initials of their 小类; the full pinyin and the
    Chinese name of a department find its cases; digits never match by pinyin."""
    manhole = report(street, GRID_B1, "5101", T0 + timedelta(minutes=20))  # 井盖缺失
    with street.read() as s:
        assert s.scalar(select(Category.name).where(Category.code == "5101")) == "井盖缺失"
    every = q.QueueFilter(group=None)
    assert numbers(street, replace(every, text="jg")) == [manhole]
    assert numbers(street, replace(every, text="JingGai")) == [manhole]
    # The Chinese name too, beside the description that says 井盖松动:
    assert set(numbers(street, replace(every, text="井盖"))) == {manhole, queue["feedback"]}
    assert numbers(street, replace(every, text="j")) == []  # one letter: no pinyin match
    garbage = {queue[k] for k in ("new", "dispatched", "feedback", "closed")}  # 0101 暴露垃圾
    assert set(numbers(street, replace(every, text="bllj"))) == garbage
    with street.read() as s:
        gas = s.scalar(select(Department.name).where(Department.name.contains("燃气")))
    assert gas is not None
    gas_cases = numbers(street, replace(every, text="rq"))
    assert queue["urgent"] in gas_cases
    with street.read() as s:
        counts = q.group_counts(s, replace(every, text="bllj"), NOW)
        assert counts[Group.TO_VERIFY] == 1 and counts[Group.TO_DISPATCH] == 0


def test_category_and_department_sort_in_pinyin_order(
    street: Database, queue: dict[str, str]
) -> None:
    every = q.QueueFilter(group=None)
    for key, attr in ((q.SortKey.CATEGORY, "category"), (q.SortKey.DEPARTMENT, "department")):
        for descending in (False, True):
            with street.read() as s:
                got = q.rows(s, list(q.ids(s, every, q.QueueSort(key, descending), NOW)))
            names = [getattr(r, attr) for r in got]
            named = [n for n in names if n]
            expected = sorted(named, key=pinyin.sort_key, reverse=descending)
            assert named == expected, (key, names)
            if key is q.SortKey.DEPARTMENT and not descending:
                assert names[-1] == ""  # cases without a department last
    assert pinyin.sort_key("安全") < pinyin.sort_key("井盖") < pinyin.sort_key("燃气")

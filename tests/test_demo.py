"""The demo street: its content, its determinism, and a replay of its case histories through
the real workflow service that must give exactly the generated rows."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from db.cases.history_chain import verify_history
from db.cases.intake import Photo, report_case, report_in
from db.cases.states import Action, Source, Status
from db.cases.workflow import Request, apply_in
from db.database import open_database
from db.demo.street import build_demo
from db.engine import Database
from db.errors import ValidationError
from db.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseNumberCounter,
    Category,
    Community,
    CommunityWorker,
    Department,
    FirstSecretary,
    Grid,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    SentDownCadre,
    Street,
)
from db.people.id_numbers import validate_id_number
from db.reference.codes import validate_grid_code
from db.security.actors import Actor, Role
from db.stats.rollups.build import rebuild as rebuild_rollups
from db.stats.rollups.build import verify as verify_rollups
from tests.street import GRID_A1, GRID_A2, GRID_B1, GRID_B2, build_street

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 16:00 on a Thursday in 本溪
TZ_DAY = "20261126"


@pytest.fixture
def other_db(
    request: pytest.FixtureRequest, db_url: str, tmp_path: Path, sqlite_template: Path
) -> Iterator[Database]:
    """A second fresh database on the same backend as `db`."""
    if db_url.startswith("sqlite"):
        path = tmp_path / "other.sqlite"
        shutil.copyfile(sqlite_template, path)
        database = open_database(f"sqlite:///{path}")
        try:
            yield database
        finally:
            database.dispose()
        return
    server = request.getfixturevalue("pg_server")
    url = server.fresh()
    database = open_database(url)
    try:
        yield database
    finally:
        database.dispose()
        server.drop(url)


def test_demo_street_content(db: Database) -> None:
    fractions: list[float] = []
    summary = build_demo(db, now=NOW, progress=lambda _stage, f: fractions.append(f))
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert summary.cases == 6000 and summary.communities == 10
    assert 40 <= summary.grids <= 80 and summary.departments >= 25 and summary.people >= 300

    with db.read() as s:
        street = s.scalars(select(Street)).one()
        assert (street.code, street.name, street.district.code) == (
            "210504002",
            "新明街道",
            "210504",
        )
        communities = s.scalars(select(Community).order_by(Community.code)).all()
        assert [c.code for c in communities] == [f"210504002{i:03d}" for i in range(1, 11)]
        assert "锦峪社区" in {c.name for c in communities}
        for community in communities:
            assert 5_000 <= community.population <= 15_000
            assert community.population / 3.2 < community.households < community.population / 2
            grids = community.grids
            assert sum(g.population for g in grids) == community.population
            assert sum(g.households for g in grids) == community.households
            for grid in grids:
                assert validate_grid_code(grid.code, community.code) == grid.code
        lengths = Counter(len(code) for code in s.scalars(select(Grid.code)))
        assert lengths[14] > lengths[15] > 0

        people = s.scalars(select(Person)).all()
        assert len({p.id_number for p in people}) == len(people) >= 300
        for person in people:
            assert person.id_number is not None
            assert validate_id_number(person.id_number, today=NOW.date()) == person.id_number
            assert person.id_number.startswith("2105")
            assert re.fullmatch(r"1[3-9]\d{9}", person.phone), person.phone

        workers = s.scalars(select(CommunityWorker)).all()
        assert {w.community_id for w in workers} == {c.id for c in communities}
        posts = Counter(w.post for w in workers)
        assert set(posts) == {"社区书记", "社区主任", "社区副书记", "社区委员", "社区工作者"}
        for w in workers:
            assert 1 <= w.pay_tier <= 3 and 1 <= w.pay_level <= 38
            assert w.service_start is not None and w.service_start < NOW.date()
        # level follows seniority: the longest-serving have the higher levels
        by_start = sorted(
            (w for w in workers if w.status == "在岗"), key=lambda w: w.service_start or date.min
        )
        old = sum(w.pay_level for w in by_start[:30]) / 30
        young = sum(w.pay_level for w in by_start[-30:]) / 30
        assert old > young + 5
        assert any(w.honours.startswith("两代表一委员") for w in workers)
        assert {"考录公务员", "晋升"} <= {w.career_move for w in workers}
        assert s.scalar(select(func.count()).select_from(PayScale)) == 3 * 38
        pay = {(p.tier, p.level): p.monthly_amount for p in s.scalars(select(PayScale))}
        assert pay[(1, 38)] > pay[(1, 1)] > pay[(3, 1)] > 2000

        assignments = s.scalars(select(GridAssignment)).all()
        current = {(a.grid_id, a.role) for a in assignments if a.end_date is None}
        grid_ids = set(s.scalars(select(Grid.id)))
        vacancies = [
            (g, role) for g in grid_ids for role in ("leader", "worker") if (g, role) not in current
        ]
        assert 2 <= len(vacancies) <= 3
        assert any(a.end_date is not None for a in assignments)

        secretaries = s.scalars(select(FirstSecretary)).all()
        levels = Counter(f.post_level for f in secretaries)
        assert levels["street"] >= 1 and levels["community"] >= 2
        soon = [f for f in secretaries if (f.term_end - NOW.date()).days <= 60]
        assert len(soon) == 2
        studios = {m.studio for m in s.scalars(select(Mentorship))}
        assert len(studios) == 3 and all(name.endswith("书记工作室") for name in studios)
        cadres = s.scalars(select(SentDownCadre)).all()
        assert len({c.batch for c in cadres}) == 3
        assert all(
            c.planned_end >= c.start_date.replace(year=c.start_date.year + 2) for c in cadres
        )
        checkins = s.scalars(select(PartyCheckin)).all()
        assert checkins and all(c.activities and c.service_hours > 0 for c in checkins)

        statuses = Counter(
            dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())
        )
        assert set(statuses) == {status.value for status in Status}
        assert statuses[Status.CLOSED.value] > 0.6 * 6000
        sources = Counter(
            dict(s.execute(select(Case.source, func.count()).group_by(Case.source)).all())
        )
        assert sources.most_common(1)[0][0] == Source.GRID_UPLOAD.value
        assert set(sources) == {source.value for source in Source}
        open_overdue = s.scalar(select(func.count()).where(Case.is_open, Case.due_at < NOW))
        assert open_overdue and open_overdue > 0
        for column in (
            Case.extension_count,
            Case.rework_count,
            Case.return_count,
            Case.urge_count,
        ):
            assert s.scalar(select(func.count()).where(column > 0))
        assert s.scalar(select(func.count()).where(Case.suspended_at.is_not(None)))
        closed = statuses[Status.CLOSED.value]
        called = s.scalar(
            select(func.count()).where(Case.status == "closed", Case.satisfaction.is_not(None))
        )
        assert called is not None and called > 0.7 * closed
        # more cases in recent months; heating complaints in winter only
        recent = s.scalar(select(func.count()).where(Case.reported_at > NOW - timedelta(days=90)))
        early = s.scalar(
            select(func.count()).where(
                Case.reported_at < NOW - timedelta(days=275),
            )
        )
        assert recent is not None and early is not None and recent > early
        heating = s.execute(
            select(Case.reported_at).join(Category).where(Category.code == "0702")
        ).scalars()
        months = Counter(t.month for t in heating)
        assert months and sum(months[m] for m in (11, 12, 1, 2, 3)) > 0.9 * sum(months.values())
        photos = s.scalars(select(Attachment).limit(5)).all()
        assert photos and all(p.data.startswith(b"\x89PNG\r\n\x1a\n") for p in photos)
        descriptions = s.scalars(select(Case.description).limit(200)).all()
        assert not any("{" in text for text in descriptions)


def test_bulk_rows_compare_in_sql_as_the_orm_writes_them(db: Database) -> None:
    """Timestamps written by the bulk path sort and compare in SQL like ORM-written ones."""
    build_demo(db, cases=1500, now=NOW)
    with db.read() as s:
        grid = s.scalars(select(Grid.code).order_by(Grid.code)).first()
    assert grid is not None
    number = report_case(
        db, grid_code=grid, category_code="0101", description="对照", now=NOW - timedelta(days=40)
    )
    with db.read() as s:
        rows = s.execute(select(Case.number, Case.reported_at, Case.due_at, Case.id)).all()
        for moment in (NOW - timedelta(days=40), NOW - timedelta(days=3), NOW):
            in_sql = set(s.scalars(select(Case.number).where(Case.due_at < moment)))
            in_python = {n for n, _, due, _ in rows if due is not None and due < moment}
            assert in_sql == in_python
        ordered = s.scalars(select(Case.number).order_by(Case.reported_at, Case.id)).all()
        assert ordered == [r[0] for r in sorted(rows, key=lambda r: (r[1], r[3]))]
        assert number in ordered
        details = s.scalars(
            select(CaseEvent.details).where(CaseEvent.action == "dispatch").limit(5)
        ).all()
        assert details and all(isinstance(d, dict) and "department" in d for d in details)
        assert s.scalar(select(func.count()).where(Case.is_open.is_(True))) == sum(
            1 for c in s.scalars(select(Case)) if c.is_open
        )


def test_refuses_a_database_that_has_a_street(street: Database) -> None:
    with pytest.raises(ValidationError, match="已有街道"):
        build_demo(street, cases=50, now=NOW)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(Community)) == 2
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_bad_arguments_are_refused_before_anything_is_written(db: Database) -> None:
    with pytest.raises(ValidationError, match="负数"):
        build_demo(db, cases=-1, now=NOW)
    with pytest.raises(ValidationError, match="时区"):
        build_demo(db, cases=10, now=datetime(2026, 11, 26, 8))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Street)) == 0


def _snapshot(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        return list(
            s.execute(
                select(Case.number, Case.status, Case.due_at, Case.version).order_by(Case.number)
            ).all()
        )


def test_same_seed_same_database(db: Database, other_db: Database) -> None:
    build_demo(db, cases=700, now=NOW, seed=7)
    build_demo(other_db, cases=700, now=NOW, seed=7)
    first = _snapshot(db)
    assert len(first) == 700
    assert first == _snapshot(other_db)
    with db.read() as s, other_db.read() as o:
        names = select(Person.name, Person.id_number).order_by(Person.id)
        assert s.execute(names).all() == o.execute(names).all()


def test_next_report_gets_the_next_free_number(db: Database) -> None:
    build_demo(db, cases=2000, now=NOW)
    with db.read() as s:
        today = s.scalar(select(func.count()).where(Case.number.startswith(TZ_DAY)))
        counter = s.scalar(select(CaseNumberCounter.last).where(CaseNumberCounter.day == TZ_DAY))
        grid = s.scalars(select(Grid.code).order_by(Grid.code)).first()
        earlier = s.scalars(select(Case.number).order_by(Case.id.desc()).limit(400)).all()[-1]
    assert today and counter == today
    assert grid is not None
    number = report_case(
        db,
        grid_code=grid,
        category_code="0101",
        description="演示之后新上报的案件",
        now=NOW + timedelta(minutes=5),
    )
    assert number == f"{TZ_DAY}{today + 1:05d}"
    # a report back-dated into an earlier demo day continues that day's sequence too
    day = earlier[:8]
    with db.read() as s:
        on_day = s.scalar(select(func.count()).where(Case.number.startswith(day)))
    at = datetime.strptime(day + "12", "%Y%m%d%H").replace(tzinfo=UTC) - timedelta(hours=8)
    number = report_case(db, grid_code=grid, category_code="0101", description="补录", now=at)
    assert number == f"{day}{(on_day or 0) + 1:05d}"


# -- replay: the generated histories through the real workflow ---------------------------------

CASE_COLUMNS = [
    c.name
    for c in Case.__table__.columns
    if c.name
    not in {"id", "grid_id", "community_id", "category_id", "department_id", "merged_into_id"}
]


def _case_view(s: Any, case: Case) -> dict[str, Any]:
    view = {name: getattr(case, name) for name in CASE_COLUMNS}
    view["category"] = case.category.code
    view["department"] = case.department.name if case.department else None
    view["merged_into"] = (
        s.scalar(select(Case.number).where(Case.id == case.merged_into_id))
        if case.merged_into_id
        else None
    )
    view["photos"] = [
        (a.filename, a.content_type, a.data, a.created_at)
        for a in s.scalars(
            select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
        )
    ]
    events = s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    names = dict(s.execute(select(Department.id, Department.name)).all())
    view["history"] = [
        (
            e.at,
            e.actor,
            e.action,
            e.from_status,
            e.to_status,
            names.get(e.department_id) if e.department_id else None,
            e.note,
            e.details,
        )
        for e in events
    ]
    return view


def _pick_sample(s: Any, rng: random.Random) -> list[Case]:
    cases = s.scalars(select(Case).order_by(Case.id)).all()
    by_status: dict[str, list[Case]] = {}
    for case in cases:
        by_status.setdefault(case.status, []).append(case)
    picked: dict[int, Case] = {}
    for group in by_status.values():
        for case in rng.sample(group, min(len(group), 12)):
            picked[case.id] = case
    features = [
        lambda c: c.extension_count > 0,
        lambda c: c.rework_count > 0,
        lambda c: c.return_count > 0,
        lambda c: c.urge_count > 0,
        lambda c: c.suspended_at is not None,
        lambda c: c.ever_overdue,
        lambda c: c.satisfaction == "unreachable",
        lambda c: c.callback_solved is False,
    ]
    for feature in features:
        matching = [c for c in cases if feature(c)]
        for case in rng.sample(matching, min(len(matching), 8)):
            picked[case.id] = case
    resumed = s.scalars(select(CaseEvent.case_id).where(CaseEvent.action == "resume")).all()
    for case_id in rng.sample(resumed, min(len(resumed), 8)):
        picked[case_id] = s.get(Case, case_id)
    with_photos = s.scalars(select(Attachment.case_id).distinct().limit(5)).all()
    for case_id in with_photos:
        picked[case_id] = s.get(Case, case_id)
    for case in list(picked.values()):  # a merged case needs its original
        if case.merged_into_id:
            picked[case.merged_into_id] = s.get(Case, case.merged_into_id)
    return sorted(picked.values(), key=lambda c: c.id)


def test_replay_through_the_workflow_gives_the_same_rows(db: Database, other_db: Database) -> None:
    build_demo(db, cases=2500, now=NOW, seed=11)
    build_street(other_db)
    street_grids = [GRID_A1, GRID_A2, GRID_B1, GRID_B2]
    rng = random.Random(5)
    with db.read() as s:
        sample = _pick_sample(s, rng)
        expected = {c.number: _case_view(s, c) for c in sample}
        reports = {
            c.number: dict(
                grid_code=street_grids[c.grid_id % 4],
                category_code=c.category.code,
                description=c.description,
                source=Source(c.source),
                urgent=c.urgent,
                address=c.address,
                reporter_name=c.reporter_name,
                reporter_phone=c.reporter_phone,
                longitude=c.longitude,
                latitude=c.latitude,
            )
            for c in sample
        }
        photos = {
            c.number: [
                Photo(a.filename, a.content_type, a.data)
                for a in s.scalars(
                    select(Attachment).where(Attachment.case_id == c.id).order_by(Attachment.id)
                )
            ]
            for c in sample
        }
        events = s.execute(
            select(
                CaseEvent.action,
                CaseEvent.actor,
                CaseEvent.at,
                CaseEvent.department_id,
                CaseEvent.note,
                CaseEvent.details,
                Case.number,
            )
            .join(Case, Case.id == CaseEvent.case_id)
            .where(CaseEvent.case_id.in_([c.id for c in sample]))
            .order_by(CaseEvent.at, CaseEvent.id)
        ).all()
        dept_names = dict(s.execute(select(Department.id, Department.name)).all())
    assert len(sample) > 100
    statuses = {view["status"] for view in expected.values()}
    with db.read() as s:
        present = set(s.scalars(select(Case.status).distinct()))
    assert statuses == present and len(present) >= 7  # every state the build produced

    for event in events:
        number = event.number
        actor = Actor("demo", event.actor, Role.SYSTEM)
        with other_db.write() as s:
            if event.action == Action.REPORT.value:
                day, seq = number[:8], int(number[8:])
                counter = s.get(CaseNumberCounter, day)
                if counter is None:
                    s.add(CaseNumberCounter(day=day, last=seq - 1))
                else:
                    counter.last = seq - 1
                s.flush()
                made = report_in(
                    s,
                    **reports[number],
                    photos=tuple(photos[number]),
                    actor=actor,
                    now=event.at,
                )
                assert made.number == number
                continue
            details = event.details or {}
            request = Request(
                department=dept_names[event.department_id]
                if event.action in ("dispatch", "redispatch")
                else None,
                reason=event.note,
                until=datetime.fromisoformat(details["until"]) if "until" in details else None,
                satisfaction=details.get("satisfaction"),
                into=details.get("into"),
            )
            apply_in(s, number, Action(event.action), request, actor, now=event.at)

    with other_db.read() as s:
        for number, want in expected.items():
            case = s.scalars(select(Case).where(Case.number == number)).one()
            got = _case_view(s, case)
            for key in want:
                assert got[key] == want[key], (number, key, got[key], want[key])


def _all_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read() as s:
        return {
            table: [
                tuple(row) for row in s.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            ]
            for table, order in (
                ("cases", "id"),
                ("case_events", "id"),
                ("attachments", "id"),
                ("case_reporters", "id"),
                ("case_number_counters", "day"),
            )
        }


def test_blocks_in_worker_processes_give_the_same_database(
    db: Database, other_db: Database
) -> None:
    """A build in blocks of days gives the same rows whether the blocks are generated in this
    process or in two worker processes; its histories verify and its roll-ups equal the raw
    queries."""
    build_demo(db, cases=1200, now=NOW, seed=5, block_cases=400, workers=1)
    summary = build_demo(other_db, cases=1200, now=NOW, seed=5, block_cases=400, workers=2)
    assert summary.cases == 1200 and summary.generation_cpu > 0
    rows = _all_rows(db)
    assert len(rows["cases"]) == 1200 and len(rows["case_events"]) > 4 * 1200
    assert rows == _all_rows(other_db)
    numbers = [row[1] for row in rows["cases"]]
    assert len(set(numbers)) == len(numbers)
    with other_db.read() as s:
        assert verify_history(s).ok
        assert s.scalar(select(func.count()).where(Case.status == Status.MERGED.value))
    with other_db.write() as s:
        rebuild_rollups(s, now=NOW)
    with other_db.read() as s:
        report = verify_rollups(s, dirty_ok=False)
    assert report.days > 300 and report.rows > 0 and not report.differences


def test_blocks_sharing_scratch_files_give_the_same_database(
    db: Database, other_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve blocks written to one scratch file each or to a few shared ones (SQLite ATTACHes
    them) give the same rows; the scratch files are detached once the build is over."""
    import db.demo.street as street_module

    build_demo(db, cases=1200, now=NOW, seed=7, block_cases=100, workers=1)
    monkeypatch.setattr(street_module, "SQLITE_SCRATCH_FILES", 3)
    build_demo(other_db, cases=1200, now=NOW, seed=7, block_cases=100, workers=1)
    assert _all_rows(db) == _all_rows(other_db)
    for database in (db, other_db):
        if database.is_sqlite:
            with database.read() as s:
                schemas = {row[1] for row in s.execute(text("PRAGMA database_list"))}
            assert schemas <= {"main", "temp"}


def test_big_build_gives_the_same_database(
    db: Database, other_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build past the big-build size (SQLite: its indexes built after the rows, the file in
    rollback-journal mode meanwhile) gives the rows of a small build; the file is in WAL mode
    again afterwards, with every index, and stays in WAL when another connection has it open."""
    import db.demo.street as street_module

    build_demo(db, cases=600, now=NOW, seed=9, block_cases=200, workers=1)
    monkeypatch.setattr(street_module, "BUILD_INDEXES_AFTER", 500)
    build_demo(other_db, cases=600, now=NOW, seed=9, block_cases=200, workers=1)
    assert _all_rows(db) == _all_rows(other_db)
    if not other_db.is_sqlite:
        return
    listing = text("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    with db.read() as s, other_db.read() as t:
        assert s.execute(listing).all() == t.execute(listing).all()
        assert t.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with other_db.read() as s:  # another connection holds the file open: WAL stays
        s.execute(text("SELECT count(*) FROM cases")).scalar()
        with street_module._rollback_journal(other_db, True), other_db.write() as w:
            assert w.execute(text("PRAGMA journal_mode")).scalar() == "wal"

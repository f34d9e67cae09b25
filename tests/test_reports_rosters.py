"""The six 花名册 and 社区工作者配备情况: who is listed, masking, vacancies, staffing arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    Grid,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    SentDownCadre,
)
from db.security.actors import Actor, Role
from reports.period import parse_period
from reports.registry import build_report, export_report
from reports.request import ReportRequest
from tests.report_cases import INJECTIONS
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_A2, GRID_B2

ID = "210102199001011234"
PHONE = "13812345678"
NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def people(street: Database) -> Database:
    with street.write() as s:
        a = s.scalar(select(Community.id).where(Community.code == COMMUNITY_A))
        b = s.scalar(select(Community.id).where(Community.code == COMMUNITY_B))
        grid = {g.code: g.id for g in s.scalars(select(Grid))}
        counter = iter(range(100))

        def person(name: str, community: int | None = None) -> int:
            n = next(counter)
            p = Person(
                name=name,
                gender="女" if n % 2 else "男",
                id_number=f"2101021990010{n:05d}"[:14] + f"{n:04d}" if n else ID,
                phone=PHONE,
                birth_date=date(1990, 1, 1),
                party_member=True,
                education="本科",
                community_id=community,
                created_at=NOW,
                updated_at=NOW,
            )
            s.add(p)
            s.flush()
            return p.id

        s.add(PayScale(tier=1, level=11, monthly_amount=Decimal("5150.00")))
        s.add(PayScale(tier=2, level=5, monthly_amount=Decimal("4300.50")))
        worker = dict(post="社区主任", pay_tier=1, pay_level=11, service_start=date(2018, 5, 14))
        s.add(CommunityWorker(person_id=person("王金龙", a), community_id=a, **worker))
        s.add(  # left in September: not on the October roster
            CommunityWorker(
                person_id=person("离岗人", a),
                community_id=a,
                status="离岗",
                end_date=date(2026, 9, 15),
                **worker,
            )
        )
        s.add(
            CommunityWorker(
                person_id=person(INJECTIONS[3], b),
                community_id=b,
                post="社区委员",
                pay_tier=2,
                pay_level=5,
                honours=INJECTIONS[0],
            )
        )
        leader = person("网格长甲", a)
        s.add(
            GridAssignment(
                person_id=leader, grid_id=grid[GRID_A1], role="leader", start_date=date(2025, 1, 1)
            )
        )
        s.add(
            GridAssignment(
                person_id=person("网格员乙", a),
                grid_id=grid[GRID_A1],
                role="worker",
                start_date=date(2025, 1, 1),
            )
        )
        s.add(
            GridAssignment(
                person_id=person("网格长丙", a),
                grid_id=grid[GRID_A2],
                role="leader",
                start_date=date(2025, 1, 1),
            )
        )
        s.add(
            GridAssignment(
                person_id=person("网格员丁", b),
                grid_id=grid[GRID_B2],
                role="worker",
                start_date=date(2025, 1, 1),
            )
        )
        s.add(  # left before October: B2 has no leader
            GridAssignment(
                person_id=person("旧网格长", b),
                grid_id=grid[GRID_B2],
                role="leader",
                start_date=date(2024, 1, 1),
                end_date=date(2026, 6, 30),
            )
        )
        s.add(
            FirstSecretary(
                person_id=person("第一书记甲"),
                sending_unit="市发改委",
                post_level="street",
                term_start=date(2025, 3, 1),
                term_end=date(2027, 3, 1),
            )
        )
        s.add(
            FirstSecretary(
                person_id=person("第一书记乙", b),
                sending_unit=INJECTIONS[1],
                post_level="community",
                community_id=b,
                term_start=date(2024, 3, 1),
                term_end=date(2026, 12, 31),
            )
        )
        s.add(
            FirstSecretary(
                person_id=person("期满书记", a),
                sending_unit="市财政局",
                post_level="community",
                community_id=a,
                term_start=date(2022, 1, 1),
                term_end=date(2025, 12, 31),
            )
        )
        s.add(
            Mentorship(
                mentor_id=leader,
                apprentice_id=person("徒弟", b),
                studio="王金龙书记工作室",
                start_date=date(2026, 3, 1),
            )
        )
        s.add(
            SentDownCadre(
                person_id=person("下沉甲", a),
                batch="第一批",
                sending_unit="区住建局",
                community_id=a,
                start_date=date(2025, 9, 1),
                planned_end=date(2027, 9, 1),
            )
        )
        s.add(
            PartyCheckin(
                person_id=person("党员甲", a),
                sending_org="区税务局党支部",
                community_id=a,
                checkin_date=date(2026, 10, 8),
                activities=INJECTIONS[2],
                service_hours=Decimal("3.5"),
            )
        )
        s.add(
            PartyCheckin(
                person_id=person("党员乙", b),
                sending_org="区教育局党委",
                community_id=b,
                checkin_date=date(2026, 4, 1),
                activities="清扫楼道",
                service_hours=Decimal("4.0"),
            )
        )
        s.add(
            PartyCheckin(
                person_id=person("党员丙", b),
                sending_org="区教育局党委",
                community_id=b,
                checkin_date=date(2026, 11, 5),
                service_hours=Decimal("2.0"),
            )
        )
    return street


def _rows(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path, data_only=True).worksheets[0]
    return list(ws.iter_rows(values_only=True))


def _body(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [r for r in rows if isinstance(r[0], int)]


def _export(db: Database, tmp_path: Path, kind: str, **kw: object) -> Path:
    out = tmp_path / f"{kind}.xlsx"
    export_report(db, kind, ReportRequest(parse_period("2026-10"), **kw), out)  # type: ignore[arg-type]
    return out


def test_community_workers_masked_by_default(people: Database, tmp_path: Path) -> None:
    rows = _rows(_export(people, tmp_path, "community-workers"))
    assert rows[0][0] == "社区工作者花名册（2026年10月31日）"
    body = _body(rows)
    assert [r[2] for r in body] == ["王金龙", INJECTIONS[3]]  # 离岗人 left in September
    assert body[0][7] == "210102********1234" and body[0][8] == "138****5678"
    assert ID not in str(rows) and PHONE not in str(rows)
    assert body[0][12] == 5150.0 and body[1][12] == 4300.5
    total = next(r for r in rows if r[0] == "合计")
    assert total[2] == "2人" and total[12] == pytest.approx(9450.5)
    assert body[1][15] == INJECTIONS[0]  # honours stay text


def test_unmasked_needs_permission(people: Database, tmp_path: Path) -> None:
    body = _body(_rows(_export(people, tmp_path, "community-workers", unmasked=True)))
    assert body[0][7] == ID and body[0][8] == PHONE
    leader = Actor("lead", "李领导", Role.LEADER)
    with pytest.raises(PermissionDenied):
        _export(people, tmp_path, "community-workers", unmasked=True, actor=leader)
    # Masked export is fine for the same person.
    rows = _rows(_export(people, tmp_path, "community-workers", actor=leader))
    assert "制表人：李领导" in " ".join(str(v) for v in rows[1] if v)


def test_grid_staff_lists_vacancies(people: Database, tmp_path: Path) -> None:
    rows = _rows(_export(people, tmp_path, "grid-staff"))
    body = _body(rows)
    listed = [(r[2] or "", r[4], r[5]) for r in body]
    # A1 fully staffed, A2 lacks a worker, B1 lacks both, B2 lacks a leader (his term ended).
    vacant = [(code, role) for code, role, name in listed if name == "（空缺）"]
    assert len(vacant) == 4
    assert ("网格长" in {role for _, role in vacant}) and ("网格员" in {role for _, role in vacant})
    names = {name for _, _, name in listed}
    assert {"网格长甲", "网格员乙", "网格长丙", "网格员丁"} <= names and "旧网格长" not in names
    total = next(r for r in rows if r[0] == "合计")
    assert total[4] == "空缺4个" and total[5] == "4人"


def test_other_rosters(people: Database, tmp_path: Path) -> None:
    secretaries = _body(_rows(_export(people, tmp_path, "first-secretaries")))
    assert {r[3] for r in secretaries} == {"第一书记甲", "第一书记乙"}  # 期满书记 ended 2025
    assert INJECTIONS[1] in {r[8] for r in secretaries}
    mentoring = _body(_rows(_export(people, tmp_path, "mentoring")))
    assert [(r[2], r[5]) for r in mentoring] == [("网格长甲", "徒弟")]
    assert mentoring[0][4] == "138****5678"
    cadres = _body(_rows(_export(people, tmp_path, "sent-down-cadres")))
    assert [r[3] for r in cadres] == ["下沉甲"]
    checkins = _rows(_export(people, tmp_path, "party-member-checkins"))
    body = _body(checkins)
    assert [r[2] for r in body] == ["党员甲", "党员乙"]  # 党员丙 checked in in November
    assert INJECTIONS[2] in {r[7] for r in body}
    total = next(r for r in checkins if r[0] == "合计")
    assert total[8] == pytest.approx(7.5)


def test_roster_community_scope_and_no_department_scope(people: Database, tmp_path: Path) -> None:
    body = _body(_rows(_export(people, tmp_path, "community-workers", community=COMMUNITY_B)))
    assert [r[2] for r in body] == [INJECTIONS[3]]
    with pytest.raises(ValidationError, match="不能按部门"):
        build_report(
            people,
            "grid-staff",
            ReportRequest(parse_period("2026-10"), department="环卫所"),
        )


def test_staffing_standard(people: Database, tmp_path: Path) -> None:
    rows = _rows(_export(people, tmp_path, "staffing-standard"))
    body = {r[0]: r for r in rows if r[0] in (COMMUNITY_A, COMMUNITY_B, "合计")}
    # 锦峪: 8200 residents → ⌈14.76⌉ = 15; 3100 households → ⌈15.5⌉ = 16; 1 worker in post.
    assert body[COMMUNITY_A][2:11] == (
        8200,
        3100,
        15,
        16,
        16,
        1,
        15,
        pytest.approx(10000 / 8200),
        "未达标",
    )
    # 新明: 12500 → ⌈22.5⌉ = 23; 4600 → 23; 1 worker.
    assert body[COMMUNITY_B][2:11] == (12500, 4600, 23, 23, 23, 1, 22, pytest.approx(0.8), "未达标")
    assert body["合计"][2:10] == (20700, 7700, 38, 39, 39, 2, 37, pytest.approx(20000 / 20700))
    sheet = load_workbook(tmp_path / "staffing-standard.xlsx").worksheets[0]
    cells = next(r for r in sheet.iter_rows(values_only=True) if r[0] == COMMUNITY_A)
    assert str(cells[4]).startswith("=ROUNDUP(") and str(cells[6]).startswith("=MAX(")


def test_people_who_left_drop_off_later_returns(people: Database, tmp_path: Path) -> None:
    """Retired through the service in mid-October: on October's return (status as it stood at
    the month's end), still 在任 on September's, gone from November's."""
    from db.people.roster_kinds import Kind
    from db.people.rosters import retire_entry
    from db.security.actors import SYSTEM
    from reports.registry import export_report as export

    def names(kind: str, period: str, column: int) -> dict[object, object]:
        out = tmp_path / f"{kind}-{period}.xlsx"
        export(people, kind, ReportRequest(parse_period(period)), out)
        return {r[column]: r[-1] for r in _body(_rows(out))}

    with people.read() as s:
        secretary = s.scalar(
            select(FirstSecretary.id)
            .join(Person, Person.id == FirstSecretary.person_id)
            .where(Person.name == "第一书记甲")
        )
        cadre = s.scalar(
            select(SentDownCadre.id)
            .join(Person, Person.id == SentDownCadre.person_id)
            .where(Person.name == "下沉甲")
        )
        member = s.scalar(
            select(PartyCheckin.id)
            .join(Person, Person.id == PartyCheckin.person_id)
            .where(Person.name == "党员乙")
        )
    left = date(2026, 10, 20)
    with people.write() as s:
        retire_entry(s, Kind.FIRST_SECRETARY, secretary, SYSTEM, end_date=left)
        retire_entry(s, Kind.SENT_DOWN, cadre, SYSTEM, end_date=left)
        retire_entry(s, Kind.PARTY_CHECKIN, member, SYSTEM, end_date=left)
    for kind, column, name, before, after in (
        ("first-secretaries", 3, "第一书记甲", "在任", "离任"),
        ("sent-down-cadres", 3, "下沉甲", "在岗", "已结束"),
        ("party-member-checkins", 2, "党员乙", "已报到", "已转出"),
    ):
        assert names(kind, "2026-09", column).get(name) == before, kind
        assert names(kind, "2026-10", column).get(name) == after, kind
        assert name not in names(kind, "2026-11", column), kind

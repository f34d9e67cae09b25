"""Roster services: create / edit / retire every roster with its history, validation messages,
grid vacancies, first-secretary terms ending soon, the pay table and audited reveals."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import AuditEntry, GridAssignment, Person, RosterEvent
from db.people.id_numbers import make_id_number
from db.people.pay_scale import pay_table, set_pay_amount
from db.people.roster_kinds import Kind, parse_kind
from db.people.roster_lists import (
    RosterQuery,
    entry_form_values,
    expiring_secretaries,
    grid_vacancies,
    history,
    list_entries,
)
from db.people.rosters import create_entry, retire_entry, reveal, update_entry
from db.security.actors import SYSTEM, Actor, Role
from db.sheets.cells import parse_date
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_A2, GRID_B1, GRID_B2

CLERK = Actor("wangli", "王丽", Role.SECRETARY)
LEADER = Actor("boss", "李主任", Role.LEADER)


def pid(n: int, born: date = date(1985, 3, 12)) -> str:
    return make_id_number("210504", born, n)


def person(n: int, name: str = "张三", phone: str = "13812345678") -> dict[str, object]:
    return {"name": name, "id_number": pid(n), "phone": phone, "party_member": "中共党员"}


# One valid entry per roster, an edit to apply, and what the edit shows in the list.
CASES: dict[Kind, tuple[dict[str, object], dict[str, object], str]] = {
    Kind.COMMUNITY_WORKER: (
        person(1)
        | {
            "community": "锦峪社区",
            "post": "社区书记",
            "pay_tier": "2",
            "pay_level": "12级",
            "service_start": "2015.07",
            "terms_served": 2,
            "honours": "区人大代表",
        },
        {"pay_level": 13, "career_move": "考录公务员"},
        "考录公务员",
    ),
    Kind.GRID_STAFF: (
        person(2) | {"grid": GRID_A1, "role": "网格长", "start_date": "2023-3-1"},
        {"phone": "13900001111"},
        "139****1111",
    ),
    Kind.FIRST_SECRETARY: (
        person(3)
        | {
            "sending_unit": "本溪市财政局",
            "post_level": "社区",
            "community": COMMUNITY_B,
            "term_start": "2024年3月1日",
            "term_end": "2027-02-28",
        },
        {"sending_unit": "本溪市税务局"},
        "本溪市税务局",
    ),
    Kind.MENTORSHIP: (
        person(4, "李学员")
        | {
            "mentor_name": "赵导师",
            "mentor_id_number": pid(5, date(1970, 1, 1)),
            "studio": "赵红社区书记工作室",
            "start_date": "2024-01-15",
        },
        {"studio": "锦峪书记工作室"},
        "锦峪书记工作室",
    ),
    Kind.SENT_DOWN: (
        person(6)
        | {
            "batch": "第一批",
            "sending_unit": "明山区住建局",
            "community": COMMUNITY_A,
            "start_date": "2024-03-01",
            "planned_end": "2026-03-01",
        },
        {"planned_end": "2026-09-30"},
        "2026-09-30",
    ),
    Kind.PARTY_CHECKIN: (
        person(7)
        | {
            "sending_org": "本溪市第一中学党支部",
            "community": "新明",
            "checkin_date": "2024.05.20",
            "activities": "环境整治、疫苗接种引导",
            "service_hours": "12.5",
        },
        {"service_hours": "20"},
        "20",
    ),
}


@pytest.mark.parametrize("kind", list(Kind))
def test_create_edit_retire_with_history(street: Database, kind: Kind) -> None:
    raw, edit, shown = CASES[kind]
    with street.write() as s:
        row_id = create_entry(s, kind, raw, CLERK)
    with street.read() as s:
        rows = list_entries(s, kind)
    assert [r.id for r in rows] == [row_id]
    cells = rows[0].cells
    # Personal data masked in the list.
    assert any(c.startswith("210504********") for c in cells)
    assert not any(pid(n) in c for c in cells for n in range(1, 8))

    with street.write() as s:
        changes = update_entry(s, kind, row_id, edit, CLERK)
    assert changes
    with street.read() as s:
        rows = list_entries(s, kind, RosterQuery(include_retired=True))
        current = [r for r in rows if r.active]
    assert any(shown in c for c in current[0].cells), current[0].cells

    with street.write() as s:
        retire_entry(s, kind, current[0].id, CLERK, reason="调离")
    with street.read() as s:
        assert list_entries(s, kind) == []
        retired = list_entries(s, kind, RosterQuery(include_retired=True))
        events = history(s, kind, current[0].id)
    assert retired and not any(r.active for r in retired)
    assert [e.action for e in events][-1] == "离任"
    assert all(e.actor == "wangli" for e in events)
    if kind is not Kind.GRID_STAFF:
        assert [e.action for e in events] == ["新增", "修改", "离任"]
        assert "原因：调离" in events[-1].text


def test_edit_records_changed_fields_masked(street: Database) -> None:
    raw = CASES[Kind.COMMUNITY_WORKER][0]
    with street.write() as s:
        row_id = create_entry(s, Kind.COMMUNITY_WORKER, raw, CLERK)
    with street.write() as s:
        changes = update_entry(
            s, Kind.COMMUNITY_WORKER, row_id, {"phone": "139 0000 2222", "pay_tier": "三档"}, CLERK
        )
        assert update_entry(s, Kind.COMMUNITY_WORKER, row_id, {"pay_tier": 3}, CLERK) == {}
        with pytest.raises(ValidationError, match="性别「女」与身份证号不符（应为 男）"):
            update_entry(s, Kind.COMMUNITY_WORKER, row_id, {"gender": "女"}, CLERK)
    assert changes == {"phone": ["138****5678", "139****2222"], "pay_tier": ["2", "3"]}
    with street.read() as s:
        event = s.scalars(select(RosterEvent).order_by(RosterEvent.id.desc())).first()
        assert event is not None and event.actor == "wangli" and event.action == "edit"
        assert "13900002222" not in str(event.changes)
        text = history(s, Kind.COMMUNITY_WORKER, row_id)[-1].text
    assert "联系电话：138****5678 → 139****2222" in text and "档：2 → 3" in text


@pytest.mark.parametrize(
    ("kind", "change", "message"),
    [
        (Kind.COMMUNITY_WORKER, {"id_number": "210504198503120010"}, "校验码错误"),
        (Kind.COMMUNITY_WORKER, {"id_number": "210504198502300012"}, "出生日期 19850230 不存在"),
        (Kind.COMMUNITY_WORKER, {"phone": "1381234567"}, "不是有效的手机号码"),
        (Kind.COMMUNITY_WORKER, {"pay_tier": "4"}, "档应在 1–3 之间，实为 4"),
        (Kind.COMMUNITY_WORKER, {"pay_level": 39}, "级应在 1–38 之间，实为 39"),
        (Kind.COMMUNITY_WORKER, {"community": "不存在社区"}, "没有名为「不存在社区」的社区"),
        (Kind.COMMUNITY_WORKER, {"community": "210504002099"}, "没有编码为 210504002099 的社区"),
        (Kind.COMMUNITY_WORKER, {"service_start": "1985.13.01"}, "不是存在的日期"),
        (Kind.GRID_STAFF, {"grid": "21050400200199"}, "没有编码为 21050400200199 的网格"),
        (Kind.GRID_STAFF, {"grid": "A1"}, "应为 14 或 15 位数字的网格编码"),
        (Kind.GRID_STAFF, {"role": "楼长"}, "应为 网格长、网格员 之一"),
        (Kind.SENT_DOWN, {"planned_end": "2026-02-28"}, "下沉期限至少 2 年"),
        (Kind.FIRST_SECRETARY, {"term_end": "2024-01-01"}, "任期结束应晚于任期开始"),
        (Kind.COMMUNITY_WORKER, {"name": ""}, "缺少姓名"),
    ],
)
def test_validation_messages(street: Database, kind: Kind, change: dict, message: str) -> None:
    raw = CASES[kind][0] | change
    with street.write() as s, pytest.raises(ValidationError, match=message):
        create_entry(s, kind, raw, CLERK)
    with street.read() as s:
        assert s.scalar(select(func.count(Person.id))) == 0


def test_sent_down_two_year_rule_message(street: Database) -> None:
    raw = CASES[Kind.SENT_DOWN][0] | {"start_date": "2024-03-01", "planned_end": "2025-03-01"}
    with street.write() as s, pytest.raises(ValidationError) as err:
        create_entry(s, Kind.SENT_DOWN, raw, CLERK)
    assert str(err.value) == (
        "下沉期限至少 2 年：下沉时间为 2024-03-01，计划结束时间应不早于 2026-03-01"
        "（现为 2025-03-01）"
    )
    ok = raw | {"planned_end": "2026-03-01"}
    with street.write() as s:
        create_entry(s, Kind.SENT_DOWN, ok, CLERK)


def test_permissions(street: Database) -> None:
    raw = CASES[Kind.COMMUNITY_WORKER][0]
    with street.write() as s, pytest.raises(PermissionDenied, match="无权修改社区工作者名册"):
        create_entry(s, Kind.COMMUNITY_WORKER, raw, LEADER)
    with street.write() as s:
        row_id = create_entry(s, Kind.COMMUNITY_WORKER, raw, CLERK)
    with street.write() as s, pytest.raises(PermissionDenied):
        retire_entry(s, Kind.COMMUNITY_WORKER, row_id, LEADER)
    with street.write() as s, pytest.raises(PermissionDenied):
        reveal(s, LEADER, Kind.COMMUNITY_WORKER, row_id, "phone", "核对信息")


def test_duplicate_person_refused_and_person_reused(street: Database) -> None:
    raw = CASES[Kind.COMMUNITY_WORKER][0]
    with street.write() as s:
        create_entry(s, Kind.COMMUNITY_WORKER, raw, CLERK)
    with street.write() as s, pytest.raises(ValidationError, match="已在社区工作者名册中"):
        create_entry(s, Kind.COMMUNITY_WORKER, raw, CLERK)
    # The same person can be on another roster: one Person row.
    with street.write() as s:
        create_entry(s, Kind.GRID_STAFF, raw | {"grid": GRID_A2, "role": "网格员"}, CLERK)
    with street.read() as s:
        assert s.scalar(select(func.count(Person.id))) == 1


def test_grid_vacancies_and_move_keeps_history(street: Database) -> None:
    with street.read() as s:
        assert [(v.grid_code, v.text) for v in grid_vacancies(s)] == [
            (GRID_A1, "网格长、网格员"),
            (GRID_A2, "网格长、网格员"),
            (GRID_B1, "网格长、网格员"),
            (GRID_B2, "网格长、网格员"),
        ]
    with street.write() as s:
        create_entry(s, Kind.GRID_STAFF, person(11) | {"grid": GRID_A1, "role": "网格长"}, CLERK)
        worker = create_entry(
            s, Kind.GRID_STAFF, person(12) | {"grid": GRID_A1, "role": "专职网格员"}, CLERK
        )
        create_entry(s, Kind.GRID_STAFF, person(13) | {"grid": GRID_B2, "role": "网格员"}, CLERK)
    with street.read() as s:
        vacancies = {v.grid_code: v.text for v in grid_vacancies(s)}
    assert vacancies == {GRID_A2: "网格长、网格员", GRID_B1: "网格长、网格员", GRID_B2: "网格长"}
    with street.write() as s:
        update_entry(s, Kind.GRID_STAFF, worker, {"grid": GRID_A2}, CLERK)
    with street.read() as s:
        vacancies = {v.grid_code: v.text for v in grid_vacancies(s)}
        assignments = s.execute(
            select(GridAssignment.role, GridAssignment.end_date).order_by(GridAssignment.id)
        ).all()
    assert vacancies[GRID_A1] == "网格员" and vacancies[GRID_A2] == "网格长"
    moved = [a for a in assignments if a.role == "worker" and a.end_date is not None]
    assert len(moved) == 1 and len(assignments) == 4


def test_first_secretary_term_flags(street: Database) -> None:
    today = date(2026, 11, 26)
    base = CASES[Kind.FIRST_SECRETARY][0]
    ends = {
        21: today + timedelta(days=59),
        22: today + timedelta(days=60),
        23: today + timedelta(days=61),
    }
    with street.write() as s:
        for n, end in ends.items():
            raw = base | person(n, name=f"书记{n}") | {"term_end": end.isoformat()}
            create_entry(s, Kind.FIRST_SECRETARY, raw, CLERK)
    with street.read() as s:
        flagged = expiring_secretaries(s, today)
    assert sorted(r.cells[0] for r in flagged) == ["书记21", "书记22"]
    assert {r.flag for r in flagged} == {"任期将满（剩 59 天）", "任期将满（剩 60 天）"}


def test_pay_table_editable_and_shown(street: Database) -> None:
    with street.read() as s:
        table = pay_table(s)
    assert len(table) == 3 * 38 and all(c.amount is None for c in table)
    with street.write() as s:
        assert set_pay_amount(s, 2, 12, "4,680.5元", CLERK) == Decimal("4680.50")
        create_entry(s, Kind.COMMUNITY_WORKER, CASES[Kind.COMMUNITY_WORKER][0], CLERK)
    with street.write() as s, pytest.raises(ValidationError, match="级应在 1–38 之间"):
        set_pay_amount(s, 1, 39, "100", CLERK)
    with street.write() as s, pytest.raises(ValidationError, match="应为金额"):
        set_pay_amount(s, 1, 1, "很多", CLERK)
    with street.read() as s:
        cell = next(c for c in pay_table(s) if (c.tier, c.level) == (2, 12))
        row = list_entries(s, Kind.COMMUNITY_WORKER)[0]
    assert cell.amount == Decimal("4680.50")
    assert "4680.50" in row.cells


def test_reveal_is_audited(street: Database) -> None:
    with street.write() as s:
        row_id = create_entry(s, Kind.GRID_STAFF, CASES[Kind.GRID_STAFF][0], CLERK)
    # A reveal without a reason is refused and leaves nothing.
    with street.write() as s, pytest.raises(ValidationError, match="需要填写原因"):
        reveal(s, CLERK, Kind.GRID_STAFF, row_id, "phone", "  ")
    with street.write() as s:
        assert reveal(s, CLERK, Kind.GRID_STAFF, row_id, "phone", "电话回访") == "13812345678"
        assert reveal(s, CLERK, Kind.GRID_STAFF, row_id, "id_number", "核对身份") == pid(2)
    with street.read() as s:
        entries = [
            (e.username, e.action, (e.details or {})["field"], (e.details or {})["reason"])
            for e in s.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "personal.reveal")
                .order_by(AuditEntry.id)
            )
        ]
        form = entry_form_values(s, Kind.GRID_STAFF, row_id)
    assert entries == [
        ("wangli", "personal.reveal", "phone", "电话回访"),
        ("wangli", "personal.reveal", "id_number", "核对身份"),
    ]
    assert form["phone"] == "138****5678" and form["role"] == "网格长"


def test_search_and_filter(street: Database) -> None:
    with street.write() as s:
        for n, (name, community) in enumerate(
            [("王小明", COMMUNITY_A), ("王大力", COMMUNITY_B), ("刘洋", COMMUNITY_B)], start=31
        ):
            raw = CASES[Kind.COMMUNITY_WORKER][0] | person(n, name) | {"community": community}
            create_entry(s, Kind.COMMUNITY_WORKER, raw, SYSTEM)
        b = s.scalar(select(func.min(Person.community_id)))
    assert b is None  # community lives on the roster row
    with street.read() as s:
        names = [r.cells[0] for r in list_entries(s, Kind.COMMUNITY_WORKER, RosterQuery("王"))]
        assert sorted(names) == ["王大力", "王小明"]
        from db.people.roster_values import Lookups

        cid = Lookups.load(s).community_by_code[COMMUNITY_B]
        rows = list_entries(s, Kind.COMMUNITY_WORKER, RosterQuery(community_id=cid))
        assert sorted(r.cells[0] for r in rows) == ["刘洋", "王大力"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985.03.12", date(1985, 3, 12)),
        ("1985年3月12日", date(1985, 3, 12)),
        ("1985-3-12", date(1985, 3, 12)),
        ("１９８５／３／１２", date(1985, 3, 12)),
        ("19850312", date(1985, 3, 12)),
        ("2015.07", date(2015, 7, 1)),
        ("2015年7月", date(2015, 7, 1)),
        (31118, date(1985, 3, 12)),
        (31118.0, date(1985, 3, 12)),
    ],
)
def test_parse_date(text: object, expected: date) -> None:
    assert parse_date(text) == expected  # type: ignore[arg-type]


def test_parse_kind() -> None:
    assert parse_kind("社区工作者") is Kind.COMMUNITY_WORKER
    assert parse_kind("grid") is Kind.GRID_STAFF
    with pytest.raises(ValidationError, match="没有名为「x」的花名册"):
        parse_kind("x")


def test_every_roster_write_is_in_the_audit_log(street: Database) -> None:
    from db.security.audit import verify_chain

    with street.write() as s:
        row_id = create_entry(s, Kind.GRID_STAFF, CASES[Kind.GRID_STAFF][0], CLERK)
    with street.write() as s:
        update_entry(s, Kind.GRID_STAFF, row_id, {"phone": "13900001111"}, CLERK)
    with street.write() as s:
        retire_entry(s, Kind.GRID_STAFF, row_id, CLERK, reason="调离")
    with street.write() as s:
        set_pay_amount(s, 1, 1, "6100", CLERK)
    with street.read() as s:
        entries = [
            (e.username, e.action, e.object_type)
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
        details = [e.details for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        report = verify_chain(s)
    assert entries == [
        ("wangli", "roster.create", "grid_staff"),
        ("wangli", "roster.edit", "grid_staff"),
        ("wangli", "roster.retire", "grid_staff"),
        ("wangli", "roster.edit", "pay_scale"),
    ]
    assert report.ok
    # Personal data stays masked in the log as it is in the roster history.
    assert "13900001111" not in str(details) and "139****1111" in str(details)

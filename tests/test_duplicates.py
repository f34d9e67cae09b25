"""Duplicates on both databases: candidates (neighbouring grids, the time window, recently
closed, related 小类, the 不是重复 memory), the 疑似重复 mark at report time, merging from every
open state (clock stopped, reporters kept and called back) and the refusal after 结案."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from bench.intake.duplicates_eval import evaluate_duplicates
from db.cases.duplicates import boundary_roads, duplicates_of, mark_not_duplicate, normalize
from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.reporters import record_reporter_callback
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply
from db.engine import Database
from db.errors import IllegalTransition, ValidationError
from db.models import Case, CaseChange, CaseEvent, Grid
from db.security.actors import SYSTEM
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.report_cases import AS_OF, read_sheet
from tests.street import GRID_A1, GRID_A2, GRID_B1, GRID_B2

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=SH)
MANHOLE = "5101"  # 井盖缺失
MANHOLE_BROKEN = "5102"  # 井盖破损, same 大类 公用设施
GARBAGE = "0101"  # 暴露垃圾, 市容环境


def put(
    db: Database,
    text: str,
    address: str,
    *,
    at: datetime = T0,
    grid: str = GRID_A1,
    category: str = MANHOLE,
    name: str = "",
    phone: str = "",
) -> str:
    return report_case(
        db,
        grid_code=grid,
        category_code=category,
        description=text,
        address=address,
        reporter_name=name,
        reporter_phone=phone,
        now=at,
    )


def numbers(db: Database, number: str) -> list[str]:
    with db.read() as session:
        return [c.number for c in duplicates_of(session, number)]


def test_text_helpers() -> None:
    assert normalize("紫金路一百四十九号 门口") == "紫金路149号门口"
    assert normalize("紫金路１４９号") == "紫金路149号"
    assert boundary_roads("东至紫金路，西至钢铁路，南至太子河") == {"紫金路", "钢铁路", "太子河"}


def test_candidates_window_neighbours_related_and_memory(street: Database) -> None:
    with street.write() as s:  # B1 faces A1 across 紫金路; B2 is bounded by other roads
        s.execute(
            update(Grid).where(Grid.code == GRID_A1).values(boundary="东至紫金路，北至明山路")
        )
        s.execute(
            update(Grid).where(Grid.code == GRID_B1).values(boundary="西至紫金路，北至和平路")
        )
        s.execute(update(Grid).where(Grid.code == GRID_B2).values(boundary="东至育才街"))
    first = put(street, "紫金路149号门口井盖没了，晚上很危险", "紫金路149号", name="王大爷")
    closed_one = put(street, "紫金路149号井盖丢了", "紫金路149号门口", at=T0 - timedelta(days=3))
    for action in (Action.REGISTER, Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK):
        apply(street, closed_one, action, now=T0 - timedelta(days=3))
    apply(street, closed_one, Action.VERIFY, now=T0 - timedelta(days=2))
    old = put(street, "紫金路149号井盖没了", "紫金路149号", at=T0 - timedelta(days=12))
    apply(street, old, Action.SELF_RESOLVE, now=T0 - timedelta(days=11))
    across = put(
        street, "紫金路一百四十九号对面马路上井盖没有了", "紫金路一百四十九号", grid=GRID_B1
    )
    far = put(street, "紫金路149号井盖没了", "紫金路149号", grid=GRID_B2)
    broken = put(
        street, "紫金路149号门口井盖没了，马葫芦盖", "紫金路149号", category=MANHOLE_BROKEN
    )
    other_problem = put(street, "紫金路149号门口垃圾没人清", "紫金路149号", category=GARBAGE)
    elsewhere = put(street, "井盖没了很危险", "明山路8号", grid=GRID_A2)
    new = put(
        street,
        "紫金路149号这里马葫芦盖没了，小孩差点掉下去",
        "本溪市明山区紫金路149号门口",
        at=T0 + timedelta(hours=3),
        name="李女士",
    )
    found = numbers(street, new)
    assert first in found and closed_one in found and across in found and broken in found
    assert old not in found and far not in found and other_problem not in found
    assert elsewhere not in found
    assert found[0] == first  # the same grid, 小类 and address outranks a neighbour
    with street.read() as s:
        candidates = duplicates_of(s, new)
        by_number = {c.number: c for c in candidates}
        assert "同一网格" in by_number[first].why and "同一小类" in by_number[first].why
        assert "四至相接" in by_number[across].why
        assert "相关小类（井盖破损）" in by_number[broken].why
        assert "办结" in by_number[closed_one].why
        assert case_detail(s, new).possible_duplicates == len(found)
    with street.write() as s:
        mark_not_duplicate(s, SYSTEM, new, first)
        mark_not_duplicate(s, SYSTEM, first, new)  # said twice: once is kept
    assert first not in numbers(street, new) and new not in numbers(street, first)
    with street.read() as s:
        assert case_detail(s, new).possible_duplicates == len(found) - 1
    with pytest.raises(ValidationError, match="自身"), street.write() as s:
        mark_not_duplicate(s, SYSTEM, new, new)


def _to(db: Database, number: str, status: Status, at: datetime) -> None:
    path = {
        Status.REPORTED: [],
        Status.REGISTERED: [Action.REGISTER],
        Status.DISPATCHED: [Action.REGISTER, Action.DISPATCH],
        Status.ACCEPTED: [Action.REGISTER, Action.DISPATCH, Action.ACCEPT],
        Status.RETURNED: [Action.REGISTER, Action.DISPATCH, Action.RETURN],
        Status.SUSPENDED: [Action.REGISTER, Action.DISPATCH, Action.SUSPEND],
        Status.FEEDBACK: [Action.REGISTER, Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK],
    }[status]
    for action in path:
        apply(db, number, action, Request(reason="测试"), now=at)


def test_merge_from_every_open_state_keeps_reporters_and_calls_all_back(street: Database) -> None:
    main = put(street, "紫金路149号井盖没了", "紫金路149号", name="王建国", phone="13800000001")
    apply(street, main, Action.REGISTER, now=T0)
    merged: list[str] = []
    for i, status in enumerate(
        [
            Status.REPORTED,
            Status.REGISTERED,
            Status.DISPATCHED,
            Status.ACCEPTED,
            Status.RETURNED,
            Status.SUSPENDED,
            Status.FEEDBACK,
        ]
    ):
        at = T0 + timedelta(minutes=10 * (i + 1))
        dup = put(
            street, "井盖没了", "紫金路149号", at=at, name=f"反映人{i}", phone=f"1390000000{i}"
        )
        _to(street, dup, status, at)
        with street.read() as s:
            before = s.scalar(select(CaseChange.seq).order_by(CaseChange.seq.desc()).limit(1))
        apply(street, dup, Action.MERGE, Request(into=main, reason="同一井盖"), now=at)
        with street.read() as s:
            row = s.scalars(select(Case).where(Case.number == dup)).one()
            assert row.status == Status.MERGED and not row.is_open
            assert row.due_at is None and row.warn_at is None and row.suspended_at is None
            event = s.scalars(
                select(CaseEvent).where(CaseEvent.case_id == row.id).order_by(CaseEvent.id.desc())
            ).first()
            assert event is not None and event.action == Action.MERGE.value
            assert event.details is not None and event.details["into"] == main
            if status in (Status.DISPATCHED, Status.ACCEPTED, Status.SUSPENDED, Status.FEEDBACK):
                assert event.details.get("department")  # whose clock stopped is on record
            changed = set(s.scalars(select(CaseChange.case_id).where(CaseChange.seq > before)))
            main_id = s.scalar(select(Case.id).where(Case.number == main))
            assert {row.id, main_id} <= changed  # both panes reload
        merged.append(dup)
    # A duplicate merged into another case brings the reporters merged into it along.
    second = put(street, "井盖丢了", "紫金路149号", at=T0 + timedelta(hours=3), name="赵六")
    third = put(street, "井盖丢了", "紫金路149号", at=T0 + timedelta(hours=4), name="钱七")
    apply(street, third, Action.MERGE, Request(into=second), now=T0 + timedelta(hours=4))
    apply(street, second, Action.MERGE, Request(into=main), now=T0 + timedelta(hours=5))
    with street.read() as s:
        detail = case_detail(s, main)
    assert detail.report_count == 1 + len(merged) + 2
    assert detail.merged_cases == [*merged, second, third]
    names = [r.name for r in detail.reporters]
    assert names[0] == "王建国" and "反映人6" in names and "钱七" in names
    assert detail.to_json()["reporters"][1]["phone"] != "13900000000"  # masked
    # Merging after 结案 is refused and changes nothing.
    for action in (Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK, Action.VERIFY):
        apply(street, main, action, now=T0 + timedelta(hours=6))
    late = put(street, "井盖没了", "紫金路149号", at=T0 + timedelta(hours=6))
    for action in (Action.REGISTER, Action.DISPATCH, Action.ACCEPT, Action.FEEDBACK):
        apply(street, late, action, now=T0 + timedelta(hours=6))
    apply(street, late, Action.VERIFY, now=T0 + timedelta(hours=7))
    with pytest.raises(IllegalTransition):
        apply(street, late, Action.MERGE, Request(into=main))
    # 回访: the own reporter through the action, every merged one on their own.
    apply(street, main, Action.CALLBACK, Request(satisfaction="满意"), now=T0 + timedelta(hours=8))
    with street.write() as s:
        for r in case_detail(s, main).reporters[1:]:
            record_reporter_callback(s, SYSTEM, main, r.id, "基本满意")
    with street.read() as s:
        reporters = case_detail(s, main).reporters
    assert all(r.callback_at is not None for r in reporters)
    assert [r.satisfaction_label for r in reporters][:2] == ["满意", "基本满意"]


def test_reporter_callback_waits_for_the_close(street: Database) -> None:
    main = put(street, "井盖没了", "紫金路149号")
    dup = put(street, "井盖没了", "紫金路149号", name="孙八")
    apply(street, dup, Action.MERGE, Request(into=main))
    with street.read() as s:
        reporter = case_detail(s, main).reporters[1]
    with pytest.raises(ValidationError, match="办结后"), street.write() as s:
        record_reporter_callback(s, SYSTEM, main, reporter.id, "满意")
    with street.read() as s:
        assert case_detail(s, main).reporters[1].callback_at is None


def test_monthly_return_counts_merged_reports_apart(cases: Database, tmp_path: Path) -> None:
    """The scenario merges one report (新明社区, 2026-10-16): 合并报告数 1, not a 结案."""
    out = tmp_path / "月报.xlsx"
    request = ReportRequest(parse_period("2026-10"), as_of=AS_OF)
    export_report(cases, "monthly-cases", request, out)
    sheet = read_sheet(out, "按社区", "社区", {"社区", "合并报告数", "结案数", "上报数"})
    assert sheet.rows["新明社区"]["合并报告数"] == 1
    assert sheet.rows["锦峪社区"]["合并报告数"] == 0
    assert sheet.rows["合计"]["合并报告数"] == 1 and sheet.rows["合计"]["结案数"] == 6
    assert str(sheet.formulas["合计"]["合并报告数"]).startswith("=SUM(")
    grid_sheet = read_sheet(out, "按网格", "网格编码", {"网格编码", "合并报告数"})
    assert grid_sheet.rows[GRID_B1]["合并报告数"] == 1


def test_duplicate_evaluation_precision_and_recall(street: Database) -> None:
    """The benchmark's hand-written pairs: reasonable precision and recall, nothing kept."""
    with street.read() as s:
        before = s.scalar(select(func.count()).select_from(Case))
    figures = evaluate_duplicates(street)
    assert figures["precision"] >= 0.85 and figures["recall"] >= 0.85, figures
    assert figures["ms"] < 200
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == before  # rolled back

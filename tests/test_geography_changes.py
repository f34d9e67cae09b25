"""Geography changes (区划调整): split, merge, rename and retire grids, merge communities. Cases
keep their grid, returns for a period before a change still show the old grids and names (read
back from the written file), the grid staff move with the mapping, a retired grid takes no
new reports, and a wrong request is refused whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.boundaries.changes import (
    history,
    merge_communities,
    merge_grids,
    rename_community,
    rename_grid,
    retire_grid,
    split_grid,
)
from db.cases.intake import report_case
from db.cases.queue import filter_options
from db.engine import Database
from db.errors import PermissionDenied, UserError
from db.models import Base, Case, Community, CommunityWorker, Grid, GridAssignment, Person
from db.models.base import utcnow
from db.reference.geography_history import communities_in_period, grids_in_period
from desktop.cli.main import main
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.actors import ADMIN, DISPATCHER
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_A2, GRID_B1, GRID_B2

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from desktop.core.context import AppContext

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # "today" for the changes: 2026-12-01
NOV = date(2026, 11, 1)
NEW_1, NEW_2 = "21050400200103", "21050400200104"


def _report(db: Database, grid: str, when: datetime) -> str:
    return report_case(db, grid_code=grid, category_code="0101", description="路边有垃圾", now=when)


def _staff(db: Database, grid: str, name: str, role: str = "worker") -> int:
    with db.write() as s:
        now = utcnow()
        person = Person(name=name, created_at=now, updated_at=now)
        s.add(person)
        s.flush()
        grid_id = s.scalar(select(Grid.id).where(Grid.code == grid))
        assert grid_id is not None
        row = GridAssignment(
            person_id=person.id, grid_id=grid_id, role=role, start_date=date(2025, 3, 1)
        )
        s.add(row)
        s.flush()
        return row.id


def _codes_in(path: Path, sheet: str) -> set[str]:
    book = load_workbook(path)
    values = {str(c) for row in book[sheet].iter_rows(values_only=True) for c in row if c}
    book.close()
    return values


def _return(db: Database, tmp_path: Path, period: str) -> Path:
    out = tmp_path / f"月报{period}.xlsx"
    request = ReportRequest(parse_period(period), as_of=NOW)
    export_report(db, "monthly-cases", request, out)
    return out


def _content(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read() as s:
        return {
            name: [tuple(r) for r in s.execute(select(table).order_by(*table.primary_key))]
            for name, table in Base.metadata.tables.items()
        }


def test_split_keeps_old_cases_and_returns_and_moves_the_staff(
    street: Database, tmp_path: Path
) -> None:
    number = _report(street, GRID_A1, datetime(2026, 10, 12, 9, 0, tzinfo=SH))
    _staff(street, GRID_A1, "王网格")
    leader = _staff(street, GRID_A1, "赵网格长", "leader")
    with street.write() as s:
        summary = split_grid(
            s,
            GRID_A1,
            [(NEW_1, "第03网格"), (NEW_2, "第04网格")],
            NOV,
            ADMIN,
            assignments={leader: NEW_2},
            now=NOW,
        )
    assert "拆分为" in summary.text() and "赵网格长" in summary.text()
    assert {(m.person, m.new) for m in summary.moves} == {("王网格", NEW_1), ("赵网格长", NEW_2)}
    with street.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        assert case.grid.code == GRID_A1  # never rewritten
        old = s.scalars(select(Grid).where(Grid.code == GRID_A1)).one()
        assert old.retired_on == NOV
        rows = s.execute(
            select(GridAssignment.id, Grid.code, GridAssignment.start_date, GridAssignment.end_date)
            .join(Grid, Grid.id == GridAssignment.grid_id)
            .order_by(GridAssignment.id)
        ).all()
    assert sorted(tuple(r)[1:] for r in rows) == [
        (GRID_A1, date(2025, 3, 1), NOV),
        (GRID_A1, date(2025, 3, 1), NOV),
        (NEW_1, NOV, None),
        (NEW_2, NOV, None),
    ]
    assert [h.kind for h in history_of(street, GRID_A1)] == ["split", "split"]

    october = _codes_in(_return(street, tmp_path, "2026-10"), "按网格")
    assert GRID_A1 in october and NEW_1 not in october and NEW_2 not in october
    november = _codes_in(_return(street, tmp_path, "2026-11"), "按网格")
    assert GRID_A1 not in november and {NEW_1, NEW_2, GRID_A2} <= november

    # A retired grid takes no new report; the database is unchanged by the refusal.
    before = _content(street)
    with pytest.raises(UserError, match="已于 2026-11-01 停用"):
        _report(street, GRID_A1, datetime(2026, 11, 2, 9, 0, tzinfo=SH))
    assert _content(street) == before
    _report(street, NEW_1, datetime(2026, 11, 2, 9, 0, tzinfo=SH))
    # The desk's grid filter still finds the old cases: the retired grid is offered last, marked.
    with street.read() as s:
        labels = [label for _, _, label in filter_options(s).grids]
    assert labels[-1] == "锦峪/第01网格（已停用）" and labels.count("锦峪/第01网格（已停用）") == 1


def history_of(db: Database, code: str) -> list[Any]:
    with db.read() as s:
        return history(s, code)


def test_merges_and_renames_show_as_they_were(street: Database, tmp_path: Path) -> None:
    _report(street, GRID_B1, datetime(2026, 10, 20, 9, 0, tzinfo=SH))
    _staff(street, GRID_A2, "钱网格")
    _staff(street, GRID_B2, "孙网格")
    with street.write() as s:
        now = utcnow()
        person = Person(name="冯社工", created_at=now, updated_at=now)
        s.add(person)
        s.flush()
        b = s.scalar(select(Community.id).where(Community.code == COMMUNITY_B))
        assert b is not None
        s.add(
            CommunityWorker(
                person_id=person.id, community_id=b, post="委员", pay_tier=1, pay_level=1
            )
        )
    with street.write() as s:
        merged = merge_grids(s, [GRID_A1, GRID_A2], GRID_A1, "锦峪第一网格", NOV, ADMIN, now=NOW)
        joined = merge_communities(
            s,
            [COMMUNITY_B],
            COMMUNITY_A,
            "",
            NOV,
            ADMIN,
            grid_codes={GRID_B1: "21050400200109"},
            now=NOW,
        )
    assert [(m.person, m.new) for m in merged.moves] == [("钱网格", GRID_A1)]
    assert ("孙网格", "21050400200103") in [(m.person, m.new) for m in joined.moves]
    assert ("社区工作者", "冯社工", COMMUNITY_A) in [
        (m.roster, m.person, m.new) for m in joined.moves
    ]
    with street.read() as s:
        grids = {
            g.code: (g.name, g.retired_on, g.population, g.community.code)
            for g in s.scalars(select(Grid))
        }
    assert grids[GRID_A1] == ("锦峪第一网格", None, 8200, COMMUNITY_A)  # residents summed
    assert grids[GRID_A2][1] == NOV
    assert grids["21050400200109"][3] == COMMUNITY_A
    assert grids[GRID_B1][1:] == (NOV, 6000, COMMUNITY_B)

    october = _return(street, tmp_path, "2026-10")
    by_grid = _codes_in(october, "按网格")
    assert {GRID_A1, GRID_A2, GRID_B1, GRID_B2, "第01网格", "第02网格"} <= by_grid
    assert "锦峪第一网格" not in by_grid  # the name it had in October
    assert "新明社区" in _codes_in(october, "按社区")
    november = _return(street, tmp_path, "2026-11")
    by_grid = _codes_in(november, "按网格")
    assert {GRID_A1, "21050400200109", "21050400200103", "锦峪第一网格"} <= by_grid
    assert not {GRID_A2, GRID_B1, GRID_B2} & by_grid
    assert "新明社区" not in _codes_in(november, "按社区")


def test_rename_retire_and_refusals_leave_the_database_unchanged(street: Database) -> None:
    _report(street, GRID_A1, datetime(2026, 11, 12, 9, 0, tzinfo=SH))
    _staff(street, GRID_B1, "李网格")
    before = _content(street)
    bad: list[tuple[Any, str]] = [
        (
            lambda s: split_grid(s, GRID_A1, [(NEW_1, "甲"), (NEW_2, "乙")], NOV, ADMIN, now=NOW),
            "已上报 1 件案件",
        ),
        (
            lambda s: split_grid(
                s, GRID_A2, [(NEW_1, "甲"), ("21050400200201", "乙")], NOV, ADMIN, now=NOW
            ),
            "不属于社区",
        ),
        (
            lambda s: split_grid(s, GRID_A2, [(NEW_1, "甲"), (NEW_1, "乙")], NOV, ADMIN, now=NOW),
            "重复",
        ),
        (
            lambda s: split_grid(s, GRID_A2, [(NEW_1, "甲"), (GRID_A1, "乙")], NOV, ADMIN, now=NOW),
            "已被使用",
        ),
        (lambda s: split_grid(s, GRID_A2, [(NEW_1, "甲")], NOV, ADMIN, now=NOW), "至少"),
        (
            lambda s: split_grid(
                s, GRID_A2, [(NEW_1, "第01网格"), (NEW_2, "乙")], NOV, ADMIN, now=NOW
            ),
            "已有名为",
        ),
        (
            lambda s: split_grid(
                s, GRID_A2, [(NEW_1, "甲"), (NEW_2, "乙")], date(2027, 1, 1), ADMIN, now=NOW
            ),
            "晚于今天",
        ),
        (
            lambda s: merge_grids(s, [GRID_A2, GRID_B1], NEW_1, "甲", NOV, ADMIN, now=NOW),
            "不在同一社区",
        ),
        (lambda s: retire_grid(s, GRID_B1, NOV, ADMIN, now=NOW), "在岗"),
        (lambda s: rename_grid(s, GRID_A2, "第01网格", NOV, ADMIN, now=NOW), "已有名为"),
        (
            lambda s: split_grid(
                s, GRID_A2, [(NEW_1, "甲"), (NEW_2, "乙")], NOV, DISPATCHER, now=NOW
            ),
            "无权拆分网格",
        ),
    ]
    for call, fragment in bad:
        with pytest.raises((UserError, PermissionDenied)) as raised, street.write() as s:
            call(s)
        assert fragment in str(raised.value), str(raised.value)
        assert _content(street) == before
    with street.write() as s:
        retire_grid(s, GRID_B2, NOV, ADMIN, now=NOW)
        rename_grid(s, GRID_A2, "锦峪二号网格", date(2026, 11, 15), ADMIN, now=NOW)
    with street.write() as s, pytest.raises(UserError, match="已于 2026-11-01 停用"):
        retire_grid(s, GRID_B2, NOV, ADMIN, now=NOW)
    with street.write() as s, pytest.raises(UserError, match="不能早于它"):
        rename_grid(s, GRID_A2, "又一个名字", NOV, ADMIN, now=NOW)
    assert [h.kind_label for h in history_of(street, GRID_A2)] == ["更名"]
    with street.write() as s:
        rename_community(s, COMMUNITY_B, "新明里社区", date(2026, 11, 15), ADMIN, now=NOW)
    with street.read() as s:
        october = communities_in_period(s, date(2026, 10, 1), NOV)
        november = communities_in_period(s, NOV, date(2026, 12, 1))
        grids_october = grids_in_period(s, date(2026, 10, 1), NOV)
    assert [c.name for c in october] == ["锦峪社区", "新明社区"]
    assert [c.name for c in november] == ["锦峪社区", "新明里社区"]
    assert {(g.code, g.name, g.community) for g in grids_october} >= {
        (GRID_A2, "第02网格", "锦峪社区"),
        (GRID_B2, "第02网格", "新明社区"),
    }


def test_cli_split_merge_history_and_refusal(
    street: Database,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = street.engine.url.render_as_string(hide_password=False)
    admin = ["--db", url, *cli_login(street, "admin")]
    _staff(street, GRID_A1, "周网格")
    _staff(street, GRID_A1, "吴网格")
    capsys.readouterr()
    split = ["grid", "split", GRID_A1, "--into", f"{NEW_1}:第03网格", f"{NEW_2}:第04网格"]
    assert main([*admin, *split, "--move", f"吴网格={NEW_2}", "--on", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "拆分为" in out and f"吴网格：{GRID_A1} → {NEW_2}" in out
    assert f"周网格：{GRID_A1} → {NEW_1}" in out
    dispatcher = ["--db", url, *cli_login(street, "dispatcher")]
    before = _content(street)
    # A second change of the retired grid, and a dispatcher, are refused; nothing written.
    assert main([*admin, "grid", "retire", GRID_A1, "--on", "2026-11-02"]) == 2
    assert "已于 2026-11-01 停用" in capsys.readouterr().err
    assert (
        main([*dispatcher, "grid", "merge", GRID_A2, NEW_1, "--into", NEW_1, "--on", "2026-11-02"])
        == 2
    )
    assert "无权合并网格" in capsys.readouterr().err
    after = _content(street)
    # Signing in is audited (and counted on the account, and moves the log's head); nothing
    # else was written.
    after.pop("users"), before.pop("users")
    after.pop("audit_head"), before.pop("audit_head")
    new_audit = after.pop("audit_log")[len(before.pop("audit_log")) :]
    assert not [row for row in new_audit if str(row[3]).startswith(("grid.", "roster."))]
    assert after == before
    merge = ["community-change", "merge", COMMUNITY_B, "--into", f"{COMMUNITY_A}"]
    assert main([*admin, *merge, "--grid", f"{GRID_B2}=210504002001009", "--on", "2026-11-02"]) == 0
    capsys.readouterr()
    assert main([*admin, "grid", "history", GRID_B2, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["new_code"]) for r in rows] == [("merge", "210504002001009")]
    assert main([*admin, "community-change", "history", COMMUNITY_B]) == 0
    assert "合并" in capsys.readouterr().out
    assert main([*admin, "grid", "list", "--json"]) == 0
    listed = {g["code"]: g["retired_on"] for g in json.loads(capsys.readouterr().out)}
    assert listed[GRID_A1] == "2026-11-01" and listed[NEW_1] is None


# --- the window ---------------------------------------------------------------------------------


def test_split_through_the_master_data_dialog(
    admin_ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.admin.geography_change_dialog import GeographyChangeForm
    from desktop.admin.master_data_dialog import MasterDataDialog

    street = admin_ctx.db
    _staff(street, GRID_A1, "郑网格")
    dialog = MasterDataDialog(admin_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.grids.rowCount() == 4)
    assert all(b.isEnabled() for b in dialog.geography.buttons)
    dialog.grid_table.selectRow([g.code for g in dialog.grids.rows].index(GRID_A1))

    def split_form() -> GeographyChangeForm:
        dialog.geography.split_button.click()
        form = dialog.form
        assert isinstance(form, GeographyChangeForm) and form.parts.rowCount() == 2
        form.on.setDate(QDate(2026, 11, 1))
        return form

    # A wrong mapping (the second new code is not under the community) is refused whole.
    before = _content(street)
    form = split_form()
    form.parts.item(0, 0).setText(NEW_1)
    form.parts.item(0, 1).setText("第03网格")
    form.parts.item(1, 0).setText("21050400200201")
    form.parts.item(1, 1).setText("第04网格")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "不属于社区" in dialog.message.text())
    assert _content(street) == before

    form = split_form()
    form.parts.item(0, 0).setText(NEW_1)
    form.parts.item(0, 1).setText("第03网格")
    form.parts.item(1, 0).setText(NEW_2)
    form.parts.item(1, 1).setText("第04网格")
    with qtbot.waitSignal(dialog.changed):
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.grids.rowCount() == 6)
    assert f"郑网格：{GRID_A1} → {NEW_1}" in dialog.message.text()
    qtmodeltester.check(dialog.grids)
    state = {row.code: dialog.grids.cells(row)[-1] for row in dialog.grids.rows}
    assert state[GRID_A1] == "2026-11-01 起停用" and state[NEW_1] == "在用"
    # A retired grid offers no further change.
    dialog.grid_table.selectRow([g.code for g in dialog.grids.rows].index(GRID_A1))
    assert dialog.geography.open("retire") is None
    assert "已停用" in dialog.message.text()


def test_0006_adds_days_of_use_and_the_change_table_and_goes_back(db: Database) -> None:
    """A database from before 0006 (grids and cases in it) upgrades with every grid and
    community in use (NULL days) and an empty change table, and downgrades again on both
    dialects (tables that cases refer to are not copied)."""
    from alembic import command
    from sqlalchemy import inspect, text

    from db.migrate import alembic_config, head_revision
    from tests.street import build_street

    build_street(db)
    _report(db, GRID_A1, datetime(2026, 10, 12, 9, 0, tzinfo=SH))
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        assert "geography_changes" not in inspect(conn).get_table_names()
        assert "retired_on" not in {c["name"] for c in inspect(conn).get_columns("grids")}
        command.upgrade(cfg, head_revision())
        rows = conn.execute(text("SELECT code, established_on, retired_on FROM grids")).all()
        assert len(rows) == 4 and {(r[1], r[2]) for r in rows} == {(None, None)}
        assert conn.execute(text("SELECT count(*) FROM geography_changes")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == 1


def test_work_order_import_lists_a_report_in_a_retired_grid(
    street: Database, tmp_path: Path
) -> None:
    from db.cases.work_orders import plan_case_import
    from tests.test_case_import import _sheet

    with street.write() as s:
        retire_grid(s, GRID_B2, NOV, ADMIN, now=NOW)
    rows: list[list[object]] = [
        ["GD1", GRID_B2, "0101", "垃圾", 13812345678, "否", "2026-10-20 09:30", ""],
        ["GD2", GRID_B2, "0101", "垃圾", 13812345678, "否", "2026-11-20 09:30", ""],
    ]
    plan = plan_case_import(street, _sheet(tmp_path / "工单.xlsx", rows), now=NOW)
    assert [n for n, _ in plan.rows] == [3]
    assert [(p.row, "已于 2026-11-01 停用" in p.reason) for p in plan.problems] == [(4, True)]

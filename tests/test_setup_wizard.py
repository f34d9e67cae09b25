"""The setup wizard (首次设置) and the 社区 tab of 基础数据, on SQLite and PostgreSQL: from an
empty database the first administrator sets the street up from a filled template, a case is
reported in a new grid and dispatched, and the monthly return shows the center and its
communities; a template with mistakes lists every problem and writes nothing; the communities
are listed, added and edited in 基础数据, and the template re-imported there updates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Base
from db.reference.geography import list_community_rows
from db.security.actors import Actor
from db.setup.status import needs_setup
from desktop.admin.master_data_dialog import MasterDataDialog
from desktop.core.context import AppContext
from desktop.setup.first_start import first_start_dialog
from desktop.setup.setup_wizard import SetupWizard
from desktop.shell.sign_in import FirstAdminDialog
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.actors import ADMIN, DISPATCHER, SECRETARY

SH = ZoneInfo("Asia/Shanghai")
PW = "Grid2026desk"
CENTER = "和平街道网格化服务管理指挥调度中心"
STREET_ROW = {
    "填报单位": CENTER,
    "区县编码": "210502",
    "区县名称": "平山区",
    "街道编码": "210502003",
    "街道名称": "和平街道",
}
COMMUNITIES = [
    {"社区编码": "210502003001", "社区名称": "春华社区", "常住人口": 9100, "户数": 3300},
    {"社区编码": "210502003002", "社区名称": "永丰社区", "常住人口": 7600, "户数": 2800},
]
GRIDS = [
    {
        "网格编码": f"{community}{n:02d}",
        "网格名称": f"第{n:02d}网格",
        "所属社区编码": community,
        "常住人口": 3000 + n,
        "户数": 1000 + n,
        "四至范围": f"东至和平路，西至永丰路（{n}）",
    }
    for community in ("210502003001", "210502003002")
    for n in (1, 2, 3)
]
# 环卫所 ships with the catalogue (a category's default department): updated, the rest new.
DEPARTMENTS = [
    {"部门名称": "环卫所", "类型": "职能部门", "联系人": "刘洋", "联系电话": "024-42861301"},
    {
        "部门名称": "和平城管执法中队",
        "类型": "执法部门",
        "联系人": "王军",
        "联系电话": "13904140001",
    },
    {"部门名称": "和平派出所", "类型": "派出机构", "联系人": "赵刚", "联系电话": "024-42861302"},
    {"部门名称": "供水公司", "类型": "公共服务企业", "联系人": "孙丽", "联系电话": "13904140002"},
    {"部门名称": "市政养护所", "类型": "职能部门", "联系人": "钱进", "联系电话": "13904140003"},
]
SHEETS: dict[str, list[dict[str, Any]]] = {
    "街道": [STREET_ROW],
    "社区": COMMUNITIES,
    "网格": GRIDS,
    "部门": DEPARTMENTS,
}
GARBAGE = "0101"  # 暴露垃圾
TABLES = ("districts", "streets", "communities", "grids", "departments", "settings", "audit_log")


# --- the template, filled with openpyxl -------------------------------------------------------


def _header_row(ws: Any) -> tuple[int, dict[str, int]]:
    """The row of the sheet's headers and each header's column."""
    for r in range(1, 8):
        cells = {str(c.value).strip(): c.column for c in ws[r] if c.value is not None}
        if len(cells) >= 2 and not any("说明" in h for h in cells):
            return r, cells
    raise AssertionError(f"no header row in {ws.title}")


def fill_template(
    template: Path, out: Path, sheets: dict[str, list[dict[str, Any]]], merge: str = ""
) -> Path:
    """The written template with `sheets`' rows after the example row (left as it is); with
    `merge`, that sheet's first two header cells merged."""
    wb = load_workbook(template)
    for name, rows in sheets.items():
        ws = wb[name]
        header, columns = _header_row(ws)
        first = header + 2  # below the example row
        for offset, values in enumerate(rows):
            for label, value in values.items():
                ws.cell(first + offset, columns[label], value)
        if name == merge:
            ws.merge_cells(start_row=header, start_column=1, end_row=header, end_column=2)
    wb.save(out)
    return out


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for name in TABLES:
            table = Base.metadata.tables[name]
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(row) for row in rows]
    return out


# --- driving the wizard -----------------------------------------------------------------------


def click(qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_files(monkeypatch: pytest.MonkeyPatch, save: Path | None, open_: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(save or ""), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(open_ or ""), ""))
    )


def write_and_check(
    qtbot: QtBot,
    wizard: SetupWizard,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sheets: dict[str, list[dict[str, Any]]],
    merge: str = "",
) -> None:
    """From the welcome page: write the template through the page, fill it, choose it, and
    go on to the check page."""
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == SetupWizard.TEMPLATE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing chosen yet
    template = tmp_path / "建街模板"  # the page adds .xlsx
    filled = tmp_path / "填好的模板.xlsx"
    choose_files(monkeypatch, template, filled)
    page = wizard.template_page
    qtbot.mouseClick(page.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "模板已写出" in page.written_label.text(), timeout=10_000)
    fill_template(tmp_path / "建街模板.xlsx", filled, sheets, merge)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == SetupWizard.CHECK


def first_administrator(db: Database, qtbot: QtBot) -> Actor:
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("张主任")
    dialog.password_edit.setText(PW)
    dialog.repeat_edit.setText(PW)
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.actor is not None
    return dialog.actor


# --- tests ------------------------------------------------------------------------------------


def test_first_start_sets_up_the_street_and_the_return_shows_it(
    db: Database,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    admin = first_administrator(db, qtbot)
    wizard = first_start_dialog(db, admin)
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    wizard.show()
    write_and_check(qtbot, wizard, monkeypatch, tmp_path, SHEETS)

    page = wizard.check_page
    assert page.preview.isVisible() and not page.problem_view.isVisible()
    assert page.center_label.text() == CENTER
    assert "和平街道" in page.street_label.text() and "210502003" in page.street_label.text()
    assert page.communities_label.text() == "春华社区（3 个网格）、永丰社区（3 个网格）"
    assert "和平派出所" in page.departments_label.text()
    created = {key: page.counts.count(key, 1) for key in ("街道", "社区", "网格", "部门")}
    assert created == {"街道": 1, "社区": 2, "网格": 6, "部门": 4}
    assert page.counts.count("部门", 2) == 1  # 环卫所's contact and phone
    with db.read() as session:
        assert needs_setup(session)  # the check wrote nothing

    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    # While the write runs it cannot be cancelled (nor pressed twice).
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.reject()
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.DONE, timeout=20_000)
    assert "社区 2 个" in wizard.done_page.result_label.text()
    assert wizard.done_page.counts.count("网格", 1) == 6
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with db.read() as session:
        assert not needs_setup(session)
        rows = list_community_rows(session)
    assert [(r.code, r.name, r.population, r.grids) for r in rows] == [
        ("210502003001", "春华社区", 9100, 3),
        ("210502003002", "永丰社区", 7600, 3),
    ]
    assert first_start_dialog(db, admin) is None  # set up: no wizard at the next start

    # A case in a new grid, dispatched, in the monthly return the 文书 exports.
    when = datetime(2026, 11, 23, 9, tzinfo=SH)
    number = report_case(
        db, grid_code="21050200300202", category_code=GARBAGE, description="垃圾堆放", now=when
    )
    apply(db, number, Action.REGISTER, now=when)
    apply(db, number, Action.DISPATCH, Request(department="环卫所"), now=when)
    out = tmp_path / "月报.xlsx"
    request = ReportRequest(
        parse_period("2026-11"), actor=SECRETARY, as_of=datetime(2026, 11, 30, 18, tzinfo=SH)
    )
    export_report(db, "monthly-cases", request, out)
    ws = load_workbook(out, read_only=True)["按社区"]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert any(f"填报单位：{CENTER}" in c for c in cells), cells[:12]
    assert "春华社区" in cells and "永丰社区" in cells
    grid_ws = load_workbook(out, read_only=True)["按网格"]
    grid_rows = [r for r in grid_ws.iter_rows(values_only=True) if "21050200300202" in r]
    assert len(grid_rows) == 1 and 1 in grid_rows[0]  # the case is counted in its grid
    qtmodeltester.check(wizard.check_page.problems)


MISTAKES: dict[str, list[dict[str, Any]]] = {
    "街道": [STREET_ROW],
    "社区": [
        COMMUNITIES[0],
        {"社区编码": "210502003001", "社区名称": "重复社区", "常住人口": 10, "户数": 5},
        {"社区编码": "210502003003", "社区名称": "", "常住人口": 100, "户数": 40},
    ],
    "网格": [
        GRIDS[0],
        {**GRIDS[1], "网格编码": "21050200309901"},  # not under 所属社区编码
        {**GRIDS[2], "常住人口": "三千"},  # population as text
    ],
    "部门": DEPARTMENTS[:2],
}


def test_template_with_mistakes_lists_every_problem_and_writes_nothing(
    db: Database,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    before = snapshot(db)
    wizard = first_start_dialog(db, ADMIN)
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    wizard.show()
    # …and a merged header cell (the 部门 sheet's first two headers).
    write_and_check(qtbot, wizard, monkeypatch, tmp_path, MISTAKES, merge="部门")

    page = wizard.check_page
    assert page.problem_view.isVisible() and not page.preview.isVisible()
    problems = page.problems.rows
    text = "\n".join(f"{p.sheet} {p.row} {p.column} {p.message}" for p in problems)
    # Data rows start at row 4 (row 2 the headers, row 3 the example).
    where = {(p.sheet, p.row) for p in problems}
    assert {("社区", 5), ("社区", 6), ("网格", 5), ("网格", 6)} <= where, text
    assert any(p.sheet == "部门" for p in problems), text  # the merged header
    assert any("21050200309901" in p.message for p in problems), text  # not under its community
    assert "没有写入任何数据" in page.headline.text()
    assert page.problems.rowCount() == len(problems)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    qtmodeltester.check(page.problems)
    assert snapshot(db) == before


class _Stop(Exception):
    pass


def test_the_window_offers_the_setup_right_after_signing_in(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.app import main

    asked: list[tuple[str, Actor]] = []

    def signed_in(db: Database, parent: object = None, username: str = "") -> Actor:
        asked.append(("sign_in", ADMIN))
        return ADMIN

    def first_start(db: Database, actor: Actor) -> None:
        with db.read() as session:
            assert needs_setup(session)
        asked.append(("setup", actor))
        raise _Stop  # before the main window

    monkeypatch.setattr("desktop.shell.sign_in.sign_in", signed_in)
    monkeypatch.setattr("desktop.setup.first_start.run_first_start", first_start)
    with pytest.raises(_Stop):
        main(["--db", str(tmp_path / "new.sqlite")])
    assert asked == [("sign_in", ADMIN), ("setup", ADMIN)]


def test_only_an_administrator_gets_the_wizard(db: Database, qtbot: QtBot) -> None:
    box = first_start_dialog(db, DISPATCHER)
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert "管理员" in box.text() and "\n" not in box.text()


def test_communities_tab_lists_adds_edits_and_reimports(
    admin_ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    db = admin_ctx.db
    dialog = MasterDataDialog(admin_ctx)
    qtbot.addWidget(dialog)
    tab = dialog.communities_tab
    dialog.tabs.setCurrentIndex(dialog.community_tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(tab.model)
    assert [tab.model.text(0, c) for c in range(4)] == ["210504002001", "锦峪社区", "8200", "3100"]

    form = tab.add_community()
    form.code.setText("210504002003")
    form.name.setText("东光社区")
    form.population.setValue(5000)
    form.households.setValue(1900)
    form.accept()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10_000)
    assert "东光社区" in dialog.message.text()

    tab.table.selectRow(0)
    edit = tab.edit_community()
    assert edit is not None and edit.code.isReadOnly()
    edit.population.setValue(8300)
    edit.accept()
    qtbot.waitUntil(lambda: tab.model.text(0, 2) == "8300", timeout=10_000)

    refused = tab.add_community()
    refused.code.setText("210504099001")  # under no street of this database
    refused.name.setText("外街社区")
    before = snapshot(db)
    refused.accept()
    qtbot.waitUntil(lambda: "210504099001" in dialog.message.text(), timeout=10_000)
    assert snapshot(db) == before

    # 写出建街模板… then 从模板导入…: the street's own codes update, a new grid is added,
    # nothing duplicates.
    template = tmp_path / "t.xlsx"
    choose_files(monkeypatch, template, None)
    qtbot.mouseClick(tab.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "建街模板已写出" in dialog.message.text(), timeout=10_000)
    assert load_workbook(template, read_only=True).sheetnames == ["街道", "社区", "网格", "部门"]
    update: dict[str, list[dict[str, Any]]] = {
        "街道": [
            {
                **STREET_ROW,
                "区县编码": "210504",
                "区县名称": "明山区",
                "街道编码": "210504002",
                "街道名称": "新明街道",
            }
        ],
        "社区": [
            {"社区编码": "210504002001", "社区名称": "锦峪社区", "常住人口": 8400, "户数": 3150}
        ],
        "网格": [
            {
                "网格编码": "21050400200103",
                "网格名称": "第03网格",
                "所属社区编码": "210504002001",
                "常住人口": 100,
                "户数": 40,
            }
        ],
        "部门": DEPARTMENTS[:1],
    }
    filled = fill_template(template, tmp_path / "更新.xlsx", update)
    wizard = tab.import_template()
    assert wizard.windowTitle() == "从模板导入基础数据"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    choose_files(monkeypatch, None, filled)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.mouseClick(wizard.template_page.open_button, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    counts = wizard.check_page.counts
    assert (counts.count("社区", 2), counts.count("网格", 1), counts.count("网格", 3)) == (1, 1, 0)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.DONE, timeout=20_000)
    qtbot.waitUntil(lambda: "已从模板导入" in dialog.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: tab.model.text(0, 2) == "8400", timeout=10_000)
    assert tab.model.rowCount() == 3 and tab.model.text(0, 4) == "3"
    qtbot.waitUntil(lambda: admin_ctx.settings.center_name == CENTER, timeout=10_000)

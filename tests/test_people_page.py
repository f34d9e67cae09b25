"""The 人员 page driven through its widgets: every roster's add / edit / retire through the
dialogs, history, reveal, vacancies, staffing in red, the pay table and the import wizard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import Database
from db.models import AuditEntry, CommunityWorker, PayScale, Person
from db.people.roster_kinds import Kind
from db.security.actors import Actor, Role
from desktop.core.context import AppContext
from desktop.people.import_wizard import ImportWizard
from desktop.people.people_models import RED
from desktop.people.people_page import PeoplePage
from desktop.people.roster_tab import RosterTab
from tests.street import GRID_A1
from tests.test_roster_import import HEADERS, bad_rows, build_sheet, with_footer, worker_rows
from tests.test_rosters import CASES

LEFT = Qt.MouseButton.LeftButton

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(role_ctx: Callable[[Role], AppContext]) -> AppContext:
    """The secretary (文书), who keeps the rosters."""
    return role_ctx(Role.SECRETARY)


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot) -> PeoplePage:
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitUntil(ctx.tasks.is_idle)
    return widget


def _idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle)


def _add(qtbot: QtBot, tab: RosterTab, raw: dict[str, object]) -> None:
    before = tab.model.rowCount()
    dialog = tab.add_entry()
    for name, value in raw.items():
        dialog.set_value(name, str(value))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 1)
    assert not dialog.isVisible()


@pytest.mark.parametrize("kind", list(Kind))
def test_add_edit_retire_through_dialogs(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, qtmodeltester, kind: Kind
) -> None:
    tab = page.rosters[kind]
    page.tabs.setCurrentWidget(tab)
    raw, edit, shown = CASES[kind]
    _add(qtbot, tab, raw)
    qtmodeltester.check(tab.model)
    row = tab.model.rows[0]
    assert any("****" in c for c in row.cells)  # masked in the table

    tab.select_row(0)
    dialog = tab.edit_selected()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isEnabled() and bool(dialog.initial))
    for name, value in edit.items():
        dialog.set_value(name, str(value))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: any(shown in c for r in tab.model.rows for c in r.cells))

    tab.select_row(0)
    history = tab.show_history()
    assert history is not None
    qtbot.waitUntil(lambda: history.model.rowCount() >= 2)
    qtmodeltester.check(history.model)
    assert history.model.index(0, 2).data() == "新增"
    history.accept()

    tab.select_row(0)
    retire = tab.retire_selected()
    assert retire is not None
    retire.reason.setText("调离")
    qtbot.mouseClick(retire.ok_button, LEFT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    tab.retired.setChecked(True)
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 1)
    assert all(not r.active for r in tab.model.rows)


def test_dialog_shows_refusal_and_writes_nothing(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, street: Database
) -> None:
    tab = page.rosters[Kind.SENT_DOWN]
    dialog = tab.add_entry()
    raw = CASES[Kind.SENT_DOWN][0] | {"planned_end": "2025-03-01"}
    for name, value in raw.items():
        dialog.set_value(name, str(value))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "下沉期限至少 2 年" in dialog.error.text()
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    with street.read() as s:
        assert s.scalar(select(func.count(Person.id))) == 0
    dialog.set_value("planned_end", "2026-03-01")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)


def test_vacancies_listed_and_filled(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, qtmodeltester
) -> None:
    tab = page.rosters[Kind.GRID_STAFF]
    assert tab.vacancy_model is not None
    assert tab.vacancy_model.rowCount() == 4
    qtmodeltester.check(tab.vacancy_model)
    _add(qtbot, tab, CASES[Kind.GRID_STAFF][0])  # a 网格长 in GRID_A1
    qtbot.waitUntil(
        lambda: tab.vacancy_model is not None and tab.vacancy_model.rows[0].text == "网格员"
    )
    assert tab.vacancy_model.rows[0].grid_code == GRID_A1
    assert "空缺网格：4 个" in tab.vacancy_label.text()


def test_search_and_community_filter(page: PeoplePage, ctx: AppContext, qtbot: QtBot) -> None:
    tab = page.rosters[Kind.COMMUNITY_WORKER]
    base = CASES[Kind.COMMUNITY_WORKER][0]
    from tests.test_rosters import person

    _add(qtbot, tab, base)
    _add(qtbot, tab, base | person(40, "王新明") | {"community": "新明社区"})
    tab.search.setText("王")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.rows[0].cells[0] == "王新明"
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.community.setCurrentIndex(tab.community.findText("锦峪社区"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.rows[0].cells[0] == "张三"


def test_reveal_is_audited(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, street: Database
) -> None:
    tab = page.rosters[Kind.PARTY_CHECKIN]
    _add(qtbot, tab, CASES[Kind.PARTY_CHECKIN][0])
    tab.select_row(0)
    qtbot.mouseClick(tab.reveal_button, LEFT)
    asked = tab.dialog  # the reason is asked first
    assert asked is not None and asked.isVisible() and "审计" in asked.labelText()
    asked.setTextValue("核对报到信息")
    asked.accept()
    qtbot.waitUntil(lambda: "13812345678" in tab.info.text())
    assert "已记入审计日志" in tab.info.text()
    with street.read() as s:
        reveals = s.scalars(select(AuditEntry).where(AuditEntry.action == "personal.reveal")).all()
        assert len(reveals) == 2  # ID number and phone
        assert {(e.details or {}).get("reason") for e in reveals} == {"核对报到信息"}


def test_staffing_shortfalls_in_red(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, qtmodeltester
) -> None:
    model = page.staffing.model
    assert model.rowCount() == 3  # two communities and the street
    qtmodeltester.check(model)
    assert model.index(0, 9).data() == "缺 16 人"  # 锦峪: ⌈3,100 / 200⌉ = 16 > ⌈14.76⌉ = 15
    assert model.index(0, 9).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert model.index(2, 9).data() == "缺 39 人"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    # A worker added on the roster tab lowers the shortfall.
    _add(qtbot, page.rosters[Kind.COMMUNITY_WORKER], CASES[Kind.COMMUNITY_WORKER][0])
    qtbot.waitUntil(lambda: model.index(0, 9).data() == "缺 15 人")
    assert model.index(0, 3).data() == "1"


def test_pay_table_edit(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, qtmodeltester, street: Database
) -> None:
    model = page.pay.model
    assert (model.rowCount(), model.columnCount()) == (38, 3)
    qtmodeltester.check(model)
    index = model.index(11, 1)  # 二档 12 级
    assert index.data() == "未设置"
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(page.pay.saved):
        model.setData(index, "4680.5")
    assert model.index(11, 1).data() == "4680.50"
    with street.read() as s:
        assert s.get(PayScale, (2, 12)) is not None
    model.setData(model.index(0, 0), "abc")
    qtbot.waitUntil(lambda: "应为金额" in page.pay.error.text())
    assert model.rowCount(model.index(0, 0)) == 0 and not QModelIndex().isValid()


def _wizard(tab: RosterTab, path: Path, qtbot: QtBot) -> ImportWizard:
    wizard = tab.open_import()
    wizard.set_file(path)
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.check_button, LEFT)
    return wizard


def test_import_wizard_mapping_problems_valid_only(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, qtmodeltester, tmp_path: Path, street: Database
) -> None:
    tab = page.rosters[Kind.COMMUNITY_WORKER]
    headers = [h if h != "职务" else "工作岗位名称" for h in HEADERS]
    path = build_sheet(tmp_path / "锦峪.xlsx", worker_rows() + bad_rows(), headers=headers)
    wizard = _wizard(tab, path, qtbot)
    assert wizard.stack.currentIndex() == wizard.MAPPING
    assert set(wizard.mapping_combos) == {"工作岗位名称", "家庭住址"}
    wizard.choose_mapping("工作岗位名称", "post")
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.recheck_button, LEFT)
    assert wizard.stack.currentIndex() == wizard.PROBLEMS
    qtmodeltester.check(wizard.problem_model)
    problems = wizard.problem_model.problems
    assert {p.row for p in problems} == {11, 12, 13}
    assert "有效 5 行，有问题 3 行" in wizard.summary.text()
    assert not wizard.import_button.isEnabled()  # all or nothing, and there are problems
    with street.read() as s:
        assert s.scalar(select(func.count(Person.id))) == 0
    wizard.valid_only.setChecked(True)
    assert wizard.import_button.isEnabled() and "5 行" in wizard.import_button.text()
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.import_button, LEFT)
    assert wizard.stack.currentIndex() == wizard.DONE
    assert "新增 5 条" in wizard.result_label.text()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5)
    qtbot.waitUntil(lambda: page.staffing.model.index(0, 3).data() == "3")  # 张三, 李四, 王五
    wizard.accept()

    # The same file again: updates, no duplicates.
    wizard = _wizard(tab, path, qtbot)
    wizard.choose_mapping("工作岗位名称", "post")
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.recheck_button, LEFT)
    wizard.valid_only.setChecked(True)
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.import_button, LEFT)
    assert "新增 0 条" in wizard.result_label.text() and "无变化 5 条" in wizard.result_label.text()
    with street.read() as s:
        assert s.scalar(select(func.count(CommunityWorker.id))) == 5


def test_import_wizard_lists_the_ignored_footer_rows(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, tmp_path: Path, street: Database
) -> None:
    tab = page.rosters[Kind.COMMUNITY_WORKER]
    path, footer = with_footer(build_sheet(tmp_path / "锦峪.xlsx", worker_rows()))
    wizard = _wizard(tab, path, qtbot)
    assert wizard.stack.currentIndex() == wizard.MAPPING  # 家庭住址 is not a roster field
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.recheck_button, LEFT)
    assert wizard.stack.currentIndex() == wizard.PROBLEMS
    listed = [
        "已忽略的签名或说明行（未导入）：",
        f"第 {footer[0]} 行「填表人:张三 审核人:李四」",
        f"第 {footer[1]} 行「(盖章)」",
        f"第 {footer[2]} 行「填报日期:2026年11月20日 负责人: 王五」",
        f"第 {footer[3]} 行「注:身份证号请填写 18 位」",
    ]
    assert wizard.ignored_label.isVisibleTo(wizard)
    assert wizard.ignored_label.text().splitlines() == listed
    assert "忽略签名或说明行 4 行" in wizard.summary.text()
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.import_button, LEFT)
    assert wizard.stack.currentIndex() == wizard.DONE
    assert wizard.result_ignored.isVisibleTo(wizard)
    assert wizard.result_ignored.text().splitlines() == listed
    wizard.accept()

    # A file without such rows shows no list.
    wizard = _wizard(tab, build_sheet(tmp_path / "干净.xlsx", worker_rows()), qtbot)
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.recheck_button, LEFT)
    assert not wizard.ignored_label.isVisibleTo(wizard) and wizard.ignored_label.text() == ""
    wizard.reject()


def test_import_wizard_refuses_bad_file(
    page: PeoplePage, ctx: AppContext, qtbot: QtBot, tmp_path: Path, street: Database
) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    wizard = _wizard(page.rosters[Kind.GRID_STAFF], path, qtbot)
    assert wizard.stack.currentIndex() == wizard.CHOOSE
    assert wizard.choose_error.text() == "「名单.xlsx」不是 Excel 工作簿（.xlsx），拒绝导入"
    with street.read() as s:
        assert s.scalar(select(func.count(Person.id))) == 0


def test_read_only_role_cannot_edit(street: Database, qtbot: QtBot) -> None:
    leader = AppContext.create(street, Actor("boss", "李主任", Role.LEADER), start_feed=False)
    try:
        widget = PeoplePage(leader)
        qtbot.addWidget(widget)
        qtbot.waitUntil(leader.tasks.is_idle)
        tab = widget.rosters[Kind.COMMUNITY_WORKER]
        assert not tab.add_button.isEnabled() and not tab.import_button.isEnabled()
        assert not tab.reveal_button.isVisibleTo(widget)
        assert not widget.pay.model.flags(widget.pay.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    finally:
        leader.close()


def test_role_without_roster_access_sees_a_notice(street: Database, qtbot: QtBot) -> None:
    desk = AppContext.create(street, Actor("d", "调度员", Role.DISPATCHER), start_feed=False)
    messages: list[str] = []
    desk.signals.message.connect(messages.append)
    try:
        widget = PeoplePage(desk)
        qtbot.addWidget(widget)
        qtbot.waitUntil(desk.tasks.is_idle)
        assert widget.denied.isVisibleTo(widget) and not widget.tabs.isVisibleTo(widget)
        assert messages == []
    finally:
        desk.close()

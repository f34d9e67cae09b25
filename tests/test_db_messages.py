"""db/'s messages in the English window (desktop/common/db_messages.py): every sentence a raise
site of db/ or reports/ can make has an English template, the values are filled in (and
translated when they are domain words or messages themselves), and the sign-in dialog shows
a wrong password in English."""

from __future__ import annotations

import importlib.util
import re
import string
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from db.cases.states import ACTION_LABELS, STATUS_LABELS, Action, Status
from db.engine import Database
from db.errors import IllegalTransition, StaleCase, ValidationError
from db.people.roster_import import IGNORE
from db.people.roster_kinds import Kind
from db.security.accounts import add_user
from db.security.actors import Role
from desktop.common.db_message_templates import TEMPLATES
from desktop.common.db_messages import CONTEXT, db_message_text
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.core.i18n import install_translators
from desktop.people.people_page import PeoplePage
from desktop.shell.sign_in import SignInDialog
from tests.test_roster_import import bad_rows, build_sheet, worker_rows

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _script() -> ModuleType:
    path = REPO / "scripts" / "db_message_templates.py"
    spec = importlib.util.spec_from_file_location("db_message_templates_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fields(template: str) -> list[tuple[str, str | None]]:
    return [(literal, field) for literal, field, _, _ in string.Formatter().parse(template)]


def test_every_sentence_db_raises_is_a_template() -> None:
    """A new or changed message in db/ or reports/ reaches the templates (and so the .ts)."""
    assert list(TEMPLATES) == _script().templates(), (
        "run `make translations` and translate the new DbMessages in griddesk_en.ts"
    )


def test_the_hand_kept_templates_are_still_db_s_wording() -> None:
    """The templates the scan cannot find (composed in db/errors.py, kept in a constant) are
    listed by hand: each of their literal parts is still in db/'s source."""
    sources = "".join(
        path.read_text(encoding="utf-8") for path in sorted((REPO / "db").rglob("*.py"))
    )
    for template in _script().EXTRA:
        for literal, _field in _fields(template):
            # a sentence joined on with "：{detail}" or "；{hint}" is written in two pieces
            for piece in re.split("[；：]", literal.replace("{{", "{").replace("}}", "}")):
                assert piece in sources, (template, piece)


def test_the_scan_finds_raise_sites_helpers_and_assigned_failures(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "db" / "sample.py").write_text(
        "def check(x):\n"
        "    if x:\n"
        '        raise ValueError(f"编号 {x} 不存在")\n'
        '    failure = "密码错误"\n'
        '    note = "备注不是错误"\n'
        "def name_problem(n):\n"
        '    return f"名称「{n}」过长" if n else None\n',
        encoding="utf-8",
    )
    found = _script().templates(tmp_path)
    assert "编号 {0} 不存在" in found
    assert "密码错误" in found
    assert "名称「{0}」过长" in found
    assert "备注不是错误" not in found


def test_each_template_comes_back_in_english_with_its_values(english: None) -> None:
    """Each template filled with sample values reads as its English template with the same
    values (a template with two values side by side cannot be split and is left out)."""
    checked = 0
    for template in TEMPLATES:
        parts = _fields(template)
        values = [f"<v{i}>" for i, (_, field) in enumerate(parts) if field is not None]
        english_template = QCoreApplication.translate(CONTEXT, template)
        assert english_template != template or not CJK.search(template), template
        if any(literal == "" and i > 0 for i, (literal, _) in enumerate(parts)):
            # "{0}{1}号": the values cannot be told apart, so the English keeps them together
            for i, (literal, field) in enumerate(parts):
                if literal == "" and i > 0:
                    pair = f"{{{parts[i - 1][1]}}}{{{field}}}"
                    assert pair in english_template, (template, english_template)
            continue
        # Chinese in the English only where it names the words a user types (男 (male))
        left = [run for run in CJK_RUN.findall(english_template) if run not in template]
        assert not left, f"Chinese left in the English of {template!r}: {english_template!r}"
        message = template.format(*values)
        assert db_message_text(message) == english_template.format(*values), template
        checked += 1
    assert checked >= len(TEMPLATES) - 5


def test_domain_words_and_inner_messages_are_translated(english: None) -> None:
    closed, dispatch = STATUS_LABELS[Status.CLOSED], ACTION_LABELS[Action.DISPATCH]
    illegal = IllegalTransition("20261201000123", closed, dispatch, "案件 20261201000124 不存在")
    assert error_text(illegal) == (
        'Case 20261201000123 is "Closed", so "Dispatch" is not possible: '
        "Case 20261201000124 does not exist"
    )
    stale = StaleCase("20261201000123", STATUS_LABELS[Status.ACCEPTED], dispatch)
    assert error_text(stale).startswith('Case 20261201000123 was changed by someone else (now "')
    assert not CJK.search(error_text(stale))
    # problems joined by "；" are translated one by one
    joined = ValidationError("请填写事发地址；请填写问题描述")
    assert error_text(joined) == "Please enter the address; Please enter the description"
    # names and free text stay as they are; a sentence no template makes stays Chinese
    assert (
        db_message_text("部门「城管执法中队」不存在") == 'Department "城管执法中队" does not exist'
    )
    assert db_message_text("没有模板的一句话") == "没有模板的一句话"
    # an import's problems: a roster field inside one, a field label as a whole value
    assert db_message_text("缺少姓名") == "Name is missing"
    assert db_message_text("原因不能为空") == "The reason cannot be empty"
    assert (
        db_message_text("档应在 1–3 之间，实为 4") == "Pay tier should be between 1 and 3, but is 4"
    )


def test_awkward_values_keep_their_place(english: None) -> None:
    """An empty value, an action that is also a status, a role, a list whose reasons hold
    values, and a text without Chinese."""
    assert db_message_text("网格编码「」的网格序号不能为 0") == (
        'The grid number in grid code "" cannot be 0'
    )
    suspend = ACTION_LABELS[Action.SUSPEND]  # 挂账: the action Suspend, the status Suspended
    refused = str(IllegalTransition("20261201000123", STATUS_LABELS[Status.CLOSED], suspend))
    assert db_message_text(refused) == (
        'Case 20261201000123 is "Closed", so "Suspend" is not possible'
    )
    stale = str(StaleCase("20261201000123", STATUS_LABELS[Status.SUSPENDED], suspend))
    assert '(now "Suspended")' in db_message_text(stale)
    assert db_message_text("调度员「李明」无权维护部门") == (
        'Dispatcher "李明" is not permitted to maintain departments'
    )
    # a reason of the list that ends in a value does not swallow the next ones
    listed = "第 5 条记录的内容被改动过；第 9 号流转记录属于不存在的案件"
    assert db_message_text(listed) == (
        "Entry 5 has been altered; History entry no. 9 belongs to a case that does not exist"
    )
    assert db_message_text("审计日志完整，共 12 条记录") == "The audit log is intact: 12 entries"
    assert db_message_text("C:/data/griddesk.db") == "C:/data/griddesk.db"


def test_chinese_window_shows_db_messages_unchanged(qapp: QApplication) -> None:
    translators = install_translators(qapp, "zh_CN")
    try:
        for message in ("案件 20261201000123 不存在", "请填写事发地址；请填写问题描述"):
            assert db_message_text(message) == message
            assert error_text(ValidationError(message)) == message
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_wrong_password_is_said_in_english(db: Database, qtbot: QtBot, english: None) -> None:
    with db.write() as session:
        add_user(session, "admin", "admin", "Grid2026desk")
    dialog = SignInDialog(db, "admin")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "wrong-pass1")
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.error_label.text() == "Wrong user name or password", timeout=10_000
    )


def test_roster_import_problems_are_listed_in_english(
    role_ctx: Callable[[Role], AppContext],
    street: Database,
    qtbot: QtBot,
    tmp_path: Path,
    english: None,
) -> None:
    ctx = role_ctx(Role.SECRETARY)
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(ctx.tasks.is_idle)
    wizard = page.rosters[Kind.COMMUNITY_WORKER].open_import()
    wizard.set_file(build_sheet(tmp_path / "有错.xlsx", worker_rows() + bad_rows()))
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.check_button, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == wizard.MAPPING  # 家庭住址 is no roster field
    for header in wizard.mapping_combos:
        wizard.choose_mapping(header, IGNORE)
    with qtbot.waitSignal(wizard.checked):
        qtbot.mouseClick(wizard.recheck_button, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == wizard.PROBLEMS
    model = wizard.problem_model
    reasons = [model.index(row, 2).data() for row in range(model.rowCount())]
    assert "Pay tier should be between 1 and 3, but is 4" in reasons
    assert "Name is missing" in reasons
    assert all(not CJK.search(reason) for reason in reasons if "社区" not in reason), reasons
    assert wizard.summary.text().startswith(
        '"有错.xlsx", Community workers: 8 data rows, 5 valid, 3 with problems (6 problems)'
    ), wizard.summary.text()
    wizard.reject()

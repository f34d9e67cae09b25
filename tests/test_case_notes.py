"""Case notes (内部备注) and call log lines (回访/催办 电话): stored in order with their author,
audited, refused when bad, never in a return; shown in the case pane; the CLI verbs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.cases.intake import report_case
from db.cases.notes import NOTE_MAX_CHARS, add_note, case_notes, log_call
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import AuditEntry, Case, CaseNote
from db.security.actors import Role
from reports.period import parse_period
from reports.registry import export_report
from reports.request import ReportRequest
from tests.actors import BY_ROLE, DISPATCHER, LEADER, SECRETARY
from tests.report_cases import AS_OF
from tests.street import GRID_A1


def _case(db: Database) -> str:
    return report_case(db, grid_code=GRID_A1, category_code="0101", description="备注测试")


def test_notes_and_calls_in_order_with_author_audited(street: Database) -> None:
    number = _case(street)
    with street.write() as s:
        add_note(s, DISPATCHER, number, "  已电话联系物业，明早处理  ")
        add_note(s, LEADER, number, "请跟进")  # whoever sees a case may comment on it
        log_call(
            s, DISPATCHER, number, "回访", "反映人", "满意", phone="13812345678", text="已解决"
        )
    with street.read() as s:
        notes = case_notes(s, number)
        audited = s.scalars(
            select(AuditEntry.action).where(AuditEntry.object_id == number).order_by(AuditEntry.id)
        ).all()
    assert [(n.author_label, n.kind, n.text) for n in notes] == [
        ("李明", "note", "已电话联系物业，明早处理"),
        ("李主任", "note", "请跟进"),
        ("李明", "call", "已解决"),
    ]
    call = notes[2]
    assert (call.call_label, call.called, call.outcome) == ("回访", "反映人", "满意")
    assert call.masked_phone == "138****5678" and call.to_json()["phone"] == "138****5678"
    assert audited[-3:] == ["case.note", "case.note", "case.call"]


def test_bad_notes_and_calls_write_nothing(street: Database) -> None:
    number = _case(street)
    attempts: list[tuple[Any, str]] = [
        (lambda s: add_note(s, DISPATCHER, number, "   "), "不能为空"),
        (lambda s: add_note(s, DISPATCHER, number, "长" * (NOTE_MAX_CHARS + 1)), "过长"),
        (lambda s: add_note(s, DISPATCHER, number, "a\x1bb"), "控制字符"),
        (lambda s: log_call(s, DISPATCHER, number, "咨询", "反映人", "满意"), "电话类型"),
        (lambda s: log_call(s, DISPATCHER, number, "催办", "燃气公司", "很好"), "通话结果"),
        (lambda s: log_call(s, DISPATCHER, number, "催办", " ", "已接通"), "通话对象"),
        (lambda s: log_call(s, DISPATCHER, number, "催办", "x", "已接通", phone="1" * 40), "过长"),
    ]
    for attempt, words in attempts:
        with pytest.raises(ValidationError, match=words), street.write() as s:
            attempt(s)
    with pytest.raises(PermissionDenied), street.write() as s:  # 文书 does not do 催办
        log_call(s, SECRETARY, number, "催办", "燃气公司", "已接通")
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseNote)) == 0


@pytest.mark.parametrize("role", list(BY_ROLE))
def test_every_role_that_reads_cases_may_note(street: Database, role: Role) -> None:
    number = _case(street)
    with street.write() as s:
        add_note(s, BY_ROLE[role], number, f"{role.value} 的备注")
    with street.read() as s:
        assert [n.author for n in case_notes(s, number)] == [BY_ROLE[role].username]


def test_notes_never_reach_a_return(cases: Database, tmp_path: Path) -> None:
    with cases.write() as s:
        numbers = s.scalars(select(Case.number)).all()
        for number in numbers:
            add_note(s, DISPATCHER, number, f"内部备注-机密-{number}")
            log_call(s, DISPATCHER, number, "催办", "环卫所", "未接通", text=f"内部通话-{number}")
    for kind in ("monthly-cases", "case-details"):
        out = tmp_path / f"{kind}.xlsx"
        request = ReportRequest(parse_period("2026-10"), as_of=AS_OF, actor=BY_ROLE[Role.LEADER])
        export_report(cases, kind, request, out)
        workbook = load_workbook(out, read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        workbook.close()
        assert cells, kind
        assert not [c for c in cells if "内部备注" in c or "内部通话" in c], kind


def test_cli_note_notes_and_call(street: Database, cli_login: Any, capsys: Any) -> None:
    from desktop.cli.main import main

    number = _case(street)
    user = ["--db", street.engine.url.render_as_string(hide_password=False)]
    user += cli_login(street, "dispatcher")
    assert main([*user, "case", "note", number, "--text", "物业已到场"]) == 0
    call = ["case", "call", number, "--kind", "催办", "--to", "燃气公司", "--phone", "024-23456789"]
    assert main([*user, *call, "--outcome", "已接通", "--text", "答应两小时内到"]) == 0
    assert (
        main([*user, "case", "call", number, "--kind", "催办", "--to", "x", "--outcome", "?"]) != 0
    )
    capsys.readouterr()
    assert main([*user, "case", "notes", number]) == 0
    text = capsys.readouterr().out
    assert "物业已到场" in text and "催办" in text and "024-****6789" in text
    assert "23456789" not in text
    assert main([*user, "case", "notes", number, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in rows] == ["note", "call"]
    assert rows[1]["author_name"] == "测试调度员" and rows[1]["phone"] == "024-****6789"


def test_pane_shows_the_thread_and_adds_a_note(
    qtbot: Any, make_ctx: Any, street: Database, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from desktop.cases.case_detail import CaseDetailPane

    number = _case(street)
    with street.write() as s:
        log_call(s, DISPATCHER, number, "回访", "反映人", "未接通", phone="13812345678")
    ctx = make_ctx(street, DISPATCHER)
    pane = CaseDetailPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(560, 900)
    pane.show()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show_case(number)
    section = pane.notes_section
    assert section is not None and len(section.entries) == 1
    assert "回访电话" in section.entries[0].text() and "138****5678" in section.entries[0].text()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        section.edit.insertPlainText("物业下午来人")  # QTest types ASCII only
        qtbot.keyClick(section.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    section = pane.notes_section
    assert section is not None
    thread = [label.text() for label in section.entries]
    assert len(thread) == 2 and "物业下午来人" in thread[1] and "李明" in thread[1]
    timeline = [
        label.text()
        for label in pane.findChildren(type(section.entries[0]), "timelineNote")
        if label.parent() is not section
    ]
    assert any("物业下午来人" in text for text in timeline)  # also among the history
    pane.grab().save(str(tmp_path / "notes.png"))

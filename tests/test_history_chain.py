"""The case history is tamper-evident: `audit verify` names an edited, a deleted and an inserted
history entry (流转记录), on both databases; every write of history goes through the chain."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, update

from db.cases.history_chain import verify_history
from db.cases.intake import report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import Case, CaseEvent
from tests.actors import DISPATCHER

ROOT = Path(__file__).resolve().parent.parent


def _case_with_history(db: Database) -> tuple[str, list[int]]:
    number = report_case(
        db,
        grid_code=_any_grid(db),
        category_code="0101",
        description="路灯不亮",
        actor=DISPATCHER,
    )
    apply(db, number, Action.REGISTER, actor=DISPATCHER)
    apply(db, number, Action.DISPATCH, Request(reason="请尽快处理"), actor=DISPATCHER)
    apply(db, number, Action.RETURN, Request(reason="不属于本部门"), actor=DISPATCHER)
    with db.read() as s:
        case_id = s.scalar(select(Case.id).where(Case.number == number))
        ids = list(
            s.scalars(
                select(CaseEvent.id).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            )
        )
    return number, ids


def _any_grid(db: Database) -> str:
    from db.models import Grid

    with db.read() as s:
        code = s.scalar(select(Grid.code).order_by(Grid.code).limit(1))
    assert code is not None
    return code


def _verify(db: Database) -> tuple[bool, str]:
    with db.read() as s:
        report = verify_history(s)
    return report.ok, report.reason


def test_intact_history_verifies(street: Database) -> None:
    _case_with_history(street)
    ok, reason = _verify(street)
    assert ok, reason
    assert "流转记录完整" in reason


def test_edited_return_note_is_named(street: Database) -> None:
    number, ids = _case_with_history(street)
    with street.write() as s:
        s.execute(update(CaseEvent).where(CaseEvent.id == ids[-1]).values(note="部门已处理"))
    ok, reason = _verify(street)
    assert not ok
    assert f"案件 {number} 的第 4 条流转记录" in reason and "改动" in reason


def test_deleted_entries_are_named(street: Database) -> None:
    number, ids = _case_with_history(street)
    with street.write() as s:
        s.execute(delete(CaseEvent).where(CaseEvent.id == ids[1]))
    ok, reason = _verify(street)
    assert not ok and f"案件 {number} 的第 2 条流转记录与前一条不衔接" in reason

    with street.write() as s:
        s.execute(delete(CaseEvent).where(CaseEvent.id == ids[-1]))
    ok, reason = _verify(street)
    assert not ok and "末尾有记录被删除" in reason


def test_inserted_entry_is_named(street: Database) -> None:
    number, ids = _case_with_history(street)
    with street.write() as s:
        last = s.get_one(CaseEvent, ids[-1])
        s.execute(
            insert(CaseEvent).values(
                case_id=last.case_id,
                at=last.at,
                actor="mallory",
                action="feedback",
                from_status=last.to_status,
                to_status="fed_back",
                note="已处理",
                prev_hash=last.hash,
                hash="f" * 64,
            )
        )
    ok, reason = _verify(street)
    assert not ok and f"案件 {number} 的第 5 条流转记录" in reason


def test_cli_audit_verify_names_the_entry(
    street: Database, cli_login: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    number, ids = _case_with_history(street)
    args = ["--db", street.engine.url.render_as_string(hide_password=False), *cli_login(street)]
    assert main([*args, "audit", "verify"]) == 0
    with street.write() as s:
        s.execute(update(CaseEvent).where(CaseEvent.id == ids[2]).values(actor="someone"))
    capsys.readouterr()
    assert main([*args, "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert f"案件 {number} 的第 3 条流转记录" in err


def test_only_the_chain_writes_history() -> None:
    """No module but db/cases/history_chain.py inserts into case_events (an unsealed entry would
    be reported as inserted by `audit verify`)."""
    offenders = []
    for path in [*ROOT.glob("db/**/*.py"), *ROOT.glob("reports/**/*.py")]:
        if path.name == "history_chain.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "insert"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "CaseEvent"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "CaseEvent":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_upgrade_seals_existing_history(tmp_path: Path) -> None:
    """A database from before the chain: the upgrade seals every case's history, which then
    verifies, and a later edit is named."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from db.database import open_database
    from db.migrate import alembic_config
    from tests.street import build_street

    path = tmp_path / "old.sqlite"
    made = open_database(str(path))
    build_street(made)
    number, ids = _case_with_history(made)
    cfg = alembic_config()
    before = ScriptDirectory.from_config(cfg).get_revision("0017").down_revision
    assert isinstance(before, str)
    with made.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, before)
    made.dispose()

    upgraded = open_database(str(path), backup_into=tmp_path / "backups")
    ok, reason = _verify(upgraded)
    assert ok, reason
    with upgraded.write() as s:
        s.execute(update(CaseEvent).where(CaseEvent.id == ids[0]).values(note="改过"))
    ok, reason = _verify(upgraded)
    assert not ok and f"案件 {number} 的第 1 条流转记录" in reason
    upgraded.dispose()

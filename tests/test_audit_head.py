"""The audit log's head (audit_head, one row): every writer of the log moves it with its entry,
`audit verify` names a head that was edited or removed, the dispatch that finds the head moved
between its read and its write still chains its entry after the new head, a stale dispatch
writes nothing (the head stays), and the upgrade fills the head from the newest entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

import db.cases.workflow as workflow
from db.cases.states import Action
from db.cases.workflow import Request, apply, dispatch
from db.engine import Database
from db.models import AuditEntry, AuditHead, CaseEvent
from db.reference.settings_store import save_setting
from db.security.actors import SYSTEM
from db.security.audit import GENESIS, record_audit, verify_chain
from tests.actors import ADMIN
from tests.test_lean_dispatch_and_start import _registered


def _head(db: Database) -> tuple[int, str]:
    with db.read() as s:
        head = s.get_one(AuditHead, 1)
        return head.last_id, head.last_hash


def _last_entry(db: Database) -> tuple[int, str]:
    with db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        return last.id, last.hash


def _direct(db: Database) -> None:
    with db.write() as s:
        record_audit(s, ADMIN, "roster.edit", "person", 7, {"名": "张三"})


def _register(db: Database) -> None:
    _registered(db)  # 上报 and 立案: each its own audit entry, statement by statement


def _dispatch(db: Database) -> None:
    number, version = _registered(db)
    assert dispatch(db, [number], "环卫所", versions={number: version}).done


def _redispatch(db: Database) -> None:
    number, version = _registered(db)
    assert dispatch(db, [number], "环卫所", versions={number: version}).done
    apply(db, number, Action.REDISPATCH, Request("城管执法中队", reason="不属本所"))


def _setting(db: Database) -> None:
    with db.write() as s:
        save_setting(s, "warn_share", 0.6, ADMIN)


WRITERS: dict[str, Callable[[Database], None]] = {
    "record_audit": _direct,
    "report and register": _register,
    "dispatch": _dispatch,
    "redispatch": _redispatch,
    "setting": _setting,
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_keeps_the_head_on_the_newest_entry(street: Database, writer: str) -> None:
    with street.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    WRITERS[writer](street)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) > (before or 0)
        assert verify_chain(s).ok
    assert _head(street) == _last_entry(street)


def test_an_edited_head_is_named_by_audit_verify(
    street: Database, cli_login: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    _dispatch(street)
    args = ["--db", street.engine.url.render_as_string(hide_password=False), *cli_login(street)]
    assert main([*args, "audit", "verify"]) == 0
    with street.write() as s:
        s.execute(update(AuditHead).values(last_hash="f" * 64))
    with street.read() as s:
        report = verify_chain(s)
    assert not report.ok and "链头" in report.reason and "不一致" in report.reason
    capsys.readouterr()
    # The CLI's sign-in appends an entry after the edited head: the broken link is named.
    assert main([*args, "audit", "verify"]) == 2
    assert "审计日志校验失败" in capsys.readouterr().err


def test_the_last_entry_cut_off_is_named_by_the_head(street: Database) -> None:
    _dispatch(street)
    last_id, _hash = _last_entry(street)
    with street.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == last_id))
    with street.read() as s:
        report = verify_chain(s)
    assert not report.ok and "链头" in report.reason


def test_a_removed_head_is_named_and_made_again_by_the_next_entry(street: Database) -> None:
    _dispatch(street)
    with street.write() as s:
        s.execute(delete(AuditHead))
    with street.read() as s:
        report = verify_chain(s)
    assert not report.ok and "缺失" in report.reason
    _dispatch(street)  # the head is made again from the newest entry, the chain goes on
    with street.read() as s:
        assert verify_chain(s).ok
    assert _head(street) == _last_entry(street)


def test_a_head_moved_between_read_and_write_chains_the_entry_after_it(
    street: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another workstation appends to the audit log after the dispatch read the head with
    its case: the dispatch's one write statement leaves the log alone (the head is no longer
    the one read), and its entry is appended after the new head in the same transaction."""
    if street.is_sqlite:
        pytest.skip("SQLite: the head is read under the file's write lock, nobody can move it")
    number, version = _registered(street)
    other = Database(street.engine.url.render_as_string(hide_password=False))
    load = workflow.load_for_transition

    def load_then_append_elsewhere(*args: Any, **kwargs: Any) -> Any:
        loaded = load(*args, **kwargs)
        with other.write() as s:
            record_audit(s, SYSTEM, "roster.edit", "person", 1)
        return loaded

    monkeypatch.setattr(workflow, "load_for_transition", load_then_append_elsewhere)
    try:
        assert dispatch(street, [number], "环卫所", versions={number: version}).done
    finally:
        other.dispose()
    with street.read() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(2))
        assert list(actions) == ["case.dispatch", "roster.edit"]
        assert verify_chain(s).ok
    assert _head(street) == _last_entry(street)


def test_a_stale_dispatch_writes_nothing_and_leaves_the_head(street: Database) -> None:
    number, version = _registered(street)
    head = _head(street)
    with street.read() as s:
        entries = s.scalar(select(func.count()).select_from(AuditEntry))
        events = s.scalar(select(func.count()).select_from(CaseEvent))
    outcome = dispatch(street, [number], "环卫所", versions={number: version - 1})
    assert not outcome.done and [n for n, _why in outcome.failed] == [number]
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == entries
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == events
    assert _head(street) == head


def test_the_upgrade_fills_the_head_from_the_newest_entry(tmp_path: Path) -> None:
    from alembic import command

    from db.database import open_database
    from db.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    made = open_database(str(path))
    with made.write() as s:
        for i in range(3):
            record_audit(s, ADMIN, "roster.edit", "person", i)
    expected = _last_entry(made)
    cfg = alembic_config()
    with made.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
    made.dispose()
    upgraded = open_database(str(path), backup_into=tmp_path / "backups")
    try:
        assert _head(upgraded) == expected
        with upgraded.read() as s:
            assert verify_chain(s).ok
    finally:
        upgraded.dispose()


def test_an_empty_log_gets_the_genesis_head(db: Database) -> None:
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(AuditEntry)):
            pytest.skip("the fresh database already has entries")
    assert _head(db) == (0, GENESIS)

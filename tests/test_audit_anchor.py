"""The workstation's anchors of the audit chain catch what the chain alone cannot: entries cut
off the end, and a log rewritten from some entry on with every hash recomputed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import OperationalError

from db.database import open_database
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.maintenance.backup import make_backup, restore_backup
from db.models import AuditEntry, AuditHead
from db.security.actors import SYSTEM, Actor, Role
from db.security.audit import GENESIS, hash_of, reanchor, record_audit, verify_chain
from db.security.audit_anchor import (
    KEEP,
    anchor_file,
    database_key,
    load_anchors,
    load_database_anchors,
    remember_head,
    restart_anchors,
)
from desktop.cli.main import main

CLERK = Actor("wangli", "王丽", Role.SECRETARY)
ADMIN = Actor("admin", "管理员", Role.ADMIN)


def fill(db: Database, n: int) -> list[int]:
    with db.write() as s:
        return [record_audit(s, CLERK, "roster.edit", "person", i, {"i": i}).id for i in range(n)]


def rechain(db: Database, from_id: int) -> None:
    """What a careful forger does after changing the log: recompute every hash from `from_id`,
    and set the log's head (audit_head) on the new last entry."""
    with db.write() as s:
        before = select(AuditEntry.hash).where(AuditEntry.id < from_id)
        prev = s.scalar(before.order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
        for entry in s.scalars(select(AuditEntry).where(AuditEntry.id >= from_id).order_by("id")):
            entry.prev_hash = prev
            entry.hash = prev = hash_of(prev, entry)
    follow_head(db)


def follow_head(db: Database) -> None:
    """A careful forger who cut entries off the end: the head set on the last one left (the
    chain alone, head included, cannot tell then; the anchors can)."""
    with db.write() as s:
        last = s.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).one()
        s.execute(update(AuditHead).values(last_id=last.id, last_hash=last.hash))


def report(db: Database, folder: Path) -> tuple[bool, str]:
    with db.read() as s:
        result = verify_chain(s, load_database_anchors(db, folder))
    return result.ok, result.reason


def test_cut_off_tail_is_caught_and_the_anchor_stays(db: Database, tmp_path: Path) -> None:
    ids = fill(db, 6)
    assert remember_head(db, tmp_path) is True
    assert remember_head(db, tmp_path) is False  # nothing new: no second line
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id >= ids[4]))
    follow_head(db)
    with db.read() as s:
        assert verify_chain(s).ok  # the chain alone cannot tell
    ok, reason = report(db, tmp_path)
    assert not ok and f"第 {ids[5]} 条记录已不在日志中" in reason
    # New entries after the cut do not move the anchor past the evidence.
    fill(db, 3)
    assert remember_head(db, tmp_path) is False
    assert [a.entry_id for a in load_database_anchors(db, tmp_path)] == [ids[5]]
    assert not report(db, tmp_path)[0]


def test_rewritten_log_with_recomputed_hashes_is_caught(db: Database, tmp_path: Path) -> None:
    ids = fill(db, 5)
    remember_head(db, tmp_path)
    with db.write() as s:  # a careful forger: change entry 2, then re-chain everything after it
        s.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(details={"i": "forged"}))
    rechain(db, ids[2])
    with db.read() as s:
        assert verify_chain(s).ok
    ok, reason = report(db, tmp_path)
    assert not ok and f"第 {ids[4]} 条记录与本机" in reason and "重写" in reason


def test_anchor_moves_forward_and_the_file_stays_small(db: Database, tmp_path: Path) -> None:
    fill(db, 1)
    for _ in range(KEEP + 5):
        fill(db, 1)
        assert remember_head(db, tmp_path) is True
    anchors = load_database_anchors(db, tmp_path)
    assert len(anchors) == KEEP
    assert [a.entry_id for a in anchors] == sorted(a.entry_id for a in anchors)
    ok, reason = report(db, tmp_path)
    assert ok and f"与本机记下的第 {anchors[-1].entry_id} 条一致" in reason


def test_damaged_anchor_lines_are_skipped(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ids = fill(db, 2)
    remember_head(db, tmp_path)
    path = anchor_file(db, tmp_path)
    path.write_text(path.read_text() + "not json\n{}\n", encoding="utf-8")
    assert [a.entry_id for a in load_anchors(path)] == [ids[1]]
    assert "行无法识别，已跳过" in caplog.text
    assert report(db, tmp_path)[0]


def test_each_database_has_its_own_anchors(tmp_path: Path) -> None:
    one = open_database(str(tmp_path / "one.sqlite"))
    two = open_database(str(tmp_path / "two.sqlite"))
    try:
        assert database_key(one) != database_key(two)
        fill(one, 3)
        remember_head(one, tmp_path / "anchors")
        assert load_database_anchors(two, tmp_path / "anchors") == []
        fill(two, 1)
        assert report(two, tmp_path / "anchors")[0]
    finally:
        one.dispose()
        two.dispose()


def test_an_unwritable_folder_never_fails_the_work(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    fill(db, 1)
    assert remember_head(db, blocker / "anchors") is False


def test_restore_starts_the_anchors_again(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "center.sqlite"))
    try:
        fill(db, 2)
        backup_file = tmp_path / "copy.sqlite"
        make_backup(db, backup_file, SYSTEM)  # anchors the log as it is now
        fill(db, 4)
        remember_head(db)
        restore_backup(db, backup_file, SYSTEM, safety_dir=tmp_path / "safety")
        with db.read() as s:
            assert verify_chain(s, load_database_anchors(db)).ok
    finally:
        db.dispose()


def test_cli_verify_reports_a_cut_off_tail(
    db: Database,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    login = cli_login(db)
    fill(db, 3)
    assert main(["--db", url, *login, "user", "list"]) == 0  # every command anchors the log
    anchored = load_database_anchors(db)[-1]
    assert main(["--db", url, "audit", "verify"]) == 0
    assert f"与本机记下的第 {anchored.entry_id} 条一致" in capsys.readouterr().out
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == anchored.entry_id))
    assert main(["--db", url, "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已不在日志中" in err


def test_an_empty_log_has_no_anchors(db: Database, tmp_path: Path) -> None:
    restart_anchors(db, tmp_path)
    assert remember_head(db, tmp_path) is False
    assert not anchor_file(db, tmp_path).exists()
    assert load_anchors(tmp_path / "missing.jsonl") == []
    with db.read() as s:
        assert verify_chain(s, []).ok


def test_a_database_made_anew_is_named_until_an_administrator_reanchors(
    tmp_path: Path,
) -> None:
    path = tmp_path / "center.sqlite"
    old = open_database(str(path))
    try:
        fill(old, 5)
        remember_head(old, tmp_path / "anchors")
    finally:
        old.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    new = open_database(str(path))
    try:
        fill(new, 2)
        ok, reason = report(new, tmp_path / "anchors")
        assert not ok and "从第一条起被替换" in reason
        assert remember_head(new, tmp_path / "anchors") is False
        with pytest.raises(ValidationError):
            reanchor(new, ADMIN, "  ")
        with pytest.raises(PermissionDenied):
            reanchor(new, CLERK, "重建数据库")
        entry_id = reanchor(new, ADMIN, "重建数据库")
        with new.read() as s:
            entry = s.get_one(AuditEntry, entry_id)
            assert entry.action == "audit.reanchor" and entry.details == {"reason": "重建数据库"}
        # Other workstations (their own folders) start again when they next look.
        ok, reason = report(new, tmp_path / "anchors")
        assert ok and "由 admin 重新锚定" in reason
        assert remember_head(new, tmp_path / "anchors") is True
        assert (
            report(new, tmp_path / "anchors")
            == (
                True,
                report(new, tmp_path / "anchors")[1],
            )
            and "一致" in report(new, tmp_path / "anchors")[1]
        )
    finally:
        new.dispose()


def test_a_cut_re_chained_from_the_first_entry_is_named(db: Database, tmp_path: Path) -> None:
    ids = fill(db, 5)
    remember_head(db, tmp_path)
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == ids[4]))
        s.execute(update(AuditEntry).where(AuditEntry.id == ids[0]).values(object_id="x"))
    rechain(db, ids[0])
    with db.read() as s:
        assert verify_chain(s).ok
    ok, reason = report(db, tmp_path)
    assert not ok and "从第一条起被替换" in reason


def test_an_emptied_log_is_named(db: Database, tmp_path: Path) -> None:
    fill(db, 3)
    remember_head(db, tmp_path)
    with db.write() as s:
        s.execute(delete(AuditEntry))
    ok, reason = report(db, tmp_path)
    assert not ok and "已被清空" in reason


def test_a_restore_made_elsewhere_restarts_this_workstations_anchors(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "center.sqlite"))
    here = tmp_path / "this-workstation"
    try:
        fill(db, 2)
        backup_file = tmp_path / "copy.sqlite"
        make_backup(db, backup_file, SYSTEM)
        fill(db, 4)
        remember_head(db, here)
        # Another workstation (the default folder) restores the older copy.
        restore_backup(db, backup_file, ADMIN, safety_dir=tmp_path / "safety")
        ok, reason = report(db, here)
        assert ok and "由 admin 恢复" in reason
        assert remember_head(db, here) is True
        assert "一致" in report(db, here)[1]
    finally:
        db.dispose()


def test_an_unreadable_anchor_file_or_database_never_fails_the_work(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db, 2)
    path = anchor_file(db, tmp_path)
    path.write_bytes(b"\xff\xfe not utf-8")
    assert load_anchors(path) == []
    assert report(db, tmp_path)[0]

    def broken() -> None:
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(db, "read", broken)
    assert remember_head(db, tmp_path) is False
    restart_anchors(db, tmp_path)  # logs, does not raise


def test_cli_reanchor_is_for_administrators(
    db: Database,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    clerk = cli_login(db, "secretary")
    admin = cli_login(db)
    assert main(["--db", url, *clerk, "audit", "reanchor", "--reason", "恢复"]) == 2
    assert "无权" in capsys.readouterr().err
    assert main(["--db", url, *admin, "audit", "reanchor", "--reason", "服务器端恢复"]) == 0
    assert "已记入审计日志" in capsys.readouterr().out
    assert main(["--db", url, "audit", "verify"]) == 0


def test_a_command_that_succeeds_warns_in_chinese_when_the_log_no_longer_matches(
    db: Database, cli_login: Callable[..., list[str]]
) -> None:
    """The command's work is done (exit 0); the anchor is not moved past the break, and the one
    line on stderr says so in Chinese."""
    from tests.test_cli import run_admin

    url = db.engine.url.render_as_string(hide_password=False)
    login = cli_login(db)
    fill(db, 3)
    assert main(["--db", url, *login, "user", "list"]) == 0  # every command anchors the log
    anchored = load_database_anchors(db)[-1]
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == anchored.entry_id))
    child = run_admin("--db", url, *login, "user", "list")
    assert child.returncode == 0, child.stderr
    assert child.stderr == (
        f"审计日志与本机记下的第 {anchored.entry_id} 条已不一致，本机锚点未更新："
        "请用 griddesk-admin audit verify 查看\n"
    )
    assert load_database_anchors(db)[-1] == anchored

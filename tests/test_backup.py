"""Backup and restore of the SQLite database, including while another process writes, and
crash safety: a writer killed with SIGKILL loses nothing it reported as saved."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.cases.intake import report_case
from db.database import open_database
from db.engine import Database
from db.errors import BadFile, SchemaTooNew, UserError
from db.maintenance import backup as backup_module
from db.maintenance.backup import backup, inspect_backup, restore, restore_backup
from db.models import AuditEntry, Case, CaseEvent
from db.security.accounts import add_user
from db.security.actors import Actor, Role
from db.security.audit import record_audit, verify_chain
from tests.street import GRID_A1, build_street

REPO = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent(
    """
    import sys
    from db.engine import Database
    from db.cases.intake import report_case
    db = Database(sys.argv[1])
    i = 0
    while True:
        i += 1
        number = report_case(db, grid_code=sys.argv[2], category_code="0101",
                             description=f"写入测试 {i}")
        print(number, flush=True)   # printed only after the commit returned
    """
)


@pytest.fixture
def sqlite_street(tmp_path: Path) -> Database:
    db = open_database(str(tmp_path / "live.sqlite"))
    build_street(db)
    return db


def _count(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS "
            "(SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'report')"
        ).fetchone()[0]
        return cases, orphans
    finally:
        conn.close()


def _writer(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, GRID_A1],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_backup_and_restore_round_trip(sqlite_street: Database, tmp_path: Path) -> None:
    db = sqlite_street
    first = report_case(db, grid_code=GRID_A1, category_code="0101", description="备份前")
    (tmp_path / "out").mkdir()  # a backup writes into an existing folder only
    info = backup(db, tmp_path / "out" / "griddesk-backup.sqlite")
    assert info.cases == 1 and info.path.exists()
    assert not list((tmp_path / "out").glob(".griddesk-backup-*"))  # no temp file left
    report_case(db, grid_code=GRID_A1, category_code="0101", description="备份后")
    restore(db, info.path, safety_dir=tmp_path / "safety")
    fresh = Database(str(db.engine.url.database))
    with fresh.read() as s:
        assert s.scalars(select(Case.number)).all() == [first]
    fresh.dispose()
    assert list((tmp_path / "safety").glob("*pre-restore*.sqlite"))


def test_backup_while_another_process_writes(sqlite_street: Database, tmp_path: Path) -> None:
    url = str(sqlite_street.engine.url.database)
    proc = _writer(url)
    try:
        assert proc.stdout is not None
        for _ in range(20):  # the writer is running and committing
            assert proc.stdout.readline().strip()
        info = backup(sqlite_street, tmp_path / "hot.sqlite")
        for _ in range(20):  # and it is still running after the backup
            assert proc.stdout.readline().strip()
    finally:
        proc.kill()
        proc.communicate()
    cases, orphans = _count(info.path)
    assert cases >= 20 and orphans == 0
    target = open_database(str(tmp_path / "restored.sqlite"))
    restore(target, info.path, safety_dir=tmp_path / "safety")
    assert _count(tmp_path / "restored.sqlite") == (cases, 0)


def test_restore_refuses_foreign_and_newer_files(sqlite_street: Database, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("hello", encoding="utf-8")
    with pytest.raises(BadFile, match="不是 GridDesk 备份文件"):
        restore(sqlite_street, text_file)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(BadFile, match="缺少 GridDesk 的数据表"):
        restore(sqlite_street, other)
    newer = backup(sqlite_street, tmp_path / "newer.sqlite").path
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        inspect_backup(newer)
    with sqlite_street.read() as s:  # untouched
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_backup_to_unwritable_place_gives_one_clear_error(sqlite_street: Database) -> None:
    with pytest.raises(BadFile, match="无法写入"):
        backup(sqlite_street, Path("/proc/griddesk-backup.sqlite"))  # no file can be made


def test_postgresql_backup_explains_server_side_tools(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(UserError, match="pg_dump"):
        backup(db, Path("/tmp/x.sqlite"))


def test_sigkill_during_writes_loses_nothing_acknowledged(db_url: str) -> None:
    db = open_database(db_url)
    build_street(db)
    proc = _writer(db_url)
    acknowledged: list[str] = []
    try:
        assert proc.stdout is not None
        while len(acknowledged) < 60:
            line = proc.stdout.readline().strip()
            assert line, "writer died"
            acknowledged.append(line)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    db.dispose()
    reopened = open_database(db_url)
    try:
        with reopened.read() as s:
            numbers = set(s.scalars(select(Case.number)).all())
            events = s.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.action == "report")
            )
        assert set(acknowledged) <= numbers
        assert events == len(numbers)
        if reopened.is_sqlite:
            path = Path(str(reopened.engine.url.database))
            assert _count(path)[1] == 0
    finally:
        reopened.dispose()


def test_daily_backup_once_a_day_keeping_the_newest(
    sqlite_street: Database, tmp_path: Path
) -> None:
    from datetime import datetime, timedelta

    from db.maintenance.backup import auto_backup

    folder = tmp_path / "daily"
    start = datetime(2026, 11, 1, 9, 0)
    made = [
        auto_backup(sqlite_street, folder, keep=3, today=start + timedelta(days=i))
        for i in range(5)
    ]
    assert all(made)
    assert auto_backup(sqlite_street, folder, keep=3, today=start + timedelta(days=4)) is None
    kept = sorted(p.name for p in folder.glob("griddesk-*.sqlite"))
    assert kept == [
        "griddesk-20261103.sqlite",
        "griddesk-20261104.sqlite",
        "griddesk-20261105.sqlite",
    ]


# --- targets and sources that are not backups (SQLite files only: PostgreSQL is backed up on
# the server with pg_dump) --------------------------------------------------------------------


def _content(db: Database) -> list[str]:
    """The live database's content, statement by statement."""
    conn = sqlite3.connect(str(db.engine.url.database))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_sqlite_backup_refuses_devices_folders_missing_folders_and_the_live_database(
    sqlite_street: Database, tmp_path: Path
) -> None:
    db = sqlite_street
    report_case(db, grid_code=GRID_A1, category_code="0101", description="备份前")
    live = Path(str(db.engine.url.database))
    linked = tmp_path / "hard-link.sqlite"
    os.link(live, linked)
    to_device = tmp_path / "to-device.sqlite"
    to_device.symlink_to("/dev/full")
    before = _content(db)
    listing = sorted(p.name for p in tmp_path.iterdir())
    refusals = {
        Path("/dev/full"): "不是普通文件",
        to_device: "不是普通文件",
        tmp_path: "不是普通文件",
        tmp_path / "nonexist" / "x.sqlite": "不存在",
        live: "正在使用的数据库文件",
        Path(f"{live}-wal"): "正在使用的数据库文件",
        Path(f"{live}-shm"): "正在使用的数据库文件",
        linked: "正在使用的数据库文件",
        tmp_path / "." / live.name: "正在使用的数据库文件",
    }
    for target, message in refusals.items():
        with pytest.raises(BadFile, match=message):
            backup(db, target)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # still the device, never a file
    assert not (tmp_path / "nonexist").exists()  # no folder made
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temporary file left
    assert _content(db) == before


def test_sqlite_restore_refuses_the_live_database_and_files_that_are_not_regular(
    sqlite_street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_street
    report_case(db, grid_code=GRID_A1, category_code="0101", description="恢复前")
    live = Path(str(db.engine.url.database))
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    good = backup(db, tmp_path / "good.sqlite").path
    before = _content(db)
    safety = tmp_path / "safety"
    refusals = {
        live: "正在使用的数据库本身",
        tmp_path / ".." / tmp_path.name / live.name: "正在使用的数据库本身",
        Path("/dev/zero"): "不是普通文件",
        fifo: "不是普通文件",
        tmp_path: "不是普通文件",
    }
    for source, message in refusals.items():
        with pytest.raises(BadFile, match=message):
            restore(db, source, safety_dir=safety)
    monkeypatch.setattr(backup_module, "MAX_BACKUP_BYTES", good.stat().st_size - 1)
    with pytest.raises(BadFile, match="过大"):
        restore(db, good, safety_dir=safety)
    assert _content(db) == before
    assert not safety.exists()  # nothing was about to be replaced


ADMIN = Actor("admin", "管理员", Role.ADMIN)


def _with_admin(db: Database) -> None:
    with db.write() as s:
        add_user(s, "admin", Role.ADMIN, "Grid2026desk")
        record_audit(s, ADMIN, "sign_in")


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_sqlite_restore_refuses_a_backup_whose_audit_log_was_edited_unless_accepted(
    sqlite_street: Database, tmp_path: Path
) -> None:
    """A backup with an edited audit entry once restored silently; the next `audit verify`
    failed. Its chain is verified first; an administrator may accept it with a reason."""
    db = sqlite_street
    _with_admin(db)
    first = report_case(db, grid_code=GRID_A1, category_code="0101", description="备份中")
    tampered = backup(db, tmp_path / "tampered.sqlite").path
    _edit(tampered, "UPDATE audit_log SET username = 'mallory' WHERE id = 1")
    report_case(db, grid_code=GRID_A1, category_code="0101", description="恢复前")
    before = _content(db)
    safety = tmp_path / "safety"
    with pytest.raises(BadFile) as refused:
        restore_backup(db, tampered, ADMIN, safety_dir=safety)
    assert str(refused.value) == (
        "备份 tampered.sqlite 的审计日志未通过校验（第 1 条记录的内容被改动过），"
        "拒绝恢复，当前数据库未改动"
    )
    with pytest.raises(UserError, match="请说明"):  # a blank reason is no reason
        restore_backup(db, tampered, ADMIN, safety_dir=safety, accept_broken_audit="  ")
    assert _content(db) == before
    assert not safety.exists()  # nothing was about to be replaced

    reason = "备份盘上的文件被同事误编辑，内容已核对"
    restore_backup(db, tampered, ADMIN, safety_dir=safety, accept_broken_audit=reason)
    with db.read() as s:
        assert s.scalars(select(Case.number)).all() == [first]
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and (last.username, last.action) == ("admin", "restore")
        assert last.details is not None and last.details["reason"] == reason
        assert "第 1 条" in last.details["audit_problem"]
        report = verify_chain(s)  # the restored log still shows where it was edited
    assert report.first_broken_id == 1
    assert list(safety.glob("*pre-restore*.sqlite"))


def test_sqlite_restore_refuses_a_backup_without_an_active_administrator(
    sqlite_street: Database, tmp_path: Path
) -> None:
    """A backup without accounts once restored and the database fell back to setup mode,
    where anyone may create the first administrator."""
    db = sqlite_street
    no_accounts = backup(db, tmp_path / "no-accounts.sqlite").path  # made before any account
    _with_admin(db)
    disabled = backup(db, tmp_path / "disabled.sqlite").path
    _edit(disabled, "UPDATE users SET active = 0")  # not in the audit chain: it verifies
    report_case(db, grid_code=GRID_A1, category_code="0101", description="恢复前")
    before = _content(db)
    for source in (no_accounts, disabled):
        for accept in (None, "确认恢复"):  # no reason makes a database without administrator
            with pytest.raises(BadFile) as refused:
                restore_backup(
                    db, source, ADMIN, safety_dir=tmp_path / "safety", accept_broken_audit=accept
                )
            assert str(refused.value) == (
                f"备份 {source.name} 中没有启用的管理员账号，恢复后数据库会回到初始设置状态"
                "（任何人都能建立管理员），拒绝恢复，当前数据库未改动"
            )
    assert _content(db) == before
    assert not (tmp_path / "safety").exists()
    # A database still being set up (no accounts) may take such a backup: nothing is lost.
    fresh = open_database(str(tmp_path / "fresh.sqlite"))
    try:
        restore_backup(
            fresh, no_accounts, Actor("system", "系统", Role.SYSTEM), safety_dir=tmp_path / "safety"
        )
    finally:
        fresh.dispose()


LOCKED_TEMP = textwrap.dedent(
    """
    import os, sys, tempfile
    from db.maintenance import backup
    fd, name = tempfile.mkstemp(prefix=backup.TEMP_PREFIX, suffix=backup.TEMP_SUFFIX,
                                dir=sys.argv[1])
    os.write(fd, b"half a backup")
    backup._lock(fd)          # as a running backup holds it
    print(name, flush=True)
    sys.stdin.read()          # until killed
    """
)


def test_sqlite_killed_backups_temporary_file_is_removed_by_the_next_backup(
    sqlite_street: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", LOCKED_TEMP, str(folder)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert proc.stdout is not None
        running = Path(proc.stdout.readline().strip())
        journal = running.with_name(running.name + "-journal")
        journal.write_bytes(b"journal")
        backup(sqlite_street, folder / "first.sqlite")
        assert running.exists() and journal.exists()  # a backup still running keeps its file
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    backup(sqlite_street, folder / "second.sqlite")
    assert sorted(p.name for p in folder.iterdir()) == ["first.sqlite", "second.sqlite"]


def test_sqlite_daily_backup_at_start_cleans_its_folder_even_when_done_for_the_day(
    sqlite_street: Database, tmp_path: Path
) -> None:
    from db.maintenance.backup import auto_backup

    folder = tmp_path / "daily"  # made by the first daily backup: GridDesk's own folder
    assert auto_backup(sqlite_street, folder) is not None
    leftover = folder / ".griddesk-backup-k1ll3d.tmp"
    leftover.write_bytes(b"half a backup")
    assert auto_backup(sqlite_street, folder) is None  # today's copy exists already
    assert not leftover.exists()

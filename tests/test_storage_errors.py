"""A full disk, a read-only database or a lost server: one clear sentence, nothing half-written."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

import db.engine
from db.cases.intake import Photo, report_case
from db.cases.states import Action
from db.cases.workflow import apply
from db.engine import Database
from db.errors import StorageError
from db.models import Case
from desktop.cli.main import main
from tests.street import GRID_A1

# A 512 KB photo: more pages than a database with no room left can take.
PHOTO = Photo("现场.png", "image/png", b"\x89PNG\r\n\x1a\n" + os.urandom(512 * 1024))


def count_cases(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(Case.id))) or 0)


@pytest.fixture
def limit_sqlite(street: Database) -> Iterator[Callable[[str], None]]:
    """`limit_sqlite(pragma)` runs `pragma` on every new connection of `street` (SQLite only)."""
    if not street.is_sqlite:
        pytest.skip("SQLite's own limits (max_page_count, query_only) stand in for the disk")
    listeners: list[Callable[..., None]] = []

    def limit(pragma: str) -> None:
        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            if "max_page_count" in pragma:  # no room beyond the pages in use now
                pages = cursor.execute("PRAGMA page_count").fetchone()[0]
                cursor.execute(f"PRAGMA max_page_count = {pages}")
            else:
                cursor.execute(pragma)
            cursor.close()

        event.listen(street.engine, "connect", on_connect)
        listeners.append(on_connect)
        street.engine.dispose()

    yield limit
    for listener in listeners:
        event.remove(street.engine, "connect", listener)
    street.engine.dispose()


def test_a_full_disk_is_one_sentence_and_saves_nothing(
    street: Database, limit_sqlite: Callable[[str], None]
) -> None:
    before = count_cases(street)
    limit_sqlite("max_page_count")
    with pytest.raises(StorageError) as err:
        report_case(
            street, grid_code=GRID_A1, category_code="0101", description="垃圾", photos=(PHOTO,)
        )
    assert str(err.value) == "磁盘空间已满，未保存任何内容（数据库保持原样）：请清理出空间后重试"
    assert count_cases(street) == before


def test_a_read_only_database_is_one_sentence(
    street: Database, limit_sqlite: Callable[[str], None]
) -> None:
    limit_sqlite("PRAGMA query_only = 1")
    with pytest.raises(StorageError, match="数据库文件只读，未保存任何内容"):
        report_case(street, grid_code=GRID_A1, category_code="0101", description="垃圾")
    assert count_cases(street) == 0


def test_the_cli_says_the_disk_is_full_in_one_line(
    street: Database,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not street.is_sqlite:
        pytest.skip("SQLite's max_page_count stands in for the disk")
    url = street.engine.url.render_as_string(hide_password=False)
    login = cli_login(street, "shift_lead")
    photo = tmp_path / "现场.png"
    photo.write_bytes(PHOTO.data)
    usual = db.engine._sqlite_pragmas

    def full_disk(dbapi_connection: Any, record: Any) -> None:  # the CLI's own engine
        usual(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(db.engine, "_sqlite_pragmas", full_disk)
    argv = ["--db", url, *login, "case", "report", "--grid", GRID_A1, "--category", "0101"]
    assert main([*argv, "--description", "垃圾", "--photo", str(photo)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "错误：磁盘空间已满，未保存任何内容（数据库保持原样）：请清理出空间后重试"
    ]
    assert count_cases(street) == 0


def test_a_lost_server_connection_says_the_outcome_is_unknown(street: Database) -> None:
    if street.is_sqlite:
        pytest.skip("a server connection exists on PostgreSQL only")
    admin = Database(street.engine.url.render_as_string(hide_password=False))

    def lose_connection(session: Any) -> None:
        pid = session.scalar(text("SELECT pg_backend_pid()"))
        with admin.write() as other:
            other.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        session.execute(text("SELECT 1"))

    try:
        with (
            pytest.raises(StorageError, match="连接中断：无法确认是否已保存"),
            street.write() as session,
        ):
            lose_connection(session)
        with (
            pytest.raises(StorageError, match="连接中断，未能读取"),
            street.read() as session,
        ):
            lose_connection(session)
        assert count_cases(street) == 0  # and the pool recovers by itself
    finally:
        admin.dispose()


def test_a_row_lock_held_elsewhere_times_out_in_one_sentence(
    street: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another workstation keeps a transaction open on the case: we wait, then say so."""
    if street.is_sqlite:
        pytest.skip("SQLite queues writers on its busy timeout instead (see test_workflow)")
    number = report_case(street, grid_code=GRID_A1, category_code="0101", description="垃圾")
    monkeypatch.setattr(db.engine, "PG_LOCK_TIMEOUT_MS", 300)
    url = street.engine.url.render_as_string(hide_password=False)
    ours = Database(url)
    try:
        with street.write() as other:  # the other workstation, holding the row
            other.execute(text("SELECT id FROM cases WHERE number = :n FOR UPDATE"), {"n": number})
            with pytest.raises(StorageError, match="长时间占用，未保存任何内容"):
                apply(ours, number, Action.REGISTER)
        with ours.read() as s:
            assert s.scalar(select(Case.status).where(Case.number == number)) == "reported"
        apply(ours, number, Action.REGISTER)  # once the lock is gone it works
    finally:
        ours.dispose()

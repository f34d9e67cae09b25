"""SQLite's write-ahead log is checkpointed on a background thread (db/wal_checkpoint.py), not
inside the commit that writes past 1,000 pages; PostgreSQL has no such log to look after."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from db.database import open_database
from db.engine import Database
from db.wal_checkpoint import BACKSTOP_PAGES, Checkpointer


def _sqlite_file(db: Database) -> str:
    return str(db.engine.url.database)


def _file_size(db: Database) -> int:
    """The database file's own size: pages reach it only through a checkpoint."""
    return Path(_sqlite_file(db)).stat().st_size


def _write_pages(db: Database, pages: int) -> None:
    """One transaction writing about `pages` pages of 4 KiB."""
    with db.write() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS scratch (x BLOB)"))
        for _ in range(pages // 10):
            session.execute(text("INSERT INTO scratch VALUES (randomblob(40000))"))


def test_commit_leaves_the_checkpoint_to_a_background_thread(db: Database) -> None:
    if not db.is_sqlite:
        assert db.checkpointer is None  # a server keeps its own log
        with db.write() as session:
            session.execute(text("SELECT 1"))
        assert db.checkpointer is None
        return
    checkpointer = db.checkpointer
    assert checkpointer is not None
    checkpointer.stop()  # the checkpoint after opening the database is over
    checkpointer.quiet_s = 30.0  # no background checkpoint while the log is looked at
    done = threading.Event()
    checkpointer.on_checkpoint = done.set
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == BACKSTOP_PAGES

    before = _file_size(db)
    _write_pages(db, 2_000)  # twice what SQLite's default would checkpoint in the commit
    assert _file_size(db) < before + 1_000_000  # the commit left its 8 MB in the log

    checkpointer.quiet_s = 0.01
    done.clear()
    checkpointer.committed()  # the next commit wakes the thread; it waits for quiet
    assert done.wait(30), "no background checkpoint"
    assert checkpointer.left == 0  # every page of the log is back in the database file
    assert _file_size(db) > before + 7_000_000
    with db.read() as session:  # and the rows are there
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar() == 200


def test_dispose_ends_the_thread_and_a_later_write_starts_it_again(db: Database) -> None:
    if not db.is_sqlite:
        assert db.checkpointer is None
        return
    with db.write() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
    assert db.checkpointer is not None
    thread = db.checkpointer._thread
    assert thread is not None and thread.is_alive()
    db.dispose()
    assert not thread.is_alive()
    done = threading.Event()
    db.checkpointer.quiet_s = 0.01
    db.checkpointer.on_checkpoint = done.set
    with db.write() as session:  # the pool connects anew; so does the checkpointer
        session.execute(text("INSERT INTO scratch VALUES (1)"))
    assert done.wait(30), "no checkpoint after the database was used again"


def test_a_checkpoint_of_a_removed_file_creates_no_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "gone.sqlite"
    checkpointer = Checkpointer(str(path))
    checkpointer.checkpoint()  # nothing to open: nothing happens, nothing is created
    assert not path.exists()
    assert checkpointer.runs == 0


def test_a_burst_of_commits_is_checkpointed_once_writing_pauses(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "burst.sqlite"))
    try:
        assert db.checkpointer is not None
        done = threading.Event()
        db.checkpointer.quiet_s, db.checkpointer.longest_wait_s = 0.5, 60.0
        db.checkpointer.on_checkpoint = done.set
        with db.write() as session:
            session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        runs = db.checkpointer.runs
        for i in range(50):
            with db.write() as session:
                session.execute(text("INSERT INTO scratch VALUES (:i)"), {"i": i})
        done.clear()  # the checkpoint after the last commit comes half a second after it
        assert done.wait(30)
        # 50 commits, one checkpoint (a few if the machine stalled half a second in between)
        assert 1 <= db.checkpointer.runs - runs <= 5
        assert db.checkpointer.left == 0
    finally:
        db.dispose()


def test_a_commit_slower_than_the_quiet_pause_is_still_checkpointed(tmp_path: Path) -> None:
    """The engine's commit event fires before COMMIT; a commit that ends after the checkpoint it
    woke (a huge import's) must wake the thread again, or its pages stay in the log."""
    from sqlalchemy import event

    db = open_database(str(tmp_path / "slow.sqlite"))
    try:
        checkpointer = db.checkpointer
        assert checkpointer is not None
        with db.write() as session:
            session.execute(text("CREATE TABLE scratch (x BLOB)"))
        checkpointer.stop()
        checkpointer.quiet_s = 0.01
        checkpoints = threading.Semaphore(0)
        checkpointer.on_checkpoint = checkpoints.release

        def slow_commit(_conn: object) -> None:  # COMMIT only after the woken checkpoint ran
            assert checkpoints.acquire(timeout=30), "the commit's notice woke no checkpoint"

        event.listen(db.engine, "commit", slow_commit)
        before = _file_size(db)
        _write_pages(db, 2_000)
        event.remove(db.engine, "commit", slow_commit)
        assert checkpoints.acquire(timeout=30), "the finished commit woke no checkpoint"
        assert checkpointer.left == 0
        assert _file_size(db) > before + 7_000_000  # its pages are in the database file
    finally:
        db.dispose()

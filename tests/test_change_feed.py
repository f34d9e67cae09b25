"""The change feed: changes made by this process and by another one reach `on_change`, on
SQLite and PostgreSQL; stop is prompt; a dropped PostgreSQL connection comes back with a resync;
the change log can be pruned."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text

from db.cases.intake import report_case, report_in
from db.database import open_database
from db.engine import Database
from db.feed import change_feed
from db.feed.change_feed import ChangeFeed, parse_payloads
from db.feed.change_log import CHANNEL, latest_seq, prune_changes, record_changes
from db.models import Case, CaseChange
from db.models.base import utcnow
from tests.street import GRID_A1, GRID_B1

WAIT = 15.0  # generous: the machine is shared; a healthy feed answers in well under a second
CATEGORY = "0101"
REPO = Path(__file__).resolve().parent.parent

OTHER_PROCESS = """
import sys
from db.cases.intake import report_case
from db.engine import Database
db = Database(sys.argv[1])
print(report_case(db, grid_code=sys.argv[2], category_code=sys.argv[3],
                  description="另一台工作站上报：路灯不亮"))
db.dispose()
"""


class Recorder:
    """Collects the feed's callbacks (called from its thread) and waits for them."""

    def __init__(self) -> None:
        self.changes: list[frozenset[int] | None] = []
        self.states: list[str] = []
        self._cond = threading.Condition()

    def on_change(self, ids: frozenset[int] | None) -> None:
        with self._cond:
            self.changes.append(ids)
            self._cond.notify_all()

    def on_state(self, state: str) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def seen(self, case_id: int) -> bool:
        return any(ids is not None and case_id in ids for ids in self.changes)

    def seen_ids(self) -> set[int]:
        return {i for ids in self.changes if ids is not None for i in ids}


@pytest.fixture
def make_feed(db: Database) -> Iterator[Callable[..., tuple[ChangeFeed, Recorder]]]:
    """Starts connected feeds on `db`; stops them before the database goes away."""
    feeds: list[ChangeFeed] = []

    def make(
        poll_interval: float = 0.1, on_change: Callable[..., None] | None = None
    ) -> tuple[ChangeFeed, Recorder]:
        rec = Recorder()
        feed = ChangeFeed(db, on_change or rec.on_change, rec.on_state, poll_interval)
        feeds.append(feed)
        feed.start()
        assert feed.wait_connected(WAIT), f"feed stuck in state {feed.state}"
        return feed, rec

    yield make
    for feed in feeds:
        feed.stop()


def wait_until(predicate: Callable[[], bool], timeout: float = WAIT) -> bool:
    """Poll a condition outside the feed (like qtbot.waitUntil)."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not predicate():
        if time.monotonic() > deadline:
            return False
        pause.wait(0.02)
    return True


def case_id(db: Database, number: str) -> int:
    with db.read() as s:
        return int(s.scalar(select(Case.id).where(Case.number == number)) or 0)


def report(db: Database, grid: str = GRID_A1) -> int:
    number = report_case(db, grid_code=grid, category_code=CATEGORY, description="井盖缺失")
    return case_id(db, number)


def test_change_from_another_process_arrives(
    street: Database, db_url: str, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    feed, rec = make_feed()
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, db_url, GRID_B1, CATEGORY],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    cid = case_id(street, done.stdout.strip())
    assert cid
    assert rec.wait_for(lambda: rec.seen(cid)), rec.changes
    assert None not in rec.changes
    assert feed.state == "connected"


def test_change_from_this_process_arrives(
    street: Database, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    _feed, rec = make_feed()
    first = report(street)
    assert rec.wait_for(lambda: rec.seen(first))
    second = report(street, GRID_B1)
    assert rec.wait_for(lambda: rec.seen(second))
    # Nothing but the two cases was reported; the first came alone.
    assert rec.seen_ids() == {first, second}
    assert rec.changes[0] == frozenset({first})


def test_one_transaction_arrives_as_one_set(
    street: Database, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    _feed, rec = make_feed()
    with street.write() as s:
        ids = {
            report_in(s, grid_code=grid, category_code=CATEGORY, description="占道经营").id
            for grid in (GRID_A1, GRID_A1, GRID_B1)
        }
    assert len(ids) == 3
    assert rec.wait_for(lambda: bool(rec.changes))
    assert rec.changes[0] == frozenset(ids)


def test_stop_is_prompt_and_closes_the_connection(
    street: Database, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    feed, rec = make_feed(poll_interval=0.25)
    pid = feed.backend_pid
    started = time.monotonic()
    feed.stop()
    elapsed = time.monotonic() - started
    assert elapsed < 0.25 + 1.5, f"stop() took {elapsed:.2f} s"
    assert feed.state == "stopped"
    assert rec.states == ["connecting", "connected", "stopped"]
    if not street.is_sqlite:
        assert pid is not None

        def backend_gone() -> bool:  # the server ends the backend just after we hang up
            with street.read() as s:
                query = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p")
                return bool(s.scalar(query, {"p": pid}) == 0)

        assert wait_until(backend_gone)
    # A stopped feed reports nothing and can be started again.
    feed.start()
    assert feed.wait_connected(WAIT)
    cid = report(street)
    assert rec.wait_for(lambda: rec.seen(cid))


def test_stop_does_not_hang_on_a_stuck_thread(
    street: Database,
    make_feed: Callable[..., tuple[ChangeFeed, Recorder]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A callback that never returns must not make stop() (closing the window) hang."""
    entered, release = threading.Event(), threading.Event()

    def stuck(_ids: frozenset[int] | None) -> None:
        entered.set()
        release.wait(WAIT)

    feed, rec = make_feed(on_change=stuck)
    report(street)
    assert entered.wait(WAIT)
    with caplog.at_level(logging.WARNING, logger="db.feed.change_feed"):
        assert feed.stop(timeout=0.2) is False
    assert "did not stop" in caplog.text
    release.set()
    assert rec.wait_for(lambda: rec.states[-1:] == ["stopped"])
    # Once stopped it delivers nothing more, and it can be started again.
    feed.start()
    assert feed.wait_connected(WAIT)
    assert feed.stop() is True


def test_postgres_connection_killed_reconnects_and_resyncs(
    street: Database, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    if street.is_sqlite:
        pytest.skip("a PostgreSQL listener's connection")
    feed, rec = make_feed()
    pid = feed.backend_pid
    with street.read() as s:
        found = s.scalar(
            text(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'griddesk-feed' "
                "AND datname = current_database()"
            )
        )
        assert found == pid
        assert s.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    assert rec.wait_for(lambda: None in rec.changes)
    assert rec.states == ["connecting", "connected", "reconnecting", "connected"]
    assert feed.backend_pid not in (None, pid)
    # and it keeps working afterwards
    cid = report(street)
    assert rec.wait_for(lambda: rec.seen(cid))


def test_postgres_malformed_payload_is_ignored(
    street: Database,
    make_feed: Callable[..., tuple[ChangeFeed, Recorder]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    if street.is_sqlite:
        pytest.skip("NOTIFY payloads exist on PostgreSQL only")
    caplog.set_level(logging.WARNING, logger="db.feed.change_feed")
    feed, rec = make_feed()
    for payload in ("hello", "12,,13", "-4", "", "１２"):
        with street.write() as s:
            s.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": payload})
    cid = report(street)
    assert rec.wait_for(lambda: rec.seen(cid))
    assert rec.changes == [frozenset({cid})]
    assert feed.state == "connected"
    assert rec.states == ["connecting", "connected"]
    assert "malformed payload 'hello'" in caplog.text


def test_postgres_health_check_keeps_notifications(
    street: Database,
    make_feed: Callable[..., tuple[ChangeFeed, Recorder]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if street.is_sqlite:
        pytest.skip("the PostgreSQL listener's idle ping")
    monkeypatch.setattr(change_feed, "HEALTH_CHECK_AFTER", 0.0)  # ping after every quiet poll
    _feed, rec = make_feed(poll_interval=0.02)
    ids = {report(street) for _ in range(5)}
    assert rec.wait_for(lambda: ids <= rec.seen_ids())
    assert rec.states == ["connecting", "connected"]


def test_parse_payloads() -> None:
    assert parse_payloads(["1,2", "2,3"]) == frozenset({1, 2, 3})
    assert parse_payloads(["x", "7"]) == frozenset({7})
    assert parse_payloads([]) == frozenset()


def test_failing_callback_does_not_stop_the_feed(
    street: Database,
    make_feed: Callable[..., tuple[ChangeFeed, Recorder]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    rec = Recorder()  # what the client saw
    tried = Recorder()  # every call, the failed one included

    def explode_once(ids: frozenset[int] | None) -> None:
        tried.on_change(ids)
        if len(tried.changes) == 1:
            raise RuntimeError("界面刷新失败")
        rec.on_change(ids)

    _feed, states = make_feed(on_change=explode_once)
    first = report(street)
    assert tried.wait_for(lambda: tried.seen(first))
    second = report(street, GRID_B1)
    assert rec.wait_for(lambda: rec.seen(second))
    assert rec.changes == [frozenset({second})]
    assert states.states == ["connecting", "connected"]
    assert "on_change callback failed" in caplog.text


def test_sqlite_resync_when_log_pruned_past_position(
    street: Database, make_feed: Callable[..., tuple[ChangeFeed, Recorder]]
) -> None:
    if not street.is_sqlite:
        pytest.skip("the SQLite feed reads the change log; PostgreSQL uses the payloads")
    _feed, rec = make_feed()
    # Rows written and pruned before the feed could read them: it cannot know the ids.
    with street.write() as s:
        record_changes(s, [101])
        record_changes(s, [102])
        prune_changes(s, older_than=timedelta(seconds=-60))
    assert rec.wait_for(lambda: bool(rec.changes))
    assert rec.changes == [None]
    # and carries on from the new position
    cid = report(street)
    assert rec.wait_for(lambda: rec.seen(cid))
    assert rec.changes[1:] == [frozenset({cid})]


def test_too_many_ids_become_a_resync(
    street: Database,
    make_feed: Callable[..., tuple[ChangeFeed, Recorder]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(change_feed, "MAX_IDS", 3)
    _feed, rec = make_feed()
    with street.write() as s:
        record_changes(s, range(1, 6))
    assert rec.wait_for(lambda: bool(rec.changes))
    assert rec.changes == [None]


def test_sqlite_feed_waits_for_a_missing_database_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    rec = Recorder()
    feed = ChangeFeed(Database(f"sqlite:///{missing}"), rec.on_change, rec.on_state, 0.05)
    feed.start()
    try:
        assert rec.wait_for(lambda: "reconnecting" in rec.states)
        assert not missing.exists()
        assert rec.changes == []
        # Once the database appears the feed connects, and since it may have missed changes
        # in the meantime, asks for a resync.
        open_database(str(missing)).dispose()
        assert feed.wait_connected(WAIT)
        assert rec.wait_for(lambda: rec.changes == [None])
    finally:
        feed.stop()
    assert rec.states[:2] == ["connecting", "reconnecting"]
    assert rec.states[-2:] == ["connected", "stopped"]


def test_in_memory_sqlite_is_refused() -> None:
    with pytest.raises(ValueError):
        ChangeFeed(Database("sqlite://"), lambda ids: None)


def test_prune_changes_drops_old_rows_and_keeps_the_newest(db: Database) -> None:
    now = utcnow()
    with db.write() as s:
        s.execute(
            insert(CaseChange),
            [{"case_id": i, "changed_at": now - timedelta(days=5 - i)} for i in range(5)],
        )
    # rows 5, 4, 3, 2, 1 days old: older than 2 days are the first three
    with db.write() as s:
        assert prune_changes(s, now=now) == 3
    with db.read() as s:
        assert list(s.scalars(select(CaseChange.case_id).order_by(CaseChange.seq))) == [3, 4]
    # all old: everything but the newest row goes, so seq keeps growing
    with db.write() as s:
        before = latest_seq(s)
        assert prune_changes(s, older_than=timedelta(0), now=now + timedelta(days=1)) == 1
        assert prune_changes(s, older_than=timedelta(0), now=now + timedelta(days=1)) == 0
    with db.write() as s:
        record_changes(s, [42])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseChange)) == 2
        assert latest_seq(s) == before + 1
    with db.write() as s:
        assert prune_changes(s) == 0  # nothing old enough


def test_prune_changes_on_an_empty_log(db: Database) -> None:
    with db.write() as s:
        assert prune_changes(s) == 0

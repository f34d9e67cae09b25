"""Readers' half of the change feed: tell a client which cases anyone changed, live.

`ChangeFeed` runs one daemon thread with its own connection (never one from the pool) and calls
`on_change(ids)` from that thread with the ids of the cases changed since the last call, by this
process or any other; `on_change(None)` means "something may have changed, ids unknown: re-query
what you show" (after a reconnect, or when the change log was pruned past our position, or when
a change touched more than `MAX_IDS` cases). Clients re-query; the feed carries ids only.

- SQLite: polls `PRAGMA data_version` every `poll_interval` on a dedicated `sqlite3`
  connection; when it moves, reads the new `case_changes` rows. The dedicated connection sees
  every commit, this process's own included. Same host only: SQLite's locking (and so this
  feed) does not work on a network share.
- PostgreSQL: a dedicated autocommit psycopg 3 connection does `LISTEN griddesk_cases` and
  waits for the notifications writers send at commit (`db.feed.change_log.record_changes`). A lost
  connection is retried with capped backoff ("reconnecting"); once back ("connected") the feed
  sends a resync, since notifications sent meanwhile are gone.

Changes are reported from the moment the state first becomes "connected" (`wait_connected`):
a client that loaded its rows before that should load them again then.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from db.engine import Database
from db.feed.change_log import CHANNEL

log = logging.getLogger(__name__)

CONNECTING = "connecting"
CONNECTED = "connected"
RECONNECTING = "reconnecting"
STOPPED = "stopped"

APPLICATION_NAME = "griddesk-feed"
# SQLite: how often `PRAGMA data_version` is asked (a read of the shared-memory index, no
# query): 10 times a second costs an idle window well under 0.1 % of a core and puts another
# process's commit on the desk within about 0.1 s. PostgreSQL: how often the listener looks up.
POLL_INTERVAL = 0.1
MAX_IDS = 10_000  # more ids than this in one delivery → a resync instead of a huge set
BACKOFF_FIRST = 0.2  # seconds before the first retry; doubles up to BACKOFF_MAX
BACKOFF_MAX = 10.0
STABLE_AFTER = 30.0  # a connection that lasted this long resets the backoff
HEALTH_CHECK_AFTER = 15.0  # idle seconds after which the PostgreSQL listener pings the server
CONNECT_TIMEOUT = 5  # seconds, PostgreSQL
STATEMENT_TIMEOUT_MS = 10_000  # the listener's own statements (LISTEN, the idle ping)
TCP_USER_TIMEOUT_MS = 30_000  # unacknowledged data on the listener's socket, then it fails
STOP_TIMEOUT = CONNECT_TIMEOUT + 5.0  # stop() waits this long for the thread, then leaves it

ChangeCallback = Callable[[frozenset[int] | None], None]
StateCallback = Callable[[str], None]


class _Watch(Protocol):
    """One live connection of the feed: `run` returns when stopped, raises when the link is lost."""

    backend_pid: int | None

    def run(self) -> None: ...

    def close(self) -> None: ...


class ChangeFeed:
    """Live "these cases changed" notifications for one database (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        on_change: ChangeCallback,
        on_state: StateCallback | None = None,
        poll_interval: float = POLL_INTERVAL,
    ) -> None:
        if poll_interval <= 0:
            raise ValueError("poll_interval must be positive")
        self._on_change = on_change
        self._on_state = on_state
        self.poll_interval = poll_interval
        url = db.engine.url
        self._sqlite_path: Path | None = None
        self._conninfo = ""
        if db.is_sqlite:
            database = url.database or ""
            if not database or database == ":memory:" or database.startswith("file:"):
                raise ValueError(f"the change feed needs a SQLite file, not {database!r}")
            self._sqlite_path = Path(database).resolve()
        else:
            self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.state = STOPPED
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._watch: _Watch | None = None

    # -- public API --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the feed's daemon thread; returns at once (see `wait_connected`)."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("the change feed is already running")
        # Each thread gets its own stop event, so a thread left behind by a timed-out stop()
        # is never woken up again by a later start().
        self._stop = stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(stop,), name="griddesk-change-feed", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Stop the thread (within about `poll_interval`), join it and close its connection.

        While a PostgreSQL connection attempt is under way it can take up to `CONNECT_TIMEOUT`.
        Never waits longer than `timeout`: a thread stuck in the network or in a callback is
        left to finish on its own (it is a daemon thread and delivers nothing once stopped), so
        closing the window cannot hang on it. Returns False, with a warning logged, if so.
        """
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("change feed: the thread did not stop within %.1f s; left behind", timeout)
            self._set_state(STOPPED, self._stop)
            return False
        return True

    def wait_connected(self, timeout: float | None = None) -> bool:
        """Block until the feed is connected (True) or `timeout` passes (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.state == CONNECTED, timeout)

    @property
    def backend_pid(self) -> int | None:
        """The PostgreSQL backend pid of the listening connection (None on SQLite or offline)."""
        watch = self._watch
        return watch.backend_pid if watch is not None else None

    # -- the thread --------------------------------------------------------------------------

    def _run(self, stop: threading.Event) -> None:
        failures = 0
        lost = False  # a connection failed or was lost: the next success sends a resync
        try:
            self._set_state(CONNECTING, stop)
            while not stop.is_set():
                try:
                    watch = self._open(stop)
                except Exception as exc:  # any failure to connect: retry later
                    log.warning("change feed: cannot connect: %s", _first_line(exc))
                else:
                    connected_at = time.monotonic()
                    if stop is self._stop:
                        self._watch = watch
                    try:
                        self._set_state(CONNECTED, stop)
                        if lost:
                            self._deliver(None, stop)
                        watch.run()
                    except Exception as exc:  # the link broke: reconnect
                        log.warning("change feed: connection lost: %s", _first_line(exc))
                        if time.monotonic() - connected_at >= STABLE_AFTER:
                            failures = 0
                    finally:
                        if self._watch is watch:
                            self._watch = None
                        watch.close()
                if stop.is_set():
                    break
                lost = True
                failures += 1
                self._set_state(RECONNECTING, stop)
                stop.wait(min(BACKOFF_FIRST * 2 ** (failures - 1), BACKOFF_MAX))
        finally:
            self._set_state(STOPPED, stop)

    def _open(self, stop: threading.Event) -> _Watch:
        if self._sqlite_path is not None:
            return _SqliteWatch(self._sqlite_path, self, stop)
        return _PostgresWatch(self._conninfo, self, stop)

    def _set_state(self, state: str, stop: threading.Event) -> None:
        if stop is not self._stop:
            return  # a thread left behind by stop(): the feed has moved on
        if stop.is_set() and state != STOPPED:
            return  # stopping: a late "connected" from a slow connect must not show
        with self._changed:
            if state == self.state:
                return
            self.state = state
            self._changed.notify_all()
        if self._on_state is not None:
            try:
                self._on_state(state)
            except Exception:
                log.exception("change feed: on_state callback failed")

    def _deliver(self, ids: frozenset[int] | None, stop: threading.Event) -> None:
        if stop.is_set():
            return  # stopped: the client no longer listens
        try:
            self._on_change(ids)
        except Exception:
            log.exception("change feed: on_change callback failed")


class _SqliteWatch:
    """Polls `PRAGMA data_version`, reads new `case_changes` rows by `seq`."""

    backend_pid: int | None = None

    def __init__(self, path: Path, feed: ChangeFeed, stop: threading.Event) -> None:
        self._feed = feed
        self._stop = stop
        # mode=rw: never create an empty database where the real one is missing.
        self._conn = sqlite3.connect(
            f"{path.as_uri()}?mode=rw",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=10.0,
        )
        try:
            self._version = self._data_version()
            self._last = self._newest()
        except BaseException:
            self._conn.close()
            raise

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _newest(self) -> int:
        return int(
            self._conn.execute("SELECT coalesce(max(seq), 0) FROM case_changes").fetchone()[0]
        )

    def run(self) -> None:
        feed = self._feed
        while not self._stop.wait(feed.poll_interval):
            version = self._data_version()
            if version == self._version:
                continue
            self._version = version
            ids = self._read_new()
            if ids is None or ids:
                feed._deliver(ids, self._stop)

    def _read_new(self) -> frozenset[int] | None:
        """Ids changed since our position; None when we can't know them (log pruned past us,
        database replaced, too many)."""
        last = self._last
        newest = self._newest()
        if newest == last:
            return frozenset()
        self._last = newest
        if newest < last or newest - last > MAX_IDS:
            return None
        rows = self._conn.execute(
            "SELECT seq, case_id FROM case_changes WHERE seq > ? AND seq <= ? ORDER BY seq",
            (last, newest),
        ).fetchall()
        # SQLite gives a new row max(seq) + 1 and writers are serialised, so the log has no
        # holes unless prune_changes removed rows we had not read yet.
        if not rows or int(rows[0][0]) != last + 1:
            return None
        return frozenset(int(case_id) for _seq, case_id in rows)

    def close(self) -> None:
        self._conn.close()


class _PostgresWatch:
    """LISTENs on the case channel and turns notification payloads into id sets."""

    def __init__(self, conninfo: str, feed: ChangeFeed, stop: threading.Event) -> None:
        import psycopg  # PostgreSQL only: a quarter of a second to import, not on SQLite

        self._feed = feed
        self._stop = stop
        self._conn = psycopg.connect(
            conninfo,
            autocommit=True,
            application_name=APPLICATION_NAME,
            connect_timeout=CONNECT_TIMEOUT,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
            # A write (the idle ping) unanswered this long fails instead of waiting for TCP.
            tcp_user_timeout=TCP_USER_TIMEOUT_MS,
        )
        try:
            # A SET, not a startup option: connection poolers refuse unknown startup options.
            self._conn.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            self._conn.execute(f"LISTEN {CHANNEL}")
            self.backend_pid: int | None = self._conn.info.backend_pid
        except BaseException:
            self._conn.close()
            raise

    def run(self) -> None:
        feed = self._feed
        conn = self._conn
        quiet_since = time.monotonic()
        while not self._stop.is_set():
            batch = list(conn.notifies(timeout=feed.poll_interval, stop_after=1))
            if not batch:
                if time.monotonic() - quiet_since >= HEALTH_CHECK_AFTER:
                    conn.execute("SELECT 1")  # a dead link raises here → reconnect
                    quiet_since = time.monotonic()
                continue
            quiet_since = time.monotonic()
            batch += conn.notifies(timeout=0)  # whatever else has already arrived
            payloads = [n.payload for n in batch if n.channel == CHANNEL]
            ids = parse_payloads(payloads)
            if ids is None or ids:
                feed._deliver(ids, self._stop)

    def close(self) -> None:
        self._conn.close()


def parse_payloads(payloads: Iterable[str]) -> frozenset[int] | None:
    """The union of the ids in NOTIFY payloads ("12,15,..."); a malformed payload is logged and
    skipped. None (resync) if there are more than `MAX_IDS` ids."""
    ids: set[int] = set()
    for payload in payloads:
        parts = payload.split(",")
        if not all(p.isascii() and p.isdigit() for p in parts):
            log.warning("change feed: ignoring malformed payload %r", payload[:200])
            continue
        ids.update(int(p) for p in parts)
        if len(ids) > MAX_IDS:
            return None
    return frozenset(ids)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

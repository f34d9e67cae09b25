"""Engine and session set-up for SQLite (embedded default) and PostgreSQL (shared server)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StorageError, UserError
from db.models.limits import check_statement
from db.paths import default_database_path
from db.wal_checkpoint import BACKSTOP_PAGES, Checkpointer

SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_LOCK_TIMEOUT_MS = 30_000
# A pooled PostgreSQL connection idle longer than this is pinged (one round trip) before use;
# one used more recently is taken as it is (see `_ping_if_idle`).
PG_PING_IDLE_S = 10.0
_IDLE_SINCE = "griddesk_idle_since"
WRITE_OPTION = "griddesk_write"


def resolve_url(url: str | None = None) -> str:
    """`--db URL`, else $GRIDDESK_DB, else the SQLite file in the user's data folder.

    A bare file path is accepted as a SQLite database; `postgresql://` gets the psycopg 3 driver.
    """
    url = url or os.environ.get("GRIDDESK_DB") or ""
    if not url:
        path = default_database_path()
        return f"sqlite:///{path}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def shown_url(url: str | None) -> str:
    """The database URL for a message, password hidden."""
    resolved = resolve_url(url)
    try:
        return make_url(resolved).render_as_string(hide_password=True)
    except ArgumentError:
        return resolved


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's implicit transactions would fight SQLAlchemy's; let SQLAlchemy emit BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoints run on a background thread (db/wal_checkpoint.py); SQLite's own, in the
    # committing thread, only past this many pages of log.
    cursor.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
    cursor.close()


def _postgres_settings(dbapi_connection: Any, _record: Any) -> None:
    # A row lock another workstation keeps (a transaction left open) must not freeze us for
    # good: past PG_LOCK_TIMEOUT_MS the statement fails and becomes a StorageError. A SET, not
    # a startup option, because connection poolers refuse unknown startup options.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    dbapi_connection.execute(f"SET lock_timeout = {int(PG_LOCK_TIMEOUT_MS)}")
    dbapi_connection.autocommit = autocommit


def _note_idle(_dbapi_connection: Any, record: Any) -> None:
    record.info[_IDLE_SINCE] = time.monotonic()


def _ping_if_idle(engine: Engine) -> Callable[[Any, Any, Any], None]:
    # SQLAlchemy's pool_pre_ping costs a round trip on every checkout: a dispatch is a dozen
    # of them, and on a busy machine each one is a context switch to the server and back. A
    # connection back in the pool for a moment (the desk's next action) is used as it is,
    # unless the driver already knows it is broken; one idle longer (a server restarted or a
    # network dropped meanwhile) is pinged first, and a dead one makes the pool reconnect, as
    # pool_pre_ping does. A server gone in the last seconds fails the first statement
    # instead, which `storage_problem` words as a lost connection (and the pool reconnects).
    dialect = engine.dialect

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if getattr(dbapi_connection, "closed", False) or getattr(dbapi_connection, "broken", False):
            raise InvalidatePoolError()
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PG_PING_IDLE_S:
            return  # a new connection, or one in use a moment ago
        if not dialect._do_ping_w_event(dbapi_connection):
            raise InvalidatePoolError()

    return checkout


def _sqlite_begin(conn: Any) -> None:
    # A write transaction takes the write lock up front (BEGIN IMMEDIATE), so two writers
    # queue on the busy timeout instead of one failing with "database is locked" when it
    # upgrades a read lock. Readers use a plain deferred BEGIN and never block anyone (WAL).
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for `url` with GridDesk's connection settings applied."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise UserError(f"数据库地址无法识别：{url}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "before_execute", check_statement)
        return engine
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _postgres_settings)
        event.listen(engine.pool, "checkin", _note_idle)
        event.listen(engine.pool, "checkout", _ping_if_idle(engine))
        event.listen(engine, "before_execute", check_statement)
        return engine
    raise UserError(
        f"不支持的数据库类型：{parsed.get_backend_name()}（只支持 SQLite 和 PostgreSQL）"
    )


class Database:
    """One database: its engine and the two kinds of session GridDesk uses.

    `write()` commits on success and rolls back on any error; `read()` never writes.
    """

    def __init__(self, url: str | None = None, **engine_kwargs: Any) -> None:
        self.engine = make_engine(url, **engine_kwargs)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        # SQLite file: its log checkpointed after commits, off the committing thread.
        self.checkpointer: Checkpointer | None = None
        database = self.engine.url.database if self.is_sqlite else None
        if database and database != ":memory:" and not database.startswith("file:"):
            self.checkpointer = Checkpointer(database)
            event.listen(self.engine, "commit", self._committed)

    def _committed(self, _conn: Any) -> None:
        if self.checkpointer is not None:
            self.checkpointer.committed()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._read()
        try:
            yield session
        except DBAPIError as exc:
            problem = storage_problem(exc, writing=False)
            if problem is None:
                raise
            raise StorageError(problem) from exc
        finally:
            _quiet_rollback(session)  # a lost connection must not hide the error above
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error. A full
        disk, a read-only file, a lock held too long or a lost server becomes a
        `StorageError` that says so in one sentence."""
        session = self._write()
        try:
            yield session
            session.commit()
            # The engine's commit event fired just before COMMIT; a commit slower than the
            # checkpointer's quiet pause would otherwise stay in the log until the next write.
            self._committed(None)
        except DBAPIError as exc:
            _quiet_rollback(session)
            problem = storage_problem(exc, writing=True)
            if problem is None:
                raise
            raise StorageError(problem) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def describe(self) -> str:
        return describe(self.engine)

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()


def serialize_writers(session: Session, key: int) -> None:
    """Make write transactions that call this with the same `key` run one after another, so
    what one of them checked cannot change before it writes. PostgreSQL: an advisory lock held
    until the transaction ends (a wait longer than the lock timeout becomes a StorageError).
    SQLite: nothing to do, a write transaction already holds the file's only write lock from
    its BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _quiet_rollback(session: Session) -> None:
    # If the connection is gone, the server (or SQLite) has already undone the work.
    with suppress(DBAPIError):
        session.rollback()


_SAVED_NOTHING = "未保存任何内容（数据库保持原样）"


def storage_problem(exc: DBAPIError, *, writing: bool) -> str | None:
    """One sentence for a storage failure the user can act on, None for anything else (a bug).

    SQLite reports these as message texts, PostgreSQL as SQLSTATE codes."""
    text = str(exc.orig or exc).lower()
    code = getattr(exc.orig, "sqlstate", None) or ""
    done = _SAVED_NOTHING if writing else "未能读取"
    if "disk is full" in text or "no space left" in text or code == "53100":
        return f"磁盘空间已满，{done}：请清理出空间后重试"
    if "readonly database" in text or "read-only" in text or code == "25006":
        return f"数据库文件只读，{done}：请检查文件权限或所在磁盘"
    if "database disk image is malformed" in text or "file is not a database" in text:
        return f"数据库文件已损坏，{done}：请用备份文件替换它"
    if "database is locked" in text or code == "55P03":
        return f"数据库正被其他程序长时间占用，{done}：请稍后重试"
    if exc.connection_invalidated or code.startswith("08"):
        if writing:
            return "与数据库服务器的连接中断：无法确认是否已保存，请恢复连接后刷新查看"
        return "与数据库服务器的连接中断，未能读取：请检查网络后重试"
    return None


def describe(engine: Engine) -> str:
    """A short human description of the database, for the status bar and `info`."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    return f"PostgreSQL {url.host or 'localhost'}:{url.port or 5432}/{url.database}"

"""Shared fixtures: a fresh, migrated database per test on SQLite and on PostgreSQL (bare, with
the small street, with the returns' cases), the application contexts the desktop tests drive
widgets with, and Qt settings kept per test.

PostgreSQL: the run creates its own template database (migrated, catalogue loaded) on the
server named by $GRIDDESK_TEST_PG_URL (default: the local `test` database's server), clones
one database per test from it and drops them all at the end, so runs never see each other.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.database import open_database
from db.engine import Database
from db.security.actors import SYSTEM, Actor, Role
from tests.actors import ADMIN, BY_ROLE
from tests.report_cases import build_scenario
from tests.street import build_street

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.core.context import AppContext

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user's data folder (backups made before restores and migrations land there) is never
# touched by a test run: every run gets its own, removed at the end.
_DATA_HOME = tempfile.mkdtemp(prefix="griddesk-test-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_URL = os.environ.get("GRIDDESK_TEST_PG_URL", DEFAULT_PG)
PG_REQUIRED = bool(os.environ.get("GRIDDESK_TEST_PG_URL") or os.environ.get("CI"))


class _PgServer:
    """Creates and drops this run's databases on the test server."""

    def __init__(self, url: str) -> None:
        self.base = make_url(url).set(drivername="postgresql+psycopg")
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.run_id = uuid.uuid4().hex[:10]
        self.template: str | None = None
        self.created: list[str] = []
        self.serial = 0

    def available(self) -> str | None:
        try:
            with self.admin.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # any connection failure means: no server here
            return str(exc).splitlines()[0]
        return None

    def url_for(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> str:
        with self.admin.connect() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)
        return self.url_for(name)

    def fresh(self) -> str:
        if self.template is None:
            name = f"griddesk_t{self.run_id}_tpl"
            url = self._create(name)
            open_database(url).dispose()
            self.template = name
        # Never reuse a name within the run: a database's address also names its audit
        # anchors (db.security.audit_anchor), and a new database at an old address is an alarm.
        self.serial += 1
        return self._create(f"griddesk_t{self.run_id}_{self.serial}", self.template)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(reversed(self.created)):
            self.drop(self.url_for(name))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_PgServer | None]:
    server = _PgServer(PG_URL)
    problem = server.available()
    if problem is not None:
        if PG_REQUIRED:
            pytest.fail(f"PostgreSQL test server {PG_URL} unreachable: {problem}")
        yield None
        return
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(str(path)).dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    pg_server: _PgServer | None,
) -> Iterator[str]:
    """The URL of a fresh database, migrated, with the catalogue, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "griddesk.sqlite"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    if pg_server is None:
        pytest.skip("no PostgreSQL server reachable (set GRIDDESK_TEST_PG_URL)")
    url = pg_server.fresh()
    try:
        yield url
    finally:
        pg_server.drop(url)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def street(db: Database) -> Database:
    """`db` with a small hand-built street: 2 communities, 4 grids (see tests/street.py)."""
    build_street(db)
    return db


@pytest.fixture
def cases(street: Database) -> Database:
    """`street` with the returns' hand-built cases around October 2026 (tests/report_cases.py)."""
    build_scenario(street)
    return street


CLI_PASSWORD = "Tester2026desk"


@pytest.fixture
def cli_login(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., list[str]]]:
    """`cli_login(db, role="admin")` → `["--user", "t_<role>"]`: makes sure `db` has an account
    of that role, display name 测试<role label> (griddesk-admin needs a signed-in user for
    everything but setting up), with its password in $GRIDDESK_PASSWORD for the test."""
    from sqlalchemy import select

    from db.models import User
    from db.security.accounts import add_user
    from db.security.actors import ROLE_LABELS, Role

    monkeypatch.setenv("GRIDDESK_PASSWORD", CLI_PASSWORD)

    def login(database: Database, role: str = "admin") -> list[str]:
        username = f"t_{role}"
        with database.write() as session:
            if session.scalar(select(User.id).where(User.username == username)) is None:
                if session.scalar(select(User.id).limit(1)) is None and role != "admin":
                    add_user(session, "t_admin", "admin", CLI_PASSWORD, "测试管理员")
                label = ROLE_LABELS[Role(role)]
                add_user(session, username, role, CLI_PASSWORD, f"测试{label}", actor=SYSTEM)
        return ["--user", username]

    yield login


# --- application contexts -----------------------------------------------------------------------


@pytest.fixture
def make_ctx() -> Iterator[Callable[..., AppContext]]:
    """`make_ctx(database, actor=SYSTEM, feed=False)`: an application context signed in as
    `actor`, with the live feed started only when asked; every context made is closed (feed
    stopped, task thread ended) after the test, newest first."""
    from desktop.core.context import AppContext

    made: list[AppContext] = []

    def make(database: Database, actor: Actor = SYSTEM, *, feed: bool = False) -> AppContext:
        context = AppContext.create(database, actor, start_feed=feed)
        made.append(context)
        return context

    yield make
    for context in reversed(made):
        context.close()


@pytest.fixture
def ctx(street: Database, make_ctx: Callable[..., AppContext]) -> AppContext:
    """The SYSTEM actor's context on `street`, without the live feed."""
    return make_ctx(street)


@pytest.fixture
def admin_ctx(street: Database, make_ctx: Callable[..., AppContext]) -> AppContext:
    """The administrator's (tests.actors.ADMIN) context on `street`, without the live feed."""
    return make_ctx(street, ADMIN)


@pytest.fixture
def role_ctx(street: Database, make_ctx: Callable[..., AppContext]) -> Callable[[Role], AppContext]:
    """`role_ctx(Role.LEADER)`: the context of that role's user in tests.actors on `street`,
    without the live feed."""

    def make(role: Role) -> AppContext:
        return make_ctx(street, BY_ROLE[role])

    return make


# --- Qt settings --------------------------------------------------------------------------------


@pytest.fixture
def settings_in_tmp(tmp_path: Path) -> Iterator[Path]:
    """QSettings (INI, organisation GridDeskTest, application griddesk-test) and QStandardPaths
    kept inside the test's folder; the application's names and the settings format are put back
    afterwards."""
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    app = QCoreApplication.instance()
    assert app is not None
    old = (app.organizationName(), app.applicationName(), QSettings.defaultFormat())
    app.setOrganizationName("GridDeskTest")
    app.setApplicationName("griddesk-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QStandardPaths.setTestModeEnabled(True)
    yield tmp_path
    app.setOrganizationName(old[0])
    app.setApplicationName(old[1])
    QSettings.setDefaultFormat(old[2])


@pytest.fixture
def app_state(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """For tests that run `desktop.app.main()`: it names the application and styles it, and
    its settings land in the test's folder; everything is put back afterwards."""
    from PySide6.QtCore import QSettings, QStandardPaths

    saved = (
        qapp.organizationName(),
        qapp.applicationName(),
        qapp.styleSheet(),
        QSettings.defaultFormat(),
    )
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    yield
    qapp.setOrganizationName(saved[0])
    qapp.setApplicationName(saved[1])
    qapp.setStyleSheet(saved[2])
    QSettings.setDefaultFormat(saved[3])


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the application: cycles holding Qt objects are freed on the GUI thread only.

    A session of database-only tests never creates a QApplication for this."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    request.getfixturevalue("qapp")
    from desktop.core.gui_gc import collect_automatically, collect_on_gui_thread

    collect_on_gui_thread()
    yield
    collect_automatically()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The window's English translation, as `griddesk --lang en` installs it (db/'s messages in
    English too); Chinese again afterwards."""
    from PySide6.QtCore import QLocale

    from desktop.common.db_messages import use_translation
    from desktop.core.i18n import domain_word_text, install_translators

    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    use_translation(False, domain_word_text)  # db/'s messages in Chinese again
    QLocale.setDefault(QLocale("zh_CN"))

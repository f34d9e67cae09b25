"""Schema migrations: a fresh database reaches head, the models match the migration on both
dialects, a database from a newer build is refused untouched, and a SQLite file is backed up
before an upgrade."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

import db.migrate
from db.database import open_database
from db.engine import Database
from db.errors import SchemaTooNew, UserError
from db.migrate import MIGRATIONS_DIR, current_revision, head_revision
from db.models import Base, Category
from db.security.accounts import add_user

NEWER = "ffff9999abcd"


def test_fresh_sqlite_file_migrates_to_head(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite"
    database = open_database(str(path))
    try:
        with database.read() as session:
            assert current_revision(session.connection()) == head_revision()
            assert (
                session.scalar(select(Category.name).where(Category.code == "0101")) == "暴露垃圾"
            )
        tables = set(inspect(database.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        database.dispose()


def test_database_fixture_is_at_head(db: Database) -> None:
    with db.read() as session:
        assert current_revision(session.connection()) == head_revision()


def test_opening_twice_is_a_no_op(db_url: str) -> None:
    first = open_database(db_url)
    first.dispose()
    second = open_database(db_url)
    try:
        with second.read() as session:
            assert current_revision(session.connection()) == head_revision()
    finally:
        second.dispose()


def _compare_options(conn: Any) -> MigrationContext:
    return MigrationContext.configure(
        conn, opts={"compare_type": True, "compare_server_default": True}
    )


def test_models_match_the_migration(db: Database) -> None:
    with db.engine.connect() as conn:
        differences = compare_metadata(_compare_options(conn), Base.metadata)
    assert differences == [], differences


def _database_state(database: Database) -> dict[str, Any]:
    with database.engine.connect() as conn:
        inspector = inspect(conn)
        tables = sorted(inspector.get_table_names())
        return {
            "tables": tables,
            "revision": conn.execute(text("SELECT version_num FROM alembic_version")).all(),
            "categories": conn.execute(text("SELECT count(*) FROM categories")).scalar(),
            "columns": {t: [c["name"] for c in inspector.get_columns(t)] for t in tables},
        }


def test_newer_database_is_refused_and_left_unchanged(db_url: str, tmp_path: Path) -> None:
    database = Database(db_url)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": NEWER})
        before = _database_state(database)
    finally:
        database.dispose()
    backups = tmp_path / "backups"
    with pytest.raises(SchemaTooNew) as raised:
        open_database(db_url, backup_into=backups)
    assert NEWER in str(raised.value) and "升级 GridDesk" in str(raised.value)
    database = Database(db_url)
    try:
        assert _database_state(database) == before
    finally:
        database.dispose()
    assert not backups.exists()


def test_cli_refuses_a_newer_database(db_url: str) -> None:
    database = Database(db_url)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": NEWER})
    finally:
        database.dispose()
    admin = Path(sys.executable).with_name("griddesk-admin")
    result = subprocess.run(
        [str(admin), "--db", db_url, "info", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("错误：数据库版本 ffff9999abcd 比本程序新")


PROBE_MIGRATION = '''"""probe: a later revision, for the backup test"""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe_upgrade", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("probe_upgrade")
'''


@pytest.fixture
def newer_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This build's migrations plus one more revision, as a later GridDesk would ship them."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (folder / "versions" / "9001_probe.py").write_text(
        PROBE_MIGRATION.format(down=head), encoding="utf-8"
    )
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", folder)
    assert head_revision() == "9001"
    return head


def test_sqlite_file_is_backed_up_before_an_upgrade(
    tmp_path: Path, sqlite_template: Path, newer_build: str
) -> None:
    path = tmp_path / "center.sqlite"
    shutil.copyfile(sqlite_template, path)  # a database written by this build (older revision)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE categories SET name = '备份测试' WHERE code = '0101'")
    backups = tmp_path / "backups"
    database = open_database(str(path), backup_into=backups)
    try:
        with database.read() as session:
            assert current_revision(session.connection()) == "9001"
        assert "probe_upgrade" in inspect(database.engine).get_table_names()
    finally:
        database.dispose()
    copies = list(backups.glob("center-pre-migration-*.sqlite"))
    assert len(copies) == 1
    with closing(sqlite3.connect(copies[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (newer_build,)
        ]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "probe_upgrade" not in names
        assert conn.execute("SELECT name FROM categories WHERE code = '0101'").fetchall() == [
            ("备份测试",)
        ]
    # Opened again at the new head: no second backup.
    open_database(str(path), backup_into=backups).dispose()
    assert len(list(backups.glob("*.sqlite"))) == 1


def test_older_database_upgrades_to_the_new_head(
    db_url: str, newer_build: str, tmp_path: Path
) -> None:
    """On PostgreSQL under the advisory lock, on SQLite after the backup; data kept."""
    database = open_database(db_url, backup_into=tmp_path / "backups")
    try:
        with database.read() as session:
            assert current_revision(session.connection()) == "9001"
            assert (
                session.scalar(select(Category.name).where(Category.code == "0101")) == "暴露垃圾"
            )
        assert "probe_upgrade" in inspect(database.engine).get_table_names()
    finally:
        database.dispose()


def test_0002_gives_retired_entries_the_end_date_their_retirement_recorded(
    tmp_path: Path,
) -> None:
    """A database from before 0002 (retired first secretaries kept only a status) upgrades with
    the end date taken from the 离任 event in the roster history."""
    from alembic import command

    from db.engine import Database as Db
    from db.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    old = Db(f"sqlite:///{path}")
    cfg = alembic_config()
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (id, name, gender, id_number, phone, education, party_member,"
                " notes, work_unit, active, created_at, updated_at) VALUES (1, '甲', '男',"
                " '210102199001011234', '', '', 1, '', '', 1, '2026-01-01', '2026-01-01')"
            )
        )
        for row_id, status in ((1, "离任"), (2, "在任")):
            conn.execute(
                text(
                    "INSERT INTO first_secretaries (id, person_id, sending_unit, post_level,"
                    " term_start, term_end, status) VALUES"
                    " (:id, 1, '区财政局', 'street', '2025-01-01', '2027-01-01', :status)"
                ),
                {"id": row_id, "status": status},
            )
        conn.execute(
            text(
                "INSERT INTO roster_events (at, actor, roster, row_id, action, changes) VALUES"
                " ('2026-10-20 02:00:00', 'wangli', 'first_secretary', 1, 'retire',"
                ' \'{"end_date": "2026-10-20", "status": ["在任", "离任"]}\')'
            )
        )
    old.dispose()
    upgraded = open_database(str(path), backup_into=tmp_path / "backups")
    try:
        with upgraded.read() as session:
            assert current_revision(session.connection()) == head_revision()
            ends = dict(session.execute(text("SELECT id, end_date FROM first_secretaries")).all())
        assert str(ends[1])[:10] == "2026-10-20" and ends[2] is None
        assert list((tmp_path / "backups").glob("*.sqlite"))  # backed up before migrating
    finally:
        upgraded.dispose()


def test_0003_records_imported_work_orders_and_keeps_existing_duplicates(
    tmp_path: Path,
) -> None:
    """A database from before 0003 in which one work order was imported twice (the race the
    new key prevents) keeps both cases; the order is recorded once, against the earlier case,
    so importing the file again skips it."""
    from alembic import command

    from db.cases.intake import report_in
    from db.cases.states import Source
    from db.cases.work_orders import plan_case_import
    from db.migrate import alembic_config
    from db.security.actors import SYSTEM
    from tests.street import GRID_A1, build_street
    from tests.test_case_import import _sheet

    path = tmp_path / "old.sqlite"
    made = open_database(str(path))
    build_street(made)
    with made.write() as session:
        for source in (Source.HOTLINE, Source.HOTLINE, Source.HOTLINE, Source.PATROL):
            report_in(
                session,
                grid_code=GRID_A1,
                category_code="0101",
                description="垃圾",
                source=source,
                actor=SYSTEM,
            )
    with made.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        for case_id, order in ((1, "GD9"), (2, "GD9"), (4, "GD9")):
            conn.execute(
                text("UPDATE case_events SET note = :n WHERE case_id = :c AND action = 'report'"),
                {"n": f"工单编号 {order}", "c": case_id},
            )
    made.dispose()

    upgraded = open_database(str(path), backup_into=tmp_path / "backups")
    try:
        with upgraded.read() as session:
            assert current_revision(session.connection()) == head_revision()
            orders = session.execute(
                text("SELECT source, work_order, case_id FROM imported_work_orders ORDER BY 1")
            ).all()
            cases = session.scalar(text("SELECT count(*) FROM cases"))
            first = session.scalar(text("SELECT number FROM cases WHERE id = 1"))
        assert [tuple(o) for o in orders] == [("hotline", "GD9", 1), ("patrol", "GD9", 4)]
        assert cases == 4
        sheet = _sheet(tmp_path / "工单.xlsx", [["GD9", GRID_A1, "0101", "垃圾", "", "", "", ""]])
        plan = plan_case_import(upgraded, sheet)
        assert plan.rows == [] and plan.already == [(3, first)]
    finally:
        upgraded.dispose()


# --- databases that are not GridDesk's ---------------------------------------------------------


def _make_foreign(db_url: str) -> None:
    """Turn the test database into another program's: one table of its own, one row."""
    if db_url.startswith("sqlite"):
        path = Path(str(make_url(db_url).database))
        path.unlink()
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            conn.execute("INSERT INTO notes VALUES (1, '别人的数据')")
            conn.commit()
        return
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
            conn.execute(text("INSERT INTO notes VALUES (1, '别人的数据')"))
    finally:
        engine.dispose()


def _foreign_state(db_url: str) -> dict[str, Any]:
    """Tables and rows of the database; for a SQLite file also its exact bytes."""
    state: dict[str, Any] = {}
    if db_url.startswith("sqlite"):
        path = Path(str(make_url(db_url).database))
        state["bytes"] = hashlib.sha256(path.read_bytes()).hexdigest()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            state["tables"] = sorted(inspect(conn).get_table_names())
            state["notes"] = conn.execute(text("SELECT id, body FROM notes")).all()
    finally:
        engine.dispose()
    return state


def _admin_cli(*argv: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    admin = Path(sys.executable).with_name("griddesk-admin")
    return subprocess.run(
        [str(admin), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**os.environ, "XDG_DATA_HOME": str(data_home), "GRIDDESK_PASSWORD": "Grid2026desk"},
    )


def test_another_programs_database_is_refused_and_left_unchanged(
    db_url: str, tmp_path: Path
) -> None:
    """`--db` at another program's database once took it from 1 table to 26, without a
    backup: neither the CLI (`info`, a plain `init`) nor the window's opening touches it."""
    _make_foreign(db_url)
    before = _foreign_state(db_url)
    data_home = tmp_path / "data"
    for argv in (("info",), ("init",), ("init", "--demo")):
        result = _admin_cli("--db", db_url, *argv, data_home=data_home)
        assert result.returncode == 2 and result.stdout == "", (argv, result.stdout)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert "不是 GridDesk 数据库" in lines[0] and "notes" in lines[0]
        assert "init --force" in lines[0]
    with pytest.raises(UserError, match="不是 GridDesk 数据库"):  # the window opens it so
        open_database(db_url, backup_into=tmp_path / "backups")
    assert _foreign_state(db_url) == before
    assert not data_home.exists() and not (tmp_path / "backups").exists()


def test_init_force_adds_griddesk_beside_another_programs_tables(
    db_url: str, tmp_path: Path
) -> None:
    _make_foreign(db_url)
    before = _foreign_state(db_url)
    data_home = tmp_path / "data"
    result = _admin_cli("--db", db_url, "init", "--force", data_home=data_home)
    assert result.returncode == 0, result.stderr
    after = _foreign_state(db_url)
    assert after["notes"] == before["notes"]
    assert set(Base.metadata.tables) | {"notes", "alembic_version"} == set(after["tables"])
    database = open_database(db_url)  # GridDesk's now: it opens without --force
    try:
        with database.read() as session:
            assert current_revision(session.connection()) == head_revision()
    finally:
        database.dispose()
    if db_url.startswith("sqlite"):  # the file as it was is kept
        (saved,) = data_home.rglob("*pre-migration*.sqlite")
        with closing(sqlite3.connect(saved)) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
            assert tables == ["notes"]
            assert conn.execute("SELECT id, body FROM notes").fetchall() == before["notes"]


def test_empty_sqlite_file_becomes_a_new_database(tmp_path: Path) -> None:
    """SQLite file matter: a file of 0 bytes is an empty database, not another program's."""
    path = tmp_path / "empty.sqlite"
    path.touch()
    database = open_database(str(path))
    try:
        with database.read() as session:
            assert current_revision(session.connection()) == head_revision()
    finally:
        database.dispose()


def _griddesk_file(path: Path) -> Path:
    database = open_database(str(path))
    try:
        with database.write() as session:
            add_user(session, "admin", "admin", "Grid2026desk")
    finally:
        database.dispose()  # the last connection folds the write-ahead log into the file
    return path


def _overwrite_pages(path: Path, first: int, count: int) -> None:
    with closing(sqlite3.connect(path)) as conn:
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    with path.open("r+b") as fh:
        fh.seek((first - 1) * size)
        fh.write(b"\xa5" * size * count)


def _root_pages(path: Path, table: str) -> list[int]:
    """The first pages of `table` and of its indexes."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 0", (table,)
        )
        return [int(r[0]) for r in rows]


def test_corrupt_or_non_database_sqlite_files_give_one_line(tmp_path: Path) -> None:
    """SQLite file matter: `--db` at a file that is not a database, or a corrupt one, once
    ended in a traceback (`file is not a database`, `database disk image is malformed`)."""
    text_file = tmp_path / "notes.txt"
    text_file.write_text("这不是数据库\n" * 100, encoding="utf-8")
    random_bytes = tmp_path / "random.sqlite"
    random_bytes.write_bytes(bytes(range(256)) * 64)
    schema_hit = _griddesk_file(tmp_path / "schema-hit.sqlite")
    _overwrite_pages(schema_hit, 2, 6)  # the schema's pages after the first
    truncated = _griddesk_file(tmp_path / "truncated.sqlite")
    with truncated.open("r+b") as fh:
        fh.truncate(8192)
    expected = {
        text_file: "不是 GridDesk 数据库",
        random_bytes: "不是 GridDesk 数据库",
        schema_hit: "已损坏",
        truncated: "已损坏",
    }
    for path, message in expected.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        result = _admin_cli("--db", str(path), "info", data_home=tmp_path / "data")
        assert result.returncode == 2 and result.stdout == "", (path, result.stdout)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and message in lines[0], (path, result.stderr)
        with pytest.raises(UserError, match=message):  # the window opens it so
            open_database(str(path))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)  # SQLite would wait on it
    for path in (Path("/dev/zero"), fifo, tmp_path):  # on /dev/zero SQLite wrote a journal
        result = _admin_cli("--db", str(path), "info", data_home=tmp_path / "data")
        assert result.returncode == 2 and result.stdout == "", (path, result.stdout)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "不是普通文件" in lines[0], (path, result.stderr)
        assert not Path(f"{path}-journal").exists() and not Path(f"{path}-wal").exists()


def test_a_table_damaged_deep_inside_a_sqlite_file_gives_one_line(tmp_path: Path) -> None:
    """SQLite file matter: damage the opening cannot see (the first pages of the cases table and its
    indexes) shows
    up when a command reads it, as one sentence instead of a traceback."""
    path = _griddesk_file(tmp_path / "deep.sqlite")
    for page in _root_pages(path, "cases"):
        _overwrite_pages(path, page, 1)
    result = _admin_cli("--db", str(path), "--user", "admin", "info", data_home=tmp_path)
    assert result.returncode == 2 and result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "已损坏" in lines[0], result.stderr

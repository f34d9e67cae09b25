"""The 5 ms dispatch on PostgreSQL (issue 16) keeps what it did in fewer round trips: the
statements of one dispatch are counted (a budget, not a timing), the audit entry hashed by the
server is the one `entry_hash` gives for any text, a setting changed by another workstation is
used by the very next dispatch, and a pooled connection is pinged only after it sat idle (a dead
one is then replaced without an error)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

import db.engine as engine_module
from db.cases.states import Action
from db.cases.workflow import apply, dispatch
from db.engine import Database
from db.models import AuditEntry, Case
from db.reference.settings_store import save_setting
from db.security.audit import record_audit, verify_chain
from tests.actors import ADMIN
from tests.test_lean_dispatch_and_start import _registered


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def test_a_dispatch_takes_two_statements_on_postgresql(street: Database) -> None:
    """PostgreSQL: the case with the settings, the audit log's head and the department with
    its co-handling state; the compare-and-set UPDATE with its history entry, change-log row,
    NOTIFY and audit entry (the audit head moved on the condition it is still the one read);
    then COMMIT (the driver sends BEGIN before the first). SQLite, where a statement is a
    function call, not a round trip: a few more."""
    number, version = _registered(street)
    dispatch(street, [_registered(street)[0]], "环卫所")  # statements made and cached once
    with _statements(street) as seen:
        outcome = dispatch(street, [number], "环卫所", versions={number: version})
    assert outcome.done and not outcome.failed
    if street.is_sqlite:
        assert len(seen) <= 10, seen  # BEGIN IMMEDIATE and the audit head's UPDATE included
    else:
        assert len(seen) == 2, seen
        assert "settings" in seen[0] and "departments" in seen[0] and "audit_head" in seen[0]
        assert "pg_notify" in seen[1] and "UPDATE audit_head" in seen[1]
        assert "INSERT INTO case_events" in seen[1] and "INSERT INTO case_changes" in seen[1]
        assert "INSERT INTO audit_log" in seen[1]
    with street.read() as s:
        assert verify_chain(s).ok


def test_a_stale_dispatch_writes_nothing_and_sends_no_notification(street: Database) -> None:
    if street.is_sqlite:
        pytest.skip("NOTIFY exists on PostgreSQL only")
    number, version = _registered(street)
    listener = street.engine.raw_connection()
    try:
        listener.driver_connection.autocommit = True  # type: ignore[union-attr]
        listener.driver_connection.execute("LISTEN griddesk_cases")  # type: ignore[union-attr]
        outcome = dispatch(street, [number], "环卫所", versions={number: version - 1})
        assert not outcome.done and outcome.failed
        conn = listener.driver_connection
        assert conn is not None
        assert list(conn.notifies(timeout=0.2, stop_after=1)) == []
        outcome = dispatch(street, [number], "环卫所", versions={number: version})
        assert outcome.done
        got = list(conn.notifies(timeout=5, stop_after=1))
        with street.read() as s:
            case_id = s.scalar(select(Case.id).where(Case.number == number))
        assert [n.payload for n in got] == [str(case_id)]
    finally:
        listener.close()


@pytest.mark.parametrize(
    "details",
    [
        None,
        {"reason": '「引号」"quotes" \\ 反斜杠 \n 换行 \t tab \u0001 control'},
        {"emoji": "🚧🗑️", "nested": {"b": [1, 2.5, None, True], "a": "派遣"}, "n": 10**12},
    ],
)
def test_the_servers_audit_hash_is_entry_hash(street: Database, details: Any) -> None:
    with street.write() as s:
        entry = record_audit(s, ADMIN, "case.test", "case", "x" * 300, details)
    with street.read() as s:
        stored = s.get_one(AuditEntry, entry.id)
        assert (stored.prev_hash, stored.hash) == (entry.prev_hash, entry.hash)
        assert verify_chain(s).ok


def test_a_setting_changed_elsewhere_is_used_by_the_next_dispatch(street: Database) -> None:
    """The settings come with the case (PostgreSQL: in its statement): a warning share changed
    by another workstation a moment before moves the next dispatch's warning time."""
    other = Database(street.engine.url.render_as_string(hide_password=False))
    try:
        warn_at = {}
        for share in (0.5, 0.9):
            with other.write() as s:
                save_setting(s, "warn_share", share, ADMIN)
            number, version = _registered(street)
            done = dispatch(street, [number], "环卫所", versions={number: version}).done
            assert done
            with street.read() as s:
                case = s.scalars(select(Case).where(Case.number == number)).one()
                assert case.due_at is not None and case.warn_at is not None
                assert case.stage_started_at is not None
                warn_at[share] = (case.warn_at - case.stage_started_at) / (
                    case.due_at - case.stage_started_at
                )
        assert warn_at[0.5] < warn_at[0.9]
    finally:
        other.dispose()


def test_a_connection_is_pinged_only_after_sitting_idle(
    street: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if street.is_sqlite:
        pytest.skip("a server connection exists on PostgreSQL only")
    pings: list[object] = []
    dialect = street.engine.dialect
    ping = dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    with street.read() as s:
        pid = s.scalar(text("SELECT pg_backend_pid()"))
    with street.read() as s:
        s.execute(text("SELECT 1"))
    assert pings == []  # used a moment ago: taken as it is
    # The server side of the pooled connection goes away while it sits idle (a restart).
    admin = Database(street.engine.url.render_as_string(hide_password=False))
    try:
        with admin.write() as other:
            other.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    finally:
        admin.dispose()
    monkeypatch.setattr(engine_module, "PG_PING_IDLE_S", 0.0)  # it has sat idle long enough
    with street.read() as s:
        assert s.scalar(text("SELECT pg_backend_pid()")) != pid  # pinged, replaced, no error
    assert len(pings) == 1


def test_a_value_the_tables_refuse_is_refused_before_anything_is_written(
    street: Database,
) -> None:
    """The combined statement binds its values under names of its own, out of the reach of
    the statement net (db.models.limits.check_statement): the workflow checks them itself."""
    from db.cases.workflow import Request
    from db.errors import ValidationError
    from db.models import CaseEvent

    number, version = _registered(street)
    with street.read() as s:
        before = s.scalar(select(func.count()).select_from(CaseEvent))
    request = Request("环卫所", expected_version=version, details={"督办": "a\x00b"})
    with pytest.raises(ValidationError, match="NUL"):
        apply(street, number, Action.DISPATCH, request)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == before
        assert s.scalar(select(Case.version).where(Case.number == number)) == version

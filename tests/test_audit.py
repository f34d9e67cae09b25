"""The audit chain detects an edited, a deleted and an inserted entry, on both databases."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from db.engine import Database
from db.models import AuditEntry
from db.security.actors import SYSTEM, Actor, Role
from db.security.audit import GENESIS, record_audit, verify_chain

CLERK = Actor("wangli", "王丽", Role.SECRETARY)


def _fill(db: Database, n: int = 5) -> list[int]:
    ids = []
    with db.write() as s:
        for i in range(n):
            entry = record_audit(
                s,
                CLERK if i % 2 else SYSTEM,
                "roster.edit",
                "person",
                i,
                {"field": "phone", "i": i, "名": "张三"},
            )
            ids.append(entry.id)
    return ids


def test_intact_chain_verifies(db: Database) -> None:
    _fill(db)
    with db.read() as s:
        report = verify_chain(s)
    assert report.ok and report.entries == 5
    with db.read() as s:
        first_prev = s.scalars(select(AuditEntry.prev_hash).order_by(AuditEntry.id)).first()
    assert first_prev == GENESIS


def test_edited_entry_is_named(db: Database) -> None:
    ids = _fill(db)
    with db.write() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(username="mallory"))
    with db.read() as s:
        report = verify_chain(s)
    assert report.first_broken_id == ids[2]
    assert "改动" in report.reason


def test_deleted_entry_breaks_the_next_link(db: Database) -> None:
    ids = _fill(db)
    with db.write() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == ids[1]))
    with db.read() as s:
        report = verify_chain(s)
    assert report.first_broken_id == ids[2]


def test_inserted_entry_is_detected(db: Database) -> None:
    ids = _fill(db)
    with db.write() as s:
        last = s.get_one(AuditEntry, ids[-1])
        s.execute(
            insert(AuditEntry).values(
                at=last.at,
                username="mallory",
                action="case.dispatch",
                object_type="case",
                object_id="x",
                details=None,
                prev_hash=last.hash,
                hash="f" * 64,
            )
        )
    with db.read() as s:
        report = verify_chain(s)
    assert report.first_broken_id is not None and report.first_broken_id > ids[-1]


def test_rolled_back_work_leaves_no_entry(db: Database) -> None:
    _fill(db, 2)
    try:
        with db.write() as s:
            record_audit(s, CLERK, "roster.edit", "person", 9)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.read() as s:
        assert verify_chain(s).entries == 2

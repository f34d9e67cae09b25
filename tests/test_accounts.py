"""Accounts: Argon2id hashes, sign-in, lock-out, disabling, first-admin rule; on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.models import AuditEntry, User
from db.models.base import utcnow
from db.security.accounts import (
    MAX_FAILURES,
    SignInFailed,
    add_user,
    authenticate,
    change_password,
    set_active,
)
from db.security.actors import Actor, Role
from db.security.audit import verify_chain

PW = "Grid2026desk"


def _admin(db: Database) -> Actor:
    with db.write() as s:
        add_user(s, "admin", "admin", PW, "管理员甲")
    return authenticate(db, "admin", PW)


def test_first_account_must_be_admin(db: Database) -> None:
    with pytest.raises(ValidationError, match="管理员"), db.write() as s:
        add_user(s, "li", "dispatcher", PW)
    with db.read() as s:
        assert s.scalar(select(User.id)) is None


def test_password_is_stored_as_argon2id(db: Database) -> None:
    _admin(db)
    with db.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored is not None and stored.startswith("$argon2id$") and PW not in stored
    # parameters at or above OWASP's minimum (m ≥ 19 MiB, t ≥ 2)
    params = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19 * 1024 and int(params["t"]) >= 2


def test_sign_in_and_wrong_password(db: Database) -> None:
    actor = _admin(db)
    assert actor.role is Role.ADMIN and actor.display_name == "管理员甲"
    with pytest.raises(SignInFailed, match="用户名或密码错误"):
        authenticate(db, "admin", "wrong-password1")
    with pytest.raises(SignInFailed, match="用户名或密码错误"):
        authenticate(db, "nobody", PW)


def test_lockout_after_repeated_failures_then_unlock_after_time(db: Database) -> None:
    _admin(db)
    now = utcnow()
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInFailed):
            authenticate(db, "admin", "bad-password1", now=now)
    with pytest.raises(SignInFailed, match="锁定"):
        authenticate(db, "admin", "bad-password1", now=now)
    # even the right password is refused while locked
    with pytest.raises(SignInFailed, match="锁定"):
        authenticate(db, "admin", PW, now=now + timedelta(minutes=1))
    assert authenticate(db, "admin", PW, now=now + timedelta(minutes=16)).username == "admin"


def test_only_admins_add_users_and_disable(db: Database) -> None:
    admin = _admin(db)
    with db.write() as s:
        add_user(s, "liming", "调度员", PW, "李明", actor=admin)
    dispatcher = authenticate(db, "liming", PW)
    assert dispatcher.role is Role.DISPATCHER
    with pytest.raises(PermissionDenied), db.write() as s:
        add_user(s, "x", "dispatcher", PW, actor=dispatcher)
    set_active(db, admin, "liming", False)
    with pytest.raises(SignInFailed, match="停用"):
        authenticate(db, "liming", PW)
    with pytest.raises(PermissionDenied):
        set_active(db, admin, "admin", False)


def test_weak_passwords_and_duplicates_refused(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(ValidationError, match="至少"), db.write() as s:
        add_user(s, "a1", "secretary", "short1", actor=admin)
    with pytest.raises(ValidationError, match="字母和数字"), db.write() as s:
        add_user(s, "a1", "secretary", "12345678901", actor=admin)
    with pytest.raises(ValidationError, match="已存在"), db.write() as s:
        add_user(s, "admin", "secretary", PW, actor=admin)


def test_change_password(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(ValidationError, match="原密码"):
        change_password(db, admin, "nope-nope1", "NewPass2027")
    change_password(db, admin, PW, "NewPass2027")
    assert authenticate(db, "admin", "NewPass2027").username == "admin"


def test_sign_ins_are_audited_in_the_chain(db: Database) -> None:
    _admin(db)
    with pytest.raises(SignInFailed):
        authenticate(db, "admin", "bad-password1")
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert verify_chain(s).ok
    assert actions == ["user.add", "sign_in", "sign_in_failed"]

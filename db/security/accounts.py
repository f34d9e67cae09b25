"""User accounts (账号): Argon2id password hashes, sign-in with lock-out, roles, disabling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import NotFound, PermissionDenied, UserError, ValidationError
from db.models import Department, User
from db.models.base import utcnow
from db.security.actors import DEPARTMENT_ROLES, ROLE_LABELS, SYSTEM, Actor, Role
from db.security.audit import record_audit

# argon2-cffi's defaults (Argon2id, t=3, m=64 MiB, p=4) are above OWASP's minimum
# (m=19 MiB, t=2, p=1).
_HASHER = PasswordHasher()
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8


class SignInFailed(UserError):
    """Wrong name or password, a disabled account or a locked one."""


@dataclass(frozen=True)
class UserInfo:
    username: str
    display_name: str
    role: str
    role_label: str
    active: bool
    locked_until: datetime | None
    department: str | None = None  # a department account's department


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位")
    if password.isdigit() or password.isalpha():
        raise ValidationError("密码需同时包含字母和数字")


def parse_role(text: str) -> Role:
    for role, label in ROLE_LABELS.items():
        if role is not Role.SYSTEM and text in (role.value, label):
            return role
    choices = "、".join(
        f"{r.value}（{lbl}）" for r, lbl in ROLE_LABELS.items() if r is not Role.SYSTEM
    )
    raise ValidationError(f"角色「{text}」无法识别，可选：{choices}")


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def add_user(
    session: Session,
    username: str,
    role: Role | str,
    password: str,
    display_name: str = "",
    actor: Actor = SYSTEM,
    department: str | None = None,
) -> UserInfo:
    """Create an account. The first account of a database may be created by anyone
    (it must be an administrator); after that only `admin.users` may. A department account
    (部门经办, 部门负责人) names its department; the centre's roles name none."""
    role = parse_role(role) if isinstance(role, str) else role
    dept = _account_department(session, role, department)
    first = not has_users(session)
    if first and role is not Role.ADMIN:
        raise ValidationError("第一个账号必须是管理员（--role admin）")
    if not first:
        actor.require("admin.users", "管理账号")
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise ValidationError("用户名不能为空、不能含空格，最多 64 个字符")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValidationError(f"用户名「{username}」已存在")
    _check_password(password)
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        role=role.value,
        department_id=dept.id if dept else None,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    record_audit(
        session,
        actor if not first else Actor(username, user.display_name, role),
        "user.add",
        "user",
        username,
        {"role": role.value, **({"department": dept.name} if dept else {})},
    )
    return _info(user, dept.name if dept else None)


def _account_department(session: Session, role: Role, name: str | None) -> Department | None:
    """The department a new account is bound to: required for a department role, refused
    for the centre's."""
    if role not in DEPARTMENT_ROLES:
        if name:
            raise ValidationError(f"「{ROLE_LABELS[role]}」是中心的角色，不属于某个部门")
        return None
    if not name or not name.strip():
        raise ValidationError(f"「{ROLE_LABELS[role]}」账号需要指定所属部门（--department）")
    dept = session.scalar(select(Department).where(Department.name == name.strip()))
    if dept is None:
        raise NotFound(f"部门「{name.strip()}」不存在")
    if not dept.active:
        raise ValidationError(f"部门「{dept.name}」已停用")
    return dept


def _info(user: User, department: str | None = None) -> UserInfo:
    role = Role(user.role)
    return UserInfo(
        user.username,
        user.display_name,
        role.value,
        ROLE_LABELS[role],
        user.active,
        user.locked_until,
        department,
    )


def authenticate(db: Database, username: str, password: str, now: datetime | None = None) -> Actor:
    """The signed-in actor, or `SignInFailed`. Failures are counted and audited; after
    MAX_FAILURES in a row the account is locked for LOCKOUT."""
    now = now or utcnow()
    failure: str | None = None
    with db.write() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        generic = "用户名或密码错误"
        if user is None:
            _HASHER.hash(password)  # same work as a real check: no timing hint
            failure = generic
        elif not user.active:
            failure = f"账号「{user.username}」已停用，请联系管理员"
        elif user.locked_until is not None and user.locked_until > now:
            minutes = max(int((user.locked_until - now).total_seconds() // 60) + 1, 1)
            failure = f"账号「{user.username}」因多次密码错误已锁定，请 {minutes} 分钟后再试"
        else:
            try:
                _HASHER.verify(user.password_hash or "", password)
            except (VerificationError, InvalidHashError):
                user.failed_logins += 1
                failure = generic
                if user.failed_logins >= MAX_FAILURES:
                    user.locked_until = now + LOCKOUT
                    user.failed_logins = 0
                    failure = f"密码连续错误 {MAX_FAILURES} 次，账号已锁定 {int(LOCKOUT.total_seconds() // 60)} 分钟"
            else:
                user.failed_logins = 0
                user.locked_until = None
                if _HASHER.check_needs_rehash(user.password_hash or ""):
                    user.password_hash = hash_password(password)
                actor = Actor(user.username, user.display_name, Role(user.role), user.department_id)
                record_audit(session, actor, "sign_in", "user", user.username, now=now)
                return actor
        record_audit(
            session,
            Actor(username.strip()[:64] or "?", "", Role.LEADER),
            "sign_in_failed",
            "user",
            username.strip()[:64],
            {"reason": failure},
            now=now,
        )
    raise SignInFailed(failure)


def change_password(db: Database, actor: Actor, old: str, new: str) -> None:
    with db.write() as session:
        user = session.scalar(select(User).where(User.username == actor.username))
        if user is None:
            raise NotFound(f"账号「{actor.username}」不存在")
        try:
            _HASHER.verify(user.password_hash or "", old)
        except (VerificationError, InvalidHashError) as exc:
            raise ValidationError("原密码不正确") from exc
        _check_password(new)
        user.password_hash = hash_password(new)
        record_audit(session, actor, "user.password", "user", user.username)


def set_active(db: Database, actor: Actor, username: str, active: bool) -> UserInfo:
    actor.require("admin.users", "管理账号")
    with db.write() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"账号「{username}」不存在")
        if not active and user.username == actor.username:
            raise PermissionDenied("不能停用自己正在使用的账号")
        user.active = active
        if active:
            user.locked_until = None
            user.failed_logins = 0
        record_audit(session, actor, "user.enable" if active else "user.disable", "user", username)
        return _info(user)


def list_users(session: Session) -> list[UserInfo]:
    rows = session.execute(
        select(User, Department.name)
        .outerjoin(Department, Department.id == User.department_id)
        .order_by(User.username)
    )
    return [_info(u, dept) for u, dept in rows]

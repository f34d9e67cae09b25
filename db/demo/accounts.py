"""Sign-in accounts of the demo street, one per centre role, and a 部门经办 and a 部门负责人 for two
departments (环卫所, 城管执法中队), all with the password DEMO_PASSWORD.

Only the demo builder creates them; a real center starts with the first-administrator dialog.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Department, User
from db.security.accounts import add_user, has_users, list_users
from db.security.actors import Actor, Role

DEMO_PASSWORD = "demo2026"

# Who the window is opened as when nobody signs in (the screenshots, the start-up probe): a
# user allowed to see every page.
DEMO_VIEWER = Actor("demo", "演示账号", Role.SYSTEM)

DEMO_ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "赵志刚"),
    ("liming", Role.DISPATCHER, "李明"),
    ("zhangyan", Role.SHIFT_LEAD, "张岩"),
    ("wangli", Role.SECRETARY, "王丽"),
    ("sunhong", Role.LEADER, "孙红"),
)

# Department accounts: user name, role, display name, department.
DEMO_DEPARTMENT_ACCOUNTS: tuple[tuple[str, Role, str, str], ...] = (
    ("wanggang", Role.DEPARTMENT_HANDLER, "王刚", "环卫所"),
    ("liuyang", Role.DEPARTMENT_HEAD, "刘洋", "环卫所"),
    ("chenjie", Role.DEPARTMENT_HANDLER, "陈杰", "城管执法中队"),
    ("zhaomin", Role.DEPARTMENT_HEAD, "赵敏", "城管执法中队"),
)


def create_demo_accounts(session: Session) -> int:
    """Create the demo accounts on a database that has none; returns how many were made."""
    if has_users(session):
        return 0
    admin_name, _, admin_display = DEMO_ACCOUNTS[0]
    add_user(session, admin_name, Role.ADMIN, DEMO_PASSWORD, admin_display)
    admin = Actor(admin_name, admin_display, Role.ADMIN)
    for username, role, display in DEMO_ACCOUNTS[1:]:
        add_user(session, username, role, DEMO_PASSWORD, display, actor=admin)
    made = len(DEMO_ACCOUNTS)
    existing = set(session.scalars(select(Department.name)))
    for username, role, display, department in DEMO_DEPARTMENT_ACCOUNTS:
        if department in existing:  # a catalogue without it: no account for it
            add_user(session, username, role, DEMO_PASSWORD, display, admin, department)
            made += 1
    return made


def has_only_demo_accounts(session: Session) -> bool:
    """Whether the accounts are exactly the demo street's (the sign-in dialog then says so)."""
    names = {u.username for u in list_users(session)}
    centre = {name for name, _, _ in DEMO_ACCOUNTS}
    departments = {name for name, _, _, _ in DEMO_DEPARTMENT_ACCOUNTS}
    return centre <= names <= centre | departments


def demo_department_actor(session: Session, username: str) -> Actor | None:
    """The actor of a demo department account as it would sign in (screenshots and probes
    show the inbox without a password), or None when the account is not there."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or Role(user.role) not in (Role.DEPARTMENT_HANDLER, Role.DEPARTMENT_HEAD):
        return None
    return Actor(user.username, user.display_name, Role(user.role), user.department_id)

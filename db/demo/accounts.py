"""Sign-in accounts of the demo street, one per role, all with the password DEMO_PASSWORD.

Only the demo builder creates them; a real center starts with the first-administrator dialog.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.security.accounts import add_user, has_users, list_users
from db.security.actors import Actor, Role

DEMO_PASSWORD = "demo2026"

DEMO_ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "赵志刚"),
    ("liming", Role.DISPATCHER, "李明"),
    ("zhangyan", Role.SHIFT_LEAD, "张岩"),
    ("wangli", Role.SECRETARY, "王丽"),
    ("sunhong", Role.LEADER, "孙红"),
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
    return len(DEMO_ACCOUNTS)


def has_only_demo_accounts(session: Session) -> bool:
    """Whether the accounts are exactly the demo street's (the sign-in dialog then says so)."""
    names = {u.username for u in list_users(session)}
    return names == {name for name, _, _ in DEMO_ACCOUNTS}

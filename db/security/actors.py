"""Who acts: roles (角色), their permissions, and the actor every service call names.

Permissions are enforced in the `db` services, so the window and the CLI get the same refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from db.errors import PermissionDenied


class Role(StrEnum):
    DISPATCHER = "dispatcher"  # 调度员
    SECRETARY = "secretary"  # 文书
    SHIFT_LEAD = "shift_lead"  # 值班长
    LEADER = "leader"  # 领导 (read-only)
    ADMIN = "admin"  # 管理员
    SYSTEM = "system"  # internal: demo generator, simulator, migrations


ROLE_LABELS: dict[Role, str] = {
    Role.DISPATCHER: "调度员",
    Role.SECRETARY: "文书",
    Role.SHIFT_LEAD: "值班长",
    Role.LEADER: "领导",
    Role.ADMIN: "管理员",
    Role.SYSTEM: "系统",
}

# Every case action by its value (`db.cases.states.Action`, which this package may not import:
# db.cases imports the actor); tests/test_permissions.py checks the two lists agree.
CASE_ACTIONS = frozenset(
    {
        "report",
        "register",
        "reject",
        "self-resolve",
        "dispatch",
        "accept",
        "return",
        "redispatch",
        "feedback",
        "verify",
        "rework",
        "extend",
        "suspend",
        "resume",
        "urge",
        "callback",
        "merge",
        "recall",
    }
)
# Case actions that only a shift lead (值班长) may approve.
APPROVALS = frozenset({"extend", "suspend", "resume"})
DESK_ACTIONS = CASE_ACTIONS - APPROVALS


def case_permission(action: str) -> str:
    """The permission an action needs (an `Action` is its value): `case.dispatch`."""
    return f"case.{action}"


_DESK = frozenset(case_permission(a) for a in DESK_ACTIONS)
_APPROVE = frozenset(case_permission(a) for a in APPROVALS)
# Whoever sees a case may add an internal note to it (case.note).
_READ = frozenset({"case.read", "case.note", "stats.read", "report.read"})
_ALARMS = frozenset({"alarm.acknowledge"})  # 确认 an urgent case's alarm (db/cases/alarms.py)
_SHIFT = frozenset({"shift.handover"})  # 交接班: hand the desk over and take it over
_ROSTER = frozenset({"roster.read", "roster.edit", "roster.import", "report.export"})
_ADMIN = frozenset(
    {
        "admin.geography",
        "admin.departments",
        "admin.categories",
        "admin.users",
        "admin.settings",
        "audit.read",
        "backup",
    }
)

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.DISPATCHER: _READ | _DESK | _ALARMS | _SHIFT | {"personal.reveal"},
    Role.SHIFT_LEAD: _READ
    | _DESK
    | _ALARMS
    | _APPROVE
    | _SHIFT
    | {"personal.reveal", "report.export"},
    Role.SECRETARY: _READ | _ROSTER | {"personal.reveal"},
    Role.LEADER: _READ | {"roster.read", "report.export"},
    Role.ADMIN: _READ | _ADMIN | {"roster.read"},
    Role.SYSTEM: _READ
    | _DESK
    | _ALARMS
    | _APPROVE
    | _ROSTER
    | _ADMIN
    | _SHIFT
    | {"personal.reveal"},
}


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service runs."""

    username: str
    display_name: str
    role: Role

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: str, what: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(f"{ROLE_LABELS[self.role]}「{self.label}」无权{what}")


SYSTEM = Actor("system", "系统", Role.SYSTEM)

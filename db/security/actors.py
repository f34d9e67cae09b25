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
    DEPARTMENT_HANDLER = "department_handler"  # 部门经办, bound to one department
    DEPARTMENT_HEAD = "department_head"  # 部门负责人, bound to one department
    SYSTEM = "system"  # internal: demo generator, simulator, migrations


ROLE_LABELS: dict[Role, str] = {
    Role.DISPATCHER: "调度员",
    Role.SECRETARY: "文书",
    Role.SHIFT_LEAD: "值班长",
    Role.LEADER: "领导",
    Role.ADMIN: "管理员",
    Role.DEPARTMENT_HANDLER: "部门经办",
    Role.DEPARTMENT_HEAD: "部门负责人",
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

# A department's own steps (部门受理、退单、反馈) and its requests to the centre (申请延期、申请协办);
# a department account reads only its department's cases (see `Actor.department_id`).
DEPARTMENT_ACTIONS = frozenset({"accept", "return", "feedback"})
_DEPARTMENT = frozenset(case_permission(a) for a in DEPARTMENT_ACTIONS) | {
    "case.read",
    "case.note",
    "case.extension_request",
    "case.cohandle_request",
}
DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_HANDLER, Role.DEPARTMENT_HEAD})

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
    Role.DEPARTMENT_HANDLER: _DEPARTMENT,
    Role.DEPARTMENT_HEAD: _DEPARTMENT | {"department.stats"},
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
    """The user on whose behalf a service runs.

    A department account (部门经办, 部门负责人) carries its department's id: the services then
    show and let it act on that department's cases only."""

    username: str
    display_name: str
    role: Role
    department_id: int | None = None

    @property
    def label(self) -> str:
        return self.display_name or self.username

    @property
    def is_department(self) -> bool:
        """Whether this is a department's account (its inbox, not the centre's desk)."""
        return self.role in DEPARTMENT_ROLES

    @property
    def is_center_desk(self) -> bool:
        """Whether this is a centre desk account (调度员, 值班长): a department step it takes is
        recorded as 代录 (entered on the department's behalf)."""
        return self.role in (Role.DISPATCHER, Role.SHIFT_LEAD)

    def require_department(self, department_id: int | None, what: str) -> None:
        """Refuse a department account acting on a case of another department."""
        if self.is_department and department_id != self.department_id:
            raise PermissionDenied(
                f"{ROLE_LABELS[self.role]}「{self.label}」无权{what}：案件不属于本部门"
            )

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: str, what: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(f"{ROLE_LABELS[self.role]}「{self.label}」无权{what}")


SYSTEM = Actor("system", "系统", Role.SYSTEM)

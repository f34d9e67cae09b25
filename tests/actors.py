"""The signed-in users the tests act as, one per role."""

from __future__ import annotations

from db.security.actors import Actor, Role

ADMIN = Actor("admin", "张强", Role.ADMIN)
DISPATCHER = Actor("liming", "李明", Role.DISPATCHER)
SHIFT_LEAD = Actor("zhouqiang", "周强", Role.SHIFT_LEAD)
SECRETARY = Actor("wangli", "王丽", Role.SECRETARY)
LEADER = Actor("boss", "李主任", Role.LEADER)

BY_ROLE: dict[Role, Actor] = {
    actor.role: actor for actor in (ADMIN, DISPATCHER, SHIFT_LEAD, SECRETARY, LEADER)
}

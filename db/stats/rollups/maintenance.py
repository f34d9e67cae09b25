"""The administrator's roll-up commands (`griddesk-admin rollup …`): rebuild, verify, catch up."""

from __future__ import annotations

from datetime import datetime

from db.engine import Database
from db.security.actors import Actor
from db.stats.rollups.build import CatchUp, VerifyReport, catch_up, rebuild, verify


def rebuild_rollups(db: Database, actor: Actor, *, now: datetime | None = None) -> CatchUp:
    """Recompute every roll-up row from the raw rows (one transaction)."""
    actor.require("admin.settings", "重建统计日汇总")
    with db.write() as session:
        return rebuild(session, now=now)


def catch_up_rollups(db: Database, actor: Actor, *, now: datetime | None = None) -> CatchUp:
    """Fold the change log since the watermark into the roll-ups."""
    actor.require("stats.read", "更新统计日汇总")
    with db.write() as session:
        return catch_up(session, now=now)


def verify_rollups(db: Database, actor: Actor, *, all_days: bool = False) -> VerifyReport:
    """Compare every stored roll-up row with the raw rows (`all_days`: also the days touched by
    changes not folded in yet, which the figures read live)."""
    actor.require("stats.read", "核对统计日汇总")
    with db.read() as session:
        return verify(session, dirty_ok=not all_days)

"""Staffing standards (社区工作者配备标准) per community and for the street: community workers per
10,000 residents against the provincial minimum, households per worker against the local ratio,
and the number of people missing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Community, CommunityWorker
from db.people.roster_kinds import ACTIVE_STATUS, Kind
from db.reference.settings_store import CenterSettings, load_settings


@dataclass(frozen=True)
class Staffing:
    """One community (or the street as a whole) against the two standards."""

    code: str  # community code; the street's code for the total line
    name: str
    population: int
    households: int
    workers: int  # current community workers (在岗)
    required_by_population: int  # ⌈population × minimum / 10,000⌉
    required_by_households: int  # ⌈households / households per worker⌉

    @property
    def per_10k(self) -> float | None:
        """Workers per 10,000 residents (None without residents)."""
        return None if not self.population else self.workers * 10_000 / self.population

    @property
    def households_per_worker(self) -> float | None:
        return None if not self.workers else self.households / self.workers

    @property
    def shortfall_population(self) -> int:
        return max(0, self.required_by_population - self.workers)

    @property
    def shortfall_households(self) -> int:
        return max(0, self.required_by_households - self.workers)

    @property
    def shortfall(self) -> int:
        """People missing to meet both standards."""
        return max(self.shortfall_population, self.shortfall_households)


def required_workers(population: int, households: int, settings: CenterSettings) -> tuple[int, int]:
    """Workers needed by the per-10,000 minimum and by the households ratio (exact arithmetic)."""
    minimum = Fraction(str(settings.workers_per_10k_minimum))
    by_population = math.ceil(Fraction(population) * minimum / 10_000)
    ratio = settings.households_per_worker
    by_households = math.ceil(Fraction(households, ratio)) if ratio > 0 else 0
    return by_population, by_households


def staffing(
    session: Session, settings: CenterSettings | None = None
) -> tuple[list[Staffing], Staffing]:
    """Each community in code order, and the street total (computed on the street's totals,
    so it can differ from the sum of the communities' shortfalls)."""
    settings = settings or load_settings(session)
    counted = session.execute(
        select(CommunityWorker.community_id, func.count(CommunityWorker.id))
        .where(CommunityWorker.status == ACTIVE_STATUS[Kind.COMMUNITY_WORKER])
        .group_by(CommunityWorker.community_id)
    )
    counts = {community_id: n for community_id, n in counted}
    rows: list[Staffing] = []
    for community in session.scalars(select(Community).order_by(Community.code)):
        by_pop, by_hh = required_workers(community.population, community.households, settings)
        rows.append(
            Staffing(
                community.code,
                community.name,
                community.population,
                community.households,
                counts.get(community.id, 0),
                by_pop,
                by_hh,
            )
        )
    population = sum(r.population for r in rows)
    households = sum(r.households for r in rows)
    by_pop, by_hh = required_workers(population, households, settings)
    first = session.scalars(select(Community).order_by(Community.code).limit(1)).first()
    street_code = first.street.code if first is not None else ""
    street_name = first.street.name if first is not None else "全街道"
    total = Staffing(
        street_code,
        f"{street_name}（合计）",
        population,
        households,
        sum(r.workers for r in rows),
        by_pop,
        by_hh,
    )
    return rows, total

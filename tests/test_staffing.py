"""Staffing standards against hand-computed cases (tests/street.py: 锦峪 8,200 residents /
3,100 households, 新明 12,500 / 4,600)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from db.engine import Database
from db.people.id_numbers import make_id_number
from db.people.roster_kinds import Kind
from db.people.roster_lists import list_entries
from db.people.roster_values import Lookups
from db.people.rosters import create_entry, retire_entry
from db.people.staffing import required_workers, staffing
from db.reference.settings_store import CenterSettings
from db.security.actors import SYSTEM
from tests.street import COMMUNITY_A, COMMUNITY_B, STREET


def _add_workers(db: Database, community: str, count: int, start: int) -> list[int]:
    ids = []
    with db.write() as s:
        lookups = Lookups.load(s)
        for n in range(start, start + count):
            raw = {
                "name": f"工作者{n}",
                "id_number": make_id_number("210504", date(1980, 1, 1), n),
                "community": community,
                "post": "社区委员",
                "pay_tier": 1,
                "pay_level": 5,
            }
            ids.append(create_entry(s, Kind.COMMUNITY_WORKER, raw, SYSTEM, lookups=lookups))
    return ids


def test_required_workers_by_hand() -> None:
    settings = CenterSettings()
    # 8,200 × 18 / 10,000 = 14.76 → 15; 3,100 / 200 = 15.5 → 16
    assert required_workers(8200, 3100, settings) == (15, 16)
    # exactly on the line: 12,500 × 18 / 10,000 = 22.5 → 23; 4,600 / 200 = 23 → 23
    assert required_workers(12500, 4600, settings) == (23, 23)
    assert required_workers(10000, 2000, settings) == (18, 10)
    assert required_workers(0, 0, settings) == (0, 0)
    looser = replace(settings, households_per_worker=250, workers_per_10k_minimum=20.0)
    assert required_workers(8200, 3100, looser) == (17, 13)  # 16.4 → 17; 12.4 → 13


def test_staffing_per_community_and_street(street: Database) -> None:
    _add_workers(street, COMMUNITY_A, 10, 1)
    b = _add_workers(street, COMMUNITY_B, 25, 100)
    with street.write() as s:
        retire_entry(s, Kind.COMMUNITY_WORKER, b[0], SYSTEM)  # 24 left in 新明
    with street.read() as s:
        assert len(list_entries(s, Kind.COMMUNITY_WORKER)) == 34
        rows, total = staffing(s, CenterSettings())

    a, nb = rows
    assert (a.code, a.name, a.workers) == (COMMUNITY_A, "锦峪社区", 10)
    assert a.per_10k == pytest.approx(12.195, abs=1e-3)  # 10 × 10,000 / 8,200
    assert a.households_per_worker == 310  # 3,100 / 10
    assert (a.required_by_population, a.required_by_households) == (15, 16)
    assert (a.shortfall_population, a.shortfall_households, a.shortfall) == (5, 6, 6)

    assert nb.workers == 24
    assert nb.per_10k == pytest.approx(19.2)  # 24 × 10,000 / 12,500
    assert nb.households_per_worker == pytest.approx(191.67, abs=0.01)
    assert nb.shortfall == 0

    # The street on its totals: 20,700 residents → 37.26 → 38; 7,700 households → 38.5 → 39.
    assert (total.code, total.name) == (STREET, "新明街道（合计）")
    assert (total.population, total.households, total.workers) == (20700, 7700, 34)
    assert total.per_10k == pytest.approx(16.425, abs=1e-3)
    assert (total.required_by_population, total.required_by_households) == (38, 39)
    assert (total.shortfall_population, total.shortfall_households, total.shortfall) == (4, 5, 5)


def test_staffing_with_no_workers_and_local_ratio(street: Database) -> None:
    settings = replace(CenterSettings(), households_per_worker=300)
    with street.read() as s:
        rows, total = staffing(s, settings)
    assert [r.workers for r in rows] == [0, 0]
    assert rows[0].households_per_worker is None and rows[0].per_10k == 0
    # 3,100 / 300 = 10.3 → 11, population rule 15 is the larger
    assert (rows[0].shortfall_households, rows[0].shortfall) == (11, 15)
    assert total.shortfall == 38

"""The live simulator (`griddesk-admin simulate`): new grid uploads (网格上传) as a live feed.

Reports arrive as a Poisson process at `rate_per_min` on average, each through the ordinary
intake (`report_case`) in its own transaction, so every open client sees it at once through
the change feed. Pacing uses `time.monotonic()` and `stop.wait()`: no busy loop, and a set
`stop` event ends the run at once. The duration is a limit on wall time: when the database
cannot keep up with the rate, the run still ends once the duration has passed (the report
being written then is finished, nothing is cut).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from db.cases.intake import Photo, report_case
from db.cases.states import Source
from db.demo.case_mix import BASE_WEIGHT, PHOTOS, seasonal_factor
from db.demo.gazetteer import door_number
from db.engine import Database
from db.errors import ValidationError
from db.gazetteer.index import ESTATE, ROAD
from db.models import Category, GazetteerEntry, Grid, GridAssignment, Person
from db.reference.catalogue import catalogue_dir, read_json
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM, Actor

# The rates a run accepts, in reports per minute: from one per 1000 minutes to 100 a second
# (more than one desk's database keeps up with), and the longest duration, 30 days.
MIN_RATE_PER_MIN = 0.001
MAX_RATE_PER_MIN = 6000.0
MAX_DURATION_SECONDS = 30 * 24 * 3600.0


@dataclass(frozen=True)
class _Grid:
    code: str
    population: int
    estate: str
    reporters: tuple[tuple[str, str], ...]
    # From the gazetteer: (road, first, last, side) stretches and (estate, first, last) parts
    # in this grid; empty where the database has no gazetteer.
    stretches: tuple[tuple[str, int, int, str], ...] = ()
    estates: tuple[tuple[str, int, int], ...] = ()


def _load(db: Database) -> tuple[list[_Grid], list[tuple[str, bool]], list[float]]:
    """Grids with their current grid workers, active categories with this month's weights."""
    with db.read() as s:
        settings = load_settings(s)
        month = datetime.now(UTC).astimezone(settings.tz).month
        workers: dict[int, list[tuple[str, str]]] = {}
        rows = s.execute(
            select(GridAssignment.grid_id, Person.name, Person.phone)
            .join(Person, Person.id == GridAssignment.person_id)
            .where(GridAssignment.role == "worker", GridAssignment.end_date.is_(None))
            .order_by(GridAssignment.id)
        )
        for grid_id, name, phone in rows:
            workers.setdefault(grid_id, []).append((name, phone))
        stretches: dict[int, list[tuple[str, int, int, str]]] = {}
        estates: dict[int, list[tuple[str, int, int]]] = {}
        for e in s.scalars(
            select(GazetteerEntry)
            .where(GazetteerEntry.kind.in_((ROAD, ESTATE)))
            .order_by(GazetteerEntry.id)
        ):
            if e.kind == ROAD and e.first_no is not None and e.last_no is not None:
                stretches.setdefault(e.grid_id, []).append((e.name, e.first_no, e.last_no, e.side))
            elif e.kind == ESTATE:
                estates.setdefault(e.grid_id, []).append((e.name, e.first_no or 1, e.last_no or 40))
        grids = [
            _Grid(
                g.code,
                max(g.population, 1),
                _estate(g.name),
                tuple(workers.get(g.id, ())),
                tuple(stretches.get(g.id, ())),
                tuple(estates.get(g.id, ())),
            )
            for g in s.scalars(select(Grid).where(Grid.retired_on.is_(None)).order_by(Grid.code))
        ]
        categories: list[tuple[str, bool]] = []
        weights: list[float] = []
        for cat in s.scalars(select(Category).where(Category.active).order_by(Category.code)):
            weight = BASE_WEIGHT.get(cat.code, 1.0) * seasonal_factor(cat.code, month)
            if weight > 0:
                categories.append((cat.code, cat.urgent))
                weights.append(weight)
    return grids, categories, weights


def _estate(grid_name: str) -> str:
    """`第03网格（华夏小区）` → `华夏小区`; other names give no estate."""
    if "（" in grid_name and grid_name.endswith("）"):
        return grid_name[grid_name.index("（") + 1 : -1]
    return ""


def simulate(
    db: Database,
    *,
    rate_per_min: float,
    duration: float | None = None,
    seed: int | None = None,
    stop: threading.Event | None = None,
    on_case: Callable[[str], None] | None = None,
    actor: Actor = SYSTEM,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Report grid uploads until `duration` seconds pass or `stop` is set; returns how many.
    `clock` gives the seconds the run's pacing and duration are measured in."""
    if not MIN_RATE_PER_MIN <= rate_per_min <= MAX_RATE_PER_MIN:  # NaN fails too
        raise ValidationError(
            f"上报速率应在 {MIN_RATE_PER_MIN:g}–{MAX_RATE_PER_MIN:g} 件/分钟之间，收到 {rate_per_min}"
        )
    if duration is not None and not 0 <= duration <= MAX_DURATION_SECONDS:
        raise ValidationError(f"持续时间应为 0–{MAX_DURATION_SECONDS:.0f} 秒，收到 {duration}")
    grids, categories, weights = _load(db)
    if not grids:
        raise ValidationError("数据库中没有网格，无法模拟上报（请先生成演示街道或录入网格）")
    if not categories:
        raise ValidationError("数据库中没有可用的案件类别，无法模拟上报")
    texts = read_json(catalogue_dir() / "descriptions.json")
    descriptions: dict[str, list[str]] = texts["descriptions"]
    roads: list[str] = list(texts["roads"])
    rng = random.Random(seed)
    stop = stop or threading.Event()
    grid_weights = [g.population for g in grids]
    per_second = rate_per_min / 60.0

    started = clock()
    deadline = None if duration is None else started + duration
    next_at = started + rng.expovariate(per_second)
    count = 0
    while not stop.is_set():
        if deadline is not None and next_at >= deadline:
            stop.wait(max(deadline - clock(), 0))
            break
        if deadline is not None and clock() >= deadline:
            break  # behind the schedule: the rate is more than the database keeps up with
        wait = next_at - clock()
        if wait > 0 and stop.wait(wait):
            break
        grid = rng.choices(grids, weights=grid_weights)[0]
        code, urgent = rng.choices(categories, weights=weights)[0]
        if grid.stretches:  # a door number of the grid's own stretch of road (gazetteer)
            road, first, last, side = rng.choice(grid.stretches)
            no = door_number(rng.randint(first, last), first, last, side)
        else:
            road, no = rng.choice(roads), rng.randint(1, 180)
        options = descriptions.get(code) or ["{road}{no}号附近发现问题，请处理"]
        description = rng.choice(options).replace("{road}", road).replace("{no}", str(no))
        if grid.estates and rng.random() < 0.35:
            estate, first, last = rng.choice(grid.estates)
            address = f"{estate}{rng.randint(first, last)}号楼{rng.randint(1, 6)}单元附近"
        elif not grid.stretches and grid.estate and rng.random() < 0.35:
            address = f"{grid.estate}{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元附近"
        else:
            address = f"{road}{no}号"
        reporter_name, reporter_phone = rng.choice(grid.reporters) if grid.reporters else ("", "")
        photos: tuple[Photo, ...] = ()
        if rng.random() < 0.08:
            photos = (Photo(f"IMG_{count + 1:05d}.png", "image/png", rng.choice(PHOTOS)),)
        number = report_case(
            db,
            grid_code=grid.code,
            category_code=code,
            description=description,
            source=Source.GRID_UPLOAD,
            urgent=True if urgent or rng.random() < 0.03 else None,
            address=address,
            reporter_name=reporter_name,
            reporter_phone=reporter_phone,
            photos=photos,
            actor=actor,
        )
        count += 1
        if on_case is not None:
            on_case(number)
        next_at += rng.expovariate(per_second)
    return count

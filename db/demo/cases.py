"""Demo street, part two: twelve months of case history, generated in bulk.

Each case lives forward from its report through the same steps the workflow service
(`db/cases/workflow.py`) takes, with delays drawn at random and every step that would fall
after `now` cut off, so old cases are mostly closed and recent ones stand in every open state.
The column changes of each step come from the workflow's own rules
(`db/cases/transitions.py` `plan_transition`: deadlines from the category limits on the
centre's `WorkCalendar`, warning times, counters, `ever_overdue`, history details);
`tests/test_demo.py` replays a sample of generated histories through the real workflow and
compares the rows.

Rows are plain dicts; `db/demo/street.py` writes them in chunks at driver speed.

The module stays whole (about 530 lines): it is one generator class whose steps share its
random stream and counters; the case mix (case_mix.py) and the case life (case_life.py) are
already apart.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from db.cases.states import Action, Satisfaction, Source, Status
from db.cases.transitions import StageClock
from db.clock import TimeBasis, WorkCalendar
from db.demo.case_life import CaseLife, CategoryInfo, DepartmentInfo
from db.demo.case_mix import (
    ASSIGNED_BY,
    BASE_WEIGHT,
    CALLBACK_NOTES,
    DISPATCHERS,
    EXTEND_REASONS,
    FALLBACK_DEPARTMENTS,
    HOTLINE_BY,
    HOUR_WEIGHTS,
    MONTH_VOLUME,
    PATROL_TEAM,
    PHOTOS,
    REDISPATCH_REASONS,
    REJECT_REASONS,
    RESUME_NOTES,
    RETURN_REASONS,
    REWORK_REASONS,
    SELF_RESOLVE_NOTES,
    SHIFT_LEADS,
    SOURCE_WEIGHTS,
    SUSPEND_REASONS,
    URGE_NOTES,
    VERIFY_NOTES,
    seasonal_factor,
)
from db.demo.gazetteer import door_number, in_range
from db.demo.geography import GridInfo

RECENT_BACKLOG = timedelta(days=5)


@dataclass
class _Recent:
    id: int
    number: str
    at: datetime
    mergeable: bool


class CaseGenerator:
    """Draws cases day by day and lives each one forward until `now`."""

    def __init__(
        self,
        *,
        rng: random.Random,
        now: datetime,
        cal: WorkCalendar,
        warn_share: float,
        grids: list[GridInfo],
        categories: list[CategoryInfo],
        departments: list[DepartmentInfo],
        descriptions: dict[str, list[str]],
        names: dict[str, Any],
        first_id: int,
        counters: dict[str, int],
    ) -> None:
        self.rng, self.now, self.cal, self.warn_share = rng, now, cal, warn_share
        self.tz = cal.tz
        self.grids = grids
        self.grid_cum = _cumulative([g.population for g in grids])
        self.categories = categories
        self.cat_descriptions = [
            descriptions.get(cat.code) or [f"{{road}}{{no}}号附近发现{cat.name}问题"]
            for cat in categories
        ]
        self.depts = {d.id: d for d in departments}
        self.clocks = {
            cat.id: StageClock(
                cal,
                warn_share,
                cat.basis,
                cat.dispatch_minutes,
                cat.handle_minutes,
                cat.verify_minutes,
            )
            for cat in categories
        }
        self.dept_ids = [d.id for d in departments]
        # departments that handle some category of the same 大类 (by the code's first digits)
        self.related: dict[str, list[int]] = {}
        for cat in categories:
            group = self.related.setdefault(cat.code[:2], [])
            if cat.department_id is not None and cat.department_id not in group:
                group.append(cat.department_id)
        by_name = {d.name: d.id for d in departments}
        self.fallback = [by_name[n] for n in FALLBACK_DEPARTMENTS if n in by_name]
        self.surnames: list[str] = list(names["surnames"])
        self.given: list[str] = list(names["given_names"])
        self.next_id = first_id
        self.counters = counters
        self.day_counts: dict[str, int] = {}
        self.recent: dict[tuple[int, int], deque[_Recent]] = {}
        self._month_cum: dict[int, list[float]] = {}
        self.sources = [s for s, _ in SOURCE_WEIGHTS]
        self.source_cum = _cumulative([w for _, w in SOURCE_WEIGHTS])
        self.cat_basis = TimeBasis.WORKING
        self.backlog = 1.0

    # -- volume ---------------------------------------------------------------------------------
    def daily_counts(self, total: int) -> list[tuple[date, int]]:
        """How many cases each local day of the last 12 months gets (sums to `total`)."""
        local_now = self.now.astimezone(self.tz)
        last = local_now.date()
        first = last - timedelta(days=365)
        days: list[date] = []
        weights: list[float] = []
        hour_total = sum(HOUR_WEIGHTS)
        # Day-to-day swing and the odd busy day (a storm, a campaign), from a generator of
        # its own so the rest of the street stays what the seed made it.
        swing = random.Random(self.rng.getstate()[1][0])
        d = first
        while d <= last:
            age = (last - d).days / 365
            w = (1.35 - 0.6 * age) * MONTH_VOLUME[d.month]
            w *= 1.0 if self.cal.is_workday(d) else 0.55
            w *= swing.uniform(0.75, 1.25) * (1.8 if swing.random() < 0.03 else 1.0)
            if d == first:
                w *= 0.0
            if d == last:
                done = sum(HOUR_WEIGHTS[: local_now.hour])
                w *= done / hour_total
            days.append(d)
            weights.append(w)
            d += timedelta(days=1)
        scale = total / sum(weights)
        raw = [w * scale for w in weights]
        counts = [int(x) for x in raw]
        short = total - sum(counts)
        order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
        for i in order[:short]:
            counts[i] += 1
        return [(d, n) for d, n in zip(days, counts, strict=True) if n]

    def _times(self, day: date, n: int) -> list[datetime]:
        rng = self.rng
        local_now = self.now.astimezone(self.tz)
        hours: tuple[float, ...] = HOUR_WEIGHTS
        limit_hour = 24
        if day == local_now.date():
            limit_hour = max(local_now.hour, 1)
            hours = HOUR_WEIGHTS[:limit_hour]
        cum = _cumulative(list(hours))
        base = datetime(day.year, day.month, day.day, tzinfo=self.tz)
        times = []
        for hour in rng.choices(range(len(hours)), cum_weights=cum, k=n):
            moment = base + timedelta(hours=hour, seconds=rng.randrange(3600))
            times.append(moment.astimezone(UTC))
        times.sort()
        return [t for t in times if t < self.now]

    def _category_index(self, month: int) -> int:
        cum = self._month_cum.get(month)
        if cum is None:
            weights = [
                BASE_WEIGHT.get(cat.code, 1.0) * seasonal_factor(cat.code, month)
                for cat in self.categories
            ]
            cum = _cumulative(weights)
            self._month_cum[month] = cum
        return _draw(self.rng, cum)

    # -- one case -------------------------------------------------------------------------------
    def _department_name(self, department_id: int) -> str | None:
        return self.depts[department_id].name

    def cases(self, total: int) -> Iterator[tuple[CaseLife, list[dict[str, Any]]]]:
        """Yields each case's life and its attachments, in report order."""
        return self.cases_on(self.daily_counts(total))

    def cases_on(
        self, days: Iterable[tuple[date, int]]
    ) -> Iterator[tuple[CaseLife, list[dict[str, Any]]]]:
        """The cases of these (day, count) pairs, in report order; numbers go on from each
        day's counter (at most 99,999 a day)."""
        for day, n in days:
            key = day.strftime("%Y%m%d")
            seq = self.counters.get(key, 0)
            for reported_at in self._times(day, n):
                seq += 1
                if seq > 99_999:
                    break
                yield self._one(f"{key}{seq:05d}", reported_at, day.month)
            self.day_counts[key] = seq

    def _person_name(self) -> str:
        return self.rng.choice(self.surnames) + self.rng.choice(self.given)

    def _phone(self) -> str:
        rng = self.rng
        return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"

    def _one(
        self, number: str, reported_at: datetime, month: int
    ) -> tuple[CaseLife, list[dict[str, Any]]]:
        rng = self.rng
        grid = self.grids[_draw(rng, self.grid_cum)]
        cat_index = self._category_index(month)
        cat = self.categories[cat_index]
        source = self.sources[_draw(rng, self.source_cum)]
        # A door number of the grid's own stretch of the road, a building of its own part of
        # the estate (db.demo.gazetteer): a door number always lies in the same grid. The
        # numbers drawn are those drawn before the gazetteer, folded into the stretch.
        road = rng.choice(grid.roads)
        draw = rng.randint(1, 180)
        stretches = grid.by_road[road]
        first, last, side = stretches[draw % len(stretches)]
        no = door_number(in_range(draw, first, last), first, last, side)
        text = rng.choice(self.cat_descriptions[cat_index])
        description = text.replace("{road}", road).replace("{no}", str(no))
        if rng.random() < 0.35:
            building = in_range(rng.randint(1, 40), *grid.buildings)
            address = f"{grid.estate}{building}号楼{rng.randint(1, 6)}单元附近"
        else:
            address = f"{road}{no}号"
        reporter_name = reporter_phone = ""
        lon = lat = None
        if source is Source.GRID_UPLOAD:
            reporter_name, reporter_phone = rng.choice(grid.reporters)
            actor = reporter_name
            lon = round(grid.lon + rng.uniform(-0.0015, 0.0015), 6)
            lat = round(grid.lat + rng.uniform(-0.0012, 0.0012), 6)
        elif source is Source.PATROL:
            actor = f"{rng.choice(PATROL_TEAM)} {self._person_name()}"
            lon = round(grid.lon + rng.uniform(-0.0015, 0.0015), 6)
            lat = round(grid.lat + rng.uniform(-0.0012, 0.0012), 6)
        elif source is Source.HOTLINE:
            actor = HOTLINE_BY
            reporter_name = rng.choice(self.surnames) + rng.choice(("先生", "女士"))
            reporter_phone = self._phone()
        elif source is Source.VISIT:
            if self.next_id % 5 < 3:  # most of the desk's own intake is by phone (来电)
                source = Source.CALL
            actor = rng.choice(DISPATCHERS)
            reporter_name = self._person_name()
            reporter_phone = self._phone()
        else:
            actor = ASSIGNED_BY
            reporter_name = ASSIGNED_BY
        urgent = cat.urgent or rng.random() < 0.015
        case_id = self.next_id
        self.next_id += 1
        columns: dict[str, Any] = {
            "id": case_id,
            "number": number,
            "source": source.value,
            "grid_id": grid.id,
            "community_id": grid.community_id,
            "category_id": cat.id,
            "address": address,
            "longitude": lon,
            "latitude": lat,
            "description": description,
            "reporter_name": reporter_name,
            "reporter_phone": reporter_phone,
            "reported_by": actor,
            "urgent": urgent,
            "reported_at": reported_at,
        }
        life = CaseLife(columns, cat, self.clocks[cat.id], self._department_name, actor)
        attachments: list[dict[str, Any]] = []
        if source is Source.GRID_UPLOAD and rng.random() < 0.05:
            local = reported_at.astimezone(self.tz)
            for k in range(rng.choice((1, 1, 2))):
                attachments.append(
                    {
                        "case_id": case_id,
                        "filename": f"IMG_{local:%Y%m%d_%H%M%S}_{k + 1}.png",
                        "content_type": "image/png",
                        "data": rng.choice(PHOTOS),
                        "created_at": reported_at,
                    }
                )
        key = (grid.community_id, cat.id)
        recent = self.recent.setdefault(key, deque(maxlen=4))
        target = None
        for item in reversed(recent):
            if item.mergeable and reported_at - item.at < timedelta(days=7):
                target = item
                break
        self._live(life, target)
        status = life.status
        recent.append(
            _Recent(case_id, number, reported_at, status not in (Status.MERGED, Status.REJECTED))
        )
        return life, attachments

    # -- the life of a case ------------------------------------------------------------------
    def _after(self, t: datetime, minutes: float, basis: TimeBasis | None = None) -> datetime:
        """`minutes` (of working time unless natural) after `t`, at least one minute later."""
        basis = basis or self.cat_basis
        return self.cal.add(t, max(1, round(minutes)), basis) + timedelta(
            seconds=int(self.rng.random() * 60)
        )

    def _stall(self, minutes: float, share: float = 0.05) -> float:
        """Now and then a step waits days (a busy department, a missed case): the backlog."""
        if self.rng.random() < share * self.backlog:
            return minutes + self.rng.uniform(0.5, 8) * 480
        return minutes

    def _live(self, life: CaseLife, merge_target: _Recent | None) -> None:
        rng, now = self.rng, self.now
        cat = life.cat
        self.cat_basis = cat.basis
        # the last few days' cases are still piling up in the queue (a desk never starts empty)
        self.backlog = 4.0 if now - life.c["reported_at"] < RECENT_BACKLOG else 1.0
        t = life.c["reported_at"]
        dispatcher = rng.choice(DISPATCHERS)
        lead = rng.choice(SHIFT_LEADS)
        # 受理: register, reject, merge or let the community solve it
        r = rng.random()
        if r < 0.92:
            delay = rng.uniform(2, 0.7 * cat.dispatch_minutes)
        elif r < 0.98:
            delay = rng.uniform(0.5, 1.2) * cat.dispatch_minutes
        else:
            delay = rng.uniform(2, 10) * cat.dispatch_minutes
        t = self._after(t, self._stall(delay, 0.015))
        if t >= now:
            return
        r = rng.random()
        if r < 0.035:
            life.step(t, Action.REJECT, dispatcher, note=rng.choice(REJECT_REASONS))
            return
        if r < 0.12 and merge_target is not None:
            life.step(
                t,
                Action.MERGE,
                dispatcher,
                note="同一问题重复上报，合并处理",
                into=(merge_target.id, merge_target.number),
            )
            return
        if 0.12 <= r < 0.21 and not cat.urgent:
            life.step(t, Action.SELF_RESOLVE, dispatcher, note=rng.choice(SELF_RESOLVE_NOTES))
            self._callback(life, t, 0.6)
            return
        life.step(t, Action.REGISTER, dispatcher)
        t = self._after(t, self._stall(rng.uniform(1, 0.2 * cat.dispatch_minutes + 1), 0.015))
        if t >= now:
            return
        r = rng.random()
        if r < 0.02 and not cat.urgent:
            life.step(t, Action.SELF_RESOLVE, dispatcher, note=rng.choice(SELF_RESOLVE_NOTES))
            self._callback(life, t, 0.6)
            return
        if r < 0.025:
            life.step(t, Action.SUSPEND, lead, note=rng.choice(SUSPEND_REASONS))
            t = self._after(t, rng.uniform(20, 120) * 1440, TimeBasis.NATURAL)
            t = self._after(t, rng.uniform(1, 60), TimeBasis.WORKING)  # in office hours
            if t >= now or rng.random() < 0.5:
                return
            life.step(t, Action.RESUME, lead, note=rng.choice(RESUME_NOTES))
            t = self._after(t, rng.uniform(1, 20))
            if t >= now:
                return
        life.step(t, Action.DISPATCH, dispatcher)
        self._handle(life, t, dispatcher, lead)

    def _other_department(self, cat: CategoryInfo, current: int | None) -> int:
        """Where a returned case plausibly belongs: a department of a related category."""
        related = [d for d in self.related.get(cat.code[:2], ()) if d != current]
        if not related:
            related = [d for d in self.fallback if d != current] or [
                d for d in self.dept_ids if d != current
            ]
        return self.rng.choice(related)

    def _handle(self, life: CaseLife, t: datetime, dispatcher: str, lead: str) -> None:
        """From 派遣 to 结案: accept, return, extend, suspend, urge, feedback, verify, rework."""
        rng, now, cat, c = self.rng, self.now, life.cat, life.c
        limit = cat.handle_minutes
        returns = 0
        while True:
            dept = self.depts[c["department_id"]]
            dept_actor = f"{dept.name} {dept.contact}".strip()
            # the department accepts or sends it back (退单)
            t = self._after(t, self._stall(rng.uniform(3, 60), 0.03))
            if t >= now:
                return
            if rng.random() < (0.07 if returns == 0 else 0.015):
                returns += 1
                life.step(t, Action.RETURN, dept_actor, note=rng.choice(RETURN_REASONS))
                t = self._after(
                    t, self._stall(rng.uniform(3, 0.8 * cat.dispatch_minutes + 3), 0.15)
                )
                if t >= now:
                    return
                if rng.random() < 0.2 and t > c["due_at"]:
                    life.step(t, Action.URGE, dispatcher, note=rng.choice(URGE_NOTES))
                    t = self._after(t, rng.uniform(5, 60))
                    if t >= now:
                        return
                target = self._other_department(cat, c["department_id"])
                life.step(
                    t,
                    Action.REDISPATCH,
                    dispatcher,
                    department_id=target,
                    note=REDISPATCH_REASONS.format(dept=self.depts[target].name),
                )
                continue
            life.step(t, Action.ACCEPT, dept_actor)
            break
        # handling (处置): sometimes overdue, extended, urged or suspended
        while True:
            start = c["stage_started_at"]
            r = rng.random()
            share = (
                rng.uniform(0.25, 0.97)
                if r < 0.84
                else rng.uniform(0.9, 1.0)
                if r < 0.92
                else rng.uniform(1.05, 3.0)
            )
            remaining = max(self.cal.elapsed(start, c["due_at"], cat.basis), 1)
            done_at = self._after(start, share * remaining)
            if done_at <= t:
                done_at = self._after(t, rng.uniform(5, 60))
            if share > 1 and limit >= 480 and c["extension_count"] == 0 and rng.random() < 0.45:
                # 延期, approved before the deadline passes
                ask = self._after(start, 0.7 * remaining)
                if t < ask < c["due_at"]:
                    if ask >= now:
                        return
                    until = self.cal.add(c["due_at"], rng.choice((1, 2, 3, 5)) * 480, cat.basis)
                    life.step(
                        ask, Action.EXTEND, lead, note=rng.choice(EXTEND_REASONS), until=until
                    )
                    t = ask
            if rng.random() < 0.015 and limit >= 480:
                # 挂账: a long-term item; some come back months later
                pause = self._after(t, rng.uniform(30, 240))
                if pause >= now:
                    return
                life.step(pause, Action.SUSPEND, lead, note=rng.choice(SUSPEND_REASONS))
                back = self._after(pause, rng.uniform(15, 150) * 1440, TimeBasis.NATURAL)
                back = self._after(back, rng.uniform(1, 60), TimeBasis.WORKING)
                if back >= now or rng.random() < 0.6:
                    return
                life.step(back, Action.RESUME, lead, note=rng.choice(RESUME_NOTES))
                t = back
                continue
            if done_at > c["due_at"] and rng.random() < 0.6:
                urge = c["due_at"] + timedelta(minutes=rng.randint(10, 240))
                if t < urge < done_at:
                    if urge >= now:
                        return
                    life.step(urge, Action.URGE, dispatcher, note=rng.choice(URGE_NOTES))
                    t = urge
            if done_at >= now:
                return
            dept = self.depts[c["department_id"]]
            dept_actor = f"{dept.name} {dept.contact}".strip()
            if rng.random() < 0.012:
                life.step(done_at, Action.RETURN, dept_actor, note=rng.choice(RETURN_REASONS))
                t = self._after(done_at, rng.uniform(3, 60))
                if t >= now:
                    return
                target = self._other_department(cat, c["department_id"])
                life.step(
                    t,
                    Action.REDISPATCH,
                    dispatcher,
                    department_id=target,
                    note=REDISPATCH_REASONS.format(dept=self.depts[target].name),
                )
                t = self._after(t, rng.uniform(3, 60))
                if t >= now:
                    return
                dept = self.depts[c["department_id"]]
                life.step(t, Action.ACCEPT, f"{dept.name} {dept.contact}".strip())
                continue
            life.step(done_at, Action.FEEDBACK, dept_actor, note="已按要求处置完毕")
            t = done_at
            # 核查 by the dispatcher: pass or send back (返工)
            vr = rng.random()
            verify_share = rng.uniform(0.1, 0.9) if vr < 0.95 else rng.uniform(1.1, 4)
            t = self._after(t, self._stall(verify_share * cat.verify_minutes, 0.02))
            if t >= now:
                return
            if rng.random() < (0.06 if c["rework_count"] == 0 else 0.15):
                life.step(t, Action.REWORK, dispatcher, note=rng.choice(REWORK_REASONS))
                continue
            life.step(t, Action.VERIFY, dispatcher, note=rng.choice(VERIFY_NOTES))
            self._callback(life, t, 0.85)
            return

    def _callback(self, life: CaseLife, t: datetime, share: float) -> None:
        rng = self.rng
        if rng.random() >= share:
            return
        at = self._after(t, rng.uniform(30, 480 * 3), TimeBasis.WORKING)
        if at >= self.now:
            return
        level = _LEVELS[_draw(rng, _LEVEL_CUM)]
        life.step(
            at,
            Action.CALLBACK,
            rng.choice(DISPATCHERS),
            satisfaction=level,
            note=CALLBACK_NOTES[level],
        )


def _draw(rng: random.Random, cum: list[float]) -> int:
    """`rng.choices(range(len(cum)), cum_weights=cum)[0]` (the same draw from the same
    stream) without building a population and a list."""
    return bisect_right(cum, rng.random() * (cum[-1] + 0.0), 0, len(cum) - 1)


_LEVELS = (
    Satisfaction.SATISFIED,
    Satisfaction.BASIC,
    Satisfaction.DISSATISFIED,
    Satisfaction.UNREACHABLE,
)
_LEVEL_CUM = list(accumulate((0.78, 0.13, 0.04, 0.05)))  # as `choices` accumulates weights


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out

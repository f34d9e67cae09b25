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
"""

from __future__ import annotations

import random
import struct
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from db.cases.states import GROUP_OF, Action, Satisfaction, Source, Status
from db.cases.transitions import Move, StageClock, plan_transition
from db.clock import TimeBasis, WorkCalendar
from db.demo.people import GridInfo

RECENT_BACKLOG = timedelta(days=5)
# Plain-string lookups: enum attribute access is a measurable share of a million-case build.
_STATUS_OF: dict[str, Status] = {s.value: s for s in Status}
_ACTION_VALUE: dict[Action, str] = {a: a.value for a in Action}

# Share of each source (网格上传 most; 巡查发现 counts as 未诉先办).
SOURCE_WEIGHTS: tuple[tuple[Source, float], ...] = (
    (Source.GRID_UPLOAD, 0.58),
    (Source.PATROL, 0.16),
    (Source.HOTLINE, 0.15),
    (Source.VISIT, 0.07),
    (Source.ASSIGNED, 0.04),
)

# Relative frequency of common and rare categories (by code); others weigh 1.
BASE_WEIGHT: dict[str, float] = {
    "0101": 5,
    "0104": 4,
    "0103": 2.5,
    "0201": 4,
    "0501": 4,
    "0503": 3,
    "0504": 3.5,
    "0505": 3.5,
    "0506": 2.5,
    "0704": 3,
    "0703": 2,
    "0603": 2.5,
    "0601": 1.5,
    "5109": 3,
    "5102": 2,
    "5502": 2.5,
    "5504": 1.5,
    "5201": 2,
    "5202": 2,
    "0401": 0.15,
    "0402": 0.3,
    "0410": 0.1,
    "0709": 0.15,
    "0606": 0.3,
    "0403": 0.2,
    "0406": 0.2,
}
HEATING = {11: 6.0, 12: 8.0, 1: 8.0, 2: 6.0, 3: 3.0, 10: 0.6}
SNOW = {11: 1.5, 12: 5.0, 1: 5.0, 2: 3.5, 3: 1.0}
SUMMER = {5: 2.0, 6: 3.0, 7: 3.5, 8: 3.0, 9: 1.5}
RAIN = {6: 2.0, 7: 5.0, 8: 4.0, 9: 1.0}
BUILDING = {4: 1.8, 5: 2.0, 6: 2.0, 7: 2.0, 8: 2.0, 9: 1.8, 10: 1.5}
LEAVES = {4: 2.5, 10: 3.0, 11: 2.5}


def seasonal_factor(code: str, month: int) -> float:
    """How much more (or less) often a category comes up in `month` (供暖 in winter …)."""
    if code in ("0702", "0409"):  # 供暖不热, 供热管网泄漏: heating season Nov–Mar
        return HEATING.get(month, 0.03)
    if code == "0407":  # 道路积雪结冰
        return SNOW.get(month, 0.0)
    if code in ("0106", "0107", "0109", "5401", "5404", "5406"):  # 烧烤, 油烟, 蚊蝇, 树木
        return SUMMER.get(month, 0.3)
    if code in ("0405", "5107"):  # 道路积水, 雨水箅子
        return RAIN.get(month, 0.2)
    if code in ("0301", "0303", "0304", "0306", "0307"):  # construction season
        return BUILDING.get(month, 0.3)
    if code == "0105":  # 焚烧垃圾树叶
        return LEAVES.get(month, 0.6)
    return 1.0


# Intake volume by month (Spring Festival and National Day lower, summer higher).
MONTH_VOLUME = {
    1: 1.1,
    2: 0.85,
    3: 1.0,
    4: 1.05,
    5: 1.1,
    6: 1.15,
    7: 1.2,
    8: 1.15,
    9: 1.05,
    10: 0.9,
    11: 1.05,
    12: 1.1,
}
# Reports by local hour of the day.
HOUR_WEIGHTS = (
    0.12,
    0.08,
    0.06,
    0.05,
    0.06,
    0.12,
    0.3,
    0.7,
    1.6,
    2.3,
    2.4,
    1.9,
    0.9,
    1.3,
    2.1,
    2.1,
    1.8,
    1.1,
    0.8,
    0.7,
    0.6,
    0.45,
    0.3,
    0.2,
)

REJECT_REASONS = (
    "重复上报，已有案件处理中",
    "不属于网格化受理范围，已告知反映人",
    "现场核实问题不存在",
    "信息不全，无法核实具体位置",
)
RETURN_REASONS = (
    "不属于本部门职责范围",
    "问题位置在小区红线内，应由物业负责",
    "该设施产权不属于本单位",
    "案件描述与现场不符，请核实后重新派遣",
)
REDISPATCH_REASONS = "经核实属于{dept}职责，改派"
EXTEND_REASONS = (
    "需协调产权单位，申请延期",
    "材料采购周期较长，申请延期处置",
    "天气原因无法施工，申请延期",
    "需多部门联合处置，申请延期",
)
SUSPEND_REASONS = (
    "需纳入老旧小区改造计划，资金未落实，挂账处理",
    "涉及历史遗留问题，需上级统筹，挂账",
    "产权不清，待确权后处置",
)
REWORK_REASONS = (
    "现场核查问题未彻底解决",
    "处置后仍有残留，需返工",
    "反映人对处置结果不认可，现场复核属实",
)
SELF_RESOLVE_NOTES = (
    "网格员现场劝导，当事人已自行整改",
    "社区协调物业当场解决",
    "社区组织志愿者清理完毕",
    "经社区调解双方达成一致",
)
URGE_NOTES = ("请抓紧处置并及时反馈", "已超期，请立即处置", "领导督办，限期办结")
RESUME_NOTES = ("改造资金已落实，恢复处置", "确权完成，恢复处置")
VERIFY_NOTES = ("现场核查已处置完毕", "照片核实整改到位", "")
CALLBACK_NOTES = {
    Satisfaction.SATISFIED: "电话回访，反映人表示满意",
    Satisfaction.BASIC: "电话回访，反映人基本满意",
    Satisfaction.DISSATISFIED: "电话回访，反映人对处置时长不满意",
    Satisfaction.UNREACHABLE: "电话回访三次未接通",
}
PATROL_TEAM = ("街道巡查队", "城管巡查组")
DISPATCHERS = ("王丽娜", "刘晓东", "孙玉洁", "赵立强", "陈雪梅", "高志远")
SHIFT_LEADS = ("李国庆", "张淑华")
ASSIGNED_BY = "明山区网格化服务管理中心"
HOTLINE_BY = "12345政务服务热线"
FALLBACK_DEPARTMENTS = ("城管执法中队", "住建办", "社区居委会", "红色物业服务中心", "小区物业公司")


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    department_id: int | None
    dispatch_minutes: int
    handle_minutes: int
    verify_minutes: int
    basis: TimeBasis
    urgent: bool


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    contact: str


def tiny_png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    """A valid PNG of one colour (a stand-in for a grid worker's photo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


PHOTOS = [tiny_png(c) for c in ((120, 120, 110), (90, 130, 80), (160, 150, 140), (70, 90, 120))]


class CaseLife:
    """One case's columns and history, changed step by step by the workflow's own rules
    (`db.cases.transitions.plan_transition`)."""

    __slots__ = ("c", "cat", "clock", "events", "names")

    def __init__(
        self,
        columns: dict[str, Any],
        cat: CategoryInfo,
        clock: StageClock,
        names: Callable[[int], str | None],
        actor: str,
    ) -> None:
        self.c = columns
        self.cat, self.clock, self.names = cat, clock, names
        now = columns["reported_at"]
        due, warn = clock.deadline(now, cat.dispatch_minutes)
        columns.update(
            status=Status.REPORTED.value,
            status_group=GROUP_OF[Status.REPORTED].value,
            is_open=True,
            department_id=None,
            registered_at=None,
            dispatched_at=None,
            accepted_at=None,
            feedback_at=None,
            closed_at=None,
            updated_at=now,
            dispatch_due=due,
            handle_due=None,
            verify_due=None,
            stage_started_at=now,
            due_at=due,
            warn_at=warn,
            suspended_at=None,
            suspended_from=None,
            remaining_minutes=None,
            ever_overdue=False,
            extension_count=0,
            rework_count=0,
            return_count=0,
            urge_count=0,
            satisfaction=None,
            callback_at=None,
            callback_contacted=None,
            callback_solved=None,
            merged_into_id=None,
            version=1,
        )
        self.events: list[dict[str, Any]] = [
            {
                "case_id": columns["id"],
                "at": now,
                "actor": actor,
                "action": Action.REPORT.value,
                "from_status": None,
                "to_status": Status.REPORTED.value,
                "department_id": None,
                "note": "",
                "details": {"source": columns["source"]},
            }
        ]

    @property
    def status(self) -> Status:
        return _STATUS_OF[self.c["status"]]

    def step(
        self,
        now: datetime,
        action: Action,
        actor: str,
        *,
        note: str = "",
        department_id: int | None = None,
        until: datetime | None = None,
        satisfaction: Satisfaction | None = None,
        into: tuple[int, str] | None = None,
    ) -> None:
        """Apply `action` at `now` (the caller has checked it is allowed); 派遣 without a
        department goes to the category's default department."""
        c = self.c
        if department_id is None and (action is Action.DISPATCH or action is Action.REDISPATCH):
            department_id = self.cat.department_id
        move = Move(department_id=department_id, until=until, satisfaction=satisfaction, into=into)
        from_status = c["status"]
        done = plan_transition(c, action, now, self.clock, move, self.names)
        c.update(done.values)
        self.events.append(
            {
                "case_id": c["id"],
                "at": now,
                "actor": actor,
                "action": _ACTION_VALUE[action],
                "from_status": from_status,
                "to_status": c["status"],
                "department_id": done.department_id,
                "note": note,
                "details": done.details or None,
            }
        )


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
        return self.rng.choices(range(len(self.categories)), cum_weights=cum)[0]

    # -- one case -------------------------------------------------------------------------------
    def _department_name(self, department_id: int) -> str | None:
        return self.depts[department_id].name

    def cases(self, total: int) -> Iterator[tuple[CaseLife, list[dict[str, Any]]]]:
        """Yields each case's life and its attachments, in report order."""
        for day, n in self.daily_counts(total):
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
        grid = self.grids[rng.choices(range(len(self.grids)), cum_weights=self.grid_cum)[0]]
        cat_index = self._category_index(month)
        cat = self.categories[cat_index]
        source = self.sources[rng.choices(range(5), cum_weights=self.source_cum)[0]]
        road = rng.choice(grid.roads)
        no = rng.randint(1, 180)
        text = rng.choice(self.cat_descriptions[cat_index])
        description = text.replace("{road}", road).replace("{no}", str(no))
        if rng.random() < 0.35:
            address = f"{grid.estate}{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元附近"
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
        level = rng.choices(
            (
                Satisfaction.SATISFIED,
                Satisfaction.BASIC,
                Satisfaction.DISSATISFIED,
                Satisfaction.UNREACHABLE,
            ),
            (0.78, 0.13, 0.04, 0.05),
        )[0]
        life.step(
            at,
            Action.CALLBACK,
            rng.choice(DISPATCHERS),
            satisfaction=level,
            note=CALLBACK_NOTES[level],
        )


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out

"""Demo street, the people rosters of its communities and grids (the geography is in
`db/demo/geography.py`).

Everything is drawn from one seeded `random.Random`, so the same seed and `now` give the same
rows. The volumes are small (10 communities, ~60 grids, a few hundred people), so the ORM is
fine here; the case history (`db/demo/cases.py`) is the bulk part.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.demo.geography import GridInfo
from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    SentDownCadre,
)
from db.people.id_numbers import gender_of, make_id_number

# Birth places of the people: mostly 明山区, the rest of 本溪市 (GB/T 2260 codes).
REGIONS = ("210504", "210504", "210504", "210502", "210503", "210505", "210521", "210522")
EDUCATION_BONUS = {"高中": 0, "中专": 0, "大专": 1, "本科": 2, "研究生": 4}
TIER_BASE = {1: Decimal(4300), 2: Decimal(3900), 3: Decimal(3500)}
LEVEL_STEP = {1: Decimal(85), 2: Decimal(75), 3: Decimal(65)}
POST_TIER = {"社区书记": 1, "社区主任": 1, "社区副书记": 2, "社区委员": 2, "社区工作者": 3}
ELECTED_POSTS = frozenset({"社区书记", "社区主任", "社区副书记", "社区委员"})

SENDING_UNITS = (
    "本溪市委组织部",
    "本溪市发展和改革委员会",
    "本溪市财政局",
    "本溪市住房和城乡建设局",
    "明山区委办公室",
    "明山区人力资源和社会保障局",
    "明山区教育局",
    "明山区卫生健康局",
    "明山区市场监督管理局",
    "明山区城市管理综合行政执法局",
    "本钢集团有限公司",
    "国网本溪供电公司",
    "本溪市国有资产监督管理委员会",
    "明山区应急管理局",
)
PARTY_ORGS = (
    "本溪市第十二中学党总支",
    "明山区人民法院机关党支部",
    "本溪市中心医院党委",
    "本钢板材股份有限公司党委",
    "明山区税务局机关党委",
    "本溪市自来水公司党支部",
    "明山区交通运输局党支部",
    "本溪市图书馆党支部",
    "明山区退役军人事务局党支部",
)
SERVICE_ACTIVITIES = (
    "环境卫生整治",
    "政策宣传入户",
    "关爱空巢老人",
    "文明交通劝导",
    "垃圾分类督导",
    "反诈宣传",
    "疫情防控值守",
    "冬季清雪",
    "楼院议事协商",
    "义诊服务",
    "未成年人课后辅导",
    "防汛巡查",
)
HONOURS = (
    "两代表一委员（区人大代表）",
    "两代表一委员（区党代表）",
    "两代表一委员（区政协委员）",
    "辽宁省优秀社区工作者",
    "本溪市优秀共产党员",
    "明山区十佳社区书记",
)


@dataclass
class StreetBuilt:
    communities: list[Community]
    grids: list[GridInfo]
    people: int


class _People:
    """Makes unique, plausible persons: names, ID numbers, phones, birth dates."""

    def __init__(self, session: Session, rng: random.Random, names: dict[str, Any], now: datetime):
        self.session, self.rng, self.now = session, rng, now
        self.today = now.date()
        self.surnames: list[str] = list(names["surnames"])
        self.given: list[str] = list(names["given_names"])
        self.ids: set[str] = set(session.scalars(select(Person.id_number)).all())  # type: ignore[arg-type]
        self.phones: set[str] = set()
        self.names: set[str] = set()
        self.count = 0

    def name(self) -> str:
        rng = self.rng
        for _ in range(50):
            surname = self.surnames[min(int(rng.expovariate(1 / 12)), len(self.surnames) - 1)]
            text = surname + rng.choice(self.given)
            if text not in self.names:
                break
        self.names.add(text)
        return text

    def phone(self) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(("13", "15", "18", "17", "19", "13", "15", "18"))
            text = f"{prefix}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
            if text not in self.phones:
                self.phones.add(text)
                return text

    def id_number(self, born: date, male: bool) -> str:
        rng = self.rng
        while True:
            seq = rng.randrange(0, 999)
            if (seq % 2 == 1) != male:
                seq += 1
            number = make_id_number(rng.choice(REGIONS), born, seq)
            if number not in self.ids:
                self.ids.add(number)
                return number

    def birth(self, min_age: int, max_age: int) -> date:
        age_days = self.rng.randint(min_age * 365, max_age * 365)
        return self.today - timedelta(days=age_days)

    def add(
        self,
        *,
        min_age: int,
        max_age: int,
        party: float,
        community_id: int | None,
        work_unit: str = "",
        education: str | None = None,
        born: date | None = None,
    ) -> Person:
        rng = self.rng
        born = born or self.birth(min_age, max_age)
        male = rng.random() < 0.45
        id_number = self.id_number(born, male)
        person = Person(
            name=self.name(),
            gender=gender_of(id_number),
            id_number=id_number,
            phone=self.phone(),
            birth_date=born,
            party_member=rng.random() < party,
            education=education
            or rng.choices(("高中", "中专", "大专", "本科", "研究生"), (1, 1, 4, 5, 1))[0],
            community_id=community_id,
            work_unit=work_unit,
            created_at=self.now,
            updated_at=self.now,
        )
        self.session.add(person)
        self.count += 1
        return person


def build_pay_scale(session: Session) -> None:
    for tier in (1, 2, 3):
        for level in range(1, 39):
            session.add(
                PayScale(
                    tier=tier,
                    level=level,
                    monthly_amount=TIER_BASE[tier] + LEVEL_STEP[tier] * (level - 1),
                )
            )


def _years_ago(today: date, years: float, rng: random.Random) -> date:
    return today - timedelta(days=int(years * 365.25) + rng.randint(0, 200))


def build_people(
    session: Session,
    rng: random.Random,
    names: dict[str, Any],
    now: datetime,
    communities: list[Community],
    grids: list[GridInfo],
) -> int:
    """All the roster rows; returns how many persons were created. Fills `grid.reporters`."""
    people = _People(session, rng, names, now)
    today = now.date()
    build_pay_scale(session)

    # 社区工作者: posts, pay tier and level from post, service years and education
    secretaries: dict[int, list[tuple[Person, int]]] = {}  # community id -> (person, years)
    deputies: list[Person] = []
    committee: dict[int, list[Person]] = {}
    honours = list(HONOURS)
    rng.shuffle(honours)
    for community in communities:
        needed = round(community.population / 10_000 * 18 * rng.uniform(0.8, 1.12))
        posts = ["社区书记", "社区主任", "社区副书记"] + ["社区委员"] * rng.randint(2, 3)
        posts += ["社区工作者"] * max(needed - len(posts), 3)
        for post in posts:
            years = {
                "社区书记": rng.uniform(9, 24),
                "社区主任": rng.uniform(7, 20),
                "社区副书记": rng.uniform(4, 15),
                "社区委员": rng.uniform(2, 12),
            }.get(post, rng.uniform(0.3, 10))
            start = _years_ago(today, years, rng)
            born = start - timedelta(days=rng.randint(22 * 365, 34 * 365))
            person = people.add(
                min_age=0,
                max_age=0,
                born=born,
                party=0.95 if post in ELECTED_POSTS else 0.45,
                community_id=community.id,
                work_unit=f"{community.name}居民委员会",
            )
            session.flush()
            served = int((today - start).days / 365.25)
            level = min(38, 1 + served + EDUCATION_BONUS.get(person.education, 0))
            honour = ""
            if post in ("社区书记", "社区主任") and honours and rng.random() < 0.45:
                honour = honours.pop()
            session.add(
                CommunityWorker(
                    person_id=person.id,
                    community_id=community.id,
                    post=post,
                    pay_tier=POST_TIER[post],
                    pay_level=level,
                    service_start=start,
                    terms_served=max(1, served // 5) if post in ELECTED_POSTS else 0,
                    honours=honour,
                    career_move="晋升" if post == "社区书记" and rng.random() < 0.2 else "",
                    status="在岗",
                )
            )
            if post == "社区书记":
                secretaries.setdefault(community.id, []).append((person, served))
            elif post == "社区副书记":
                deputies.append(person)
            elif person.party_member:
                committee.setdefault(community.id, []).append(person)
    # two former secretaries who left after two full terms (考录公务员 / 晋升)
    for community, move in zip(rng.sample(communities, 2), ("考录公务员", "晋升"), strict=True):
        start = _years_ago(today, rng.uniform(11, 14), rng)
        end = _years_ago(today, rng.uniform(0.5, 1.5), rng)
        person = people.add(
            min_age=0,
            max_age=0,
            born=start - timedelta(days=rng.randint(25 * 365, 30 * 365)),
            party=1.0,
            community_id=community.id,
            work_unit="明山区人民政府" if move == "晋升" else "本溪市明山区新明街道办事处",
            education="本科",
        )
        session.flush()
        served = int((end - start).days / 365.25)
        session.add(
            CommunityWorker(
                person_id=person.id,
                community_id=community.id,
                post="社区书记",
                pay_tier=1,
                pay_level=min(38, 3 + served),
                service_start=start,
                terms_served=2,
                honours="辽宁省优秀社区工作者",
                career_move=move,
                status="离岗",
                end_date=end,
            )
        )

    # 网格长 / 网格员 with history; three deliberate vacancies
    vacant_leader = {grids[5].id}
    vacant_worker = {grids[17].id, grids[-4].id}
    for index, grid in enumerate(grids):
        members = committee.get(grid.community_id, [])
        if grid.id not in vacant_leader:
            if members and index % 2 == 0:
                leader = members[index // 2 % len(members)]
            else:
                leader = people.add(
                    min_age=40,
                    max_age=68,
                    party=1.0,
                    community_id=grid.community_id,
                    work_unit="楼院党小组",
                )
                session.flush()
            session.add(
                GridAssignment(
                    person_id=leader.id,
                    grid_id=grid.id,
                    role="leader",
                    start_date=_years_ago(today, rng.uniform(0.5, 5), rng),
                )
            )
        else:
            former = people.add(min_age=45, max_age=66, party=1.0, community_id=grid.community_id)
            session.flush()
            session.add(
                GridAssignment(
                    person_id=former.id,
                    grid_id=grid.id,
                    role="leader",
                    start_date=_years_ago(today, 4, rng),
                    end_date=today - timedelta(days=rng.randint(10, 40)),
                )
            )
        workers = 2 if grid.population > 1_900 else 1
        if grid.id in vacant_worker:
            workers = 0
        if grid.id in vacant_worker or index % 6 == 3:
            # someone who used to work this grid and left (or moved)
            former = people.add(min_age=24, max_age=50, party=0.4, community_id=grid.community_id)
            session.flush()
            start = _years_ago(today, rng.uniform(2, 4), rng)
            session.add(
                GridAssignment(
                    person_id=former.id,
                    grid_id=grid.id,
                    role="worker",
                    start_date=start,
                    end_date=today - timedelta(days=rng.randint(20, 300)),
                )
            )
            grid.reporters.append((former.name, former.phone))
        for _ in range(workers):
            worker = people.add(
                min_age=23,
                max_age=52,
                party=0.4,
                community_id=grid.community_id,
                work_unit="新明街道专职网格员",
            )
            session.flush()
            session.add(
                GridAssignment(
                    person_id=worker.id,
                    grid_id=grid.id,
                    role="worker",
                    start_date=_years_ago(today, rng.uniform(0.2, 6), rng),
                )
            )
            grid.reporters.append((worker.name, worker.phone))
        if not grid.reporters:
            grid.reporters.append(("社区网格员", ""))

    # 第一书记: one at street level, four in communities; two terms end within 60 days
    ending = {1: 18, 3: 47}
    for index in range(5):
        posted = None if index == 0 else communities[index * 2 - 1]
        person = people.add(
            min_age=32,
            max_age=52,
            party=1.0,
            community_id=posted.id if posted else None,
            work_unit=SENDING_UNITS[index],
            education="本科",
        )
        session.flush()
        if index in ending:
            end = today + timedelta(days=ending[index])
            start = end - timedelta(days=730)
        else:
            start = today - timedelta(days=rng.randint(120, 500))
            end = start + timedelta(days=730 + 365 * (index == 0))
        session.add(
            FirstSecretary(
                person_id=person.id,
                sending_unit=SENDING_UNITS[index],
                post_level="street" if posted is None else "community",
                community_id=posted.id if posted else None,
                term_start=start,
                term_end=end,
                status="在任",
            )
        )

    # 导师帮带: three 社区书记工作室 led by the longest-serving secretaries
    ranked = sorted(
        ((p, years, cid) for cid, rows in secretaries.items() for p, years in rows),
        key=lambda row: (-row[1], row[0].id),
    )
    mentors = ranked[:3]
    apprentices = [p for p, _, _ in ranked[3:]][::-1] + deputies
    taken = 0
    for mentor, _, cid in mentors:
        community = next(c for c in communities if c.id == cid)
        studio = f"{community.name}{mentor.name}书记工作室"
        for k in range(rng.randint(2, 3)):
            apprentice = apprentices[taken]
            taken += 1
            start = today - timedelta(days=rng.randint(90, 900))
            done = k == 0 and (today - start).days > 365
            session.add(
                Mentorship(
                    mentor_id=mentor.id,
                    apprentice_id=apprentice.id,
                    studio=studio,
                    start_date=start,
                    end_date=start + timedelta(days=365) if done else None,
                    status="已结业" if done else "帮带中",
                )
            )

    # 下沉干部 in three batches, at least two years each
    batches = [
        ("第一批", date(today.year - 2, 3, 1)),
        ("第二批", date(today.year - 1, 3, 1)),
        ("第三批", date(today.year, 3, 1) if today.month > 3 else date(today.year - 1, 9, 1)),
    ]
    for batch, start in batches:
        for _ in range(rng.randint(9, 14)):
            unit = rng.choice(SENDING_UNITS)
            community = rng.choice(communities)
            person = people.add(
                min_age=26, max_age=55, party=0.85, community_id=None, work_unit=unit
            )
            session.flush()
            planned = date(start.year + 2, start.month, start.day)
            if rng.random() < 0.2:
                planned = date(start.year + 3, start.month, start.day)
            session.add(
                SentDownCadre(
                    person_id=person.id,
                    batch=f"{start.year}年{batch}",
                    sending_unit=unit,
                    community_id=community.id,
                    start_date=start,
                    planned_end=planned,
                    status="在岗" if planned > today else "期满",
                )
            )

    # 党员报到: party members of city and district units check in where they live
    for _ in range(rng.randint(55, 70)):
        org = rng.choice(PARTY_ORGS)
        community = rng.choice(communities)
        person = people.add(
            min_age=24, max_age=62, party=1.0, community_id=community.id, work_unit=org
        )
        session.flush()
        activities = "、".join(rng.sample(SERVICE_ACTIVITIES, rng.randint(1, 4)))
        session.add(
            PartyCheckin(
                person_id=person.id,
                sending_org=org,
                community_id=community.id,
                checkin_date=today - timedelta(days=rng.randint(5, 700)),
                activities=activities,
                service_hours=Decimal(rng.randint(4, 160)) / 2,
                status="已报到",
            )
        )
    session.flush()
    return people.count

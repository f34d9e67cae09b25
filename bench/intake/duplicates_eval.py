"""Duplicate evaluation: precision and recall of the 疑似重复 search on hand-written pairs, and
the time per search.

`evaluate_duplicates(db)` writes its own cases into `db` inside one transaction that it rolls
back, so any database with a street of at least two communities serves (the test street, the
demo street, the 1,000,000-case database). Its pairs, written for this evaluation in callers'
words, not by the demo's templates:

- true duplicates: the same problem at the same place told differently (马葫芦 for 井盖, a
  Chinese door number, a landmark instead of the road, the caller's own complaint);
- near misses: the same place with another problem, the same problem on another road of the
  same grid, the same problem in a far grid, and the same problem reported and closed weeks
  before (outside the window).

The reports are placed far in the future of the database's own cases, so none of those is a
candidate; `ms_existing` times the search for up to 50 of the database's own most recent cases
(the real candidate sets of a busy database).

`python -m bench.intake.duplicates_eval [--db URL]` prints the figures (a fresh SQLite database
with the test street when no URL is given).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db.cases.duplicates import duplicates_of, find_duplicates_in
from db.cases.intake import report_in
from db.cases.states import Action
from db.cases.workflow import apply_in
from db.engine import Database
from db.models import Case, Community, Grid

T0 = datetime(2099, 6, 10, 2, 0, tzinfo=UTC)  # far from any real case


@dataclass(frozen=True)
class Pair:
    """An earlier report and a later one; `duplicate` says whether they are one problem."""

    category: str
    address: str
    text: str
    later_category: str
    later_address: str
    later_text: str
    duplicate: bool
    kind: str  # what the pair tests
    far: bool = False  # the later report is in a grid of another community
    old: bool = False  # the earlier report was made and closed weeks before


PAIRS: tuple[Pair, ...] = (
    # --- the same problem at the same place, in other words ---------------------------------
    Pair(
        "5101",
        "紫金路149号",
        "紫金路149号门口的井盖丢了，晚上看不见很危险",
        "5101",
        "紫金路一百四十九号门口",
        "这边马葫芦盖没了，刚才小孩差点踩空掉下去",
        True,
        "同处异词",
    ),
    Pair(
        "0101",
        "钢铁路22号楼东侧",
        "楼东边堆了一大堆生活垃圾，好几天没人清运，有味",
        "0104",
        "钢铁路22号楼",
        "22号楼旁边垃圾箱满了往外冒，垃圾都堆到地上了",
        True,
        "相关小类",
    ),
    Pair(
        "0505",
        "明山路与华夏路交口",
        "交口处有辆白色轿车停在人行横道上，行人过不去",
        "0505",
        "明山路华夏路路口",
        "路口斑马线上停着车，堵着不让人走，车主也找不到",
        True,
        "同处异词",
    ),
    Pair(
        "0702",
        "峪明小区5号楼3单元",
        "家里暖气不热，屋里才十四度，老人冻得受不了",
        "0702",
        "峪明小区五号楼三单元",
        "暖气温度上不来，整个单元都冷，物业打不通电话",
        True,
        "中文数字",
    ),
    Pair(
        "0403",
        "胜利路88号公交站前",
        "公交站前面路面塌了一个坑，大概一米宽",
        "0403",
        "胜利路88号",
        "88号门前公交车站那块地面陷下去了，车都绕着走",
        True,
        "同处异词",
    ),
    Pair(
        "0405",
        "东明路下穿桥",
        "下雨后桥洞底下积水很深，小车过不去",
        "0405",
        "东明路下穿桥桥洞",
        "桥洞里淹了，水到膝盖了，有车在里面熄火",
        True,
        "同处异词",
    ),
    Pair(
        "0406",
        "文化路17号",
        "17号门口电线掉下来了，耷拉到地面上",
        "0406",
        "文化路17号门前",
        "门前有根电线断了垂在人行道上，怕漏电伤人",
        True,
        "同处异词",
    ),
    Pair(
        "0703",
        "和平小区8号楼",
        "8号楼有人从窗户拉电线下来给电动车充电",
        "0703",
        "和平小区八号楼一楼",
        "一楼窗户飞线充电，线就在地上拖着，下雨太危险了",
        True,
        "中文数字",
    ),
    Pair(
        "0705",
        "育才街9号烧烤店",
        "烧烤店晚上十二点了还在放音乐喝酒吵闹",
        "0705",
        "育才街9号",
        "楼下烧烤店天天半夜吵，喝酒划拳，根本睡不着觉",
        True,
        "同处异词",
    ),
    Pair(
        "5108",
        "永丰街与光明路交口",
        "路口阀门井往外冒水，水流了一路",
        "5108",
        "永丰街光明路口",
        "十字路口那个井一直往外涌清水，路上都结冰了",
        True,
        "同处异词",
    ),
    Pair(
        "0704",
        "金山花园小区3号楼2单元",
        "楼道里堆满了纸壳子和旧家具，着火了跑不出去",
        "0704",
        "金山花园3号楼2单元楼道",
        "单元楼道被杂物堵了一半，消防通道不通",
        True,
        "同处异词",
    ),
    Pair(
        "0501",
        "新明街菜市场门口",
        "菜市场门口一排摊子摆到马路上卖菜",
        "0501",
        "新明街菜市场",
        "市场外面的小贩占着机动车道，车过不去一直按喇叭",
        True,
        "同处异词",
    ),
    # --- near misses ---------------------------------------------------------------------
    Pair(
        "5101",
        "铁山路3号",
        "铁山路3号井盖没了",
        "0101",
        "铁山路3号",
        "3号门口有人扔了很多装修垃圾",
        False,
        "同处异事",
    ),
    Pair(
        "0702",
        "明秀小区2号楼",
        "2号楼暖气不热",
        "0705",
        "明秀小区2号楼",
        "2号楼楼上半夜装修电钻声音太大",
        False,
        "同处异事",
    ),
    Pair(
        "0505",
        "北地路41号",
        "41号门口车辆乱停放堵住出口",
        "0505",
        "渔梁路6号",
        "渔梁路6号门前有车乱停，挡着消防通道",
        False,
        "同格异处",
    ),
    Pair(
        "0403",
        "光明路120号",
        "光明路120号门前路面塌陷",
        "0403",
        "光明路12号",
        "光明路12号门口路面塌陷出现大坑",
        False,
        "门牌不同",
    ),
    Pair(
        "5101",
        "华夏路200号",
        "华夏路200号井盖缺失",
        "5101",
        "华夏路200号",
        "华夏路200号门口井盖没了",
        False,
        "远处同事",
        far=True,
    ),
    Pair(
        "0406",
        "东兴街5号",
        "东兴街5号电线断落",
        "0406",
        "东兴街5号",
        "5号门前的电线断了掉在地上",
        False,
        "旧案",
        old=True,
    ),
    Pair(
        "0101",
        "卧龙街30号",
        "卧龙街30号旁暴露垃圾",
        "0703",
        "卧龙街30号",
        "30号楼有人飞线给电动车充电",
        False,
        "同处异事",
    ),
)


class _Rollback(Exception):
    pass


def _grids(db: Database) -> tuple[list[str], list[str]]:
    """Two grids of one community (the pairs' place) and grids of the other communities."""
    with db.read() as session:
        rows = session.execute(
            select(Grid.code, Grid.community_id)
            .join(Community, Community.id == Grid.community_id)
            .where(Grid.retired_on.is_(None))
            .order_by(Grid.code)
        ).all()
    by_community: dict[int, list[str]] = {}
    for code, community_id in rows:
        by_community.setdefault(community_id, []).append(code)
    communities = list(by_community.values())
    if len(communities) < 2:
        raise SystemExit("the duplicate evaluation needs a street of at least two communities")
    home = communities[0]
    others = [code for group in communities[1:] for code in group]
    return home, others


def evaluate_duplicates(db: Database) -> dict[str, float]:
    """Precision and recall of the duplicate search over `PAIRS` (each later report's
    candidates among the evaluation's own cases), and the mean milliseconds per search."""
    home, others = _grids(db)
    # Every pair in the same grid: earlier reports of other pairs are near misses too.
    grid = home[0]
    far_grid = others[0]
    result: dict[str, float] = {}
    try:
        with db.write() as session:
            earlier: dict[int, int] = {}  # pair index → case id
            for i, pair in enumerate(PAIRS):
                at = T0 - timedelta(days=20) if pair.old else T0 + timedelta(minutes=i)
                case = report_in(
                    session,
                    grid_code=grid,
                    category_code=pair.category,
                    description=pair.text,
                    address=pair.address,
                    now=at,
                )
                if pair.old:
                    apply_in(session, case.number, Action.SELF_RESOLVE, now=at + timedelta(days=1))
                earlier[i] = case.id
            ours = set(earlier.values())
            truth = {(i, earlier[i]) for i, p in enumerate(PAIRS) if p.duplicate}
            found: set[tuple[int, int]] = set()
            spent = 0.0
            for i, pair in enumerate(PAIRS):
                at = T0 + timedelta(hours=4, minutes=i)
                later = report_in(
                    session,
                    grid_code=far_grid if pair.far else grid,
                    category_code=pair.later_category,
                    description=pair.later_text,
                    address=pair.later_address,
                    now=at,
                )
                start = time.perf_counter()
                candidates = find_duplicates_in(
                    session,
                    text=later.description,
                    address=later.address,
                    grid_id=later.grid_id,
                    category_id=later.category_id,
                    now=at,
                    exclude_case_id=later.id,
                )
                spent += time.perf_counter() - start
                found |= {(i, c.case_id) for c in candidates if c.case_id in ours}
            hits = len(found & truth)
            result["precision"] = hits / len(found) if found else 1.0
            result["recall"] = hits / len(truth) if truth else 1.0
            result["ms"] = 1000 * spent / len(PAIRS)
            result["pairs"] = float(len(PAIRS))
            result["false_positives"] = float(len(found - truth))
            result["missed"] = float(len(truth - found))
            raise _Rollback
    except _Rollback:
        pass
    result["ms_existing"] = _time_existing(db)
    return result


def _time_existing(db: Database, count: int = 50) -> float:
    """Mean milliseconds of 查重 on the database's own most recent cases (0 when none)."""
    with db.read() as session:
        numbers = list(
            session.scalars(select(Case.number).order_by(Case.reported_at.desc()).limit(count))
        )
        if not numbers:
            return 0.0
        start = time.perf_counter()
        for number in numbers:
            duplicates_of(session, number)
        return 1000 * (time.perf_counter() - start) / len(numbers)


def main() -> None:
    parser = argparse.ArgumentParser(description="duplicate precision / recall and time")
    parser.add_argument("--db", metavar="URL", help="database URL (default: a fresh test street)")
    args = parser.parse_args()
    from db.database import open_database

    if args.db:
        db = open_database(args.db)
        print(json.dumps(evaluate_duplicates(db), ensure_ascii=False))
        return
    from tests.street import build_street

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "dup.sqlite"))
        build_street(db)
        print(json.dumps(evaluate_duplicates(db), ensure_ascii=False))
        db.dispose()


if __name__ == "__main__":
    main()

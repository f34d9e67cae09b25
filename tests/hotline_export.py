"""A realistic 12345 hotline export for tests: a merged title row, the hotline's own columns
(no 网格编码, no 案件类别), orders written the way callers talk and operators type them up, on
the tests' street (tests/street.py), some of them impossible to place.

The texts are put together from hand-written pieces (an opening, what happened, a detail, what
the caller wants), not from the demo's templates. `write_hotline_export(path, count=120)` is
deterministic for a given seed. Run as a script to write one: `python -m tests.hotline_export
FILE.xlsx`."""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "工单编号",
    "来电时间",
    "来电人",
    "联系电话",
    "诉求类型",
    "诉求内容",
    "事发地址",
    "所属区县",
    "所属街道",
    "承办单位",
    "办理时限（工作日）",
    "紧急程度",
]

OPENINGS = (
    "市民来电反映：",
    "来电人称，",
    "市民反映",
    "来电人情绪较激动，反映",
    "市民来电咨询并反映，",
    "诉求人表示：",
    "来电人再次来电，",
    "",
)
# What happened, in callers' words (several phrasings of one problem each).
PROBLEMS = (
    "楼下那个马葫芦盖子不知道让谁给弄没了，黑灯瞎火的差点掉下去",
    "小区门口的井盖一踩就咣当响，晃得厉害",
    "路边堆了一大堆装修砸下来的碎砖头，好几天了也没人拉走",
    "单元门口垃圾堆成小山了，臭得开不了窗户",
    "垃圾桶早就装满了往外冒，周围全是塑料袋",
    "这条道上的路灯一到晚上就不亮，走夜路心里发毛",
    "路灯杆子歪了，感觉随时要倒",
    "家里暖气一点都不热，屋里才十四五度，老人孩子都冻感冒了",
    "暖气片冰凉，交了取暖费等于白交",
    "对面楼里把房子隔成好多小间往外租，住了二十多口人，进进出出的",
    "一楼有人从窗户私拉电线给电动车充电，线就耷拉在楼道里",
    "楼道里堆满了旧家具和纸壳子，消防通道都堵死了",
    "每天晚上十一点多还有人在楼下跳广场舞，音响开得震天响",
    "楼上邻居装修砸墙，把承重墙都给拆了",
    "工地半夜还在打桩，咚咚的根本睡不着觉",
    "工地的土也不苫盖，风一刮满天灰",
    "渣土车一路走一路撒，路面全是泥",
    "马路中间塌了一个大坑，车轮子都陷进去了",
    "自来水管子爆了，水哗哗往外冒，路上都结冰了",
    "下完雨路口积水没过脚脖子，下水口全堵了",
    "电线断了一根耷拉到地上，孩子放学都从那走",
    "闻到一股很大的煤气味，不知道哪家漏气了",
    "有人在路边摆摊卖菜，把人行道全占了",
    "饭店门口支桌子摆到马路上，油烟呛得人直咳嗽",
    "烧烤摊天天晚上烟熏火燎的，窗户都不敢开",
    "小区里有辆破车停了一年多没动过，轮胎都瘪了",
    "电动车、自行车乱七八糟停在盲道上",
    "有人把车横在消防通道上，堵得救护车都进不来",
    "电线杆上贴满了办证的小广告，刚撕了又贴上",
    "墙上被人用喷漆喷了好多电话号码",
    "遛狗不拴绳，大狗追着小孩跑，把孩子吓哭了",
    "有家小诊所没有牌照还给人打吊瓶",
    "物业什么都不管，电梯坏了一个礼拜也不修",
    "老板拖欠工资三个月了，找了好几次都不给",
    "红绿灯坏了一整天，路口车都堵成一锅粥",
    "人行道的方砖翘起来好几块，老太太绊倒了",
    "路边的护栏被车撞歪了，一直没人扶",
    "公共厕所门锁坏了，里面脏得没法进",
    "化粪池满了往外冒，整条胡同都是味",
    "家里老人独居，生活有困难，想问问能不能申请救助",
)
DETAILS = (
    "已经好几天了",
    "之前打过电话也没人管",
    "附近住的都是老年人",
    "早上上班的时候看到的",
    "晚上特别明显",
    "周边居民意见很大",
    "孩子上学天天从这儿过",
    "",
    "",
)
ASKS = (
    "希望有关部门尽快处理。",
    "请派人来看看。",
    "要求尽快解决并回复。",
    "希望能给个说法。",
    "麻烦赶紧弄一下。",
    "请相关部门核实处理。",
)
# Where it happened: community and grid named (placeable), roads, estates and landmarks as
# callers name them (placeable once the street has a gazetteer), and vague or foreign places.
ADDRESSES = (
    "明山区新明街道锦峪社区第01网格",
    "锦峪社区第02网格 3号楼",
    "新明社区第01网格附近",
    "新明街道新明社区第02网格2单元门口",
    "明山区新明街道锦峪社区",
    "新明社区",
    "紫金路２３号",
    "紫金路与钢铁路交口",
    "新明小区5号楼对面",
    "锦峪花园二期",
    "新明街道办事处门口",
    "明山区新明街道新明社区菜市场旁边",
    "锦峪社区卫生服务站附近",
    "说不清楚，大概在桥那边",
    "平山区胜利路100号",
    "",
    "在家附近",
    "溪湖区河沿路",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
NAMES = ("先生", "女士", "师傅", "大爷", "阿姨")
KINDS = ("咨询", "求助", "投诉", "举报", "建议")
HANDLERS = ("新明街道办事处", "明山区城市管理局", "明山区住建局", "明山区新明街道")
URGENCY = ("一般", "一般", "一般", "紧急", "特急", "")
LIMITS = (3, 5, 5, 10, 15, "５", "5个工作日", None)


def order_text(rng: random.Random) -> str:
    opening = rng.choice(OPENINGS)
    problem = rng.choice(PROBLEMS)
    detail = rng.choice(DETAILS)
    ask = rng.choice(ASKS)
    parts = [opening + problem]
    if detail:
        parts.append(detail)
    return "，".join(parts) + "，" + ask


def write_hotline_export(
    path: Path,
    count: int = 120,
    *,
    seed: int = 12345,
    first_number: int = 1,
    start: datetime = datetime(2026, 11, 2, 8, 0),
) -> Path:
    """Write `count` orders to `path`; returns `path`. Columns in the hotline's order plus a
    序号 column and a 回访要求 column the import does not know, two blank rows at the end."""
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "工单明细"
    ws.append(["12345政务服务便民热线工单导出（新明街道）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS) + 2)
    ws.append(["序号", *HEADERS, "回访要求"])
    when = start
    for i in range(count):
        when += timedelta(minutes=rng.randint(7, 300))
        number = f"BX{when:%Y%m%d}{first_number + i:05d}"
        phone: object = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
        if i % 17 == 5:
            phone = f"024-4{rng.randint(1_000_000, 9_999_999)}"
        name = rng.choice(SURNAMES) + rng.choice(NAMES)
        ws.append(
            [
                i + 1,
                number,
                when.strftime("%Y-%m-%d %H:%M:%S") if i % 3 else when,
                name,
                phone,
                rng.choice(KINDS),
                order_text(rng),
                rng.choice(ADDRESSES),
                "明山区",
                "新明街道",
                rng.choice(HANDLERS),
                rng.choice(LIMITS),
                rng.choice(URGENCY),
                rng.choice(("需回访", "无需回访")),
            ]
        )
    ws.append([" ", None, " "])
    ws.append([None, "　"])
    wb.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hotline-12345.xlsx")
    print(write_hotline_export(target))

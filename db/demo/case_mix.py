"""What the demo street's cases are made of: the share of each source, how often each category
comes up (by season), the intake by month and hour, the texts of reasons and notes, the people
who act, and the stand-in photos."""

from __future__ import annotations

import struct
import zlib

from db.cases.states import Satisfaction, Source

# Share of each source (网格上传 most; 巡查发现 counts as 未诉先办).
SOURCE_WEIGHTS: tuple[tuple[Source, float], ...] = (
    (Source.GRID_UPLOAD, 0.58),
    (Source.PATROL, 0.16),
    (Source.HOTLINE, 0.15),
    (Source.VISIT, 0.07),  # 来访 and 来电 (db/demo/cases.py splits them)
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

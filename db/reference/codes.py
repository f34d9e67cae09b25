"""Validation of the unified codes (统一编码) for communities and unit grids.

Community: 12 digits = 6 (county-level division) + 3 (街道 001–099 / 镇 100–199 / 乡 200–399)
+ 3 (居委会 / 村委会). Unit grid (单元网格): community code + a 2-digit (CJ/T 213) or 3-digit
(Beijing style) sequence, 14 or 15 digits in all.
"""

from __future__ import annotations

import re
import unicodedata

from db.errors import InvalidCode

# ASCII digits only: `\d` would also accept other scripts' digits (e.g. Arabic-Indic).
_DIGITS = re.compile(r"[0-9]+")
# First two digits of a county code are a province-level code (GB/T 2260).
_PROVINCES = {
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
    71,
    81,
    82,
}


def _digits(code: str, what: str, lengths: tuple[int, ...]) -> str:
    # Full-width digits typed with a Chinese input method (２１０５…) count as digits.
    code = unicodedata.normalize("NFKC", code).strip()
    if not _DIGITS.fullmatch(code) or len(code) not in lengths:
        wanted = " 或 ".join(str(n) for n in lengths)
        raise InvalidCode(f"{what}编码「{code}」应为 {wanted} 位数字")
    return code


def validate_county_code(code: str) -> str:
    code = _digits(code, "区县", (6,))
    if int(code[:2]) not in _PROVINCES:
        raise InvalidCode(f"区县编码「{code}」的省级代码 {code[:2]} 不存在")
    if code[2:4] == "00" or code[4:] == "00":
        raise InvalidCode(f"区县编码「{code}」不是区县级代码")
    return code


def street_kind(code: str) -> str:
    """街道, 镇 or 乡 by the 3-digit township part of a 9-digit street code."""
    part = int(code[6:9])
    if 1 <= part <= 99:
        return "街道"
    if 100 <= part <= 199:
        return "镇"
    if 200 <= part <= 399:
        return "乡"
    raise InvalidCode(f"街道编码「{code}」的乡级代码 {code[6:9]} 不在 001–399 之内")


def validate_street_code(code: str, county_code: str | None = None) -> str:
    code = _digits(code, "街道", (9,))
    validate_county_code(code[:6])
    street_kind(code)
    if county_code is not None and code[:6] != county_code:
        raise InvalidCode(f"街道编码「{code}」不属于区县 {county_code}")
    return code


def validate_community_code(code: str, street_code: str | None = None) -> str:
    code = _digits(code, "社区", (12,))
    validate_street_code(code[:9])
    if code[9:] == "000":
        raise InvalidCode(f"社区编码「{code}」的居（村）委会代码不能为 000")
    if street_code is not None and code[:9] != street_code:
        raise InvalidCode(f"社区编码「{code}」不属于街道 {street_code}")
    return code


def validate_grid_code(code: str, community_code: str | None = None) -> str:
    code = _digits(code, "网格", (14, 15))
    validate_community_code(code[:12])
    if int(code[12:]) == 0:
        raise InvalidCode(f"网格编码「{code}」的网格序号不能为 0")
    if community_code is not None and code[:12] != community_code:
        raise InvalidCode(f"网格编码「{code}」不属于社区 {community_code}（前 12 位应相同）")
    return code

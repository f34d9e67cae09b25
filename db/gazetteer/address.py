"""Reading an address the way callers write it: full-width digits, Chinese numerals before a
unit (一百四十九号 → 149号, 十二号楼 → 12号楼), building marks (3栋, 3#, 3幢 → 3号楼), spaces and
punctuation, and the district / street / city prefixes in front (also wrong ones), which say
nothing about the grid and are dropped.

Chinese numerals are read by cn2an (a maintained library); only a run of numeral characters
directly before a unit word is converted, so 十字路口 and 五一路 stay as they are."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_NUMERALS = "零〇一二两三四五六七八九十百千幺"
_UNITS = "号|栋|幢|单元|楼|层|室|弄|巷|门|排|座"
_CN_NUMBER = re.compile(rf"([{_NUMERALS}]+)(?=(?:{_UNITS}))")
_BUILDING = re.compile(r"(\d+)\s*(?:#楼|#|栋|幢|号楼|座楼|座)")
_SPACES = re.compile(r"[\s\u3000,，。.;；:：!！?？'\"“”‘’()（）\[\]【】<>《》]+")
# Administrative prefixes: street (街道/镇/乡) first, then district (区/县/旗), city, province.
_PROVINCE = re.compile(r"^(?:中国)?[\u4e00-\u9fff]{2,7}?(?:省|自治区)")
_CITY = re.compile(r"^[\u4e00-\u9fff]{2,6}?市")
_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:(?<![社小园校景厂矿])区|县|旗)")
_STREET = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:街道办事处|街道办|街道|镇|乡)")
_COMMUNITY = re.compile(r"^[\u4e00-\u9fff]{2,6}?社区(?:居委会)?")
_GRID_MENTION = re.compile(r"第?(\d{1,3})网格")

_cn2an: Any = None


def _to_number(numerals: str) -> str:
    """`一百四十九` → `149`, `幺四九` → `149`; text cn2an cannot read is left as it is."""
    global _cn2an
    if _cn2an is None:
        import cn2an  # type: ignore[import-untyped]  # 0.1 s: only when an address has one

        _cn2an = cn2an
    try:
        return str(int(_cn2an.cn2an(numerals, "smart")))
    except (ValueError, TypeError, KeyError):
        return numerals


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), no spaces or punctuation, Chinese numerals before a
    unit as digits, building marks as 号楼."""
    value = unicodedata.normalize("NFKC", text or "")
    value = _SPACES.sub("", value)
    value = value.replace("—", "-").replace("–", "-").replace("－", "-").replace("~", "-")
    if any(ch in _NUMERALS for ch in value):
        value = _CN_NUMBER.sub(lambda m: _to_number(m.group(1)), value)
    return _BUILDING.sub(r"\1号楼", value)


def strip_prefixes(text: str, known: Iterable[str] = (), protected: Iterable[str] = ()) -> str:
    """`text` (normalized) without the administrative names in front: the `known` names
    (this street's district, street, city) wherever they stand, and any 省/市/区/县/街道/镇
    in front, right or wrong. A prefix that would cut into a `protected` name (a road,
    estate or landmark of the gazetteer, such as 紫金小区 or 新明街) is kept."""
    guarded = tuple(p for p in protected if p)
    for name in sorted({k for k in known if k}, key=len, reverse=True):
        text = text.replace(name, "")
    changed = True
    while changed and text:
        changed = False
        for pattern in (_PROVINCE, _CITY, _STREET, _DISTRICT):
            m = pattern.match(text)
            if m is None:
                continue
            cut = m.end()
            if any(_cuts(text, cut, name) for name in guarded):
                continue
            text = text[cut:]
            changed = True
    return text


def _cuts(text: str, cut: int, name: str) -> bool:
    """Whether cutting `text` at `cut` breaks or removes an occurrence of `name`."""
    start = text.find(name)
    while start != -1:
        if start < cut:
            return True
        start = text.find(name, start + 1)
    return False


def community_mention(text: str) -> tuple[str, str]:
    """(`XX社区` named at the front, the text after it); ("", text) when none."""
    m = _COMMUNITY.match(text)
    if m is None:
        return "", text
    name = m.group(0).removesuffix("居委会")
    return name, text[m.end() :]


def grid_number(text: str) -> int | None:
    """The number of a grid named in the text (`第03网格` → 3)."""
    m = _GRID_MENTION.search(text)
    return int(m.group(1)) if m else None

"""The codes of the case category catalogue (案件类别编码).

A 大类 has a 2-digit code: 事件 (events) 01–49, 部件 (parts) 50–99, so that an event class and a
part class of the same name (市容环境) never share a code. A 小类 has 4 digits: its 大类's code
followed by a 2-digit sequence 01–99 (0101 暴露垃圾 under 01 市容环境, 5101 井盖缺失 under 51
公用设施).
"""

from __future__ import annotations

import unicodedata

from db.errors import InvalidCode

KINDS = ("事件", "部件")
_RANGES = {"事件": (1, 49), "部件": (50, 99)}


def _digits(code: object, what: str, length: int) -> str:
    text = unicodedata.normalize("NFKC", str(code if code is not None else "")).strip()
    if not (text.isascii() and text.isdigit() and len(text) == length):
        raise InvalidCode(f"{what}编码「{text}」应为 {length} 位数字")
    return text


def check_kind(kind: object) -> str:
    text = str(kind or "").strip()
    if text not in KINDS:
        raise InvalidCode(f"类型「{text}」应为 事件 或 部件")
    return text


def validate_major_code(code: object, kind: str | None = None) -> str:
    """A 2-digit 大类 code; with `kind`, within that kind's range (事件 01–49, 部件 50–99)."""
    text = _digits(code, "大类", 2)
    if text == "00":
        raise InvalidCode("大类编码不能为 00")
    if kind is not None:
        low, high = _RANGES[check_kind(kind)]
        if not low <= int(text) <= high:
            raise InvalidCode(f"{kind}大类的编码应在 {low:02d}–{high:02d} 之间，「{text}」不在其中")
    return text


def validate_category_code(code: object, major_code: str | None = None) -> str:
    """A 4-digit 小类 code; with `major_code`, one that starts with it."""
    text = _digits(code, "小类", 4)
    validate_major_code(text[:2])
    if text[2:] == "00":
        raise InvalidCode(f"小类编码「{text}」的序号不能为 00")
    if major_code is not None and not text.startswith(major_code):
        raise InvalidCode(f"小类编码「{text}」不属于大类 {major_code}（前 2 位应为 {major_code}）")
    return text

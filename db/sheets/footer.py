"""Signature, stamp and note rows that community sheets carry below their data (审核人：李四,
填表人：张三, （盖章）, 填报日期：…, 注：…): recognised so that an import reports them as ignored
rather than as bad rows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from db.sheets.cells import clean_text, is_blank

# Who signs or fills in a form, and when or for whom: such a label opens a footer row, followed
# by a colon, a space or nothing (the name is often handwritten or in the next cell).
_SIGNERS = (
    r"(?:审核|审批|复核|核对|填表|填报|制表|统计|经办|录入|报送)人?"
    r"|负责人|联系人|联系电话|主管领导|分管领导|领导签字|单位负责人"
    r"|签字|签名|签章|盖章"
    r"|(?:填报|填表|制表|审核|报送)?日期"
    r"|(?:填报|填表|报送)?单位"
)
_SIGNER = re.compile(rf"^(?:{_SIGNERS})(?:\((?:签字|签名|盖章|签章)\))?(?::|\s|$)")
# A note under the table needs its colon: 注：…, 备注：…, 说明：…, 填表说明：…
_NOTE = re.compile(r"^(?:注|备注|说明|填表说明|注意事项)\d*[:.]")
# A stamp or signature place anywhere in the cell: （盖章）, 张三（签字）, 单位（公章）
_STAMP = re.compile(r"\((?:盖章|签字|签名|签章|公章)\)")

MAX_FOOTER_CELLS = 8  # a footer row holds a few labels and names, not a record
_SHOWN = 40  # characters of a footer row quoted back to the user


def _normal(text: str) -> str:
    """NFKC (full-width colons and brackets made ASCII) and trimmed."""
    return unicodedata.normalize("NFKC", clean_text(text)).strip()


def footer_text(cells: Sequence[Any]) -> str | None:
    """The row's text when it is a signature, stamp or note row, else None.

    Such a row opens with a label of who signs, fills in or stamps the form, or of a note
    (审核人：李四, 填表人：, （盖章）, 填报日期：2026-11-20, 注：…), and holds at most a few cells.
    """
    filled = [c for c in cells if not is_blank(c)]
    if not filled or len(filled) > MAX_FOOTER_CELLS:
        return None
    first = filled[0]
    if not isinstance(first, str):
        return None
    text = _normal(first)
    if not (_SIGNER.match(text) or _NOTE.match(text) or _STAMP.search(text)):
        return None
    shown = " ".join(clean_text(c) for c in filled)
    return shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…"

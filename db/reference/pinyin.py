"""Pinyin (拼音) of Chinese names: sort keys and search keys, computed with pypinyin.

Names of categories (小类), departments, communities and grids sort in pinyin order and are found
by their pinyin initials ("jg" → 井盖) or full pinyin ("jinggai"). These tables are small (a few
hundred rows), so their keys are computed in memory and cached; the keys of case rows are never
computed at query time (see db/cases/queue.py, which turns them into id lists and ranks).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

__all__ = ["initials", "matches", "rank", "search_keys", "sort_key"]


@lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple[str, str]:
    """Pinyin order: by the syllables (without tones), then by the text itself for ties."""
    from pypinyin import lazy_pinyin  # its dictionaries take a second to load: at first use

    return " ".join(lazy_pinyin(text, errors="default")).lower(), text


@lru_cache(maxsize=8192)
def search_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of `text`, lower case, without spaces: 井盖 → ("jg", "jinggai")."""
    from pypinyin import lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, errors="default") if s.strip()]
    return "".join(s[0] for s in syllables), "".join(syllables)


def initials(text: str) -> str:
    return search_keys(text)[0]


def matches(query: str, text: str) -> bool:
    """Whether a latin `query` of two letters or more is in the pinyin initials of `text` or
    starts its full pinyin: "jg", "gx" and "jinggai" all find 井盖 (a single letter, or a
    query with digits or Chinese, never matches by pinyin: it would find nearly every name)."""
    wanted = "".join(query.lower().split())
    if len(wanted) < 2 or not (wanted.isascii() and wanted.isalpha()):
        return False
    first, full = search_keys(text)
    return wanted in first or full.startswith(wanted)


def rank(items: Iterable[tuple[int, str]]) -> dict[int, int]:
    """id → position in pinyin order of the names (for an ORDER BY over many rows)."""
    ordered = sorted(items, key=lambda item: (sort_key(item[1]), item[0]))
    return {item_id: position for position, (item_id, _name) in enumerate(ordered)}

"""Pinyin (拼音) of Chinese names: sort keys and search keys.

Names of categories (小类), departments, communities, grids and people sort in pinyin order and
are found by their pinyin initials ("jg" → 井盖) or full pinyin ("jinggai"). These tables are
small (a few hundred rows), so their keys are computed in memory and cached; the keys of case
rows are never computed at query time (see db/cases/queue.py, which turns them into id lists and
ranks).

The readings are pypinyin's (`lazy_pinyin(text, errors="default")`), from a table generated
from it (resources/pinyin/pinyin.json, by scripts/gen_pinyin_table.py): each character's
toneless reading alone, and the phrases read otherwise than their characters (银行 yin hang,
重庆 chong qing), segmented the way pypinyin segments. pypinyin's own dictionaries would cost
the process about 55 MB; the table costs under 2 MB.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

from db.paths import resources_dir

__all__ = [
    "first_letters",
    "initials",
    "matches",
    "rank",
    "search_keys",
    "sort_key",
    "syllables",
]

# What pypinyin counts as Chinese characters (pypinyin.constants.RE_HANS).
_HAN = re.compile(
    "["
    "\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a703-\U0002b73f\U0002b740-\U0002b81d"
    "\U0002b825-\U0002bf6e\U0002c029-\U0002ce93\U0002d016\U0002d11b-\U0002ebd9"
    "\U0002f80a-\U0002fa1f\U00030000-\U0003134a\U000300f7-\U00031288"
    "\U00030edd\U00030ede\U00031350-\U00032389"
    "]+"
)


class _Table:
    """Each character's reading (one code point → a syllable number, in two strings indexed
    by code point: no object per character), the phrases and their prefixes."""

    def __init__(self, chars: dict[str, str], phrases: dict[str, str]) -> None:
        self.syllables = ["", *chars]
        codes = [ord(char) for members in chars.values() for char in members]
        low = ["\0"] * (max((c for c in codes if c < 0x10000), default=-1) + 1)
        high = ["\0"] * (max((c - 0x20000 for c in codes if c >= 0x20000), default=-1) + 1)
        for number, members in enumerate(chars.values(), start=1):
            syllable = chr(number)
            for char in members:
                code = ord(char)
                if code < 0x10000:
                    low[code] = syllable
                else:
                    high[code - 0x20000] = syllable
        self.low = "".join(low)
        self.high = "".join(high)
        self.phrases = {phrase: tuple(reading.split()) for phrase, reading in phrases.items()}
        self.prefixes = {phrase[:n] for phrase in phrases for n in range(1, len(phrase) + 1)}

    def reading(self, char: str) -> str | None:
        code = ord(char)
        index, offset = (self.low, code) if code < 0x10000 else (self.high, code - 0x20000)
        number = ord(index[offset]) if 0 <= offset < len(index) else 0
        return self.syllables[number] if number else None

    def words(self, text: str) -> Iterable[str]:
        """pypinyin's segmentation of a run of Chinese characters (its forward maximum match,
        `pypinyin.seg.mmseg.Seg.cut` with no_non_phrases, over the phrases kept here)."""
        remain = text
        while remain:
            last_word = ""
            last_index = 0
            for index in range(len(remain)):
                word = remain[: index + 1]
                if word in self.prefixes:
                    if word in self.phrases:
                        last_word, last_index = word, index + 1
                    continue
                if last_word:
                    yield last_word
                    remain = remain[last_index:]
                else:
                    yield remain[0]
                    remain = remain[1:]
                break
            else:
                if last_word:
                    yield last_word
                    remain = remain[last_index:]
                else:
                    yield from remain  # as pypinyin: the rest a character at a time
                    break


_table: _Table | None = None
_lock = threading.Lock()


def _loaded() -> _Table:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                path = resources_dir() / "pinyin" / "pinyin.json"
                data = json.loads(path.read_text(encoding="utf-8"))
                _table = _Table(data["chars"], data["phrases"])
    return _table


def use_table(chars: dict[str, str], phrases: dict[str, str]) -> None:
    """Read with this table from now on (the generator's check); clears the caches."""
    global _table
    _table = _Table(chars, phrases)
    _tokens.cache_clear()
    sort_key.cache_clear()
    search_keys.cache_clear()


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """(token, is a syllable) as pypinyin's `lazy_pinyin(text, errors="default")` gives them:
    a syllable per Chinese character, anything else kept as it is, a run at a time."""
    table = _loaded()
    out: list[tuple[str, bool]] = []
    position = 0
    for run in _HAN.finditer(text):
        if run.start() > position:
            out.append((text[position : run.start()], False))
        for word in table.words(run.group()):
            phrase = table.phrases.get(word)
            if phrase is not None:
                out.extend((syllable, True) for syllable in phrase)
                continue
            for char in word:
                syllable = table.reading(char)
                out.append((char, False) if syllable is None else (syllable, True))
        position = run.end()
    if position < len(text):
        out.append((text[position:], False))
    return tuple(out)


def syllables(text: str) -> list[str]:
    """The syllables of `text` without tones, other characters as they are: 银行卡 →
    ["yin", "hang", "ka"]; "A区3号" → ["A", "qu", "3", "hao"] (pypinyin's lazy_pinyin)."""
    return [token for token, _syllable in _tokens(text)]


def first_letters(text: str) -> list[str]:
    """The first letter of each syllable, other characters as they are (pypinyin's
    `lazy_pinyin(text, style=Style.FIRST_LETTER)`): 燃气公司 → ["r", "q", "g", "s"]."""
    return [token[0] if syllable else token for token, syllable in _tokens(text)]


@lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple[str, str]:
    """Pinyin order: by the syllables (without tones), then by the text itself for ties."""
    return " ".join(syllables(text)).lower(), text


@lru_cache(maxsize=8192)
def search_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of `text`, lower case, without spaces: 井盖 → ("jg", "jinggai")."""
    parts = [s.lower() for s in syllables(text) if s.strip()]
    return "".join(s[0] for s in parts), "".join(parts)


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

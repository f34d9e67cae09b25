"""The words that name a 小类: its name, its keywords (关键词, kept by the center in 基础数据)
and the words callers use for it (resources/catalogue/caller_words.json: 马葫芦 = 井盖,
暖气不热, 群租, 占道 …). A word found in a description speaks for every 小类 it belongs to.

Two kinds of callers' words go beyond a plain string: "暖气*不热" is two pieces in that order
within one clause and a few characters of each other (暖气一点都不热); the words listed under
`_weak` name a place or an object that many complaints happen at (人行道, 单元门, 消防通道,
楼上) and count for less than a word that names the problem."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from db.intake.ngrams import normalized
from db.reference.catalogue import catalogue_dir, read_json
from db.reference.category_keywords import split_keywords

CALLER_WORDS = "caller_words.json"
WEAK_KEY = "_weak"
TYPOS_KEY = "_typos"
WEAK = 0.35  # what a word naming only a place or an object counts for
GAP = 6  # characters allowed between the pieces of a "A*B" word
_CLAUSE_CHAR = r"[^，,。.；;！!？?\n]"


@dataclass(frozen=True)
class Word:
    text: str  # as matched (normalized)
    shown: str  # as written in the reason: 马葫芦（井盖）
    codes: frozenset[str]
    weight: float = 1.0
    pattern: re.Pattern[str] | None = None  # for "A*B" words

    def found_in(self, text: str) -> bool:
        if self.pattern is not None:
            return self.pattern.search(text) is not None
        return self.text in text


@dataclass
class Lexicon:
    words: list[Word] = field(default_factory=list)

    def matches(self, text: str) -> list[Word]:
        """The words found in `text`, a word inside a longer found word of the same 小类
        left out (井盖 inside 井盖没了)."""
        text = normalized(text)
        found = [w for w in self.words if w.found_in(text)]
        found.sort(key=lambda w: -len(w.text))
        kept: list[Word] = []
        for word in found:
            if any(word.text in longer.text and word.codes <= longer.codes for longer in kept):
                continue
            kept.append(word)
        return kept


@lru_cache(maxsize=1)
def caller_words() -> dict[str, tuple[str, ...]]:
    """code -> the callers' words of the bundled file ("马葫芦=井盖" keeps its meaning)."""
    raw = read_json(catalogue_dir() / CALLER_WORDS)
    return {
        code: tuple(str(w) for w in words)
        for code, words in raw.items()
        if not code.startswith("_") and isinstance(words, list)
    }


@lru_cache(maxsize=1)
def _typos() -> tuple[tuple[str, str], ...]:
    raw = read_json(catalogue_dir() / CALLER_WORDS).get(TYPOS_KEY, {})
    pairs = ((normalized(str(k)), normalized(str(v))) for k, v in dict(raw).items())
    return tuple(sorted(pairs, key=lambda kv: -len(kv[0])))


def corrected(text: str) -> str:
    """`text` normalized, the usual input-method slips replaced (拉圾 → 垃圾, 暖器 → 暖气:
    `_typos` in the bundled file)."""
    text = normalized(text)
    for wrong, right in _typos():
        if wrong in text:
            text = text.replace(wrong, right)
    return text


@lru_cache(maxsize=1)
def weak_words() -> frozenset[str]:
    """The words that name only a place or an object (`_weak` in the bundled file)."""
    raw = read_json(catalogue_dir() / CALLER_WORDS)
    return frozenset(normalized(str(w)) for w in raw.get(WEAK_KEY, []))


def _pattern(text: str) -> re.Pattern[str] | None:
    pieces = [re.escape(piece) for piece in text.split("*") if piece]
    if len(pieces) < 2:
        return None
    return re.compile(f"{_CLAUSE_CHAR}{{0,{GAP}}}".join(pieces))


def build_lexicon(categories: Iterable[tuple[str, str, str | None]]) -> Lexicon:
    """From the active 小类 as (code, name, stored keywords)."""
    codes_of: dict[str, set[str]] = {}
    shown_of: dict[str, str] = {}
    bundled = caller_words()

    def add(word: str, code: str) -> None:
        word, _, meaning = word.partition("=")
        text = normalized(word.strip())
        if not text:
            return
        codes_of.setdefault(text, set()).add(code)
        if meaning and text not in shown_of:
            shown_of[text] = f"{word.strip()}（{meaning.strip()}）"

    for code, name, keywords in categories:
        add(name, code)
        for word in split_keywords(keywords):
            add(word, code)
        for word in bundled.get(code, ()):
            add(word, code)
    weak = weak_words()
    return Lexicon(
        [
            Word(
                text,
                shown_of.get(text, text.replace("*", "…")),
                frozenset(codes),
                WEAK if text in weak else 1.0,
                _pattern(text),
            )
            for text, codes in codes_of.items()
        ]
    )

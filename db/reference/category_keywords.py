"""Keywords (关键词) of a 小类: the words and synonyms callers use for it (马葫芦 for 井盖),
read from what an administrator types or a sheet holds and stored comma-separated in
`categories.keywords`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from db.errors import ValidationError
from db.models.categories import KEYWORDS_LENGTH
from db.models.limits import text_problem

MAX_KEYWORD = 20  # characters of one keyword
MAX_KEYWORDS = 30  # keywords of one 小类
# What separates keywords as people type them: commas (half- and full-width), 、, semicolons,
# slashes and spaces.
_SEPARATORS = re.compile(r"[,，、;；/／|\s]+")


def parse_keywords(value: object, label: str = "关键词") -> tuple[str, ...]:
    """Keywords from text ("井盖、马葫芦, 窨井盖") or a list of texts: trimmed, in the given order,
    each once; each at most MAX_KEYWORD characters, at most MAX_KEYWORDS of them."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Iterable[object] = [value]
    elif isinstance(value, list | tuple):
        parts = value
    else:
        raise ValidationError(f"{label}应为文字")
    words: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            raise ValidationError(f"{label}应为文字")
        # line breaks and tabs separate keywords; other control characters are refused
        part = re.sub(r"[\r\n\t]", " ", part)
        reason = text_problem(part, label, None, multiline=False)
        if reason is not None:
            raise ValidationError(reason)
        text = unicodedata.normalize("NFKC", part)
        for word in _SEPARATORS.split(text):
            if word and word not in words:
                words.append(word)
    for word in words:
        if len(word) > MAX_KEYWORD:
            raise ValidationError(f"{label}「{word}」过长，每个关键词最多 {MAX_KEYWORD} 个字")
    if len(words) > MAX_KEYWORDS:
        raise ValidationError(f"{label}过多（{len(words)} 个），最多 {MAX_KEYWORDS} 个")
    stored = join_keywords(words)
    if len(stored) > KEYWORDS_LENGTH:
        raise ValidationError(f"{label}过长（合计最多 {KEYWORDS_LENGTH} 字）")
    return tuple(words)


def join_keywords(words: Iterable[str]) -> str:
    """The stored form: keywords joined with commas."""
    return ",".join(words)


def split_keywords(stored: str | None) -> tuple[str, ...]:
    """The keywords of a stored value."""
    return tuple(w for w in (stored or "").split(",") if w)


def shown_keywords(words: Iterable[str]) -> str:
    """Keywords as shown to people and written into sheets: 井盖、马葫芦."""
    return "、".join(words)

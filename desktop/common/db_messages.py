"""The sentences db/ and reports/ give a user (a `UserError`'s message), in the language in
force.

db/ has no Qt and writes its messages in Chinese. Each of them is a template in
`db_message_templates` (generated from the raise sites by scripts/db_message_templates.py)
translated in the .ts files under the context "DbMessages". `db_message_text` finds the
template a message was made from, translates it and fills in the values, each of them
translated too when it is itself such a message or a domain word (a status, an action…);
names, numbers and free text stay as they are. A message no template makes (a list of
problems joined by "；") is translated sentence by sentence; one still unknown stays Chinese.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication

from desktop.common.db_message_templates import TEMPLATES

CONTEXT = "DbMessages"
_DEPTH = 3  # a message inside a message inside a message, at most
_SEPARATOR = "；"
_TEMPLATES: tuple[str, ...] = tuple(str(t) for t in TEMPLATES)
_CJK = re.compile(r"[\u4e00-\u9fff]")

# What kind of word a value is, told by the text before it: 状态为「{1}」 holds a status,
# 不能执行「{2}」 an action (挂账 and 不予立案 are both, in English Suspended / Suspend).
STATUS, ACTION = "status", "action"
_KIND_BEFORE = ((("执行「",), ACTION), (("为「",), STATUS))


@dataclass(frozen=True)
class _Template:
    source: str
    pattern: re.Pattern[str]
    longest: str  # its longest literal text: a message without it cannot match
    kinds: tuple[str | None, ...]  # of each value


def _compiled(template: str) -> _Template:
    """The regular expression of the messages `template` makes (a value may be empty)."""
    parts: list[str] = []
    literals: list[str] = []
    kinds: list[str | None] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        literals.append(literal)
        if field is not None:
            parts.append("(.*?)")
            kind = next((k for ends, k in _KIND_BEFORE if literal.endswith(ends)), None)
            kinds.append(kind)
    pattern = re.compile("".join(parts) + r"\Z", re.DOTALL)
    return _Template(template, pattern, max(literals, key=len, default=""), tuple(kinds))


@cache
def _patterns() -> tuple[_Template, ...]:
    """Every template, the most literal text first: a message made by "网格 {0} 与 {1} 不在同一
    社区" is not taken for one made by "{0}不能为空"."""

    def literal_length(template: str) -> int:
        return sum(len(literal) for literal, *_ in string.Formatter().parse(template))

    ordered = sorted(set(_TEMPLATES), key=lambda t: (-literal_length(t), t))
    return tuple(_compiled(t) for t in ordered)


def _no_word(_value: str, _kind: str | None) -> str | None:
    return None


# The translation of a domain word db/ puts into its messages (a status, an action, a role,
# 男…; `kind`: what the message says it is, when it says), or None; whether the window speaks
# English. desktop.core.i18n sets both when it installs the translators (a layer above).
_word_text: Callable[[str, str | None], str | None] = _no_word
_english = False


def use_translation(english: bool, words: Callable[[str, str | None], str | None]) -> None:
    """Translate db/'s messages (when `english`), and the domain words inside them with
    `words`."""
    global _word_text, _english
    _english, _word_text = english, words


def _value(value: str, kind: str | None, depth: int) -> str:
    if not _CJK.search(value):
        return value  # a number, a date, a code: nothing to translate
    word = _word_text(value, kind)
    if word is not None:
        return word
    if depth < _DEPTH:
        return _message(value, depth + 1) or value
    return value


def _whole(text: str, depth: int, separated: bool = False) -> str | None:
    """`text` translated as one template's message, None when no template makes it
    (`separated`: only a template that has a "；" of its own)."""
    for template in _patterns():
        if template.longest not in text or (separated and _SEPARATOR not in template.source):
            continue
        match = template.pattern.match(text)
        if match is None:
            continue
        translation = QCoreApplication.translate(CONTEXT, template.source)
        values = [
            _value(v, kind, depth) for v, kind in zip(match.groups(), template.kinds, strict=True)
        ]
        try:
            return translation.format(*values)
        except (IndexError, KeyError, ValueError):  # a broken translation: the words as written
            return None
    return None


def _message(text: str, depth: int) -> str | None:
    """`text` translated, None when nothing of it could be.

    Sentences joined by "；" (a list of reasons) are taken one by one when each of them is a
    template's message; otherwise `text` is one message of a template that has a "；" itself,
    and failing that, each sentence that can be is translated."""
    if not _CJK.search(text):
        return None
    if _SEPARATOR not in text:
        return _whole(text, depth)
    parts = text.split(_SEPARATOR)
    each = [_whole(part, depth) for part in parts]
    if all(done is not None for done in each):
        return "; ".join(done for done in each if done is not None)
    whole = _whole(text, depth, separated=True)
    if whole is not None:
        return whole
    mixed = [done or _value(part, None, depth) for part, done in zip(parts, each, strict=True)]
    return "; ".join(mixed) if mixed != parts else None


def db_message_text(message: str) -> str:
    """`message` (a sentence db/ wrote in Chinese) in the language in force."""
    if not _english or not message:
        return message  # Chinese: db/'s own words
    return _message(message, 0) or message

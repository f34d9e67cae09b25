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
from functools import cache

from PySide6.QtCore import QCoreApplication

from desktop.common.db_message_templates import TEMPLATES

CONTEXT = "DbMessages"
_DEPTH = 3  # a message inside a message inside a message, at most
_SEPARATOR = "；"
_TEMPLATES: tuple[str, ...] = tuple(str(t) for t in TEMPLATES)


def _pattern(template: str) -> re.Pattern[str]:
    """The regular expression of the messages `template` makes (each value non-empty)."""
    parts: list[str] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append("(.+?)")
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, template) of every template, the most literal text first: a message made by
    "网格 {0} 与 {1} 不在同一社区" is not taken for one made by "{0}不能为空"."""

    def literal_length(template: str) -> int:
        return sum(len(literal) for literal, *_ in string.Formatter().parse(template))

    ordered = sorted(set(_TEMPLATES), key=lambda t: (-literal_length(t), t))
    return tuple((_pattern(t), t) for t in ordered)


def _no_word(_value: str) -> str | None:
    return None


# The translation of a domain word db/ puts into its messages (a status, an action, 男…), or
# None: desktop.core.i18n gives its own when it installs the translators (it is a layer above).
_word_text: Callable[[str], str | None] = _no_word


def use_word_translation(words: Callable[[str], str | None]) -> None:
    """Translate the domain words inside messages with `words`."""
    global _word_text
    _word_text = words


def _translated(template: str) -> str | None:
    """The template's translation, None when the language in force has none (Chinese)."""
    text = QCoreApplication.translate(CONTEXT, template)
    return None if text == template else text


def _value(value: str, depth: int) -> str:
    word = _word_text(value)
    if word is not None:
        return word
    if depth < _DEPTH:
        return _message(value, depth + 1) or value
    return value


def _whole(text: str, depth: int) -> str | None:
    """`text` translated as one template's message, None when no template makes it."""
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        translation = QCoreApplication.translate(CONTEXT, template)
        return translation.format(*(_value(v, depth) for v in match.groups()))
    return None


def _message(text: str, depth: int) -> str | None:
    """`text` translated, None when nothing of it could be.

    Sentences joined by "；" (a list of reasons) are taken one by one when each of them is a
    template's message; otherwise `text` is one message (a template may hold a "；" itself),
    and failing that, each sentence that can be is translated."""
    parts = text.split(_SEPARATOR) if _SEPARATOR in text else []
    if parts:
        each = [_whole(part, depth) for part in parts]
        if all(done is not None for done in each):
            return "; ".join(done for done in each if done is not None)
    whole = _whole(text, depth)
    if whole is not None or not parts:
        return whole
    mixed = [_whole(part, depth) or _value(part, depth) for part in parts]
    return "; ".join(mixed) if mixed != parts else None


def db_message_text(message: str) -> str:
    """`message` (a sentence db/ wrote in Chinese) in the language in force."""
    if not message or _translated(_TEMPLATES[0]) is None:
        return message  # Chinese: db/'s own words
    return _message(message, 0) or message

"""What a caller is complaining about, when the call says more than one thing.

Callers correct themselves ("不是暖气不热，是暖气管子漏了", "小广告不是我要说的") and name
several problems before the one they call about ("楼道灯不亮，垃圾也没人收，最主要的是暖气").
`cleaned` drops the clauses the caller denies; `main_clause` is the part after a marker of the
main complaint (主要是, 最要命的是, 先管管 …), None when the call has no such marker. The 小类
suggestion scores both (db/intake/classify.py)."""

from __future__ import annotations

import re

_STOP = "，,。.；;！!？?\n"
_CLAUSE = f"[^{_STOP}]"
# "不是X(的问题)，(而)是Y" / "我说的不是X，是Y": the X clause goes ("是不是", "还不是",
# "可不是" are no denial); only when a clause follows, so "不是正规医生" at the end stays.
_DENIED = re.compile(
    rf"(?<![是还可要])不是{_CLAUSE}*[{_STOP}]\s*(?=(?:而|我说的|我要说的|我反映的|我要反映的|主要)?是)"
)
# "X不是我要说的" / "X不归我说": the whole clause names what the call is not about.
_DENIED_BEFORE = re.compile(rf"{_CLAUSE}*不是我(?:要|想)?(?:说|反映|投诉)的{_CLAUSE}*[{_STOP}]?")
# markers of the main complaint in a call listing several
_MAIN = re.compile(
    r"(?:最主要的?是|主要是|主要的是|最要命的?是|要命的是|关键是|重点是|最重要的?是|"
    r"我?主要(?:想)?(?:反映|投诉|说)(?:的是|的|一下)?|这次(?:我)?(?:主要)?(?:反映|投诉)的?是?|"
    r"(?:你们|麻烦)?先(?:管管|处理|解决|给解决)(?:一下)?|最头疼的是|最闹心的是|最烦的是)"
)
# a clause opened by one of these adds a second matter ("…，还有那个健身器材也坏了")
_ASIDE = re.compile(r"(?:还有(?!人)|另外|顺便|再就是|对了|顺带|此外)[^。！!？?\n]*")
_SENTENCE_END = re.compile(r"[。！!？?\n]")
MIN_MAIN = 2  # characters a main clause needs to be worth scoring on its own


def cleaned(text: str) -> str:
    """`text` without the clauses the caller denies; the text itself when nothing is left."""
    out = _DENIED_BEFORE.sub("", _DENIED.sub("", text))
    return out if len(re.findall(r"[\u4e00-\u9fff]", out)) >= 4 else text


def main_clause(text: str) -> str | None:
    """The words after the last marker of the main complaint, to the end of that sentence;
    without a marker, the call without the matters it adds as an aside (还有…, 另外…)."""
    found = list(_MAIN.finditer(text))
    if not found:
        rest = _ASIDE.sub("", text)
        if rest == text or len(re.findall(r"[\u4e00-\u9fff]", rest)) < 4:
            return None
        return rest
    rest = text[found[-1].end() :]
    end = _SENTENCE_END.search(rest)
    clause = (rest[: end.start()] if end else rest).strip(" ，,：:")
    if len(re.findall(r"[\u4e00-\u9fff]", clause)) < MIN_MAIN:
        return None
    return clause

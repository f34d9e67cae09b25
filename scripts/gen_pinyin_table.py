"""Generate resources/pinyin/pinyin.json from pypinyin: what db/reference/pinyin.py reads.

    PYTHONPATH=$PWD python scripts/gen_pinyin_table.py [--check]

pypinyin's own dictionaries cost the process about 55 MB (47,000 phrases, their prefix set,
42,000 characters with every reading and tone); GridDesk needs only the toneless reading
pypinyin gives each character alone, and the phrases whose reading differs from their
characters' (银行 yin hang, not yin xing), plus the phrases that keep pypinyin's
segmentation where one of those would change it. This writes them, grouped (a syllable and
its characters; a phrase and its syllables), about 0.3 MB. `--check` compares the file with
pypinyin's answers on every phrase of its dictionary and exits 1 when one differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "pinyin" / "pinyin.json"


def generate() -> dict[str, object]:
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    from db.reference import pinyin

    chars: dict[str, list[str]] = {}
    for code in sorted(PINYIN_DICT):
        char = chr(code)
        reading = lazy_pinyin(char, errors="default")
        if len(reading) == 1 and reading[0] != char:
            chars.setdefault(reading[0], []).append(char)
    table = {syllable: "".join(members) for syllable, members in sorted(chars.items())}
    single = {c: s for s, members in table.items() for c in members}
    phrases: dict[str, str] = {}
    for phrase in PHRASES_DICT:
        reading = lazy_pinyin(phrase, errors="default")
        if reading != [single.get(c, c) for c in phrase]:
            phrases[phrase] = " ".join(reading)
    # A kept phrase may take its characters from a longer phrase pypinyin reads as a whole
    # (its default readings): keep those too, until every dictionary phrase reads the same.
    while True:
        pinyin.use_table(table, phrases)
        wrong = {
            phrase: " ".join(reading)
            for phrase in PHRASES_DICT
            if phrase not in phrases
            and pinyin.syllables(phrase) != (reading := lazy_pinyin(phrase, errors="default"))
        }
        if not wrong:
            break
        phrases.update(wrong)
    return {"chars": table, "phrases": dict(sorted(phrases.items()))}


def check() -> int:
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    from db.reference import pinyin

    wrong = [p for p in PHRASES_DICT if pinyin.syllables(p) != lazy_pinyin(p, errors="default")]
    print(f"{len(PHRASES_DICT):,} phrases, {len(wrong)} read differently: {wrong[:10]}")
    return 1 if wrong else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the file with pypinyin")
    args = parser.parse_args()
    if args.check:
        return check()
    data = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    chars, phrases = data["chars"], data["phrases"]
    assert isinstance(chars, dict) and isinstance(phrases, dict)
    print(f"{OUT}: {sum(map(len, chars.values())):,} characters, {len(phrases):,} phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pinyin keys from GridDesk's own table (resources/pinyin/pinyin.json), not pypinyin's 55 MB of
dictionaries: the same readings as pypinyin, the phrases read as phrases (银行 yin hang), and
the pickers and filters still find names by initials and full pinyin (issue 16, point 5)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from db.reference import pinyin
from desktop.desk.department_picker import match_rank, pinyin_keys

REPO = Path(__file__).resolve().parent.parent


def test_phrases_read_as_phrases_not_character_by_character() -> None:
    assert pinyin.search_keys("工商银行") == ("gsyh", "gongshangyinhang")
    assert pinyin.search_keys("长安街") == ("caj", "changanjie")
    assert pinyin.search_keys("重庆路") == ("cql", "chongqinglu")
    assert pinyin.syllables("A区3号楼") == ["A", "qu", "3", "hao", "lou"]
    assert pinyin.first_letters("燃气公司") == ["r", "q", "g", "s"]
    assert pinyin.sort_key("银行") == ("yin hang", "银行")


def test_search_by_initials_and_full_pinyin_still_finds_names() -> None:
    assert pinyin.matches("yh", "工商银行网点")
    assert pinyin.matches("gongshangyinhang", "工商银行网点")
    assert not pinyin.matches("yx", "工商银行网点")  # 行 here is hang, not xing
    assert pinyin.matches("jg", "井盖缺失")
    assert not pinyin.matches("j", "井盖缺失")  # one letter never matches by pinyin
    keys = pinyin_keys("城管执法中队")
    assert keys == ("cgzfzd", "chengguanzhifazhongdui")
    assert match_rank("cgzf", "城管执法中队", keys) == 0


def test_the_table_reads_every_shipped_name_as_pypinyin_does() -> None:
    """Every Chinese name in the catalogue and the demo street, and the phrases the table
    keeps, read exactly as pypinyin's lazy_pinyin reads them."""
    pypinyin = pytest.importorskip("pypinyin")
    names: set[str] = set()
    for path in [*REPO.glob("db/demo/**/*.py"), *REPO.glob("resources/catalogue/**/*.json")]:
        names.update(re.findall(r'"([\u4e00-\u9fff][^"\n]{0,20})"', path.read_text("utf-8")))
    table = json.loads((REPO / "resources" / "pinyin" / "pinyin.json").read_text("utf-8"))
    names.update(table["phrases"])
    assert len(names) > 1000
    wrong = [
        n for n in sorted(names) if pinyin.syllables(n) != pypinyin.lazy_pinyin(n, errors="default")
    ]
    assert wrong == []


def test_pinyin_keys_do_not_load_pypinyin() -> None:
    code = (
        "import sys; from db.reference import pinyin; "
        "assert pinyin.search_keys('银行') == ('yh', 'yinhang'); "
        "print('pypinyin' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"

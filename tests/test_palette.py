"""The style sheet's meaningful colours equal the palette's, and widgets name their colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.common import palette

ROOT = Path(__file__).resolve().parent.parent
QSS = ROOT / "resources" / "style" / "desk.qss"

# (selector, property) in desk.qss → the palette name whose meaning the rule carries.
SAME_MEANING = {
    ("QWidget", "color"): palette.TEXT,
    ('QStatusBar[alert="true"]', "background"): palette.ERROR,
    ('#feedState[state="connected"]', "color"): palette.SUCCESS,
    ("#placeholderNote, #emptyState", "color"): palette.MUTED,
    ("#fieldName", "color"): palette.MUTED,
    ("#countdown", "color"): palette.SUCCESS,
    ('#countdown[state="warning"]', "color"): palette.WARNING,
    ('#countdown[state="overdue"]', "color"): palette.ERROR,
    ("#errorText", "color"): palette.ERROR,
    ("#alarmBanner", "background"): palette.ALARM_BANNER,
    ("#alarmBanner QLabel", "color"): palette.ALARM_TEXT,
    ('#queueFilters[filtered="true"]', "background"): palette.FILTER_ACTIVE,
}


def rules(text: str) -> dict[str, dict[str, str]]:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        properties = out.setdefault(" ".join(selector.split()), {})
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                properties[name.strip()] = value.strip()
    return out


@pytest.mark.parametrize(("selector", "prop"), sorted(SAME_MEANING))
def test_style_sheet_colour_equals_the_palette(selector: str, prop: str) -> None:
    found = rules(QSS.read_text(encoding="utf-8"))
    assert selector in found, f"{selector} is no longer in {QSS.name}"
    assert found[selector].get(prop, "").lower() == SAME_MEANING[(selector, prop)].lower()


def test_widgets_write_no_colour_literal() -> None:
    """Colours in desktop/ come from the palette (the charts keep their themed series colours)."""
    allowed = {ROOT / "desktop" / "common" / "palette.py"}
    allowed |= {ROOT / "desktop" / "stats" / "chart_style.py"}
    literal = re.compile(r"#[0-9a-fA-F]{6}\b")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert not found, "\n".join(found)

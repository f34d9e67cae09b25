"""How the charts look and what they draw: themes, meaningful colours, a series, number formats.

Chart colours are their own (one theme per background), not the widgets' palette.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class Theme:
    """Colours and type sizes: the page's light look or the wall display's dark one."""

    background: str = "#ffffff"
    text: str = "#2b2f36"
    muted: str = "#6b7280"
    grid_alpha: float = 0.18
    title_pt: int = 11
    label_pt: int = 9
    tick_pt: int = 9
    value_pt: int = 8
    hover_fill: str = "#fffbe6"
    hover_border: str = "#c9b458"
    tile: str = "#f6f8fb"  # background of a key-figure tile


LIGHT = Theme()
WALL = Theme(
    background="#0d1b2a",
    text="#e6edf5",
    muted="#9fb3c8",
    grid_alpha=0.25,
    title_pt=20,
    label_pt=14,
    tick_pt=14,
    value_pt=14,
    hover_fill="#1b2d44",
    hover_border="#5b8fd6",
    tile="#13263b",
)

# Meaningful colours: blue received, green closed, amber warning, red overdue.
BLUE = "#2f6fb0"
GREEN = "#2e9e5b"
AMBER = "#e0a100"
RED = "#d64545"
TEAL = "#1f8a8a"
GREY = "#8a94a6"


@dataclass(frozen=True)
class Series:
    """One set of values drawn in one colour; `key` is merged into the click-through keys."""

    name: str
    values: Sequence[float]
    color: str
    key: dict[str, Any] = field(default_factory=dict)
    colors: Sequence[str] | None = None  # one colour per bar, overriding `color`


def nice_step(top: float, ticks: int = 5, integer: bool = True) -> float:
    """A 1-2-5 tick step giving about `ticks` ticks up to `top`; at least 1 for counts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    magnitude: float = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(step, 1.0) if integer else step


def fmt_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def hours(value: float) -> str:
    return QCoreApplication.translate("StatsCharts", "{h:.1f} 小时").format(h=value)

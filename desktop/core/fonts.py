"""A CJK font on the system: without one every Chinese label of the window is a row of boxes.

The bundle ships no fonts (the .deb recommends fonts-wqy-microhei or fonts-noto-cjk; UOS and
Kylin have their own). `missing_cjk_font_message` is checked once at start-up.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

# English first: with no CJK font the Chinese half is itself unreadable.
NO_CJK_FONT = (
    "No Chinese font is installed, so GridDesk's text shows as boxes: install one "
    "(e.g. sudo apt install fonts-wqy-microhei) and start GridDesk again. "
    "未找到中文字体，界面文字将显示为方框：请安装中文字体（如 fonts-wqy-microhei）后重新启动。"
)


def cjk_font_families() -> list[str]:
    """Installed font families that can show Simplified Chinese (needs a QGuiApplication)."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def missing_cjk_font_message() -> str | None:
    """The warning to show when no font can show Chinese, else None."""
    return None if cjk_font_families() else NO_CJK_FONT

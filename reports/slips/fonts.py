"""A font that can print Chinese, found on the machine (the bundle ships none).

Order: $GRIDDESK_PDF_FONT, the fonts the Linux packages and UOS/Kylin/Windows install, then
`fc-match` (fontconfig) where it exists. A TrueType collection (.ttc) is read at its first face.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from db.errors import ValidationError

# TrueType outlines only: the PDF writer embeds a subset of glyf-based fonts.
KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/fonts-cesi/CESI_SS_GB2312.TTF",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)

NO_FONT = (
    "找不到可打印中文的字体：请安装 fonts-wqy-microhei（或设置环境变量 GRIDDESK_PDF_FONT "
    "指向一个 TrueType 中文字体文件）"
)


def _fc_match() -> Path | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{file}", ":lang=zh-cn:fontformat=TrueType"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out) if out else None
    if path is not None and path.suffix.lower() in (".ttf", ".ttc") and path.is_file():
        return path
    return None


def cjk_font_file() -> Path:
    """The font file to print Chinese with; one clear sentence when there is none."""
    chosen = os.environ.get("GRIDDESK_PDF_FONT")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise ValidationError(f"GRIDDESK_PDF_FONT 指向的字体文件不存在：{path}")
        return path
    for name in KNOWN_FONTS:
        path = Path(name)
        if path.is_file():
            return path
    found = _fc_match()
    if found is None:
        raise ValidationError(NO_FONT)
    return found

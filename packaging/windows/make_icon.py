"""Render resources/icons/app.svg into a Windows .ico (the spec's icon on Windows).

Usage: python packaging/windows/make_icon.py OUT.ico   (run by build.ps1 with the build venv)
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]


def main(out: str) -> int:
    app = QGuiApplication(["make_icon", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(out, "ICO")
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

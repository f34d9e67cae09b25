"""`griddesk --screenshot DIR` writes one full-HD PNG per page (and the case window, a dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from desktop.app import main

pytestmark = pytest.mark.slow

EXPECTED = [
    "01-desk.png",
    "02-people.png",
    *(f"02-people-{tab}.png" for tab in range(2, 9)),  # 6 rosters, staffing, pay table
    "03-reports.png",
    "04-stats.png",
    "05-settings.png",
    "06-case-window.png",
    "07-action-dialog.png",
    "08-big-screen.png",
    "09-setup-wizard.png",
    "10-call-form.png",  # 来电登记, empty
    "10-call-form-2.png",  # with proposals, a possible duplicate and a photo
    "11-print-slip.png",  # 打印单据: a slip previewed (PDFium in the bundle too)
    # A department's window: a 部门经办's inbox and a 部门负责人's (with its figures).
    "20-inbox-chenjie.png",
    "21-inbox-zhaomin.png",
]
# The 反馈 dialog over the inbox, when the demo street gave that department an accepted case.
OPTIONAL = {"20-inbox-feedback.png"}


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshot_writes_every_page(tmp_path: Path, app_state: None) -> None:
    out = tmp_path / "shots"
    assert main(["--screenshot", str(out)]) == 0
    written = {p.name for p in out.glob("*.png")}
    assert written - OPTIONAL == set(EXPECTED)
    for name in sorted(written):
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1920, 1080), name
        assert distinct_colours(image) > 8, f"{name} looks blank"
    # The translators main() installed are gone again.
    assert QCoreApplication.translate("MainWindow", "调度台") == "调度台"

"""The warning shown at start-up when no font can show Chinese (issue 15)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core import fonts


def test_this_machine_has_a_cjk_font(qapp: QApplication) -> None:
    assert fonts.cjk_font_families()
    assert fonts.missing_cjk_font_message() is None


def test_without_a_cjk_font_one_sentence_readable_without_it(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "cjk_font_families", list)
    message = fonts.missing_cjk_font_message()
    assert message is not None
    assert message.isascii() is False and message.split(".")[0].isascii()
    assert "fonts-wqy-microhei" in message

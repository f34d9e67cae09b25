"""The alarm sound (提示音): a short two-tone chime bundled in resources/sounds, on by default,
switched per workstation (QSettings) in 设置.

PySide6-Essentials has no QtMultimedia (QSoundEffect), so the chime is handed to what the
system has: `winsound` on Windows, `afplay` on macOS, `pw-play`/`paplay`/`aplay` on Linux (started
detached, never waited for); without any of them the application beep (`QApplication.beep`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings
from PySide6.QtWidgets import QApplication

from db.paths import resources_dir

ALARM_SOUND_SETTING = "desk/alarm_sound"
SOUND_FILE: Path = resources_dir() / "sounds" / "alarm.wav"
_LINUX_PLAYERS = ("pw-play", "paplay", "aplay")


def sound_enabled() -> bool:
    """Whether this workstation plays the alarm sound (on unless switched off in 设置)."""
    return bool(QSettings().value(ALARM_SOUND_SETTING, True, type=bool))


def set_sound_enabled(on: bool) -> None:
    QSettings().setValue(ALARM_SOUND_SETTING, on)


def play_alarm_sound(path: Path = SOUND_FILE) -> str:
    """Play the chime without waiting; returns what played it ("beep" as the last resort)."""
    if path.is_file():
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return "winsound"
        players = ("afplay",) if sys.platform == "darwin" else _LINUX_PLAYERS
        for name in players:
            program = shutil.which(name)
            if program is not None:
                args = ["-q", str(path)] if name == "aplay" else [str(path)]
                started, _pid = QProcess.startDetached(program, args)
                if started:
                    return name
    QApplication.beep()
    return "beep"

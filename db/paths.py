"""Where GridDesk keeps its files when no URL is given (mirrors Qt's AppLocalDataLocation)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "GridDesk"
APPLICATION = "griddesk"


def data_dir() -> Path:
    """The per-user data folder: ~/.local/share/GridDesk/griddesk on Linux."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def default_database_path() -> Path:
    return data_dir() / "griddesk.sqlite"


def backup_dir() -> Path:
    return data_dir() / "backups"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"

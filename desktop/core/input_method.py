"""Typing Chinese: which Qt input-method plugin GridDesk asks for.

PySide6's wheels (and so the bundle) carry only the `ibus` and `compose` input-context plugins.
On UOS, Kylin and many Debian/Ubuntu desktops the input method is fcitx (fcitx5), which sets
`QT_IM_MODULE=fcitx` and `XMODIFIERS=@im=fcitx`; Qt then finds no `fcitx` plugin, falls back to
`compose`, and nobody can type Chinese into the window. fcitx5 also speaks the IBus protocol (its
"IBus frontend" addon, on by default), so GridDesk asks for `ibus` instead when the requested
plugin is missing. fcitx 4 has no IBus frontend: there only a system Qt 6 fcitx plugin built for
this exact Qt version would help (see the README).

`choose_input_method` decides from the environment and the plugins present; `apply_input_method`
sets it for GridDesk's own process before the QApplication exists (programs GridDesk starts get
the user's value back, see `child_process`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

from desktop.core.child_process import set_for_this_process

_SUFFIX = "platforminputcontextplugin"


def available_input_methods(plugin_dirs: Iterable[Path] | None = None) -> set[str]:
    """Keys of the input-context plugins Qt can load (`ibus`, `compose`, `fcitx5`, …)."""
    if plugin_dirs is None:
        dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
        dirs += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    else:
        dirs = list(plugin_dirs)
    keys: set[str] = set()
    for folder in dirs:
        contexts = folder / "platforminputcontexts"
        if not contexts.is_dir():
            continue
        for plugin in contexts.iterdir():
            name = plugin.name.split(".")[0].removeprefix("lib")
            if _SUFFIX in name:
                key = name.split(_SUFFIX)[0]
                keys.add(key)
                if key == "fcitx5":  # fcitx5's Qt plugin answers to both names
                    keys.add("fcitx")
    return keys


def choose_input_method(environ: Mapping[str, str], available: set[str]) -> str | None:
    """The QT_IM_MODULE GridDesk should use, or None to leave Qt's choice alone."""
    listed = environ.get("QT_IM_MODULES", "")
    requested = [m.strip() for m in listed.split(";") if m.strip()] if listed else []
    if not requested and environ.get("QT_IM_MODULE"):
        requested = [environ["QT_IM_MODULE"].strip()]
    if "ibus" not in available:
        return None
    if requested:
        if requested[0] in available or requested[0] == "none":
            return None
        # fcitx5 through its IBus frontend; anything else unknown is left as the user set it.
        return "ibus" if any(m.startswith("fcitx") for m in requested) else None
    # Nothing requested: Qt 6 would use `compose` (no Chinese). An input method announced for
    # X clients (fcitx, fcitx5, ibus) is reachable over the IBus protocol.
    modifiers = environ.get("XMODIFIERS", "")
    if "@im=fcitx" in modifiers or "@im=ibus" in modifiers:
        return "ibus"
    return None


def apply_input_method() -> str | None:
    """Set QT_IM_MODULE for this process when needed (before QApplication); returns it."""
    chosen = choose_input_method(os.environ, available_input_methods())
    if chosen is not None:
        set_for_this_process("QT_IM_MODULE", chosen)
        if "QT_IM_MODULES" in os.environ:
            set_for_this_process("QT_IM_MODULES", chosen)
    return chosen

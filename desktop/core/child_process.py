"""Starting other programs from the window (the file manager) with the user's own environment.

The installed bundle (packaging/griddesk.spec) runs with an environment changed for its own
sake: PyInstaller's launcher puts the bundle's libraries first in `LD_LIBRARY_PATH` (keeping the
user's value in `LD_LIBRARY_PATH_ORIG`), its Qt hook points `QT_PLUGIN_PATH` and
`QML2_IMPORT_PATH` at the bundle's Qt 6, and GridDesk itself may choose `QT_IM_MODULE` (see
`input_method`). `xdg-open` and the file manager it starts (a Qt 5 or GTK program of the system)
must not inherit any of that: they would load the bundle's libraries and plugins and fail or
crash. Every program the window starts goes through `open_local_folder` (or is given
`child_environment()`), which hands over the environment the user started GridDesk with.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, QUrl
from PySide6.QtGui import QDesktopServices

# Library search paths PyInstaller's launcher prefixes with the bundle, saving the old value in
# NAME_ORIG (absent when the variable was not set).
_LAUNCHER_PATHS = ("LD_LIBRARY_PATH", "LIBPATH", "DYLD_LIBRARY_PATH")
# Set by the bundle's Qt hook to folders inside the bundle.
_BUNDLE_PATHS = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "PATH")

# Variables GridDesk set for its own process, with the user's values (None: was not set).
_replaced: dict[str, str | None] = {}


def set_for_this_process(name: str, value: str) -> None:
    """Set an environment variable for GridDesk only; children get the user's value back."""
    _replaced.setdefault(name, os.environ.get(name))
    os.environ[name] = value


def bundle_dir() -> str | None:
    """The bundle's library folder when running from the PyInstaller bundle, else None."""
    folder = getattr(sys, "_MEIPASS", None)
    return str(folder) if folder else None


def _without_bundle(value: str, bundle: str) -> str:
    root = os.path.normpath(bundle)
    kept = [
        p
        for p in value.split(os.pathsep)
        if p and os.path.normpath(p) != root and not os.path.normpath(p).startswith(root + os.sep)
    ]
    return os.pathsep.join(kept)


def child_environment(
    environ: Mapping[str, str] | None = None,
    bundle: str | None = None,
    replaced: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """The environment for a program GridDesk starts: the user's, without the bundle's changes.

    `environ`, `bundle` and `replaced` default to this process's environment, `bundle_dir()`
    and the variables set through `set_for_this_process`."""
    env = dict(os.environ if environ is None else environ)
    bundle = bundle_dir() if bundle is None else bundle
    for name, original in (_replaced if replaced is None else replaced).items():
        if original is None:
            env.pop(name, None)
        else:
            env[name] = original
    for name in _LAUNCHER_PATHS:
        saved = env.pop(f"{name}_ORIG", None)
        if saved is not None:
            env[name] = saved
        elif bundle and name in env:
            rest = _without_bundle(env[name], bundle)
            if rest:
                env[name] = rest
            else:
                del env[name]
    if bundle:
        for name in _BUNDLE_PATHS:
            if name in env:
                rest = _without_bundle(env[name], bundle)
                if rest:
                    env[name] = rest
                elif name != "PATH":
                    del env[name]
    return env


def _process_environment(env: Mapping[str, str]) -> QProcessEnvironment:
    result = QProcessEnvironment()
    for name, value in env.items():
        result.insert(name, value)
    return result


def open_local_folder(folder: Path) -> bool:
    """Show `folder` in the desktop's file manager; False if nothing could be started.

    On Linux and other X11/Wayland desktops `xdg-open` is started, detached, with
    `child_environment()`; elsewhere (Windows, macOS) the desktop's own call opens it."""
    url = QUrl.fromLocalFile(str(folder))
    if sys.platform in ("win32", "darwin"):
        return QDesktopServices.openUrl(url)
    env = child_environment()
    opener = shutil.which("xdg-open", path=env.get("PATH"))
    if opener is None:
        return QDesktopServices.openUrl(url)
    process = QProcess()
    process.setProgram(opener)
    process.setArguments([bytes(url.toEncoded().data()).decode("ascii")])  # as Qt passes it
    process.setProcessEnvironment(_process_environment(env))
    process.setStandardInputFile(QProcess.nullDevice())
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setStandardErrorFile(QProcess.nullDevice())
    # PySide6's stub says (bool, pid); 6.11 returns the bool alone.
    result: object = process.startDetached()
    return bool(result[0] if isinstance(result, tuple) else result)

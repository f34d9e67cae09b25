"""Programs the window starts get the user's environment, not the bundle's (issue 15)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import child_process
from desktop.core.child_process import child_environment, open_local_folder
from desktop.core.input_method import available_input_methods, choose_input_method

BUNDLE = "/opt/griddesk/_internal"


def test_child_environment_undoes_the_bundles_changes() -> None:
    launched = {
        "LD_LIBRARY_PATH": f"{BUNDLE}:/usr/local/lib",
        "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
        "QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins",
        "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml:/home/u/qml",
        "QT_IM_MODULE": "ibus",
        "PATH": "/usr/bin:/bin",
        "HOME": "/home/u",
    }
    env = child_environment(launched, BUNDLE, {"QT_IM_MODULE": "fcitx"})
    assert env == {
        "LD_LIBRARY_PATH": "/usr/local/lib",
        "QML2_IMPORT_PATH": "/home/u/qml",
        "QT_IM_MODULE": "fcitx",
        "PATH": "/usr/bin:/bin",
        "HOME": "/home/u",
    }
    # Not set before the launcher: no LD_LIBRARY_PATH at all, and an IM GridDesk chose is dropped.
    alone = child_environment(
        {"LD_LIBRARY_PATH": BUNDLE, "QT_IM_MODULE": "ibus"}, BUNDLE, {"QT_IM_MODULE": None}
    )
    assert alone == {}
    # Outside the bundle (a virtualenv) nothing changes.
    plain = {"LD_LIBRARY_PATH": "/usr/local/lib", "QT_PLUGIN_PATH": "/usr/lib/qt6/plugins"}
    assert child_environment(plain, "", {}) == plain


def test_the_file_manager_is_started_with_the_users_library_path(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in xdg-open records what it was given, started as the window starts it."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("xdg-open is the opener on Linux desktops only")
    record = tmp_path / "xdg-open.txt"
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text(
        f'#!/bin/sh\nprintf "%s|%s|%s\\n" "$1" "${{LD_LIBRARY_PATH-unset}}" '
        f'"${{QT_PLUGIN_PATH-unset}}" > "{record}.tmp" && mv "{record}.tmp" "{record}"\n',
        encoding="utf-8",
    )
    opener.chmod(opener.stat().st_mode | stat.S_IXUSR)
    bundle = tmp_path / "bundle"
    monkeypatch.setattr(child_process, "bundle_dir", lambda: str(bundle))
    monkeypatch.setenv("PATH", f"{opener.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{bundle}:/usr/local/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", f"{bundle}/PySide6/Qt/plugins")
    folder = tmp_path / "备份 文件夹"
    folder.mkdir()

    assert open_local_folder(folder)
    qtbot.waitUntil(record.exists, timeout=10_000)
    url, library_path, plugin_path = record.read_text(encoding="utf-8").strip().split("|")
    assert url == folder.as_uri()
    assert library_path == "/usr/local/lib"
    assert plugin_path == "unset"


@pytest.mark.parametrize(
    ("environ", "chosen"),
    [
        ({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, "ibus"),  # UOS, Kylin, fcitx5
        ({"QT_IM_MODULES": "fcitx5;compose"}, "ibus"),  # compose types no Chinese
        ({"QT_IM_MODULES": "compose;fcitx"}, None),
        ({"XMODIFIERS": "@im=fcitx"}, "ibus"),  # Qt 6 alone would use compose
        ({"QT_IM_MODULE": "ibus"}, None),
        ({"QT_IM_MODULE": "uim"}, None),  # not ours to second-guess
        ({}, None),
    ],
)
def test_input_method_fallback(environ: dict[str, str], chosen: str | None) -> None:
    assert choose_input_method(environ, {"ibus", "compose"}) == chosen
    # A system fcitx5 plugin for this Qt is used as it is.
    fcitx_first = {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}
    assert choose_input_method(environ | fcitx_first, {"fcitx", "fcitx5", "ibus"}) is None


def test_the_wheels_input_context_plugins_are_found() -> None:
    assert {"ibus", "compose"} <= available_input_methods()


@pytest.mark.parametrize("requested", ["ibus", "fcitx"])
def test_the_platform_input_context_plugin_is_loaded(requested: str) -> None:
    """In a fresh process, as GridDesk starts: QT_IM_MODULE=fcitx (no such plugin) ends with
    Qt's ibus plugin loaded, which fcitx5 answers through its IBus frontend."""
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/maps")
    script = textwrap.dedent(
        """
        from desktop.core.input_method import apply_input_method
        apply_input_method()
        from PySide6.QtWidgets import QApplication, QLineEdit
        app = QApplication([])
        edit = QLineEdit()
        edit.show()
        edit.setFocus()
        app.processEvents()
        with open("/proc/self/maps", encoding="utf-8") as maps:
            print("libibusplatforminputcontextplugin" in maps.read())
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_IM", "XMODIFIERS"))}
    env |= {"QT_IM_MODULE": requested, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent.parent), *sys.path])
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"

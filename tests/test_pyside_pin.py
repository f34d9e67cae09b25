"""Guard against PySide6 6.12.0: on Python 3.11 it drops a reference to None on every call of
a method that returns nothing, until the interpreter dies with "Fatal Python error:
none_dealloc". The pin in pyproject.toml keeps 6.11.3; these tests fail if an upgrade brings
the bug back."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

BAD_VERSION = "6.12.0"
CALLS = 10_000


def test_installed_pyside6_is_not_the_broken_release() -> None:
    assert PySide6.__version__ != BAD_VERSION, (
        f"PySide6 {BAD_VERSION} leaks references to None on Python 3.11; keep 6.11.3"
    )


def test_pyproject_pins_a_good_release() -> None:
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("PySide6")]
    assert pins == ["PySide6-Essentials==6.11.3"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    timer = QTimer()
    stop = timer.stop
    for _ in range(100):  # warm up caches that may hold a None or two
        stop()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        stop()
    after = sys.getrefcount(None)
    # A broken build loses one reference per call (10,000); allow a little noise.
    assert before - after < 50, f"refcount of None fell by {before - after} over {CALLS} calls"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_the_probe_notices_lost_references() -> None:
    """The measurement above is sensitive: 200 lost references to None show up."""
    import ctypes

    lost = 200
    before = sys.getrefcount(None)
    for _ in range(lost):
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
    after = sys.getrefcount(None)
    for _ in range(lost):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    assert before - after >= lost - 50
    assert abs(sys.getrefcount(None) - before) < 50

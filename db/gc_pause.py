"""Python's cyclic garbage collector paused around a short burst of allocation.

A roll-up catch-up after 1,000 changes builds some 100,000 short-lived rows, sets and tuples;
each 700 allocations start a collection, and the older generations' collections walk every
object of the process (in the window: the widgets' wrappers, the caches). Measured on the
1,000,000-case street: 67–112 ms with the collector running, 54–59 ms with it paused. These
objects hold no reference cycles, so reference counting frees them all the same; the collector
runs again as soon as the last burst ends.

Process-wide (the collector is): a pause from one thread while another is in its own pause
ends with the last of them, and a collector disabled by someone else stays disabled — as in
the window, which collects on a GUI-thread timer instead (desktop/core/gui_gc.py): there a
catch-up already runs with no automatic collection, and `griddesk-admin` now does the same.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()

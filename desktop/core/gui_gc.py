"""Python's cycle collector runs on the GUI thread only (Qt objects must die on their own thread).

Left automatic, the collector runs in whichever thread happens to allocate: a database job or
the change feed's listener can then free a cycle that holds a widget, and deleting a QObject
off its thread makes Qt warn ("Timers cannot be started from another thread") or crash.
pyqtgraph's GarbageCollector turns automatic collection off and collects on a GUI-thread timer,
with the interpreter's own thresholds.
"""

from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def collect_on_gui_thread(interval_s: float = 1.0) -> None:
    """Start collecting on the GUI thread (call once the QApplication exists)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=interval_s)


def collect_automatically() -> None:
    """Give collection back to the interpreter (tests, after the last widget is gone)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector = None
    gc.enable()

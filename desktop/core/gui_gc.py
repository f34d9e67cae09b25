"""Python's cycle collector runs on the GUI thread only (Qt objects must die on their own thread).

Left automatic, the collector runs in whichever thread happens to allocate: a database job or
the change feed's listener can then free a cycle that holds a widget, and deleting a QObject
off its thread makes Qt warn ("Timers cannot be started from another thread") or crash.
`GuiGarbageCollector` turns automatic collection off and collects on a GUI-thread timer, with
the interpreter's own thresholds (pyqtgraph's GarbageCollector does the same; written here so
the window's start does not import pyqtgraph, which only the statistics page needs).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer


class GuiGarbageCollector:
    """Automatic collection off; a timer on the GUI thread collects each generation whose
    count passed the interpreter's threshold."""

    def __init__(self, interval_s: float = 1.0) -> None:
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(int(interval_s * 1000))

    def check(self) -> None:
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    gc.collect(2)


_collector: GuiGarbageCollector | None = None


def collect_on_gui_thread(interval_s: float = 1.0) -> None:
    """Start collecting on the GUI thread (call once the QApplication exists)."""
    global _collector
    if _collector is None:
        _collector = GuiGarbageCollector(interval_s)


def collect_automatically() -> None:
    """Give collection back to the interpreter (tests, after the last widget is gone)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector = None
    gc.enable()

"""The main window's modules imported in a background thread while the sign-in dialog waits
for the user, so that neither the dialog nor the window after the sign-in waits for them.

Importing is safe off the GUI thread: these modules create no widgets or other QObjects at
import time (their module-level Qt values are colours, brushes, sizes and points). The main
thread's own `import` of a module the thread is still importing waits for it (Python's
per-module import lock), so a quick sign-in only waits for what is left; an import that fails
here is left to fail again, with its traceback, where the window imports it.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

log = logging.getLogger(__name__)

# What the window's start imports after the sign-in (desktop.app.run_window); the shift
# session imports the main window and, through it, the desk and the case pane.
WINDOW_MODULES = ("desktop.shell.handover", "db.security.audit_anchor", "desktop.setup.first_start")


class Preload:
    """Import `modules` in a daemon thread once `start` is called; `wait` joins it."""

    def __init__(self, modules: tuple[str, ...] = WINDOW_MODULES) -> None:
        self.modules = modules
        self.seconds: float | None = None
        self._thread = threading.Thread(target=self._run, name="griddesk-preload", daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive() and self.seconds is None:
            self._thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception:  # the window's own import raises it again, with the traceback
                log.warning("preloading %s failed", name, exc_info=True)
        self.seconds = time.perf_counter() - started

    def wait(self) -> float:
        """Wait until the imports are done; how long they took (0 when never started)."""
        if self._thread.is_alive():
            self._thread.join()
        return self.seconds or 0.0

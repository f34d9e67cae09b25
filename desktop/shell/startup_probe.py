"""`griddesk --startup-probe`: a start timed the way a user meets it.

It follows the window's own start (`desktop.app.run_window`): open the database, show the
sign-in dialog (`sign_in_dialog`: the same dialog and the same reads) and print "sign-in dialog
shown", so a caller that started the process times process start → sign-in. The window's
modules are then imported in the background as while a user types a name and a password
(`desktop.shell.preload`); the probe prints how long that took and signs in once they are in.
It opens the main window, waits until the desk's queue has its first rows and prints how long
that took since the sign-in. Timed from outside (`time griddesk --startup-probe …`) it gives
process start → first filled queue, bundle or virtualenv.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from db.database import open_database
from db.demo.accounts import DEMO_VIEWER
from desktop.shell.preload import Preload
from desktop.shell.sign_in import sign_in_dialog


def run_startup_probe(db_url: str | None, lang: str) -> int:
    """Time the start (see the module); 0 when the queue showed rows."""
    db = open_database(db_url)
    try:
        dialog = sign_in_dialog(db)
        dialog.show()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        print("sign-in dialog shown", flush=True)
        preload = Preload()
        preload.start()
        print(f"window modules preloaded: {preload.wait():.3f} s", flush=True)
        dialog.close()
        started = time.perf_counter()
        # imported after the sign-in, as run_window does
        from desktop.core.context import AppContext
        from desktop.shell.main_window import MainWindow

        ctx = AppContext.create(db, DEMO_VIEWER, lang=lang)
        try:
            window = MainWindow(ctx)
            window.show()
            model = window.desk_page.model

            def filled() -> bool:  # rows counted and the first one's cells in
                return model.rowCount() > 0 and bool(model.index(0, 1).data())

            deadline = time.perf_counter() + 120
            while not filled() and time.perf_counter() < deadline:
                if ctx.tasks.is_idle():  # nothing in flight: the queue is empty
                    QApplication.processEvents()
                    if ctx.tasks.is_idle() and not filled():
                        break
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            rows = model.rowCount() if filled() else 0
            print(f"first filled queue: {rows} rows after {time.perf_counter() - started:.3f} s")
            window.close()
        finally:
            ctx.close()
    finally:
        db.dispose()
    return 0 if rows > 0 else 1

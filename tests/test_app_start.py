"""Starting the program: a database it cannot use, and the demo street built on first start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from db.engine import Database
from desktop.app import main


def test_unusable_database_exits_2_with_one_message(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("desktop.app.show_error", lambda title, text: shown.append((title, text)))
    assert main(["--db", "mysql://nowhere/griddesk"]) == 2
    assert len(shown) == 1
    assert shown[0][0] == "无法打开数据库"
    assert "不支持的数据库类型" in shown[0][1]


def test_another_programs_or_a_corrupt_file_exits_2_with_one_message_untouched(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite file matter: the window opens the database as the CLI does."""
    import sqlite3
    from contextlib import closing

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("desktop.app.show_error", lambda title, text: shown.append((title, text)))
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    for path, message in ((other, "不是 GridDesk 数据库"), (junk, "不是 SQLite 数据库文件")):
        before = path.read_bytes()
        shown.clear()
        assert main(["--db", str(path)]) == 2
        assert len(shown) == 1 and shown[0][0] == "无法打开数据库"
        assert message in shown[0][1] and "\n" not in shown[0][1]
        assert path.read_bytes() == before


def test_demo_street_is_built_with_a_progress_dialog(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import db.demo.street as demo
    from db.database import open_database
    from desktop.shell.startup import build_demo_with_progress, has_street

    db = open_database(str(tmp_path / "demo.sqlite"))
    try:
        assert not has_street(db)
        calls: list[tuple[int, dict[str, object]]] = []
        original = demo.build_demo

        def spy(database: object, **kw: object) -> object:
            calls.append((threading.get_ident(), kw))
            return original(database, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(demo, "build_demo", spy)
        assert build_demo_with_progress(db, cases=40) is None
        assert has_street(db)
        assert len(calls) == 1
        thread, kw = calls[0]
        assert thread != threading.get_ident()  # built off the GUI thread
        assert kw["cases"] == 40 and callable(kw["progress"])
    finally:
        db.dispose()


def test_startup_probe_exits_once_the_queue_has_rows(
    cases: Database, app_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`griddesk --startup-probe` (the bundle's and the virtualenv's start-up timing) opens the
    window on the database, waits for the queue's first rows and says how many it showed."""
    url = cases.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "--startup-probe"]) == 0
    out = capsys.readouterr().out
    assert "first filled queue:" in out and " 0 rows" not in out


_SIGN_IN_PROBE = """
import faulthandler
faulthandler.dump_traceback_later(90, exit=True)  # a hang fails with its stacks
import json, sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.shell.sign_in as sign_in_module
from desktop.app import main

WINDOW = "desktop.shell.main_window"
seen = {}
build = sign_in_module.sign_in_dialog

def dialog_first(*args, **kwargs):
    seen["window_before_dialog"] = WINDOW in sys.modules
    return build(*args, **kwargs)

sign_in_module.sign_in_dialog = dialog_first

def preloading():
    return any(t.name == "griddesk-preload" for t in threading.enumerate())

def when_loaded():
    dialog = QApplication.activeModalWidget()
    if dialog is None or preloading() or WINDOW not in sys.modules:
        QTimer.singleShot(20, when_loaded)
        return
    seen["dialog"] = type(dialog).__name__
    seen["window_while_dialog_waits"] = WINDOW in sys.modules
    dialog.reject()  # the user closes the dialog

def sign_in_at_once():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(10, sign_in_at_once)
        return
    seen["preloading_at_sign_in"] = preloading()  # the window's imports wait for the thread
    dialog.user_edit.setText("admin")
    dialog.password_edit.setText(sys.argv[3])
    dialog.buttons.accepted.emit()
    QTimer.singleShot(20, close_the_window)

def close_the_window():
    from desktop.shell.main_window import MainWindow

    modal = QApplication.activeModalWidget()
    if modal is not None and type(modal).__name__ != "SignInDialog":
        modal.reject()  # the first start's offer to set up the street: not now
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not shown:
        QTimer.singleShot(20, close_the_window)
        return
    seen["window"] = shown[0].windowTitle() != ""
    shown[0].close()

QTimer.singleShot(0, when_loaded if sys.argv[2] == "cancel" else sign_in_at_once)
seen["exit"] = main(["--db", sys.argv[1]])
print(json.dumps(seen))
"""


def test_the_sign_in_dialog_does_not_wait_for_the_window_which_is_loaded_meanwhile(
    cases: Database, tmp_path: Path
) -> None:
    """In a fresh process: the sign-in dialog is built before the main window's modules are
    imported (the dialog shows sooner), and they are imported while it waits for the user (the
    window after the sign-in does not wait for them); closing the dialog exits 0, and signing
    in at once opens the window."""
    import json
    import os
    import subprocess
    import sys

    if not cases.is_sqlite:
        pytest.skip("the imports do not depend on the database; one run is enough")
    repo = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(repo),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    from db.security.accounts import add_user

    password = "Passw0rd-long-enough"
    with cases.write() as s:
        add_user(s, "admin", "admin", password, "管理员甲")
    url = cases.engine.url.render_as_string(hide_password=False)

    def run(mode: str) -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, "-c", _SIGN_IN_PROBE, url, mode, password],
            capture_output=True,
            text=True,
            env={**env, "XDG_CONFIG_HOME": str(tmp_path / mode)},
            cwd=repo,
            timeout=120,
            check=False,
        )
        assert out.returncode == 0, out.stderr[-4000:]
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    assert run("cancel") == {
        "window_before_dialog": False,
        "dialog": "SignInDialog",
        "window_while_dialog_waits": True,
        "exit": 0,
    }
    # Signing in at once, while the thread may still be importing: the window opens (its
    # imports wait for the thread's) and closing it ends the program.
    signed = run("sign-in")
    assert signed["window_before_dialog"] is False
    assert signed["window"] is True and signed["exit"] == 0

"""`griddesk --screenshot DIR` writes one full-HD PNG per page (and the case window, a dialog)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.app import main

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.slow,
]

EXPECTED = [
    "01-desk.png",
    "02-people.png",
    *(f"02-people-{tab}.png" for tab in range(2, 9)),  # 6 rosters, staffing, pay table
    "03-reports.png",
    "04-stats.png",
    "05-settings.png",
    "06-case-window.png",
    "07-action-dialog.png",
    "08-big-screen.png",
]


@pytest.fixture
def app_state(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """main() names the application and styles it; put everything back afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = (
        app.organizationName(),
        app.applicationName(),
        app.styleSheet(),
        QSettings.defaultFormat(),
    )
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    yield
    app.setOrganizationName(saved[0])
    app.setApplicationName(saved[1])
    app.setStyleSheet(saved[2])
    QSettings.setDefaultFormat(saved[3])


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshot_writes_every_page(tmp_path: Path, app_state: None) -> None:
    out = tmp_path / "shots"
    assert main(["--screenshot", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.png")) == sorted(EXPECTED)
    for name in EXPECTED:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1920, 1080), name
        assert distinct_colours(image) > 8, f"{name} looks blank"
    # The translators main() installed are gone again.
    assert QCoreApplication.translate("MainWindow", "调度台") == "调度台"


def test_unusable_database_exits_2_with_one_message(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("desktop.app.show_error", lambda title, text: shown.append((title, text)))
    assert main(["--db", "mysql://nowhere/griddesk"]) == 2
    assert len(shown) == 1
    assert shown[0][0] == "无法打开数据库"
    assert "不支持的数据库类型" in shown[0][1]


def test_closing_the_sign_in_ends_the_program(
    tmp_path: Path, app_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []

    def no_one(db: object, parent: object = None, username: str = "") -> None:
        asked.append(db)

    monkeypatch.setattr("desktop.shell.sign_in.sign_in", no_one)
    assert main(["--db", str(tmp_path / "desk.sqlite")]) == 0
    assert len(asked) == 1
    assert (tmp_path / "desk.sqlite").exists()  # opened and migrated before signing in


def test_demo_street_is_built_with_a_progress_dialog(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import db.demo.street as demo
    from db.database import open_database
    from desktop.app import build_demo_with_progress, demo_kwargs, has_street

    db = open_database(str(tmp_path / "demo.sqlite"))
    try:
        assert not has_street(db)
        kwargs = demo_kwargs(40)
        assert kwargs == {"cases": 40}
        calls: list[tuple[int, dict[str, object]]] = []
        original = demo.build_demo

        def spy(database: object, **kw: object) -> object:
            calls.append((threading.get_ident(), kw))
            return original(database, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(demo, "build_demo", spy)
        assert build_demo_with_progress(db, **kwargs) is None
        assert has_street(db)
        assert len(calls) == 1
        thread, kw = calls[0]
        assert thread != threading.get_ident()  # built off the GUI thread
        assert kw["cases"] == 40 and callable(kw["progress"])
    finally:
        db.dispose()

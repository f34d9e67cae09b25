"""Translations: .qm files compiled from the current .ts, every desktop string translated to English."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.security.actors import Actor, Role
from desktop.core.i18n import (
    action_text,
    i18n_dir,
    install_translators,
    status_text,
)

BIN = Path(sys.executable).parent
LUPDATE = BIN / "pyside6-lupdate"
LRELEASE = BIN / "pyside6-lrelease"
ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh_CN")
FIX = "run `make translations`, translate in resources/i18n/griddesk_en.ts, run it again"


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, first location, translation type) of every message in a .ts file."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            location = message.find("location")
            where = ""
            if location is not None:
                where = f"{location.get('filename', '')}:{location.get('line', '')}"
            translation = message.find("translation")
            kind = None if translation is None else translation.get("type")
            if translation is not None and not (translation.text or "") and kind is None:
                kind = "empty"
            out.append((name, message.findtext("source") or "", where, kind))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_qm_exists_and_is_compiled_from_the_current_ts(lang: str, tmp_path: Path) -> None:
    ts = i18n_dir() / f"griddesk_{lang}.ts"
    qm = i18n_dir() / f"griddesk_{lang}.qm"
    assert ts.exists(), f"{ts} missing: {FIX}"
    assert qm.exists(), f"{qm} missing: {FIX}"
    fresh = tmp_path / qm.name
    subprocess.run(
        [str(LRELEASE), "-nounfinished", str(ts), "-qm", str(fresh)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is older than {ts.name}: {FIX}"


def test_english_has_no_unfinished_translation_in_desktop() -> None:
    untranslated = [
        f"  [{context}] {source!r}  ({where})"
        for context, source, where, kind in messages(i18n_dir() / "griddesk_en.ts")
        if kind in ("unfinished", "empty") and "desktop/" in where
    ]
    assert not untranslated, (
        f"{len(untranslated)} string(s) in desktop/ have no English translation ({FIX}):\n"
        + "\n".join(untranslated)
    )


def test_every_string_in_desktop_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate over today's sources finds nothing that the committed .ts lacks."""
    committed = i18n_dir() / "griddesk_en.ts"
    scratch = tmp_path / "resources" / "i18n" / "griddesk_en.ts"
    scratch.parent.mkdir(parents=True)
    shutil.copyfile(committed, scratch)
    shutil.copytree(
        ROOT / "desktop", tmp_path / "desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [str(LUPDATE), "-extensions", "py", "desktop", "-ts", str(scratch)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    known = {(c, s) for c, s, _w, kind in messages(committed)}
    missing = [
        f"  [{c}] {s!r}  ({w})"
        for c, s, w, kind in messages(scratch)
        if (c, s) not in known and kind != "vanished"
    ]
    assert not missing, (
        f"{len(missing)} string(s) in desktop/ are not in griddesk_en.ts yet ({FIX}):\n"
        + "\n".join(missing)
    )


def test_english_translation_reaches_the_window(
    qtbot: QtBot, street: Database, english: None
) -> None:
    from desktop.core.context import AppContext
    from desktop.shell.main_window import MainWindow

    assert action_text("dispatch") == "Dispatch"
    assert status_text("accepted") == "In progress"
    ctx = AppContext.create(street, Actor("li", "李明", Role.DISPATCHER), start_feed=False)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert [b.text() for b in window.rail.buttons][:2] == ["Desk", "People"]
        assert window.user_label.text() == "Dispatcher 李明"
        assert window.db_label.text().startswith("Database: ")
        assert window.windowTitle().startswith("GridDesk — ")
    finally:
        ctx.close()


def test_chinese_is_the_default_with_qt_own_translation() -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh_CN")
    try:
        # Qt's own qtbase_zh_CN.qm: standard buttons of dialogs say 取消.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert action_text("dispatch") == "派遣"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_every_roster_label_reaches_the_translation_files() -> None:
    from db.people.roster_kinds import FIELDS, KIND_LABELS
    from db.people.rosters import COLUMNS
    from desktop.people.roster_labels import ROSTER_FIELDS, ROSTER_KINDS

    used = {label for kind in COLUMNS for _, label in COLUMNS[kind]}
    used |= {spec.label for kind in FIELDS for spec in FIELDS[kind]}
    assert used <= set(ROSTER_FIELDS)
    assert set(KIND_LABELS.values()) <= set(ROSTER_KINDS)

"""The `griddesk` GUI entry point: arguments, Qt application set-up, database, main window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QStandardPaths,
    QTimer,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from db.errors import UserError
from db.paths import APPLICATION, ORGANIZATION, resources_dir
from desktop.common.db_messages import db_message_text
from desktop.common.error_text import error_text
from desktop.core.fonts import missing_cjk_font_message
from desktop.core.gui_gc import collect_on_gui_thread
from desktop.core.i18n import LANGUAGES, install_translators, normalise_language
from desktop.core.input_method import apply_input_method
from desktop.shell.startup import build_demo_with_progress, demo_refusal, has_street

log = logging.getLogger("griddesk")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="griddesk", description="GridDesk 网格指挥调度台")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL or SQLite file (default: $GRIDDESK_DB, then the user's data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="build the demo street if the database has none"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="interface language (default: the saved choice, else zh_CN)",
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", type=Path, help="write a PNG of every page to DIR and exit"
    )
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="open the window on --db without signing in, exit once the queue has rows (timing)",
    )
    return parser.parse_args(argv)


def configure_application(app: QApplication) -> None:
    """Names for QSettings/QStandardPaths (the same folders db.paths uses) and INI settings."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("GridDesk")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def log_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


def setup_logging() -> logging.Handler | None:
    """A rotating log file in the user's log folder (5 × 1 MB); returns its handler."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "griddesk.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return handler


def apply_style(app: QApplication) -> None:
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    qss = resources_dir() / "style" / "desk.qss"
    if qss.exists():
        icons = (resources_dir() / "icons").as_posix()
        app.setStyleSheet(qss.read_text(encoding="utf-8").replace("@ICONS@", icons))
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))


def warn_without_cjk_font(show: bool) -> None:
    """No font can show Chinese: say so (log, stderr and, unless `show` is False, a box) and go
    on; the message is readable without such a font."""
    message = missing_cjk_font_message()
    if message is None:
        return
    log.warning("%s", message)
    print(message, file=sys.stderr)
    if show:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "GridDesk", message, QMessageBox.StandardButton.Ok
        )
        box.exec()


def show_error(title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        apply_input_method()  # Chinese under fcitx: Qt reads QT_IM_MODULE when the app starts
        app = QApplication([sys.argv[0] if sys.argv else "griddesk"])
    configure_application(app)
    collect_on_gui_thread()
    log_handler = setup_logging()
    # Screenshots are zh_CN unless --lang says otherwise; the window follows the saved choice.
    saved = "zh_CN" if args.screenshot is not None else QSettings().value("ui/language", "zh_CN")
    lang = normalise_language(args.lang or str(saved))
    translators = install_translators(app, lang)
    try:
        apply_style(app)
        log.info("GridDesk starting (lang %s)", lang)
        warn_without_cjk_font(show=args.screenshot is None)
        if args.startup_probe:
            from desktop.shell.startup_probe import run_startup_probe

            return run_startup_probe(db_url=args.db, lang=lang)
        if args.screenshot is not None:
            from desktop.shell.screenshot import run_screenshots

            return run_screenshots(args.screenshot, db_url=args.db, lang=lang, demo=args.demo)
        return run_window(app, args, lang)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        if log_handler is not None:
            logging.getLogger().removeHandler(log_handler)
            log_handler.close()


def start_daily_backup(ctx: Any) -> None:
    """Once a day, on the embedded database: a verified copy into the backup folder, keeping
    the newest `backups_kept` (设置). Runs on the worker thread; a failure is logged and shown
    in the status bar, never stops the window."""
    from db.maintenance.backup import auto_backup
    from db.paths import backup_dir

    if not ctx.db.is_sqlite or ctx.db.engine.url.database in (None, "", ":memory:"):
        return
    keep = int(ctx.settings.backups_kept)

    def done(path: Path | None) -> None:
        if path is not None:
            log.info("daily backup written to %s", path)

    ctx.tasks.submit(lambda db: auto_backup(db, backup_dir(), keep=keep), done, owner=ctx.tasks)


def run_window(app: QApplication, args: argparse.Namespace, lang: str) -> int:
    """Open the database (exit 2 with a message box on a user error) and run the window."""
    from db.database import open_database

    try:
        db = open_database(args.db)
    except UserError as exc:
        show_error(QCoreApplication.translate("App", "无法打开数据库"), db_message_text(str(exc)))
        return 2
    try:
        refusal = demo_refusal(db) if args.demo else None
        if refusal is not None:  # a database set up for real never gets demo rows
            show_error(
                QCoreApplication.translate("App", "演示数据生成失败"), db_message_text(refusal)
            )
            return 2
        if args.demo and not has_street(db):
            error = build_demo_with_progress(db)  # the builder's default size
            if error is not None:
                if not isinstance(error, UserError):
                    log.error("demo build failed", exc_info=error)
                show_error(
                    QCoreApplication.translate("App", "演示数据生成失败"),
                    error_text(error, logged=True),
                )
                return 2 if isinstance(error, UserError) else 1
        from desktop.shell.preload import Preload
        from desktop.shell.sign_in import sign_in

        # The window's modules are imported while the dialog waits for the user: the dialog
        # does not wait for them, nor does the window after the sign-in.
        preload = Preload()
        QTimer.singleShot(0, preload.start)  # once the dialog's event loop runs
        actor = sign_in(db)
        if actor is None:  # the user closed the sign-in dialog
            preload.wait()  # no import still running while the program ends
            return 0
        from db.security.audit_anchor import remember_head
        from desktop.core.context import AppContext
        from desktop.setup.first_start import run_first_start
        from desktop.shell.handover import ShiftSession

        # A database without geography: the setup wizard (an administrator) or one sentence.
        run_first_start(db, actor)
        started: list[AppContext] = []

        def on_start(ctx: AppContext) -> None:
            # The sign-in's entry (see db.security.audit_anchor); a job of the whole window.
            ctx.tasks.submit(remember_head, owner=ctx.tasks)
            if not started:
                start_daily_backup(ctx)
            started.append(ctx)

        # The signed-in user's window; 交接班 / 切换用户 rebuilds it for the next user.
        shift = ShiftSession(db, lang=lang, on_start=on_start)
        try:
            shift.start(actor)
            return int(app.exec())
        finally:
            shift.close()
            remember_head(db)  # what this session wrote
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())

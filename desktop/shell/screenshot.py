"""`griddesk --screenshot DIR`: render every page, the case window, an action dialog, the wall
display and the setup wizard to PNG."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from db.cases.queries import case_detail, list_cases, photo_bytes
from db.demo import showcase as demo_showcase
from db.demo.accounts import DEMO_VIEWER
from db.engine import Database
from db.reference.choices import Choice
from db.security.actors import Actor
from desktop.cases.case_detail import CaseDetailPane, open_case_window
from desktop.common import palette
from desktop.core.context import AppContext
from desktop.shell.startup import build_demo_with_progress, has_street

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1920, 1080
SCREENSHOT_CASES = 3000
# Nobody signs in for screenshots: a demo user allowed to see every page (rosters included).
SCREENSHOT_USER = DEMO_VIEWER
PAGE_NAMES = ("desk", "people", "reports", "stats", "settings")


def wait_idle(ctx: AppContext, timeout_ms: int = 120_000) -> None:
    """Run the event loop until the worker has no job left (jobs may chain further jobs)."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
        if ctx.tasks.is_idle():
            app.processEvents()
            if ctx.tasks.is_idle():
                return
        loop = QEventLoop()
        ctx.tasks.idle.connect(loop.quit)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(timeout_ms)
        if not ctx.tasks.is_idle():
            loop.exec()
        guard.stop()
        ctx.tasks.idle.disconnect(loop.quit)


def showcase_case(db: Database) -> tuple[int, str] | None:
    """An open case with a long history (and photos if any) to show in the detail pane."""
    with db.read() as session:
        return demo_showcase.showcase_case(session)


def photo_case(db: Database) -> str | None:
    """A case with photos and the longest history, for the case window."""
    with db.read() as session:
        return demo_showcase.photo_case(session)


def save(widget: QWidget, path: Path) -> Path:
    pixmap = widget.grab()
    if not pixmap.save(str(path)):
        raise OSError(f"cannot write {path}")
    log.info("screenshot %s", path)
    return path


def composite(window: QWidget, dialog: QWidget, path: Path) -> Path:
    """The window with the dialog (and a plain title bar) drawn over it: offscreen grabs are
    per top-level window and carry no window frame."""
    base = window.grab()
    shot = dialog.grab()
    title_height = 30
    canvas = QPixmap(base.size())
    canvas.fill()
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, base)
    painter.fillRect(canvas.rect(), QColor(0, 0, 0, 60))
    x = (base.width() - shot.width()) // 2
    y = (base.height() - shot.height()) // 3
    frame = QRect(x - 1, y - title_height - 1, shot.width() + 2, shot.height() + title_height + 2)
    painter.fillRect(frame, QColor(palette.FRAME))
    painter.fillRect(
        QRect(x, y - title_height, shot.width(), title_height), QColor(palette.TITLE_BAR)
    )
    painter.setPen(QColor(palette.TEXT))
    painter.drawText(
        QRect(x + 12, y - title_height, shot.width() - 24, title_height),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(QPoint(x, y), shot)
    painter.end()
    if not canvas.save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def take_screenshots(ctx: AppContext, out_dir: Path) -> list[Path]:
    """Render every page of a main window on `ctx` into `out_dir`; returns the files."""
    from desktop.shell.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ctx)
    window.setWindowState(Qt.WindowState.WindowNoState)  # not the small offscreen "screen"
    window.resize(WIDTH, HEIGHT)
    window.show()
    wait_idle(ctx)
    written: list[Path] = []
    showcase = showcase_case(ctx.db)
    number = showcase[1] if showcase is not None else None
    pane = window.desk_page.findChild(CaseDetailPane)
    if pane is not None and showcase is not None:
        # Select the row in the queue when the desk offers it, so the table shows it too.
        queue = getattr(window.desk_page, "queue", None)
        selected = False
        if queue is not None and hasattr(queue, "select_case"):
            selected = bool(queue.select_case(showcase[0]))
        if not selected:
            pane.show_case(showcase[1])
        wait_idle(ctx)
    for index, name in enumerate(PAGE_NAMES):
        window.show_page(index)
        # A page that shows data only on request gets asked: `prepare_screenshot()` if it
        # has one, else the reports page's preview.
        page = window.pages[index]
        hook = getattr(page, "prepare_screenshot", None) or getattr(page, "refresh_preview", None)
        if callable(hook):
            hook()
        wait_idle(ctx)
        written.append(save(window, out_dir / f"{index + 1:02d}-{name}.png"))
        if name == "people":  # every roster tab, the staffing standard and the pay table
            tabs = window.people_page.tabs
            for tab in range(1, tabs.count()):
                tabs.setCurrentIndex(tab)
                wait_idle(ctx)
                written.append(save(window, out_dir / f"{index + 1:02d}-{name}-{tab + 1}.png"))
            tabs.setCurrentIndex(0)
    window.show_page(0)
    wait_idle(ctx)
    if number is not None:
        case_window = open_case_window(ctx, photo_case(ctx.db) or number, window)
        case_window.resize(WIDTH, HEIGHT)
        wait_idle(ctx)
        written.append(save(case_window, out_dir / f"{len(PAGE_NAMES) + 1:02d}-case-window.png"))
        dialog = None
        if pane is None or pane.detail is None:
            pane = case_window.pane  # the desk has no detail pane yet: use the case window's
        if pane.detail is not None:
            actions = [a for a in pane.action_buttons if pane.action_buttons[a].isEnabled()]
            order = ("extend", "dispatch", "redispatch", "reject")
            preferred = sorted(
                (a for a in actions if a.value in order), key=lambda a: order.index(a.value)
            )
            chosen = (preferred or actions)[0] if actions else None
            if chosen is not None:
                dialog = pane.start_action(chosen)
        if dialog is not None:
            wait_idle(ctx)
            written.append(
                composite(window, dialog, out_dir / f"{len(PAGE_NAMES) + 2:02d}-action-dialog.png")
            )
            dialog.reject()
        case_window.close()
    written.append(
        big_screen_shot(window, ctx, out_dir / f"{len(PAGE_NAMES) + 3:02d}-big-screen.png")
    )
    written.append(
        setup_wizard_shot(window, ctx, out_dir / f"{len(PAGE_NAMES) + 4:02d}-setup-wizard.png")
    )
    written += call_form_shots(window, ctx, out_dir, len(PAGE_NAMES) + 5)
    written += print_slip_shots(window, ctx, out_dir, len(PAGE_NAMES) + 6)
    window.hide()
    window.deleteLater()
    return written


def call_form_shots(window: Any, ctx: AppContext, out_dir: Path, number: int) -> list[Path]:
    """来电登记 over the desk: the empty form, then the words of the newest open case typed in
    again (so that case comes back as a possible duplicate), grid and 小类 confirmed (from the
    proposals, or picked as the dispatcher would when none fits), with a case photo attached."""
    window.show_page(0)
    form = window.desk_page.open_call_form()
    if form is None:
        return []
    wait_idle(ctx)
    shots = [composite(window, form, out_dir / f"{number:02d}-call-form.png")]
    with ctx.db.read() as session:
        newest = list_cases(session, "open", limit=1)
        detail = case_detail(session, newest[0].number) if newest else None
        with_photo = demo_showcase.photo_case(session)
        photos = case_detail(session, with_photo).photos if with_photo else []
        photo = photo_bytes(session, photos[0].id) if photos else None
    if detail is not None:
        form.caller_edit.setText("王女士")
        form.phone_edit.setText("13904140000")
        form.address_edit.setText(detail.address)
        form.description_edit.setPlainText(detail.description)
        form.ask()
        wait_idle(ctx)
        chosen: list[Choice | None] = []
        for proposals, code, items in (
            (form.grid_model.rows, detail.grid_code, form.lists.grids),
            (form.category_model.rows, detail.category_code, form.lists.categories),
        ):
            choice = next((c for c in proposals if c.code == code), None)
            item = next((i for i in items if i.code == code), None)
            if choice is None and item is not None:
                choice = Choice(item.code, item.name, 1.0, "调度员选择", id=item.id)
            chosen.append(choice)
        form.choose(*chosen)
        wait_idle(ctx)
    if photo is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "现场照片.png"
            path.write_bytes(photo)
            form.add_photo(path)
            deadline = QDeadlineTimer(30_000)
            while form.pending_photos and not deadline.hasExpired():
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    if detail is not None or photo is not None:
        shots.append(composite(window, form, out_dir / f"{number:02d}-call-form-2.png"))
    form.done(0)  # without the question a filled-in form asks on 取消
    return shots


def print_slip_shots(window: Any, ctx: AppContext, out_dir: Path, number: int) -> list[Path]:
    """打印单据 over the desk: the 结案单 of a closed case with photos, as previewed."""
    from desktop.cases.print_dialog import SlipPrintDialog

    with ctx.db.read() as session:
        closed = list_cases(session, "closed", limit=1)
        case_number = demo_showcase.photo_case(session) or (closed[0].number if closed else None)
    if case_number is None:
        return []
    dialog = SlipPrintDialog(ctx, case_number, window)
    dialog.resize(900, 1000)
    dialog.show()
    deadline = QDeadlineTimer(60_000)
    while dialog.loading and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    wait_idle(ctx)
    shot = composite(window, dialog, out_dir / f"{number:02d}-print-slip.png")
    dialog.close()
    dialog.deleteLater()
    return [shot]


def setup_wizard_shot(window: Any, ctx: AppContext, path: Path) -> Path:
    """The first-start setup wizard's welcome page over the window (a new database shows it
    to the administrator after signing in)."""
    from desktop.setup.setup_wizard import SetupWizard

    window.show_page(len(PAGE_NAMES) - 1)  # over 设置, where 基础数据 opens it later
    wait_idle(ctx)
    wizard = SetupWizard(ctx.db, ctx.actor, ctx.tasks, window, first_start=True)
    wizard.show()
    wait_idle(ctx)
    try:
        return composite(window, wizard, path)
    finally:
        wizard.close()
        wizard.deleteLater()


def big_screen_shot(window: Any, ctx: AppContext, path: Path) -> Path:
    """The wall display (大屏模式) at full-HD, as the statistics page opens it with F11."""
    from PySide6.QtCore import QEventLoop, QTimer

    stats = window.stats_page
    window.show_page(window.pages.index(stats))
    stats.toggle_big_screen()
    screen = stats.big_screen
    assert screen is not None
    screen.showNormal()  # the offscreen "screen" is small; draw it at the wall's size
    screen.resize(WIDTH, HEIGHT)
    loop = QEventLoop()
    screen.drawn.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    if screen.snapshot is None:
        loop.exec()
    wait_idle(ctx)
    try:
        return save(screen, path)
    finally:
        screen.close()


# The demo department accounts whose inbox is shown (db.demo.accounts): a handler, then a head.
INBOX_USERS = ("chenjie", "zhaomin")


def department_actor(db: Database, username: str) -> Actor | None:
    from db.demo.accounts import demo_department_actor

    with db.read() as session:
        return demo_department_actor(session, username)


def ask_for_extension(db: Database, actor: Actor) -> None:
    """On the temporary demo database: one 申请延期 from the department, for the desk's panel."""
    from db.cases.inbox import Stage, inbox_page
    from db.cases.requests import request_extension
    from db.errors import UserError

    with db.write() as session:
        rows = [r for stage in Stage for r in inbox_page(session, actor, stage, limit=5)]
        for row in rows:
            try:
                request_extension(
                    session, actor, row.number, extra_days=3, reason="需要协调清运车辆"
                )
                return
            except UserError:
                continue


def take_inbox_screenshots(db: Database, out_dir: Path, lang: str) -> list[Path]:
    """The department's window: the inbox of a 部门经办 (a case selected, the 反馈 dialog over
    it) and of a 部门负责人 (with the department's figures)."""
    from desktop.shell.main_window import MainWindow

    written: list[Path] = []
    for n, username in enumerate(INBOX_USERS):
        actor = department_actor(db, username)
        if actor is None:
            continue
        ctx = AppContext.create(db, actor, lang=lang)
        try:
            window = MainWindow(ctx)
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.resize(WIDTH, HEIGHT)
            window.show()
            wait_idle(ctx)
            inbox = window.inbox_page
            if n == 0:
                from db.cases.inbox import Stage
                from db.cases.states import Action

                # The first stage with cases (a small demo street has few open ones).
                view = inbox.view
                if view is not None:
                    stage = next((s for s in Stage if view.counts[s]), Stage.TO_ACCEPT)
                    inbox.show_stage(stage)
                    wait_idle(ctx)
                inbox.table.selectRow(0)
                wait_idle(ctx)
                written.append(save(window, out_dir / f"{20 + n:02d}-inbox-{username}.png"))
                # The 反馈 dialog (with its after-photos row) on an accepted case.
                for stage in (Stage.HANDLING, Stage.TO_FEEDBACK, Stage.OVERDUE):
                    if view is None or not view.counts[stage]:
                        continue
                    inbox.show_stage(stage)
                    wait_idle(ctx)
                    inbox.table.selectRow(0)
                    wait_idle(ctx)
                    if not inbox.buttons["feedback"].isEnabled():
                        continue
                    inbox.start_action(Action.FEEDBACK)
                    dialog = inbox.detail.current_dialog
                    if dialog is not None:
                        wait_idle(ctx)
                        written.append(
                            composite(window, dialog, out_dir / f"{20 + n:02d}-inbox-feedback.png")
                        )
                        dialog.reject()
                    break
            else:
                written.append(save(window, out_dir / f"{20 + n:02d}-inbox-{username}.png"))
            window.hide()
            window.deleteLater()
        finally:
            ctx.close()
    return written


def run_screenshots(out_dir: Path, db_url: str | None, lang: str, demo: bool) -> int:
    """The `--screenshot` mode: without --db a fresh temporary demo database; exit code."""
    from db.database import open_database

    with tempfile.TemporaryDirectory(prefix="griddesk-shots-") as tmp:
        # Keep the user's real window state out of it: settings go to the temporary folder.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        url = db_url or f"sqlite:///{Path(tmp) / 'screenshots.sqlite'}"
        db = open_database(url)
        try:
            if (db_url is None or demo) and not has_street(db):
                error = build_demo_with_progress(db, show_dialog=False, cases=SCREENSHOT_CASES)
                if error is not None:
                    raise error
                handler = department_actor(db, INBOX_USERS[0])
                if handler is not None:
                    ask_for_extension(db, handler)
            ctx = AppContext.create(db, SCREENSHOT_USER, lang=lang)
            try:
                files = take_screenshots(ctx, out_dir)
            finally:
                ctx.close()
            files += take_inbox_screenshots(db, out_dir, lang)
        finally:
            db.dispose()
    for path in files:
        print(path)
    return 0

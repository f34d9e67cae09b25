"""Closing a page or dialog in the middle of its load leaves no error in the log or status bar.

Each widget is closed and deleted while its first load, then a refresh, is held up on the
database queue (or, for a long job, inside the job), and the job is let go afterwards.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from db.cases.intake import Photo, report_case
from db.cases.queries import case_detail
from db.cases.states import Source
from db.engine import Database
from db.people.id_numbers import make_id_number
from db.people.roster_kinds import Kind
from db.people.rosters import create_entry
from db.security.actors import SYSTEM
from db.stats.figures import StatsFilter
from desktop.core.context import AppContext
from tests.street import GRID_A1

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@dataclass
class Env:
    """What opening a widget may need: the context, a folder, a way to hold a long job."""

    ctx: AppContext
    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch
    release: threading.Event
    keep: list[QWidget] = field(default_factory=list)  # parents that outlive the widget

    def held(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, waiting for the release first (a long job held in its thread)."""

        def wait_then_run(*args: Any, **kwargs: Any) -> Any:
            self.release.wait(10)
            return function(*args, **kwargs)

        return wait_then_run


def _case_with_photo(db: Database) -> tuple[str, list[tuple[int, str]]]:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes
    number = report_case(
        db,
        grid_code=GRID_A1,
        category_code="0101",
        description="明山路12号楼下堆放生活垃圾",
        address="明山路12号",
        source=Source.HOTLINE,
        photos=(Photo("a.png", "image/png", bytes(data.data())),),
    )
    with db.read() as s:
        detail = case_detail(s, number)
    return number, [(p.id, p.filename) for p in detail.photos]


def _roster_row(db: Database) -> int:
    raw: dict[str, str | int | date] = {
        "name": "张三",
        "id_number": make_id_number("210504", date(1985, 3, 12), 1),
        "phone": "13812345678",
        "community": "锦峪社区",
        "post": "社区书记",
        "pay_tier": "2",
        "pay_level": "12级",
        "service_start": "2015.07",
        "terms_served": 2,
    }
    with db.write() as s:
        return create_entry(s, Kind.COMMUNITY_WORKER, raw, SYSTEM)


# --- the widgets: how to open one (its first load starts) and how to refresh it -------------


def open_desk(env: Env) -> QWidget:
    from desktop.desk.desk_page import DeskPage

    return DeskPage(env.ctx)


def refresh_desk(page: Any) -> None:
    page.board.refresh()
    page.queue.filters.reload_options()
    page.queue.model.refresh()


def open_case_detail(env: Env) -> QWidget:
    from desktop.cases.case_detail import CaseDetailPane

    number, _photos = _case_with_photo(env.ctx.db)
    pane = CaseDetailPane(env.ctx)
    pane.show_case(number)
    return pane


def open_photo_viewer(env: Env) -> QWidget:
    from desktop.cases.photo_viewer import PhotoViewer

    _number, photos = _case_with_photo(env.ctx.db)
    return PhotoViewer(env.ctx, photos, 0)


def open_people(env: Env) -> QWidget:
    from desktop.people.people_page import PeoplePage

    return PeoplePage(env.ctx)


def open_entry_dialog(env: Env) -> QWidget:
    from desktop.people.roster_dialogs import EntryDialog

    row_id = _roster_row(env.ctx.db)
    return EntryDialog(
        env.ctx, Kind.COMMUNITY_WORKER, communities=["锦峪社区"], grids=[], row_id=row_id
    )


def open_history_dialog(env: Env) -> QWidget:
    from desktop.people.roster_dialogs import HistoryDialog

    row_id = _roster_row(env.ctx.db)
    return HistoryDialog(env.ctx, Kind.COMMUNITY_WORKER, row_id, "张三")


def open_import_wizard(env: Env) -> QWidget:
    from db.people.roster_import import plan_import
    from desktop.people.import_wizard import ImportWizard

    env.monkeypatch.setattr("desktop.people.import_wizard.plan_import", env.held(plan_import))
    wizard = ImportWizard(env.ctx, Kind.COMMUNITY_WORKER)
    wizard.set_file(env.tmp_path / "花名册.xlsx")  # not there: the check fails, unseen
    wizard.check()
    return wizard


def open_reports(env: Env) -> QWidget:
    from desktop.returns.reports_page import ReportsPage

    return ReportsPage(env.ctx)


def open_stats(env: Env) -> QWidget:
    from desktop.stats.stats_page import StatsPage

    return StatsPage(env.ctx)


def refresh_stats(page: Any) -> None:
    page.load_choices()
    page.refresh()


def open_big_screen(env: Env) -> QWidget:
    from desktop.stats.big_screen import BigScreen

    now = datetime.now(UTC)
    return BigScreen(env.ctx, lambda: StatsFilter(now - timedelta(days=7), now))


def open_settings(env: Env) -> QWidget:
    from desktop.admin.settings_page import SettingsPage

    return SettingsPage(env.ctx)


def open_master_data(env: Env) -> QWidget:
    """设置 → 基础数据…, the way the window opens it."""
    from desktop.admin.settings_page import SettingsPage

    page = SettingsPage(env.ctx)
    env.keep.append(page)
    return page.open_master_data()


def open_users(env: Env) -> QWidget:
    from desktop.admin.users_dialog import UsersDialog

    return UsersDialog(env.ctx)


def open_audit(env: Env) -> QWidget:
    from desktop.admin.audit_viewer import AuditViewer

    return AuditViewer(env.ctx)


def refresh_audit(viewer: Any) -> None:
    viewer.reload()
    viewer.verify()


def close_dialog(widget: QWidget) -> None:
    """The dialog's own Close button (reject), else the window's close."""
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


@dataclass(frozen=True)
class Spec:
    open: Callable[[Env], QWidget]
    refresh: Callable[[Any], None] | None


WIDGETS: dict[str, Spec] = {
    "desk": Spec(open_desk, refresh_desk),
    "case_detail": Spec(open_case_detail, lambda pane: pane.reload()),
    "photo_viewer": Spec(open_photo_viewer, lambda viewer: viewer.show_photo(0)),
    "people": Spec(open_people, lambda page: page.reload()),
    "roster_entry": Spec(open_entry_dialog, None),
    "roster_history": Spec(open_history_dialog, None),
    "import_wizard": Spec(open_import_wizard, lambda wizard: wizard.check()),
    "reports": Spec(open_reports, lambda page: page.refresh_preview()),
    "stats": Spec(open_stats, refresh_stats),
    "big_screen": Spec(open_big_screen, lambda screen: screen.refresh()),
    "settings": Spec(open_settings, lambda page: page.refresh()),
    "master_data": Spec(open_master_data, lambda dialog: dialog.reload()),
    "users": Spec(open_users, lambda dialog: dialog.reload()),
    "audit": Spec(open_audit, refresh_audit),
}


@pytest.fixture
def env(street: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    context = AppContext.create(street, start_feed=False)  # SYSTEM: every page loads
    release = threading.Event()
    environment = Env(context, tmp_path, monkeypatch, release)
    yield environment
    release.set()
    for widget in environment.keep:
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)
    context.close()


def _hold_queue(env: Env) -> None:
    """A job that keeps the database queue busy until the release."""
    env.release.clear()
    env.ctx.tasks.submit(lambda _db: env.release.wait(10), owner=env.ctx.tasks)


def _close_and_delete(widget: QWidget) -> None:
    close_dialog(widget)
    if shiboken6.isValid(widget):
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(widget)


CASES = [
    (name, phase)
    for name, spec in WIDGETS.items()
    for phase in ("first_load", "refresh")
    if phase == "first_load" or spec.refresh is not None
]


@pytest.mark.parametrize(("name", "phase"), CASES)
def test_closed_in_the_middle_of_a_load(
    name: str, phase: str, env: Env, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    spec = WIDGETS[name]
    ctx = env.ctx
    failed: list[str] = []
    messages: list[str] = []
    ctx.tasks.failed.connect(failed.append)
    ctx.signals.message.connect(messages.append)
    caplog.set_level(logging.WARNING)

    if phase == "first_load":
        _hold_queue(env)
        widget = spec.open(env)
        widget.show()
    else:
        widget = spec.open(env)
        widget.show()
        env.release.set()  # a long job held by `open` runs through
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
        _hold_queue(env)
        assert spec.refresh is not None
        spec.refresh(widget)
    assert not ctx.tasks.is_idle()  # the load is in flight
    _close_and_delete(widget)
    env.release.set()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert failed == [] and messages == []

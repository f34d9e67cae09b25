"""The audit viewer lists entries and shows whether the chain is intact."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db.engine import Database
from db.errors import PermissionDenied
from db.models import AuditEntry
from db.security.actors import SYSTEM, Actor, Role
from db.security.audit import record_audit
from desktop.admin.audit_viewer import AuditViewer
from desktop.core.context import AppContext

ADMIN = Actor("admin", "管理员", Role.ADMIN)


@pytest.fixture
def ctx(db: Database, make_ctx: Callable[..., AppContext]) -> AppContext:
    """An administrator on a database (no street) holding three audit entries."""
    with db.write() as s:
        for i in range(3):
            record_audit(s, SYSTEM, "case.dispatch", "case", f"20261126000{i}")
    return make_ctx(db, ADMIN)


def test_viewer_lists_and_verifies(
    ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    viewer = AuditViewer(ctx)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 3)
    qtmodeltester.check(viewer.model)
    viewer.verify()
    qtbot.waitUntil(lambda: "完整" in viewer.status.text())
    with ctx.db.write() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == 2).values(action="case.reject"))
    viewer.verify()
    qtbot.waitUntil(lambda: "第 2 条" in viewer.status.text())


def test_viewer_is_for_administrators_only(db: Database, qtbot: QtBot) -> None:
    context = AppContext.create(db, Actor("li", "李明", Role.DISPATCHER), start_feed=False)
    try:
        with pytest.raises(PermissionDenied):
            AuditViewer(context)
    finally:
        context.close()


def test_reanchor_from_the_viewer_asks_why_and_records_it(ctx: AppContext, qtbot: QtBot) -> None:
    viewer = AuditViewer(ctx)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 3)
    dialog = viewer.ask_reanchor()
    dialog.setTextValue("   ")
    dialog.accept()  # an empty reason is refused in one sentence, nothing written
    qtbot.waitUntil(lambda: "原因" in viewer.status.text())
    assert viewer.model.rowCount() == 3
    dialog = viewer.ask_reanchor()
    dialog.setTextValue("服务器端从 11 月 20 日的备份恢复")
    dialog.accept()
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 4)
    assert "已记入审计日志" in viewer.status.text()
    with ctx.db.read() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "audit.reanchor"
        assert entry.username == "admin" and entry.details == {
            "reason": "服务器端从 11 月 20 日的备份恢复"
        }
    viewer.verify()
    qtbot.waitUntil(lambda: "一致" in viewer.status.text())

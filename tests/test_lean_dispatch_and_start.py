"""What the faster dispatch and the lean start keep (issue 16): a dispatch still writes its
history entry sealed in the case's chain, its audit entry in the audit chain and its change-log
row, refuses a stale version without writing; a history entry added underneath (without a new
version) is chained after, not forked; and the window's start does not load pyqtgraph, numpy or
openpyxl until a page needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.attributes import set_committed_value

import db.cases.workflow as workflow
from db.cases.history_chain import verify_history
from db.cases.intake import report_case
from db.cases.states import Action, Status
from db.cases.workflow import Request, apply, dispatch
from db.engine import Database
from db.errors import StaleCase
from db.models import AuditEntry, Case, CaseChange, CaseEvent
from db.security.audit import verify_chain
from tests.street import GRID_A1

REPO = Path(__file__).resolve().parent.parent
GARBAGE = "0101"


def _registered(db: Database) -> tuple[str, int]:
    number = report_case(db, grid_code=GRID_A1, category_code=GARBAGE, description="测试派遣")
    apply(db, number, Action.REGISTER)
    with db.read() as s:
        version = s.scalar(select(Case.version).where(Case.number == number))
    assert version is not None
    return number, version


def test_dispatch_writes_history_audit_and_change_log_and_refuses_a_stale_version(
    street: Database,
) -> None:
    number, version = _registered(street)
    with street.read() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        changes = s.scalar(select(func.max(CaseChange.seq)))
    outcome = dispatch(street, [number], "环卫所", note="请尽快清运", versions={number: version})
    assert [r.department for r in outcome.done] == ["环卫所"] and not outcome.failed
    with street.read() as s:
        case = s.scalars(select(Case).where(Case.number == number)).one()
        last = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
        ).first()
        assert case.status == Status.DISPATCHED.value and case.version == version + 1
        assert last is not None and last.action == Action.DISPATCH.value
        assert last.note == "请尽快清运" and case.history_hash == last.hash
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).all()
        assert len(entries) == (audits or 0) + 1
        assert entries[0].action == "case.dispatch" and entries[0].object_id == number
        assert s.scalars(
            select(CaseChange.case_id).where(CaseChange.seq > (changes or 0))
        ).all() == [case.id]
        assert verify_history(s).ok
        assert verify_chain(s).ok
    # The same version again: refused, nothing written.
    with street.read() as s:
        before = s.scalar(select(func.count()).select_from(CaseEvent))
    again = dispatch(street, [number], "城管执法中队", versions={number: version})
    assert not again.done and again.failed and again.failed[0][0] == number
    with pytest.raises(StaleCase):
        apply(street, number, Action.REDISPATCH, Request("城管执法中队", expected_version=version))
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == before
        assert verify_chain(s).ok


def test_history_moved_underneath_is_chained_after_not_forked(
    street: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The head loaded with the case is no longer the case's head when the dispatch writes
    (another writer added an entry without a new version): the entry chains after the real
    head, and the chain still verifies."""
    number, version = _registered(street)
    loader = workflow.load_case

    def stale_head(session: object, wanted: str, **kwargs: bool) -> Case:
        case = loader(session, wanted, **kwargs)  # type: ignore[arg-type]
        set_committed_value(case, "history_hash", "0" * 64)  # as read before the other write
        return case

    monkeypatch.setattr(workflow, "load_case", stale_head)
    result = apply(street, number, Action.DISPATCH, Request("环卫所", expected_version=version))
    assert result.version == version + 1
    with street.read() as s:
        head = s.scalar(select(Case.history_hash).where(Case.number == number))
        last = s.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
        assert last is not None and head == last.hash
        assert verify_history(s).ok


_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from db.database import open_database
import desktop.desk.dispatch_board as board
import desktop.shell.main_window as main_window
from desktop.core.context import AppContext
from desktop.shell.main_window import PAGE_KEYS, MainWindow
from desktop.shell.screenshot import SCREENSHOT_USER, wait_idle

HEAVY = ("pyqtgraph", "numpy", "openpyxl", "fpdf", "pypinyin", "alembic")
app = QApplication([])
db = open_database(sys.argv[1])
seen = {"opened": [m for m in HEAVY if m in sys.modules]}
# What the window starts on timers after a few seconds (learning, the picker's pinyin) would
# race the checks on a slow machine: not here.
main_window.LEARN_FIRST_MS = board.PINYIN_AFTER_MS = 10**9
ctx = AppContext.create(db, SCREENSHOT_USER, start_feed=False)
window = MainWindow(ctx)
window.show()
wait_idle(ctx)
seen["desk"] = [m for m in HEAVY if m in sys.modules]
window.show_page(PAGE_KEYS.index("stats"))
wait_idle(ctx)
seen["stats"] = [m for m in HEAVY if m in sys.modules]
seen["stats_shown"] = window.stack.currentWidget() is window.stats_page
window.close()
ctx.close()
db.dispose()
print(json.dumps(seen))
"""


def test_window_start_loads_no_charts_numbers_or_sheets_until_a_page_needs_them(
    street: Database, tmp_path: Path
) -> None:
    """In a fresh process (this one has loaded everything already): opening the database and
    the window on the desk imports none of pyqtgraph, numpy, openpyxl, the PDF writer, the
    pinyin dictionaries or Alembic; opening 统计 builds the statistics page with pyqtgraph."""
    if not street.is_sqlite:
        pytest.skip("the imports do not depend on the database; one run is enough")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    url = street.engine.url.render_as_string(hide_password=False)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, url],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=True,
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["opened"] == [] and seen["desk"] == []
    assert "pyqtgraph" in seen["stats"] and seen["stats_shown"]

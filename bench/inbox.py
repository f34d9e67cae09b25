"""Bench: a department's inbox on the bench database (issue 13 targets).

`python -m bench inbox` works on a copy of the benchmarks' shared 1,000,000-case demo database
(bench/database.py), in which one department (the demo's 环卫所) is given 10,000 open cases
waiting for 受理 or being handled, each with its 派遣 in its sealed history (`top_up`: the
most recently reported closed cases are reopened as its own); the other departments keep the
demo's open cases. Then, signed in as that
department's 部门经办, it measures:

- the inbox read (`db.cases.inbox.inbox_view`: the five stage counts, the first page of a stage,
  the 派遣意见 of its rows, the department's 申请延期) for each stage — ≤ 300 ms;
- the real `InboxPage` opened offscreen until its table is filled — ≤ 300 ms;
- a 反馈 committed (`db.cases.workflow.apply` as the department) — ≤ 50 ms, and one with a
  200 KB after-photo.

Medians of several runs. The machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.desk import Result, _wait, print_table

DEPARTMENT = "环卫所"
DEPARTMENT_OPEN = 10_000
SEED = 20261205
TARGET_OPEN_MS = 300.0
TARGET_FEEDBACK_MS = 50.0


def ensure_database(rebuild: bool = False) -> Path:
    """A private copy of the benchmarks' shared demo database (bench/database.py) with
    环卫所's open cases topped up to 10,000 (`top_up`)."""
    from bench import database as shared

    path = shared.working_copy(shared.ensure(rebuild=rebuild))
    started = time.perf_counter()
    added = top_up(path, datetime.now(UTC).replace(microsecond=0))
    print(
        f"{DEPARTMENT}: {added:,} closed cases reopened as its own in the copy"
        f" ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    return path


def top_up(path: Path, now: datetime) -> int:
    """Give 环卫所 `DEPARTMENT_OPEN` open cases in the copy at `path`: the most recently
    reported closed cases become its own, 20 % waiting for 受理 and the rest being handled,
    each with a 派遣 (and its 派遣意见) added to its sealed history; due within -10 h … +100 h
    of `now`, 5 % urged. The other departments keep their open cases. Returns how many."""
    from sqlalchemy import func, select, update

    from db.cases.history_chain import add_events
    from db.cases.states import GROUP_OF, Status
    from db.database import open_database
    from db.models import Case, Department

    rng = random.Random(SEED)
    db = open_database(f"sqlite:///{path}")
    with db.write() as s:
        dept = s.scalar(select(Department.id).where(Department.name == DEPARTMENT))
        assert dept is not None, f"the demo street has no {DEPARTMENT}"
        have = int(
            s.scalar(select(func.count()).where(Case.is_open, Case.department_id == dept)) or 0
        )
        need = max(0, DEPARTMENT_OPEN - have)
        picked = s.execute(
            select(Case.id, Case.reported_at, Case.version)
            .where(Case.status == Status.CLOSED.value)
            .order_by(Case.reported_at.desc())
            .limit(need)
        ).all()
        rows: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for case_id, reported, version in picked:
            status = Status.DISPATCHED if rng.random() < 0.2 else Status.ACCEPTED
            dispatched = max(reported, now - timedelta(days=3)) + timedelta(
                minutes=rng.randint(3, 40)
            )
            dispatched = min(dispatched, now)
            due = now + timedelta(minutes=rng.randint(-600, 6000))
            rows.append(
                {
                    "id": case_id,
                    "status": status.value,
                    "status_group": GROUP_OF[status].value,
                    "is_open": True,
                    "department_id": dept,
                    "dispatched_at": dispatched,
                    "accepted_at": dispatched + timedelta(minutes=5)
                    if status is Status.ACCEPTED
                    else None,
                    "feedback_at": None,
                    "closed_at": None,
                    "callback_at": None,
                    "satisfaction": None,
                    "stage_started_at": dispatched,
                    "due_at": due,
                    "warn_at": due - timedelta(minutes=60),
                    "ever_overdue": False,
                    "urge_count": 1 if rng.random() < 0.05 else 0,
                    "version": version + 1,
                }
            )
            events.append(
                {
                    "case_id": case_id,
                    "at": dispatched,
                    "actor": "调度员",
                    "action": "dispatch",
                    "from_status": "registered",
                    "to_status": "dispatched",
                    "department_id": dept,
                    "note": "请今天下班前处理完毕",
                    "details": {"department": DEPARTMENT},
                }
            )
        for start in range(0, len(rows), 5000):
            s.execute(update(Case), rows[start : start + 5000])
            add_events(s, events[start : start + 5000])
    db.dispose()
    return len(rows)


def run(path: Path, runs: int) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from db.cases.inbox import Stage, inbox_counts, inbox_page, inbox_view
    from db.cases.intake import Photo
    from db.cases.states import Action
    from db.cases.workflow import Request, apply
    from db.database import open_database
    from db.demo.accounts import demo_department_actor
    from desktop.core.context import AppContext
    from desktop.inbox.inbox_page import InboxPage

    app = QApplication.instance() or QApplication(["bench"])
    db = open_database(f"sqlite:///{path}")
    with db.read() as s:
        actor = demo_department_actor(s, "wanggang")
        assert actor is not None, "the bench database has no demo department account"
        counts = inbox_counts(s, actor)
        accepted = [
            r.number
            for stage in (Stage.HANDLING, Stage.TO_FEEDBACK, Stage.OVERDUE)
            for r in inbox_page(s, actor, stage, limit=runs * 2 + 2)
            if r.status == "accepted"
        ]
    print(
        f"{DEPARTMENT}: {sum(counts[s] for s in Stage if s is not Stage.URGED):,} open — "
        + "  ".join(f"{s.value} {n:,}" for s, n in counts.items()),
        flush=True,
    )
    results: list[Result] = []
    for stage in Stage:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with db.read() as s:
                view = inbox_view(s, actor, stage)
            times.append(time.perf_counter() - started)
        assert view.rows or not view.counts[stage]
        results.append(Result(f"inbox read: {stage.value}", times, None, TARGET_OPEN_MS, None))

    ctx = AppContext.create(db, actor, start_feed=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        page = InboxPage(ctx)
        page.resize(1600, 900)
        page.show()
        _wait(app, lambda p=page: p.view is not None and p.model.rowCount() > 0)
        app.processEvents()
        times.append(time.perf_counter() - started)
        page.close()
        page.deleteLater()
        app.processEvents()
    results.append(Result("InboxPage open (first page)", times, None, TARGET_OPEN_MS, None))
    ctx.close()

    photo = Photo("after.jpg", "image/jpeg", b"\xff\xd8\xff" + os.urandom(200_000))
    for label, photos in (("feedback commit", ()), ("feedback + 200 KB photo", (photo,))):
        times = []
        for _ in range(runs):
            number = accepted.pop()
            request = Request(reason="已处理完毕", photos=photos)
            started = time.perf_counter()
            apply(db, number, Action.FEEDBACK, request, actor)
            times.append(time.perf_counter() - started)
        results.append(Result(label, times, None, TARGET_FEEDBACK_MS, None))
    db.dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench inbox", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args, _others = parser.parse_known_args(argv)  # `python -m bench … -- --x` reaches us too
    path = ensure_database(args.rebuild)
    return 0 if print_table(run(path, args.runs)) else 1


if __name__ == "__main__":
    sys.exit(main())

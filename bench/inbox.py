"""Bench: a department's inbox on the bench database (issue 13 targets).

`python -m bench inbox` builds (once, cached under /tmp/griddesk-bench/, in a child process) a
database of `--total` cases (default 1,000,000) in which one department (the demo's 环卫所) has
10,000 open cases waiting for 受理 or being handled, each with its dispatch in the history,
and 90,000 more open cases lie with the other departments. Then, signed in as that
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
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.desk import CACHE, REPO, Result, _wait, print_table
from bench.schema import schema_digest

DEPARTMENT = "环卫所"
DEPARTMENT_OPEN = 10_000
OTHER_OPEN = 90_000
SEED = 20261205
TARGET_OPEN_MS = 300.0
TARGET_FEEDBACK_MS = 50.0


def database_path(total: int) -> Path:
    return CACHE / f"inbox-{total}.sqlite"


def _key(total: int) -> str:
    return f"{schema_digest()}-{total}-{DEPARTMENT_OPEN}-{SEED}-v1"


def ensure_database(total: int, rebuild: bool = False) -> Path:
    path = database_path(total)
    stamp = path.with_suffix(".json")
    fresh = path.exists() and stamp.exists()
    if not rebuild and fresh and json.loads(stamp.read_text()).get("key") == _key(total):
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", ".json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"building {path} ({total:,} cases) …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.inbox", "--build", str(path), "--total", str(total)],
        check=True,
        cwd=REPO,
    )
    seconds = round(time.perf_counter() - started)
    stamp.write_text(json.dumps({"key": _key(total), "seconds": seconds}))
    print(f"built in {seconds} s", flush=True)
    return path


def build(path: Path, total: int) -> None:
    from sqlalchemy import func, insert, select

    from db.cases.states import GROUP_OF, OPEN_STATUSES, Status
    from db.database import open_database
    from db.demo.street import build_demo
    from db.models import Case, CaseEvent, CaseNumberCounter, Category, Department, Grid

    db = open_database(f"sqlite:///{path}")
    now = datetime.now(UTC).replace(microsecond=0)
    build_demo(db, cases=0, now=now)  # geography, departments, people, the demo accounts
    rng = random.Random(SEED)
    with db.read() as s:
        grids = [(g.id, g.community_id) for g in s.scalars(select(Grid))]
        cats = [c.id for c in s.scalars(select(Category).where(Category.active))]
        dept = s.scalar(select(Department.id).where(Department.name == DEPARTMENT))
        others = [d for d in s.scalars(select(Department.id)) if d != dept]
        first_id = int(s.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0) + 1
    assert dept is not None
    table = Case.__table__
    columns = [c.name for c in table.columns]
    dialect = db.engine.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    pairs = list(zip(columns, processors, strict=True))
    open_total = DEPARTMENT_OPEN + OTHER_OPEN
    moments = sorted(
        [now - timedelta(days=730) * rng.random() ** 0.7 for _ in range(total - open_total)]
        + [now - timedelta(days=45) * rng.random() for _ in range(open_total)]
    )
    open_index = set(rng.sample(range(total - int(open_total * 1.2), total), open_total))
    ours = set(rng.sample(sorted(open_index), DEPARTMENT_OPEN))
    shanghai = ZoneInfo("Asia/Shanghai")
    day_counts: dict[str, int] = {}
    batch: list[tuple[Any, ...]] = []
    events: list[dict[str, Any]] = []
    with db.write() as session:
        conn = session.connection()
        for i, reported in enumerate(moments):
            grid_id, community_id = grids[rng.randrange(len(grids))]
            day = reported.astimezone(shanghai).strftime("%Y%m%d")
            seq = day_counts[day] = day_counts.get(day, 0) + 1
            if i in ours:
                status = Status.DISPATCHED if rng.random() < 0.2 else Status.ACCEPTED
                department = dept
            elif i in open_index:
                status = rng.choice([Status.DISPATCHED, Status.ACCEPTED, Status.FEEDBACK])
                department = rng.choice(others)
            else:
                status = Status.CLOSED
                department = dept if rng.random() < 0.1 else rng.choice(others)
            opened = status in OPEN_STATUSES
            dispatched = reported + timedelta(minutes=rng.randint(3, 40))
            due = warn = None
            if opened:
                due = now + timedelta(minutes=rng.randint(-600, 6000))
                warn = due - timedelta(minutes=60)
            case_id = first_id + i
            row: dict[str, Any] = dict.fromkeys(columns)
            row.update(
                id=case_id,
                number=f"{day}{seq:05d}",
                source="grid_upload",
                grid_id=grid_id,
                community_id=community_id,
                category_id=cats[rng.randrange(len(cats))],
                address=f"明山路{rng.randint(1, 300)}号",
                description="楼下垃圾堆放三天无人清运，气味较大",
                reporter_name="王小明",
                reporter_phone="13812345678",
                reported_by="网格员",
                urgent=rng.random() < 0.02,
                status=status.value,
                status_group=GROUP_OF[status].value,
                is_open=opened,
                department_id=department,
                reported_at=reported,
                registered_at=reported + timedelta(minutes=2),
                dispatched_at=dispatched,
                accepted_at=dispatched + timedelta(minutes=5)
                if status is not Status.DISPATCHED
                else None,
                feedback_at=None,
                closed_at=None if opened else dispatched + timedelta(hours=rng.randint(2, 60)),
                updated_at=reported,
                stage_started_at=dispatched if opened else None,
                due_at=due,
                warn_at=warn,
                ever_overdue=False,
                extension_count=0,
                rework_count=0,
                return_count=0,
                urge_count=1 if opened and rng.random() < 0.05 else 0,
                version=3,
                possible_duplicates=0,
            )
            batch.append(tuple(row[k] if p is None else p(row[k]) for k, p in pairs))
            if i in ours:
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
            if len(batch) >= 20_000:
                conn.exec_driver_sql(compiled.string, batch)
                batch.clear()
        if batch:
            conn.exec_driver_sql(compiled.string, batch)
        for start in range(0, len(events), 5000):
            session.execute(insert(CaseEvent), events[start : start + 5000])
        session.execute(
            insert(CaseNumberCounter), [{"day": d, "last": n} for d, n in day_counts.items()]
        )
    db.dispose()
    raw = sqlite3.connect(str(path), isolation_level=None)
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


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
        _wait(app, lambda p=page: p.view is not None and p.model.rowCount() > 0)  # type: ignore[misc]
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
    parser.add_argument("--total", type=int, default=1_000_000, help="cases in the database")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--build", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(Path(args.build), args.total)
        return 0
    path = ensure_database(args.total, args.rebuild)
    return 0 if print_table(run(path, args.runs)) else 1


if __name__ == "__main__":
    sys.exit(main())

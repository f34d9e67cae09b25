"""Bench: every read the window's pages and griddesk-admin's listings make, on the big street.

GridDesk never runs ANALYZE, so SQLite plans with no statistics: a query whose best index is
not the first one the planner guesses reads millions of rows instead of a few. This calls the
read functions the pages run (through the task runner) and the CLI's listing commands with
realistic arguments on a copy of the benchmarks' shared 1,000,000-case demo street
(bench/database.py; or `--db PATH`, opened — and so migrated — in place) and prints, for each,
the median of three runs against the 300 ms a page may take. Any SQL statement that took over
200 ms is printed afterwards with its `EXPLAIN QUERY PLAN` (SQLite) so that a slow call can be
traced to its plan.

`python -m bench.plans [--db PATH] [--runs N] [--only WORD]` — not in `make bench`'s default list.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

TARGET_MS = 300.0
SLOW_STATEMENT_MS = 200.0


@dataclass
class Call:
    name: str
    run: Callable[[], object]
    runs: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs) * 1000 if self.runs else float("nan")


@dataclass
class SlowStatement:
    call: str
    ms: float
    sql: str
    params: Any


class StatementTimer:
    """Times every statement on `engine` and keeps those over SLOW_STATEMENT_MS."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.current = ""
        self.slow: dict[tuple[str, str], SlowStatement] = {}
        self._started: dict[int, float] = {}

        @event.listens_for(engine, "before_cursor_execute")
        def _before(
            conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool
        ) -> None:
            self._started[id(cursor)] = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def _after(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
            started = self._started.pop(id(cursor), None)
            if started is None:
                return
            ms = (time.perf_counter() - started) * 1000
            if ms > SLOW_STATEMENT_MS and sql.lstrip().upper().startswith(("SELECT", "WITH")):
                key = (self.current, sql)
                old = self.slow.get(key)
                if old is None or old.ms < ms:
                    self.slow[key] = SlowStatement(self.current, ms, sql, params)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def calls(db: Any) -> list[Call]:
    """The reads, with arguments picked from the street itself (a busy department, a case with
    photos and history, a real address and a pinyin search)."""
    from sqlalchemy import func, select

    from db.cases import queue as q
    from db.cases.alarms import due_alarms, next_alarm_time, open_alarms
    from db.cases.duplicates import duplicates_of, find_duplicates_in
    from db.cases.inbox import Stage, department_figures, inbox_view
    from db.cases.notes import case_notes
    from db.cases.queries import case_detail, list_cases
    from db.cases.states import Group
    from db.demo.accounts import demo_department_actor
    from db.escalation.documents import (
        awaiting_meeting,
        escalations_of_case,
        open_urges_for_department,
        urges_of_case,
    )
    from db.escalation.meetings import list_meetings
    from db.escalation.rules import list_rules
    from db.escalation.sweeper import open_reminders_for_department
    from db.intake.hotline import load_tray
    from db.models import Attachment, Case, CaseEvent, Community, Department, Grid
    from db.people.roster_kinds import Kind
    from db.people.roster_lists import (
        RosterQuery,
        expiring_secretaries,
        grid_vacancies,
        list_entries,
    )
    from db.people.rosters import counts as roster_counts
    from db.reference.geography import list_community_rows, list_grids
    from db.reference.settings_store import load_settings
    from db.security.actors import Actor, Role
    from db.security.audit import read_audit_log
    from db.shifts.handover import alert_cases, handover_list
    from db.stats.indices import Scope, category_counts, compute_indices, daily_counts

    admin = Actor("bench", "基准", Role.ADMIN)
    lead = Actor("bench-lead", "值班长", Role.SHIFT_LEAD)  # 延期/协办 decisions are the lead's
    with db.read() as s:
        settings = load_settings(s)
        tz = settings.tz
        now = s.scalar(select(func.max(Case.reported_at))) or datetime.now(UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        dept_actor = demo_department_actor(s, "wanggang")  # 环卫所
        busy_actor = demo_department_actor(s, "chenjie")  # 城管执法中队, the busiest
        head_actor = demo_department_actor(s, "zhaomin")
        busiest = s.execute(
            select(Case.department_id, func.count())
            .where(Case.is_open, Case.department_id.is_not(None))
            .group_by(Case.department_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
        dept_id = busiest[0] if busiest else None
        dept_name = s.scalar(select(Department.name).where(Department.id == dept_id))
        # A closed case with photos (its detail shows them and its whole history).
        photo_case = s.scalar(
            select(Case.number)
            .join(Attachment, Attachment.case_id == Case.id)
            .order_by(Case.id.desc())
            .limit(1)
        )
        open_case = s.execute(
            select(Case.number, Case.id, Case.address, Case.description, Case.grid_id)
            .where(Case.status_group == Group.IN_PROGRESS.value)
            .order_by(Case.id.desc())
            .limit(1)
        ).one()
        urged_case = s.scalar(
            select(Case.number).where(Case.urge_count > 0).order_by(Case.id.desc()).limit(1)
        )
        old_case = s.scalar(select(Case.number).order_by(Case.id).limit(1))
        grid_code = s.scalar(select(Grid.code).order_by(Grid.id).limit(1))
        community_id, community_code = s.execute(
            select(Community.id, Community.code).order_by(Community.id).limit(1)
        ).one()
        category_id = s.scalar(select(Case.category_id).where(Case.id == open_case[1]))
        photo_ids = list(
            s.scalars(
                select(Attachment.id)
                .join(Case, Case.id == Attachment.case_id)
                .where(Case.number == photo_case)
            )
        )
        history_len = s.scalar(select(func.count()).select_from(CaseEvent))
    print(
        f"now {now:%Y-%m-%d %H:%M}, busiest department {dept_name} ({dept_id}), photo case "
        f"{photo_case} ({len(photo_ids)} photos), open case {open_case[0]}, "
        f"{history_len:,} history entries",
        flush=True,
    )
    address_word = open_case[2][2:6] if open_case[2] else "路"
    number_part = open_case[0][-6:]
    month = datetime(now.year, now.month, 1, tzinfo=tz).astimezone(UTC)
    out: list[Call] = []

    # `fn` is called with a session (add) or with nothing (add_db); typed `...` because the
    # lambdas below bind loop variables as default arguments, which mypy cannot fit to a
    # one- or no-argument Callable.
    def add(name: str, fn: Callable[..., object]) -> None:
        def run() -> object:
            with db.read() as s:
                return fn(s)

        out.append(Call(name, run))

    def add_db(name: str, fn: Callable[..., object]) -> None:
        out.append(Call(name, fn))

    sort = q.QueueSort()

    # --- the desk's queue -------------------------------------------------------------------
    for tab in q.QUEUE_TABS:
        f = q.tab_filter(q.QueueFilter(), tab)
        add(f"queue {tab or 'all'}: page", lambda s, f=f: q.page(s, f, sort, now, 60, tz))
        add(f"queue {tab or 'all'}: count", lambda s, f=f: q.count(s, f, now))
        add(f"queue {tab or 'all'}: ids", lambda s, f=f: q.ids(s, f, sort, now))
    base = q.QueueFilter(group=None)
    for label, f in (
        ("all, reported desc", base),
        ("open_only", q.QueueFilter(group=None, open_only=True)),
        ("alert_only", q.QueueFilter(group=Group.IN_PROGRESS, alert_only=True)),
        ("dept", q.QueueFilter(group=Group.IN_PROGRESS, department_id=dept_id)),
        ("all+dept", q.QueueFilter(group=None, department_id=dept_id)),
        ("all+community", q.QueueFilter(group=None, community_id=community_id)),
        ("all+category", q.QueueFilter(group=None, category_id=category_id)),
        ("all+source", q.QueueFilter(group=None, source="hotline")),
        ("all+urgent", q.QueueFilter(group=None, urgent=True)),
        ("search number", q.QueueFilter(group=None, text=open_case[0])),
        ("search number part", q.QueueFilter(group=None, text=number_part)),
        ("search address", q.QueueFilter(group=None, text=address_word)),
        ("search pinyin jg", q.QueueFilter(group=None, text="jg")),
        ("in_progress search pinyin", q.QueueFilter(text="jg")),
        (
            "closed this month",
            q.QueueFilter(group=None, period_field="closed", period_start=month, period_end=now),
        ),
    ):
        by = q.QueueSort(q.SortKey.REPORTED, descending=True)
        add(f"queue {label}: page", lambda s, f=f, by=by: q.page(s, f, by, now, 60, tz))
        add(f"queue {label}: count", lambda s, f=f: q.count(s, f, now))
        add(f"queue {label}: tab counts", lambda s, f=f: q.group_counts(s, f, now))
    for key in q.SortKey:
        f = q.QueueFilter(group=None)
        add(
            f"queue all sorted {key.value}: page",
            lambda s, f=f, key=key: q.page(s, f, q.QueueSort(key), now, 60, tz),
        )
    add("queue filter options", q.filter_options)

    # --- a case -----------------------------------------------------------------------------
    for label, number in (("photos", photo_case), ("open", open_case[0]), ("oldest", old_case)):
        add(f"case detail ({label})", lambda s, n=number: case_detail(s, n, admin))
        add(f"case notes ({label})", lambda s, n=number: case_notes(s, n, admin))
    if dept_actor is not None:
        own = open_case[0]
        add("case detail as department", lambda s: _maybe(lambda: case_detail(s, own, dept_actor)))
    from desktop.cases.case_detail import load_thumbnails
    from desktop.cases.duplicates_dialog import load_all

    add_db("case photo thumbnails", lambda: load_thumbnails(db, photo_ids, admin))
    add_db("duplicates dialog (open case)", lambda: load_all(db, open_case[0]))
    add("duplicates of (open case)", lambda s: duplicates_of(s, open_case[0]))
    add(
        "duplicates for a new report",
        lambda s: find_duplicates_in(
            s,
            text=open_case[3],
            address=open_case[2],
            grid_id=open_case[4],
            category_id=category_id,
            now=now,
        ),
    )
    if urged_case:
        add("urges of case", lambda s: urges_of_case(s, urged_case))
        add("escalations of case", lambda s: escalations_of_case(s, urged_case))

    # --- the department inbox ---------------------------------------------------------------
    if dept_actor is not None:
        for stage in Stage:
            add(f"inbox {stage.value}", lambda s, st=stage: inbox_view(s, dept_actor, st, now=now))
        if busy_actor is not None:
            for stage in Stage:
                add(
                    f"inbox {stage.value} (busiest)",
                    lambda s, st=stage: inbox_view(s, busy_actor, st, now=now),
                )
        if head_actor is not None:
            add("inbox department figures", lambda s: department_figures(s, head_actor, now))
        did = dept_actor.department_id
        assert did is not None
        add("inbox open urges", lambda s: open_urges_for_department(s, did))
        add("inbox reminders", lambda s: open_reminders_for_department(s, did))

    # --- 督办, alarms, handover -------------------------------------------------------------
    add("escalation awaiting meeting", awaiting_meeting)
    add("escalation meetings list", list_meetings)
    add("escalation rules", list_rules)
    add("alarms open", open_alarms)
    add("alarms due", lambda s: due_alarms(s, now))
    add("alarms next time", lambda s: next_alarm_time(s, now))
    add("handover alert cases", lambda s: alert_cases(s, now))
    add("handover list", handover_list)
    add_db("hotline pending tray", lambda: load_tray(db))

    # --- rosters ----------------------------------------------------------------------------
    for kind in Kind:
        add(f"roster {kind.value}", lambda s, k=kind: list_entries(s, k, actor=admin))
    add(
        "roster grid_staff search 张",
        lambda s: list_entries(s, Kind.GRID_STAFF, RosterQuery(search="张"), actor=admin),
    )
    add(
        "roster community_worker search 138",
        lambda s: list_entries(s, Kind.COMMUNITY_WORKER, RosterQuery(search="138"), actor=admin),
    )
    add(
        "roster community_worker community+retired",
        lambda s: list_entries(
            s,
            Kind.COMMUNITY_WORKER,
            RosterQuery(community_id=community_id, include_retired=True),
            actor=admin,
        ),
    )
    add("roster counts", roster_counts)
    add("roster expiring secretaries", expiring_secretaries)
    add("roster grid vacancies", grid_vacancies)

    # --- indices and returns (whole periods, as the returns page and `report` ask) ----------
    from reports.period import period_containing
    from reports.registry import KINDS, build_report
    from reports.request import ReportRequest

    today = (now - timedelta(hours=1)).astimezone(tz).date()
    periods = {k: period_containing(today, k) for k in ("month", "quarter", "year")}
    for pk, period in periods.items():
        start, end = period.bounds(tz)
        for group in ("street", "department", "community", "grid"):
            add(
                f"indices {pk} by {group}",
                lambda s, a=start, b=end, g=group: compute_indices(s, a, b, g, as_of=now),
            )
        add(
            f"indices {pk} one department",
            lambda s, a=start, b=end: compute_indices(
                s, a, b, "street", Scope(department_id=dept_id), as_of=now
            ),
        )
        add(
            f"indices {pk} one community",
            lambda s, a=start, b=end: compute_indices(
                s, a, b, "grid", Scope(community_id=community_id), as_of=now
            ),
        )
        add(f"daily counts {pk}", lambda s, a=start, b=end: daily_counts(s, a, b, tz))
        add(f"category counts {pk}", lambda s, a=start, b=end: category_counts(s, a, b))
    from db.stats.figures import collect
    from db.stats.periods import StatsFilter

    for pk in ("month", "year"):
        start, end = periods[pk].bounds(tz)
        for label, narrow in (
            ("street", {}),
            ("community", {"community_id": community_id}),
            ("department", {"department_id": dept_id}),
            ("category", {"category_id": category_id}),
        ):
            add_db(
                f"stats page {pk} ({label})",
                lambda a=start, b=end, n=narrow: collect(db, StatsFilter(a, b, **n), tz, now),
            )
    for pk in ("month", "year"):
        period = periods[pk]
        for report_kind in KINDS:
            add_db(
                f"return {report_kind} ({pk})",
                lambda k=report_kind, p=period: build_report(
                    db, k, ReportRequest(p, actor=admin, as_of=now)
                ),
            )
        for report_kind, spec in KINDS.items():
            if spec.department_scope and dept_name:
                add_db(
                    f"return {report_kind} ({pk}, department)",
                    lambda k=report_kind, p=period: build_report(
                        db, k, ReportRequest(p, department=dept_name, actor=admin, as_of=now)
                    ),
                )
        add_db(
            f"return monthly-cases ({pk}, community)",
            lambda p=period: build_report(
                db,
                "monthly-cases",
                ReportRequest(p, community=community_code, actor=admin, as_of=now),
            ),
        )

    # --- admin, geography, audit ------------------------------------------------------------
    add("audit log page", lambda s: read_audit_log(s, admin))
    add("geography grids", list_grids)
    add("geography communities", list_community_rows)
    from db.boundaries.changes import history as boundary_history
    from db.boundaries.changes import staff_in_grid

    add("boundary grid history", lambda s: boundary_history(s, grid_code))
    add("boundary staff in grid", lambda s: staff_in_grid(s, grid_code))
    from desktop.admin.gazetteer_tab import load_gazetteer_rows
    from desktop.admin.master_data_models import load_master_data
    from desktop.admin.settings_page import load_info
    from desktop.people.roster_tab import load_choices
    from desktop.returns.reports_page import load_scope_choices

    add_db("gazetteer tab", lambda: load_gazetteer_rows(db))
    add_db("master data dialog", lambda: load_master_data(db))
    add_db("settings page info", lambda: load_info(db))
    add_db("returns scope choices", lambda: load_scope_choices(db))
    add_db("roster tab choices", lambda: load_choices(db))
    add("case list (CLI list)", lambda s: list_cases(s, None, 50, admin))
    add("case list open (CLI list)", lambda s: list_cases(s, "open", 50, admin))
    add("case list in_progress (CLI list)", lambda s: list_cases(s, "in_progress", 200, admin))

    # --- griddesk-admin listings (the command's own code, with this database) ---------------
    for argv in (
        ["case", "list"],
        ["case", "list", "--status", "open", "--limit", "500"],
        ["case", "list", "--status", "closed", "--limit", "500"],
        ["case", "show", photo_case],
        ["case", "notes", open_case[0]],
        ["case", "duplicates", open_case[0]],
        ["case", "reporters", open_case[0]],
        ["case", "extension-list"],
        ["case", "cohandle-list"],
        ["user", "list"],
        ["audit", "list"],
        ["department", "list"],
        ["category", "list"],
        ["grid", "list"],
        ["community", "list"],
        ["calendar", "list"],
        ["gazetteer", "list"],
        ["hotline", "pending", "list"],
        ["meeting", "list"],
        ["escalation", "rules"],
        ["grid", "history", grid_code],
    ):
        who = lead if argv[-1] in ("extension-list", "cohandle-list") else admin
        add_db("admin " + " ".join(argv[:3]), lambda argv=argv, who=who: _cli(db, argv, who))
    if dept_actor is not None:
        add_db("admin case inbox (department)", lambda: _cli(db, ["case", "inbox"], dept_actor))
    return out


def _maybe(fn: Callable[[], object]) -> object:
    from db.errors import UserError

    try:
        return fn()
    except UserError:
        return None


def _cli(db: Any, argv: list[str], actor: Any) -> int:
    from desktop.cli.main import build_parser

    args = build_parser().parse_args(argv)
    args.actor = actor
    with _quiet():
        code = int(args.func(args, db))
    if code != 0:
        raise RuntimeError(f"griddesk-admin {' '.join(argv)} exited {code}")
    return code


def explain(db: Any, statement: SlowStatement) -> str:
    """SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN (without running the statement)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
        cursor.execute(prefix + statement.sql, statement.params or ())
        return "\n".join(f"    {row[-1]}" for row in cursor.fetchall())
    finally:
        raw.close()


def run(db: Any, runs: int, only: str | None) -> tuple[list[Call], StatementTimer]:
    timer = StatementTimer(db.engine)
    words = only.split(",") if only else []
    todo = [c for c in calls(db) if not words or any(w in c.name for w in words)]
    for c in todo:
        timer.current = c.name
        for _ in range(runs):
            started = time.perf_counter()
            try:
                c.run()
            except Exception as exc:  # reported in the table, the others still measured
                c.error = f"{type(exc).__name__}: {exc}"[:120]
                break
            c.runs.append(time.perf_counter() - started)
        print(
            f"  {c.name:<52} {c.median_ms:9.1f} ms{'  ' + c.error if c.error else ''}", flush=True
        )
    return todo, timer


def print_table(done: list[Call]) -> bool:
    print()
    print(f"{'call':<52} {'median':>10}  {'≤ 300 ms':>8}")
    print("-" * 74)
    good = True
    for c in done:
        if c.error:
            print(f"{c.name:<52} {'error':>10}  {c.error}")
            good = False
            continue
        ok = c.median_ms <= TARGET_MS
        good = good and ok
        print(f"{c.name:<52} {c.median_ms:7.1f} ms  {'ok' if ok else 'SLOW':>8}")
    return good


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.plans", description=__doc__)
    parser.add_argument(
        "--db",
        help="a SQLite file to use as is (it is migrated), or a database URL (PostgreSQL: a "
        "demo street built with db.demo.street.build_demo and its roll-ups rebuilt)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", help="only the calls whose name contains one of these (comma-separated)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from db.database import open_database

    _app = QGuiApplication.instance() or QGuiApplication(["bench"])  # thumbnails are QImages
    if args.db is not None:
        path = args.db
    else:
        from bench import database as shared

        path = shared.working_copy(shared.ensure())
    print(f"database {path}, load {os.getloadavg()[0]:.2f}", flush=True)
    db = open_database(str(path) if "://" in str(path) else f"sqlite:///{path}")
    try:
        done, timer = run(db, args.runs, args.only)
        good = print_table(done)
        if timer.slow:
            print(f"\nstatements over {SLOW_STATEMENT_MS:g} ms:")
            for st in sorted(timer.slow.values(), key=lambda x: -x.ms):
                print(f"\n[{st.call}] {st.ms:.0f} ms\n  {' '.join(st.sql.split())[:1500]}")
                print(f"  params {str(st.params)[:300]}")
                print(explain(db, st))
        print(f"\nload {os.getloadavg()[0]:.2f} (1 min)")
    finally:
        db.dispose()
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

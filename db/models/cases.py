"""Cases (案件), their append-only history, photos, numbering and the change log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, JSONType
from db.models.categories import Category
from db.models.departments import Department
from db.models.geography import Community, Grid


class Case(Base):
    """One reported problem and where it stands in the workflow.

    `status` is the exact state; `status_group` the queue tab it belongs to (待立案, 待派遣, 处置中,
    待核查, 已结案) and `is_open` whether it still needs work, kept as plain indexed columns so
    the queue's filters compare one indexed column for equality (an IN list of statuses
    could not use the index). `due_at`/`warn_at` are the
    deadline and warning time of the current stage, NULL when no clock runs (closed, 挂账).
    """

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    source: Mapped[str] = mapped_column(String(16))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    address: Mapped[str] = mapped_column(String(200), default="")
    longitude: Mapped[float | None] = mapped_column(Float)
    latitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), default="")
    reported_by: Mapped[str] = mapped_column(String(64), default="")
    urgent: Mapped[bool] = mapped_column(default=False)

    status: Mapped[str] = mapped_column(String(16))
    status_group: Mapped[str] = mapped_column(String(12))
    is_open: Mapped[bool] = mapped_column()
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))

    reported_at: Mapped[datetime] = mapped_column()
    registered_at: Mapped[datetime | None] = mapped_column()
    dispatched_at: Mapped[datetime | None] = mapped_column()
    accepted_at: Mapped[datetime | None] = mapped_column()
    feedback_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()

    dispatch_due: Mapped[datetime | None] = mapped_column()
    handle_due: Mapped[datetime | None] = mapped_column()
    # The 12345 hotline's own deadline (办理时限 in working days from the call): the handling
    # stage ends by it when it comes before the 小类's handling limit.
    hotline_due: Mapped[datetime | None] = mapped_column()
    verify_due: Mapped[datetime | None] = mapped_column()
    stage_started_at: Mapped[datetime | None] = mapped_column()
    due_at: Mapped[datetime | None] = mapped_column()
    warn_at: Mapped[datetime | None] = mapped_column()

    suspended_at: Mapped[datetime | None] = mapped_column()
    suspended_from: Mapped[str | None] = mapped_column(String(16))
    remaining_minutes: Mapped[int | None] = mapped_column()

    ever_overdue: Mapped[bool] = mapped_column(default=False)
    extension_count: Mapped[int] = mapped_column(default=0)
    rework_count: Mapped[int] = mapped_column(default=0)
    return_count: Mapped[int] = mapped_column(default=0)
    urge_count: Mapped[int] = mapped_column(default=0)

    satisfaction: Mapped[str | None] = mapped_column(String(16))
    callback_at: Mapped[datetime | None] = mapped_column()
    callback_contacted: Mapped[bool | None] = mapped_column()
    callback_solved: Mapped[bool | None] = mapped_column()

    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # 疑似重复: how many likely duplicates were found when the case was reported (0 none).
    possible_duplicates: Mapped[int] = mapped_column(default=0, server_default="0")
    version: Mapped[int] = mapped_column(default=1)
    # The hash of the newest history entry (db/cases/history_chain.py): a deleted last entry
    # no longer matches it.
    history_hash: Mapped[str | None] = mapped_column(String(64))

    grid: Mapped[Grid] = relationship()
    community: Mapped[Community] = relationship()
    category: Mapped[Category] = relationship()
    department: Mapped[Department | None] = relationship()

    __table_args__ = (
        Index("ix_cases_open_queue", "status_group", "urgent", "due_at"),
        # The 全部 tab in the same order (no status to narrow by): db/cases/queue.py.
        Index("ix_cases_urgent_due", "urgent", "due_at"),
        # Ranges of reported_at, closed_at and a grid's cases are read through the wider
        # ix_cases_reported_stats, ix_cases_closed_stats and ix_cases_grid_* below (an index of
        # the column alone would only cost space and writes: schema 0026 dropped them).
        Index("ix_cases_community_group", "community_id", "status_group"),
        Index("ix_cases_department_group", "department_id", "status_group"),
        Index("ix_cases_open_due", "is_open", "due_at"),
        Index("ix_cases_open_warn", "is_open", "warn_at"),  # the escalation sweeper's reminders
        Index("ix_cases_category", "category_id"),
        # Duplicates (db/cases/duplicates.py): a grid's recent reports and recent closes, and
        # the cases merged into a main case.
        Index("ix_cases_grid_reported", "grid_id", "reported_at"),
        Index("ix_cases_grid_closed", "grid_id", "closed_at"),
        Index("ix_cases_merged_into", "merged_into_id"),
        # A day's callbacks (回访) for the daily roll-ups (db/stats/rollups).
        Index("ix_cases_callback_at", "callback_at"),
        # The desk queue (db/cases/queue.py): a tab's first page by time left or by report time,
        # and the department board's open/warning/overdue counts from the index alone.
        Index("ix_cases_group_due", "status_group", "due_at"),
        Index("ix_cases_group_reported", "status_group", "reported_at"),
        Index("ix_cases_open_department", "is_open", "department_id", "due_at", "warn_at"),
        # A department's inbox (db/cases/inbox.py): its cases by status in deadline order, and
        # the stage counts (warning, overdue, 督办) from the index alone.
        Index(
            "ix_cases_department_inbox",
            "department_id",
            "status",
            "due_at",
            "warn_at",
            "urge_count",
        ),
        # Statistics (db/stats/figures.py): a period's cases received / closed, grouped by day with the
        # filter columns, read from the index alone (a year of 1M cases without table lookups).
        Index(
            "ix_cases_reported_stats",
            "reported_at",
            "community_id",
            "category_id",
            "source",
            "department_id",
        ),
        Index(
            "ix_cases_closed_stats",
            "closed_at",
            "status",
            "department_id",
            "ever_overdue",
            "community_id",
            "category_id",
            "dispatched_at",
            # 应结未结 at a finished period's end: the cases closed after it whose handling
            # deadline fell in it (db/stats/flows.py pending_closed_statement), index-only.
            "handle_due",
        ),
        # The open cases now per grid and 小类 with their clocks (open-case charts, grid table,
        # cases still to close by a handling deadline).
        Index(
            "ix_cases_open_stats",
            "is_open",
            "grid_id",
            "category_id",
            "community_id",
            "department_id",
            "due_at",
            "warn_at",
            "status",
            "handle_due",
        ),
    )


# The history detail that marks a department step (受理、退单、反馈, and a 协办's) entered by the
# centre on the department's behalf (代录): the timeline and the department return show it
# apart. `PROXY_ENTRY` is the condition "this entry is 代录" per dialect, written out as text:
# it is the predicate of the partial index ix_case_events_proxy, and a query uses that index
# only when its WHERE holds the same text (a bound parameter for the key would not match).
PROXY_DETAIL = "proxy"
PROXY_ENTRY = {
    "sqlite": f"json_extract(case_events.details, '$.{PROXY_DETAIL}') = 1",
    "postgresql": f"(case_events.details ->> '{PROXY_DETAIL}') = 'true'",
}


class CaseEvent(Base):
    """One step of a case's history (流转记录): append-only, never updated or deleted, sealed by a
    hash chain per case."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    # by case: ix_case_events_case_action (case_id first) below
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # The case's history is one SHA-256 chain (db/cases/history_chain.py): the previous entry's
    # hash and this entry's, over its content.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        # (action, at) ranges; with case_id a period's 挂账 (the cases' last suspend / resume
        # before a moment, db/stats/indices.py) reads the index alone, not the scattered events.
        Index("ix_case_events_action_at_case", "action", "at", "case_id"),
        # A case's entries of some kinds (its 派遣 for the 派遣意见, its 退单, its 延期): without
        # it SQLite, with no statistics gathered, walks every entry of those kinds instead.
        Index("ix_case_events_case_action", "case_id", "action"),
        # The 代录 entries by time (a few among millions): the department return's 代录件数 of a
        # year read them alone instead of the details of every department step (3.3 s → ms).
        Index(
            "ix_case_events_proxy",
            "at",
            sqlite_where=text(PROXY_ENTRY["sqlite"].replace("case_events.", "")),
            postgresql_where=text(PROXY_ENTRY["postgresql"].replace("case_events.", "")),
        ),
    )


class ImportedWorkOrder(Base):
    """A work order (工单编号, e.g. from the 12345 hotline) imported as a case (or into the
    待定位 tray, where it has no case yet). The primary key
    makes a number unique per source, so importing the same file twice, even at the same
    moment from two workstations, cannot make a second case of one order."""

    __tablename__ = "imported_work_orders"
    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    work_order: Mapped[str] = mapped_column(String(200), primary_key=True)
    # NULL while the order waits in the 待定位 tray (hotline_pending) or after it was dropped.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)


class Attachment(Base):
    """A photo or file attached to a case, stored in the database so every workstation sees it."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column()


class CaseNumberCounter(Base):
    """Per-day sequence behind case numbers like 2026112600013 (date + 5 digits)."""

    __tablename__ = "case_number_counters"
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column()


class CaseChange(Base):
    """Change log read by the change feed: one row per case touched by a write."""

    __tablename__ = "case_changes"
    seq: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column()
    changed_at: Mapped[datetime] = mapped_column()


class CaseReporter(Base):
    """A reporter of a case besides its own: the reporter of a duplicate merged into it (and of
    any case merged into that one). Every merged report is one row, so a main case was reported
    1 + rows times. Each reporter gets a 回访 of their own (`callback_*`)."""

    __tablename__ = "case_reporters"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(16))
    reported_at: Mapped[datetime] = mapped_column()
    merged_at: Mapped[datetime] = mapped_column()
    callback_at: Mapped[datetime | None] = mapped_column()
    callback_satisfaction: Mapped[str | None] = mapped_column(String(16))
    callback_by: Mapped[str | None] = mapped_column(String(64))


class NotDuplicate(Base):
    """A pair of cases a dispatcher said are not duplicates (不是重复): never proposed again.
    The smaller case id comes first."""

    __tablename__ = "not_duplicates"
    case_a_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    case_b_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True, index=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(64))

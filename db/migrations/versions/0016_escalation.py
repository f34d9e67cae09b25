"""escalation: rules, 督办单 (case urges), 上报 (case escalations), the sweeper's fired moments,
联席会议 (meetings) and their decisions

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

Six new tables and one index on cases (is_open, warn_at) for the sweeper's reminders. Two
default rules are seeded: urgent cases (reply in 1 working day, 上报 to the 联席会议 after 1
working day overdue) and the others (2 and 3 working days).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.models.base import JSONType, UTCDateTime

revision: str = "0016"
# Chained after the head of this branch for its tests; the lead re-chains at merge.
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rules = op.create_table(
        "escalation_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=True),
        sa.Column("remind_at_warning", sa.Boolean(), nullable=False),
        sa.Column("urge_at_deadline", sa.Boolean(), nullable=False),
        sa.Column("reply_days", sa.Integer(), nullable=False),
        sa.Column("escalate_after_days", sa.Integer(), nullable=True),
        sa.Column("escalate_to", sa.String(length=12), nullable=False),
        sa.Column("escalation_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_escalation_rules_category_id_categories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_rules")),
        sa.UniqueConstraint("category_id", name=op.f("uq_escalation_rules_category_id")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("departments", JSONType, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_table(
        "case_urges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("reply_by", UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("by_system", sa.Boolean(), nullable=False),
        sa.Column("reply_text", sa.Text(), nullable=True),
        sa.Column("replied_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("replied_by", sa.String(length=64), nullable=True),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_urges_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_case_urges_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_urges")),
    )
    op.create_index("ix_case_urges_case_id", "case_urges", ["case_id"])
    op.create_index(
        "ix_case_urges_department_open", "case_urges", ["department_id", "replied_at"]
    )
    op.create_index("ix_case_urges_reply_by", "case_urges", ["reply_by"])
    op.create_index("ix_case_urges_issued_at", "case_urges", ["issued_at"])
    op.create_table(
        "case_escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("escalated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalated_by", sa.String(length=64), nullable=False),
        sa.Column("by_system", sa.Boolean(), nullable=False),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_escalations_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_case_escalations_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_case_escalations_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_escalations")),
    )
    op.create_index("ix_case_escalations_case_id", "case_escalations", ["case_id"])
    op.create_index("ix_case_escalations_open", "case_escalations", ["resolved_at", "target"])
    op.create_index("ix_case_escalations_at", "case_escalations", ["escalated_at"])
    op.create_table(
        "escalation_fires",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=12), nullable=False),
        sa.Column("moment", UTCDateTime(timezone=True), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("fired_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_escalation_fires_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["escalation_rules.id"],
            name=op.f("fk_escalation_fires_rule_id_escalation_rules"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_escalation_fires_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_fires")),
        sa.UniqueConstraint("case_id", "stage", "moment", name="uq_escalation_fires_case_stage"),
    )
    op.create_index(
        "ix_escalation_fires_department",
        "escalation_fires",
        ["department_id", "stage", "acknowledged_at"],
    )
    op.create_table(
        "meeting_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_decisions_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_meeting_decisions_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["escalation_id"],
            ["case_escalations.id"],
            name=op.f("fk_meeting_decisions_escalation_id_case_escalations"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_meeting_decisions_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decisions")),
    )
    op.create_index("ix_meeting_decisions_meeting_id", "meeting_decisions", ["meeting_id"])
    op.create_index("ix_meeting_decisions_case_id", "meeting_decisions", ["case_id"])
    op.create_index("ix_cases_open_warn", "cases", ["is_open", "warn_at"])
    defaults = {
        "category_id": None,
        "remind_at_warning": True,
        "urge_at_deadline": True,
        "escalate_to": "meeting",
        "active": True,
    }
    op.bulk_insert(
        rules,
        [
            {
                **defaults,
                "urgent": True,
                "reply_days": 1,
                "escalate_after_days": 1,
                "escalation_days": 3,
            },
            {
                **defaults,
                "urgent": False,
                "reply_days": 2,
                "escalate_after_days": 3,
                "escalation_days": 5,
            },
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_open_warn", table_name="cases")
    op.drop_table("meeting_decisions")
    op.drop_table("escalation_fires")
    op.drop_table("case_escalations")
    op.drop_table("case_urges")
    op.drop_table("meetings")
    op.drop_table("escalation_rules")

"""Every GridDesk table, importable from one place (Alembic reads `Base.metadata` here)."""

from db.models.accounts import AuditEntry, AuditHead, Setting, User
from db.models.alarms import CaseAlarm
from db.models.base import Base
from db.models.calendar import HolidayDay, HolidayYear
from db.models.cases import (
    Attachment,
    Case,
    CaseChange,
    CaseEvent,
    CaseNumberCounter,
    CaseReporter,
    ImportedWorkOrder,
    NotDuplicate,
)
from db.models.categories import Category, MajorCategory
from db.models.departments import Department
from db.models.escalation import (
    CaseEscalation,
    CaseUrge,
    EscalationFire,
    EscalationRule,
    Meeting,
    MeetingDecision,
)
from db.models.gazetteer import GazetteerEntry
from db.models.geography import Community, District, GeographyChange, Grid, Street
from db.models.hotline import HotlinePending
from db.models.intake import IntakeModel
from db.models.joint import CaseDepartment
from db.models.notes import CaseNote, ShiftHandover
from db.models.people import (
    CommunityWorker,
    FirstSecretary,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    PayScale,
    Person,
    RosterEvent,
    SentDownCadre,
)
from db.models.requests import CohandlingRequest, ExtensionRequest
from db.models.rollups import (
    StatsCaseDays,
    StatsDaily,
    StatsDailyGrid,
    StatsDailyStreet,
    StatsDispatchDays,
    StatsMonthlyCategory,
    StatsMonthlyGrid,
    StatsRollupState,
    StatsSuspendEvents,
)

__all__ = [
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "Base",
    "Case",
    "CaseAlarm",
    "CaseChange",
    "CaseDepartment",
    "CaseEscalation",
    "CaseEvent",
    "CaseNote",
    "CaseNumberCounter",
    "CaseReporter",
    "CaseUrge",
    "Category",
    "CohandlingRequest",
    "Community",
    "CommunityWorker",
    "Department",
    "District",
    "EscalationFire",
    "EscalationRule",
    "ExtensionRequest",
    "FirstSecretary",
    "GazetteerEntry",
    "GeographyChange",
    "Grid",
    "GridAssignment",
    "HolidayDay",
    "HolidayYear",
    "HotlinePending",
    "ImportedWorkOrder",
    "IntakeModel",
    "MajorCategory",
    "Meeting",
    "MeetingDecision",
    "Mentorship",
    "NotDuplicate",
    "PartyCheckin",
    "PayScale",
    "Person",
    "RosterEvent",
    "SentDownCadre",
    "Setting",
    "ShiftHandover",
    "StatsCaseDays",
    "StatsDaily",
    "StatsDailyGrid",
    "StatsDailyStreet",
    "StatsDispatchDays",
    "StatsMonthlyCategory",
    "StatsMonthlyGrid",
    "StatsRollupState",
    "StatsSuspendEvents",
    "Street",
    "User",
]

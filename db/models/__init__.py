"""Every GridDesk table, importable from one place (Alembic reads `Base.metadata` here)."""

from db.models.accounts import AuditEntry, Setting, User
from db.models.alarms import CaseAlarm
from db.models.base import Base
from db.models.calendar import HolidayDay, HolidayYear
from db.models.cases import (
    Attachment,
    Case,
    CaseChange,
    CaseEvent,
    CaseNumberCounter,
    ImportedWorkOrder,
)
from db.models.categories import Category, MajorCategory
from db.models.departments import Department
from db.models.geography import Community, District, GeographyChange, Grid, Street
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
from db.models.rollups import (
    StatsCaseDays,
    StatsDaily,
    StatsDailyGrid,
    StatsDailyStreet,
    StatsRollupState,
)

__all__ = [
    "Attachment",
    "AuditEntry",
    "Base",
    "Case",
    "CaseAlarm",
    "CaseChange",
    "CaseEvent",
    "CaseNote",
    "CaseNumberCounter",
    "Category",
    "Community",
    "CommunityWorker",
    "Department",
    "District",
    "FirstSecretary",
    "GeographyChange",
    "Grid",
    "GridAssignment",
    "HolidayDay",
    "HolidayYear",
    "ImportedWorkOrder",
    "MajorCategory",
    "Mentorship",
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
    "StatsRollupState",
    "Street",
    "User",
]

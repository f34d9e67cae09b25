"""What a database holds, as `griddesk-admin info` reports it: counts and the schema revision.

People are counted per roster role as distinct persons currently in that role: a grid
assignment or community-worker post whose `end_date` is set is history, not a current role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from db.cases.states import STATUS_LABELS, Status
from db.migrate import current_revision
from db.models import (
    Case,
    Category,
    Community,
    CommunityWorker,
    Department,
    FirstSecretary,
    Grid,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    SentDownCadre,
)

# Roster roles in the order `info` lists them; the keys are part of the `info --json` contract.
ROSTER_ROLE_LABELS: dict[str, str] = {
    "community_workers": "社区工作者",
    "grid_leaders": "网格长",
    "grid_workers": "网格员",
    "first_secretaries": "第一书记",
    "mentors": "帮带导师",
    "apprentices": "帮带对象",
    "sent_down_cadres": "下沉干部",
    "party_checkins": "报到党员",
}


@dataclass(frozen=True)
class DatabaseInfo:
    """Counts of what the database holds (keys stable: scripts read `info --json`)."""

    database: str
    schema_revision: str | None
    communities: int
    grids: int
    departments: int
    categories: int
    people: dict[str, int]
    cases: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "communities": self.communities,
            "grids": self.grids,
            "departments": self.departments,
            "categories": self.categories,
            "people": dict(self.people),
            "cases": dict(self.cases),
            "schema_revision": self.schema_revision,
            "database": self.database,
        }

    @property
    def total_cases(self) -> int:
        return sum(self.cases.values())


def _count(session: Session, stmt: Select[int]) -> int:
    return int(session.scalar(stmt) or 0)


def _distinct_people(
    session: Session, column: QueryableAttribute[int], *where: ColumnElement[bool]
) -> int:
    return _count(session, select(func.count(distinct(column))).where(*where))


def people_per_role(session: Session) -> dict[str, int]:
    """Distinct persons currently in each roster role (keys of `ROSTER_ROLE_LABELS`)."""
    current_grid = GridAssignment.end_date.is_(None)
    return {
        "community_workers": _distinct_people(
            session, CommunityWorker.person_id, CommunityWorker.end_date.is_(None)
        ),
        "grid_leaders": _distinct_people(
            session, GridAssignment.person_id, GridAssignment.role == "leader", current_grid
        ),
        "grid_workers": _distinct_people(
            session, GridAssignment.person_id, GridAssignment.role == "worker", current_grid
        ),
        "first_secretaries": _distinct_people(session, FirstSecretary.person_id),
        "mentors": _distinct_people(session, Mentorship.mentor_id),
        "apprentices": _distinct_people(session, Mentorship.apprentice_id),
        "sent_down_cadres": _distinct_people(session, SentDownCadre.person_id),
        "party_checkins": _distinct_people(session, PartyCheckin.person_id),
    }


def cases_per_status(session: Session) -> dict[str, int]:
    """Every status (also those with no case) → number of cases, in workflow order."""
    counts = {status.value: 0 for status in Status}
    for status, count in session.execute(
        select(Case.status, func.count()).group_by(Case.status)
    ).all():
        counts[str(status)] = int(count)
    return counts


def database_info(session: Session, description: str) -> DatabaseInfo:
    """Counts for `info`; `description` names the database (see `Database.describe`)."""
    return DatabaseInfo(
        database=description,
        schema_revision=current_revision(session.connection()),
        communities=_count(session, select(func.count()).select_from(Community)),
        grids=_count(session, select(func.count()).select_from(Grid)),
        departments=_count(session, select(func.count()).select_from(Department)),
        categories=_count(session, select(func.count()).select_from(Category)),
        people=people_per_role(session),
        cases=cases_per_status(session),
    )


def status_label(status: str) -> str:
    """The Chinese name of a status value as `info` prints it."""
    return STATUS_LABELS[Status(status)]

"""All the proposals for one call or order: 小类, grid, department — what the 来电登记 form
shows, what the 12345 import decides with and what `griddesk-admin case suggest` prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from db.engine import Database
from db.gazetteer.placement import place_in
from db.reference.choices import Choice


@dataclass(frozen=True)
class IntakeSuggestion:
    categories: tuple[Choice, ...]
    grids: tuple[Choice, ...]
    grid_certain: bool
    departments: tuple[Choice, ...]

    def as_json(self) -> dict[str, Any]:
        """The shape scripts rely on (`case suggest --json`)."""
        return {
            "categories": [c.as_json() for c in self.categories],
            "grids": [g.as_json() for g in self.grids],
            "grid_certain": self.grid_certain,
            "departments": [d.as_json(with_code=False) for d in self.departments],
        }


def suggest_in(session: Session, text: str, address: str, *, limit: int = 3) -> IntakeSuggestion:
    # The classifier (numpy) loads with the first suggestion, not with the window.
    from db.intake.classify import suggest_categories_in, suggest_departments_in

    categories = suggest_categories_in(session, text, limit=limit)
    placement = place_in(session, address, limit=limit)
    departments: list[Choice] = []
    if categories and categories[0].id is not None:
        grid_id = placement.grids[0].id if placement.certain and placement.grids else None
        departments = suggest_departments_in(session, categories[0].id, grid_id, limit=limit)
    return IntakeSuggestion(
        tuple(categories), placement.grids, placement.certain, tuple(departments)
    )


def suggest(db: Database, text: str, address: str, *, limit: int = 3) -> IntakeSuggestion:
    with db.read() as session:
        return suggest_in(session, text, address, limit=limit)

"""Suggesting the 小类 of a description and the department for a 小类 in a grid.

PROVISIONAL: catalogue names and keywords counted in the text, and the 小类's default
department. The classification work replaces the bodies (same signatures and result types)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, Department
from db.reference.category_keywords import split_keywords
from db.reference.choices import Choice


def suggest_categories_in(session: Session, text: str, *, limit: int = 3) -> list[Choice]:
    """The likeliest 小类 of `text`, best first (at most `limit`)."""
    scored: list[Choice] = []
    for category in session.scalars(select(Category).where(Category.active.is_(True))):
        words = [category.name, *split_keywords(category.keywords)]
        hits = [w for w in words if w and w in text]
        if hits:
            scored.append(
                Choice(
                    category.code,
                    category.name,
                    min(1.0, 0.3 * len(hits)),
                    f"描述含 {'、'.join(hits[:3])}",
                    id=category.id,
                )
            )
    scored.sort(key=lambda c: -c.score)
    return scored[:limit]


def suggest_departments_in(
    session: Session, category_id: int, grid_id: int | None, *, limit: int = 3
) -> list[Choice]:
    """The departments that should handle a 小类 in a grid, best first (at most `limit`)."""
    category = session.get(Category, category_id)
    if category is None or category.default_department_id is None:
        return []
    department = session.get(Department, category.default_department_id)
    if department is None:
        return []
    return [Choice("", department.name, 0.5, "该小类的默认处置部门", id=department.id)][:limit]

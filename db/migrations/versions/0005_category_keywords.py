"""category keywords and retirement day: 小类 a center adds, renames and retires itself

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

`categories.keywords` holds the words and synonyms callers use for a 小类 (马葫芦 for 井盖),
comma-separated; intake's suggestions match them. `categories.retired_on` is the day a 小类 was
retired (停用): it stays on its cases and in the returns, but takes no new reports.

The bundled catalogue's keywords (resources/catalogue/categories.json) are written onto the
小类 of an existing database that still carry the bundled code and name; a 小类 the center
renamed or added keeps empty keywords for its administrator to fill in. Already retired 小类
keep an empty retirement day (the day was not recorded).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.paths import resources_dir

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYWORDS_LENGTH = 400


def _bundled_keywords() -> dict[tuple[str, str], str]:
    """(code, name) → comma-separated keywords of the bundled catalogue ({} if unreadable)."""
    path = resources_dir() / "catalogue" / "categories.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[tuple[str, str], str] = {}
    for major in document.get("majors", []):
        for minor in major.get("minors", []):
            words = [str(w) for w in minor.get("keywords", []) if str(w).strip()]
            text = ",".join(dict.fromkeys(words))
            if text and len(text) <= KEYWORDS_LENGTH:
                found[(str(minor["code"]), str(minor["name"]))] = text
    return found


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN on both databases: a batch would copy the table on
    # SQLite, and dropping the old copy of a table the cases point at fails the foreign key check.
    op.add_column(
        "categories",
        sa.Column(
            "keywords",
            sa.String(length=KEYWORDS_LENGTH),
            server_default=sa.text("''"),
            nullable=False,
        ),
    )
    op.add_column("categories", sa.Column("retired_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    categories = sa.table(
        "categories",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("keywords", sa.String),
    )
    bundled = _bundled_keywords()
    rows = bind.execute(sa.select(categories.c.id, categories.c.code, categories.c.name)).all()
    for row_id, code, name in rows:
        words = bundled.get((code, name))
        if words:
            bind.execute(
                sa.update(categories).where(categories.c.id == row_id).values(keywords=words)
            )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (see upgrade for why not as a batch).
    op.drop_column("categories", "retired_on")
    op.drop_column("categories", "keywords")

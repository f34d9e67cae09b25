"""A street (街道) as a filter: its communities' cases.

One database may hold several streets (a district center, 区级). Cases keep no street column: a
street's cases are those of its communities (`community_id IN (SELECT id FROM communities WHERE
street_id = …)`), and the indexes that lead with the community answer it. A community never
changes street (db/boundaries/changes.py merges and splits communities within one).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, select

from db.models import Community


def street_communities(street_id: int) -> Select[int]:
    """The ids of the street's communities (retired ones too: their cases stay the street's)."""
    return select(Community.id).where(Community.street_id == street_id)


def in_street(community: Any, street_id: int) -> ColumnElement[bool]:
    """`community` (a column of community ids) is one of the street's communities."""
    result: ColumnElement[bool] = community.in_(street_communities(street_id))
    return result

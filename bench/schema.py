"""The key that says a cached bench database still fits the code: a digest of every migration.

A database built before a migration was added, or before the revisions were re-chained, would
be upgraded along the wrong path (or not at all); any change to the migrations rebuilds it."""

from __future__ import annotations

import hashlib
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent.parent / "db" / "migrations" / "versions"


def schema_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(VERSIONS.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

"""`audit verify`: the audit log's chain (with this workstation's anchors) and every case's
history chain (db/cases/history_chain.py), checked together."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.cases.history_chain import HistoryReport, verify_history
from db.security.audit import ChainReport, verify_chain
from db.security.audit_anchor import Anchor


@dataclass(frozen=True)
class IntegrityReport:
    audit: ChainReport
    history: HistoryReport

    @property
    def ok(self) -> bool:
        return self.audit.ok and self.history.ok

    @property
    def reason(self) -> str:
        return f"{self.audit.reason}；{self.history.reason}"


def verify_integrity(session: Session, anchors: list[Anchor] | None = None) -> IntegrityReport:
    return IntegrityReport(verify_chain(session, anchors), verify_history(session))

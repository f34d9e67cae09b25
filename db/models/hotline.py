"""The 待定位 tray: 12345 hotline orders whose grid or 小类 the import could not decide."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class HotlinePending(Base):
    """One hotline work order waiting for a dispatcher to confirm its grid and 小类 (待定位).

    It keeps the order's fields as the hotline sent them, when and by whom it was imported, the
    suggestions the import saw (`suggestions`: the JSON of `IntakeSuggestion.as_json()`), and
    its fate: `status` pending → confirmed (`case_id` the case it became) or dropped (作废,
    with `drop_reason`). The order's 工单编号 is also in imported_work_orders from the moment
    it lands here, so a re-import skips it whatever became of it."""

    __tablename__ = "hotline_pending"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order: Mapped[str] = mapped_column(String(200), unique=True)
    called_at: Mapped[datetime | None] = mapped_column()
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), default="")
    kind: Mapped[str] = mapped_column(String(16), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(64), default="")
    street: Mapped[str] = mapped_column(String(64), default="")
    handler: Mapped[str] = mapped_column(String(100), default="")
    limit_days: Mapped[int | None] = mapped_column()
    urgent: Mapped[bool | None] = mapped_column()
    reason: Mapped[str] = mapped_column(String(200), default="")
    suggestions: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    imported_at: Mapped[datetime] = mapped_column()
    imported_by: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    decided_at: Mapped[datetime | None] = mapped_column()
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    drop_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_hotline_pending_status", "status", "imported_at"),)

"""User accounts with roles, the hash-chained audit log, and settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, JSONType


class User(Base):
    """A person who signs in: 调度员, 文书, 值班长, 领导, 管理员, or a department's 部门经办 /
    部门负责人 (`department_id` names their department; NULL for the centre's roles)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(32))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()


class AuditEntry(Base):
    """One append-only audit record, chained to the previous one by SHA-256."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column()
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The audit log's head (审计日志链头): one row (id 1), the newest entry's id and hash, moved
    by every append in the same transaction. A writer chains after it (its row lock serialises
    appends on PostgreSQL), and the dispatch reads it with the case and moves it in its one
    write statement on the condition that it is still the one read (compare-and-set)."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column()
    last_hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """A center-wide setting (warning share, working hours, index weights…) as JSON."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)
    note: Mapped[str] = mapped_column(Text, default="")

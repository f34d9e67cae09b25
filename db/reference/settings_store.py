"""Center-wide settings (时限预警比例, 工作时间, 指标权重 …) stored in the `settings` table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from db.clock import WorkCalendar, WorkingHours
from db.errors import ValidationError
from db.models import Setting
from db.reference.calendar_store import VERSION_KEY, effective_years, ensure_loaded
from db.security.actors import SYSTEM, Actor
from db.security.audit import record_audit


@dataclass(frozen=True)
class CenterSettings:
    center_name: str = "网格化服务管理指挥调度中心"  # 填报单位; set by the day-one setup
    timezone: str = "Asia/Shanghai"
    working_hours: str = "08:30-12:00,13:00-17:30"
    warn_share: float = 0.8
    workers_per_10k_minimum: float = 18.0
    households_per_worker: int = 200
    backups_kept: int = 7  # automatic daily backups of the SQLite file kept
    index_weights: dict[str, float] = field(
        default_factory=lambda: {"response": 0.1, "solve": 0.5, "satisfaction": 0.4}
    )
    # Keep the GPS position (EXIF) of photos attached in the window; off: it is removed on intake.
    photo_keep_location: bool = False
    # Changes with every edit of the holiday calendar (db.holidays.calendar_years); "" = bundled only.
    calendar_version: str = ""

    def calendar(self) -> WorkCalendar:
        """The working calendar: bundled holidays overlaid by the center's own years."""
        return _calendar(self.working_hours, self.timezone, self.calendar_version)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache(maxsize=16)
def _calendar(hours: str, tz: str, version: str) -> WorkCalendar:
    years = effective_years(version)
    return WorkCalendar.from_years(years.values(), WorkingHours.parse(hours), ZoneInfo(tz))


_FIELDS = {f.name for f in fields(CenterSettings)}
_INTERNAL = frozenset({VERSION_KEY})  # kept by the services that own them, not by save_setting


_ALL = select(Setting.key, Setting.value)  # made once


def load_settings(session: Session) -> CenterSettings:
    stored: dict[str, Any] = {key: value for key, value in session.execute(_ALL)}
    return settings_from(session, stored)


def settings_column() -> ScalarSelect[Any]:
    """PostgreSQL: the center's settings as one JSON object, a column to add to a statement
    the caller runs anyway (the workflow's case load), so a transition reads them fresh in
    the same round trip; give the value to `settings_from`."""
    return (
        select(func.jsonb_object_agg(Setting.key, Setting.value))
        .where(Setting.key.in_(sorted(_FIELDS)))
        .scalar_subquery()
    )


def settings_from(session: Session, stored: Mapping[str, Any] | None) -> CenterSettings:
    """The settings from their stored rows (key → value; keys that are not settings ignored)."""
    values = {k: v for k, v in (stored or {}).items() if k in _FIELDS}
    version = values.get(VERSION_KEY)
    if version:
        values[VERSION_KEY] = ensure_loaded(session, str(version))
    return CenterSettings(**values)


def save_setting(session: Session, key: str, value: Any, actor: Actor = SYSTEM) -> CenterSettings:
    """Validate and store one setting (audited); returns the settings as they now are."""
    actor.require("admin.settings", "修改中心设置")
    if key not in _FIELDS or key in _INTERNAL:
        raise ValidationError(f"没有名为「{key}」的设置项")
    candidate = asdict(load_settings(session)) | {key: value}
    settings = CenterSettings(**candidate)
    if not 1 <= int(settings.backups_kept) <= 365:
        raise ValidationError("保留的自动备份份数应在 1 与 365 之间")
    if not 0 < settings.warn_share <= 1:
        raise ValidationError("预警比例应在 0 与 1 之间（例如 0.8）")
    if not isinstance(settings.photo_keep_location, bool):
        raise ValidationError("「照片保留拍摄位置」应为 是 或 否")
    try:
        WorkingHours.parse(settings.working_hours)
        ZoneInfo(settings.timezone)
    except (ValueError, KeyError) as exc:
        raise ValidationError(f"设置「{key}」的值无效：{exc}") from exc
    row = session.get(Setting, key)
    previous = None if row is None else row.value
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    record_audit(session, actor, "settings.save", "setting", key, {"from": previous, "to": value})
    return settings

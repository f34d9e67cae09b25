"""What a return is asked for (period, scope, who asks) and that request resolved against the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.models import Community, Department, Street
from db.models.base import utcnow
from db.reference.codes import validate_community_code, validate_street_code
from db.reference.settings_store import CenterSettings, load_settings
from db.security.actors import SYSTEM, Actor
from db.stats.indices import Scope
from reports.period import Period


@dataclass(frozen=True)
class ReportRequest:
    """A return for `period`, for the whole database or one street (code: on a district
    database, several streets on one server), community (code) or department (name).

    `unmasked=True` asks for ID numbers and phones in clear; only an actor with the
    `personal.reveal` permission may ask. `as_of` fixes "now" (tests, reproducible runs).
    """

    period: Period
    community: str | None = None
    department: str | None = None
    actor: Actor = SYSTEM
    unmasked: bool = False
    as_of: datetime | None = None
    street: str | None = None


@dataclass(frozen=True)
class Resolved:
    """A request checked against the database: ids, names, UTC bounds and settings."""

    request: ReportRequest
    settings: CenterSettings
    scope: Scope
    community_name: str | None
    department_name: str | None
    start: datetime
    end: datetime
    as_of: datetime
    street_name: str | None = None

    @property
    def period(self) -> Period:
        return self.request.period

    @property
    def unit(self) -> str:
        """填报单位: the center, narrowed to the community or department of the scope."""
        parts = [n for n in (self.street_name, self.community_name, self.department_name) if n]
        name = self.settings.center_name
        return f"{name}（{'·'.join(parts)}）" if parts else name

    @property
    def period_label(self) -> str:
        return f"{self.period.label}（{self.period.range_label}）"

    @property
    def filled_on(self) -> date:
        return self.as_of.astimezone(self.settings.tz).date()

    @property
    def preparer(self) -> str:
        return self.request.actor.label

    @property
    def reveal(self) -> bool:
        return self.request.unmasked


def resolve(session: Session, request: ReportRequest) -> Resolved:
    """Check the scope names and permissions; raise NotFound / InvalidCode / PermissionDenied."""
    if request.unmasked:
        request.actor.require("personal.reveal", "导出未脱敏的个人信息")
    settings = load_settings(session)
    street_id = community_id = department_id = None
    street_name = community_name = department_name = None
    if request.street:
        street_code = validate_street_code(request.street.strip())
        street = session.scalar(select(Street).where(Street.code == street_code))
        if street is None:
            raise NotFound(f"街道编码 {street_code} 不存在")
        street_id, street_name = street.id, street.name
    if request.community:
        code = validate_community_code(request.community.strip())
        community = session.scalar(select(Community).where(Community.code == code))
        if community is None:
            raise NotFound(f"社区编码 {code} 不存在")
        if street_id is not None and community.street_id != street_id:
            raise ValidationError(f"社区 {code}（{community.name}）不属于街道「{street_name}」")
        community_id, community_name = community.id, community.name
    if request.department:
        department = session.scalar(
            select(Department).where(Department.name == request.department.strip())
        )
        if department is None:
            raise NotFound(f"部门「{request.department.strip()}」不存在")
        department_id, department_name = department.id, department.name
    start, end = request.period.bounds(settings.tz)
    return Resolved(
        request=request,
        settings=settings,
        scope=Scope(community_id, department_id, street_id),
        community_name=community_name,
        department_name=department_name,
        start=start,
        end=end,
        as_of=request.as_of or utcnow(),
        street_name=street_name,
    )


def no_department_scope(resolved: Resolved, what: str) -> None:
    if resolved.scope.department_id is not None:
        raise ValidationError(f"{what}不能按部门统计，请选择全街道或某个社区")

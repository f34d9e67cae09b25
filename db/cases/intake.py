"""Taking in a new report (上报): numbering, first deadline, first history event, photos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.cases.duplicates import count_duplicates_in
from db.cases.history_chain import add_events
from db.cases.states import Action, Source, Status
from db.cases.transitions import reported_state
from db.clock import TimeBasis
from db.engine import Database
from db.errors import NotFound, ValidationError
from db.feed.change_log import record_changes
from db.files import read_regular_file
from db.models import Attachment, Case, CaseNumberCounter, Category
from db.models.base import utcnow
from db.models.limits import check_values
from db.reference.geography import find_grid
from db.reference.geography_history import grid_closed_problem
from db.reference.settings_store import load_settings
from db.security.actors import SYSTEM, Actor
from db.security.audit import record_audit
from db.sheets.cells import parse_phone

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# A case number is the local day and a 5-digit sequence: at most this many cases a day.
CASE_NUMBERS_PER_DAY = 99_999


@dataclass(frozen=True)
class Photo:
    filename: str
    content_type: str
    data: bytes


def read_photo_file(path: Path) -> bytes:
    """A photo's bytes from a regular file of at most `MAX_PHOTO_BYTES`, checked before reading
    (a device such as /dev/zero, a pipe or a folder is refused without reading)."""
    return read_regular_file(path, MAX_PHOTO_BYTES, "照片")


def next_case_number(session: Session, day: date) -> str:
    """The next number of `day` (local date): YYYYMMDD + 5-digit sequence, e.g. 2026112600013."""
    key = day.strftime("%Y%m%d")
    dialect = session.get_bind().dialect.name
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        ins(CaseNumberCounter)
        .values(day=key, last=1)
        .on_conflict_do_update(
            index_elements=[CaseNumberCounter.day], set_={"last": CaseNumberCounter.last + 1}
        )
        .returning(CaseNumberCounter.last)
    )
    seq = int(session.execute(stmt).scalar_one())
    if seq > CASE_NUMBERS_PER_DAY:
        raise ValidationError(f"{key} 当日案件编号已用尽（上限 {CASE_NUMBERS_PER_DAY} 件）")
    return f"{key}{seq:05d}"


def find_category(session: Session, code: str) -> Category:
    """The 小类 of a new case by its code, or by its name when that names one 小类 in use; a
    retired (停用) 小类 is refused in one sentence."""
    text = code.strip()
    category = session.scalar(select(Category).where(Category.code == text))
    if category is None:
        named = list(session.scalars(select(Category).where(Category.name == text)))
        in_use = [c for c in named if c.active]
        if len(in_use) > 1:
            codes = "、".join(c.code for c in in_use)
            raise ValidationError(f"有多个名为「{text}」的小类（{codes}），请用小类编码")
        category = in_use[0] if in_use else (named[0] if named else None)
    if category is None:
        raise NotFound(f"案件类别 {code} 不存在或已停用")
    if not category.active:
        why = f"已于 {category.retired_on:%Y-%m-%d} 停用" if category.retired_on else "已停用"
        raise NotFound(
            f"案件类别 {category.code} {category.name}（{why}），不能再上报此类案件；请选择其他小类"
        )
    return category


def report_in(
    session: Session,
    *,
    grid_code: str,
    category_code: str,
    description: str,
    source: Source = Source.GRID_UPLOAD,
    urgent: bool | None = None,
    address: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    longitude: float | None = None,
    latitude: float | None = None,
    photos: tuple[Photo, ...] = (),
    actor: Actor = SYSTEM,
    now: datetime | None = None,
    note: str = "",
) -> Case:
    """Write a new case and its first history event (with `note`, e.g. the work order it came
    from) in the caller's transaction. Its number follows the local day of `now`."""
    actor.require("case.report", "上报案件")
    description = description.strip()
    if not description:
        raise ValidationError("问题描述不能为空")
    if len(description) > 2000:
        raise ValidationError("问题描述过长（最多 2000 字）")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError(f"经度 {longitude} 超出范围")
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError(f"纬度 {latitude} 超出范围")
    for photo in photos:
        if len(photo.data) > MAX_PHOTO_BYTES:
            raise ValidationError(f"照片 {photo.filename} 超过 10 MB")
        check_values(Attachment, {"filename": photo.filename})
    address, reporter_name = address.strip(), reporter_name.strip()
    # The same rule as the work-order import: a mobile or a landline with its area code.
    reporter_phone = parse_phone(reporter_phone, "反映人电话")
    check_values(
        Case,
        {
            "description": description,
            "address": address,
            "reporter_name": reporter_name,
            "reporter_phone": reporter_phone,
        },
    )
    grid = find_grid(session, grid_code)
    category = find_category(session, category_code)
    settings = load_settings(session)
    now = now or utcnow()
    local_day = now.astimezone(settings.tz).date()
    closed = grid_closed_problem(grid, local_day)  # a retired grid takes no new reports
    if closed is not None:
        raise ValidationError(closed)
    due, warn = settings.calendar().deadline(
        now, category.dispatch_minutes, TimeBasis(category.basis), settings.warn_share
    )
    case = Case(
        number=next_case_number(session, local_day),
        source=source.value,
        grid_id=grid.id,
        community_id=grid.community_id,
        category_id=category.id,
        address=address,
        longitude=longitude,
        latitude=latitude,
        description=description,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        reported_by=actor.label,
        urgent=category.urgent if urgent is None else urgent,
        reported_at=now,
        **reported_state(now, due, warn),
    )
    session.add(case)
    session.flush()
    add_events(
        session,
        [
            {
                "case_id": case.id,
                "at": now,
                "actor": actor.label,
                "action": Action.REPORT.value,
                "from_status": None,
                "to_status": Status.REPORTED.value,
                "note": note,
                "details": {"source": source.value},
            }
        ],
    )
    for photo in photos:
        session.add(
            Attachment(
                case_id=case.id,
                filename=photo.filename,
                content_type=photo.content_type,
                data=photo.data,
                created_at=now,
            )
        )
    # 疑似重复: counted in the writing transaction (a bounded, indexed search).
    case.possible_duplicates = count_duplicates_in(session, case, new=True)
    record_changes(session, [case.id])
    record_audit(
        session,
        actor,
        "case.report",
        "case",
        case.number,
        {"source": source.value, "grid": grid.code, "category": category.code},
        now=now,
    )
    return case


def report_case(db: Database, **kwargs: object) -> str:
    """Report a new case in its own transaction; returns the case number."""
    with db.write() as session:
        case = report_in(session, **kwargs)  # type: ignore[arg-type]
        return case.number

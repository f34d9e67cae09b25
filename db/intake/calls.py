"""Taking a call or a walk-in (来电登记): what the form in the window saves, checked field by
field, written as a new case in 待立案 — or 立案 at once, in the same transaction, for a role
that may register — and what the form proposes while the dispatcher types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from db.cases.duplicates import DuplicateCandidate, find_duplicates_in
from db.cases.intake import report_in
from db.cases.states import Action, Source, Status
from db.cases.workflow import apply_in
from db.engine import Database
from db.errors import ValidationError
from db.intake.photos import MAX_PHOTOS, CheckedPhoto, check_photo
from db.intake.suggest import IntakeSuggestion, suggest_in
from db.models import Category, Grid
from db.models.base import utcnow
from db.reference.categories import list_categories
from db.reference.geography import list_grids
from db.reference.settings_store import load_settings
from db.security.actors import Actor

# The channels (来源渠道) the form offers, in its order, and the source each case gets.
CHANNELS: dict[str, Source] = {
    "来电": Source.CALL,
    "来访": Source.VISIT,
    "网格上传": Source.GRID_UPLOAD,
    "12345": Source.HOTLINE,
    "上级交办": Source.ASSIGNED,
    "巡查发现": Source.PATROL,
}
# A call back (回访) needs a number: these channels come with the caller's phone.
PHONE_REQUIRED = frozenset({"来电", "12345"})


@dataclass(frozen=True)
class CallForm:
    """What the dispatcher typed and chose; `grid_id` and `category_id` are the confirmed ones
    (a proposal is never taken without the dispatcher's say)."""

    caller: str
    phone: str
    channel: str
    address: str
    description: str
    urgent: bool = False
    grid_id: int | None = None
    category_id: int | None = None
    photos: tuple[CheckedPhoto, ...] = field(default=())
    register: bool = False  # 立案 at once


@dataclass(frozen=True)
class TakenCall:
    case_id: int
    number: str
    status: str  # db.cases.states.Status value
    photos: int
    locations_removed: int  # photos whose GPS position was removed


def may_take_calls(actor: Actor) -> bool:
    return actor.can("case.report")


def may_register_at_once(actor: Actor) -> bool:
    return actor.can("case.report") and actor.can("case.register")


def take_call_in(
    session: Session, actor: Actor, form: CallForm, *, now: datetime | None = None
) -> TakenCall:
    """Check every field (one sentence for the first that is wrong) and write the case."""
    actor.require("case.report", "登记来电")
    if form.register:
        actor.require("case.register", "立案")
    channel = form.channel.strip()
    if channel not in CHANNELS:
        raise ValidationError(f"来源渠道「{channel}」无法识别，可选：{'、'.join(CHANNELS)}")
    caller, address, description = (
        form.caller.strip(),
        form.address.strip(),
        form.description.strip(),
    )
    if channel in PHONE_REQUIRED and not form.phone.strip():
        raise ValidationError(f"{channel}须填写联系电话，以便回访")
    if not address:
        raise ValidationError("请填写事发地址")
    if not description:
        raise ValidationError("请填写问题描述")
    if form.grid_id is None:
        raise ValidationError("请先确认或选择网格")
    if form.category_id is None:
        raise ValidationError("请先确认或选择小类")
    grid = session.get(Grid, form.grid_id)
    if grid is None:
        raise ValidationError("所选网格已不存在，请重新选择")
    category = session.get(Category, form.category_id)
    if category is None:
        raise ValidationError("所选小类已不存在，请重新选择")
    if len(form.photos) > MAX_PHOTOS:
        raise ValidationError(f"最多附 {MAX_PHOTOS} 张照片（现有 {len(form.photos)} 张）")
    keep = load_settings(session).photo_keep_location
    # Checked again here, whatever the window did: the center's setting is read in this
    # transaction, and a photo is never written on the window's word alone.
    photos = [check_photo(p.filename, p.data, keep_location=keep) for p in form.photos]
    now = now or utcnow()
    case = report_in(
        session,
        grid_code=grid.code,
        category_code=category.code,
        description=description,
        source=CHANNELS[channel],
        urgent=bool(form.urgent),
        address=address,
        reporter_name=caller,
        reporter_phone=form.phone,
        photos=tuple(p.as_photo() for p in photos),
        actor=actor,
        now=now,
    )
    status = Status.REPORTED
    if form.register:
        status = apply_in(session, case.number, Action.REGISTER, actor=actor, now=now).to_status
    # A position the window already removed (it checks with the same setting) counts too.
    removed = sum(
        1
        for given, checked in zip(form.photos, photos, strict=True)
        if (given.had_location or checked.had_location) and not checked.location_kept
    )
    return TakenCall(case.id, case.number, status.value, len(photos), removed)


def take_call(
    db: Database, actor: Actor, form: CallForm, *, now: datetime | None = None
) -> TakenCall:
    """Take a call in its own transaction: the case and its photos, or nothing."""
    with db.write() as session:
        return take_call_in(session, actor, form, now=now)


# --- what the form shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class PickItem:
    """A grid or a 小类 in the form's pickers."""

    id: int
    code: str
    name: str  # 新明社区第01网格 / 暴露垃圾
    group: str  # the community / 事件·市容环境


@dataclass(frozen=True)
class PickLists:
    grids: tuple[PickItem, ...]
    categories: tuple[PickItem, ...]


def pick_lists(db: Database) -> PickLists:
    """The grids and 小类 a new case may take (retired ones left out), by code."""
    with db.read() as session:
        grids = tuple(
            PickItem(g.id, g.code, f"{g.community}{g.name}", g.community)
            for g in list_grids(session)
            if g.retired_on is None
        )
        categories = tuple(
            PickItem(c.id, c.code, c.name, c.major) for c in list_categories(session) if c.active
        )
    return PickLists(grids, categories)


@dataclass(frozen=True)
class Proposals:
    """What the form shows for the text typed so far."""

    suggestion: IntakeSuggestion
    duplicates: tuple[DuplicateCandidate, ...]


def proposals(
    db: Database,
    text: str,
    address: str,
    *,
    grid_id: int | None = None,
    category_id: int | None = None,
    now: datetime | None = None,
) -> Proposals:
    """Grid, 小类 and department proposals, and possible duplicates: looked for in the chosen
    grid and 小类, or, until the dispatcher has chosen, in the first proposed ones."""
    with db.read() as session:
        suggestion = suggest_in(session, text, address)
        if grid_id is None and suggestion.grids:
            grid_id = suggestion.grids[0].id
        if category_id is None and suggestion.categories:
            category_id = suggestion.categories[0].id
        duplicates: list[DuplicateCandidate] = []
        if text.strip() or address.strip():
            duplicates = find_duplicates_in(
                session,
                text=text,
                address=address,
                grid_id=grid_id,
                category_id=category_id,
                now=now or utcnow(),
            )
    return Proposals(suggestion, tuple(duplicates))

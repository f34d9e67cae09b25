"""Changes of the geography over time (区划调整): rename a grid or community, retire a grid, split
one grid into several, merge grids, merge communities.

Rules (every request is checked whole before anything is written; a refusal is one Chinese
sentence and leaves the database unchanged):

- `effective_on` is the first day of the new state: an old grid is retired on it (its last day
  of use is the day before), new grids are in use from it. It may not lie after today (a change
  is recorded when it takes effect), nor on or before the day an old grid came into use, nor
  before an earlier change of it, nor on or before the day of a case reported in an old grid
  (cases keep the grid they were reported in, so such a case would lie in a retired grid).
- New grid codes sit under their community's code, are unused (codes are never reused, not
  even a retired one's) and appear once; new names are unique among the community's grids in
  use afterwards.
- Cases are never rewritten. Returns list a grid for the periods it was in use (or had figures),
  under the name it had then (db.reference.geography_history).
- Rosters: the grid staff (网格长/网格员) in post in an old grid move with the mapping. Their
  assignment ends on the effective day and a new one starts on it in the new grid (the
  roster's history shows both); one that starts on or after the effective day is moved as it
  is. A merge moves everyone to the merged grid; a split moves everyone to the FIRST new grid
  unless `assignments` names another for a person's assignment — the summary lists every
  move so the secretary can check it.
- Merging communities retires them and re-codes each of their grids under the community they
  merge into (the codes given, or the next free numbers there), as a merge of that grid
  into its new code. The community-level rosters in post (社区工作者, 第一书记, 下沉干部,
  党员报到) move to the community merged into, recorded in the roster history.

Every change is written to `geography_changes` (one row per old → new code) and audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.models import (
    Case,
    Community,
    CommunityWorker,
    FirstSecretary,
    GeographyChange,
    Grid,
    GridAssignment,
    PartyCheckin,
    Person,
    SentDownCadre,
)
from db.models.base import utcnow
from db.people.roster_kinds import KIND_LABELS as ROSTER_LABELS
from db.people.roster_kinds import Kind
from db.people.rosters import active_clause, record_event
from db.reference.codes import validate_community_code, validate_grid_code
from db.reference.geography_history import COMMUNITY, GRID, LEVEL_LABELS, record_rename
from db.reference.master_data import check_text
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit

KIND_LABELS = {"rename": "更名", "retire": "停用", "split": "拆分", "merge": "合并"}
ROLE_LABELS = {"leader": "网格长", "worker": "网格员"}
PERMISSION = "admin.geography"


@dataclass(frozen=True)
class Move:
    """One roster entry moved by a change (for the summary the secretary checks)."""

    roster: str  # 网格长 / 网格员 / 社区工作者 / …
    person: str
    old: str  # old grid or community code
    new: str


@dataclass
class ChangeSummary:
    """What a change did, in sentences, and every roster entry it moved."""

    lines: list[str] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def text(self) -> str:
        moved = [f"  {m.roster} {m.person}：{m.old} → {m.new}" for m in self.moves]
        if moved:
            moved.insert(0, f"随之调整的名册 {len(self.moves)} 条（请核对）：")
        return "\n".join([*self.lines, *moved])


@dataclass(frozen=True)
class ChangeRow:
    """One line of a grid's or community's history."""

    effective_on: date
    level: str
    kind: str
    old_code: str
    new_code: str | None
    old_name: str
    new_name: str
    note: str
    actor: str
    at: datetime

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


# --- checks ---------------------------------------------------------------------------------


def _today(session: Session, now: datetime | None) -> tuple[date, Any]:
    tz = load_settings(session).tz
    return (now or utcnow()).astimezone(tz).date(), tz


def _check_day(session: Session, on: object, now: datetime | None) -> tuple[date, Any]:
    if not isinstance(on, date) or isinstance(on, datetime):
        raise ValidationError("生效日期应为日期（如 2027-01-01）")
    today, tz = _today(session, now)
    if on > today:
        raise ValidationError(
            f"生效日期 {on:%Y-%m-%d} 晚于今天（{today:%Y-%m-%d}）：区划调整请在生效当天或之后办理"
        )
    return on, tz


def _grid(session: Session, code: object) -> Grid:
    if not isinstance(code, str):
        raise ValidationError("网格编码应为文字")
    code = validate_grid_code(code.strip())
    grid = session.scalar(select(Grid).where(Grid.code == code))
    if grid is None:
        raise NotFound(f"网格编码 {code} 不存在")
    return grid


def _community(session: Session, code: object) -> Community:
    if not isinstance(code, str):
        raise ValidationError("社区编码应为文字")
    code = validate_community_code(code.strip())
    community = session.scalar(select(Community).where(Community.code == code))
    if community is None:
        raise NotFound(f"社区编码 {code} 不存在")
    return community


def _last_change(session: Session, level: str, code: str) -> date | None:
    value: date | None = session.scalar(
        select(func.max(GeographyChange.effective_on)).where(
            GeographyChange.level == level, GeographyChange.old_code == code
        )
    )
    return value


def _check_old(
    session: Session, level: str, thing: Grid | Community, on: date, *, in_use: bool = True
) -> None:
    """`thing` may change on `on`: still in use, not changed later, in use before `on`."""
    label = f"{LEVEL_LABELS[level]} {thing.code}（{thing.name}）"
    if in_use and thing.retired_on is not None:
        raise ValidationError(f"{label}已于 {thing.retired_on:%Y-%m-%d} 停用，不能再调整")
    if thing.established_on is not None and on <= thing.established_on:
        raise ValidationError(
            f"生效日期 {on:%Y-%m-%d} 不能早于或等于{label}的启用日期 "
            f"{thing.established_on:%Y-%m-%d}"
        )
    last = _last_change(session, level, thing.code)
    if last is not None and on < last:
        raise ValidationError(
            f"{label}在 {last:%Y-%m-%d} 已有一次调整，生效日期 {on:%Y-%m-%d} 不能早于它"
        )


def _check_no_cases_after(session: Session, grids: Iterable[Grid], on: date, tz: Any) -> None:
    """No case was reported in `grids` on or after `on` (they are to be retired on `on`)."""
    start = datetime.combine(on, time(), tzinfo=tz)
    for grid in grids:
        count, last = session.execute(
            select(func.count(), func.max(Case.reported_at)).where(
                Case.grid_id == grid.id, Case.reported_at >= start
            )
        ).one()
        if count:
            day = last.astimezone(tz).date()
            raise ValidationError(
                f"网格 {grid.code}（{grid.name}）在 {on:%Y-%m-%d} 及以后已上报 {count} 件案件"
                f"（最晚 {day:%Y-%m-%d}），生效日期应晚于该日"
            )


def _new_grid_code(session: Session, code: object, community: Community, taken: set[str]) -> str:
    if not isinstance(code, str):
        raise ValidationError("新网格编码应为文字")
    code = validate_grid_code(code.strip(), community.code)
    if code in taken:
        raise ValidationError(f"新网格编码 {code} 重复")
    if session.scalar(select(Grid.id).where(Grid.code == code)) is not None:
        raise ValidationError(f"网格编码 {code} 已被使用（停用网格的编码也不再使用）")
    taken.add(code)
    return code


def _check_names(
    session: Session, community: Community, names: Iterable[str], leaving: Iterable[int]
) -> None:
    """`names` are free among the community's grids in use after the change."""
    seen: set[str] = set()
    gone = list(leaving)
    for name in names:
        if name in seen:
            raise ValidationError(f"新网格名称「{name}」重复")
        seen.add(name)
        other = session.scalar(
            select(Grid.code).where(
                Grid.community_id == community.id,
                Grid.name == name,
                Grid.retired_on.is_(None),
                Grid.id.not_in(gone or [0]),
            )
        )
        if other is not None:
            raise ValidationError(f"社区{community.name}已有名为「{name}」的网格（{other}）")


def _note(note: object) -> str:
    return check_text(note, "说明", 200)


# --- writing helpers ------------------------------------------------------------------------


def _log(
    session: Session,
    actor: Actor,
    now: datetime,
    level: str,
    kind: str,
    old: Grid | Community,
    new: Grid | Community | None,
    on: date,
    note: str,
) -> None:
    session.add(
        GeographyChange(
            level=level,
            kind=kind,
            old_code=old.code,
            new_code=new.code if new is not None else None,
            old_name=old.name,
            new_name=new.name if new is not None else "",
            effective_on=on,
            note=note,
            actor=actor.username,
            at=now,
        )
    )


def _move_grid_staff(
    session: Session,
    actor: Actor,
    old: Grid,
    target_of: Mapping[int, Grid],
    default: Grid,
    on: date,
    reason: str,
    summary: ChangeSummary,
) -> None:
    """Move the staff in post in `old` to `target_of[assignment id]` or `default`."""
    rows = session.execute(
        select(GridAssignment, Person.name)
        .join(Person, Person.id == GridAssignment.person_id)
        .where(GridAssignment.grid_id == old.id, GridAssignment.end_date.is_(None))
        .order_by(GridAssignment.role, GridAssignment.id)
    ).all()
    for assignment, name in rows:
        target = target_of.get(assignment.id, default)
        change = {"grid": [old.code, target.code], "reason": reason}
        if assignment.start_date >= on:
            assignment.grid_id = target.id
            record_event(session, actor, Kind.GRID_STAFF.value, assignment.id, "edit", change)
        else:
            assignment.end_date = on
            moved = GridAssignment(
                person_id=assignment.person_id,
                grid_id=target.id,
                role=assignment.role,
                start_date=on,
            )
            session.add(moved)
            session.flush()
            record_event(
                session,
                actor,
                Kind.GRID_STAFF.value,
                assignment.id,
                "retire",
                change | {"moved_to": [str(moved.id)]},
            )
            record_event(
                session,
                actor,
                Kind.GRID_STAFF.value,
                moved.id,
                "create",
                {"moved_from": str(assignment.id), "grid": target.code, "reason": reason},
            )
        role = ROLE_LABELS.get(assignment.role, assignment.role)
        summary.moves.append(Move(role, name, old.code, target.code))


def _warn_two_leaders(session: Session, grids: Iterable[Grid], summary: ChangeSummary) -> None:
    for grid in grids:
        leaders = session.scalar(
            select(func.count()).where(
                GridAssignment.grid_id == grid.id,
                GridAssignment.role == "leader",
                GridAssignment.end_date.is_(None),
            )
        )
        if leaders and leaders > 1:
            summary.lines.append(f"注意：网格 {grid.code} 现有网格长 {leaders} 人，请核对")


def _new_grid(
    session: Session,
    code: str,
    name: str,
    community: Community,
    on: date,
    *,
    people: int = 0,
    households: int = 0,
) -> Grid:
    grid = Grid(
        code=code,
        name=name,
        community_id=community.id,
        population=people,
        households=households,
        established_on=on,
    )
    session.add(grid)
    session.flush()
    return grid


# --- rename ---------------------------------------------------------------------------------


def _rename(
    session: Session,
    level: str,
    thing: Grid | Community,
    new_name: object,
    on: object,
    actor: Actor,
    note: object,
    now: datetime | None,
) -> ChangeSummary:
    day, _ = _check_day(session, on, now)
    label = LEVEL_LABELS[level]
    name = check_text(new_name, f"{label}名称", 64, required=True)
    if name == thing.name:
        raise ValidationError(f"{label} {thing.code} 已叫「{name}」")
    _check_old(session, level, thing, day)
    if isinstance(thing, Grid):
        _check_names(session, thing.community, [name], [thing.id])
    else:
        other = session.scalar(
            select(Community.code).where(
                Community.name == name, Community.retired_on.is_(None), Community.id != thing.id
            )
        )
        if other is not None:
            raise ValidationError(f"已有名为「{name}」的社区（{other}）")
    text, now = _note(note), now or utcnow()
    old_name = thing.name
    record_rename(session, level, thing.code, old_name, name, day, actor, note=text, now=now)
    thing.name = name
    session.flush()
    record_audit(
        session,
        actor,
        f"{level}.rename",
        level,
        thing.code,
        {"name": [old_name, name], "effective_on": day.isoformat()},
        now=now,
    )
    return ChangeSummary(
        [f"{label} {thing.code} 自 {day:%Y-%m-%d} 起由「{old_name}」更名为「{name}」"]
    )


def rename_grid(
    session: Session,
    code: str,
    new_name: object,
    on: object,
    actor: Actor,
    *,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Rename a grid from `on`; returns for periods before `on` keep the old name."""
    actor.require(PERMISSION, "调整网格")
    return _rename(session, GRID, _grid(session, code), new_name, on, actor, note, now)


def rename_community(
    session: Session,
    code: str,
    new_name: object,
    on: object,
    actor: Actor,
    *,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Rename a community from `on`; returns for periods before `on` keep the old name."""
    actor.require(PERMISSION, "调整社区")
    return _rename(session, COMMUNITY, _community(session, code), new_name, on, actor, note, now)


# --- retire ---------------------------------------------------------------------------------


def retire_grid(
    session: Session,
    code: str,
    on: object,
    actor: Actor,
    *,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Stop using a grid from `on` (no new reports there; its cases keep it). Its staff in post
    must first be moved or the grid merged into another instead."""
    actor.require(PERMISSION, "停用网格")
    day, tz = _check_day(session, on, now)
    grid = _grid(session, code)
    _check_old(session, GRID, grid, day)
    staff = session.scalar(
        select(func.count()).where(
            GridAssignment.grid_id == grid.id, GridAssignment.end_date.is_(None)
        )
    )
    if staff:
        raise ValidationError(
            f"网格 {grid.code} 还有在岗网格长、网格员 {staff} 人：请先调整名册，或把该网格合并到其他网格"
        )
    _check_no_cases_after(session, [grid], day, tz)
    text, now = _note(note), now or utcnow()
    grid.retired_on = day
    _log(session, actor, now, GRID, "retire", grid, None, day, text)
    session.flush()
    record_audit(
        session, actor, "grid.retire", GRID, grid.code, {"retired_on": day.isoformat()}, now=now
    )
    return ChangeSummary(
        [f"网格 {grid.code}（{grid.name}）自 {day:%Y-%m-%d} 起停用；已有案件仍属该网格"]
    )


# --- split ----------------------------------------------------------------------------------


def split_grid(
    session: Session,
    old_code: str,
    parts: Sequence[tuple[str, str]],
    on: object,
    actor: Actor,
    *,
    assignments: Mapping[int, str] | None = None,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Split a grid into the new grids `parts` ((code, name), at least two, in the same
    community) from `on`. The staff in post move to the first new grid, or to the one
    `assignments` gives for their assignment id."""
    actor.require(PERMISSION, "拆分网格")
    day, tz = _check_day(session, on, now)
    old = _grid(session, old_code)
    _check_old(session, GRID, old, day)
    if len(parts) < 2:
        raise ValidationError("拆分至少要有两个新网格")
    community = old.community
    taken: set[str] = set()
    checked: list[tuple[str, str]] = []
    for code, name in parts:
        new_code = _new_grid_code(session, code, community, taken)
        checked.append((new_code, check_text(name, f"网格 {new_code} 的名称", 64, required=True)))
    _check_names(session, community, [n for _, n in checked], [old.id])
    wanted = dict(assignments or {})
    if wanted:
        ids = set(
            session.scalars(
                select(GridAssignment.id).where(
                    GridAssignment.grid_id == old.id, GridAssignment.end_date.is_(None)
                )
            )
        )
        for assignment_id, code in wanted.items():
            if assignment_id not in ids:
                raise ValidationError(f"名册记录 {assignment_id} 不是网格 {old.code} 的在岗人员")
            if code not in taken:
                raise ValidationError(f"人员去向 {code} 不是本次拆分出的新网格")
    _check_no_cases_after(session, [old], day, tz)

    text, now = _note(note), now or utcnow()
    new_grids = [_new_grid(session, code, name, community, day) for code, name in checked]
    by_code = {g.code: g for g in new_grids}
    old.retired_on = day
    for grid in new_grids:
        _log(session, actor, now, GRID, "split", old, grid, day, text)
    summary = ChangeSummary(
        [
            f"网格 {old.code}（{old.name}）自 {day:%Y-%m-%d} 起拆分为 "
            + "、".join(f"{g.code}（{g.name}）" for g in new_grids)
            + "；已有案件仍属原网格；新网格的人口、户数请另行填写",
        ]
    )
    target_of = {i: by_code[c] for i, c in wanted.items()}
    reason = f"网格 {old.code} 拆分"
    _move_grid_staff(session, actor, old, target_of, new_grids[0], day, reason, summary)
    if summary.moves and not wanted:
        summary.lines.append(f"在岗人员全部转入第一个新网格 {new_grids[0].code}，请按实际调整")
    _warn_two_leaders(session, new_grids, summary)
    session.flush()
    record_audit(
        session,
        actor,
        "grid.split",
        GRID,
        old.code,
        {
            "effective_on": day.isoformat(),
            "into": [g.code for g in new_grids],
            "moved": len(summary.moves),
        },
        now=now,
    )
    return summary


# --- merge grids ----------------------------------------------------------------------------


def merge_grids(
    session: Session,
    old_codes: Sequence[str],
    into_code: str,
    into_name: object,
    on: object,
    actor: Actor,
    *,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Merge grids of one community into `into_code` from `on`: a new grid (named `into_name`,
    population and households summed), or one of the grids merged (it stays in use, the
    others join it; `into_name`, if given and different, renames it)."""
    actor.require(PERMISSION, "合并网格")
    day, tz = _check_day(session, on, now)
    olds: list[Grid] = []
    for code in old_codes:
        grid = _grid(session, code)
        if grid in olds:
            raise ValidationError(f"网格 {grid.code} 重复")
        _check_old(session, GRID, grid, day)
        olds.append(grid)
    if not isinstance(into_code, str):
        raise ValidationError("合并后的网格编码应为文字")
    kept = next((g for g in olds if g.code == into_code.strip()), None)
    if not olds or len(olds) < 2:
        raise ValidationError("合并至少要有两个网格")
    community = olds[0].community
    for grid in olds[1:]:
        if grid.community_id != community.id:
            raise ValidationError(
                f"网格 {grid.code} 与 {olds[0].code} 不在同一社区；跨社区请先合并社区"
            )
    leaving = [g for g in olds if g is not kept]
    name = check_text(into_name, "合并后的网格名称", 64, required=kept is None)
    code = kept.code if kept is not None else _new_grid_code(session, into_code, community, set())
    if name and (kept is None or name != kept.name):
        _check_names(session, community, [name], [g.id for g in olds])
    _check_no_cases_after(session, leaving, day, tz)

    text, now = _note(note), now or utcnow()
    summary = ChangeSummary()
    if kept is None:
        target = _new_grid(
            session,
            code,
            name,
            community,
            day,
            people=sum(g.population for g in olds),
            households=sum(g.households for g in olds),
        )
    else:
        target = kept
        if name and name != kept.name:
            summary.lines.extend(_rename(session, GRID, kept, name, day, actor, text, now).lines)
        kept.population = sum(g.population for g in olds)
        kept.households = sum(g.households for g in olds)
    for grid in leaving:
        grid.retired_on = day
        _log(session, actor, now, GRID, "merge", grid, target, day, text)
    summary.lines.insert(
        0,
        "、".join(f"{g.code}（{g.name}）" for g in leaving)
        + f" 自 {day:%Y-%m-%d} 起并入网格 {target.code}（{target.name}）；已有案件仍属原网格",
    )
    reason = f"网格合并入 {target.code}"
    for grid in leaving:
        _move_grid_staff(session, actor, grid, {}, target, day, reason, summary)
    _warn_two_leaders(session, [target], summary)
    session.flush()
    record_audit(
        session,
        actor,
        "grid.merge",
        GRID,
        target.code,
        {
            "effective_on": day.isoformat(),
            "from": [g.code for g in leaving],
            "moved": len(summary.moves),
        },
        now=now,
    )
    return summary


# --- merge communities ----------------------------------------------------------------------


def _free_codes(session: Session, community: Community, taken: set[str]) -> Iterable[str]:
    used = set(session.scalars(select(Grid.code).where(Grid.code.like(f"{community.code}%"))))
    for number in range(1, 1000):
        width = 2 if number < 100 else 3
        code = f"{community.code}{number:0{width}d}"
        if code not in used and code not in taken:
            yield code


def merge_communities(
    session: Session,
    old_codes: Sequence[str],
    into_code: str,
    into_name: object,
    on: object,
    actor: Actor,
    *,
    grid_codes: Mapping[str, str] | None = None,
    note: object = "",
    now: datetime | None = None,
) -> ChangeSummary:
    """Merge communities into `into_code` from `on`: an existing community in use (then
    `into_name` may be empty) or a new one in the same street named `into_name`. The merged
    communities are retired; each of their grids in use is re-coded under `into_code` (the
    new code from `grid_codes`, else the next free number there) and retired, its staff and
    the communities' rosters in post moving along."""
    actor.require(PERMISSION, "合并社区")
    day, tz = _check_day(session, on, now)
    olds: list[Community] = []
    for code in old_codes:
        community = _community(session, code)
        if community in olds:
            raise ValidationError(f"社区 {community.code} 重复")
        _check_old(session, COMMUNITY, community, day)
        olds.append(community)
    if not olds:
        raise ValidationError("请指定要合并的社区")
    if not isinstance(into_code, str):
        raise ValidationError("合并后的社区编码应为文字")
    code = validate_community_code(into_code.strip())
    target = session.scalar(select(Community).where(Community.code == code))
    if target is not None and target in olds:
        raise ValidationError(f"社区 {code} 既是被合并的社区又是合并后的社区")
    street = olds[0].street_id
    if any(c.street_id != street for c in olds):
        raise ValidationError("只能合并同一街道的社区")
    name = check_text(into_name, "合并后的社区名称", 64, required=target is None)
    if target is not None:
        _check_old(session, COMMUNITY, target, day)
        if target.street_id != street:
            raise ValidationError(f"社区 {target.code} 不在同一街道")
    else:
        if len(olds) < 2:
            raise ValidationError("合并至少要有两个社区（或并入一个已有社区）")
        street_code = olds[0].street.code
        validate_community_code(code, street_code)
        other = session.scalar(
            select(Community.code).where(Community.name == name, Community.retired_on.is_(None))
        )
        if other is not None and other not in [c.code for c in olds]:
            raise ValidationError(f"已有名为「{name}」的社区（{other}）")
    grids = [
        g
        for c in olds
        for g in session.scalars(
            select(Grid)
            .where(Grid.community_id == c.id, Grid.retired_on.is_(None))
            .order_by(Grid.code)
        )
    ]
    given = dict(grid_codes or {})
    known = {g.code for g in grids}
    for old_code in given:
        if old_code not in known:
            raise ValidationError(f"网格 {old_code} 不是被合并社区中在用的网格")
    for grid in grids:
        _check_old(session, GRID, grid, day)
    # The new codes: checked against the target's code (a new target has no grids yet).
    holder = target or Community(code=code, name=name)
    taken: set[str] = set()
    new_codes: dict[str, str] = {}
    for grid in grids:
        if grid.code in given:
            new_codes[grid.code] = _new_grid_code(session, given[grid.code], holder, taken)
    free = iter(_free_codes(session, holder, taken | set(given.values())))
    for grid in grids:
        if grid.code not in new_codes:
            new_codes[grid.code] = _new_grid_code(session, next(free), holder, taken)
    _check_no_cases_after(session, grids, day, tz)

    text, now = _note(note), now or utcnow()
    summary = ChangeSummary()
    if target is None:
        target = Community(
            code=code,
            name=name,
            street_id=street,
            population=sum(c.population for c in olds),
            households=sum(c.households for c in olds),
            established_on=day,
        )
        session.add(target)
        session.flush()
    else:
        target.population += sum(c.population for c in olds)
        target.households += sum(c.households for c in olds)
    in_use = set(
        session.scalars(
            select(Grid.name).where(Grid.community_id == target.id, Grid.retired_on.is_(None))
        )
    )
    community_of = {c.id: c for c in olds}
    for grid in grids:
        # Grid names repeat across communities (第01网格…): a re-coded grid whose name is
        # taken in the community merged into is called "<old community><old name>".
        grid_name = grid.name
        if grid_name in in_use:
            grid_name = check_text(
                f"{community_of[grid.community_id].name}{grid.name}", "网格名称", 64
            )
        in_use.add(grid_name)
        new = _new_grid(
            session,
            new_codes[grid.code],
            grid_name,
            target,
            day,
            people=grid.population,
            households=grid.households,
        )
        grid.retired_on = day
        _log(session, actor, now, GRID, "merge", grid, new, day, text)
        _move_grid_staff(session, actor, grid, {}, new, day, f"社区合并入 {target.code}", summary)
        summary.lines.append(f"网格 {grid.code}（{grid.name}）改为 {new.code}（{new.name}）")
    for community in olds:
        community.retired_on = day
        _log(session, actor, now, COMMUNITY, "merge", community, target, day, text)
        _move_community_rosters(session, actor, community, target, summary)
    summary.lines.insert(
        0,
        "、".join(f"{c.code}（{c.name}）" for c in olds)
        + f" 自 {day:%Y-%m-%d} 起并入社区 {target.code}（{target.name}）；已有案件仍属原社区、原网格",
    )
    session.flush()
    record_audit(
        session,
        actor,
        "community.merge",
        COMMUNITY,
        target.code,
        {
            "effective_on": day.isoformat(),
            "from": [c.code for c in olds],
            "grids": new_codes,
            "moved": len(summary.moves),
        },
        now=now,
    )
    return summary


_COMMUNITY_ROSTERS: tuple[tuple[Any, Kind], ...] = (
    (CommunityWorker, Kind.COMMUNITY_WORKER),
    (FirstSecretary, Kind.FIRST_SECRETARY),
    (SentDownCadre, Kind.SENT_DOWN),
    (PartyCheckin, Kind.PARTY_CHECKIN),
)


def _move_community_rosters(
    session: Session, actor: Actor, old: Community, new: Community, summary: ChangeSummary
) -> None:
    for model, kind in _COMMUNITY_ROSTERS:
        label = ROSTER_LABELS[kind]
        rows = session.execute(
            select(model, Person.name)
            .join(Person, Person.id == model.person_id)
            .where(model.community_id == old.id, active_clause(kind))
            .order_by(model.id)
        ).all()
        for row, person in rows:
            if isinstance(row, PartyCheckin) and session.scalar(
                select(PartyCheckin.id).where(
                    PartyCheckin.person_id == row.person_id,
                    PartyCheckin.community_id == new.id,
                    PartyCheckin.checkin_date == row.checkin_date,
                )
            ):  # the same check-in is already recorded in the community merged into
                summary.lines.append(
                    f"注意：{label} {person} 在 {new.code} 已有同日报到记录，未移动"
                )
                continue
            row.community_id = new.id
            record_event(
                session,
                actor,
                kind.value,
                row.id,
                "edit",
                {"community": [old.name, new.name], "reason": f"社区合并入 {new.code}"},
            )
            summary.moves.append(Move(label, person, old.code, new.code))
    for person in session.scalars(select(Person).where(Person.community_id == old.id)):
        person.community_id = new.id


# --- history --------------------------------------------------------------------------------


def history(session: Session, code: str) -> list[ChangeRow]:
    """Every change a grid (14/15 digits) or community (12 digits) took part in, by date."""
    code = code.strip()
    if len(code) == 12:
        thing: Grid | Community = _community(session, code)
        level = COMMUNITY
    else:
        thing = _grid(session, code)
        level = GRID
    rows = session.scalars(
        select(GeographyChange)
        .where(
            GeographyChange.level == level,
            (GeographyChange.old_code == thing.code) | (GeographyChange.new_code == thing.code),
        )
        .order_by(GeographyChange.effective_on, GeographyChange.id)
    )
    return [
        ChangeRow(
            r.effective_on,
            r.level,
            r.kind,
            r.old_code,
            r.new_code,
            r.old_name,
            r.new_name,
            r.note,
            r.actor,
            r.at,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class StaffRow:
    """A 网格长/网格员 in post in a grid (whom a split may send to another new grid)."""

    assignment_id: int
    name: str
    role: str  # 网格长 / 网格员


def staff_in_grid(session: Session, code: str) -> list[StaffRow]:
    """The grid staff in post in a grid, leaders first."""
    grid = _grid(session, code)
    rows = session.execute(
        select(GridAssignment.id, Person.name, GridAssignment.role)
        .join(Person, Person.id == GridAssignment.person_id)
        .where(GridAssignment.grid_id == grid.id, GridAssignment.end_date.is_(None))
        .order_by(GridAssignment.role, GridAssignment.id)
    ).all()
    return [StaffRow(i, name, ROLE_LABELS.get(role, role)) for i, name, role in rows]


def staff_by_key(staff: Sequence[StaffRow], moves: Mapping[str, str]) -> dict[int, str]:
    """`moves` keyed by assignment id or by a person's name (unique in the grid) → by id."""
    found: dict[int, str] = {}
    for key, code in moves.items():
        key = key.strip()
        matches = [s for s in staff if str(s.assignment_id) == key or s.name == key]
        if not matches:
            raise ValidationError(f"原网格没有在岗人员「{key}」")
        if len(matches) > 1:
            ids = "、".join(str(s.assignment_id) for s in matches)
            raise ValidationError(f"原网格有 {len(matches)} 人叫「{key}」，请改用名册编号（{ids}）")
        found[matches[0].assignment_id] = code.strip()
    return found

"""Writing a checked `SetupPlan` (db/setup/workbook.py) into the database: the center's name
(填报单位), the district and street, the communities, grids and departments. First every row is
checked against what the database holds (one street per center, a grid's community present,
names unique in the end state); then everything is written in the caller's transaction, or
nothing. A re-import updates by code (communities, grids) or name (departments) and never
duplicates; each change goes through the same functions as the single edits, so each is
audited, and one `setup.import` entry sums the import up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database, serialize_writers
from db.errors import ValidationError
from db.models import Community, Department, District, Grid, Street
from db.reference.geography import (
    add_community,
    add_grid,
    edit_community,
    save_district,
    save_street,
    update_grid,
)
from db.reference.master_data import add_department, update_department
from db.reference.settings_store import load_settings, save_setting
from db.security.actors import Actor
from db.security.audit import record_audit
from db.setup.layout import COMMUNITY_SHEET, DEPARTMENT_SHEET, GRID_SHEET, STREET_SHEET
from db.setup.status import is_demo_database
from db.setup.workbook import SetupPlan, SetupProblem, SetupProblems, read_setup_workbook

_PG_SETUP_LOCK = 0x7365_7475  # "setu": setup imports write one after another
KEYS = (STREET_SHEET, COMMUNITY_SHEET, GRID_SHEET, DEPARTMENT_SHEET)


@dataclass(frozen=True)
class SetupSummary:
    """What an import created and updated, by 街道/社区/网格/部门 (unchanged rows in neither)."""

    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def text(self) -> str:
        head = "试导入（未写入）" if self.dry_run else "已导入"
        parts = [
            f"{key} 新增 {self.created.get(key, 0)}、更新 {self.updated.get(key, 0)}、"
            f"无变化 {self.unchanged.get(key, 0)}"
            for key in KEYS
        ]
        return f"{head}：" + "；".join(parts)


@dataclass
class _Work:
    """The changes the plan makes, computed before anything is written."""

    street_changes: bool = False
    street_new: bool = False
    communities: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)
    grids: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)
    departments: list[tuple[str, int | None, dict[str, Any]]] = field(default_factory=list)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


def _changes(obj: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in wanted.items() if getattr(obj, key) != value}


def _plan_work(session: Session, plan: SetupPlan) -> tuple[_Work, list[SetupProblem]]:
    problems: list[SetupProblem] = []
    work = _Work()
    row = plan.street_row or None
    street = session.scalar(select(Street).order_by(Street.id).limit(1))
    if street is not None and street.code != plan.street.code:
        problems.append(
            SetupProblem(
                STREET_SHEET,
                row,
                "街道编码",
                f"数据库已建立街道「{street.name}」（{street.code}），与模板中的 "
                f"{plan.street.code} 不同；一个指挥中心只服务一个街道",
            )
        )
    district = session.scalar(select(District).where(District.code == plan.district.code))
    work.street_new = street is None
    work.street_changes = (
        street is None
        or street.name != plan.street.name
        or district is None
        or district.name != plan.district.name
        or load_settings(session).center_name != plan.center_name
    )
    key = STREET_SHEET
    (work.created if work.street_new else work.updated if work.street_changes else work.unchanged)[
        key
    ] += 1

    existing = {c.code: c for c in session.scalars(select(Community))}
    final_names: dict[str, str] = {code: c.name for code, c in existing.items()}
    for spec in plan.communities:
        wanted = {"name": spec.name, "population": spec.population, "households": spec.households}
        found = existing.get(spec.code)
        if found is None:
            work.communities.append((spec.code, None))
            work.created[COMMUNITY_SHEET] += 1
        else:
            diff = _changes(found, wanted)
            work.communities.append((spec.code, diff))
            (work.updated if diff else work.unchanged)[COMMUNITY_SHEET] += 1
        final_names[spec.code] = spec.name
    by_name: dict[str, list[str]] = {}
    for code, name in final_names.items():
        by_name.setdefault(name, []).append(code)
    for spec in plan.communities:
        others = [c for c in by_name[spec.name] if c != spec.code]
        if others:
            problems.append(
                SetupProblem(
                    COMMUNITY_SHEET,
                    spec.row,
                    "社区名称",
                    f"数据库中已有同名社区「{spec.name}」（{others[0]}）",
                )
            )

    grids = {g.code: g for g in session.scalars(select(Grid))}
    community_of = {c.id: c.code for c in existing.values()}
    final_grid_names: dict[tuple[str, str], list[str]] = {}
    for g in grids.values():
        final_grid_names.setdefault((community_of[g.community_id], g.name), []).append(g.code)
    planned_communities = {c.code for c in plan.communities}
    for grid in plan.grids:
        if grid.community_code not in planned_communities and grid.community_code not in existing:
            problems.append(
                SetupProblem(
                    GRID_SHEET,
                    grid.row,
                    "所属社区编码",
                    f"社区编码 {grid.community_code} 既不在「社区」表中，也不在数据库中",
                )
            )
            continue
        wanted = {
            "name": grid.name,
            "population": grid.population,
            "households": grid.households,
            "boundary": grid.boundary,
        }
        found_grid = grids.get(grid.code)
        if found_grid is None:
            work.grids.append((grid.code, None))
            work.created[GRID_SHEET] += 1
        else:
            names = final_grid_names[(grid.community_code, found_grid.name)]
            names.remove(grid.code)
            diff = _changes(found_grid, wanted)
            work.grids.append((grid.code, diff))
            (work.updated if diff else work.unchanged)[GRID_SHEET] += 1
        final_grid_names.setdefault((grid.community_code, grid.name), []).append(grid.code)
    for grid in plan.grids:
        clash = [
            c for c in final_grid_names.get((grid.community_code, grid.name), []) if c != grid.code
        ]
        if clash:
            problems.append(
                SetupProblem(
                    GRID_SHEET,
                    grid.row,
                    "网格名称",
                    f"社区 {grid.community_code} 中已有同名网格「{grid.name}」（{clash[0]}）",
                )
            )

    departments = {d.name: d for d in session.scalars(select(Department))}
    for dept in plan.departments:
        wanted = {"kind": dept.kind, "contact": dept.contact, "phone": dept.phone}
        found_dept = departments.get(dept.name)
        if found_dept is None:
            work.departments.append((dept.name, None, wanted))
            work.created[DEPARTMENT_SHEET] += 1
        else:
            diff = _changes(found_dept, wanted)
            work.departments.append((dept.name, found_dept.id, diff))
            (work.updated if diff else work.unchanged)[DEPARTMENT_SHEET] += 1
    return work, problems


def _write(session: Session, plan: SetupPlan, work: _Work, actor: Actor) -> None:
    save_district(session, plan.district.code, plan.district.name, actor)
    save_street(session, plan.street.code, plan.street.name, plan.district.code, actor)
    if load_settings(session).center_name != plan.center_name:
        save_setting(session, "center_name", plan.center_name, actor)
    specs = {c.code: c for c in plan.communities}
    for code, diff in work.communities:
        spec = specs[code]
        if diff is None:
            add_community(session, code, spec.name, spec.population, spec.households, actor)
        elif diff:
            edit_community(session, code, diff, actor)
    grid_specs = {g.code: g for g in plan.grids}
    for code, diff in work.grids:
        g = grid_specs[code]
        if diff is None:
            add_grid(
                session,
                g.community_code,
                code,
                g.name,
                g.population,
                g.households,
                actor,
                boundary=g.boundary,
            )
        elif diff:
            update_grid(session, code, diff, actor)
    for name, dept_id, values in work.departments:
        if dept_id is None:
            add_department(session, name, values["kind"], values["contact"], values["phone"], actor)
        elif values:
            update_department(session, dept_id, values, actor)


def apply_setup(
    session: Session, plan: SetupPlan, actor: Actor, *, dry_run: bool = False
) -> SetupSummary:
    """Validate against the database (codes under parents, duplicates), then write all or
    nothing; re-import updates, never duplicates; audited. dry_run computes the summary and
    writes nothing. Refused on the demo database; SetupProblems lists what does not fit."""
    actor.require("admin.geography", "建立本街道的区划")
    actor.require("admin.departments", "维护部门")
    actor.require("admin.settings", "修改中心名称")
    if not dry_run:
        serialize_writers(session, _PG_SETUP_LOCK)
    if is_demo_database(session):
        raise ValidationError(
            "这是演示数据库（新明街道），不能导入本中心的基础数据；请在新的空数据库中建立本街道"
        )
    work, problems = _plan_work(session, plan)
    if problems:
        raise SetupProblems(problems)
    summary = SetupSummary(
        {k: work.created[k] for k in KEYS},
        {k: work.updated[k] for k in KEYS},
        {k: work.unchanged[k] for k in KEYS},
        dry_run,
    )
    if dry_run:
        return summary
    _write(session, plan, work, actor)
    record_audit(
        session,
        actor,
        "setup.import",
        "street",
        plan.street.code,
        {
            "file": plan.file_name,
            "created": summary.created,
            "updated": summary.updated,
        },
    )
    session.flush()
    return summary


def import_setup(
    db: Database, path: Path, actor: Actor, *, dry_run: bool = False
) -> tuple[SetupPlan, SetupSummary]:
    """Read the template at `path` and apply it in one transaction (a read-only one for
    `dry_run`): what the window's wizard and `griddesk-admin setup --from` run. Raises
    SetupProblems (every problem of the file, or of its fit with the database), BadFile,
    PermissionDenied or ValidationError; nothing is written unless everything is right."""
    actor.require("admin.geography", "建立本街道的区划")
    plan = read_setup_workbook(path)
    if dry_run:
        with db.read() as session:
            return plan, apply_setup(session, plan, actor, dry_run=True)
    with db.write() as session:
        return plan, apply_setup(session, plan, actor)

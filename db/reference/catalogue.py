"""The reference catalogue every center starts with: departments and case categories.

Loaded from `resources/catalogue/*.json`; loading is idempotent (matches by code/name, updates
limits and names, never deletes), so a newer catalogue can be applied to a running center.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.clock import TimeBasis, parse_limit
from db.errors import BadFile
from db.models import Category, Department, MajorCategory
from db.paths import resources_dir
from db.reference.category_keywords import join_keywords, parse_keywords
from db.reference.settings_store import load_settings


def catalogue_dir() -> Path:
    return resources_dir() / "catalogue"


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadFile(f"无法读取 {path.name}：{exc}") from exc


@dataclass(frozen=True)
class LoadedCatalogue:
    departments: int
    majors: int
    categories: int


def load_catalogue(session: Session, folder: Path | None = None) -> LoadedCatalogue:
    folder = folder or catalogue_dir()
    depts_doc = read_json(folder / "departments.json")
    cats_doc = read_json(folder / "categories.json")
    settings = load_settings(session)
    hours = settings.calendar().hours

    by_name = {d.name: d for d in session.scalars(select(Department))}
    for order, item in enumerate(depts_doc["departments"]):
        dept = by_name.get(item["name"])
        if dept is None:
            dept = Department(name=item["name"])
            session.add(dept)
            by_name[dept.name] = dept
        dept.kind = item.get("kind", "职能部门")
        dept.contact = item.get("contact", "")
        dept.phone = item.get("phone", "")
        dept.sort_order = order
    session.flush()

    majors = {m.code: m for m in session.scalars(select(MajorCategory))}
    cats = {c.code: c for c in session.scalars(select(Category))}
    n_minor = 0
    for major_item in cats_doc["majors"]:
        major = majors.get(major_item["code"])
        if major is None:
            major = MajorCategory(code=major_item["code"])
            session.add(major)
            majors[major.code] = major
        major.kind = major_item["kind"]
        major.name = major_item["name"]
        session.flush()
        for item in major_item["minors"]:
            n_minor += 1
            basis = TimeBasis(item.get("basis", "working"))
            dept_name = item.get("department")
            if dept_name and dept_name not in by_name:
                raise BadFile(f"类别 {item['code']} 的默认部门「{dept_name}」不在部门表中")
            cat = cats.get(item["code"])
            if cat is None:
                cat = Category(code=item["code"])
                session.add(cat)
                cats[cat.code] = cat
            cat.name = item["name"]
            cat.major_id = major.id
            cat.default_department_id = by_name[dept_name].id if dept_name else None
            limits = item["limits"]
            cat.dispatch_minutes = parse_limit(limits["dispatch"], hours, basis)
            cat.handle_minutes = parse_limit(limits["handle"], hours, basis)
            cat.verify_minutes = parse_limit(limits["verify"], hours, basis)
            cat.basis = basis.value
            cat.urgent = bool(item.get("urgent", False))
            if not cat.keywords:  # an administrator's keywords are kept
                cat.keywords = join_keywords(parse_keywords(item.get("keywords", [])))
    session.flush()
    return LoadedCatalogue(len(by_name), len(majors), n_minor)

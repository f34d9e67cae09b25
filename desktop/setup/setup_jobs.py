"""The setup wizard's background jobs (Qt-free): check a filled template against the database
without writing, write it, and write the empty template."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from db.engine import Database
from db.security.actors import Actor
from db.setup.apply import SetupSummary, apply_setup
from db.setup.template import write_setup_template
from db.setup.workbook import SetupPlan, SetupProblem, SetupProblems, read_setup_workbook

# The order the summary and the preview name things in.
SUMMARY_KEYS = ("街道", "社区", "网格", "部门")
# What apply_setup asks of the actor: geography, departments and the center's name (填报单位).
SETUP_PERMISSIONS = ("admin.geography", "admin.departments", "admin.settings")


def may_set_up(actor: Actor) -> bool:
    """Whether `actor` may import the setup template (an administrator)."""
    return all(actor.can(permission) for permission in SETUP_PERMISSIONS)


@dataclass(frozen=True)
class SetupCheck:
    """A filled template read and checked: either a plan with what it would create and update,
    or every problem found (and then nothing may be written)."""

    path: Path
    plan: SetupPlan | None = None
    summary: SetupSummary | None = None
    problems: list[SetupProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None and self.summary is not None and not self.problems


def check_template(db: Database, path: Path, actor: Actor) -> SetupCheck:
    """Read the workbook (every problem of the file), then check it against the database with
    a dry run (codes under their parents, duplicates); nothing is written."""
    try:
        plan = read_setup_workbook(path)
    except SetupProblems as exc:
        return SetupCheck(path, problems=list(exc.problems))
    try:
        with db.read() as session:
            summary = apply_setup(session, plan, actor, dry_run=True)
    except SetupProblems as exc:
        return SetupCheck(path, plan, problems=list(exc.problems))
    return SetupCheck(path, plan, summary)


def apply_template(db: Database, plan: SetupPlan, actor: Actor) -> SetupSummary:
    """Write the checked plan: all of it in one transaction, or nothing."""
    with db.write() as session:
        return apply_setup(session, plan, actor)


def write_template(path: Path) -> Path:
    write_setup_template(path)
    return path

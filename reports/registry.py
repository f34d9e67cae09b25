"""The catalogue of returns (报表种类): names, titles, allowed scopes, and building / exporting one.

`build_report(db, kind, request)` reads the database in one read transaction and returns the
plain `Report` (for the preview); `export_report(...)` also writes it atomically to an .xlsx, in
the same transaction (a long list's rows are read from it as they are written), and audits it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import ValidationError
from db.security.audit import record_audit
from db.stats.rollups.read import refresh as refresh_rollups
from reports import (
    case_details,
    category_analysis,
    department_performance,
    monthly_cases,
    staffing_standard,
)
from reports.layout import check_target, write_report
from reports.model import Progress, Report
from reports.period import Period
from reports.request import ReportRequest, resolve
from reports.rosters_returns import ROSTERS, build_roster

Builder = Callable[[Session, ReportRequest], Report]


@dataclass(frozen=True)
class ReturnKind:
    kind: str  # the CLI name, e.g. monthly-cases
    title: str  # 案件办理情况月报
    group: str  # 案件 | 花名册 | 配备
    build: Builder
    department_scope: bool  # may be narrowed to one department
    personal_data: bool  # holds ID numbers / phones (masked unless revealed)

    @property
    def permission(self) -> str:
        """What a user needs to see this return: rosters and staffing are personnel data."""
        return "report.read" if self.group == "案件" else "roster.read"


KINDS: dict[str, ReturnKind] = {
    k.kind: k
    for k in (
        ReturnKind(
            monthly_cases.KIND, monthly_cases.TITLE, "案件", monthly_cases.build, True, False
        ),
        ReturnKind(
            department_performance.KIND,
            department_performance.TITLE,
            "案件",
            department_performance.build,
            True,
            False,
        ),
        ReturnKind(
            category_analysis.KIND,
            category_analysis.TITLE,
            "案件",
            category_analysis.build,
            True,
            False,
        ),
        ReturnKind(case_details.KIND, case_details.TITLE, "案件", case_details.build, True, True),
        *(
            ReturnKind(kind, title, "花名册", partial(build_roster, kind), False, True)
            for kind, (title, _builder) in ROSTERS.items()
        ),
        ReturnKind(
            staffing_standard.KIND,
            staffing_standard.TITLE,
            "配备",
            staffing_standard.build,
            False,
            False,
        ),
    )
}


def return_kind(kind: str) -> ReturnKind:
    value = kind.strip()
    if value in KINDS:
        return KINDS[value]
    for k in KINDS.values():
        if value == k.title:
            return k
    choices = "、".join(f"{k.kind}（{k.title}）" for k in KINDS.values())
    raise ValidationError(f"没有名为「{kind}」的报表，可选：{choices}")


def file_title(kind: str, period: Period) -> str:
    """The return's name for `period`, as its file is named: a year of the 月报 is the 年报
    its title says."""
    spec = return_kind(kind)
    if spec.kind == monthly_cases.KIND:
        return monthly_cases.name_for(period.kind)
    return spec.title


@contextmanager
def built_report(db: Database, kind: str, request: ReportRequest) -> Iterator[Report]:
    """The return, built in one read transaction (every sheet sees the same data) that stays
    open while the caller uses it: the rows of a streamed sheet (the 案件明细表) are read in it."""
    spec = return_kind(kind)
    request.actor.require(spec.permission, f"查看{spec.title}")
    with db.read() as session:
        resolve(session, request)  # an unknown street / community / department: nothing written
    refresh_rollups(db)  # the daily roll-ups up to date first: less to compute live
    with db.read() as session:
        yield spec.build(session, request)


def build_report(db: Database, kind: str, request: ReportRequest) -> Report:
    """The return for the preview: a streamed sheet (the 案件明细表) holds its count and its
    first rows only (reports.model.StreamedRows)."""
    with built_report(db, kind, request) as report:
        return report


def write_return(
    db: Database,
    kind: str,
    request: ReportRequest,
    out: str | os.PathLike[str],
    progress: Progress | None = None,
    before_writing: Callable[[], None] | None = None,
) -> tuple[Report, Path]:
    """Build the return and write it to `out` (.xlsx) atomically in the same read transaction
    (`before_writing` is called in between: raising there writes nothing); the report and the
    path written."""
    with built_report(db, kind, request) as report:
        if before_writing is not None:
            before_writing()
        return report, write_report(report, out, progress)


def export_report(
    db: Database,
    kind: str,
    request: ReportRequest,
    out: str | os.PathLike[str],
    progress: Progress | None = None,
    before_writing: Callable[[], None] | None = None,
) -> Path:
    """Build the return and write it to `out` (.xlsx) atomically, as the window and the CLI
    export it: the actor may export (and reveal, for an unmasked one), and the export is
    audited. Returns the path written."""
    request.actor.require("report.export", "导出报表")
    if request.unmasked:
        request.actor.require("personal.reveal", "导出未遮蔽的个人信息")
    check_target(out)
    _report, path = write_return(db, kind, request, out, progress, before_writing)
    with db.write() as session:
        record_audit(
            session,
            request.actor,
            "report.export",
            "report",
            return_kind(kind).kind,
            {
                "period": f"{request.period.first_day}..{request.period.last_day}",
                "community": request.community,
                "department": request.department,
                "unmasked": request.unmasked,
                "path": str(path),
            },
        )
    return path

"""The case category catalogue as one Excel sheet (案件类别目录), so that a district can hand its
catalogue to all its streets: the sheet's columns, and the export of every 大类 and 小类
(db/reference/catalogue_import.py reads such a sheet back).

One row per 小类, by code; a 大类 without 小类 gets a row of its own with the 小类 columns
empty. Codes are written as text (0101 keeps its zero), limits as numbers of hours, and the
choice columns carry Excel's data validation (事件/部件, 工作时/自然时, 是/否).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import xlsxwriter
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import BadFile
from db.reference.categories import CategoryRow, list_categories, list_majors
from db.reference.category_codes import KINDS
from db.reference.category_keywords import shown_keywords
from db.reference.master_data import BASIS_LABELS, format_hours
from db.sheets.header_row import header_key

SHEET_NAME = "案件类别目录"

# (field, header as exported, other spellings accepted on import)
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("major_code", "大类编码", ("大类代码",)),
    ("major_name", "大类名称", ("大类",)),
    ("kind", "类型（事件/部件）", ("类型", "大类类型", "类别类型")),
    ("code", "小类编码", ("小类代码", "编码", "类别编码")),
    ("name", "小类名称", ("小类", "名称", "类别名称")),
    ("department", "默认部门", ("部门", "责任部门", "处置部门")),
    ("dispatch_hours", "派遣时限（小时）", ("派遣时限", "立案派遣时限")),
    ("handle_hours", "处置时限（小时）", ("处置时限",)),
    ("verify_hours", "核查时限（小时）", ("核查时限",)),
    ("basis", "计时方式（工作时/自然时）", ("计时方式", "计时")),
    ("urgent", "紧急（是/否）", ("紧急", "是否紧急")),
    ("active", "启用（是/否）", ("启用", "是否启用", "状态")),
    ("keywords", "关键词", ("关键字", "同义词", "关键词（同义词）")),
)
LABELS = {name: header.split("（")[0] for name, header, _ in COLUMNS}


def _bare(text: str) -> str:
    """A header without its bracketed note: 派遣时限（小时） → 派遣时限."""
    return re.sub(r"（[^）]*）", "", header_key(text))


_BY_HEADER = {
    _bare(spelling): name for name, header, others in COLUMNS for spelling in (header, *others)
}


def match_column(text: str) -> str | None:
    return _BY_HEADER.get(_bare(text))


# --- export -----------------------------------------------------------------------------------


def _cells(row: CategoryRow, major_name: str, kind: str) -> list[str | float]:
    return [
        row.major_code,
        major_name,
        kind,
        row.code,
        row.name,
        row.default_department or "",
        float(format_hours(row.dispatch_minutes)),
        float(format_hours(row.handle_minutes)),
        float(format_hours(row.verify_minutes)),
        BASIS_LABELS.get(row.basis, row.basis),
        "是" if row.urgent else "否",
        "是" if row.active else "否",
        shown_keywords(row.keywords),
    ]


def catalogue_rows(session: Session) -> list[list[str | float]]:
    """The sheet's data rows: every 小类 by code, and every 大类 that has none."""
    majors = {m.code: m for m in list_majors(session)}
    rows: list[list[str | float]] = []
    seen: set[str] = set()
    for cat in list_categories(session):
        major = majors[cat.major_code]
        seen.add(major.code)
        rows.append(_cells(cat, major.name, major.kind))
    for major in majors.values():
        if major.code not in seen:
            blank: list[str | float] = [""] * (len(COLUMNS) - 3)
            rows.append([major.code, major.name, major.kind, *blank])
    rows.sort(key=lambda r: (str(r[0]), str(r[3])))
    return rows


def export_catalogue(db: Database, path: str | os.PathLike[str]) -> int:
    """Write the catalogue to `path` (.xlsx, atomically); returns the number of 小类 written."""
    with db.read() as session:
        rows = catalogue_rows(session)
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise BadFile(f"目录文件应为 .xlsx：{target.name}")
    if not target.parent.is_dir():
        raise BadFile(f"无法写入 {target}：文件夹 {target.parent} 不存在")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".xlsx.tmp", dir=target.parent)
    except OSError as exc:
        raise BadFile(f"无法写入 {target}：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(tmp, rows)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BadFile(f"无法写入 {target}：{reason}（文件是否正被其他程序打开？）") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return sum(1 for r in rows if r[3])


def _write(path: Path, rows: list[list[str | float]]) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    wb.set_properties({"title": SHEET_NAME})
    ws = wb.add_worksheet(SHEET_NAME)
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = wb.add_format({"num_format": "@"})
    ws.write_row(0, 0, [header for _, header, _ in COLUMNS], head)
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, float):
                ws.write_number(number, col, value)
            else:
                ws.write_string(number, col, value, text if col in (0, 3) else None)
    widths = (9, 12, 10, 9, 16, 18, 10, 10, 10, 12, 8, 8, 36)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width, text if col in (0, 3) else None)
    ws.freeze_panes(1, 0)
    last = max(len(rows), 1) + 200  # room for rows added by hand
    for col, choices in ((2, list(KINDS)), (9, list(BASIS_LABELS.values())), (10, ["是", "否"])):
        ws.data_validation(1, col, last, col, {"validate": "list", "source": choices})
    ws.data_validation(1, 11, last, 11, {"validate": "list", "source": ["是", "否"]})
    for col in (6, 7, 8):
        ws.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0.01,
                "maximum": 2160,
                "error_message": "时限以小时计，大于 0 且不超过 2160（90 天）",
            },
        )
    wb.close()

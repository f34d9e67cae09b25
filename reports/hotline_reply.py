"""The 办结回复 sheet for the 12345 hotline: one header row (工单编号, 办理结果, 办结时间,
回复内容, 回访满意度) and one row per order, the shape the hotline imports back. Written
atomically (a temporary file renamed over the target); text is never read as a formula."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import xlsxwriter

from db.engine import Database
from db.errors import BadFile
from db.intake.hotline_reply import REPLY_HEADERS, ReplyRow, reply_rows_in
from reports.layout import check_target

_WIDTHS = (22, 18, 18, 60, 12)


def write_reply_sheet(rows: Sequence[ReplyRow], path: str | os.PathLike[str]) -> Path:
    target = check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".xlsx.tmp", dir=target.parent)
    except OSError as exc:
        raise BadFile(f"无法写入 {target}：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        ws = wb.add_worksheet("办结回复")
        bold = wb.add_format({"bold": True, "border": 1, "align": "center"})
        when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1})
        cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        for col, (header, width) in enumerate(zip(REPLY_HEADERS, _WIDTHS, strict=True)):
            ws.set_column(col, col, width)
            ws.write_string(0, col, header, bold)
        for r, row in enumerate(rows, start=1):
            ws.write_string(r, 0, row.work_order, cell)
            ws.write_string(r, 1, row.result, cell)
            ws.write_datetime(r, 2, row.closed_at, when)
            ws.write_string(r, 3, row.reply, cell)
            ws.write_string(r, 4, row.satisfaction, cell)
        ws.freeze_panes(1, 0)
        wb.close()
        os.replace(tmp, target)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BadFile(f"无法写入 {target}：{reason}（文件是否正被其他程序打开？）") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def export_hotline_reply(
    db: Database, first: date, last: date, path: str | os.PathLike[str]
) -> tuple[int, Path]:
    """Write the 办结回复 of the hotline orders closed from `first` to `last` (local days,
    inclusive) to `path`; (orders written, the file)."""
    with db.read() as session:
        rows = reply_rows_in(session, first, last)
    return len(rows), write_reply_sheet(rows, path)

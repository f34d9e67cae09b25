"""The day-one Excel template (`griddesk-admin setup --template FILE.xlsx`, and the window's
setup wizard): one sheet each for 街道、社区、网格、部门, a note, Chinese headers, a grey example
row and Excel data validation on codes and counts. Written atomically (temporary file, then
replaced), so a failed write leaves no half file."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from db.errors import BadFile
from db.setup.layout import (
    COLUMNS,
    EXAMPLE_NOTE,
    EXAMPLE_ROW,
    HEADER_ROW,
    NOTE_HEADER,
    NOTE_ROW,
    NOTES,
    SHEET_NAMES,
    Column,
    Kind,
)

VALIDATED_ROWS = 2_000  # rows below the header that carry the data validation


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_width(column: Column) -> float:
    shown = max(_display_width(column.header), _display_width(str(column.example)))
    return max(column.width, shown + 2)


def _code_formula(column: Column, cell: str) -> str:
    lengths = ",".join(f"LEN({cell})={n}" for n in column.lengths)
    length_test = lengths if len(column.lengths) == 1 else f"OR({lengths})"
    # The right length, a number when read as one, and no decimal point: digits only, in
    # practice (a sign or an exponent in a text of that length is not a realistic typing slip).
    return f'=AND({length_test},ISNUMBER(--{cell}),ISERROR(SEARCH(".",{cell})))'


def _validation(column: Column, cell: str) -> dict[str, Any]:
    title = column.header[:32]
    if column.kind is Kind.CODE:
        wanted = " 或 ".join(str(n) for n in column.lengths)
        return {
            "validate": "custom",
            "value": _code_formula(column, cell),
            "input_title": title,
            "input_message": column.hint[:255],
            "error_title": "编码有误",
            "error_message": f"{column.header}应为 {wanted} 位数字"[:255],
        }
    if column.kind is Kind.COUNT:
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": 0,
            "maximum": 10_000_000,
            "input_title": title,
            "input_message": column.hint[:255],
            "error_title": "应为整数",
            "error_message": f"{column.header}应为不小于 0 的整数"[:255],
        }
    return {
        "validate": "length",
        "criteria": "<=",
        "value": column.limit,
        "input_title": title,
        "input_message": column.hint[:255],
        "error_title": "内容过长",
        "error_message": f"{column.header}最多 {column.limit} 个字"[:255],
    }


def _write_book(path: Path) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    note_fmt = wb.add_format({"text_wrap": True, "valign": "top", "font_color": "#555555"})
    head_fmt = wb.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"}
    )
    text_fmt = wb.add_format({"num_format": "@"})
    example_fmt = wb.add_format({"italic": True, "font_color": "#808080", "num_format": "@"})
    example_num = wb.add_format({"italic": True, "font_color": "#808080"})
    for name in SHEET_NAMES:
        columns = COLUMNS[name]
        ws = wb.add_worksheet(name)
        last = len(columns)  # the 备注 column
        ws.merge_range(NOTE_ROW - 1, 0, NOTE_ROW - 1, last, NOTES[name], note_fmt)
        ws.set_row(NOTE_ROW - 1, 48)
        for index, column in enumerate(columns):
            cell_format = text_fmt if column.kind is not Kind.COUNT else None
            ws.set_column(index, index, _column_width(column), cell_format)
            ws.write_string(HEADER_ROW - 1, index, column.header, head_fmt)
            if isinstance(column.example, int):
                ws.write_number(EXAMPLE_ROW - 1, index, column.example, example_num)
            else:
                ws.write_string(EXAMPLE_ROW - 1, index, column.example, example_fmt)
            first = f"{_letter(index)}{EXAMPLE_ROW}"
            ws.data_validation(
                EXAMPLE_ROW - 1,
                index,
                EXAMPLE_ROW - 1 + VALIDATED_ROWS,
                index,
                _validation(column, first),
            )
        ws.set_column(last, last, 22, text_fmt)
        ws.write_string(HEADER_ROW - 1, last, NOTE_HEADER, head_fmt)
        ws.write_string(EXAMPLE_ROW - 1, last, EXAMPLE_NOTE, example_fmt)
        ws.freeze_panes(HEADER_ROW, 0)
    wb.close()


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def write_setup_template(path: Path) -> None:
    """Write the day-one Excel template: sheets 街道, 社区, 网格, 部门 (headers in Chinese, one
    example row each, data validation for codes). The 街道 sheet holds 填报单位 (center name),
    区县编码, 区县名称, 街道编码, 街道名称 (one data row). BadFile when it cannot be written."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise BadFile(f"模板文件名应以 .xlsx 结尾：{target}")
    if target.is_dir():
        raise BadFile(f"无法写入 {target}：这是一个文件夹，请给出文件名")
    if not target.parent.is_dir():
        raise BadFile(f"无法写入 {target}：文件夹 {target.parent} 不存在")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".xlsx.tmp", dir=target.parent)
    except OSError as exc:
        raise BadFile(f"无法写入 {target}：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_book(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BadFile(f"无法写入 {target}：{reason}（文件是否正被其他程序打开？）") from exc
    finally:
        if tmp.exists():
            tmp.unlink()

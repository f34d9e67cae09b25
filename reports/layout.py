"""The official layout shared by every return: the .xlsx writer of the report model.

A return module builds a `Report` — sheets of typed columns and rows of values, with the
cached results of every formula already computed — and `write_report` lays it out the way
the district expects: a merged title, the 填报单位 / 统计期间 / 填报日期 / 制表人 row,
multi-level merged headers, thin borders, number formats, column widths that fit Chinese text,
a frozen header, A4 landscape fitted to one page wide with the header rows repeated and
"第 &P 页 共 &N 页" in the footer. Totals and rates are live formulas stored together with
their values (xlsxwriter `write_formula(..., value=...)`), so readers that do not recalculate
still see the numbers. Every text goes through `write_string`: a name or description that
starts with = + - @ or a tab stays text, never a formula. The file is written to a temporary
file in the target folder and moved into place, so a failure never leaves half a file.

The report model is in reports/model.py; the same `Report` feeds the on-screen preview
(reports/preview.py).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from db.errors import BadFile, ValidationError
from reports.model import NUMERIC_KINDS, Column, Progress, Report, Sheet
from reports.preview import display

# Number formats of the column kinds.
NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "int": "#,##0",
    "rate": "0.0%",
    "hours": "0.0",
    "decimal": "0.0",
    "money": "#,##0.00",
    "index": "0.000",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
FONT = "宋体"
TITLE_FONT = "黑体"


# --- display and widths ---------------------------------------------------------------------


def display_width(text: str) -> int:
    """Width in Excel character units: CJK (wide) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit_width(sheet: Sheet, column: Column) -> float:
    if column.width is not None:
        return column.width
    widest = display_width(column.header[-1]) if column.header else 4
    for row in sheet.rows[:2000]:
        text = display(row.values.get(column.key), column.kind)
        widest = max(widest, display_width(text))
    if sheet.totals is not None:
        widest = max(widest, display_width(display(sheet.totals.get(column.key), column.kind)))
    limit = 40 if column.wrap else 60
    return float(min(max(widest + 2, 6), limit))


# --- writing ----------------------------------------------------------------------------------


class _Formats:
    """The workbook's cell formats, created once."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = base | {"border": 1}
        self.title = wb.add_format(
            {"font_name": TITLE_FONT, "font_size": 16, "bold": True}
            | {"align": "center", "valign": "vcenter"}
        )
        self.info = wb.add_format(base | {"font_size": 10})
        self.info_right = wb.add_format(base | {"font_size": 10, "align": "right"})
        self.header = wb.add_format(
            cell | {"bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}
        )
        self.note = wb.add_format(base | {"font_size": 9, "text_wrap": True, "valign": "top"})
        self.body: dict[tuple[str, bool, bool], Any] = {}
        for kind, number_format in NUMBER_FORMATS.items():
            for bold in (False, True):
                for wrap in (False, True):
                    props = cell | {"num_format": number_format, "bold": bold}
                    if kind == "text":
                        props |= {"align": "left", "text_wrap": wrap}
                    else:
                        props |= {"align": "center" if kind in ("date", "datetime") else "right"}
                    self.body[(kind, bold, wrap)] = wb.add_format(props)
        self.center_text = {
            bold: wb.add_format(cell | {"num_format": "@", "align": "center", "bold": bold})
            for bold in (False, True)
        }

    def cell(self, column: Column, bold: bool = False) -> Any:
        return self.body[(column.kind, bold, column.wrap and column.kind == "text")]


def _template(text: str, refs: Callable[[str, bool], str]) -> str:
    def sub(m: re.Match[str]) -> str:
        return refs(m.group(1), m.group(2) is not None)

    return "=" + re.sub(r"\{(\w+)(:range)?\}", sub, text)


def _write_value(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(r, c, "是" if value else "否", fmt)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, datetime):
        ws.write_datetime(r, c, value.replace(tzinfo=None), fmt)
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
    else:
        ws.write_string(r, c, str(value), fmt)  # never a formula, whatever it starts with


def _cached(value: Any) -> Any:
    return "" if value is None else value


def _info_texts(report: Report) -> list[str]:
    return [
        f"填报单位：{report.unit}",
        f"统计期间：{report.period_label}",
        f"填报日期：{report.filled_on:%Y-%m-%d}",
        f"制表人：{report.preparer}",
    ]


def _info_rows(widths: list[float], texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """The 填报单位 / 统计期间 / 填报日期 / 制表人 line as merged segments, each wide enough for
    its text: one row when the table is wide enough, else two rows (or one per text)."""
    n = len(widths)
    needs = [display_width(t) + 2 for t in texts]
    if n >= 4:
        right: list[tuple[int, int, str]] = []
        end = n - 1
        fits = True
        for i in (3, 2, 1):
            start, width = end, widths[end]
            while width < needs[i] and start - 1 >= i:
                start -= 1
                width += widths[start]
            fits = fits and width >= needs[i]
            right.insert(0, (start, end, texts[i]))
            end = start - 1
        if fits and sum(widths[: end + 1]) >= needs[0]:
            return [[(0, end, texts[0]), *right]]
    if n >= 2:
        mid = n // 2
        return [
            [(0, mid - 1, texts[0]), (mid, n - 1, texts[1])],
            [(0, mid - 1, texts[2]), (mid, n - 1, texts[3])],
        ]
    return [[(0, 0, t)] for t in texts]


CHART_COLUMNS = 13  # default-width columns a chart takes beside its table
DEFAULT_COLUMN_WIDTH = 8.43


def _span_widths(sheet: Sheet, widths: list[float]) -> list[float]:
    """Widths of the columns the title spans: the table's, plus the chart's beside it."""
    if sheet.chart is not None and sheet.rows:
        return [*widths, DEFAULT_COLUMN_WIDTH, *([DEFAULT_COLUMN_WIDTH] * CHART_COLUMNS)]
    return widths


def _merge_or_write(ws: Any, r1: int, c1: int, r2: int, c2: int, text: str, fmt: Any) -> None:
    if r1 == r2 and c1 == c2:
        ws.write_string(r1, c1, text, fmt)
    else:
        ws.merge_range(r1, c1, r2, c2, text, fmt)


def _write_sheet(
    wb: xlsxwriter.Workbook, fmts: _Formats, report: Report, sheet: Sheet, tick: Callable[[], None]
) -> None:
    ws = wb.add_worksheet(sheet.name[:31])
    ncols = len(sheet.columns)
    last_col = ncols - 1
    depth = sheet.depth
    keys = {c.key: i for i, c in enumerate(sheet.columns)}

    # Title and the 填报单位 row, across the table (and the chart beside it, if any).
    widths = [_fit_width(sheet, c) for c in sheet.columns]
    spans = _span_widths(sheet, widths)
    span_last = len(spans) - 1
    ws.set_row(0, 30)
    _merge_or_write(ws, 0, 0, 0, span_last, sheet.title, fmts.title)
    info_rows = _info_rows(spans, _info_texts(report))
    for line, segments in enumerate(info_rows, 1):
        ws.set_row(line, 20)
        for c1, c2, text in segments:
            fmt = fmts.info_right if c1 > 0 and c2 == span_last else fmts.info
            _merge_or_write(ws, line, c1, line, c2, text, fmt)

    # Multi-level headers.
    top = 1 + len(info_rows)
    for level in range(depth):
        ws.set_row(top + level, 32 if level == depth - 1 else 20)
    for level in range(depth):
        c = 0
        while c < ncols:
            column = sheet.columns[c]
            if len(column.header) <= level:
                c += 1
                continue
            prefix = column.header[: level + 1]
            end = c
            while (
                end + 1 < ncols
                and sheet.columns[end + 1].header[: level + 1] == prefix
                and len(sheet.columns[end + 1].header) > level
            ):
                end += 1
            leaf = len(column.header) == level + 1
            bottom = top + (depth - 1 if leaf else level)
            _merge_or_write(ws, top + level, c, bottom, end, column.header[level], fmts.header)
            c = end + 1
    first = top + depth  # first data row

    for i, width in enumerate(widths):
        ws.set_column(i, i, width)

    nrows = len(sheet.rows)
    last_data = first + nrows - 1

    def data_range(key: str) -> str:
        col = keys[key]
        return f"{xl_rowcol_to_cell(first, col, True, True)}:{xl_rowcol_to_cell(max(last_data, first), col, True, True)}"

    # Vertical merges of repeated values (e.g. the 大类 of its 小类 rows).
    merged: dict[tuple[int, int], int] = {}
    for key in sheet.merge_down:
        col = keys[key]
        i = 0
        while i < nrows:
            j = i
            value = sheet.rows[i].values.get(key)
            while (
                j + 1 < nrows
                and value not in (None, "")
                and sheet.rows[j + 1].values.get(key) == value
            ):
                j += 1
            if j > i:
                merged[(i, col)] = j
            i = j + 1
    covered = {(i, c) for (start, c), end in merged.items() for i in range(start + 1, end + 1)}

    for index, row in enumerate(sheet.rows):
        r = first + index
        bold = bool(row.subtotal_of)

        def refs(key: str, as_range: bool, r: int = r) -> str:
            if as_range:
                return data_range(key)
            return str(xl_rowcol_to_cell(r, keys[key]))

        for c, column in enumerate(sheet.columns):
            fmt = fmts.cell(column, bold)
            value = row.values.get(column.key)
            if (index, c) in merged:
                end = merged[(index, c)]
                ws.merge_range(r, c, first + end, c, "", fmt)
                _write_value(ws, r, c, value, fmt)
                continue
            if (index, c) in covered:
                continue
            if row.subtotal_of and column.total == "sum" and column.kind in NUMERIC_KINDS:
                cells = ",".join(xl_rowcol_to_cell(first + i, c) for i in row.subtotal_of)
                ws.write_formula(r, c, f"=SUM({cells})", fmt, _cached(value))
            elif column.formula is not None:
                ws.write_formula(r, c, _template(column.formula, refs), fmt, _cached(value))
            else:
                _write_value(ws, r, c, value, fmt)
        tick()

    last = last_data
    if sheet.totals is not None:
        r = last_data + 1
        last = r
        subtotal_rows = [first + i for i, row in enumerate(sheet.rows) if row.subtotal_of]

        def total_refs(key: str, as_range: bool) -> str:
            if as_range:
                return data_range(key)
            return str(xl_rowcol_to_cell(r, keys[key]))

        for c, column in enumerate(sheet.columns):
            fmt = fmts.cell(column, True)
            value = sheet.totals.get(column.key)
            if column.total == "sum" and column.kind in NUMERIC_KINDS:
                if nrows == 0:
                    ws.write_number(r, c, 0, fmt)
                elif subtotal_rows:
                    cells = ",".join(xl_rowcol_to_cell(x, c) for x in subtotal_rows)
                    ws.write_formula(r, c, f"=SUM({cells})", fmt, _cached(value))
                else:
                    ws.write_formula(r, c, f"=SUM({data_range(column.key)})", fmt, _cached(value))
            elif column.total == "formula" and column.formula is not None:
                ws.write_formula(r, c, _template(column.formula, total_refs), fmt, _cached(value))
            elif column.total == "custom" and column.total_formula is not None:
                formula = _template(column.total_formula, total_refs)
                ws.write_formula(r, c, formula, fmt, _cached(value))
            elif column.total == "label":
                ws.write_string(r, c, "合计", fmts.center_text[True])
            else:
                _write_value(ws, r, c, value, fmt)

    # Notes (说明) under the table.
    note_row = last + 2
    for text in sheet.notes:
        lines = max(
            1,
            display_width(text) // max(int(sum(widths)) - 2, 20) + 1,
        )
        ws.set_row(note_row, 14 * lines)
        _merge_or_write(ws, note_row, 0, note_row, last_col, text, fmts.note)
        note_row += 1

    # Chart.
    if sheet.chart is not None and nrows:
        spec = sheet.chart
        chart = wb.add_chart({"type": spec.kind})
        cat = keys[spec.category]
        name = sheet.name[:31]
        for key in spec.series:
            col = keys[key]
            chart.add_series(
                {
                    "name": [name, top + depth - 1, col],
                    "categories": [name, first, cat, last_data, cat],
                    "values": [name, first, col, last_data, col],
                    "line": {"width": 1.5},
                }
            )
        chart.set_title({"name": spec.title, "name_font": {"name": FONT, "size": 12}})
        chart.set_y_axis({"name": spec.y_title, "min": 0, "major_gridlines": {"visible": True}})
        x_axis: dict[str, Any] = {"num_font": {"rotation": -45}}
        if sheet.column(spec.category).kind == "date":
            x_axis |= {
                "date_axis": True,
                "num_format": 'm"月"d"日"',
                "major_unit": max(1, nrows // 16),
            }
        chart.set_x_axis(x_axis)
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 760, "height": 360})
        ws.insert_chart(first, ncols + 1, chart)

    # Page set-up: A4 landscape, one page wide, header rows repeated, page numbers.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    ws.repeat_rows(top, top + depth - 1)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.print_area(0, 0, max(last, note_row - 1), span_last)
    ws.freeze_panes(first, sheet.freeze_columns)


CONSTANT_MEMORY_ROWS = 5000


def streamable(report: Report) -> bool:
    """Whether the report can be written in xlsxwriter's constant-memory (row by row) mode."""
    flat = all(s.depth == 1 and not s.merge_down for s in report.sheets)
    return flat and _workbook_rows(report) > CONSTANT_MEMORY_ROWS


def _workbook_rows(report: Report) -> int:
    return sum(len(s.rows) for s in report.sheets) or 1


def check_target(path: str | os.PathLike[str]) -> Path:
    """The .xlsx path to write, or BadFile (one line) if it cannot be written there."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise BadFile(f"无法写入 {target}：这是一个文件夹，请给出文件名")
    if target.suffix.lower() != ".xlsx":
        raise BadFile(f"报表文件名应以 .xlsx 结尾：{target}")
    folder = target.parent
    if not folder.is_dir():
        raise BadFile(f"无法写入 {target}：文件夹 {folder} 不存在")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadFile(f"无法写入 {target}：没有写入文件夹 {folder} 的权限")
    if target.exists() and not os.access(target, os.W_OK):
        raise BadFile(f"无法写入 {target}：文件是只读的")
    return target


# Rows a worksheet can have in Excel (and in the .xlsx format).
EXCEL_ROWS = 1_048_576


def check_fits(report: Report) -> None:
    """ValidationError (nothing written) when a sheet has more rows than an Excel worksheet."""
    for sheet in report.sheets:
        rows = len(sheet.rows)
        last = data_first_row(report, sheet) + rows + (sheet.totals is not None)
        if sheet.notes:
            last += 1 + len(sheet.notes)
        if last > EXCEL_ROWS:
            raise ValidationError(
                f"{sheet.title}共 {rows:,} 行，超过 Excel 一张工作表的上限（{EXCEL_ROWS:,} 行），"
                "没有导出：请按季度或月份、按社区或部门分别导出"
            )


def write_report(
    report: Report, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write `report` to `path` atomically; a path that cannot be written raises BadFile, a
    sheet longer than Excel allows ValidationError."""
    target = check_target(path)
    check_fits(report)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".xlsx.tmp", dir=target.parent)
    except OSError as exc:
        raise BadFile(f"无法写入 {target}：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    total = _workbook_rows(report)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)

    stream = streamable(report)
    try:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                # Long flat lists (明细表) are streamed row by row to keep memory flat; every
                # sheet is written strictly in row order, and only grouped headers or vertical
                # merges (which reach into later rows) need the whole sheet in memory.
                "constant_memory": stream,
                "in_memory": not stream,
                "tmpdir": str(target.parent),
            },
        )
        wb.set_properties(
            {"title": report.title, "author": report.preparer, "company": report.unit}
        )
        fmts = _Formats(wb)
        for sheet in report.sheets:
            _write_sheet(wb, fmts, report, sheet, tick)
        wb.close()
        try:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, target)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BadFile(f"无法写入 {target}：{reason}（文件是否正被其他程序打开？）") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    if progress is not None:
        progress(total, total)
    return target


def column_letter(sheet: Sheet, key: str) -> str:
    return str(xl_col_to_name(next(i for i, c in enumerate(sheet.columns) if c.key == key)))


def data_first_row(report: Report, sheet: Sheet) -> int:
    """0-based row index of the first data row (after title, info and header rows)."""
    widths = _span_widths(sheet, [_fit_width(sheet, c) for c in sheet.columns])
    return 1 + len(_info_rows(widths, _info_texts(report))) + sheet.depth

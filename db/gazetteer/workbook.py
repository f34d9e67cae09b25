"""The gazetteer as an Excel workbook a community fills in: the template (three sheets 道路、小区、
地标, a note, Chinese headers, a grey example row, data validation), its import and the export
in the same shape (an exported file imports again unchanged).

The import reads and checks everything first and lists EVERY problem by sheet, row and column
(`GazetteerProblems`); then it writes all rows or none. A row already in the gazetteer (the
same road and door numbers and side, the same estate and buildings, the same landmark) is
updated, never added twice; rows of the gazetteer the file does not mention are kept. One
audit entry names the file and the counts."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions
from sqlalchemy.orm import Session

from db.errors import BadFile, UserError, ValidationError
from db.gazetteer.entries import (
    SIDE_BY_LABEL,
    EntryValues,
    GazetteerRow,
    clean_values,
    describe,
    existing_values,
    grid_ids,
    list_entries,
    overlaps,
)
from db.gazetteer.index import ESTATE, LANDMARK, ROAD, SIDE_LABELS
from db.models import GazetteerEntry
from db.security.actors import Actor
from db.security.audit import record_audit
from db.sheets.cells import clean_text, is_blank
from db.sheets.header_row import column_letter, find_header, header_key
from db.sheets.reading import HEADER_SCAN_ROWS
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, WorkSheet, check_xlsx

ROAD_SHEET, ESTATE_SHEET, LANDMARK_SHEET = "道路", "小区", "地标"
SHEETS = {ROAD_SHEET: ROAD, ESTATE_SHEET: ESTATE, LANDMARK_SHEET: LANDMARK}
NOTE_HEADER = "备注"
EXAMPLE_NOTE = "示例（导入时跳过）"
NOTE_ROW, HEADER_ROW, EXAMPLE_ROW = 1, 2, 3
VALIDATED_ROWS = 2_000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    width: int
    example: str | int
    hint: str
    number: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


_GRID = Column(
    "grid_code",
    "网格编码",
    True,
    18,
    "21050400200403",
    "14 或 15 位单元网格编码（基础数据中已有的网格）",
    aliases=("所属网格编码", "网格"),
)
_NOTE = Column("note", NOTE_HEADER, False, 22, EXAMPLE_NOTE, "可不填")
COLUMNS: dict[str, tuple[Column, ...]] = {
    ROAD_SHEET: (
        Column(
            "name", "道路名称", True, 14, "紫金路", "道路全称，如 紫金路", aliases=("道路", "路名")
        ),
        Column(
            "first_no",
            "起始门牌号",
            True,
            12,
            1,
            "这一段的第一个门牌号（整数）",
            True,
            aliases=("起始号",),
        ),
        Column(
            "last_no",
            "终止门牌号",
            True,
            12,
            99,
            "这一段的最后一个门牌号（整数）",
            True,
            aliases=("终止号",),
        ),
        Column(
            "side",
            "单双号",
            False,
            10,
            "单号",
            "单号、双号或单双号（不填为单双号）",
            choices=("单号", "双号", "单双号"),
        ),
        _GRID,
        _NOTE,
    ),
    ESTATE_SHEET: (
        Column("name", "小区名称", True, 16, "紫金小区", "小区全称", aliases=("小区",)),
        Column("aliases", "别名", False, 18, "紫金花园", "居民常用的其他叫法，多个用顿号分隔"),
        Column(
            "first_no",
            "起始楼号",
            False,
            10,
            21,
            "本网格内的第一栋楼号；整个小区都在本网格则不填",
            True,
        ),
        Column(
            "last_no",
            "终止楼号",
            False,
            10,
            40,
            "本网格内的最后一栋楼号；整个小区都在本网格则不填",
            True,
        ),
        _GRID,
        _NOTE,
    ),
    LANDMARK_SHEET: (
        Column(
            "name",
            "地标名称",
            True,
            18,
            "东明小学",
            "学校、市场、公交站、医院等的名称",
            aliases=("名称",),
        ),
        Column(
            "landmark_type",
            "类别",
            False,
            10,
            "学校",
            "学校、市场、公交站、医院、商场、公园……",
            choices=("学校", "市场", "公交站", "医院", "商场", "公园", "机关", "银行", "其他"),
        ),
        Column("aliases", "别名", False, 18, "东明小", "居民常用的其他叫法，多个用顿号分隔"),
        _GRID,
        _NOTE,
    ),
}
NOTES = {
    ROAD_SHEET: "每行一段道路：起止门牌号与单双号所在的网格。一条路经过几个网格就填几行；"
    "路的两侧分属两个网格时，单号、双号各填一行。第 3 行为示例，导入时跳过。",
    ESTATE_SHEET: "每行一个小区（或小区的一部分）：整个小区在一个网格就不填楼号；"
    "跨网格的小区按楼号分行填写。第 3 行为示例，导入时跳过。",
    LANDMARK_SHEET: "每行一个地标：学校、市场、公交站、医院等，居民报事时常说的地方。"
    "第 3 行为示例，导入时跳过。",
}


@dataclass(frozen=True)
class GazetteerProblem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def text(self) -> str:
        where = f"工作表「{self.sheet}」"
        if self.row is not None:
            where += f"第 {self.row} 行"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}"


class GazetteerProblems(ValidationError):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[GazetteerProblem]) -> None:
        self.problems = problems
        rows = len({(p.sheet, p.row) for p in problems})
        super().__init__(
            f"地名地址表中发现 {len(problems)} 处问题（涉及 {rows} 行），未写入任何数据；"
            "请逐条修正后重新导入"
        )


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    file_name: str = ""
    details: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = "检查通过（未写入）：" if self.dry_run else "已导入："
        return (
            f"{head}「{self.file_name}」新增 {self.added} 条，更新 {self.updated} 条，"
            f"未变 {self.unchanged} 条"
        )


# --- writing ----------------------------------------------------------------------------------


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise BadFile(f"文件名应以 .xlsx 结尾：{target}")
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
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise BadFile(f"无法写入 {target}：{reason}（文件是否正被其他程序打开？）") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _validation(column: Column) -> dict[str, Any]:
    title = column.header[:32]
    if column.choices:
        return {
            "validate": "list",
            "source": list(column.choices),
            "input_title": title,
            "input_message": column.hint[:255],
            "error_title": "请从列表中选择",
            "error_message": f"{column.header}应为：{'、'.join(column.choices)}"[:255],
        }
    if column.number:
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": 1,
            "maximum": 99_999,
            "input_title": title,
            "input_message": column.hint[:255],
            "error_title": "应为整数",
            "error_message": f"{column.header}应为 1–99999 的整数"[:255],
        }
    return {
        "validate": "length",
        "criteria": "<=",
        "value": 200 if column.key in ("aliases", "note") else 64,
        "input_title": title,
        "input_message": column.hint[:255],
        "error_title": "内容过长",
        "error_message": f"{column.header}过长"[:255],
    }


def _row_values(sheet: str, row: GazetteerRow) -> list[str | int]:
    values: dict[str, str | int] = {
        "name": row.name,
        "aliases": row.aliases,
        "first_no": "" if row.first_no is None else row.first_no,
        "last_no": "" if row.last_no is None else row.last_no,
        "side": SIDE_LABELS[row.side],
        "landmark_type": row.landmark_type,
        "grid_code": row.grid_code,
        "note": row.note,
    }
    return [values[c.key] for c in COLUMNS[sheet]]


def _write_book(path: Path, rows: list[GazetteerRow]) -> None:
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
    for sheet, kind in SHEETS.items():
        columns = COLUMNS[sheet]
        ws = wb.add_worksheet(sheet)
        ws.merge_range(NOTE_ROW - 1, 0, NOTE_ROW - 1, len(columns) - 1, NOTES[sheet], note_fmt)
        ws.set_row(NOTE_ROW - 1, 48)
        for index, column in enumerate(columns):
            ws.set_column(index, index, column.width, None if column.number else text_fmt)
            ws.write_string(HEADER_ROW - 1, index, column.header, head_fmt)
            if isinstance(column.example, int):
                ws.write_number(EXAMPLE_ROW - 1, index, column.example, example_num)
            else:
                ws.write_string(EXAMPLE_ROW - 1, index, column.example, example_fmt)
            ws.data_validation(
                EXAMPLE_ROW - 1, index, EXAMPLE_ROW - 1 + VALIDATED_ROWS, index, _validation(column)
            )
        number = EXAMPLE_ROW
        for row in rows:
            if row.kind != kind:
                continue
            for index, value in enumerate(_row_values(sheet, row)):
                if isinstance(value, int):
                    ws.write_number(number, index, value)
                elif value:
                    ws.write_string(number, index, value)
            number += 1
        ws.freeze_panes(HEADER_ROW, 0)
    wb.close()


def write_gazetteer_template(path: Path) -> None:
    """The empty template: three sheets with a note, headers, an example row and validation."""
    _atomic_write(path, lambda tmp: _write_book(tmp, []))


def export_gazetteer(session: Session, path: Path) -> int:
    """The whole gazetteer in the template's shape; how many rows were written."""
    rows = list_entries(session)
    _atomic_write(path, lambda tmp: _write_book(tmp, rows))
    return len(rows)


# --- reading ----------------------------------------------------------------------------------


def _number(column: Column, value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError(f"「{value}」不是整数，{column.header}应为整数")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise ValidationError(f"「{value}」不是整数，{column.header}应为整数")
        return int(value)
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "").removesuffix("号")
    text = text.removesuffix("楼").removesuffix("号")
    if not text.isascii() or not text.isdigit():
        raise ValidationError(f"「{clean_text(value)}」不是整数，{column.header}应只写数字")
    return int(text)


def _code_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")


@dataclass
class _Read:
    sheet: str
    row: int
    values: EntryValues


def _read_sheet(
    ws: WorkSheet, kind: str, problems: list[GazetteerProblem], out: list[_Read]
) -> None:
    sheet = ws.name
    columns = COLUMNS[sheet]
    keys: dict[str, str] = {}
    for column in columns:
        for text in (column.header, *column.aliases):
            keys[header_key(text)] = column.key
    head = ws.rows[:HEADER_SCAN_ROWS]
    if not head:
        return  # an empty sheet: nothing of this kind
    try:
        at, headers = find_header(head, lambda text: keys.get(header_key(text)), "")
    except ValidationError:
        names = "」「".join(c.header for c in columns)
        problems.append(
            GazetteerProblem(
                sheet, None, None, f"前 {HEADER_SCAN_ROWS} 行中找不到表头（应有「{names}」）"
            )
        )
        return
    header_row = head[at][0]
    index: dict[str, int] = {}
    where: dict[str, str] = {}
    for col, text in enumerate(headers):
        key = keys.get(header_key(text)) if text else None
        if key is not None and key not in index:
            index[key] = col
            where[key] = f"{column_letter(col)}列 {text}"
    for column in columns:
        if column.required and column.key not in index:
            problems.append(
                GazetteerProblem(sheet, header_row, None, f"缺少必需的列「{column.header}」")
            )
    if any(c.required and c.key not in index for c in columns):
        return
    for number, cells in ws.rows:
        if number <= header_row or all(is_blank(c) for c in cells):
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in index.items()}
        if clean_text(raw.get("note")) == clean_text(EXAMPLE_NOTE):
            continue
        if all(is_blank(v) for v in raw.values()):
            continue
        found: dict[str, Any] = {}
        bad = False
        for column in columns:
            value = raw.get(column.key)
            if is_blank(value):
                if column.required:
                    problems.append(
                        GazetteerProblem(
                            sheet, number, where.get(column.key), f"{column.header}不能为空"
                        )
                    )
                    bad = True
                continue
            try:
                if column.number:
                    found[column.key] = _number(column, value)
                elif column.key == "grid_code":
                    found[column.key] = _code_text(value)
                elif column.key == "side":
                    label = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
                    if label not in SIDE_BY_LABEL:
                        raise ValidationError(f"「{label}」应为 单号、双号 或 单双号")
                    found[column.key] = SIDE_BY_LABEL[label]
                else:
                    found[column.key] = clean_text(value)
            except UserError as exc:
                problems.append(GazetteerProblem(sheet, number, where.get(column.key), str(exc)))
                bad = True
        if bad:
            continue
        values = EntryValues(
            kind,
            found.get("name", ""),
            found.get("grid_code", ""),
            found.get("aliases", ""),
            found.get("first_no"),
            found.get("last_no"),
            found.get("side", "both"),
            found.get("landmark_type", ""),
            found.get("note", ""),
        )
        try:
            values = clean_values(values)
        except UserError as exc:
            problems.append(GazetteerProblem(sheet, number, None, str(exc)))
            continue
        out.append(_Read(sheet, number, values))


def _key(v: EntryValues) -> tuple[object, ...]:
    if v.kind == LANDMARK:
        return (v.kind, v.name)
    return (v.kind, v.name, v.first_no, v.last_no, v.side)


def import_gazetteer(
    session: Session,
    path: Path,
    actor: Actor,
    *,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportSummary:
    """Read, check and (unless `dry_run`) write the workbook, all rows or none.
    GazetteerProblems lists every problem; BadFile for an unsafe or unreadable file."""
    actor.require("admin.geography", "导入地名地址库")
    problems: list[GazetteerProblem] = []
    read: list[_Read] = []
    with check_xlsx(path, limits) as book:
        file_name = book.path.name
        sheets = book.workbook_sheets()
    if not any(name in sheets for name in SHEETS):
        raise ValidationError(
            f"「{file_name}」中没有「道路」「小区」「地标」工作表；请用地名地址模板填写"
        )
    for name, kind in SHEETS.items():
        ws = sheets.get(name)
        if ws is not None:
            _read_sheet(ws, kind, problems, read)
    grids = grid_ids(session)
    for item in read:
        if item.values.grid_code not in grids:
            problems.append(
                GazetteerProblem(
                    item.sheet,
                    item.row,
                    "网格编码",
                    f"网格编码「{item.values.grid_code}」不存在或已停用",
                )
            )
    # The same row twice in the file, then clashes inside the file, then with the database.
    seen: dict[tuple[object, ...], _Read] = {}
    for item in read:
        key = _key(item.values)
        if key in seen:
            first = seen[key]
            problems.append(
                GazetteerProblem(
                    item.sheet,
                    item.row,
                    None,
                    f"与第 {first.row} 行重复（{describe(item.values)}）",
                )
            )
        else:
            seen[key] = item
    unique = list(seen.values())
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            if a.values.kind != LANDMARK and overlaps(a.values, b.values):
                problems.append(
                    GazetteerProblem(
                        b.sheet,
                        b.row,
                        None,
                        f"{describe(b.values)}与第 {a.row} 行的{describe(a.values)}重叠："
                        "同一门牌或楼号只能属于一个网格",
                    )
                )
    existing = existing_values(session)
    by_key = {_key(v): (entry_id, v) for entry_id, v in existing}
    for item in unique:
        for _entry_id, other in existing:
            if _key(other) in seen or other.kind == LANDMARK:
                continue  # updated by the file (its clash is checked above)
            if overlaps(item.values, other):
                problems.append(
                    GazetteerProblem(
                        item.sheet,
                        item.row,
                        None,
                        f"{describe(item.values)}与地名库中已有的{describe(other)}"
                        f"（网格 {other.grid_code}）重叠；请先在基础数据中修改或删除那一条",
                    )
                )
                break
    if problems:
        order = {name: i for i, name in enumerate(SHEETS)}
        problems.sort(key=lambda p: (order.get(p.sheet, 9), p.row or 0))
        raise GazetteerProblems(problems)
    summary = ImportSummary(dry_run=dry_run, file_name=file_name)
    for item in unique:
        v = item.values
        found = by_key.get(_key(v))
        if found is None:
            summary.added += 1
            if not dry_run:
                session.add(
                    GazetteerEntry(
                        kind=v.kind,
                        name=v.name,
                        aliases=v.aliases,
                        first_no=v.first_no,
                        last_no=v.last_no,
                        side=v.side,
                        landmark_type=v.landmark_type,
                        grid_id=grids[v.grid_code],
                        note=v.note,
                    )
                )
            continue
        entry_id, old = found
        if old == v:
            summary.unchanged += 1
            continue
        summary.updated += 1
        summary.details.append(f"{describe(v)}：网格 {old.grid_code} → {v.grid_code}")
        if not dry_run:
            entry = session.get(GazetteerEntry, entry_id)
            assert entry is not None
            entry.aliases, entry.landmark_type, entry.note = v.aliases, v.landmark_type, v.note
            entry.grid_id = grids[v.grid_code]
    if not dry_run:
        session.flush()
        record_audit(
            session,
            actor,
            "gazetteer.import",
            "gazetteer",
            file_name,
            {"added": summary.added, "updated": summary.updated, "unchanged": summary.unchanged},
        )
    return summary

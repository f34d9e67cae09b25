"""Reading the filled-in day-one template (db/setup/template.py) into a `SetupPlan`, checked as
the roster import checks its sheets: the header row found under the note, merged header cells,
missing columns, every cell (codes: digits and length; names; whole numbers; phones), codes
under their parents (区县 → 街道 → 社区 → 网格) and duplicates. Every problem is listed by
sheet, row and column (`SetupProblems`); nothing here touches the database."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from db.errors import InvalidCode, UserError, ValidationError
from db.reference.codes import (
    validate_community_code,
    validate_county_code,
    validate_grid_code,
    validate_street_code,
)
from db.reference.master_data import DEFAULT_KIND, MAX_COUNT, check_text
from db.setup.layout import (
    COLUMNS,
    COMMUNITY_SHEET,
    DEPARTMENT_SHEET,
    EXAMPLE_MARK,
    GRID_SHEET,
    NOTE_HEADER,
    SHEET_NAMES,
    STREET_SHEET,
    Column,
    Kind,
)
from db.sheets.cells import clean_text, is_blank, parse_phone
from db.sheets.footer import footer_text
from db.sheets.header_row import column_letter, find_header, header_key
from db.sheets.reading import HEADER_SCAN_ROWS
from db.sheets.xlsx_safety import DEFAULT_LIMITS, Limits, WorkSheet, check_xlsx


@dataclass(frozen=True)
class SetupProblem:
    """One thing wrong in the template, where the user will find it."""

    sheet: str
    row: int | None  # Excel row number; None for a problem with the whole sheet
    column: str | None  # "B列 社区名称"; None for a problem with the whole row
    message: str

    @property
    def text(self) -> str:
        where = f"工作表「{self.sheet}」"
        if self.row is not None:
            where += f"第 {self.row} 行"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}"


class SetupProblems(ValidationError):
    """The template (or its fit with the database) has problems; nothing was written."""

    def __init__(self, problems: list[SetupProblem]) -> None:
        self.problems = problems
        rows = len({(p.sheet, p.row) for p in problems})
        super().__init__(
            f"模板中发现 {len(problems)} 处问题（涉及 {rows} 行），未写入任何数据；"
            "请逐条修正后重新导入"
        )


class Place(NamedTuple):
    """A district or street: its code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class CommunitySpec:
    row: int
    code: str
    name: str
    population: int
    households: int


@dataclass(frozen=True)
class GridSpec:
    row: int
    code: str
    name: str
    community_code: str
    population: int
    households: int
    boundary: str


@dataclass(frozen=True)
class DepartmentSpec:
    row: int
    name: str
    kind: str
    contact: str
    phone: str


@dataclass(frozen=True)
class SetupPlan:
    """What the template holds, every value checked; nothing has been written."""

    center_name: str
    district: Place
    street: Place
    communities: list[CommunitySpec]
    grids: list[GridSpec]
    departments: list[DepartmentSpec]
    file_name: str = ""
    street_row: int = 0

    def summary(self) -> str:
        return (
            f"「{self.file_name}」：{self.street.name}（{self.street.code}），"
            f"社区 {len(self.communities)} 个，网格 {len(self.grids)} 个，"
            f"部门 {len(self.departments)} 个"
        )


# --- one sheet ----------------------------------------------------------------------------------


@dataclass
class _Sheet:
    """The rows of one sheet read as {key: value}, with the problems found on the way."""

    name: str
    problems: list[SetupProblem]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # key → "B列 社区名称"
    bad_rows: set[int] = field(default_factory=set)

    def problem(self, row: int | None, key: str | None, message: str) -> None:
        column = self.where.get(key, "") if key else None
        self.problems.append(SetupProblem(self.name, row, column or None, message))


def _matcher(columns: tuple[Column, ...]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for column in columns:
        for text in (column.header, *column.aliases):
            keys[header_key(text)] = column.key
    keys[header_key(NOTE_HEADER)] = NOTE_HEADER
    return keys


def _digits_text(value: Any) -> str:
    """A code cell as text: a number cell (210504002001.0) without its decimal part."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")


def _code(column: Column, value: Any) -> str:
    """A code cell: digits only, of the right length (the hierarchy is checked later)."""
    text = _digits_text(value)
    wanted = " 或 ".join(str(n) for n in column.lengths)
    if not text.isascii() or not text.isdigit():
        raise InvalidCode(f"「{text}」含有数字以外的字符，{column.header}应为 {wanted} 位数字")
    if len(text) not in column.lengths:
        raise InvalidCode(f"「{text}」是 {len(text)} 位，{column.header}应为 {wanted} 位数字")
    return text


def _count(column: Column, value: Any) -> int:
    """A whole number of people or households: a number cell, or digits written as text."""
    if isinstance(value, bool):
        raise ValidationError(f"「{value}」不是整数，{column.header}应填不小于 0 的整数")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise ValidationError(f"「{value}」不是整数，{column.header}应填不小于 0 的整数")
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", clean_text(value)).replace(",", "").replace(" ", "")
        if not text.isascii() or not text.isdigit():
            raise ValidationError(
                f"「{clean_text(value)}」是文字，{column.header}应填不小于 0 的整数（只写数字）"
            )
        number = int(text)
    if not 0 <= number <= MAX_COUNT:
        raise ValidationError(f"{column.header}「{number}」应在 0 与 {MAX_COUNT} 之间")
    return number


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind is Kind.CODE:
        return _code(column, value)
    if column.kind is Kind.COUNT:
        return _count(column, value)
    if column.kind is Kind.PHONE:
        return parse_phone(value, column.header)
    if not column.normalize:
        text = value if isinstance(value, str) else clean_text(value)
        return check_text(text, column.header, column.limit)
    return check_text(clean_text(value), column.header, column.limit)


def _is_example(cells: dict[str, Any], columns: tuple[Column, ...]) -> bool:
    """Whether every cell of the row (in the columns the sheet has) still holds the
    template's example value."""
    compared = [c for c in columns if c.key in cells]
    if not compared:
        return False
    for column in compared:
        value = cells[column.key]
        if column.kind is Kind.TEXT:
            same = clean_text(value) == clean_text(column.example)
        else:
            same = _digits_text(value) == str(column.example)
        if not same:
            return False
    return True


def _marked_example(cells: dict[str, Any]) -> bool:
    """Whether the row's 备注 begins with 示例 (the template's mark on its example row)."""
    note = cells.get(NOTE_HEADER)
    return isinstance(note, str) and clean_text(note).startswith(EXAMPLE_MARK)


def _merged_header(sheet: _Sheet, ws: WorkSheet, header_row: int, headers: list[str]) -> None:
    for first_row, first_col, last_row, last_col in ws.merged:
        if not first_row <= header_row <= last_row:
            continue
        span = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        header = headers[first_col] if first_col < len(headers) else ""
        sheet.problems.append(
            SetupProblem(
                sheet.name,
                header_row,
                f"{column_letter(first_col)}列 {header}".strip(),
                f"表头单元格 {span} 是合并单元格；请取消合并，每列写一个列名",
            )
        )


def _read_sheet(ws: WorkSheet, problems: list[SetupProblem]) -> _Sheet:
    columns = COLUMNS[ws.name]
    sheet = _Sheet(ws.name, problems)
    keys = _matcher(columns)
    head = ws.rows[:HEADER_SCAN_ROWS]
    if not head:
        sheet.problem(None, None, "工作表是空的")
        return sheet
    try:
        at, headers = find_header(head, lambda text: keys.get(header_key(text)), "")
    except ValidationError:
        names = "」「".join(c.header for c in columns)
        sheet.problem(None, None, f"前 {HEADER_SCAN_ROWS} 行中找不到表头（应有「{names}」）")
        return sheet
    header_row = head[at][0]
    _merged_header(sheet, ws, header_row, headers)
    index: dict[str, int] = {}
    for col, text in enumerate(headers):
        key = keys.get(header_key(text)) if text else None
        if key is None:
            continue
        where = f"{column_letter(col)}列 {text}"
        if key in index:
            first = sheet.where[key]
            sheet.problems.append(
                SetupProblem(ws.name, header_row, where, f"与{first}是同一列，已只用前一列")
            )
            continue
        index[key] = col
        sheet.where[key] = where
    missing = [c for c in columns if c.required and c.key not in index]
    for column in missing:
        sheet.problem(header_row, None, f"缺少必需的列「{column.header}」")
    # The rows are checked even so, for the columns that are there: every problem is listed.
    present = tuple(c for c in columns if c.key in index)
    for number, cells in ws.rows:
        if number <= header_row or all(is_blank(c) for c in cells):
            continue
        if footer_text(cells) is not None:
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in index.items()}
        if all(is_blank(raw.get(c.key)) for c in columns):
            continue
        if _is_example(raw, columns):
            continue  # the example row as the template wrote it
        if _marked_example(raw):
            # The example row written over, its mark left: neither imported silently nor
            # dropped silently.
            sheet.problem(
                number,
                NOTE_HEADER,
                "此行备注以「示例」开头，但内容已改写：如是要导入的数据，请删去备注中的"
                "「示例」；如不是，请删除此行",
            )
            continue
        values: dict[str, Any] = {c.key: None for c in columns}
        bad = False
        for column in present:
            value = raw.get(column.key)
            if is_blank(value):
                if column.required:
                    sheet.problem(number, column.key, f"{column.header}不能为空")
                    bad = True
                continue
            try:
                values[column.key] = _cell_value(column, value)
            except UserError as exc:
                sheet.problem(number, column.key, str(exc))
                bad = True
        # A row with a bad cell is still checked against the others (duplicates, parents)
        # with what could be read; it never reaches the plan, which has problems anyway.
        sheet.rows.append((number, values))
        if bad:
            sheet.bad_rows.add(number)
    return sheet


# --- the whole workbook ---------------------------------------------------------------------------


def _check_parent(
    sheet: _Sheet, row: int, key: str, check: Any, code: str, *parent: str | None
) -> bool:
    try:
        check(code, *parent)
    except InvalidCode as exc:
        sheet.problem(row, key, str(exc))
        return False
    return True


def _unique(sheet: _Sheet, row: int, key: str, value: str, seen: dict[str, int], what: str) -> bool:
    if value in seen:
        sheet.problem(row, key, f"与第 {seen[value]} 行重复（同一{what}「{value}」）")
        return False
    seen[value] = row
    return True


def _street(sheet: _Sheet) -> tuple[str, Place, Place, int] | None:
    if not sheet.rows:
        if not any(p.sheet == sheet.name for p in sheet.problems):
            sheet.problem(None, None, "没有填写街道信息（应填一行：填报单位、区县、街道）")
        return None
    for extra, _ in sheet.rows[1:]:
        sheet.problem(extra, None, "街道表只能填一行（一个指挥中心只服务一个街道）")
    row, values = sheet.rows[0]
    needed = ("center_name", "district_code", "district_name", "street_code", "street_name")
    if row in sheet.bad_rows or any(values[key] is None for key in needed):
        return None  # already a problem
    ok = _check_parent(sheet, row, "district_code", validate_county_code, values["district_code"])
    ok = ok and _check_parent(
        sheet, row, "street_code", validate_street_code, values["street_code"]
    )
    if ok and values["street_code"][:6] != values["district_code"]:
        sheet.problem(
            row,
            "street_code",
            f"街道编码「{values['street_code']}」不在区县 {values['district_code']} 之下"
            "（前 6 位应与区县编码相同）",
        )
        ok = False
    if not ok or len(sheet.rows) > 1:
        return None
    return (
        values["center_name"],
        Place(values["district_code"], values["district_name"]),
        Place(values["street_code"], values["street_name"]),
        row,
    )


def _communities(sheet: _Sheet, street_code: str | None) -> list[CommunitySpec]:
    out: list[CommunitySpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for row, v in sheet.rows:
        code, name = v["code"], v["name"]
        ok = row not in sheet.bad_rows and code is not None and name is not None
        if code is not None:
            if not _check_parent(sheet, row, "code", validate_community_code, code):
                ok = False
            elif street_code is not None and code[:9] != street_code:
                sheet.problem(
                    row,
                    "code",
                    f"社区编码「{code}」不在街道 {street_code} 之下（前 9 位应与街道编码相同）",
                )
                ok = False
            ok = _unique(sheet, row, "code", code, codes, "社区编码") and ok
        if name is not None:
            ok = _unique(sheet, row, "name", name, names, "社区名称") and ok
        if ok:
            out.append(CommunitySpec(row, code, name, v["population"], v["households"]))
    return out


def _grids(sheet: _Sheet) -> list[GridSpec]:
    out: list[GridSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for row, v in sheet.rows:
        code, parent, name = v["code"], v["community_code"], v["name"]
        ok = row not in sheet.bad_rows and None not in (code, parent, name)
        if parent is not None and not _check_parent(
            sheet, row, "community_code", validate_community_code, parent
        ):
            ok, parent = False, None
        if code is not None:
            if not _check_parent(sheet, row, "code", validate_grid_code, code):
                ok = False
            elif parent is not None and code[:12] != parent:
                sheet.problem(
                    row,
                    "code",
                    f"网格编码「{code}」不在所属社区 {parent} 之下（前 12 位应与所属社区编码相同）",
                )
                ok = False
            ok = _unique(sheet, row, "code", code, codes, "网格编码") and ok
        if parent is not None and name is not None:
            ok = _unique(sheet, row, "name", f"{parent} {name}", names, "社区中的网格名称") and ok
        if ok:
            out.append(
                GridSpec(
                    row,
                    code,
                    name,
                    parent,
                    v["population"],
                    v["households"],
                    v["boundary"] or "",
                )
            )
    return out


def _departments(sheet: _Sheet) -> list[DepartmentSpec]:
    out: list[DepartmentSpec] = []
    names: dict[str, int] = {}
    for row, v in sheet.rows:
        name = v["name"]
        if name is None:
            continue  # already a problem
        if _unique(sheet, row, "name", name, names, "部门名称") and row not in sheet.bad_rows:
            out.append(
                DepartmentSpec(
                    row, name, v["kind"] or DEFAULT_KIND, v["contact"] or "", v["phone"] or ""
                )
            )
    return out


def read_setup_workbook(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> SetupPlan:
    """Read and check the whole template; raises SetupProblems listing EVERY problem (by
    sheet, row and column), BadFile for an unsafe or unreadable file. Writes nothing."""
    problems: list[SetupProblem] = []
    with check_xlsx(path, limits) as book:
        file_name = book.path.name
        sheets = book.workbook_sheets()
    read: dict[str, _Sheet] = {}
    for name in SHEET_NAMES:
        ws = sheets.get(name)
        if ws is None:
            problems.append(SetupProblem(name, None, None, f"缺少工作表「{name}」"))
            read[name] = _Sheet(name, problems)
        else:
            read[name] = _read_sheet(ws, problems)
    street = _street(read[STREET_SHEET])
    communities = _communities(read[COMMUNITY_SHEET], street[2].code if street else None)
    grids = _grids(read[GRID_SHEET])
    known = {c.code for c in communities}
    grid_sheet = read[GRID_SHEET]
    if street is not None:
        for grid in grids:
            # A grid of a community not on the 社区 sheet must at least lie in this street;
            # whether the community exists already is checked against the database.
            if grid.community_code not in known and grid.community_code[:9] != street[2].code:
                grid_sheet.problem(
                    grid.row,
                    "community_code",
                    f"所属社区编码「{grid.community_code}」不在「社区」表中，也不在街道 "
                    f"{street[2].code} 之下",
                )
    departments = _departments(read[DEPARTMENT_SHEET])
    if problems:
        raise SetupProblems(_ordered(problems))
    assert street is not None  # no problems: the street row was read
    center_name, district, street_place, street_row = street
    return SetupPlan(
        center_name,
        district,
        street_place,
        communities,
        grids,
        departments,
        file_name,
        street_row,
    )


def _ordered(problems: list[SetupProblem]) -> list[SetupProblem]:
    """By sheet (template order), then row."""
    order = {name: i for i, name in enumerate(SHEET_NAMES)}
    return sorted(problems, key=lambda p: (order.get(p.sheet, 99), p.row or 0))

"""Roster import from spreadsheets built here with openpyxl, carrying what real community
sheets contain, and unsafe files that must be refused with nothing written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.engine import Database
from db.errors import BadFile, PermissionDenied, ValidationError
from db.models import AuditEntry, CommunityWorker, GridAssignment, Person, RosterEvent
from db.people.id_numbers import make_id_number
from db.people.roster_import import apply_import, import_roster, plan_import
from db.people.roster_kinds import Kind
from db.people.roster_lists import history, list_entries
from db.security.actors import SYSTEM, Actor, Role
from db.sheets.xlsx_safety import check_xlsx
from tests.street import COMMUNITY_A, GRID_A1, GRID_B2

CLERK = Actor("wangli", "王丽", Role.SECRETARY)


def pid(n: int, born: date = date(1985, 3, 12)) -> str:
    return make_id_number("210504", born, n)


def pid_with_x() -> str:
    return next(pid(n) for n in range(100, 999) if pid(n).endswith("X"))


FULL = str.maketrans("0123456789", "０１２３４５６７８９")

HEADERS = [
    "公民身份号码",
    "手机号码",
    "所属社区",
    "薪酬档次",
    "级别",
    "入职时间",
    "职务",
    "政治面貌",
]


def worker_rows() -> list[list[object]]:
    """Good rows with every oddity: full-width digits and spaces, numbers for IDs and phones,
    dates as text in three styles, an Excel date, an Excel serial number, an ID ending in x,
    and an old 15-digit ID stored as a number (exact: it fits in a double)."""
    return [
        [
            "张　三",
            pid(1).translate(FULL),
            13812345678,
            "锦峪社区",
            "２",
            12,
            "2015.07.01",
            "社区书记",
            "中共党员",
        ],
        [
            "李四",
            int(pid(3)[:6] + pid(3)[8:17]),
            13912345678.0,
            int(COMMUNITY_A),
            1,
            "3级",
            datetime(2016, 3, 12),
            "社区委员",
            "群众",
        ],
        [
            "王 五",
            pid_with_x().lower(),
            " 139 1234 5679 ",
            "锦峪",
            "三档",
            "第38级",
            "2016年3月12日",
            "网格员",
            "是",
        ],
        ["赵六", pid(5), "024-42123456", "新明社区", 1, 1, "2017-3-12", "社区委员", ""],
        ["钱七", pid(7), "15012345678", "新明社区", 1, 2, 42917, "社区委员", "中共预备党员"],
    ]


def bad_rows() -> list[list[object]]:
    return [
        [
            "孙八",
            pid(9)[:-1] + ("0" if pid(9)[-1] != "0" else "1"),
            "13800000000",
            "锦峪社区",
            1,
            1,
            "2015.01.01",
            "委员",
            "",
        ],
        ["周九", pid(11), "12345", "锦峪社区", 4, 1, "2015.13.45", "委员", ""],
        ["", pid(13), "13800000001", "不存在社区", 1, 1, "2015.01.01", "委员", ""],
    ]


def build_sheet(
    path: Path,
    rows: list[list[object]],
    *,
    headers: list[str] | None = None,
    extra_header: str | None = "家庭住址",
) -> Path:
    """Title row merged across, a two-row header (序号 and 姓名 merged down, 基本信息 / 薪酬 merged
    across), a blank row, then the data with a blank row in the middle."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    heads = headers or HEADERS
    width = 2 + len(heads) + (1 if extra_header else 0)
    ws.cell(1, 1, "锦峪社区社区工作者花名册（2025年）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "序号")
    ws.merge_cells("A2:A3")
    ws.cell(2, 2, "姓  名")
    ws.merge_cells("B2:B3")
    ws.cell(2, 3, "基本信息")
    ws.merge_cells("C2:E2")
    ws.cell(2, 6, "薪酬")
    ws.merge_cells("F2:G2")
    for i, h in enumerate(heads, start=3):
        ws.cell(3, i, h)
    if extra_header:
        ws.cell(3, 3 + len(heads), extra_header)
    r = 5  # row 4 left blank
    for n, row in enumerate(rows, start=1):
        if n == 3:
            r += 1  # a blank row inside the data
        ws.cell(r, 1, n)
        for c, value in enumerate(row, start=2):
            ws.cell(r, c, value)
        if extra_header:
            ws.cell(r, 2 + len(row), "某小区1栋")
        r += 1
    wb.save(path)
    return path


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count(Person.id))) or 0,
            s.scalar(select(func.count(CommunityWorker.id))) or 0,
            s.scalar(select(func.count(RosterEvent.id))) or 0,
        )


def test_every_oddity_read_and_imported(street: Database, tmp_path: Path) -> None:
    path = build_sheet(tmp_path / "锦峪社区.xlsx", worker_rows())
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert plan.problems == [], [p.text for p in plan.problems]
    assert plan.header_row == 3 and plan.sheet_name == "花名册"
    assert plan.unknown_headers == ["家庭住址"]
    assert plan.total_rows == 5
    values = {row: v for row, v in plan.rows}
    assert sorted(values) == [5, 6, 8, 9, 10]  # row 7 is blank
    zhang, li, wang, zhao, qian = (values[r] for r in (5, 6, 8, 9, 10))
    assert zhang["name"] == "张三" and zhang["id_number"] == pid(1)
    assert zhang["phone"] == "13812345678" and zhang["pay_tier"] == 2
    assert zhang["service_start"] == date(2015, 7, 1) and zhang["party_member"] is True
    assert li["id_number"] == pid(3) and li["phone"] == "13912345678"
    assert li["pay_level"] == 3 and li["service_start"] == date(2016, 3, 12)
    assert li["party_member"] is False
    assert wang["name"] == "王五" and wang["id_number"] == pid_with_x()
    assert wang["phone"] == "13912345679" and (wang["pay_tier"], wang["pay_level"]) == (3, 38)
    assert wang["service_start"] == date(2016, 3, 12)
    assert zhao["phone"] == "024-42123456" and zhao["service_start"] == date(2017, 3, 12)
    assert qian["service_start"] == date(2017, 7, 1)  # Excel serial 42917

    _, result = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)
    assert result is not None and (result.created, result.updated) == (5, 0)
    with street.read() as s:
        rows = list_entries(s, Kind.COMMUNITY_WORKER)
        assert len(rows) == 5
        first = next(r for r in rows if r.cells[0] == "张三")
        events = history(s, Kind.COMMUNITY_WORKER, first.id)
    assert [e.action for e in events] == ["导入"] and events[0].actor == "wangli"
    assert "138****5678" in events[0].text and pid(1) not in events[0].text


def test_problems_reported_before_anything_is_written(street: Database, tmp_path: Path) -> None:
    path = build_sheet(tmp_path / "有错.xlsx", worker_rows() + bad_rows())
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    texts = [p.text for p in plan.problems]
    assert len(plan.rows) == 5 and plan.bad_rows == 3
    # row numbers as the user sees them in Excel; column letter and the sheet's own header
    assert any(
        t.startswith("第 11 行「C列 公民身份号码」：身份证号") and "校验码错误" in t for t in texts
    )
    assert (
        "第 12 行「D列 手机号码」：联系电话「12345」不是有效的手机号码（11 位，以 1 开头）或带区号的固定电话"
        in texts
    )
    assert "第 12 行「F列 薪酬档次」：档应在 1–3 之间，实为 4" in texts
    assert any(t.startswith("第 12 行「H列 入职时间」") and "不是存在的日期" in t for t in texts)
    assert "第 13 行「B列 姓名」：缺少姓名" in texts
    assert "第 13 行「E列 所属社区」：所在社区：没有名为「不存在社区」的社区" in texts

    # All or nothing: refused, nothing written.
    plan2, result = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)
    assert result is None and len(plan2.problems) == len(plan.problems)
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_import(street, plan, CLERK)
    assert _counts(street) == (0, 0, 0)

    # Valid rows only, in one go.
    _, result = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK, valid_only=True)
    assert result is not None and (result.created, result.skipped) == (5, 3)
    assert _counts(street) == (5, 5, 5)
    with street.read() as s:
        audit = s.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.details)).one()
    assert audit.username == "wangli" and audit.action == "roster.import"
    assert audit.details == {
        "file": "有错.xlsx",
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "skipped": 3,
    }


def test_second_import_updates_instead_of_duplicating(street: Database, tmp_path: Path) -> None:
    path = build_sheet(tmp_path / "第一次.xlsx", worker_rows())
    import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)
    _, again = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)
    assert again is not None and (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert _counts(street)[:2] == (5, 5)

    rows = worker_rows()
    rows[0][2] = "13700000000"  # new phone
    rows[1][5] = 4  # level 3 → 4
    changed = build_sheet(tmp_path / "第二次.xlsx", rows)
    _, result = import_roster(street, changed, Kind.COMMUNITY_WORKER, CLERK)
    assert result is not None and (result.created, result.updated, result.unchanged) == (0, 2, 3)
    people, workers, _ = _counts(street)
    assert (people, workers) == (5, 5)
    with street.read() as s:
        phone = s.scalar(select(Person.phone).where(Person.id_number == pid(1)))
        level = s.scalar(
            select(CommunityWorker.pay_level)
            .join(Person, Person.id == CommunityWorker.person_id)
            .where(Person.id_number == pid(3))
        )
        zhang = next(r for r in list_entries(s, Kind.COMMUNITY_WORKER) if r.cells[0] == "张三")
        last = history(s, Kind.COMMUNITY_WORKER, zhang.id)[-1]
    assert phone == "13700000000" and level == 4
    assert last.action == "导入" and "联系电话：138****5678 → 137****0000" in last.text


def test_unknown_header_needs_mapping(street: Database, tmp_path: Path) -> None:
    headers = [h if h != "职务" else "工作岗位名称" for h in HEADERS]
    path = build_sheet(tmp_path / "映射.xlsx", worker_rows(), headers=headers)
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert "工作岗位名称" in plan.unknown_headers
    assert [p.text for p in plan.problems] == ["第 3 行：缺少必需的列「职务」"]
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_import(street, plan, CLERK, valid_only=False)

    mapped = plan_import(
        street, path, Kind.COMMUNITY_WORKER, {"工作岗位名称": "职务", "家庭住址": "忽略"}
    )
    assert mapped.ok and mapped.unknown_headers == []
    assert mapped.rows[0][1]["post"] == "社区书记"
    with pytest.raises(ValidationError, match="字段不存在"):
        plan_import(street, path, Kind.COMMUNITY_WORKER, {"工作岗位名称": "薪水"})
    with pytest.raises(ValidationError, match="不在表头中"):
        plan_import(street, path, Kind.COMMUNITY_WORKER, {"岗位": "post"})


def test_long_id_stored_as_number(street: Database, tmp_path: Path) -> None:
    """Excel keeps 15 significant digits: an 18-digit ID typed as a number has lost its last
    digits, which the user is told (an old 15-digit ID stored as a number is fine, see above)."""
    rows = worker_rows()[:2]
    rows[0][1] = int(pid(1))
    path = build_sheet(tmp_path / "数字.xlsx", rows)
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert [p.text for p in plan.problems] == [
        "第 5 行「C列 公民身份号码」：身份证号被 Excel 存成了数字（2.1050419850312e+17），"
        "末几位已丢失；请把该列设为文本后重新填写"
    ]
    assert [n for n, _ in plan.rows] == [6]


def test_sheet_starting_below_and_right(street: Database, tmp_path: Path) -> None:
    """Row numbers stay Excel's when the sheet's first cell is not A1."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(3, 3, "姓名")
    ws.cell(3, 4, "身份证号")
    ws.cell(3, 5, "网格编码")
    ws.cell(3, 6, "身份")
    ws.cell(5, 3, "甲")
    ws.cell(5, 4, pid(41))
    ws.cell(5, 5, GRID_A1)
    ws.cell(5, 6, "网格员")
    ws.cell(6, 3, "乙")
    ws.cell(6, 4, pid(42))
    ws.cell(6, 5, GRID_A1)
    ws.cell(6, 6, "楼长")
    path = tmp_path / "偏移.xlsx"
    wb.save(path)
    plan = plan_import(street, path, Kind.GRID_STAFF)
    assert plan.header_row == 3 and [n for n, _ in plan.rows] == [5]
    assert [p.text for p in plan.problems] == [
        "第 6 行「F列 身份」：身份「楼长」应为 网格长、网格员 之一"
    ]


def _sheet(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_duplicate_rows_in_one_file(street: Database, tmp_path: Path) -> None:
    rows = worker_rows()
    rows.append(list(rows[0]))
    path = build_sheet(tmp_path / "重复.xlsx", rows)
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert [p.text for p in plan.problems] == [
        "第 11 行「C列 公民身份号码」：与第 5 行重复（同一身份证号）"
    ]


def test_grid_staff_import_and_permissions(street: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["网格员花名册"])
    ws.append(["姓名", "身份证号码", "联系电话", "网格代码", "类别", "上岗日期"])
    ws.append(["甲", pid(21), 13800000021, int(GRID_A1), "网格长", "2024.1.2"])
    ws.append(["乙", pid(22), 13800000022, GRID_B2, "专职网格员", None])
    path = tmp_path / "网格.xlsx"
    wb.save(path)
    with pytest.raises(PermissionDenied):
        import_roster(street, path, Kind.GRID_STAFF, Actor("x", "调度", Role.DISPATCHER))
    _, result = import_roster(street, path, Kind.GRID_STAFF, SYSTEM)
    assert result is not None and result.created == 2
    with street.read() as s:
        cells = sorted(r.cells for r in list_entries(s, Kind.GRID_STAFF))
    assert cells[0][3:6] == ("网格员", GRID_B2, "新明社区第02网格")
    assert cells[1][3:7] == ("网格长", GRID_A1, "锦峪社区第01网格", "2024-01-02")


def test_grid_staff_reimport_moves_a_worker_and_keeps_the_history(
    street: Database, tmp_path: Path
) -> None:
    def sheet(name: str, rows: list[list[object]]) -> Path:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(["姓名", "身份证号码", "网格代码", "类别", "上岗日期"])
        for row in rows:
            ws.append(row)
        wb.save(tmp_path / name)
        return tmp_path / name

    first = sheet(
        "一月.xlsx",
        [
            ["甲", pid(31), GRID_A1, "专职网格员", "2025.1.2"],
            ["乙", pid(32), GRID_A1, "网格长", "2025.1.2"],
        ],
    )
    _, made = import_roster(street, first, Kind.GRID_STAFF, SYSTEM, today=date(2026, 1, 5))
    assert made is not None and made.created == 2
    # In March 甲 works in another grid; 乙 is not in this community's file at all.
    second = sheet("三月.xlsx", [["甲", pid(31), GRID_B2, "专职网格员", "2026.3.1"]])
    _, moved = import_roster(street, second, Kind.GRID_STAFF, SYSTEM, today=date(2026, 3, 1))
    assert moved is not None and (moved.created, moved.updated) == (1, 1)
    with street.read() as s:
        rows = s.execute(
            select(Person.name, GridAssignment.grid_id, GridAssignment.end_date)
            .join(Person, Person.id == GridAssignment.person_id)
            .order_by(GridAssignment.id)
        ).all()
        assert [(name, end) for name, _, end in rows] == [
            ("甲", date(2026, 3, 1)),  # the old grid's assignment ends on the import day
            ("乙", None),  # a person the file does not name keeps the assignment
            ("甲", None),
        ]
        active = sorted(r.cells[3:5] for r in list_entries(s, Kind.GRID_STAFF))
        assert active == [("网格员", GRID_B2), ("网格长", GRID_A1)]
        closed_id = s.scalar(select(GridAssignment.id).where(GridAssignment.end_date.is_not(None)))
        assert closed_id is not None
        events = history(s, Kind.GRID_STAFF, closed_id)
    assert any("离任" in str(e) and GRID_B2 in str(e) for e in events), events
    # The same file again changes nothing.
    _, again = import_roster(street, second, Kind.GRID_STAFF, SYSTEM, today=date(2026, 3, 2))
    assert again is not None and (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_wrong_kind_has_no_header(street: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["随便", "什么"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError, match="找不到表头"):
        plan_import(street, path, Kind.PARTY_CHECKIN)


# --- unsafe files ------------------------------------------------------------------------


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes], add: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    return build_sheet(tmp_path / "good.xlsx", worker_rows())


def _macro(good: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    return _rewrite(
        good, tmp / "宏.xlsm", {"[Content_Types].xml": types}, {"xl/vbaProject.bin": b"\x00" * 64}
    )


def _macro_renamed(good: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    return _rewrite(good, tmp / "改名.xlsx", {"[Content_Types].xml": types}, {})


def _text(good: Path, tmp: Path) -> Path:
    path = tmp / "花名册.xlsx"
    path.write_text("姓名,身份证号\n张三,210504198503120012\n", encoding="utf-8")
    return path


def _docx(good: Path, tmp: Path) -> Path:
    path = tmp / "文档.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", "<w/>")
    return path


def _bomb(good: Path, tmp: Path) -> Path:
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    sheet += b" " * (40 * 1024 * 1024) + b"</sheetData></worksheet>"
    return _rewrite(good, tmp / "炸弹.xlsx", {"xl/worksheets/sheet1.xml": sheet}, {})


def _many_entries(good: Path, tmp: Path) -> Path:
    return _rewrite(good, tmp / "条目.xlsx", {}, {f"xl/junk/{i}.xml": b"<a/>" for i in range(5001)})


def _truncated(good: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    return _rewrite(
        good, tmp / "截断.xlsx", {"xl/worksheets/sheet1.xml": sheet[: len(sheet) // 2]}, {}
    )


def _laughs(good: Path, tmp: Path) -> Path:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    return _rewrite(good, tmp / "实体.xlsx", {"xl/worksheets/sheet1.xml": doc}, {})


def _lower_case_doctype(good: Path, tmp: Path) -> Path:
    doc = (
        b'<?xml version="1.0"?><!doctype worksheet>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData/></worksheet>"
    )
    return _rewrite(good, tmp / "小写.xlsx", {"xl/worksheets/sheet1.xml": doc}, {})


def _far_cell(good: Path, tmp: Path) -> Path:
    """A header, one row and one cell at XFD1048576: 2 KB that once asked for 549 GB."""
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = sheet.replace(b"</sheetData>", far + b"</sheetData>")
    return _rewrite(good, tmp / "远端.xlsx", {"xl/worksheets/sheet1.xml": sheet}, {})


def _corrupt_data(good: Path, tmp: Path) -> Path:
    """A byte flipped inside the compressed sheet: the CRC (or inflate) fails."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    name_len = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + info.compress_size // 3, start + info.compress_size // 3 + 8):
        data[i] ^= 0x5A
    path = tmp / "坏数据.xlsx"
    path.write_bytes(bytes(data))
    return path


def _not_zip_inside(good: Path, tmp: Path) -> Path:
    path = tmp / "坏.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_macro, "含宏"),
        (_macro_renamed, "含宏的工作簿（.xlsm）"),
        (_text, "不是 Excel 工作簿（.xlsx），拒绝导入"),
        (_docx, "不是 Excel 工作簿"),
        (_bomb, "疑似压缩炸弹"),
        (_many_entries, "超出正常工作簿的范围"),
        (_truncated, "不是完整的 XML（已损坏）"),
        (_laughs, "含不安全的 XML"),
        (_lower_case_doctype, "含不安全的 XML"),
        (_far_cell, "使用范围过大"),
        (_not_zip_inside, "已损坏"),
        (_corrupt_data, "已损坏"),
    ],
)
def test_unsafe_files_refused_nothing_written(
    street: Database, good_file: Path, tmp_path: Path, make, message: str
) -> None:
    path = make(good_file, tmp_path)
    with pytest.raises(BadFile, match=message) as err:
        import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK, valid_only=True)
    assert "\n" not in str(err.value)
    assert _counts(street) == (0, 0, 0)
    with street.read() as s:
        assert s.scalar(select(func.count(AuditEntry.id))) == 0


def _many_strings(good: Path, tmp: Path, size: int) -> Path:
    """The good file with shared strings of about `size` bytes that do not compress much (so no
    compression-ratio alarm): what a workbook of mostly unique long texts looks like."""
    import random

    rand = random.Random(17)
    items: list[bytes] = []
    length = 0
    while length < size:
        item = b"<si><t>" + rand.randbytes(48).hex().encode() + b"</t></si>"
        items.append(item)
        length += len(item)
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        rels = z.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>",
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
        )
    return _rewrite(
        good,
        tmp / "字符串.xlsx",
        {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
        {"xl/sharedStrings.xml": sst + b"".join(items) + b"</sst>"},
    )


def test_shared_strings_and_the_whole_workbook_are_capped(
    street: Database, good_file: Path, tmp_path: Path
) -> None:
    from db.cases.work_orders import plan_case_import
    from db.sheets.xlsx_safety import Limits

    mb = 1024 * 1024
    path = _many_strings(good_file, tmp_path, 3 * mb // 2)
    strings = Limits(shared_strings=mb)
    message = "「字符串.xlsx」的共享字符串解压后超过 1 MB，超出正常工作簿的范围，拒绝导入"
    with pytest.raises(BadFile, match=message):
        plan_import(street, path, Kind.COMMUNITY_WORKER, limits=strings)
    with pytest.raises(BadFile, match=message):
        plan_case_import(street, path, limits=strings)
    with pytest.raises(BadFile, match="解压后过大"):
        plan_import(street, path, Kind.COMMUNITY_WORKER, limits=Limits(total_uncompressed=mb))
    # The real bytes count too, not only what the zip's headers claim.
    book = check_xlsx(path, Limits())
    try:
        book.limits = Limits(total_uncompressed=mb)
        with pytest.raises(BadFile, match="解压后总计超过 1 MB"):
            book.verify_parts()
        book.limits = strings
        with pytest.raises(BadFile, match=message):
            book.verify_parts()
    finally:
        book.close()
    # Under the caps the same file is read (its strings are simply not referenced).
    assert plan_import(street, path, Kind.COMMUNITY_WORKER).rows
    assert _counts(street) == (0, 0, 0)


# --- the console command ---------------------------------------------------------------


def test_cli_import_roster(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main

    login = cli_login(street, "secretary")

    path = build_sheet(tmp_path / "有错.xlsx", worker_rows() + bad_rows())
    args = ["--db", db_url, *login, "import", "roster", str(path), "--kind", "社区工作者"]
    assert main([*args, "--dry-run"]) == 2
    out = capsys.readouterr().out
    assert (
        "有效 5 行，有问题 3 行" in out
        and "第 12 行「F列 薪酬档次」：档应在 1–3 之间，实为 4" in out
    )
    assert "未识别的列（已忽略）：家庭住址" in out

    assert main(args) == 2
    captured = capsys.readouterr()
    assert "未导入任何数据" in captured.err and _counts(street) == (0, 0, 0)

    assert main([*args, "--valid-only", "--map", "家庭住址=忽略"]) == 0
    assert "已导入：新增 5 条" in capsys.readouterr().out
    assert main([*args, "--valid-only"]) == 0
    assert "新增 0 条，更新 0 条，无变化 5 条" in capsys.readouterr().out
    assert _counts(street)[:2] == (5, 5)

    assert main([*args[:-1], "猫"]) == 2
    assert "没有名为「猫」的花名册" in capsys.readouterr().err
    bad = tmp_path / "x.xlsx"
    bad.write_text("hello")
    assert main(["--db", db_url, *login, "import", "roster", str(bad), "--kind", "grid"]) == 2
    assert capsys.readouterr().err.strip() == "错误：「x.xlsx」不是 Excel 工作簿（.xlsx），拒绝导入"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("身份证号", "id_number"),
        ("身份证号码", "id_number"),
        ("公民身份号码", "id_number"),
        ("联系电话", "phone"),
        ("手机号码", "phone"),
        ("电话", "phone"),
        ("所在社区", "community"),
        ("所属社区", "community"),
        ("社区", "community"),
        ("参加工作时间", "service_start"),
        ("入职时间", "service_start"),
        ("姓　名", "name"),
        ("*姓名", "name"),
        ("服务时长（小时）", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    from db.people.roster_kinds import resolve_field_name

    assert resolve_field_name(Kind.COMMUNITY_WORKER, header) == field


@pytest.mark.parametrize("kind", list(Kind), ids=[k.value for k in Kind])
def test_every_roster_kind_imports_and_reimports(
    street: Database, tmp_path: Path, kind: Kind
) -> None:
    """Each of the six rosters from a sheet with a title row and the roster's own column
    names; a second import of the same file changes nothing."""
    from db.people.roster_kinds import FIELDS
    from tests.test_rosters import CASES

    raw = CASES[kind][0]
    labels = {spec.name: spec.label for spec in FIELDS[kind]}
    names = [name for name in raw if name in labels]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"{kind.value} 名册（2026年11月）"])
    ws.append([labels[name] for name in names])
    ws.append([raw[name] for name in names])
    path = tmp_path / f"{kind.value}.xlsx"
    wb.save(path)
    plan, first = import_roster(street, path, kind, SYSTEM)
    assert not plan.problems, [p.text for p in plan.problems]
    assert first is not None and first.created == 1
    _, again = import_roster(street, path, kind, SYSTEM)
    assert again is not None and (again.created, again.updated, again.unchanged) == (0, 0, 1)
    with street.read() as s:
        rows = list_entries(s, kind)
    assert len(rows) == 1 and rows[0].active


# --- signature and note rows below the table -----------------------------------------------------

FOOTER_ROWS: list[list[object]] = [
    [None, "填表人：张三", None, None, None, "审核人：李四"],
    [None, "（盖章）"],
    [None, "填报日期：2026年11月20日", None, None, "负责人：", "王五"],
    [None, "注：身份证号请填写 18 位"],
]


def with_footer(path: Path, footer: list[list[object]] = FOOTER_ROWS) -> tuple[Path, list[int]]:
    """The workbook at `path` with signature rows appended after a blank row; their numbers."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    first = ws.max_row + 2
    for offset, row in enumerate(footer):
        for column, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(first + offset, column, value)
    wb.save(path)
    return path, list(range(first, first + len(footer)))


def _people(db: Database) -> list[tuple[object, ...]]:
    """Every person, roster entry and roster event by content, in key order."""
    with db.read() as s:
        return [
            *(tuple(r) for r in s.execute(select(Person.__table__).order_by(Person.id))),
            *(
                tuple(r)
                for r in s.execute(select(CommunityWorker.__table__).order_by(CommunityWorker.id))
            ),
            *(tuple(r) for r in s.execute(select(RosterEvent.__table__).order_by(RosterEvent.id))),
        ]


def test_signature_rows_are_ignored_and_a_clean_file_imports(
    street: Database, tmp_path: Path
) -> None:
    path, footer = with_footer(build_sheet(tmp_path / "锦峪社区.xlsx", worker_rows()))
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert plan.problems == [], [p.text for p in plan.problems]
    assert [row for row, _ in plan.ignored] == footer
    assert plan.ignored[0][1] == "填表人:张三 审核人:李四"
    assert plan.ignored[1][1] == "(盖章)"
    assert len(plan.rows) == 5 and plan.total_rows == 5
    assert "忽略签名或说明行 4 行" in plan.summary()
    _, result = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)  # all or nothing
    assert result is not None and result.created == 5
    assert _counts(street)[:2] == (5, 5)


def test_signature_rows_do_not_hide_bad_rows(street: Database, tmp_path: Path) -> None:
    path, footer = with_footer(build_sheet(tmp_path / "有错.xlsx", worker_rows() + bad_rows()))
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert plan.bad_rows == 3 and [row for row, _ in plan.ignored] == footer
    assert not {p.row for p in plan.problems} & set(footer)
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_import(street, plan, CLERK)
    assert _counts(street) == (0, 0, 0)


def test_a_name_is_not_taken_for_a_signature(street: Database, tmp_path: Path) -> None:
    """A data row stays a data row: its first cell is a name, not a signer's label."""
    rows = worker_rows()
    rows[0][0] = "审核人"  # without a colon: a (strange) name, checked like any other
    path = build_sheet(tmp_path / "名.xlsx", rows)
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    assert plan.ignored == [] and len(plan.rows) == 5


def test_cli_dry_run_with_problems_says_so_on_stderr(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main

    login = cli_login(street, "secretary")
    before = _people(street)
    bad, _ = with_footer(build_sheet(tmp_path / "有错.xlsx", worker_rows() + bad_rows()))
    args = ["--db", db_url, *login, "import", "roster", "--kind", "社区工作者"]
    assert main([*args, str(bad), "--dry-run"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：试导入发现问题，未写入任何数据：")
    assert (
        "「有错.xlsx」社区工作者：共 8 行数据，有效 5 行，有问题 3 行（6 处），忽略签名或说明行 4 行"
        in lines[0]
    )
    assert "签名或说明行「填表人:张三 审核人:李四」，已忽略" in captured.out
    assert _people(street) == before

    good, _ = with_footer(build_sheet(tmp_path / "锦峪社区.xlsx", worker_rows()))
    assert main([*args, str(good), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "忽略签名或说明行 4 行" in captured.out
    assert _people(street) == before
    assert main([*args, str(good)]) == 0  # the default all-or-nothing import
    captured = capsys.readouterr()
    assert captured.err == "" and "已导入：新增 5 条" in captured.out
    assert _counts(street)[:2] == (5, 5)


@pytest.mark.parametrize(
    ("cells", "text"),
    [
        (["审核人：李四"], "审核人:李四"),
        (["填表人:", "张三"], "填表人: 张三"),
        ([None, "（盖章）"], "(盖章)"),
        (["街道办事处（公章）"], "街道办事处(公章)"),
        (["填报日期：2026-11-20"], "填报日期:2026-11-20"),
        (["制表人：王五", "负责人：赵六"], "制表人:王五 负责人:赵六"),
        (["说明：本表由社区填报"], "说明:本表由社区填报"),
        (["张三", "审核人：李四"], None),  # a name first: a data row
        (["审核通过"], None),
        (["注意清运"], None),  # a note needs its colon
        ([1, "填表人：张三"], None),  # a 序号 first: a data row
        (["审核人：李四", *range(1, 10)], None),  # too many cells for a footer
    ],
)
def test_footer_rows_recognised(cells: list[object], text: str | None) -> None:
    from db.sheets.footer import footer_text

    assert footer_text(cells) == text


# --- dates in a plausible range ----------------------------------------------------------------


def test_dates_outside_their_range_are_problems(street: Database, tmp_path: Path) -> None:
    from db.sheets.cells import add_years

    latest = add_years(date.today(), 1)
    rows = [
        worker_rows()[0],
        ["周一", pid(21), "13800000021", "锦峪社区", 1, 1, 2958465, "委员", ""],  # 9999-12-31
        ["周二", pid(23), "13800000023", "锦峪社区", 1, 1, "1949-12-31", "委员", ""],
        ["周三", pid(25), "13800000025", "锦峪社区", 1, 1, add_years(latest, 1), "委员", ""],
        ["周四", pid(27), "13800000027", "锦峪社区", 1, 1, "1950-01-01", "委员", ""],
    ]
    path = build_sheet(tmp_path / "日期.xlsx", rows)
    plan = plan_import(street, path, Kind.COMMUNITY_WORKER)
    allowed = f"（应在 1950-01-01 至 {latest:%Y-%m-%d} 之间）"
    assert [p.text for p in plan.problems] == [
        f"第 6 行「H列 入职时间」：参加工作时间 9999-12-31 不在合理范围内{allowed}",
        f"第 8 行「H列 入职时间」：参加工作时间 1949-12-31 不在合理范围内{allowed}",
        f"第 9 行「H列 入职时间」：参加工作时间 {add_years(latest, 1):%Y-%m-%d} 不在合理范围内"
        f"{allowed}",
    ]
    assert [row for row, _ in plan.rows] == [5, 10]
    _, result = import_roster(street, path, Kind.COMMUNITY_WORKER, CLERK)
    assert result is None and _counts(street) == (0, 0, 0)


def test_planned_ends_may_lie_ten_years_ahead() -> None:
    from db.people.roster_kinds import field
    from db.people.roster_values import Lookups, parse_field
    from db.sheets.cells import add_years

    today = date.today()
    end = field(Kind.FIRST_SECRETARY, "term_end")
    start = field(Kind.FIRST_SECRETARY, "term_start")
    assert parse_field(end, add_years(today, 10).isoformat(), Lookups()) == add_years(today, 10)
    with pytest.raises(ValidationError, match=r"任期开始 .* 不在合理范围内"):
        parse_field(start, add_years(today, 2).isoformat(), Lookups())
    with pytest.raises(ValidationError, match="不在合理范围内"):
        parse_field(end, add_years(today, 11).isoformat(), Lookups())
    # A serial beyond 9999 in the 1904 system is not a date, not a crash.
    with pytest.raises(ValidationError, match="不是日期"):
        parse_field(end, 2958465, Lookups(), date1904=True)


def test_birth_dates_in_id_numbers_lie_between_1900_and_today() -> None:
    from db.people.id_numbers import validate_id_number

    with pytest.raises(
        ValidationError, match=r"出生日期 1899-12-31 不合理（应在 1900-01-01 至今天"
    ):
        validate_id_number(pid(1, date(1899, 12, 31)))
    with pytest.raises(ValidationError, match="不合理"):
        validate_id_number(pid(1, date(2030, 1, 1)), today=date(2026, 1, 1))
    assert validate_id_number(pid(1, date(1900, 1, 1))) == pid(1, date(1900, 1, 1))


def test_cli_dry_run_names_the_date_range(
    street: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    from desktop.cli.main import main

    login = cli_login(street, "secretary")
    rows = [["周一", pid(21), "13800000021", "锦峪社区", 1, 1, 2958465, "委员", ""]]
    path = build_sheet(tmp_path / "日期.xlsx", rows)
    args = ["--db", db_url, *login, "import", "roster", str(path), "--kind", "社区工作者"]
    assert main([*args, "--dry-run", "--map", "家庭住址=忽略"]) == 2
    captured = capsys.readouterr()
    assert "参加工作时间 9999-12-31 不在合理范围内（应在 1950-01-01 至" in captured.out
    assert len(captured.err.splitlines()) == 1
    assert _counts(street) == (0, 0, 0)

"""A corpus of hostile inputs for `griddesk-admin` (issue 17): generated workbooks and argument
lists, each with the exit code it must end with. tests/test_hostile_corpus.py runs every entry
through the real console tool as a child process on SQLite and PostgreSQL.

Entries are built into a folder by `build(folder, url, live)`: `url` is the database under test,
`live` its SQLite file (None on PostgreSQL), `number` a case the database holds in state 上报.
NUL cannot travel in a command-line argument (the kernel ends the string there), so NUL bytes
reach the tool inside workbook cells (`_x0000_`).
"""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.street import GRID_A1, STREET
from tests.test_case_import import GOOD, _sheet
from tests.test_roster_import import build_sheet, worker_rows

REFUSED = 2
OK = 0
Arg = str | bytes


@dataclass(frozen=True)
class Entry:
    name: str
    args: list[Arg]  # after `--db URL --user NAME`
    expect: int
    db: str | None = None  # another --db than the database under test
    writes: bool = False  # a success that changes the database (run alone, in order)
    untouched: list[Path] = field(default_factory=list)  # files that must keep their bytes
    # Refused by the file's or the argument's own check, whatever the database: run on SQLite
    # only (the reading code is the same for both databases).
    any_db: bool = False
    role: str = "shift_lead"  # the account the command signs in as


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes], add: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _patched(src: Path, dst: Path, old: bytes, new: bytes) -> Path:
    sheet = _sheet_xml(src)
    assert old in sheet, old
    return _rewrite(src, dst, {"xl/worksheets/sheet1.xml": sheet.replace(old, new)}, {})


def _orders(folder: Path, name: str, rows: list[list[object]]) -> Path:
    return _sheet(folder / name, rows)


def _row(
    order: str, description: str = "井盖缺失", when: object = "2026-11-20 09:30"
) -> list[object]:
    return [order, GRID_A1, "0101", description, "", "", when, ""]


def _workbooks(folder: Path) -> list[tuple[str, Path, int]]:
    """(name, file, expected exit) of the hostile workbooks, imported as work orders."""
    good = _orders(folder, "good.xlsx", [_row("W1")])
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    lower = doctype.replace(b"<!DOCTYPE", b"<!doctype").replace(b"<!ENTITY", b"<!entity")
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>" + b"A" * (16 * 1024 * 1024) + b"</t></si></sst>"
    )  # fmt: skip
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml")
    macro_types = types.replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    sheet = _sheet_xml(good)
    text = folder / "文本改名.xlsx"
    text.write_text("工单号,网格编码\nW1,21050400200101\n", encoding="utf-8")
    empty = folder / "空.xlsx"
    empty.write_bytes(b"")
    folder_xlsx = folder / "目录.xlsx"
    folder_xlsx.mkdir()
    zip_junk = folder / "坏zip.xlsx"
    zip_junk.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>'.encode("utf-16") + sheet.decode().encode(
        "utf-16"
    )
    nul = _orders(folder, "nul-src.xlsx", [_row("W2", "井盖NULMARK缺失")])
    esc = _orders(folder, "esc-src.xlsx", [_row("W3", "井盖ESCMARK缺失")])
    return [
        ("XFD1048576 单元格", _patched(good, folder / "远端.xlsx", b"</sheetData>", far + b"</sheetData>"), REFUSED),
        ("DTD/实体（十亿笑）", _rewrite(good, folder / "实体.xlsx", {"xl/worksheets/sheet1.xml": doctype}, {}), REFUSED),
        ("小写 <!doctype", _rewrite(good, folder / "小写.xlsx", {"xl/worksheets/sheet1.xml": lower}, {}), REFUSED),
        ("16 MB 重复的共享字符串（压缩比炸弹）", _rewrite(good, folder / "字符串炸弹.xlsx", {}, {"xl/sharedStrings.xml": strings}), REFUSED),
        ("含宏（改名 .xlsx）", _rewrite(good, folder / "宏.xlsx", {"[Content_Types].xml": macro_types}, {"xl/vbaProject.bin": b"\x00" * 64}), REFUSED),
        ("文本文件改名 .xlsx", text, REFUSED),
        ("空文件", empty, REFUSED),
        ("目录名为 .xlsx", folder_xlsx, REFUSED),
        ("不存在的文件", folder / "没有.xlsx", REFUSED),
        ("/dev/zero 作工作簿", Path("/dev/zero"), REFUSED),
        ("只有 zip 签名", zip_junk, REFUSED),
        ("截断的工作表", _rewrite(good, folder / "截断.xlsx", {"xl/worksheets/sheet1.xml": sheet[: len(sheet) // 2]}, {}), REFUSED),
        ("UTF-16 工作表", _rewrite(good, folder / "utf16.xlsx", {"xl/worksheets/sheet1.xml": utf16}, {}), REFUSED),
        ("单元格含 NUL（_x0000_）", _patched(nul, folder / "nul.xlsx", b"NULMARK", b"_x0000_"), REFUSED),
        ("单元格含 ESC（_x001B_[2J）", _patched(esc, folder / "esc.xlsx", b"ESCMARK", b"_x001B_[2J"), REFUSED),
        ("上报时间 1900-01-01", _orders(folder, "1900.xlsx", [_row("W4", when="1900-01-01")]), REFUSED),
        ("上报时间 序列号 2958465", _orders(folder, "9999.xlsx", [_row("W5", when=2958465)]), REFUSED),
        ("重复工单编号", _orders(folder, "重复.xlsx", [_row("W6"), _row("W6")]), REFUSED),
    ]  # fmt: skip


def _foreign(folder: Path) -> Path:
    """Another program's SQLite file: one table, one row."""
    path = folder / "别的程序.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('不是 GridDesk')")
    conn.close()
    return path


def build(folder: Path, url: str, live: Path | None, number: str) -> list[Entry]:
    """Every entry of the corpus; files are written into `folder`."""
    entries: list[Entry] = []
    for name, path, expect in _workbooks(folder):
        args: list[Arg] = ["import", "cases", str(path)]
        # Cell contents meet the database's column limits: those run on both databases.
        content = name.startswith(("单元格含", "上报时间", "重复"))
        entries.append(Entry(f"导入工单：{name}", args, expect, any_db=not content))
    roster = build_sheet(folder / "花名册.xlsx", worker_rows())
    far_roster = _patched(
        roster,
        folder / "远端名册.xlsx",
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    kind = ["--kind", "community_worker"]
    entries += [
        Entry("导入名册：XFD1048576 单元格（试导入）", ["import", "roster", str(far_roster), *kind, "--dry-run"], REFUSED, any_db=True, role="secretary"),
        Entry("导入名册：/dev/zero", ["import", "roster", "/dev/zero", *kind], REFUSED, any_db=True, role="secretary"),
        Entry("导入名册：未知 --kind", ["import", "roster", str(roster), "--kind", "x" * 5000], REFUSED, role="secretary"),
    ]  # fmt: skip
    photo_dir = folder / "照片目录"
    photo_dir.mkdir()
    report = ["case", "report", "--grid", GRID_A1, "--category", "0101"]
    described = [*report, "--description", "井盖缺失"]
    entries += [
        Entry("上报：--photo /dev/zero", [*described, "--photo", "/dev/zero"], REFUSED, any_db=True),
        Entry("上报：--photo 目录", [*described, "--photo", str(photo_dir)], REFUSED, any_db=True),
        Entry("上报：描述含 ESC/BEL", [*report, "--description", "井盖\x1b[2J\x1b]0;标题\x07缺失"], REFUSED),
        Entry("上报：反映人含 RLO/零宽", [*described, "--reporter", "张\u202e三\u200b"], REFUSED),
        Entry("上报：反映人 100 字", [*described, "--reporter", "张" * 100], REFUSED),
        Entry("上报：电话 40 位", [*described, "--phone", "1" * 40], REFUSED),
        Entry("上报：电话 abc", [*described, "--phone", "abc"], REFUSED),
        Entry("上报：描述 2001 字", [*report, "--description", "井" * 2001], REFUSED),
        Entry("上报：描述 4 万字（命令行单个参数的上限附近）", [*report, "--description", "井" * 40_000], REFUSED),
        Entry("上报：描述为 GBK 字节", [*report, "--description", "井盖破损".encode("gbk")], REFUSED, any_db=True),
        Entry("上报：网格不存在", ["case", "report", "--grid", "21050400209999", "--category", "0101", "--description", "x"], REFUSED),
        Entry("列表：--limit 10^20", ["case", "list", "--limit", "99999999999999999999"], REFUSED, any_db=True),
        Entry("列表：--limit -1", ["case", "list", "--limit", "-1"], REFUSED, any_db=True),
        Entry("审计：--limit 10^20", ["audit", "list", "--limit", "99999999999999999999"], REFUSED, role="admin", any_db=True),
        Entry("详情：案件不存在", ["case", "show", "2026010199999"], REFUSED),
        Entry("详情：编号含控制字符", ["case", "show", "2026\x1b[2J"], REFUSED),
        Entry("回访：上报状态的案件（非法流转）", ["case", "callback", number, "--satisfaction", "满意"], REFUSED),
        Entry("派遣：--expected-version 10^20", ["case", "dispatch", number, "--expected-version", "99999999999999999999"], REFUSED),
        Entry("延期：--until 1900-01-01（待立案的案件）", ["case", "extend", number, "--until", "1900-01-01 00:00"], REFUSED),
        Entry("模拟：--rate 1e12", ["simulate", "--rate", "1e12", "--duration", "2"], REFUSED, any_db=True),
        Entry("备份：--out /dev/full", ["backup", "--out", "/dev/full"], REFUSED, role="admin", any_db=True),
        Entry("备份：--out 不存在的目录", ["backup", "--out", str(folder / "没有" / "x.sqlite")], REFUSED, role="admin"),
        Entry("恢复：空文件", ["restore", str(folder / "空.xlsx")], REFUSED, role="admin"),
        Entry("恢复：/dev/zero", ["restore", "/dev/zero"], REFUSED, role="admin", any_db=True),
    ]  # fmt: skip
    if live is not None:
        entries += [
            Entry("备份：--out 当前数据库", ["backup", "--out", str(live)], REFUSED, role="admin"),
            Entry(
                "备份：--out 当前数据库的 -wal",
                ["backup", "--out", f"{live}-wal"],
                REFUSED,
                role="admin",
            ),
            Entry("恢复：当前数据库恢复到自身", ["restore", str(live)], REFUSED, role="admin"),
        ]
    foreign = _foreign(folder)
    corrupt = folder / "损坏.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    entries += [
        Entry("--db 别的程序的 SQLite", ["info"], REFUSED, str(foreign), untouched=[foreign], any_db=True),
        Entry("--db 损坏的文件", ["info"], REFUSED, str(corrupt), untouched=[corrupt], any_db=True),
        Entry("--db 目录", ["info"], REFUSED, db=str(photo_dir), any_db=True),
        Entry("--db 无法识别的地址", ["info"], REFUSED, db="mysql://x/y", any_db=True),
    ]  # fmt: skip
    footer = _orders(folder, "签名行.xlsx", [*GOOD, [], ["填表人：张三"], ["（盖章）"]])
    entries += [
        Entry(
            "导入工单：末尾签名行（正常文件）", ["import", "cases", str(footer)], OK, writes=True
        ),
        Entry("导入工单：同一文件再导入", ["import", "cases", str(footer)], OK),
        # Documented spellings of a period (README): accepted, the report written.
        Entry("报表：期间 2026Q3", ["report", "monthly-cases", "--period", "2026Q3", "--out", str(folder / "r.xlsx")], OK),
        Entry("报表：期间 ２０２６-１０（全角）", ["report", "monthly-cases", "--period", "２０２６-１０", "--out", str(folder / "r2.xlsx")], OK),
        Entry("报表：期间 2026-13", ["report", "monthly-cases", "--period", "2026-13", "--out", str(folder / "r3.xlsx")], REFUSED),
        Entry("报表：一个街道", ["report", "monthly-cases", "--period", "2026-10", "--street", STREET, "--out", str(folder / "r4.xlsx")], OK),
        Entry("报表：街道不存在", ["report", "monthly-cases", "--period", "2026-10", "--street", "210504099", "--out", str(folder / "r5.xlsx")], REFUSED),
        Entry("报表：街道编码位数不对", ["report", "monthly-cases", "--period", "2026-10", "--street", "2105040", "--out", str(folder / "r6.xlsx")], REFUSED),
    ]  # fmt: skip
    return entries

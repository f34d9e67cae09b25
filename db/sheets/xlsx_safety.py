"""Safe reading of untrusted Excel files: refuse what is not an .xlsx workbook, macro-enabled
files, zip bombs and malformed or hostile XML (one clear sentence, nothing read), then read the
first sheet's values with python-calamine (a Rust reader, about 10× faster than openpyxl on a
50,000-row roster)."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from db.errors import BadFile
from db.files import regular_file_size

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# The XML and sheet readers (defusedxml, python-calamine) are imported where a file is read:
# the window imports this module at its start (the holiday calendar), which reads no file.

ZIP_SIGNATURE = b"PK\x03\x04"
WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_CHUNK = 1024 * 1024
# A cell's reference (`<c r="AB12"`); a row's `r` has digits only, so this finds cells alone.
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


@dataclass(frozen=True)
class Limits:
    """What an import accepts; anything beyond is treated as hostile."""

    file_bytes: int = 200 * 1024 * 1024
    entries: int = 5_000
    # All parts together, really decompressed (headers can lie): bounds the time of a read and,
    # with `used_cells`, its memory. A 100,000-row roster of 30 text columns is about 200 MB.
    total_uncompressed: int = 384 * 1024 * 1024
    entry_uncompressed: int = 256 * 1024 * 1024
    # The shared strings are held whole in memory by the sheet reader (about 3 bytes per byte
    # of XML): 476 MB of them took 1.6 GB for one row. A 100,000-row roster's are under 20 MB.
    shared_strings: int = 64 * 1024 * 1024
    ratio: int = 200  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 1024 * 1024
    columns: int = 512  # columns kept per row
    # The sheet reader holds the used range (first to last cell) densely, whatever lies between:
    # one cell at XFD1048576 asks for 17 billion cells (549 GB) and kills the process, one at
    # XFD10000 takes 5 GB. A 100,000-row roster of 30 columns uses 3 million.
    used_cells: int = 10_000_000


DEFAULT_LIMITS = Limits()


def _local(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def _mb(size: int) -> int:
    return size // (1024 * 1024)


class _Bounded:
    """A reader that stops a zip entry at a hard byte limit, whatever its header claims."""

    def __init__(self, raw: IO[bytes], limit: int, refusal: str) -> None:
        self.raw, self.limit, self.refusal, self.seen = raw, limit, refusal, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(65536 if size is None or size < 0 else size)
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise BadFile(self.refusal)
        return chunk

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class XlsxFile:
    """An opened, checked workbook: its first sheet's part, shared strings and date system."""

    path: Path
    zf: zipfile.ZipFile
    limits: Limits
    sheet_part: str
    sheet_name: str
    date1904: bool
    strings_parts: frozenset[str] = frozenset()  # the shared strings (held whole by readers)
    _open: list[_Bounded] = field(default_factory=list)
    # Check every worksheet's used range, not only the first's (for workbooks read whole).
    every_sheet: bool = False

    def close(self) -> None:
        for stream in self._open:
            stream.close()
        self._open.clear()
        self.zf.close()

    def __enter__(self) -> XlsxFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _stream(self, name: str, limit: int | None = None, refusal: str = "") -> _Bounded:
        limit = self.limits.entry_uncompressed if limit is None else limit
        refusal = refusal or (
            f"「{self.path.name}」解压后超过 {_mb(limit)} MB，疑似压缩炸弹，拒绝导入"
        )
        stream = _Bounded(self.zf.open(name), limit, refusal)
        self._open.append(stream)
        return stream

    def _xml(self, name: str) -> Element:
        from xml.etree.ElementTree import ParseError

        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring

        with self._stream(name) as stream:
            data = stream.read(self.limits.entry_uncompressed + 1)
        try:
            return fromstring(data, forbid_dtd=True)  # type: ignore[no-any-return]
        except (ParseError, DefusedXmlException) as exc:
            raise _bad_xml(self.path, name, exc) from None

    def verify_parts(self) -> None:
        """Decompress every part once, counting the real bytes (a zip header can lie about
        sizes) and refusing any DTD, which an .xlsx never has (no entity tricks reach a parser)."""
        total = strings = 0
        try:
            for info in self.zf.infolist():
                if info.is_dir():
                    continue
                # Each part is stopped at the tightest of: its own limit, what is left of the
                # workbook's total, and (shared strings) what is left of theirs.
                bounds = [
                    (self.limits.entry_uncompressed, ""),
                    (self.limits.total_uncompressed - total, self._too_big()),
                ]
                if info.filename in self.strings_parts:
                    bounds.append((self.limits.shared_strings - strings, self._strings_too_big()))
                limit, refusal = min(bounds, key=lambda bound: bound[0])
                seen = self._verify_part(info, limit, refusal)
                total += seen
                if info.filename in self.strings_parts:
                    strings += seen
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise BadFile(
                f"「{self.path.name}」已损坏，无法作为 Excel 工作簿打开（{exc}）"
            ) from None

    def _too_big(self) -> str:
        return (
            f"「{self.path.name}」解压后总计超过 {_mb(self.limits.total_uncompressed)} MB，"
            "超出正常工作簿的范围（疑似压缩炸弹），拒绝导入"
        )

    def _strings_too_big(self) -> str:
        return (
            f"「{self.path.name}」的共享字符串解压后超过 {_mb(self.limits.shared_strings)} MB，"
            "超出正常工作簿的范围，拒绝导入；请删除多余的内容或拆分文件后再导入"
        )

    def _verify_part(self, info: zipfile.ZipInfo, limit: int, refusal: str) -> int:
        """One part: real size within `limit` (else BadFile(`refusal`)), UTF-8, no DTD; its
        real size."""
        with self._stream(info.filename, limit, refusal) as stream:
            xml = info.filename.endswith((".xml", ".rels"))
            first = stream.read(_CHUNK)
            if xml and (first[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in first[:200]):
                raise BadFile(
                    f"「{self.path.name}」中的 {info.filename} 不是 UTF-8 的 XML，拒绝导入"
                )
            sheet = info.filename == self.sheet_part or (
                self.every_sheet and info.filename.startswith("xl/worksheets/")
            )
            last_row = last_col = 0
            tail = b""
            chunk = first
            while chunk:
                window = tail + chunk
                upper = window.upper()
                if xml and (b"<!DOCTYPE" in upper or b"<!ENTITY" in upper):
                    raise BadFile(
                        f"「{self.path.name}」中的 {info.filename} 含不安全的 XML"
                        "（DTD/实体声明），拒绝导入"
                    )
                if sheet:
                    for letters, digits in _CELL_REF.findall(window):
                        last_row = max(last_row, int(digits))
                        last_col = max(last_col, _column_number(letters))
                    if last_row * last_col > self.limits.used_cells:
                        raise BadFile(
                            f"「{self.path.name}」的工作表使用范围过大（有内容的单元格延伸到第 "
                            f"{last_row} 行、第 {last_col} 列），疑似恶意文件，拒绝导入；"
                            "请删除表格右侧和下方多余的单元格后再导入"
                        )
                tail = chunk[-32:]
                chunk = stream.read(_CHUNK)
            return stream.seen

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(Excel row number, cell values by column) for every non-empty row of the first
        sheet, read by python-calamine once the parts have been verified. Values: str, float,
        int, bool, date or datetime (date-formatted cells), or None."""
        from python_calamine import CalamineError, CalamineWorkbook, XmlError, ZipError

        self.verify_parts()
        try:
            book = CalamineWorkbook.from_path(str(self.path))
            sheet = book.get_sheet_by_index(0)
            start = sheet.start or (0, 0)
            first_col = int(start[1])  # rows come from row 1, columns from the first used one
            pad: list[Any] = [None] * first_col
            width = self.limits.columns
            for offset, cells in enumerate(sheet.iter_rows()):
                values = [None if c == "" else c for c in cells[:width]]
                while values and values[-1] is None:
                    values.pop()
                if values:
                    yield offset + 1, pad + values
        except (XmlError, ZipError) as exc:
            raise BadFile(
                f"「{self.path.name}」不是完整的 XML（已损坏），拒绝导入（{_first_line(exc)}）"
            ) from None
        except CalamineError as exc:
            raise BadFile(
                f"「{self.path.name}」的工作表已损坏，无法读取（{_first_line(exc)}），拒绝导入"
            ) from None

    def workbook_sheets(self) -> dict[str, WorkSheet]:
        """Every worksheet by name (workbook order), each with its non-empty rows as `rows()`
        gives them and its merged ranges, once every part (and every sheet's used range) has
        been verified. For small multi-sheet workbooks such as the day-one setup template."""
        from python_calamine import CalamineError, CalamineWorkbook, XmlError, ZipError

        self.every_sheet = True
        self.verify_parts()
        sheets: dict[str, WorkSheet] = {}
        try:
            book = CalamineWorkbook.from_path(str(self.path))
            for name in book.sheet_names:
                sheet = book.get_sheet_by_name(name)
                start = sheet.start or (0, 0)
                pad: list[Any] = [None] * int(start[1])
                rows: list[tuple[int, list[Any]]] = []
                for offset, cells in enumerate(sheet.iter_rows()):
                    values = [None if c == "" else c for c in cells[: self.limits.columns]]
                    while values and values[-1] is None:
                        values.pop()
                    if values:
                        rows.append((offset + 1, pad + values))
                merged = [
                    (int(a[0]) + 1, int(a[1]), int(b[0]) + 1, int(b[1]))
                    for a, b in (sheet.merged_cell_ranges or [])
                ]
                sheets[str(name)] = WorkSheet(str(name), rows, merged)
        except (XmlError, ZipError) as exc:
            raise BadFile(
                f"「{self.path.name}」不是完整的 XML（已损坏），拒绝导入（{_first_line(exc)}）"
            ) from None
        except CalamineError as exc:
            raise BadFile(
                f"「{self.path.name}」的工作表已损坏，无法读取（{_first_line(exc)}），拒绝导入"
            ) from None
        return sheets


@dataclass(frozen=True)
class WorkSheet:
    """One worksheet read whole: its non-empty rows (Excel row number, values by column) and
    its merged ranges as (first row, first column, last row, last column), rows from 1 and
    columns from 0."""

    name: str
    rows: list[tuple[int, list[Any]]]
    merged: list[tuple[int, int, int, int]]


def _column_number(letters: bytes) -> int:
    """Excel's column letters as a number (A → 1, XFD → 16384)."""
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__


def _bad_xml(path: Path, part: str, exc: Exception) -> BadFile:
    from defusedxml import DefusedXmlException

    if isinstance(exc, DefusedXmlException):
        return BadFile(
            f"「{path.name}」中的 {part} 含不安全的 XML（{type(exc).__name__}），拒绝导入"
        )
    return BadFile(f"「{path.name}」中的 {part} 不是完整的 XML（已损坏），拒绝导入")


def check_xlsx(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> XlsxFile:
    """Open `path` if it is a safe .xlsx workbook; raises BadFile (one sentence) otherwise."""
    p = Path(path)
    name = p.name
    # Only a regular file, its size checked before anything is read: a device (/dev/zero), a
    # pipe or a folder is refused without reading a byte of it.
    size = regular_file_size(p, "文件")
    if size > limits.file_bytes:
        raise BadFile(f"「{name}」过大（{size // (1024 * 1024)} MB），拒绝导入")
    try:
        with p.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise BadFile(f"无法读取文件「{name}」：{exc.strerror or exc}") from None
    if head != ZIP_SIGNATURE:
        raise BadFile(f"「{name}」不是 Excel 工作簿（.xlsx），拒绝导入")
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError):
        raise BadFile(f"「{name}」已损坏，无法作为 Excel 工作簿打开") from None
    try:
        return _check_open(p, zf, limits)
    except BaseException:
        zf.close()
        raise


def _check_open(p: Path, zf: zipfile.ZipFile, limits: Limits) -> XlsxFile:
    name = p.name
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise BadFile(f"「{name}」包含 {len(infos)} 个内部文件，超出正常工作簿的范围，拒绝导入")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.entry_uncompressed or total > limits.total_uncompressed:
            raise BadFile(f"「{name}」解压后过大，疑似压缩炸弹，拒绝导入")
        if _is_strings_name(info.filename) and info.file_size > limits.shared_strings:
            raise BadFile(XlsxFile(p, zf, limits, "", "", False)._strings_too_big())
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise BadFile(f"「{name}」的压缩比异常（{info.filename}），疑似压缩炸弹，拒绝导入")
        if info.flag_bits & 0x1:
            raise BadFile(f"「{name}」已加密，请先在 Excel 中取消密码后再导入")
    names = {info.filename for info in infos}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise BadFile(f"「{name}」含宏（VBA），拒绝导入；请另存为不含宏的 .xlsx 后再导入")
    if "[Content_Types].xml" not in names:
        raise BadFile(f"「{name}」不是 Excel 工作簿（.xlsx），拒绝导入")
    checked = XlsxFile(p, zf, limits, "", "", False)
    types = checked._xml("[Content_Types].xml")
    workbook_part = ""
    strings = {n for n in names if _is_strings_name(n)}
    for entry in types:
        content_type = entry.get("ContentType", "")
        if content_type == STRINGS_TYPE:
            strings.add(entry.get("PartName", "").lstrip("/"))
        if "macroenabled" in content_type.lower() or "vbaProject" in content_type:
            raise BadFile(f"「{name}」是含宏的工作簿（.xlsm），拒绝导入；请另存为 .xlsx 后再导入")
        if _local(entry.tag) == "Override" and content_type in WORKBOOK_TYPES:
            workbook_part = entry.get("PartName", "").lstrip("/")
    if not workbook_part or workbook_part not in names:
        raise BadFile(f"「{name}」不是 Excel 工作簿（.xlsx），拒绝导入")
    workbook = checked._xml(workbook_part)
    date1904 = False
    sheet_rel = sheet_name = ""
    for elem in workbook.iter():
        tag = _local(elem.tag)
        if tag == "workbookPr":
            date1904 = elem.get("date1904", "0").lower() in ("1", "true")
        elif tag == "sheet" and not sheet_rel:
            sheet_rel = elem.get(f"{{{REL_NS}}}id", "")
            sheet_name = elem.get("name", "")
    base = workbook_part.rsplit("/", 1)[0]
    rels_part = f"{base}/_rels/{workbook_part.rsplit('/', 1)[-1]}.rels"
    if not sheet_rel or rels_part not in names:
        raise BadFile(f"「{name}」中没有工作表")
    target = ""
    for rel in checked._xml(rels_part):
        if rel.get("Id") == sheet_rel:
            target = rel.get("Target", "")
        if rel.get("Type", "").endswith("/sharedStrings"):
            strings.add(_part_of(base, rel.get("Target", "")))
    sheet_part = _part_of(base, target)
    if sheet_part not in names:
        raise BadFile(f"「{name}」中的工作表「{sheet_name}」缺失，文件已损坏")
    claimed = sum(info.file_size for info in infos if info.filename in strings)
    if claimed > limits.shared_strings:
        raise BadFile(checked._strings_too_big())
    return XlsxFile(p, zf, limits, sheet_part, sheet_name, date1904, frozenset(strings & names))


def _part_of(base: str, target: str) -> str:
    """A relationship's target as a part name (relative to the workbook's folder)."""
    return target.lstrip("/") if target.startswith("/") else f"{base}/{target}"


def _is_strings_name(part: str) -> bool:
    return part.rsplit("/", 1)[-1].lower() == "sharedstrings.xml"

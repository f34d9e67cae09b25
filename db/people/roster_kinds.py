"""The six rosters (花名册) and their fields: Chinese labels, header synonyms, and how a value is
read and checked — shared by the roster services, the Excel import and the window's dialogs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from db.errors import ValidationError
from db.people.id_numbers import check_digit, validate_id_number


class Kind(StrEnum):
    COMMUNITY_WORKER = "community_worker"  # 社区工作者
    GRID_STAFF = "grid_staff"  # 网格长 / 网格员
    FIRST_SECRETARY = "first_secretary"  # 第一书记
    MENTORSHIP = "mentorship"  # 导师帮带
    SENT_DOWN = "sent_down"  # 下沉干部
    PARTY_CHECKIN = "party_checkin"  # 党员报到


KIND_LABELS: dict[Kind, str] = {
    Kind.COMMUNITY_WORKER: "社区工作者",
    Kind.GRID_STAFF: "网格员/网格长",
    Kind.FIRST_SECRETARY: "第一书记",
    Kind.MENTORSHIP: "导师帮带",
    Kind.SENT_DOWN: "下沉干部",
    Kind.PARTY_CHECKIN: "党员报到",
}

_KIND_ALIASES: dict[str, Kind] = {
    "worker": Kind.COMMUNITY_WORKER,
    "community-worker": Kind.COMMUNITY_WORKER,
    "grid": Kind.GRID_STAFF,
    "grid-staff": Kind.GRID_STAFF,
    "网格员": Kind.GRID_STAFF,
    "网格长": Kind.GRID_STAFF,
    "secretary": Kind.FIRST_SECRETARY,
    "first-secretary": Kind.FIRST_SECRETARY,
    "mentor": Kind.MENTORSHIP,
    "sent-down": Kind.SENT_DOWN,
    "cadre": Kind.SENT_DOWN,
    "party": Kind.PARTY_CHECKIN,
    "party-checkin": Kind.PARTY_CHECKIN,
    "checkin": Kind.PARTY_CHECKIN,
}


def parse_kind(text: str) -> Kind:
    """A roster kind from its code (`community_worker`), a short alias or its Chinese name."""
    value = text.strip()
    for kind in Kind:
        if value in (kind.value, KIND_LABELS[kind]):
            return kind
    if value.lower() in _KIND_ALIASES:
        return _KIND_ALIASES[value.lower()]
    if value in _KIND_ALIASES:
        return _KIND_ALIASES[value]
    names = "、".join(f"{k.value}（{KIND_LABELS[k]}）" for k in Kind)
    raise ValidationError(f"没有名为「{value}」的花名册，可选：{names}")


class FieldType(StrEnum):
    TEXT = "text"
    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    INT = "int"
    DECIMAL = "decimal"
    PARTY = "party"  # 政治面貌 → party member or not
    GENDER = "gender"
    COMMUNITY = "community"  # by 12-digit code or by name
    GRID = "grid"  # by 14/15-digit code
    CHOICE = "choice"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a roster: what the user sees and how a cell becomes a value."""

    name: str
    label: str
    type: FieldType
    required: bool = False
    synonyms: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, Chinese label)
    minimum: int | None = None
    maximum: int | None = None
    person: bool = False  # stored on the Person rather than on the roster row

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)

    def choice_label(self, value: object) -> str:
        for stored, label in self.choices:
            if stored == value:
                return label
        return "" if value is None else str(value)


GRID_ROLES = (("leader", "网格长"), ("worker", "网格员"))
POST_LEVELS = (("street", "街道"), ("community", "社区"))

# Status of an entry while it is current, and after 离任 (retire).
ACTIVE_STATUS: dict[Kind, str] = {
    Kind.COMMUNITY_WORKER: "在岗",
    Kind.GRID_STAFF: "在岗",
    Kind.FIRST_SECRETARY: "在任",
    Kind.MENTORSHIP: "帮带中",
    Kind.SENT_DOWN: "在岗",
    Kind.PARTY_CHECKIN: "已报到",
}
RETIRED_STATUS: dict[Kind, str] = {
    Kind.COMMUNITY_WORKER: "离岗",
    Kind.GRID_STAFF: "离岗",
    Kind.FIRST_SECRETARY: "离任",
    Kind.MENTORSHIP: "已结业",
    Kind.SENT_DOWN: "已结束",
    Kind.PARTY_CHECKIN: "已转出",
}


def _person_fields(role: str = "", *, extra_name: tuple[str, ...] = ()) -> tuple[FieldSpec, ...]:
    p = role
    return (
        FieldSpec(
            "name",
            f"{p}姓名",
            FieldType.NAME,
            required=True,
            synonyms=(*extra_name, *(("姓名", "名字") if p else ("名字",))),
            person=True,
        ),
        FieldSpec(
            "id_number",
            f"{p}身份证号",
            FieldType.ID_NUMBER,
            required=True,
            synonyms=tuple(
                f"{p}{h}" for h in ("身份证号码", "公民身份号码", "身份证", "身份号码", "证件号码")
            )
            + (("身份证号", "身份证号码", "公民身份号码") if p else ()),
            person=True,
        ),
        FieldSpec("gender", "性别", FieldType.GENDER, person=True),
        FieldSpec(
            "phone",
            "联系电话",
            FieldType.PHONE,
            synonyms=("手机号码", "电话", "手机", "手机号", "联系方式", "电话号码", "移动电话"),
            person=True,
        ),
        FieldSpec(
            "party_member",
            "政治面貌",
            FieldType.PARTY,
            synonyms=("是否党员", "党员", "是否中共党员"),
            person=True,
        ),
        FieldSpec(
            "education", "学历", FieldType.TEXT, synonyms=("文化程度", "最高学历"), person=True
        ),
    )


_COMMUNITY_SYNONYMS = ("所属社区", "社区", "社区名称", "所在社区名称", "社区编码")

FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {
    Kind.COMMUNITY_WORKER: (
        *_person_fields(),
        FieldSpec(
            "community",
            "所在社区",
            FieldType.COMMUNITY,
            required=True,
            synonyms=_COMMUNITY_SYNONYMS,
        ),
        FieldSpec(
            "post", "职务", FieldType.TEXT, required=True, synonyms=("岗位", "现任职务", "职位")
        ),
        FieldSpec(
            "pay_tier",
            "档",
            FieldType.INT,
            required=True,
            synonyms=("薪酬档次", "档次", "岗位等级档", "所在档"),
            minimum=1,
            maximum=3,
        ),
        FieldSpec(
            "pay_level",
            "级",
            FieldType.INT,
            required=True,
            synonyms=("薪酬级别", "级别", "薪级", "所在级"),
            minimum=1,
            maximum=38,
        ),
        FieldSpec(
            "service_start",
            "参加工作时间",
            FieldType.DATE,
            synonyms=(
                "入职时间",
                "参加社区工作时间",
                "入职日期",
                "参加工作日期",
                "从事社区工作时间",
            ),
        ),
        FieldSpec(
            "terms_served",
            "任职届数",
            FieldType.INT,
            synonyms=("届数", "连任届数"),
            minimum=0,
            maximum=20,
        ),
        FieldSpec(
            "honours", "荣誉", FieldType.TEXT, synonyms=("荣誉称号", "两代表一委员", "获得荣誉")
        ),
        FieldSpec(
            "career_move", "职业发展", FieldType.TEXT, synonyms=("去向", "晋升情况", "职业晋升")
        ),
    ),
    Kind.GRID_STAFF: (
        *_person_fields(),
        FieldSpec(
            "grid",
            "网格编码",
            FieldType.GRID,
            required=True,
            synonyms=("网格代码", "所在网格编码", "网格编号", "所属网格编码"),
        ),
        FieldSpec(
            "role",
            "身份",
            FieldType.CHOICE,
            required=True,
            synonyms=("网格职务", "类别", "人员类别", "岗位"),
            choices=GRID_ROLES,
        ),
        FieldSpec(
            "start_date", "上岗时间", FieldType.DATE, synonyms=("任职时间", "上岗日期", "入职时间")
        ),
    ),
    Kind.FIRST_SECRETARY: (
        *_person_fields(),
        FieldSpec(
            "sending_unit",
            "派出单位",
            FieldType.TEXT,
            required=True,
            synonyms=("选派单位", "原单位", "工作单位"),
        ),
        FieldSpec(
            "post_level",
            "任职层级",
            FieldType.CHOICE,
            required=True,
            synonyms=("任职类别", "任职于"),
            choices=POST_LEVELS,
        ),
        FieldSpec("community", "任职社区", FieldType.COMMUNITY, synonyms=_COMMUNITY_SYNONYMS),
        FieldSpec(
            "term_start",
            "任期开始",
            FieldType.DATE,
            required=True,
            synonyms=("任职时间", "任期开始时间", "开始时间"),
        ),
        FieldSpec(
            "term_end",
            "任期结束",
            FieldType.DATE,
            required=True,
            synonyms=("任期届满", "任期结束时间", "结束时间", "任期届满时间"),
        ),
    ),
    Kind.MENTORSHIP: (
        *_person_fields("学员", extra_name=("徒弟姓名", "被帮带人")),
        FieldSpec(
            "mentor_name",
            "导师姓名",
            FieldType.NAME,
            required=True,
            synonyms=("导师", "师傅姓名", "帮带导师"),
        ),
        FieldSpec(
            "mentor_id_number",
            "导师身份证号",
            FieldType.ID_NUMBER,
            required=True,
            synonyms=("导师身份证号码", "导师公民身份号码"),
        ),
        FieldSpec(
            "studio",
            "书记工作室",
            FieldType.TEXT,
            required=True,
            synonyms=("社区书记工作室", "工作室", "所属工作室"),
        ),
        FieldSpec(
            "start_date",
            "帮带开始时间",
            FieldType.DATE,
            required=True,
            synonyms=("开始时间", "结对时间"),
        ),
    ),
    Kind.SENT_DOWN: (
        *_person_fields(),
        FieldSpec("batch", "批次", FieldType.TEXT, required=True, synonyms=("下沉批次", "第几批")),
        FieldSpec(
            "sending_unit",
            "派出单位",
            FieldType.TEXT,
            required=True,
            synonyms=("原单位", "工作单位"),
        ),
        FieldSpec(
            "community",
            "下沉社区",
            FieldType.COMMUNITY,
            required=True,
            synonyms=("所在社区", *_COMMUNITY_SYNONYMS),
        ),
        FieldSpec(
            "start_date",
            "下沉时间",
            FieldType.DATE,
            required=True,
            synonyms=("开始时间", "下沉日期", "到岗时间"),
        ),
        FieldSpec(
            "planned_end",
            "计划结束时间",
            FieldType.DATE,
            required=True,
            synonyms=("计划结束日期", "预计结束时间", "结束时间"),
        ),
    ),
    Kind.PARTY_CHECKIN: (
        *_person_fields(),
        FieldSpec(
            "sending_org",
            "所在党组织",
            FieldType.TEXT,
            required=True,
            synonyms=("党组织", "报到单位", "所在单位党组织", "工作单位"),
        ),
        FieldSpec(
            "community",
            "报到社区",
            FieldType.COMMUNITY,
            required=True,
            synonyms=("居住社区", "所在社区", *_COMMUNITY_SYNONYMS),
        ),
        FieldSpec(
            "checkin_date", "报到时间", FieldType.DATE, required=True, synonyms=("报到日期",)
        ),
        FieldSpec("activities", "服务活动", FieldType.TEXT, synonyms=("服务内容", "参加活动")),
        FieldSpec(
            "service_hours",
            "服务时长",
            FieldType.DECIMAL,
            synonyms=("服务时长（小时）", "服务小时数"),
        ),
    ),
}


def field(kind: Kind, name: str) -> FieldSpec:
    for spec in FIELDS[kind]:
        if spec.name == name:
            return spec
    raise KeyError(name)


def header_key(text: str) -> str:
    """A header reduced for matching: NFKC, no spaces, no asterisks, no bracketed notes."""
    value = unicodedata.normalize("NFKC", text)
    value = re.sub(r"[\s*:：]", "", value)
    return value.replace("(", "（").replace(")", "）")


def header_index(kind: Kind) -> dict[str, str]:
    """Every known header (and synonym) of a roster → field name."""
    index: dict[str, str] = {}
    for spec in FIELDS[kind]:
        for header in spec.headers:
            index.setdefault(header_key(header), spec.name)
        index.setdefault(header_key(spec.name), spec.name)
    return index


def resolve_field_name(kind: Kind, text: str) -> str | None:
    """A field from its name (`phone`) or any of its headers (`手机号码`); None if unknown."""
    key = header_key(text)
    if not key:
        return None
    return header_index(kind).get(key) or header_index(kind).get(re.sub(r"（.*?）", "", key))


# --- reading one value -------------------------------------------------------------------------

Cell = str | int | float | bool | date | datetime | Decimal | None

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}


_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")  # ideographic space, full-width ASCII


def clean_text(value: Cell) -> str:
    """Text of a cell: full-width digits, letters and spaces made ASCII, runs of spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    if not text.isascii() and _FULL_WIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def _small_number(text: str) -> int | None:
    """12, 十二, 三十八 → int (up to 99); None when it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    return _CN_DIGITS[text] if len(text) == 1 else None


_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*(?:月\s*)?(?:[./\-]?\s*(\d{1,2})\s*[日号]?)?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial_date(serial: float, *, date1904: bool = False) -> date:
    """An Excel date serial (1900 system, or 1904 on old Mac workbooks) as a date."""
    days = int(serial)
    if date1904:
        return date(1904, 1, 1) + timedelta(days=days)
    if days < 61:  # Excel's fictitious 1900-02-29 sits at 60
        return date(1899, 12, 31) + timedelta(days=days)
    return _EXCEL_EPOCH + timedelta(days=days)


def parse_date(value: Cell, label: str = "日期", *, date1904: bool = False) -> date | None:
    """A date from a date cell, an Excel serial, or text such as 1985.03.12, 1985年3月12日,
    1985-3-12, 1985/3/12, 19850312 or 2015.07 (the 1st of the month)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValidationError(f"{label}「{value}」不是日期")
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if number.is_integer() and 19000101 <= number <= 21001231:
            return parse_date(str(int(number)), label)
        if 1 <= number < 2958466:
            return excel_serial_date(number, date1904=date1904)
        raise ValidationError(f"{label}「{value}」不是日期")
    text = clean_text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+)?", text)
        match = _DATE_TEXT.match(text) if iso is None else None
        if iso is not None:
            y, m, d = (int(x) for x in iso.group(1).split("-"))
        elif match is not None:
            y, m = int(match.group(1)), int(match.group(2))
            d = int(match.group(3)) if match.group(3) else 1
        else:
            raise ValidationError(f"{label}「{text}」无法识别为日期（例如 1985-03-12）")
    try:
        result = date(y, m, d)
    except ValueError:
        raise ValidationError(f"{label}「{text}」不是存在的日期") from None
    if not 1900 <= result.year <= 2100:
        raise ValidationError(f"{label}「{text}」年份不合理")
    return result


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def parse_phone(value: Cell, label: str = "联系电话") -> str:
    """A mobile (11 digits starting 13–19) or a landline with its area code (024-12345678)."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if text.startswith("+86"):
        text = text[3:]
    digits = text.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    if _LANDLINE.match(text) or (digits.startswith("0") and _LANDLINE.match(digits)):
        return text
    raise ValidationError(
        f"{label}「{text}」不是有效的手机号码（11 位，以 1 开头）或带区号的固定电话"
    )


def parse_id_number(value: Cell, label: str = "身份证号") -> str:
    """The 18-character ID number; a number that lost its last digits in Excel is named as such."""
    if isinstance(value, float) and value >= 1e16:
        raise ValidationError(
            f"{label}被 Excel 存成了数字（{value:.15g}），末几位已丢失；请把该列设为文本后重新填写"
        )
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if len(text) == 15 and text.isascii() and text.isdigit():
        # A first-generation 15-digit number (before 1999): the century and a check digit added.
        first17 = f"{text[:6]}19{text[6:]}"
        text = first17 + check_digit(first17)
    try:
        return validate_id_number(text)
    except ValidationError as exc:
        message = str(exc)
        if label != "身份证号":
            message = message.replace("身份证号", label, 1)
        raise ValidationError(message) from None


def parse_int(value: Cell, spec: FieldSpec) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{spec.label}「{value}」应为整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if not float(value).is_integer():
            raise ValidationError(f"{spec.label}「{value}」应为整数")
        number = int(value)
    else:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        core = re.sub(r"^第|[档级届次]$", "", text)
        parsed = _small_number(core)
        if parsed is None:
            raise ValidationError(f"{spec.label}「{text}」应为整数")
        number = parsed
    lo, hi = spec.minimum, spec.maximum
    if lo is not None and hi is not None and not lo <= number <= hi:
        raise ValidationError(f"{spec.label}应在 {spec.minimum}–{spec.maximum} 之间，实为 {number}")
    return number


def parse_decimal(value: Cell, spec: FieldSpec) -> Decimal | None:
    if value is None or value == "":
        return None
    text = clean_text(value).replace(" ", "")
    text = re.sub(r"(小时|个小时|h|H)$", "", text)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"{spec.label}「{text}」应为数字") from None
    if not number.is_finite() or number < 0 or number >= Decimal(10_000_000):
        raise ValidationError(f"{spec.label}「{text}」不合理")
    return number.quantize(Decimal("0.1"))


_PARTY_YES = {"中共党员", "党员", "中共预备党员", "预备党员", "是", "√", "Y", "YES", "TRUE", "1"}
_PARTY_NO = {"群众", "共青团员", "团员", "否", "无", "N", "NO", "FALSE", "0", "×"}


def parse_party(value: Cell) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = clean_text(value).replace(" ", "").upper()
    if not text:
        return None
    if text in _PARTY_YES:
        return True
    if text in _PARTY_NO or "民主" in text or "无党派" in text or text.endswith("党"):
        return False
    raise ValidationError(f"政治面貌「{text}」无法识别（例如 中共党员、群众）")


def parse_choice(value: Cell, spec: FieldSpec) -> str | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    for stored, label in spec.choices:
        if text in (stored, label) or (label in text and len(text) <= len(label) + 3):
            return stored
    options = "、".join(label for _, label in spec.choices)
    raise ValidationError(f"{spec.label}「{text}」应为 {options} 之一")


def parse_gender(value: Cell) -> str | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    if text in ("男", "男性", "M"):
        return "男"
    if text in ("女", "女性", "F"):
        return "女"
    raise ValidationError(f"性别「{text}」应为 男 或 女")


def parse_name(value: Cell, label: str) -> str:
    text = clean_text(value)
    # "张  三" aligned with spaces in a sheet is 张三; a Latin name keeps its single spaces.
    if text and all(not ch.isascii() or ch == " " for ch in text):
        text = text.replace(" ", "")
    if len(text) > 64:
        raise ValidationError(f"{label}「{text[:20]}…」过长（最多 64 字）")
    return text


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


SENT_DOWN_MIN_YEARS = 2
SECRETARY_WARN_DAYS = 60


def check_rules(kind: Kind, values: Mapping[str, object]) -> list[tuple[str, str]]:
    """Rules across fields: (field, reason) for each one broken."""
    problems: list[tuple[str, str]] = []
    if kind is Kind.SENT_DOWN:
        start, end = values.get("start_date"), values.get("planned_end")
        if isinstance(start, date) and isinstance(end, date):
            earliest = add_years(start, SENT_DOWN_MIN_YEARS)
            if end < earliest:
                problems.append(
                    (
                        "planned_end",
                        f"下沉期限至少 {SENT_DOWN_MIN_YEARS} 年：下沉时间为 {start.isoformat()}，"
                        f"计划结束时间应不早于 {earliest.isoformat()}（现为 {end.isoformat()}）",
                    )
                )
    if kind is Kind.FIRST_SECRETARY:
        start, end = values.get("term_start"), values.get("term_end")
        if isinstance(start, date) and isinstance(end, date) and end <= start:
            problems.append(("term_end", "任期结束应晚于任期开始"))
        if values.get("post_level") == "community" and values.get("community") is None:
            problems.append(("community", "任职层级为社区时须填写任职社区"))
    if kind is Kind.MENTORSHIP:
        mentor, apprentice = values.get("mentor_id_number"), values.get("id_number")
        if mentor and mentor == apprentice:
            problems.append(("mentor_id_number", "导师与学员不能是同一人"))
    return problems

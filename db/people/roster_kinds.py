"""The six rosters (花名册) and their fields: Chinese labels, header synonyms, field types and
statuses — shared by the roster services, the Excel import and the window's dialogs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from db.errors import ValidationError
from db.sheets.cells import DateRange
from db.sheets.header_row import header_key


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
    dates: DateRange | None = None  # the dates a DATE field accepts

    @property
    def date_range(self) -> DateRange:
        return self.dates or START_DATES

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)

    def choice_label(self, value: object) -> str:
        for stored, label in self.choices:
            if stored == value:
                return label
        return "" if value is None else str(value)


# The dates a roster accepts. Starts (参加工作时间, 上岗时间, 任期开始, 帮带开始时间, 下沉时间,
# 报到时间) lie between 1950-01-01 and one year from today; planned ends (任期结束, 计划结束时间)
# up to ten years from today. Birth dates come from ID numbers (1900-01-01 to today).
START_DATES = DateRange(date(1950, 1, 1), years_ahead=1)
END_DATES = DateRange(date(1950, 1, 1), years_ahead=10)

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
            dates=END_DATES,
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
            dates=END_DATES,
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

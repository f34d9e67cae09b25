"""The day-one setup workbook's layout, shared by the template writer and the reader: the
four sheets (街道、社区、网格、部门), their columns with Chinese headers, and the example row.

Each sheet: row 1 a note on how to fill it in, row 2 the headers, row 3 an example (grey,
italic, 备注「示例（导入时跳过）」). The reader finds the header wherever it is in the first
rows and skips a row that still holds the example's values; a row marked 示例 in its 备注 whose
values were changed is a problem (the user's data is neither imported nor dropped unseen).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"
    COUNT = "count"
    PHONE = "phone"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind
    required: bool
    width: int  # characters, for the template
    example: str | int
    hint: str  # the input message shown in Excel when the cell is selected
    lengths: tuple[int, ...] = ()  # digits of a code
    limit: int = 64  # characters of a text
    aliases: tuple[str, ...] = ()
    # Full-width digits, letters and punctuation made ASCII (names, codes); a text written in
    # sentences (四至范围) keeps its Chinese punctuation.
    normalize: bool = True


STREET_SHEET, COMMUNITY_SHEET, GRID_SHEET, DEPARTMENT_SHEET = "街道", "社区", "网格", "部门"
SHEET_NAMES = (STREET_SHEET, COMMUNITY_SHEET, GRID_SHEET, DEPARTMENT_SHEET)
NOTE_HEADER = "备注"
EXAMPLE_MARK = "示例"
EXAMPLE_NOTE = "示例（导入时跳过）"
NOTE_ROW, HEADER_ROW, EXAMPLE_ROW = 1, 2, 3

COLUMNS: dict[str, tuple[Column, ...]] = {
    STREET_SHEET: (
        Column(
            "center_name",
            "填报单位",
            Kind.TEXT,
            True,
            34,
            "某某街道网格化服务管理指挥调度中心",
            "报表上“填报单位”一栏的名称，通常为本中心全称",
            limit=64,
            aliases=("中心名称",),
        ),
        Column(
            "district_code",
            "区县编码",
            Kind.CODE,
            True,
            12,
            "210504",
            "6 位区县行政区划代码",
            lengths=(6,),
        ),
        Column("district_name", "区县名称", Kind.TEXT, True, 14, "某某区", "区县名称"),
        Column(
            "street_code",
            "街道编码",
            Kind.CODE,
            True,
            13,
            "210504009",
            "9 位街道代码：区县编码 + 3 位",
            lengths=(9,),
        ),
        Column("street_name", "街道名称", Kind.TEXT, True, 16, "某某街道", "街道（镇、乡）名称"),
    ),
    COMMUNITY_SHEET: (
        Column(
            "code",
            "社区编码",
            Kind.CODE,
            True,
            16,
            "210504009001",
            "12 位社区（村）代码：街道编码 + 3 位",
            lengths=(12,),
        ),
        Column("name", "社区名称", Kind.TEXT, True, 18, "示例社区", "社区（村）名称"),
        Column(
            "population",
            "常住人口",
            Kind.COUNT,
            True,
            11,
            8200,
            "整数，单位：人",
            aliases=("人口", "人口数"),
        ),
        Column("households", "户数", Kind.COUNT, True, 9, 3100, "整数，单位：户"),
    ),
    GRID_SHEET: (
        Column(
            "code",
            "网格编码",
            Kind.CODE,
            True,
            18,
            "21050400900101",
            "14 或 15 位：所属社区编码 + 2 或 3 位序号",
            lengths=(14, 15),
        ),
        Column("name", "网格名称", Kind.TEXT, True, 18, "第01网格", "网格名称"),
        Column(
            "community_code",
            "所属社区编码",
            Kind.CODE,
            True,
            16,
            "210504009001",
            "12 位，须是「社区」表中的社区",
            lengths=(12,),
            aliases=("社区编码",),
        ),
        Column(
            "population",
            "常住人口",
            Kind.COUNT,
            True,
            11,
            4100,
            "整数，单位：人",
            aliases=("人口", "人口数"),
        ),
        Column("households", "户数", Kind.COUNT, True, 9, 1500, "整数，单位：户"),
        Column(
            "boundary",
            "四至范围",
            Kind.TEXT,
            False,
            44,
            "东至和平路，南至春华街，西至永丰路，北至北星街",
            "用文字写明网格的东、南、西、北边界",
            limit=200,
            aliases=("四至", "边界", "范围"),
            normalize=False,
        ),
    ),
    DEPARTMENT_SHEET: (
        Column("name", "部门名称", Kind.TEXT, True, 22, "城管执法中队", "部门名称，不能重复"),
        Column(
            "kind",
            "类型",
            Kind.TEXT,
            False,
            14,
            "执法部门",
            "职能部门、执法部门、派出机构、公共服务企业等；空着为职能部门",
            limit=32,
            aliases=("部门类型",),
        ),
        Column("contact", "联系人", Kind.TEXT, False, 12, "张三", "部门联系人姓名"),
        Column(
            "phone",
            "联系电话",
            Kind.PHONE,
            False,
            16,
            "024-12345678",
            "手机号（11 位）或带区号的固定电话",
            aliases=("电话",),
        ),
    ),
}

NOTES: dict[str, str] = {
    STREET_SHEET: "填写说明：只填一行（本中心所在的区县和街道）。第 3 行是示例，"
    "导入时跳过；请在第 4 行填写（或改写示例行，并删去其备注中的「示例」）。",
    COMMUNITY_SHEET: "填写说明：每个社区（村）一行。社区编码 12 位，前 9 位须是街道编码。"
    "第 3 行是示例，导入时跳过；改写示例行时请删去其备注中的「示例」。",
    GRID_SHEET: "填写说明：每个单元网格一行。网格编码 14 或 15 位，前 12 位须是所属社区编码。"
    "第 3 行是示例，导入时跳过；改写示例行时请删去其备注中的「示例」。",
    DEPARTMENT_SHEET: "填写说明：每个职能部门一行；已有同名部门时更新其类型、联系人和电话。"
    "第 3 行是示例，导入时跳过；改写示例行时请删去其备注中的「示例」。",
}

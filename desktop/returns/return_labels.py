"""The returns' Chinese names as the 报表 page shows them: the list of returns, the sheet names
and the preview's column headers go through `QCoreApplication.translate("Returns", …)`, so that
`--lang en` shows English. reports/ keeps writing the Excel files in Chinese (they are
government returns); only the window translates. A text not listed here shows unchanged.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# reports.registry KINDS titles
TITLES = (
    QT_TRANSLATE_NOOP("Returns", "案件办理情况月报"),
    QT_TRANSLATE_NOOP("Returns", "部门绩效考核表"),
    QT_TRANSLATE_NOOP("Returns", "案件类别分析表"),
    QT_TRANSLATE_NOOP("Returns", "案件明细表"),
    QT_TRANSLATE_NOOP("Returns", "社区工作者花名册"),
    QT_TRANSLATE_NOOP("Returns", "网格长网格员花名册"),
    QT_TRANSLATE_NOOP("Returns", "第一书记花名册"),
    QT_TRANSLATE_NOOP("Returns", "导师帮带花名册"),
    QT_TRANSLATE_NOOP("Returns", "下沉干部花名册"),
    QT_TRANSLATE_NOOP("Returns", "党员报到花名册"),
    QT_TRANSLATE_NOOP("Returns", "社区工作者配备情况表"),
)

# sheet names
SHEETS = (
    QT_TRANSLATE_NOOP("Returns", "按社区"),
    QT_TRANSLATE_NOOP("Returns", "按网格"),
    QT_TRANSLATE_NOOP("Returns", "每日走势"),
    QT_TRANSLATE_NOOP("Returns", "部门绩效"),
    QT_TRANSLATE_NOOP("Returns", "类别分析"),
    QT_TRANSLATE_NOOP("Returns", "案件明细"),
    QT_TRANSLATE_NOOP("Returns", "社区工作者"),
    QT_TRANSLATE_NOOP("Returns", "网格员网格长"),
    QT_TRANSLATE_NOOP("Returns", "第一书记"),
    QT_TRANSLATE_NOOP("Returns", "导师帮带"),
    QT_TRANSLATE_NOOP("Returns", "下沉干部"),
    QT_TRANSLATE_NOOP("Returns", "党员报到"),
    QT_TRANSLATE_NOOP("Returns", "配备情况"),
)

# column headers (each line of a two-line header on its own)
HEADERS = (
    QT_TRANSLATE_NOOP("Returns", "社区"),
    QT_TRANSLATE_NOOP("Returns", "立案派遣"),
    QT_TRANSLATE_NOOP("Returns", "立案数"),
    QT_TRANSLATE_NOOP("Returns", "派遣数"),
    QT_TRANSLATE_NOOP("Returns", "结案情况"),
    QT_TRANSLATE_NOOP("Returns", "应结案数"),
    QT_TRANSLATE_NOOP("Returns", "结案数"),
    QT_TRANSLATE_NOOP("Returns", "按期结案数"),
    QT_TRANSLATE_NOOP("Returns", "结案率"),
    QT_TRANSLATE_NOOP("Returns", "按期结案率"),
    QT_TRANSLATE_NOOP("Returns", "超期数"),
    QT_TRANSLATE_NOOP("Returns", "处置质量"),
    QT_TRANSLATE_NOOP("Returns", "处置数"),
    QT_TRANSLATE_NOOP("Returns", "返工数"),
    QT_TRANSLATE_NOOP("Returns", "返工率"),
    QT_TRANSLATE_NOOP("Returns", "延期数"),
    QT_TRANSLATE_NOOP("Returns", "挂账数"),
    QT_TRANSLATE_NOOP("Returns", "平均处置时长（小时）"),
    QT_TRANSLATE_NOOP("Returns", "未诉先办"),
    QT_TRANSLATE_NOOP("Returns", "上报数"),
    QT_TRANSLATE_NOOP("Returns", "巡查发现数"),
    QT_TRANSLATE_NOOP("Returns", "未诉先办占比"),
    QT_TRANSLATE_NOOP("Returns", "网格编码"),
    QT_TRANSLATE_NOOP("Returns", "网格名称"),
    QT_TRANSLATE_NOOP("Returns", "日期"),
    QT_TRANSLATE_NOOP("Returns", "排名"),
    QT_TRANSLATE_NOOP("Returns", "部门"),
    QT_TRANSLATE_NOOP("Returns", "回访“三率”"),
    QT_TRANSLATE_NOOP("Returns", "有效回访数"),
    QT_TRANSLATE_NOOP("Returns", "联系上"),
    QT_TRANSLATE_NOOP("Returns", "已解决"),
    QT_TRANSLATE_NOOP("Returns", "满意"),
    QT_TRANSLATE_NOOP("Returns", "基本满意"),
    QT_TRANSLATE_NOOP("Returns", "响应率"),
    QT_TRANSLATE_NOOP("Returns", "解决率"),
    QT_TRANSLATE_NOOP("Returns", "满意率"),
    QT_TRANSLATE_NOOP("Returns", "综合指数"),
    QT_TRANSLATE_NOOP("Returns", "协办（吹哨报到）"),
    QT_TRANSLATE_NOOP("Returns", "协办件数"),
    QT_TRANSLATE_NOOP("Returns", "协办应反馈数"),
    QT_TRANSLATE_NOOP("Returns", "协办按期反馈数"),
    QT_TRANSLATE_NOOP("Returns", "协办按期率"),
    QT_TRANSLATE_NOOP("Returns", "督办与上报"),
    QT_TRANSLATE_NOOP("Returns", "督办件数"),
    QT_TRANSLATE_NOOP("Returns", "督办已回复"),
    QT_TRANSLATE_NOOP("Returns", "督办回复率"),
    QT_TRANSLATE_NOOP("Returns", "上报件数"),
    QT_TRANSLATE_NOOP("Returns", "上报后办结"),
    QT_TRANSLATE_NOOP("Returns", "上报未办结"),
    QT_TRANSLATE_NOOP("Returns", "代录件数"),
    QT_TRANSLATE_NOOP("Returns", "重复报告"),
    QT_TRANSLATE_NOOP("Returns", "合并报告数"),
    QT_TRANSLATE_NOOP("Returns", "大类"),
    QT_TRANSLATE_NOOP("Returns", "小类编码"),
    QT_TRANSLATE_NOOP("Returns", "小类"),
    QT_TRANSLATE_NOOP("Returns", "本期"),
    QT_TRANSLATE_NOOP("Returns", "环比"),
    QT_TRANSLATE_NOOP("Returns", "增减"),
    QT_TRANSLATE_NOOP("Returns", "增幅"),
    QT_TRANSLATE_NOOP("Returns", "同比"),
    QT_TRANSLATE_NOOP("Returns", "序号"),
    QT_TRANSLATE_NOOP("Returns", "案件编号"),
    QT_TRANSLATE_NOOP("Returns", "上报时间"),
    QT_TRANSLATE_NOOP("Returns", "来源"),
    QT_TRANSLATE_NOOP("Returns", "网格"),
    QT_TRANSLATE_NOOP("Returns", "地址"),
    QT_TRANSLATE_NOOP("Returns", "问题描述"),
    QT_TRANSLATE_NOOP("Returns", "上报人"),
    QT_TRANSLATE_NOOP("Returns", "联系电话"),
    QT_TRANSLATE_NOOP("Returns", "状态"),
    QT_TRANSLATE_NOOP("Returns", "承办部门"),
    QT_TRANSLATE_NOOP("Returns", "结案时间"),
    QT_TRANSLATE_NOOP("Returns", "是否超期"),
    QT_TRANSLATE_NOOP("Returns", "返工次数"),
    QT_TRANSLATE_NOOP("Returns", "延期次数"),
    QT_TRANSLATE_NOOP("Returns", "姓名"),
    QT_TRANSLATE_NOOP("Returns", "性别"),
    QT_TRANSLATE_NOOP("Returns", "出生年月"),
    QT_TRANSLATE_NOOP("Returns", "政治面貌"),
    QT_TRANSLATE_NOOP("Returns", "学历"),
    QT_TRANSLATE_NOOP("Returns", "公民身份号码"),
    QT_TRANSLATE_NOOP("Returns", "岗位"),
    QT_TRANSLATE_NOOP("Returns", "薪酬等级"),
    QT_TRANSLATE_NOOP("Returns", "档"),
    QT_TRANSLATE_NOOP("Returns", "级"),
    QT_TRANSLATE_NOOP("Returns", "月薪标准（元）"),
    QT_TRANSLATE_NOOP("Returns", "任职时间"),
    QT_TRANSLATE_NOOP("Returns", "任职届数"),
    QT_TRANSLATE_NOOP("Returns", "荣誉"),
    QT_TRANSLATE_NOOP("Returns", "职业发展"),
    QT_TRANSLATE_NOOP("Returns", "职务"),
    QT_TRANSLATE_NOOP("Returns", "任职日期"),
    QT_TRANSLATE_NOOP("Returns", "派驻层级"),
    QT_TRANSLATE_NOOP("Returns", "派出单位"),
    QT_TRANSLATE_NOOP("Returns", "任期"),
    QT_TRANSLATE_NOOP("Returns", "开始"),
    QT_TRANSLATE_NOOP("Returns", "结束"),
    QT_TRANSLATE_NOOP("Returns", "社区书记工作室"),
    QT_TRANSLATE_NOOP("Returns", "导师"),
    QT_TRANSLATE_NOOP("Returns", "帮带对象"),
    QT_TRANSLATE_NOOP("Returns", "帮带期间"),
    QT_TRANSLATE_NOOP("Returns", "批次"),
    QT_TRANSLATE_NOOP("Returns", "下沉期间"),
    QT_TRANSLATE_NOOP("Returns", "计划结束"),
    QT_TRANSLATE_NOOP("Returns", "所在单位党组织"),
    QT_TRANSLATE_NOOP("Returns", "报到日期"),
    QT_TRANSLATE_NOOP("Returns", "参加服务活动"),
    QT_TRANSLATE_NOOP("Returns", "服务时长（小时）"),
    QT_TRANSLATE_NOOP("Returns", "社区编码"),
    QT_TRANSLATE_NOOP("Returns", "常住人口"),
    QT_TRANSLATE_NOOP("Returns", "户数"),
    QT_TRANSLATE_NOOP("Returns", "配备标准"),
    QT_TRANSLATE_NOOP("Returns", "应配备"),
    QT_TRANSLATE_NOOP("Returns", "实有社区工作者"),
    QT_TRANSLATE_NOOP("Returns", "缺口"),
    QT_TRANSLATE_NOOP("Returns", "每万人配备"),
    QT_TRANSLATE_NOOP("Returns", "是否达标"),
)

LABELS = frozenset((*TITLES, *SHEETS, *HEADERS))

# Headers with a period or a number in them: (pattern, source text with {0}).
_PATTERNS = (
    (re.compile(r"^上期（(.+)）$"), QT_TRANSLATE_NOOP("Returns", "上期（{0}）")),
    (re.compile(r"^去年同期（(.+)）$"), QT_TRANSLATE_NOOP("Returns", "去年同期（{0}）")),
    (
        re.compile(r"^按人口应配（每万人(.+)名）$"),
        QT_TRANSLATE_NOOP("Returns", "按人口应配（每万人{0}名）"),
    ),
    (
        re.compile(r"^按户数应配（每(.+)户1名）$"),
        QT_TRANSLATE_NOOP("Returns", "按户数应配（每{0}户1名）"),
    ),
)
_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")


def listed(text: str) -> bool:
    """Whether `return_text` knows `text` (as a label or by one of the patterns)."""
    return text in LABELS or any(pattern.match(text) for pattern, _ in _PATTERNS)


def return_text(text: str) -> str:
    """A return's title, group, sheet name or header line in the language in force."""
    if text in LABELS:
        return QCoreApplication.translate("Returns", text)
    for pattern, source in _PATTERNS:
        match = pattern.match(text)
        if match:
            inner = match[1]
            month = _MONTH.match(inner)
            if month:
                inner = QCoreApplication.translate("Returns", "{y}年{m}月").format(
                    y=month[1], m=month[2]
                )
            return QCoreApplication.translate("Returns", str(source)).format(inner)
    return text


def header_text(header: str) -> str:
    """A preview header: its lines (group, then column) each translated."""
    return "\n".join(return_text(line) for line in header.split("\n"))

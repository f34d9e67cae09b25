"""The roster labels that db/ names in Chinese, listed here so that lupdate puts them in the
.ts files: the people page, the entry dialogs and the import wizard show them through
`QCoreApplication.translate("RosterKinds" | "RosterFields", label)`. A test checks that every
label db/ uses is listed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

ROSTER_KINDS = (
    QT_TRANSLATE_NOOP("RosterKinds", "社区工作者"),
    QT_TRANSLATE_NOOP("RosterKinds", "网格员/网格长"),
    QT_TRANSLATE_NOOP("RosterKinds", "第一书记"),
    QT_TRANSLATE_NOOP("RosterKinds", "导师帮带"),
    QT_TRANSLATE_NOOP("RosterKinds", "下沉干部"),
    QT_TRANSLATE_NOOP("RosterKinds", "党员报到"),
)

ROSTER_FIELDS = (
    QT_TRANSLATE_NOOP("RosterFields", "上岗时间"),
    QT_TRANSLATE_NOOP("RosterFields", "下沉时间"),
    QT_TRANSLATE_NOOP("RosterFields", "下沉社区"),
    QT_TRANSLATE_NOOP("RosterFields", "书记工作室"),
    QT_TRANSLATE_NOOP("RosterFields", "任期开始"),
    QT_TRANSLATE_NOOP("RosterFields", "任期结束"),
    QT_TRANSLATE_NOOP("RosterFields", "任职层级"),
    QT_TRANSLATE_NOOP("RosterFields", "任职届数"),
    QT_TRANSLATE_NOOP("RosterFields", "任职社区"),
    QT_TRANSLATE_NOOP("RosterFields", "参加工作时间"),
    QT_TRANSLATE_NOOP("RosterFields", "姓名"),
    QT_TRANSLATE_NOOP("RosterFields", "学历"),
    QT_TRANSLATE_NOOP("RosterFields", "学员"),
    QT_TRANSLATE_NOOP("RosterFields", "学员姓名"),
    QT_TRANSLATE_NOOP("RosterFields", "学员身份证号"),
    QT_TRANSLATE_NOOP("RosterFields", "导师"),
    QT_TRANSLATE_NOOP("RosterFields", "导师姓名"),
    QT_TRANSLATE_NOOP("RosterFields", "导师身份证号"),
    QT_TRANSLATE_NOOP("RosterFields", "届数"),
    QT_TRANSLATE_NOOP("RosterFields", "帮带开始时间"),
    QT_TRANSLATE_NOOP("RosterFields", "性别"),
    QT_TRANSLATE_NOOP("RosterFields", "所在党组织"),
    QT_TRANSLATE_NOOP("RosterFields", "所在社区"),
    QT_TRANSLATE_NOOP("RosterFields", "批次"),
    QT_TRANSLATE_NOOP("RosterFields", "报到时间"),
    QT_TRANSLATE_NOOP("RosterFields", "报到社区"),
    QT_TRANSLATE_NOOP("RosterFields", "提醒"),
    QT_TRANSLATE_NOOP("RosterFields", "政治面貌"),
    QT_TRANSLATE_NOOP("RosterFields", "月薪（元）"),
    QT_TRANSLATE_NOOP("RosterFields", "服务时长"),
    QT_TRANSLATE_NOOP("RosterFields", "服务时长（小时）"),
    QT_TRANSLATE_NOOP("RosterFields", "服务活动"),
    QT_TRANSLATE_NOOP("RosterFields", "档"),
    QT_TRANSLATE_NOOP("RosterFields", "派出单位"),
    QT_TRANSLATE_NOOP("RosterFields", "状态"),
    QT_TRANSLATE_NOOP("RosterFields", "离岗时间"),
    QT_TRANSLATE_NOOP("RosterFields", "级"),
    QT_TRANSLATE_NOOP("RosterFields", "结束时间"),
    QT_TRANSLATE_NOOP("RosterFields", "网格"),
    QT_TRANSLATE_NOOP("RosterFields", "网格编码"),
    QT_TRANSLATE_NOOP("RosterFields", "职业发展"),
    QT_TRANSLATE_NOOP("RosterFields", "职务"),
    QT_TRANSLATE_NOOP("RosterFields", "联系电话"),
    QT_TRANSLATE_NOOP("RosterFields", "荣誉"),
    QT_TRANSLATE_NOOP("RosterFields", "计划结束时间"),
    QT_TRANSLATE_NOOP("RosterFields", "身份"),
    QT_TRANSLATE_NOOP("RosterFields", "身份证号"),
)

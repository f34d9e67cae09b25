"""The texts of what each figure counts (db.stats.definitions), marked for translation.

db is Qt-free and lupdate reads only desktop/, so the definitions' `counts` sentences are listed
here literally; tests/test_layout_i18n.py checks that the list matches the definitions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

FIGURE_COUNTS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("Figures", "期间内上报的案件数（各来源）。"),
    QT_TRANSLATE_NOOP(
        "Figures", "期间内派遣或改派的案件数，每件只计一次；已撤回派遣（撤销）的不计。"
    ),
    QT_TRANSLATE_NOOP("Figures", "期间内核查通过结案的案件数；不予立案、社区自办、合并不计。"),
    QT_TRANSLATE_NOOP("Figures", "当前在办、所处环节（派遣、处置或核查）已过时限的案件数。"),
    QT_TRANSLATE_NOOP(
        "Figures",
        "按期结案数 ÷ 应结案数。按期：结案且从未超过环节时限；应结案：期间内结案的，加上处置时限在期间内而未结案的（挂账不计）。期间内尚无结案时显示 —。",
    ),
    QT_TRANSLATE_NOOP(
        "Figures", "当前在本部门的案件数（待受理、处置中、挂账）；已退单、待核查的不计。"
    ),
    QT_TRANSLATE_NOOP("Figures", "在本部门、已过预警时间但未到时限的案件数。"),
    QT_TRANSLATE_NOOP(
        "Figures", "在本部门、受理或处置环节已过时限的案件数；已退单、待核查、挂账的不计。"
    ),
    QT_TRANSLATE_NOOP(
        "Figures",
        "本部门本月按期结案率（与统计页、大屏、部门绩效考核表同一口径）：按期结案数 ÷ 应结案数。按期：结案且从未超过环节时限；应结案：期间内结案的，加上处置时限在期间内而未结案的（挂账不计）。期间内尚无结案时显示 —。",
    ),
    QT_TRANSLATE_NOOP(
        "Figures",
        "期间内派给本部门协办（吹哨报到）的案件数；已解除协办的不计。主办案件另计。",
    ),
    QT_TRANSLATE_NOOP(
        "Figures",
        "协办按期反馈数 ÷ 协办应反馈数。按期：在本协办任务的期限内反馈；应反馈：期间内反馈的，加上期限在期间内而期末未反馈的（已解除协办的不计）。期间内无应反馈时显示 —。",
    ),
    QT_TRANSLATE_NOOP(
        "Figures",
        "本部门作为协办部门（吹哨报到）正在办理的案件数（待受理、处置中），不含本部门主办的在办案件；括号内为已过其协办期限的。",
    ),
)

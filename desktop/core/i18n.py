"""Translations: loading the .qm files at start and the English names of domain labels.

The source language is Chinese. db/ keeps its own Chinese labels (it has no Qt); the window
shows them through the functions here so that `--lang en` shows English.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from functools import cache, partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from db.cases.states import (
    ACTION_LABELS,
    CO_EVENT_LABELS,
    ESCALATE_EVENT,
    EVENT_LABELS,
    GROUP_LABELS,
    RECOMPUTE_EVENT,
    SATISFACTION_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    URGE_REPLY_EVENT,
    Action,
    Group,
    Satisfaction,
    Source,
    Status,
)
from db.paths import resources_dir
from db.security.actors import ROLE_LABELS, Role
from desktop.common.db_messages import ACTION, STATUS, use_translation

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def normalise_language(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    low = lang.replace("-", "_").lower()
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


class QtMnemonicFallback(QTranslator):
    """Qt's own texts whose shipped translation predates a mnemonic: Qt 6 asks for
    "&Look in:" and "Files of &type:", qtbase_zh_CN.qm knows only "Look in:" and "Files of
    type:", so the file dialog spoke English. Asked last (installed first), only for Qt's own
    contexts, it looks the text up without its "&" in Qt's translation."""

    def __init__(self, qt: QTranslator, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.qt = qt

    def isEmpty(self) -> bool:
        return False

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None is a null QString: Qt asks the next translator or keeps the source text.
        if "&" not in source_text or not context.startswith("Q"):
            return None
        plain = "&".join(part.replace("&", "") for part in source_text.split("&&"))
        return self.qt.translate(context, plain, disambiguation, n) or None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own and GridDesk's translators for `lang`; returns them (keep references)."""
    lang = normalise_language(lang)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if lang != "en" and qt_translator.load(f"qtbase_{lang}", qt_dir):
        # Installed before the others, so asked only when they have nothing.
        fallback = QtMnemonicFallback(qt_translator, app)
        app.installTranslator(fallback)
        installed.append(fallback)
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    elif lang != "en":
        log.warning("Qt translation qtbase_%s not found in %s", lang, qt_dir)
    ours = QTranslator(app)
    if ours.load(f"griddesk_{lang}", str(i18n_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("GridDesk translation griddesk_%s not found in %s", lang, i18n_dir())
    QLocale.setDefault(QLocale("en_US" if lang == "en" else "zh_CN"))
    use_translation(lang == "en", domain_word_text)
    return installed


def status_text(status: Status | str) -> str:
    return {
        Status.REPORTED: QCoreApplication.translate("Domain", "待立案", "status"),
        Status.REGISTERED: QCoreApplication.translate("Domain", "待派遣", "status"),
        Status.REJECTED: QCoreApplication.translate("Domain", "不予立案", "status"),
        Status.SELF_RESOLVED: QCoreApplication.translate("Domain", "社区自办", "status"),
        Status.DISPATCHED: QCoreApplication.translate("Domain", "待受理", "status"),
        Status.ACCEPTED: QCoreApplication.translate("Domain", "处置中", "status"),
        Status.RETURNED: QCoreApplication.translate("Domain", "已退单", "status"),
        Status.FEEDBACK: QCoreApplication.translate("Domain", "待核查", "status"),
        Status.CLOSED: QCoreApplication.translate("Domain", "已结案", "status"),
        Status.SUSPENDED: QCoreApplication.translate("Domain", "挂账", "status"),
        Status.MERGED: QCoreApplication.translate("Domain", "已合并", "status"),
    }[Status(status)]


def group_text(group: Group | str) -> str:
    return {
        Group.TO_REGISTER: QCoreApplication.translate("Domain", "待立案", "group"),
        Group.TO_DISPATCH: QCoreApplication.translate("Domain", "待派遣", "group"),
        Group.IN_PROGRESS: QCoreApplication.translate("Domain", "处置中", "group"),
        Group.TO_VERIFY: QCoreApplication.translate("Domain", "待核查", "group"),
        Group.DONE: QCoreApplication.translate("Domain", "已结案", "group"),
    }[Group(group)]


def action_text(action: Action | str) -> str:
    if action == RECOMPUTE_EVENT:  # a history event of the system, no action
        return QCoreApplication.translate("Domain", "时限重算", "action")
    co = {  # a co-department's step (协办, db.cases.joint)
        "co-dispatch": QCoreApplication.translate("Domain", "协办派遣", "action"),
        "co-accept": QCoreApplication.translate("Domain", "协办受理", "action"),
        "co-return": QCoreApplication.translate("Domain", "协办退回", "action"),
        "co-feedback": QCoreApplication.translate("Domain", "协办反馈", "action"),
        "co-release": QCoreApplication.translate("Domain", "解除协办", "action"),
    }.get(str(action))
    if co is not None:
        return co
    if action == ESCALATE_EVENT:
        return QCoreApplication.translate("Domain", "提级上报", "action")
    if action == URGE_REPLY_EVENT:
        return QCoreApplication.translate("Domain", "督办回复", "action")
    return {
        Action.REPORT: QCoreApplication.translate("Domain", "上报", "action"),
        Action.REGISTER: QCoreApplication.translate("Domain", "立案", "action"),
        Action.REJECT: QCoreApplication.translate("Domain", "不予立案", "action"),
        Action.SELF_RESOLVE: QCoreApplication.translate("Domain", "社区自办", "action"),
        Action.DISPATCH: QCoreApplication.translate("Domain", "派遣", "action"),
        Action.ACCEPT: QCoreApplication.translate("Domain", "受理", "action"),
        Action.RETURN: QCoreApplication.translate("Domain", "退单", "action"),
        Action.REDISPATCH: QCoreApplication.translate("Domain", "改派", "action"),
        Action.FEEDBACK: QCoreApplication.translate("Domain", "反馈", "action"),
        Action.VERIFY: QCoreApplication.translate("Domain", "核查通过", "action"),
        Action.REWORK: QCoreApplication.translate("Domain", "返工", "action"),
        Action.EXTEND: QCoreApplication.translate("Domain", "延期", "action"),
        Action.SUSPEND: QCoreApplication.translate("Domain", "挂账", "action"),
        Action.RESUME: QCoreApplication.translate("Domain", "解挂", "action"),
        Action.URGE: QCoreApplication.translate("Domain", "督办", "action"),
        Action.CALLBACK: QCoreApplication.translate("Domain", "回访", "action"),
        Action.MERGE: QCoreApplication.translate("Domain", "合并", "action"),
        Action.RECALL: QCoreApplication.translate("Domain", "撤回", "action"),
    }[Action(action)]


def source_text(source: Source | str) -> str:
    return {
        Source.GRID_UPLOAD: QCoreApplication.translate("Domain", "网格上传"),
        Source.PATROL: QCoreApplication.translate("Domain", "巡查发现"),
        Source.HOTLINE: QCoreApplication.translate("Domain", "热线转办"),
        Source.VISIT: QCoreApplication.translate("Domain", "来访"),
        Source.ASSIGNED: QCoreApplication.translate("Domain", "上级交办"),
        Source.CALL: QCoreApplication.translate("Domain", "来电"),
    }[Source(source)]


def satisfaction_text(level: Satisfaction | str) -> str:
    return {
        Satisfaction.SATISFIED: QCoreApplication.translate("Domain", "满意"),
        Satisfaction.BASIC: QCoreApplication.translate("Domain", "基本满意"),
        Satisfaction.DISSATISFIED: QCoreApplication.translate("Domain", "不满意"),
        Satisfaction.UNREACHABLE: QCoreApplication.translate("Domain", "未联系上"),
    }[Satisfaction(level)]


def role_text(role: Role | str) -> str:
    return {
        Role.DISPATCHER: QCoreApplication.translate("Domain", "调度员"),
        Role.SECRETARY: QCoreApplication.translate("Domain", "文书"),
        Role.SHIFT_LEAD: QCoreApplication.translate("Domain", "值班长"),
        Role.LEADER: QCoreApplication.translate("Domain", "领导"),
        Role.ADMIN: QCoreApplication.translate("Domain", "管理员"),
        Role.DEPARTMENT_HANDLER: QCoreApplication.translate("Domain", "部门经办"),
        Role.DEPARTMENT_HEAD: QCoreApplication.translate("Domain", "部门负责人"),
        Role.SYSTEM: QCoreApplication.translate("Domain", "系统"),
    }[Role(role)]


# Values that db/ gives the window as Chinese words (rosters, staffing). db keeps storing and
# returning them in Chinese; the window shows them through `value_text`.
VALUE_WORDS = frozenset(
    (
        QT_TRANSLATE_NOOP("DomainValues", "男"),
        QT_TRANSLATE_NOOP("DomainValues", "女"),
        QT_TRANSLATE_NOOP("DomainValues", "中共党员"),
        QT_TRANSLATE_NOOP("DomainValues", "群众"),
        QT_TRANSLATE_NOOP("DomainValues", "在岗"),
        QT_TRANSLATE_NOOP("DomainValues", "离岗"),
        QT_TRANSLATE_NOOP("DomainValues", "在任"),
        QT_TRANSLATE_NOOP("DomainValues", "离任"),
        QT_TRANSLATE_NOOP("DomainValues", "帮带中"),
        QT_TRANSLATE_NOOP("DomainValues", "已结业"),
        QT_TRANSLATE_NOOP("DomainValues", "已结束"),
        QT_TRANSLATE_NOOP("DomainValues", "已报到"),
        QT_TRANSLATE_NOOP("DomainValues", "已转出"),
        QT_TRANSLATE_NOOP("DomainValues", "网格长"),
        QT_TRANSLATE_NOOP("DomainValues", "网格员"),
        QT_TRANSLATE_NOOP("DomainValues", "街道"),
        QT_TRANSLATE_NOOP("DomainValues", "社区"),
        QT_TRANSLATE_NOOP("DomainValues", "未设置"),
        QT_TRANSLATE_NOOP("DomainValues", "达标"),
        QT_TRANSLATE_NOOP("DomainValues", "是"),
        QT_TRANSLATE_NOOP("DomainValues", "否"),
        QT_TRANSLATE_NOOP("DomainValues", "合计"),
    )
)
# Values with a number in them: (pattern db writes, source text with {n}).
_VALUE_PATTERNS = (
    (
        re.compile(r"^任期将满（剩 (\d+) 天）$"),
        QT_TRANSLATE_NOOP("DomainValues", "任期将满（剩 {n} 天）"),
    ),
    (re.compile(r"^任期已满 (\d+) 天$"), QT_TRANSLATE_NOOP("DomainValues", "任期已满 {n} 天")),
    (re.compile(r"^缺 (\d+) 人$"), QT_TRANSLATE_NOOP("DomainValues", "缺 {n} 人")),
)


def value_text(value: str) -> str:
    """A value db/ wrote in Chinese (男, 群众, 在岗, 任期将满（剩 3 天）…) in the language in
    force; anything else (names, addresses, free text) unchanged."""
    if value in VALUE_WORDS:
        return QCoreApplication.translate("DomainValues", value)
    if value and ("任期" in value or value.startswith("缺 ")):
        for pattern, source in _VALUE_PATTERNS:
            match = pattern.match(value)
            if match:
                text = QCoreApplication.translate("DomainValues", str(source))
                return text.format(n=match[1])
    if "、" in value:  # a list of words, e.g. 网格长、网格员
        parts = value.split("、")
        if all(part in VALUE_WORDS for part in parts):
            sep = QCoreApplication.translate("DomainValues", "、", "list separator")
            return sep.join(QCoreApplication.translate("DomainValues", p) for p in parts)
    return value


# db.holidays.calendar_years.calendar_warning's sentences: (pattern, source text).
_CALENDAR_WARNINGS = (
    (
        re.compile(r"^(\d{4}) 年的节假日尚未录入，工作时限只按周末休息计算$"),
        QT_TRANSLATE_NOOP("DomainValues", "{0} 年的节假日尚未录入，工作时限只按周末休息计算"),
    ),
    (
        re.compile(r"^(\d{4}) 年的节假日安排仍为暂定（调休上班日可能缺失），工作时限可能不准$"),
        QT_TRANSLATE_NOOP(
            "DomainValues", "{0} 年的节假日安排仍为暂定（调休上班日可能缺失），工作时限可能不准"
        ),
    ),
    (
        re.compile(r"^(\d{4}) 年的节假日尚未录入（(\d+) 天后开始）$"),
        QT_TRANSLATE_NOOP("DomainValues", "{0} 年的节假日尚未录入（{1} 天后开始）"),
    ),
    (
        re.compile(r"^(\d{4}) 年的节假日安排仍为暂定（调休上班日可能缺失，(\d+) 天后开始）$"),
        QT_TRANSLATE_NOOP(
            "DomainValues", "{0} 年的节假日安排仍为暂定（调休上班日可能缺失，{1} 天后开始）"
        ),
    ),
    (
        re.compile(
            r"^请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排$"
        ),
        QT_TRANSLATE_NOOP(
            "DomainValues",
            "请在「设置 → 节假日日历」或用 griddesk-admin calendar import 录入国务院公布的安排",
        ),
    ),
)


def calendar_warning_text(warning: str) -> str:
    """The holiday-calendar warning db/ writes in Chinese, sentence by sentence (split at ；),
    in the language in force; a sentence not known here stays as it is."""
    out = []
    for sentence in warning.split("；"):
        for pattern, source in _CALENDAR_WARNINGS:
            match = pattern.match(sentence)
            if match:
                text = QCoreApplication.translate("DomainValues", str(source))
                sentence = text.format(*match.groups())
                break
        out.append(sentence)
    return QCoreApplication.translate("DomainValues", "；", "sentence separator").join(out)


@cache
def _domain_words() -> dict[str | None, dict[str, Callable[[], str]]]:
    """The Chinese domain words db/ writes into its messages, each with its translation, for a
    value said to be a status, an action, or either (挂账 is both: an action wins there)."""
    statuses: tuple[tuple[Mapping[Any, str], Callable[[Any], str]], ...] = (
        (STATUS_LABELS, status_text),
        (GROUP_LABELS, group_text),
    )
    actions: tuple[tuple[Mapping[Any, str], Callable[[Any], str]], ...] = (
        (ACTION_LABELS, action_text),
        ({**EVENT_LABELS, **CO_EVENT_LABELS}, action_text),
    )
    others: tuple[tuple[Mapping[Any, str], Callable[[Any], str]], ...] = (
        (SOURCE_LABELS, source_text),
        (SATISFACTION_LABELS, satisfaction_text),
        (ROLE_LABELS, role_text),
    )
    orders = {
        STATUS: statuses + actions + others,
        ACTION: actions + statuses + others,
        None: actions + statuses + others,
    }
    found: dict[str | None, dict[str, Callable[[], str]]] = {}
    for kind, order in orders.items():
        words: dict[str, Callable[[], str]] = {}
        for labels, text in order:
            for key, label in labels.items():
                words.setdefault(label, partial(text, key))
        for word in VALUE_WORDS:
            words.setdefault(str(word), partial(value_text, str(word)))
        found[kind] = words
    return found


def domain_word_text(word: str, kind: str | None = None) -> str | None:
    """A domain word db/ wrote in Chinese (a status, an action, a role, 男, a roster's field…)
    in the language in force, None for anything else; `kind`: STATUS or ACTION when the
    message says which (挂账: Suspended or Suspend)."""
    text = _domain_words()[kind].get(word)
    if text is not None:
        return text()
    for context in _LABEL_CONTEXTS:  # a roster's field or kind (desktop/people/roster_labels.py)
        label = QCoreApplication.translate(context, word)
        if label != word:
            return label
    return None


_LABEL_CONTEXTS = ("RosterFields", "RosterKinds")

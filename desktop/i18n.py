"""Translations: loading the .qm files at start and the English names of domain labels.

The source language is Chinese. db/ keeps its own Chinese labels (it has no Qt); the window
shows them through the functions here so that `--lang en` shows English.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from db.actors import Role
from db.case_states import Action, Group, Satisfaction, Source, Status
from db.paths import resources_dir

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


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own and GridDesk's translators for `lang`; returns them (keep references)."""
    lang = normalise_language(lang)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{lang}", qt_dir):
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
    return installed


def _t(text: str) -> str:
    return QCoreApplication.translate("Domain", text)


def status_text(status: Status | str) -> str:
    return {
        Status.REPORTED: _t("待立案"),
        Status.REGISTERED: _t("待派遣"),
        Status.REJECTED: _t("不予立案"),
        Status.SELF_RESOLVED: _t("社区自办"),
        Status.DISPATCHED: _t("待受理"),
        Status.ACCEPTED: _t("处置中"),
        Status.RETURNED: _t("已退单"),
        Status.FEEDBACK: _t("待核查"),
        Status.CLOSED: _t("已结案"),
        Status.SUSPENDED: _t("挂账"),
        Status.MERGED: _t("已合并"),
    }[Status(status)]


def group_text(group: Group | str) -> str:
    return {
        Group.TO_REGISTER: _t("待立案"),
        Group.TO_DISPATCH: _t("待派遣"),
        Group.IN_PROGRESS: _t("处置中"),
        Group.TO_VERIFY: _t("待核查"),
        Group.DONE: _t("已结案"),
    }[Group(group)]


def action_text(action: Action | str) -> str:
    return {
        Action.REPORT: _t("上报"),
        Action.REGISTER: _t("立案"),
        Action.REJECT: _t("不予立案"),
        Action.SELF_RESOLVE: _t("社区自办"),
        Action.DISPATCH: _t("派遣"),
        Action.ACCEPT: _t("受理"),
        Action.RETURN: _t("退单"),
        Action.REDISPATCH: _t("改派"),
        Action.FEEDBACK: _t("反馈"),
        Action.VERIFY: _t("核查通过"),
        Action.REWORK: _t("返工"),
        Action.EXTEND: _t("延期"),
        Action.SUSPEND: _t("挂账"),
        Action.RESUME: _t("解挂"),
        Action.URGE: _t("督办"),
        Action.CALLBACK: _t("回访"),
        Action.MERGE: _t("合并"),
        Action.RECALL: _t("撤回"),
    }[Action(action)]


def source_text(source: Source | str) -> str:
    return {
        Source.GRID_UPLOAD: _t("网格上传"),
        Source.PATROL: _t("巡查发现"),
        Source.HOTLINE: _t("热线转办"),
        Source.VISIT: _t("来访来电"),
        Source.ASSIGNED: _t("上级交办"),
    }[Source(source)]


def satisfaction_text(level: Satisfaction | str) -> str:
    return {
        Satisfaction.SATISFIED: _t("满意"),
        Satisfaction.BASIC: _t("基本满意"),
        Satisfaction.DISSATISFIED: _t("不满意"),
        Satisfaction.UNREACHABLE: _t("未联系上"),
    }[Satisfaction(level)]


def role_text(role: Role | str) -> str:
    return {
        Role.DISPATCHER: _t("调度员"),
        Role.SECRETARY: _t("文书"),
        Role.SHIFT_LEAD: _t("值班长"),
        Role.LEADER: _t("领导"),
        Role.ADMIN: _t("管理员"),
        Role.SYSTEM: _t("系统"),
    }[Role(role)]

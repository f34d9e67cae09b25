"""The one table of desk actions (调度台操作): id, label, shortcut, permission and, for case
actions, the workflow action whose valid states come from `db.cases.states.ALLOWED_FROM`.

The queue's context menu, the desk's keyboard shortcuts and the F1 sheet (shortcut_sheet.py) are
all built from `DESK_ACTIONS`, so a shortcut shown in a menu is the one that works and the one
the sheet lists. Nothing here knows the state machine: which states an action is valid in and
whether a role may take it are asked of `db`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from db.cases.states import ALLOWED_FROM, Action, Status
from db.security.actors import Actor, case_permission
from desktop.core.i18n import action_text, status_text

CONTEXT = "DeskActions"
NATIVE = QKeySequence.SequenceFormat.NativeText


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    """Marks `text` for translation in `context`; translated where it is shown."""
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Section(StrEnum):
    CASE = "case"  # acts on the selected cases
    QUEUE = "queue"  # finds and moves in the queue
    DESK = "desk"  # undo, help


@dataclass(frozen=True)
class DeskAction:
    id: str
    section: Section
    shortcuts: tuple[str, ...]  # portable QKeySequence text; the first is shown in menus
    label_source: str = ""  # zh source text (context DeskActions); case actions use the domain
    case_action: Action | None = None
    permission: str | None = None  # None: everyone; case actions: case.<action>
    batch: bool = False  # may act on several selected cases at once
    bound: bool = True  # False: the key is the widget's own (Enter in the table), not a shortcut

    @property
    def label(self) -> str:
        if self.case_action is not None:
            return action_text(self.case_action) + ("…" if self.id == "dispatch" else "")
        return _tr(self.label_source)

    @property
    def needed_permission(self) -> str | None:
        if self.case_action is not None:
            return case_permission(self.case_action.value)
        return self.permission

    def allowed_for(self, actor: Actor) -> bool:
        needed = self.needed_permission
        return needed is None or actor.can(needed)

    @property
    def valid_states(self) -> frozenset[Status]:
        """The case states the action is valid in (from the workflow's table in `db`)."""
        if self.case_action is None:
            return frozenset()
        return ALLOWED_FROM.get(self.case_action, frozenset())

    def valid_for(self, statuses: Iterable[str]) -> bool:
        states = [Status(s) for s in statuses]
        return bool(states) and all(s in self.valid_states for s in states)

    def key_text(self, fmt: QKeySequence.SequenceFormat) -> str:
        return "，".join(QKeySequence(k).toString(fmt) for k in self.shortcuts)


def _case(action: Action, *keys: str, batch: bool = False, id: str | None = None) -> DeskAction:
    return DeskAction(id or action.value, Section.CASE, keys, case_action=action, batch=batch)


def _nav(
    id: str, label: str, *keys: str, section: Section = Section.QUEUE, bound: bool = True
) -> DeskAction:
    return DeskAction(id, section, keys, label_source=label, bound=bound)


# Case actions in the order the menu shows them; then moving in the queue; then the desk.
# Ctrl+1…Ctrl+5 choose the window's pages (main_window.py), so the queue tabs are on Alt+1….
DESK_ACTIONS: tuple[DeskAction, ...] = (
    _case(Action.DISPATCH, "Ctrl+D", "F2", batch=True),
    _case(Action.REGISTER, "Ctrl+R", batch=True),
    _case(Action.URGE, "Ctrl+U", batch=True),
    _case(Action.REJECT, "Ctrl+Shift+R"),
    _case(Action.SELF_RESOLVE, "Ctrl+J"),
    _case(Action.MERGE, "Ctrl+M"),
    _case(Action.REDISPATCH, "Ctrl+Shift+D"),
    _case(Action.RECALL, "Ctrl+Alt+Z"),
    _case(Action.ACCEPT, "Ctrl+Shift+A"),
    _case(Action.RETURN, "Ctrl+Shift+T"),
    _case(Action.FEEDBACK, "Ctrl+Shift+F"),
    _case(Action.VERIFY, "Ctrl+K"),
    _case(Action.REWORK, "Ctrl+Shift+K"),
    _case(Action.EXTEND, "Ctrl+E"),
    _case(Action.SUSPEND, "Ctrl+H"),
    _case(Action.RESUME, "Ctrl+Shift+H"),
    _case(Action.CALLBACK, "Ctrl+B"),
    _nav("open", QT_TRANSLATE_NOOP("DeskActions", "打开案件"), "Return", bound=False),
    _nav("search", QT_TRANSLATE_NOOP("DeskActions", "搜索"), "Ctrl+F"),
    _nav("goto", QT_TRANSLATE_NOOP("DeskActions", "转到案件编号…"), "Ctrl+G"),
    _nav("next_tab", QT_TRANSLATE_NOOP("DeskActions", "下一个状态页"), "Ctrl+PgDown"),
    _nav("previous_tab", QT_TRANSLATE_NOOP("DeskActions", "上一个状态页"), "Ctrl+PgUp"),
    *(
        _nav(f"tab_{i}", QT_TRANSLATE_NOOP("DeskActions", "第 %1 个状态页"), f"Alt+{i}")
        for i in range(1, 8)  # the seven queue tabs (db.cases.queue.QUEUE_TABS)
    ),
    DeskAction(
        "call",
        Section.DESK,
        ("Ctrl+N",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "来电登记…"),
        permission="case.report",
    ),
    DeskAction(
        "note",
        Section.DESK,
        ("Ctrl+Shift+N",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "写内部备注"),
        permission="case.note",
    ),
    DeskAction(
        "print",
        Section.DESK,
        ("Ctrl+P",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "打印单据…"),
        permission="case.read",
    ),
    DeskAction(
        "escalate",
        Section.DESK,
        ("Ctrl+Alt+E",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "上报区级平台或联席会议…"),
        permission="case.urge",
    ),
    DeskAction(
        "meeting",
        Section.DESK,
        ("Ctrl+Alt+M",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "联席会议…"),
        permission="case.redispatch",
    ),
    DeskAction(
        "duplicates",
        Section.DESK,
        ("Ctrl+Shift+M",),
        label_source=QT_TRANSLATE_NOOP("DeskActions", "查重比较…"),
    ),
    _nav("undo", QT_TRANSLATE_NOOP("DeskActions", "撤回上一步"), "Ctrl+Z", section=Section.DESK),
    _nav(
        "redo",
        QT_TRANSLATE_NOOP("DeskActions", "重做"),
        "Ctrl+Y",
        "Ctrl+Shift+Z",
        section=Section.DESK,
    ),
    _nav("shortcuts", QT_TRANSLATE_NOOP("DeskActions", "快捷键一览"), "F1", section=Section.DESK),
)

BY_ID: dict[str, DeskAction] = {a.id: a for a in DESK_ACTIONS}
CASE_ACTIONS: tuple[DeskAction, ...] = tuple(a for a in DESK_ACTIONS if a.section is Section.CASE)


def desk_action(id: str) -> DeskAction:
    return BY_ID[id]


def label_of(action: DeskAction) -> str:
    """The label with its placeholders filled (第 %1 个状态页 → 第 2 个状态页)."""
    if action.id.startswith("tab_"):
        return action.label.replace("%1", action.id.removeprefix("tab_"))
    return action.label


def states_text(action: DeskAction) -> str:
    """The states an action is valid in, as the sheet writes them: 待派遣、已退单."""
    order = list(Status)
    return "、".join(status_text(s) for s in sorted(action.valid_states, key=order.index))


def menu_actions(actor: Actor, statuses: list[str]) -> list[DeskAction]:
    """The case actions the context menu offers for cases in `statuses` (one per selected
    case): valid in every one's state, allowed for the actor's role, and, for several cases,
    only those that act on several at once."""
    several = len(statuses) > 1
    return [
        a
        for a in CASE_ACTIONS
        if a.allowed_for(actor) and a.valid_for(statuses) and (a.batch or not several)
    ]


def build_qactions(
    owner: QWidget, handlers: Mapping[str, Callable[[], object]]
) -> dict[str, QAction]:
    """One QAction per table entry that has a handler, with its shortcuts, added to `owner`
    (active while the focus is inside it) — the same objects the menus show."""
    made: dict[str, QAction] = {}
    for entry in DESK_ACTIONS:
        handler = handlers.get(entry.id)
        if handler is None:
            continue
        action = QAction(label_of(entry), owner)
        action.setObjectName(f"deskAction_{entry.id}")
        if entry.bound:
            action.setShortcuts([QKeySequence(k) for k in entry.shortcuts])
        else:  # shown in menus only; the widget handles the key itself
            action.setText(label_of(entry) + "\t" + entry.key_text(NATIVE))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda *_a, h=handler: h())
        owner.addAction(action)
        made[entry.id] = action
    return made

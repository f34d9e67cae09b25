"""The keyboard way to dispatch: a small type-to-filter list of departments (派遣到…).

Typing filters by the department's name, its pinyin initials or its full pinyin ("rq" and
"ranqi" both find 燃气公司); ↑/↓ move in the list without leaving the search box; Enter
dispatches to the highlighted department; Tab goes to the optional 派遣意见 (dispatch note),
and Ctrl+Enter dispatches with it. Each row shows the department's current load (在办/超期) and
this month's on-time rate, the same figures as its card on the department board, fetched on the
database worker once the picker is open.

Several departments can be chosen for a joint dispatch (吹哨报到): tick them (a click on the
box, or Shift+Enter on the highlighted one); the first ticked is the lead (主办), the others are
co-departments (协办). `picked_joint` carries the lead and the co-departments.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from db.cases.workflow import note_problem
from db.clock import utcnow
from db.engine import Database
from db.reference import pinyin
from db.reference.choices import Choice
from db.stats.department_load import DepartmentLoad, department_board
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext

_ID_ROLE = int(Qt.ItemDataRole.UserRole)
_NAME_ROLE = _ID_ROLE + 1
_LOAD_ROLE = _ID_ROLE + 2  # "在办 3 · 超期 1 · 按期 84.2%"
_LATE_ROLE = _ID_ROLE + 3  # the department has overdue cases
_KEYS_ROLE = _ID_ROLE + 4  # (pinyin initials, full pinyin), lower case


def pinyin_keys(name: str) -> tuple[str, str]:
    """("rqgs", "ranqigongsi") for 燃气公司: what a typed latin search is matched against."""
    return "".join(pinyin.first_letters(name)).lower(), "".join(pinyin.syllables(name)).lower()


_prepared = False


def prepare_pinyin() -> None:
    """Load the pinyin table on a background thread, so the first Ctrl+D does not wait."""
    global _prepared
    if not _prepared:
        _prepared = True
        threading.Thread(
            target=pinyin_keys, args=("部门",), name="griddesk-pinyin", daemon=True
        ).start()


def match_rank(needle: str, name: str, keys: tuple[str, str]) -> int | None:
    """How well `needle` names the department: 0 a prefix (of the name, its initials or its
    full pinyin), 1 found inside one of them, None not at all."""
    needle = needle.strip().lower()
    if not needle:
        return 0
    haystacks = (name.lower(), *keys)
    if any(h.startswith(needle) for h in haystacks):
        return 0
    if any(needle in h for h in haystacks):
        return 1
    return None


class _LoadDelegate(QStyledItemDelegate):
    """The name as usual, the load right-aligned in the row (red when something is overdue)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        load = index.data(_LOAD_ROLE)
        if not load:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            colour = option.palette.highlightedText().color()
        else:
            colour = QColor(palette.ERROR if index.data(_LATE_ROLE) else palette.MUTED)
        painter.setPen(colour)
        rect = option.rect.adjusted(0, 0, -8, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, load)
        painter.restore()


class DepartmentPicker(QDialog):
    """Type to narrow the list, arrows to move, Enter to dispatch; `picked(id, name, note)`."""

    picked = Signal(int, str, str)  # department id, name, 派遣意见 ("" when none)
    picked_joint = Signal(int, str, str, list)  # the same and the co-departments' names (协办)
    loads_shown = Signal()

    def __init__(
        self,
        departments: Sequence[tuple[int, str]],
        *,
        suggested: frozenset[int] = frozenset(),
        what: str = "",
        parent: QWidget | None = None,
        ctx: AppContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("派遣到…"))
        layout = QVBoxLayout(self)
        if what:
            label = QLabel(what, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("pickerDeadline")
        self.deadline.setStyleSheet(palette.text_style(palette.INFO))
        self.deadline.setVisible(False)
        layout.addWidget(self.deadline)
        # The suggested department (who closed such cases on time), once the worker has it.
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("pickerSuggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setVisible(False)
        layout.addWidget(self.suggestion)
        self._suggested: Choice | None = None
        self._loads: dict[int, DepartmentLoad] = {}
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("输入部门名称或拼音首字母筛选，如 rq"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setItemDelegate(_LoadDelegate(self.list))
        # Out of the Tab chain: ↑/↓ in the search box move here, Tab goes to the note.
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.list)
        self.joint = QLabel(self)
        self.joint.setObjectName("pickerJoint")
        self.joint.setWordWrap(True)
        layout.addWidget(self.joint)
        layout.addWidget(QLabel(self.tr("派遣意见（可选，Tab 进入，Ctrl+Enter 派遣）"), self))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("dispatchNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("告诉承办部门需要注意或要做的事"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        layout.addWidget(self.note)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(palette.ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("派遣"))
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setTabOrder(self.search, self.note)
        self.setTabOrder(self.note, ok)
        # The category's default department(s) first, marked.
        ordered = sorted(departments, key=lambda d: (d[0] not in suggested,))
        for dept_id, name in ordered:
            text = name + (self.tr("（默认部门）") if dept_id in suggested else "")
            item = QListWidgetItem(text, self.list)
            item.setData(_ID_ROLE, dept_id)
            item.setData(_NAME_ROLE, name)
            item.setData(_KEYS_ROLE, pinyin_keys(name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._ticked: list[int] = []  # department ids in the order they were ticked
        self._show_joint()
        self.list.itemChanged.connect(self._tick_changed)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.note.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self._filter("")
        self.resize(420, 480)
        if ctx is not None:
            settings = ctx.settings

            def job(db: Database) -> list[DepartmentLoad]:
                with db.read() as s:
                    return department_board(s, utcnow(), settings)

            # Dropped with the picker if it closes first.
            ctx.tasks.submit(job, self.set_loads, lambda _e: None, owner=self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.search, self.note):
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if (  # Shift+Enter ticks the highlighted department (协办)
                watched is self.search
                and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and mods & Qt.KeyboardModifier.ShiftModifier
            ):
                self.toggle_current()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                mods & Qt.KeyboardModifier.ControlModifier or watched is self.search
            ):
                self.accept()  # Ctrl+Enter anywhere, Enter in the search box
                return True
            # Up/down in the search box move in the list, so typing and choosing need no mouse.
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def toggle_current(self) -> None:
        """Tick or untick the highlighted department (Shift+Enter in the search box)."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def _tick_changed(self, item: QListWidgetItem) -> None:
        dept_id = int(item.data(_ID_ROLE))
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked and dept_id not in self._ticked:
            self._ticked.append(dept_id)
        elif not ticked and dept_id in self._ticked:
            self._ticked.remove(dept_id)
        self._show_joint()

    def _name_of(self, dept_id: int) -> str:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if int(item.data(_ID_ROLE)) == dept_id:
                return str(item.data(_NAME_ROLE))
        return ""

    def _show_joint(self) -> None:
        if not self._ticked:
            self.joint.setText(
                self.tr("勾选多个部门即联合派遣：先勾选的为主办，其余为协办（Shift+Enter 勾选）")
            )
            return
        lead, *co = (self._name_of(d) for d in self._ticked)
        text = self.tr("主办：%1").replace("%1", lead)
        if co:
            text += self.tr("；协办：%1").replace("%1", "、".join(co))
        self.joint.setText(text)

    def joint_choice(self) -> tuple[tuple[int, str], list[str]] | None:
        """The lead (id, name) and the co-departments' names: the ticked departments (the
        first ticked leads), or the highlighted one alone when none is ticked."""
        if self._ticked:
            lead = self._ticked[0]
            return (lead, self._name_of(lead)), [self._name_of(d) for d in self._ticked[1:]]
        chosen = self.choice()
        return None if chosen is None else (chosen, [])

    def _visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _move(self, step: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def _filter(self, text: str) -> None:
        best: tuple[int, int] | None = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            rank = match_rank(text, str(item.data(_NAME_ROLE)), item.data(_KEYS_ROLE))
            item.setHidden(rank is None)
            if rank is not None and (best is None or (rank, i) < best):
                best = (rank, i)
        if not text.strip():
            rows = self._visible_rows()
            if rows and self.list.currentRow() not in rows:
                self.list.setCurrentRow(rows[0])
        elif best is not None:
            self.list.setCurrentRow(best[1])  # a prefix match beats one found inside a name

    def set_deadline(self, text: str | None) -> None:
        """The deadline the cases will get (处置时限 …), once the worker has computed it."""
        self.deadline.setText(text or "")
        self.deadline.setVisible(bool(text))

    def set_suggestion(self, choice: Choice | None) -> None:
        """The suggested department (db.intake.classify): first in the list, chosen while the
        dispatcher has not typed or moved, and named above the list with why and its load."""
        if choice is None or choice.id is None:
            return
        row = next(
            (i for i in range(self.list.count()) if self.list.item(i).data(_ID_ROLE) == choice.id),
            None,
        )
        if row is None:  # not a department this desk can dispatch to
            return
        self._suggested = choice
        untouched = not self.search.text() and self.list.currentRow() in (0, -1)
        item = self.list.takeItem(row)
        item.setText(item.text() + self.tr("（建议）"))
        self.list.insertItem(0, item)
        if untouched:
            self.list.setCurrentRow(0)
        self._filter(self.search.text())
        self._show_suggestion()

    def _show_suggestion(self) -> None:
        choice = self._suggested
        if choice is None or choice.id is None:
            return
        load = self._loads.get(choice.id)
        text = self.tr("建议派遣：%1（%2）").replace("%1", choice.name).replace("%2", choice.why)
        if load is not None:
            text += (
                self.tr("；当前在办 %1 件，超期 %2 件")
                .replace("%1", str(load.open))
                .replace("%2", str(load.overdue))
            )
        self.suggestion.setText(text)
        self.suggestion.setVisible(True)

    def suggestion_text(self) -> str:
        return self.suggestion.text() if self.suggestion.isVisible() else ""

    def set_loads(self, loads: Sequence[DepartmentLoad]) -> None:
        """Each department's 在办/超期 and on-time rate (— when nothing closed this month)."""
        by_id = {load.id: load for load in loads}
        self._loads = by_id
        self._show_suggestion()
        for i in range(self.list.count()):
            item = self.list.item(i)
            load = by_id.get(int(item.data(_ID_ROLE)))
            if load is None:
                continue
            rate = load.on_time_rate
            text = (
                self.tr("在办 %1 · 超期 %2 · 按期 %3")
                .replace("%1", str(load.open))
                .replace("%2", str(load.overdue))
                .replace("%3", f"{rate * 100:.1f}%" if rate is not None else "—")
            )
            item.setData(_LOAD_ROLE, text)
            item.setData(_LATE_ROLE, load.overdue > 0)
            item.setToolTip(
                self.tr("本月结案 %1 件，按期 %2 件")
                .replace("%1", str(load.closed_month))
                .replace("%2", str(load.on_time_month))
            )
        self.loads_shown.emit()

    def load_text(self, name: str) -> str:
        """The load shown beside department `name` ("" until loaded)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(_NAME_ROLE) == name:
                return str(item.data(_LOAD_ROLE) or "")
        return ""

    def choice(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(_ID_ROLE)), str(item.data(_NAME_ROLE))

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def accept(self) -> None:
        joint = self.joint_choice()
        if joint is None:
            return
        chosen, co = joint
        note = self.note_text()
        problem = note_problem(note, self.tr("派遣意见"))
        if problem is not None:
            self.problem.setText(db_message_text(problem))
            self.problem.setVisible(True)
            self.note.setFocus()
            return
        super().accept()
        self.picked.emit(*chosen, note)
        self.picked_joint.emit(*chosen, note, co)

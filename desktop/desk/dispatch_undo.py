"""Dispatching cases from the desk (派遣) and taking a dispatch back with Ctrl+Z (撤回派遣).

`Dispatcher.dispatch` sends one or many cases to a department through the workflow service on
the database worker, each case a compare-and-set on the version it had when it was dragged: a
case another workstation changed first fails alone and the message names it; the others stay
dispatched. Every successful dispatch replaces what `ctx.undo_stack` held with one
`DispatchCommand`; undoing it recalls the cases (dispatched → 待派遣) as long as the department
has not accepted them.

Undo takes back the user's *last* action or nothing (`Dispatcher.undo_last`): any other action
from the desk empties the stack (`forget`), and before undoing, the audit log is asked whether the
user's newest case action anywhere (another window, the command line) is still this dispatch. A
dispatch older than `ASK_AFTER` is only taken back after the user confirms. Register, 督办 and the
other actions cannot be undone (the workflow has no inverse for them): after them Ctrl+Z says
there is nothing to take back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from db.cases import queue as q
from db.cases.joint import add_co_department
from db.cases.last_action import LastAction, last_case_action
from db.cases.states import Action
from db.cases.workflow import BatchOutcome, Request, TransitionResult, apply_many
from db.cases.workflow import dispatch as dispatch_cases
from db.clock import utcnow
from db.engine import Database
from db.reference.settings_store import CenterSettings
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.core.i18n import action_text
from desktop.desk.case_mime import DraggedCase

# An undo of a dispatch older than this asks first.
ASK_AFTER = timedelta(minutes=5)


def deadline_text(preview: q.DispatchPreview | None, tz: tzinfo) -> str | None:
    """ "处置时限 11-27 15:30" (or a range) for cases about to be dispatched; None if unknown."""
    if preview is None or preview.earliest is None:
        return None
    if not preview.dispatchable:
        return QCoreApplication.translate("DispatchBoard", "所选案件当前不能派遣")
    assert preview.latest is not None

    def local(moment: datetime) -> str:
        return moment.astimezone(tz).strftime("%m-%d %H:%M")

    first, last = local(preview.earliest), local(preview.latest)
    span = first if first == last else f"{first}～{last}"
    return QCoreApplication.translate("DispatchBoard", "处置时限 %1").replace("%1", span)


def load_preview(
    db: Database, case_ids: list[int], department_id: int, settings: CenterSettings
) -> q.DispatchPreview:
    """The deadlines the cases would get (they depend on the category, not the department)."""
    with db.read() as s:
        return q.dispatch_preview(s, case_ids, department_id, utcnow(), settings)


@dataclass
class _Entry:
    id: int
    number: str
    version: int  # the version the case has after our last write


def cases_text(numbers: Sequence[str]) -> str:
    """ "2026120400013", or "2026120400013 等 3 件" for several."""
    if len(numbers) == 1:
        return numbers[0]
    return (
        QCoreApplication.translate("Dispatcher", "%1 等 %2 件")
        .replace("%1", numbers[0])
        .replace("%2", str(len(numbers)))
    )


class DispatchCommand(QUndoCommand):
    """One dispatch of one or several cases to one department, undoable while not accepted."""

    def __init__(
        self, dispatcher: Dispatcher, entries: list[_Entry], department: str, note: str = ""
    ) -> None:
        super().__init__(
            QCoreApplication.translate("Dispatcher", "派遣 %1 到 %2")
            .replace("%1", cases_text([e.number for e in entries]))
            .replace("%2", department)
        )
        self.dispatcher = dispatcher
        self.entries = entries
        self.department = department
        self.note = note  # the 派遣意见, sent again on redo
        self.done_at = utcnow()
        self._applied = True  # pushed after the dispatch was committed

    @property
    def numbers(self) -> list[str]:
        return [e.number for e in self.entries]

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
        self.done_at = utcnow()
        if self.entries:
            self.dispatcher.run(self, Action.DISPATCH)

    def undo(self) -> None:
        self._applied = False
        if self.entries:
            self.dispatcher.run(self, Action.RECALL)


class Dispatcher(QObject):
    """Runs dispatches and their undo/redo on the worker; results on the GUI thread."""

    dispatched = Signal(object)  # BatchOutcome of a dispatch from the desk
    undone = Signal(object)  # BatchOutcome of a recall (Ctrl+Z)
    finished = Signal()  # any dispatch, undo or redo has been answered
    toast = Signal(str)  # a line the desk shows over the page (undo done or refused)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last_message = ""
        self._box: QMessageBox | None = None

    def dispatch(
        self,
        cases: Sequence[DraggedCase],
        department_id: int,
        department: str,
        note: str = "",
        co: Sequence[str] = (),
    ) -> None:
        """Dispatch `cases` (as dragged, with their versions) to `department`, with an
        optional 派遣意见 `note` for the history and co-departments `co` (协办)."""
        if not cases:
            return
        numbers = [c.number for c in cases]
        versions = {c.number: c.version for c in cases}
        ids = {c.number: c.id for c in cases}
        actor = self.ctx.actor

        def job(db: Database) -> BatchOutcome:
            return dispatch_cases(
                db, numbers, department, actor, note=note, versions=versions, co=co
            )

        def done(outcome: BatchOutcome) -> None:
            entries = [_Entry(ids[r.number], r.number, r.version) for r in outcome.done]
            if entries:
                self._push(DispatchCommand(self, entries, department, note))
                where = department
                if co:
                    where += self.tr("，协办 %1").replace("%1", "、".join(co))
                self.ctx.notify(
                    self.tr("已派遣 %1 到 %2（Ctrl+Z 撤回）")
                    .replace("%1", cases_text([e.number for e in entries]))
                    .replace("%2", where)
                )
            if outcome.failed:
                self._show_failures(
                    self.tr("派遣到「%1」").replace("%1", department), outcome, len(numbers)
                )
            self.ctx.feed.notify_local(ids.values())
            self.dispatched.emit(outcome)
            self.finished.emit()

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def add_co(self, cases: Sequence[DraggedCase], department: str) -> None:
        """Make `department` a co-department (协办) of `cases` (a Ctrl-drop on its card): added
        to a case already dispatched; a case waiting for dispatch goes to its category's
        default department as lead with `department` as 协办. Not undone by Ctrl+Z (撤回派遣
        would take back the lead too): the case pane's 解除协办 does that."""
        if not cases:
            return
        numbers = [c.number for c in cases]
        versions = {c.number: c.version for c in cases}
        ids = [c.id for c in cases]
        actor = self.ctx.actor

        def job(db: Database) -> BatchOutcome:
            return add_co_department(db, numbers, department, actor, versions=versions)

        def done(outcome: BatchOutcome) -> None:
            if outcome.done:
                self.forget()
                self.ctx.notify(
                    self.tr("已将「%1」增派为 %2 的协办部门")
                    .replace("%1", department)
                    .replace("%2", cases_text([r.number for r in outcome.done]))
                )
            if outcome.failed:
                self._show_failures(
                    self.tr("增派协办「%1」").replace("%1", department), outcome, len(numbers)
                )
            self.ctx.feed.notify_local(ids)
            self.dispatched.emit(outcome)
            self.finished.emit()

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def _push(self, command: DispatchCommand) -> None:
        """The new dispatch is the only thing Ctrl+Z may take back."""
        self.ctx.undo_stack.clear()
        self.ctx.undo_stack.push(command)

    def forget(self) -> None:
        """Another action was taken: nothing before it can be undone any more."""
        self.ctx.undo_stack.clear()

    def remember(self, case_id: int, result: TransitionResult) -> None:
        """An action taken elsewhere on the desk (the detail pane, the queue's menu): a
        dispatch becomes undoable with Ctrl+Z like a drop; anything else ends what Ctrl+Z
        could take back."""
        if result.action is not Action.DISPATCH or not result.department:
            self.forget()
            return
        entry = _Entry(case_id, result.number, result.version)
        self._push(DispatchCommand(self, [entry], result.department))

    def remember_many(self, results: Sequence[TransitionResult]) -> None:
        """Actions other than dispatch on several cases (立案, 督办 from the queue)."""
        if results:
            self.forget()

    def undo_text(self) -> str:
        """What Ctrl+Z would take back, for the menu and the tooltip."""
        stack = self.ctx.undo_stack
        if not stack.canUndo():
            return self.tr("撤回（没有可撤回的操作）")
        return self.tr("撤回 %1").replace("%1", stack.undoText())

    def _say(self, text: str) -> None:
        self.last_message = text
        self.ctx.notify(text, 8000)
        self.toast.emit(text)

    def undo_last(self) -> None:
        """Ctrl+Z: take back the user's last action if it is a dispatch still undoable; ask
        first when it is older than `ASK_AFTER`; otherwise say why nothing happens."""
        stack = self.ctx.undo_stack
        command = stack.command(stack.index() - 1) if stack.canUndo() else None
        if not isinstance(command, DispatchCommand) or not command.entries:
            self._say(self.tr("没有可撤回的操作：只能撤回您最后一步的派遣。"))
            return
        age = utcnow() - command.done_at
        if age > ASK_AFTER:
            minutes = int(age.total_seconds() // 60)
            answer = QMessageBox.question(
                self.parent_widget,
                self.tr("撤回派遣"),
                self.tr("「%1」是 %2 分钟前的操作，确定要撤回吗？")
                .replace("%1", command.text())
                .replace("%2", str(minutes)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._if_last(command, Action.DISPATCH, stack.undo)

    def redo_last(self) -> None:
        stack = self.ctx.undo_stack
        command = stack.command(stack.index()) if stack.canRedo() else None
        if isinstance(command, DispatchCommand) and command.entries:
            self._if_last(command, Action.RECALL, stack.redo)

    def _if_last(
        self, command: DispatchCommand, expected: Action, then: Callable[[], None]
    ) -> None:
        """Run `then` if the user's newest case action (in the audit log) is `expected` on one
        of the command's cases; else drop the command and say what came after it."""
        username, numbers, what = self.ctx.actor.username, set(command.numbers), command.text()

        def job(db: Database) -> LastAction | None:
            with db.read() as s:
                return last_case_action(s, username)

        def done(last: LastAction | None) -> None:
            if self.ctx.undo_stack.count() == 0:
                return  # another action came in while we asked
            if last is not None and last.action == expected.value and last.number in numbers:
                then()
                return
            self.forget()
            after = (
                self.tr("之后您又对案件 %1 做了「%2」")
                .replace("%1", last.number)
                .replace("%2", action_text(last.action))
                if last is not None
                else self.tr("之后记录已变化")
            )
            self._say(
                self.tr("未撤回「%1」：%2，撤回只针对最后一步操作。")
                .replace("%1", what)
                .replace("%2", after)
            )

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def run(self, command: DispatchCommand, action: Action) -> None:
        """Undo (RECALL) or redo (DISPATCH) `command` with the versions we last wrote."""
        numbers = command.numbers
        versions = {e.number: e.version for e in command.entries}
        actor, department = self.ctx.actor, command.department
        request = (
            Request(department=department, reason=command.note)
            if action is Action.DISPATCH
            else Request()
        )

        def job(db: Database) -> BatchOutcome:
            return apply_many(db, numbers, action, request, actor, versions)

        def done(outcome: BatchOutcome) -> None:
            by_number = {e.number: e for e in command.entries}
            for result in outcome.done:
                by_number[result.number].version = result.version
            failed = {n for n, _ in outcome.failed}
            # Cases we could not take back (accepted meanwhile) leave the command for good.
            command.entries = [e for e in command.entries if e.number not in failed]
            undo = action is Action.RECALL
            if outcome.done:
                back = [r.number for r in outcome.done]
                text = (
                    (self.tr("已撤回 %1 派遣到 %2") if undo else self.tr("已重新派遣 %1 到 %2"))
                    .replace("%1", cases_text(back))
                    .replace("%2", department)
                )
                self.ctx.notify(text, 8000)
                self.toast.emit(text)
            if outcome.failed:
                title = self.tr("撤销派遣") if undo else self.tr("重做派遣")
                self._show_failures(title, outcome, len(numbers))
            self.ctx.feed.notify_local([e.id for e in by_number.values()])
            (self.undone if undo else self.dispatched).emit(outcome)
            self.finished.emit()

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.tasks.report(exc)
        self.last_message = error_text(exc, logged=True)
        self.finished.emit()

    def _show_failures(self, what: str, outcome: BatchOutcome, total: int) -> None:
        lines = [f"{number}：{reason}" for number, reason in outcome.failed]
        head = (
            self.tr("%1：%2 件中 %3 件未成功，其余已完成。")
            .replace("%1", what)
            .replace("%2", str(total))
            .replace("%3", str(len(outcome.failed)))
        )
        self.last_message = head + "\n" + "\n".join(lines)
        self.ctx.notify(head + " " + "；".join(n for n, _ in outcome.failed), 15000)
        if self._box is not None:
            self._box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            what,
            head,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.setInformativeText("\n".join(lines))
        box.setModal(False)
        box.show()  # not exec(): the desk keeps working and the feed keeps updating
        self._box = box

    @property
    def message_box(self) -> QMessageBox | None:
        return self._box

"""Dispatching cases from the desk (派遣) and taking a dispatch back with Ctrl+Z (撤回派遣).

`Dispatcher.dispatch` sends one or many cases to a department through the workflow service on
the database worker, each case a compare-and-set on the version it had when it was dragged: a
case another workstation changed first fails alone and the message names it; the others stay
dispatched. Every successful dispatch pushes a `DispatchCommand` on `ctx.undo_stack`; undoing it
recalls the cases (dispatched → 待派遣) as long as the department has not accepted them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from db.cases import queue as q
from db.cases.states import Action
from db.cases.workflow import BatchOutcome, Request, TransitionResult, apply_many
from db.cases.workflow import dispatch as dispatch_cases
from db.clock import utcnow
from db.engine import Database
from db.reference.settings_store import CenterSettings
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.desk.case_mime import DraggedCase


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


class DispatchCommand(QUndoCommand):
    """One dispatch of one or several cases to one department, undoable while not accepted."""

    def __init__(
        self, dispatcher: Dispatcher, entries: list[_Entry], department: str, note: str = ""
    ) -> None:
        super().__init__(
            QCoreApplication.translate("Dispatcher", "派遣 %1 件到 %2")
            .replace("%1", str(len(entries)))
            .replace("%2", department)
        )
        self.dispatcher = dispatcher
        self.entries = entries
        self.department = department
        self.note = note  # the 派遣意见, sent again on redo
        self._applied = True  # pushed after the dispatch was committed

    @property
    def numbers(self) -> list[str]:
        return [e.number for e in self.entries]

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
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

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last_message = ""
        self._box: QMessageBox | None = None

    def dispatch(
        self, cases: Sequence[DraggedCase], department_id: int, department: str, note: str = ""
    ) -> None:
        """Dispatch `cases` (as dragged, with their versions) to `department`, with an
        optional 派遣意见 `note` for the history."""
        if not cases:
            return
        numbers = [c.number for c in cases]
        versions = {c.number: c.version for c in cases}
        ids = {c.number: c.id for c in cases}
        actor = self.ctx.actor

        def job(db: Database) -> BatchOutcome:
            return dispatch_cases(db, numbers, department, actor, note=note, versions=versions)

        def done(outcome: BatchOutcome) -> None:
            entries = [_Entry(ids[r.number], r.number, r.version) for r in outcome.done]
            if entries:
                self.ctx.undo_stack.push(DispatchCommand(self, entries, department, note))
                self.ctx.notify(
                    self.tr("已派遣 %1 件到 %2（Ctrl+Z 撤销）")
                    .replace("%1", str(len(entries)))
                    .replace("%2", department)
                )
            if outcome.failed:
                self._show_failures(
                    self.tr("派遣到「%1」").replace("%1", department), outcome, len(numbers)
                )
            self.ctx.feed.notify_local(ids.values())
            self.dispatched.emit(outcome)
            self.finished.emit()

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

    def remember(self, case_id: int, result: TransitionResult) -> None:
        """A dispatch made elsewhere on the desk (the detail pane's 派遣 dialog) becomes
        undoable with Ctrl+Z like a drop."""
        if result.action is not Action.DISPATCH or not result.department:
            return
        entry = _Entry(case_id, result.number, result.version)
        self.ctx.undo_stack.push(DispatchCommand(self, [entry], result.department))

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
                text = (
                    self.tr("已撤回派遣 %1 件") if undo else self.tr("已重新派遣 %1 件")
                ).replace("%1", str(len(outcome.done)))
                self.ctx.notify(text)
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

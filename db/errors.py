"""Typed errors a user can cause; the window shows them as one sentence, the CLI exits 2."""

from __future__ import annotations


class UserError(Exception):
    """Base of every error caused by input rather than by a bug. `str()` is the user message."""


class InvalidCode(UserError):
    """A community or grid code (统一编码) that is malformed or does not fit the hierarchy."""


class NotFound(UserError):
    """A case number, code or name that names nothing in the database."""


class ValidationError(UserError):
    """Input that is well-formed but not acceptable (missing reason, deadline in the past…)."""


class IllegalTransition(UserError):
    """A workflow action that the case's current state does not allow."""

    def __init__(self, number: str, state: str, action: str, detail: str = "") -> None:
        self.number, self.state, self.action = number, state, action
        message = f"案件 {number} 当前状态为「{state}」，不能执行「{action}」"
        if detail:
            message += f"：{detail}"
        super().__init__(message)


class StaleCase(UserError):
    """Someone else changed the case between reading and writing it (lost race)."""

    def __init__(self, number: str, state: str, action: str) -> None:
        self.number, self.state, self.action = number, state, action
        super().__init__(
            f"案件 {number} 已被他人修改（现为「{state}」），「{action}」未执行，请刷新后重试"
        )


class PermissionDenied(UserError):
    """The signed-in user's role does not allow the operation."""


class BadFile(UserError):
    """A file that cannot be read, is unsafe, or cannot be written."""


class SchemaTooNew(UserError):
    """The database was written by a newer GridDesk than this one."""


class StorageError(UserError):
    """The database could not store or reach the data: a full disk, a read-only file, a lock
    held too long, a lost server. The message says whether anything was saved."""


class ConcurrentImport(UserError):
    """Another import wrote the same rows between this import's check and its write (a lost
    race); this import wrote nothing."""


class BackupAuditBroken(BadFile):
    """A backup whose audit chain does not verify: restored only when an administrator
    accepts it with a reason. `problem` names the first broken entry."""

    def __init__(self, name: str, problem: str, hint: str = "") -> None:
        self.name, self.problem = name, problem
        message = f"备份 {name} 的审计日志未通过校验（{problem}），拒绝恢复，当前数据库未改动"
        if hint:
            message += f"；{hint}"
        super().__init__(message)


class ImportInterrupted(UserError):
    """A batched import stopped after some of its batches were committed (a lost race, a full
    disk, numbering used up meanwhile): the message says how many rows were written and that a
    re-run skips them."""

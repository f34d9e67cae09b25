"""Turning an exception into the one sentence a user sees (错误提示), and logging bugs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from db.errors import UserError
from desktop.common.db_messages import db_message_text

log = logging.getLogger(__name__)

# An unexpected error's own message can be a whole SQL statement; the log keeps it in full.
_MAX_DETAIL = 160


def error_text(exc: BaseException, *, logged: bool = False) -> str:
    """The sentence to show for `exc`.

    A user's mistake (`UserError`: an illegal transition, a stale row, a bad file, a full disk)
    is already one clear sentence (in Chinese from db/: `db_message_text` gives it in the
    language in force). Anything else is a bug: it is logged with its traceback
    (unless the caller did that already, `logged=True`) and shown as 内部错误 with the error's
    kind and a shortened message, never its `repr`.
    """
    if isinstance(exc, UserError):
        return db_message_text(str(exc))
    if not logged:
        log.error("unexpected error", exc_info=exc)
    detail = " ".join(str(exc).split())
    if len(detail) > _MAX_DETAIL:
        detail = detail[: _MAX_DETAIL - 1] + "…"
    name = type(exc).__name__
    prefix = QCoreApplication.translate("ErrorText", "内部错误：")
    return prefix + (f"{name}: {detail}" if detail else name)

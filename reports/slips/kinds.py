"""Which slips can be printed, and their titles (light: the CLI and the window import it at
start; the PDF writer is imported only when a slip is made)."""

from __future__ import annotations

from enum import StrEnum


class SlipKind(StrEnum):
    DISPATCH = "dispatch"  # 派遣单
    URGE = "urge"  # 督办单
    CLOSING = "closing"  # 结案单
    RECORD = "record"  # 案件全程记录


SLIP_TITLES: dict[SlipKind, str] = {
    SlipKind.DISPATCH: "案件派遣单",
    SlipKind.URGE: "案件督办单",
    SlipKind.CLOSING: "案件结案单",
    SlipKind.RECORD: "案件全程记录",
}

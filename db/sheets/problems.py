"""What is wrong in an imported sheet, where the user will find it (row + column + reason),
and the refusal to write anything while problems remain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.errors import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, where the user will find it."""

    row: int  # Excel row number (the header row for a problem with the columns)
    column: str  # the column's header as written in the sheet, with its letter
    reason: str

    @property
    def text(self) -> str:
        where = f"第 {self.row} 行" if self.row else "表头"
        return (
            f"{where}「{self.column}」：{self.reason}" if self.column else f"{where}：{self.reason}"
        )


def refuse_problems(problems: Sequence[Problem], bad_rows: int, *, valid_only: bool) -> None:
    """Raise ValidationError when the file has problems and not only valid rows are wanted."""
    if problems and not valid_only:
        raise ValidationError(
            f"发现 {len(problems)} 处问题（{bad_rows} 行），未导入任何数据；"
            "请修正后重试，或选择只导入有效行"
        )

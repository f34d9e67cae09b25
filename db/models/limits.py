"""What a text column accepts, derived from the models: a String(n) column holds at most n
characters, no text holds NUL, and no stored text carries characters that act on a terminal or
reorder what is shown.

PostgreSQL refuses a value longer than its varchar(n) and any NUL byte with an error that
carries the SQL and its parameters; SQLite stores both silently. The same checks run here for
both databases, before anything is written:

- `check_values(table, values)` at the call sites that take input (case intake, the
  work-order import, the roster import and edits, master data), with a message naming the
  field, e.g. "反映人姓名过长（最多 64 字）";
- `check_statement`, a `before_execute` listener on every engine `db.engine` makes, as the
  net under them: an INSERT or UPDATE whose
  parameters break a column's rules raises the same ValidationError, so a write path that
  forgot to check is refused in one sentence instead of reaching the database.

Control characters are refused, not stripped: a value that differs from what the user typed
or what the workbook holds would be stored without anyone noticing, and a refusal names the
field so the source can be corrected. Single-line columns (String(n)) refuse every C0/C1
control character, the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
zero-width characters (U+200B–U+200D, U+FEFF); multi-line text (Text columns: descriptions,
notes, reasons) keeps newlines and tabs and refuses the rest, bidi controls included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sqlalchemy import JSON, Column, String, Table
from sqlalchemy.sql.dml import Insert, Update
from sqlalchemy.sql.elements import BindParameter

from db.errors import ValidationError

# Chinese names of the columns a user fills in, by (table, column).
LABELS: dict[tuple[str, str], str] = {
    ("users", "username"): "用户名",
    ("users", "display_name"): "显示名",
    ("cases", "address"): "地址",
    ("cases", "description"): "问题描述",
    ("cases", "reporter_name"): "反映人姓名",
    ("cases", "reporter_phone"): "反映人电话",
    ("cases", "reported_by"): "上报人",
    ("case_events", "note"): "原因或说明",
    ("case_events", "actor"): "操作人",
    ("case_urges", "requirement"): "督办要求",
    ("case_urges", "reply_text"): "督办回复",
    ("case_escalations", "reason"): "上报原因",
    ("meetings", "note"): "会议纪要",
    ("meeting_decisions", "decision"): "会议决定",
    ("attachments", "filename"): "照片文件名",
    ("major_categories", "name"): "大类名称",
    ("categories", "name"): "类别名称",
    ("categories", "keywords"): "关键词",
    ("departments", "name"): "部门名称",
    ("departments", "kind"): "部门类型",
    ("departments", "contact"): "联系人",
    ("departments", "phone"): "联系电话",
    ("districts", "name"): "区县名称",
    ("streets", "name"): "街道名称",
    ("communities", "name"): "社区名称",
    ("grids", "name"): "网格名称",
    ("people", "name"): "姓名",
    ("people", "phone"): "联系电话",
    ("people", "education"): "学历",
    ("people", "work_unit"): "工作单位",
    ("people", "notes"): "备注",
    ("community_workers", "post"): "岗位",
    ("community_workers", "honours"): "荣誉",
    ("community_workers", "career_move"): "去向",
    ("first_secretaries", "sending_unit"): "派出单位",
    ("mentorships", "studio"): "工作室",
    ("sent_down_cadres", "batch"): "批次",
    ("sent_down_cadres", "sending_unit"): "派出单位",
    ("party_checkins", "sending_org"): "所在党组织",
    ("party_checkins", "activities"): "服务活动",
    ("settings", "note"): "说明",
    ("case_notes", "text"): "备注内容",
    ("case_notes", "called"): "通话对象",
    ("case_notes", "phone"): "通话电话",
    ("shift_handovers", "note"): "交班说明",
}

# C0 and C1 controls (DEL included), bidi embeddings/overrides/isolates, zero-width characters.
_CONTROLS = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\ufeff"
_SINGLE_LINE_BAD = re.compile(f"[{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
_MULTI_LINE_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _describe(char: str) -> str:
    if char == "\x00":
        return "空字符（NUL）"
    if char in "\n\r\t":
        return "换行或制表符"
    if re.match(f"[{_BIDI}]", char):
        return f"文字方向控制符（U+{ord(char):04X}）"
    if re.match(f"[{_ZERO_WIDTH}]", char):
        return f"零宽字符（U+{ord(char):04X}）"
    return f"控制字符（U+{ord(char):04X}）"


def text_problem(text: str, label: str, limit: int | None, *, multiline: bool) -> str | None:
    """Why `text` may not be stored in a column of `limit` characters, or None."""
    bad = (_MULTI_LINE_BAD if multiline else _SINGLE_LINE_BAD).search(text)
    if bad is not None:
        return f"{label}含有不允许的{_describe(bad.group())}"
    if limit is not None and len(text) > limit:
        return f"{label}过长（最多 {limit} 字，实为 {len(text)} 字）"
    return None


def column_rules(column: Column[Any]) -> tuple[int | None, bool] | None:
    """(length limit, multi-line) of a text column; None for a column that holds no text."""
    column_type = column.type
    if not isinstance(column_type, String):
        return None
    # Text is a String without a length; it keeps newlines and tabs.
    return column_type.length, column_type.length is None


@cache
def _rules_of(table: Table, name: str) -> tuple[int | None, bool] | None:
    return column_rules(table.c[name]) if name in table.c else None


def label_of(table: Table, name: str) -> str:
    return LABELS.get((table.name, name), name)


def value_problem(table: Table, name: str, value: object, label: str | None = None) -> str | None:
    """Why `value` may not be stored in `table.name`, or None (also for non-text columns)."""
    if not isinstance(value, str):
        return None
    rules = _rules_of(table, name)
    if rules is None:
        return None
    limit, multiline = rules
    return text_problem(value, label or label_of(table, name), limit, multiline=multiline)


def problems_of(
    table: Table, values: Mapping[str, object], labels: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(column, reason) for every value of `values` its column of `table` would not accept."""
    found: list[tuple[str, str]] = []
    for name, value in values.items():
        reason = value_problem(table, name, value, (labels or {}).get(name))
        if reason is not None:
            found.append((name, reason))
    return found


def check_values(
    table: Any, values: Mapping[str, object], labels: Mapping[str, str] | None = None
) -> None:
    """Raise ValidationError naming the first value of `values` (column → value) that `table`
    (a Table or a mapped class) would not accept."""
    found = problems_of(getattr(table, "__table__", table), values, labels)
    if found:
        raise ValidationError(found[0][1])


def check_text(value: str, column: Any, label: str | None = None) -> str:
    """`value` if the model column (e.g. `Case.reporter_name`) accepts it; else ValidationError."""
    col = column.property.columns[0] if hasattr(column, "property") else column
    reason = value_problem(col.table, col.name, value, label)
    if reason is not None:
        raise ValidationError(reason)
    return value


def _json_has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_json_has_nul(k) or _json_has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_json_has_nul(v) for v in value)
    return False


def _rows(multiparams: Any, params: Any) -> Iterator[Mapping[str, object]]:
    for group in (multiparams, params):
        if isinstance(group, Mapping):
            yield group
        elif isinstance(group, list | tuple):
            for item in group:
                if isinstance(item, Mapping):
                    yield item
                elif isinstance(item, list | tuple):
                    yield from (x for x in item if isinstance(x, Mapping))


def _statement_values(statement: Insert | Update) -> Iterator[Mapping[str, object]]:
    """Values written into the statement itself (`insert(t).values(…)`, `update(t).values(…)`)."""
    pairs = getattr(statement, "_values", None) or {}
    row: dict[str, object] = {}
    for key, value in pairs.items():
        name = key if isinstance(key, str) else getattr(key, "key", None)
        if isinstance(name, str):
            row[name] = value.value if isinstance(value, BindParameter) else value
    if row:
        yield row


def check_statement(
    conn: Any, clauseelement: Any, multiparams: Any, params: Any, execution_options: Any
) -> None:
    """The net under the explicit checks: parameters of an INSERT or UPDATE of one table."""
    if not isinstance(clauseelement, Insert | Update):
        return
    table = clauseelement.table
    if not isinstance(table, Table):
        return
    for row in (*_statement_values(clauseelement), *_rows(multiparams, params)):
        check_row(table, row)


def check_row(table: Table, row: Mapping[str, object]) -> None:
    """What `check_statement` checks of one row (column → value) for `table`: for a statement
    that binds its values under names of its own (a data-modifying CTE), out of its reach."""
    columns = table.c
    for name, value in row.items():
        if name not in columns:
            continue
        if isinstance(columns[name].type, JSON):
            if _json_has_nul(value):
                raise ValidationError(f"{label_of(table, name)}含有不允许的空字符（NUL）")
        elif isinstance(value, str):
            reason = value_problem(table, name, value)
            if reason is not None:
                raise ValidationError(reason)

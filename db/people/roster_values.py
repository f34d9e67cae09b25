"""Reading and showing one roster value: cells and dialog text checked into values (ID numbers,
政治面貌, choices, communities and grids by code or name), the rules across fields, and values
as the window and the history show them (personal data masked)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.models import (
    Community,
    CommunityWorker,
    FirstSecretary,
    Grid,
    GridAssignment,
    Mentorship,
    PartyCheckin,
    Person,
    SentDownCadre,
)
from db.models.limits import value_problem
from db.people.id_numbers import check_digit, gender_of, validate_id_number
from db.people.roster_kinds import FIELDS, FieldSpec, FieldType, Kind
from db.security.personal_data import mask_id_number, mask_phone
from db.sheets.cells import (
    Cell,
    add_years,
    clean_text,
    parse_date,
    parse_decimal,
    parse_int,
    parse_phone,
)

# --- one cell ------------------------------------------------------------------------------


def parse_id_number(value: Cell, label: str = "身份证号") -> str:
    """The 18-character ID number; a number that lost its last digits in Excel is named as such."""
    if isinstance(value, float) and value >= 1e16:
        raise ValidationError(
            f"{label}被 Excel 存成了数字（{value:.15g}），末几位已丢失；请把该列设为文本后重新填写"
        )
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if len(text) == 15 and text.isascii() and text.isdigit():
        # A first-generation 15-digit number (before 1999): the century and a check digit added.
        first17 = f"{text[:6]}19{text[6:]}"
        text = first17 + check_digit(first17)
    try:
        return validate_id_number(text)
    except ValidationError as exc:
        message = str(exc)
        if label != "身份证号":
            message = message.replace("身份证号", label, 1)
        raise ValidationError(message) from None


_PARTY_YES = {"中共党员", "党员", "中共预备党员", "预备党员", "是", "√", "Y", "YES", "TRUE", "1"}
_PARTY_NO = {"群众", "共青团员", "团员", "否", "无", "N", "NO", "FALSE", "0", "×"}


def parse_party(value: Cell) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = clean_text(value).replace(" ", "").upper()
    if not text:
        return None
    if text in _PARTY_YES:
        return True
    if text in _PARTY_NO or "民主" in text or "无党派" in text or text.endswith("党"):
        return False
    raise ValidationError(f"政治面貌「{text}」无法识别（例如 中共党员、群众）")


def parse_choice(value: Cell, spec: FieldSpec) -> str | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    for stored, label in spec.choices:
        if text in (stored, label) or (label in text and len(text) <= len(label) + 3):
            return stored
    options = "、".join(label for _, label in spec.choices)
    raise ValidationError(f"{spec.label}「{text}」应为 {options} 之一")


def parse_gender(value: Cell) -> str | None:
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    if text in ("男", "男性", "M"):
        return "男"
    if text in ("女", "女性", "F"):
        return "女"
    raise ValidationError(f"性别「{text}」应为 男 或 女")


def parse_name(value: Cell, label: str) -> str:
    text = clean_text(value)
    # "张  三" aligned with spaces in a sheet is 张三; a Latin name keeps its single spaces.
    if text and all(not ch.isascii() or ch == " " for ch in text):
        text = text.replace(" ", "")
    if len(text) > 64:
        raise ValidationError(f"{label}「{text[:20]}…」过长（最多 64 字）")
    return text


SENT_DOWN_MIN_YEARS = 2
SECRETARY_WARN_DAYS = 60


def check_rules(kind: Kind, values: Mapping[str, object]) -> list[tuple[str, str]]:
    """Rules across fields: (field, reason) for each one broken."""
    problems: list[tuple[str, str]] = []
    if kind is Kind.SENT_DOWN:
        start, end = values.get("start_date"), values.get("planned_end")
        if isinstance(start, date) and isinstance(end, date):
            earliest = add_years(start, SENT_DOWN_MIN_YEARS)
            if end < earliest:
                problems.append(
                    (
                        "planned_end",
                        f"下沉期限至少 {SENT_DOWN_MIN_YEARS} 年：下沉时间为 {start.isoformat()}，"
                        f"计划结束时间应不早于 {earliest.isoformat()}（现为 {end.isoformat()}）",
                    )
                )
    if kind is Kind.FIRST_SECRETARY:
        start, end = values.get("term_start"), values.get("term_end")
        if isinstance(start, date) and isinstance(end, date) and end <= start:
            problems.append(("term_end", "任期结束应晚于任期开始"))
        if values.get("post_level") == "community" and values.get("community") is None:
            problems.append(("community", "任职层级为社区时须填写任职社区"))
    if kind is Kind.MENTORSHIP:
        mentor, apprentice = values.get("mentor_id_number"), values.get("id_number")
        if mentor and mentor == apprentice:
            problems.append(("mentor_id_number", "导师与学员不能是同一人"))
    return problems


# --- references by code or name -------------------------------------------------------------


@dataclass
class Lookups:
    """Communities by code and name and grids by code, loaded once for a batch of rows."""

    community_by_code: dict[str, int] = field(default_factory=dict)
    community_by_name: dict[str, list[int]] = field(default_factory=dict)
    community_name: dict[int, str] = field(default_factory=dict)
    grid_by_code: dict[str, int] = field(default_factory=dict)
    grid_code: dict[int, str] = field(default_factory=dict)
    grid_label: dict[int, str] = field(default_factory=dict)
    grid_community: dict[int, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Lookups:
        lk = cls()
        for cid, code, name in session.execute(
            select(Community.id, Community.code, Community.name)
        ):
            lk.community_by_code[code] = cid
            lk.community_by_name.setdefault(name, []).append(cid)
            lk.community_name[cid] = name
        for gid, code, name, cid in session.execute(
            select(Grid.id, Grid.code, Grid.name, Grid.community_id)
        ):
            lk.grid_by_code[code] = gid
            lk.grid_code[gid] = code
            lk.grid_label[gid] = f"{lk.community_name.get(cid, '')}{name}"
            lk.grid_community[gid] = cid
        return lk

    def community(self, value: Cell, label: str) -> int | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if text.isdigit():
            if text in self.community_by_code:
                return self.community_by_code[text]
            raise ValidationError(f"{label}：没有编码为 {text} 的社区")
        ids = self.community_by_name.get(text)
        if ids is None and not text.endswith(("社区", "村")):
            ids = self.community_by_name.get(text + "社区")
        if ids is None:
            raise ValidationError(f"{label}：没有名为「{text}」的社区")
        if len(ids) > 1:
            raise ValidationError(f"{label}：有多个名为「{text}」的社区，请填写社区编码")
        return ids[0]

    def grid(self, value: Cell, label: str) -> int | None:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        if not text.isdigit() or len(text) not in (14, 15):
            raise ValidationError(f"{label}「{text}」应为 14 或 15 位数字的网格编码")
        if text not in self.grid_by_code:
            raise ValidationError(f"{label}：没有编码为 {text} 的网格")
        return self.grid_by_code[text]


# --- reading and checking values --------------------------------------------------------------


def _parse_text(spec: FieldSpec, value: Cell) -> str:
    text = clean_text(value)
    if len(text) > 200:
        raise ValidationError(f"{spec.label}过长（最多 200 字）")
    return text


def _parse_date(spec: FieldSpec, value: Cell, date1904: bool) -> date | None:
    dates = spec.date_range
    today = date.today()
    return parse_date(
        value, spec.label, date1904=date1904, earliest=dates.earliest, latest=dates.latest(today)
    )


_Parser = Callable[[FieldSpec, Cell, Lookups, bool], object]
_PARSERS: dict[FieldType, _Parser] = {
    FieldType.NAME: lambda spec, v, lk, d: parse_name(v, spec.label),
    FieldType.ID_NUMBER: lambda spec, v, lk, d: parse_id_number(v, spec.label),
    FieldType.PHONE: lambda spec, v, lk, d: parse_phone(v, spec.label),
    FieldType.DATE: lambda spec, v, lk, d: _parse_date(spec, v, d),
    FieldType.INT: lambda spec, v, lk, d: parse_int(
        v, spec.label, minimum=spec.minimum, maximum=spec.maximum
    ),
    FieldType.DECIMAL: lambda spec, v, lk, d: parse_decimal(v, spec.label),
    FieldType.PARTY: lambda spec, v, lk, d: parse_party(v),
    FieldType.GENDER: lambda spec, v, lk, d: parse_gender(v),
    FieldType.COMMUNITY: lambda spec, v, lk, d: lk.community(v, spec.label),
    FieldType.GRID: lambda spec, v, lk, d: lk.grid(v, spec.label),
    FieldType.CHOICE: lambda spec, v, lk, d: parse_choice(v, spec),
    FieldType.TEXT: lambda spec, v, lk, d: _parse_text(spec, v),
}


def parse_field(
    spec: FieldSpec, value: Cell, lookups: Lookups, *, date1904: bool = False
) -> object:
    """One field's value from a cell or a dialog's text; raises ValidationError."""
    return _PARSERS[spec.type](spec, value, lookups, date1904)


# The table each roster's own fields are stored in (person fields go to `people`).
_ROW_TABLES: dict[Kind, Any] = {
    Kind.COMMUNITY_WORKER: CommunityWorker.__table__,
    Kind.GRID_STAFF: GridAssignment.__table__,
    Kind.FIRST_SECRETARY: FirstSecretary.__table__,
    Kind.MENTORSHIP: Mentorship.__table__,
    Kind.SENT_DOWN: SentDownCadre.__table__,
    Kind.PARTY_CHECKIN: PartyCheckin.__table__,
}
_PEOPLE: Any = Person.__table__


def stored_text_problem(kind: Kind, spec: FieldSpec, value: object) -> str | None:
    """Why the column that stores `spec` would not take the text `value` (too long for it,
    NUL, control, bidi or zero-width characters), or None."""
    if spec.name == "mentor_name":
        return value_problem(_PEOPLE, "name", value, spec.label)
    table = _PEOPLE if spec.person else _ROW_TABLES[kind]
    return value_problem(table, spec.name, value, spec.label)


def parse_values(
    kind: Kind,
    raw: Mapping[str, Cell],
    lookups: Lookups,
    *,
    partial: bool = False,
    date1904: bool = False,
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """Checked values of one entry and the problems found as (field, reason).

    With `partial`, only the fields given are read (an edit); otherwise every required field
    must have a value.
    """
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for spec in FIELDS[kind]:
        if spec.name not in raw:
            if spec.required and not partial:
                problems.append((spec.name, f"缺少{spec.label}"))
            continue
        try:
            value = _PARSERS[spec.type](spec, raw[spec.name], lookups, date1904)
        except ValidationError as exc:
            problems.append((spec.name, str(exc)))
            continue
        if spec.required and value in (None, ""):
            problems.append((spec.name, f"缺少{spec.label}"))
            continue
        reason = stored_text_problem(kind, spec, value)
        if reason is not None:
            problems.append((spec.name, reason))
            continue
        values[spec.name] = value
    id_number = values.get("id_number")
    if isinstance(id_number, str) and id_number:
        derived = gender_of(id_number)
        given = values.get("gender")
        if given and given != derived:
            problems.append(("gender", f"性别「{given}」与身份证号不符（应为 {derived}）"))
        elif "gender" in values or not partial:
            values["gender"] = derived
    problems.extend(check_rules(kind, values))
    return values, problems


def first_problem(problems: Sequence[tuple[str, str]]) -> ValidationError:
    if len(problems) == 1:
        return ValidationError(problems[0][1])
    return ValidationError("；".join(reason for _, reason in problems))


# --- how values are shown -----------------------------------------------------------------


def display_value(kind: Kind, name: str, value: object, lookups: Lookups) -> str:
    """A value as the window and the history show it (ID numbers and phones masked)."""
    if value is None:
        return ""
    if name in ("id_number", "mentor_id_number"):
        return mask_id_number(str(value))
    if name == "phone":
        return mask_phone(str(value))
    if name == "community" and isinstance(value, int):
        return lookups.community_name.get(value, str(value))
    if name == "grid" and isinstance(value, int):
        return lookups.grid_code.get(value, str(value))
    if name == "party_member":
        return "中共党员" if value else "群众"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    spec = _CHOICE_FIELDS.get((kind, name))
    return spec.choice_label(value) if spec is not None else str(value)


_CHOICE_FIELDS = {(k, spec.name): spec for k in Kind for spec in FIELDS[k] if spec.choices}

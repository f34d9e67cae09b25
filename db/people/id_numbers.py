"""Citizen ID numbers (公民身份号码, GB 11643-1999): check digit, birth date, validation."""

from __future__ import annotations

from datetime import date

from db.errors import ValidationError

# A birth date in an ID number lies between this day and today.
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def birth_date(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def validate_id_number(text: str, *, today: date | None = None) -> str:
    """Normalised 18-character ID number, or ValidationError saying what is wrong."""
    value = text.strip().upper()
    if (
        len(value) != 18
        or not value[:17].isdigit()
        or not (value[17].isdigit() or value[17] == "X")
    ):
        raise ValidationError(f"身份证号「{text}」应为 18 位（前 17 位数字，末位数字或 X）")
    try:
        born = birth_date(value)
    except ValueError as exc:
        raise ValidationError(f"身份证号「{text}」中的出生日期 {value[6:14]} 不存在") from exc
    today = today or date.today()
    if born > today or born < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            f"身份证号「{text}」中的出生日期 {born:%Y-%m-%d} 不合理"
            f"（应在 {EARLIEST_BIRTH_DATE:%Y-%m-%d} 至今天之间）"
        )
    expected = check_digit(value[:17])
    if value[17] != expected:
        raise ValidationError(f"身份证号「{text}」校验码错误（应为 {expected}）")
    return value


def gender_of(id_number: str) -> str:
    """男 or 女 from the 17th digit (odd: male)."""
    return "男" if int(id_number[16]) % 2 else "女"


def make_id_number(region: str, born: date, sequence: int) -> str:
    """A valid ID number for test and demo data: 6-digit region, birth date, 3-digit sequence."""
    first17 = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)

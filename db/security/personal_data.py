"""Masking of citizens' personal information (PIPL): phones and ID numbers shown masked by default."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile; landlines keep the area code and last 4 digits."""
    p = phone.strip()
    if not p or "*" in p:  # empty, or masked already (masking twice changes nothing)
        return p
    digits = "".join(ch for ch in p if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(p) <= 4:
        return "*" * len(p)
    if "-" in p:
        area, _, rest = p.partition("-")
        return f"{area}-{'*' * max(len(rest) - 4, 0)}{rest[-4:]}"
    return f"{'*' * (len(p) - 4)}{p[-4:]}"


def mask_id_number(id_number: str) -> str:
    """210102********1234: region kept, birth date and sequence hidden, last 4 shown."""
    v = id_number.strip()
    if not v:
        return ""
    if len(v) < 10:
        return "*" * len(v)
    return f"{v[:6]}{'*' * (len(v) - 10)}{v[-4:]}"


def mask_name(name: str) -> str:
    """张*明 style, for reporters' names in exports."""
    n = name.strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    return n[0] + "*" * (len(n) - 2) + n[-1]

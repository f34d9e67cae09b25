"""The pay table of community workers (3档38级): every tier and level's monthly amount, and
setting one (recorded in the roster history and the audit log)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.models import PayScale
from db.people.rosters import record_event
from db.security.actors import Actor
from db.sheets.cells import Cell, clean_text

PAY_TIERS = 3
PAY_LEVELS = 38
PAY_SCALE_ROSTER = "pay_scale"  # the `roster` of a pay change in roster_events


@dataclass(frozen=True)
class PayCell:
    tier: int
    level: int
    amount: Decimal | None


def pay_table(session: Session) -> list[PayCell]:
    """All 3 × 38 cells of the pay table, tier then level; None where no amount is set."""
    stored = {
        (t, lv): a
        for t, lv, a in session.execute(
            select(PayScale.tier, PayScale.level, PayScale.monthly_amount)
        )
    }
    return [
        PayCell(t, lv, stored.get((t, lv)))
        for t in range(1, PAY_TIERS + 1)
        for lv in range(1, PAY_LEVELS + 1)
    ]


def parse_amount(value: Cell) -> Decimal:
    text = clean_text(value).replace(" ", "").replace(",", "").removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"月薪「{text}」应为金额（例如 4500 或 4500.50）") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal(100_000_000):
        raise ValidationError(f"月薪「{text}」不合理")
    return amount.quantize(Decimal("0.01"))


def set_pay_amount(session: Session, tier: int, level: int, amount: Cell, actor: Actor) -> Decimal:
    """Set the monthly pay of one tier and level (recorded in the roster history)."""
    actor.require("roster.edit", "修改薪酬标准")
    if not 1 <= tier <= PAY_TIERS:
        raise ValidationError(f"档应在 1–{PAY_TIERS} 之间，实为 {tier}")
    if not 1 <= level <= PAY_LEVELS:
        raise ValidationError(f"级应在 1–{PAY_LEVELS} 之间，实为 {level}")
    value = parse_amount(amount)
    cell = session.get(PayScale, (tier, level))
    old = None if cell is None else cell.monthly_amount
    if cell is None:
        session.add(PayScale(tier=tier, level=level, monthly_amount=value))
    else:
        cell.monthly_amount = value
    if old != value:
        record_event(
            session,
            actor,
            PAY_SCALE_ROSTER,
            tier * 100 + level,
            "edit",
            {"monthly_amount": ["" if old is None else f"{old:.2f}", f"{value:.2f}"]},
        )
    session.flush()
    return value

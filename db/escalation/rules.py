"""Escalation rules (督办规则): per 小类, per urgency, or for all cases; the most specific wins.

A rule says whether the department is reminded at the warning time, whether the system urges
(系统督办) at the deadline and how many working days the department has to reply, and after
how many working days overdue the case is escalated (上报) to the district platform or to the
street's 联席会议, with how many working days there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.errors import NotFound, ValidationError
from db.models import Category, EscalationRule
from db.security.actors import Actor
from db.security.audit import record_audit

DISTRICT = "district"
MEETING = "meeting"
TARGET_LABELS: dict[str, str] = {DISTRICT: "区级平台", MEETING: "联席会议"}
STREET_LEVEL = "street"
DISTRICT_LEVEL = "district"
LEVEL_LABELS: dict[str, str] = {STREET_LEVEL: "街道", DISTRICT_LEVEL: "区"}
MAX_DAYS = 60


def parse_target(text: str) -> str:
    for key, label in TARGET_LABELS.items():
        if text.strip() in (key, label):
            return key
    raise ValidationError(
        f"上报对象「{text}」无法识别，可选：district（区级平台）、meeting（联席会议）"
    )


def parse_level(text: str) -> str:
    for key, label in LEVEL_LABELS.items():
        if text.strip() in (key, label, label + "级"):
            return key
    raise ValidationError(f"督办级别「{text}」无法识别，可选：street（街道）、district（区）")


@dataclass(frozen=True)
class Rule:
    id: int
    category_code: str | None  # a 小类's rule, or None
    category_name: str | None
    urgent: bool | None  # for urgent (True) / other (False) cases, None = all
    remind_at_warning: bool
    urge_at_deadline: bool
    reply_days: int
    escalate_after_days: int | None
    escalate_to: str
    escalation_days: int
    active: bool

    @property
    def scope(self) -> str:
        """Which cases the rule is for, in Chinese."""
        if self.category_code is not None:
            return f"{self.category_code} {self.category_name}"
        if self.urgent is None:
            return "全部案件"
        return "紧急案件" if self.urgent else "一般案件"


def _rule(row: EscalationRule, category: Category | None) -> Rule:
    return Rule(
        id=row.id,
        category_code=category.code if category else None,
        category_name=category.name if category else None,
        urgent=row.urgent,
        remind_at_warning=row.remind_at_warning,
        urge_at_deadline=row.urge_at_deadline,
        reply_days=row.reply_days,
        escalate_after_days=row.escalate_after_days,
        escalate_to=row.escalate_to,
        escalation_days=row.escalation_days,
        active=row.active,
    )


def list_rules(session: Session) -> list[Rule]:
    """Every rule: the general ones first, then the 小类 ones by code."""
    rows = session.execute(
        select(EscalationRule, Category)
        .outerjoin(Category, Category.id == EscalationRule.category_id)
        .order_by(Category.code.is_not(None), Category.code, EscalationRule.id)
    ).all()
    return [_rule(r, c) for r, c in rows]


class RuleBook:
    """The active rules, to find the one for a case (小类 first, then urgency, then all)."""

    def __init__(self, rules: Iterable[tuple[Rule, int | None]]) -> None:
        self.by_category: dict[int, Rule] = {}
        self.by_urgency: dict[bool, Rule] = {}
        self.fallback: Rule | None = None
        for rule, category_id in rules:
            if not rule.active:
                continue
            if category_id is not None:
                self.by_category[category_id] = rule
            elif rule.urgent is not None:
                self.by_urgency[rule.urgent] = rule
            else:
                self.fallback = rule

    def rule_for(self, category_id: int, urgent: bool) -> Rule | None:
        return self.by_category.get(category_id) or self.by_urgency.get(urgent) or self.fallback

    @property
    def all(self) -> list[Rule]:
        rules = [*self.by_category.values(), *self.by_urgency.values()]
        return rules + ([self.fallback] if self.fallback else [])


def rule_book(session: Session) -> RuleBook:
    rows = session.execute(
        select(EscalationRule, Category).outerjoin(
            Category, Category.id == EscalationRule.category_id
        )
    ).all()
    return RuleBook((_rule(r, c), r.category_id) for r, c in rows)


@dataclass(frozen=True)
class RuleEdit:
    """What the rules editor or the CLI sets: the scope (a 小类 code, or an urgency, or all)
    and the rule's values."""

    category_code: str | None = None
    urgent: bool | None = None
    remind_at_warning: bool = True
    urge_at_deadline: bool = True
    reply_days: int = 1
    escalate_after_days: int | None = 3
    escalate_to: str = MEETING
    escalation_days: int = 5
    active: bool = True


def _check_days(value: int | None, label: str, minimum: int = 1) -> None:
    if value is not None and not minimum <= value <= MAX_DAYS:
        raise ValidationError(f"{label}应在 {minimum}–{MAX_DAYS} 个工作日之间")


def save_rule(db: Database, edit: RuleEdit, actor: Actor) -> Rule:
    """Create or replace the rule for the edit's scope (管理员)."""
    actor.require("admin.settings", "修改督办规则")
    _check_days(edit.reply_days, "督办回复期限")
    _check_days(edit.escalate_after_days, "超期上报天数")
    _check_days(edit.escalation_days, "上报办理时限")
    target = parse_target(edit.escalate_to)
    with db.write() as session:
        category: Category | None = None
        if edit.category_code:
            category = session.scalar(
                select(Category).where(Category.code == edit.category_code.strip())
            )
            if category is None:
                raise NotFound(f"小类「{edit.category_code}」不存在")
            row = session.scalar(
                select(EscalationRule).where(EscalationRule.category_id == category.id)
            )
            urgent = None
        else:
            urgent = edit.urgent
            cond = (
                EscalationRule.urgent.is_(None)
                if urgent is None
                else EscalationRule.urgent.is_(urgent)
            )
            row = session.scalar(
                select(EscalationRule).where(EscalationRule.category_id.is_(None), cond)
            )
        if row is None:
            row = EscalationRule(category_id=category.id if category else None, urgent=urgent)
            session.add(row)
        row.remind_at_warning = edit.remind_at_warning
        row.urge_at_deadline = edit.urge_at_deadline
        row.reply_days = edit.reply_days
        row.escalate_after_days = edit.escalate_after_days
        row.escalate_to = target
        row.escalation_days = edit.escalation_days
        row.active = edit.active
        session.flush()
        rule = _rule(row, category)
        record_audit(
            session,
            actor,
            "escalation.rule",
            "escalation_rule",
            rule.id,
            {
                "scope": rule.scope,
                "reply_days": rule.reply_days,
                "escalate_after_days": rule.escalate_after_days,
                "escalate_to": rule.escalate_to,
                "escalation_days": rule.escalation_days,
                "active": rule.active,
            },
        )
        return rule

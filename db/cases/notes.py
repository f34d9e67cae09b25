"""Internal case notes (内部备注) and call log lines (回访 / 催办 电话记录).

A note is a comment among the centre's staff: who wrote it, when, the text. A call line says
whom a dispatcher called about a 回访 or 催办, the phone (shown masked like every citizen's
phone), the outcome and a note. Both live in `case_notes`, apart from the case's official
history (`case_events`), so returns and exports, which read the history, never show them.
Every write is audited and touches the change log, so other workstations' panes reload.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.cases.co_tracks import require_case_reader
from db.errors import NotFound, ValidationError
from db.feed.change_log import record_changes
from db.models import Case, CaseNote
from db.models.base import utcnow
from db.models.limits import check_text, text_problem
from db.security.actors import Actor
from db.security.audit import record_audit
from db.security.personal_data import mask_phone

NOTE_MAX_CHARS = 2000  # a note is a comment, not a document

# Call kinds by their Chinese name, and the permission each needs (who may do the action may
# log its call).
CALL_KINDS: dict[str, str] = {"回访": "callback", "催办": "urge"}
CALL_KIND_LABELS: dict[str, str] = {value: label for label, value in CALL_KINDS.items()}
CALL_OUTCOMES: tuple[str, ...] = ("已接通", "未接通", "满意", "基本满意", "不满意")


@dataclass(frozen=True)
class NoteEntry:
    """One line of a case's internal thread (a note, or a call when `kind` is "call")."""

    id: int
    at: datetime
    author: str
    author_name: str
    kind: str
    text: str
    call_kind: str | None = None
    called: str = ""
    phone: str = ""
    outcome: str = ""

    @property
    def is_call(self) -> bool:
        return self.kind == "call"

    @property
    def author_label(self) -> str:
        return self.author_name or self.author

    @property
    def call_label(self) -> str:
        return CALL_KIND_LABELS.get(self.call_kind or "", "")

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def to_json(self) -> dict[str, Any]:
        """Stable keys for `case notes --json`; the phone masked."""
        out = asdict(self)
        out["at"] = self.at.isoformat()
        out["phone"] = self.masked_phone
        out["call_label"] = self.call_label
        return out


def _entry(row: CaseNote) -> NoteEntry:
    return NoteEntry(
        id=row.id,
        at=row.at,
        author=row.author,
        author_name=row.author_name,
        kind=row.kind,
        text=row.text,
        call_kind=row.call_kind,
        called=row.called,
        phone=row.phone,
        outcome=row.outcome,
    )


def _case_id(session: Session, number: str, actor: Actor | None = None) -> tuple[int, str]:
    row = session.execute(
        select(Case.id, Case.number, Case.department_id).where(Case.number == number.strip())
    ).one_or_none()
    if row is None:
        raise NotFound(f"案件 {number} 不存在")
    if actor is not None:
        require_case_reader(session, actor, row.id, row.department_id, "查看或备注此案件")
    return row.id, row.number


def _checked_text(text: str, *, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise ValidationError("备注内容不能为空")
    problem = text_problem(text, "备注内容", NOTE_MAX_CHARS, multiline=True)
    if problem is not None:
        raise ValidationError(problem)
    return text


def _write(
    session: Session, actor: Actor, case_id: int, number: str, values: dict[str, Any], now: datetime
) -> NoteEntry:
    values = {
        "case_id": case_id,
        "at": now,
        "author": actor.username,
        "author_name": actor.display_name,
        **values,
    }
    note_id = session.scalar(insert(CaseNote).values(**values).returning(CaseNote.id))
    assert note_id is not None
    details: dict[str, Any] = {"note_id": note_id, "kind": values["kind"]}
    if values["kind"] == "call":
        details.update(call_kind=values["call_kind"], outcome=values["outcome"])
    record_audit(session, actor, f"case.{values['kind']}", "case", number, details, now=now)
    record_changes(session, [case_id])
    return _entry(session.get_one(CaseNote, note_id))


def add_note(
    session: Session, actor: Actor, number: str, text: str, now: datetime | None = None
) -> NoteEntry:
    """Add an internal note to case `number` in the caller's transaction (needs `case.note`)."""
    actor.require("case.note", "添加案件备注")
    case_id, number = _case_id(session, number, actor)
    body = _checked_text(text, required=True)
    return _write(session, actor, case_id, number, {"kind": "note", "text": body}, now or utcnow())


def parse_call_kind(text: str) -> str:
    value = text.strip()
    if value in CALL_KINDS:
        return CALL_KINDS[value]
    if value in CALL_KIND_LABELS:
        return value
    raise ValidationError(f"电话类型「{text}」无法识别，可选：{'、'.join(CALL_KINDS)}")


def log_call(
    session: Session,
    actor: Actor,
    number: str,
    kind: str,
    called: str,
    outcome: str,
    *,
    phone: str = "",
    text: str = "",
    now: datetime | None = None,
) -> NoteEntry:
    """Record a 回访 or 催办 call on case `number` (`kind` 回访|催办 or callback|urge): whom,
    the phone, the outcome (one of CALL_OUTCOMES) and an optional note. Needs the permission
    of the action the call belongs to (case.callback / case.urge)."""
    call_kind = parse_call_kind(kind)
    label = CALL_KIND_LABELS[call_kind]
    actor.require(f"case.{call_kind}", f"记录{label}电话")
    case_id, number = _case_id(session, number)
    called = called.strip()
    if not called:
        raise ValidationError("请填写通话对象（如 反映人、燃气公司 王工）")
    outcome = outcome.strip()
    if outcome not in CALL_OUTCOMES:
        raise ValidationError(f"通话结果「{outcome}」无法识别，可选：{'、'.join(CALL_OUTCOMES)}")
    values = {
        "kind": "call",
        "call_kind": call_kind,
        "called": check_text(called, CaseNote.called),
        "phone": check_text(phone.strip(), CaseNote.phone),
        "outcome": outcome,
        "text": _checked_text(text, required=False),
    }
    return _write(session, actor, case_id, number, values, now or utcnow())


def case_notes(session: Session, number: str, actor: Actor | None = None) -> list[NoteEntry]:
    """The case's notes and call lines, oldest first (needs nothing beyond reading the case;
    a department account only its department's)."""
    case_id, _ = _case_id(session, number, actor)
    rows = session.scalars(
        select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.at, CaseNote.id)
    )
    entries = [_entry(row) for row in rows]
    if actor is not None and actor.is_department:  # a department never gets a phone in clear
        entries = [replace(e, phone=mask_phone(e.phone)) for e in entries]
    return entries

"""办结回复: what the centre answers the 12345 hotline for its orders closed in a period —
工单编号, 办理结果, 办结时间, 回复内容, 回访满意度, one row per order (the sheet is written by
reports/hotline_reply.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.cases.states import SATISFACTION_LABELS, Action, Satisfaction, Source, Status
from db.errors import ValidationError
from db.models import Case, CaseEvent, ImportedWorkOrder
from db.reference.settings_store import load_settings

REPLY_HEADERS = ("工单编号", "办理结果", "办结时间", "回复内容", "回访满意度")

_RESULTS = {
    Status.CLOSED.value: "已办结",
    Status.SELF_RESOLVED.value: "已办结（社区自办）",
    Status.REJECTED.value: "不予受理",
    Status.MERGED.value: "已合并办理",
}
# The history steps whose note is the answer to the caller, the latest first.
_ANSWERS = (
    Action.FEEDBACK.value,
    Action.VERIFY.value,
    Action.SELF_RESOLVE.value,
    Action.REJECT.value,
    Action.MERGE.value,
)
_DEFAULT_REPLY = {
    Status.CLOSED.value: "已按诉求处置完毕，经核查结案。",
    Status.SELF_RESOLVED.value: "已由社区自行处置完毕。",
    Status.REJECTED.value: "经核实，不属于受理范围。",
    Status.MERGED.value: "与同一问题的其他诉求合并办理。",
}
MAX_DAYS = 366


@dataclass(frozen=True)
class ReplyRow:
    work_order: str
    result: str
    closed_at: datetime  # local, without time zone (as the sheet shows it)
    reply: str
    satisfaction: str


def reply_rows_in(session: Session, first: date, last: date) -> list[ReplyRow]:
    """The hotline orders whose case closed from local day `first` to `last` (inclusive),
    in the order they closed."""
    if last < first:
        raise ValidationError(f"结束日期 {last:%Y-%m-%d} 早于开始日期 {first:%Y-%m-%d}")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError(f"办结回复一次最多导出 {MAX_DAYS} 天")
    tz = load_settings(session).tz
    start = datetime.combine(first, time(0), tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tz)
    rows = session.execute(
        select(
            Case.id, ImportedWorkOrder.work_order, Case.status, Case.closed_at, Case.satisfaction
        )
        .join(ImportedWorkOrder, ImportedWorkOrder.case_id == Case.id)
        .where(
            ImportedWorkOrder.source == Source.HOTLINE.value,
            Case.closed_at >= start,
            Case.closed_at < end,
            Case.status.in_(list(_RESULTS)),
        )
        .order_by(Case.closed_at, Case.id)
    ).all()
    notes: dict[int, str] = {}
    ids = [row[0] for row in rows]
    for chunk in range(0, len(ids), 900):
        for case_id, note in session.execute(
            select(CaseEvent.case_id, CaseEvent.note)
            .where(CaseEvent.case_id.in_(ids[chunk : chunk + 900]), CaseEvent.action.in_(_ANSWERS))
            .order_by(CaseEvent.at, CaseEvent.id)
        ):
            if note and note.strip():
                notes[case_id] = note.strip()  # the latest answer wins
    result: list[ReplyRow] = []
    for case_id, order, status, closed_at, satisfaction in rows:
        assert closed_at is not None  # the query asks for a closing time in the period
        level = SATISFACTION_LABELS[Satisfaction(satisfaction)] if satisfaction else "未回访"
        result.append(
            ReplyRow(
                order,
                _RESULTS[status],
                closed_at.astimezone(tz).replace(tzinfo=None),
                notes.get(case_id, _DEFAULT_REPLY[status]),
                level,
            )
        )
    return result

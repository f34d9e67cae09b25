"""One definition per figure (口径): what each number on the desk cards, the statistics page, the
big screen and the returns counts, and the SQL conditions they all share.

Every place that shows one of these figures computes it through this module (or through
db/stats/flows.py and db/stats/indices.py, which use the conditions below) and labels it with
the figure's `counts` text (tooltip on the window, footnote in a return), so one figure never
means two things:

- 派遣 `DISPATCHED`: cases dispatched (派遣 or 改派) in the period, each case once; a dispatch
  taken back by 撤回派遣 (Ctrl+Z on the desk) does not count (`dispatch_kept`).
- 结案 `CLOSED`: cases closed (结案, after 核查通过) in the period; 不予立案, 社区自办 and 合并 are
  not 结案.
- 按期结案率 `ON_TIME_RATE` = 按期结案数 ÷ 应结案数 (the returns' definition, db/stats/indices.py):
  按期 = closed without ever passing a stage deadline; 应结案 = 结案 plus the cases whose
  handling deadline falls in the period and that are not closed by its end (挂账 cases left
  out). Shown as — when nothing was closed in the period (`on_time_rate`): no 0.0 % before
  anything could be on time.
- 超期 of the street `OVERDUE`: open cases whose current stage deadline has passed, whichever
  stage (派遣 at the center, 处置 at a department, 核查 at the center).
- A department's 在办 / 预警 / 超期 (`DEPARTMENT_OPEN` …): only cases that are with the department
  now (`with_department`: 待受理, 处置中, 挂账 — the 处置中 tab). A case the department returned
  (退单, waiting for the center to dispatch it again) or reported done (待核查, the center's
  verification) is not the department's: its clock is the center's. 超期 = the department's
  current stage (受理/处置) is past its deadline while the case is with the department; 挂账
  stops the clock, so a suspended case is 在办 but never 预警/超期.
- The department card's 本月按期 is the 按期结案率 above for the department and the calendar month
  so far — the same number as the statistics page's and the big screen's 部门按期结案率 for that
  month and the 部门绩效考核表's 按期结案率 cell.
- 协办件数 `CO_HANDLED` (joint handling, 吹哨报到): a department's co-department tracks
  (协办) dispatched in the period, released ones (解除协办) left out; the lead's (主办) cases
  are the case figures above, so a department's lead and co-handling are counted apart.
- 协办按期率 `CO_ON_TIME_RATE` = 协办按期反馈数 ÷ 协办应反馈数: 按期 = fed back by the track's
  own deadline; 应反馈 = tracks fed back in the period plus those whose deadline falls in the
  period and that were not fed back by its end (released ones left out). — while nothing is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select
from sqlalchemy.orm import aliased

from db.cases.states import Action, Group
from db.models import Case, CaseEvent


@dataclass(frozen=True)
class Figure:
    """A figure's caption and what it counts (the tooltip or footnote shown with it)."""

    key: str
    label: str
    counts: str


RECEIVED = Figure("received", "受理", "期间内上报的案件数（各来源）。")
DISPATCHED = Figure(
    "dispatched",
    "派遣",
    "期间内派遣或改派的案件数，每件只计一次；已撤回派遣（撤销）的不计。",
)
CLOSED = Figure("closed", "结案", "期间内核查通过结案的案件数；不予立案、社区自办、合并不计。")
OVERDUE = Figure("overdue", "超期", "当前在办、所处环节（派遣、处置或核查）已过时限的案件数。")
ON_TIME_RATE = Figure(
    "on_time_rate",
    "按期结案率",
    "按期结案数 ÷ 应结案数。按期：结案且从未超过环节时限；应结案：期间内结案的，加上处置时限在期间内"
    "而未结案的（挂账不计）。期间内尚无结案时显示 —。",
)
DEPARTMENT_OPEN = Figure(
    "open", "在办", "当前在本部门的案件数（待受理、处置中、挂账）；已退单、待核查的不计。"
)
DEPARTMENT_WARNING = Figure("warning", "预警", "在本部门、已过预警时间但未到时限的案件数。")
DEPARTMENT_OVERDUE = Figure(
    "overdue",
    "超期",
    "在本部门、受理或处置环节已过时限的案件数；已退单、待核查、挂账的不计。",
)
DEPARTMENT_CO = Figure(
    "co_open",
    "协办",
    "本部门作为协办部门（吹哨报到）正在办理的案件数（待受理、处置中），不含本部门主办的在办案件；"
    "括号内为已过其协办期限的。",
)
MONTH_ON_TIME = Figure(
    "on_time_month",
    "本月按期",
    "本部门本月按期结案率（与统计页、大屏、部门绩效考核表同一口径）：" + ON_TIME_RATE.counts,
)

CO_HANDLED = Figure(
    "co_handled",
    "协办件数",
    "期间内派给本部门协办（吹哨报到）的案件数；已解除协办的不计。主办案件另计。",
)
CO_ON_TIME_RATE = Figure(
    "co_on_time_rate",
    "协办按期率",
    "协办按期反馈数 ÷ 协办应反馈数。按期：在本协办任务的期限内反馈；应反馈：期间内反馈的，加上期限在"
    "期间内而期末未反馈的（已解除协办的不计）。期间内无应反馈时显示 —。",
)

DISPATCH_ACTIONS = (Action.DISPATCH.value, Action.REDISPATCH.value)


def on_time_rate(on_time: int, due: int, closed: int) -> float | None:
    """按期结案率; None (shown —) when nothing was closed or nothing was due."""
    if not closed or not due:
        return None
    return on_time / due


def with_department() -> ColumnElement[bool]:
    """The case is with its department now (待受理, 处置中, 挂账: the 处置中 tab)."""
    return Case.status_group == Group.IN_PROGRESS.value


def dispatch_kept(event: Any = CaseEvent) -> ColumnElement[bool]:
    """`event` is a 派遣/改派 that was not taken back: no 撤回派遣 of the case follows it before
    another dispatch. (Cases never recalled, nearly all, are settled by the first test.)"""
    recall = aliased(CaseEvent)
    between = aliased(CaseEvent)
    recalls = aliased(CaseEvent)
    recalled_cases = select(recalls.case_id).where(recalls.action == Action.RECALL.value)
    later_dispatch = (
        exists()
        .where(
            between.case_id == recall.case_id,
            between.action.in_(DISPATCH_ACTIONS),
            between.id > event.id,
            between.id < recall.id,
        )
        .correlate_except(between)
    )
    undone = (
        exists()
        .where(
            recall.case_id == event.case_id,
            recall.action == Action.RECALL.value,
            recall.id > event.id,
            not_(later_dispatch),
        )
        .correlate_except(recall)
    )
    return and_(
        event.action.in_(DISPATCH_ACTIONS),
        or_(event.case_id.not_in(recalled_cases), not_(undone)),
    )


def kept_dispatches(events: Iterable[tuple[int, str]]) -> set[int]:
    """`dispatch_kept` for one case's events in Python: the ids of its 派遣/改派 not taken back,
    from its events' (id, action) — a dispatch is taken back when it is the last one before a
    撤回派遣. (The roll-ups' catch-up has the events in hand; `rollup verify` checks the two
    against each other.)"""
    dispatches: set[int] = set()
    undone: set[int] = set()
    last: int | None = None
    for event_id, action in sorted(events):
        if action in DISPATCH_ACTIONS:
            dispatches.add(event_id)
            last = event_id
        elif action == Action.RECALL.value and last is not None:
            undone.add(last)
    return dispatches - undone

"""The read-only sections of the case detail pane, built from a CaseDetail: the summary (number,
status, category, place, description), the 基本信息 fields, the deadlines with the running
stage's countdown, the 时间 list and the 处理记录 timeline.

Every text a citizen typed is shown as plain text; rich text only wraps what is escaped first.
"""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.cases.notes import NoteEntry
from db.cases.queries import CaseDetail, HistoryEntry
from db.cases.reporters import ReporterEntry
from db.cases.states import Status
from db.clock import TimeBasis
from db.reference.settings_store import CenterSettings
from db.security.personal_data import mask_name, mask_phone
from desktop.common import palette
from desktop.common.durations import basis_tooltip
from desktop.common.durations import countdown_text as clock_text
from desktop.core.i18n import action_text, satisfaction_text, source_text, status_text


def local_time(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return "—"
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"


def reporter_line(r: ReporterEntry, tz: ZoneInfo | None) -> str:
    """One reporter: masked name and phone, channel, when, the case it came with, 回访."""
    name = mask_name(r.name) or QCoreApplication.translate("CaseDetailSections", "（未留名）")
    phone = f" {mask_phone(r.phone)}" if r.phone else ""
    when = local_time(r.reported_at, tz) if tz is not None else ""
    called = (
        QCoreApplication.translate("CaseDetailSections", "回访：%1").replace(
            "%1", satisfaction_text(r.satisfaction)
        )
        if r.satisfaction
        else QCoreApplication.translate("CaseDetailSections", "未回访")
    )
    return f"{name}{phone}　{source_text(r.source)}　{when}　{r.from_case}　{called}"


def section_title(title: str, parent: QWidget) -> QLabel:
    label = QLabel(title, parent)
    label.setObjectName("sectionTitle")
    return label


def field_row(form: QFormLayout, label: str, value: str) -> QLabel:
    field = QLabel(value)
    field.setTextFormat(Qt.TextFormat.PlainText)
    field.setWordWrap(True)
    field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    name = QLabel(label)
    name.setObjectName("fieldName")
    form.addRow(name, field)
    return field


def add_summary(d: CaseDetail, body: QWidget, v: QVBoxLayout) -> None:
    """Number, 紧急 badge and status chip, then category, place, address and description."""
    header = QHBoxLayout()
    number = QLabel(d.number, body)
    number.setObjectName("caseNumber")
    number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    header.addWidget(number)
    if d.urgent:
        badge = QLabel(QCoreApplication.translate("CaseDetailSections", "紧急"), body)
        badge.setObjectName("urgentBadge")
        header.addWidget(badge)
    header.addStretch(1)
    status = QLabel(status_text(d.status), body)
    status.setObjectName("statusChip")
    status.setProperty("group", d.group)
    header.addWidget(status)
    v.addLayout(header)

    category = QLabel(f"{html.escape(d.major_category)} › {html.escape(d.category)}", body)
    category.setObjectName("caseCategory")
    v.addWidget(category)
    place = QLabel(
        f"{html.escape(d.community)} · {html.escape(d.grid)}"
        f"　<span style='color:{palette.MUTED}'>{html.escape(d.grid_code)}</span>",
        body,
    )
    place.setTextFormat(Qt.TextFormat.RichText)
    v.addWidget(place)
    if d.address:
        address = QLabel(d.address, body)
        address.setTextFormat(Qt.TextFormat.PlainText)  # what citizens typed is never markup
        address.setWordWrap(True)
        v.addWidget(address)
    description = QLabel(d.description, body)
    description.setTextFormat(Qt.TextFormat.PlainText)
    description.setObjectName("caseDescription")
    description.setWordWrap(True)
    description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    v.addWidget(description)


def fields_form(
    d: CaseDetail, body: QWidget, may_reveal: bool, tz: ZoneInfo | None = None
) -> tuple[QFormLayout, QLabel, QPushButton | None]:
    """The 基本信息 form, its 上报人 field (name and phone masked), and the 显示完整号码 button
    when `may_reveal` and there is something masked to reveal (the pane connects it)."""
    form = QFormLayout()
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(4)
    # Masked until revealed (显示完整号码, audited), like the queue and the CLI.
    reporter = mask_name(d.reporter_name) or QCoreApplication.translate(
        "CaseDetailSections", "（未留名）"
    )
    if d.reporter_phone:
        reporter += "　" + mask_phone(d.reporter_phone)
    reporter_label = field_row(
        form, QCoreApplication.translate("CaseDetailSections", "上报人"), reporter
    )
    reveal_button = None
    if (d.reporter_phone or mask_name(d.reporter_name) != d.reporter_name) and may_reveal:
        reveal = QPushButton(QCoreApplication.translate("CaseDetailSections", "显示完整号码"), body)
        reveal.setObjectName("revealReporter")
        reveal.setFlat(True)
        reveal.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout()
        row.addWidget(reveal)
        row.addStretch(1)
        form.addRow("", row)
        reveal_button = reveal
    field_row(form, QCoreApplication.translate("CaseDetailSections", "来源"), source_text(d.source))
    field_row(form, QCoreApplication.translate("CaseDetailSections", "上报人员"), d.reported_by)
    field_row(
        form,
        QCoreApplication.translate("CaseDetailSections", "责任部门"),
        d.department or QCoreApplication.translate("CaseDetailSections", "（未派遣）"),
    )
    if d.dispatch_note:  # what the department was told when the case was sent
        field_row(
            form, QCoreApplication.translate("CaseDetailSections", "派遣意见"), d.dispatch_note
        )
    if d.default_department and d.default_department != d.department:
        field_row(
            form, QCoreApplication.translate("CaseDetailSections", "默认部门"), d.default_department
        )
    if d.longitude is not None and d.latitude is not None:
        field_row(
            form,
            QCoreApplication.translate("CaseDetailSections", "坐标"),
            f"{d.longitude:.6f}, {d.latitude:.6f}",
        )
    if d.satisfaction:
        field_row(
            form,
            QCoreApplication.translate("CaseDetailSections", "回访满意度"),
            satisfaction_text(d.satisfaction),
        )
    if d.merged_into:
        field_row(form, QCoreApplication.translate("CaseDetailSections", "已合并到"), d.merged_into)
    if d.merged_cases:
        field_row(
            form,
            QCoreApplication.translate("CaseDetailSections", "报告数"),
            QCoreApplication.translate("CaseDetailSections", "%1 次（已合并：%2）")
            .replace("%1", str(d.report_count))
            .replace("%2", "、".join(d.merged_cases)),
        )
    if d.possible_duplicates and d.is_open:
        field_row(
            form,
            QCoreApplication.translate("CaseDetailSections", "疑似重复"),
            QCoreApplication.translate("CaseDetailSections", "%1 件，按 Ctrl+Shift+M 比较").replace(
                "%1", str(d.possible_duplicates)
            ),
        )
    counts = []
    for count, text in (
        (d.extension_count, QCoreApplication.translate("CaseDetailSections", "延期 %1 次")),
        (d.rework_count, QCoreApplication.translate("CaseDetailSections", "返工 %1 次")),
        (d.return_count, QCoreApplication.translate("CaseDetailSections", "退单 %1 次")),
        (d.urge_count, QCoreApplication.translate("CaseDetailSections", "督办 %1 次")),
    ):
        if count:
            counts.append(text.replace("%1", str(count)))
    if d.ever_overdue:
        counts.append(QCoreApplication.translate("CaseDetailSections", "曾超期"))
    if counts:
        field_row(form, QCoreApplication.translate("CaseDetailSections", "记录"), "　".join(counts))
    return form, reporter_label, reveal_button


def deadlines_grid(
    d: CaseDetail, parent: QWidget, tz: ZoneInfo
) -> tuple[QGridLayout, QLabel | None]:
    """The three stage deadlines and the warning time, with the countdown label of the stage
    running now (None when no stage runs)."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(14)
    grid.setVerticalSpacing(4)
    countdown_label = None
    stages = (
        (QCoreApplication.translate("CaseDetailSections", "派遣", "stage"), d.dispatch_due),
        (QCoreApplication.translate("CaseDetailSections", "处置", "stage"), d.handle_due),
        (QCoreApplication.translate("CaseDetailSections", "核查", "stage"), d.verify_due),
    )
    # The stage running now; a later stage's deadline left from before a 返工 is void.
    running = next(
        (i for i, (_, due) in enumerate(stages) if d.is_open and due and due == d.due_at),
        None,
    )
    for row, (name, due) in enumerate(stages):
        name_label = QLabel(name, parent)
        name_label.setObjectName("fieldName")
        grid.addWidget(name_label, row, 0)
        stale = running is not None and row > running
        grid.addWidget(QLabel("—" if stale else local_time(due, tz), parent), row, 1)
        if row == running:
            countdown = QLabel(parent)
            countdown.setObjectName("countdown")
            countdown.setToolTip(basis_tooltip(d.time_basis == TimeBasis.WORKING.value))
            countdown_label = countdown
            grid.addWidget(countdown, row, 2)
    if d.is_open and d.warn_at is not None and d.due_at is not None:
        warn_name = QLabel(QCoreApplication.translate("CaseDetailSections", "预警"), parent)
        warn_name.setObjectName("fieldName")
        grid.addWidget(warn_name, len(stages), 0)
        grid.addWidget(QLabel(local_time(d.warn_at, tz), parent), len(stages), 1)
    if d.status == Status.SUSPENDED.value:
        note = QLabel(QCoreApplication.translate("CaseDetailSections", "挂账中，计时暂停"), parent)
        note.setObjectName("countdown")
        grid.addWidget(note, len(stages) + 1, 0, 1, 3)
    grid.setColumnStretch(2, 1)
    return grid, countdown_label


def times_form(d: CaseDetail, tz: ZoneInfo) -> QFormLayout:
    """The 时间 section: when the case was reported, registered, dispatched, … closed."""
    times = QFormLayout()
    times.setHorizontalSpacing(14)
    times.setVerticalSpacing(4)
    for label, moment in (
        (QCoreApplication.translate("CaseDetailSections", "上报", "time"), d.reported_at),
        (QCoreApplication.translate("CaseDetailSections", "立案", "time"), d.registered_at),
        (QCoreApplication.translate("CaseDetailSections", "派遣", "time"), d.dispatched_at),
        (QCoreApplication.translate("CaseDetailSections", "受理", "time"), d.accepted_at),
        (QCoreApplication.translate("CaseDetailSections", "反馈", "time"), d.feedback_at),
        (QCoreApplication.translate("CaseDetailSections", "挂账", "time"), d.suspended_at),
        (QCoreApplication.translate("CaseDetailSections", "结案", "time"), d.closed_at),
    ):
        if moment is not None:
            field_row(times, label, local_time(moment, tz))
    return times


def history_entry(e: HistoryEntry, parent: QWidget, tz: ZoneInfo) -> QLabel:
    """One entry of the 处理记录 timeline: action, actor and time, the status move, details."""
    head = (
        f"<b>{html.escape(action_text(e.action))}</b>　{html.escape(e.actor)}"
        f"　<span style='color:{palette.MUTED}'>{local_time(e.at, tz)}</span>"
    )
    details = e.details or {}
    if details.get("proxy"):  # a department step the centre entered for it (db.cases.workflow)
        head += "　" + QCoreApplication.translate("CaseDetailSections", "（中心代录）")
    lines = [head]
    move = status_text(e.to_status)
    if e.from_status and e.from_status != e.to_status:
        move = f"{status_text(e.from_status)} → {move}"
    if e.department:
        move += f" · {html.escape(e.department)}"
    lines.append(move)
    if "until" in details:
        until = datetime.fromisoformat(str(details["until"]))
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "延期至 %1").replace(
                "%1", local_time(until, tz)
            )
        )
    if "extension_request" in details:
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "依部门延期申请 %1").replace(
                "%1", html.escape(str(details["extension_request"]))
            )
        )
    if details.get("photos"):
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "处置后照片：%1").replace(
                "%1", html.escape("、".join(str(p) for p in details["photos"]))
            )
        )
    if "satisfaction" in details:
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "满意度：%1").replace(
                "%1", satisfaction_text(str(details["satisfaction"]))
            )
        )
    if "into" in details:
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "合并到 %1").replace(
                "%1", html.escape(str(details["into"]))
            )
        )
    if "previous_due" in details and "due" in details:  # 时限重算 (the holiday calendar changed)
        before = datetime.fromisoformat(str(details["previous_due"]))
        after = datetime.fromisoformat(str(details["due"]))
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "时限 %1 → %2")
            .replace("%1", local_time(before, tz))
            .replace("%2", local_time(after, tz))
        )
    if details.get("previous_department"):
        lines.append(
            QCoreApplication.translate("CaseDetailSections", "原部门：%1").replace(
                "%1", html.escape(str(details["previous_department"]))
            )
        )
    if e.note:
        lines.append(f"<i>{html.escape(e.note)}</i>")
    label = QLabel("<br>".join(lines), parent)
    label.setObjectName("timelineEntry")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def call_kind_text(call_kind: str | None) -> str:
    return {
        "callback": QCoreApplication.translate("CaseDetailSections", "回访电话"),
        "urge": QCoreApplication.translate("CaseDetailSections", "催办电话"),
    }.get(call_kind or "", QCoreApplication.translate("CaseDetailSections", "电话"))


def note_entry(n: NoteEntry, parent: QWidget, tz: ZoneInfo) -> QLabel:
    """One internal note or call line (内部备注 / 回访电话 / 催办电话): kind, author and time,
    then for a call whom, the masked phone and the outcome, then the text. Shown in the 内部备注
    thread and in the 处理记录 timeline, marked apart from the official history."""
    kind = (
        call_kind_text(n.call_kind)
        if n.is_call
        else QCoreApplication.translate("CaseDetailSections", "内部备注")
    )
    lines = [
        f"<b>{html.escape(kind)}</b>　{html.escape(n.author_label)}"
        f"　<span style='color:{palette.MUTED}'>{local_time(n.at, tz)}</span>"
    ]
    if n.is_call:
        whom = html.escape(n.called)
        if n.phone:
            whom += f" {html.escape(n.masked_phone)}"
        lines.append(f"{whom} · {html.escape(n.outcome)}")
    if n.text:
        lines.append(html.escape(n.text).replace("\n", "<br>"))
    label = QLabel("<br>".join(lines), parent)
    label.setObjectName("timelineNote")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def countdown_text(d: CaseDetail, now: datetime, settings: CenterSettings) -> tuple[str, str]:
    """The running stage's countdown at `now` (desktop.common.durations' one format, working
    time marked 工) and its state (normal, warning or overdue)."""
    assert d.due_at is not None
    working = d.time_basis == TimeBasis.WORKING.value
    text = clock_text(now, d.due_at, working, settings.calendar())
    if d.due_at < now:
        state = "overdue"
    else:
        state = "warning" if d.warn_at is not None and now >= d.warn_at else "normal"
    return text, state

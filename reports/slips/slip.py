"""Printed slips for the paper file: 派遣单 (dispatch), 督办单 (urge), 结案单 (closing) and a case's
full record (全程记录), on A4 in the center's name, as PDF (the window prints the same pages).

A slip is rendered from the case as `case_detail` reads it; reporters' names and phones are
masked as everywhere else. Printing is recorded in the audit log (who, when, which case, which
slip) by `save_slip` and `record_printing`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from sqlalchemy.orm import Session

from db.cases.queries import CaseDetail, HistoryEntry, case_detail, photo_bytes
from db.cases.states import Action, Status
from db.clock import utcnow
from db.engine import Database
from db.errors import BadFile, ValidationError
from db.reference.settings_store import load_settings
from db.security.actors import Actor
from db.security.audit import record_audit
from db.security.personal_data import mask_name, mask_phone
from reports.slips.fonts import cjk_font_file
from reports.slips.kinds import SLIP_TITLES, SlipKind

# Who signs each slip, left and right.
_SIGNATURES: dict[SlipKind, tuple[str, str]] = {
    SlipKind.DISPATCH: ("派遣人（签字）", "接收部门（签章）"),
    SlipKind.URGE: ("督办单位（签章）", "被督办部门负责人（签字）"),
    SlipKind.CLOSING: ("核查人（签字）", "审核人（签字）"),
    SlipKind.RECORD: ("经办人（签字）", "审核人（签字）"),
}

_FONT = "cjk"
_WIDTH = 180.0  # A4 less 15 mm margins
_LABEL = 24.0
_VALUE = _WIDTH / 2 - _LABEL
_PHOTO_HEIGHT = 42.0
_MAX_PHOTOS = 3
_CLOSED = (Status.CLOSED, Status.MERGED, Status.REJECTED)


def _when(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value is not None else "—"


def _last(history: Sequence[HistoryEntry], *actions: Action) -> HistoryEntry | None:
    wanted = {a.value for a in actions}
    for entry in reversed(history):
        if entry.action in wanted:
            return entry
    return None


class _Slip(FPDF):
    def __init__(self, center: str, title: str, number: str, printed: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.center = center
        self.slip_title = title
        self.number = number
        self.printed = printed
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.add_font(_FONT, "", str(cjk_font_file()))
        self.set_title(f"{title} {number}")
        self.set_creator("GridDesk 网格指挥调度台")

    def header(self) -> None:
        self.set_font(_FONT, size=11)
        self.cell(0, 6, self.center, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(_FONT, size=18)
        self.cell(0, 10, self.slip_title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(_FONT, size=9)
        self.cell(_WIDTH / 2, 6, f"案件编号：{self.number}")
        self.cell(_WIDTH / 2, 6, f"打印时间：{self.printed}", align="R")
        self.ln(8)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(_FONT, size=8)
        self.cell(0, 5, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")

    def pairs(self, rows: Sequence[tuple[str, str, str, str] | tuple[str, str]]) -> None:
        """A bordered table of label/value pairs: two pairs a row, or one spanning the row."""
        self.set_font(_FONT, size=10)
        with self.table(
            col_widths=(_LABEL, _VALUE, _LABEL, _VALUE),
            first_row_as_headings=False,
            line_height=6.5,
            padding=1.2,
        ) as table:
            for pair in rows:
                row = table.row()
                if len(pair) == 2:
                    row.cell(pair[0])
                    row.cell(pair[1] or "—", colspan=3)
                else:
                    for text in pair:
                        row.cell(text or "—")
        self.ln(3)

    def section(self, title: str) -> None:
        self.set_font(_FONT, size=11)
        self.cell(0, 7, f"■ {title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def box(self, label: str, text: str, lines: int) -> None:
        """A labelled box to write in by hand (or holding `text`)."""
        self.set_font(_FONT, size=10)
        height = 6.5 * lines
        top = self.get_y()
        if top + height > self.page_break_trigger:
            self.add_page()
            top = self.get_y()
        self.rect(self.l_margin, top, _WIDTH, height)
        self.set_xy(self.l_margin + 1.5, top + 1.5)
        self.multi_cell(_WIDTH - 3, 6, f"{label}：{text}")
        self.set_y(top + height + 3)

    def photos(self, images: Sequence[bytes]) -> None:
        if not images:
            return
        if self.get_y() + _PHOTO_HEIGHT + 8 > self.page_break_trigger:
            self.add_page()
        self.section("现场照片")
        top = self.get_y()
        x = self.l_margin
        slot = _WIDTH / _MAX_PHOTOS
        for data in images[:_MAX_PHOTOS]:
            try:
                self.image(
                    io.BytesIO(data),
                    x=x,
                    y=top,
                    w=slot - 4,
                    h=_PHOTO_HEIGHT,
                    keep_aspect_ratio=True,
                )
            except Exception:
                self.set_xy(x, top + _PHOTO_HEIGHT / 2)
                self.set_font(_FONT, size=9)
                self.cell(slot - 4, 6, "（照片无法显示）", align="C")
            x += slot
        self.set_y(top + _PHOTO_HEIGHT + 3)

    def signatures(self, left: str, right: str) -> None:
        self.set_font(_FONT, size=10)
        if self.get_y() + 22 > self.page_break_trigger:
            self.add_page()
        self.ln(4)
        half = _WIDTH / 2
        self.cell(half, 8, f"{left}：________________")
        self.cell(half, 8, f"{right}：________________", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(half, 8, "日期：______年____月____日")
        self.cell(half, 8, "日期：______年____月____日", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def history(self, entries: Sequence[HistoryEntry], tz: ZoneInfo) -> None:
        self.section("流转记录")
        self.set_font(_FONT, size=9)
        with self.table(
            col_widths=(30, 22, 18, 30, 80),
            line_height=5.5,
            padding=1,
            headings_style=FontFace(fill_color=(235, 235, 235)),
        ) as table:
            head = table.row()
            for text in ("时间", "操作人", "操作", "部门", "意见或说明"):
                head.cell(text)
            for entry in entries:
                row = table.row()
                row.cell(_when(entry.at, tz))
                row.cell(entry.actor)
                row.cell(entry.action_label)
                row.cell(entry.department or "")
                row.cell(entry.note)
        self.ln(3)


def _case_rows(case: CaseDetail, tz: ZoneInfo) -> list[tuple[str, str, str, str] | tuple[str, str]]:
    return [
        ("案件来源", case.source_label, "紧急程度", "紧急" if case.urgent else "一般"),
        ("上报时间", _when(case.reported_at, tz), "当前状态", case.status_label),
        ("所在社区", case.community, "所在网格", case.grid),
        ("案件类别", f"{case.major_category} / {case.category}"),
        ("事发地址", case.address),
        ("问题描述", case.description),
        ("上报人", mask_name(case.reporter_name), "联系电话", mask_phone(case.reporter_phone)),
    ]


def _check(case: CaseDetail, kind: SlipKind) -> None:
    status = Status(case.status)
    if kind is SlipKind.DISPATCH and case.department is None:
        raise ValidationError(f"案件 {case.number} 尚未派遣，不能打印派遣单")
    if kind is SlipKind.CLOSING and status not in _CLOSED:
        raise ValidationError(f"案件 {case.number} 尚未结案，不能打印结案单")
    if kind is SlipKind.URGE and (case.department is None or not case.is_open):
        raise ValidationError(f"案件 {case.number} 不在部门处置中，不能打印督办单")


def slip_pdf(
    session: Session, number: str, kind: SlipKind, *, now: datetime | None = None
) -> bytes:
    """The slip of `kind` for case `number` as PDF bytes (A4)."""
    kind = SlipKind(kind)
    case = case_detail(session, number)
    _check(case, kind)
    settings = load_settings(session)
    tz = settings.tz
    pdf = _Slip(settings.center_name, SLIP_TITLES[kind], case.number, _when(now or utcnow(), tz))
    pdf.add_page()
    rows = _case_rows(case, tz)
    dispatch = _last(case.history, Action.DISPATCH, Action.REDISPATCH)
    if kind is SlipKind.DISPATCH:
        rows += [
            ("处置部门", case.department or "", "派遣时间", _when(case.dispatched_at, tz)),
            ("处置时限", _when(case.handle_due, tz), "受理时间", _when(case.accepted_at, tz)),
            ("派遣意见", case.dispatch_note),
        ]
    elif kind is SlipKind.URGE:
        urge = _last(case.history, Action.URGE)
        rows += [
            ("处置部门", case.department or "", "派遣时间", _when(case.dispatched_at, tz)),
            ("当前期限", _when(case.due_at, tz), "督办次数", str(case.urge_count)),
            ("督办意见", urge.note if urge else ""),
        ]
    elif kind is SlipKind.CLOSING:
        feedback = _last(case.history, Action.FEEDBACK)
        verify = _last(case.history, Action.VERIFY)
        callback = _last(case.history, Action.CALLBACK)
        rows += [
            ("处置部门", case.department or "", "受理时间", _when(case.accepted_at, tz)),
            ("反馈时间", _when(case.feedback_at, tz), "结案时间", _when(case.closed_at, tz)),
            (
                "是否按期",
                "超期" if case.ever_overdue else "按期",
                "回访满意度",
                case.satisfaction_label or "未回访",
            ),
            ("处置结果", feedback.note if feedback else ""),
            ("核查意见", verify.note if verify else ""),
            ("回访记录", callback.note if callback else ""),
        ]
    else:
        rows += [
            ("处置部门", case.department or "", "派遣时间", _when(case.dispatched_at, tz)),
            ("结案时间", _when(case.closed_at, tz), "回访满意度", case.satisfaction_label or "—"),
            ("派遣意见", dispatch.note if dispatch else ""),
        ]
    pdf.section("案件信息")
    pdf.pairs(rows)
    images = [photo_bytes(session, p.id) for p in case.photos]
    if kind is SlipKind.CLOSING:
        images = images[-_MAX_PHOTOS:]  # the after-photos come last
    if kind is SlipKind.URGE:
        pdf.box("督办要求", "", 3)
        pdf.box("部门回复", "", 4)
    elif kind is SlipKind.RECORD:
        pdf.photos(images)
        pdf.history(case.history, tz)
    else:
        pdf.photos(images)
    if kind is SlipKind.DISPATCH:
        pdf.box("处置情况（部门填写）", "", 3)
    pdf.signatures(*_SIGNATURES[kind])
    return bytes(pdf.output())


def preview_slip(db: Database, actor: Actor, number: str, kind: SlipKind) -> bytes:
    """The slip as PDF for the window's preview; nothing is recorded until it is printed or
    saved (`record_printing`, `save_slip`)."""
    actor.require("case.read", "打印案件单据")
    with db.read() as session:
        return slip_pdf(session, number, SlipKind(kind))


def _audit_printing(session: Session, actor: Actor, number: str, kind: SlipKind, to: str) -> None:
    record_audit(
        session,
        actor,
        "case.print",
        "case",
        number.strip(),
        {"kind": kind.value, "title": SLIP_TITLES[kind], "to": to},
    )


def record_printing(db: Database, actor: Actor, number: str, kind: SlipKind, to: str) -> None:
    """Record in the audit log that `actor` printed the slip (`to`: the printer's name)."""
    actor.require("case.read", "打印案件单据")
    kind = SlipKind(kind)
    with db.write() as session:
        case_detail(session, number)  # the case exists
        _audit_printing(session, actor, number, kind, to)


def save_slip(db: Database, actor: Actor, number: str, kind: SlipKind, target: Path) -> Path:
    """Render the slip and write it to `target` (PDF), recording it in the audit log in the
    same transaction: a slip that cannot be rendered or written is not recorded, and a file
    that cannot be written whole is not left half-written."""
    actor.require("case.read", "打印案件单据")
    kind = SlipKind(kind)
    target = target.expanduser()
    if target.suffix.lower() != ".pdf":
        raise ValidationError(f"单据只能保存为 PDF 文件（.pdf）：{target.name}")
    with db.write() as session:
        data = slip_pdf(session, number, kind)
        _audit_printing(session, actor, number, kind, str(target))
        _write_file(target, data)
    return target


def _write_file(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.part")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise BadFile(f"无法写入 {target}：{exc.strerror or exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()

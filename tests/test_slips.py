"""Printed slips (派遣单, 督办单, 结案单, 全程记录): A4 PDF in the center's name, one page for a
normal case, read back with PDFium; printing recorded in the audit log; refusals write nothing.
The window's dialog previews the pages and saves the same PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.cases.intake import Photo, report_case
from db.cases.states import Action
from db.cases.workflow import Request, apply
from db.engine import Database
from db.models import AuditEntry
from desktop.cli.main import main
from tests.actors import DISPATCHER, SHIFT_LEAD
from tests.street import GRID_A1

A4 = (595, 842)  # points


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(out, "PNG")
    return out.getvalue()


def _dispatched(db: Database) -> str:
    number = report_case(
        db,
        grid_code=GRID_A1,
        category_code="0101",
        description="=1+1 小区门口垃圾堆了三天没人清",
        address="紫金路149号",
        reporter_name="张三丰",
        reporter_phone="13912345678",
        photos=[Photo("scene.png", "image/png", _png())],
        actor=DISPATCHER,
    )
    apply(db, number, Action.REGISTER, actor=DISPATCHER)
    apply(db, number, Action.DISPATCH, Request(reason="请今日内清运"), actor=DISPATCHER)
    return number


def _closed(db: Database) -> str:
    number = _dispatched(db)
    apply(db, number, Action.ACCEPT, actor=DISPATCHER)
    apply(db, number, Action.FEEDBACK, Request(reason="已清运完毕"), actor=DISPATCHER)
    apply(db, number, Action.VERIFY, Request(reason="现场核实"), actor=DISPATCHER)
    return number


def _text(path: Path) -> tuple[int, tuple[int, int], str]:
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        size = (round(page.get_width()), round(page.get_height()))
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        return len(document), size, text
    finally:
        document.close()


def _prints(db: Database) -> int:
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "case.print")
            )
            or 0
        )


def _cli(db: Database, login: list[str], *argv: str) -> int:
    url = db.engine.url.render_as_string(hide_password=False)
    return main(["--db", url, *login, *argv])


def test_cli_prints_each_slip_on_one_a4_page(
    street: Database, tmp_path: Path, cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(street, "dispatcher")
    open_case = _dispatched(street)
    closed = _closed(street)
    for kind, number, title, expected in (
        ("dispatch", open_case, "案件派遣单", "请今日内清运"),
        ("urge", open_case, "案件督办单", "督办要求"),
        ("closing", closed, "案件结案单", "已清运完毕"),
        ("record", closed, "案件全程记录", "现场核实"),
    ):
        out = tmp_path / f"{kind}.pdf"
        assert _cli(street, login, "case", "print", number, "--kind", kind, "--out", str(out)) == 0
        pages, size, text = _text(out)
        assert pages == 1 and size == A4, kind
        for wanted in (title, number, "网格化服务管理指挥调度中心", expected, "紫金路149号"):
            assert wanted in text, (kind, wanted)
        assert "13912345678" not in text and "张三丰" not in text  # masked
        assert "=1+1" in text  # a description is printed as written
    assert _prints(street) == 4


def test_refusals_write_nothing(
    street: Database,
    tmp_path: Path,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = cli_login(street, "dispatcher")
    number = _dispatched(street)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "closing.pdf"
    capsys.readouterr()
    assert _cli(street, login, "case", "print", number, "--kind", "closing", "--out", str(out)) == 2
    assert "尚未结案" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder" / "x.pdf"
    assert (
        _cli(street, login, "case", "print", number, "--kind", "dispatch", "--out", str(missing))
        == 2
    )
    assert "无法写入" in capsys.readouterr().err
    wrong = tmp_path / "x.xlsx"
    assert (
        _cli(street, login, "case", "print", number, "--kind", "dispatch", "--out", str(wrong)) == 2
    )
    assert not out.exists() and not missing.exists() and not wrong.exists()
    assert list(tmp_path.iterdir()) == []  # no half-written file either
    assert _prints(street) == 0


def test_dialog_previews_and_saves(
    street: Database,
    tmp_path: Path,
    qtbot: QtBot,
    make_ctx: Callable[..., object],
) -> None:
    from desktop.cases.print_dialog import SlipPrintDialog

    number = _closed(street)
    ctx = make_ctx(street, SHIFT_LEAD)
    dialog = SlipPrintDialog(ctx, number)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None and dialog.pages_layout.count() == 1)
    assert dialog.print_button.isEnabled() and "共 1 页" in dialog.status.text()
    target = tmp_path / "派遣单.pdf"
    dialog.save_to(str(target))
    qtbot.waitUntil(lambda: "已保存" in dialog.status.text())
    assert _text(target)[0] == 1 and _prints(street) == 1

    # 督办单 of a closed case: one sentence, nothing to print.
    dialog.kinds.button(1).click()
    qtbot.waitUntil(lambda: "不能打印督办单" in dialog.status.text())
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()

"""打印单据: a case's 派遣单 / 督办单 / 结案单 / 全程记录 previewed page by page, then printed
through the system's print dialog or saved as PDF. The pages are the PDF that `griddesk-admin case
print` writes (reports/slips), drawn as images; printing and saving are recorded in the audit
log by the same db functions the command line uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.errors import UserError
from desktop.common import palette
from desktop.common.db_messages import db_message_text
from desktop.core.context import AppContext
from reports.slips.kinds import SlipKind
from reports.slips.slip import preview_slip, record_printing, save_slip

PREVIEW_DPI = 96
PRINT_DPI = 300
_CONTEXT = "SlipPrintDialog"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    return text


_KIND_SOURCES: dict[SlipKind, str] = {
    SlipKind.DISPATCH: QT_TRANSLATE_NOOP("SlipPrintDialog", "派遣单"),
    SlipKind.URGE: QT_TRANSLATE_NOOP("SlipPrintDialog", "督办单"),
    SlipKind.CLOSING: QT_TRANSLATE_NOOP("SlipPrintDialog", "结案单"),
    SlipKind.RECORD: QT_TRANSLATE_NOOP("SlipPrintDialog", "全程记录"),
}


def kind_label(kind: SlipKind) -> str:
    return QCoreApplication.translate(_CONTEXT, _KIND_SOURCES[kind])


@dataclass(frozen=True)
class PageImage:
    """One rendered page as raw RGB bytes (built off the GUI thread; a QImage is made on it)."""

    width: int
    height: int
    data: bytes

    def image(self) -> QImage:
        return QImage(
            self.data, self.width, self.height, self.width * 3, QImage.Format.Format_RGB888
        ).copy()


def render_pages(pdf: bytes, dpi: int) -> list[PageImage]:
    """The pages of `pdf` as images at `dpi` (no Qt: runs on a worker thread)."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            picture = bitmap.to_pil().convert("RGB")
            pages.append(PageImage(picture.width, picture.height, picture.tobytes()))
            page.close()
    finally:
        document.close()
    return pages


class SlipPrintDialog(QDialog):
    """Choose the slip, look at it, print it or save it as PDF."""

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.pdf: bytes | None = None
        self.pages: list[PageImage] = []
        self.loading = False  # a slip is being rendered
        self.setWindowTitle(self.tr("打印单据 — 案件 %1").replace("%1", number))
        self.resize(760, 900)

        self.kinds = QButtonGroup(self)
        choice = QHBoxLayout()
        for i, kind in enumerate(SlipKind):
            button = QRadioButton(kind_label(kind))
            button.setProperty("kind", kind.value)
            self.kinds.addButton(button, i)
            choice.addWidget(button)
        choice.addStretch(1)
        self.kinds.button(0).setChecked(True)
        self.kinds.idClicked.connect(lambda _id: self.load())

        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_box)
        scroll.setObjectName("slipPreview")

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setShortcut("Ctrl+P")
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.save_button.setShortcut("Ctrl+S")
        close = QPushButton(self.tr("关闭"))
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.load()

    @property
    def kind(self) -> SlipKind:
        button = self.kinds.checkedButton()
        return SlipKind(button.property("kind")) if button is not None else SlipKind.DISPATCH

    def _busy(self, busy: bool, text: str = "") -> None:
        self.print_button.setEnabled(not busy and self.pdf is not None)
        self.save_button.setEnabled(not busy and self.pdf is not None)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        if not isinstance(exc, UserError):
            self.ctx.tasks.report(exc)
            return
        self._busy(False)
        self.status.setStyleSheet(palette.ERROR_STYLE)
        self.status.setText(db_message_text(str(exc)))

    def load(self) -> None:
        """Render the chosen slip (off the GUI thread) and show its pages."""
        self.pdf = None
        self.loading = True
        self._clear_pages()
        self._busy(True, self.tr("正在生成…"))
        actor, number, kind = self.ctx.actor, self.number, self.kind

        def job(db: Database) -> tuple[SlipKind, bytes, list[PageImage]]:
            pdf = preview_slip(db, actor, number, kind)
            return kind, pdf, render_pages(pdf, PREVIEW_DPI)

        self.ctx.tasks.submit(job, self._loaded, self._failed, owner=self)

    def _clear_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _loaded(self, result: tuple[SlipKind, bytes, list[PageImage]]) -> None:
        kind, pdf, pages = result
        if kind is not self.kind:
            return  # another slip was chosen meanwhile; its own load follows
        self.loading = False
        self.pdf = pdf
        self.pages = pages
        self._clear_pages()
        for page in pages:
            label = QLabel()
            label.setObjectName("slipPage")
            label.setPixmap(QPixmap.fromImage(page.image()))
            self.pages_layout.addWidget(label)
        self._busy(False, self.tr("共 %1 页，A4").replace("%1", str(len(pages))))

    def print_slip(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{kind_label(self.kind)} {self.number}")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._busy(True, self.tr("正在打印…"))
        actor, number, kind, pdf = self.ctx.actor, self.number, self.kind, self.pdf
        printer_name = printer.printerName() or printer.outputFileName() or "printer"

        def job(db: Database) -> list[PageImage]:
            record_printing(db, actor, number, kind, printer_name)
            return render_pages(pdf, PRINT_DPI)

        self.ctx.tasks.submit(
            job, lambda pages: self._paint(printer, pages), self._failed, owner=self
        )

    def _paint(self, printer: QPrinter, pages: list[PageImage]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            self._failed(UserError(self.tr("无法开始打印：请检查打印机")))
            return
        try:
            for i, page in enumerate(pages):
                if i:
                    printer.newPage()
                target = painter.viewport()
                image = page.image()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), size), image)
        finally:
            painter.end()
        self._busy(False, self.tr("已送往打印机，已记入审计日志"))

    def save_pdf(self) -> None:
        if self.pdf is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存为 PDF"),
            f"{kind_label(self.kind)}-{self.number}.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if name:
            self.save_to(name)

    def save_to(self, name: str) -> None:
        self._busy(True, self.tr("正在保存…"))
        actor, number, kind = self.ctx.actor, self.number, self.kind

        def job(db: Database) -> Path:
            return save_slip(db, actor, number, kind, Path(name))

        def done(path: Path) -> None:
            self._busy(False, self.tr("已保存到 %1，已记入审计日志").replace("%1", str(path)))

        self.ctx.tasks.submit(job, done, self._failed, owner=self)

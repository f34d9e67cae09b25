"""The statistics page's exports: a chart as PNG (width and file asked for), the PDF summary.

The summary is one A4 page: heading, today's numbers, six charts, the densest grids. The texts
here keep the page's translation context (StatsPage), where they were written first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from db.stats.figures import StatsSnapshot
from desktop.stats.chart_base import ChartBase
from desktop.stats.chart_set import ChartSet
from desktop.stats.chart_style import LIGHT

DEFAULT_PNG_WIDTH = 1600


def chart_menu(parent: QWidget, chart: ChartBase, notify: Callable[[str], None]) -> None:
    """A chart's context menu: 导出为 PNG…"""
    menu = QMenu(parent)
    action = menu.addAction(QCoreApplication.translate("StatsPage", "导出为 PNG…"))
    action.triggered.connect(lambda: ask_export_png(parent, chart, notify))
    menu.popup(chart.cursor().pos())


def ask_export_png(parent: QWidget, chart: ChartBase, notify: Callable[[str], None]) -> None:
    """Ask for a width and a file, write `chart` there as PNG, `notify` the path."""
    width, ok = QInputDialog.getInt(
        parent,
        QCoreApplication.translate("StatsPage", "导出图表"),
        QCoreApplication.translate("StatsPage", "图片宽度（像素）："),
        DEFAULT_PNG_WIDTH,
        200,
        8000,
        100,
    )
    if not ok:
        return
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("StatsPage", "导出图表"),
        f"{chart.title}.png",
        QCoreApplication.translate("StatsPage", "PNG 图片 (*.png)"),
    )
    if not path:
        return
    try:
        chart.export_png(path, width)
    except OSError:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("StatsPage", "导出图表"),
            QCoreApplication.translate("StatsPage", "无法写入文件：{path}").format(path=path),
        )
        return
    notify(QCoreApplication.translate("StatsPage", "已导出 {path}").format(path=path))


def ask_export_pdf(
    parent: QWidget, export_pdf: Callable[[str], None], notify: Callable[[str], None]
) -> None:
    """Ask for a file, write the summary there with `export_pdf`, `notify` the path."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("StatsPage", "导出 PDF 摘要"),
        QCoreApplication.translate("StatsPage", "统计摘要.pdf"),
        QCoreApplication.translate("StatsPage", "PDF 文件 (*.pdf)"),
    )
    if not path:
        return
    try:
        export_pdf(path)
    except OSError:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("StatsPage", "导出 PDF 摘要"),
            QCoreApplication.translate("StatsPage", "无法写入文件：{path}").format(path=path),
        )
        return
    notify(QCoreApplication.translate("StatsPage", "已导出 {path}").format(path=path))


@dataclass(frozen=True)
class SummaryContent:
    """What the summary shows, taken from the statistics page when it is exported."""

    snapshot: StatsSnapshot
    charts: ChartSet
    figures: dict[str, str]  # `KeyFigures.texts()`
    center_name: str
    period: str  # the first and last day, e.g. 2026-11-01 — 2026-11-26
    scope: str  # the community, department and category chosen
    tz: ZoneInfo
    font: QFont


def write_summary_pdf(content: SummaryContent, path: str | Path) -> None:
    """One A4 landscape page: title, period and scope, today's numbers, six charts, the
    densest grids. Written to a temporary file first; raises OSError if it cannot be written."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(QCoreApplication.translate("StatsPage", "统计摘要"))
    writer.setCreator("GridDesk")
    painter = QPainter()
    if not painter.begin(writer):
        tmp.unlink(missing_ok=True)
        raise OSError(str(target))
    try:
        paint_summary(content, painter, writer.width(), writer.height())
    finally:
        painter.end()
    if not tmp.exists() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise OSError(str(target))
    tmp.replace(target)


def paint_summary(content: SummaryContent, p: QPainter, width: int, height: int) -> None:
    """Paint the summary on `p`, a page of `width` × `height` device pixels."""
    snap = content.snapshot
    font = QFont(content.font)
    font.setPixelSize(34)
    font.setBold(True)
    p.setFont(font)
    p.drawText(
        QRectF(0, 0, width, 50),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        QCoreApplication.translate("StatsPage", "{center} 统计摘要").format(
            center=content.center_name
        ),
    )
    font.setPixelSize(20)
    font.setBold(False)
    p.setFont(font)
    generated = snap.now.astimezone(content.tz)
    p.drawText(
        QRectF(0, 52, width, 30),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        QCoreApplication.translate(
            "StatsPage", "统计期间：{period}　范围：{scope}　生成时间：{at}"
        ).format(period=content.period, scope=content.scope, at=f"{generated:%Y-%m-%d %H:%M}"),
    )
    # Today's numbers in one line of tiles.
    figures = content.figures
    labels = [
        (QCoreApplication.translate("StatsPage", "今日受理"), figures["received"]),
        (QCoreApplication.translate("StatsPage", "今日派遣"), figures["dispatched"]),
        (QCoreApplication.translate("StatsPage", "今日结案"), figures["closed"]),
        (QCoreApplication.translate("StatsPage", "当前超期"), figures["overdue"]),
        (QCoreApplication.translate("StatsPage", "今日按期率"), figures["on_time"]),
    ]
    tile_w = width / len(labels)
    top = 92
    for i, (label, value) in enumerate(labels):
        rect = QRectF(i * tile_w + 4, top, tile_w - 8, 70)
        p.fillRect(rect, QColor(LIGHT.tile))
        font.setPixelSize(18)
        font.setBold(False)
        p.setFont(font)
        p.drawText(
            rect.adjusted(10, 4, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            label,
        )
        font.setPixelSize(30)
        font.setBold(True)
        p.setFont(font)
        p.drawText(
            rect.adjusted(10, 0, 0, -6),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            value,
        )
    # Six charts in a 3 × 2 grid, then the densest grids.
    charts = content.charts
    names = ["flow", "majors", "departments", "alerts", "sources", "handling"]
    table_h = 150
    area_top = top + 82
    cell_w = width / 3
    cell_h = (height - area_top - table_h) / 2
    for i, name in enumerate(names):
        chart = charts.charts()[name]
        rect = QRectF(
            (i % 3) * cell_w + 4, area_top + (i // 3) * cell_h + 4, cell_w - 8, cell_h - 8
        )
        # Twice the cell's pixels: crisp on paper.
        image = chart.image(max(int(rect.width()) * 2, 200), rect.height() / rect.width())
        scaled = image.size().scaled(
            int(rect.width()), int(rect.height()), Qt.AspectRatioMode.KeepAspectRatio
        )
        target = QRectF(rect.x(), rect.y(), scaled.width(), scaled.height())
        p.drawImage(target, image)
    font.setPixelSize(18)
    font.setBold(True)
    p.setFont(font)
    y = height - table_h + 10
    p.drawText(
        QRectF(0, y, width, 26),
        int(Qt.AlignmentFlag.AlignLeft),
        QCoreApplication.translate("StatsPage", "在办案件最密的网格"),
    )
    font.setBold(False)
    p.setFont(font)
    densest = [g for g in snap.grids if g.open][:6]
    col_w = width / 2
    for i, g in enumerate(densest):
        text = QCoreApplication.translate(
            "StatsPage", "{community} {grid}：在办 {open}，超期 {overdue}，每千户 {density:.2f}"
        ).format(
            community=g.community,
            grid=g.name,
            open=g.open,
            overdue=g.overdue,
            density=g.per_thousand,
        )
        p.drawText(
            QRectF((i % 2) * col_w, y + 30 + (i // 2) * 28, col_w - 10, 26),
            int(Qt.AlignmentFlag.AlignLeft),
            text,
        )
    if not densest:
        p.drawText(
            QRectF(0, y + 30, width, 26),
            int(Qt.AlignmentFlag.AlignLeft),
            QCoreApplication.translate("StatsPage", "暂无在办案件"),
        )

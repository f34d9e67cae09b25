"""Asking where the day-one template goes and which filled template to read (file dialogs)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir
from PySide6.QtWidgets import QFileDialog, QWidget


def _filter() -> str:
    return QCoreApplication.translate("SetupFiles", "Excel 工作簿 (*.xlsx)")


def ask_template_target(parent: QWidget | None) -> Path | None:
    """Where to write the empty template (.xlsx added when left out); None when cancelled."""
    name = QCoreApplication.translate("SetupFiles", "建街模板.xlsx")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SetupFiles", "写出建街模板"),
        str(Path(QDir.homePath()) / name),
        _filter(),
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")


def ask_filled_template(parent: QWidget | None) -> Path | None:
    """The filled template to read; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("SetupFiles", "选择填好的建街模板"),
        QDir.homePath(),
        _filter(),
    )
    return Path(path) if path else None

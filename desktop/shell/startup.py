"""Start-up work before the main window exists: whether the database has a street, and
building the demo street off the GUI thread with a progress dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog

from db.engine import Database
from db.reference.geography import has_street as street_exists
from desktop.core.tasks import TaskControl, TaskRunner


def has_street(db: Database) -> bool:
    with db.read() as session:
        return street_exists(session)


def demo_refusal(db: Database) -> str | None:
    """Why `--demo` may not touch this database (one sentence: it was set up for real), or
    None when the demo may be built here or is here already."""
    from db.demo.street import real_data_refusal  # the demo builder, loaded only with --demo

    with db.read() as session:
        return real_data_refusal(session)


# The stages build_demo reports (db/demo/street.py), named here so the dialog shows them translated.
DEMO_STAGES = (
    QT_TRANSLATE_NOOP("DemoStages", "街道、社区与网格"),
    QT_TRANSLATE_NOOP("DemoStages", "人员花名册"),
    QT_TRANSLATE_NOOP("DemoStages", "案件"),
    QT_TRANSLATE_NOOP("DemoStages", "索引"),
    QT_TRANSLATE_NOOP("DemoStages", "收尾"),
    QT_TRANSLATE_NOOP("DemoStages", "完成"),
)


def build_demo_with_progress(
    db: Database, show_dialog: bool = True, **kwargs: Any
) -> BaseException | None:
    """Build the demo street off the GUI thread, keeping the GUI alive; returns the error.

    It runs before the window (and its AppContext) exists, so it gets a TaskRunner of its
    own, which owns the job and goes away with it."""
    runner = TaskRunner(db)
    loop = QEventLoop()
    outcome: list[BaseException | None] = []
    dialog: QProgressDialog | None = None
    if show_dialog:
        dialog = QProgressDialog(
            QCoreApplication.translate("App", "正在生成演示街道与案件…"), "", 0, 0
        )
        dialog.setWindowTitle(QCoreApplication.translate("App", "演示数据"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.show()

    def on_progress(done: int, total: int, text: str) -> None:
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(QCoreApplication.translate("DemoStages", text))

    def job(control: TaskControl) -> None:
        from db.demo.street import build_demo

        def report(stage: str, fraction: float) -> None:  # build_demo's progress(stage, 0…1)
            control.progress(int(fraction * 1000), 1000, stage)

        build_demo(db, progress=report, **kwargs)

    def ended(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    runner.start(
        job,
        lambda _none: ended(None),
        ended,
        owner=runner,
        on_progress=on_progress,
        name="griddesk-demo",
    )
    if not outcome:
        loop.exec()
    if dialog is not None:
        dialog.close()
    runner.shutdown()
    runner.deleteLater()
    return outcome[0] if outcome else None

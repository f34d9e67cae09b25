"""Exporting a return to .xlsx as a long job that reports progress and can be cancelled."""

from __future__ import annotations

import threading
from pathlib import Path

from db.engine import Database
from desktop.core.tasks import Task, TaskControl
from reports.registry import export_report
from reports.request import ReportRequest


class ExportJob:
    """One export as a long job: build the return, write the file, reporting (rows written,
    rows in all). It can be cancelled until writing starts, never after: a workbook stopped
    half-way would leave the writer's own temporary files in the target folder."""

    def __init__(self, db: Database, kind: str, request: ReportRequest, out: Path) -> None:
        self.db, self.kind, self.request, self.out = db, kind, request, out
        self.thread_id: int | None = None
        self._lock = threading.Lock()
        self._writing = False

    def __call__(self, control: TaskControl) -> Path:
        self.thread_id = threading.get_ident()
        control.progress(0, 0)

        def writing() -> None:
            with self._lock:
                control.check()
                self._writing = True

        # As the CLI exports it: permissions checked, the export audited, the file written in
        # the transaction the return is built in (a long list's rows are read as they are
        # written, reports.model.StreamedRows).
        return export_report(
            self.db,
            self.kind,
            self.request,
            self.out,
            lambda done, total: control.progress(done, total),
            before_writing=writing,
        )

    def cancel(self, task: Task) -> bool:
        """Cancel `task` (the one running this job) unless the file is being written."""
        with self._lock:
            if self._writing:
                return False
            task.cancel()
            return True

"""Layering: `db` and `reports` never import Qt or the desktop (import-linter contracts in
pyproject.toml, and a fresh interpreter that imports every module of both), and the console
tool `griddesk-admin` runs without Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_import_linter_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_db_and_reports_do_not_import_qt() -> None:
    result = run_python(
        """
        import importlib, pkgutil, sys
        import db, reports
        imported = []
        for package in (db, reports):
            for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                # Alembic's env.py and the migration scripts run only inside Alembic.
                if module.name.startswith("db.migrations."):
                    continue
                importlib.import_module(module.name)
                imported.append(module.name)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
        desktop = sorted(m for m in sys.modules if m.split(".")[0] == "desktop")
        print(len(imported), qt, desktop)
        assert not qt and not desktop, (qt, desktop)
        """
    )
    assert result.returncode == 0, result.stdout + result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 20  # every module of db and reports was imported


def test_admin_cli_does_not_import_qt() -> None:
    result = run_python(
        """
        import sys
        from desktop.cli.main import build_parser, main
        build_parser()  # imports every command module that exists
        code = main(["--help"])
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
        assert code == 0 and not qt, qt
        """
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "griddesk-admin" in result.stdout

"""Bench: the peak RSS of the application process with the desk, the statistics page and a
monthly return on the 1,000,000-case desk database (issue 16: ≤ 200 MB).

The scenario runs in a child process of its own (the desk bench's measures would otherwise be
in the figure), as a user's day goes: the sign-in dialog, the main window on the desk until its
queue is filled, the window's own start-up work done (the pickers' pinyin, the intake
suggestions learning from closed cases), then the statistics page opened (this month drawn,
then this year drawn), then the monthly return of this month written to .xlsx, as the
报表 page's export job does. The figure is the child's peak RSS (VmHWM, as ru_maxrss).

`python -m bench.desk_rss` prints each step's RSS, its high-water mark and what the resident
memory is (anonymous: the Python heap, the caches; file: the mapped libraries), and the
imported packages by the memory their import cost (`--imports`), so a change is attributed.
The database is the desk bench's (`bench.desk.ensure_database`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_RSS_MB = 200.0


def memory() -> dict[str, float]:
    """This process's resident memory now, its high-water mark, and the kinds, in MB."""
    out: dict[str, float] = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
                out[key] = int(value.split()[0]) / 1024
    return out


class ImportCost:
    """The resident memory each imported module's own execution added (without the modules it
    imported itself), summed by top-level package: what importing a library costs."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self._stack: list[float] = []

    def install(self) -> None:
        import importlib.abc
        import importlib.machinery

        cost = self

        def rss() -> float:
            with open("/proc/self/statm") as statm:
                return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

        class Finder(importlib.abc.MetaPathFinder):
            def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
                spec = importlib.machinery.PathFinder.find_spec(name, path, target)
                loader = getattr(spec, "loader", None)
                run = getattr(loader, "exec_module", None)
                if run is None:
                    return spec

                def exec_module(module: Any, run: Callable[[Any], None] = run) -> None:
                    start = rss()
                    cost._stack.append(0.0)
                    try:
                        run(module)
                    finally:
                        inner = cost._stack.pop()
                        total = rss() - start
                        cost.own[name] = cost.own.get(name, 0.0) + total - inner
                        if cost._stack:
                            cost._stack[-1] += total

                with contextlib.suppress(AttributeError, TypeError):
                    loader.exec_module = exec_module  # type: ignore[union-attr]
                return spec

        sys.meta_path.insert(0, Finder())

    def by_package(self) -> list[tuple[str, float]]:
        packages: dict[str, float] = {}
        for name, mb in self.own.items():
            top = name.split(".")[0]
            packages[top] = packages.get(top, 0.0) + mb
        return sorted(packages.items(), key=lambda item: -item[1])


def scenario(path: Path, imports: bool, trace: bool = False) -> dict[str, Any]:
    """The child: run the scenario, return the steps' memory (and the import costs; with
    `trace`, where the Python heap's blocks were allocated at each step, by file)."""
    cost = ImportCost()
    if imports:
        cost.install()
    traced: list[tuple[str, list[tuple[str, float]]]] = []
    if trace:
        import tracemalloc

        tracemalloc.start()
    steps: list[tuple[str, dict[str, float]]] = []

    def step(name: str) -> None:
        steps.append((name, memory()))
        if trace:
            snapshot = tracemalloc.take_snapshot()
            top = snapshot.statistics("filename")
            traced.append(
                (
                    name,
                    [("(all)", sum(s.size for s in top) / 2**20)]
                    + [(str(s.traceback[0].filename), s.size / 2**20) for s in top[:25]],
                )
            )

    step("interpreter")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    # What `griddesk` imports and sets up before it opens the database (desktop.app.main).
    from desktop.app import apply_style, configure_application
    from desktop.core.i18n import install_translators

    app = QApplication.instance() or QApplication(["griddesk"])
    assert isinstance(app, QApplication)
    configure_application(app)
    install_translators(app, "zh_CN")
    apply_style(app)

    from db.database import open_database
    from db.security.actors import Actor, Role
    from desktop.core.context import AppContext
    from desktop.shell.sign_in import SignInDialog

    db = open_database(f"sqlite:///{path}")
    dialog = SignInDialog(db, "")
    dialog.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.close()
    step("sign-in dialog")

    def wait(done: Callable[[], bool], timeout: float = 600.0) -> None:
        deadline = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("bench step did not finish")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if not done():
                time.sleep(0.001)

    def pause(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    from desktop.shell.main_window import LEARN_FIRST_MS, PAGE_KEYS, MainWindow

    ctx = AppContext.create(db, Actor("bench", "调度员", Role.SYSTEM), start_feed=True)
    window = MainWindow(ctx)
    window.resize(1600, 960)
    window.show_page(0)
    window.show()
    model = window.desk_page.model
    wait(lambda: model.rowCount() > 0 and bool(model.index(0, 1).data()) and ctx.tasks.is_idle())
    step("desk, queue filled")
    # The window's own start-up work: the pickers' pinyin (after 4 s) and the intake
    # suggestions learning from closed cases (after 5 s, on a thread of its own).
    pause(LEARN_FIRST_MS + 1000)
    wait(ctx.tasks.is_idle)
    step("desk, start-up work done")

    from db.stats.periods import Period

    window.show_page(PAGE_KEYS.index("stats"))
    stats = window.stats_page
    drawn: list[int] = []
    stats.drawn.connect(lambda: drawn.append(1))
    wait(lambda: bool(drawn) and stats.snapshot is not None and ctx.tasks.is_idle())
    step("statistics, month drawn")
    drawn.clear()
    stats.period.setCurrentIndex(stats.period.findData(Period.YEAR.value))
    wait(lambda: bool(drawn) and ctx.tasks.is_idle())
    step("statistics, year drawn")

    from datetime import date

    from desktop.returns.export_job import ExportJob
    from reports.period import parse_period
    from reports.request import ReportRequest

    today = date.today()
    request = ReportRequest(parse_period(f"{today.year}-{today.month:02d}"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "monthly-return.xlsx"
        written: list[object] = []
        ctx.tasks.start(
            ExportJob(db, "monthly-cases", request, out),
            written.append,
            lambda error: written.append(error),
            owner=window,
            name="griddesk-export",
        )
        wait(lambda: bool(written) and ctx.tasks.is_idle())
        if not isinstance(written[0], Path) or not out.exists():
            raise RuntimeError(f"the return was not written: {written[0]!r}")
    step("monthly return written")
    window.close()
    wait(ctx.tasks.is_idle)
    ctx.close()
    db.dispose()
    return {
        "steps": steps,
        "traced": traced,
        "packages": cost.by_package() if imports else [],
        "modules": sorted(cost.own.items(), key=lambda item: -item[1])[:25] if imports else [],
    }


def measure(
    path: Path, imports: bool = False, env: dict[str, str] | None = None, trace: bool = False
) -> dict[str, Any]:
    """Run the scenario in a child process; its steps, its import costs and its peak RSS."""
    with tempfile.TemporaryDirectory() as home:
        child_env = {**os.environ, **(env or {}), "QT_QPA_PLATFORM": "offscreen"}
        child_env["XDG_CONFIG_HOME"] = child_env["XDG_DATA_HOME"] = home
        args = [sys.executable, "-m", "bench.desk_rss", "--child", str(path)]
        done = subprocess.run(
            args + (["--imports"] if imports else []) + (["--trace"] if trace else []),
            cwd=REPO,
            env=child_env,
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["peak_mb"] = max(step["VmHWM"] for _name, step in result["steps"])
    return result


def print_report(result: dict[str, Any]) -> None:
    print(f"{'step':<28} {'RSS':>7} {'peak':>7} {'anon':>7} {'file':>7}   (MB)")
    for name, step in result["steps"]:
        print(
            f"{name:<28} {step['VmRSS']:>7.0f} {step['VmHWM']:>7.0f} "
            f"{step.get('RssAnon', 0):>7.0f} {step.get('RssFile', 0):>7.0f}"
        )
    if result["packages"]:
        print("import cost by package (MB, resident memory added by its own modules):")
        for name, mb in result["packages"][:20]:
            print(f"  {name:<24} {mb:>6.1f}")
    for name, top in result.get("traced", []):
        print(f"Python heap (tracemalloc) at {name}, MB:")
        for filename, mb in top[:16]:
            print(f"  {mb:>6.1f}  {filename.replace(str(REPO) + '/', '')}")
    ok = result["peak_mb"] <= TARGET_RSS_MB
    print(
        f"peak RSS, desk+stats+return: {result['peak_mb']:.0f} MB "
        f"(target ≤ {TARGET_RSS_MB:.0f} MB) {'✓' if ok else '✗'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.desk_rss", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--imports", action="store_true", help="attribute memory to imports")
    parser.add_argument(
        "--trace", action="store_true", help="tracemalloc: the Python heap by file at each step"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--child", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(scenario(Path(args.child), args.imports, args.trace)))
        return 0
    from bench.desk import ensure_database

    result = measure(ensure_database(args.rebuild), imports=args.imports, trace=args.trace)
    print_report(result)
    return 0 if result["peak_mb"] <= TARGET_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())

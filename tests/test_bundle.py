"""The built offline bundle, run the way an intranet PC runs it (issue 15).

Runs only when $GRIDDESK_BUNDLE names the .tar.xz that `make package` built (or its folder) (`make
package-smoke` sets it; packaging/smoke.sh); skipped otherwise. The archive is unpacked into a
folder whose path has Chinese characters and a space, and every program is started from an empty
environment (`env -i`, no virtualenv) without a network (`unshare -n`, where the kernel allows it).
What the bundle writes is read back here, outside it, with this interpreter's openpyxl and sqlite3.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli.main import build_parser
from desktop.shell.screenshot import PAGE_NAMES
from tests.test_roster_import import HEADERS, build_sheet, pid

# Each start of a bundled program costs seconds on a loaded machine, and there are ~50 commands.
pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(1800)]

BUNDLE_ARCHIVE = os.environ.get("GRIDDESK_BUNDLE", "")
PLACEHOLDER = "此功能尚未提供"
PASSWORD = "demo2026"


def command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand of the argument tree, as the words that name it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from command_paths(sub, (*prefix, name))


class Bundle:
    """The unpacked bundle and how to start its programs in an empty environment."""

    def __init__(self, root: Path, home: Path) -> None:
        self.root = root
        self.home = home
        self.db = home / "数据 库" / "griddesk.sqlite"
        self.db.parent.mkdir(parents=True)
        self.isolate = ["unshare", "-n"] if _can_unshare_network() else []
        self.timings: dict[str, float] = {}

    def run(
        self, program: str, *args: str, user: str | None = None, label: str = "", timeout: int = 600
    ) -> subprocess.CompletedProcess[str]:
        env = {
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
        }
        if user is not None:
            env["GRIDDESK_PASSWORD"] = PASSWORD
        login = ["--user", user] if user is not None else []
        command = [
            "env", "-i", *(f"{k}={v}" for k, v in env.items()), *self.isolate,
            str(self.root / program), *(["--db", str(self.db)] if program == "griddesk-admin" else []),
            *login, *args,
        ]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
        )
        if label:
            self.timings[label] = time.perf_counter() - start
        return done


def _can_unshare_network() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    if not BUNDLE_ARCHIVE:
        pytest.skip("no bundle: set GRIDDESK_BUNDLE to the .tar.xz of `make package`")
    archive = Path(BUNDLE_ARCHIVE)
    assert archive.exists(), f"GRIDDESK_BUNDLE={archive} does not exist"
    where = tmp_path_factory.mktemp("bundle") / "网格 调度台"
    where.mkdir()
    if archive.is_dir():  # a built folder (dist/griddesk) while working on the bundle
        shutil.copytree(archive, where / "griddesk", symlinks=True)
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(where, filter="tar")
    root = where / "griddesk"
    assert (root / "griddesk").is_file() and (root / "griddesk-admin").is_file()
    b = Bundle(root, where / "家 目录")
    yield b
    print("\nbundle timings (s):", json.dumps({k: round(v, 2) for k, v in b.timings.items()}))


def test_the_network_is_cut_off(bundle: Bundle) -> None:
    if not bundle.isolate:
        pytest.skip("unshare -n is not allowed here: the bundle runs with the network")
    probe = subprocess.run(
        ["unshare", "-n", "cat", "/proc/net/dev"], capture_output=True, text=True
    )
    interfaces = [line.split(":")[0].strip() for line in probe.stdout.splitlines()[2:]]
    assert interfaces == ["lo"]


def test_every_command_is_in_the_bundle(bundle: Bundle) -> None:
    """The commands of this source tree's argument tree, each asked for its --help in the
    bundle: a command left out of the bundle, or turned into a placeholder, fails."""
    paths = list(command_paths(build_parser()))
    assert len(paths) >= 40 and ("import", "roster") in paths and ("backup",) in paths
    top = bundle.run("griddesk-admin", "--help", label="help")
    assert top.returncode == 0, top.stderr
    failures = []
    for path in paths:
        done = bundle.run("griddesk-admin", *path, "--help")
        text = done.stdout + done.stderr
        usage = "用法：" in text or "usage:" in text
        if done.returncode != 0 or not usage or PLACEHOLDER in text:
            failures.append((path, done.returncode, text[-300:]))
    assert not failures


def test_demo_database_info_return_and_roster(bundle: Bundle, tmp_path: Path) -> None:
    made = bundle.run("griddesk-admin", "init", "--demo", "--cases", "1500", label="init --demo")
    assert made.returncode == 0, made.stderr
    info = bundle.run("griddesk-admin", "info", "--json", user="admin", label="info")
    assert info.returncode == 0, info.stderr
    counts = json.loads(info.stdout)
    assert counts["schema_revision"] and counts["communities"] > 0
    assert sum(counts["cases"].values()) >= 1500

    # A return written by the bundle, read back here.
    today = date.today()
    period = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"
    out = bundle.home / "报表 输出" / "月报.xlsx"
    out.parent.mkdir()
    written = bundle.run(
        "griddesk-admin", "report", "monthly-cases", "--period", period, "--out", str(out),
        user="wangli", label="report",
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    book = load_workbook(out, read_only=True)
    first = book.worksheets[0]
    title = str(next(first.iter_rows(min_row=1, max_row=1, values_only=True))[0])
    assert "月报" in title, title
    book.close()

    # A roster imported by the bundle, counted here with sqlite3.
    with closing(sqlite3.connect(bundle.db)) as conn:
        community = conn.execute("SELECT name FROM communities ORDER BY code LIMIT 1").fetchone()[0]
        before = conn.execute("SELECT count(*) FROM community_workers").fetchone()[0]
    rows: list[list[object]] = [
        ["冒烟甲", pid(11), "13812345601", community, 1, 2, "2018-03-01", "网格员", "群众"],
        ["冒烟乙", pid(13), "13812345602", community, 2, 3, "2019-07-15", "社区委员", "中共党员"],
    ]
    assert len(rows[0]) == len(HEADERS) + 1
    sheet = build_sheet(tmp_path / "花名 册.xlsx", rows)
    imported = bundle.run(
        "griddesk-admin", "import", "roster", str(sheet), "--kind", "社区工作者",
        user="wangli", label="import roster",
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr
    with closing(sqlite3.connect(bundle.db)) as conn:
        after = conn.execute("SELECT count(*) FROM community_workers").fetchone()[0]
        names = {r[0] for r in conn.execute("SELECT name FROM people WHERE name LIKE '冒烟%'")}
    assert after == before + 2 and names == {"冒烟甲", "冒烟乙"}

    # A printed slip (fpdf2 with the system's CJK font) and an address in Chinese numerals (cn2an).
    with closing(sqlite3.connect(bundle.db)) as conn:
        closed = conn.execute(
            "SELECT number FROM cases WHERE status = 'closed' ORDER BY id LIMIT 1"
        ).fetchone()[0]
    slip = bundle.home / "单据 输出" / "结案单.pdf"
    slip.parent.mkdir()
    printed = bundle.run(
        "griddesk-admin", "case", "print", closed, "--kind", "closing", "--out", str(slip),
        user="admin", label="case print",
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert slip.read_bytes().startswith(b"%PDF")
    placed = bundle.run(
        "griddesk-admin", "gazetteer", "place", "紫金路一百四十九号", "--json",
        user="admin", label="gazetteer place",
    )  # fmt: skip
    assert placed.returncode == 0, placed.stderr


def test_screenshot_of_every_page(bundle: Bundle) -> None:
    shots = bundle.home / "截图 目录"
    done = bundle.run(
        "griddesk", "--db", str(bundle.db), "--screenshot", str(shots), label="screenshots"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "No Chinese font" not in done.stderr  # the machine has one (scripts/system-deps.sh)
    for page in PAGE_NAMES:
        png = next(shots.glob(f"*{page}*.png"), None)
        assert png is not None, (
            f"no screenshot of {page}: {sorted(p.name for p in shots.iterdir())}"
        )
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 30_000, (png.name, len(data))

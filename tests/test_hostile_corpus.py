"""The hostile corpus (tests/hostile_corpus.py) through the real console tool, as child
processes, on SQLite and PostgreSQL (issue 17, "Done when"): every entry ends with its exit code
(0 or 2), a refusal says so in exactly one line on stderr, no traceback ever, the database keeps
every row of every table where an entry was refused (compared by content), files named as --db
keep their bytes, and no child's peak RSS reaches MAX_RSS_MB (an address-space limit of 1.5 GB
also stops a runaway before the machine suffers).

The refusals run four at a time (none may write, so the database is compared before and after
all of them); the entries that succeed run alone afterwards, in order. Entries refused by the
file's or the argument's own check run on SQLite only. `pytest -s` prints the outcome table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from db.cases.intake import report_case
from db.engine import Database
from db.models import AuditEntry, Base
from tests.conftest import CLI_PASSWORD
from tests.hostile_corpus import Entry, build
from tests.street import GRID_A1

ROOT = Path(__file__).resolve().parent.parent
MAX_RSS_MB = 500


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    code: int
    out: str
    err: str
    rss_mb: float
    cpu_s: float

    def row(self) -> str:
        line = self.err.strip().splitlines()[0] if self.err.strip() else ""
        return f"| {self.entry.name} | {self.code} | {line[:100]} | {self.rss_mb:.0f} |"


def run(entries: list[Entry], url: str, users: dict[str, str], workers: int) -> list[Outcome]:
    """Each entry through `python -m desktop.cli.main`, `workers` at a time, by the small
    runner process (tests/corpus_runner.py), so that each child's peak RSS is its own."""
    env = {
        "GRIDDESK_PASSWORD": CLI_PASSWORD,
        "PYTHONPATH": str(ROOT),
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    commands = []
    for entry in entries:
        argv = [sys.executable, "-m", "desktop.cli.main", "--db", entry.db or url]
        argv += ["--user", users[entry.role]]
        commands.append({"argv": [os.fsdecode(a) for a in [*argv, *entry.args]], "env": env})
    runner = subprocess.run(
        [sys.executable, "-m", "tests.corpus_runner", str(workers)],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
        check=True,
    )
    results = json.loads(runner.stdout)
    return [
        Outcome(entry, r["code"], r["out"], r["err"], r["rss_mb"], r["cpu_s"])
        for entry, r in zip(entries, results, strict=True)
    ]


def dump(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: the database by content. The audit
    log's sign-in entries are left out: every command signs in (and the log says so) before
    it is refused; so is the log's head, which they move."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with database.read() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "audit_head":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            query = select(table).order_by(*order)
            if table.name == AuditEntry.__tablename__:
                query = query.where(table.c.action != "sign_in")
            out[table.name] = [tuple(r) for r in session.execute(query)]
    return out


def _check(outcome: Outcome) -> list[str]:
    """What is wrong with one outcome (nothing when it is as it must be)."""
    wrong: list[str] = []
    name = outcome.entry.name
    if outcome.code != outcome.entry.expect:
        wrong.append(f"{name}: exit {outcome.code}, expected {outcome.entry.expect}")
    if "Traceback" in outcome.err or "Traceback" in outcome.out:
        wrong.append(f"{name}: traceback")
    lines = outcome.err.splitlines()
    if outcome.code != 0 and len(lines) != 1:
        wrong.append(f"{name}: {len(lines)} lines on stderr: {outcome.err[:300]!r}")
    if outcome.rss_mb >= MAX_RSS_MB:
        wrong.append(f"{name}: peak RSS {outcome.rss_mb:.0f} MB")
    return wrong


def test_hostile_corpus(
    street: Database, db_url: str, tmp_path: Path, cli_login: Callable[..., list[str]]
) -> None:
    users = {role: cli_login(street, role)[1] for role in ("admin", "shift_lead", "secretary")}
    number = report_case(street, grid_code=GRID_A1, category_code="0101", description="已有案件")
    parsed = make_url(db_url)
    live = Path(parsed.database or "") if parsed.get_backend_name() == "sqlite" else None
    entries = [e for e in build(tmp_path, db_url, live, number) if live or not e.any_db]
    files = {path: path.read_bytes() for e in entries for path in e.untouched}

    before = dump(street)
    outcomes = run([e for e in entries if e.expect != 0], db_url, users, workers=4)
    after = dump(street)
    changed = [name for name in before if after[name] != before[name]]
    wrong = [w for o in outcomes for w in _check(o)]
    for entry in entries:
        if entry.expect == 0:
            (outcome,) = run([entry], db_url, users, workers=1)
            outcomes.append(outcome)
            wrong += _check(outcome)
    wrong += [
        f"{path.name} was changed" for path, data in files.items() if path.read_bytes() != data
    ]

    cpu = sum(o.cpu_s for o in outcomes)
    print(f"\n{street.dialect}: {len(outcomes)} entries, children's CPU time {cpu:.1f} s")
    print("| 输入 | 退出码 | stderr | 峰值 RSS MB |\n|---|---|---|---|")
    print("\n".join(o.row() for o in outcomes))
    assert not changed, f"a refused entry changed the tables {changed}"
    assert not wrong, "\n".join(wrong)

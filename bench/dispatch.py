"""Bench: a committed dispatch alone (`db.cases.workflow.dispatch`), without the desk's UI.

`python -m bench.dispatch [--pg URL] [--no-pg] [--no-sqlite] [--runs N] [--cases N]` builds the
demo street (`--cases` cases, 2,000 by default) in a scratch SQLite file and a scratch
PostgreSQL database (dropped afterwards), then runs `bench.desk.dispatch_results` on each:
the dispatch's median and p95 beside the bare ORM UPDATE committed and the driver's UPDATE +
COMMIT, and the statements of one dispatch with their times. Quick to rerun while working on
the dispatch path; `python -m bench.desk` measures the same on the 1,000,000-case database.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.desk import dispatch_results, print_table


def _load() -> str:
    try:
        out = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return "?"
    return out.strip().split("load average:")[-1].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dispatch", description=__doc__)
    parser.add_argument("--runs", type=int, default=60, help="dispatches measured on each")
    parser.add_argument("--cases", type=int, default=2000, help="cases of the demo street")
    parser.add_argument(
        "--pg",
        metavar="URL",
        default=os.environ.get(
            "GRIDDESK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db.database import open_database
    from db.demo.street import build_demo

    results = []
    print(f"(load average before: {_load()})")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="griddesk-bench-dispatch-") as tmp:
            db = open_database(str(Path(tmp) / "demo.sqlite"))
            try:
                build_demo(db, cases=args.cases)
                results.extend(dispatch_results(db, args.runs, "SQLite"))
            finally:
                db.dispose()
    if not args.no_pg:
        base = make_url(args.pg).set(drivername="postgresql+psycopg")
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        name = f"griddesk_bench_dispatch_{os.getpid()}"
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # no server here: say so and go on
            print(f"(PostgreSQL skipped: {str(exc).splitlines()[0]})")
            admin.dispose()
        else:
            try:
                db = open_database(base.set(database=name).render_as_string(hide_password=False))
                try:
                    build_demo(db, cases=args.cases)
                    results.extend(dispatch_results(db, args.runs, "PostgreSQL"))
                finally:
                    db.dispose()
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
    print(f"(load average after: {_load()})")
    return 0 if results and print_table(results) else 1


if __name__ == "__main__":
    sys.exit(main())

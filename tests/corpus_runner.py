"""Runs console commands as child processes and reports, for each, its exit code, stdout,
stderr and peak RSS (`wait4`), under an address-space and a CPU-time limit.

It is a process of its own, started with `python -m tests.corpus_runner`, reading a JSON list
of commands on stdin and writing a JSON list of results: a child's peak RSS counts the memory
of the process it was forked from, so children are forked from this small one (stdlib only),
not from the test process. Arguments travel as `os.fsdecode` strings (surrogate escapes keep
bytes that are not UTF-8, such as a GBK terminal's).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import Any

ADDRESS_SPACE = 1536 * 1024 * 1024
CPU_SECONDS = 120
WORKERS = 4


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_one(command: dict[str, Any]) -> dict[str, Any]:
    argv = [os.fsencode(a) for a in command["argv"]]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env={**os.environ, **command.get("env", {})},
            preexec_fn=_limits,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "code": child.returncode,
            "out": out.read().decode("utf-8", "replace"),
            "err": err.read().decode("utf-8", "replace"),
            "rss_mb": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime,
        }


def main() -> None:
    commands = json.load(sys.stdin)
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else WORKERS
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(run_one, commands))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

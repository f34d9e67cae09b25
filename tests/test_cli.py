"""`griddesk-admin` end to end on both databases: every workflow path from the command line,
the history it leaves, one-line refusals that change nothing, JSON output, and the installed
console script run as a real process."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import db.cases.intake
import db.cases.workflow
from db.cases.states import Action
from db.engine import Database
from db.migrate import head_revision
from db.models import Case
from desktop.cli.main import main
from tests.street import COMMUNITY_A, GRID_A1, GRID_A2, GRID_B1, GRID_B2
from tests.test_workflow import SH, local, snapshot

ROOT = Path(__file__).resolve().parent.parent
ADMIN = Path(sys.executable).with_name("griddesk-admin")
CONTRACT_VERBS: tuple[str, ...] = (
    "init",
    "info",
    "simulate",
    "case",
    "import",
    "report",
    "backup",
    "restore",
)
CONTRACT_VERBS += ("user", "audit")
CASE_VERBS = ("report", "list", "show", *(a.value for a in Action if a is not Action.REPORT))


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Clock:
    """The time the services see (`utcnow` in intake and workflow), moved by the test."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, *parts: int) -> None:
        self.now = local(*parts)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(local(2026, 11, 23, 9, 0))  # a Monday morning
    monkeypatch.setattr(db.cases.intake, "utcnow", clock)
    monkeypatch.setattr(db.cases.workflow, "utcnow", clock)
    return clock


def url_of(database: Database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


Cli = Callable[..., Result]


@pytest.fixture
def cli(
    street: Database,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> Iterator[Cli]:
    """Run `griddesk-admin --db <the street> --user t_shift_lead ARGS…` in-process as a 值班长
    (a later `--user` in ARGS wins)."""
    url = url_of(street)
    login = cli_login(street, "shift_lead")

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(["--db", url, *login, *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def refused(result: Result, *fragments: str) -> str:
    """Exit 2, exactly one line on stderr starting with 错误：, nothing on stdout."""
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("错误：")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def report(cli: Cli, *extra: str, grid: str = GRID_A1, category: str = "0101") -> str:
    result = ok(
        cli(
            "case",
            "report",
            "--grid",
            grid,
            "--category",
            category,
            *extra,
            "--description",
            "小区门口暴露垃圾堆放",
        )
    )
    number = result.out.strip()
    assert len(number) == 13 and number.isdigit()
    return number


def show(cli: Cli, number: str) -> dict[str, Any]:
    document: dict[str, Any] = ok(cli("case", "show", number, "--json")).json()
    return document


def steps(cli: Cli, number: str) -> list[tuple[str, str | None, str]]:
    return [(h["action"], h["from_status"], h["to_status"]) for h in show(cli, number)["history"]]


def as_local(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(SH)


# --- every path of the workflow -----------------------------------------------------------------


def test_main_path_from_report_to_callback(cli: Cli, clock: Clock) -> None:
    number = report(
        cli, "--address", "锦峪路 12 号", "--reporter", "王建国", "--phone", "13812345678"
    )
    assert number.startswith("20261123")
    clock.set(2026, 11, 23, 9, 10)
    out = ok(cli("case", "register", number)).out
    assert out.strip() == f"案件 {number} 已立案：待立案 → 待派遣，期限 2026-11-23 09:30"
    clock.set(2026, 11, 23, 9, 20)
    out = ok(cli("case", "dispatch", number, "--department", "城管执法中队")).out
    assert "待派遣 → 待受理" in out and "城管执法中队" in out and "2026-11-23 14:20" in out
    clock.set(2026, 11, 23, 10, 0)
    ok(cli("case", "accept", number))
    clock.set(2026, 11, 23, 11, 0)
    ok(cli("case", "feedback", number, "--reason", "已清运"))
    clock.set(2026, 11, 23, 11, 30)
    out = ok(cli("case", "verify", number)).out
    assert "待核查 → 已结案" in out
    clock.set(2026, 11, 24, 9, 0)
    out = ok(cli("case", "callback", number, "--satisfaction", "满意")).out
    assert "仍为「已结案」" in out

    detail = show(cli, number)
    assert detail["status"] == "closed" and detail["status_label"] == "已结案"
    assert detail["is_open"] is False
    assert detail["satisfaction"] == "satisfied"
    assert detail["department"] == "城管执法中队"
    assert detail["ever_overdue"] is False
    assert detail["version"] == 7
    history = detail["history"]
    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("report", None, "reported"),
        ("register", "reported", "registered"),
        ("dispatch", "registered", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("feedback", "accepted", "feedback"),
        ("verify", "feedback", "closed"),
        ("callback", "closed", "closed"),
    ]
    assert all(h["actor"] == "测试值班长" for h in history)
    assert [h["action_label"] for h in history] == [
        "上报",
        "立案",
        "派遣",
        "受理",
        "反馈",
        "核查通过",
        "回访",
    ]
    assert history[2]["department"] == "城管执法中队"
    assert history[4]["note"] == "已清运"
    assert [as_local(h["at"]) for h in history] == [
        local(2026, 11, 23, 9, 0),
        local(2026, 11, 23, 9, 10),
        local(2026, 11, 23, 9, 20),
        local(2026, 11, 23, 10, 0),
        local(2026, 11, 23, 11, 0),
        local(2026, 11, 23, 11, 30),
        local(2026, 11, 24, 9, 0),
    ]
    assert detail["reporter_phone"] == "138****5678"  # masked by default (PIPL)
    refused(cli("case", "show", number, "--json", "--reveal"), "原因")
    revealed = json.loads(
        ok(cli("case", "show", number, "--json", "--reveal", "--reason", "回访核实")).out
    )
    assert (revealed["reporter_name"], revealed["reporter_phone"]) == ("王建国", "13812345678")
    shown = ok(cli("case", "show", number, "--reveal", "--reason", "回访核实")).out
    assert "反映人：王建国 13812345678（已记入审计日志）" in shown  # text mode shows them too
    assert "王*国" not in shown and "138****5678" not in shown

    text = ok(cli("case", "show", number)).out
    assert f"案件 {number}【已结案】" in text
    assert "138****5678" in text and "13812345678" not in text  # masked on screen
    assert "王*国" in text and "王建国" not in text
    assert "2026-11-23 09:20 派遣" in text and "城管执法中队" in text
    assert "回访满意度：满意" in text


def test_reject_needs_a_reason(cli: Cli) -> None:
    number = report(cli)
    before = show(cli, number)
    refused(cli("case", "reject", number), "不予立案", "原因")
    assert show(cli, number) == before
    ok(cli("case", "reject", number, "--reason", "重复上报"))
    detail = show(cli, number)
    assert detail["status"] == "rejected" and detail["is_open"] is False
    assert detail["history"][-1]["note"] == "重复上报"
    assert detail["due_at"] is None


def test_self_resolve_by_the_community(cli: Cli) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "self-resolve", number, "--reason", "社区网格员当场处理"))
    detail = show(cli, number)
    assert detail["status"] == "self_resolved" and detail["group"] == "done"
    assert detail["department"] is None
    assert steps(cli, number)[-1] == ("self-resolve", "registered", "self_resolved")
    ok(cli("case", "callback", number, "--satisfaction", "basic"))
    assert show(cli, number)["satisfaction"] == "basic"


def test_return_then_redispatch(cli: Cli, clock: Clock) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))  # the category's default department
    assert show(cli, number)["department"] == "环卫所"
    clock.set(2026, 11, 23, 9, 30)
    refused(cli("case", "return", number), "退单", "原因")
    out = ok(cli("case", "return", number, "--reason", "不属我单位职责")).out
    assert "待受理 → 已退单" in out
    detail = show(cli, number)
    assert detail["status"] == "returned" and detail["return_count"] == 1
    assert as_local(detail["due_at"]) == local(2026, 11, 23, 10, 0)  # 30 min to re-dispatch
    clock.set(2026, 11, 23, 9, 40)
    ok(cli("case", "redispatch", number, "--department", "城管执法中队", "--reason", "占道经营"))
    detail = show(cli, number)
    assert detail["status"] == "dispatched" and detail["department"] == "城管执法中队"
    last = detail["history"][-1]
    assert (last["action"], last["from_status"], last["to_status"]) == (
        "redispatch",
        "returned",
        "dispatched",
    )
    assert last["details"]["previous_department"] == "环卫所"
    assert last["note"] == "占道经营"


def test_rework_after_failed_verification(cli: Cli, clock: Clock) -> None:
    number = report(cli)
    for verb in ("register", "dispatch", "accept", "feedback"):
        ok(cli("case", verb, number))
    clock.set(2026, 11, 23, 10, 0)
    ok(cli("case", "rework", number, "--reason", "现场仍有垃圾"))
    detail = show(cli, number)
    assert detail["status"] == "accepted" and detail["rework_count"] == 1
    assert as_local(detail["due_at"]) == local(2026, 11, 23, 15, 0)  # a fresh 4 working hours
    ok(cli("case", "feedback", number))
    ok(cli("case", "verify", number))
    assert [s[0] for s in steps(cli, number)] == [
        "report",
        "register",
        "dispatch",
        "accept",
        "feedback",
        "rework",
        "feedback",
        "verify",
    ]


def test_extend_moves_the_deadline(cli: Cli) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))
    assert as_local(show(cli, number)["due_at"]) == local(2026, 11, 23, 14, 0)
    refused(cli("case", "extend", number, "--reason", "协调"), "期限")
    refused(
        cli("case", "extend", number, "--until", "下周五", "--reason", "协调"), "下周五", "无法识别"
    )
    out = ok(cli("case", "extend", number, "--until", "2026-11-30 17:00", "--reason", "需协调")).out
    assert "期限 2026-11-30 17:00" in out
    detail = show(cli, number)
    assert as_local(detail["due_at"]) == local(2026, 11, 30, 17, 0)
    assert as_local(detail["handle_due"]) == local(2026, 11, 30, 17, 0)
    assert detail["extension_count"] == 1
    last = detail["history"][-1]
    assert last["action"] == "extend" and last["note"] == "需协调"
    assert as_local(last["details"]["previous_due"]) == local(2026, 11, 23, 14, 0)
    # An explicit offset is honoured; a bare date means the end of that working day.
    ok(cli("case", "extend", number, "--until", "2026-12-01T09:00:00+00:00", "--reason", "再延"))
    assert as_local(show(cli, number)["due_at"]) == local(2026, 12, 1, 17, 0)
    ok(cli("case", "extend", number, "--until", "2026-12-02", "--reason", "三延"))
    assert as_local(show(cli, number)["due_at"]) == local(2026, 12, 2, 17, 30)


def test_suspend_and_resume_keep_the_remaining_time(cli: Cli, clock: Clock) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))  # due 14:00
    ok(cli("case", "accept", number))
    clock.set(2026, 11, 23, 10, 0)
    refused(cli("case", "suspend", number), "挂账", "原因")
    ok(cli("case", "suspend", number, "--reason", "待拆迁"))
    detail = show(cli, number)
    assert detail["status"] == "suspended" and detail["due_at"] is None
    assert as_local(detail["suspended_at"]) == local(2026, 11, 23, 10, 0)
    assert "挂账中" in ok(cli("case", "show", number)).out
    clock.set(2026, 11, 30, 9, 0)  # a week later: 180 working minutes were left
    out = ok(cli("case", "resume", number)).out
    assert "挂账 → 处置中" in out and "期限 2026-11-30 12:00" in out
    detail = show(cli, number)
    assert detail["status"] == "accepted"
    assert as_local(detail["due_at"]) == local(2026, 11, 30, 12, 0)
    assert detail["ever_overdue"] is False
    assert steps(cli, number)[-2:] == [
        ("suspend", "accepted", "suspended"),
        ("resume", "suspended", "accepted"),
    ]


def test_urge_keeps_the_state(cli: Cli) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))
    ok(cli("case", "urge", number, "--reason", "群众多次反映"))
    ok(cli("case", "urge", number))
    detail = show(cli, number)
    assert detail["status"] == "dispatched" and detail["urge_count"] == 2
    assert steps(cli, number)[-1] == ("urge", "dispatched", "dispatched")


def test_merge_a_duplicate_into_the_original(cli: Cli) -> None:
    original = report(cli)
    duplicate = report(cli, grid=GRID_A2)
    ok(cli("case", "register", original))
    refused(cli("case", "merge", duplicate), "合并", "--into")
    refused(cli("case", "merge", duplicate, "--into", duplicate), "自身")
    refused(cli("case", "merge", duplicate, "--into", "2026112399999"), "2026112399999", "不存在")
    ok(cli("case", "merge", duplicate, "--into", original, "--reason", "同一处垃圾"))
    detail = show(cli, duplicate)
    assert detail["status"] == "merged" and detail["merged_into"] == original
    assert detail["history"][-1]["details"]["into"] == original
    assert show(cli, original)["status"] == "registered"
    assert f"已合并入：{original}" in ok(cli("case", "show", duplicate)).out


def test_recall_before_acceptance_only(cli: Cli) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number, "--department", "住建办"))
    out = ok(cli("case", "recall", number)).out
    assert "待受理 → 待派遣" in out
    detail = show(cli, number)
    assert detail["status"] == "registered" and detail["department"] is None
    assert as_local(detail["due_at"]) == local(2026, 11, 23, 9, 30)  # the dispatch clock again
    ok(cli("case", "dispatch", number, "--department", "住建办"))
    ok(cli("case", "accept", number))
    before = show(cli, number)
    refused(cli("case", "recall", number), number, "处置中", "撤回派遣")
    assert show(cli, number) == before


def test_recall_after_a_return_restarts_the_redispatch_clock(cli: Cli, clock: Clock) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))
    clock.set(2026, 11, 23, 10, 0)
    ok(cli("case", "return", number, "--reason", "非本单位职责"))  # re-dispatch due 10:30
    clock.set(2026, 11, 23, 10, 10)
    ok(cli("case", "redispatch", number, "--department", "住建办", "--reason", "改派"))
    clock.set(2026, 11, 23, 10, 15)
    ok(cli("case", "recall", number))
    detail = show(cli, number)
    assert detail["status"] == "returned" and detail["department"] is None
    assert as_local(detail["due_at"]) == local(2026, 11, 23, 10, 30)
    assert as_local(detail["warn_at"]) == local(2026, 11, 23, 10, 24)  # 80 % from the 退单


# --- refusals change nothing --------------------------------------------------------------------


def test_illegal_transition_is_one_line_and_changes_nothing(cli: Cli, street: Database) -> None:
    number = report(cli)
    before = snapshot(street)
    line = refused(cli("case", "verify", number), number, "待立案", "核查通过")
    assert line == f"错误：案件 {number} 当前状态为「待立案」，不能执行「核查通过」"
    refused(cli("case", "accept", number), number, "待立案", "受理")
    refused(cli("case", "resume", number), number, "待立案", "解挂")
    assert snapshot(street) == before


def test_stale_version_is_one_line_and_changes_nothing(cli: Cli, street: Database) -> None:
    number = report(cli)
    seen = show(cli, number)["version"]
    ok(cli("case", "register", number))  # someone else moved it on
    before = snapshot(street)
    refused(
        cli("case", "dispatch", number, "--expected-version", str(seen)),
        number,
        "待派遣",
        "派遣",
        "已被他人修改",
    )
    assert snapshot(street) == before
    ok(cli("case", "dispatch", number, "--expected-version", str(seen + 1)))


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("case", "dispatch", "{n}", "--department", "不存在的部门"), ("不存在的部门", "不存在")),
        (("case", "accept", "{n}", "--department", "环卫所"), ("受理", "--department")),
        (("case", "register", "2026010100001"), ("2026010100001", "不存在")),
        (("case", "callback", "{n}", "--satisfaction", "还行"), ("还行", "满意度")),
        (("case", "list", "--status", "whatever"), ("whatever",)),
        (("case", "show", "20991231"), ("20991231", "不存在")),
        (
            ("case", "report", "--grid", GRID_A1, "--category", "9999", "--description", "x"),
            ("9999",),
        ),
        (
            (
                "case",
                "report",
                "--grid",
                "21050400200109",
                "--category",
                "0101",
                "--description",
                "x",
            ),
            ("21050400200109", "不存在"),
        ),
        (
            ("case", "report", "--grid", GRID_A1, "--category", "0101", "--description", " "),
            ("描述",),
        ),
        (
            (
                "case",
                "report",
                "--grid",
                GRID_A1,
                "--category",
                "0101",
                "--description",
                "x",
                "--source",
                "wechat",
            ),
            ("wechat",),
        ),
        (("init", "--cases", "10"), ("--demo",)),
    ],
)
def test_user_errors_exit_2_with_one_line(
    cli: Cli, street: Database, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    number = report(cli)
    ok(cli("case", "register", number))
    before = snapshot(street)
    refused(cli(*(a.replace("{n}", number) for a in args)), *fragments)
    assert snapshot(street) == before


def test_usage_errors_exit_2(cli: Cli) -> None:
    result = cli("case", "dispatch")
    assert result.code == 2
    assert result.err.startswith("错误：缺少必需的参数：NUMBER")
    assert len(result.err.splitlines()) == 1
    result = cli("case", "frobnicate", "1")
    assert result.code == 2 and "frobnicate" in result.err
    result = cli("case", "list", "--limit", "many")
    assert result.code == 2 and "--limit" in result.err
    result = cli("info", "--bogus")
    assert result.code == 2 and "--bogus" in result.err


HUGE = "99999999999999999999"  # more than a 64-bit integer holds


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("case", "list", "--limit", HUGE), ("--limit", "1–100000")),
        (("case", "list", "--limit", "0"), ("--limit", "1–100000")),
        (("case", "list", "--limit", "-5"), ("--limit",)),
        (("--user", "t_admin", "audit", "list", "--limit", HUGE), ("--limit", "1–100000")),
        (("--user", "t_admin", "audit", "list", "--limit", "-1"), ("--limit", "1–100000")),
        (("case", "register", "{n}", "--expected-version", HUGE), ("--expected-version",)),
        (("case", "register", "{n}", "--expected-version", "0"), ("--expected-version",)),
        (("init", "--demo", "--cases", HUGE), ("--cases", "0–1000000")),
        (("init", "--demo", "--cases", "-3"), ("--cases",)),
        (("init", "--demo", "--seed", HUGE), ("--seed",)),
        (("simulate", "--rate", "1e12", "--duration", "2"), ("--rate", "0.001–6000")),
        (("simulate", "--rate", "60000", "--duration", "5"), ("--rate", "0.001–6000")),
        (("simulate", "--rate", "nan"), ("--rate",)),
        (("simulate", "--rate", "inf"), ("--rate",)),
        (("simulate", "--rate", "60", "--duration", "1e300"), ("--duration", "2592000")),
        (("simulate", "--rate", "60", "--duration", "nan"), ("--duration",)),
        (("simulate", "--rate", "60", "--duration", "0"), ("--duration",)),
    ],
)
def test_numbers_out_of_range_are_one_line(
    cli: Cli,
    street: Database,
    cli_login: Callable[..., list[str]],
    args: tuple[str, ...],
    fragments: tuple[str, ...],
) -> None:
    cli_login(street, "admin")
    number = report(cli)
    before = snapshot(street)
    refused(cli(*(a.replace("{n}", number) for a in args)), *fragments)
    assert snapshot(street) == before


def test_text_that_is_not_utf8_is_one_line(cli: Cli, street: Database) -> None:
    """A GBK terminal in a UTF-8 locale: Python keeps the undecodable bytes as lone surrogates."""
    gbk = "井盖破损".encode("gbk").decode("utf-8", "surrogateescape")
    before = snapshot(street)
    args = ("case", "report", "--grid", GRID_A1, "--category", "0101", "--description", gbk)
    refused(cli(*args), "--description", "UTF-8")
    refused(
        cli("case", "report", "--grid", GRID_A1, "--category", "0101", f"--description={gbk}"),
        "--description",
        "UTF-8",
    )
    refused(cli("case", "show", gbk), "UTF-8")
    assert snapshot(street) == before


def test_text_that_is_not_utf8_from_a_real_terminal(
    street: Database, cli_login: Callable[..., list[str]]
) -> None:
    """The same bytes given to the installed console script as a GBK terminal sends them."""
    login = cli_login(street, "shift_lead")
    before = snapshot(street)
    child = subprocess.run(
        [
            str(ADMIN).encode(),
            b"--db",
            url_of(street).encode(),
            *(a.encode() for a in login),
            b"case",
            b"report",
            b"--grid",
            GRID_A1.encode(),
            b"--category",
            b"0101",
            b"--description",
            "井盖破损".encode("gbk"),
        ],
        capture_output=True,
        timeout=120,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    err = child.stderr.decode("utf-8")
    assert child.returncode == 2, err
    assert child.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("错误：参数 --description")
    assert "Traceback" not in err
    assert snapshot(street) == before


# --- photos -------------------------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_report_with_photos(cli: Cli, tmp_path: Path) -> None:
    photo = tmp_path / "现场.png"
    photo.write_bytes(PNG)
    number = report(cli, "--photo", str(photo), str(photo))
    detail = show(cli, number)
    assert [(p["filename"], p["content_type"], p["size"]) for p in detail["photos"]] == [
        ("现场.png", "image/png", len(PNG)),
        ("现场.png", "image/png", len(PNG)),
    ]


def test_bad_photo_is_refused_and_nothing_is_written(
    cli: Cli, street: Database, tmp_path: Path
) -> None:
    before = snapshot(street)
    text = tmp_path / "notes.png"
    text.write_text("这不是图片", encoding="utf-8")
    refused(
        cli(
            "case",
            "report",
            "--grid",
            GRID_A1,
            "--category",
            "0101",
            "--description",
            "x",
            "--photo",
            str(text),
        ),
        "notes.png",
        "不是",
    )
    missing = tmp_path / "missing.jpg"
    refused(
        cli(
            "case",
            "report",
            "--grid",
            GRID_A1,
            "--category",
            "0101",
            "--description",
            "x",
            "--photo",
            str(missing),
        ),
        "missing.jpg",
    )
    assert snapshot(street) == before


def test_photos_and_workbooks_are_read_only_from_regular_files_of_bounded_size(
    cli: Cli, street: Database, tmp_path: Path
) -> None:
    """`--photo /dev/zero` once grew to 23.6 GB: a device, a named pipe or a folder is refused
    without reading it, and a photo over 10 MB before reading it."""
    before = snapshot(street)
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    big = tmp_path / "big.jpg"
    with big.open("wb") as fh:  # sparse: 11 MB that take no room on disk
        fh.truncate(11 * 1024 * 1024)
    base = ("case", "report", "--grid", GRID_A1, "--category", "0101", "--description", "x")
    refused(cli(*base, "--photo", "/dev/zero"), "/dev/zero", "不是普通文件")
    refused(cli(*base, "--photo", str(fifo)), "pipe.png", "不是普通文件")
    refused(cli(*base, "--photo", str(tmp_path)), "不是普通文件")
    refused(cli(*base, "--photo", str(big)), "big.jpg", "超过 10 MB")
    for workbook in ("/dev/zero", str(fifo), str(tmp_path)):
        refused(cli("import", "cases", workbook, "--dry-run"), "不是普通文件")
    assert snapshot(street) == before


# --- listing, info, help ------------------------------------------------------------------------


def test_list_filters_and_json(cli: Cli, clock: Clock) -> None:
    first = report(cli)
    clock.set(2026, 11, 23, 9, 5)
    second = report(cli, "--urgent", grid=GRID_B2, category="0401")
    clock.set(2026, 11, 23, 9, 6)
    ok(cli("case", "register", first))
    ok(cli("case", "dispatch", first))
    rows = ok(cli("case", "list", "--json")).json()
    assert [r["number"] for r in rows] == [second, first]  # newest first
    assert set(rows[0]) >= {"number", "reported_at", "status", "status_label", "community"}
    assert rows[0]["urgent"] is True and rows[0]["category"] == "燃气泄漏"
    assert rows[1]["department"] == "环卫所"
    assert [
        r["number"] for r in ok(cli("case", "list", "--status", "in_progress", "--json")).json()
    ] == [first]
    assert [
        r["number"] for r in ok(cli("case", "list", "--status", "reported", "--json")).json()
    ] == [second]
    assert len(ok(cli("case", "list", "--limit", "1", "--json")).json()) == 1
    text = ok(cli("case", "list")).out
    assert first in text and second in text and "共 2 件" in text
    assert "待受理" in text and "2026-11-23 09:05" in text
    assert "没有符合条件的案件" in ok(cli("case", "list", "--status", "closed")).out


def test_info_counts(cli: Cli, street: Database) -> None:
    report(cli)
    number = report(cli, grid=GRID_B1)
    ok(cli("case", "register", number))
    info = ok(cli("info", "--json")).json()
    assert list(info) == [
        "communities",
        "grids",
        "departments",
        "categories",
        "people",
        "cases",
        "schema_revision",
        "database",
    ]
    assert (info["communities"], info["grids"]) == (2, 4)
    assert info["departments"] == 25 and info["categories"] == 101
    assert info["people"] == {
        "community_workers": 0,
        "grid_leaders": 0,
        "grid_workers": 0,
        "first_secretaries": 0,
        "mentors": 0,
        "apprentices": 0,
        "sent_down_cadres": 0,
        "party_checkins": 0,
    }
    assert info["cases"]["reported"] == 1 and info["cases"]["registered"] == 1
    assert sum(info["cases"].values()) == 2
    assert info["schema_revision"] == head_revision()
    assert info["database"] == street.describe()
    text = ok(cli("info")).out
    assert "社区 2 个，网格 4 个" in text and "共 2 件" in text and "待立案 1" in text


def test_info_counts_people_per_roster_role(cli: Cli, street: Database) -> None:
    from datetime import date

    from db.models import Community, Grid, GridAssignment, Mentorship, PartyCheckin, Person
    from db.models.base import utcnow

    with street.write() as session:
        now = utcnow()
        people = [Person(name=f"人员{i}", created_at=now, updated_at=now) for i in range(5)]
        session.add_all(people)
        session.flush()
        grid = session.query(Grid).filter_by(code=GRID_A1).one()
        community = session.query(Community).filter_by(code=COMMUNITY_A).one()
        start = date(2026, 1, 1)
        session.add_all(
            [
                GridAssignment(
                    person_id=people[0].id, grid_id=grid.id, role="leader", start_date=start
                ),
                GridAssignment(
                    person_id=people[1].id, grid_id=grid.id, role="worker", start_date=start
                ),
                GridAssignment(
                    person_id=people[2].id,
                    grid_id=grid.id,
                    role="worker",
                    start_date=start,
                    end_date=date(2026, 6, 1),
                ),
                Mentorship(
                    mentor_id=people[3].id,
                    apprentice_id=people[4].id,
                    studio="书记工作室",
                    start_date=start,
                ),
                PartyCheckin(
                    person_id=people[3].id,
                    sending_org="区直机关",
                    community_id=community.id,
                    checkin_date=start,
                ),
            ]
        )
    people_count = ok(cli("info", "--json")).json()["people"]
    assert people_count["grid_leaders"] == 1
    assert people_count["grid_workers"] == 1  # the one whose assignment ended is history
    assert people_count["mentors"] == 1 and people_count["apprentices"] == 1
    assert people_count["party_checkins"] == 1


def test_help_lists_every_contract_verb(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for verb in CONTRACT_VERBS:
        assert re.search(rf"\n    {verb}\s", result.out), verb
    result = cli("case", "--help")
    assert result.code == 0
    for verb in CASE_VERBS:
        assert re.search(rf"\n    {verb}\s", result.out), verb
    assert "用法：" in result.out


@pytest.mark.parametrize(
    ("period", "accepted"),
    [
        ("2026Q3", True),
        ("２０２６-１０", True),
        ("2026-10 ", True),
        ("2026/10", False),
        ("2026年10月", False),
        ("٢٠٢٦-١٠", False),
        ("2026-10-01", False),
    ],
)
def test_report_period_spellings(
    cli: Cli, street: Database, tmp_path: Path, period: str, accepted: bool
) -> None:
    out = tmp_path / "月报.xlsx"
    before = snapshot(street)
    result = cli("report", "monthly-cases", "--period", period, "--out", str(out))
    if accepted:
        assert ok(result).out.startswith("已生成") and out.is_file()
    else:
        line = refused(result, f"统计期间「{period}」无法识别", "月 2026-10", "季度 2026-Q3")
        assert "2026Q3" in line and "全角数字" in line and "首尾空格" in line
        assert not out.exists()
    assert snapshot(street) == before


def test_report_help_documents_the_period_spellings(cli: Cli) -> None:
    result = ok(cli("report", "--help"))
    text = " ".join(result.out.split())
    for spelling in ("2026-10", "2026-1", "2026-Q3", "2026Q3", "年 2026", "全角数字", "首尾空格"):
        assert spelling in text, spelling


def readme_commands() -> list[tuple[str, ...]]:
    """The commands the README's "Command line" table names, as argument lists: `("info",)`,
    `("case", "list")`, `("department", "add")`, one per verb listed for `case ACTION`, …"""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    verb = re.compile(r"[a-z][a-z-]*")

    def leading_verbs(words: str) -> tuple[str, ...]:
        out: list[str] = []
        for word in words.split():
            if not verb.fullmatch(word):
                break
            out.append(word)
        return tuple(out)

    commands: list[tuple[str, ...]] = []
    for row in re.findall(r"^\| `griddesk-admin .*$", section, re.MULTILINE):
        usage, what = re.split(r"(?<!\\)\|", row)[1:3]
        for form in re.findall(r"`([^`]*)`", usage):
            form = form.removeprefix("griddesk-admin ")
            first, *others = form.split("\\|")  # `list\|add NAME\|…`: alternative verbs
            path = leading_verbs(first)
            if first.split()[len(path) : len(path) + 1] == ["ACTION"]:
                actions = re.findall(r"`([^`]*)`", what)[0].split()
                commands += [(*path, action) for action in actions]
                continue
            commands.append(path)
            for other in others:
                commands += [(*path[:-1], word) for word in leading_verbs(other)[:1]]
    return list(dict.fromkeys(commands))


def test_readme_commands_have_help_without_qt() -> None:
    commands = readme_commands()
    assert len(commands) >= 40, commands  # the table was read, not skipped
    for expected in [("init",), ("case", "register"), ("import", "roster"), ("grid", "add")]:
        assert expected in commands
    # A fresh interpreter: in this one pytest-qt has already imported PySide6.
    script = textwrap.dedent(
        """
        import contextlib, io, json, sys
        from desktop.cli.main import main
        results = []
        for command in json.loads(sys.argv[1]):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main([*command, "--help"])
            results.append([command, code, out.getvalue(), err.getvalue()])
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
        print(json.dumps({"results": results, "qt": qt}, ensure_ascii=False))
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script, json.dumps(commands)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout)
    for command, code, out, err in report["results"]:
        assert (code, err) == (0, ""), (command, err)
        assert " ".join(["griddesk-admin", *command]) in out, (command, out)
    assert report["qt"] == []


def test_db_falls_back_to_griddesk_db(
    street: Database,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    cli_login: Callable[..., list[str]],
) -> None:
    monkeypatch.setenv("GRIDDESK_DB", url_of(street))
    assert main([*cli_login(street, "shift_lead"), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["grids"] == 4


def test_user_flag_signs_in_and_names_the_actor(
    cli: Cli, street: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.security.accounts import add_user, authenticate

    number = report(cli)
    admin = authenticate(street, "t_admin", os.environ["GRIDDESK_PASSWORD"])
    with street.write() as s:
        add_user(s, "dispatcher1", "dispatcher", "Grid2026desk", "李明", actor=admin)
    monkeypatch.delenv("GRIDDESK_PASSWORD")
    refused(cli("--user", "dispatcher1", "case", "register", number), "GRIDDESK_PASSWORD")
    monkeypatch.setenv("GRIDDESK_PASSWORD", "Grid2026desk")
    ok(cli("--user", "dispatcher1", "case", "register", number))
    assert show_as(cli, "dispatcher1", number)["history"][-1]["actor"] == "李明"


def show_as(cli: Cli, user: str, number: str) -> dict[str, Any]:
    result = ok(cli("--user", user, "case", "show", number, "--json"))
    document: dict[str, Any] = json.loads(result.out)
    return document


# --- the installed console script ---------------------------------------------------------------


def run_admin(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ADMIN), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_installed_entry_point(street: Database, cli_login: Callable[..., list[str]]) -> None:
    assert ADMIN.exists(), "griddesk-admin is not installed in this environment"
    url = url_of(street)
    login = cli_login(street, "shift_lead")  # and $GRIDDESK_PASSWORD, which the child inherits
    made = run_admin(
        "--db",
        url,
        *login,
        "case",
        "report",
        "--grid",
        GRID_A1,
        "--category",
        "0101",
        "--description",
        "路灯不亮",
    )
    assert made.returncode == 0, made.stderr
    number = made.stdout.strip()
    assert run_admin("--db", url, *login, "case", "register", number).returncode == 0
    wrong = run_admin("--db", url, *login, "case", "feedback", number)
    assert wrong.returncode == 2
    assert wrong.stdout == ""
    assert wrong.stderr.splitlines() == [
        f"错误：案件 {number} 当前状态为「待派遣」，不能执行「反馈」"
    ]
    shown = run_admin("--db", url, *login, "case", "show", number, "--json")
    assert shown.returncode == 0, shown.stderr
    assert [h["action"] for h in json.loads(shown.stdout)["history"]] == ["report", "register"]
    info = run_admin(*login, "info", "--json", env={"GRIDDESK_DB": url})
    assert info.returncode == 0 and json.loads(info.stdout)["cases"]["registered"] == 1


def test_init_creates_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "新建" / "center.sqlite"
    made = run_admin("--db", str(path), "init")
    assert made.returncode == 0, made.stderr
    assert path.exists()
    assert "数据库已就绪" in made.stdout and head_revision() in made.stdout
    bad = run_admin("--db", "mysql://localhost/x", "info")
    assert bad.returncode == 2
    assert len(bad.stderr.splitlines()) == 1 and "mysql" in bad.stderr


def test_init_demo_builds_the_demo_street_once(
    db_url: str, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", db_url, "init", "--demo", "--cases", "200", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    assert "演示街道已生成" in captured.out and "案件 200 件" in captured.out
    assert "[100%] 完成" in captured.err  # progress goes to stderr
    # The demo street comes with its demo accounts, so from now on the CLI signs in.
    assert main(["--db", db_url, "info", "--json"]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("GRIDDESK_PASSWORD", "demo2026")
    assert main(["--db", db_url, "--user", "admin", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert sum(info["cases"].values()) == 200
    assert 8 <= info["communities"] <= 12 and 40 <= info["grids"] <= 80
    assert all(count > 0 for count in info["people"].values()), info["people"]
    assert main(["--db", db_url, "--user", "admin", "init", "--demo"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("错误：") and "已有街道" in err


def test_unreachable_server_is_one_line_without_the_password(capsys: Any) -> None:
    code = main(["--db", "postgresql://griddesk:s3cret@127.0.0.1:1/center", "info"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("错误：无法打开数据库")
    assert "s3cret" not in err and "127.0.0.1" in err


# --- simulate -----------------------------------------------------------------------------------


def count_cases(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def test_simulate_for_a_duration(
    street: Database, capsys: Any, cli_login: Callable[..., list[str]]
) -> None:
    url = url_of(street)
    login = cli_login(street, "shift_lead")
    assert main(["--db", url, *login, "simulate", "--rate", "1200", "--duration", "0.5"]) == 0
    captured = capsys.readouterr()
    numbers = captured.out.split()
    assert numbers and all(len(n) == 13 and n.isdigit() for n in numbers)
    assert f"共上报 {len(numbers)} 件" in captured.err
    assert count_cases(street) == len(numbers)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--rate", "0"), "--rate"),
        (("--rate", "10", "--duration", "-1"), "--duration"),
        (("--rate", "1e12", "--duration", "2"), "0.001–6000"),
    ],
)
def test_simulate_refuses_bad_rates(
    street: Database,
    capsys: Any,
    args: tuple[str, ...],
    fragment: str,
    cli_login: Callable[..., list[str]],
) -> None:
    assert main(["--db", url_of(street), *cli_login(street, "shift_lead"), "simulate", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and fragment in err


def test_simulate_at_the_highest_rate_ends_on_time(
    street: Database, cli_login: Callable[..., list[str]]
) -> None:
    """The installed command at 6000 a minute for 2 s: more than the database keeps up with on
    this machine or not, it ends when the 2 s are over (start-up included, well under 10×)."""
    login = cli_login(street, "shift_lead")
    started = time.monotonic()
    result = run_admin(
        "--db", url_of(street), *login, "simulate", "--rate", "6000", "--duration", "2"
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    numbers = result.stdout.split()
    assert f"模拟结束：共上报 {len(numbers)} 件" in result.stderr
    assert count_cases(street) == len(numbers) >= 1
    assert elapsed < 10.0


def test_simulate_needs_grids(
    db: Database, capsys: Any, cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(db, "shift_lead")
    assert main(["--db", url_of(db), *login, "simulate", "--rate", "60", "--duration", "1"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "网格" in err
    assert count_cases(db) == 0


def _readline(stream: Any, timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        assert selector.select(timeout), "the simulator printed nothing"
    line: str = stream.readline()
    return line


def test_simulate_stops_cleanly_on_ctrl_c(
    street: Database, cli_login: Callable[..., list[str]]
) -> None:
    login = cli_login(street, "shift_lead")
    proc = subprocess.Popen(
        [str(ADMIN), "--db", url_of(street), *login, "simulate", "--rate", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        first = _readline(proc.stdout, timeout=60).strip()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    numbers = [first, *out.split()]
    assert f"模拟已停止：共上报 {len(numbers)} 件" in err
    assert count_cases(street) == len(numbers)  # every printed case is there, nothing half-written


def test_times_follow_the_centers_time_zone(cli: Cli, street: Database) -> None:
    from zoneinfo import ZoneInfo

    from db.reference.settings_store import save_setting

    with street.write() as session:
        save_setting(session, "timezone", "Asia/Tokyo")
    tokyo = ZoneInfo("Asia/Tokyo")
    number = report(cli)  # 09:00 in Shanghai is 10:00 in Tokyo
    ok(cli("case", "register", number))
    ok(cli("case", "dispatch", number))
    out = ok(cli("case", "extend", number, "--until", "2026-11-30 17:00", "--reason", "协调")).out
    assert "期限 2026-11-30 17:00" in out
    due = datetime.fromisoformat(show(cli, number)["due_at"])
    assert due == datetime(2026, 11, 30, 17, 0, tzinfo=tokyo)
    assert "2026-11-23 10:00 上报" in ok(cli("case", "show", number)).out


def test_a_reader_that_leaves_early_is_not_an_error(
    street: Database, cli_login: Callable[..., list[str]]
) -> None:
    """`griddesk-admin info | head -1`: the pipe closes before griddesk-admin writes; it ends
    quietly with 0 instead of reporting an internal error."""
    child = subprocess.Popen(
        [str(ADMIN), "--db", url_of(street), *cli_login(street, "shift_lead"), "info"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the first line
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err.decode("utf-8", "replace")
    assert "内部错误" not in err.decode("utf-8", "replace")

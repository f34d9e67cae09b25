"""Text that a column cannot hold is refused before anything is written, the same on SQLite
(which would store it) and PostgreSQL (which would fail with the SQL and its parameters): too
long for its String(n) column, NUL, control characters, bidi overrides and zero-width
characters. Terminal control characters already stored are escaped on the CLI's output; a
fault of the program is one line on stderr, its details only in the log file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import insert, select, text

from db.engine import Database
from db.errors import ValidationError
from db.models import Base, Case, Person
from db.people.roster_kinds import Kind
from db.people.rosters import create_entry, update_entry
from db.security.actors import SYSTEM
from desktop.cli.main import log_path, main
from tests.street import COMMUNITY_A, GRID_A1
from tests.test_cli import Result, url_of
from tests.test_roster_import import HEADERS, build_sheet, pid, worker_rows

# What a leaked database error looks like on a terminal.
SQL_MARKERS = ("INSERT", "UPDATE", "SELECT", "parameters", "psycopg", "sqlite3", "Traceback")
UNSAFE = ("\x1b", "\x07", "\x00", "\u202e", "\u200b")


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order; but the audit entries of signing in,
    which every `--user` command writes before it starts, and the log's head they move."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for name, table in sorted(Base.metadata.tables.items()):
            if name == "audit_head":
                continue
            stmt = select(table).order_by(*table.primary_key.columns)
            if name == "audit_log":
                stmt = stmt.where(table.c.action != "sign_in")
            out[name] = [tuple(row) for row in session.execute(stmt).all()]
    return out


@pytest.fixture
def cli(
    street: Database,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> Iterator[Callable[..., Result]]:
    """`griddesk-admin --db <street> --user t_shift_lead ARGS…` in-process as a 值班长 (a later
    `--user` in ARGS wins; t_admin and t_secretary exist too)."""
    url = url_of(street)
    cli_login(street, "admin")
    cli_login(street, "secretary")
    login = cli_login(street, "shift_lead")

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(["--db", url, *login, *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run


def refused_unchanged(
    db: Database, run: Callable[[], Result], *fragments: str, stdout_ok: bool = False
) -> str:
    """Exit 2, one line on stderr without SQL, the database unchanged by content."""
    before = snapshot(db)
    result = run()
    assert result.code == 2, (result.out, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.err
    assert not any(marker in result.err for marker in SQL_MARKERS), result.err
    assert not any(char in result.err + result.out for char in UNSAFE)
    if not stdout_ok:
        assert result.out == ""
    for fragment in fragments:
        assert fragment in result.err + result.out, (result.out, result.err)
    assert snapshot(db) == before
    return lines[0]


REPORT = ("case", "report", "--grid", GRID_A1, "--category", "0101")


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (("--description", "垃圾", "--reporter", "张" * 100), "反映人姓名过长（最多 64 字"),
        (("--description", "垃圾", "--phone", "1" * 40), "反映人电话"),
        (("--description", "垃圾", "--phone", "abc"), "反映人电话「abc」不是有效的手机号码"),
        (("--description", "垃圾", "--address", "路" * 201), "地址过长（最多 200 字"),
        (("--description", "清屏\x1b[2J"), "问题描述含有不允许的控制字符（U+001B）"),
        (("--description", "改标题\x1b]0;owned\x07"), "问题描述含有不允许的控制字符（U+001B）"),
        (("--description", "空\x00字符"), "问题描述含有不允许的空字符（NUL）"),
        (("--description", "垃圾", "--reporter", "张\u202e三"), "文字方向控制符（U+202E）"),
        (("--description", "垃圾", "--reporter", "张\u200b三"), "零宽字符（U+200B）"),
        (("--description", "垃圾", "--reporter", "张\n三"), "反映人姓名含有不允许的换行"),
        (("--description", "垃圾", "--address", "路\u2066口"), "地址含有不允许的文字方向"),
    ],
)
def test_case_report_refuses_what_a_column_cannot_hold(
    street: Database, cli: Callable[..., Result], options: tuple[str, ...], fragment: str
) -> None:
    line = refused_unchanged(street, lambda: cli(*REPORT, *options), fragment)
    assert "张" * 30 not in line  # the message does not echo the whole value


def test_case_report_keeps_newlines_and_tabs_in_a_description(
    street: Database, cli: Callable[..., Result]
) -> None:
    result = cli(*REPORT, "--description", "第一行\n第二行\t续", "--phone", "024-42123456")
    assert result.code == 0, result.err
    with street.read() as session:
        case = session.scalars(select(Case)).one()
        assert (case.description, case.reporter_phone) == ("第一行\n第二行\t续", "024-42123456")


def test_a_reason_with_control_characters_is_refused(
    street: Database, cli: Callable[..., Result]
) -> None:
    number = cli(*REPORT, "--description", "垃圾").out.strip()
    # Caught by the check under every INSERT: the workflow has no check of its own.
    refused_unchanged(
        street,
        lambda: cli("case", "reject", number, "--reason", "重复\x1b[31m"),
        "原因或说明含有不允许的控制字符",
    )


def test_the_check_under_every_write_holds_for_orm_and_core(street: Database) -> None:
    raw = {"name": "张三", "id_number": pid(1), "community": COMMUNITY_A, "post": "委员"}
    raw |= {"pay_tier": 1, "pay_level": 1, "start_date": date(2015, 7, 1)}
    with street.write() as session:
        create_entry(session, Kind.COMMUNITY_WORKER, raw, SYSTEM)
    before = snapshot(street)
    with (
        pytest.raises(ValidationError, match="学历过长（最多 16 字"),
        street.write() as session,
    ):
        session.execute(
            insert(Person), [{"name": "张三", "education": "博" * 100, "created_at": None}]
        )
    with pytest.raises(ValidationError, match="姓名含有不允许的空字符"), street.write() as session:
        person = session.scalars(select(Person)).first()
        assert person is not None
        person.name = "张\x00三"
    assert snapshot(street) == before


# --- the work-order import ---------------------------------------------------------------------


def _orders(path: Path, row: list[object]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工单号", "网格编码", "小类", "诉求内容", "反映人", "来电号码", "地址"])
    ws.append(["GD001", GRID_A1, "0101", "正常的一行", "李四", "13812345678", "某路 1 号"])
    ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        (["GD002", GRID_A1, "0101", "垃圾", "王" * 100, "", ""], "反映人过长（最多 64 字"),
        # `_x0000_` is how a workbook writes NUL; the reader turns it back into one.
        (["GD002", GRID_A1, "0101", "垃_x0000_圾", "", "", ""], "问题描述含有不允许的空字符"),
        (["GD002", GRID_A1, "0101", "垃_x001B_[2J圾", "", "", ""], "控制字符（U+001B）"),
        (["GD002", GRID_A1, "0101", "垃圾", "王\u202e五", "", ""], "反映人含有不允许的文字方向"),
        (["GD002", GRID_A1, "0101", "垃圾", "", "", "路_x0007_口"], "地址含有不允许的控制字符"),
        (["GD_x001B_002", GRID_A1, "0101", "垃圾", "", "", ""], "工单编号含有不允许的控制字符"),
    ],
)
def test_work_order_import_names_the_row_and_writes_nothing(
    street: Database,
    cli: Callable[..., Result],
    tmp_path: Path,
    row: list[object],
    fragment: str,
) -> None:
    path = _orders(tmp_path / "工单.xlsx", row)
    dry = cli("import", "cases", str(path), "--dry-run")
    assert "有问题 1 行" in dry.out and fragment in dry.out, dry
    assert "第 3 行" in dry.out
    assert not any(char in dry.out for char in UNSAFE)
    refused_unchanged(street, lambda: cli("import", "cases", str(path)), stdout_ok=True)
    # The good row alone goes in with --valid-only.
    assert cli("import", "cases", str(path), "--valid-only").code == 0
    with street.read() as session:
        assert [c.reporter_name for c in session.scalars(select(Case))] == ["李四"]


# --- rosters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("学历", "研" * 100, "学历过长（最多 16 字，实为 100 字）"),
        ("学历", "本_x0000_科", "学历含有不允许的空字符"),
        ("职务", "书记_x001B_]0;x_x0007_", "职务含有不允许的控制字符"),
        ("姓名", "赵\u200d六", "姓名含有不允许的零宽字符"),
    ],
)
def test_roster_import_refuses_what_a_column_cannot_hold(
    street: Database,
    cli: Callable[..., Result],
    tmp_path: Path,
    column: str,
    value: str,
    fragment: str,
) -> None:
    rows = [[*row, "本科"] for row in worker_rows()[:2]]
    if column == "学历":
        rows[1][-1] = value
    elif column == "职务":
        rows[1][HEADERS.index("职务") + 1] = value
    else:
        rows[1][0] = value
    path = build_sheet(
        tmp_path / "花名册.xlsx", rows, headers=[*HEADERS, "学历"], extra_header=None
    )
    args = ("--user", "t_secretary", "import", "roster", str(path), "--kind", "社区工作者")
    dry = cli(*args, "--dry-run")
    assert dry.code == 2 and fragment in dry.out, dry
    refused_unchanged(street, lambda: cli(*args), "未导入任何数据", stdout_ok=True)


def test_roster_edits_refuse_what_a_column_cannot_hold(street: Database) -> None:
    raw = {"name": "张三", "id_number": pid(1), "community": COMMUNITY_A, "post": "委员"}
    raw |= {"pay_tier": 1, "pay_level": 1, "start_date": date(2015, 7, 1)}
    with street.write() as session:
        row_id = create_entry(session, Kind.COMMUNITY_WORKER, raw, SYSTEM)
    before = snapshot(street)
    for change, fragment in (
        ({"education": "研" * 17}, "学历过长（最多 16 字"),
        ({"name": "张\x1b三"}, "姓名含有不允许的控制字符"),
        ({"honours": "先进\u202e"}, "含有不允许的文字方向控制符"),
    ):
        with pytest.raises(ValidationError, match=fragment), street.write() as session:
            update_entry(session, Kind.COMMUNITY_WORKER, row_id, change, SYSTEM)
    with pytest.raises(ValidationError, match="学历过长"), street.write() as session:
        create_entry(session, Kind.COMMUNITY_WORKER, raw | {"education": "研" * 17}, SYSTEM)
    assert snapshot(street) == before


# --- master data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("department", "add", "城管\x1b[2J"), "部门名称含有不允许的控制字符"),
        (("department", "add", "城管局", "--contact", "王\u202e五"), "联系人含有不允许的文字方向"),
        (("department", "add", "城管局", "--phone", "abc"), "联系电话「abc」"),
    ],
)
def test_master_data_refuses_control_characters(
    street: Database, cli: Callable[..., Result], args: tuple[str, ...], fragment: str
) -> None:
    refused_unchanged(street, lambda: cli("--user", "t_admin", *args), fragment)


# --- output ------------------------------------------------------------------------------------


def test_stored_control_characters_are_escaped_on_output(
    street: Database, cli: Callable[..., Result]
) -> None:
    number = cli(*REPORT, "--description", "垃圾", "--reporter", "张三").out.strip()
    # Data written before the checks existed (raw SQL passes no INSERT/UPDATE statement check).
    with street.write() as session:
        session.execute(
            text("UPDATE cases SET description = :d, reporter_name = :n WHERE number = :k"),
            {"d": "清屏\x1b[2J响铃\x07\n第二行\u202e反", "n": "\u202e张三", "k": number},
        )
    listing = cli("case", "list")
    shown = cli("case", "show", number)
    as_json = cli("case", "show", number, "--json")
    for result in (listing, shown, as_json):
        assert result.code == 0, result.err
        assert not any(char in result.out for char in UNSAFE), result.out
    assert "清屏\\u001b[2J响铃\\u0007" in listing.out
    assert "清屏\\u001b[2J响铃\\u0007\n第二行\\u202e反" in shown.out
    assert len([line for line in listing.out.splitlines() if number in line]) == 1
    assert as_json.json()["description"] == "清屏\x1b[2J响铃\x07\n第二行\u202e反"


def test_a_fault_is_one_line_and_the_details_go_to_the_log(
    street: Database, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    import desktop.cli.cases

    def broken(*args: object, **kwargs: object) -> str:
        raise IntegrityError(
            'INSERT INTO cases (reporter_name, reporter_phone) VALUES ("张三", "13812345678")',
            {"reporter_phone": "13812345678"},
            Exception("duplicate key"),
        )

    monkeypatch.setattr(desktop.cli.cases, "report_case", broken)
    log_path().unlink(missing_ok=True)
    before = snapshot(street)
    result = cli(*REPORT, "--description", "垃圾", "--phone", "13812345678")
    assert result.code == 1
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：内部错误（IntegrityError）"), result.err
    assert "13812345678" not in result.err and "张三" not in result.err
    assert not any(marker in result.err for marker in SQL_MARKERS)
    assert str(log_path()) in lines[0]
    assert "13812345678" in log_path().read_text(encoding="utf-8")
    assert snapshot(street) == before


def test_a_long_audit_object_id_is_shortened_and_kept_whole_in_details(db: Database) -> None:
    from db.models import AuditEntry
    from db.security.audit import record_audit, verify_chain

    path = "/srv/backups/" + "网格" * 60 + ".sqlite"
    with db.write() as session:
        record_audit(session, SYSTEM, "backup", "database", path, {"cases": 3})
    with db.read() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.object_id == path[:63] + "…"
        assert entry.details == {"cases": 3, "object_id": path}
        assert verify_chain(session).ok

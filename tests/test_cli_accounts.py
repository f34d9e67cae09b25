"""griddesk-admin with accounts: first admin without sign-in, --user with GRIDDESK_PASSWORD,
refusals with exit 2, audit verify, backup and restore."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from db.engine import Database
from db.models import AuditEntry, Case
from desktop.cli.main import main
from tests.street import GRID_A1

PW = "Grid2026desk"


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def accounts(
    street: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    url = street.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("GRIDDESK_NEW_PASSWORD", PW)
    assert run(capsys, url, "user", "add", "admin", "--role", "admin")[0] == 0
    monkeypatch.setenv("GRIDDESK_PASSWORD", PW)
    for name, role in (("liming", "dispatcher"), ("boss", "leader"), ("zhang", "shift_lead")):
        code, _, err = run(capsys, url, "--user", "admin", "user", "add", name, "--role", role)
        assert code == 0, err
    return url


def test_without_accounts_only_setting_up_works(
    street: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first account exists the CLI does nothing but set up: init, the first
    `user add` (an administrator) and `audit verify`; everything else names the way in."""
    url = street.engine.url.render_as_string(hide_password=False)
    report = ("case", "report", "--grid", GRID_A1, "--category", "0101", "--description", "垃圾")
    for argv in (report, ("case", "list"), ("info",), ("department", "list")):
        code, out, err = run(capsys, url, *argv)
        assert code == 2 and out == "", (argv, out)
        assert err.splitlines() == [
            "错误：此数据库还没有账号：请先用 griddesk-admin user add 用户名 --role admin "
            "建立管理员，再以 --user 用户名 操作"
        ]
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 0
    assert run(capsys, url, "init")[0] == 0
    assert run(capsys, url, "audit", "verify")[0] == 0
    monkeypatch.setenv("GRIDDESK_NEW_PASSWORD", PW)
    code, _, err = run(capsys, url, "user", "add", "clerk", "--role", "secretary")
    assert code == 2 and "第一个账号必须是管理员" in err
    assert run(capsys, url, "user", "add", "admin", "--role", "admin")[0] == 0
    # The second account is no longer "the first": it needs an administrator signed in.
    code, _, err = run(capsys, url, "user", "add", "liming", "--role", "dispatcher")
    assert code == 2 and "--user" in err
    monkeypatch.setenv("GRIDDESK_PASSWORD", PW)
    assert run(capsys, url, "--user", "admin", "info")[0] == 0


def test_once_accounts_exist_user_is_required(
    accounts: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, accounts, "case", "list")
    assert code == 2 and "--user" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, accounts, "--user", "liming", "case", "list")
    assert code == 0, err
    assert run(capsys, accounts, "audit", "verify")[0] == 0  # open to everyone


def test_wrong_password_exits_2(
    accounts: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRIDDESK_PASSWORD", "not-it-123")
    code, _, err = run(capsys, accounts, "--user", "liming", "case", "list")
    assert code == 2 and "用户名或密码错误" in err


def test_roles_are_enforced_in_the_cli(accounts: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        accounts,
        "--user",
        "liming",
        "case",
        "report",
        "--grid",
        GRID_A1,
        "--category",
        "0101",
        "--description",
        "井盖",
    )
    assert code == 0, err
    number = out.strip()
    assert run(capsys, accounts, "--user", "liming", "case", "register", number)[0] == 0
    assert run(capsys, accounts, "--user", "liming", "case", "dispatch", number)[0] == 0
    # a dispatcher may not approve an extension; a leader may do nothing; a shift lead may
    code, _, err = run(
        capsys, accounts, "--user", "liming", "case", "suspend", number, "--reason", "需协调"
    )
    assert code == 2 and "无权" in err
    code, _, err = run(capsys, accounts, "--user", "boss", "case", "urge", number)
    assert code == 2 and "无权" in err
    code, _, err = run(
        capsys, accounts, "--user", "zhang", "case", "suspend", number, "--reason", "需协调"
    )
    assert code == 0, err
    code, _, err = run(
        capsys, accounts, "--user", "liming", "user", "add", "x", "--role", "secretary"
    )
    assert code == 2 and "无权" in err


def test_audit_verify_names_the_broken_entry(
    accounts: str, street: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, accounts, "audit", "verify")
    assert code == 0 and "完整" in out
    with street.write() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == 2).values(username="mallory"))
    code, _, err = run(capsys, accounts, "audit", "verify")
    assert code == 2 and "第 2 条" in err


def test_backup_and_restore_from_the_cli(
    accounts: str, street: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "b.sqlite"
    code, _, err = run(capsys, accounts, "--user", "admin", "backup", "--out", str(out_file))
    if not street.is_sqlite:
        assert code == 2 and "pg_dump" in err
        return
    assert code == 0 and out_file.exists(), err
    code, _, err = run(capsys, accounts, "--user", "liming", "backup", "--out", str(out_file))
    assert code == 2 and "无权" in err
    bad = tmp_path / "bad.sqlite"
    bad.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, accounts, "--user", "admin", "restore", str(bad))
    assert code == 2 and "不是 GridDesk 备份文件" in err
    code, _, err = run(capsys, accounts, "--user", "admin", "restore", str(out_file))
    assert code == 0, err


def test_backup_and_restore_onto_the_wrong_things_are_refused_from_the_cli(
    accounts: str, street: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup --out /dev/full` once said 已备份到 /dev/full and, as root, replaced the device
    with a file (SQLite files only: PostgreSQL is backed up with pg_dump on the server)."""
    if not street.is_sqlite:
        pytest.skip("SQLite file matter: PostgreSQL is backed up with pg_dump on the server")
    live = Path(str(street.engine.url.database))

    def audited() -> list[tuple[int, str, str]]:  # every CLI run records its sign-in
        with street.read() as s:
            entries = s.scalars(select(AuditEntry).where(AuditEntry.action != "sign_in"))
            return [(e.id, e.action, e.hash) for e in entries]

    before = audited()
    wrong_targets = {
        "/dev/full": "不是普通文件",
        str(tmp_path / "nonexist" / "x.sqlite"): "不存在",
        str(live): "正在使用的数据库文件",
        f"{live}-wal": "正在使用的数据库文件",
    }
    for target, message in wrong_targets.items():
        code, out, err = run(capsys, accounts, "--user", "admin", "backup", "--out", target)
        assert (code, out) == (2, ""), (target, out)
        assert len(err.splitlines()) == 1 and message in err, (target, err)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not (tmp_path / "nonexist").exists()
    for source, message in {str(live): "正在使用的数据库本身", "/dev/zero": "不是普通文件"}.items():
        code, out, err = run(capsys, accounts, "--user", "admin", "restore", source)
        assert (code, out) == (2, ""), (source, out)
        assert len(err.splitlines()) == 1 and message in err, (source, err)
    assert audited() == before  # no backup or restore recorded: nothing happened


def test_restore_of_a_tampered_backup_or_one_without_administrator_is_refused_from_the_cli(
    accounts: str, street: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup's own audit chain and accounts are checked before anything is replaced;
    an edited log is restored only with --accept-broken-audit and a reason, which is logged."""
    if not street.is_sqlite:
        pytest.skip("SQLite file matter: PostgreSQL is backed up with pg_dump on the server")
    import sqlite3

    tampered = tmp_path / "tampered.sqlite"
    code, _, err = run(capsys, accounts, "--user", "admin", "backup", "--out", str(tampered))
    assert code == 0, err
    no_admin = tmp_path / "no-admin.sqlite"
    no_admin.write_bytes(tampered.read_bytes())
    for path, sql in (
        (tampered, "UPDATE audit_log SET username = 'mallory' WHERE id = 2"),
        (no_admin, "DELETE FROM users"),
    ):
        conn = sqlite3.connect(path)
        conn.execute(sql)
        conn.commit()
        conn.close()
    run(capsys, accounts, "--user", "admin", "case", "report", "--grid", GRID_A1,
        "--category", "0101", "--description", "恢复前")  # fmt: skip

    def content() -> list[str]:  # the live database, leaving out the sign-ins each run adds
        conn = sqlite3.connect(str(street.engine.url.database))
        try:
            return [
                line
                for line in conn.iterdump()
                if "sign_in" not in line and "audit_head" not in line  # the head they move
            ]
        finally:
            conn.close()

    before = content()
    code, out, err = run(capsys, accounts, "--user", "admin", "restore", str(tampered))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "错误：备份 tampered.sqlite 的审计日志未通过校验（第 2 条记录的内容被改动过），"
        "拒绝恢复，当前数据库未改动；确认仍要恢复请加 --accept-broken-audit --reason 原因"
    ]
    for argv in (
        ("--accept-broken-audit",),
        ("--reason", "核对过"),
        ("--accept-broken-audit", "--reason", " "),
    ):
        code, out, err = run(capsys, accounts, "--user", "admin", "restore", str(tampered), *argv)
        assert (code, out) == (2, "") and len(err.splitlines()) == 1, (argv, err)
    code, out, err = run(
        capsys, accounts, "--user", "admin", "restore", str(no_admin), "--accept-broken-audit",
        "--reason", "核对过",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert "没有启用的管理员账号" in err and len(err.splitlines()) == 1
    assert content() == before

    reason = "备份盘上的文件被误编辑，案件已逐件核对"
    code, out, err = run(
        capsys, accounts, "--user", "admin", "restore", str(tampered),
        "--accept-broken-audit", "--reason", reason,
    )  # fmt: skip
    assert code == 0 and "已从" in out, err
    with street.read() as s:
        assert s.scalar(select(func.count(Case.id))) == 0  # the backup's content
        restores = s.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).all()
        logged = [(e.username, (e.details or {}).get("reason")) for e in restores]
    assert logged == [("admin", reason)]
    code, _, err = run(capsys, accounts, "audit", "verify")
    assert code == 2 and "第 2 条" in err  # the edit stays visible

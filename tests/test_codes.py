"""The unified codes (统一编码): valid community and grid codes pass, wrong ones are refused
with a sentence that names the code and what is wrong with it — also from the CLI."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.errors import InvalidCode, UserError
from db.models import Case
from db.reference.codes import (
    street_kind,
    validate_community_code,
    validate_county_code,
    validate_grid_code,
    validate_street_code,
)
from desktop.cli.main import main
from tests.street import COMMUNITY_A, COMMUNITY_B, GRID_A1, GRID_B2, STREET


@pytest.mark.parametrize(
    "code",
    [
        "21050400200101",  # 14 digits: community + 2-digit grid sequence
        "210504002002002",  # 15 digits (Beijing style): community + 3-digit sequence
        "11010500100199",  # Beijing 朝阳区, 街道 001
        "32058212001201",  # a 镇 (120) in Jiangsu
        "44030524020599",  # a 乡 (240) in Guangdong
    ],
)
def test_valid_grid_codes(code: str) -> None:
    assert validate_grid_code(code) == code
    assert validate_community_code(code[:12]) == code[:12]


def test_codes_of_the_test_street_belong_together() -> None:
    assert validate_community_code(COMMUNITY_A, STREET) == COMMUNITY_A
    assert validate_grid_code(GRID_A1, COMMUNITY_A) == GRID_A1
    assert validate_grid_code(GRID_B2, COMMUNITY_B) == GRID_B2


def test_surrounding_space_and_full_width_digits_are_accepted() -> None:
    assert validate_grid_code("  21050400200101\n") == "21050400200101"
    # typed with a Chinese input method
    assert validate_grid_code("２１０５０４００２００１０１") == "21050400200101"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("210504002001", "网格编码「210504002001」应为 14 或 15 位数字"),  # a community code
        ("2105040020010", "应为 14 或 15 位数字"),  # 13
        ("2105040020010100", "应为 14 或 15 位数字"),  # 16
        ("21050400200I01", "应为 14 或 15 位数字"),  # a letter I for a 1
        ("21050400200 01", "应为 14 或 15 位数字"),
        ("٢١٠٥٠٤٠٠٢٠٠١٠١", "应为 14 或 15 位数字"),  # Arabic-Indic digits are not digits here
        ("", "应为 14 或 15 位数字"),
        ("99050400200101", "区县编码「990504」的省级代码 99 不存在"),
        ("00050400200101", "省级代码 00 不存在"),
        ("21000000200101", "区县编码「210000」不是区县级代码"),
        ("21050000200101", "不是区县级代码"),
        ("21050400000101", "街道编码「210504000」的乡级代码 000 不在 001–399 之内"),
        ("21050450000101", "乡级代码 500 不在 001–399 之内"),
        ("21050400200001", "社区编码「210504002000」的居（村）委会代码不能为 000"),
        ("21050400200100", "网格编码「21050400200100」的网格序号不能为 0"),
        ("210504002001000", "网格序号不能为 0"),
    ],
)
def test_invalid_grid_codes(code: str, message: str) -> None:
    with pytest.raises(InvalidCode) as raised:
        validate_grid_code(code)
    assert message in str(raised.value)
    assert isinstance(raised.value, UserError)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("21050400200", "社区编码「21050400200」应为 12 位数字"),  # 11
        ("21050400200101", "应为 12 位数字"),  # 14: a grid code
        ("210504002000", "居（村）委会代码不能为 000"),
        ("910504002001", "省级代码 91 不存在"),
        ("210504400001", "乡级代码 400 不在 001–399 之内"),
    ],
)
def test_invalid_community_codes(code: str, message: str) -> None:
    with pytest.raises(InvalidCode, match=message):
        validate_community_code(code)


def test_codes_must_fit_the_hierarchy() -> None:
    with pytest.raises(InvalidCode, match="不属于社区 210504002001（前 12 位应相同）"):
        validate_grid_code(GRID_B2, COMMUNITY_A)
    with pytest.raises(InvalidCode, match="社区编码「210504003001」不属于街道 210504002"):
        validate_community_code("210504003001", STREET)
    with pytest.raises(InvalidCode, match="街道编码「210505002」不属于区县 210504"):
        validate_street_code("210505002", "210504")


def test_street_kinds_and_county_codes() -> None:
    assert [street_kind(c) for c in ("210504002", "210504120", "210504250")] == [
        "街道",
        "镇",
        "乡",
    ]
    assert validate_county_code("210504") == "210504"
    with pytest.raises(InvalidCode, match="区县编码「2105」应为 6 位数字"):
        validate_county_code("2105")


@pytest.mark.parametrize(
    ("grid", "fragment"),
    [
        ("210504002001", "应为 14 或 15 位数字"),
        ("99050400200101", "省级代码 99 不存在"),
        ("21050400200100", "网格序号不能为 0"),
        ("21050400200199", "网格编码 21050400200199 不存在"),  # well-formed but not ours
    ],
)
def test_cli_refuses_a_wrong_grid_code(
    street: Database,
    capsys: pytest.CaptureFixture[str],
    grid: str,
    fragment: str,
    cli_login: Callable[..., list[str]],
) -> None:
    url = street.engine.url.render_as_string(hide_password=False)
    code = main(
        [
            "--db",
            url,
            *cli_login(street, "shift_lead"),
            "case",
            "report",
            "--grid",
            grid,
            "--category",
            "0101",
            "--description",
            "井盖缺失",
        ]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.splitlines() == [captured.err.strip()]
    assert captured.err.startswith("错误：") and fragment in captured.err
    with street.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0

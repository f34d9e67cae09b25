"""`griddesk-admin case duplicates / not-duplicate / merge / reporters / reporter-callback`."""

from __future__ import annotations

from tests.street import GRID_A1, GRID_A2
from tests.test_cli import Cli, cli, clock, ok, refused, report, show  # noqa: F401


def test_duplicates_merge_reporters_and_callbacks(cli: Cli) -> None:  # noqa: F811
    first = report(cli, "--address", "明山路12号", "--reporter", "王丽", "--phone", "13812345678")
    second = report(cli, "--address", "明山路12号门口", "--reporter", "赵强", grid=GRID_A2)
    other = report(cli, "--address", "育才街3号", grid=GRID_A1, category="0401")
    listed = ok(cli("case", "duplicates", second, "--json")).json()
    assert [c["number"] for c in listed] == [first]
    assert set(listed[0]) >= {"number", "score", "why", "status_label", "address", "is_open"}
    assert "同社区相邻网格" in listed[0]["why"] and 0 < listed[0]["score"] <= 1
    assert show(cli, second)["possible_duplicates"] == 1
    assert ok(cli("case", "duplicates", other, "--json")).json() == []
    assert "没有疑似重复" in ok(cli("case", "duplicates", other)).out
    assert first in ok(cli("case", "duplicates", second)).out
    refused(cli("case", "duplicates", "2026112399999"), "不存在")

    ok(cli("case", "not-duplicate", first, second))
    assert ok(cli("case", "duplicates", second, "--json")).json() == []
    refused(cli("case", "not-duplicate", first, first), "自身")

    # 合并 from 处置中: the clock stops; the main case lists both reporters.
    ok(cli("case", "register", second))
    ok(cli("case", "dispatch", second))
    ok(cli("case", "accept", second))
    ok(cli("case", "merge", second, "--into", first, "--reason", "同一处"))
    merged = show(cli, second)
    assert merged["status"] == "merged" and merged["due_at"] is None
    main = show(cli, first)
    assert main["report_count"] == 2 and main["merged_cases"] == [second]
    assert [r["from_case"] for r in main["reporters"]] == [first, second]
    assert main["reporters"][0]["phone"] == "138****5678"
    text = ok(cli("case", "show", first)).out
    assert f"报告数：2（已合并：{second}）" in text
    reporters = ok(cli("case", "reporters", first, "--json")).json()
    merged_id = reporters[1]["id"]
    refused(
        cli(
            "case",
            "reporter-callback",
            first,
            "--reporter",
            str(merged_id),
            "--satisfaction",
            "满意",
        ),
        "办结后",
    )
    for verb in ("register", "dispatch", "accept", "feedback", "verify"):
        ok(cli("case", verb, first))
    refused(cli("case", "merge", first, "--into", other), "已结案")
    ok(cli("case", "callback", first, "--satisfaction", "满意"))
    out = ok(
        cli(
            "case",
            "reporter-callback",
            first,
            "--reporter",
            str(merged_id),
            "--satisfaction",
            "不满意",
        )
    ).out
    assert "不满意" in out
    after = ok(cli("case", "reporters", first, "--json")).json()
    assert [r["satisfaction_label"] for r in after] == ["满意", "不满意"]
    for verb in ("duplicates", "not-duplicate", "reporters", "reporter-callback"):
        assert ok(cli("case", verb, "--help")).code == 0

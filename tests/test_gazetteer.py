"""The gazetteer (地名地址库): reading callers' addresses, placing them in a grid (certain only
when one grid fits for sure), the rows kept in 基础数据 with their checks, the Excel import
(every problem listed, all or nothing, re-import updates) and export, the demo street's
coherent addresses, the evaluation set, and `griddesk-admin gazetteer`."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.demo.simulate import simulate
from db.demo.street import build_demo
from db.engine import Database
from db.errors import PermissionDenied, ValidationError
from db.gazetteer.address import normalize, strip_prefixes
from db.gazetteer.entries import EntryValues, add_entry, delete_entries, list_entries, update_entry
from db.gazetteer.evaluation import evaluate_addresses
from db.gazetteer.index import ESTATE, LANDMARK, ROAD, Entry, Gazetteer, GridName
from db.gazetteer.placement import place_in
from db.gazetteer.workbook import (
    GazetteerProblems,
    export_gazetteer,
    import_gazetteer,
    write_gazetteer_template,
)
from db.models import AuditEntry, Case, GazetteerEntry, Grid
from db.reference.catalogue import catalogue_dir, read_json
from db.security.actors import Actor, Role
from desktop.admin.master_data_dialog import MasterDataDialog
from desktop.core.context import AppContext
from tests.street import GRID_A1, GRID_A2, GRID_B1, GRID_B2

EVAL_FILE = Path(__file__).resolve().parent.parent / "bench" / "intake" / "addresses_eval.tsv"
ADMIN = Actor("t_admin", "测试管理员", Role.ADMIN)
ROADS = sorted(read_json(catalogue_dir() / "descriptions.json")["roads"], key=len, reverse=True)
DOOR = re.compile(f"(?:{'|'.join(ROADS)})\\d+号(?!楼)")


# --- reading an address -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("紫金路１４９号", "紫金路149号"),
        ("紫金路一百四十九号", "紫金路149号"),
        ("紫金小区十二号楼三单元", "紫金小区12号楼3单元"),
        ("紫金路 幺四九 号", "紫金路149号"),
        ("紫金小区3栋", "紫金小区3号楼"),
        ("紫金小区3#楼", "紫金小区3号楼"),
        ("紫金路与钢铁路十字路口", "紫金路与钢铁路十字路口"),  # 十 is no number here
        ("五一路（东段）", "五一路东段"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("辽宁省本溪市明山区新明街道紫金路149号", "紫金路149号"),
        ("平山区紫金路149号", "紫金路149号"),  # a wrong district is dropped too
        ("溪湖区河西街道紫金路149号", "紫金路149号"),
        ("新明街道新明街12号", "新明街12号"),
        ("紫金小区3号楼", "紫金小区3号楼"),  # …小区 is no district
        ("明山区紫金小区3号楼", "紫金小区3号楼"),
    ],
)
def test_strip_prefixes(raw: str, expected: str) -> None:
    protected = ("紫金路", "新明街", "紫金小区")
    assert strip_prefixes(normalize(raw), ("明山区", "新明街道"), protected) == expected


def _small() -> Gazetteer:
    grids = {
        1: GridName(1, "A1", "锦峪社区第01网格", "锦峪社区"),
        2: GridName(2, "A2", "锦峪社区第02网格", "锦峪社区"),
        3: GridName(3, "B1", "新明社区第01网格", "新明社区"),
        4: GridName(4, "B2", "新明社区第02网格", "新明社区"),
    }
    entries = [
        Entry(ROAD, "紫金路", 1, first_no=1, last_no=99, side="odd"),
        Entry(ROAD, "紫金路", 2, first_no=2, last_no=98, side="even"),
        Entry(ROAD, "紫金路", 3, first_no=100, last_no=199),
        Entry(ROAD, "钢铁路", 2, first_no=1, last_no=80),
        Entry(ROAD, "钢铁路", 4, first_no=81, last_no=160),
        Entry(ROAD, "新明街", 4, first_no=1, last_no=60),
        Entry(ESTATE, "紫金小区", 1, ("紫金花园",), 1, 20),
        Entry(ESTATE, "紫金小区", 3, ("紫金花园",), 21, 40),
        Entry(ESTATE, "华夏小区", 4),
        Entry(LANDMARK, "东明小学", 3, ("东明小",), landmark_type="学校"),
    ]
    return Gazetteer(entries, grids, ("本溪市", "明山区", "新明街道"))


@pytest.mark.parametrize(
    ("address", "grids", "certain"),
    [
        ("紫金路149号", [3], True),
        ("明山区新明街道紫金路一百四十九号门口", [3], True),
        ("紫金路13号", [1], True),  # odd side
        ("紫金路14号附近", [2], True),  # even side
        ("紫金路１４号东侧", [2], True),
        ("紫金路13号对面", [1, 2], False),  # the other side lies in another grid
        ("紫金路250号", None, False),  # outside every range: a guess, never certain
        ("紫金路上", [1, 2, 3], False),  # a road without a number
        ("紫金路与钢铁路交口", [2], True),
        ("紫金路钢铁路路口", [2], True),
        ("钢铁路和紫金路交叉口附近", [2], True),
        ("紫金路与新明街交口", None, False),  # no common grid
        ("紫金小区十二号楼三单元", [1], True),
        ("紫金花园25栋", [3], True),
        ("紫金小区3-2-301", [1], True),
        ("紫金小区门口", [1, 3], False),  # the estate spans two grids
        ("华夏小区", [4], True),
        ("东明小学门口", [3], True),
        ("东明小学对面", [3], False),
        ("紫金路149号华夏小区", [3, 4], False),  # the clues disagree: both listed
        ("新明社区", [3, 4], False),
        ("不知道在哪儿", [], False),
    ],
)
def test_place_in_memory(address: str, grids: list[int] | None, certain: bool) -> None:
    found = _small().place(address)
    assert found.certain is certain, found
    if grids is not None:
        assert sorted(found.grid_ids) == grids, found
    if certain:
        assert len(found.grid_ids) == 1 and found.whys[0].endswith(found.whys[0].split()[-1])


def test_why_names_what_was_read() -> None:
    found = _small().place("紫金小区十二号楼")
    assert found.whys == ("地址含 紫金小区12号楼 → 锦峪社区第01网格",)
    found = _small().place("紫金路与钢铁路交口")
    assert "紫金路与钢铁路交口" in found.whys[0]


# --- the rows in the database -------------------------------------------------------------------


def _fill(db: Database) -> None:
    rows = [
        EntryValues(ROAD, "紫金路", GRID_A1, first_no=1, last_no=99, side="odd"),
        EntryValues(ROAD, "紫金路", GRID_A2, first_no=2, last_no=98, side="even"),
        EntryValues(ROAD, "紫金路", GRID_B1, first_no=100, last_no=199),
        EntryValues(ROAD, "钢铁路", GRID_A2, first_no=1, last_no=80),
        EntryValues(ROAD, "钢铁路", GRID_B2, first_no=81, last_no=160),
        EntryValues(ESTATE, "紫金小区", GRID_A1, "紫金花园", 1, 20),
        EntryValues(ESTATE, "紫金小区", GRID_B1, "紫金花园", 21, 40),
        EntryValues(LANDMARK, "东明小学", GRID_B2, landmark_type="学校"),
    ]
    with db.write() as s:
        for values in rows:
            add_entry(s, values, ADMIN)


def test_place_in_database(street: Database) -> None:
    _fill(street)
    with street.read() as s:
        p = place_in(s, "本溪市明山区紫金路一百零一号")
        assert p.certain and [c.code for c in p.grids] == [GRID_B1]
        assert p.grids[0].name == "新明社区第01网格" and p.grids[0].id is not None
        assert p.grids[0].why == "地址含 紫金路101号（100–199号） → 新明社区第01网格"
        p = place_in(s, "紫金小区", limit=3)
        assert not p.certain and {c.code for c in p.grids} == {GRID_A1, GRID_B1}
        p = place_in(s, "紫金路钢铁路路口")
        assert p.certain and p.grids[0].code == GRID_A2
        assert place_in(s, "  ") == place_in(s, "随便说说")
    # An edit is seen by the next placement (the cache follows the table).
    with street.write() as s:
        entry_id = s.scalar(select(GazetteerEntry.id).where(GazetteerEntry.name == "东明小学"))
        assert entry_id is not None
        update_entry(
            s, entry_id, EntryValues(LANDMARK, "东明小学", GRID_A1, landmark_type="学校"), ADMIN
        )
    with street.read() as s:
        assert place_in(s, "东明小学门口").grids[0].code == GRID_A1


def test_entry_checks_and_permissions(street: Database) -> None:
    _fill(street)
    with street.read() as s:
        before = len(list_entries(s))
    refusals: list[tuple[EntryValues, Actor, type[Exception], str]] = [
        (
            EntryValues(ROAD, "紫金路", GRID_B2, first_no=51, last_no=61, side="odd"),
            ADMIN,
            ValidationError,
            "重叠",
        ),
        (
            EntryValues(ROAD, "紫金路", GRID_B2, first_no=9, last_no=3),
            ADMIN,
            ValidationError,
            "大于",
        ),
        (EntryValues(ROAD, "钢铁路", GRID_B2), ADMIN, ValidationError, "门牌号"),
        (EntryValues(ESTATE, "紫金小区", GRID_B2), ADMIN, ValidationError, "重叠"),
        (EntryValues(LANDMARK, "菜市场", "99999999999999"), ADMIN, ValidationError, "不存在"),
        (EntryValues(LANDMARK, "", GRID_A1), ADMIN, ValidationError, "不能为空"),
        (
            EntryValues(LANDMARK, "菜市场", GRID_A1),
            Actor("d", "调度员", Role.DISPATCHER),
            PermissionDenied,
            "无权",
        ),
    ]
    for values, actor, error, words in refusals:
        with pytest.raises(error, match=words), street.write() as s:
            add_entry(s, values, actor)
    # The other side of the same numbers is no clash.
    with street.write() as s:
        add_entry(s, EntryValues(ROAD, "紫金路", GRID_B2, first_no=201, last_no=260), ADMIN)
    with street.read() as s:
        assert len(list_entries(s)) == before + 1
        assert [r.name for r in list_entries(s, kind=ESTATE)] == ["紫金小区", "紫金小区"]
        assert [r.range_text for r in list_entries(s, text="钢铁")] == ["1–80号", "81–160号"]
    with street.write() as s:
        ids = [r.id for r in list_entries(s, kind=LANDMARK)]
        assert delete_entries(s, ids, ADMIN) == 1
    with street.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "gazetteer"))
        assert set(actions) == {"gazetteer.add", "gazetteer.delete"}


# --- the Excel sheet ----------------------------------------------------------------------------


def _sheet_rows(path: Path, sheet: str, rows: list[list[object]]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row in rows:
        ws.append(row)
    book.save(path)


def test_import_problems_all_or_nothing_and_reimport(street: Database, tmp_path: Path) -> None:
    path = tmp_path / "地名.xlsx"
    write_gazetteer_template(path)
    _sheet_rows(
        path,
        "道路",
        [
            ["紫金路", 1, 99, "单号", GRID_A1],
            ["紫金路", 51, 120, "单双号", GRID_A2],  # clashes with the row above
            ["钢铁路", "十", 80, "", GRID_A2],  # not a number
            ["钢铁路", 81, 160, "两边", GRID_B2],  # bad side
        ],
    )
    _sheet_rows(path, "小区", [["紫金小区", "", 1, 20, "123"], ["华夏小区", "", None, None, ""]])
    _sheet_rows(
        path, "地标", [["东明小学", "学校", "", GRID_B1], ["东明小学", "学校", "", GRID_B2]]
    )
    with pytest.raises(GazetteerProblems) as caught, street.write() as s:
        import_gazetteer(s, path, ADMIN)
    texts = [p.text for p in caught.value.problems]
    assert texts == [
        "工作表「道路」第 5 行：道路「紫金路」51–120号与第 4 行的道路「紫金路」1–99号（单号）重叠："
        "同一门牌或楼号只能属于一个网格",
        "工作表「道路」第 6 行「B列 起始门牌号」：「十」不是整数，起始门牌号应只写数字",
        "工作表「道路」第 7 行「D列 单双号」：「两边」应为 单号、双号 或 单双号",
        "工作表「小区」第 4 行「网格编码」：网格编码「123」不存在或已停用",
        "工作表「小区」第 5 行「E列 网格编码」：网格编码不能为空",
        "工作表「地标」第 5 行：与第 4 行重复（地标「东明小学」）",
    ]
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(GazetteerEntry)) == 0

    good = tmp_path / "good.xlsx"
    write_gazetteer_template(good)
    _sheet_rows(
        good, "道路", [["紫金路", 1, 99, "单号", GRID_A1], ["紫金路", 2, 98, "双号", GRID_A2]]
    )
    _sheet_rows(good, "小区", [["紫金小区", "紫金花园", 1, 20, GRID_A1]])
    _sheet_rows(good, "地标", [["东明小学", "学校", "东明小", int(GRID_B1)]])
    with street.read() as s:
        dry = import_gazetteer(s, good, ADMIN, dry_run=True)
    assert (dry.added, dry.updated) == (4, 0)
    with street.write() as s:
        summary = import_gazetteer(s, good, ADMIN)
    assert (summary.added, summary.updated, summary.unchanged) == (4, 0, 0)
    with street.write() as s:
        again = import_gazetteer(s, good, ADMIN)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    # Export, move the school to another grid, import: updated, not doubled.
    exported = tmp_path / "export.xlsx"
    with street.read() as s:
        assert export_gazetteer(s, exported) == 4
        assert place_in(s, "东明小学").grids[0].code == GRID_B1
    book = openpyxl.load_workbook(exported)
    book["地标"]["D4"] = GRID_B2
    book.save(exported)
    with street.write() as s:
        moved = import_gazetteer(s, exported, ADMIN)
    assert (moved.added, moved.updated, moved.unchanged) == (0, 1, 3)
    with street.read() as s:
        assert s.scalar(select(func.count()).select_from(GazetteerEntry)) == 4
        assert place_in(s, "东明小学").grids[0].code == GRID_B2
        imports = s.scalars(select(AuditEntry).where(AuditEntry.action == "gazetteer.import")).all()
        assert len(imports) == 3 and imports[-1].details == {
            "added": 0,
            "updated": 1,
            "unchanged": 3,
        }
    with pytest.raises(PermissionDenied), street.write() as s:
        import_gazetteer(s, good, Actor("d", "调度员", Role.DISPATCHER))


# --- the demo street ----------------------------------------------------------------------------


def test_demo_addresses_are_coherent_and_the_evaluation_holds(db: Database) -> None:
    build_demo(db, cases=1500, now=datetime(2026, 11, 26, 8, tzinfo=UTC))
    with db.read() as s:
        codes = {grid_id: code for grid_id, code in s.execute(select(Grid.id, Grid.code))}
        grid_of: dict[str, set[int]] = {}
        door_of: dict[str, set[int]] = {}  # 紫金路149号 in addresses and descriptions
        for address, description, grid_id in s.execute(
            select(Case.address, Case.description, Case.grid_id)
        ):
            grid_of.setdefault(address, set()).add(grid_id)
            for door in DOOR.findall(f"{address} {description}"):
                door_of.setdefault(door, set()).add(grid_id)
        # The same door number (or building) always lies in the same grid…
        assert all(len(ids) == 1 for ids in grid_of.values())
        assert len(door_of) > 500 and all(len(ids) == 1 for ids in door_of.values())
        # …and each case's address is placed, with certainty, in the case's grid.
        sample = list(grid_of.items())[:300]
        for address, ids in sample:
            placement = place_in(s, address)
            assert placement.certain, address
            assert placement.grids[0].code == codes[next(iter(ids))], address
        figures = evaluate_addresses(s, EVAL_FILE)
    # The simulator draws from the same lists: its reports are placed in their own grid.
    stop = threading.Event()
    numbers: list[str] = []

    def on_case(number: str) -> None:
        numbers.append(number)
        if len(numbers) == 25:
            stop.set()

    simulate(db, rate_per_min=6000, stop=stop, on_case=on_case, seed=5)
    with db.read() as s:
        rows = s.execute(
            select(Case.address, Grid.code)
            .join(Grid, Case.grid_id == Grid.id)
            .where(Case.number.in_(numbers))
        ).all()
        assert len(rows) == 25
        for address, code in rows:
            placement = place_in(s, address)
            assert placement.certain and placement.grids[0].code == code, address
    assert figures["addresses"] >= 150
    assert figures["named"] >= 120 and figures["named_accuracy"] >= 0.95, figures["misses"]
    assert figures["wrong_and_certain"] == 0, figures["misses"]
    assert figures["ambiguous_called_certain"] == 0, figures["misses"]


# --- griddesk-admin -----------------------------------------------------------------------------


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli(
    street: Database,
    tmp_path: Path,
    cli_login: Callable[..., list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(street)
    base = ["--db", street.engine.url.render_as_string(hide_password=False), *cli_login(street)]
    for verb in ("list", "template", "import", "export", "place"):
        code, out, _ = _cli(["gazetteer", verb, "--help"], capsys)
        assert code == 0 and out.startswith("用法")
    code, out, _ = _cli([*base, "gazetteer", "place", "紫金路一百零一号", "--json"], capsys)
    document = json.loads(out)
    assert code == 0 and document["certain"] is True
    assert document["grids"][0]["code"] == GRID_B1 and "紫金路101号" in document["grids"][0]["why"]
    code, out, _ = _cli([*base, "gazetteer", "place", "紫金小区"], capsys)
    assert code == 0 and out.startswith("未确定") and GRID_A1 in out and GRID_B1 in out
    code, out, _ = _cli([*base, "gazetteer", "list", "--kind", "小区"], capsys)
    assert code == 0 and "共 2 条" in out
    template = tmp_path / "t.xlsx"
    code, out, _ = _cli([*base, "gazetteer", "template", str(template)], capsys)
    assert code == 0 and template.exists()
    _sheet_rows(template, "地标", [["菜市场", "市场", "", "1"]])
    code, out, err = _cli([*base, "gazetteer", "import", str(template), "--dry-run"], capsys)
    assert code == 2 and "网格编码「1」不存在" in out and "未写入任何数据" in err
    exported = tmp_path / "e.xlsx"
    code, out, _ = _cli([*base, "gazetteer", "export", str(exported)], capsys)
    assert code == 0 and "8 条" in out
    code, out, _ = _cli([*base, "gazetteer", "import", str(exported)], capsys)
    assert code == 0 and "未变 8 条" in out


# --- the 地名地址 tab of 基础数据 -------------------------------------------------------------------


def test_gazetteer_tab(
    admin_ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    _fill(admin_ctx.db)
    dialog = MasterDataDialog(admin_ctx)
    qtbot.addWidget(dialog)
    tab = dialog.gazetteer_tab
    assert dialog.tabs.tabText(dialog.gazetteer_index) == "地名地址"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 8)
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, 2).data() == "1–99号 单号"
    # The filter: by kind, then by text.
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData(ESTATE))
    assert [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())] == [
        "1–20号楼",
        "21–40号楼",
    ]
    tab.kind_filter.setCurrentIndex(0)
    tab.text_filter.setText("钢铁")
    assert tab.model.rowCount() == 2 and tab.count.text() == "2 / 8 条"
    tab.text_filter.clear()

    # Add a landmark through the form.
    with qtbot.waitSignal(tab.saved):
        form = tab.add_entry()
        form.kind.setCurrentIndex(form.kind.findData(LANDMARK))
        assert not form.side.isEnabled() and not form.first_no.isEnabled()
        form.name.setText("新明菜市场")
        form.landmark_type.setCurrentText("市场")
        form.grid.setCurrentIndex(form.grid.findData(GRID_A2))
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 9)
    assert "新明菜市场" in dialog.message.text()

    # A clash is refused with one sentence and changes nothing.
    form = tab.add_entry()
    form.kind.setCurrentIndex(form.kind.findData(ROAD))
    form.name.setText("钢铁路")
    form.first_no.setValue(70)
    form.last_no.setValue(90)
    form.grid.setCurrentIndex(form.grid.findData(GRID_B1))
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "重叠" in dialog.message.text())
    with admin_ctx.db.read() as s:
        assert len(list_entries(s)) == 9

    # Try an address.
    tab.try_address.setText("新明菜市场门口")
    with qtbot.waitSignal(tab.placed) as placed:
        tab.place()
    assert placed.args is not None and placed.args[0].certain
    assert tab.placement.text().startswith("确定") and GRID_A2 in tab.placement.text()

    # Import a sheet with problems: every problem listed, nothing written.
    path = tmp_path / "bad.xlsx"
    write_gazetteer_template(path)
    _sheet_rows(path, "地标", [["菜市场", "市场", "", "1"], ["", "市场", "", GRID_A1]])
    tab.import_file(path)
    qtbot.waitUntil(lambda: tab.problems.isVisible() or not tab.problems.isHidden())
    assert tab.problems.toPlainText().splitlines() == [
        "工作表「地标」第 4 行「网格编码」：网格编码「1」不存在或已停用",
        "工作表「地标」第 5 行「A列 地标名称」：地标名称不能为空",
    ]
    assert "未写入任何数据" in dialog.message.text()
    # Delete the two selected rows.
    tab.text_filter.setText("钢铁路")
    tab.table.selectAll()
    with qtbot.waitSignal(tab.saved):
        tab.delete_selected()
    qtbot.waitUntil(lambda: len(tab.data.rows) == 7)

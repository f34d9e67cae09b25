"""The case category catalogue a center keeps itself, on both databases: adding a 小类 (and a
大类), renaming, retiring and reactivating, keywords; the Excel export and the checked import;
the console's `category` verbs and the 基础数据 dialog's catalogue actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.cases.intake import report_case
from db.cases.queries import case_detail
from db.cases.queue import filter_options
from db.cases.queue import rows as queue_rows
from db.cases.states import Action
from db.cases.workflow import apply
from db.engine import Database
from db.errors import InvalidCode, NotFound, PermissionDenied, UserError, ValidationError
from db.models import Case, Category, MajorCategory
from db.reference.catalogue_import import (
    apply_catalogue_import,
    import_catalogue,
    plan_catalogue_import,
)
from db.reference.catalogue_sheet import export_catalogue
from db.reference.categories import (
    add_category,
    add_major,
    list_categories,
    rename_category,
    set_category_active,
    set_category_keywords,
)
from db.reference.category_keywords import parse_keywords
from db.security.actors import Actor, Role
from desktop.admin.catalogue_forms import CataloguePlanDialog, KeywordsForm, NewCategoryForm
from desktop.core.context import AppContext
from reports import category_analysis
from reports.period import parse_period
from reports.preview import preview_table
from reports.registry import build_report
from reports.request import ReportRequest
from tests.street import GRID_A1
from tests.test_master_data import (
    cli,
    cli_refused,
    last_audit,
    loaded,
    press_ok,
    refused,
    row_of,
    snapshot,
)

SH = ZoneInfo("Asia/Shanghai")
ADMIN = Actor("admin", "赵志刚", Role.ADMIN)
DISPATCHER = Actor("liming", "李明", Role.DISPATCHER)
STRAY = {
    "code": "0710",
    "name": "流浪动物",
    "default_department": "明山派出所",
    "dispatch_hours": "0.5",
    "handle_hours": "24",
    "verify_hours": 1,
    "basis": "working",
    "urgent": False,
    "keywords": "流浪狗、流浪猫, 野狗 流浪狗",
}
NOV = datetime(2026, 11, 23, 9, tzinfo=SH)


def category(db: Database, code: str) -> Any:
    with db.read() as session:
        return next(c for c in list_categories(session) if c.code == code)


def category_count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Category)) or 0)


# --- services ---------------------------------------------------------------------------------


def test_the_bundled_catalogue_has_keywords_and_no_stray_animals(db: Database) -> None:
    rows = {r.code: r for r in category_list(db)}
    assert all(len(r.keywords) >= 3 for r in rows.values())
    assert "马葫芦" in rows["5101"].keywords and "井盖" in rows["5101"].keywords
    assert not any("流浪动物" in r.name for r in rows.values())
    assert parse_keywords("井盖、马葫芦,窨井盖；井盖\n下水井") == (
        "井盖",
        "马葫芦",
        "窨井盖",
        "下水井",
    )


def category_list(db: Database) -> list[Any]:
    with db.read() as session:
        return list_categories(session)


def test_add_a_stray_animal_category_and_report_a_case_in_it(street: Database) -> None:
    with street.write() as session:
        row = add_category(session, STRAY, ADMIN)
    assert (row.code, row.name, row.major, row.default_department) == (
        "0710",
        "流浪动物",
        "事件·社会治理",
        "明山派出所",
    )
    assert row.keywords == ("流浪狗", "流浪猫", "野狗") and row.active
    entry = last_audit(street)
    assert (entry.action, entry.object_id, entry.username) == ("category.add", "0710", "admin")
    assert entry.details is not None and entry.details["handle_minutes"] == [None, 1440]

    number = report_case(
        street, grid_code=GRID_A1, category_code="流浪动物", description="小区内流浪狗", now=NOV
    )
    apply(street, number, Action.REGISTER, now=NOV)
    result = apply(street, number, Action.DISPATCH, now=NOV)
    assert result.department == "明山派出所"
    with street.read() as session:
        detail = case_detail(session, number)
    assert (detail.category_code, detail.category) == ("0710", "流浪动物")

    # a new 大类 for a 小类 that fits none
    with street.write() as session:
        major = add_major(session, "08", "事件", "动物管理", ADMIN)
        bite = add_category(
            session,
            {"code": "0801", "name": "犬只伤人", "handle_hours": 2, "dispatch_hours": 0.25}
            | {"verify_hours": "0.5", "basis": "自然时", "urgent": "是"},
            ADMIN,
        )
    assert major.label == "08 事件·动物管理"
    assert (bite.major, bite.basis, bite.urgent, bite.dispatch_minutes) == (
        "事件·动物管理",
        "natural",
        True,
        15,
    )


@pytest.mark.parametrize(
    ("values", "error", "fragment"),
    [
        ({"code": "0810"}, NotFound, "大类 08 不存在"),
        ({"code": "0710", "major": "05"}, InvalidCode, "不属于大类 05"),
        ({"code": "710"}, InvalidCode, "应为 4 位数字"),
        ({"code": "0700"}, InvalidCode, "序号不能为 00"),
        ({"code": "0101"}, ValidationError, "0101 已存在"),
        ({"name": "违规养犬"}, ValidationError, "已有小类「违规养犬」（0706）"),
        ({"name": ""}, ValidationError, "小类名称不能为空"),
        ({"default_department": "动物收容所"}, NotFound, "部门「动物收容所」不存在"),
        ({"handle_hours": ""}, ValidationError, "处置时限不能为空"),
        ({"verify_hours": "0"}, ValidationError, "大于 0"),
        ({"basis": "月相"}, ValidationError, "计时方式"),
        ({"keywords": "狗" * 21}, ValidationError, "最多 20 个字"),
        ({"keywords": "流浪\u202e狗"}, ValidationError, "文字方向控制符"),
        ({"color": "red"}, ValidationError, "color"),
    ],
)
def test_a_bad_new_category_is_refused_and_nothing_is_written(
    street: Database, values: dict[str, object], error: type[UserError], fragment: str
) -> None:
    refused(street, lambda s: add_category(s, STRAY | values, ADMIN), error, fragment)


def test_a_new_major_fits_its_kind_and_is_unique(street: Database) -> None:
    refused(street, lambda s: add_major(s, "51", "事件", "动物", ADMIN), InvalidCode, "01–49")
    refused(street, lambda s: add_major(s, "08", "部件", "动物", ADMIN), InvalidCode, "50–99")
    refused(street, lambda s: add_major(s, "01", "事件", "动物", ADMIN), ValidationError, "已存在")
    refused(
        street, lambda s: add_major(s, "08", "事件", "市容环境", ADMIN), ValidationError, "已存在"
    )
    refused(
        street, lambda s: add_major(s, "08", "其他", "动物", ADMIN), InvalidCode, "事件 或 部件"
    )


def test_a_retired_category_stays_on_its_cases_and_takes_no_new_ones(street: Database) -> None:
    number = report_case(
        street, grid_code=GRID_A1, category_code="0108", description="路边死猫", now=NOV
    )
    apply(street, number, Action.REGISTER, now=NOV)
    apply(street, number, Action.DISPATCH, now=NOV)
    with street.write() as session:
        row = set_category_active(session, "0108", False, ADMIN)
    assert not row.active and row.retired_on is not None
    assert last_audit(street).action == "category.retire"

    # the old case keeps it: detail, queue row, and the category analysis of its month
    with street.read() as session:
        assert case_detail(session, number).category == "动物尸体"
        case_id = session.scalar(select(Case.id).where(Case.number == number))
        assert case_id is not None
        assert queue_rows(session, [case_id])[0].category == "动物尸体"
        options = filter_options(session)
    assert "动物尸体" not in [name for _id, _major, name in options.categories]
    report = build_report(
        street,
        category_analysis.KIND,
        ReportRequest(parse_period("2026-11"), as_of=datetime(2026, 12, 1, tzinfo=SH)),
    )
    table = preview_table(report.sheets[0])
    assert any("动物尸体" in " ".join(map(str, r)) for r in table.rows), table.rows
    # the open case goes on in it
    apply(street, number, Action.ACCEPT, now=NOV)
    apply(street, number, Action.FEEDBACK, now=NOV)

    # new reports are refused with one sentence naming the day
    with pytest.raises(NotFound) as refusal:
        report_case(street, grid_code=GRID_A1, category_code="0108", description="又一只")
    text = str(refusal.value)
    assert f"已于 {row.retired_on:%Y-%m-%d} 停用" in text and "不能再上报" in text

    with street.write() as session:
        again = set_category_active(session, "0108", True, ADMIN)
    assert again.active and again.retired_on is None
    report_case(street, grid_code=GRID_A1, category_code="0108", description="又一只", now=NOV)


def test_rename_and_keywords(street: Database) -> None:
    with street.write() as session:
        rename_category(session, "5101", "井盖缺失（丢失）", ADMIN)
        row = set_category_keywords(session, "5101", ["井盖", "马葫芦", "窨井盖"], ADMIN)
    assert row.name == "井盖缺失（丢失）" and row.keywords == ("井盖", "马葫芦", "窨井盖")
    assert last_audit(street).details == {
        "keywords": ["井盖,缺失,丢失,马葫芦,窨井盖,下水井盖,井盖没了", "井盖,马葫芦,窨井盖"]
    }
    refused(
        street,
        lambda s: rename_category(s, "5101", "井盖破损", ADMIN),
        ValidationError,
        "已有小类「井盖破损」",
    )


def test_only_administrators_keep_the_catalogue(street: Database, tmp_path: Path) -> None:
    for call in (
        lambda s: add_category(s, STRAY, DISPATCHER),
        lambda s: add_major(s, "08", "事件", "动物管理", DISPATCHER),
        lambda s: set_category_active(s, "0101", False, DISPATCHER),
        lambda s: set_category_keywords(s, "0101", "垃圾", DISPATCHER),
    ):
        refused(street, call, PermissionDenied, "无权")
    path = tmp_path / "目录.xlsx"
    export_catalogue(street, path)
    before = snapshot(street)
    with pytest.raises(PermissionDenied):
        import_catalogue(street, path, DISPATCHER)
    assert snapshot(street) == before


# --- Excel ------------------------------------------------------------------------------------


def test_export_edit_import_round_trip(street: Database, tmp_path: Path) -> None:
    path = tmp_path / "目录.xlsx"
    assert export_catalogue(street, path) == 101
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet.title == "案件类别目录"
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["大类编码", "大类名称", "类型（事件/部件）", "小类编码", "小类名称"]
    assert header[-1] == "关键词"
    rows = {r[3]: list(r) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["0101"][:12] == [
        "01",
        "市容环境",
        "事件",
        "0101",
        "暴露垃圾",
        "环卫所",
        0.5,
        4,
        1,
        "工作时",
        "否",
        "是",
    ]
    assert rows["5101"][11] == "是" and "马葫芦" in rows["5101"][12]

    # a district edits it: a longer limit, a retired 小类, a new 小类 and a new 大类, a row gone
    by_row = {sheet.cell(row=r, column=4).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=by_row["0101"], column=8, value=6)
    sheet.cell(row=by_row["0101"], column=13, value="垃圾、乱扔垃圾、垃圾堆")
    sheet.cell(row=by_row["0102"], column=12, value="否")
    sheet.delete_rows(by_row["0103"])
    for values in (
        [
            "07",
            "社会治理",
            "事件",
            "0710",
            "流浪动物",
            "明山派出所",
            0.5,
            24,
            1,
            "工作时",
            "否",
            "是",
            "流浪狗、流浪猫",
        ],
        [
            "08",
            "动物管理",
            "事件",
            "0801",
            "犬只伤人",
            "明山派出所",
            0.25,
            2,
            0.5,
            "自然时",
            "是",
            "是",
            "狗咬人",
        ],
    ):
        sheet.append(values)
    book.save(path)

    before = snapshot(street)
    plan, result = import_catalogue(street, path, ADMIN, dry_run=True)
    assert result is None and snapshot(street) == before
    assert plan.ok and [c.code for c in plan.created] == ["0710", "0801"]
    assert sorted(c.code for c in plan.updated) == ["0101", "0102"]
    assert plan.not_in_file == ["0103"] and [c.code for c in plan.new_majors] == ["08"]
    assert "文件中没有的 1 个小类保持不变" in plan.summary()
    lines = plan.lines()
    assert "更新小类 0102 积存垃圾渣土：启用 是 → 否" in lines
    assert any(
        line.startswith("更新小类 0101 暴露垃圾：处置时限（小时） 4 → 6；") for line in lines
    )
    assert "文件中没有、保持不变的小类：0103" in lines

    plan, result = import_catalogue(street, path, ADMIN)
    assert result is not None
    assert (result.created, result.updated, result.unchanged, result.not_in_file) == (2, 2, 98, 1)
    assert category(street, "0101").handle_minutes == 360
    assert category(street, "0101").keywords == ("垃圾", "乱扔垃圾", "垃圾堆")
    retired = category(street, "0102")
    assert not retired.active and retired.retired_on is not None
    assert category(street, "0103").active  # not in the file: kept, not deleted
    bite = category(street, "0801")
    assert (bite.major, bite.basis, bite.urgent, bite.handle_minutes) == (
        "事件·动物管理",
        "natural",
        True,
        120,
    )
    assert last_audit(street).action == "category.import"

    # importing it again changes nothing and duplicates nothing
    count = category_count(street)
    plan, result = import_catalogue(street, path, ADMIN)
    assert result is not None and (result.created, result.updated, result.unchanged) == (0, 0, 102)
    assert category_count(street) == count == 103
    with street.read() as session:
        assert session.scalar(select(func.count()).select_from(MajorCategory)) == 14


def _bad_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["新明街道案件类别目录"])  # a title above the header
    sheet.append(
        [
            "大类编码",
            "大类名称",
            "类型",
            "小类编码",
            "小类名称",
            "默认部门",
            "派遣时限（小时）",
            "处置时限",
            "核查时限",
            "计时方式",
            "紧急",
            "启用",
            "关键词",
        ]
    )
    good = ["0.5", "24", "1", "工作时", "否", "是", ""]
    for row in (
        ["07", "社会治理", "事件", "0710", "流浪动物", "动物收容所", *good],  # 3: unknown dept
        ["07", "社会治理", "事件", "0810", "犬只伤人", "", *good],  # 4: code under 08
        ["07", "社会治理", "事件", "0711", "", "", *good],  # 5: no name
        [
            "07",
            "社会治理",
            "事件",
            "0712",
            "野狗",
            "",
            "半小时",
            "24",
            "1",
            "工作时",
            "也许",
            "否",
            "",
        ],  # 6: bad hours and flag
        ["07", "社会治理", "事件", "0710", "流浪猫", "", *good],  # 7: duplicate code
        ["07", "社会治理", "事件", "0713", "违规养犬", "", *good],  # 8: name taken in 07
        ["55", "动物管理", "事件", "5501", "犬只伤人", "", *good],  # 9: 事件 major 55
        ["05", "秩序", "事件", "0510", "遛狗", "", *good],  # 10: renames 大类 05
        ["05", "街面秩序", "事件", "0511", "牵狗", "", *good],  # 11: 05 named twice
        ["填表人：张三"],  # a signature row, ignored
    ):
        sheet.append(row)
    book.save(path)
    return path


def test_an_import_with_mistakes_lists_every_problem_and_writes_nothing(
    street: Database, tmp_path: Path
) -> None:
    path = _bad_workbook(tmp_path / "错误目录.xlsx")
    before = snapshot(street)
    plan, result = import_catalogue(street, path, ADMIN)
    assert result is None and snapshot(street) == before
    texts = [p.text for p in plan.problems]
    assert texts == [
        "第 3 行「F列 默认部门」：部门「动物收容所」不存在，请先在部门中添加",
        "第 4 行「D列 小类编码」：小类编码「0810」不属于大类 07（前 2 位应为 07）",
        "第 5 行「E列 小类名称」：小类名称不能为空",
        "第 6 行「G列 派遣时限(小时)」：派遣时限「半小时」应为小时数（例如 4 或 0.5）",
        "第 6 行「K列 紧急」：紧急「也许」应为 yes 或 no（是 / 否）",
        "第 7 行「D列 小类编码」：小类编码 0710 与第 3 行重复",
        "第 8 行「E列 小类名称」：大类 07 中「违规养犬」已用于小类 0706",
        "第 9 行「A列 大类编码」：事件大类的编码应在 01–49 之间，「55」不在其中",
        "第 11 行「B列 大类名称」：大类 05 在第 10 行名为「秩序」，此处为「街面秩序」",
    ]
    assert plan.bad_rows == 8 and plan.ignored == [(12, "填表人:张三")]
    assert "有问题 8 行（9 处），未导入任何数据" in plan.summary()
    with pytest.raises(ValidationError, match="未导入任何数据"):
        apply_catalogue_import(street, plan, ADMIN)
    assert snapshot(street) == before


def test_a_sheet_without_the_needed_columns_is_refused(street: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["大类编码", "小类编码", "名称"])
    sheet.append(["01", "0101", "暴露垃圾"])
    book.save(tmp_path / "少列.xlsx")
    plan = plan_catalogue_import(street, tmp_path / "少列.xlsx")
    texts = [p.text for p in plan.problems]
    assert (
        "第 1 行：缺少必需的列「大类名称」" in texts
        and "第 1 行：缺少必需的列「处置时限」" in texts
    )


# --- the console ------------------------------------------------------------------------------


def test_cli_keeps_the_catalogue(
    street: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_login: Callable[..., list[str]],
) -> None:
    login = cli_login(street)
    code, out, err = cli(
        capsys,
        street,
        *login,
        "category",
        "add",
        "0710",
        "流浪动物",
        "--handle-hours",
        "24",
        "--department",
        "明山派出所",
        "--keywords",
        "流浪狗,流浪猫",
    )
    assert code == 0 and "已添加小类 0710 流浪动物（事件·社会治理）" in out, err
    assert "已存在" in cli_refused(
        capsys, street, *login, "category", "add", "0710", "又一个", "--handle-hours", "2"
    )
    code, out, _ = cli(capsys, street, *login, "category", "add-major", "08", "动物管理")
    assert code == 2  # --kind is required
    code, out, err = cli(
        capsys, street, *login, "category", "add-major", "08", "动物管理", "--kind", "事件"
    )
    assert code == 0 and "08 事件·动物管理" in out, err
    code, out, _ = cli(capsys, street, *login, "category", "retire", "0108")
    assert code == 0 and "停用" in out
    code, out, _ = cli(capsys, street, *login, "category", "list")
    assert "0108\t动物尸体" in out and "\t停用（" in out and "关键词 流浪狗、流浪猫" in out
    code, out, _ = cli(capsys, street, *login, "category", "activate", "0108")
    assert code == 0 and "已启用" in out
    code, out, _ = cli(capsys, street, *login, "category", "keywords", "5101")
    assert code == 0 and "马葫芦" in out
    code, out, _ = cli(
        capsys, street, *login, "category", "keywords", "5101", "--set", "井盖、马葫芦"
    )
    assert code == 0 and category(street, "5101").keywords == ("井盖", "马葫芦")
    code, out, _ = cli(capsys, street, *login, "category", "rename", "0710", "流浪猫狗")
    assert code == 0 and category(street, "0710").name == "流浪猫狗"

    path = tmp_path / "目录.xlsx"
    code, out, _ = cli(capsys, street, *login, "category", "export", str(path))
    assert code == 0 and "已导出 102 个小类" in out
    code, out, _ = cli(capsys, street, *login, "category", "import", str(path), "--dry-run")
    assert code == 0 and "无变化 102 个" in out and "试导入" in out
    bad = _bad_workbook(tmp_path / "错误.xlsx")
    code, out, err = cli(capsys, street, *login, "category", "import", str(bad))
    assert code == 2 and "发现 9 处问题" in out and "第 3 行「F列 默认部门」" in out
    assert err.startswith("错误：发现 9 处问题，未导入任何数据")

    dispatcher = cli_login(street, "dispatcher")
    assert "无权" in cli_refused(capsys, street, *dispatcher, "category", "retire", "0101")
    assert "无权" in cli_refused(capsys, street, *dispatcher, "category", "import", str(path))


# --- the window -------------------------------------------------------------------------------


def test_add_a_category_through_the_window(admin_ctx: AppContext, qtbot: QtBot) -> None:
    dialog = loaded(qtbot, admin_ctx)
    actions = dialog.catalogue
    assert all(b.isEnabled() for b in actions.buttons)
    with qtbot.waitSignal(dialog.changed):
        actions.add_button.click()
        form = dialog.form
        assert isinstance(form, NewCategoryForm)
        form.major.setCurrentIndex(form.major.findData("07"))
        assert form.code.text() == "0710"  # the next free code under 07
        assert not form.major_code.isVisible()
        form.name.setText("流浪动物")
        form.department.setCurrentIndex(form.department.findData("明山派出所"))
        form.handle.setText("24")
        form.keywords.setText("流浪狗、流浪猫")
        press_ok(form)
    qtbot.waitUntil(lambda: "0710" in [r.code for r in dialog.categories.rows])
    assert "已添加小类 0710 流浪动物" in dialog.message.text()
    row = category(admin_ctx.db, "0710")
    assert (row.default_department, row.handle_minutes, row.keywords) == (
        "明山派出所",
        1440,
        ("流浪狗", "流浪猫"),
    )

    # a 小类 under a new 大类, both in one transaction; a refusal writes neither
    before = snapshot(admin_ctx.db)
    actions.add_button.click()
    form = dialog.form
    assert isinstance(form, NewCategoryForm)
    form.major.setCurrentIndex(form.major.findData("__new__"))
    form.major_code.setText("08")
    form.major_name.setText("动物管理")
    assert form.code.text() == "0801"
    form.name.setText("")
    press_ok(form)
    qtbot.waitUntil(lambda: "小类名称不能为空" in dialog.message.text())
    assert snapshot(admin_ctx.db) == before
    with qtbot.waitSignal(dialog.changed):
        actions.add_button.click()
        form = dialog.form
        assert isinstance(form, NewCategoryForm)
        form.major.setCurrentIndex(form.major.findData("__new__"))
        form.major_code.setText("08")
        form.major_name.setText("动物管理")
        form.name.setText("犬只伤人")
        form.urgent.setChecked(True)
        press_ok(form)
    qtbot.waitUntil(lambda: "0801" in [r.code for r in dialog.categories.rows])
    assert category(admin_ctx.db, "0801").major == "事件·动物管理"


def test_keywords_retire_export_and_import_through_the_window(
    admin_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = loaded(qtbot, admin_ctx)
    actions = dialog.catalogue
    dialog.category_table.selectRow(row_of(dialog, dialog.categories.rows, "code", "5101"))
    with qtbot.waitSignal(dialog.changed):
        actions.keywords_button.click()
        form = dialog.form
        assert isinstance(form, KeywordsForm)
        assert "马葫芦" in form.keywords.toPlainText()
        form.keywords.setPlainText("井盖\n马葫芦、窨井盖")
        press_ok(form)
    qtbot.waitUntil(lambda: category(admin_ctx.db, "5101").keywords == ("井盖", "马葫芦", "窨井盖"))

    row = row_of(dialog, dialog.categories.rows, "code", "0108")
    dialog.category_table.selectRow(row)
    with qtbot.waitSignal(dialog.changed):
        actions.toggle_button.click()
    qtbot.waitUntil(lambda: not dialog.categories.rows[row].active)
    assert "已停用" in dialog.message.text()
    state = dialog.categories.index(row, 9).data()
    assert state.startswith("停用（")

    path = tmp_path / "目录.xlsx"
    actions.export_to(path)
    qtbot.waitUntil(lambda: "已导出 101 个小类" in dialog.message.text())
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.append(["07", "社会治理", "事件", "0710", "流浪动物", "", 0.5, 24, 1, "工作时"])
    book.save(path)
    actions.import_from(path)
    qtbot.waitUntil(lambda: isinstance(actions.plan_dialog, CataloguePlanDialog))
    review = actions.plan_dialog
    assert review is not None and review.plan.ok
    assert "新增小类 0710 流浪动物" in review.details.toPlainText()
    with qtbot.waitSignal(dialog.changed):
        press_ok(review)
    qtbot.waitUntil(lambda: "0710" in [r.code for r in dialog.categories.rows])
    assert "新增小类 1 个" in dialog.message.text()


# --- the migration ----------------------------------------------------------------------------


def test_0005_gives_bundled_categories_their_keywords(tmp_path: Path) -> None:
    """A database from before 0005 gets the bundled keywords on the 小类 that still carry the
    bundled code and name; one the center renamed keeps empty keywords."""
    from alembic import command
    from sqlalchemy import text

    from db.database import open_database
    from db.migrate import alembic_config, head_revision

    path = tmp_path / "old.sqlite"
    made = open_database(str(path))
    with made.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        conn.execute(text("UPDATE categories SET name = '井盖丢失' WHERE code = '5101'"))
    made.dispose()
    upgraded = open_database(str(path))
    try:
        with upgraded.read() as session:
            version = session.scalar(text("SELECT version_num FROM alembic_version"))
            assert version == head_revision()
        rows = {r.code: r for r in category_list(upgraded)}
        assert rows["5102"].keywords[:2] == ("井盖", "破损") and "马葫芦" in rows["5102"].keywords
        assert rows["5101"].keywords == () and rows["5101"].retired_on is None
    finally:
        upgraded.dispose()

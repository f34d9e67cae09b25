"""The window's lookups as db functions, on both databases: active departments, whether a street
exists, the demo cases the screenshots show, whether only the demo accounts exist."""

from __future__ import annotations

from db.cases.intake import Photo, report_case
from db.cases.states import Action
from db.cases.workflow import apply
from db.demo.accounts import DEMO_PASSWORD, create_demo_accounts, has_only_demo_accounts
from db.demo.showcase import photo_case, showcase_case
from db.engine import Database
from db.reference.departments import active_department_names
from db.reference.geography import has_street
from db.reference.master_data import add_department, list_departments, set_department_active
from db.security.accounts import add_user
from db.security.actors import Actor, Role
from tests.street import GRID_A1

ADMIN = Actor("admin", "赵志刚", Role.ADMIN)
PHOTO = Photo("现场.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)


def new_case(db: Database, **kwargs: object) -> str:
    return report_case(
        db, grid_code=GRID_A1, category_code="0101", description="楼下堆放生活垃圾", **kwargs
    )


def test_active_departments_in_board_order(db: Database) -> None:
    with db.read() as s:
        board = [d.name for d in list_departments(s)]
        active = active_department_names(s)
    assert active and active == board  # a new database: every department active, board order
    with db.write() as s:
        closed = add_department(s, "应急管理办", "职能部门", "", "", ADMIN)
        add_department(s, "信访办", "职能部门", "", "", ADMIN)
        set_department_active(s, closed.id, False, ADMIN)
    with db.read() as s:
        assert active_department_names(s) == [*board, "信访办"]


def test_has_street(db: Database) -> None:
    with db.read() as s:
        assert not has_street(s)
    from tests.street import build_street

    build_street(db)
    with db.read() as s:
        assert has_street(s)


def test_showcase_and_photo_cases(street: Database) -> None:
    with street.read() as s:
        assert showcase_case(s) is None and photo_case(s) is None
    plain = new_case(street)
    with_photo = new_case(street, photos=(PHOTO,))
    newest = new_case(street)
    with street.read() as s:
        shown = showcase_case(s)
        assert shown is not None and shown[1] == newest  # nothing open yet: the newest case
        assert photo_case(s) == with_photo
    for number in (plain, with_photo):
        apply(street, number, Action.REGISTER)
        apply(street, number, Action.DISPATCH)
    apply(street, plain, Action.ACCEPT)  # a longer history, but no photo
    with street.read() as s:
        shown = showcase_case(s)
        assert shown is not None and shown[1] == with_photo  # open, with photos first
        assert photo_case(s) == with_photo


def test_only_demo_accounts(db: Database) -> None:
    with db.write() as s:
        create_demo_accounts(s)
    with db.read() as s:
        assert has_only_demo_accounts(s)
    with db.write() as s:
        add_user(s, "zhouxin", Role.DISPATCHER, DEMO_PASSWORD + "x", "周鑫")
    with db.read() as s:
        assert not has_only_demo_accounts(s)

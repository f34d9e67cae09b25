"""A small hand-built street for tests: codes and names the tests refer to."""

from __future__ import annotations

from db.engine import Database
from db.models import Community, District, Grid, Street

DISTRICT = "210504"
STREET = "210504002"
COMMUNITY_A = "210504002001"  # 锦峪社区
COMMUNITY_B = "210504002002"  # 新明社区
GRID_A1 = "21050400200101"
GRID_A2 = "21050400200102"
GRID_B1 = "21050400200201"
GRID_B2 = "210504002002002"  # a 15-digit (Beijing-style) grid code


def build_street(db: Database) -> None:
    with db.write() as s:
        district = District(code=DISTRICT, name="明山区", city="本溪市", province="辽宁省")
        s.add(district)
        s.flush()
        street = Street(code=STREET, name="新明街道", district_id=district.id)
        s.add(street)
        s.flush()
        a = Community(
            code=COMMUNITY_A, name="锦峪社区", street_id=street.id, population=8200, households=3100
        )
        b = Community(
            code=COMMUNITY_B,
            name="新明社区",
            street_id=street.id,
            population=12500,
            households=4600,
        )
        s.add_all([a, b])
        s.flush()
        s.add_all(
            [
                Grid(
                    code=GRID_A1,
                    name="第01网格",
                    community_id=a.id,
                    population=4100,
                    households=1500,
                ),
                Grid(
                    code=GRID_A2,
                    name="第02网格",
                    community_id=a.id,
                    population=4100,
                    households=1600,
                ),
                Grid(
                    code=GRID_B1,
                    name="第01网格",
                    community_id=b.id,
                    population=6000,
                    households=2200,
                ),
                Grid(
                    code=GRID_B2,
                    name="第02网格",
                    community_id=b.id,
                    population=6500,
                    households=2400,
                ),
            ]
        )

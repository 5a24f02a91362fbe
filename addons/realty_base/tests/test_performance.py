"""Query counts of hot paths, pinned so that they cannot grow per room."""

from odoo import Command
from odoo.tests import new_test_user, tagged, users, warmup

from .common import RealtyCase

PREVIEW_QUERIES = 18
"""Queries of a plan's first preview for a manager, whatever the number of rooms:
the plan, its scope, coefficients and floor overrides, the project, the user's
record rules, the rooms' attributes (one statement), their locked prices (one), the
plan's previous lines (none), the currency, the INSERT of every line and the record
rules of the new lines (one statement each)."""
PREVIEW_AGAIN_QUERIES = 20
"""The same for a new trial: + the record rules of the previous lines and their
DELETE (one statement each)."""


@tagged("post_install", "-at_install", "realty_perf")
class TestPerformance(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.user_ids |= cls.realty_admin
        cls.layout = cls.env["realty.layout"].create({"name": "A1"})
        cls.buildings = {
            size: cls.create_building(code=f"P{size}", floors_above=size)
            for size in (10, 100)
        }

    def spec(self, floors):
        return [
            {
                "stair_codes": ["1", "2"],
                "floor_from": 1,
                "floor_to": floors,
                "position_from": 1,
                "position_to": 5,
                "layout_id": self.layout.id,
                "area_building": 100,
                "area_inner": 80,
                "area_shared": 20,
            }
        ]

    @users("realty_admin")
    @warmup
    def test_generation_is_one_batch(self):
        """100 rooms and 1,000 rooms cost the same queries but for the INSERTs, which
        Odoo sends 100 rows at a time: nothing is done room by room. (Three of
        them check that the ids the stairs, floors and rooms name exist, one query
        per create, realty_base/inputs.py.)"""
        small = self.buildings[10].with_env(self.env)
        large = self.buildings[100].with_env(self.env)
        self.env.invalidate_all()
        with self.assertQueryCount(realty_admin=14):
            rooms = small._generate_rooms(self.spec(10))
        self.assertEqual(len(rooms), 100)
        self.env.invalidate_all()
        with self.assertQueryCount(realty_admin=23):  # the same + 9 more INSERTs
            rooms = large._generate_rooms(self.spec(100))
        self.assertEqual(len(rooms), 1000)

    @users("realty_manager")
    @warmup
    def test_release_is_set_based(self):
        """Releasing 200 rooms: a handful of queries, plus the log INSERTs."""
        building = self.buildings[100]
        rooms = building.sudo()._generate_rooms(self.spec(20))
        self.set_list_price(rooms.sudo())
        self.create_permit(building)
        rooms = rooms.with_env(self.env)
        self.env.invalidate_all()
        # 21 when run alone; in a full run one more query sometimes appears (seen
        # twice in six full runs, never in a run of realty_base alone: a cache
        # refilled once, not per room). Investigating it is noted on issue 13.
        with self.assertQueryCount(realty_manager=22):
            rooms.action_release()
        self.assertEqual(set(rooms.mapped("state")), {"available"})


@tagged("post_install", "-at_install", "realty_perf")
class TestPricePlanPerformance(RealtyCase):
    """Applying a plan writes the prices and the history in set-based SQL: 100
    rooms and 1,000 rooms cost exactly the same number of queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env, "perf_director", groups="realty_base.group_realty_director"
        )
        cls.project.user_ids |= cls.realty_admin | cls.director
        cls.plans = {}
        for floors in (10, 100):
            building = cls.create_building(code=f"Q{floors}", floors_above=floors)
            building._generate_rooms(
                [
                    {
                        "stair_codes": ["1", "2"],
                        "floor_from": 1,
                        "floor_to": floors,
                        "position_from": 1,
                        "position_to": 5,
                        "area_building": 100,
                        "area_inner": 80,
                        "area_shared": 20,
                    }
                ]
            )
            plan = cls.env["realty.price.plan"].create(
                {
                    "name": f"{floors}",
                    "project_id": cls.project.id,
                    "base_price": 20000,
                    "floor_step": 50,
                    "building_ids": [Command.set(building.ids)],
                }
            )
            plan.with_user(cls.manager).action_preview()
            plan.with_user(cls.director).action_approve()
            cls.plans[floors * 10] = plan

    @users("realty_manager")
    @warmup
    def test_apply_does_not_grow_with_rooms(self):
        for rooms in (100, 1000):
            plan = self.plans[rooms].with_env(self.env)
            self.env.invalidate_all()
            with self.assertQueryCount(realty_manager=20):
                plan.action_apply()
            self.assertEqual(
                len(plan.line_ids.filtered(lambda l: not l.skipped)), rooms
            )


@tagged("post_install", "-at_install", "realty_perf")
class TestPricePreviewPerformance(RealtyCase):
    """Previewing a plan reads the rooms, their locked prices and the plan in a
    few set-based queries and writes the lines in one statement: 12 rooms and 200
    rooms cost exactly the same number of queries, first preview or a new trial."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.layout = cls.env["realty.layout"].create({"name": "P1"})
        cls.lake = cls.env["realty.view.tag"].create({"name": "Lake Perf"})
        cls.plans = {}
        for code, floors, positions in (("S", 3, 2), ("L", 20, 5)):
            building = cls.create_building(code=code, floors_above=floors)
            rooms = cls.generate(
                building,
                floors=(1, floors),
                positions=(1, positions),
                stairs=("1", "2"),
                orientation="south",
                layout_id=cls.layout.id,
            )
            cls.set_list_price(rooms)
            rooms[:3].view_tag_ids = cls.lake
            rooms[0]._unlocked().write({"state": "deposit"})
            # every criterion, so that every attribute is read
            coefficients = [
                ("orientation", {"orientation": "south"}),
                ("view", {"view_tag_id": cls.lake.id}),
                ("layout", {"layout_id": cls.layout.id}),
                ("usage", {"usage": "residential"}),
                ("position", {"position": 1}),
                ("stair", {"stair_code": "2"}),
                ("decoration", {"decoration": "bare"}),
                ("building", {"building_id": building.id}),
            ]
            cls.plans[len(rooms)] = cls.env["realty.price.plan"].create(
                {
                    "name": code,
                    "project_id": cls.project.id,
                    "building_ids": [Command.set(building.ids)],
                    "base_price": 20000,
                    "floor_step": 50,
                    "coefficient_ids": [
                        Command.create({"criterion": criterion, "amount": 1, **values})
                        for criterion, values in coefficients
                    ],
                }
            )

    @users("realty_manager")
    @warmup
    def test_preview_does_not_grow_with_rooms(self):
        self.assertEqual(sorted(self.plans), [12, 200])
        for rooms, plan in self.plans.items():
            plan = plan.with_env(self.env)
            self.env.invalidate_all()
            with self.assertQueryCount(realty_manager=PREVIEW_QUERIES):
                plan.action_preview()
            self.assertEqual((plan.line_count, plan.skipped_count), (rooms, 1))
            self.env.invalidate_all()
            with self.assertQueryCount(realty_manager=PREVIEW_AGAIN_QUERIES):
                plan.action_preview()  # a new trial replaces the lines
            self.assertEqual((plan.line_count, plan.skipped_count), (rooms, 1))

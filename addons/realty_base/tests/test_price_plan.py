"""Price plans through the models: V-03 (coefficient method), V-05 (adjustments and
the §3.8 lock), approval, history, comparison and room-by-room import."""

import base64
from decimal import Decimal

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.models.realty_price_plan import _array_literal
from odoo.addons.realty_base.tools import list_unit_price, to_decimal, total_price

from .common import RealtyCase


def applies(coefficient, room):
    """Whether a plan coefficient applies to a room, read off the records (the
    oracle of the preview's set-based matching): empty values match rooms
    without the attribute."""
    criterion = coefficient.criterion
    if criterion == "view":
        return coefficient.view_tag_id in room.view_tag_ids
    if criterion == "stair":
        return room.stair_id.code == (coefficient.stair_code or "").strip()
    field = {
        "orientation": "orientation",
        "layout": "layout_id",
        "usage": "usage",
        "position": "position",
        "decoration": "decoration",
        "building": "building_id",
    }[criterion]
    return room[field] == coefficient[field]


def sell(room, state="small_deposit"):
    """Put a room in a sold state as a deal of realty_sales would (test only)."""
    room._unlocked().write({"state": state})


@tagged("post_install", "-at_install")
class TestPricePlan(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env, "realty_director", groups="realty_base.group_realty_director"
        )
        cls.project.user_ids |= cls.director
        cls.lake = cls.env["realty.view.tag"].create({"name": "Lake Test"})
        cls.building = cls.create_building()
        cls.rooms = cls.generate(cls.building, floors=(11, 13), orientation="south")
        cls.room = cls.rooms.filtered(lambda r: r.floor_physical == 12)  # V fixture
        cls.room.view_tag_ids = cls.lake

    def coefficient_plan(self, **values):
        """V-03: base 15,000, +50/floor from physical 6, south +1 %, lake +2 %."""
        return (
            self.env["realty.price.plan"]
            .with_user(self.manager)
            .create(
                {
                    "name": "First price list",
                    "project_id": self.project.id,
                    "building_ids": [Command.set(self.building.ids)],
                    "base_price": 15000,
                    "base_floor": 6,
                    "floor_step": 50,
                    "reason": "开盘定价",
                    "coefficient_ids": [
                        Command.create(
                            {
                                "criterion": "orientation",
                                "orientation": "south",
                                "method": "percent",
                                "amount": 1,
                            }
                        ),
                        Command.create(
                            {
                                "criterion": "view",
                                "view_tag_id": self.lake.id,
                                "method": "percent",
                                "amount": 2,
                            }
                        ),
                    ],
                    **values,
                }
            )
        )

    def adopt(self, plan):
        plan.with_user(self.manager).action_preview()
        plan.with_user(self.director).action_approve()
        plan.with_user(self.manager).action_apply()
        return plan

    def line(self, plan, room):
        return plan.line_ids.filtered(lambda line: line.room_id == room)

    def test_v03_coefficient_plan_prices_the_room(self):
        plan = self.coefficient_plan()
        plan.with_user(self.manager).action_preview()
        line = self.line(plan, self.room)
        self.assertEqual((line.new_unit, line.new_total), (15762.06, 1411808))
        self.assertEqual(self.room.list_total, 0, "the preview writes no room")
        self.adopt_rest(plan)
        self.assertEqual(self.room.list_unit_price, 15762.06)
        self.assertEqual(self.room.list_total, 1411808)
        history = self.env["realty.room.price.history"].search(
            [("room_id", "=", self.room.id)]
        )
        self.assertEqual(len(history), 1)
        self.assertEqual(
            (
                history.old_total,
                history.new_total,
                history.plan_id,
                history.approver_id,
                history.user_id,
                history.reason,
            ),
            (0, 1411808, plan, self.director, self.manager, "开盘定价"),
        )
        self.assertEqual(plan.state, "applied")
        self.assertEqual(plan.line_count, 3)

    def adopt_rest(self, plan):
        plan.with_user(self.director).action_approve()
        plan.with_user(self.manager).action_apply()

    def test_v03_variant_total_to_the_fen(self):
        self.project.total_precision = "0.01"
        plan = self.adopt(self.coefficient_plan())
        self.assertEqual(self.room.list_total, 1411807.71)
        self.assertEqual(plan.version, 1)

    def test_v05_adjustments_skip_locked_prices(self):
        r1, r2, r3 = self.rooms
        self.adopt(
            self.coefficient_plan(coefficient_ids=[], base_price=15762.06, floor_step=0)
        )
        for room in self.rooms:  # all at 15,762.06 / 1,411,808 (V-05's three rooms)
            self.assertEqual(
                (room.list_unit_price, room.list_total), (15762.06, 1411808)
            )
        sell(r2, "small_deposit")
        sell(r3, "held")
        up = self.adjustment_plan("+2 %", r1 | r2, 2)
        up.with_user(self.manager).action_preview()
        skipped = self.line(up, r2)
        self.assertTrue(skipped.skipped)
        self.assertIn("Small Deposit", skipped.skip_reason)
        self.adopt_rest(up)
        self.assertEqual((r1.list_unit_price, r1.list_total), (16077.30, 1440044))
        self.assertEqual((r2.list_unit_price, r2.list_total), (15762.06, 1411808))
        per_m2 = self.adopt(self.adjustment_plan("+300/m²", r3, 300, "amount_per_m2"))
        self.assertEqual((r3.list_unit_price, r3.list_total), (16062.06, 1438679))
        history = self.env["realty.room.price.history"].search(
            [("plan_id", "in", (up | per_m2).ids)]
        )
        self.assertEqual(history.room_id, r1 | r3, "no history row for the locked room")

    def test_a_room_sold_after_the_preview_keeps_its_price(self):
        plan = self.coefficient_plan()
        plan.with_user(self.manager).action_preview()
        plan.with_user(self.director).action_approve()
        sell(self.room, "deposit")
        plan.with_user(self.manager).action_apply()
        self.assertEqual(self.room.list_total, 0)
        self.assertTrue(self.line(plan, self.room).skipped)
        self.assertEqual(len(self.rooms.filtered("list_total")), 2)

    def test_approval_and_permissions(self):
        plan = self.coefficient_plan()
        with self.assertRaises(RealtyUserError) as caught:
            plan.with_user(self.consultant).action_preview()
        self.assertEqual(caught.exception.code, "ERR_APPROVAL_REQUIRED")
        plan.with_user(self.manager).action_preview()
        with self.assertRaises(RealtyUserError) as caught:
            plan.with_user(self.manager).action_approve()
        self.assertEqual(caught.exception.code, "ERR_APPROVAL_REQUIRED")
        with self.assertRaises(RealtyUserError) as caught:
            plan.with_user(self.manager).action_apply()
        self.assertEqual(caught.exception.code, "ERR_APPROVAL_REQUIRED")
        plan.with_user(self.director).action_approve()
        plan.with_user(self.manager).action_apply()
        with self.assertRaises(RealtyUserError):
            plan.action_cancel()

    def test_filed_price_set_with_the_plan(self):
        self.adopt(self.coefficient_plan(set_filed_price=True))
        self.assertEqual(
            (self.room.filed_unit_price, self.room.filed_total), (15762.06, 1411808)
        )

    def test_compare_two_plans(self):
        first = self.adopt(self.coefficient_plan())
        second = self.coefficient_plan(base_price=16000, name="Second")
        second.with_user(self.manager).action_preview()
        wizard = self.env["realty.price.plan.compare"].create(
            {"plan_a_id": first.id, "plan_b_id": second.id}
        )
        wizard.action_compare()
        line = wizard.line_ids.filtered(lambda c: c.room_id == self.room)
        self.assertEqual(line.total_a, 1411808)
        self.assertGreater(line.difference, 0)
        self.assertAlmostEqual(
            sum(wizard.line_ids.mapped("difference")),
            second.total_new - first.total_new,
            places=2,
        )

    def test_room_by_room_import(self):
        plan = (
            self.env["realty.price.plan"]
            .with_user(self.manager)
            .create(
                {"name": "一房一价", "project_id": self.project.id, "kind": "import"}
            )
        )
        rows = "room code,unit price,total\n1-1-1101,20000,\n1-1-1201,,1800000\n"
        self.env["realty.price.import"].with_user(self.manager).create(
            {
                "plan_id": plan.id,
                "file": base64.b64encode(rows.encode()),
                "filename": "prices.csv",
            }
        ).action_import()
        self.assertEqual(plan.line_count, 2)
        low = self.line(plan, self.rooms[0])
        self.assertEqual((low.new_unit, low.new_total), (20000, 1791400))
        high = self.line(plan, self.room)
        self.assertEqual((high.new_unit, high.new_total), (20096.01, 1800000))
        bad = "room code,total\n1-1-1101,-5\n9-9-9999,100\n"
        with self.assertRaises(RealtyUserError) as caught:
            self.env["realty.price.import"].with_user(self.manager).create(
                {
                    "plan_id": plan.id,
                    "file": base64.b64encode(bad.encode()),
                    "filename": "bad.csv",
                }
            ).action_import()
        self.assertIn("Row 2", str(caught.exception))
        self.assertIn("Row 3", str(caught.exception))
        self.assertEqual(plan.line_count, 2, "the refused file changed nothing")

    def test_preview_prices_as_the_coefficients_match_the_rooms(self):
        """The preview reads the rooms in SQL; it matches coefficients as their
        matching read off the records (applies) does, empty values included (a
        coefficient without orientation applies to the rooms without one)."""
        building = self.create_building("C")
        rooms = self.generate(building, floors=(1, 3), positions=(1, 2), stairs="12")
        layout = self.env["realty.layout"].create({"name": "C1"})
        rooms[:4].layout_id = layout
        rooms[2:6].orientation = "south"
        rooms[1:3].view_tag_ids = self.lake
        rooms[3].decoration = "fitted"
        rooms[4].usage = "commercial"
        self.set_list_price(rooms)
        sell(rooms[5])
        coefficients = [
            ("orientation", "percent", 1, {"orientation": "south"}),
            ("orientation", "additive", 7, {}),  # rooms without an orientation
            ("view", "percent", 2, {"view_tag_id": self.lake.id}),
            ("layout", "additive", 300, {"layout_id": layout.id}),
            ("layout", "additive", -40, {}),  # rooms without a layout
            ("usage", "percent", 3, {"usage": "commercial"}),
            ("position", "percent", -1.5, {"position": 2}),
            ("stair", "additive", 120, {"stair_code": " 2 "}),
            ("decoration", "additive", 800, {"decoration": "fitted"}),
            ("building", "percent", 0.5, {"building_id": building.id}),
        ]
        plan = self.coefficient_plan(
            building_ids=[Command.set(building.ids)],
            floor_override_ids=[Command.create({"floor": 3, "amount": 999})],
            coefficient_ids=[
                Command.create(
                    {"criterion": criterion, "method": method, "amount": amount}
                    | values
                )
                for criterion, method, amount, values in coefficients
            ],
        )
        plan.with_user(self.manager).action_preview()
        self.assertEqual(plan.line_count, len(rooms))
        self.assertEqual(plan.skipped_count, 1)
        for room in rooms:
            matching = plan.coefficient_ids.filtered(lambda c, r=room: applies(c, r))
            unit = list_unit_price(
                to_decimal(plan.base_price),
                physical_floor=room.floor_physical,
                base_floor=plan.base_floor,
                floor_step=to_decimal(plan.floor_step),
                floor_overrides={3: to_decimal(999)},
                additions=[
                    to_decimal(c.amount) for c in matching if c.method == "additive"
                ],
                coefficients=[
                    to_decimal(c.amount) / 100
                    for c in matching
                    if c.method == "percent"
                ],
            )
            line = self.line(plan, room)
            self.assertEqual(
                (line.building_id, line.layout_id, line.room_state, line.area),
                (building, room.layout_id, room.state, room.area_building_pred),
            )
            self.assertEqual((line.old_unit, line.old_total), (15762.06, 1411808))
            if room == rooms[5]:
                self.assertTrue(line.skipped)
                self.assertEqual(
                    line.skip_reason, "Price locked: the room is Small Deposit."
                )
                self.assertEqual(
                    (line.new_unit, line.new_total, line.diff_total),
                    (15762.06, 1411808, 0),
                )
                continue
            total = total_price(unit, to_decimal(room.area_building_pred))
            self.assertFalse(line.skipped or line.skip_reason, room.code)
            self.assertEqual(
                (line.new_unit, line.new_total, line.diff_total),
                (float(unit), float(total), float(total - 1411808)),
                room.code,
            )

    def test_a_new_trial_replaces_the_preview(self):
        """Previewing again replaces the lines, and the plan's totals follow."""
        plan = self.coefficient_plan()
        plan.with_user(self.manager).action_preview()
        first = plan.line_ids
        total = plan.total_new  # in the cache: the new preview must invalidate it
        self.assertEqual(total, sum(first.mapped("new_total")))
        plan.base_price = 16000
        plan.with_user(self.manager).action_preview()
        self.assertFalse(first.exists())
        self.assertEqual(plan.line_ids.room_id, self.rooms)
        self.assertEqual(plan.total_new, sum(plan.line_ids.mapped("new_total")))
        self.assertGreater(plan.total_new, total)
        self.assertEqual(self.line(plan, self.room).new_unit, 16792.26)

    def test_errors_of_every_room_are_raised_together(self):
        """A room that cannot be priced refuses the preview with every such room
        listed in the rooms' order, and the previous preview stays."""
        plan = self.coefficient_plan()
        plan.with_user(self.manager).action_preview()
        lines = plan.line_ids
        plan.write({"kind": "adjustment", "adjust_type": "amount_per_m2"})
        plan.adjust_value = -20000  # below zero for every priced room
        with self.assertRaises(RealtyUserError) as caught:
            plan.with_user(self.manager).action_preview()
        self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")
        message = str(caught.exception)
        ordered = self.env["realty.room"].search([("id", "in", self.rooms.ids)])
        positions = [message.index(f"] {room.code}: ") for room in ordered]
        self.assertEqual(positions, sorted(positions), message)
        self.assertEqual(message.count("[ERR_INVALID_INPUT]"), 3)
        self.assertEqual(plan.line_ids, lines, "the refused preview changed nothing")

    def test_array_literal_round_trip(self):
        """The preview sends its lines' values as array literals: what the server
        reads back is what was sent, quotes, braces and NULL-like text included."""
        texts = ['say "hi"', "back\\slash", None, "NULL", "{a,b}", "锁定：已小订。"]
        self.env.cr.execute("SELECT %s::varchar[]", [_array_literal(texts)])
        self.assertEqual(self.env.cr.fetchone()[0], texts)
        numbers = [1, Decimal(1411808), Decimal("-0.50"), Decimal("1E+6"), 0]
        self.env.cr.execute("SELECT %s::numeric[]", [_array_literal(numbers)])
        self.assertEqual(self.env.cr.fetchone()[0], [1, 1411808, -0.5, 1000000, 0])

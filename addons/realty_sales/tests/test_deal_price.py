"""One price path: a quote of the price calculator and the deal made from the same
inputs have the same figures; the deal's stored price and loans follow every input
they are computed from, except what the price lock keeps (§3.8)."""

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.realty_base.models.realty_city_policy import (
    LOAN_METHOD_FIELDS,
    LOAN_SPLIT_FIELDS,
)

from .common import SalesCase

PRICE_FIELDS = ("deal_total", "deal_unit_price", "pricing_area")
LOAN_FIELDS = ("loan_commercial", "loan_provident", "down_payment")


@tagged("post_install", "-at_install")
class TestDealPrice(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.project.policy_id
        cls.Policy = cls.env["realty.discount.policy"]
        cls.oneoff = cls.env.ref("realty_base.payment_method_oneoff").copy(
            {"code": "ONEOFF-T"}
        )  # 95折
        cls.combined = cls.env.ref("realty_base.payment_method_combined").copy(
            {"code": "COMBO-T", "discount_factor": 1.0}
        )

    def stored(self, deal, names):
        """The values in the database, after every pending computation."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM realty_deal WHERE id = %s",
                SQL(", ").join(SQL.identifier(name) for name in names),
                deal.id,
            )
        )
        return tuple(self.env.cr.fetchone())

    def assertStored(self, deal, names, expected, msg=None):
        self.assertEqual(self.stored(deal, names), tuple(expected), msg)

    def policy_line(self, name, kind, value, standard=False):
        policy = self.Policy.create(
            {"name": name, "project_id": self.project.id, "kind": kind, "value": value}
        )
        if standard:
            policy.action_publish()  # a published campaign (the director's act)
        return policy

    def v06_lines(self):
        """V-06's lines, the payment-method 95折 aside (the 98折 a published
        campaign: a standard line comes from its policy)."""
        campaign = self.policy_line("活动98折", "percent", 0.98, standard=True)
        return [
            Command.create({"name": "单价优惠", "kind": "unit_amount", "value": 100}),
            Command.create({"policy_id": campaign.id}),
            Command.create({"name": "减1个点", "kind": "points", "value": 1}),
            Command.create({"name": "直减5000", "kind": "total_amount", "value": 5000}),
        ]

    # ------------------------------------------------------- quote == deal
    def test_a_quote_and_the_deal_made_from_it_agree(self):
        """Quote a room with the calculator, make the deal from the same inputs and
        take it to the subscription: every figure the two share is the same, the
        payment schedule included. Three ways of pricing and paying."""
        self.policy.write({"pf_cap_family": 1200000, "pf_multiple": 20})
        campaign = self.policy_line("活动98折", "percent", 0.98, standard=True)
        unit_cut = self.policy_line("单价优惠", "unit_amount", 100)
        points = self.policy_line("减1个点", "points", 1)
        cash_cut = self.policy_line("直减5000", "total_amount", 5000)
        cases = [
            (
                "building_area",
                self.rooms[0],
                self.env.ref("realty_base.payment_method_commercial"),
                campaign | unit_cut | cash_cut,
                {"down_payment_ratio": 0.2, "home_tier": "first"},
            ),
            (
                "inner_area",
                self.rooms[1],
                self.combined,
                campaign | unit_cut | points,
                {"down_payment_ratio": 0.25, "pf_account_balance": 30000},
            ),
            (
                "per_unit",
                self.rooms[2],
                self.env.ref("realty_base.payment_method_inst3"),
                campaign | points | cash_cut,
                {"home_tier": "second"},
            ),
        ]
        today = fields.Date.context_today(
            self.env["realty.deal"].with_user(self.consultant)
        )
        for basis, room, method, policies, inputs in cases:
            with self.subTest(basis=basis):
                self.project.pricing_basis = basis
                calc = (
                    self.env["realty.price.calculator"]
                    .with_user(self.consultant)
                    .create(
                        {
                            "room_id": room.id,
                            "quote_date": today,
                            "payment_method_id": method.id,
                            "discount_policy_ids": [Command.set(policies.ids)],
                            **inputs,
                        }
                    )
                )
                self.assertFalse(calc.error)
                deal = self.deal(
                    room,
                    payment_method_id=method.id,
                    discount_line_ids=[
                        Command.create({"policy_id": policy.id}) for policy in policies
                    ],
                    deposit_amount=50000,
                    subscription_signed=True,
                    **inputs,
                )
                deal.register_payment("deposit", 50000)
                self.assertEqual(deal.approval_state, "to_approve")
                self.assertEqual(
                    calc.approval_role, deal.approval_rung_id.group_id.name
                )
                deal.with_user(self.manager).action_approve()
                deal.action_subscribe()
                self.assertEqual(deal.stage, "subscription")
                for name in (
                    "list_unit_price",
                    "list_total",
                    "discount_amount",
                    "deal_total",
                    "deal_unit_price",
                    "down_payment",
                    "loan_commercial",
                    "loan_provident",
                ):
                    self.assertEqual(deal[name], calc[name], name)
                self.assertAlmostEqual(deal.overall_ratio, calc.overall_ratio, 2)
                self.assertAlmostEqual(
                    deal.discretionary_ratio, calc.discretionary_ratio, 2
                )
                quoted = [
                    (line.item, line.due_date, float(line.amount))
                    for line in calc._quote()["schedule"]
                ]
                scheduled = [
                    (line.item, line.due_date, line.amount)
                    for line in deal.schedule_line_ids.sorted("sequence")
                ]
                self.assertEqual(scheduled, quoted)
                self.assertGreater(len(scheduled), 1)
                if basis != "per_unit":
                    self.assertTrue(deal.loan_commercial, "a loan was quoted")
                if basis == "inner_area":
                    # 30,000 × 20: the provident part of the combined loan
                    self.assertEqual(deal.loan_provident, 600000)
                    self.assertEqual(deal.pricing_area, room.area_inner_pred)

    def test_an_empty_down_payment_ratio_is_the_methods_for_both(self):
        """The calculator's help says so and the deal does it: without a ratio of
        the buyer's, the method's default down payment applies (30 % here)."""
        self.room._unlocked().list_total = 2345678
        method = self.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-30", "discount_factor": 1.0}
        )
        calc = self.env["realty.price.calculator"].create(
            {"room_id": self.room.id, "payment_method_id": method.id}
        )
        deal = self.deal(payment_method_id=method.id)
        self.assertEqual((calc.loan_commercial, calc.down_payment), (1640000, 705678))
        self.assertEqual((deal.loan_commercial, deal.down_payment), (1640000, 705678))

    # ---------------------------------------------------- stored price inputs
    def test_the_price_follows_each_input(self):
        """V-06 … V-08 through the deal's stored total, one input at a time."""
        deal = self.deal(payment_method_id=self.oneoff.id)
        deal.discount_line_ids = self.v06_lines()
        fields_ = ("deal_total", "deal_unit_price")
        self.assertStored(deal, fields_, (1287994, 14379.75))  # V-06, V-10
        steps = [
            ("points on the list", self.project, "points_mode", "list", 1286936),
            ("back", self.project, "points_mode", "running", 1287994),
            ("0.01 yuan", self.project, "total_precision", "0.01", 1287993.74),
            ("back", self.project, "total_precision", "1", 1287994),
            ("rounded down", self.project, "total_rounding", "down", 1287993),
            ("back", self.project, "total_rounding", "half_up", 1287994),
            (
                "cash first",
                self.project,
                "discount_sequence",
                "total_amount,unit_amount,payment_method,percent,points,round_off",
                1288385,
            ),
            (
                "back",
                self.project,
                "discount_sequence",
                "unit_amount,payment_method,percent,points,total_amount,round_off",
                1287994,
            ),
            ("90折", self.oneoff, "discount_factor", 0.90, 1219941),
            ("back", self.oneoff, "discount_factor", 0.95, 1287994),
        ]
        for label, record, name, value, total in steps:
            with self.subTest(step=label, field=name):
                record[name] = value
                self.assertEqual(self.stored(deal, ["deal_total"])[0], total)
        line = deal.discount_line_ids.filtered(lambda d: d.kind == "total_amount")
        line.value = 10000
        self.assertStored(deal, ["deal_total"], [1282994])
        line.value = 5000
        points = deal.discount_line_ids.filtered(lambda d: d.kind == "points")
        self.assertStored(deal, ["discretionary_amount"], [26399.25])  # V-09
        # the same points as a published campaign: standard, from its policy
        standard_points = self.policy_line("减1个点", "points", 1, standard=True)
        deal.discount_line_ids = [
            Command.unlink(points.id),
            Command.create({"policy_id": standard_points.id}),
        ]
        self.assertStored(deal, ["standard_only_total"], [1301249.32])
        deal.discount_line_ids = [
            Command.create({"name": "抹零", "kind": "round_off", "value": 100})
        ]
        self.assertStored(deal, ["deal_total"], [1287900])  # V-08
        self.project.allow_direct_total = True
        deal.manual_total = 1280000
        self.assertStored(deal, ["deal_total", "price_error"], [1280000, None])
        self.project.allow_direct_total = False
        total, error = self.stored(deal, ["deal_total", "price_error"])
        self.assertEqual(total, 0)
        self.assertIn("ERR_APPROVAL_REQUIRED", error)

    def test_the_pricing_area_follows_the_room_until_the_price_is_locked(self):
        """Before the small deposit the deal is priced on the room's current
        predicted area and the project's basis; from it on (§3.8) it keeps the area
        its locked list price was computed on."""
        deal = self.deal(payment_method_id=self.oneoff.id)
        deal.discount_line_ids = self.v06_lines()
        self.assertStored(deal, PRICE_FIELDS, (1287994, 14379.75, 89.57))
        self.room.area_building_pred = 90.00  # a survey correction
        self.assertStored(deal, PRICE_FIELDS, (1287954, 14310.60, 90.00))
        self.project.pricing_basis = "inner_area"  # 72.33 m²
        self.assertStored(deal, PRICE_FIELDS, (1289583, 17829.16, 72.33))
        self.room.area_inner_pred = 72.50
        self.assertEqual(self.stored(deal, ["pricing_area"])[0], 72.50)
        self.project.pricing_basis = "per_unit"  # the building area still serves
        self.assertStored(deal, PRICE_FIELDS, (1287954, 14310.60, 90.00))
        self.project.pricing_basis = "building_area"
        deal.with_user(self.manager).action_approve()
        deal.register_payment("intention", 10000)
        deal.action_small_deposit()
        self.assertTrue(deal.price_locked)
        self.assertStored(deal, PRICE_FIELDS, (1287954, 14310.60, 90.00))
        self.room.area_building_pred = 89.57
        self.project.pricing_basis = "inner_area"
        self.assertStored(
            deal, PRICE_FIELDS, (1287954, 14310.60, 90.00), "locked with the price"
        )
        self.project.pricing_basis = "building_area"
        other = self.deal(self.room_b, buyer=self.buyer_d)
        self.room_b.area_building_pred = 91.00
        self.assertEqual(self.stored(other, ["pricing_area"])[0], 91.00, "not locked")

    def test_a_locked_deal_moved_to_another_room_takes_its_area(self):
        """R7: the deal re-priced on the new room's list price is priced on the new
        room's area too; the change order previews the same price."""
        self.room_b.area_building_pred = 100.00
        deal = self.deal(
            deposit_amount=50000, subscription_signed=True, delivery_date="2027-06-30"
        )
        deal.discount_line_ids = [
            Command.create({"name": "单价优惠", "kind": "unit_amount", "value": 100})
        ]
        deal.with_user(self.manager).action_approve()
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        self.assertStored(deal, PRICE_FIELDS, (1402851, 15662.06, 89.57))
        order = (
            self.env["realty.change.order"]
            .with_user(self.consultant)
            .create(
                {
                    "deal_id": deal.id,
                    "change_type": "change_room",
                    "reason": "客户申请",
                    "new_room_id": self.room_b.id,
                }
            )
        )
        preview = order._after_deal()
        self.assertEqual(
            (preview.deal_total, preview.pricing_area), (1401808, 100.00)
        )  # 1,411,808 − 100 × 100.00
        order.action_submit()
        order.with_user(self.manager).action_approve()
        order.with_user(self.consultant).action_execute()
        self.assertEqual(deal.room_id, self.room_b)
        self.assertStored(deal, PRICE_FIELDS, (1401808, 14018.08, 100.00))

    # ----------------------------------------------------- stored loan inputs
    def test_the_loans_follow_the_policy_and_the_method(self):
        """Every field the loan split reads, changed one at a time (V-11, V-12)."""
        self.room._unlocked().list_total = 2345678
        method = self.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-T2", "discount_factor": 1.0}
        )  # 30 % down by default
        deal = self.deal(payment_method_id=method.id)
        self.assertStored(deal, LOAN_FIELDS, (1640000, 0, 705678))  # V-12
        policy = self.policy
        steps = [
            (method, "down_payment_ratio", 0.15, (1990000, 0, 355678)),  # V-11
            (policy, "min_dp_commercial_first", 0.20, (1870000, 0, 475678)),
            (deal, "home_tier", "second", (1990000, 0, 355678)),
            (policy, "min_dp_commercial_second", 0.25, (1750000, 0, 595678)),
            (deal, "down_payment_ratio", 0.30, (1640000, 0, 705678)),
            (policy, "loan_rounding_unit", "1000", (1641000, 0, 704678)),
            (self.room, "usage", "commercial", (1172000, 0, 1173678)),
            (policy, "min_dp_non_residential", 0.40, (1407000, 0, 938678)),
            (deal, "down_payment_ratio", 0.45, (1290000, 0, 1055678)),
            (policy, "loan_rounding_mode", "up", (1291000, 0, 1054678)),
        ]
        for record, name, value, expected in steps:
            with self.subTest(model=record._name, field=name):
                record[name] = value
                self.assertStored(deal, LOAN_FIELDS, expected)

    def test_the_combined_loan_follows_the_provident_rules(self):
        """V-13 and the provident fields of the policy, one at a time."""
        self.room._unlocked().list_total = 3000000
        self.policy.write({"pf_cap_family": 1200000, "pf_multiple": 20})
        deal = self.deal(
            payment_method_id=self.combined.id,
            down_payment_ratio=0.20,
            pf_account_balance=50000,
        )
        self.assertStored(deal, LOAN_FIELDS, (1400000, 1000000, 600000))  # V-13
        policy = self.policy
        steps = [
            (policy, "pf_multiple", 15, (1650000, 750000, 600000)),
            (policy, "pf_cap_family", 700000, (1700000, 700000, 600000)),
            (policy, "min_dp_provident_first", 0.30, (1400000, 700000, 900000)),
            (deal, "home_tier", "second", (1700000, 700000, 600000)),
            (policy, "min_dp_provident_second", 0.25, (1550000, 700000, 750000)),
            (self.combined, "payment_type", "provident_loan", (0, 700000, 2300000)),
            (deal, "pf_account_balance", 30000, (0, 450000, 2550000)),
        ]
        for record, name, value, expected in steps:
            with self.subTest(model=record._name, field=name):
                record[name] = value
                self.assertStored(deal, LOAN_FIELDS, expected)
        other = policy.copy({"name": "Other City", "pf_multiple": 10})
        self.project.policy_id = other
        self.assertStored(deal, LOAN_FIELDS, (0, 300000, 2700000))
        other.min_dp_provident_second = 0.95
        self.assertStored(deal, LOAN_FIELDS, (0, 150000, 2850000))

    def test_every_field_the_split_reads_is_a_dependency(self):
        """The loan compute depends on the fields the shared split reads (the
        lists are the split's own), so a new policy input cannot be forgotten."""
        field = self.env["realty.deal"]._fields["loan_commercial"]
        depends = set(self.env.registry.field_depends[field])
        for name in LOAN_SPLIT_FIELDS:
            self.assertIn(f"project_id.policy_id.{name}", depends)
        for name in LOAN_METHOD_FIELDS:
            self.assertIn(f"payment_method_id.{name}", depends)

    def test_a_subscribed_deal_keeps_the_terms_it_was_signed_on(self):
        """I-2: once subscribed, settings of the project, the payment method and the
        city policy no longer move the deal's price or loans; only a change order
        does. A reservation still follows them."""
        self.room._unlocked().list_total = 2345678
        method = self.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-T3", "discount_factor": 1.0}
        )
        signed = self.deal(
            payment_method_id=method.id,
            deposit_amount=50000,
            subscription_signed=True,
            delivery_date="2027-06-30",
        )
        signed.register_payment("deposit", 50000)
        signed.action_subscribe()
        reserved = self.deal(
            self.room_b, buyer=self.buyer_d, payment_method_id=method.id
        )
        reserved.action_reserve()
        names = ["deal_total", *LOAN_FIELDS]
        before = self.stored(signed, names)
        reserved_before = self.stored(reserved, names)
        method.write({"discount_factor": 0.97, "down_payment_ratio": 0.5})
        self.policy.write(
            {"min_dp_commercial_first": 0.6, "loan_rounding_unit": "1000"}
        )
        self.project.write({"total_precision": "0.01", "points_mode": "list"})
        self.assertEqual(self.stored(signed, names), before)
        self.assertNotEqual(self.stored(reserved, names), reserved_before)
        self.assertEqual(
            sum(signed.schedule_line_ids.mapped("amount")), before[0], "the schedule"
        )

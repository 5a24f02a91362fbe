"""Bad input to the sales models (the issue "Every rule holds at the server,
whoever calls it"): each is refused with its code, nothing half-written."""

from odoo.tests import tagged

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

from .common import SalesCase, resident_id

INVALID = codes.ERR_INVALID_INPUT


@tagged("post_install", "-at_install")
class TestSalesInput(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visited(cls.buyer_c | cls.buyer_d)

    def counts(self):
        return {
            model: self.env[model].search_count([])
            for model in (
                "realty.deal",
                "realty.deal.payment",
                "realty.queue.number",
                "res.partner",
            )
        }

    def assertInvalid(self, call, *args, **kwargs):
        return self.assertRefused(INVALID, call, *args, **kwargs)

    # ------------------------------------------------------------------ buyers
    def test_buyers_identity_and_phones_of_the_wrong_type(self):
        """An int where an ID number or a mobile is expected, a list as a phone, a
        100,000-character name: refused, not a traceback or an index error."""
        before = self.counts()
        Buyers = self.env["res.partner"].with_context(realty_buyer=True)
        good = {
            "name": "吴凡",
            "realty_id_type": "resident",
            "realty_id_number": resident_id(seq="777"),
            "mobile": "13900001234",
        }
        for bad in (
            {"realty_id_number": 110105194912310029},
            {"realty_id_number": ["11010519491231002X"]},
            {"mobile": 13900001234},
            {"phone": ["13900001234"]},
            {"name": "凡" * 100_000},
            {"realty_id_type": "no such type"},
        ):
            with self.subTest(bad=bad):
                self.assertInvalid(Buyers.create, {**good, **bad})
                self.assertInvalid(self.buyer_c.write, bad)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.buyer_c.realty_id_number, "11010519491231002X")
        partner = Buyers.create(good)  # the same values, well typed
        self.assertTrue(partner.mobile.endswith("13900001234"))

    def test_other_partners_keep_odoos_behaviour(self):
        partner = self.env["res.partner"].create({"name": "供应商", "phone": "12345"})
        partner.write({"name": "供" * 600})
        self.assertEqual(len(partner.name), 600)

    # ------------------------------------------------------------ queue numbers
    def test_queue_category_of_the_wrong_type(self):
        before = self.counts()
        Numbers = self.env["realty.queue.number"].with_user(self.consultant)
        for category in (5, ["A"], "ABCDEFGHIJ"):
            with self.subTest(category=category):
                self.assertInvalid(
                    Numbers.create,
                    {
                        "project_id": self.project.id,
                        "partner_id": self.buyer_c.id,
                        "category": category,
                    },
                )
        self.assertEqual(self.counts(), before)

    def test_queue_actions_check_their_arguments(self):
        number = (
            self.env["realty.queue.number"]
            .with_user(self.consultant)
            .create({"project_id": self.project.id, "partner_id": self.buyer_c.id})
        )
        for call, args in (
            (number.action_convert, ("abc",)),
            (number.action_convert, ([1, 2],)),
            (number.action_convert, (2**31 - 1,)),
            (number.action_transfer, ({"id": 1},)),
            (number.action_request_refund, ("yesterday",)),
            (number.action_refund, (20250101,)),
        ):
            with self.subTest(call=call.__name__, args=args):
                self.assertInvalid(call, *args)
        self.assertEqual(number.state, "issued")
        self.assertFalse(number.date_refund_requested)
        number.action_request_refund("2025-03-01")
        self.assertEqual(str(number.date_refund_requested), "2025-03-01")

    # -------------------------------------------------------------------- deals
    def test_deal_values_of_the_wrong_type(self):
        """A list as room_id, a string id, an unknown selection value."""
        before = self.counts()
        for bad in (
            {"room_id": [self.room.id]},
            {"room_id": str(self.room.id)},
            {"room_id": 2**31 - 1},
            {"partner_id": 1.0},
            {"home_tier": "fourth"},
            {"delivery_date": "soon"},
            {"buyer_ids": "abc"},
            {"discount_line_ids": [(0, 0, {"value": "ten"})]},
        ):
            with self.subTest(bad=bad):
                self.assertInvalid(self.deal, **bad)
        self.assertEqual(self.counts(), before)

    def test_deal_money_terms_and_rates_within_bounds(self):
        """A deposit of −5,000 or 1e20, a negative late-fee rate, a negative loan
        term: refused at create and at write, nothing stored."""
        before = self.counts()
        bad_values = (
            {"deposit_amount": -5000},
            {"deposit_amount": 1e20},
            {"manual_total": -1},
            {"late_daily_rate": -0.0001},
            {"late_daily_rate": 0.01},
            {"loan_term_months": -12},
            {"loan_term_months": 0},
            {"loan_term_months": 361},
            {"down_payment_ratio": 1.5},
            {"pf_account_balance": -1},
        )
        for bad in bad_values:
            with self.subTest(bad=bad):
                self.assertInvalid(self.deal, **bad)
        self.assertEqual(self.counts(), before)
        deal = self.deal(deposit_amount=50000)
        for bad in bad_values:
            with self.subTest(write=bad):
                self.assertInvalid(deal.write, bad)
        self.assertEqual(deal.deposit_amount, 50000)
        self.assertEqual(deal.loan_term_months, 360)
        self.assertEqual(deal.late_daily_rate, 0.0005)
        # a default the client sends in the context is a value like the others
        deal_model = self.env["realty.deal"].with_user(self.consultant)
        self.assertInvalid(
            deal_model.with_context(default_deposit_amount=-5000).create,
            {"room_id": self.room_b.id, "partner_id": self.buyer_d.id},
        )

    def test_a_project_default_out_of_bounds_is_refused(self):
        """The deal takes its late-payment terms from the project: the project's
        own bounds keep them within §9.7."""
        self.assertRaises(
            RealtyUserError,
            self.project.with_user(self.realty_admin).write,
            {"late_daily_rate": 0.001},
        )
        with self.assertRaises(RealtyUserError) as caught:
            self.env["ir.default"].set("realty.project", "late_daily_rate", -1.0)
            self.env["realty.project"].with_user(self.realty_admin).create(
                {"name": "Default Garden", "code": "DG"}
            )
        self.assertEqual(caught.exception.code, INVALID)

    def test_create_and_advance_checks_its_arguments(self):
        before = self.counts()
        Deal = self.env["realty.deal"].with_user(self.consultant)
        vals = {"room_id": self.room.id, "partner_id": self.buyer_c.id}
        for args in (
            (vals, "auction"),  # an unknown stage name
            (vals, ["reservation"]),
            ("abc", "reservation"),
            ({**vals, "room_id": [self.room.id]}, "reservation"),
            ({"partner_id": self.buyer_c.id}, "reservation"),  # no room
            (vals, "reservation", ["token"]),
            (vals, "reservation", "t" * 100_000),
            (vals,),
        ):
            with self.subTest(args=args):
                self.assertInvalid(Deal.create_and_advance, *args)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.room.state, "available")
        deal_id = Deal.create_and_advance(vals, "reservation", client_token="t-1")
        self.assertEqual(self.env["realty.deal"].browse(deal_id).stage, "reservation")

    def test_sales_grid_of_a_string(self):
        """get_sales_grid('abc') browsed the characters 'a', 'b' and 'c'."""
        Building = self.env["realty.building"].with_user(self.consultant)
        for building_id in ("abc", [self.building.id], 1.5, None, -1):
            with self.subTest(building_id=building_id):
                self.assertInvalid(Building.get_sales_grid, building_id)
        grid = Building.get_sales_grid(self.building.id)
        self.assertEqual(len(grid["cells"]), len(self.building.room_ids))

    # ----------------------------------------------------------------- payments
    def test_payments_within_bounds(self):
        """Payments of 1e20 were stored; a refund stays negative by design."""
        deal = self.deal()
        other = self.deal(room=self.room_b, buyer=self.buyer_d)
        before = self.counts()
        Payment = self.env["realty.deal.payment"].with_user(self.consultant)
        for item, amount in (
            ("intention", 1e20),
            ("refund", -1e20),
            ("intention", "20000"),
            ("no such item", 100),
        ):
            with self.subTest(item=item, amount=amount):
                self.assertInvalid(deal.register_payment, item, amount)
                self.assertInvalid(
                    Payment.create,
                    {"deal_id": deal.id, "item": item, "amount": amount},
                )
        for values in ({"deal_id": other.id}, {"received_by_id": 1}, {"date": "x"}):
            with self.subTest(values=values):
                self.assertInvalid(deal.register_payment, "intention", 100, **values)
        self.assertEqual(self.counts(), before)
        deal.register_payment("intention", 20000, method="pos", reference="POS-1")
        deal.register_payment("refund", -5000, note="部分退款")
        self.assertEqual(deal.amount_received, 15000)

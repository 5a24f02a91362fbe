"""The calculator on a room reproduces the worked examples through the models:
V-06 (discount chain), V-09 (approval level), V-11 and V-14/V-15 (commercial loan
and repayments), V-13 (combined loan), V-19 (deed tax), V-25 (fees)."""

from datetime import date

from odoo import Command
from odoo.tests import Form, tagged

from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestPriceCalculator(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.building = cls.create_building()
        cls.room = cls.generate(cls.building, floors=(12, 12))
        cls.set_list_price(cls.room)  # V-03: 15,762.06 / 1,411,808 on 89.57 m²
        cls.policy = cls.project.policy_id
        cls.oneoff = cls.env.ref("realty_base.payment_method_oneoff")  # 95折
        cls.commercial = cls.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-T", "discount_factor": 1.0}
        )
        cls.combined = cls.env.ref("realty_base.payment_method_combined").copy(
            {"code": "COMBO-T", "discount_factor": 1.0}
        )
        cls.cash = cls.create_cash_method("Cash", "CASH-T")

    def policy_line(self, name, kind, value, standard=False):
        policy = self.env["realty.discount.policy"].create(
            {"name": name, "project_id": self.project.id, "kind": kind, "value": value}
        )
        if standard:
            policy.action_publish()  # a published campaign (the director's act)
        return policy

    def calculator(self, room=None, **values):
        return self.env["realty.price.calculator"].create(
            {
                "room_id": (room or self.room).id,
                "quote_date": date(2025, 6, 1),
                **values,
            }
        )

    def test_v06_v09_discount_chain_and_approval_level(self):
        policies = (
            self.policy_line("单价优惠", "unit_amount", 100)
            | self.policy_line("活动98折", "percent", 0.98, standard=True)
            | self.policy_line("减1个点", "points", 1)
            | self.policy_line("直减5000", "total_amount", 5000)
        )
        calc = self.calculator(
            payment_method_id=self.oneoff.id,
            discount_policy_ids=[Command.set(policies.ids)],
        )
        self.assertFalse(calc.error)
        self.assertEqual(calc.deal_total, 1287994)
        self.assertEqual(calc.discount_amount, 123814)
        self.assertEqual(calc.overall_ratio, 91.23)
        self.assertEqual(calc.discretionary_ratio, 97.99)
        self.assertEqual(calc.approval_role, "Sales Manager")
        self.assertEqual(calc.deal_unit_price, 14379.75)  # V-10
        self.assertEqual(calc.deal_total_capital, "壹佰贰拾捌万柒仟玖佰玖拾肆元整")
        calc.discount_policy_ids |= self.policy_line("再减2万", "total_amount", 20000)
        self.assertEqual(calc.deal_total, 1267994)
        self.assertEqual(calc.approval_role, "Marketing Director")

    def test_no_discretionary_discount_needs_no_approval(self):
        calc = self.calculator(payment_method_id=self.oneoff.id)
        self.assertEqual(calc.deal_total, 1341218)  # 1,411,808 × 0.95 = 1,341,217.6
        self.assertEqual(calc.approval_role, "No approval needed")

    def test_v11_v14_v15_commercial_loan(self):
        self.room._unlocked().list_total = 2345678
        calc = self.calculator(
            payment_method_id=self.commercial.id,
            down_payment_ratio=0.15,
            loan_term_months=360,
        )
        self.assertFalse(calc.error)
        self.assertEqual(calc.deal_total, 2345678)
        self.assertEqual((calc.loan_commercial, calc.down_payment), (1990000, 355678))
        self.assertEqual(calc.rate_commercial, 3.05)  # LPR 3.50 − 45 bp
        self.assertEqual(calc.monthly_payment, 8443.68)  # V-14
        self.assertEqual(calc.interest_equal_installment, 1049724.18)
        self.assertEqual(  # V-15
            (
                calc.first_payment_equal_principal,
                calc.monthly_decrease,
                calc.last_payment_equal_principal,
                calc.interest_equal_principal,
            ),
            (10585.69, 14.05, 5541.83, 912953.96),
        )
        calc.down_payment_ratio = 0.30  # V-12
        self.assertEqual((calc.loan_commercial, calc.down_payment), (1640000, 705678))

    def test_v11_below_the_minimum_uses_the_minimum(self):
        self.room._unlocked().list_total = 2345678
        calc = self.calculator(
            payment_method_id=self.commercial.id, down_payment_ratio=0.05
        )
        self.assertEqual(calc.min_down_ratio, 15.0)
        self.assertEqual(calc.loan_commercial, 1990000)

    def test_v13_combined_loan(self):
        self.policy.write({"pf_cap_family": 1200000, "pf_multiple": 20})
        self.room._unlocked().list_total = 3000000
        calc = self.calculator(
            payment_method_id=self.combined.id,
            down_payment_ratio=0.20,
            pf_account_balance=50000,
        )
        self.assertFalse(calc.error)
        self.assertEqual(
            (calc.loan_provident, calc.loan_commercial, calc.down_payment),
            (1000000, 1400000, 600000),
        )
        self.assertEqual(calc.rate_provident, 2.6)
        self.assertEqual(calc.monthly_payment, 9943.68)  # V-16: 4,003.40 + 5,940.28

    def test_v19_v25_fees(self):
        self.room._unlocked().list_total = 1500000
        calc = self.calculator(payment_method_id=self.cash.id, certificates=3)
        self.assertEqual(calc.deed_tax, 13761.47)  # V-19
        self.assertEqual(calc.deed_tax_rate, 1.0)
        self.assertEqual(calc.maintenance_fund, 8957.00)  # V-25, 100/m² × 89.57
        self.assertEqual(calc.registration_fee, 100.00)  # 80 + 2 × 10
        self.assertEqual(calc.stamp_duty, 0)  # housing bought by an individual
        self.assertAlmostEqual(calc.fees_total, 22818.47, places=2)
        self.policy.maint_mode = "percent_of_price"
        self.assertEqual(
            self.calculator(payment_method_id=self.cash.id).maintenance_fund, 30000.00
        )
        parking = self.generate(
            self.building,
            floors=(1, 1),
            positions=(5, 5),
            usage="parking",
            add_missing_only=True,
        )
        parking._unlocked().list_total = 200000
        self.assertEqual(
            self.calculator(parking, payment_method_id=self.cash.id).registration_fee,
            80.00,
        )

    def test_filed_price_ceiling(self):
        self.room._unlocked().filed_total = 1300000
        calc = self.calculator(payment_method_id=self.oneoff.id)  # 1,341,218
        self.assertEqual(calc.filed_price_note, "Above the filed price: not allowed")
        self.room._unlocked().filed_total = 1411808
        self.assertEqual(
            self.calculator(payment_method_id=self.oneoff.id).filed_price_note,
            "Within the filed price",
        )

    def test_typed_total_follows_the_ladder(self):
        self.project.allow_direct_total = True
        calc = self.calculator(payment_method_id=self.oneoff.id, manual_total=1300000)
        self.assertEqual(calc.deal_total, 1300000)
        # 1,300,000 / 1,341,217.60 = 96.93 % < 97 %: beyond a sales manager
        self.assertEqual(calc.approval_role, "Marketing Director")
        self.project.allow_direct_total = False
        calc = self.calculator(payment_method_id=self.oneoff.id, manual_total=1300000)
        self.assertIn("ERR_APPROVAL_REQUIRED", calc.error)

    def test_form_and_schedule(self):
        with Form(
            self.env["realty.price.calculator"].with_context(
                default_room_id=self.room.id
            )
        ) as form:
            form.payment_method_id = self.env.ref("realty_base.payment_method_inst3")
            self.assertFalse(form.error)
            self.assertEqual(form.deal_total, 1383572)  # 1,411,808 × 0.98
            self.assertIn("415,072.00", form.schedule_html)  # 30 % of 1,383,572

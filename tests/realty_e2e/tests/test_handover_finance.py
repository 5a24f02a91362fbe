"""The handover's money checks (§9.10) with realty_finance installed: what the
ledger says is received, in transit or owed for others decides the handover."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.realty_finance.models.realty_deal_payment import ARRIVED
from odoo.addons.realty_finance.tests.common import FinanceCase
from odoo.addons.realty_sales.tests.common import CASH_IN_7_DAYS


@tagged("post_install", "-at_install")
class TestHandoverFinance(FinanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aftersales = new_test_user(
            cls.env,
            "realty_aftersales_e2e",
            groups="realty_base.group_realty_aftersales",
        )
        cls.project.write(
            {
                "user_ids": [(4, cls.aftersales.id)],
                "filing_required": False,
                "fee_collect_stage": "delivery",
            }
        )
        cls.building.completion_filing_date = "2025-01-01"
        cls.rooms.write({"area_building_meas": 89.57})
        cls.due_soon = cls.create_cash_method(
            "Cash 7 (e2e)", "CASH-7E", **CASH_IN_7_DAYS
        )
        cls.today = fields.Date.context_today(cls.env.user)

    def setUp(self):
        super().setUp()
        self.contract = self.deal(
            payment_method_id=self.due_soon.id, subscription_signed=True
        )
        self.contract.action_sign_contract()
        self.contract.sudo()._unlocked().area_adjust_state = "settled"
        self.handover = (
            self.env["realty.handover"]
            .with_user(self.aftersales)
            .create(
                {
                    "deal_id": self.contract.id,
                    "date_scheduled": self.today + timedelta(days=20),
                    "notice_method": "letter",
                }
            )
        )
        self.handover.action_send_notice()
        self.env["realty.handover.inspection"].with_user(self.aftersales).create(
            {"handover_id": self.handover.id}
        )
        self.handover.buyer_signed_date = self.today
        self.balance = self.contract.schedule_line_ids.filtered(
            lambda l: l.item == "balance"
        )

    def guard(self, name):
        return getattr(self.handover.room_id, f"_guard_{name}")(
            action="hand_over", document=self.handover
        )

    def pay_fees(self):
        deal = self.contract
        deal.with_user(self.cashier).action_compute_fees()
        for fee in deal.fee_ids.filtered("amount"):
            self.receipt(
                deal,
                [
                    {
                        "item": "fee",
                        "fee_id": fee.id,
                        "method": "transfer",
                        "amount": fee.amount,
                    }
                ],
            )
        self.assertEqual(set(deal.fee_ids.mapped("state")), {"collected"})

    def test_the_balance_due_unpaid_then_in_transit_then_arrived(self):
        self.pay_fees()
        [(code, message)] = self.guard("handover_payments")
        self.assertEqual(code, "ERR_INVALID_INPUT")
        self.assertIn("1,411,808.00", message)
        # paid by transfer: in transit until the bank statement matches it
        self.contract.with_user(self.cashier).register_payment(
            "balance", self.balance.payable, method="transfer"
        )
        self.assertEqual(self.balance.payment_state, "in_transit")
        [(code, message)] = self.guard("handover_payments")
        self.assertIn("1,411,808.00 in transit", message)
        self.assertRefused("ERR_INVALID_INPUT", self.handover.action_hand_over)
        self.project.handover_accept_in_transit = True
        self.assertFalse(self.guard("handover_payments"))
        self.handover.action_hand_over()
        self.assertEqual(self.contract.room_id.state, "delivered")

    def test_arrived_money_counts_without_accepting_transit(self):
        self.pay_fees()
        self.contract.with_user(self.cashier).with_context(
            realty_arrived=ARRIVED
        ).register_payment("balance", self.balance.payable, method="transfer")
        self.assertEqual(self.balance.payment_state, "paid")
        self.assertFalse(self.project.handover_accept_in_transit)
        self.assertFalse(self.guard("handover_payments"))
        self.assertFalse(self.guard("maintenance_fund"))

    def test_fees_and_the_maintenance_fund(self):
        self.contract.with_user(self.cashier).with_context(
            realty_arrived=ARRIVED
        ).register_payment("balance", self.balance.payable, method="transfer")
        # never computed: the city policy's amounts are owed
        [(_code, fund)] = self.guard("maintenance_fund")
        self.assertIn("maintenance fund", fund)
        [(_code, fees)] = self.guard("handover_payments")
        self.assertIn("契税", fees)
        # collected at the certificate: the handover does not wait for the fees,
        # the maintenance fund still (§6.4)
        self.project.fee_collect_stage = "certificate"
        self.assertFalse(self.guard("handover_payments"))
        self.assertTrue(self.guard("maintenance_fund"))
        self.assertRefused("ERR_INVALID_INPUT", self.handover.action_hand_over)
        self.project.fee_collect_stage = "delivery"
        self.pay_fees()
        self.assertFalse(self.guard("maintenance_fund"))
        self.assertFalse(self.guard("handover_payments"))
        self.handover.action_hand_over()
        self.assertEqual(self.handover.state, "done")

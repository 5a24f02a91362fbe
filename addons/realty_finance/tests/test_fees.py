"""Fees collected for others (代收费用, §6): computed by the city policy, owed as
other receivables against their own liabilities, collected on receipts and
transferred out to the authority in a batch."""

from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestCollectedFees(FinanceCase):
    def setUp(self):
        super().setUp()
        self.contract = self.deal(subscription_signed=True, delivery_date="2027-06-30")
        self.contract.action_sign_contract()

    def balance(self, role):
        self.env.flush_all()
        lines = self.env["account.move.line"].search(
            [
                ("realty_deal_id", "=", self.contract.id),
                ("account_id", "=", self.company._realty_account(role).id),
                ("parent_state", "=", "posted"),
            ]
        )
        return round(sum(lines.mapped("balance")), 2)

    def test_fees_are_owed_collected_and_transferred_out(self):
        deal = self.contract
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", deal.with_user(self.consultant).action_compute_fees
        )
        deal.with_user(self.cashier).action_compute_fees()
        expected = deal._finance_fee_amounts()
        fees = {fee.fee_type: fee.amount for fee in deal.fee_ids}
        self.assertEqual(fees, {k: v for k, v in expected.items()})
        self.assertGreater(fees["deed_tax"], 0)
        self.assertEqual(self.balance("fee_receivable"), round(sum(fees.values()), 2))
        self.assertEqual(self.balance("fee_deed_tax"), -fees["deed_tax"])
        deed = deal.fee_ids.filtered(lambda f: f.fee_type == "deed_tax")
        self.assertRefused(
            "ERR_OVERPAYMENT",
            self.receipt,
            deal,
            [
                {
                    "item": "fee",
                    "fee_id": deed.id,
                    "method": "transfer",
                    "amount": deed.amount + 1,
                }
            ],
        )
        self.receipt(
            deal,
            [
                {
                    "item": "fee",
                    "fee_id": deed.id,
                    "method": "transfer",
                    "amount": deed.amount,
                }
            ],
        )
        self.assertEqual((deed.state, deed.amount_residual), ("collected", 0))
        self.assertEqual(deal.amount_received, 0, "collected for others: not the price")
        bureau = self.env["res.partner"].create({"name": "国家税务总局杭州市税务局"})
        transfer = (
            self.env["realty.fee.transfer"]
            .with_user(self.cashier)
            .create(
                {
                    "name": "契税划出",
                    "fee_type": "deed_tax",
                    "partner_id": bureau.id,
                    "journal_id": self.bank.id,
                }
            )
        )
        transfer.action_confirm()
        self.assertEqual((deed.state, transfer.amount), ("transferred", deed.amount))
        self.assertEqual(transfer.payment_id.amount, deed.amount)
        self.assertRefused("ERR_STATE_TRANSITION", transfer.action_confirm)

    def test_a_rule_change_is_recomputed_in_a_batch(self):
        deal = self.contract
        deal.with_user(self.cashier).action_compute_fees()
        before = deal.fee_ids.filtered(
            lambda f: f.fee_type == "registration_fee"
        ).amount
        policy = self.project.policy_id
        policy.reg_fee_residential = policy.reg_fee_residential + 20
        self.project.with_user(self.cashier).action_recompute_fees()
        after = deal.fee_ids.filtered(lambda f: f.fee_type == "registration_fee")
        self.assertEqual(after.amount, before + 20)
        self.assertEqual(self.balance("fee_registration_fee"), -(before + 20))
        self.assertEqual(after.amount_residual, before + 20)

"""Refund vouchers (§9.8) through the approval mechanism, and the finance to-do
list of the events an accountant acts on."""

from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestRefunds(FinanceCase):
    def refund(self, deal, amount, **values):
        return (
            self.env["realty.refund"]
            .with_user(self.cashier)
            .create(
                {
                    "deal_id": deal.id,
                    "reason": "overpayment",
                    "amount": amount,
                    **values,
                }
            )
        )

    def test_an_approved_refund_is_paid_out_of_what_was_received(self):
        deal = self.deal(deposit_amount=50000)
        self.receipt(deal, [("deposit", "transfer", 50000)])
        refund = self.refund(deal, 20000)
        refund.action_submit()
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", refund.with_user(self.cashier).action_approve
        )
        refund.with_user(self.finance_manager).action_approve()
        refund.with_user(self.cashier).action_pay()
        self.assertEqual(refund.state, "paid")
        self.assertTrue(refund.in_transit)
        self.assertEqual(deal.amount_received, 30000)
        self.assertEqual(refund.payment_id.account_payment_id.payment_type, "outbound")
        self.assertLedger(deal)

    def test_a_change_after_approval_voids_it(self):
        deal = self.deal(deposit_amount=50000)
        self.receipt(deal, [("deposit", "transfer", 50000)])
        refund = self.refund(deal, 20000)
        refund.action_submit()
        refund.with_user(self.finance_manager).action_approve()
        refund.with_user(self.cashier).amount = 30000
        self.assertEqual(
            (refund.state, refund.approved_by_id.id), ("to_approve", False)
        )
        self.assertRefused("ERR_STATE_TRANSITION", refund.action_pay)

    def test_a_refund_above_what_was_received_posts_nothing(self):
        deal = self.deal(deposit_amount=50000)
        self.receipt(deal, [("deposit", "transfer", 50000)])
        refund = self.refund(deal, 50000.01)
        self.assertRefused("ERR_REFUND_EXCEEDS", refund.action_submit)
        self.assertEqual(deal.amount_received, 50000)

    def test_the_payee_is_the_payer_unless_authorised(self):
        deal = self.deal(deposit_amount=50000)
        self.receipt(deal, [("deposit", "transfer", 50000)])
        refund = self.refund(deal, 1000, payee_id=self.buyer_d.id)
        self.assertRefused("ERR_INVALID_INPUT", refund.action_submit)
        refund.authorised_payee = True
        refund.action_submit()
        self.assertEqual(refund.state, "to_approve")

    def test_an_executed_change_order_is_on_the_finance_to_do_list(self):
        deal = self.deal(
            deposit_amount=50000, subscription_signed=True, delivery_date="2027-06-30"
        )
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "cancel",
                "reason": "x",
                "cancel_reason": "no_fault",
            }
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        order.action_execute()
        todo = self.env["realty.finance.todo"].search([("deal_id", "=", deal.id)])
        self.assertEqual(
            (todo.kind, todo.amount, todo.state), ("change_order", 50000, "open")
        )
        self.assertIn(todo.user_id, self.cashier | self.finance_manager)
        action = todo.with_user(self.cashier).action_open()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("realty.change.order", order.id)
        )
        todo.with_user(self.cashier).action_done()
        self.assertEqual(todo.state, "done")
        self.assertRefused(
            "ERR_INVALID_INPUT", todo.with_user(self.cashier).write, {"amount": 1}
        )

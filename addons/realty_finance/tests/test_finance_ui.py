"""A down payment through the web client: the cashier's receipt and the
accountant's payment (tours in static/tests/tours/realty_finance_tours.js)."""

from odoo.tests import HttpCase, tagged

from .common import FinanceCase

DEAL = "TG-TOUR-0001"  # the tours search it


@tagged("post_install", "-at_install")
class TestFinanceUi(FinanceCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tours read field names; the numbers are easier to read in English
        cls.env["res.lang"]._activate_lang("en_US")
        (cls.cashier | cls.finance_manager).write(
            {"lang": "en_US", "tour_enabled": False}
        )

    def setUp(self):
        super().setUp()
        self.contract = self.deal(
            payment_method_id=self.commercial.id,
            subscription_signed=True,
            delivery_date="2027-06-30",
            down_payment_ratio=0.3,
        )
        self.contract.action_sign_contract()
        self.contract._unlocked().name = DEAL
        self.down = self.contract.schedule_line_ids.filtered(
            lambda line: line.item == "down_payment"
        )
        self.assertEqual(self.down.payment_state, "open")

    def test_down_payment_by_card_from_receipt_to_accounting(self):
        self.start_tour(
            "/odoo", "realty_finance_receipt_cashier", login=self.cashier.login
        )
        self.env.invalidate_all()
        receipt = self.env["realty.receipt"].search(
            [("deal_id", "=", self.contract.id)]
        )
        self.assertEqual(len(receipt), 1, "the deal's New receipt was discarded")
        self.assertEqual(
            (receipt.name, receipt.state, receipt.cashier_id),
            ("SJ2025000123", "posted", self.cashier),
        )
        self.assertEqual(
            (receipt.project_id, receipt.partner_id), (self.project, self.buyer_c)
        )
        self.assertEqual(
            self.contract.with_user(self.cashier).receipt_ids,
            receipt,
            "the cashier finds it on the deal",
        )
        self.assertEqual(receipt.amount_capital, "壹拾万元整")
        self.assertTrue(receipt.in_transit)
        payment = receipt.payment_ids
        self.assertEqual(
            (payment.item, payment.method, payment.card_type, payment.amount),
            ("down_payment", "pos", "debit", 100000),
        )
        self.assertEqual(payment.pos_fee, 25, "V-43: the debit card fee is capped")
        self.assertEqual(self.down.amount_paid, 100000)
        self.assertEqual(self.down.payment_state, "partial")
        self.assertLedger(self.contract.sudo())

        account_payment = payment.account_payment_id
        self.assertEqual(account_payment.amount, 99975)
        self.assertIn(DEAL, account_payment.memo)
        self.assertEqual(account_payment.realty_receipt_id, receipt)
        self.start_tour(
            "/odoo",
            "realty_finance_payment_accountant",
            login=self.finance_manager.login,
        )

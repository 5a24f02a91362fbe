"""The customer ledger (客户台帐) with finance: the issued receipts are payments."""

from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestLedgerPayments(FinanceCase):
    def test_issued_receipt_is_a_payment_touchpoint(self):
        number = self.env["realty.queue.number"].create(
            {"project_id": self.project.id, "partner_id": self.buyer_c.id}
        )
        issued = self.receipt(number, [("sincerity", "cash", 20000)])
        draft = (
            self.env["realty.receipt"]
            .with_user(self.cashier)
            .create(
                {
                    "queue_number_id": number.id,
                    "book_id": self.book.id,
                    "line_ids": [
                        (0, 0, self._receipt_line(("sincerity", "cash", 500)))
                    ],
                }
            )
        )
        payments = (
            self.env["realty.customer.touchpoint"]
            .with_user(self.consultant)
            .search([("partner_id", "=", self.buyer_c.id), ("kind", "=", "payment")])
        )
        self.assertEqual(payments.mapped("res_id"), issued.ids, "not the draft")
        self.assertNotIn(draft.id, payments.mapped("res_id"))
        self.assertEqual(payments.res_model, "realty.receipt")
        self.assertEqual(payments.amount, 20000)
        self.assertEqual(payments.summary, issued.name)
        self.assertEqual(payments.project_id, self.project)

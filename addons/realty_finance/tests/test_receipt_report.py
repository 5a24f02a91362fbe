"""The receipt (收据) PDF: its number, the amount in capital numerals after 人民币
(§9.9), and the marks of a voided receipt (作废) and of a reprint (补打)."""

import unicodedata

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.common import pdf_text

from .common import FinanceCase

RADICALS = str.maketrans({"⺠": "民", "⻚": "页"})
"""Ideographs the CJK font maps to CJK Radicals Supplement code points, which NFKC
leaves alone (人民币 comes out as 人⺠币): read back as the ideographs."""


@tagged("post_install", "-at_install")
class TestReceiptReport(FinanceCase, HttpCase):
    def render(self, receipts):
        """The PDF's text, without the line breaks and spaces of its layout."""
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("realty_finance.action_report_receipt", receipts.ids)
        )
        self.assertEqual(fmt, "pdf")
        return "".join(pdf_text(pdf).split()).translate(RADICALS)

    def assertPrinted(self, expected, text, msg=None):
        """`expected` is in the PDF's text, compared as it is read back."""
        expected = "".join(unicodedata.normalize("NFKC", expected).split())
        self.assertIn(expected, text, msg)

    def deposit_receipt(self, amount):
        deal = self.deal(deposit_amount=50000)
        return self.receipt(deal, [("deposit", "transfer", amount)])

    def test_receipt_in_capital_numerals(self):
        receipt = self.deposit_receipt(30000.50)
        self.assertEqual(receipt.name, "SJ2025000123")
        receipt.with_user(self.cashier).action_print()
        text = self.render(receipt)
        self.assertPrinted("收据", text)
        self.assertPrinted("SJ2025000123", text)
        self.assertPrinted(
            "人民币叁万元零伍角", text, "§9.9: 零 before the 角 of 30,000.50"
        )
        self.assertPrinted("¥30,000.50", text)
        self.assertNotIn("¥¥", text, "one currency sign")
        self.assertPrinted(self.buyer_c.name, text, "the payer")
        self.assertPrinted(self.room.code, text)
        self.assertPrinted(self.bank.name, text, "the supervision account received it")
        self.assertPrinted(self.cashier.name, text)
        self.assertPrinted("在途", text, "not confirmed by the bank yet")
        self.assertNotIn("作废", text)
        self.assertNotIn("补打", text, "the first print is the original")

        receipt.with_user(self.cashier).action_print()
        self.assertEqual(receipt.print_count, 2)
        text = self.render(receipt)
        self.assertPrinted("补打", text, "a second print is a reprint")
        self.assertPrinted("人民币叁万元零伍角", text)

    def test_void_receipt(self):
        receipt = self.deposit_receipt(50000)
        receipt.with_user(self.finance_manager).action_void("客户付错账户")
        text = self.render(receipt)
        self.assertPrinted("SJ2025000123", text, "a void receipt keeps its number")
        self.assertPrinted("作废", text)
        self.assertPrinted("客户付错账户", text, "the reason")
        self.assertPrinted("人民币伍万元整", text, "and its amount, for audit")

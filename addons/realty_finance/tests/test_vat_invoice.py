"""发票 (§9.1-§9.2): a signed contract's VAT invoice is an Odoo customer invoice
whose tax is the tools' VAT to the fen (V-20), posted against the deal's contract
liabilities so that the price is not a receivable twice; a red-letter credit note
corrects it."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.realty_base.tools import vat_breakdown

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestVatInvoice(FinanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_list_price(cls.room, unit_price=16746.68, total=1500000)  # V-20
        cls.project.write({"land_cost_per_m2": 5000})
        cls.project.policy_id.vat_method = "general"
        cls.contract = cls.env["realty.deal"].create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "subscription_signed": True,
                "delivery_date": "2027-06-30",
                "contract_no": "YS2025-000123",
            }
        )
        cls.contract.action_sign_contract()

    def issue(self, deal=None, user=None):
        deal = (deal or self.contract).with_user(user or self.cashier)
        deal.action_create_vat_invoice(invoice_date="2025-06-30")
        return deal.sudo().vat_invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice"
        )[-1:]

    def by_account(self, deal):
        """``{account code: balance}`` of the deal's posted items."""
        self.env.flush_all()
        balances = {}
        for line in deal.sudo().ledger_line_ids.filtered(
            lambda l: l.parent_state == "posted"
        ):
            code = line.account_id.code
            balances[code] = round(balances.get(code, 0.0) + line.balance, 2)
        return {code: balance for code, balance in balances.items() if balance}

    def test_v20_the_invoice_tax_is_the_tools_vat(self):
        self.assertEqual(self.contract.deal_total, 1500000)
        self.assertEqual(self.room.area_building_pred, 89.57)
        invoice = self.issue()
        expected = vat_breakdown(1500000, building_area="89.57", land_cost_per_m2=5000)
        self.assertEqual(str(expected.vat), "86874.77")
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "move_type": "out_invoice",
                    "partner_id": self.buyer_c.id,
                    "amount_tax": 86874.77,
                    "amount_untaxed": 1413125.23,
                    "amount_total": 1500000,
                    "realty_deal_id": self.contract.id,
                    "realty_contract_number": "YS2025-000123",
                    "realty_area": 89.57,
                    "realty_land_deduction": 447850,
                    "realty_vat_method": "general",
                }
            ],
        )
        self.assertIn(self.room.code, invoice.realty_property_address)
        taxed, land = invoice.invoice_line_ids.sorted(lambda l: -l.price_unit)
        self.assertEqual((taxed.price_unit, taxed.price_subtotal), (1052150, 965275.23))
        self.assertEqual(taxed.tax_ids.amount, 9)
        self.assertTrue(taxed.tax_ids.price_include)
        self.assertEqual((land.price_subtotal, land.tax_ids.ids), (447850, []))
        self.assertEqual(
            set(invoice.invoice_line_ids.account_id.mapped("code")), {"600100"}
        )
        tax_line = invoice.line_ids.filtered("tax_line_id")
        self.assertEqual(
            (tax_line.balance, tax_line.account_id.code), (-86874.77, "222100")
        )

    def test_the_invoice_consumes_the_contract_liability(self):
        """Signed: Dr 应收 1,500,000 / Cr 合同负债 1,500,000. The invoice recognises
        the revenue out of the liability, the receivable stays single."""
        accounts = self.accounts()
        receivable, advance = accounts["receivable"].code, accounts["advance"].code
        self.assertEqual(
            self.by_account(self.contract), {receivable: 1500000, advance: -1500000}
        )
        invoice = self.issue()
        self.assertEqual(
            self.by_account(self.contract),
            {receivable: 1500000, "600100": -1413125.23, "222100": -86874.77},
        )
        # Odoo keeps the invoice's counterpart on the receivable: a voucher
        # settles it out of the contract liabilities at once
        term = invoice.line_ids.filtered(lambda l: l.display_type == "payment_term")
        self.assertEqual(
            (term.account_id, term.balance), (accounts["receivable"], 1500000)
        )
        self.assertTrue(term.reconciled, "nothing to collect on the invoice")
        voucher = term.matched_credit_ids.credit_move_id.move_id
        self.assertEqual(voucher.journal_id, self.company.realty_journal_id)
        self.assertEqual(
            sorted((l.account_id.code, l.balance) for l in voucher.line_ids),
            sorted([(receivable, -1500000), (advance, 1500000)]),
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # the buyer still owes the price once, on the schedule
        self.assertEqual(self.contract.schedule_line_ids.amount_residual, 1500000)
        self.contract.register_payment("balance", 1500000)
        self.assertEqual(
            self.by_account(self.contract),
            {
                "600100": -1413125.23,
                "222100": -86874.77,
                self.company._realty_outstanding_account("inbound").code: 1500000,
            },
        )

    def test_a_red_letter_credit_note_corrects_the_invoice(self):
        invoice = self.issue()
        self.assertRefused("ERR_STATE_TRANSITION", self.issue)
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.cashier)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {"reason": "红字发票: 面积补差", "journal_id": invoice.journal_id.id}
            )
        )
        action = reversal.refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        credit_note.with_user(self.cashier).action_post()
        self.assertRecordValues(
            credit_note,
            [
                {
                    "move_type": "out_refund",
                    "reversed_entry_id": invoice.id,
                    "realty_deal_id": self.contract.id,
                    "amount_tax": 86874.77,
                    "amount_total": 1500000,
                }
            ],
        )
        advance = self.accounts()["advance"].code
        self.assertEqual(
            self.by_account(self.contract)[advance], -1500000, "the liability back"
        )
        self.assertFalse(self.by_account(self.contract).get("600100"))
        again = self.issue()
        self.assertNotEqual(again, invoice)
        self.assertEqual(again.amount_tax, 86874.77)
        self.assertEqual(self.contract.sudo().vat_invoice_count, 3)

    def test_simple_method_three_percent(self):
        self.project.policy_id.vat_method = "simple"
        invoice = self.issue()
        # rnd(1,500,000 × 3 / 103 = 43,689.3203...)
        self.assertEqual(str(vat_breakdown(1500000, method="simple").vat), "43689.32")
        self.assertEqual(
            (invoice.amount_tax, invoice.amount_untaxed, invoice.amount_total),
            (43689.32, 1456310.68, 1500000),
        )
        tax = invoice.invoice_line_ids.tax_ids
        self.assertEqual(len(invoice.invoice_line_ids), 1, "no land deduction")
        self.assertEqual(
            (tax.amount, tax.price_include, tax.type_tax_use), (3, True, "sale")
        )
        self.assertEqual(
            tax.with_context(lang="zh_CN").name, "增值税3%(不动产销售,含税)"
        )
        tax_line = invoice.line_ids.filtered("tax_line_id")
        self.assertEqual(tax_line.account_id.code, "222100")
        # the tax is opened once per company
        self.assertEqual(
            self.env["account.tax"]._realty_vat_tax(self.company, 0.03), tax
        )

    def test_only_finance_issues_a_signed_contracts_invoice(self):
        with self.assertRaises(AccessError):
            self.contract.with_user(self.consultant).action_create_vat_invoice()
        deposit = self.deal(room=self.room_b, buyer=self.buyer_d)
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            deposit.with_user(self.cashier).action_create_vat_invoice,
        )
        self.assertRefused(
            "ERR_INVALID_INPUT",
            self.contract.with_user(self.cashier).action_create_vat_invoice,
            invoice_date="not a date",
        )
        self.assertFalse(self.contract.sudo().vat_invoice_ids)

    def test_the_deal_of_an_invoice_is_the_servers(self):
        invoice = self.issue()
        self.assertRefused(
            "ERR_STATE_TRANSITION", invoice.with_user(self.cashier).button_draft
        )
        self.assertRefused(
            "ERR_INVALID_INPUT",
            invoice.with_user(self.cashier).write,
            {"realty_deal_id": self.deal(room=self.room_b).id},
        )

"""An area adjustment applied with finance installed (§7.4-§7.6, V-26, V-27,
V-29, V-33): the deed tax and the maintenance fund already computed on the
contract are computed again on the adjusted total and the measured building area
and the differences posted; the settled amounts are entries: a charge is a
receivable the buyer pays, a refund is set against what the buyer still owes of
the price (latest due first, never the loan) or owed to the buyer until a refund
voucher pays it back; the whole-life ledger check holds at every step."""

from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.realty_aftersales.tests.area_common import AreaCase
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_finance.models import realty_deal as finance_deal
from odoo.addons.realty_finance.tests.common import FinanceCase

V26 = ("2-1-101", "91.20", "72.33", "18.87")  # +23,438.99
V27 = ("2-1-201", "87.40", "72.33", "15.07")  # −31,204.06
V29 = ("2-1-202", "85.10", "72.33", "12.77")  # −89,915.14


@tagged("post_install", "-at_install")
class TestAreaAdjustFinance(AreaCase, FinanceCase):
    def fee(self, deal, fee_type):
        return deal.fee_ids.filtered(lambda f: f.fee_type == fee_type).amount

    def balance(self, deal, role):
        self.env.flush_all()
        lines = self.env["account.move.line"].search(
            [
                ("realty_deal_id", "=", deal.id),
                ("account_id", "=", self.company._realty_account(role).id),
                ("parent_state", "=", "posted"),
            ]
        )
        return round(sum(lines.mapped("balance")), 2)

    def test_v33_fees_follow_the_settlement(self):
        deal = self.contract("2-1-101", (139.20, 112.00, 27.20), 20000.00, 2784000)
        deal.with_user(self.cashier).action_compute_fees()
        self.assertEqual(self.fee(deal, "deed_tax"), 25541.28)
        self.assertEqual(self.fee(deal, "maintenance_fund"), 13920.00)
        self.assertEqual(self.balance(deal, "fee_deed_tax"), -25541.28)
        batch = self.imported([("2-1-101", "141.30", "114.10", "27.20")])
        line = batch.line_ids
        self.assertEqual(
            (line.deed_tax_before, line.deed_tax_after), (25541.28, 38889.91)
        )
        batch.action_submit()
        batch.with_user(self.aftersales_manager).action_approve()
        batch.with_user(self.aftersales).action_apply()
        self.assertEqual(self.fee(deal, "deed_tax"), 38889.91)
        self.assertEqual(self.fee(deal, "maintenance_fund"), 14130.00)
        self.assertEqual(self.balance(deal, "fee_deed_tax"), -38889.91)
        self.assertEqual(
            self.balance(deal, "fee_receivable"),
            round(sum(deal.fee_ids.mapped("amount")), 2),
        )
        todo = self.env["realty.finance.todo"].search(
            [("deal_id", "=", deal.id), ("kind", "=", "area_adjustment")]
        )
        self.assertEqual((todo.amount, todo.res_id), (42000.00, line.id))
        self.assertEqual(todo.res_model, "realty.area.adjust.line")
        # the settled amount is a receivable of its own, due at handover
        area = deal.schedule_line_ids.filtered(lambda s: s.item == "area_adjustment")
        self.assertEqual((area.amount, area.payment_state), (42000.00, "open"))
        self.assertLedger(deal)

    def area_line(self, deal, item="area_adjustment"):
        return deal.schedule_line_ids.filtered(lambda s: s.item == item)

    def apply(self, rows):
        batch = self.imported(rows)
        for line in batch.line_ids.filtered("rescission_right"):
            line.with_user(self.aftersales).write(
                {"buyer_choice": "continue", "notice_date": "2027-03-05"}
            )
        batch.action_submit()
        batch.with_user(self.aftersales_manager).action_approve()
        batch.with_user(self.aftersales).action_apply()
        return batch

    def test_a_charge_is_a_receivable_the_buyer_pays(self):
        deal = self.contract("2-1-101")
        self.receipt(deal, [("balance", "transfer", 1287994)])
        self.assertLedger(deal)
        self.apply([V26])
        area = self.area_line(deal)
        self.assertEqual(area.receivable_line_ids.date_maturity, area.due_date)
        self.assertEqual(self.ledger(deal)["receivable"], 23438.99)
        self.assertLedger(deal)
        # the handover, the aging and the dunning see it
        self.assertEqual(
            deal._handover_outstanding(fields.Date.to_date("2027-06-30")),
            {area: 23438.99},
        )
        aging = self.env["realty.aging.report"].search(
            [("schedule_line_id", "=", area.id)]
        )
        self.assertEqual(aging.amount_residual, 23438.99)
        self.assertIn(
            area,
            self.env["realty.collection.log"]._dunning_candidates(
                fields.Date.to_date("2027-07-10"), deals=deal
            ),
        )
        self.assertRefused(
            codes.ERR_OVERPAYMENT,
            self.receipt,
            deal,
            [("area_adjustment", "transfer", 23439.00)],
        )
        self.receipt(deal, [("area_adjustment", "transfer", 23438.99)])
        self.assertEqual(
            (area.amount_residual, area.payment_state), (0.0, "in_transit")
        )
        self.assertEqual(self.ledger(deal)["receivable"], 0.0)
        self.assertLedger(deal)

    def test_a_refund_is_set_against_what_the_buyer_owes(self):
        deal = self.contract("2-1-202")  # owes the whole 1,287,994
        balance = deal.schedule_line_ids.filtered(lambda s: s.item == "balance")
        self.assertEqual(balance.amount_residual, 1287994)
        self.apply([V29])
        offset = self.area_line(deal)
        self.assertEqual(offset.amount, -89915.14)
        self.assertEqual(
            (offset.amount_paid, offset.payment_state), (-89915.14, "paid")
        )
        self.assertEqual(balance.amount_residual, 1198078.86)
        self.assertEqual(self.ledger(deal)["receivable"], 1198078.86)
        self.assertLedger(deal)
        self.assertFalse(self.area_line(deal, "area_refund"))
        self.assertFalse(
            self.env["realty.refund"].search([("deal_id", "=", deal.id)]),
            "nothing is paid back",
        )
        self.assertRefused(
            codes.ERR_OVERPAYMENT,
            self.receipt,
            deal,
            [("balance", "transfer", 1287994)],
        )
        self.receipt(deal, [("balance", "transfer", 1198078.86)])
        self.assertEqual(balance.payment_state, "in_transit")
        self.assertLedger(deal)

    def test_the_offset_takes_the_latest_due_first(self):
        staged = self.env["realty.payment.method"].create(
            {
                "name": "分期 (test)",
                "code": "STAGED-T",
                "payment_type": "one_off",
                "line_ids": [
                    Command.create(
                        {"item": "down_payment", "value": 50, "due_kind": "on_contract"}
                    ),
                    Command.create(
                        {
                            "item": "installment",
                            "value": 45,
                            "due_kind": "months_after_contract",
                            "due_count": 3,
                        }
                    ),
                    Command.create(
                        {
                            "item": "balance",
                            "basis": "remainder",
                            "due_kind": "months_after_contract",
                            "due_count": 6,
                        }
                    ),
                ],
            }
        )
        deal = self.contract("2-1-202", payment_method_id=staged.id)
        down, installment, balance = deal.schedule_line_ids.sorted("due_date")
        self.assertEqual(
            (down.payable, installment.payable, balance.payable),
            (643997.0, 579597.0, 64400.0),
        )
        self.apply([V29])  # −89,915.14: the balance, then the installment
        self.assertEqual(
            (
                down.amount_residual,
                installment.amount_residual,
                balance.amount_residual,
            ),
            (643997.0, 554081.86, 0.0),
        )
        self.assertEqual(balance.payment_state, "paid")
        self.assertLedger(deal)

    def test_the_loan_is_not_set_against(self):
        deal = self.contract("2-1-102", payment_method_id=self.commercial.id)
        loans = deal.schedule_line_ids.filtered(lambda s: "loan" in s.item)
        owed = deal.schedule_line_ids - loans
        self.assertTrue(loans and owed)
        for line in owed:
            self.receipt(deal, [(line.item, "transfer", line.payable)])
        loan = sum(loans.mapped("amount_residual"))
        self.apply([("2-1-102", "85.10", "72.33", "12.77")])  # V-29
        self.assertFalse(self.area_line(deal))
        self.assertEqual(self.area_line(deal, "area_refund").amount, -89915.14)
        self.assertEqual(sum(loans.mapped("amount_residual")), loan, "disbursed whole")
        self.assertEqual(self.ledger(deal)["area_refund"], 89915.14)
        self.assertLedger(deal)

    def test_a_refund_paid_back_by_a_refund_voucher(self):
        deal = self.contract("2-1-201")
        self.receipt(deal, [("balance", "transfer", 1287994)])
        self.apply([V27])
        line = self.area_line(deal, "area_refund")
        self.assertEqual(line.amount, -31204.06)
        self.assertEqual(line.payment_state, "open")
        self.assertEqual(self.ledger(deal)["area_refund"], 31204.06)
        self.assertLedger(deal)
        voucher = self.env["realty.refund"].search([("deal_id", "=", deal.id)])
        self.assertEqual(
            (voucher.reason, voucher.amount, voucher.state, voucher.payee_id),
            ("area", 31204.06, "draft", deal.partner_id),
        )
        voucher.with_user(self.cashier).action_submit()
        self.assertRefused(
            codes.ERR_APPROVAL_REQUIRED, voucher.with_user(self.cashier).action_approve
        )
        voucher.with_user(self.finance_manager).action_approve()
        voucher.with_user(self.cashier).action_pay()
        self.assertEqual(voucher.state, "paid")
        self.assertEqual((line.amount_paid, line.payment_state), (-31204.06, "paid"))
        ledger = self.ledger(deal)
        self.assertEqual((ledger["area_refund"], ledger["advance"]), (0.0, 1256789.94))
        self.assertLedger(deal)

    def test_a_large_batch_is_posted_by_the_cron(self):
        """A building's batch is posted right after its apply by the cron the
        apply triggers, not in the apply's request."""
        charged = self.contract("2-1-101")
        offset = self.contract("2-1-202")
        refunded = self.contract("2-1-201")
        self.receipt(refunded, [("balance", "transfer", 1287994)])
        cron = self.env.ref("realty_finance.ir_cron_post_area_adjustments")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        with patch.object(finance_deal, "AREA_POST_NOW", 2):
            self.apply([V26, V27, V29])
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        area = (charged | offset | refunded).schedule_line_ids.filtered(
            lambda s: s.item.startswith("area")
        )
        self.assertEqual(len(area), 3)
        self.assertEqual(set(area.mapped("payment_state")), {"not_posted"})
        self.assertEqual(
            self.ledger(charged)["receivable"], 1287994.0, "the price only"
        )
        Line = self.env["realty.deal.schedule.line"]
        self.assertEqual(Line._cron_post_area_adjustments(), 3)
        self.assertEqual(
            area.mapped("payment_state"), ["open", "paid", "open"], area.mapped("item")
        )
        self.assertEqual(Line._cron_post_area_adjustments(), 0, "posted once")
        self.assertEqual(
            self.env["realty.refund"].search([("deal_id", "=", refunded.id)]).amount,
            31204.06,
        )
        for deal in (charged, offset, refunded):
            self.assertLedger(deal, deal.name)

    def test_a_regenerated_schedule_keeps_the_settlement_posted_once(self):
        """A change order regenerates the schedule of settled deals: the charge
        stays receivable, the refund set against the price and the refund owed
        are not posted again."""
        charged = self.contract("2-1-101")
        offset = self.contract("2-1-202")
        refunded = self.contract("2-1-201")
        self.receipt(refunded, [("balance", "transfer", 1287994)])
        self.apply([V26, V27, V29])
        before = {deal: self.ledger(deal) for deal in (charged, offset, refunded)}
        for deal in (charged, offset, refunded):
            deal.sudo().action_generate_schedule()
            self.assertEqual(self.ledger(deal), before[deal], deal.name)
            self.assertLedger(deal, deal.name)
        self.assertEqual(
            self.env["realty.deal.schedule.line"]._cron_post_area_adjustments(), 0
        )
        self.assertEqual(self.area_line(charged).amount_residual, 23438.99)
        self.assertEqual(
            offset.schedule_line_ids.filtered(
                lambda s: s.item == "balance"
            ).amount_residual,
            1198078.86,
        )
        for deal in (charged, offset, refunded):
            self.assertLedger(deal, deal.name)

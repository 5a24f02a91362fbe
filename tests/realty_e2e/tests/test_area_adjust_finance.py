"""An area adjustment applied with finance installed (§7.6, V-33): the deed tax
and the maintenance fund already computed on the contract are computed again on
the adjusted total and the measured building area and the differences posted;
finance gets the to-do of the settled amount."""

from odoo.tests import tagged

from odoo.addons.realty_aftersales.tests.area_common import AreaCase
from odoo.addons.realty_finance.tests.common import FinanceCase


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
        # the settled deal's schedule line is not a receivable of the price
        area = deal.schedule_line_ids.filtered(lambda s: s.item == "area_adjustment")
        self.assertEqual((area.amount, area.payment_state), (42000.00, "not_posted"))

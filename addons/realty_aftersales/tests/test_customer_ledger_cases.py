"""The customer ledger (客户台帐) with after-sales: the buyer's service cases."""

from odoo.tests import tagged

from .services_common import ServicesCase


@tagged("post_install", "-at_install")
class TestLedgerServiceCases(ServicesCase):
    def test_signed_deal_cases_are_the_buyers_touchpoints(self):
        deal = self.sign(payment_method_id=self.commercial.id)
        cases = deal.service_case_ids
        self.assertTrue(cases)
        Touchpoint = self.env["realty.customer.touchpoint"]
        rows = Touchpoint.with_user(self.officer).search(
            [("partner_id", "=", self.buyer_c.id), ("kind", "=", "service_case")]
        )
        self.assertEqual(sorted(rows.mapped("res_id")), sorted(cases.ids))
        self.assertEqual(set(rows.mapped("res_model")), {"realty.service.case"})
        self.assertEqual(rows.project_id, self.project)
        for row in rows:
            case = cases.browse(row.res_id)
            self.assertEqual(row.summary, f"{case.type_id.name} · {deal.name}")
        # another project's consultant sees none of them
        self.assertFalse(
            Touchpoint.with_user(self.stranger).search(
                [("partner_id", "=", self.buyer_c.id)]
            )
        )

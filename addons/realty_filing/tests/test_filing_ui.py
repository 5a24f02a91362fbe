"""A contract filed from the deal in the web client (tours in
static/tests/tours/realty_filing_tours.js), with the simulated city system on
loopback: the filing number shows on the deal and the grid's room turns filed."""

from odoo.tests import HttpCase, tagged

from .common import FilingCase


@tagged("post_install", "-at_install")
class TestFilingUi(FilingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.consultant.write({"lang": "en_US", "tour_enabled": False})

    def test_file_a_contract_from_the_deal(self):
        deal = self.signed()
        self.assertEqual(self.room.code, "1-1-1101")
        self.start_tour(
            f"/odoo/realty-deals/{deal.id}",
            "realty_filing_file_contract",
            login=self.consultant.login,
        )
        self.env.invalidate_all()
        filing = deal.filing_ids
        self.assertEqual(filing.state, "accepted")
        self.assertEqual(deal.filing_number, filing.filing_number)
        self.assertEqual(self.room.state, "filed")
        self.assertEqual(len(self.authority_log()["filings"]), 1)
        self.start_tour(
            "/odoo/action-realty_sales.action_realty_sales_grid"
            f"?building_id={self.building.id}",
            "realty_filing_grid_filed",
            login=self.consultant.login,
        )

"""The receptionist's walk-in through the web client (tour in
static/tests/tours/realty_sales_walk_in_tours.js)."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestWalkInUi(SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.receptionist = new_test_user(
            cls.env,
            "realty_receptionist",
            groups="realty_sales.group_realty_receptionist",
            lang="en_US",
            tour_enabled=False,
        )
        cls.consultant.name = "Walk-in Consultant"
        cls.project.user_ids |= cls.receptionist
        cls.lead = (
            cls.env["crm.lead"]
            .with_user(cls.consultant)
            .create(
                {
                    "name": "王先生, Test Garden",
                    "type": "opportunity",
                    "contact_name": "王先生",
                    "mobile": "13800138000",
                    "realty_project_id": cls.project.id,
                }
            )
        )

    def test_known_customer_is_told_whose(self):
        self.start_tour(
            "/odoo", "realty_sales_walk_in_known", login="realty_receptionist"
        )
        visit = self.env["realty.visit"].search([("opportunity_id", "=", self.lead.id)])
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.user_id, self.consultant)
        self.assertEqual(visit.create_uid, self.receptionist)
        self.assertFalse(visit.first_visit)
        self.assertFalse(
            self.env["realty.customer.collision"].search(
                [("project_id", "=", self.project.id)]
            )
        )

"""The customer ledger (客户台帐): every touchpoint of a customer, within the user's
projects, read in a pinned number of queries however many there are."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import SalesCase, resident_id

LEDGER_QUERIES = 7
"""The first page and the count of a 500-touchpoint ledger, as a consultant:
the page (the view with the record rules in SQL), the count, the projects' members
(Odoo's read re-checks the rules in Python), the user, and the names of the
customer, the projects and the consultants on the page: the same for any number of
rows. The list view shows the company (hidden) so that the rules' re-check does
not read the view a second time."""
SPEC = {
    "date": {},
    "kind": {},
    "partner_id": {"fields": {"display_name": {}}},
    "project_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "summary": {},
    "amount": {},
    "currency_id": {"fields": {}},
    "company_id": {"fields": {}},
    "res_model": {},
    "res_id": {},
}


@tagged("post_install", "-at_install")
class TestCustomerLedger(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(
            cls.env, "ledger_outsider", groups="realty_base.group_realty_consultant"
        )
        cls.other_project = cls.env["realty.project"].create(
            {
                "name": "Other Garden",
                "code": "OG",
                "user_ids": [Command.set([cls.outsider.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "林晓",
                "mobile": "13912345678",
                "realty_id_type": "resident",
                "realty_id_number": resident_id(birth="19850612", seq="456"),
            }
        )
        start = datetime(2026, 1, 1, 9, 0)
        # 500 touchpoints in the project: 200 visits, 100 calls, 200 opportunities
        cls.visits = cls.env["realty.visit"].create(
            [
                {
                    "project_id": cls.project.id,
                    "partner_id": cls.customer.id,
                    "user_id": cls.consultant.id,
                    "kind": "call" if index % 3 == 2 else "visit",
                    "date": start + timedelta(hours=index),
                    "notes": f"note {index}",
                }
                for index in range(300)
            ]
        )
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"林晓 {index}",
                    "type": "opportunity",
                    "realty_project_id": cls.project.id,
                    "partner_id": cls.customer.id,
                    "user_id": cls.consultant.id,
                }
                for index in range(200)
            ]
        )
        # ...and one in a project the consultant is not a member of
        cls.foreign_visit = cls.env["realty.visit"].create(
            {
                "project_id": cls.other_project.id,
                "partner_id": cls.customer.id,
                "user_id": cls.outsider.id,
            }
        )
        cls.Touchpoint = cls.env["realty.customer.touchpoint"]

    def expected_rows(self, visits, leads):
        leads.invalidate_recordset(["create_date"])
        return {
            ("realty.visit", visit.id, visit.kind, visit.date, visit.project_id.id)
            for visit in visits
        } | {
            ("crm.lead", lead.id, "opportunity", lead.create_date, self.project.id)
            for lead in leads
        }

    @staticmethod
    def rows(touchpoints):
        return {
            (t.res_model, t.res_id, t.kind, t.date, t.project_id.id)
            for t in touchpoints
        }

    def test_rows_equal_the_records(self):
        """Each visit, call and opportunity of the customer is one row, with its
        date, kind and project; the other project's visit is not the consultant's."""
        ledger = self.Touchpoint.with_user(self.consultant).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(ledger), 500)
        self.assertEqual(self.rows(ledger), self.expected_rows(self.visits, self.leads))
        self.assertEqual(
            self.customer.with_user(self.consultant).realty_touchpoint_count, 500
        )
        # the realty administrator sees every project's
        everything = self.Touchpoint.with_user(self.realty_admin).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(
            self.rows(everything),
            self.expected_rows(self.visits | self.foreign_visit, self.leads),
        )
        # the other project's consultant sees only theirs
        theirs = self.Touchpoint.with_user(self.outsider).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(theirs.mapped("res_id"), self.foreign_visit.ids)

    def test_newest_first_and_a_deal(self):
        """The timeline is newest first; a deal of the customer joins it."""
        deal = self.deal(buyer=self.buyer_c)
        rows = self.Touchpoint.with_user(self.consultant).search(
            [("partner_id", "=", self.buyer_c.id)]
        )
        self.assertEqual(rows.mapped("kind"), ["deal", "visit"])
        self.assertEqual(rows[0].res_id, deal.id)
        self.assertEqual(rows[0].summary, deal.name)
        self.assertEqual(
            rows[0].action_open_document()["res_id"], deal.id, "it opens the deal"
        )

    def test_ledger_opens_in_pinned_queries(self):
        """The ledger action's first page and count: a fixed number of queries
        (not one per row or per touchpoint kind)."""
        action = self.customer.with_user(
            self.consultant
        ).action_realty_customer_ledger()
        Touchpoint = self.Touchpoint.with_user(self.consultant).with_context(
            **action["context"]
        )
        Touchpoint.web_search_read(action["domain"], SPEC, limit=80)  # warm caches
        self.env.invalidate_all()
        with self.assertQueryCount(LEDGER_QUERIES):
            result = Touchpoint.web_search_read(action["domain"], SPEC, limit=80)
        self.assertEqual(result["length"], 500)
        expected = sorted(
            [(visit.date, visit.id * 16 + 1) for visit in self.visits]
            + [(lead.create_date, lead.id * 16 + 2) for lead in self.leads],
            reverse=True,
        )[:80]
        self.assertEqual(
            [row["id"] for row in result["records"]], [key for _d, key in expected]
        )

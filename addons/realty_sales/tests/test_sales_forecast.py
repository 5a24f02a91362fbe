"""The sales forecast (销售预测): figures computed by hand, by month and kind."""

from odoo.tests import tagged

from .common import SalesCase

FORECAST_QUERIES = 3
"""A grouped read of the forecast by month and kind, as a consultant: the rules'
projects, the grouped query, the kinds' labels: one SQL query on the view, however
many opportunities and schedule lines there are."""


@tagged("post_install", "-at_install")
class TestSalesForecast(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        values = {
            "type": "opportunity",
            "realty_project_id": cls.project.id,
            "user_id": cls.consultant.id,
        }
        cls.lead_may = Lead.create(
            {
                **values,
                "name": "May",
                "probability": 40,
                "expected_revenue": 1000000,
                "date_deadline": "2026-05-15",
            }
        )
        cls.lead_june = Lead.create(
            {
                **values,
                "name": "June",
                "probability": 25,
                "expected_revenue": 2000000,
                "date_deadline": "2026-06-03",
            }
        )
        lost = Lead.create(
            {
                **values,
                "name": "Lost",
                "probability": 50,
                "expected_revenue": 900000,
                "date_deadline": "2026-05-20",
            }
        )
        lost.action_set_lost()
        Lead.create(
            {
                **values,
                "name": "Won",
                "probability": 100,
                "expected_revenue": 700000,
                "date_deadline": "2026-05-20",
                "stage_id": cls.env.ref("realty_sales.crm_stage_signed").id,
            }
        )
        Lead.create(
            {**values, "name": "Undated", "probability": 30, "expected_revenue": 5e5}
        )

    def signed_deal(self, room, lines, payments=()):
        """A signed deal whose schedule is `lines` [(item, due date, payable)]."""
        deal = self.deal(room, delivery_date="2027-06-30")
        deal.action_sign_contract()
        Line = self.env["realty.deal.schedule.line"]._unlocked()
        deal.schedule_line_ids._unlocked().unlink()
        Line.create(
            [
                {
                    "deal_id": deal.id,
                    "sequence": index,
                    "item": item,
                    "due_date": due,
                    "amount": payable,
                    "payable": payable,
                }
                for index, (item, due, payable) in enumerate(lines)
            ]
        )
        for item, amount in payments:
            deal.register_payment(item, amount)
        return deal

    def forecast(self, user=None):
        Forecast = self.env["realty.sales.forecast"].with_user(user or self.consultant)
        return {
            (month.strftime("%Y-%m"), kind): amount
            for month, kind, amount in Forecast._read_group(
                [("project_id", "=", self.project.id)],
                ["date:month", "kind"],
                ["amount:sum"],
            )
        }

    def test_signing_and_collection_by_month(self):
        self.signed_deal(
            self.rooms[0],
            [
                ("deposit", "2026-04-10", 50000),
                ("down_payment", "2026-05-10", 150000),
                ("down_payment", "2026-05-25", 150000),
                ("commercial_loan", "2026-06-10", 600000),
                ("provident_loan", "2026-06-20", 100000),
            ],
            # the deposit paid, 100,000 of the down payment (the first line's),
            # 650,000 of the loans (the commercial loan, 50,000 of the provident)
            [("deposit", 50000), ("down_payment", 100000), ("loan", 650000)],
        )
        cancelled = self.signed_deal(self.rooms[1], [("balance", "2026-05-05", 800000)])
        cancelled._unlocked().write({"status": "cancelled"})
        # May: 40% × 1,000,000; June: 25% × 2,000,000
        # collections: May 50,000 + 150,000 of the down payment, June 50,000
        self.assertEqual(
            self.forecast(),
            {
                ("2026-05", "signing"): 400000.0,
                ("2026-06", "signing"): 500000.0,
                ("2026-05", "collection"): 200000.0,
                ("2026-06", "collection"): 50000.0,
            },
        )

    def test_other_projects_consultant_sees_nothing(self):
        outsider = self.env["res.users"].create(
            {
                "name": "Forecast Outsider",
                "login": "forecast_outsider",
                "groups_id": [
                    (6, 0, [self.env.ref("realty_base.group_realty_consultant").id])
                ],
            }
        )
        self.assertFalse(self.forecast(outsider))

    def test_grouped_read_in_pinned_queries(self):
        Forecast = self.env["realty.sales.forecast"].with_user(self.consultant)
        Forecast.read_group([], ["amount:sum"], ["date:month", "kind"], lazy=False)
        with self.assertQueryCount(FORECAST_QUERIES):
            Forecast.read_group([], ["amount:sum"], ["date:month", "kind"], lazy=False)

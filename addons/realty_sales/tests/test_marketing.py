"""Marketing (issue 16): sales targets with their actuals, campaigns with budgets
and activities, the visits' campaign, and the marketing analysis."""

from datetime import date, datetime

import pytz

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyValidationError

from ..models.realty_sales_target import OFFICE_TZ
from ..models.realty_sales_target import SIGNED_STATUSES as SIGNED
from ..report.realty_marketing_analysis import MEASURES
from .common import SalesCase

ROLES = {
    "consultant": ("realty_base.group_realty_consultant", False),
    "manager": ("realty_base.group_realty_manager", True),
    "director": ("realty_base.group_realty_director", True),
    "gm": ("realty_base.group_realty_gm", True),
    "finance": ("realty_base.group_realty_finance", False),
    "aftersales": ("realty_base.group_realty_aftersales", False),
    "admin": ("realty_base.group_realty_admin", True),
}
"""Each role and whether it plans targets, activities and campaign budgets."""
ANALYSIS_QUERIES = 1
"""The marketing analysis grouped by campaign: one grouped query, whatever the
number of visits, leads and deals (tests/bench/bench_marketing.py: 100,000)."""


@tagged("post_install", "-at_install")
class TestMarketing(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(
            cls.env, "realty_mkt_outsider", groups="realty_base.group_realty_consultant"
        )
        cls.other_project = cls.env["realty.project"].create(
            {
                "name": "Other Garden",
                "code": "OGM",
                "user_ids": [Command.set([cls.outsider.id, cls.manager.id])],
            }
        )
        cls.campaign = (
            cls.env["utm.campaign"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Autumn Opening (test)",
                    "realty_project_id": cls.project.id,
                    "budget": 50000,
                    "date_start": "2026-11-01",
                    "date_end": "2026-11-30",
                }
            )
        )
        cls.medium = cls.env["utm.medium"].create({"name": "Billboard (test)"})
        cls.source = cls.env["utm.source"].create({"name": "Newspaper (test)"})

    def signed(
        self, room, when, status="active", total=1_000_000, area=100.0, **values
    ):
        """A deal of `room` subscribed at `when` (UTC), in `status`."""
        deal = self.deal(room=room, **values)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE realty_deal SET status = %s, date_subscription = %s,"
            " deal_total = %s, pricing_area = %s WHERE id = %s",
            [status, when, total, area, deal.id],
        )
        self.env.invalidate_all()
        return deal

    # ------------------------------------------------------------------ targets
    def test_target_actuals_count_beijing_days_and_skip_cancelled(self):
        rooms = self.rooms
        # 1 Nov 00:30 in Beijing is 31 Oct 16:30 UTC: November's
        self.signed(rooms[0], datetime(2026, 10, 31, 16, 30), total=1_200_000, area=90)
        # 30 Nov 23:59 in Beijing: November's; 1 Dec 00:30 in Beijing: not
        self.signed(rooms[1], datetime(2026, 11, 30, 15, 59), status="closed", area=110)
        self.signed(rooms[2], datetime(2026, 11, 30, 16, 30))
        # 31 Oct 23:30 in Beijing (15:30 UTC): October's
        self.signed(rooms[3], datetime(2026, 10, 31, 15, 30))
        # cancelled and draft deals are not signed
        self.signed(rooms[4], datetime(2026, 11, 10, 2, 0), status="cancelled")
        self.signed(rooms[5], datetime(2026, 11, 11, 2, 0), status="draft")
        Target = self.env["realty.sales.target"].with_user(self.manager)
        november, october, other = Target.create(
            [
                {
                    "project_id": self.project.id,
                    "date_from": "2026-11-01",
                    "date_to": "2026-11-30",
                    "target_units": 4,
                    "target_area": 400,
                    "target_amount": 4_400_000,
                },
                {
                    "project_id": self.project.id,
                    "date_from": "2026-10-01",
                    "date_to": "2026-10-31",
                    "target_units": 3,
                },
                {
                    "project_id": self.other_project.id,
                    "date_from": "2026-11-01",
                    "date_to": "2026-11-30",
                    "target_units": 1,
                },
            ]
        )
        targets = november | october | other

        def queries(records):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records.mapped("actual_units")
            return self.cr.sql_log_count - before

        queries(targets)  # caches warmed
        # one grouped query of the deals, however many targets
        self.assertEqual(queries(targets), queries(november))
        self.assertEqual(
            (november.actual_units, november.actual_area, november.actual_amount),
            (2, 200.0, 2_200_000),
        )
        self.assertAlmostEqual(november.achievement_units, 50.0)
        self.assertAlmostEqual(november.achievement_area, 50.0)
        self.assertAlmostEqual(november.achievement_amount, 50.0)
        self.assertEqual(october.actual_units, 1)
        self.assertEqual(other.actual_units, 0)
        self.assertEqual(other.achievement_area, 0.0)  # no target: no division

        # the analysis by month says the same
        Report = self.env["realty.sales.target.report"].with_user(self.manager)
        [row] = Report._read_group(
            [("project_id", "=", self.project.id), ("date", "=", "2026-11-01")],
            [],
            [
                "target_units:sum",
                "actual_units:sum",
                "actual_amount:sum",
                "achievement_amount:sum",
            ],
        )
        self.assertEqual(row[:3], (4, 2, 2_200_000))
        self.assertAlmostEqual(row[3], 50.0)
        [(october_units,)] = Report._read_group(
            [("project_id", "=", self.project.id), ("date", "=", "2026-10-01")],
            [],
            ["achievement_units:sum"],
        )
        self.assertAlmostEqual(october_units, 100 / 3, places=2)  # not 33

    def test_only_managers_plan_targets(self):
        Target = self.env["realty.sales.target"]
        target = Target.with_user(self.manager).create(
            {"project_id": self.project.id, "target_units": 10}
        )
        self.assertEqual(target.date_from.day, 1)
        self.assertGreaterEqual(target.date_to.day, 28)
        as_consultant = target.with_user(self.consultant)
        self.assertEqual(as_consultant.target_units, 10)  # reads its project's
        with self.assertRaises(AccessError):
            as_consultant.write({"target_units": 99})
        with self.assertRaises(AccessError):
            Target.with_user(self.consultant).create({"project_id": self.project.id})
        with self.assertRaises(AccessError):
            as_consultant.unlink()
        # another project's consultant does not read it
        with self.assertRaises(AccessError):
            target.with_user(self.outsider).read(["target_units"])
        with self.assertRaises(RealtyValidationError):  # the period's order
            target.with_user(self.manager).write(
                {"date_from": "2030-01-01", "date_to": "2029-01-01"}
            )

    # ---------------------------------------------------------------- campaigns
    def test_campaign_money_is_for_managers(self):
        campaign = self.campaign.with_user(self.consultant)
        campaign.write({"title": "Autumn Opening, renamed"})  # utm lets users do this
        for values in (
            {"budget": 1},
            {"realty_project_id": self.other_project.id},
            {"date_end": "2027-01-31"},
        ):
            with self.assertRaises(AccessError):
                campaign.write(values)
        with self.assertRaises(AccessError):
            self.env["utm.campaign"].with_user(self.consultant).create(
                {"name": "Rogue", "budget": 10**6}
            )
        self.env.invalidate_all()
        self.assertEqual(self.campaign.budget, 50000)
        Activity = self.env["realty.marketing.activity"]
        with self.assertRaises(AccessError):
            Activity.with_user(self.consultant).create(
                {"name": "Rogue", "campaign_id": self.campaign.id, "actual_cost": 1}
            )
        Activity.with_user(self.manager).create(
            [
                {
                    "name": "Open day",
                    "campaign_id": self.campaign.id,
                    "kind": "event",
                    "budget": 20000,
                    "actual_cost": 18000,
                },
                {
                    "name": "Billboards",
                    "campaign_id": self.campaign.id,
                    "kind": "ad",
                    "budget": 30000,
                    "actual_cost": 35000,
                },
            ]
        )
        self.assertEqual(self.campaign.actual_cost, 53000)
        self.assertEqual(self.campaign.budget_left, -3000)
        activity = self.campaign.realty_activity_ids[:1].with_user(self.consultant)
        self.assertTrue(activity.name)  # reads
        with self.assertRaises(AccessError):
            activity.write({"actual_cost": 0})
        with self.assertRaises(AccessError):
            activity.with_user(self.outsider).read(["name"])
        self.campaign.with_user(self.manager).write({"budget": 60000})
        self.assertEqual(self.campaign.budget_left, 7000)

    # ------------------------------------------------------------------- visits
    def test_visit_and_opportunity_share_their_campaign(self):
        Lead = self.env["crm.lead"].with_user(self.consultant)
        Visit = self.env["realty.visit"].with_user(self.consultant)
        bare = Lead.create(
            {
                "name": "李先生",
                "type": "opportunity",
                "realty_project_id": self.project.id,
            }
        )
        Visit.create(
            {
                "project_id": self.project.id,
                "visitor_name": "李先生",
                "opportunity_id": bare.id,
                "campaign_id": self.campaign.id,
                "medium_id": self.medium.id,
                "source_id": self.source.id,
            }
        )
        self.assertEqual(
            (bare.campaign_id, bare.medium_id, bare.source_id),
            (self.campaign, self.medium, self.source),
        )
        tagged_lead = Lead.create(
            {
                "name": "赵女士",
                "type": "opportunity",
                "realty_project_id": self.project.id,
                "campaign_id": self.campaign.id,
                "medium_id": self.medium.id,
            }
        )
        visit = Visit.create(
            {
                "project_id": self.project.id,
                "visitor_name": "赵女士",
                "opportunity_id": tagged_lead.id,
                "source_id": self.source.id,
            }
        )
        self.assertEqual(
            (visit.campaign_id, visit.medium_id, visit.source_id),
            (self.campaign, self.medium, self.source),
        )
        self.assertEqual(tagged_lead.source_id, self.source)  # it had none

    # ----------------------------------------------------------------- analysis
    def test_analysis_figures_and_one_query(self):
        self.env["realty.marketing.activity"].with_user(self.manager).create(
            {
                "name": "Open day",
                "campaign_id": self.campaign.id,
                "date": "2026-11-08",
                "actual_cost": 12000,
            }
        )
        leads = (
            self.env["crm.lead"]
            .with_user(self.consultant)
            .create(
                [
                    {
                        "name": name,
                        "type": "opportunity",
                        "realty_project_id": self.project.id,
                        "campaign_id": self.campaign.id,
                        "medium_id": self.medium.id,
                    }
                    for name in ("甲", "乙", "丙")
                ]
            )
        )
        self.env["realty.visit"].with_user(self.consultant).create(
            [
                {
                    "project_id": self.project.id,
                    "visitor_name": lead.name,
                    "opportunity_id": lead.id,
                    "kind": kind,
                }
                for lead, kind in zip(leads, ("visit", "visit", "call"), strict=True)
            ]
        )
        self.signed(
            self.rooms[0],
            datetime(2026, 11, 20, 3, 0),
            total=1_500_000,
            opportunity_id=leads[0].id,
        )
        self.signed(  # cancelled: not a deal of the campaign
            self.rooms[1],
            datetime(2026, 11, 21, 3, 0),
            status="cancelled",
            opportunity_id=leads[1].id,
        )
        self.env.flush_all()
        Analysis = self.env["realty.marketing.analysis"].with_user(self.consultant)
        measures = MEASURES
        domain = [("campaign_id", "=", self.campaign.id)]
        Analysis._read_group(domain, ["campaign_id"], measures)  # rules cached
        with self.assertQueryCount(ANALYSIS_QUERIES):
            [row] = Analysis._read_group(domain, ["campaign_id"], measures)
        self.assertEqual(row[0], self.campaign)
        self.assertEqual(row[1:7], (12000, 2, 1, 3, 1, 1_500_000))
        self.assertAlmostEqual(row[7], 6000)
        self.assertAlmostEqual(row[8], 4000)
        self.assertAlmostEqual(row[9], 12000)
        # the web client's read_group: the same ratios
        [group] = Analysis.read_group(
            domain + [("medium_id", "!=", False)], measures, ["medium_id"], lazy=False
        )
        self.assertEqual(group["medium_id"][0], self.medium.id)
        self.assertEqual(group["visit_count"], 2)
        self.assertAlmostEqual(group["cost_per_visit"], 0.0)  # cost has no medium
        # no division by zero: a group with cost and no visits
        [empty] = Analysis._read_group(
            domain + [("medium_id", "=", False)], [], ["cost_per_deal:sum"]
        )
        self.assertEqual(empty, (0,))
        # another project's consultant sees none of it
        self.assertFalse(
            Analysis.with_user(self.outsider)._read_group(domain, [], ["__count"])[0][0]
        )

    # ---------------------------------------------------------------------- ACL
    def test_access_of_each_role(self):
        for role, (group, plans) in ROLES.items():
            user = new_test_user(self.env, f"realty_mkt_{role}", groups=group)
            self.project.user_ids |= user
            for model in (
                "realty.sales.target",
                "realty.marketing.activity",
                "realty.marketing.analysis",
                "realty.sales.target.report",
            ):
                Model = self.env[model].with_user(user)
                with self.subTest(role=role, model=model):
                    self.assertTrue(Model.has_access("read"))
                    writes = plans and not model.endswith(("analysis", "report"))
                    self.assertEqual(Model.has_access("write"), writes)
                    self.assertEqual(Model.has_access("create"), writes)
            campaign = self.campaign.with_user(user)
            with self.subTest(role=role, model="utm.campaign"):
                if plans:
                    campaign.write({"budget": 50000})
                else:
                    with self.assertRaises(AccessError):
                        campaign.write({"budget": 1})
        self.assertEqual(self.campaign.budget, 50000)

    def test_period_defaults_to_this_month(self):
        target = self.env["realty.sales.target"].new({})
        today = date.today()
        self.assertEqual(target.date_from, today.replace(day=1))
        self.assertEqual(target.date_to.month, today.month)


@tagged("post_install", "-at_install")
class TestMarketingDemo(TransactionCase):
    """The analyses of the demo data equal the totals computed by hand from its
    records (issue 16, Done when)."""

    def test_demo_analysis_equals_hand_totals(self):
        env = self.env
        project = env.ref("realty_base.realty_project_demo")
        measures = MEASURES
        groups = env["realty.marketing.analysis"]._read_group(
            [("project_id", "=", project.id)], ["campaign_id"], measures
        )
        seen = env["utm.campaign"]
        for campaign, *figures in groups:
            seen |= campaign
            cost = sum(
                env["realty.marketing.activity"]
                .search(
                    [
                        ("campaign_id", "=", campaign.id),
                        ("project_id", "=", project.id),
                    ]
                )
                .mapped("actual_cost")
            )
            visits = env["realty.visit"].search(
                [("project_id", "=", project.id), ("campaign_id", "=", campaign.id)]
            )
            leads = (
                env["crm.lead"]
                .with_context(active_test=False)
                .search(
                    [
                        ("realty_project_id", "=", project.id),
                        ("campaign_id", "=", campaign.id),
                    ]
                )
            )
            deals = env["realty.deal"].search(
                [("project_id", "=", project.id), ("status", "in", SIGNED)]
            )
            deals = deals.filtered(
                lambda deal, campaign=campaign: (
                    deal.opportunity_id.campaign_id == campaign
                )
            )
            n_visits = len(visits.filtered(lambda visit: visit.kind == "visit"))
            n_calls = len(visits) - n_visits
            expected = [
                cost,
                n_visits,
                n_calls,
                len(leads),
                len(deals),
                sum(deals.mapped("deal_total")),
                cost / n_visits if n_visits else 0,
                cost / len(leads) if leads else 0,
                cost / len(deals) if deals else 0,
            ]
            with self.subTest(campaign=campaign.name):
                for figure, hand in zip(figures, expected, strict=True):
                    self.assertAlmostEqual(figure, hand, places=2)
        demo = seen.filtered("realty_project_id")
        self.assertEqual(len(demo), 4, "the four demo campaigns")
        totals = env["realty.marketing.analysis"]._read_group(
            [("project_id", "=", project.id), ("campaign_id", "in", demo.ids)],
            [],
            ["cost:sum", "visit_count:sum", "deal_count:sum", "cost_per_deal:sum"],
        )[0]
        self.assertEqual(totals[0], 294_700)  # the six activities' actual cost
        self.assertGreater(totals[1], 0)
        self.assertEqual(totals[2], 2)  # two signed deals came from demo leads
        self.assertAlmostEqual(totals[3], 294_700 / 2)

    def test_demo_targets_equal_hand_totals(self):
        env = self.env
        tz = pytz.timezone(OFFICE_TZ)
        targets = env.ref("realty_sales.realty_sales_target_this_month_demo") | (
            env.ref("realty_sales.realty_sales_target_last_month_demo")
        )
        deals = env["realty.deal"].search(
            [
                ("project_id", "=", targets.project_id.id),
                ("status", "in", SIGNED),
                ("date_subscription", "!=", False),
            ]
        )
        self.assertTrue(deals, "the demo has subscribed deals")
        for target in targets:
            counted = deals.filtered(
                lambda deal, target=target: (
                    target.date_from
                    <= pytz.utc.localize(deal.date_subscription).astimezone(tz).date()
                    <= target.date_to
                )
            )
            with self.subTest(target=target.name):
                self.assertEqual(target.actual_units, len(counted))
                self.assertAlmostEqual(
                    target.actual_amount, sum(counted.mapped("deal_total")), places=2
                )
                self.assertAlmostEqual(
                    target.actual_area, sum(counted.mapped("pricing_area")), places=2
                )

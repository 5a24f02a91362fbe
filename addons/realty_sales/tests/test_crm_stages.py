"""The opportunity follows the customer (issue 16): a visit, a queue number and a
deal move it forward through the office stages, never back; and the first
consultant keeps the customer on the queue numbers and deals issued later."""

from odoo.tests import tagged

from ..models.crm_lead import OFFICE_STAGES
from .test_crm_customers import CrmCase


@tagged("post_install", "-at_install")
class TestOpportunityStages(CrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_a.partner_id = cls.buyer_c
        cls.stage = {
            name: cls.env.ref(f"realty_sales.crm_stage_{name}")
            for name in ("new_customer", "visited", "queued", "subscribed", "signed")
        }

    def visit(self, kind="visit", user=None):
        return (
            self.env["realty.visit"]
            .with_user(user or self.consultant)
            .create(
                {
                    "project_id": self.project.id,
                    "partner_id": self.buyer_c.id,
                    "opportunity_id": self.lead_a.id,
                    "kind": kind,
                }
            )
        )

    def issue(self, user=None):
        return (
            self.env["realty.queue.number"]
            .with_user(user or self.consultant)
            .create(
                {
                    "project_id": self.project.id,
                    "partner_id": self.buyer_c.id,
                    "category": "B",
                    "opportunity_id": self.lead_a.id,
                }
            )
        )

    def test_the_flow_moves_the_opportunity(self):
        lead = self.lead_a
        self.assertEqual(lead.stage_id, self.stage["new_customer"])
        self.visit(kind="call")
        self.assertEqual(lead.stage_id, self.stage["new_customer"], "a call only")
        self.visit()
        self.assertEqual(lead.stage_id, self.stage["visited"])
        self.issue()
        self.assertEqual(lead.stage_id, self.stage["queued"])
        deal = self.deal(
            opportunity_id=lead.id,
            deposit_amount=50000,
            subscription_signed=True,
            delivery_date="2027-06-30",
        )
        self.assertEqual(lead.stage_id, self.stage["queued"], "a draft deal only")
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        self.assertEqual(lead.stage_id, self.stage["subscribed"])
        # a visit after the subscription does not move it back
        self.visit()
        self.assertEqual(lead.stage_id, self.stage["subscribed"])
        deal.action_sign_contract()
        self.assertEqual(lead.stage_id, self.stage["signed"])
        self.assertEqual(lead.probability, 100, "签约 is crm's won stage")

    def test_a_lost_or_won_opportunity_stays(self):
        self.lead_a.action_set_lost()
        self.visit()
        lead = self.lead_a.with_context(active_test=False)
        self.assertFalse(lead.active)
        self.assertEqual(lead.stage_id, self.stage["new_customer"])

    def test_the_pipeline_shows_the_office_stages(self):
        domain = [
            ("type", "=", "opportunity"),
            ("realty_project_id", "=", self.project.id),
        ]
        Lead = self.env["crm.lead"].with_user(self.consultant)
        groups = Lead.with_context(realty_pipeline=True).read_group(
            domain, ["stage_id"], ["stage_id"]
        )
        self.assertEqual(
            [group["stage_id"][0] for group in groups],
            [self.env.ref(xmlid).id for xmlid in OFFICE_STAGES],
        )
        # crm's own pipeline keeps crm's stages
        groups = Lead.read_group(domain, ["stage_id"], ["stage_id"])
        self.assertIn(
            self.env.ref("crm.stage_lead1").id,
            [group["stage_id"][0] for group in groups],
        )


@tagged("post_install", "-at_install")
class TestFirstConsultantOnDocuments(CrmCase):
    """Consultant A follows 王先生 (lead_a's mobile); consultant B issues him a
    number and starts a deal: both are A's, and the attempts are logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer_c.mobile = "+86 138 0013 8000"  # lead_a's mobile, written otherwise

    def test_queue_number_goes_to_the_first_consultant(self):
        number = (
            self.env["realty.queue.number"]
            .with_user(self.consultant_b)
            .create(
                {
                    "project_id": self.project.id,
                    "partner_id": self.buyer_c.id,
                    "category": "B",
                }
            )
        )
        self.assertEqual(number.user_id, self.consultant)
        collision = self.collisions().filtered(
            lambda c: c.res_model == "realty.queue.number"
        )
        self.assertEqual(
            (
                collision.res_id,
                collision.claiming_user_id,
                collision.existing_user_id,
                collision.match_level,
            ),
            (number.id, self.consultant_b, self.consultant, "mobile"),
        )

    def test_deal_goes_to_the_first_consultant(self):
        deal = self.deal(user=self.consultant_b)
        self.assertEqual(deal.user_id, self.consultant)
        self.assertTrue(
            self.collisions().filtered(
                lambda c: c.res_model == "realty.deal" and c.res_id == deal.id
            )
        )

    def test_the_owner_and_new_customers_log_nothing(self):
        deal = self.deal(user=self.consultant)
        self.assertEqual(deal.user_id, self.consultant)
        other = self.deal(self.room_b, buyer=self.buyer_d, user=self.consultant_b)
        self.assertEqual(other.user_id, self.consultant_b, "nobody follows buyer D")
        self.assertFalse(
            self.collisions().filtered(lambda c: c.res_model == "realty.deal")
        )

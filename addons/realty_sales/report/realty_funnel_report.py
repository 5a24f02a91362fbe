"""The sales funnel (销售漏斗): lead → visit → queue number → deal → contract."""

from odoo import fields, models


class RealtyFunnelReport(models.Model):
    """One row per lead or opportunity of a project, with 1 or 0 for each step it
    reached: a visit or call, a queue number (not cancelled), a deal (started,
    whatever became of it) and a signed contract. Summed in a pivot by project,
    stage, consultant or campaign, the five measures are the funnel."""

    _name = "realty.funnel.report"
    _description = "Sales Funnel"
    _auto = False
    _order = "date desc"
    _depends = {
        "crm.lead": [
            "realty_project_id",
            "user_id",
            "stage_id",
            "campaign_id",
            "medium_id",
            "source_id",
            "company_id",
            "create_date",
            "active",
            "type",
        ],
        "realty.visit": ["opportunity_id"],
        "realty.queue.number": ["opportunity_id", "state"],
        "realty.deal": ["opportunity_id", "date_contract"],
    }

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    date = fields.Datetime(string="Created On", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    is_active = fields.Boolean(string="Open", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    visit_count = fields.Integer(string="Visited", readonly=True)
    queue_count = fields.Integer(string="Queued", readonly=True)
    deal_count = fields.Integer(string="Dealt", readonly=True)
    contract_count = fields.Integer(string="Signed", readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT
                l.id AS id,
                l.id AS lead_id,
                l.create_date AS date,
                l.realty_project_id AS project_id,
                l.user_id AS user_id,
                l.stage_id AS stage_id,
                l.campaign_id AS campaign_id,
                l.medium_id AS medium_id,
                l.source_id AS source_id,
                l.company_id AS company_id,
                l.active AS is_active,
                1 AS lead_count,
                (EXISTS (
                    SELECT 1 FROM realty_visit v WHERE v.opportunity_id = l.id
                ))::int AS visit_count,
                (EXISTS (
                    SELECT 1 FROM realty_queue_number q
                    WHERE q.opportunity_id = l.id AND q.state != 'cancelled'
                ))::int AS queue_count,
                (EXISTS (
                    SELECT 1 FROM realty_deal d WHERE d.opportunity_id = l.id
                ))::int AS deal_count,
                (EXISTS (
                    SELECT 1 FROM realty_deal d
                    WHERE d.opportunity_id = l.id AND d.date_contract IS NOT NULL
                ))::int AS contract_count
            FROM crm_lead l
            WHERE l.realty_project_id IS NOT NULL
        """

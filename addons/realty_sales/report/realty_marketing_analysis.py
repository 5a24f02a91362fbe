"""Marketing analysis (市场营销分析): what each campaign, medium and source cost and
brought, by project and month."""

from odoo import fields, models
from odoo.tools import SQL

from ..models.realty_sales_target import OFFICE_TZ, SIGNED_STATUSES

RATIOS = {
    "cost_per_visit": "visit_count",
    "cost_per_opportunity": "opportunity_count",
    "cost_per_deal": "deal_count",
}
"""Cost divided by a count: summed as such, they are the ratio of the sums."""
MEASURES = [
    "cost:sum",
    "visit_count:sum",
    "call_count:sum",
    "opportunity_count:sum",
    "deal_count:sum",
    "deal_amount:sum",
    *(f"{ratio}:sum" for ratio in RATIOS),
]
"""Every measure of the analysis, as a grouped read asks them (tests, bench)."""


def ratio_select(model, aggregate_spec, query, ratios, numerator, factor=1):
    """The SQL of a ratio measure: SUM(numerator) / SUM(denominator) of the group
    (0 where the denominator is 0), whatever aggregate the client asks."""
    fname = aggregate_spec.split(":")[0]
    if fname not in ratios:
        return None
    return SQL(
        "COALESCE(%s * SUM(%s)::numeric / NULLIF(SUM(%s), 0), 0)",
        factor,
        model._field_to_sql(model._table, numerator, query),
        model._field_to_sql(model._table, ratios[fname], query),
    )


def office_month(column):
    """The first day of the Beijing month of a UTC datetime column."""
    return SQL(
        "date_trunc('month', timezone(%s, timezone('UTC', %s)))::date",
        OFFICE_TZ,
        SQL(column),
    )


class RealtyMarketingAnalysis(models.Model):
    """One row per campaign, medium, source, project and month: the campaign's
    activities' actual cost, the visits and calls, the opportunities created, the
    deals started from them (active or closed) and their amount. Costs are the
    campaign's (its activities have no medium nor source). The cost per visit,
    opportunity and deal of a group are its cost over its count."""

    _name = "realty.marketing.analysis"
    _description = "Marketing Analysis"
    _auto = False
    _order = "date desc, id"
    _depends = {
        "realty.visit": [
            "date",
            "kind",
            "project_id",
            "campaign_id",
            "medium_id",
            "source_id",
        ],
        "crm.lead": [
            "create_date",
            "realty_project_id",
            "campaign_id",
            "medium_id",
            "source_id",
        ],
        "realty.deal": [
            "status",
            "project_id",
            "opportunity_id",
            "date_subscription",
            "deal_total",
        ],
        "realty.marketing.activity": ["campaign_id", "date", "actual_cost"],
        "utm.campaign": ["realty_project_id"],
        "realty.project": ["company_id"],
        "res.company": ["currency_id"],
    }

    date = fields.Date(string="Month", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    cost = fields.Monetary(string="Actual Cost", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    call_count = fields.Integer(string="Calls", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    deal_count = fields.Integer(string="Deals", readonly=True)
    deal_amount = fields.Monetary(readonly=True)
    cost_per_visit = fields.Monetary(string="Cost per Visit", readonly=True)
    cost_per_opportunity = fields.Monetary(string="Cost per Opportunity", readonly=True)
    cost_per_deal = fields.Monetary(string="Cost per Deal", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        return ratio_select(
            self, aggregate_spec, query, RATIOS, "cost"
        ) or super()._read_group_select(aggregate_spec, query)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                row_number() OVER (ORDER BY f.date, f.project_id, f.campaign_id,
                                   f.medium_id, f.source_id) AS id,
                f.*,
                p.company_id AS company_id,
                c.currency_id AS currency_id,
                COALESCE(f.cost / NULLIF(f.visit_count, 0), 0) AS cost_per_visit,
                COALESCE(f.cost / NULLIF(f.opportunity_count, 0), 0)
                    AS cost_per_opportunity,
                COALESCE(f.cost / NULLIF(f.deal_count, 0), 0) AS cost_per_deal
            FROM (
                SELECT campaign_id, medium_id, source_id, project_id, date,
                       SUM(cost) AS cost,
                       SUM(visit_count)::int AS visit_count,
                       SUM(call_count)::int AS call_count,
                       SUM(opportunity_count)::int AS opportunity_count,
                       SUM(deal_count)::int AS deal_count,
                       SUM(deal_amount) AS deal_amount
                FROM (
                    SELECT v.campaign_id, v.medium_id, v.source_id, v.project_id,
                           %(visit_month)s AS date, 0::numeric AS cost,
                           (v.kind = 'visit')::int AS visit_count,
                           (v.kind = 'call')::int AS call_count,
                           0 AS opportunity_count, 0 AS deal_count,
                           0::numeric AS deal_amount
                    FROM realty_visit v
                    UNION ALL
                    SELECT l.campaign_id, l.medium_id, l.source_id,
                           l.realty_project_id, %(lead_month)s, 0, 0, 0, 1, 0, 0
                    FROM crm_lead l
                    WHERE l.realty_project_id IS NOT NULL
                    UNION ALL
                    SELECT l.campaign_id, l.medium_id, l.source_id, d.project_id,
                           %(deal_month)s, 0, 0, 0, 0, 1, COALESCE(d.deal_total, 0)
                    FROM realty_deal d
                    LEFT JOIN crm_lead l ON l.id = d.opportunity_id
                    WHERE d.status IN %(statuses)s
                    UNION ALL
                    SELECT a.campaign_id, NULL, NULL, uc.realty_project_id,
                           date_trunc('month', a.date)::date,
                           COALESCE(a.actual_cost, 0), 0, 0, 0, 0, 0
                    FROM realty_marketing_activity a
                    JOIN utm_campaign uc ON uc.id = a.campaign_id
                ) facts
                GROUP BY campaign_id, medium_id, source_id, project_id, date
            ) f
            LEFT JOIN realty_project p ON p.id = f.project_id
            LEFT JOIN res_company c ON c.id = p.company_id
            """,
            visit_month=office_month("v.date"),
            lead_month=office_month("l.create_date"),
            deal_month=office_month("COALESCE(d.date_subscription, d.create_date)"),
            statuses=SIGNED_STATUSES,
        )

"""The customer analysis (客户分析): who the customers of a project are (district,
age, income) and what they look for (area, budget, usage, purpose), to read in a
pivot or a graph by any one or two of them, crossed."""

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.const import USAGES

from ..models.crm_lead import PURPOSES
from ..models.res_partner_analysis import INCOME_BANDS

AGE_BANDS = [
    ("lt25", "Under 25"),
    ("25_34", "25-34"),
    ("35_44", "35-44"),
    ("45_54", "45-54"),
    ("55_plus", "55 and over"),
]
AREA_BANDS = [
    ("lt90", "Under 90 m²"),
    ("90_120", "90-120 m²"),
    ("120_144", "120-144 m²"),
    ("144_plus", "144 m² and more"),
]
BUDGET_BANDS = [
    ("lt1m", "Under 1M"),
    ("1m_2m", "1M-2M"),
    ("2m_3m", "2M-3M"),
    ("3m_5m", "3M-5M"),
    ("5m_plus", "5M and more"),
]


def age_band(birth_date):
    """SQL: the age band of a birth date column (today's age)."""
    return SQL(
        """CASE
            WHEN %(birth)s IS NULL THEN NULL
            WHEN date_part('year', age(CURRENT_DATE, %(birth)s)) < 25 THEN 'lt25'
            WHEN date_part('year', age(CURRENT_DATE, %(birth)s)) < 35 THEN '25_34'
            WHEN date_part('year', age(CURRENT_DATE, %(birth)s)) < 45 THEN '35_44'
            WHEN date_part('year', age(CURRENT_DATE, %(birth)s)) < 55 THEN '45_54'
            ELSE '55_plus'
        END""",
        birth=birth_date,
    )


def area_band(area_min, area_max):
    """SQL: the area band of a need: the middle of its range (one end if the
    other is not given)."""
    area = SQL(
        "COALESCE((NULLIF(%(low)s, 0) + NULLIF(%(high)s, 0)) / 2, "
        "NULLIF(%(high)s, 0), NULLIF(%(low)s, 0))",
        low=area_min,
        high=area_max,
    )
    return SQL(
        """CASE
            WHEN %(area)s IS NULL THEN NULL
            WHEN %(area)s < 90 THEN 'lt90'
            WHEN %(area)s < 120 THEN '90_120'
            WHEN %(area)s < 144 THEN '120_144'
            ELSE '144_plus'
        END""",
        area=area,
    )


def budget_band(budget):
    """SQL: the budget band of a budget (CNY)."""
    return SQL(
        """CASE
            WHEN COALESCE(%(budget)s, 0) = 0 THEN NULL
            WHEN %(budget)s < 1000000 THEN 'lt1m'
            WHEN %(budget)s < 2000000 THEN '1m_2m'
            WHEN %(budget)s < 3000000 THEN '2m_3m'
            WHEN %(budget)s < 5000000 THEN '3m_5m'
            ELSE '5m_plus'
        END""",
        budget=budget,
    )


class RealtyCustomerAnalysis(models.Model):
    """One row per customer and project: every partner who has an opportunity, a
    visit or call, or a deal in the project. Their needs, source and consultant
    are those of their opportunity in the project (the newest open one, else the
    newest); the deals counted are the active and closed ones."""

    _name = "realty.customer.analysis"
    _description = "Customer Analysis"
    _auto = False
    _order = "project_id, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "res.partner": ["realty_district", "realty_income_band", "realty_birth_date"],
        "crm.lead": [
            "partner_id",
            "realty_project_id",
            "active",
            "user_id",
            "realty_area_min",
            "realty_area_max",
            "realty_budget",
            "realty_usage",
            "realty_purpose",
            "campaign_id",
            "medium_id",
            "source_id",
        ],
        "realty.visit": ["partner_id", "project_id", "kind"],
        "realty.deal": ["partner_id", "project_id", "status", "deal_total"],
        "realty.project": ["company_id"],
        "res.company": ["currency_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    opportunity_id = fields.Many2one("crm.lead", readonly=True)
    district = fields.Char(readonly=True)
    age_band = fields.Selection(AGE_BANDS, readonly=True)
    income_band = fields.Selection(INCOME_BANDS, readonly=True)
    area_band = fields.Selection(AREA_BANDS, readonly=True)
    budget_band = fields.Selection(BUDGET_BANDS, readonly=True)
    usage = fields.Selection(USAGES, readonly=True)
    purpose = fields.Selection(PURPOSES, readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    call_count = fields.Integer(string="Calls", readonly=True)
    has_deal = fields.Boolean(string="Bought", readonly=True)
    deal_count = fields.Integer(string="Deals", readonly=True)
    deal_amount = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                ROW_NUMBER() OVER (ORDER BY c.partner_id, c.project_id) AS id,
                c.partner_id, c.project_id, pr.company_id, co.currency_id,
                l.user_id, l.id AS opportunity_id,
                NULLIF(p.realty_district, '') AS district,
                %(age_band)s AS age_band,
                p.realty_income_band AS income_band,
                %(area_band)s AS area_band,
                %(budget_band)s AS budget_band,
                l.realty_usage AS usage, l.realty_purpose AS purpose,
                l.campaign_id, l.medium_id, l.source_id,
                1 AS customer_count,
                COALESCE(v.visit_count, 0) AS visit_count,
                COALESCE(v.call_count, 0) AS call_count,
                COALESCE(d.deal_count, 0) > 0 AS has_deal,
                COALESCE(d.deal_count, 0) AS deal_count,
                COALESCE(d.deal_amount, 0) AS deal_amount
            FROM (
                SELECT partner_id, realty_project_id AS project_id FROM crm_lead
                WHERE partner_id IS NOT NULL AND realty_project_id IS NOT NULL
                UNION
                SELECT partner_id, project_id FROM realty_visit
                WHERE partner_id IS NOT NULL
                UNION
                SELECT partner_id, project_id FROM realty_deal
                WHERE partner_id IS NOT NULL
            ) c
            JOIN res_partner p ON p.id = c.partner_id
            JOIN realty_project pr ON pr.id = c.project_id
            LEFT JOIN res_company co ON co.id = pr.company_id
            LEFT JOIN (
                SELECT DISTINCT ON (partner_id, realty_project_id) *
                FROM crm_lead
                WHERE partner_id IS NOT NULL AND realty_project_id IS NOT NULL
                ORDER BY partner_id, realty_project_id, active DESC,
                    create_date DESC, id DESC
            ) l ON l.partner_id = c.partner_id AND l.realty_project_id = c.project_id
            LEFT JOIN (
                SELECT partner_id, project_id,
                    COUNT(*) FILTER (WHERE kind = 'visit') AS visit_count,
                    COUNT(*) FILTER (WHERE kind = 'call') AS call_count
                FROM realty_visit
                GROUP BY partner_id, project_id
            ) v ON v.partner_id = c.partner_id AND v.project_id = c.project_id
            LEFT JOIN (
                SELECT partner_id, project_id, COUNT(*) AS deal_count,
                    SUM(deal_total) AS deal_amount
                FROM realty_deal
                WHERE status IN ('active', 'closed')
                GROUP BY partner_id, project_id
            ) d ON d.partner_id = c.partner_id AND d.project_id = c.project_id
            """,
            age_band=age_band(SQL("p.realty_birth_date")),
            area_band=area_band(SQL("l.realty_area_min"), SQL("l.realty_area_max")),
            budget_band=budget_band(SQL("l.realty_budget")),
        )

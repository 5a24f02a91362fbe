"""Targets against actuals (销售预算执行) by project and month."""

from odoo import fields, models
from odoo.tools import SQL

from ..models.realty_sales_target import SIGNED_STATUSES
from .realty_marketing_analysis import office_month, ratio_select

RATIOS = {
    "achievement_units": ("actual_units", "target_units"),
    "achievement_area": ("actual_area", "target_area"),
    "achievement_amount": ("actual_amount", "target_amount"),
}


class RealtySalesTargetReport(models.Model):
    """One row per project and month: the targets starting that month and the
    deals subscribed that month (Beijing days, active or closed). The achievement
    of a group is its actual over its target, in percent."""

    _name = "realty.sales.target.report"
    _description = "Sales Targets Analysis"
    _auto = False
    _order = "date desc, project_id"
    _depends = {
        "realty.sales.target": [
            "project_id",
            "date_from",
            "target_units",
            "target_area",
            "target_amount",
        ],
        "realty.deal": [
            "status",
            "project_id",
            "date_subscription",
            "pricing_area",
            "deal_total",
        ],
        "realty.project": ["company_id"],
        "res.company": ["currency_id"],
    }

    date = fields.Date(string="Month", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    target_units = fields.Integer(readonly=True)
    target_area = fields.Float(
        string="Target Area (m²)", digits="Realty Area", readonly=True
    )
    target_amount = fields.Monetary(readonly=True)
    actual_units = fields.Integer(string="Signed Units", readonly=True)
    actual_area = fields.Float(
        string="Signed Area (m²)", digits="Realty Area", readonly=True
    )
    actual_amount = fields.Monetary(string="Signed Amount", readonly=True)
    achievement_units = fields.Float(string="Units Achieved (%)", readonly=True)
    achievement_area = fields.Float(string="Area Achieved (%)", readonly=True)
    achievement_amount = fields.Float(string="Amount Achieved (%)", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname in RATIOS:
            actual, target = RATIOS[fname]
            return ratio_select(
                self, aggregate_spec, query, {fname: target}, actual, 100
            )
        return super()._read_group_select(aggregate_spec, query)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                row_number() OVER (ORDER BY f.date, f.project_id) AS id,
                f.*,
                p.company_id AS company_id,
                c.currency_id AS currency_id,
                COALESCE(100.0 * f.actual_units / NULLIF(f.target_units, 0), 0)
                    AS achievement_units,
                COALESCE(100.0 * f.actual_area / NULLIF(f.target_area, 0), 0)
                    AS achievement_area,
                COALESCE(100.0 * f.actual_amount / NULLIF(f.target_amount, 0), 0)
                    AS achievement_amount
            FROM (
                SELECT project_id, date,
                       SUM(target_units)::int AS target_units,
                       SUM(target_area) AS target_area,
                       SUM(target_amount) AS target_amount,
                       SUM(actual_units)::int AS actual_units,
                       SUM(actual_area) AS actual_area,
                       SUM(actual_amount) AS actual_amount
                FROM (
                    SELECT t.project_id, date_trunc('month', t.date_from)::date AS date,
                           COALESCE(t.target_units, 0) AS target_units,
                           COALESCE(t.target_area, 0) AS target_area,
                           COALESCE(t.target_amount, 0) AS target_amount,
                           0 AS actual_units, 0::numeric AS actual_area,
                           0::numeric AS actual_amount
                    FROM realty_sales_target t
                    UNION ALL
                    SELECT d.project_id, %(deal_month)s, 0, 0, 0, 1,
                           COALESCE(d.pricing_area, 0), COALESCE(d.deal_total, 0)
                    FROM realty_deal d
                    WHERE d.status IN %(statuses)s
                      AND d.date_subscription IS NOT NULL
                ) facts
                GROUP BY project_id, date
            ) f
            LEFT JOIN realty_project p ON p.id = f.project_id
            LEFT JOIN res_company c ON c.id = p.company_id
            """,
            deal_month=office_month("d.date_subscription"),
            statuses=SIGNED_STATUSES,
        )

"""The sales forecast (销售预测) by month: the signings expected from the open
opportunities and the collections expected from the signed deals' schedules."""

from odoo import fields, models
from odoo.tools import SQL

FORECAST_KINDS = [
    ("signing", "Expected Signing"),
    ("collection", "Expected Collection"),
]


class RealtySalesForecast(models.Model):
    """One row per open opportunity (kind ``signing``: its probability × its
    expected value, in the month of its expected closing) and per unpaid schedule
    line of a signed deal (kind ``collection``: what is still owed on it, in the
    month it is due). The payments recorded on a deal settle its lines of the same
    item earliest due first, as the handover checks count them
    (``realty.deal._handover_outstanding``); the loan disbursements settle both
    loan lines. Cancelled and upgraded deals are left out."""

    _name = "realty.sales.forecast"
    _description = "Sales Forecast"
    _auto = False
    _order = "date, id"
    _rec_name = "date"
    _depends = {
        "crm.lead": [
            "realty_project_id",
            "company_id",
            "user_id",
            "probability",
            "expected_revenue",
            "date_deadline",
            "active",
            "type",
            "stage_id",
        ],
        "crm.stage": ["is_won"],
        "realty.deal": [
            "project_id",
            "company_id",
            "user_id",
            "status",
            "date_contract",
        ],
        "realty.deal.schedule.line": ["deal_id", "item", "due_date", "payable"],
        "realty.deal.payment": ["deal_id", "item", "amount"],
        "res.company": ["currency_id"],
    }

    date = fields.Date(string="Month", readonly=True)
    kind = fields.Selection(FORECAST_KINDS, readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    opportunity_id = fields.Many2one("crm.lead", readonly=True)
    deal_id = fields.Many2one("realty.deal", readonly=True)
    amount = fields.Monetary(string="Expected Amount", readonly=True)
    signing_amount = fields.Monetary(string="Expected Signing", readonly=True)
    collection_amount = fields.Monetary(string="Expected Collection", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT f.*, c.currency_id AS currency_id,
                CASE WHEN f.kind = 'signing' THEN f.amount ELSE 0 END
                    AS signing_amount,
                CASE WHEN f.kind = 'collection' THEN f.amount ELSE 0 END
                    AS collection_amount
            FROM (
                SELECT l.id * 2 AS id, 'signing' AS kind, l.date_deadline AS date,
                    l.realty_project_id AS project_id, l.company_id AS company_id,
                    l.user_id AS user_id, l.id AS opportunity_id,
                    NULL::integer AS deal_id,
                    ROUND((COALESCE(l.probability, 0) / 100.0
                        * COALESCE(l.expected_revenue, 0))::numeric, 2) AS amount
                FROM crm_lead l
                LEFT JOIN crm_stage s ON s.id = l.stage_id
                WHERE l.realty_project_id IS NOT NULL
                    AND l.active
                    AND l.type = 'opportunity'
                    AND l.date_deadline IS NOT NULL
                    AND NOT COALESCE(s.is_won, FALSE)
                UNION ALL
                SELECT o.line_id * 2 + 1, 'collection', o.due_date, d.project_id,
                    d.company_id, d.user_id, d.opportunity_id, d.id, o.owed
                FROM (
                    SELECT sl.id AS line_id, sl.deal_id, sl.due_date,
                        LEAST(sl.payable, GREATEST(
                            SUM(sl.payable) OVER (
                                PARTITION BY sl.deal_id, %(key)s
                                ORDER BY sl.due_date, sl.sequence, sl.id
                            ) - COALESCE(paid.amount, 0),
                            0
                        )) AS owed
                    FROM realty_deal_schedule_line sl
                    LEFT JOIN (
                        SELECT p.deal_id, p.item AS key, SUM(p.amount) AS amount
                        FROM realty_deal_payment p
                        GROUP BY p.deal_id, p.item
                    ) paid ON paid.deal_id = sl.deal_id AND paid.key = %(key)s
                ) o
                JOIN realty_deal d ON d.id = o.deal_id
                WHERE d.date_contract IS NOT NULL
                    AND d.status NOT IN ('cancelled', 'upgraded')
                    AND o.owed > 0
            ) AS f
            LEFT JOIN res_company c ON c.id = f.company_id
            """,
            key=SQL(
                "CASE WHEN sl.item IN ('commercial_loan', 'provident_loan') "
                "THEN 'loan' ELSE sl.item END"
            ),
        )

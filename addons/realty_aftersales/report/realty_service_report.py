"""The after-sales overview (服务概况): a read-only SQL view over the cases' stage
history, for pivot, graph and list views."""

from odoo import fields, models

from ..models.realty_service_type import LOAN_KINDS


class RealtyServiceReport(models.Model):
    """One row per stay of a case in a stage: counts of the cases in each stage
    now (``case_count``) and of those overdue, and the days spent per stage
    (the current stay counts up to now), per project, type and bank."""

    _name = "realty.service.report"
    _description = "After-Sales Overview"
    _auto = False
    _order = "date_in desc"
    _depends = {
        "realty.service.case.stage.log": [
            "case_id",
            "stage_id",
            "date_in",
            "date_out",
        ],
        "realty.service.case": [
            "deal_id",
            "type_id",
            "stage_id",
            "project_id",
            "company_id",
            "authority_id",
            "user_id",
            "loan_kind",
            "date_deadline",
        ],
    }

    case_id = fields.Many2one("realty.service.case", readonly=True)
    deal_id = fields.Many2one("realty.deal", readonly=True)
    type_id = fields.Many2one(
        "realty.service.type", string="Service Type", readonly=True
    )
    stage_id = fields.Many2one("realty.service.stage", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    authority_id = fields.Many2one(
        "res.partner", string="Bank / Authority", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    loan_kind = fields.Selection(LOAN_KINDS, string="Loan", readonly=True)
    date_in = fields.Datetime(string="Entered", readonly=True)
    date_out = fields.Datetime(string="Left", readonly=True)
    is_current = fields.Boolean(string="Current Stage", readonly=True)
    case_count = fields.Integer(
        string="Cases in Stage", readonly=True, help="Cases in this stage now."
    )
    overdue_count = fields.Integer(
        string="Overdue", readonly=True, help="Cases in this stage past its deadline."
    )
    days = fields.Float(
        string="Average Days",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Days spent in the stage (the current stay up to now).",
    )

    @property
    def _table_query(self):
        return """
            SELECT
                l.id AS id,
                l.case_id AS case_id,
                c.deal_id AS deal_id,
                c.type_id AS type_id,
                l.stage_id AS stage_id,
                c.project_id AS project_id,
                c.company_id AS company_id,
                c.authority_id AS authority_id,
                c.user_id AS user_id,
                c.loan_kind AS loan_kind,
                l.date_in AS date_in,
                l.date_out AS date_out,
                l.date_out IS NULL AS is_current,
                CASE WHEN l.date_out IS NULL THEN 1 ELSE 0 END AS case_count,
                CASE
                    WHEN l.date_out IS NULL AND c.date_deadline < CURRENT_DATE
                    THEN 1 ELSE 0
                END AS overdue_count,
                EXTRACT(
                    EPOCH FROM
                    COALESCE(l.date_out, NOW() AT TIME ZONE 'UTC') - l.date_in
                ) / 86400.0 AS days
            FROM realty_service_case_stage_log l
            JOIN realty_service_case c ON c.id = l.case_id
        """

from odoo import fields, models

OUTCOMES = [
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("timeout", "No Answer in Time"),
    ("unavailable", "System Unavailable"),
    ("error", "Network Error"),
    ("stray", "Answer for Another Request"),
    ("refused", "Refused by the System"),
]


class RealtyFilingAttempt(models.Model):
    """One request the queue sent for a filing, and how it ended: the log of what
    the city system was asked and answered (written by the queue only)."""

    _name = "realty.filing.attempt"
    _description = "Filing Attempt"
    _order = "filing_id, date desc, id desc"

    filing_id = fields.Many2one(
        "realty.filing", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(related="filing_id.project_id", store=True)
    company_id = fields.Many2one(related="filing_id.company_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    idempotency_key = fields.Char()
    outcome = fields.Selection(OUTCOMES, required=True)
    http_status = fields.Integer(string="HTTP Status")
    duration_ms = fields.Integer(string="Duration (ms)")
    detail = fields.Char()

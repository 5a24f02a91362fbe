from odoo import fields, models

QUEUE_STATES = [
    ("issued", "Issued"),
    ("converted", "Converted to a Deal"),
    ("transferred", "Transferred to Another Phase"),
    ("refunded", "Refunded"),
    ("cancelled", "Cancelled"),
]


class RealtyQueueNumber(models.Model):
    """A queue number (预约排号) bought with a sincerity deposit (诚意金, §5.6, §10.1)."""

    _name = "realty.queue.number"
    _description = "Queue Number"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "project_id, category, sequence_number, id"
    _check_company_auto = True

    name = fields.Char(required=True, copy=False, readonly=True, default="/")
    project_id = fields.Many2one("realty.project", required=True, index=True)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    phase_id = fields.Many2one("realty.phase", domain="[('project_id', '=', project_id)]")
    category = fields.Char(required=True, default="B", help="A: VIP, B: general, …")
    sequence_number = fields.Integer(readonly=True, copy=False)
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True, index=True)
    sincerity_amount = fields.Monetary(string="Sincerity Deposit")
    date_received = fields.Date()
    state = fields.Selection(QUEUE_STATES, required=True, default="issued", tracking=True)
    deal_id = fields.Many2one("realty.deal", readonly=True, copy=False)

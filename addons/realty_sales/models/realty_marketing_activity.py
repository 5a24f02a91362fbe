from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import AMOUNT
from odoo.addons.realty_base.tools import errors as codes

ACTIVITY_KINDS = [
    ("event", "Event"),
    ("ad", "Outdoor Ad"),
    ("print", "Print Media"),
    ("online", "Online"),
    ("sms", "SMS"),
    ("other", "Other"),
]


class RealtyMarketingActivity(models.Model):
    """One activity of a campaign (营销活动): an event, an ad, a print run, an online
    or SMS push, with its budget and what it actually cost."""

    _name = "realty.marketing.activity"
    _description = "Marketing Activity"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(
        "utm.campaign", required=True, index=True, ondelete="cascade", tracking=True
    )
    project_id = fields.Many2one(
        related="campaign_id.realty_project_id", store=True, index=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    currency_id = fields.Many2one(related="campaign_id.currency_id")
    kind = fields.Selection(
        ACTIVITY_KINDS, required=True, default="event", tracking=True
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    budget = fields.Monetary(bounds=AMOUNT, tracking=True)
    actual_cost = fields.Monetary(bounds=AMOUNT, tracking=True)
    notes = fields.Text()

    @api.constrains("budget", "actual_cost")
    def _check_amounts(self):
        for activity in self:
            if activity.budget < 0 or activity.actual_cost < 0:
                raise RealtyValidationError(
                    codes.ERR_AMOUNT_RANGE,
                    self.env._("An activity's budget and cost are not negative."),
                )

from odoo import fields, models

from odoo.addons.realty_base.const import SCHEDULE_ITEMS


class RealtyDealScheduleLine(models.Model):
    """A line of a deal's payment schedule (§5.1): what is due when. The lines sum
    exactly to the deal total; money already received is credited (§5.8)."""

    _name = "realty.deal.schedule.line"
    _description = "Deal Schedule Line"
    _order = "deal_id, sequence, due_date, id"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="deal_id.currency_id")
    sequence = fields.Integer(default=10)
    item = fields.Selection(SCHEDULE_ITEMS, required=True)
    due_date = fields.Date(required=True)
    amount = fields.Monetary(aggregator="sum")
    credit = fields.Monetary(
        string="Credited",
        aggregator="sum",
        help="Money received before, credited here.",
    )
    payable = fields.Monetary(aggregator="sum")

from odoo import fields, models

from ..const import ROOM_STATES


class RealtyPricePlanLine(models.Model):
    """What a price plan does to one room, computed by its preview: old and new
    prices, or why the room is skipped (a locked price, §3.8)."""

    _name = "realty.price.plan.line"
    _description = "Price Plan Line"
    _order = "plan_id, building_id, room_id"

    plan_id = fields.Many2one(
        "realty.price.plan", required=True, index=True, ondelete="cascade"
    )
    # stored and set by the preview: a related currency would be computed per line
    # for each Monetary field when 10,000 lines are created
    currency_id = fields.Many2one("res.currency", required=True)
    room_id = fields.Many2one(
        "realty.room", required=True, index=True, ondelete="cascade"
    )
    building_id = fields.Many2one(
        related="room_id.building_id", store=True, precompute=True, index=True
    )
    layout_id = fields.Many2one(
        related="room_id.layout_id", store=True, precompute=True
    )
    room_state = fields.Selection(ROOM_STATES, string="Room State at Preview")
    area = fields.Float(string="Pricing Area", digits="Realty Area")
    old_unit = fields.Monetary(string="Old Unit Price")
    old_total = fields.Monetary(aggregator="sum")
    new_unit = fields.Monetary(string="New Unit Price")
    new_total = fields.Monetary(aggregator="sum")
    diff_total = fields.Monetary(string="Change", aggregator="sum")
    skipped = fields.Boolean(index=True)
    skip_reason = fields.Char()

    _sql_constraints = [
        ("room_uniq", "unique(plan_id, room_id)", "A room appears once in a plan.")
    ]

from odoo import fields, models


class RealtyPricePlanCompareLine(models.TransientModel):
    _name = "realty.price.plan.compare.line"
    _description = "Compare Price Plans: Room"
    _order = "building_id, room_id"

    compare_id = fields.Many2one(
        "realty.price.plan.compare", required=True, ondelete="cascade"
    )
    room_id = fields.Many2one("realty.room", required=True, ondelete="cascade")
    building_id = fields.Many2one(related="room_id.building_id", store=True)
    layout_id = fields.Many2one(related="room_id.layout_id", store=True)
    currency_id = fields.Many2one(related="room_id.currency_id")
    unit_a = fields.Monetary(string="Unit Price A")
    total_a = fields.Monetary(aggregator="sum")
    unit_b = fields.Monetary(string="Unit Price B")
    total_b = fields.Monetary(aggregator="sum")
    difference = fields.Monetary(aggregator="sum")

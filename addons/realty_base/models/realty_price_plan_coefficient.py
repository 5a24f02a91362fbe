from odoo import fields, models

from ..const import DECORATIONS, ORIENTATIONS, USAGES

CRITERIA = [
    ("orientation", "Orientation"),
    ("view", "View"),
    ("layout", "Layout"),
    ("usage", "Usage"),
    ("position", "Position on the Floor"),
    ("stair", "Entrance"),
    ("decoration", "Decoration"),
    ("building", "Building"),
]


class RealtyPricePlanCoefficient(models.Model):
    """A coefficient of the §3.2 method: an additive 元/m² (e.g. a layout premium) or
    a percentage (orientation +1 %, lake view +2 %) for the rooms that match."""

    _name = "realty.price.plan.coefficient"
    _description = "Price Plan Coefficient"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        "realty.price.plan", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(
        default=10, help="Percentages apply one after the other in this order."
    )
    criterion = fields.Selection(CRITERIA, required=True, default="orientation")
    orientation = fields.Selection(ORIENTATIONS)
    view_tag_id = fields.Many2one("realty.view.tag", string="View")
    layout_id = fields.Many2one("realty.layout")
    usage = fields.Selection(USAGES)
    position = fields.Integer()
    stair_code = fields.Char(string="Entrance")
    decoration = fields.Selection(DECORATIONS)
    building_id = fields.Many2one("realty.building")
    method = fields.Selection(
        [("percent", "Percentage"), ("additive", "Amount per m²")],
        required=True,
        default="percent",
    )
    amount = fields.Float(
        digits=(16, 4),
        help="Percentage: 1.5 means +1.5 %; amount per m²: yuan added to the unit "
        "price.",
    )

from odoo import fields, models


class RealtyPricePlanFloor(models.Model):
    """A floor whose step amount differs from the plan's floor step (§3.2), e.g. the
    first floor with a garden or the top floor with a terrace."""

    _name = "realty.price.plan.floor"
    _description = "Price Plan Floor Override"
    _order = "plan_id, floor"

    plan_id = fields.Many2one(
        "realty.price.plan", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    floor = fields.Integer(string="Physical Floor", required=True)
    amount = fields.Monetary(
        string="Amount per m²",
        help="Replaces floor_step × (floor − base floor) for this floor.",
    )

    _sql_constraints = [
        ("floor_uniq", "unique(plan_id, floor)", "One override per floor and plan.")
    ]

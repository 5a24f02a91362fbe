from odoo import fields, models


class RealtyBenchBuyer(models.Model):
    """An eligible buyer of the bench: a portal user with a queue number (and its
    sincerity deposit) in a family."""

    _name = "realty.bench.buyer"
    _description = "Bench Buyer"

    user_id = fields.Many2one("res.users", required=True, index=True)
    partner_id = fields.Many2one("res.partner", required=True)
    family_id = fields.Many2one("realty.bench.family", required=True, index=True)
    queue_number_id = fields.Many2one("realty.queue.number")
    building_id = fields.Many2one("realty.building", required=True)

    _sql_constraints = [("user_uniq", "unique(user_id)", "One buyer per user.")]

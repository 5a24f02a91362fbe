from odoo import fields, models

from odoo.addons.realty_base.inputs import PERCENT


class RealtyChangeOrderBuyer(models.Model):
    """A buyer of the deal after a rename (更名, §2.4 R8)."""

    _name = "realty.change.order.buyer"
    _inherit = ["realty.change.order.line.mixin"]
    _description = "Change Order: New Buyer"
    _order = "change_order_id, sequence, id"

    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    share = fields.Float(bounds=PERCENT, string="Share (%)", digits=(5, 2))
    relation = fields.Char()

    _sql_constraints = [
        ("share_range", "CHECK(share >= 0 AND share <= 100)", "A share is 0 to 100 %."),
    ]
